"""Corpus computations on Dask: the same answers as one machine, from a laptop to a cluster.

:func:`read_corpus` reads one or many corpus files (JSON Lines, gzip or not, local paths or any
fsspec URL) into a :class:`DaskCorpus`: a Dask bag of the articles, partitioned by blocks of
lines, beside the small entities (site, authors, categories, tags) held on the client.  Every
line is read by the single-machine reader's code, so a bad record raises the same error naming
the file and the line; the corpus rules (dangling references, duplicate ids and slugs) are those
of :class:`~newsmodel.values.corpus.Corpus`, checked per partition and, for ids and slugs, across all
partitions by a hash-partitioned group-by.

Aggregates are :mod:`newsmodel.widgets.partials` values counted per partition and merged in a tree
(:meth:`DaskCorpus.aggregate`), so archives, calendars, the tag cloud, category counts and the
per-author and per-source statistics equal the single-machine indexes' answers.  Results are
written as partitioned JSON Lines or Parquet files (:func:`write_jsonl`, :func:`write_parquet`).

Needs the ``dask`` extra (``dask[dataframe]``, ``distributed``, ``pyarrow``); nothing in the
core imports this module.

>>> import os, tempfile
>>> from datetime import datetime, timezone
>>> from newsmodel.sample import generate
>>> from newsmodel.serialize import write_corpus
>>> path = os.path.join(tempfile.mkdtemp(), "corpus.jsonl")
>>> from newsmodel.widgets.tagcloud import TagCloudIndex
>>> single = generate(articles=300)
>>> write_corpus(single, path)
>>> corpus = read_corpus(path, blocksize=50_000, scheduler="sync")
>>> corpus.articles.npartitions > 1
True
>>> as_of = datetime(2026, 1, 15, tzinfo=timezone.utc)
>>> corpus.tag_cloud(as_of=as_of) == TagCloudIndex.build(single).tag_cloud(as_of=as_of)
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from operator import add
from typing import Any, Literal, TypeVar

import attrs

from newsmodel.dask_check import check_part, check_tasks, place, raise_found
from newsmodel.values._validate import INTEGER, OPTIONAL_STRING, STRING, instance_of
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import (
    CorpusError,
    FormatError,
    MissingDependency,
)
from newsmodel.values.model import Article, Author, Category, Site, Tag
from newsmodel.widgets.archives import Archives, archives_of
from newsmodel.widgets.calendar import MonthCalendar, month_calendar_of
from newsmodel.widgets.partials import CategoryCounts, DayCounts, GroupStat, GroupStats, TagCounts
from newsmodel.widgets.tagcloud import TagCloud, tag_cloud_of

try:
    import dask.bag as db
    import dask.dataframe as dd
    import fsspec
    import pandas as pd
    import pyarrow as pa
    from dask.base import compute as dask_compute
    from dask.base import persist as dask_persist
    from dask.delayed import Delayed, delayed
except ImportError as exc:  # pragma: no cover - the dask extra is installed in development
    raise MissingDependency(f"newsmodel.dask needs the 'dask' extra (pip install 'newsmodel-py[dask]'): {exc}") from exc

__all__ = [
    "DEFAULT_BLOCKSIZE",
    "Block",
    "DaskCorpus",
    "article_row",
    "read_corpus",
    "read_wxr_files",
    "write_jsonl",
    "write_parquet",
]

#: Bytes of a plain (not gzip) file per partition; a gzip file is one partition (it cannot be split).
DEFAULT_BLOCKSIZE = 64 * 2**20

P = TypeVar("P")

_KIND_ORDER = {"author": 0, "category": 1, "tag": 2}


# --------------------------------------------------------------------------- blocks of lines


@attrs.frozen(kw_only=True)
class Block:
    """Bytes ``[start, end)`` of the ``file``-th file (``end`` None: to the end; gzip files are one block).

    A line belongs to the block holding its first byte; a line longer than a block is read whole
    by that block, and the blocks it covers own no line.
    """

    url: str = attrs.field(validator=STRING)
    file: int = attrs.field(validator=INTEGER)
    start: int = attrs.field(validator=INTEGER)
    end: int | None = attrs.field(validator=instance_of(int, "an integer", optional=True))
    compression: str | None = attrs.field(validator=OPTIONAL_STRING)


def _compression(url: str) -> str | None:
    return "gzip" if url.endswith(".gz") else None


def _plan(urls: Sequence[str], blocksize: int, storage_options: dict[str, Any]) -> tuple[list[Block], int]:
    """The blocks of the files, and the files' total size in bytes."""
    blocks = []
    total = 0
    for i, url in enumerate(urls):
        compression = _compression(url)
        fs, path = fsspec.core.url_to_fs(url, **storage_options)
        size = fs.size(path)
        total += size
        if compression is not None or size <= blocksize:
            blocks.append(Block(url=url, file=i, start=0, end=None, compression=compression))
            continue
        for start in range(0, size, blocksize):
            end = min(start + blocksize, size)
            blocks.append(Block(url=url, file=i, start=start, end=end if end < size else None, compression=None))
    return blocks, total


