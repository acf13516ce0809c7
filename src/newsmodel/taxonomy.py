"""Categories as a page shows them: the tree with counts, breadcrumbs and menus.

Counts are of *visible* articles (published and dated at or before ``as_of``).  A node's
``count`` is the articles filed directly in it; ``total`` is the articles filed in it or in any
descendant, each article counted once even when it is filed in several of them.  Siblings are
ordered by name (case-insensitively, then by name, then by id), so the order never depends on
input order.

The functions here scan; :func:`taxonomy_index` builds, once per corpus (through
``corpus.cached``), a :class:`TaxonomyIndex` that gives the same answers from sorted arrays.

>>> from datetime import datetime, timezone
>>> from newsmodel.model import Article, Category, Site
>>> cats = (Category(id="w", slug="world", name="World"),
...         Category(id="a", slug="asia", name="ASIA", parent_id="w"),
...         Category(id="s", slug="seoul", name="Seoul", parent_id="a"))
>>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
>>> arts = (Article(id="1", slug="x", title="X", published=t, category_ids=("s",)),)
>>> [c.label for c in breadcrumbs(cats, arts[0], site=Site(name="S", base_url="https://e.org"))]
['Home', 'World', 'ASIA', 'Seoul']
>>> (root,) = category_tree(cats, arts, as_of=t)
>>> root.category.name, root.count, root.total
('World', 0, 1)
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import attrs

from newsmodel.errors import CategoryCycle, InvalidDatetime, InvalidValue, UnknownId
from newsmodel.model import Article, ArticleStatus, Category, Site
from newsmodel.urls import absolute_url, category_url

if TYPE_CHECKING:
    from newsmodel.corpus import Corpus

__all__ = [
    "Breadcrumb",
    "CategoryLink",
    "CategoryNode",
    "TaxonomyIndex",
    "Timeline",
    "breadcrumbs",
    "category_counts",
    "category_menu",
    "category_path",
    "category_tree",
    "published_timeline",
    "taxonomy_index",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_US = timedelta(microseconds=1)


def time_key(when: datetime) -> int:
    """Microseconds since the Unix epoch of an aware datetime: an exact integer sort key.

    >>> time_key(datetime(1970, 1, 1, 0, 0, 1, tzinfo=timezone.utc))
    1000000
    """
    return (when - _EPOCH) // _US


def check_as_of(as_of: datetime) -> datetime:
    """``as_of`` itself, or :class:`~newsmodel.errors.InvalidDatetime` when it is not aware."""
    if not isinstance(as_of, datetime) or as_of.tzinfo is None or as_of.utcoffset() is None:
        raise InvalidDatetime(f"as_of: expected an aware datetime, got {as_of!r}", value=as_of, where="as_of")
    return as_of


class Timeline:
    """The published articles in ``(published, id)`` order with their instants as integer
    microseconds: ``times[i]`` is ``time_key(articles[i].published)``.

    Built once per corpus by :func:`published_timeline` and shared by the taxonomy and navigation
    indexes, so the articles are sorted once.
    """

    __slots__ = ("articles", "times")

    def __init__(self, articles: Iterable[Article]) -> None:
        published = [a for a in articles if a.status is ArticleStatus.PUBLISHED and a.published is not None]
        keys = [time_key(a.published) for a in published]  # type: ignore[arg-type]
        # Sort positions by instant (integers sort fast), then order each run of equal instants by id.
        order = sorted(range(len(keys)), key=keys.__getitem__)
        sorted_keys = [keys[i] for i in order]
        p = 1
        n = len(order)
        while p < n:
            if sorted_keys[p] != sorted_keys[p - 1]:
                p += 1
                continue
            start = p - 1
            while p < n and sorted_keys[p] == sorted_keys[start]:
                p += 1
            order[start:p] = sorted(order[start:p], key=lambda i: published[i].id)
        self.times = array("q", sorted_keys)
        self.articles: list[Article] = [published[i] for i in order]


def published_timeline(corpus: Corpus) -> Timeline:
    """The :class:`Timeline` of a corpus; use as ``corpus.cached(published_timeline)``."""
    return Timeline(corpus.articles)


@attrs.frozen(kw_only=True)
class CategoryLink:
    """A category as a link: id, name, slug and URL.

    >>> CategoryLink(id="s", name="Seoul", slug="seoul", url="https://e.org/category/seoul/").name
    'Seoul'
    """

    id: str
    name: str
    slug: str
    url: str


@attrs.frozen(kw_only=True)
class Breadcrumb:
    """One step of a breadcrumb trail; ``category_id`` is None for the home link.

    >>> Breadcrumb(label="Home", url="https://e.org/", category_id=None).label
    'Home'
    """

    label: str
    url: str
    category_id: str | None


@attrs.frozen(kw_only=True)
class CategoryNode:
    """A category in the tree with its visible-article counts and its children.

    ``count`` is direct, ``total`` includes descendants (each article once); ``depth`` is 0 at
    the top.
    """

    category: Category
    depth: int
    count: int
    total: int
    children: tuple[CategoryNode, ...] = ()


def _by_id(categories: Iterable[Category]) -> dict[str, Category]:
    return {c.id: c for c in categories}


def _sort_key(c: Category) -> tuple[str, str, str]:
    return (c.name.casefold(), c.name, c.id)


def category_path(categories: Iterable[Category] | Mapping[str, Category], category_id: str) -> tuple[Category, ...]:
    """The categories from the top of the tree down to ``category_id``, itself included.

    An unknown id raises :class:`~newsmodel.errors.UnknownId`; a cycle raises
    :class:`~newsmodel.errors.CategoryCycle`.

    >>> cats = (Category(id="w", slug="world", name="World"), Category(id="a", slug="asia", name="ASIA", parent_id="w"))
    >>> [c.id for c in category_path(cats, "a")]
    ['w', 'a']
    """
    by_id = categories if isinstance(categories, Mapping) else _by_id(categories)
    out: list[Category] = []
    seen: set[str] = set()
    current: str | None = category_id
    while current is not None:
        if current in seen:
            raise CategoryCycle(f"category {current!r} is its own ancestor", culprit=current)
        seen.add(current)
        cat = by_id.get(current)
        if cat is None:
            raise UnknownId(f"category {current!r} is not in the corpus", value=current, where="category_id")
        out.append(cat)
        current = cat.parent_id
    out.reverse()
    return tuple(out)


def _link(site: Site, path: Sequence[Category]) -> CategoryLink:
    cat = path[-1]
    return CategoryLink(id=cat.id, name=cat.name, slug=cat.slug, url=category_url(site, [c.slug for c in path]))


def breadcrumbs(
    categories: Iterable[Category] | Mapping[str, Category],
    article: Article,
    *,
    site: Site,
    home_label: str = "Home",
) -> tuple[Breadcrumb, ...]:
    """Home, then the path of the article's primary category (else its first category).

    An article without categories gets just the home link.

    >>> cats = (Category(id="w", slug="world", name="World"),)
    >>> a = Article(id="1", slug="a", title="A", status="draft", category_ids=("w",))
    >>> [b.url for b in breadcrumbs(cats, a, site=Site(name="S", base_url="https://e.org"))]
    ['https://e.org/', 'https://e.org/category/world/']
    """
    crumbs = [Breadcrumb(label=home_label, url=absolute_url(site, "/"), category_id=None)]
    main = article.main_category_id
    if main is not None:
        path = category_path(categories, main)
        for i in range(len(path)):
            link = _link(site, path[: i + 1])
            crumbs.append(Breadcrumb(label=link.name, url=link.url, category_id=link.id))
    return tuple(crumbs)


def category_menu(
    categories: Iterable[Category] | Mapping[str, Category],
    *,
    site: Site,
    parent_id: str | None = None,
) -> tuple[CategoryLink, ...]:
    """The children of ``parent_id`` (the top level when None) as links, in name order.

    >>> cats = (Category(id="w", slug="world", name="World"),
    ...         Category(id="b", slug="europe", name="EUROPE", parent_id="w"),
    ...         Category(id="a", slug="asia", name="ASIA", parent_id="w"))
    >>> [m.name for m in category_menu(cats, site=Site(name="S", base_url="https://e.org"), parent_id="w")]
    ['ASIA', 'EUROPE']
    """
    by_id = categories if isinstance(categories, Mapping) else _by_id(categories)
    if parent_id is not None and parent_id not in by_id:
        raise UnknownId(f"category {parent_id!r} is not in the corpus", value=parent_id, where="parent_id")
    prefix = tuple(category_path(by_id, parent_id)) if parent_id is not None else ()
    kids = sorted((c for c in by_id.values() if c.parent_id == parent_id), key=_sort_key)
    return tuple(_link(site, (*prefix, c)) for c in kids)


def category_counts(
    categories: Iterable[Category] | Mapping[str, Category],
    articles: Iterable[Article],
    *,
    as_of: datetime,
) -> dict[str, tuple[int, int]]:
    """``{category id: (direct count, count including descendants)}`` of visible articles.

    >>> cats = (Category(id="w", slug="world", name="World"), Category(id="a", slug="asia", name="ASIA", parent_id="w"))
    >>> t = datetime(2025, 1, 1, tzinfo=timezone.utc)
    >>> arts = [Article(id="1", slug="x", title="X", published=t, category_ids=("w", "a"))]
    >>> category_counts(cats, arts, as_of=t)
    {'w': (1, 1), 'a': (1, 1)}
    """
    from newsmodel.partials import CategoryCounts

    by_id = categories if isinstance(categories, Mapping) else _by_id(categories)
    return CategoryCounts.from_articles(articles, by_id, as_of=as_of).counts(by_id)


_PostOrder = tuple[tuple[tuple[Category, int, tuple[str, ...]], ...], tuple[str, ...]]


def _post_order(by_id: Mapping[str, Category], root_id: str | None) -> _PostOrder:
    """The nodes under ``root_id`` children first, each with its depth and its children's ids in
    name order, and the ids of the top nodes.  Iterative: a tree thousands of levels deep needs no
    recursion."""
    children: dict[str | None, list[Category]] = {}
    for c in by_id.values():
        children.setdefault(c.parent_id, []).append(c)
    for kids in children.values():
        kids.sort(key=_sort_key)
    base_depth = 0 if root_id is None else len(category_path(by_id, root_id))
    out: list[tuple[Category, int, tuple[str, ...]]] = []
    stack: list[tuple[Category, int, bool]] = [(c, base_depth, False) for c in reversed(children.get(root_id, []))]
    while stack:
        cat, depth, expanded = stack.pop()
        kids = children.get(cat.id, [])
        if not expanded:
            stack.append((cat, depth, True))
            stack.extend((k, depth + 1, False) for k in reversed(kids))
            continue
        out.append((cat, depth, tuple(k.id for k in kids)))
    return tuple(out), tuple(c.id for c in children.get(root_id, []))


def _assemble_tree(order: _PostOrder, counts: Mapping[str, tuple[int, int]]) -> tuple[CategoryNode, ...]:
    built: dict[str, CategoryNode] = {}
    nodes, roots = order
    for cat, depth, kids in nodes:
        direct, total = counts[cat.id]
        built[cat.id] = CategoryNode(
            category=cat,
            depth=depth,
            count=direct,
            total=total,
            children=tuple([built.pop(k) for k in kids]),
        )
    return tuple([built[r] for r in roots])


def category_tree(
    categories: Iterable[Category] | Mapping[str, Category],
    articles: Iterable[Article],
    *,
    as_of: datetime,
    root_id: str | None = None,
) -> tuple[CategoryNode, ...]:
    """The category tree (or the subtrees under ``root_id``) with counts of visible articles."""
    by_id = categories if isinstance(categories, Mapping) else _by_id(categories)
    if root_id is not None and root_id not in by_id:
        raise UnknownId(f"category {root_id!r} is not in the corpus", value=root_id, where="root_id")
    return _assemble_tree(_post_order(by_id, root_id), category_counts(by_id, articles, as_of=as_of))


# --------------------------------------------------------------------------- index


class TaxonomyIndex:
    """Category counts, paths, breadcrumbs and menus answered from arrays built once.

    For each category it keeps the sorted publication instants (integer microseconds) of the
    published articles filed directly in it and of those filed anywhere in its subtree, so a
    count at any ``as_of`` is one binary search.  For whole trees it keeps, every ``step``
    articles of the timeline, a snapshot of all counts: the counts at any ``as_of`` are one binary
    search, a copy and at most ``step - 1`` articles replayed.  Answers equal the scanning
    functions.
    """

    __slots__ = (
        "_by_id",
        "_cat_ids",
        "_direct",
        "_links",
        "_menus",
        "_orders",
        "_paths",
        "_plan_of",
        "_site",
        "_snapshots",
        "_step",
        "_times",
        "_total",
        "_trees",
    )

    #: How many trees (one per distinct state of the timeline) are remembered.
    MEMO_SIZE = 64

    def __init__(
        self,
        site: Site,
        categories: Sequence[Category],
        articles: Iterable[Article],
        *,
        timeline: Timeline | None = None,
        step: int = 64,
    ) -> None:
        if isinstance(step, bool) or not isinstance(step, int) or step < 1:
            raise InvalidValue(f"TaxonomyIndex: step {step!r} is not a positive integer", value=step, where="step")
        self._site = site
        self._step = step
        self._by_id = _by_id(categories)
        self._paths: dict[str, tuple[Category, ...]] = {c.id: category_path(self._by_id, c.id) for c in categories}
        path_ids = {cid: tuple(c.id for c in p) for cid, p in self._paths.items()}
        line = timeline if timeline is not None else Timeline(articles)
        direct: dict[str, list[int]] = {cid: [] for cid in self._by_id}
        total: dict[str, list[int]] = {cid: [] for cid in self._by_id}
        # The timeline is in time order, so every list below is built sorted.
        # Articles share few distinct category sets: resolve each set once to the lists it feeds.
        plans: dict[tuple[str, ...], tuple[list[list[int]], list[list[int]]]] = {}
        self._cat_ids = tuple(self._by_id)
        slot = {cid: i for i, cid in enumerate(self._cat_ids)}
        # Per article, the slots of the categories it counts in (direct, with descendants).
        moves: dict[tuple[str, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {(): ((), ())}
        self._plan_of: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        running_direct = [0] * len(slot)
        running_total = [0] * len(slot)
        self._snapshots: list[tuple[array[int], array[int]]] = []
        for n, (key, article) in enumerate(zip(line.times, line.articles, strict=True)):
            if n % step == 0:
                self._snapshots.append((array("q", running_direct), array("q", running_total)))
            cids = article.category_ids
            move = moves.get(cids)
            if move is None:
                for cid in cids:
                    if cid not in direct:
                        raise UnknownId(
                            f"article {article.id!r}: category {cid!r} is not in the corpus",
                            value=cid,
                            where="category_ids",
                        )
                unique_ids = tuple(dict.fromkeys(cids))
                reached_ids = {c for cid in unique_ids for c in path_ids[cid]}
                move = moves[cids] = (tuple(slot[c] for c in unique_ids), tuple(sorted(slot[c] for c in reached_ids)))
            self._plan_of.append(move)
            for i in move[0]:
                running_direct[i] += 1
            for i in move[1]:
                running_total[i] += 1
            if not cids:
                continue
            plan = plans.get(cids)
            if plan is None:
                for cid in cids:
                    if cid not in direct:
                        raise UnknownId(
                            f"article {article.id!r}: category {cid!r} is not in the corpus",
                            value=cid,
                            where="category_ids",
                        )
                unique = tuple(dict.fromkeys(cids))
                reached = sorted({c for cid in unique for c in path_ids[cid]})
                plan = plans[cids] = ([direct[c] for c in unique], [total[c] for c in reached])
            for bucket in plan[0]:
                bucket.append(key)
            for bucket in plan[1]:
                bucket.append(key)
        if len(line.times) % step == 0:  # the snapshot of the whole timeline
            self._snapshots.append((array("q", running_direct), array("q", running_total)))
        self._times = line.times
        self._trees: dict[tuple[int, str | None], tuple[CategoryNode, ...]] = {}
        self._orders: dict[str | None, _PostOrder] = {}
        self._direct = {cid: array("q", v) for cid, v in direct.items()}
        self._total = {cid: array("q", v) for cid, v in total.items()}
        self._links: dict[str, CategoryLink] = {cid: _link(site, p) for cid, p in self._paths.items()}
        self._menus: dict[str | None, tuple[CategoryLink, ...]] = {}

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> TaxonomyIndex:
        """Build the index of a :class:`~newsmodel.corpus.Corpus`."""
        return cls(corpus.site, corpus.categories, (), timeline=corpus.cached(published_timeline))

    def _check(self, category_id: str) -> None:
        if category_id not in self._by_id:
            raise UnknownId(f"category {category_id!r} is not in the corpus", value=category_id, where="category_id")

    def counts(self, category_id: str, *, as_of: datetime) -> tuple[int, int]:
        """(direct, including descendants) counts of visible articles in ``category_id``."""
        self._check(category_id)
        cut = time_key(check_as_of(as_of))
        return bisect_right(self._direct[category_id], cut), bisect_right(self._total[category_id], cut)

    def all_counts(self, *, as_of: datetime) -> dict[str, tuple[int, int]]:
        """The same mapping as :func:`category_counts`."""
        return self._counts_at(bisect_right(self._times, time_key(check_as_of(as_of))))

    def _counts_at(self, position: int) -> dict[str, tuple[int, int]]:
        """The counts over the first ``position`` articles of the timeline: a snapshot, replayed."""
        j = position // self._step
        snap_direct, snap_total = self._snapshots[j]
        direct, total = snap_direct.tolist(), snap_total.tolist()
        plan_of = self._plan_of
        for n in range(j * self._step, position):
            move = plan_of[n]
            for i in move[0]:
                direct[i] += 1
            for i in move[1]:
                total[i] += 1
        return dict(zip(self._cat_ids, zip(direct, total, strict=True), strict=True))

    def tree(self, *, as_of: datetime, root_id: str | None = None) -> tuple[CategoryNode, ...]:
        """The same tree as :func:`category_tree`.

        Trees are remembered by the number of published articles dated at or before ``as_of``
        (the counts cannot change until that number does), the last :attr:`MEMO_SIZE` of them.
        """
        if root_id is not None:
            self._check(root_id)
        position = bisect_right(self._times, time_key(check_as_of(as_of)))
        key = (position, root_id)
        found = self._trees.get(key)
        if found is None:
            order = self._orders.get(root_id)
            if order is None:
                order = self._orders[root_id] = _post_order(self._by_id, root_id)
            found = _assemble_tree(order, self._counts_at(position))
            if len(self._trees) >= self.MEMO_SIZE:
                del self._trees[next(iter(self._trees))]
            self._trees[key] = found
        return found

    def path(self, category_id: str) -> tuple[Category, ...]:
        """The same path as :func:`category_path`."""
        self._check(category_id)
        return self._paths[category_id]

    def link(self, category_id: str) -> CategoryLink:
        """The :class:`CategoryLink` of a category (URL with its full path)."""
        self._check(category_id)
        return self._links[category_id]

    def breadcrumbs(self, article: Article, *, home_label: str = "Home") -> tuple[Breadcrumb, ...]:
        """The same trail as :func:`breadcrumbs`."""
        crumbs = [Breadcrumb(label=home_label, url=absolute_url(self._site, "/"), category_id=None)]
        main = article.main_category_id
        if main is not None:
            for cat in self.path(main):
                link = self._links[cat.id]
                crumbs.append(Breadcrumb(label=link.name, url=link.url, category_id=link.id))
        return tuple(crumbs)

    def menu(self, parent_id: str | None = None) -> tuple[CategoryLink, ...]:
        """The same menu as :func:`category_menu`."""
        if parent_id is not None:
            self._check(parent_id)
        menu = self._menus.get(parent_id)
        if menu is None:
            menu = category_menu(self._by_id, site=self._site, parent_id=parent_id)
            self._menus[parent_id] = menu
        return menu

    def default_menu_parent(self) -> str | None:
        """The parent whose children make the site's main menu: the single top-level category
        when there is exactly one (a "World" above the continents), else None (the top level)."""
        roots = [c.id for c in self._by_id.values() if c.parent_id is None]
        return roots[0] if len(roots) == 1 else None


def taxonomy_index(corpus: Corpus) -> TaxonomyIndex:
    """The :class:`TaxonomyIndex` of ``corpus``; use as ``corpus.cached(taxonomy_index)``."""
    return TaxonomyIndex.from_corpus(corpus)
