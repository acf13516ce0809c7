"""Hypothesis strategies for every public newsmodel type, and for whole valid corpora.

This module needs the ``strategies`` extra (``pip install 'newsmodel-py[strategies]'``): it imports
hypothesis at the top.  Every strategy makes values the type's constructor accepts; :func:`corpora`
makes whole corpora the :class:`~newsmodel.values.corpus.Corpus` constructor accepts (category trees,
shared tags, bylines, unique slugs, primary categories among an article's categories).

Datetimes carry fixed UTC offsets (``+09:00``), never zone names: JSON keeps an offset, not a
zone, so these values round-trip exactly.  Strings never contain lone surrogates, which UTF-8 JSON
cannot carry.

>>> from hypothesis import given, settings
>>> from newsmodel.values.model import Article
>>> @settings(max_examples=5)
... @given(articles())
... def check(article: Article) -> None:
...     assert article.published is None or article.published.tzinfo is not None
>>> check()
"""

from __future__ import annotations

import dataclasses
import operator
import types
import typing
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from newsmodel.values import body as _body
from newsmodel.values.body import Block, Body, Heading, Inline, TableCell
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import (
    Article,
    ArticleStatus,
    Author,
    Byline,
    Category,
    Extra,
    FeatureImage,
    Permalinks,
    Site,
    SocialProfile,
    SourceAttribution,
    Tag,
)
from newsmodel.values.permalinks import WORDPRESS_STRUCTURES, permalinks_for
from newsmodel.values.slugs import MAX_SLUG_LENGTH, SLUG_CHARACTER, SlugRegistry, is_slug, truncate_slug

__all__ = [
    "TIMEZONES",
    "articles",
    "authors",
    "aware_datetimes",
    "blocks",
    "bodies",
    "bylines",
    "categories",
    "corpora",
    "extras",
    "feature_images",
    "generated_slugs",
    "ids",
    "inlines",
    "permalinks",
    "sites",
    "slugs",
    "social_profiles",
    "source_attributions",
    "tags",
    "texts",
    "urls",
]

T = TypeVar("T")

#: IANA zone names :func:`sites` draws from (a few, with unusual offsets and DST rules among them).
TIMEZONES: tuple[str, ...] = (
    "UTC",
    "Asia/Seoul",
    "America/New_York",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
)

_WORDS = ("seoul", "kim", "summit", "trump", "asia", "city", "news", "2026", "a", "x9")


