"""Build a :class:`~newsmodel.values.corpus.Corpus` from loose entities.

Importers and hand-written builders add entities one by one.  Tags are kept apart as WordPress
keeps its terms: a tag is identified by its slug (the WordPress importer's ``process_tags`` looks
a term up by slug with ``term_exists``), so a second tag with a slug already added is the same tag
(its id joins :attr:`Tag.source_ids`, articles are rewritten to the kept id, and the fold is
recorded in :attr:`CorpusBuilder.merges`); tags with different slugs stay two tags, however alike
their names.  :meth:`CorpusBuilder.add_tag_named` makes a tag the way ``wp_insert_term`` does: the
existing tag of that name, else a new one with a unique slug (``kim-jong-un``, ``kim-jong-un-2``).
Merging near-duplicate spellings is :func:`newsmodel.values.tagmerge.merge_similar_tags`, asked for.

>>> from newsmodel.values.model import Site, Tag, Article
>>> b = CorpusBuilder(Site(name="S", base_url="https://example.org"))
>>> b.add_tag_named("Kim Jong Un", id="10").slug
'kim-jong-un'
>>> b.add_tag_named("Kim Jong-un", id="11").slug
'kim-jong-un-2'
>>> b.add_tag(Tag(id="12", slug="kim-jong-un", name="Kim Jong Un")).id
'10'
>>> b.add_article(Article(id="1", slug="a", title="A", status="draft", tag_ids=("12", "11")))
>>> corpus = b.build()
>>> corpus.article("1").tag_ids
('10', '11')
>>> [(t.id, t.slug, t.source_ids) for t in corpus.tags]
[('10', 'kim-jong-un', ('12',)), ('11', 'kim-jong-un-2', ())]
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import DuplicateId
from newsmodel.values.model import Article, Author, Category, Menu, Site, Tag
from newsmodel.values.site import remap_tag_targets
from newsmodel.values.slugs import SlugRegistry
from newsmodel.values.tagmerge import TagMerge, joined_source_ids

__all__ = ["CorpusBuilder", "TagMerge"]


class CorpusBuilder:
    """Collects entities, folds a tag into the tag of the same slug, and builds a checked :class:`Corpus`."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._authors: dict[str, Author] = {}
        self._categories: dict[str, Category] = {}
        self._tags: dict[str, Tag] = {}  # by slug, insertion order kept
        self._tag_alias: dict[str, str] = {}  # any source tag id -> kept tag id
        self._tag_by_name: dict[str, Tag] = {}  # lowercased name -> first tag of that name
        self._tag_slugs = SlugRegistry(reserved=())
        self._articles: list[Article] = []
        self._article_ids: set[str] = set()
        self._menus: list[Menu] = []
        self.merges: list[TagMerge] = []

    # ------------------------------------------------------------------ adding

    def add_author(self, author: Author) -> Author:
        """Add an author (a second author with the same id is an error)."""
        if author.id in self._authors:
            raise DuplicateId(f"two authors have the id {author.id!r}", culprit=author)
        self._authors[author.id] = author
        return author

    def add_category(self, category: Category) -> Category:
        """Add a category (parents may come before or after children)."""
        if category.id in self._categories:
            raise DuplicateId(f"two categories have the id {category.id!r}", culprit=category)
        self._categories[category.id] = category
        return category

    def add_tag(self, tag: Tag) -> Tag:
        """Add a tag, or fold it into the tag that already has its slug (one term, as WordPress's
        importer makes it); returns the kept tag."""
        kept = self._tags.get(tag.slug)
        if kept is None:
            if tag.id in self._tag_alias:
                raise DuplicateId(f"two tags have the id {tag.id!r}", culprit=tag)
            self._tags[tag.slug] = tag
            self._tag_slugs.add(tag.slug)
            self._tag_by_name.setdefault(tag.name.lower(), tag)
            self._tag_alias[tag.id] = tag.id
            for sid in tag.source_ids:
                self._tag_alias.setdefault(sid, tag.id)
            return tag
        if tag.id == kept.id or self._tag_alias.get(tag.id) == kept.id:
            return kept
        if tag.id in self._tag_alias:
            raise DuplicateId(f"two tags have the id {tag.id!r}", culprit=tag)
        for sid in (tag.id, *tag.source_ids):
            self._tag_alias[sid] = kept.id
        merged = attrs.evolve(
            kept,
            source_ids=joined_source_ids(kept, tag),
            description=kept.description or tag.description,
            extra=kept.extra.merged({k: v for k, v in tag.extra.items() if k not in kept.extra}),
        )
        self._tags[tag.slug] = merged
        self.merges.append(TagMerge.of(kept, tag))
        return merged

    def add_tag_named(self, name: str, *, id: str | None = None, description: str | None = None) -> Tag:
        """The tag called ``name`` (compared without case, as ``wp_insert_term`` compares names),
        else a new tag whose slug is :func:`~newsmodel.values.slugs.slugify` of the name made unique
        (``-2``, ``-3`` … as ``wp_unique_term_slug`` does); the id defaults to the slug."""
        found = self._tag_by_name.get(name.lower())
        if found is not None:
            return self._tags[found.slug]
        slug = self._tag_slugs.claim(name)
        return self.add_tag(Tag(id=id or slug, slug=slug, name=name, description=description))

    def add_article(self, article: Article) -> None:
        """Add an article; its tag ids are rewritten to kept tags at :meth:`build`."""
        if article.id in self._article_ids:
            raise DuplicateId(f"two articles have the id {article.id!r}", culprit=article)
        self._article_ids.add(article.id)
        self._articles.append(article)

    @property
    def articles(self) -> tuple[Article, ...]:
        """The articles added so far, in the order they were added."""
        return tuple(self._articles)

    def add_menu(self, menu: Menu) -> Menu:
        """Add a navigation menu (the corpus checks its id, slug and locations)."""
        self._menus.append(menu)
        return menu

    def tag_id(self, source_id: str) -> str:
        """The id of the kept tag for a source tag id (itself when it was not merged)."""
        return self._tag_alias.get(source_id, source_id)

    # ------------------------------------------------------------------ building

    def _remap(self, article: Article) -> Article:
        if not article.tag_ids:
            return article
        seen: dict[str, None] = {}
        for tid in article.tag_ids:
            seen.setdefault(self._tag_alias.get(tid, tid), None)
        tag_ids = tuple(seen)
        return article if tag_ids == article.tag_ids else attrs.evolve(article, tag_ids=tag_ids)

    def build(self) -> Corpus:
        """The checked corpus (categories parents-first, articles in the order added)."""
        return Corpus(
            site=self.site,
            authors=self._authors.values(),
            categories=parents_first(list(self._categories.values())),
            tags=self._tags.values(),
            articles=[self._remap(a) for a in self._articles],
            menus=[remap_tag_targets(m, self._tag_alias) for m in self._menus],
        )


