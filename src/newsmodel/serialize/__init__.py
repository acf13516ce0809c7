"""Lossless JSON for every newsmodel type, and the JSON Lines corpus file format.

:func:`dumps` / :func:`loads` turn any public value (:class:`~newsmodel.values.model.Site`,
:class:`~newsmodel.values.model.Article`, a :class:`~newsmodel.values.body.Body` or one block, an
:class:`~newsmodel.values.model.Extra`, a whole :class:`~newsmodel.values.corpus.Corpus` …) into JSON text and
back, so that ``loads(dumps(x), type(x)) == x``.  :func:`unstructure` / :func:`structure` do the
same with plain Python data (dicts, lists, strings, numbers).

A corpus on disk is JSON Lines (see ``docs/serialization.md``): a header record, then one record
per author, category (parents first), tag, article and navigation menu.  :func:`write_corpus` and
:func:`read_corpus` stream it (gzip when the path ends in ``.gz``); :func:`iter_records` and
:func:`write_records` convert a corpus larger than memory one record at a time.

Reading is strict about types and never coerces; every error names the line and the field path.
Unknown fields are kept (in the entity's ``extra`` under ``"newsmodel:unknown"``, written back
where they were on the next write) unless ``strict=True``, which refuses them.

>>> from datetime import datetime, timedelta, timezone
>>> from newsmodel.values.model import Article
>>> seoul = timezone(timedelta(hours=9))
>>> a = Article(id="1", slug="summit", title="Summit", published=datetime(2025, 12, 16, 9, 0, tzinfo=seoul))
>>> text = dumps(a)
>>> text[:60]
'{"id":"1","slug":"summit","title":"Summit","title_html":null'
>>> loads(text, Article) == a
True
>>> loads(text, Article).published.isoformat()
'2025-12-16T09:00:00+09:00'
>>> loads('{"id": "1", "slug": "summit", "title": "Summit", "published": "2025-12-16T09:00:00"}', Article)
Traceback (most recent call last):
  ...
newsmodel.values.errors.SerializationError: article.published: naive datetime '2025-12-16T09:00:00'
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any, TypeVar, Union, overload

import attrs
import msgspec

from newsmodel.serialize._convert import (
    UNKNOWN_FIELDS_KEY,
    converter,
    format_path,
    record_unstructure_hook,
    short_repr,
)
from newsmodel.serialize._locate import place, root_of, structure_located, too_deep
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import CorpusError, FormatError, SerializationError
from newsmodel.values.model import Article, Author, Category, Extra, Menu, Site, Tag, thaw

__all__ = [
    "FORMAT_NAME",
    "HEADER_FIELDS_KEY",
    "SCHEMA_VERSION",
    "UNKNOWN_FIELDS_KEY",
    "Record",
    "dumps",
    "iter_records",
    "loads",
    "read_corpus",
    "structure",
    "unstructure",
    "write_corpus",
    "write_records",
]

#: The ``format`` of a corpus file's header record.
FORMAT_NAME = "newsmodel-corpus"
#: The schema version this newsmodel writes and reads.
SCHEMA_VERSION = 1
#: The key of the site's ``extra`` under which unknown header fields are kept.
HEADER_FIELDS_KEY = "newsmodel:header"

#: What :func:`iter_records` yields: the site first, then entities.
Record = Union[Site, Author, Category, Tag, Article, Menu]

T = TypeVar("T")

_KINDS: dict[str, type[Any]] = {"author": Author, "category": Category, "tag": Tag, "article": Article, "menu": Menu}
_KIND_OF: dict[type[Any], str] = {cls: kind for kind, cls in _KINDS.items()}
_RANK = {"author": 0, "category": 1, "tag": 2, "article": 3, "menu": 4}
_HEADER_KNOWN = frozenset({"format", "version", "site"})
_CORPUS_KNOWN = _HEADER_KNOWN | {"authors", "categories", "tags", "articles", "menus"}

# Hooks fetched once: the converter is built at import time and never re-created.  The writing
# hooks are made on first use (cattrs generates and compiles each: a process that only reads
# corpora, as a page does, makes none of them).
_STRUCTURE = {kind: converter.get_structure_hook(cls) for kind, cls in _KINDS.items()}
_STRUCTURE_SITE = converter.get_structure_hook(Site)


_WRITERS: dict[tuple[type[Any], bool], Callable[[Any], Any]] = {}


def _writer(cls: type[Any], *, record: bool = False) -> Callable[[Any], Any]:
    """The hook that writes a value of ``cls`` (as a corpus file's record, its ``"type"`` first,
    when ``record``), made on first use."""
    hook = _WRITERS.get((cls, record))
    if hook is None:
        made = record_unstructure_hook(cls, _KIND_OF[cls]) if record else converter.get_unstructure_hook(cls)
        hook = _WRITERS[(cls, record)] = made
    return hook


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder()


# --------------------------------------------------------------------------- values


def unstructure(obj: Any) -> Any:
    """``obj`` as JSON-ready Python data (dicts, lists, strings, numbers, booleans, None).

    Datetimes become ISO 8601 strings with their UTC offset; body blocks and inlines carry a
    ``"type"`` tag; an :class:`~newsmodel.values.model.Extra` becomes a plain object.

    >>> from newsmodel.values.body import Heading, Text
    >>> unstructure(Heading(level=2, content=(Text(text="Closing Remarks"),)))
    {'type': 'heading', 'level': 2, 'content': [{'type': 'text', 'text': 'Closing Remarks'}], 'id': None}
    """
    return converter.unstructure(obj)


@overload
def structure(data: Any, tp: type[T], *, strict: bool = False) -> T: ...
@overload
def structure(data: Any, tp: Any, *, strict: bool = False) -> Any: ...
def structure(data: Any, tp: Any, *, strict: bool = False) -> Any:
    """A value of type ``tp`` from JSON-ready data, validated exactly as the constructors validate.

    Nothing is coerced: a string where a list belongs, ``"false"`` where a bool belongs or a naive
    datetime raise :class:`~newsmodel.values.errors.SerializationError` naming the field path.  Unknown
    fields are kept in the value's ``extra`` (types without one refuse them) unless ``strict``.

    >>> from newsmodel.values.model import Tag
    >>> structure({"id": "t1", "slug": "seoul", "name": "Seoul", "aliases": "Seoul"}, Tag)
    Traceback (most recent call last):
      ...
    newsmodel.values.errors.SerializationError: tag.aliases: expected a list, got the string 'Seoul'
    """
    if tp is Corpus:
        return _structure_corpus(data, strict=strict)
    return structure_located(data, tp, strict=strict, root=root_of(tp), line=None, source=None, owned=False)


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """``obj`` as JSON text (compact, or indented by ``indent`` spaces); :func:`loads` reads it back.

    Strings with lone surrogates (``"\\udc80"``) are refused: UTF-8 JSON cannot carry them.

    >>> from newsmodel.values.model import Extra
    >>> dumps(Extra({"wp:post_type": "post", "ids": [1, 2]}))
    '{"wp:post_type":"post","ids":[1,2]}'
    """
    data = unstructure(obj)
    raw = _encode(data, root_of(type(obj)), None, None)
    if indent is not None:
        raw = msgspec.json.format(raw, indent=indent)
    return raw.decode("utf-8")


def _encode(data: Any, root: str, line: int | None, source: str | None) -> bytes:
    try:
        return _ENCODER.encode(data)
    except UnicodeEncodeError:
        path = _find_surrogate(data, [])
        where = format_path(path or [], root)
        raise SerializationError(
            place(source, line) + (f"{where}: " if where else "") + "a string holds a lone surrogate, which UTF-8"
            " JSON cannot carry (fix the text, e.g. decode its source with errors='replace')",
            line=line,
            path=where or None,
        ) from None


def _find_surrogate(data: Any, path: list[str | int]) -> list[str | int] | None:
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return path
        return None
    if isinstance(data, dict):
        for key, value in data.items():
            found = _find_surrogate(key, [*path, "<key>"]) or _find_surrogate(value, [*path, key])
            if found is not None:
                return found
    if isinstance(data, (list, tuple)):
        for i, value in enumerate(data):
            found = _find_surrogate(value, [*path, i])
            if found is not None:
                return found
    return None


@overload
def loads(text: str | bytes, tp: type[T], *, strict: bool = False) -> T: ...
@overload
def loads(text: str | bytes, tp: Any, *, strict: bool = False) -> Any: ...
def loads(text: str | bytes, tp: Any, *, strict: bool = False) -> Any:
    """The value of type ``tp`` that ``text`` (JSON) describes; see :func:`structure` for the rules.

    >>> from newsmodel.values.body import Block
    >>> loads('{"type": "heading", "level": 2, "content": [], "id": null}', Block)
    Heading(level=2, content=(), id=None)
    """
    try:
        data = _DECODER.decode(text)
    except msgspec.DecodeError as exc:
        raise SerializationError(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise too_deep("", None, None) from None
    if tp is Corpus:
        return _structure_corpus(data, strict=strict)
    return structure_located(data, tp, strict=strict, root=root_of(tp), line=None, source=None, owned=True)


# --------------------------------------------------------------------------- corpus as one JSON value


def _header_extra_out(site: Site, head: dict[str, Any], site_data: dict[str, Any]) -> None:
    """Move unknown header fields kept in the site's extra back into the header ``head``."""
    kept = site.extra.get(HEADER_FIELDS_KEY)
    if not isinstance(kept, Extra) or not kept:
        return
    left = {}
    for key, value in thaw(kept).items():
        if key in head or key in _CORPUS_KNOWN or key == "type":
            left[key] = value
        else:
            head[key] = value
    extra = site_data["extra"]
    if left:
        extra[HEADER_FIELDS_KEY] = left
    else:
        del extra[HEADER_FIELDS_KEY]