def texts(*, min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Unicode text without lone surrogates (which UTF-8 JSON cannot carry).

    >>> from hypothesis import find
    >>> find(texts(), lambda s: len(s) == 2)
    '00'

    """
    return st.text(st.characters(exclude_categories=["Cs"]), min_size=min_size, max_size=max_size)


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def ids() -> st.SearchStrategy[str]:
    """Entity ids: non-empty strings (digits, WordPress style, or any text).

    >>> from hypothesis import find
    >>> find(ids(), lambda s: True)
    '1'

    """
    return st.one_of(
        st.integers(min_value=1, max_value=10**9).map(str),
        texts(min_size=1, max_size=12),
    )


def generated_slugs(*, max_words: int = 5) -> st.SearchStrategy[str]:
    """Slugs newsmodel makes itself (:data:`~newsmodel.values.slugs.GENERATED_SLUG_PATTERN`): lowercase
    ASCII words joined by single hyphens, at most 200 characters.

    >>> from hypothesis import find
    >>> from newsmodel.values.slugs import is_generated_slug
    >>> is_generated_slug(find(generated_slugs(), lambda s: "-" in s))
    True

    """
    word = st.one_of(st.sampled_from(_WORDS), st.from_regex(SLUG_CHARACTER + "{1,12}", fullmatch=True))
    return st.lists(word, min_size=1, max_size=max_words).map(lambda ws: "-".join(ws)[:MAX_SLUG_LENGTH].strip("-"))


#: Slugs WordPress stores (decoded): "_" and non-ASCII letters kept by sanitize_title_with_dashes.
_SOURCE_WORDS = ("2_0", "日本語テスト", "επίπεδο", "서울", "pyongyang_talks", "münchen", "Москва")
#: Letters of source slugs: any character but whitespace, controls, surrogates, "/" and "%".
_SLUG_LETTERS = st.characters(exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"], exclude_characters="/%\x85")


def slugs(*, max_words: int = 5) -> st.SearchStrategy[str]:
    """Slugs (:func:`~newsmodel.values.slugs.is_slug`): what a source such as WordPress stores, decoded —
    generated slugs, words with ``_`` or non-ASCII letters (``日本語テスト``, ``επίπεδο-2``), and any
    other letters — at most 200 bytes percent-encoded.

    >>> from hypothesis import find
    >>> from newsmodel.values.model import is_slug
    >>> is_slug(find(slugs(), lambda s: not s.isascii()))
    True

    """
    word = st.one_of(
        st.sampled_from(_WORDS),
        st.sampled_from(_SOURCE_WORDS),
        st.from_regex(SLUG_CHARACTER + "{1,12}", fullmatch=True),
        st.text(_SLUG_LETTERS, min_size=1, max_size=12),
    )
    joined = st.lists(word, min_size=1, max_size=max_words).map(lambda ws: truncate_slug("-".join(ws)))
    return joined.filter(is_slug)


_OFFSETS = st.one_of(
    st.just(timezone.utc),
    st.sampled_from((9 * 60, -5 * 60, 5 * 60 + 30, 12 * 60 + 45, -(3 * 60 + 30), 14 * 60, -12 * 60)).map(
        lambda m: timezone(timedelta(minutes=m))
    ),
    st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m))),
)


def aware_datetimes(
    *, min_value: datetime = datetime(1970, 1, 2), max_value: datetime = datetime(2100, 1, 1)
) -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes with fixed UTC offsets (whole minutes), microseconds included.

    ``min_value`` and ``max_value`` are naive bounds on the local wall time.

    >>> from hypothesis import find
    >>> find(aware_datetimes(), lambda d: d.utcoffset().total_seconds() > 0).tzinfo is not None
    True

    """
    return st.datetimes(min_value=min_value, max_value=max_value, timezones=_OFFSETS)


_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    texts(max_size=10),
)
_json_values: st.SearchStrategy[Any] = st.recursive(
    _json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def extras() -> st.SearchStrategy[Extra]:
    """:class:`~newsmodel.values.model.Extra` mappings of JSON values (nested objects and arrays).

    >>> from hypothesis import find
    >>> find(extras(), lambda e: len(e) == 1)
    Extra({'': None})

    """
    return st.dictionaries(texts(max_size=10), _json_values, max_size=3).map(Extra)


# --------------------------------------------------------------------------- bodies

# Strategies for a field, keyed by (class, field name), where the field's type alone is not enough.
_FIELD_OVERRIDES: dict[tuple[type, str], Callable[[], st.SearchStrategy[Any]]] = {
    (Heading, "level"): lambda: st.integers(min_value=1, max_value=6),
    (Heading, "id"): lambda: _optional(slugs(max_words=2)),
    (TableCell, "align"): lambda: st.sampled_from((None, "left", "center", "right")),
}


def _union_members(union: Any) -> tuple[type, ...]:
    return tuple(typing.get_args(union))


#: How deep bodies nest (a list in a quote in a list …); deeper nodes get empty children.  Keeping
#: this small keeps generation fast and within hypothesis's data budget.
MAX_DEPTH = 3


def _strategy_for_type(tp: Any, owner: type, name: str, depth: int) -> st.SearchStrategy[Any]:
    override = _FIELD_OVERRIDES.get((owner, name))
    if override is not None:
        return override()
    if tp is str:
        return texts(max_size=12)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(min_value=0, max_value=10_000)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        inner = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]
        return _optional(_strategy_for_type(inner, owner, name, depth))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if depth >= MAX_DEPTH and (args[0] in (Inline, Block) or attrs.has(args[0])):
            return st.just(())
        return st.lists(_strategy_for_type(args[0], owner, name, depth + 1), max_size=2).map(tuple)
    if tp == Inline:
        return _union_at(Inline, depth)
    if tp == Block:
        return _union_at(Block, depth)
    if attrs.has(tp):
        return _node(tp, depth)
    raise TypeError(f"no strategy for {tp!r} ({owner.__name__}.{name})")  # pragma: no cover


