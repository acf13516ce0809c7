"""Hypothesis strategies for every public newsmodel type, and for whole valid corpora.

This module needs the ``strategies`` extra (``pip install 'newsmodel[strategies]'``): it imports
hypothesis at the top.  Every strategy makes values the type's constructor accepts; :func:`corpora`
makes whole corpora the :class:`~newsmodel.corpus.Corpus` constructor accepts (category trees,
shared tags, bylines, unique slugs, primary categories among an article's categories).

Datetimes carry fixed UTC offsets (``+09:00``), never zone names: JSON keeps an offset, not a
zone, so these values round-trip exactly.  Strings never contain lone surrogates, which UTF-8 JSON
cannot carry.

>>> from hypothesis import given, settings
>>> from newsmodel.model import Article
>>> @settings(max_examples=5)
... @given(articles())
... def check(article: Article) -> None:
...     assert article.published is None or article.published.tzinfo is not None
>>> check()
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from newsmodel import body as _body
from newsmodel.body import Block, Body, Heading, Inline, TableCell
from newsmodel.corpus import Corpus
from newsmodel.model import (
    MAX_SLUG_LENGTH,
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
    "ids",
    "inlines",
    "permalinks",
    "sites",
    "slugs",
    "social_profiles",
    "source_attributions",
    "tags",
    "texts",
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


def slugs(*, max_words: int = 5) -> st.SearchStrategy[str]:
    """Valid slugs: ``[a-z0-9]`` words joined by single hyphens, at most 200 characters.

    >>> from hypothesis import find
    >>> from newsmodel.model import is_slug
    >>> is_slug(find(slugs(), lambda s: "-" in s))
    True

    """
    word = st.one_of(st.sampled_from(_WORDS), st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True))
    return st.lists(word, min_size=1, max_size=max_words).map(lambda ws: "-".join(ws)[:MAX_SLUG_LENGTH].strip("-"))


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
    """:class:`~newsmodel.model.Extra` mappings of JSON values (nested objects and arrays).

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


def _strategy_for_type(tp: Any, owner: type, name: str) -> st.SearchStrategy[Any]:
    override = _FIELD_OVERRIDES.get((owner, name))
    if override is not None:
        return override()
    if tp is str:
        return texts()
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(min_value=0, max_value=10_000)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        inner = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]
        return _optional(_strategy_for_type(inner, owner, name))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return st.lists(_strategy_for_type(args[0], owner, name), max_size=2).map(tuple)
    if tp == Inline:
        return _INLINE
    if tp == Block:
        return _BLOCK
    if attrs.has(tp):
        return _node(tp)
    raise TypeError(f"no strategy for {tp!r} ({owner.__name__}.{name})")  # pragma: no cover


def _node(cls: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls, vars(_body))
    kwargs = {f.name: _strategy_for_type(hints[f.name], cls, f.name) for f in attrs.fields(cls)}
    return st.builds(cls, **kwargs)


_INLINE: st.SearchStrategy[Any] = st.deferred(lambda: st.one_of([_node(c) for c in _union_members(Inline)]))
_BLOCK: st.SearchStrategy[Any] = st.deferred(lambda: st.one_of([_node(c) for c in _union_members(Block)]))


def inlines() -> st.SearchStrategy[Inline]:
    """Inline nodes of every type of the :data:`~newsmodel.body.Inline` union, nested.

    >>> from hypothesis import find
    >>> find(inlines(), lambda node: hasattr(node, "children"))
    Emphasis(children=())

    """
    return _INLINE


