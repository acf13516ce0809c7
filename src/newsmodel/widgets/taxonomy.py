"""Categories as a page shows them: the tree with counts, breadcrumbs and menus.

Counts are of *visible* articles (published and dated at or before ``as_of``).  A node's
``count`` is the articles filed directly in it; ``total`` is the articles filed in it or in any
descendant, each article counted once even when it is filed in several of them.  Siblings are
ordered by name (case-insensitively, then by name, then by id), so the order never depends on
input order.

The functions here scan; :func:`taxonomy_index` builds, once per corpus (through
``corpus.cached``), a :class:`TaxonomyIndex` that gives the same answers from sorted arrays.

>>> from datetime import datetime, timezone
>>> from newsmodel.values.model import Article, Category, Site
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

import itertools
import operator
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from newsmodel.values._validate import INTEGER, OPTIONAL_STRING, STRING, as_tuple, instance_of, tuple_of
from newsmodel.values.errors import InvalidValue, UnknownId
from newsmodel.values.model import Article, Category, Site, category_path
from newsmodel.values.slugs import SLUG_JSON_SCHEMA
from newsmodel.values.timeline import Timeline, check_as_of, published_timeline, time_key
from newsmodel.values.urls import absolute_url, category_url, category_urls
from newsmodel.widgets.partials import CategoryCounts

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus

# Timeline, check_as_of, published_timeline and time_key live in newsmodel.values.timeline; they stay
# importable from here for one release.
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
    "check_as_of",
    "published_timeline",
    "taxonomy_index",
    "time_key",
]


@attrs.frozen(kw_only=True)
class CategoryLink:
    """A category as a link: id, name, slug and URL.

    >>> CategoryLink(id="s", name="Seoul", slug="seoul", url="https://e.org/category/seoul/").name
    'Seoul'
    """

    id: str = attrs.field(validator=STRING)
    name: str = attrs.field(validator=STRING)
    slug: str = attrs.field(validator=STRING, metadata={"json_schema": SLUG_JSON_SCHEMA})
    url: str = attrs.field(validator=STRING)


@attrs.frozen(kw_only=True)
class Breadcrumb:
    """One step of a breadcrumb trail; ``category_id`` is None for the home link and for the
    steps of a static page's trail, whose steps name their page in ``article_id`` instead.

    >>> Breadcrumb(label="Home", url="https://e.org/", category_id=None).label
    'Home'
    """

    label: str = attrs.field(validator=STRING)
    url: str = attrs.field(validator=STRING)
    category_id: str | None = attrs.field(validator=OPTIONAL_STRING)
    article_id: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)


@attrs.frozen(kw_only=True)
class CategoryNode:
    """A category in the tree with its visible-article counts and its children.

    ``count`` is direct, ``total`` includes descendants (each article once); ``depth`` is 0 at
    the top.
    """

    category: Category = attrs.field(validator=instance_of(Category, "a Category"))
    depth: int = attrs.field(validator=INTEGER)
    count: int = attrs.field(validator=INTEGER)
    total: int = attrs.field(validator=INTEGER)
    children: tuple[CategoryNode, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(lambda: (CategoryNode,), "a CategoryNode")
    )


def _by_id(categories: Iterable[Category]) -> dict[str, Category]:
    return {c.id: c for c in categories}


def _sort_key(c: Category) -> tuple[str, str, str]:
    return (c.name.casefold(), c.name, c.id)


def _link(site: Site, path: Sequence[Category]) -> CategoryLink:
    cat = path[-1]
    return CategoryLink(id=cat.id, name=cat.name, slug=cat.slug, url=category_url(site, [c.slug for c in path]))


def _trail(site: Site, path: Sequence[Category]) -> tuple[CategoryLink, ...]:
    """The link of every category along ``path`` (root first), in one walk down the path."""
    urls = category_urls(site, [c.slug for c in path])
    return tuple(CategoryLink(id=c.id, name=c.name, slug=c.slug, url=url) for c, url in zip(path, urls, strict=True))


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
        for link in _trail(site, category_path(categories, main)):
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

    >>> from datetime import timezone
    >>> cats = (Category(id="w", slug="world", name="World"), Category(id="a", slug="asia", name="ASIA", parent_id="w"))
    >>> t = datetime(2025, 1, 1, tzinfo=timezone.utc)
    >>> arts = [Article(id="1", slug="x", title="X", published=t, category_ids=("w", "a"))]
    >>> category_counts(cats, arts, as_of=t)
    {'w': (1, 1), 'a': (1, 1)}
    """
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


_Plan = tuple[tuple[int, ...], tuple[tuple[int, int], ...]]


def _picker(indices: Sequence[int]) -> Callable[[Sequence[int]], Sequence[int]]:
    """A function giving ``tuple(values[i] for i in indices)`` (an ``itemgetter`` when it can)."""
    if len(indices) > 1:
        return operator.itemgetter(*indices)
    return lambda values: tuple(values[i] for i in indices)