def _node(cls: type, depth: int) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls, vars(_body))
    kwargs = {f.name: _strategy_for_type(hints[f.name], cls, f.name, depth) for f in attrs.fields(cls)}
    return st.builds(cls, **kwargs)


_UNIONS: dict[tuple[Any, int], st.SearchStrategy[Any]] = {}


def _union_at(union: Any, depth: int) -> st.SearchStrategy[Any]:
    """Every member of ``union``, with children up to :data:`MAX_DEPTH` (derived from the union)."""
    key = (union, min(depth, MAX_DEPTH))
    if key not in _UNIONS:
        _UNIONS[key] = st.deferred(lambda: st.one_of([_node(c, key[1]) for c in _union_members(union)]))
    return _UNIONS[key]


_INLINE = _union_at(Inline, 0)
_BLOCK = _union_at(Block, 0)


def inlines() -> st.SearchStrategy[Inline]:
    """Inline nodes of every type of the :data:`~newsmodel.values.body.Inline` union, nested.

    >>> from hypothesis import find
    >>> find(inlines(), lambda node: hasattr(node, "children"))
    Emphasis(children=())

    """
    return _INLINE


def blocks() -> st.SearchStrategy[Block]:
    """Blocks of every type of the :data:`~newsmodel.values.body.Block` union, nested (lists, quotes).

    >>> from hypothesis import find
    >>> find(blocks(), lambda node: hasattr(node, "level"))
    Heading(level=1, content=(), id=None)

    """
    return _BLOCK


def bodies(*, max_blocks: int = 4) -> st.SearchStrategy[Body]:
    """Article bodies of up to ``max_blocks`` top-level blocks.

    >>> from hypothesis import find
    >>> len(find(bodies(), lambda b: len(b.blocks) == 2).blocks)
    2

    """
    return st.lists(_BLOCK, max_size=max_blocks).map(lambda bs: Body(blocks=tuple(bs)))


# --------------------------------------------------------------------------- entities


def permalinks() -> st.SearchStrategy[Permalinks]:
    """:class:`~newsmodel.values.model.Permalinks`, default, with other patterns, or derived from one of
    WordPress's own structures as :func:`~newsmodel.values.permalinks.permalinks_for` derives them."""
    return st.one_of(
        st.just(Permalinks()),
        st.builds(
            Permalinks,
            article=st.sampled_from(("/%year%/%monthnum%/%postname%/", "/%postname%/", "/p/%post_id%")),
            category=st.sampled_from(("/category/%category%/", "/section/%category%")),
        ),
        st.sampled_from(WORDPRESS_STRUCTURES).map(permalinks_for),
    )


def sites() -> st.SearchStrategy[Site]:
    """:class:`~newsmodel.values.model.Site` values with a real IANA zone."""
    return st.builds(
        Site,
        name=texts(min_size=1),
        base_url=st.sampled_from(("https://example.org", "https://news.example.com/", "http://localhost:8000")),
        timezone=st.sampled_from(TIMEZONES),
        locale=st.sampled_from(("en_US", "en_GB", "ko_KR", "de_DE", "fr_FR")),
        week_start=st.none() | st.integers(min_value=0, max_value=6),
        permalinks=permalinks(),
        description=_optional(texts()),
        language=_optional(st.sampled_from(("en", "ko", "de"))),
        extra=extras(),
        posts_per_page=st.integers(min_value=1, max_value=50),
    )


