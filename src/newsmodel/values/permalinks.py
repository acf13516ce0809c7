"""Infer a site's permalink structure from the URLs its source gives its posts.

A WordPress export or REST dump carries each post's URL (WXR ``<item><link>``, REST ``link``) but
not the ``permalink_structure`` option that made it.  :func:`infer_permalinks` finds the
structure back, by the rule of WordPress's ``get_permalink`` (wp-includes/link-template.php): the
tokens ``%year%``, ``%monthnum%``, ``%day%``, ``%hour%``, ``%minute%``, ``%second%`` (the post's
local date, two digits but the year), ``%post_id%``, ``%postname%`` (the slug), ``%category%``
(a category's path of slugs, parent first) and ``%author%`` (the author's slug), expanded under
the home URL; plain permalinks are ``/?p=%post_id%``.

The rule, deterministic:

1. Each post's URL, relative to ``Site.base_url``, is read as a pattern: every part between
   separators (``/``, ``-``, ``?``, ``=`` …) that equals one of the post's token values becomes
   that token (date tokens may also follow one another, as in ``%hour%%minute%``); all
   readings are kept when several tokens have the same value (a month and a day both ``12``);
   the rest stays literal.  URLs are compared percent-decoded.
2. A pattern naming neither ``%postname%`` nor ``%post_id%`` cannot tell two posts apart and is
   never chosen.  The patterns read from most posts are checked against every post, and the one
   that reproduces the most posts' URLs wins — if it reproduces more than half of them; ties go
   to WordPress's own choices (Settings › Permalinks), then to more tokens, then to the shorter
   pattern, then to the pattern's text.
3. Otherwise no structure is inferred, and every post keeps its imported URL.

:func:`permalinks_for` then derives the archive patterns from the structure as ``WP_Rewrite``
does (wp-includes/class-wp-rewrite.php): the *front* (what comes before the first token) leads
the category, tag, author and date bases, a trailing slash follows the structure's, and the date
archives move under ``date/`` when ``%post_id%`` is among the first three tokens.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.corpus import Corpus
>>> from newsmodel.values.model import Article, Site
>>> site = Site(name="S", base_url="https://example.org")
>>> t = datetime(2025, 12, 16, 9, 0, tzinfo=timezone.utc)
>>> a = Article(id="7", slug="hello", title="Hello", published=t)
>>> corpus = Corpus(site=site, articles=[a])
>>> found = infer_permalinks(corpus, {"7": "https://example.org/2025/12/16/hello/"})
>>> found.structure, found.reproduced, found.total
('/%year%/%monthnum%/%day%/%postname%/', 1, 1)
>>> found.permalinks.month
'/%year%/%monthnum%/'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TypeAlias
from urllib.parse import unquote

import attrs

from newsmodel.values._validate import OPTIONAL_STRING, as_tuple, instance_of, pairs_of, tuple_of
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidPermalink, NewsModelError
from newsmodel.values.model import Article, Permalinks, Site
from newsmodel.values.urls import article_url

__all__ = ["WORDPRESS_STRUCTURES", "PermalinkInference", "infer_permalinks", "infer_term_base", "permalinks_for"]

#: WordPress's own structures (wp-admin/options-permalink.php): day and name, month and name,
#: numeric, post name, plain.  They win ties.
WORDPRESS_STRUCTURES: tuple[str, ...] = (
    "/%year%/%monthnum%/%day%/%postname%/",
    "/%year%/%monthnum%/%postname%/",
    "/archives/%post_id%",
    "/%postname%/",
    "/?p=%post_id%",
)

#: How many of the patterns read from most posts are checked against every post.
_CHECKED = 8
#: How many readings of one URL are kept (several tokens can share a value).
_MAX_READINGS = 64
_TOKEN_RE = re.compile(r"%([a-z_]+)%")
_IDENTIFYING = ("%postname%", "%post_id%")
_DATE_TOKENS = frozenset(("%year%", "%monthnum%", "%day%", "%hour%", "%minute%", "%second%"))


@attrs.frozen(kw_only=True)
class PermalinkInference:
    """What :func:`infer_permalinks` found.

    ``structure`` is the article pattern (None when none reproduces more than half the posts'
    URLs), ``permalinks`` the site's patterns derived from it (None likewise); ``reproduced`` of
    ``total`` post URLs are what the structure gives; ``missed`` are the ids of the others, in the
    order given.

    >>> PermalinkInference(structure=None, permalinks=None, reproduced=0, total=0).description
    'no post URL to infer a permalink structure from'
    """

    structure: str | None = attrs.field(validator=OPTIONAL_STRING)
    permalinks: Permalinks | None = attrs.field(validator=instance_of(Permalinks, "a Permalinks", optional=True))
    reproduced: int = attrs.field(validator=instance_of(int, "a count"))
    total: int = attrs.field(validator=instance_of(int, "a count"))
    missed: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=tuple_of(str, "an article id"))
    #: Article id -> the category whose path the URL used for ``%category%`` when it is not the
    #: article's main category (WordPress picks the lowest term id; a source may pick another).
    category_of: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=as_tuple, validator=pairs_of(str, str, "an (article id, category id) pair")
    )

    @property
    def description(self) -> str:
        """One line for people: the structure and how many post URLs it reproduces."""
        if self.total == 0:
            return "no post URL to infer a permalink structure from"
        if self.structure is None:
            return f"no permalink structure reproduces most of the {self.total} post URLs; each keeps its own"
        return f"{self.structure} (reproduces {self.reproduced} of {self.total} post URLs)"


@attrs.frozen(kw_only=True)
class _Values:
    """The token values of one post, percent-decoded; ``category`` lists every category's path."""

    single: tuple[tuple[str, str], ...]
    category: tuple[tuple[str, str], ...]  # (path, category id)