def _header(site: Site) -> dict[str, Any]:
    site_data = _writer(Site)(site)
    head: dict[str, Any] = {"format": FORMAT_NAME, "version": SCHEMA_VERSION}
    _header_extra_out(site, head, site_data)
    head["site"] = site_data
    return head


def _check_header(data: Any, known: frozenset[str], line: int | None, source: str | None) -> None:
    where = place(source, line)
    if not isinstance(data, dict):
        raise FormatError(
            where + f"not a newsmodel corpus: expected a header object, got {short_repr(data)}", line=line
        )
    if data.get("format") != FORMAT_NAME:
        raise FormatError(
            where + f"not a newsmodel corpus: the header's format is {short_repr(data.get('format'))},"
            f" not {FORMAT_NAME!r}",
            line=line,
            path="format",
            value=data.get("format"),
        )
    version = data.get("version")
    if version.__class__ is not int:
        raise FormatError(
            where + f"header.version: expected an integer schema version, got {short_repr(version)}",
            line=line,
            path="version",
            value=version,
        )
    if version != SCHEMA_VERSION:
        newer = "newer than" if version > SCHEMA_VERSION else "older than"
        raise FormatError(
            where + f"header.version: schema version {version!r} is {newer} the one this newsmodel reads"
            f" ({SCHEMA_VERSION}); convert the file with a newsmodel that reads version {version!r}",
            line=line,
            path="version",
            value=version,
        )
    if "site" not in data:
        raise FormatError(where + "header: missing the 'site' field", line=line, path="site")


