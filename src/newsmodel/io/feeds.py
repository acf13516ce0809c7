"""RSS and Atom: import any feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0), export RSS 2.0 and Atom 1.0.

Import uses feedparser (extra ``feeds``) for its tolerance of real feeds, with two corrections:

- dates go through :func:`parse_feed_date`: the standard library first, which keeps what
  feedparser's UTC ``*_parsed`` values drop (the source's offset and sub-second times), then
  feedparser's own date handlers; the ``PM`` of ``Sat, Dec 16 2023 02:02:33 PM`` is kept, and
  impossible instants (``25:14``) and unknown zone names are refused instead of rolled over;
- a document whose bytes are not in the encoding it declares (or in UTF-8 when it declares none)
  is decoded with the encoding charset-normalizer detects, and the report says so.

Each item becomes an :class:`~newsmodel.values.model.Article` whose ``source`` is the feed (publisher =
feed title, url = item link, headline = item title); item categories become tags (names that slug
the same are one tag); what the model has no field for is kept in ``extra``.

>>> from newsmodel.io.feeds import parse_feed_date
>>> parse_feed_date("Sat, Dec 16 2023 02:02:33 PM").isoformat()
'2023-12-16T14:02:33+00:00'
>>> parse_feed_date("2003-12-31T25:14:55Z") is None
True
"""

from __future__ import annotations

import email.utils
import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone, tzinfo
from typing import IO, Any, Union

from newsmodel.bodies.htmlparse import html_title, parse_html
from newsmodel.io._common import (
    checked_url,
    fetch,
    html_text,
    is_url,
    json_safe,
    naive_zone,
    site_locale,
    warn_without_base,
)
from newsmodel.io._items import ItemMapping
from newsmodel.io._xml import check_prolog, xml_attr, xml_text
from newsmodel.io.feed_write import atom_feed, rss_feed, write_atom, write_rss
from newsmodel.io.report import ImportReport, ImportReportBuilder
from newsmodel.values._validate import is_number
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.builder import CorpusBuilder
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import SourceError
from newsmodel.values.model import Article, Author, Byline, FeatureImage, Site, SourceAttribution
from newsmodel.values.safeurl import LINK_SCHEMES

__all__ = [
    "atom_feed",
    "parse_feed_date",
    "read_feed",
    "rss_feed",
    "write_atom",
    "write_rss",
    "xml_attr",
    "xml_text",
]

#: A feed to read: a path, a URL, bytes of the document, or an open binary file.
FeedSource = Union[str, "os.PathLike[str]", bytes, IO[bytes]]

# --------------------------------------------------------------------------- dates

#: The hour words of a 12-hour clock (``02:02:33 PM``), which neither the standard library nor
#: feedparser reads: the one rule here that the libraries cannot express.
_MERIDIANS = {"am": "a", "a.m.": "a", "pm": "p", "p.m.": "p"}


def _feedparser_handlers() -> tuple[Callable[[str], Any], ...]:
    """feedparser's date handlers, the specific ones first.

    feedparser's own ``_parse_date`` tries its W3C-DTF handler first, which reads the leading
    ``2004-05-25`` of a Korean or Hungarian date and drops the rest: called in this order, each
    form goes to the handler written for it.  Its ISO 8601 handler is left out: it takes missing
    fields and the century of a two-digit year from the clock, and rolls impossible fields over
    (``25:14`` becomes the next day); :func:`_from_short_iso` reads those forms instead."""
    try:
        from feedparser import datetimes as fp
    except ImportError:  # the ``feeds`` extra is not installed: the standard library alone
        return ()
    return (
        fp._parse_date_onblog,
        fp._parse_date_nate,
        fp._parse_date_greek,
        fp._parse_date_hungarian,
        fp._parse_date_perforce,
        fp._parse_date_asctime,
        fp._parse_date_rfc822,
        fp._parse_date_w3dtf,
    )


def _known_zone(word: str) -> bool:
    """Whether a zone name is one feedparser's RFC 822 table knows (it reads any other as UTC)."""
    try:
        from feedparser.datetimes.rfc822 import timezone_names
    except ImportError:
        return False
    low = word.casefold().removeprefix("etc/")
    return low in timezone_names or low in ("utc", "gmt")