def _relative(site: Site, link: str) -> str | None:
    base = site.base_url.rstrip("/")
    if not link.startswith(base):
        return None
    rest = link[len(base) :]
    if rest and rest[0] not in "/?":
        return None
    return unquote(rest if rest.startswith("/") else "/" + rest)


def _values(corpus: Corpus, article: Article) -> _Values:
    single: list[tuple[str, str]] = [("postname", unquote(article.slug)), ("post_id", unquote(article.id))]
    if article.published is not None:
        local = corpus.site.wall_clock(article.published)
        single += [
            ("year", f"{local.year:04d}"),
            ("monthnum", f"{local.month:02d}"),
            ("day", f"{local.day:02d}"),
            ("hour", f"{local.hour:02d}"),
            ("minute", f"{local.minute:02d}"),
            ("second", f"{local.second:02d}"),
        ]
    author = _author_slug(corpus, article)
    if author is not None:
        single.append(("author", unquote(author)))
    cats: list[tuple[str, str]] = []
    for cid in article.category_ids:
        try:
            cats.append((unquote("/".join(c.slug for c in corpus.path(cid))), cid))
        except NewsModelError:
            continue
    return _Values(single=tuple(single), category=tuple(cats))


def _author_slug(corpus: Corpus, article: Article) -> str | None:
    for author_id in article.author_ids:
        try:
            return corpus.author(author_id).slug
        except NewsModelError:
            continue
    return None


def _boundary(text: str, i: int) -> bool:
    return i <= 0 or i >= len(text) or not text[i - 1].isalnum() or not text[i].isalnum()


#: A pattern being read: None, or the pattern before and its last piece.
_Chain: TypeAlias = "tuple[_Chain, str] | None"