def _open(block: Block, storage_options: dict[str, Any]) -> Any:
    return fsspec.open(block.url, "rb", compression=block.compression, **storage_options)


_CHUNK = 2**20


def count_newlines(block: Block, storage_options: dict[str, Any]) -> int:
    """The number of line feeds in the block's bytes (its lines' numbering needs those before it)."""
    with _open(block, storage_options) as f:
        f.seek(block.start)
        left = None if block.end is None else block.end - block.start
        n = 0
        while left is None or left > 0:
            chunk = f.read(_CHUNK if left is None else min(_CHUNK, left))
            if not chunk:
                break
            n += chunk.count(b"\n")
            if left is not None:
                left -= len(chunk)
        return n


def _block_lines(f: Any, block: Block) -> Iterator[bytes]:
    """The lines whose first byte is in the block: skip to the first line start at or after ``start``."""
    pos = block.start
    if block.start > 0:
        f.seek(block.start - 1)
        pos = block.start - 1
        # skip the rest of the line holding byte start-1, looking no further than the block's end
        while True:
            chunk = f.read(_CHUNK if block.end is None else max(1, min(_CHUNK, block.end - pos)))
            if not chunk:
                return
            cut = chunk.find(b"\n")
            if cut >= 0:
                pos += cut + 1
                f.seek(pos)
                break
            pos += len(chunk)
            if block.end is not None and pos >= block.end:
                return
    while block.end is None or pos < block.end:
        line = f.readline()
        if not line:
            return
        pos += len(line)
        yield line


# --------------------------------------------------------------------------- one partition


@attrs.define
class Part:
    """What one block holds: the site (its file's header), small entities, articles and their lines."""

    block: Block
    site: Site | None = None
    entities: list[tuple[str, int, Any]] = attrs.Factory(list)  # (kind, line, value)
    articles: list[Article] = attrs.Factory(list)
    lines: list[int] = attrs.Factory(list)


def read_block(block: Block, newlines_before: int, strict: bool, storage_options: dict[str, Any]) -> Part:
    """Parse the records of one block with the single-machine reader's code (errors name file and line).

    ``newlines_before`` counts the line feeds of the file before the block's start.
    """
    from newsmodel.serialize import _iter_raw

    part = Part(block=block)
    with _open(block, storage_options) as f:
        first_line = newlines_before + 1
        if block.start > 0:
            f.seek(block.start - 1)
            if f.read(1) != b"\n":  # the block starts inside a line: its first own line is the next one
                first_line += 1
        records = _iter_raw(
            _block_lines(f, block), strict=strict, name=block.url, first_line=first_line, header=block.start == 0
        )
        for line, kind, value in records:
            if kind == "article":
                part.articles.append(value)
                part.lines.append(line)
            elif kind == "site":
                part.site = value
            else:
                part.entities.append((kind, line, value))
    return part