def _structure_site(
    data: dict[str, Any], known: frozenset[str], *, strict: bool, line: int | None, source: str | None
) -> Site:
    unknown = {k: v for k, v in data.items() if k not in known}
    if unknown and strict:
        name = next(iter(unknown))
        raise SerializationError(
            place(source, line) + f"header.{name}: unknown field (strict mode refuses fields newsmodel does not know)",
            line=line,
            path=f"header.{name}",
            value=unknown[name],
        )
    site: Site = structure_located(
        data["site"], Site, strict=strict, root="site", line=line, source=source, owned=True, hook=_STRUCTURE_SITE
    )
    if unknown:
        before = site.extra.get(HEADER_FIELDS_KEY)
        merged = {**thaw(before), **unknown} if isinstance(before, Extra) else unknown
        site = attrs.evolve(site, extra=site.extra.merged({HEADER_FIELDS_KEY: merged}))
    return site


def _unstructure_corpus(corpus: Corpus) -> dict[str, Any]:
    out = _header(corpus.site)
    out["authors"] = list(map(_writer(Author), corpus.authors))
    out["categories"] = list(map(_writer(Category), _parents_first(corpus.categories)))
    out["tags"] = list(map(_writer(Tag), corpus.tags))
    out["articles"] = list(map(_writer(Article), corpus.articles))
    if corpus.menus:  # written only when there are menus: a corpus without keeps its old shape
        out["menus"] = list(map(_writer(Menu), corpus.menus))
    return out