def _from_iso(text: str) -> datetime | None:
    """RFC 3339 / ISO 8601 by :meth:`datetime.fromisoformat`, offset and sub-seconds kept."""
    if not text[:1].isdigit() or (len(text) > 10 and text[10] not in "Tt "):
        return None  # Python 3.11 takes any character between date and time: ``2013-01-27-01`` is no date
    if text[-1:] in "Zz":
        text = text[:-1] + "+00:00"  # Python 3.10's fromisoformat does not read Z
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


#: The ISO 8601:1988 forms with a two-digit year that neither ``fromisoformat`` nor feedparser's
#: W3C-DTF handler reads (see :func:`_feedparser_handlers` for why not its ISO 8601 handler).
_SHORT_ISO = (
    (re.compile(r"(?P<y>\d{2})-?(?P<m>\d{2})-?(?P<d>\d{2})"), "ymd"),  # YYMMDD, YY-MM-DD
    (re.compile(r"-(?P<y>\d{2})-?(?P<m>\d{2})"), "ym"),  # -YYMM, -YY-MM
    (re.compile(r"(?P<y>\d{2})(?P<o>\d{3})"), "yo"),  # YYDDD, an ordinal day
)


def _from_short_iso(text: str) -> datetime | None:
    if text[4:5] == "-":
        return None  # a four-digit year (``2003-12``): W3C-DTF
    for pattern, kind in _SHORT_ISO:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        yy = int(match["y"])
        year = 2000 + yy if yy < 50 else 1900 + yy  # RFC 2822 section 4.3, not the clock's century
        try:
            if kind == "ymd":
                return datetime(year, int(match["m"]), int(match["d"]))
            if kind == "ym":
                return datetime(year, int(match["m"]), 1)
            found = datetime.strptime(f"{year}{match['o']}", "%Y%j")
        except ValueError:
            return None
        return found if found.strftime("%j") == match["o"] else None
    return None


# a year of -0001 or 0000 before the time: WordPress's "no date" (mysql2date() of the zero date
# 0000-00-00 00:00:00, which an unpublished draft has, prints "Wed, 30 Nov -0001 00:00:00 +0000")
_NO_YEAR = re.compile(r"(?:^|\s)(?:-\d+|0{3,})\s+\d{1,2}:")


def _from_rfc2822(text: str) -> datetime | None:
    """RFC 822 / 2822 by :func:`email.utils.parsedate_to_datetime`, offset kept; WordPress's "no
    date" is none (``email.utils`` would read the year ``-0001`` as a zone and make it 2000)."""
    if _NO_YEAR.search(text):
        return None
    try:
        found = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if found.tzinfo is None:
        last = text.split()[-1]
        if last == "-0000":
            return found.replace(tzinfo=timezone.utc)  # RFC 5322 3.3: UTC, the local zone unknown
        if not last[:1].isdigit():
            return None  # a zone name email.utils does not know: left to feedparser
    return found