def _newlines_before(blocks: Sequence[Block], storage_options: dict[str, Any]) -> list[Any]:
    """The line feeds before each block in its file: 0 for a file's first block, else a delayed running sum."""
    out: list[Any] = []
    running: Any = 0
    for i, block in enumerate(blocks):
        if block.start == 0:
            running = 0
        else:
            counted = delayed(count_newlines, pure=True)(blocks[i - 1], storage_options)
            running = delayed(add, pure=True)(running, counted)
        out.append(running)
    return out


def _entities_of(part: Part) -> list[tuple[int, int, str, Any]]:
    """The block's site (its file's header) and small entities: (file, line, kind, value)."""
    rows = [(part.block.file, line, kind, value) for kind, line, value in part.entities]
    if part.site is not None:
        rows.insert(0, (part.block.file, 1, "site", part.site))
    return rows


# --------------------------------------------------------------------------- rows


def article_row(article: Article) -> dict[str, Any]:
    """One flat row per article: ids, dates (UTC), counts from the body, for a DataFrame or a warehouse.

    >>> from datetime import datetime, timezone
    >>> row = article_row(Article(id="1", slug="a", title="A", published=datetime(2025, 1, 1, tzinfo=timezone.utc)))
    >>> row["id"], row["words"], row["published"].isoformat()
    ('1', 0, '2025-01-01T00:00:00+00:00')
    """
    from newsmodel.bodies.textstats import reading_time

    rt = reading_time(article.body)
    return {
        "id": article.id,
        "slug": article.slug,
        "title": article.title,
        "status": article.status.value,
        "published": pd.Timestamp(article.published).tz_convert("UTC") if article.published is not None else None,
        "modified": pd.Timestamp(article.modified).tz_convert("UTC") if article.modified is not None else None,
        "author_ids": list(article.author_ids),
        "main_category_id": article.main_category_id,
        "category_ids": list(article.category_ids),
        "tag_ids": list(article.tag_ids),
        "source_publisher": article.source.publisher if article.source is not None else None,
        "words": rt.words,
        "reading_minutes": rt.minutes,
    }


_STR = pd.ArrowDtype(pa.string())
_LIST = pd.ArrowDtype(pa.list_(pa.string()))
_ROW_DTYPES: dict[str, Any] = {
    "id": _STR,
    "slug": _STR,
    "title": _STR,
    "status": _STR,
    "published": pd.ArrowDtype(pa.timestamp("us", tz="UTC")),
    "modified": pd.ArrowDtype(pa.timestamp("us", tz="UTC")),
    "author_ids": _LIST,
    "main_category_id": _STR,
    "category_ids": _LIST,
    "tag_ids": _LIST,
    "source_publisher": _STR,
    "words": pd.ArrowDtype(pa.int64()),
    "reading_minutes": pd.ArrowDtype(pa.int64()),
}
_ROW_META = pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in _ROW_DTYPES.items()})


def _rows_frame(articles: list[Article]) -> pd.DataFrame:
    rows = [article_row(a) for a in articles]
    return pd.DataFrame({name: pd.Series([r[name] for r in rows], dtype=dtype) for name, dtype in _ROW_DTYPES.items()})


# --------------------------------------------------------------------------- the corpus


def _merge_all(partials: Iterable[P]) -> P:
    items = list(partials)
    while len(items) > 1:  # pairwise: a tree, as Dask's reduction combines
        items = [items[i].merge(items[i + 1]) if i + 1 < len(items) else items[i] for i in range(0, len(items), 2)]  # type: ignore[attr-defined]
    return items[0]


