"""The :class:`Corpus`: a site's authors, categories, tags and articles, checked and indexed.

Construction checks integrity and refuses, with an error naming the culprit: duplicate ids,
duplicate slugs within their scope (articles, authors and tags site-wide; categories per
parent), dangling references (an article's authors, categories, tags and parent; a category's
parent), category cycles, parent cycles among articles (pages), lists that name one entity
twice, and two menus with one id, slug or location.  What a menu item points at is not checked:
WordPress keeps an item whose page or category was deleted (it marks it invalid and leaves it off
the page), and so does the corpus (see :mod:`newsmodel.widgets.menus`).

Order: *chronological* order is by ``(published, id)`` ascending (instants compared in UTC, ids
as strings); *newest first* is its exact reverse.  Articles without a date come last in newest-first
order, by id.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.model import Article, Category, Site
>>> site = Site(name="Capital Cities", base_url="https://example.org")
>>> corpus = Corpus(
...     site=site,
...     categories=[Category(id="asia", slug="asia", name="ASIA"),
...                 Category(id="seoul", slug="seoul", name="Seoul", parent_id="asia")],
...     articles=[Article(id="1", slug="a", title="A", category_ids=("seoul",),
...                       published=datetime(2025, 12, 16, tzinfo=timezone.utc))],
... )
>>> [c.name for c in corpus.path("seoul")]
['ASIA', 'Seoul']
>>> [a.id for a in corpus.articles_by_category("asia", descendants=True)]
['1']
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from typing import Any, TypeVar

from newsmodel.values.display import HtmlDisplay
from newsmodel.values.errors import (
    ArticleCycle,
    CategoryCycle,
    CorpusError,
    DanglingReference,
    DuplicateId,
    DuplicateSlug,
    UnknownId,
)
from newsmodel.values.model import (
    Article,
    ArticleStatus,
    Author,
    Category,
    ContentKind,
    Menu,
    Site,
    Tag,
    check_datetime,
)

__all__ = ["Corpus"]

T = TypeVar("T")

_EPOCH_MIN = datetime.min.replace(tzinfo=timezone.utc)


def _chrono_key(article: Article) -> tuple[datetime, str]:
    return (article.published if article.published is not None else _EPOCH_MIN, article.id)


def _by_id(kind: str, items: Iterable[Any]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        if item.id in index:
            raise DuplicateId(f"two {kind}s have the id {item.id!r}", culprit=item)
        index[item.id] = item
    return index


def _by_slug(kind: str, items: Iterable[Any], hint: str = "") -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        other = index.get(item.slug)
        if other is not None:
            raise DuplicateSlug(
                f"{kind}s {other.id!r} ({other.name if hasattr(other, 'name') else other.title!r})"
                f" and {item.id!r} share the slug {item.slug!r}{hint}",
                culprit=item,
            )
        index[item.slug] = item
    return index


class Corpus(HtmlDisplay):
    """A site's content, integrity-checked at construction and indexed for queries.

    The corpus is immutable in use: its tuples never change, and indexes are built once (some
    lazily, on first use).  Other modules attach their own indexes with :meth:`cached`.
    """

    __slots__ = (
        "_article_by_id",
        "_article_by_slug",
        "_author_by_id",
        "_author_by_slug",
        "_cache",
        "_category_by_id",
        "_category_by_slug",
        "_children",
        "_depth",
        "_menu_by_id",
        "_tag_by_id",
        "_tag_by_slug",
        "articles",
        "authors",
        "categories",
        "menus",
        "site",
        "tags",
    )

    def __init__(
        self,
        *,
        site: Site,
        authors: Iterable[Author] = (),
        categories: Iterable[Category] = (),
        tags: Iterable[Tag] = (),
        articles: Iterable[Article] = (),
        menus: Iterable[Menu] = (),
    ) -> None:
        if not isinstance(site, Site):
            raise CorpusError(f"Corpus.site: expected a Site, got {site!r}", culprit=site)
        self.site = site
        self.authors: tuple[Author, ...] = tuple(authors)
        self.categories: tuple[Category, ...] = tuple(categories)
        self.tags: tuple[Tag, ...] = tuple(tags)
        self.articles: tuple[Article, ...] = tuple(articles)
        self.menus: tuple[Menu, ...] = tuple(menus)
        self._cache: dict[Any, Any] = {}
        self._check_types()

        self._author_by_id: dict[str, Author] = _by_id("author", self.authors)
        self._category_by_id: dict[str, Category] = _by_id("category", self.categories)
        self._tag_by_id: dict[str, Tag] = _by_id("tag", self.tags)
        self._article_by_id: dict[str, Article] = _by_id("article", self.articles)
        self._author_by_slug: dict[str, Author] = _by_slug("author", self.authors)
        self._tag_by_slug: dict[str, Tag] = _by_slug(
            "tag", self.tags, " (a slug is one tag: give one of them another slug, or fold it into the other)"
        )
        self._article_by_slug: dict[str, Article] = _by_slug("article", self.articles)
        self._children: dict[str | None, list[Category]] = defaultdict(list)
        self._category_by_slug: dict[tuple[str | None, str], Category] = {}
        self._depth: dict[str, int] = {}
        self._check_categories()
        self._check_articles()
        self._menu_by_id: dict[str, Menu] = _by_id("menu", self.menus)
        self._check_menus()

    # ------------------------------------------------------------------ checks

    def _check_types(self) -> None:
        for kind, items, cls in (
            ("author", self.authors, Author),
            ("category", self.categories, Category),
            ("tag", self.tags, Tag),
            ("article", self.articles, Article),
            ("menu", self.menus, Menu),
        ):
            for i, item in enumerate(items):
                if type(item) is not cls and not isinstance(item, cls):
                    raise CorpusError(f"Corpus {kind}s[{i}]: expected {cls.__name__}, got {item!r}", culprit=item)

    def _check_categories(self) -> None:
        by_id = self._category_by_id
        for cat in self.categories:
            if cat.parent_id is not None and cat.parent_id not in by_id:
                raise DanglingReference(
                    f"category {cat.id!r} ({cat.name!r}) names the parent {cat.parent_id!r},"
                    " which the corpus does not have",
                    culprit=cat,
                )
            key = (cat.parent_id, cat.slug)
            other = self._category_by_slug.get(key)
            if other is not None:
                where = f"under {cat.parent_id!r}" if cat.parent_id else "at the top level"
                raise DuplicateSlug(
                    f"categories {other.id!r} and {cat.id!r} share the slug {cat.slug!r} {where}",
                    culprit=cat,
                )
            self._category_by_slug[key] = cat
            self._children[cat.parent_id].append(cat)
        # Depth by walking up with memoization; a walk that meets itself is a cycle.
        depth = self._depth
        for cat in self.categories:
            if cat.id in depth:
                continue
            chain: list[str] = []
            on_chain: set[str] = set()
            node: str | None = cat.id
            while node is not None and node not in depth:
                if node in on_chain:
                    cycle = [*chain[chain.index(node) :], node]
                    raise CategoryCycle(
                        f"category {node!r} is its own ancestor: {' › '.join(repr(c) for c in cycle)}",
                        culprit=by_id[node],
                    )
                chain.append(node)
                on_chain.add(node)
                node = by_id[node].parent_id
            base = -1 if node is None else depth[node]
            for offset, cid in enumerate(reversed(chain), start=1):
                depth[cid] = base + offset

    def _check_articles(self) -> None:
        authors, cats, tags = self._author_by_id, self._category_by_id, self._tag_by_id
        for art in self.articles:
            for field, ids, index in (
                ("author", art.author_ids, authors),
                ("category", art.category_ids, cats),
                ("tag", art.tag_ids, tags),
            ):
                for ref in ids:
                    if ref not in index:
                        raise DanglingReference(
                            f"article {art.id!r} ({art.slug!r}) names the {field} {ref!r},"
                            " which the corpus does not have",
                            culprit=art,
                        )
                if len(set(ids)) != len(ids):
                    dup = next(x for i, x in enumerate(ids) if x in ids[:i])
                    raise CorpusError(f"article {art.id!r} ({art.slug!r}) names the {field} {dup!r} twice", culprit=art)
            if art.parent_id is not None and art.parent_id not in self._article_by_id:
                raise DanglingReference(
                    f"article {art.id!r} ({art.slug!r}) names the parent {art.parent_id!r},"
                    " which the corpus does not have",
                    culprit=art,
                )
        self._check_article_cycles()

    def _check_menus(self) -> None:
        _by_slug("menu", self.menus)
        shown_in: dict[str, Menu] = {}
        for menu in self.menus:
            for location in menu.locations:
                other = shown_in.get(location)
                if other is not None and other is not menu:
                    raise CorpusError(
                        f"menus {other.id!r} and {menu.id!r} are both at the location {location!r}"
                        " (a theme location shows one menu)",
                        culprit=menu,
                    )
                shown_in[location] = menu

    def _check_article_cycles(self) -> None:
        by_id = self._article_by_id
        done: set[str] = set()  # articles whose chain of parents is known to end at the top
        for art in self.articles:
            if art.parent_id is None or art.id in done:
                continue
            chain: list[str] = []
            on_chain: set[str] = set()
            node: str | None = art.id
            while node is not None and node not in done:
                if node in on_chain:
                    cycle = [*chain[chain.index(node) :], node]
                    raise ArticleCycle(
                        f"article {node!r} is its own ancestor: {' › '.join(repr(c) for c in cycle)}",
                        culprit=by_id[node],
                    )
                chain.append(node)
                on_chain.add(node)
                node = by_id[node].parent_id
            done.update(chain)

    # ------------------------------------------------------------------ basics

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __repr__(self) -> str:
        return (
            f"<Corpus {self.site.name!r}: {len(self.articles)} articles, {len(self.authors)} authors,"
            f" {len(self.categories)} categories, {len(self.tags)} tags>"
        )

    def replace(
        self,
        *,
        site: Site | None = None,
        authors: Iterable[Author] | None = None,
        categories: Iterable[Category] | None = None,
        tags: Iterable[Tag] | None = None,
        articles: Iterable[Article] | None = None,
        menus: Iterable[Menu] | None = None,
    ) -> Corpus:
        """A new corpus with the parts given and this one's others (checked as any corpus is):
        the one way to change a part, so that no part is dropped on the way.

        >>> from newsmodel.values.model import Menu
        >>> c = Corpus(site=Site(name="S", base_url="https://e.org"), menus=[Menu(id="m", slug="m", name="M")])
        >>> moved = c.replace(site=Site(name="S", base_url="https://f.org"))
        >>> moved.site.base_url, [m.id for m in moved.menus]
        ('https://f.org', ['m'])
        """
        return Corpus(
            site=self.site if site is None else site,
            authors=self.authors if authors is None else authors,
            categories=self.categories if categories is None else categories,
            tags=self.tags if tags is None else tags,
            articles=self.articles if articles is None else articles,
            menus=self.menus if menus is None else menus,
        )

    def cached(self, factory: Callable[[Corpus], T]) -> T:
        """``factory(self)``, computed once per corpus and remembered by the factory object.

        This is how modules attach indexes to a corpus without the corpus knowing them.

        >>> from newsmodel.values.model import Site
        >>> c = Corpus(site=Site(name="S", base_url="https://example.org"))
        >>> c.cached(len) is c.cached(len)
        True
        """
        try:
            return self._cache[factory]  # type: ignore[no-any-return]
        except KeyError:
            value = self._cache[factory] = factory(self)
            return value

    # ------------------------------------------------------------------ lookups

    @staticmethod
    def _get(index: dict[str, T], kind: str, key: str) -> T:
        try:
            return index[key]
        except (KeyError, TypeError):
            raise UnknownId(f"the corpus has no {kind} {key!r}", value=key) from None

    def article(self, article_id: str) -> Article:
        """The article with ``article_id`` (:class:`~newsmodel.values.errors.UnknownId` if none)."""
        return self._get(self._article_by_id, "article with the id", article_id)

    def author(self, author_id: str) -> Author:
        """The author with ``author_id``."""
        return self._get(self._author_by_id, "author with the id", author_id)

    def category(self, category_id: str) -> Category:
        """The category with ``category_id``."""
        return self._get(self._category_by_id, "category with the id", category_id)

    def tag(self, tag_id: str) -> Tag:
        """The tag with ``tag_id``."""
        return self._get(self._tag_by_id, "tag with the id", tag_id)

    def menu(self, menu_id: str) -> Menu:
        """The navigation menu with ``menu_id``."""
        return self._get(self._menu_by_id, "menu with the id", menu_id)

    def article_by_slug(self, slug: str) -> Article:
        """The article with ``slug``."""
        return self._get(self._article_by_slug, "article with the slug", slug)

    def author_by_slug(self, slug: str) -> Author:
        """The author with ``slug``."""
        return self._get(self._author_by_slug, "author with the slug", slug)

    def tag_by_slug(self, slug: str) -> Tag:
        """The tag with ``slug``."""
        return self._get(self._tag_by_slug, "tag with the slug", slug)

    def category_by_slug(self, slug: str, parent_id: str | None = None) -> Category:
        """The category with ``slug`` under ``parent_id`` (None: the top level)."""
        try:
            return self._category_by_slug[(parent_id, slug)]
        except KeyError:
            where = f"under {parent_id!r}" if parent_id else "at the top level"
            raise UnknownId(f"the corpus has no category with the slug {slug!r} {where}", value=slug) from None

    def find_article(self, key: str) -> Article:
        """The article whose id or slug is ``key`` (id first)."""
        found = self._article_by_id.get(key) or self._article_by_slug.get(key)
        if found is None:
            raise UnknownId(f"the corpus has no article with the id or slug {key!r}", value=key)
        return found

    # ------------------------------------------------------------------ article queries

    def newest_first(self) -> tuple[Article, ...]:
        """Every article, newest first (``(published, id)`` descending; undated ones last)."""
        return self.cached(_newest_first)

    def visible(self, as_of: datetime) -> tuple[Article, ...]:
        """The articles that count (:meth:`Article.is_visible`) as of ``as_of``, newest first."""
        _check_aware(as_of, "as_of")
        return tuple(a for a in self.cached(_published_newest_first) if a.is_visible(as_of))

    def articles_by_tag(self, tag_id: str) -> tuple[Article, ...]:
        """Articles with the tag, newest first."""
        self.tag(tag_id)
        return self.cached(_group_by_tag).get(tag_id, ())

    def articles_by_author(self, author_id: str) -> tuple[Article, ...]:
        """Articles with the author in their byline, newest first."""
        self.author(author_id)
        return self.cached(_group_by_author).get(author_id, ())

    def articles_by_category(self, category_id: str, *, descendants: bool = False) -> tuple[Article, ...]:
        """Articles in the category (and, with ``descendants=True``, in any category below it), newest first."""
        self.category(category_id)
        direct = self.cached(_group_by_category)
        if not descendants:
            return direct.get(category_id, ())
        ids = {category_id, *(c.id for c in self.descendants(category_id))}
        rank = self.cached(_newest_rank)
        found = {a.id: a for cid in ids for a in direct.get(cid, ())}
        return tuple(sorted(found.values(), key=lambda a: rank[a.id]))

    def articles_between(self, start: datetime, end: datetime) -> tuple[Article, ...]:
        """Dated articles with ``start <= published < end``, newest first."""
        _check_aware(start, "start")
        _check_aware(end, "end")
        dated = self.cached(_dated_chronological)
        keys = self.cached(_dated_keys)
        lo = bisect.bisect_left(keys, start)
        hi = bisect.bisect_left(keys, end)
        return tuple(reversed(dated[lo:hi]))

    # ------------------------------------------------------------------ category tree

    def children(self, category_id: str | None) -> tuple[Category, ...]:
        """The categories directly under ``category_id`` (None: the top level), in input order."""
        if category_id is not None:
            self.category(category_id)
        return tuple(self._children.get(category_id, ()))

    def ancestors(self, category_id: str) -> tuple[Category, ...]:
        """The categories above ``category_id``, root first, excluding itself."""
        return self.path(category_id)[:-1]

    def path(self, category_id: str) -> tuple[Category, ...]:
        """The categories from the root down to ``category_id``, itself included."""
        node: Category | None = self.category(category_id)
        chain: list[Category] = []
        while node is not None:
            chain.append(node)
            node = self._category_by_id[node.parent_id] if node.parent_id is not None else None
        return tuple(reversed(chain))

    def descendants(self, category_id: str) -> tuple[Category, ...]:
        """Every category below ``category_id``, in pre-order, excluding itself."""
        self.category(category_id)
        out: list[Category] = []
        stack = list(reversed(self._children.get(category_id, ())))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(self._children.get(node.id, ())))
        return tuple(out)

    def depth(self, category_id: str) -> int:
        """The depth of a category: 0 at the top level."""
        self.category(category_id)
        return self._depth[category_id]

    # ------------------------------------------------------------------ pages

    def page_path(self, article_id: str) -> tuple[Article, ...]:
        """The articles from the top of ``article_id``'s parent chain down to it, itself included:
        a page's ancestors, root first (WordPress's ``get_post_ancestors`` reversed).

        >>> from newsmodel.values.model import Site
        >>> legal = Article(id="8", slug="legal", title="Legal", kind="page", status="draft")
        >>> privacy = Article(id="9", slug="privacy-policy", title="Privacy Policy", kind="page",
        ...                   parent_id="8", status="draft")
        >>> c = Corpus(site=Site(name="S", base_url="https://example.org"), articles=[legal, privacy])
        >>> [a.slug for a in c.page_path("9")]
        ['legal', 'privacy-policy']
        """
        node: Article | None = self.article(article_id)
        chain: list[Article] = []
        while node is not None:
            chain.append(node)
            node = self._article_by_id[node.parent_id] if node.parent_id is not None else None
        return tuple(reversed(chain))

    def child_pages(self, parent_id: str | None = None) -> tuple[Article, ...]:
        """The pages directly under ``parent_id`` (None: the top level) in WordPress's page order:
        ``menu_order``, then title, then id (``wp_list_pages``' default ``menu_order, post_title``).

        Every page is listed, whatever its status: ask :meth:`Article.is_public` for those a
        reader may see.  A menu points at a page by its id (:meth:`article`).
        """
        if parent_id is not None:
            self.article(parent_id)
        return self.cached(_pages_by_parent).get(parent_id, ())

    # ------------------------------------------------------------------ notebooks

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per article (input order), with names resolved — for notebooks and CSV.

        >>> from newsmodel.values.model import Site
        >>> Corpus(site=Site(name="S", base_url="https://example.org")).rows()
        []
        """
        cats, tags, authors = self._category_by_id, self._tag_by_id, self._author_by_id
        rows = []
        for a in self.articles:
            main = a.main_category_id
            rows.append(
                {
                    "id": a.id,
                    "slug": a.slug,
                    "title": a.title,
                    "status": a.status.value,
                    "kind": a.kind,
                    "published": a.published,
                    "modified": a.modified,
                    "authors": [authors[i].name for i in a.author_ids],
                    "category": cats[main].name if main is not None else None,
                    "category_path": " › ".join(c.name for c in self.path(main)) if main is not None else None,
                    "categories": [cats[i].name for i in a.category_ids],
                    "tags": [tags[i].name for i in a.tag_ids],
                    "language": a.language,
                    "sticky": a.sticky,
                    "featured": a.featured,
                    "source_publisher": a.source.publisher if a.source else None,
                    "source_url": a.source.url if a.source else None,
                }
            )
        return rows

    def to_dataframe(self) -> Any:
        """The articles as a pandas DataFrame: :meth:`rows` with timezone-aware dates in the site's
        zone, URLs, ids, word counts and reading times (:func:`newsmodel.pages.frames.articles_frame`).

        Needs pandas (the ``dataframe`` extra); without it, a
        :class:`~newsmodel.values.errors.MissingDependency` says what to install.
        """
        from newsmodel.pages.frames import articles_frame

        return articles_frame(self)

    # ------------------------------------------------------------------ status

    def status_counts(self) -> dict[str, int]:
        """How many articles have each status (every status listed, in declaration order)."""
        counts = dict.fromkeys((s.value for s in ArticleStatus), 0)
        for a in self.articles:
            counts[a.status.value] += 1
        return counts


# ---------------------------------------------------------------------- cached index factories


def _check_aware(value: datetime, name: str) -> None:
    check_datetime(value, name)


def _newest_first(corpus: Corpus) -> tuple[Article, ...]:
    dated = corpus.cached(_dated_chronological)
    undated = sorted((a for a in corpus.articles if a.published is None), key=lambda a: a.id)
    return tuple(reversed(dated)) + tuple(undated)


def _dated_chronological(corpus: Corpus) -> tuple[Article, ...]:
    return tuple(sorted((a for a in corpus.articles if a.published is not None), key=_chrono_key))


def _dated_keys(corpus: Corpus) -> list[datetime]:
    return [a.published for a in corpus.cached(_dated_chronological)]  # type: ignore[misc]


def _published_newest_first(corpus: Corpus) -> tuple[Article, ...]:
    return tuple(a for a in corpus.newest_first() if a.counts_from is not None)


def _pages_by_parent(corpus: Corpus) -> dict[str | None, tuple[Article, ...]]:
    groups: dict[str | None, list[Article]] = defaultdict(list)
    for a in corpus.articles:
        if a.kind == ContentKind.PAGE:
            groups[a.parent_id].append(a)
    return {k: tuple(sorted(v, key=lambda a: (a.menu_order, a.title, a.id))) for k, v in groups.items()}


def _newest_rank(corpus: Corpus) -> dict[str, int]:
    return {a.id: i for i, a in enumerate(corpus.newest_first())}


def _group(corpus: Corpus, ids_of: Callable[[Article], tuple[str, ...]]) -> dict[str, tuple[Article, ...]]:
    groups: dict[str, list[Article]] = defaultdict(list)
    for a in corpus.newest_first():
        for key in ids_of(a):
            groups[key].append(a)
    return {k: tuple(v) for k, v in groups.items()}


def _group_by_tag(corpus: Corpus) -> dict[str, tuple[Article, ...]]:
    return _group(corpus, lambda a: a.tag_ids)


def _group_by_author(corpus: Corpus) -> dict[str, tuple[Article, ...]]:
    return _group(corpus, lambda a: a.author_ids)


def _group_by_category(corpus: Corpus) -> dict[str, tuple[Article, ...]]:
    return _group(corpus, lambda a: a.category_ids)
