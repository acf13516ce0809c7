"""Permalinks and share links.

Permalinks expand the WordPress-style patterns of :class:`~newsmodel.values.model.Permalinks`
(``%year%``, ``%monthnum%``, ``%day%``, ``%hour%``, ``%minute%``, ``%second%``, ``%postname%``,
``%post_id%``, ``%category%`` — the full category path of the primary category, parent first —,
``%author%``, ``%tag%``, ``%week%``, and for pages ``%pagename%`` — the slugs of the page's
ancestors and its own, joined by ``/``, as WordPress's ``get_page_uri`` builds them —) into
absolute URLs under ``Site.base_url``.  Dates are taken
in the site's time zone: a post at 23:30 in Los Angeles on December 31 lives under ``/12/``.
Slugs go in as WordPress stores and links them (:func:`~newsmodel.values.slugs.encode_slug`: UTF-8,
lowercase ``%xx``), so ``日本語テスト`` is ``/%e6%97%a5…/`` as on the WordPress site.

Share links (Facebook, X, LinkedIn, Pinterest, email, WhatsApp) percent-encode every parameter
as UTF-8 with nothing left unescaped (``quote(value, safe="")``), so a title such as
"Seoul’s dilemma" travels as ``Seoul%E2%80%99s%20dilemma`` and decodes back exactly.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.model import Article, Site
>>> site = Site(name="Capital Cities", base_url="https://example.org", timezone="Asia/Seoul")
>>> a = Article(id="42", slug="trump-kim", title="Trump-Kim",
...             published=datetime(2025, 12, 16, 1, 0, tzinfo=timezone.utc))
>>> article_url(site, a)
'https://example.org/2025/12/trump-kim/'
>>> month_url(site, 2025, 12)
'https://example.org/2025/12/'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin

import attrs

from newsmodel.values._validate import STRING
from newsmodel.values.errors import InvalidPermalink, InvalidValue
from newsmodel.values.model import Article, Author, ContentKind, Site, Tag
from newsmodel.values.slugs import encode_slug

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

__all__ = [
    "DEFAULT_SEARCH_PATTERN",
    "DEFAULT_WEEK_PATTERN",
    "FEED_FORMATS",
    "SHARE_NETWORKS",
    "ShareLink",
    "absolute_url",
    "archive_url",
    "article_url",
    "author_url",
    "category_url",
    "category_urls",
    "day_url",
    "expand_permalink",
    "feed_url",
    "month_url",
    "page_url",
    "paged_url",
    "permalink",
    "search_url",
    "share_links",
    "tag_url",
    "week_url",
    "year_url",
]

#: The tokens a permalink pattern may use.
TOKENS: frozenset[str] = frozenset(
    {
        "year",
        "monthnum",
        "day",
        "hour",
        "minute",
        "second",
        "postname",
        "post_id",
        "category",
        "author",
        "tag",
        "week",
        "pagename",
        "search",
    }
)

#: Weekly archives have no pattern in :class:`~newsmodel.values.model.Permalinks`; this is WordPress's
#: query-string form, with an ISO year and ISO week number.
DEFAULT_WEEK_PATTERN = "/?m=%year%&w=%week%"

#: Search results live here (WordPress's ``WP_Rewrite::get_search_permastruct``: ``search/%search%``).
DEFAULT_SEARCH_PATTERN = "/search/%search%/"

#: The feed types WordPress serves (``feed/``, ``feed/atom/`` …); the first is the default feed.
FEED_FORMATS: tuple[str, ...] = ("rss2", "atom", "rdf", "rss")

_TOKEN_RE = re.compile(r"%([a-z_]+)%")
_DATE_TOKEN_RE = re.compile(r"%(?:year|monthnum|day|hour|minute|second)%")


def _check_value(token: str, value: str, pattern: str) -> None:
    if value == "":
        raise InvalidPermalink(
            f"permalink {pattern!r}: %{token}% has an empty value", value=pattern, where=f"%{token}%"
        )


def expand_permalink(pattern: str, values: Mapping[str, str]) -> str:
    """Replace each ``%token%`` of ``pattern`` by its value (already URL-safe).

    Unknown tokens and tokens without a value raise :class:`~newsmodel.values.errors.InvalidPermalink`.

    >>> expand_permalink("/%year%/%postname%/", {"year": "2025", "postname": "hello"})
    '/2025/hello/'
    >>> expand_permalink("/%nope%/", {})
    Traceback (most recent call last):
      ...
    newsmodel.values.errors.InvalidPermalink: permalink '/%nope%/': unknown token '%nope%'
    """

    def replace(match: re.Match[str]) -> str:
        token = match.group(1)
        if token not in TOKENS:
            raise InvalidPermalink(
                f"permalink {pattern!r}: unknown token {match.group(0)!r}", value=pattern, where=match.group(0)
            )
        if token not in values:
            raise InvalidPermalink(
                f"permalink {pattern!r}: no value for {match.group(0)!r} here", value=pattern, where=match.group(0)
            )
        value = values[token]
        _check_value(token, value, pattern)
        return value

    return _TOKEN_RE.sub(replace, pattern)


def absolute_url(site: Site, path: str) -> str:
    """``path`` joined to the site's base URL with exactly one slash between them.

    >>> absolute_url(Site(name="S", base_url="https://example.org/news/"), "/2025/")
    'https://example.org/news/2025/'
    """
    return site.base_url.rstrip("/") + "/" + path.lstrip("/")


def _date_values(site: Site, when: datetime) -> dict[str, str]:
    if when.tzinfo is None or when.utcoffset() is None:
        raise InvalidValue(f"permalink date: naive datetime {when.isoformat()!r}", value=when, where="published")
    local = site.wall_clock(when)
    return {
        "year": f"{local.year:04d}",
        "monthnum": f"{local.month:02d}",
        "day": f"{local.day:02d}",
        "hour": f"{local.hour:02d}",
        "minute": f"{local.minute:02d}",
        "second": f"{local.second:02d}",
    }


def _segment(text: str) -> str:
    return quote(text, safe="")


def article_url(
    site: Site,
    article: Article,
    *,
    category_path: Sequence[str] = (),
    author_slug: str | None = None,
    pattern: str | None = None,
    parent_slugs: Sequence[str] = (),
) -> str:
    """The absolute permalink of ``article``: its ``canonical_url`` when it has one, else
    ``site.permalinks.article`` expanded (``pattern``, when given, is expanded instead, whatever
    the canonical URL).

    This is the one rule of an article's URL: the page, its share links, previous/next, feeds,
    sitemaps and JSON-LD all call it.  An importer keeps a source's URL as ``canonical_url`` only
    when the site's inferred structure does not give it (see :mod:`newsmodel.values.permalinks`).

    ``category_path`` is the slugs of the primary category's path, root first (what
    ``%category%`` becomes, joined by ``/``); ``author_slug`` is the first byline's author.  A
    pattern that needs a date from an undated article, or a category it does not have, raises
    :class:`~newsmodel.values.errors.InvalidPermalink`.  A page (``kind="page"``) without ``pattern``
    has :func:`page_url` instead, under the slugs of its ancestors ``parent_slugs`` (root
    first; ``Corpus.page_path`` gives them).

    >>> from newsmodel.values.model import Article, Site
    >>> site = Site(name="S", base_url="https://example.org")
    >>> a = Article(id="7", slug="seoul-story", title="T", status="draft")
    >>> article_url(site, a, category_path=("world", "asia", "seoul"), pattern="/%category%/%postname%/")
    'https://example.org/world/asia/seoul/seoul-story/'
    >>> article_url(site, attrs.evolve(a, canonical_url="https://example.org/?p=7"))
    'https://example.org/?p=7'
    """
    if pattern is None and article.canonical_url:
        # a URL the source gave that the structure does not: kept, made absolute on the site
        return urljoin(site.base_url.rstrip("/") + "/", article.canonical_url)
    if article.kind == ContentKind.PAGE and pattern is None:
        return page_url(site, (*parent_slugs, article.slug))
    pat = site.permalinks.article if pattern is None else pattern
    # only the values the pattern uses are made (a resolver checks every article URL it reads)
    values: dict[str, str] = {"postname": encode_slug(article.slug)}
    if "%post_id%" in pat:
        values["post_id"] = _segment(article.id)
    if article.published is not None and _DATE_TOKEN_RE.search(pat):
        values.update(_date_values(site, article.published))
    if category_path and "%category%" in pat:
        values["category"] = "/".join(encode_slug(s) for s in category_path)
    if author_slug is not None and "%author%" in pat:
        values["author"] = encode_slug(author_slug)
    try:
        return absolute_url(site, expand_permalink(pat, values))
    except InvalidPermalink as exc:
        raise InvalidPermalink(f"article {article.id!r}: {exc}", value=exc.value, where=exc.where) from None


def permalink(corpus: Corpus, article: Article) -> str:
    """The permalink of ``article`` with what the corpus knows of it: the slugs of its primary
    category's path, its first author's slug and, for a page, its ancestors' slugs (the one place
    that gathers them for :func:`article_url`).

    >>> from newsmodel.values.corpus import Corpus
    >>> from newsmodel.values.model import Site
    >>> legal = Article(id="8", slug="legal", title="Legal", kind="page", status="draft")
    >>> privacy = Article(id="9", slug="privacy-policy", title="Privacy", kind="page", parent_id="8", status="draft")
    >>> permalink(Corpus(site=Site(name="S", base_url="https://example.org"), articles=[legal, privacy]), privacy)
    'https://example.org/legal/privacy-policy/'
    """
    pattern = corpus.site.permalinks.article  # only what the pattern uses is looked up
    main = article.main_category_id
    path = [c.slug for c in corpus.path(main)] if main is not None and "%category%" in pattern else ()
    ids = article.author_ids
    author = corpus.author(ids[0]).slug if ids and "%author%" in pattern else None
    parents = () if article.parent_id is None else tuple(a.slug for a in corpus.page_path(article.id)[:-1])
    return article_url(corpus.site, article, category_path=path, author_slug=author, parent_slugs=parents)


def page_url(site: Site, slugs: Sequence[str]) -> str:
    """The absolute URL of a page given the slugs of its ancestors and its own, root first, by
    ``site.permalinks.page`` (WordPress: ``get_page_uri`` joins the ancestors' slugs with ``/``,
    and the page permalink structure is ``%pagename%``).

    >>> site = Site(name="S", base_url="https://example.org")
    >>> page_url(site, ("about-us",)), page_url(site, ("legal", "privacy-policy"))
    ('https://example.org/about-us/', 'https://example.org/legal/privacy-policy/')
    """
    if not slugs:
        raise InvalidPermalink("page URL: empty page path", value=tuple(slugs), where="%pagename%")
    values = {"pagename": "/".join(encode_slug(s) for s in slugs), "postname": encode_slug(slugs[-1])}
    return absolute_url(site, expand_permalink(site.permalinks.page, values))


def category_url(site: Site, path: Sequence[str]) -> str:
    """The absolute URL of a category given the slugs of its path, root first.

    >>> category_url(Site(name="S", base_url="https://example.org"), ("world", "asia"))
    'https://example.org/category/world/asia/'
    """
    if not path:
        raise InvalidPermalink("category URL: empty category path", value=tuple(path), where="%category%")
    return category_urls(site, path)[-1]


def category_urls(site: Site, path: Sequence[str]) -> tuple[str, ...]:
    """The URLs of every category along a path (given as slugs, root first), each slug encoded once.

    >>> category_urls(Site(name="S", base_url="https://example.org"), ("world", "asia"))
    ('https://example.org/category/world/', 'https://example.org/category/world/asia/')
    """
    pattern = site.permalinks.category
    encoded: list[str] = []
    urls: list[str] = []
    for slug in path:
        encoded.append(encode_slug(slug))
        urls.append(absolute_url(site, expand_permalink(pattern, {"category": "/".join(encoded)})))
    return tuple(urls)


def tag_url(site: Site, tag: Tag | str) -> str:
    """The absolute URL of a tag (or of a tag slug).

    >>> tag_url(Site(name="S", base_url="https://example.org"), "kim-jong-un")
    'https://example.org/tag/kim-jong-un/'
    """
    slug = tag.slug if isinstance(tag, Tag) else tag
    return absolute_url(site, expand_permalink(site.permalinks.tag, {"tag": encode_slug(slug)}))


def author_url(site: Site, author: Author | str) -> str:
    """The absolute URL of an author's page (or of an author slug).

    >>> author_url(Site(name="S", base_url="https://example.org"), "victoria-jones")
    'https://example.org/author/victoria-jones/'
    """
    slug = author.slug if isinstance(author, Author) else author
    return absolute_url(site, expand_permalink(site.permalinks.author, {"author": encode_slug(slug)}))


def _check_year(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise InvalidValue(f"archive URL: year {year!r} is not between 1 and 9999", value=year, where="year")


def _check_month(month: int) -> None:
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise InvalidValue(f"archive URL: month {month!r} is not between 1 and 12", value=month, where="month")


def year_url(site: Site, year: int) -> str:
    """The absolute URL of a yearly archive.

    >>> year_url(Site(name="S", base_url="https://example.org"), 2025)
    'https://example.org/2025/'
    """
    _check_year(year)
    return absolute_url(site, expand_permalink(site.permalinks.year, {"year": f"{year:04d}"}))


def month_url(site: Site, year: int, month: int) -> str:
    """The absolute URL of a monthly archive (year 0 or month 13 raise ``InvalidValue``).

    >>> month_url(Site(name="S", base_url="https://example.org"), 2026, 1)
    'https://example.org/2026/01/'
    """
    _check_year(year)
    _check_month(month)
    return absolute_url(
        site, expand_permalink(site.permalinks.month, {"year": f"{year:04d}", "monthnum": f"{month:02d}"})
    )


def day_url(site: Site, day: date) -> str:
    """The absolute URL of a daily archive (the link of a calendar day).

    >>> from datetime import date
    >>> day_url(Site(name="S", base_url="https://example.org"), date(2025, 2, 1))
    'https://example.org/2025/02/01/'
    """
    if isinstance(day, datetime):
        raise InvalidValue(f"day URL: expected a date, got the datetime {day!r}", value=day, where="day")
    values = {"year": f"{day.year:04d}", "monthnum": f"{day.month:02d}", "day": f"{day.day:02d}"}
    return absolute_url(site, expand_permalink(site.permalinks.day, values))


def week_url(site: Site, iso_year: int, week: int, *, pattern: str = DEFAULT_WEEK_PATTERN) -> str:
    """The absolute URL of a weekly archive, keyed by ISO year and ISO week (1 to 53).

    >>> week_url(Site(name="S", base_url="https://example.org"), 2026, 1)
    'https://example.org/?m=2026&w=1'
    """
    _check_year(iso_year)
    if isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= 53:
        raise InvalidValue(f"week URL: week {week!r} is not between 1 and 53", value=week, where="week")
    return absolute_url(site, expand_permalink(pattern, {"year": f"{iso_year:04d}", "week": str(week)}))


def archive_url(site: Site, kind: str, start: date) -> str:
    """The URL of the archive period of ``kind`` (``yearly``, ``monthly``, ``weekly``, ``daily``)
    that contains ``start``.

    >>> from datetime import date
    >>> archive_url(Site(name="S", base_url="https://example.org"), "weekly", date(2025, 12, 29))
    'https://example.org/?m=2026&w=1'
    """
    if kind == "yearly":
        return year_url(site, start.year)
    if kind == "monthly":
        return month_url(site, start.year, start.month)
    if kind == "daily":
        return day_url(site, start)
    if kind == "weekly":
        iso = start.isocalendar()
        return week_url(site, iso[0], iso[1])
    raise InvalidValue(
        f"archive URL: kind {kind!r} is not one of 'yearly', 'monthly', 'weekly', 'daily'", value=kind, where="kind"
    )


def paged_url(url: str, page: int) -> str:
    """The URL of page ``page`` of the listing at ``url``, as WordPress's ``get_pagenum_link`` makes
    it: page 1 is ``url`` itself, later pages add ``page/N`` (with the trailing slash ``url`` has),
    or ``paged=N`` to a URL with a query string.

    >>> paged_url("https://example.org/category/asia/", 2)
    'https://example.org/category/asia/page/2/'
    >>> paged_url("https://example.org/?m=2026&w=1", 3)
    'https://example.org/?m=2026&w=1&paged=3'
    """
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise InvalidValue(f"paged URL: page {page!r} is not an integer >= 1", value=page, where="page")
    if page == 1:
        return url
    if "?" in url:
        return f"{url}&paged={page}"
    slash = "/" if url.endswith("/") else ""
    return f"{url.rstrip('/')}/page/{page}{slash}"


def feed_url(url: str, format: str = "rss2") -> str:
    """The feed of the page at ``url`` (the site's home, a category, a tag, an author), as
    WordPress's ``get_feed_link`` / ``get_term_feed_link`` make it: ``feed/`` for the default
    feed type, ``feed/atom/`` for another.

    A URL with a query string (plain permalinks, ``/?cat=3``) gets ``feed=`` added, as
    ``get_term_feed_link`` does without pretty permalinks.

    >>> feed_url("https://example.org/tag/china/"), feed_url("https://example.org/", "atom")
    ('https://example.org/tag/china/feed/', 'https://example.org/feed/atom/')
    >>> feed_url("https://example.org/?tag=china")
    'https://example.org/?tag=china&feed=rss2'
    """
    if format not in FEED_FORMATS:
        raise InvalidValue(f"feed URL: format {format!r} is not one of {FEED_FORMATS!r}", value=format, where="format")
    if "?" in url:
        return f"{url}&feed={format}"
    tail = "feed/" if format == FEED_FORMATS[0] else f"feed/{format}/"
    return f"{url.rstrip('/')}/{tail}"


def search_url(site: Site, query: str, *, pattern: str = DEFAULT_SEARCH_PATTERN) -> str:
    """The URL of the search results for ``query`` (every character but unreserved ones encoded).

    >>> search_url(Site(name="S", base_url="https://example.org"), "Kim Jong-un/Seoul")
    'https://example.org/search/Kim%20Jong-un%2FSeoul/'
    """
    if not isinstance(query, str) or not query:
        raise InvalidValue(f"search URL: query {query!r} is not a non-empty string", value=query, where="query")
    return absolute_url(site, expand_permalink(pattern, {"search": _segment(query)}))


# --------------------------------------------------------------------------- share links


@attrs.frozen(kw_only=True)
class ShareLink:
    """One "Share on …" link: ``network`` is a stable key, ``label`` the text a page shows.

    >>> ShareLink(network="x", label="Share on X", url="https://x.com/intent/tweet?url=u").network
    'x'
    """

    network: str = attrs.field(validator=STRING)
    label: str = attrs.field(validator=STRING)
    url: str = attrs.field(validator=STRING)


#: Each network's label and URL template: ``{u}`` the page URL, ``{t}`` the title, ``{media}`` the
#: image parameter (or nothing), ``{text}`` title and URL together, each percent-encoded.
_SHARE: dict[str, tuple[str, str]] = {
    "facebook": ("Share on Facebook", "https://www.facebook.com/sharer/sharer.php?u={u}"),
    "x": ("Share on X", "https://x.com/intent/tweet?text={t}&url={u}"),
    "linkedin": ("Share on LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={u}"),
    "pinterest": ("Pin", "https://www.pinterest.com/pin/create/button/?url={u}{media}&description={t}"),
    "email": ("Email", "mailto:?subject={t}&body={u}"),
    "whatsapp": ("Share on WhatsApp", "https://wa.me/?text={text}"),
}

#: The networks :func:`share_links` knows, in the order it returns them.
SHARE_NETWORKS: tuple[str, ...] = tuple(_SHARE)


def _q(text: str) -> str:
    return quote(text, safe="")


def share_links(
    url: str,
    title: str,
    *,
    image_url: str | None = None,
    networks: Sequence[str] = SHARE_NETWORKS,
) -> tuple[ShareLink, ...]:
    """Share links for a page at ``url`` titled ``title``, one per network, in ``networks`` order.

    Every parameter is percent-encoded as UTF-8 with no character left unescaped; an unknown
    network raises :class:`~newsmodel.values.errors.InvalidValue`.

    >>> links = share_links("https://example.org/a/", "Seoul’s dilemma", networks=("x", "email"))
    >>> links[0].url
    'https://x.com/intent/tweet?text=Seoul%E2%80%99s%20dilemma&url=https%3A%2F%2Fexample.org%2Fa%2F'
    >>> links[1].url
    'mailto:?subject=Seoul%E2%80%99s%20dilemma&body=https%3A%2F%2Fexample.org%2Fa%2F'
    """
    parts = {
        "u": _q(url),
        "t": _q(title),
        "media": f"&media={_q(image_url)}" if image_url else "",
        "text": _q(title + " " + url),
    }
    out: list[ShareLink] = []
    for network in networks:
        known = _SHARE.get(network)
        if known is None:
            raise InvalidValue(
                f"share_links: unknown network {network!r} (known: {', '.join(SHARE_NETWORKS)})",
                value=network,
                where="networks",
            )
        label, template = known
        out.append(ShareLink(network=network, label=label, url=template.format_map(parts)))
    return tuple(out)