class DaskCorpus:
    """A corpus read by Dask: the small entities on the client, the articles as a bag of partitions.

    Build it with :func:`read_corpus`.  ``articles`` is checked per partition by the
    :class:`~newsmodel.values.corpus.Corpus` rules against the whole taxonomy.  ``compute_kwargs``
    (for instance ``scheduler="sync"``) go to every computation it runs.
    """

    def __init__(
        self,
        *,
        taxonomy: Corpus,
        parts: list[Delayed],
        urls: Sequence[str],
        compute_kwargs: dict[str, Any],
    ) -> None:
        self.taxonomy = taxonomy
        self.urls = tuple(urls)
        self.total_bytes = 0  # the files' size, which sizes the id and slug shuffle
        self.site = taxonomy.site
        self._parts = parts
        self.compute_kwargs = compute_kwargs
        tax = delayed(taxonomy, pure=True)
        self.articles: db.Bag = db.from_delayed([delayed(check_part, pure=True)(p, tax) for p in parts])

    @property
    def authors(self) -> tuple[Author, ...]:
        """The authors of all files, in file and line order."""
        return self.taxonomy.authors

    @property
    def categories(self) -> tuple[Category, ...]:
        """The categories of all files (parents first)."""
        return self.taxonomy.categories

    @property
    def tags(self) -> tuple[Tag, ...]:
        """The tags of all files."""
        return self.taxonomy.tags

    def persist(self) -> DaskCorpus:
        """Keep the parsed, checked partitions in the workers' memory (later computations skip reading)."""
        self.articles = self.articles.persist(**self.compute_kwargs)
        return self

    def _compute(self, *values: Any) -> Any:
        return dask_compute(*values, **self.compute_kwargs)

    # ------------------------------------------------------------------ partials

    def aggregate(self, partial: Callable[[list[Article]], P]) -> P:
        """``partial`` counted on every partition, merged in a tree on the cluster, computed.

        >>> # corpus.aggregate(lambda part: TagCounts.from_articles(part, as_of=as_of))
        """
        counted = self.articles.map_partitions(lambda part: [partial(list(part))])
        merged = counted.reduction(_merge_all, _merge_all, split_every=8)
        (value,) = self._compute(merged)
        return value

    def day_counts(self, *, as_of: datetime) -> DayCounts:
        """The :class:`~newsmodel.widgets.partials.DayCounts` of the whole corpus (archives and calendars)."""
        site = self.site
        return self.aggregate(lambda part: DayCounts.from_articles(part, site, as_of=as_of))

    def archives(
        self,
        *,
        as_of: datetime,
        period: Literal["yearly", "monthly", "weekly", "daily"] = "monthly",
        order: Literal["newest", "oldest"] = "newest",
        limit: int | None = None,
    ) -> Archives:
        """The archives, equal to :meth:`ArchiveIndex.archives <newsmodel.widgets.archives.ArchiveIndex.archives>`."""
        return archives_of(self.day_counts(as_of=as_of), self.site, period=period, order=order, limit=limit)

    def month_calendar(
        self, *, year: int, month: int, as_of: datetime, today: Any = None, week_start: int | None = None
    ) -> MonthCalendar:
        """The month calendar, equal to :func:`~newsmodel.widgets.calendar.month_calendar`."""

        if today is None:
            today = self.site.local_date(as_of)
        days = self.day_counts(as_of=as_of)
        return month_calendar_of(days, self.site, year=year, month=month, today=today, week_start=week_start)

    def tag_counts(self, *, as_of: datetime) -> TagCounts:
        """The :class:`~newsmodel.widgets.partials.TagCounts` of the whole corpus."""
        return self.aggregate(lambda part: TagCounts.from_articles(part, as_of=as_of))

    def tag_cloud(self, *, as_of: datetime, **options: Any) -> TagCloud:
        """The tag cloud, equal to :meth:`TagCloudIndex.tag_cloud <newsmodel.widgets.tagcloud.TagCloudIndex.tag_cloud>`
        (``options`` are its ``number``, ``scale``, ``smallest``, ``largest``, ``unit``, ``order``)."""
        return tag_cloud_of(self.tag_counts(as_of=as_of), self.tags, **options)

    def category_counts(self, *, as_of: datetime) -> dict[str, tuple[int, int]]:
        """``{category id: (direct, with descendants)}``, equal to
        :func:`~newsmodel.widgets.taxonomy.category_counts`."""
        categories = {c.id: c for c in self.categories}
        counts = self.aggregate(lambda part: CategoryCounts.from_articles(part, categories, as_of=as_of))
        return counts.counts(categories)

    def author_stats(self, *, as_of: datetime) -> tuple[GroupStat, ...]:
        """Per-author statistics, equal to :func:`~newsmodel.widgets.partials.author_stats`."""
        return self.aggregate(lambda part: GroupStats.by_author(part, as_of=as_of)).ranked()

    def source_stats(self, *, as_of: datetime) -> tuple[GroupStat, ...]:
        """Per-source statistics, equal to :func:`~newsmodel.widgets.partials.source_stats`."""
        return self.aggregate(lambda part: GroupStats.by_source(part, as_of=as_of)).ranked()

    # ------------------------------------------------------------------ per article

    def map_articles(self, func: Callable[[Article], Any]) -> db.Bag:
        """``func`` of every article, partition by partition (a lazy bag)."""
        return self.articles.map_partitions(lambda part: [func(a) for a in part])

    def rows(self) -> dd.DataFrame:
        """A Dask DataFrame of :func:`article_row` rows, one partition per block."""
        frames = [delayed(_rows_frame, pure=True)(d) for d in self.articles.to_delayed()]
        return dd.from_delayed(frames, meta=_ROW_META, verify_meta=False)

    def to_corpus(self) -> Corpus:
        """All articles gathered into one checked :class:`~newsmodel.values.corpus.Corpus` (for corpora that fit)."""
        (articles,) = self._compute(self.articles)
        return self.taxonomy.replace(articles=articles)

    def _corpus_delayed(self) -> Delayed:
        t = self.taxonomy
        parts = self.articles.to_delayed()
        return delayed(_gather_corpus, pure=True)(t, parts)

    def related(
        self,
        *,
        as_of: datetime,
        config: Any = None,
        k: int | None = None,
        ids: Iterable[str] | None = None,
        shards: int | None = None,
    ) -> db.Bag:
        """``(article id, related results)`` for every article visible at ``as_of``, or for ``ids``
        (a lazy bag), each equal to :func:`~newsmodel.related.related_articles`.

        The articles are indexed in ``shards`` document shards (default: one per worker, more
        for big files), each on the worker it lands on; no task holds the corpus
        (:func:`newsmodel.dask_related.related_bag`).
        """
        from newsmodel.dask_related import related_bag

        return related_bag(self, as_of=as_of, config=config, k=k, ids=ids, shards=shards)

    def pages(self, *, as_of: datetime, **options: Any) -> db.Bag:
        """The :class:`~newsmodel.pages.page.ArticlePage` JSON of every dated article (a lazy bag of strings).

        ``options`` are those of :func:`~newsmodel.pages.page.build_article_page`.
        """
        corpus = self._corpus_delayed()
        ids = self.articles.filter(lambda a: a.published is not None).map(lambda a: a.id)
        return ids.map_partitions(_pages_part, corpus, as_of, options)

    # ------------------------------------------------------------------ checks

    def check(self) -> None:
        """Refuse two articles with one id or one slug anywhere in the files (the :class:`Corpus` rule).

        The ids and slugs are grouped by hash across partitions; only the duplicates come back.
        """
        raise_found(self._compute(*check_tasks(self._parts, self.total_bytes)), self.urls)


