"""newsmodel.dask on a real cluster: a distributed.LocalCluster of two worker processes, no mocks.

Every answer is compared with the single-machine one: the indexes for aggregates, the reader's
error (file, line, message) for bad input, :class:`RelatedIndex` for related articles.
"""

from __future__ import annotations

import gzip
import json
import os
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from distributed import Client, LocalCluster

from newsmodel.dask import DaskCorpus, read_corpus, read_wxr_files, write_jsonl, write_parquet
from newsmodel.pages.page import build_article_page
from newsmodel.related import RelatedConfig, RelatedIndex, related_articles
from newsmodel.related.score import FeaturesOf
from newsmodel.related.shard import CorpusStatistics
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate, load_bundled
from newsmodel.serialize import dumps, write_corpus, write_records
from newsmodel.serialize import read_corpus as read_one
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import (
    ArticleCycle,
    DanglingReference,
    DuplicateId,
    FormatError,
    SerializationError,
    UnknownId,
)
from newsmodel.values.model import Article, Site
from newsmodel.widgets.archives import PERIODS, ArchiveIndex, archives_of
from newsmodel.widgets.calendar import CalendarIndex, month_calendar_of
from newsmodel.widgets.partials import DayCounts, author_stats, source_stats
from newsmodel.widgets.tagcloud import TagCloudIndex, tag_cloud_of
from newsmodel.widgets.taxonomy import TaxonomyIndex

