"""Helpers shared by the export and feed adapters: permalinks, body HTML, dates, output targets.

Private to :mod:`newsmodel.io`; the public entry points are in the format modules.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone, tzinfo
from typing import IO, Any, Protocol, Union

from newsmodel.bodies.render import render_html
from newsmodel.io.report import ImportReportBuilder
from newsmodel.values.body import Body, RawHtml
from newsmodel.values.corpus import Corpus
from newsmodel.values.dates import resolve_locale
from newsmodel.values.errors import NewsModelError, SourceError, UnknownId
from newsmodel.values.model import Article, Author, Category, Site, Tag
from newsmodel.values.safeurl import WEB_SCHEMES, is_safe_url
from newsmodel.values.urls import article_url, author_url, category_url, tag_url

#: Where an exporter writes: a path, or an open text or binary file.
Target = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]


class Exporter(Protocol):
    """The signature every single-file exporter has (``write_rss``, ``write_atom``,
    ``write_jsonfeed``, ``write_jsonld``, ``write_wxr``): the corpus, then a path or an open file;
    options are keyword-only."""

    def __call__(self, corpus: Corpus, target: Target) -> None: ...


class FeedExporter(Protocol):
    """The feed exporters' options on top of :class:`Exporter`: which articles (default: the
    published ones, or those visible at ``as_of``), how many, and the feed's own URL."""

    def __call__(
        self,
        corpus: Corpus,
        target: Target,
        *,
        articles: Iterable[Article] | None = None,
        as_of: datetime | None = None,
        limit: int | None = None,
        feed_url: str | None = None,
    ) -> None: ...


def names_of(lookup: Callable[[str], Author | Tag | Category], ids: Iterable[str]) -> list[str]:
    """The names of the entities ``lookup`` finds for ``ids`` (``corpus.tag``, ``corpus.author``
    …), in order; an id the corpus does not have is skipped (an export writes what it has)."""
    out = []
    for entity_id in ids:
        try:
            out.append(lookup(entity_id).name)
        except UnknownId:
            continue
    return out


# --------------------------------------------------------------------------- URLs

#: The ``extra`` key where an importer keeps each URL the model refuses (``javascript:``,
#: ``data:`` …): a mapping from the field it was meant for (``canonical_url``, ``source.url``,
#: ``feature_image.url``, ``base_url``, ``website`` …) to the value exactly as the source had it.
UNSAFE_URLS = "unsafe_urls"


def site_locale(language: str | None, *, report: ImportReportBuilder, place: str) -> str:
    """The site's locale from the language its source names: WordPress writes its locale there,
    ``fr_FR`` as ``fr-FR`` (``get_bloginfo('language')`` in ``wp-includes/general-template.php``:
    the translation's ``html_lang_attribute``, else ``determine_locale()`` with ``_`` made ``-``),
    and a feed's language tag is read the same way (:func:`~newsmodel.values.dates.resolve_locale`:
    ``pt-br`` is ``pt_BR``, a bare ``de`` gains its likely territory when Babel is installed).
    ``en_US``, the default, when the source names none, or names one that is no locale (warned).
    """
    if not language or not language.strip():
        return "en_US"
    try:
        return resolve_locale(language.strip())
    except NewsModelError:
        report.warn(f"language {language!r} is no locale; the site's locale stays 'en_US'", place=place, code="locale")
        return "en_US"


def warn_without_base(site: Site, *, field: str, report: ImportReportBuilder, place: str) -> None:
    """A ``base-url`` warning when the source gave the site no absolute URL (``field`` missing,
    empty or relative): its links then stay relative in every export made from it."""
    if not site.base_url:
        report.warn(
            f"no absolute {field}: the site has no base URL, so the links written from it stay relative"
            " (give site= with one)",
            place=place,
            code="base-url",
        )


def checked_url(
    value: str | None,
    *,
    field: str,
    extra: dict[str, Any],
    report: ImportReportBuilder,
    place: str,
    schemes: frozenset[str] = WEB_SCHEMES,
) -> str | None:
    """``value`` when :func:`~newsmodel.values.safeurl.is_safe_url` accepts it, else None.

    A refused value is kept in ``extra[UNSAFE_URLS][field]`` and reported as an ``unsafe-url``
    warning at ``place``: one hostile link does not cost the rest of the source, and nothing is lost.

    >>> extra: dict[str, Any] = {}
    >>> report = ImportReportBuilder()
    >>> checked_url("javascript:alert(1)", field="canonical_url", extra=extra, report=report, place="item 1")
    >>> extra
    {'unsafe_urls': {'canonical_url': 'javascript:alert(1)'}}
    >>> report.build().warnings[0].line
    "item 1: canonical_url: unsafe URL 'javascript:alert(1)' left out (kept in extra['unsafe_urls'])"
    """
    if value is None or is_safe_url(value, schemes):
        return value
    extra.setdefault(UNSAFE_URLS, {})[field] = value
    report.warn(
        f"{field}: unsafe URL {value!r} left out (kept in extra[{UNSAFE_URLS!r}])", place=place, code="unsafe-url"
    )
    return None