_WEB_PREFIXES = ("https://example.org/", "http://news.example.com/", "/", "//cdn.example/", "#", "?s=")


def urls(*, link: bool = False, max_size: int = 20) -> st.SearchStrategy[str]:
    """URLs the model accepts (:mod:`newsmodel.values.safeurl`): http, https, protocol-relative, path,
    query or fragment references followed by any text; ``link=True`` adds ``mailto:`` and ``tel:``.

    >>> from hypothesis import find
    >>> find(urls(link=True), lambda url: url.startswith("tel:"))
    'tel:'
    """
    prefixes = _WEB_PREFIXES + (("mailto:", "tel:") if link else ())
    return st.builds(operator.add, st.sampled_from(prefixes), texts(max_size=max_size))


def social_profiles() -> st.SearchStrategy[SocialProfile]:
    """:class:`~newsmodel.values.model.SocialProfile` values."""
    return st.builds(SocialProfile, network=st.sampled_from(("x", "facebook", "mastodon")), url=urls(link=True))


def authors(
    *,
    id: st.SearchStrategy[str] | None = None,
    slug: st.SearchStrategy[str] | None = None,
    extra: st.SearchStrategy[Extra] | None = None,
) -> st.SearchStrategy[Author]:
    """:class:`~newsmodel.values.model.Author` values (``id`` and ``slug`` strategies may be given)."""
    return st.builds(
        Author,
        id=id if id is not None else ids(),
        slug=slug if slug is not None else slugs(),
        name=texts(min_size=1),
        bio=_optional(texts(max_size=80)),
        avatar_url=_optional(urls()),
        website=_optional(urls(link=True)),
        email=_optional(texts()),
        social=st.lists(social_profiles(), max_size=2).map(tuple),
        extra=extra if extra is not None else extras(),
    )


def categories(
    *,
    id: st.SearchStrategy[str] | None = None,
    slug: st.SearchStrategy[str] | None = None,
    parent_id: st.SearchStrategy[str | None] | None = None,
    extra: st.SearchStrategy[Extra] | None = None,
) -> st.SearchStrategy[Category]:
    """:class:`~newsmodel.values.model.Category` values (alone, so ``parent_id`` is any id or None)."""
    return st.builds(
        Category,
        id=id if id is not None else ids(),
        slug=slug if slug is not None else slugs(),
        name=texts(min_size=1),
        description=_optional(texts()),
        parent_id=parent_id if parent_id is not None else _optional(ids()),
        extra=extra if extra is not None else extras(),
    )


def tags(
    *,
    id: st.SearchStrategy[str] | None = None,
    slug: st.SearchStrategy[str] | None = None,
    extra: st.SearchStrategy[Extra] | None = None,
) -> st.SearchStrategy[Tag]:
    """:class:`~newsmodel.values.model.Tag` values, with aliases and source ids."""
    return st.builds(
        Tag,
        id=id if id is not None else ids(),
        slug=slug if slug is not None else slugs(),
        name=texts(min_size=1),
        description=_optional(texts()),
        aliases=st.lists(texts(min_size=1), max_size=2).map(tuple),
        source_ids=st.lists(ids(), max_size=2).map(tuple),
        extra=extra if extra is not None else extras(),
    )


def bylines(author_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Byline]:
    """:class:`~newsmodel.values.model.Byline` values."""
    return st.builds(
        Byline,
        author_id=author_ids if author_ids is not None else ids(),
        role=st.sampled_from(("author", "contributor", "photographer", "editor")),
    )


def feature_images() -> st.SearchStrategy[FeatureImage]:
    """:class:`~newsmodel.values.model.FeatureImage` values."""
    return st.builds(
        FeatureImage,
        url=urls(),
        alt=_optional(texts()),
        caption=_optional(texts()),
        credit=_optional(texts()),
        width=_optional(st.integers(min_value=1, max_value=10_000)),
        height=_optional(st.integers(min_value=1, max_value=10_000)),
    )