AS_OF = SEED_AS_OF
LATER = datetime(2030, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def _split(corpus: Corpus, directory: Path, parts: int, *, gz: bool = False) -> list[str]:
    """The corpus as ``parts`` files: the first holds the taxonomy and the menus, every one a header and a
    share of articles."""
    articles = corpus.articles
    size = -(-len(articles) // parts)
    paths = []
    for i in range(parts):
        path = directory / f"part-{i}.jsonl{'.gz' if gz else ''}"
        taxonomy: list[Any] = [*corpus.authors, *corpus.categories, *corpus.tags] if i == 0 else []
        menus = list(corpus.menus) if i == 0 else []  # menu records come after the articles
        write_records(str(path), [corpus.site, *taxonomy, *articles[i * size : (i + 1) * size], *menus])
        paths.append(str(path))
    return paths


def _compare_aggregates(dc: DaskCorpus, corpus: Corpus, as_of: datetime) -> None:
    archive_index = ArchiveIndex.build(corpus)
    assert dc.archives(as_of=as_of, period="weekly") == archive_index.archives(as_of=as_of, period="weekly")
    days = dc.day_counts(as_of=as_of)  # what dc.archives and dc.month_calendar finish
    for period in PERIODS:
        assert archives_of(days, corpus.site, period=period) == archive_index.archives(as_of=as_of, period=period)
    calendars = CalendarIndex.build(corpus)
    today = dc.month_calendar(year=2026, month=1, as_of=as_of).today
    for year, month in ((2025, 12), (2026, 1), (2024, 2)):
        expected = calendars.month_calendar(year=year, month=month, as_of=as_of)
        assert month_calendar_of(days, corpus.site, year=year, month=month, today=today) == expected
    clouds = TagCloudIndex.build(corpus)
    for number, order in ((45, "name"), (0, "count"), (5, "count")):
        cloud = clouds.tag_cloud(as_of=as_of, number=number, order=order)  # type: ignore[arg-type]
        assert dc.tag_cloud(as_of=as_of, number=number, order=order) == cloud
    assert dc.category_counts(as_of=as_of) == TaxonomyIndex.from_corpus(corpus).all_counts(as_of=as_of)
    assert dc.author_stats(as_of=as_of) == author_stats(corpus.articles, as_of=as_of)
    assert dc.source_stats(as_of=as_of) == source_stats(corpus.articles, as_of=as_of)


# --------------------------------------------------------------------------- aggregates


@pytest.mark.slow
def test_bundled_sample_aggregates_equal_the_indexes(client: Client, tmp_path: Path) -> None:
    corpus = load_bundled()
    path = tmp_path / "sample.jsonl"
    write_corpus(corpus, str(path))
    dc = read_corpus(str(path), blocksize=500_000).persist()
    assert dc.articles.npartitions > 4
    _compare_aggregates(dc, corpus, AS_OF)
    assert dc.to_corpus().articles == corpus.articles


@pytest.mark.slow
@pytest.mark.parametrize(("articles", "seed", "parts"), [(1200, 3, 3), (2500, 7, 2)])
def test_generated_corpora_over_many_gzip_files(
    client: Client, tmp_path: Path, articles: int, seed: int, parts: int
) -> None:
    corpus = generate(articles=articles, seed=seed, short_bodies=True)
    dc = read_corpus(_split(corpus, tmp_path, parts, gz=True)).persist()
    assert dc.articles.npartitions == parts
    _compare_aggregates(dc, corpus, LATER)


def test_partials_merge_in_any_grouping() -> None:
    corpus = generate(articles=400, seed=2, short_bodies=True)
    arts = corpus.articles
    whole = DayCounts.from_articles(arts, corpus.site, as_of=LATER)
    a, b, c = (DayCounts.from_articles(arts[i::3], corpus.site, as_of=LATER) for i in range(3))
    assert a.merge(b).merge(c) == a.merge(b.merge(c)) == c.merge(a).merge(b) == whole
    assert DayCounts().merge(whole) == whole


# --------------------------------------------------------------------------- reading: lines and errors


def _bad_at(path: Path, line: int, text: bytes) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    lines[line - 1] = text
    path.write_bytes(b"".join(lines))


def _messages(path: Path, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(SerializationError) as single:
        read_one(str(path))
    with pytest.raises(SerializationError) as spread:
        read_corpus(str(path), **kwargs)
    return str(single.value), str(spread.value)


def test_a_bad_line_deep_in_a_block_is_reported_like_the_single_machine_reader(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    write_corpus(generate(articles=150, short_bodies=True), str(path))
    n = len(path.read_bytes().splitlines())
    for line in (n - 3, n // 2 + 1, n - 60):
        _bad_at(path, line, b'{"type": "article", "id": 5}\n')
        single, spread = _messages(path, blocksize=20_000)
        assert single == spread and f"line {line}:" in spread
        write_corpus(generate(articles=150, short_bodies=True), str(path))


def test_a_line_longer_than_many_blocks(client: Client, tmp_path: Path) -> None:
    corpus = generate(articles=60, short_bodies=True)
    path = tmp_path / "c.jsonl"
    write_corpus(corpus, str(path))
    lines = path.read_bytes().splitlines(keepends=True)
    huge = json.loads(lines[-10])
    huge["title"] = "x" * 300_000  # one line of ~300 kB, 30 blocks of 10 kB
    lines[-10] = json.dumps(huge).encode() + b"\n"
    lines[-5] = b"not json\n"
    path.write_bytes(b"".join(lines))
    single, spread = _messages(path, blocksize=10_000)
    assert single == spread and f"line {len(lines) - 4}:" in spread
    lines[-5] = lines[-6].replace(b'"id":"', b'"id":"new-').replace(b'"slug":"', b'"slug":"new-')
    path.write_bytes(b"".join(lines))
    expected = read_one(str(path))
    dc = read_corpus(str(path), blocksize=10_000).persist()
    assert dc.to_corpus().articles == expected.articles
    assert dc.tag_cloud(as_of=LATER) == TagCloudIndex.build(expected).tag_cloud(as_of=LATER)


def test_an_empty_file_among_many_is_refused_by_name(client: Client, tmp_path: Path) -> None:
    paths = _split(generate(articles=200, short_bodies=True), tmp_path, 2)
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    with pytest.raises(FormatError, match=r"empty\.jsonl: empty file"):
        read_corpus([paths[0], str(empty), paths[1]])


def test_the_same_article_id_in_two_files(client: Client, tmp_path: Path) -> None:
    corpus = generate(articles=200, short_bodies=True)
    paths = _split(corpus, tmp_path, 2)
    twin = corpus.articles[0]
    extra = tmp_path / "twin.jsonl"
    write_records(str(extra), [corpus.site, Article(id=twin.id, slug="another-slug", title="T", published=AS_OF)])
    with pytest.raises(DuplicateId) as single:
        Corpus(
            site=corpus.site,
            authors=corpus.authors,
            categories=corpus.categories,
            tags=corpus.tags,
            articles=[*corpus.articles, Article(id=twin.id, slug="another-slug", title="T", published=AS_OF)],
        )
    with pytest.raises(DuplicateId, match=rf"twin.jsonl: line 2: two articles have the id {twin.id!r}") as spread:
        read_corpus([*paths, str(extra)])
    assert single.value.culprit.id == spread.value.culprit == twin.id
    assert "part-0.jsonl" in str(spread.value)


def test_a_dangling_reference_names_file_and_line(client: Client, tmp_path: Path) -> None:
    corpus = generate(articles=200, short_bodies=True)
    paths = _split(corpus, tmp_path, 2)
    lines = Path(paths[1]).read_bytes().splitlines(keepends=True)
    lines[5] = lines[5].replace(b'"tag_ids":["', b'"tag_ids":["no-such-tag","')
    Path(paths[1]).write_bytes(b"".join(lines))
    dc = read_corpus(paths)
    with pytest.raises(DanglingReference, match=r"part-1.jsonl: line 6: article .* names the tag 'no-such-tag'"):
        dc.tag_counts(as_of=LATER)


def test_two_sites_are_refused(client: Client, tmp_path: Path) -> None:
    corpus = generate(articles=100, short_bodies=True)
    paths = _split(corpus, tmp_path, 2)
    other = tmp_path / "other.jsonl"
    write_records(str(other), [Site(name="Other", base_url="https://other.example"), corpus.articles[-1]])
    with pytest.raises(FormatError, match=r"other\.jsonl: line 1: the header's site differs"):
        read_corpus([paths[0], str(other)])


# --------------------------------------------------------------------------- a worker killed


@pytest.mark.slow
def test_a_worker_killed_mid_computation_changes_nothing(client: Client, tmp_path: Path) -> None:
    corpus = generate(articles=1500, seed=5, short_bodies=True)
    dc = read_corpus(_split(corpus, tmp_path, 6))
    expected = TagCloudIndex.build(corpus).tag_cloud(as_of=LATER, number=0)
    victim = next(iter(client.scheduler_info()["workers"]))

    def slow_counts(part: list[Article]) -> Any:
        time.sleep(0.5)  # keep the computation running while a worker dies
        from newsmodel.widgets.partials import TagCounts

        return TagCounts.from_articles(part, as_of=LATER)

    def kill() -> None:
        time.sleep(0.6)
        client.run(os._exit, 1, workers=[victim], wait=False, on_error="ignore")

    killer = threading.Thread(target=kill)
    killer.start()
    try:
        counts = dc.aggregate(slow_counts)
    finally:
        killer.join()
    assert tag_cloud_of(counts, corpus.tags, number=0) == expected
    assert sum(n for _, n in counts.counts) == sum(e.count for e in expected.entries)


@pytest.mark.slow
def test_a_worker_killed_while_it_holds_a_shard_changes_no_related_list(client: Client, tmp_path: Path) -> None:
    corpus = generate(articles=1500, seed=6, short_bodies=True)
    dc = read_corpus(_split(corpus, tmp_path, 3))
    expected = RelatedIndex.build(corpus, as_of=LATER).related_all()
    future = client.compute(dc.related(as_of=LATER, shards=2))
    holder = None
    while holder is None and not future.done():  # a shard index is built: kill the worker holding it
        held = client.has_what()
        holder = next((w for w, keys in held.items() if any(str(k).startswith("_shard-") for k in keys)), None)
        time.sleep(0.02)
    assert holder is not None  # the future needs the shards: it cannot be done before one is built
    client.run(os._exit, 1, workers=[holder], wait=False, on_error="ignore")
    got = dict(future.result())
    assert got.keys() == expected.keys()
    assert [i for i in expected if got[i] != expected[i]] == []


# --------------------------------------------------------------------------- per article, related, writing


def test_rows_and_partitioned_files(client: Client, tmp_path: Path) -> None:
    corpus = generate(articles=300, short_bodies=True)
    dc = read_corpus(_split(corpus, tmp_path, 3))
    rows = dc.rows()
    assert len(write_parquet(rows, str(tmp_path / "rows"))) == 3
    back = pd.read_parquet(tmp_path / "rows").sort_values("id").reset_index(drop=True)
    assert list(back["id"]) == sorted(a.id for a in corpus.articles)
    first = corpus.article(back["id"][0])
    assert list(back["tag_ids"][0]) == list(first.tag_ids)
    written = write_jsonl(dc.articles, str(tmp_path / "out" / "articles-*.jsonl"))
    assert len(written) == 3
    lines = [line for f in written for line in Path(f).read_text(encoding="utf-8").splitlines()]
    assert sorted(lines) == sorted(dumps(a) for a in corpus.articles)


def _compare_related(dc: DaskCorpus, corpus: Corpus, as_of: datetime, config: RelatedConfig, shards: int) -> int:
    got = dict(dc.related(as_of=as_of, config=config, shards=shards).compute())
    expected = RelatedIndex.build(corpus, as_of=as_of, config=config).related_all()
    assert got.keys() == expected.keys()
    different = [i for i in expected if got[i] != expected[i]]
    assert different == []
    return len(expected)


def test_related_on_shards_equals_the_single_machine_index_on_the_bundled_sample(
    client: Client, tmp_path: Path
) -> None:
    corpus = load_bundled()  # pages, drafts, scheduled posts: only posts visible at as_of are asked
    path = tmp_path / "sample.jsonl"
    write_corpus(corpus, str(path))
    dc = read_corpus(str(path), blocksize=2_000_000).persist()
    assert _compare_related(dc, corpus, AS_OF, RelatedConfig(), shards=3) > 1000
    one = corpus.article_by_slug(SEED_SLUG)
    (pair,) = dc.related(as_of=AS_OF, ids=[one.id], k=3).compute()
    assert pair == (one.id, related_articles(corpus, one.id, as_of=AS_OF, k=3))
    assert dict(dc.related(as_of=AS_OF, ids=[one.id], k=0).compute()) == {one.id: ()}
    with pytest.raises(UnknownId, match="no article 'no-such-id'"):
        dc.related(as_of=AS_OF, ids=[one.id, "no-such-id"]).compute()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("articles", "seed", "config", "shards"),
    [
        # every top-k of 30,000 articles here (the largest that keeps the file within minutes on two
        # cores); the comparison of every top-k of 100,000 articles is a benchmark run (docs/scale.md)
        (30_000, 11, RelatedConfig(), 3),
        # caps: the shards' first lists may be too short, deeper rounds settle them
        (2500, 12, RelatedConfig(max_per_author=1, max_per_category=2), 3),
        (2500, 13, RelatedConfig(older_only=False, threshold=0.3, max_per_category=1, k=4), 5),
    ],
)
def test_related_on_shards_equals_the_single_machine_index_on_generated_corpora(
    client: Client, tmp_path: Path, articles: int, seed: int, config: RelatedConfig, shards: int
) -> None:
    corpus = generate(articles=articles, seed=seed, short_bodies=True)
    dc = read_corpus(_split(corpus, tmp_path, 4)).persist()
    assert _compare_related(dc, corpus, LATER, config, shards) > articles * 0.9


def test_corpus_statistics_merge_in_any_grouping() -> None:
    corpus = generate(articles=300, seed=4, short_bodies=True)
    arts = corpus.articles
    whole = CorpusStatistics.from_articles(arts)
    a, b, c = (CorpusStatistics.from_articles(arts[i::3]) for i in range(3))
    assert a.merge(b).merge(c) == a.merge(b.merge(c)) == c.merge(a).merge(b) == whole
    features = corpus.cached(FeaturesOf(RelatedConfig().keywords))
    assert whole.documents == features.n and whole.term_df == features.term_df
    assert whole.tag_df == features.tag_df and whole.author_df == features.author_df


def test_pages_and_per_article_work(client: Client, tmp_path: Path) -> None:
    corpus = generate(articles=200, short_bodies=True)
    dc = read_corpus(_split(corpus, tmp_path, 2))
    pages = sorted(dc.pages(as_of=AS_OF, related=False).compute())
    chosen = sorted(corpus.articles, key=lambda a: a.id)[:5]
    for article in chosen:
        assert dumps(build_article_page(corpus, article.id, as_of=AS_OF, related=False)) in pages
    slugs = dict(dc.map_articles(lambda a: (a.id, a.slug)).compute())
    assert slugs == {a.id: a.slug for a in corpus.articles}


def test_many_wxr_files_at_once(client: Client, tmp_path: Path) -> None:
    from newsmodel.io.wxr import read_wxr, write_wxr

    files = []
    for seed in (1, 2):
        path = tmp_path / f"site-{seed}.xml"
        write_wxr(generate(articles=40, seed=seed, short_bodies=True), str(path))
        files.append(str(path))
    corpora = read_wxr_files(files).compute()
    assert [c.articles for c in corpora] == [read_wxr(f)[0].articles for f in files]
    written = read_wxr_files(files, out_dir=str(tmp_path)).compute()
    assert [read_one(p).articles for p in written] == [c.articles for c in corpora]
    with gzip.open(written[0], "rb") as f:
        assert json.loads(f.readline())["format"] == "newsmodel-corpus"


def test_month_calendar_today_is_the_local_day(client: Client, tmp_path: Path) -> None:
    corpus = generate(articles=100, short_bodies=True)
    dc = read_corpus(_split(corpus, tmp_path, 1))
    cal = dc.month_calendar(year=2026, month=1, as_of=AS_OF)
    assert cal.today == date(2026, 1, 15)


# --------------------------------------------------------------------------- pages across blocks


def _pages_file(tmp_path: Path, change: dict[str, str | None]) -> Path:
    """The sample with its static pages, written to a file; ``change`` sets pages' parents by id."""
    path = tmp_path / "pages.jsonl"
    write_corpus(generate(articles=150, short_bodies=True), str(path))
    lines = path.read_bytes().splitlines(keepends=True)
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("type") == "article" and record["id"] in change:
            record["parent_id"] = change[record["id"]]
            lines[i] = json.dumps(record).encode() + b"\n"
    path.write_bytes(b"".join(lines))
    return path


def _block_of(dc: DaskCorpus, article_id: str) -> int:
    from dask.base import compute

    parts = compute(*dc.articles.to_delayed(), scheduler="sync")
    return next(i for i, part in enumerate(parts) if any(a.id == article_id for a in part))


def test_a_page_whose_parent_is_in_another_block_is_read(tmp_path: Path) -> None:
    # the sample's 'dmca' page ('18') is a child of 'legal-pages' ('14'); blocks of 1 kB part them
    path = _pages_file(tmp_path, {})
    dc = read_corpus(str(path), blocksize=1_000, scheduler="sync")
    assert _block_of(dc, "18") != _block_of(dc, "14")
    assert dc.to_corpus().articles == read_one(str(path)).articles


def test_a_parent_no_article_is_refused_across_blocks_as_by_one_reader(tmp_path: Path) -> None:
    path = _pages_file(tmp_path, {"18": "9999"})
    with pytest.raises(DanglingReference) as single:
        read_one(str(path))
    with pytest.raises(DanglingReference) as spread:
        read_corpus(str(path), blocksize=1_000, scheduler="sync")
    assert "article '18' ('dmca') names the parent '9999', which the corpus does not have" in str(single.value)
    assert str(spread.value).endswith(str(single.value).split(": ")[-1])
    assert f"{path}: line " in str(spread.value)


def test_a_cycle_of_parents_across_blocks_is_refused(tmp_path: Path) -> None:
    path = _pages_file(tmp_path, {"14": "18"})  # 14 › 18 › 14, in two blocks
    with pytest.raises(ArticleCycle) as single:
        read_one(str(path))
    with pytest.raises(ArticleCycle) as spread:
        read_corpus(str(path), blocksize=1_000, scheduler="sync")
    assert "is its own ancestor" in str(single.value) and "is its own ancestor" in str(spread.value)
    assert f"{path}: line " in str(spread.value)