def _from_feedparser(text: str) -> datetime | None:
    """The UTC instant feedparser's handlers read (the offset and sub-seconds are lost)."""
    last = text.split()[-1]
    if last.replace("/", "").isalpha() and not _known_zone(last):
        return None  # feedparser reads an unknown zone as UTC: a different instant, refused
    for handler in _feedparser_handlers():
        try:
            parsed = handler(text)
        except (KeyError, OverflowError, ValueError, AttributeError, IndexError):
            continue
        if parsed:
            year, month, day, hour, minute, second = parsed[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    return None


def parse_feed_date(text: str | None, *, zone: tzinfo = timezone.utc) -> datetime | None:
    """The instant a feed's date string means, with the offset it gave (in ``zone`` when it gave none).

    RFC 3339 and ISO 8601 go through :meth:`datetime.fromisoformat` and RFC 822 through
    :func:`email.utils.parsedate_to_datetime`, which keep the source's offset and sub-second
    times; everything else (truncated ISO dates, zone names such as ``MET``, Greek, Hungarian,
    Korean, Perforce and asctime forms) through feedparser's date handlers, which give the UTC
    instant.  ``PM`` and ``AM`` are honoured; a Unix timestamp is read as one.  Gives ``None``
    for anything that cannot be read with certainty, including impossible fields (``25:14``,
    day 99, ``13:05 PM``) and unknown zone names: a feed date is never rolled over into a
    different instant.

    >>> parse_feed_date("Fri,24 Nov 2023 18:28:36 -0000").isoformat()
    '2023-11-24T18:28:36+00:00'
    >>> parse_feed_date("mer, 16 nov 2022 00:38:15 +0100").isoformat()
    '2022-11-16T00:38:15+01:00'
    >>> parse_feed_date("2023-01-05T10:00:00.123-08:00").isoformat()
    '2023-01-05T10:00:00.123000-08:00'
    >>> parse_feed_date("Sun, 99 Jun 2009 12:00:00 GMT") is None
    True
    >>> from zoneinfo import ZoneInfo
    >>> parse_feed_date("2025-12-16 09:14", zone=ZoneInfo("Asia/Seoul")).isoformat()
    '2025-12-16T09:14:00+09:00'
    """
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    if is_number(text) and len(text) >= 9:  # a Unix timestamp (feedjira reads these too)
        try:
            return datetime.fromtimestamp(int(text), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    words = text.split()
    kept = [w for w in words if w.casefold() not in _MERIDIANS]
    meridian = None
    if len(kept) == len(words) - 1 and kept:
        meridian = next(_MERIDIANS[w.casefold()] for w in words if w.casefold() in _MERIDIANS)
        text = " ".join(kept)
    elif len(kept) < len(words) - 1 or not kept:
        return None
    found = _from_iso(text) or _from_short_iso(text) or _from_rfc2822(text)
    if meridian is not None:
        if found is None or not 1 <= found.hour <= 12:
            return None  # a 12-hour clock read by feedparser would already be in UTC: refused
        found = found.replace(hour=found.hour % 12 + (12 if meridian == "p" else 0))
    elif found is None:
        found = _from_feedparser(text)
    if found is not None and found.tzinfo is None:
        found = found.replace(tzinfo=zone)
    return found


# --------------------------------------------------------------------------- import


def _as_utf8(data: bytes, encoding: str, name: str) -> bytes:
    """``data`` decoded as ``encoding`` and written again in UTF-8, with a declaration that says so."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise SourceError(f"{name}: cannot decode as {encoding!r}: {exc}", source=name) from exc
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    return ('<?xml version="1.0" encoding="utf-8"?>' + text).encode("utf-8")


def _source_name(source: FeedSource) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    if isinstance(source, bytes):
        return "<bytes>"
    return getattr(source, "name", None) or "<stream>"


def _read_bytes(source: FeedSource) -> bytes:
    """The document's bytes, fetched when ``source`` is a URL."""
    if isinstance(source, bytes):
        return source
    if is_url(source):
        return fetch(str(source), accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8")
    if isinstance(source, (str, os.PathLike)):
        with open(os.fspath(source), "rb") as fh:
            return fh.read()
    return source.read()


_DECL_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _declared_encoding(data: bytes) -> str:
    """The encoding the XML declaration names, else UTF-8 (XML 1.0 section 4.3.3)."""
    declared = _DECL_ENCODING.search(data[:500])
    return declared.group(1).decode("ascii") if declared else "utf-8"


def _decodes(data: bytes, name: str) -> bool:
    try:
        data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _reads_as_text(data: bytes, name: str) -> bool:
    """Whether ``data`` decoded as ``name`` reads as text to charset-normalizer (not as mojibake).

    feedparser's last resorts (``windows-1252``, then ``iso-8859-2``) decode almost any bytes; a
    KOI8-R or Shift-JIS document decoded that way is a mess of accented capitals and symbols,
    which charset-normalizer's mess measure refuses."""
    import charset_normalizer

    return charset_normalizer.from_bytes(data, cp_isolation=[name]).best() is not None


def _detected_encoding(data: bytes) -> str | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    return best.encoding if best is not None else None


# Keys of a feedparser entry that the article mapping consumes (the rest go to ``extra``).
_MAPPED_ENTRY_KEYS = frozenset(
    {
        "id", "guidislink", "title", "title_detail", "link", "links", "summary", "summary_detail",
        "content", "published", "published_parsed", "updated", "updated_parsed", "author",
        "author_detail", "authors", "tags", "media_content", "media_thumbnail", "language",
        "created_parsed", "expired_parsed", "dc_creator",
    }
)  # fmt: skip


def _get(mapping: Mapping[str, Any], key: str, default: Any = None) -> Any:
    """A key of a feedparser dict without feedparser's deprecated aliases (``updated`` → ``published``)."""
    return dict.get(mapping, key, default) if isinstance(mapping, dict) else mapping.get(key, default)


def _entry_title(entry: Mapping[str, Any]) -> tuple[str, str | None]:
    """The title readers see, and its markup when it is HTML: feedparser says which in
    ``title_detail.type`` (``text/html`` for Atom ``type="html"`` and for an RSS title that
    looks like HTML, ``application/xhtml+xml`` for Atom ``type="xhtml"``) and leaves the value as
    markup; a ``text/plain`` title is text already."""
    title = _get(entry, "title") or ""
    kind = (_get(entry, "title_detail") or {}).get("type") or ""
    if "html" not in kind:
        return title, None
    return html_title(title)


def _entry_body(entry: Mapping[str, Any]) -> tuple[Body, str | None]:
    """The body and, when there is separate content, the summary as excerpt."""
    contents = _get(entry, "content") or []
    main = contents[0] if contents else _get(entry, "summary_detail")
    excerpt: str | None = None
    if contents and _get(entry, "summary"):
        summary_detail = _get(entry, "summary_detail") or {}
        summary = entry["summary"]
        excerpt = html_text(summary, separator=" ") if "html" in (_get(summary_detail, "type") or "") else summary
    if not main or not _get(main, "value"):
        return Body(), excerpt
    value = main["value"]
    if "html" in (_get(main, "type") or "text/html"):
        return parse_html(value), excerpt
    return Body(blocks=(Paragraph(content=(Text(text=value),)),)), excerpt


def _feature_image(
    entry: Mapping[str, Any], extra: dict[str, Any], report: ImportReportBuilder, place: str
) -> FeatureImage | None:
    """The item's first image; an unsafe image URL is left out, kept in ``extra`` and reported."""

    def image(url: str, width: int | None = None, height: int | None = None) -> FeatureImage | None:
        safe = checked_url(url, field="feature_image.url", extra=extra, report=report, place=place)
        return FeatureImage(url=safe, width=width, height=height) if safe is not None else None

    for key in ("media_content", "media_thumbnail"):
        for media in _get(entry, key) or []:
            url = _get(media, "url")
            if url and (
                key == "media_thumbnail"
                or (_get(media, "medium") or _get(media, "type") or "image").startswith("image")
            ):
                width, height = _get(media, "width"), _get(media, "height")
                return image(
                    url,
                    width=int(width) if is_number(str(width or "")) else None,
                    height=int(height) if is_number(str(height or "")) else None,
                )
    for link in _get(entry, "links") or []:
        if _get(link, "rel") == "enclosure" and (_get(link, "type") or "").startswith("image") and _get(link, "href"):
            return image(link["href"])
    return None


def read_feed(
    source: FeedSource,
    *,
    site: Site | None = None,
    encoding: str | None = None,
    timezone: str | None = None,
) -> tuple[Corpus, ImportReport]:
    """Read an RSS or Atom feed (path, URL, bytes or binary file) into a corpus and a report.

    ``site`` overrides the :class:`~newsmodel.values.model.Site` built from the feed's channel;
    ``encoding`` overrides the document's declared encoding; ``timezone`` (an IANA name) is the
    site's time zone, in which dates written without an offset are read (default UTC).  A document that is not a feed at
    all (nothing recognisable, no items) raises :class:`~newsmodel.values.errors.SourceError` naming the
    file and the line; an ill-formed feed that the lenient parser could still read imports with a
    warning in the report.

    >>> corpus, report = read_feed(b'''<rss version="2.0"><channel><title>Herald</title>
    ... <link>https://herald.example</link><item><title>Summit set</title>
    ... <link>https://herald.example/summit-set</link>
    ... <pubDate>Tue, 16 Dec 2025 09:00:00 +0900</pubDate><category>Kim Jong Un</category>
    ... <category>Kim Jong-un</category></item></channel></rss>''')
    >>> a = corpus.articles[0]
    >>> a.slug, a.published.isoformat(), a.source.line
    ('summit-set', '2025-12-16T09:00:00+09:00', 'Summit set – Herald')
    >>> [(t.slug, t.name) for t in corpus.tags]
    [('kim-jong-un', 'Kim Jong Un'), ('kim-jong-un-2', 'Kim Jong-un')]
    """
    import feedparser

    name = _source_name(source)
    data = _read_bytes(source)
    report = ImportReportBuilder(source=name)
    zone = naive_zone(timezone, site)
    infer_zone = timezone is None and site is None
    if not data.strip():
        raise SourceError(f"{name}: empty document, not a feed", source=name, place=name)
    if encoding is not None:
        data = _as_utf8(data, encoding, name)
    data = data.lstrip()
    check_prolog(data, name, forbid="entities")
    parsed = feedparser.parse(data, sanitize_html=False)
    declared = _declared_encoding(data)
    if encoding is None and not _decodes(data, declared):
        # feedparser's own order (feedparser/encodings.py, convert_to_utf8): the declared encoding,
        # the byte order mark, UTF-8, then windows-1252 and iso-8859-2.  Its answer is trusted
        # unless it found none or its last resort reads as mojibake; then charset-normalizer decides.
        used = _get(parsed, "encoding") or None
        how = "as feedparser reads it"
        if used is None or not _reads_as_text(data, used):
            detected = _detected_encoding(data)
            if detected is not None and detected != used:
                data = _as_utf8(data, detected, name)
                check_prolog(data, name, forbid="entities")
                parsed = feedparser.parse(data, sanitize_html=False)
                used, how = detected, "detected"
        if used is None:
            raise SourceError(f"{name}: cannot tell the document's encoding; pass encoding=", source=name, place=name)
        report.warn(
            f"the document is not in the encoding it declares ({declared!r}); decoded as {used!r} ({how})",
            place=name,
            code="encoding",
        )
    feed = _get(parsed, "feed") or {}
    entries = _get(parsed, "entries") or []
    version = _get(parsed, "version") or ""
    report.format = version or "feed"
    if _get(parsed, "bozo"):
        bozo_exc = _get(parsed, "bozo_exception")
        line = bozo_exc.getLineNumber() if hasattr(bozo_exc, "getLineNumber") else None
        place = f"{name}:{line}" if line else name
        if not entries:
            raise SourceError(f"{place}: not a readable feed: {bozo_exc}", source=name, place=place)
        if type(bozo_exc).__name__ != "CharacterEncodingOverride":
            report.warn(f"ill-formed feed ({bozo_exc}); read leniently", place=place, code="illformed")
    if not version and not entries:
        raise SourceError(f"{name}: no RSS or Atom feed found", source=name, place=name)
    if not entries:
        report.warn("the feed has no items", place=name, code="empty")
    feed_title_text, feed_title_html = _entry_title(feed)  # a feed's title is read as an item's
    feed_title = feed_title_text or None
    if site is None:
        site_extra = json_safe(
            {
                k: v
                for k, v in feed.items()
                if not k.endswith(("_detail", "_parsed")) and k not in ("title", "link", "subtitle", "language")
            }
        )
        if feed_title_html is not None:
            site_extra["title_html"] = feed_title_html
        base_url = checked_url(
            _get(feed, "link") or None, field="base_url", extra=site_extra, report=report, place=f"{name} channel"
        )
        site = Site(
            name=feed_title or name,
            base_url=base_url or "",
            timezone=timezone or "UTC",
            locale=site_locale(_get(feed, "language"), report=report, place=f"{name} channel"),
            description=_get(feed, "subtitle") or None,
            language=_get(feed, "language") or None,
            extra=site_extra,
        )
        warn_without_base(site, field="channel link", report=report, place=f"{name} channel")
    items = ItemMapping(CorpusBuilder(site), report, zone=zone, parse_date=parse_feed_date, infer_zone=infer_zone)
    feed_authors = _get(feed, "authors") or []
    own_urls = _own_urls(feed, source)
    for index, entry in enumerate(entries):
        place = f"{name} item {index + 1}"
        extra: dict[str, Any] = {}
        title, title_html = _entry_title(entry)
        link = _get(entry, "link") or None
        if link is not None and link in own_urls:
            report.warn(
                f"the item's link {link!r} is the feed's own address (an empty href resolved against the"
                " feed's base); left out",
                place=place,
                code="link",
            )
            link = None
        article_id = items.article_id(
            _get(entry, "id") or link or f"item-{index + 1}", index=index, place=place, extra=extra
        )
        slug = items.slug(link, title, article_id)
        published = modified = None
        for key in ("published", "updated", "created"):
            when = items.date(key, _get(entry, key) or None, place=place, extra=extra)
            if when is not None and key == "updated":
                modified = when
            elif when is not None and published is None:
                published = when
        published, status = items.status(published, modified, place=place)
        body, excerpt = _entry_body(entry)
        bylines: list[Byline] = []
        for person in _people(_get(entry, "authors") or feed_authors):
            pname = (_get(person, "name") or _get(person, "email") or "").strip()
            if pname:
                items.byline(bylines, pname, functools.partial(_feed_author, person, pname, report, place))
        tag_ids: list[str] = []
        for term in _get(entry, "tags") or []:
            label = _get(term, "term") or _get(term, "label") or ""
            items.tag(tag_ids, label, extra={"scheme": term["scheme"]} if _get(term, "scheme") else None)
        for key, value in entry.items():
            if key in _MAPPED_ENTRY_KEYS or key.endswith(("_detail", "_parsed")):
                continue
            extra[key] = json_safe(value)
        other_links = [json_safe(lk) for lk in _get(entry, "links") or [] if _get(lk, "href") != link]
        if other_links:
            extra["links"] = other_links
        summary_type = (_get(entry, "summary_detail") or {}).get("type") or ""
        if _get(entry, "content") and _get(entry, "summary") and "html" in summary_type:
            extra["summary_html"] = entry["summary"]
        if len(_get(entry, "content") or []) > 1:
            extra["content"] = json_safe(entry["content"][1:])
        safe_link = checked_url(link, field="link", extra=extra, report=report, place=place)
        article = Article(
            id=article_id,
            slug=slug,
            title=title,
            title_html=title_html,
            body=body,
            excerpt=excerpt,
            published=published,
            modified=modified,
            status=status,
            bylines=tuple(bylines),
            tag_ids=tuple(tag_ids),
            feature_image=_feature_image(entry, extra, report, place),
            language=_get(entry, "language") or None,
            canonical_url=safe_link,
            source=SourceAttribution(headline=title or None, publisher=feed_title, url=safe_link),
            extra=extra,
        )
        items.builder.add_article(article)
        report.imported("articles")
    return items.build(name), report.build()


def _people(people: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The people of one item, one entry per person.

    feedparser appends a person to ``authors`` for every ``author``, ``dc:creator``,
    ``itunes:author`` and ``managingEditor`` element (``_start_author`` in
    feedparser/namespaces/_base.py, which the Dublin Core and iTunes handlers call), so one
    writer named by two of them appears twice; the same name is one byline already (authors are
    keyed by the slug of their name).  What is left is RSS's ``<author>``, which holds only an
    email address: it is the email of the item's one named person, when there is exactly one
    (or of the person whose email it is), not a second author."""
    people = list(people)
    out: list[dict[str, Any]] = [dict(p) for p in people if (_get(p, "name") or "").strip()]
    for person in people:
        if (_get(person, "name") or "").strip():
            continue
        email = (_get(person, "email") or "").strip()
        same = [p for p in out if (_get(p, "email") or "") == email]
        if email and (same or len(out) == 1):
            target = same[0] if same else out[0]
            target.setdefault("email", email)
            for key, value in person.items():
                target.setdefault(key, value)
        else:
            out.append(dict(person))
    return out


def _own_urls(feed: Mapping[str, Any], source: FeedSource) -> frozenset[str]:
    """The URLs of the feed document itself: its ``rel="self"`` links, its ``xml:base`` and the URL
    it was read from.

    feedparser resolves every ``href`` against the base URI in force (``_start_link`` in
    feedparser/namespaces/_base.py calls ``resolve_uri``, a ``urljoin``), so ``href=""`` becomes
    the base itself: usually the feed's own URL, never the item's page.  (An empty
    ``<link></link>`` stays empty: text links are resolved only when not empty.)"""
    urls = {str(_get(link, "href")) for link in _get(feed, "links") or [] if _get(link, "rel") == "self"}
    for key in ("title_detail", "subtitle_detail"):
        base = _get(_get(feed, key) or {}, "base")
        if base:
            urls.add(str(base))
    if isinstance(source, str) and is_url(source):
        urls.add(source)
    urls.discard("")
    return frozenset(urls)


def _feed_author(
    person: Mapping[str, Any], name: str, report: ImportReportBuilder, place: str, author_id: str
) -> Author:
    """The author of a feedparser person dict, the first time its name is seen."""
    extra: dict[str, Any] = {}
    website = checked_url(
        _get(person, "href") or None,
        field="website",
        extra=extra,
        report=report,
        place=f"{place} author {name!r}",
        schemes=LINK_SCHEMES,
    )
    return Author(
        id=author_id, slug=author_id, name=name, email=_get(person, "email") or None, website=website, extra=extra
    )