converter.register_unstructure_hook(Corpus, _unstructure_corpus)


def _structure_corpus(data: Any, *, strict: bool) -> Corpus:
    _check_header(data, _CORPUS_KNOWN, None, None)
    site = _structure_site(data, _CORPUS_KNOWN, strict=strict, line=None, source=None)
    parts: dict[str, list[Any]] = {}
    for kind, cls in _KINDS.items():
        key = "categories" if kind == "category" else kind + "s"
        items = data.get(key, [])
        if not isinstance(items, list):
            raise SerializationError(f"{key}: expected a list, got {short_repr(items)}", path=key, value=items)
        parts[key] = [
            structure_located(
                item, cls, strict=strict, root=f"{key}[{i}]", line=None, source=None, owned=False, hook=_STRUCTURE[kind]
            )
            for i, item in enumerate(items)
        ]
    return Corpus(site=site, **parts)


def _parents_first(categories: Iterable[Category]) -> list[Category]:
    """Categories in their given order, except that a parent always comes before its children."""
    cats = list(categories)
    by_id = {c.id: c for c in cats}
    done: set[str] = set()
    out: list[Category] = []
    for cat in cats:
        chain: list[Category] = []
        on_chain: set[str] = set()  # a set: a list's membership test made a chain quadratic
        node: Category | None = cat
        while node is not None and node.id not in done and node.id not in on_chain:
            chain.append(node)
            on_chain.add(node.id)
            node = by_id.get(node.parent_id) if node.parent_id is not None else None
        for c in reversed(chain):
            done.add(c.id)
            out.append(c)
    return out


# --------------------------------------------------------------------------- JSON Lines files

Source = Union[str, "os.PathLike[str]", IO[bytes], IO[str]]


def _name_of(source: Any) -> str | None:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


@contextmanager
def _lines(source: Source | Iterable[bytes]) -> Iterator[Iterable[bytes | str]]:
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if path.endswith(".gz"):
            with gzip.open(path, "rb") as gz:
                yield gz
        else:
            with open(path, "rb") as f:
                yield f
    else:
        yield source