def join_url(base: str, path: str) -> str:
    """``base`` and an absolute ``path`` joined with exactly one slash.

    >>> join_url("https://example.org/", "/2025/12/a/")
    'https://example.org/2025/12/a/'
    """
    if path.startswith(("http://", "https://")):
        return path
    return base.rstrip("/") + "/" + path.lstrip("/")


class Links:
    """Permalinks of one corpus (article, category, tag, author pages), memoized per corpus.

    A thin layer over :mod:`newsmodel.values.urls` that resolves category paths and author slugs
    through the corpus; :func:`~newsmodel.values.urls.article_url` decides (an article's
    ``canonical_url`` wins over the site's pattern).
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.site = corpus.site
        self._paths: dict[str, tuple[str, ...]] = {}

    def _path(self, category_id: str) -> tuple[str, ...]:
        found = self._paths.get(category_id)
        if found is None:
            found = self._paths[category_id] = tuple(c.slug for c in self.corpus.path(category_id))
        return found

    def article(self, article: Article) -> str:
        """The absolute URL of an article (its ``canonical_url`` when it has one)."""
        main = article.main_category_id
        path = self._path(main) if main is not None else ()
        parents = self._parent_slugs(article)
        return article_url(
            self.site, article, category_path=path, author_slug=self._author_slug(article), parent_slugs=parents
        )

    def _parent_slugs(self, article: Article) -> tuple[str, ...]:
        if article.parent_id is None:
            return ()
        return tuple(a.slug for a in self.corpus.page_path(article.id)[:-1])

    def _author_slug(self, article: Article) -> str | None:
        for author_id in article.author_ids:
            try:
                return self.corpus.author(author_id).slug
            except UnknownId:
                continue
        return None

    def category(self, category_id: str) -> str:
        """The absolute URL of a category archive."""
        return category_url(self.site, self._path(category_id))

    def tag(self, tag_id: str) -> str:
        """The absolute URL of a tag archive."""
        return tag_url(self.site, self.corpus.tag(tag_id))

    def author(self, author_id: str) -> str:
        """The absolute URL of an author archive."""
        return author_url(self.site, self.corpus.author(author_id))

    @property
    def home(self) -> str:
        """The site's home page URL (ends with a slash)."""
        return self.site.base_url.rstrip("/") + "/"


def links(corpus: Corpus) -> Links:
    """The memoized :class:`Links` of ``corpus``."""
    return corpus.cached(Links)


# --------------------------------------------------------------------------- selection


def published_articles(
    corpus: Corpus, *, as_of: datetime | None = None, limit: int | None = None
) -> tuple[Article, ...]:
    """The posts that count (:meth:`Article.is_visible <newsmodel.values.model.Article.is_visible>`)
    newest first (``(published, id)`` descending): those visible at ``as_of``, or without it
    those the source published."""
    if as_of is not None:
        chosen: Sequence[Article] = corpus.visible(as_of)
    else:
        chosen = tuple(a for a in corpus.newest_first() if a.is_visible(None))
    if limit is not None:
        chosen = chosen[:limit]
    return tuple(chosen)


# --------------------------------------------------------------------------- dates


def rfc3339(value: datetime) -> str:
    """An aware datetime as RFC 3339 with its own offset (``Z`` for UTC, no microseconds).

    >>> rfc3339(datetime(2025, 12, 16, 9, 0, tzinfo=timezone.utc))
    '2025-12-16T09:00:00Z'
    """
    text = value.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc822(value: datetime) -> str:
    """An aware datetime as an RFC 822 date (four-digit year, numeric offset), English names.

    >>> from datetime import timedelta
    >>> rfc822(datetime(2025, 12, 16, 18, 0, tzinfo=timezone(timedelta(hours=9))))
    'Tue, 16 Dec 2025 18:00:00 +0900'
    """
    offset = value.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hh, mm = divmod(abs(minutes), 60)
    return (
        f"{_DAYS[value.weekday()]}, {value.day:02d} {_MONTHS[value.month - 1]} {value.year:04d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d} {sign}{hh:02d}{mm:02d}"
    )


def latest(articles: Sequence[Article]) -> datetime | None:
    """The newest ``modified`` or ``published`` among ``articles``."""
    best: datetime | None = None
    for a in articles:
        for d in (a.modified, a.published):
            if d is not None and (best is None or d > best):
                best = d
    return best


# --------------------------------------------------------------------------- bodies


def body_html(body: Body) -> str:
    """The body as HTML for a feed's content (every text escaped; raw HTML blocks left out).

    A body that is a single :class:`~newsmodel.values.body.RawHtml` block kept by a feed import (reason
    ``"feed"``) is given back verbatim, so a feed read and written again keeps its markup.

    >>> from newsmodel.values.body import Paragraph, Text
    >>> body_html(Body(blocks=(Paragraph(content=(Text(text="a < b"),)),)))
    '<p>a &lt; b</p>'
    """
    blocks = body.blocks
    if len(blocks) == 1 and isinstance(blocks[0], RawHtml) and blocks[0].reason == "feed":
        return blocks[0].html
    return render_html(body, anchors=None)


# --------------------------------------------------------------------------- JSON values