def _gather_corpus(taxonomy: Corpus, parts: list[list[Article]]) -> Corpus:
    articles = [a for part in parts for a in part]
    return taxonomy.replace(articles=articles)


def _pages_part(ids: Iterable[str], corpus: Corpus, as_of: datetime, options: dict[str, Any]) -> list[str]:
    from newsmodel.pages.page import build_article_page
    from newsmodel.serialize import dumps

    return [dumps(build_article_page(corpus, i, as_of=as_of, **options)) for i in ids]


# --------------------------------------------------------------------------- reading


def _taxonomy(found: list[tuple[int, int, str, Any]], urls: Sequence[str]) -> Corpus:
    site: Site | None = None
    site_file = -1
    by_kind: dict[str, list[Any]] = {"author": [], "category": [], "tag": [], "menu": []}
    located: dict[int, tuple[int, int]] = {}
    found.sort(key=lambda row: (row[0], row[1]))
    for file, line, kind, value in found:
        if kind == "site":
            if site is None:
                site, site_file = value, file
            elif value != site:
                raise FormatError(
                    place(urls[file], 1) + f"the header's site differs from that of {urls[site_file]!r}:"
                    " the files of one corpus share one site",
                    line=1,
                    value=value,
                )
            continue
        by_kind[kind].append(value)
        located[id(value)] = (int(file), int(line))
    assert site is not None  # every file's first block holds its header (else the reader raised)
    from newsmodel.serialize import _parents_first

    try:
        return Corpus(
            site=site,
            authors=by_kind["author"],
            categories=_parents_first(by_kind["category"]),
            tags=by_kind["tag"],
            menus=by_kind["menu"],
        )
    except CorpusError as exc:
        where = located.get(id(exc.culprit))
        if where is None:
            raise
        raise type(exc)(place(urls[where[0]], where[1]) + str(exc), culprit=exc.culprit) from exc