def source_attributions() -> st.SearchStrategy[SourceAttribution]:
    """:class:`~newsmodel.values.model.SourceAttribution` values."""
    return st.builds(
        SourceAttribution,
        headline=_optional(texts()),
        publisher=_optional(texts()),
        url=_optional(urls()),
    )


# Strategies built once: building (and validating) a strategy inside every draw is what makes
# generation slow, so the article and corpus draws below only use these.
_ROLES = st.sampled_from(("author", "contributor", "photographer", "editor"))
_LANGS = _optional(st.sampled_from(("en", "ko", "en-US")))
_FORMATS = st.sampled_from((None, "standard", "video"))
_PASSWORDS = st.sampled_from((None, "", "secret"))
#: Mostly posts (what widgets count), with pages and a custom post type kept by name.
_KINDS = st.sampled_from(("post", "post", "post", "page", "product"))
_MENU_ORDERS = st.integers(-3, 10)
_STATUSES = st.sampled_from(ArticleStatus)
_TEXT = {small: texts(max_size=10 if small else 30) for small in (True, False)}
_OPT_TEXT = {small: _optional(_TEXT[small]) for small in (True, False)}
_OPT_URL = {small: _optional(urls(max_size=10 if small else 30)) for small in (True, False)}
_EXCERPT = {True: _optional(texts(max_size=10)), False: _optional(texts(max_size=60))}
_KICKER = _optional(texts(max_size=10))
_IDS = ids()
_ID_LISTS = {n: st.lists(_IDS, max_size=n, unique=True) for n in (3, 4)}
_SLUGS = slugs()
_SLUG3 = slugs(max_words=3)
_BOOLS = st.booleans()
_ANY_DATETIME = aware_datetimes()
_CORPUS_DATETIME = aware_datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31))
_FEATURE_IMAGES = _optional(feature_images())
_SOURCES = _optional(source_attributions())
_BODIES = bodies()
_SMALL_BODIES = bodies(max_blocks=2)
_EXTRAS = extras()
_FLAT_EXTRAS = st.dictionaries(st.sampled_from(("wp:id", "source", "x")), _json_scalars, max_size=2).map(Extra)
_NAMES = texts(min_size=1, max_size=8)
_PROFILES = st.lists(social_profiles(), max_size=2).map(tuple)
_CORPUS_SITES = st.builds(
    Site,
    name=_NAMES,
    base_url=st.sampled_from(("https://example.org", "https://news.example.com/")),
    timezone=st.sampled_from(TIMEZONES),
    locale=st.sampled_from(("en_US", "en_GB", "ko_KR", "de_DE")),
    week_start=st.none() | st.integers(min_value=0, max_value=6),
    permalinks=st.just(Permalinks()),
    extra=_FLAT_EXTRAS,
)


@dataclasses.dataclass(frozen=True)
class _Refs:
    """What the articles of a corpus may refer to, with the strategies that pick among them."""

    author_ids: tuple[str, ...] = ()
    category_ids: tuple[str, ...] = ()
    tag_ids: tuple[str, ...] = ()

    def pick(self, ids_: tuple[str, ...], n: int) -> st.SearchStrategy[list[str]]:
        return st.lists(st.sampled_from(ids_), max_size=n, unique=True) if ids_ else st.just([])