class TaxonomyIndex:
    """Category counts, paths, breadcrumbs and menus answered from arrays built once.

    For each category it keeps the sorted publication instants (integer microseconds) of the
    published articles filed directly in it, so a direct count at any ``as_of`` is one binary
    search.  Counts with descendants come from *weights*: an article puts +1 on each of its
    categories and -1 on the lowest common ancestor of each two of them that are neighbours in
    depth-first order, so the sum of the weights in a subtree counts each article filed anywhere
    in it once.  Every ``step`` articles of the timeline (or every as many articles as there are
    categories, when that is more: the snapshots then take memory linear in the articles) a
    snapshot keeps the direct counts and the weights, in depth-first order.  All counts at an
    ``as_of`` are then one binary search, a copy, the articles since the snapshot replayed and
    one running sum over the categories.  Answers equal the scanning functions.
    """

    __slots__ = (
        "_by_id",
        "_cat_ids",
        "_direct",
        "_end",
        "_interval",
        "_links",
        "_menus",
        "_orders",
        "_out_ends",
        "_out_slots",
        "_parent",
        "_paths",
        "_plan_of",
        "_reachable",
        "_site",
        "_slot",
        "_snapshots",
        "_times",
        "_trees",
        "_up",
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
        self._by_id = _by_id(categories)
        # paths and links are made when first asked for: all of them at once would cost the sum
        # of every category's depth (quadratic in a chain of categories)
        self._paths: dict[str, tuple[Category, ...]] = {}
        self._links: dict[str, CategoryLink] = {}
        self._cat_ids = tuple(self._by_id)
        self._depth_first()
        self._up: list[list[int]] | None = None  # ancestor tables, made when first needed
        line = timeline if timeline is not None else Timeline(articles)
        size = len(self._cat_ids)
        self._interval = interval = max(step, size)
        direct: list[list[int]] = [[] for _ in range(size)]
        # Articles share few distinct category lists: each is planned once.
        plans: dict[tuple[str, ...], _Plan] = {(): ((), ())}
        self._plan_of: list[_Plan] = []
        running_direct = [0] * size
        running_weight = [0] * size
        self._snapshots: list[tuple[array[int], array[int]]] = []
        for n, (key, article) in enumerate(zip(line.times, line.articles, strict=True)):
            if n % interval == 0:
                self._snapshots.append((array("q", running_direct), array("q", running_weight)))
            cids = article.category_ids
            plan = plans.get(cids)
            if plan is None:
                plan = plans[cids] = self._plan(article)
            self._plan_of.append(plan)
            for i in plan[0]:
                running_direct[i] += 1
                direct[i].append(key)  # the timeline is in time order: each list is built sorted
            for i, w in plan[1]:
                running_weight[i] += w
        if len(line.times) % interval == 0:  # the snapshot of the whole timeline
            self._snapshots.append((array("q", running_direct), array("q", running_weight)))
        self._times = line.times
        self._trees: dict[tuple[int, str | None], tuple[CategoryNode, ...]] = {}
        self._orders: dict[str | None, _PostOrder] = {}
        self._direct = [array("q", v) for v in direct]
        self._menus: dict[str | None, tuple[CategoryLink, ...]] = {}

    def _depth_first(self) -> None:
        """Give each category a slot in depth-first order from the tops, so the subtree of slot
        ``i`` is the slots ``i .. end[i] - 1``.  Categories on or below a cycle, or below a
        missing parent, are not reached: they take the last slots (an article filed in one is
        refused)."""
        children: dict[str | None, list[str]] = {}
        for c in self._by_id.values():
            children.setdefault(c.parent_id, []).append(c.id)
        order: list[str] = []
        parent: list[int] = []
        end: list[int] = []
        stack: list[tuple[str, int]] = [(cid, -1) for cid in reversed(children.get(None, []))]
        open_slots: list[int] = []  # the path from a top down to the last slot given
        while stack:
            cid, up = stack.pop()
            while open_slots and open_slots[-1] != up:
                end[open_slots.pop()] = len(order)
            here = len(order)
            order.append(cid)
            parent.append(up)
            end.append(here + 1)
            open_slots.append(here)
            stack.extend((k, here) for k in reversed(children.get(cid, [])))
        while open_slots:
            end[open_slots.pop()] = len(order)
        self._reachable = len(order)
        reached = set(order)
        for cid in self._cat_ids:
            if cid not in reached:
                parent.append(-1)
                end.append(len(order) + 1)
                order.append(cid)
        self._slot = slot = {cid: i for i, cid in enumerate(order)}
        self._parent = parent
        self._end = end
        # the slots, and the ends of their subtrees, picked in the order counts are returned
        self._out_slots = _picker([slot[cid] for cid in self._cat_ids])
        self._out_ends = _picker([end[slot[cid]] for cid in self._cat_ids])

    def _plan(self, article: Article) -> _Plan:
        """The slots an article is filed in, and its weights: +1 at each, -1 at the lowest common
        ancestor of each two neighbours in depth-first order (none for two in different trees).
        The slots it holds in a subtree are neighbours, so their pairs but the last meet inside
        it: its weights there add up to 1 when it holds any, else 0."""
        by_id, slot = self._by_id, self._slot
        cids = article.category_ids
        for cid in cids:
            if cid not in by_id:
                raise UnknownId(
                    f"article {article.id!r}: category {cid!r} is not in the corpus", value=cid, where="category_ids"
                )
        unique = tuple(dict.fromkeys(cids))
        for cid in unique:
            if slot[cid] >= self._reachable:
                category_path(by_id, cid)  # raises CategoryCycle, or UnknownId for the missing parent
        filed = tuple(slot[c] for c in unique)
        ordered = sorted(filed)
        weights = dict.fromkeys(ordered, 1)
        for a, b in itertools.pairwise(ordered):
            meet = self._lca(a, b)
            if meet >= 0:
                weights[meet] = weights.get(meet, 0) - 1
        return filed, tuple((i, w) for i, w in weights.items() if w)

    def _lca(self, a: int, b: int) -> int:
        """The lowest common ancestor of slots ``a < b``, or -1 when they are in different trees.
        Binary lifting: ``a`` climbs in halving jumps while the jump lands below the meeting
        point, so the cost is the logarithm of the depth."""
        end = self._end
        if b < end[a]:
            return a
        up = self._up if self._up is not None else self._lift()
        for table in reversed(up):
            x = table[a]
            if x >= 0 and not (x <= b < end[x]):
                a = x
        return self._parent[a]

    def _lift(self) -> list[list[int]]:
        """``up[j][i]``: the ancestor of slot ``i`` 2**j levels above it (-1 past the top), for
        the levels the deepest category needs."""
        parent = self._parent
        depth = [0] * len(parent)
        for i, p in enumerate(parent):  # a parent's slot comes before its children's
            if p >= 0:
                depth[i] = depth[p] + 1
        up = [parent]
        for _ in range(max(depth, default=0).bit_length()):
            last = up[-1]
            up.append([-1 if x < 0 else last[x] for x in last])
        self._up = up
        return up

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> TaxonomyIndex:
        """Build the index of a :class:`~newsmodel.values.corpus.Corpus`."""
        return cls(corpus.site, corpus.categories, (), timeline=corpus.cached(published_timeline))

    def _check(self, category_id: str) -> None:
        if category_id not in self._by_id:
            raise UnknownId(f"category {category_id!r} is not in the corpus", value=category_id, where="category_id")

    def counts(self, category_id: str, *, as_of: datetime) -> tuple[int, int]:
        """(direct, including descendants) counts of visible articles in ``category_id``.

        The direct count is a binary search; the total is the snapshot's weights summed over the
        subtree, plus the weights in it of the articles since the snapshot."""
        self._check(category_id)
        cut = time_key(check_as_of(as_of))
        i = self._slot[category_id]
        lo, hi = i, self._end[i]
        position = bisect_right(self._times, cut)
        j = position // self._interval
        total = sum(self._snapshots[j][1][lo:hi])
        plan_of = self._plan_of
        for n in range(j * self._interval, position):
            for k, w in plan_of[n][1]:
                if lo <= k < hi:
                    total += w
        return bisect_right(self._direct[i], cut), total

    def all_counts(self, *, as_of: datetime) -> dict[str, tuple[int, int]]:
        """The same mapping as :func:`category_counts`."""
        return self._counts_at(bisect_right(self._times, time_key(check_as_of(as_of))))

    def _counts_at(self, position: int) -> dict[str, tuple[int, int]]:
        """The counts over the first ``position`` articles of the timeline: a snapshot, replayed."""
        j = position // self._interval
        snap_direct, snap_weight = self._snapshots[j]
        direct, weight = snap_direct.tolist(), snap_weight.tolist()
        plan_of = self._plan_of
        for n in range(j * self._interval, position):
            filed, weights = plan_of[n]
            for i in filed:
                direct[i] += 1
            for i, w in weights:
                weight[i] += w
        # a subtree's total: the running sums of the weights at its end, less those at its start
        sums = list(itertools.accumulate(weight, initial=0))
        totals = map(operator.sub, self._out_ends(sums), self._out_slots(sums))
        return dict(zip(self._cat_ids, zip(self._out_slots(direct), totals, strict=True), strict=True))

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
        path = self._paths.get(category_id)
        if path is None:
            path = self._paths[category_id] = category_path(self._by_id, category_id)
        return path

    def link(self, category_id: str) -> CategoryLink:
        """The :class:`CategoryLink` of a category (URL with its full path)."""
        link = self._links.get(category_id)
        if link is None:
            # the whole trail down to this category: its ancestors' links come with it
            for link in _trail(self._site, self.path(category_id)):
                self._links.setdefault(link.id, link)
            link = self._links[category_id]
        return link

    def breadcrumbs(self, article: Article, *, home_label: str = "Home") -> tuple[Breadcrumb, ...]:
        """The same trail as :func:`breadcrumbs`."""
        crumbs = [Breadcrumb(label=home_label, url=absolute_url(self._site, "/"), category_id=None)]
        main = article.main_category_id
        if main is not None:
            self.link(main)  # makes the links of the whole trail, root first
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