def _iter_raw(
    source: Source | Iterable[bytes],
    *,
    strict: bool,
    name: str | None = None,
    first_line: int = 1,
    header: bool = True,
) -> Iterator[tuple[int, str, Any]]:
    """(line, kind, value) for each record: ("site", Site) first, then entities.

    ``newsmodel.dask`` reads a block of a file's lines: it gives the file's ``name``, the block's
    ``first_line`` and ``header=False`` for a block that does not start the file.
    """
    name = _name_of(source) if name is None else name
    lineno = first_line - 1
    seen_header = not header
    with _lines(source) as lines:
        it = iter(lines)
        while True:
            try:
                raw = next(it)
            except StopIteration:
                break
            except gzip.BadGzipFile as exc:
                raise FormatError(
                    place(name, lineno + 1) + f"not gzip data, or damaged (the name ends in .gz): {exc}",
                    line=lineno + 1,
                ) from None
            except EOFError as exc:
                raise FormatError(
                    place(name, lineno + 1) + f"the compressed stream ends early (truncated?): {exc}", line=lineno + 1
                ) from None
            except zlib.error as exc:
                raise FormatError(
                    place(name, lineno + 1) + f"the compressed data is damaged: {exc}", line=lineno + 1
                ) from None
            lineno += 1
            if not raw.strip():
                continue
            try:
                data = _DECODER.decode(raw)
            except RecursionError:
                raise too_deep("", lineno, name) from None
            except msgspec.DecodeError as exc:
                ending = raw[-1:] in ("\n", b"\n")
                if not ending:
                    raise FormatError(
                        place(name, lineno) + f"the file ends in the middle of a record (truncated?): {exc}",
                        line=lineno,
                    ) from None
                if lineno == 1 and raw[:2] in (b"\x1f\x8b", "\x1f\x8b"):
                    raise FormatError(
                        place(name, lineno) + "gzip-compressed data: name the file *.gz (or decompress it)",
                        line=lineno,
                    ) from None
                raise FormatError(place(name, lineno) + f"invalid JSON: {exc}", line=lineno) from None
            if not seen_header:
                _check_header(data, _HEADER_KNOWN, lineno, name)
                yield lineno, "site", _structure_site(data, _HEADER_KNOWN, strict=strict, line=lineno, source=name)
                seen_header = True
                continue
            if data.__class__ is not dict:
                raise FormatError(
                    place(name, lineno) + f"expected a record object, got {short_repr(data)}", line=lineno, value=data
                )
            kind = data.pop("type", None)
            hook = _STRUCTURE.get(kind) if kind.__class__ is str else None
            if hook is None:
                what = "missing the 'type' field" if kind is None else f"unknown record type {short_repr(kind)}"
                raise FormatError(
                    place(name, lineno) + f"{what} (schema version {SCHEMA_VERSION} has author, category, tag,"
                    " article and menu records)",
                    line=lineno,
                    path="type",
                    value=kind,
                )
            yield (
                lineno,
                kind,
                structure_located(
                    data, _KINDS[kind], strict=strict, root=kind, line=lineno, source=name, owned=True, hook=hook
                ),
            )
    if not seen_header:
        raise FormatError(place(name, None) + "empty file: a newsmodel corpus starts with a header record", line=1)


def iter_records(source: Source, *, strict: bool = False) -> Generator[Record, None, None]:
    """Stream a corpus file: its :class:`~newsmodel.values.model.Site` first, then each entity, one by one.

    ``source`` is a path (gzip when it ends in ``.gz``) or an open file.  Only one record is in
    memory at a time, so this converts corpora larger than memory (with :func:`write_records`).
    """
    for _, _, value in _iter_raw(source, strict=strict):
        yield value


def read_corpus(source: Source, *, strict: bool = False) -> Corpus:
    """Read a corpus file into a checked :class:`~newsmodel.values.corpus.Corpus`.

    Records are read one at a time; only the typed entities are kept.  Any error (bad JSON, a
    field of the wrong type, a broken reference) raises with the line and field path, and no
    corpus is returned.
    """
    name = _name_of(source)
    site: Site | None = None
    parts: dict[str, list[Any]] = {kind: [] for kind in _KINDS}
    lines: dict[str, list[int]] = {kind: [] for kind in _KINDS}
    for lineno, kind, value in _iter_raw(source, strict=strict):
        if kind == "site":
            site = value
        else:
            parts[kind].append(value)
            lines[kind].append(lineno)
    assert site is not None  # _iter_raw raises on a file without a header
    try:
        return Corpus(
            site=site,
            authors=parts["author"],
            categories=parts["category"],
            tags=parts["tag"],
            articles=parts["article"],
            menus=parts["menu"],
        )
    except CorpusError as exc:
        line = _line_of(exc.culprit, parts, lines)
        if line is None and name is None:
            raise
        raise type(exc)(place(name, line) + str(exc), culprit=exc.culprit) from exc


def _line_of(culprit: Any, parts: dict[str, list[Any]], lines: dict[str, list[int]]) -> int | None:
    kind = _KIND_OF.get(type(culprit))
    if kind is None:
        return None
    for value, line in zip(parts[kind], lines[kind], strict=True):
        if value is culprit:
            return line
    return None