def _draw_article(
    draw: st.DrawFn,
    *,
    refs: _Refs | None,
    picks: tuple[Any, Any, Any] | None,
    id: str | None,
    slug: str | None,
    published: st.SearchStrategy[datetime],
    body: st.SearchStrategy[Body],
    extra: st.SearchStrategy[Extra],
    small: bool,
    parents: tuple[str, ...] | None = None,
) -> Article:
    status = draw(_STATUSES)
    if status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
        pub: datetime | None = draw(published)
    else:
        pub = draw(published) if draw(_BOOLS) else None
    if refs is None or picks is None:
        category_ids = tuple(draw(_ID_LISTS[3]))
        tag_ids = tuple(draw(_ID_LISTS[4]))
        author_ids = draw(st.lists(_IDS, max_size=3))
    else:
        category_ids = tuple(draw(picks[1]))
        tag_ids = tuple(draw(picks[2]))
        author_ids = draw(picks[0])
    byline_list = [Byline(author_id=a, role=draw(_ROLES)) for a in author_ids]
    primary: str | None = None
    with_primary: bool = draw(_BOOLS)
    if category_ids and with_primary:
        primary = category_ids[draw(st.integers(0, len(category_ids) - 1))]
    article_id = id if id is not None else draw(_IDS)
    kind = draw(_KINDS)
    # Alone, a parent is any other id; in a corpus, one of the articles before (a forest).
    parent_id: str | None = None
    if parents is None:
        parent_id = draw(st.none() | _IDS.filter(lambda p: p != article_id))
    elif parents:
        parent_id = draw(st.none() | st.sampled_from(parents))
    return Article(
        id=article_id,
        slug=slug if slug is not None else draw(_SLUGS),
        title=draw(_TEXT[small]),
        title_html=draw(_OPT_TEXT[small]),
        subtitle=draw(_OPT_TEXT[small]),
        kicker=draw(_KICKER),
        body=draw(body),
        excerpt=draw(_EXCERPT[small]),
        published=pub,
        modified=draw(published) if draw(_BOOLS) else None,
        status=status,
        sticky=draw(_BOOLS),
        featured=draw(_BOOLS),
        bylines=byline_list,
        category_ids=category_ids,
        primary_category_id=primary,
        tag_ids=tag_ids,
        feature_image=None if small else draw(_FEATURE_IMAGES),
        language=draw(_LANGS),
        canonical_url=draw(_OPT_URL[small]),
        source=draw(_SOURCES),
        format=draw(_FORMATS),
        password=draw(_PASSWORDS),
        kind=kind,
        parent_id=parent_id,
        menu_order=draw(_MENU_ORDERS),
        extra=draw(extra),
    )


@st.composite
def _article(
    draw: st.DrawFn, *, published: st.SearchStrategy[datetime] | None, body: st.SearchStrategy[Body] | None
) -> Article:
    return _draw_article(
        draw,
        refs=None,
        picks=None,
        id=None,
        slug=None,
        published=published if published is not None else _ANY_DATETIME,
        body=body if body is not None else _BODIES,
        extra=_EXTRAS,
        small=False,
    )


def articles(
    *,
    body: st.SearchStrategy[Body] | None = None,
    published: st.SearchStrategy[datetime] | None = None,
) -> st.SearchStrategy[Article]:
    """:class:`~newsmodel.values.model.Article` values, every field exercised (alone: ids refer to nothing).

    Published and scheduled articles always have a date; drafts, pending and private ones may not.
    """
    return _article(published=published, body=body)