def _readings(path: str, values: _Values) -> list[str]:
    """Every pattern that reads ``path`` with this post's token values (at most ``_MAX_READINGS``).

    A token starts at a separator or right after another token, and ends at a separator; a date
    token (fixed width, digits) may also end where another token starts (``%hour%%minute%``).
    """
    options = [(f"%{name}%", v) for name, v in values.single if v]
    options += [("%category%", p) for p, _ in values.category if p]
    out: list[str] = []
    # depth-first over positions, with an explicit stack: (position, pattern so far, after a token);
    # the pattern so far is a chain of (pattern before, last piece), joined only for a reading:
    # extended as a string, each step copied it whole (quadratic in a long path, and in memory
    # too, the stack holding every copy)
    stack: list[tuple[int, _Chain, bool]] = [(0, None, False)]
    while stack and len(out) < _MAX_READINGS:
        i, pattern, after_token = stack.pop()
        if i == len(path):
            pieces: list[str] = []
            while pattern is not None:
                pattern, piece = pattern
                pieces.append(piece)
            out.append("".join(reversed(pieces)))
            continue
        matched = False
        if after_token or _boundary(path, i):
            for token, value in options:
                end = i + len(value)
                if path.startswith(value, i) and (end == len(path) or _boundary(path, end) or token in _DATE_TOKENS):
                    stack.append((end, (pattern, token), True))
                    matched = True
        if matched:
            continue
        end = i + 1
        if path[i].isalnum():
            while end < len(path) and path[end].isalnum():
                end += 1
        stack.append((end, (pattern, path[i:end].replace("%", "%25")), False))
    return out


def _reproduces(corpus: Corpus, article: Article, rel: str, structure: str, values: _Values) -> str | None:
    """The id of the category used when ``structure`` gives ``rel`` for ``article`` ("" when it
    needs none), else None."""
    author = _author_slug(corpus, article)
    site = corpus.site
    choices: Iterable[tuple[str, str]] = values.category if "%category%" in structure else (("", ""),)
    for path, cid in choices:
        try:
            cats = tuple(path.split("/")) if path else ()
            url = article_url(site, article, category_path=cats, author_slug=author, pattern=structure)
        except InvalidPermalink:
            continue
        if _relative(site, url) == rel:
            return cid
    return None


def _rank(structure: str, reproduced: int) -> tuple[int, int, int, int, str]:
    tokens = len(_TOKEN_RE.findall(structure))
    return (-reproduced, 0 if structure in WORDPRESS_STRUCTURES else 1, -tokens, len(structure), structure)


def infer_permalinks(corpus: Corpus, links: Mapping[str, str]) -> PermalinkInference:
    """The permalink structure that reproduces the most of ``links`` (article id -> the URL the
    source gave that post), by the rule of the module docs.

    Ids that are not in the corpus are ignored.  Time is linear in the number of links.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.model import Article, Site
    >>> site = Site(name="S", base_url="https://example.org")
    >>> t = datetime(2025, 1, 2, tzinfo=timezone.utc)
    >>> posts = [Article(id=str(i), slug=f"p{i}", title="T", published=t) for i in (1, 2, 3)]
    >>> corpus = Corpus(site=site, articles=posts)
    >>> found = infer_permalinks(corpus, {"1": "https://example.org/?p=1", "2": "https://example.org/?p=2",
    ...                                   "3": "https://example.org/p3/"})
    >>> found.description, found.missed
    ('/?p=%post_id% (reproduces 2 of 3 post URLs)', ('3',))
    """
    prepared: list[tuple[Article, str | None, _Values]] = []
    votes: Counter[str] = Counter()
    for article_id, link in links.items():
        try:
            article = corpus.article(article_id)
        except NewsModelError:
            continue
        rel = _relative(corpus.site, link)
        values = _values(corpus, article)
        prepared.append((article, rel, values))
        if rel is not None:
            readings = {r for r in _readings(rel, values) if any(t in r for t in _IDENTIFYING)}
            votes.update(readings)
    total = len(prepared)
    # the most-read patterns (ties by the same rank as the final choice), each checked exactly
    shortlist = sorted(votes, key=lambda s: _rank(s, votes[s]))[:_CHECKED]
    best: tuple[tuple[int, int, int, int, str], str, list[str], list[tuple[str, str]]] | None = None
    for structure in shortlist:
        if best is not None and votes[structure] < total - len(best[2]):
            break  # a pattern reproduces the links it was read from: this one cannot win
        missed: list[str] = []
        moved: list[tuple[str, str]] = []
        for article, rel, values in prepared:
            cid = None if rel is None else _reproduces(corpus, article, rel, structure, values)
            if cid is None:
                missed.append(article.id)
            elif cid and cid != article.main_category_id:
                moved.append((article.id, cid))
        rank = _rank(structure, total - len(missed))
        if best is None or rank < best[0]:
            best = (rank, structure, missed, moved)
    if best is None or 2 * (total - len(best[2])) <= total:
        return PermalinkInference(
            structure=None, permalinks=None, reproduced=0, total=total, missed=tuple(a.id for a, _, _ in prepared)
        )
    _, structure, missed, moved = best
    return PermalinkInference(
        structure=structure,
        permalinks=permalinks_for(structure),
        reproduced=total - len(missed),
        total=total,
        missed=tuple(missed),
        category_of=tuple(moved),
    )