def json_safe(value: Any) -> Any:
    """``value`` with everything that is not JSON (struct_time, bytes, objects) made JSON or dropped.

    >>> json_safe({"a": (1, 2), "b": b"x"})
    {'a': [1, 2], 'b': 'x'}
    """
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items() if not _is_struct_time(v)}
    if isinstance(value, (list, tuple)) and not _is_struct_time(value):
        return [json_safe(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _is_struct_time(value: Any) -> bool:
    return type(value).__name__ == "struct_time"


# --------------------------------------------------------------------------- input

USER_AGENT = "newsmodel (+https://example.org/newsmodel)"


def is_url(source: object) -> bool:
    """True for an ``http://`` or ``https://`` URL given as a string."""
    return isinstance(source, str) and source.startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = 30.0, accept: str = "*/*") -> bytes:
    """The body of ``url`` (GET, redirects followed); an HTTP error or an unreachable host is a
    :class:`~newsmodel.values.errors.SourceError` naming the URL."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        exc.close()  # the error holds the response's socket open
        raise SourceError(f"{url}: HTTP {exc.code} {exc.reason}", source=url, place=url) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceError(f"{url}: cannot fetch: {reason}", source=url, place=url) from exc


def load_json(
    source: Any, *, what: str = "JSON", text_starts: str = "{", text_unless_file: bool = False
) -> tuple[Any, str]:
    """Read JSON from a parsed object, URL, bytes, JSON text, path or open file; returns ``(data, name)``.

    A string is JSON text when it starts with one of ``text_starts`` (after white space), or, with
    ``text_unless_file``, when no file has that name; else it is a path.  A file that is not JSON
    is a :class:`~newsmodel.values.errors.SourceError` naming the line.

    >>> load_json('{"a": 1}')
    ({'a': 1}, '<text>')
    """
    if isinstance(source, (Mapping, list)):
        return source, "<object>"
    if is_url(source):
        name = str(source)
        text = fetch(name, accept="application/json, */*;q=0.8").decode("utf-8-sig", "replace")
    elif isinstance(source, bytes):
        text, name = source.decode("utf-8-sig"), "<bytes>"
    elif isinstance(source, (str, os.PathLike)):
        if isinstance(source, str) and (
            source.lstrip()[:1] in tuple(text_starts) or (text_unless_file and not os.path.exists(source))
        ):
            text, name = source, "<text>"
        else:
            name = os.fspath(source)
            with open(name, encoding="utf-8-sig") as fh:
                text = fh.read()
    else:
        raw = source.read()
        name = getattr(source, "name", None) or "<stream>"
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    try:
        return json.loads(text), name
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{name}:{exc.lineno}: not {what} ({exc.msg} at column {exc.colno}): {text[:60]!r}",
            source=name,
            place=f"{name}:{exc.lineno}",
        ) from exc


def naive_zone(timezone_name: str | None, site: Any) -> tzinfo:
    """The zone for dates written without an offset: ``timezone_name``, else the given site's, else UTC."""
    if timezone_name:
        from zoneinfo import ZoneInfo

        return ZoneInfo(timezone_name)
    if site is not None and site.zone is not None:  # a floating site names no zone: UTC
        zone: tzinfo = site.zone
        return zone
    return timezone.utc


# --------------------------------------------------------------------------- output


@contextmanager
def open_text_target(target: Target) -> Iterator[IO[str]]:
    """A text stream (UTF-8) for a path or an open file.

    A path is written atomically, by the helper every corpus file is written with: to a temporary
    file beside it, renamed into place only when the block ends without an error (an error, or a
    kill, leaves the old file or none, never half a file); a name ending in ``.gz`` is written
    gzip-compressed.
    """
    if isinstance(target, (str, os.PathLike)):
        from newsmodel.serialize import _atomic_binary  # the one atomic writer of the package

        with _atomic_binary(os.fspath(target)) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
            yield text
            text.flush()
            text.detach()
        return
    if isinstance(target, io.TextIOBase) or hasattr(target, "encoding"):
        yield target  # type: ignore[misc]
        return
    wrapper = io.TextIOWrapper(target, encoding="utf-8", newline="\n")  # type: ignore[type-var]
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()


def write_parts(target: Target, parts: Iterable[str]) -> None:
    """Write a document made in parts (``"".join(parts)`` is the whole) to a path or an open file
    (see :func:`open_text_target`), one part at a time, so that it is never whole in memory."""
    with open_text_target(target) as fh:
        for part in parts:
            fh.write(part)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8) atomically (see :func:`open_text_target`)."""
    write_parts(path, (text,))


def utc(value: datetime) -> datetime:
    """``value`` converted to UTC."""
    return value.astimezone(timezone.utc)


def html_text(markup: str, *, separator: str = "") -> str:
    """The text of a small piece of HTML (a title, an excerpt, a caption): see
    :func:`newsmodel.bodies.htmlparse.html_to_text`, the one home of the rule.

    >>> html_text("Trump&#8211;<em>Kim</em> 1 < 2")
    'Trump–Kim 1 < 2'
    """
    from newsmodel.bodies.htmlparse import html_to_text

    return html_to_text(markup, separator=separator)