def read_corpus(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    blocksize: int = DEFAULT_BLOCKSIZE,
    strict: bool = False,
    check: bool = True,
    persist: bool = False,
    storage_options: dict[str, Any] | None = None,
    **compute_kwargs: Any,
) -> DaskCorpus:
    """Read corpus files (paths, globs or fsspec URLs; ``.gz`` is gzip) into a :class:`DaskCorpus`.

    Plain files are split into blocks of about ``blocksize`` bytes, one partition each; a gzip
    file is one partition.  The files together are one corpus: every file starts with a header,
    all headers name the same site, and ids and slugs are unique across all files (``check``;
    turn it off only for files known to be consistent).  Reading the small entities and the
    checks run now, on the current Dask scheduler (``compute_kwargs``, such as
    ``scheduler="sync"``, choose another); the articles stay a lazy bag, read again by each
    computation, unless ``persist`` keeps the parsed blocks in the workers' memory (then the
    files are read once, by this call).  Any bad line raises the error the single-machine reader
    raises, naming the file and the line.
    """
    storage_options = dict(storage_options or {})
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    urls: list[str] = []
    for p in paths:
        text = os.fspath(p)
        expanded = fsspec.core.get_fs_token_paths(text, storage_options=storage_options)[2] if "*" in text else [text]
        if not expanded:
            raise FormatError(f"{text}: no file matches", value=text)
        protocol = text.split("://", 1)[0] + "://" if "://" in text else ""
        urls.extend(e if "://" in e or not protocol else protocol + e for e in expanded)
    if not urls:
        raise FormatError("read_corpus: no file given", value=paths)
    if not isinstance(blocksize, int) or isinstance(blocksize, bool) or blocksize < 1:
        raise FormatError(
            f"read_corpus: blocksize must be a positive number of bytes, got {blocksize!r}", value=blocksize
        )
    blocks, total_bytes = _plan(urls, blocksize, storage_options)
    before = _newlines_before(blocks, storage_options)
    parts = [delayed(read_block, pure=True)(b, n, strict, storage_options) for b, n in zip(blocks, before, strict=True)]
    if persist:
        parts = list(dask_persist(*parts, **compute_kwargs))
    # one pass over the files: the small entities and (when checking) the duplicate ids and slugs
    entities = [delayed(_entities_of, pure=True)(p) for p in parts]
    duplicates = check_tasks(parts, total_bytes) if check else []
    found = dask_compute(entities, duplicates, **compute_kwargs)
    taxonomy = _taxonomy([row for rows in found[0] for row in rows], urls)
    if check:
        raise_found(found[1], urls)
    corpus = DaskCorpus(taxonomy=taxonomy, parts=parts, urls=urls, compute_kwargs=compute_kwargs)
    corpus.total_bytes = total_bytes
    return corpus.persist() if persist else corpus


