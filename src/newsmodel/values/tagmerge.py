"""Merging near-duplicate tag spellings: an explicit operation, reported merge by merge.

Importers never merge tags: WordPress keeps two terms with different slugs apart even when their
names slug alike ("Kim Jong Un" ``kim-jong-un`` and "Kim Jong-un" ``kim-jong-un-2``), and a tag
cloud, an archive of a tag, its URL all follow.  A user who wants one tag per spelling asks for it:
:func:`merge_similar_tags` folds every tag whose name slugs like an earlier tag's
(:func:`~newsmodel.values.slugs.slugify`) into that earlier one, and returns what it did.

The kept tag is the first of its group in corpus order; it keeps its id, slug and name, gains the
other names in :attr:`~newsmodel.values.model.Tag.aliases`, their ids in
:attr:`~newsmodel.values.model.Tag.source_ids`, and their slugs in ``extra["merged_slugs"]`` (id → slug,
so that a site can redirect their old URLs).  Articles name the kept tag once.

>>> from newsmodel.values.corpus import Corpus
>>> from newsmodel.values.model import Article, Site, Tag
>>> corpus = Corpus(site=Site(name="S", base_url="https://example.org"),
...     tags=[Tag(id="10", slug="kim-jong-un", name="Kim Jong Un"),
...           Tag(id="11", slug="kim-jong-un-2", name="Kim Jong-un")],
...     articles=[Article(id="1", slug="a", title="A", status="draft", tag_ids=("11", "10"))])
>>> merged, report = merge_similar_tags(corpus)
>>> [(t.slug, t.aliases, t.source_ids) for t in merged.tags]
[('kim-jong-un', ('Kim Jong-un',), ('11',))]
>>> merged.article("1").tag_ids
('10',)
>>> print(report.as_text())
tag 'Kim Jong-un' (id '11', slug 'kim-jong-un-2') merged into 'Kim Jong Un' (id '10', slug 'kim-jong-un')
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from newsmodel.values._validate import OPTIONAL_STRING, STRING, as_tuple, tuple_of
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, Extra, Tag, thaw
from newsmodel.values.site import remap_tag_targets
from newsmodel.values.slugs import slugify

__all__ = ["TagMerge", "TagMergeReport", "merge_similar_tags", "similarity_key"]


@attrs.frozen(kw_only=True)
class TagMerge:
    """One tag folded into another: the kept tag's id (and slug, name), the merged tag's id, name and slug.

    >>> TagMerge(kept_id="10", merged_id="11", merged_name="Kim Jong-un", slug="kim-jong-un-2").line
    "tag 'Kim Jong-un' (id '11', slug 'kim-jong-un-2') merged into id '10'"
    """

    kept_id: str = attrs.field(validator=STRING)
    merged_id: str = attrs.field(validator=STRING)
    merged_name: str = attrs.field(validator=STRING)
    #: The merged tag's slug.
    slug: str = attrs.field(validator=STRING)
    kept_name: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    kept_slug: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)

    @classmethod
    def of(cls, kept: Tag, merged: Tag) -> TagMerge:
        """The record of ``merged`` folded into ``kept``."""
        return cls(
            kept_id=kept.id,
            merged_id=merged.id,
            merged_name=merged.name,
            slug=merged.slug,
            kept_name=kept.name,
            kept_slug=kept.slug,
        )

    @property
    def line(self) -> str:
        """The merge as one printable line."""
        into = f"id {self.kept_id!r}"
        if self.kept_name is not None and self.kept_slug is not None:
            into = f"{self.kept_name!r} (id {self.kept_id!r}, slug {self.kept_slug!r})"
        return f"tag {self.merged_name!r} (id {self.merged_id!r}, slug {self.slug!r}) merged into {into}"


@attrs.frozen(kw_only=True)
class TagMergeReport:
    """Every merge :func:`merge_similar_tags` made, in corpus order of the merged tags."""

    merges: tuple[TagMerge, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(TagMerge, "a TagMerge")
    )

    def __len__(self) -> int:
        return len(self.merges)

    def as_text(self) -> str:
        """One merge a line (nothing when no tag was merged)."""
        return "\n".join(m.line for m in self.merges)


def similarity_key(tag: Tag) -> str:
    """What makes two tags near-duplicate spellings: the slug of the name (of the slug, for a
    tag without a name).

    >>> similarity_key(Tag(id="1", slug="kim-jong-un-2", name="Kim Jong-un"))
    'kim-jong-un'
    """
    return slugify(tag.name or tag.slug)


def joined_source_ids(kept: Tag, other: Tag) -> tuple[str, ...]:
    """``kept``'s source ids, then ``other``'s id and source ids that are new (the ids a folded
    tag answers to)."""
    source_ids = list(kept.source_ids)
    for sid in (other.id, *other.source_ids):
        if sid != kept.id and sid not in source_ids:
            source_ids.append(sid)
    return tuple(source_ids)


def _fold(kept: Tag, other: Tag) -> Tag:
    aliases = list(kept.aliases)
    for name in (other.name, *other.aliases):
        if name != kept.name and name not in aliases:
            aliases.append(name)
    slugs = dict(thaw(kept.extra.get("merged_slugs", Extra())))
    slugs[other.id] = other.slug
    for sid, slug in thaw(other.extra.get("merged_slugs", Extra())).items():
        slugs.setdefault(sid, slug)
    return attrs.evolve(
        kept,
        aliases=tuple(aliases),
        source_ids=joined_source_ids(kept, other),
        description=kept.description or other.description,
        extra=kept.extra.merged({"merged_slugs": slugs}),
    )


def _remap(article: Article, into: dict[str, str]) -> Article:
    if not any(t in into for t in article.tag_ids):
        return article
    tag_ids = tuple(dict.fromkeys(into.get(t, t) for t in article.tag_ids))
    return attrs.evolve(article, tag_ids=tag_ids)


def merge_similar_tags(corpus: Corpus, *, key: Callable[[Tag], str] = similarity_key) -> tuple[Corpus, TagMergeReport]:
    """``corpus`` with every tag whose ``key`` equals an earlier tag's folded into that tag, and
    the report of each merge (see the module docs).  Linear in the corpus.

    ``key`` decides which tags are one (default :func:`similarity_key`: the slug of the name).
    A corpus with nothing to merge comes back as it is.
    """
    first: dict[str, int] = {}
    kept: list[Tag] = []
    into: dict[str, str] = {}
    merges: list[TagMerge] = []
    for tag in corpus.tags:
        k = key(tag)
        index = first.get(k)
        if index is None:
            first[k] = len(kept)
            kept.append(tag)
            continue
        target = kept[index]
        kept[index] = _fold(target, tag)
        into[tag.id] = target.id
        merges.append(TagMerge.of(target, tag))
    if not merges:
        return corpus, TagMergeReport()
    merged = corpus.replace(
        tags=kept,
        articles=[_remap(a, into) for a in corpus.articles],
        menus=[remap_tag_targets(m, into) for m in corpus.menus],
    )
    return merged, TagMergeReport(merges=merges)