def parents_first(categories: Sequence[Category]) -> list[Category]:
    """Categories ordered so that a parent comes before its children (input order otherwise).

    The order of repeated passes over the input, each placing every category whose parent is
    placed (or absent from the input): a category goes in the pass of its parent if the parent
    comes earlier in the input, else in the next one; within a pass, input order. Categories on or
    below a cycle come last, in input order (the Corpus reports the cycle). Linear: each pass
    number is found by walking up a chain once. Ids are unique.

    >>> from newsmodel.values.model import Category
    >>> c = [Category(id="b", slug="b", name="B", parent_id="a"), Category(id="a", slug="a", name="A")]
    >>> [x.id for x in parents_first(c)]
    ['a', 'b']
    """
    index = {c.id: i for i, c in enumerate(categories)}
    unplaced = len(categories)  # the pass of a category on or below a cycle
    passes = [0] * len(categories)  # 0: not known yet
    for start in range(len(categories)):
        chain: list[int] = []  # the categories walked up from start whose pass is not known yet
        on_chain: set[int] = set()
        i: int | None = start
        known = 1
        while i is not None:
            if passes[i]:
                known = passes[i]
                break
            if i in on_chain:  # a cycle
                known = unplaced
                break
            chain.append(i)
            on_chain.add(i)
            parent = categories[i].parent_id
            i = index.get(parent) if parent is not None else None
        # known is the pass of the category above the last one walked (1 for a root)
        for j in reversed(chain):
            parent = categories[j].parent_id
            above = index.get(parent) if parent is not None else None
            if known < unplaced and above is not None and above > j:
                known += 1
            passes[j] = known
    buckets: list[list[Category]] = [[] for _ in range(unplaced + 1)]
    for c, k in zip(categories, passes, strict=True):
        buckets[k].append(c)
    return [c for bucket in buckets for c in bucket]