# --------------------------------------------------------------------------- WXR


def _read_wxr(url: str, options: dict[str, Any]) -> Corpus:
    from newsmodel.io.wxr import read_wxr

    with fsspec.open(url, "rb") as f:
        corpus, _ = read_wxr(f, **options)
    return corpus


def _wxr_to_file(url: str, target: str, options: dict[str, Any]) -> str:
    from newsmodel.serialize import write_corpus

    write_corpus(_read_wxr(url, options), target)
    return target


def read_wxr_files(paths: Sequence[str], *, out_dir: str | None = None, **options: Any) -> db.Bag:
    """Import many WordPress export (WXR) files at once, one task each (a lazy bag).

    Without ``out_dir`` the bag holds one checked :class:`~newsmodel.values.corpus.Corpus` per file;
    with it, each file is converted to ``out_dir/<name>.jsonl.gz`` and the bag holds the paths
    written.  ``options`` are those of :func:`~newsmodel.io.wxr.read_wxr`.
    """
    files = db.from_sequence([os.fspath(p) for p in paths], npartitions=max(1, len(paths)))
    if out_dir is None:
        return files.map(_read_wxr, options)
    names = [os.path.join(out_dir, os.path.basename(os.fspath(p)).rsplit(".", 1)[0] + ".jsonl.gz") for p in paths]
    pairs = db.from_sequence(
        list(zip([os.fspath(p) for p in paths], names, strict=True)), npartitions=max(1, len(paths))
    )
    return pairs.map(lambda pair: _wxr_to_file(pair[0], pair[1], options))


# --------------------------------------------------------------------------- writing


def _to_json(value: Any) -> str:
    from newsmodel.serialize import dumps

    return value if isinstance(value, str) else dumps(value)


def write_jsonl(bag: db.Bag, url: str, *, compute_kwargs: dict[str, Any] | None = None, **options: Any) -> list[str]:
    """Write a bag as JSON Lines files, one per partition (``url`` holds a ``*`` for the partition
    number; ``.gz`` compresses).  Values are newsmodel values (written as :func:`~newsmodel.serialize.dumps`
    writes them) or JSON text.  Returns the files written."""
    if url.count("*") != 1:
        raise FormatError(f"write_jsonl: the target needs one '*' for the partition number, got {url!r}", value=url)
    lines = bag.map(_to_json)
    written = lines.to_textfiles(url, compute=False, name_function=str, **options)
    dask_compute(*written, **(compute_kwargs or {}))
    return [url.replace("*", str(i)) for i in range(bag.npartitions)]


def _write_parquet_part(frame: pd.DataFrame, url: str, storage_options: dict[str, Any]) -> str:
    import pyarrow.parquet as pq

    # without pandas's metadata: readers take the Arrow schema (list<string> columns read back in
    # pandas, Spark and warehouses alike)
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    with fsspec.open(url, "wb", **storage_options) as f:
        pq.write_table(table, f)
    return url


def write_parquet(
    frame: dd.DataFrame,
    url: str,
    *,
    storage_options: dict[str, Any] | None = None,
    compute_kwargs: dict[str, Any] | None = None,
) -> list[str]:
    """Write a Dask DataFrame as a directory of Parquet files, ``part.<n>.parquet`` per partition.

    Returns the files written.
    """
    options = dict(storage_options or {})
    fs, root = fsspec.core.url_to_fs(url, **options)
    fs.makedirs(root, exist_ok=True)
    base = url.rstrip("/")
    parts = frame.to_delayed()
    tasks = [
        delayed(_write_parquet_part, pure=True)(part, f"{base}/part.{i}.parquet", options)
        for i, part in enumerate(parts)
    ]
    return list(dask_compute(*tasks, **(compute_kwargs or {})))