def blocks() -> st.SearchStrategy[Block]:
    """Blocks of every type of the :data:`~newsmodel.body.Block` union, nested (lists, quotes).

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
    """:class:`~newsmodel.model.Permalinks`, default or with other patterns."""
    return st.one_of(
        st.just(Permalinks()),
        st.builds(
            Permalinks,
            article=st.sampled_from(("/%year%/%monthnum%/%postname%/", "/%postname%/", "/p/%post_id%")),
            category=st.sampled_from(("/category/%category%/", "/section/%category%")),
        ),
    )


def sites() -> st.SearchStrategy[Site]:
    """:class:`~newsmodel.model.Site` values with a real IANA zone."""
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
    )


def social_profiles() -> st.SearchStrategy[SocialProfile]:
    """:class:`~newsmodel.model.SocialProfile` values."""
    return st.builds(SocialProfile, network=st.sampled_from(("x", "facebook", "mastodon")), url=texts(min_size=1))


def authors(
    *, id: st.SearchStrategy[str] | None = None, slug: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Author]:
    """:class:`~newsmodel.model.Author` values (``id`` and ``slug`` strategies may be given)."""
    return st.builds(
        Author,
        id=id if id is not None else ids(),
        slug=slug if slug is not None else slugs(),
        name=texts(min_size=1),
        bio=_optional(texts(max_size=80)),
        avatar_url=_optional(texts()),
        website=_optional(texts()),
        email=_optional(texts()),
        social=st.lists(social_profiles(), max_size=2).map(tuple),
        extra=extras(),
    )


def categories(
    *,
    id: st.SearchStrategy[str] | None = None,
    slug: st.SearchStrategy[str] | None = None,
    parent_id: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[Category]:
    """:class:`~newsmodel.model.Category` values (alone, so ``parent_id`` is any id or None)."""
    return st.builds(
        Category,
        id=id if id is not None else ids(),
        slug=slug if slug is not None else slugs(),
        name=texts(min_size=1),
        description=_optional(texts()),
        parent_id=parent_id if parent_id is not None else _optional(ids()),
        extra=extras(),
    )


def tags(
    *, id: st.SearchStrategy[str] | None = None, slug: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Tag]:
    """:class:`~newsmodel.model.Tag` values, with aliases and source ids."""
    return st.builds(
        Tag,
        id=id if id is not None else ids(),
        slug=slug if slug is not None else slugs(),
        name=texts(min_size=1),
        description=_optional(texts()),
        aliases=st.lists(texts(min_size=1), max_size=2).map(tuple),
        source_ids=st.lists(ids(), max_size=2).map(tuple),
        extra=extras(),
    )


def bylines(author_ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Byline]:
    """:class:`~newsmodel.model.Byline` values."""
    return st.builds(
        Byline,
        author_id=author_ids if author_ids is not None else ids(),
        role=st.sampled_from(("author", "contributor", "photographer", "editor")),
    )


def feature_images() -> st.SearchStrategy[FeatureImage]:
    """:class:`~newsmodel.model.FeatureImage` values."""
    return st.builds(
        FeatureImage,
        url=texts(min_size=1),
        alt=_optional(texts()),
        caption=_optional(texts()),
        credit=_optional(texts()),
        width=_optional(st.integers(min_value=1, max_value=10_000)),
        height=_optional(st.integers(min_value=1, max_value=10_000)),
    )


def source_attributions() -> st.SearchStrategy[SourceAttribution]:
    """:class:`~newsmodel.model.SourceAttribution` values."""
    return st.builds(
        SourceAttribution,
        headline=_optional(texts()),
        publisher=_optional(texts()),
        url=_optional(texts()),
    )


@dataclasses.dataclass(frozen=True)
class _Refs:
    author_ids: tuple[str, ...] = ()
    category_ids: tuple[str, ...] = ()
    tag_ids: tuple[str, ...] = ()


@st.composite
def _article(
    draw: st.DrawFn,
    *,
    refs: _Refs | None,
    id: str | None,
    slug: str | None,
    published: st.SearchStrategy[datetime] | None,
    body: st.SearchStrategy[Body] | None,
) -> Article:
    status = draw(st.sampled_from(ArticleStatus))
    when = published if published is not None else aware_datetimes()
    if status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
        pub: datetime | None = draw(when)
    else:
        pub = draw(_optional(when))
    if refs is None:
        author_pool: st.SearchStrategy[str] = ids()
        category_ids = tuple(draw(st.lists(ids(), max_size=3, unique=True)))
        tag_ids = tuple(draw(st.lists(ids(), max_size=4, unique=True)))
        byline_list: list[Byline] = draw(st.lists(bylines(author_pool), max_size=3))
    else:
        category_ids = (
            tuple(draw(st.lists(st.sampled_from(refs.category_ids), max_size=3, unique=True)))
            if refs.category_ids
            else ()
        )
        tag_ids = tuple(draw(st.lists(st.sampled_from(refs.tag_ids), max_size=4, unique=True))) if refs.tag_ids else ()
        if refs.author_ids:
            chosen = draw(st.lists(st.sampled_from(refs.author_ids), max_size=3, unique=True))
            byline_list = [draw(bylines(st.just(a))) for a in chosen]
        else:
            byline_list = []
    primary = draw(st.none() | st.sampled_from(category_ids)) if category_ids else None
    return Article(
        id=id if id is not None else draw(ids()),
        slug=slug if slug is not None else draw(slugs()),
        title=draw(texts()),
        subtitle=draw(_optional(texts())),
        kicker=draw(_optional(texts(max_size=10))),
        body=draw(body if body is not None else bodies()),
        excerpt=draw(_optional(texts(max_size=60))),
        published=pub,
        modified=draw(_optional(when)),
        status=status,
        sticky=draw(st.booleans()),
        featured=draw(st.booleans()),
        bylines=byline_list,
        category_ids=category_ids,
        primary_category_id=primary,
        tag_ids=tag_ids,
        feature_image=draw(_optional(feature_images())),
        language=draw(_optional(st.sampled_from(("en", "ko", "en-US")))),
        canonical_url=draw(_optional(texts())),
        source=draw(_optional(source_attributions())),
        format=draw(st.sampled_from((None, "standard", "video"))),
        password=draw(st.sampled_from((None, "", "secret"))),
        extra=draw(extras()),
    )


def articles(
    *,
    body: st.SearchStrategy[Body] | None = None,
    published: st.SearchStrategy[datetime] | None = None,
) -> st.SearchStrategy[Article]:
    """:class:`~newsmodel.model.Article` values, every field exercised (alone: ids refer to nothing).

    Published and scheduled articles always have a date; drafts, pending and private ones may not.
    """
    return _article(refs=None, id=None, slug=None, published=published, body=body)


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
    site = draw(sites())

    def unique_ids(n_max: int) -> list[str]:
        return draw(st.lists(ids(), max_size=n_max, unique=True))

    def unique_slugs(n: int) -> list[str]:
        # Distinct base slugs, made unique by a numeric suffix when they clash.
        bases = draw(st.lists(slugs(max_words=3), min_size=n, max_size=n))
        seen: set[str] = set()
        out: list[str] = []
        for base in bases:
            slug, k = base, 2
            while slug in seen:
                slug = f"{base}-{k}"
                k += 1
            seen.add(slug)
            out.append(slug)
        return out

    author_ids = unique_ids(max_authors)
    author_list = [
        draw(authors(id=st.just(i), slug=st.just(s)))
        for i, s in zip(author_ids, unique_slugs(len(author_ids)), strict=True)
    ]
    category_ids = unique_ids(max_categories)
    category_slugs = unique_slugs(len(category_ids))  # unique site-wide, so unique per parent too
    category_list: list[Category] = []
    for n, (cid, cslug) in enumerate(zip(category_ids, category_slugs, strict=True)):
        # A parent among the earlier categories makes a tree (a forest) with no cycle.
        parent = draw(st.none() | st.sampled_from(category_ids[:n])) if n else None
        category_list.append(draw(categories(id=st.just(cid), slug=st.just(cslug), parent_id=st.just(parent))))
    # Shuffle the input order so consumers do not rely on parents coming first.
    category_list = draw(st.permutations(category_list))
    tag_ids = unique_ids(max_tags)
    tag_list = [
        draw(tags(id=st.just(i), slug=st.just(s))) for i, s in zip(tag_ids, unique_slugs(len(tag_ids)), strict=True)
    ]
    refs = _Refs(author_ids=tuple(author_ids), category_ids=tuple(category_ids), tag_ids=tuple(tag_ids))
    # A small pool of instants makes equal publication dates (tie-breaks by id) common.
    pool = draw(
        st.lists(
            aware_datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31)), min_size=1, max_size=6
        )
    )
    when = (
        published
        if published is not None
        else st.sampled_from(pool) | aware_datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31))
    )
    article_ids = draw(st.lists(ids(), min_size=min_articles, max_size=max_articles, unique=True))
    article_list = [
        draw(_article(refs=refs, id=i, slug=s, published=when, body=body))
        for i, s in zip(article_ids, unique_slugs(len(article_ids)), strict=True)
    ]
    return Corpus(site=site, authors=author_list, categories=category_list, tags=tag_list, articles=article_list)


def corpora(
    *,
    max_articles: int = 12,
    max_authors: int = 4,
    max_categories: int = 8,
    max_tags: int = 8,
    min_articles: int = 0,
    published: st.SearchStrategy[datetime] | None = None,
    body: st.SearchStrategy[Body] | None = None,
) -> st.SearchStrategy[Corpus]:
    """Whole corpora that the :class:`~newsmodel.corpus.Corpus` constructor accepts.

    Categories form a forest (given in shuffled order, so children may come before their
    parents); slugs are unique site-wide; articles share tags and authors, have bylines with
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