@contextmanager
def _atomic_binary(path: str) -> Iterator[IO[bytes]]:
    """A binary file that replaces ``path`` only when the block finishes without an error."""
    import tempfile  # (only a writing process needs it)

    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as raw:
            if path.endswith(".gz"):
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz:
                    yield gz  # type: ignore[misc]
            else:
                yield raw
        os.chmod(tmp, _default_mode(path))
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _default_mode(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


_BATCH = 256


class _Writer:
    """Encodes records in file order and checks that order as it goes."""

    def __init__(self, write: Any, text: bool, name: str | None) -> None:
        self._write = write
        self._text = text
        self._name = name
        self._rank = -1
        self._count = 0
        self._category_ids: set[str] = set()
        self._pending: list[dict[str, Any]] = []
        self._kinds: list[str] = []

    def add(self, record: Any) -> None:
        if self._count == 0:
            if not isinstance(record, Site):
                raise SerializationError(
                    f"the first record must be the Site (it goes in the header), got {short_repr(record)}",
                    value=record,
                )
            self._pending.append(_header(record))
            self._kinds.append("header")
        else:
            cls = type(record)
            kind = _KIND_OF.get(cls)
            if kind is None:
                raise SerializationError(
                    f"record {self._count + 1}: expected an Author, Category, Tag, Article or Menu,"
                    f" got {short_repr(record)}",
                    value=record,
                )
            rank = _RANK[kind]
            if rank != self._rank:
                if rank < self._rank:
                    raise SerializationError(
                        f"record {self._count + 1}: {kind} {record.id!r} comes after a later kind of record"
                        " (the order is authors, categories, tags, articles, menus)",
                        value=record,
                    )
                self._rank = rank
            if kind == "category":
                if record.parent_id is not None and record.parent_id not in self._category_ids:
                    raise SerializationError(
                        f"record {self._count + 1}: category {record.id!r} comes before its parent"
                        f" {record.parent_id!r} (parents come first)",
                        value=record,
                    )
                self._category_ids.add(record.id)
            self._pending.append(_writer(cls, record=True)(record))
            self._kinds.append(kind)
        self._count += 1
        if len(self._pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        try:
            chunk = _ENCODER.encode_lines(self._pending)
        except UnicodeEncodeError:
            for data, kind in zip(self._pending, self._kinds, strict=True):
                _encode(data, kind, None, self._name)  # raises, naming the record and field
            raise  # pragma: no cover - one of them failed above
        self._write(chunk.decode("utf-8") if self._text else chunk)
        self._pending.clear()
        self._kinds.clear()

    def close(self) -> int:
        if self._count == 0:
            raise SerializationError("nothing to write: a corpus file needs at least the Site")
        self.flush()
        return self._count


def write_records(target: Source, records: Iterable[Record]) -> int:
    """Write a corpus file from ``records`` (the Site first, then authors, categories with parents
    first, tags, articles, menus) and return how many were written.

    ``target`` is a path (gzip when it ends in ``.gz``) or an open file.  A path is written to a
    temporary file in the same directory and renamed into place at the end, so an error leaves
    the old file (or none) rather than half a file.
    """
    if isinstance(target, (str, os.PathLike)):
        path = os.fspath(target)
        with _atomic_binary(path) as out:
            writer = _Writer(out.write, False, path)
            for record in records:
                writer.add(record)
            return writer.close()
    text = isinstance(target, io.TextIOBase)
    writer = _Writer(target.write, text, _name_of(target))
    for record in records:
        writer.add(record)
    return writer.close()


def _corpus_records(corpus: Corpus) -> Iterator[Record]:
    yield corpus.site
    yield from corpus.authors
    yield from _parents_first(corpus.categories)
    yield from corpus.tags
    yield from corpus.articles
    yield from corpus.menus


def write_corpus(corpus: Corpus, target: Source) -> None:
    """Write ``corpus`` as a JSON Lines corpus file (see :func:`write_records`).

    >>> import io
    >>> from newsmodel.values.model import Site
    >>> buffer = io.BytesIO()
    >>> write_corpus(Corpus(site=Site(name="Capital Cities", base_url="https://example.org")), buffer)
    >>> buffer.getvalue()[:56]
    b'{"format":"newsmodel-corpus","version":1,"site":{"name":'
    >>> read_corpus(io.BytesIO(buffer.getvalue())).site.name
    'Capital Cities'
    """
    write_records(target, _corpus_records(corpus))