def permalinks_for(structure: str, *, base: Permalinks | None = None) -> Permalinks:
    """The site's patterns for a post permalink structure, as ``WP_Rewrite`` derives them.

    ``base`` gives the patterns not derived (default: :class:`~newsmodel.values.model.Permalinks`'s).
    Plain permalinks (``/?p=%post_id%``) give WordPress's query forms: ``?m=`` date archives and
    the ``category_name``, ``tag`` and ``author_name`` query variables.

    >>> p = permalinks_for("/archives/%post_id%")
    >>> p.category, p.day
    ('/archives/category/%category%', '/archives/date/%year%/%monthnum%/%day%')
    >>> permalinks_for("/%postname%/").year
    '/%year%/'
    >>> permalinks_for("/?p=%post_id%").month
    '/?m=%year%%monthnum%'
    """
    base = base or Permalinks()
    cut = structure.find("%")
    front = structure[:cut] if cut >= 0 else structure
    if "?" in front:
        return attrs.evolve(
            base,
            article=structure,
            category="/?category_name=%category%",
            tag="/?tag=%tag%",
            author="/?author_name=%author%",
            year="/?m=%year%",
            month="/?m=%year%%monthnum%",
            day="/?m=%year%%monthnum%%day%",
        )
    if not front.startswith("/"):
        front = "/" + front
    slash = "/" if structure.endswith("/") else ""
    endians = ("%year%/%monthnum%/%day%", "%day%/%monthnum%/%year%", "%monthnum%/%day%/%year%")
    endian = next((e for e in endians if e in structure), endians[0])
    # WP_Rewrite::get_date_permastruct: date archives move to front/date/ when %post_id% is
    # among the first three tokens, so the two never overlap
    date_front = front + "date/" if "post_id" in _TOKEN_RE.findall(structure)[:3] else front
    day = date_front + endian
    month = re.sub("/+", "/", day.replace("%day%", ""))
    year = re.sub("/+", "/", month.replace("%monthnum%", ""))
    return attrs.evolve(
        base,
        article=structure,
        category=front + "category/%category%" + slash,
        tag=front + "tag/%tag%" + slash,
        author=front + "author/%author%" + slash,
        year=_slash(year, slash),
        month=_slash(month, slash),
        day=_slash(day, slash),
    )


def _slash(pattern: str, slash: str) -> str:
    return pattern.rstrip("/") + slash


def infer_term_base(site: Site, links: Iterable[tuple[str, str]], token: str) -> str | None:
    """The pattern of term (or author) archive URLs from ``(url, value)`` pairs: each URL under
    the site with its ``value`` (a category's path of slugs, a tag's or an author's slug) as the
    ``token``; the pattern most pairs agree on (ties by its text), or None when no URL has its
    value in it.

    >>> site = Site(name="S", base_url="https://example.org")
    >>> infer_term_base(site, [("https://example.org/topics/world/asia/", "world/asia")], "%category%")
    '/topics/%category%/'
    """
    votes: Counter[str] = Counter()
    for url, value in links:
        rel = _relative(site, url)
        value = unquote(value)
        if rel is None or not value:
            continue
        at = rel.rfind(value)
        end = at + len(value)
        if at > 0 and rel[at - 1] in "/=" and (end == len(rel) or rel[end] == "/"):
            votes[rel[:at].replace("%", "%25") + token + rel[end:].replace("%", "%25")] += 1
    if not votes:
        return None
    return min(votes, key=lambda p: (-votes[p], p))