@st.composite
def _corpus(
    draw: st.DrawFn,
    *,
    max_articles: int,
    max_authors: int,
    max_categories: int,
    max_tags: int,
    min_articles: int,
    published: st.SearchStrategy[datetime] | None,
    body: st.SearchStrategy[Body] | None,
) -> Corpus:
    site = draw(_CORPUS_SITES)
    light = _FLAT_EXTRAS

    def unique_ids(n_max: int, n_min: int = 0) -> list[str]:
        return draw(st.lists(_IDS, min_size=n_min, max_size=n_max, unique=True))

    def unique_slugs(n: int) -> list[str]:
        # Drawn slugs, made unique by a numeric suffix when they clash.
        registry = SlugRegistry(reserved=())
        return [registry.keep(draw(_SLUG3)) for _ in range(n)]

    author_ids = unique_ids(max_authors)
    author_list = [
        Author(
            id=i,
            slug=s,
            name=draw(_NAMES),
            bio=draw(_OPT_TEXT[True]),
            avatar_url=draw(_OPT_URL[True]),
            website=None,
            email=None,
            social=draw(_PROFILES) if draw(_BOOLS) else (),
            extra=draw(light),
        )
        for i, s in zip(author_ids, unique_slugs(len(author_ids)), strict=True)
    ]
    category_ids = unique_ids(max_categories)
    category_slugs = unique_slugs(len(category_ids))  # unique site-wide, so unique per parent too
    category_list: list[Category] = []
    for n, (cid, cslug) in enumerate(zip(category_ids, category_slugs, strict=True)):
        # A parent among the earlier categories makes a tree (a forest) with no cycle; the one just
        # before is offered on its own too, so chains (deep paths) are common.
        parent = draw(st.none() | st.sampled_from(category_ids[:n]) | st.just(category_ids[n - 1])) if n else None
        category_list.append(
            Category(
                id=cid,
                slug=cslug,
                name=draw(_NAMES),
                description=draw(_OPT_TEXT[True]),
                parent_id=parent,
                extra=draw(light),
            )
        )
    # Shuffle the input order so consumers do not rely on parents coming first.
    category_list = draw(st.permutations(category_list))
    tag_ids = unique_ids(max_tags)
    tag_list = [
        Tag(
            id=i,
            slug=s,
            name=draw(_NAMES),
            aliases=tuple(draw(st.lists(_NAMES, max_size=2))),
            source_ids=(),
            extra=draw(light),
        )
        for i, s in zip(tag_ids, unique_slugs(len(tag_ids)), strict=True)
    ]
    refs = _Refs(author_ids=tuple(author_ids), category_ids=tuple(category_ids), tag_ids=tuple(tag_ids))
    picks = (refs.pick(refs.author_ids, 3), refs.pick(refs.category_ids, 3), refs.pick(refs.tag_ids, 4))
    # A small pool of instants makes equal publication dates (tie-breaks by id) common.
    pool = draw(st.lists(_CORPUS_DATETIME, min_size=1, max_size=6))
    when = published if published is not None else st.sampled_from(pool) | _CORPUS_DATETIME
    article_ids = unique_ids(max_articles, min_articles)
    body_strategy = body if body is not None else _SMALL_BODIES
    # Parents among the earlier articles: a forest of pages (and of other kinds) with no cycle.
    article_list = [
        _draw_article(
            draw,
            refs=refs,
            picks=picks,
            id=i,
            slug=s,
            published=when,
            body=body_strategy,
            extra=light,
            small=True,
            parents=tuple(article_ids[:n]),
        )
        for n, (i, s) in enumerate(zip(article_ids, unique_slugs(len(article_ids)), strict=True))
    ]
    return Corpus(site=site, authors=author_list, categories=category_list, tags=tag_list, articles=article_list)


def corpora(
    *,
    max_articles: int = 6,
    max_authors: int = 3,
    max_categories: int = 6,
    max_tags: int = 6,
    min_articles: int = 0,
    published: st.SearchStrategy[datetime] | None = None,
    body: st.SearchStrategy[Body] | None = None,
) -> st.SearchStrategy[Corpus]:
    """Whole corpora that the :class:`~newsmodel.values.corpus.Corpus` constructor accepts.

    Categories form a forest (given in shuffled order, so children may come before their
    parents); articles are mostly posts, with pages and a custom kind, and their parents form a
    forest too; slugs are unique site-wide; articles share tags and authors, have bylines with
    roles, and a primary category among their categories when they have one.  Publication dates
    come from a small pool, so equal timestamps (and the id tie-break) are common.
    ``published`` and ``body`` replace the strategies for those article fields (pass
    ``body=st.just(Body())`` for fast tests that do not look at bodies).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(corpora())
    ... def check(corpus: Corpus) -> None:
    ...     for article in corpus.articles:
    ...         assert set(article.category_ids) <= {c.id for c in corpus.categories}
    >>> check()
    """
    return _corpus(
        max_articles=max_articles,
        max_authors=max_authors,
        max_categories=max_categories,
        max_tags=max_tags,
        min_articles=min_articles,
        published=published,
        body=body,
    )
