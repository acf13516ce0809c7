"""The checks of :func:`newsmodel.dask.read_corpus` that span blocks and files.

Each block is checked by the :class:`~newsmodel.values.corpus.Corpus` rules against the whole
taxonomy (:func:`check_part`); what one block cannot see is checked over every file at once: a
hash shuffle of ids and slugs (each bucket's task sees every key of its bucket and returns only
the duplicates), which also carries each link to a parent article to the bucket of the parent's
id, and one task that looks for a cycle of parents among the articles that have one.  The first
error a single-machine reader would raise is raised, with its file and line
(:func:`raise_found`).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import ArticleCycle, CorpusError, DanglingReference, DuplicateId, DuplicateSlug
from newsmodel.values.model import Article, Author, Category, Tag

if TYPE_CHECKING:
    from dask.delayed import Delayed

    from newsmodel.dask import Part

__all__ = ["check_part", "check_tasks", "place", "raise_found"]


def place(url: str, line: int | None) -> str:
    return f"{url}: line {line}: " if line is not None else f"{url}: "


def _entity_maps(taxonomy: Corpus) -> tuple[dict[str, Author], dict[str, Category], dict[str, Tag]]:
    return (
        {a.id: a for a in taxonomy.authors},
        {c.id: c for c in taxonomy.categories},
        {t.id: t for t in taxonomy.tags},
    )


def check_part(part: Part, taxonomy: Corpus) -> list[Article]:
    """The block's articles, checked by the :class:`Corpus` rules against the whole taxonomy.

    The corpus built for the check holds the block's articles and only the entities they name
    (categories with their ancestors), so a check costs the block's size, not the taxonomy's; a
    name the taxonomy lacks stays out and raises the corpus's own error.
    """
    authors, categories, tags = taxonomy.cached(_entity_maps)  # once per worker: its tasks share the taxonomy
    named_authors: dict[str, Author] = {}
    named_categories: dict[str, Category] = {}
    named_tags: dict[str, Tag] = {}
    for article in part.articles:
        for i in article.author_ids:
            if i in authors:
                named_authors[i] = authors[i]
        for i in article.category_ids:
            if i in categories and i not in named_categories:
                for c in taxonomy.path(i):
                    named_categories[c.id] = c
        for i in article.tag_ids:
            if i in tags:
                named_tags[i] = tags[i]
    # A page's parent may be in another block: the block's check leaves such a link out (on a
    # copy made for the check), and the check of every file (DaskCorpus.check, read_corpus)
    # finds dangling parents and cycles of parents across blocks.
    here = {a.id for a in part.articles}
    checked = [
        a if a.parent_id is None or a.parent_id in here else attrs.evolve(a, parent_id=None) for a in part.articles
    ]
    try:
        Corpus(
            site=taxonomy.site,
            authors=named_authors.values(),
            categories=sorted(named_categories.values(), key=lambda c: taxonomy.depth(c.id)),
            tags=named_tags.values(),
            articles=checked,
        )
    except CorpusError as exc:
        line = next((ln for a, ln in zip(checked, part.lines, strict=True) if a is exc.culprit), None)
        raise type(exc)(place(part.block.url, line) + str(exc), culprit=exc.culprit) from exc
    return part.articles


_POS = 2**40  # a record's position: file index * _POS + line


def _bucket(key: str, buckets: int) -> int:
    # a stable hash: Python's str hash differs between worker processes
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


#: A link to a parent article: (parent id, position, the article's id, its slug).
Link = tuple[str, int, str, str]
#: One bucket of a block's keys: (id, position) pairs, (slug, position) pairs, links by parent id.
Keys = tuple[list[tuple[str, int]], list[tuple[str, int]], list[Link]]


def _keys_by_bucket(part: Part, buckets: int) -> list[Keys]:
    """The block's (id, position) and (slug, position) pairs and its links to parents, split by
    the hash of the id / slug / parent id (so a bucket sees a parent's id with the links to it)."""
    out: list[Keys] = [([], [], []) for _ in range(buckets)]
    base = part.block.file * _POS
    for article, line in zip(part.articles, part.lines, strict=True):
        out[_bucket(article.id, buckets)][0].append((article.id, base + line))
        out[_bucket(article.slug, buckets)][1].append((article.slug, base + line))
        if article.parent_id is not None:
            out[_bucket(article.parent_id, buckets)][2].append(
                (article.parent_id, base + line, article.id, article.slug)
            )
    return out


def _pick(keyed: list[Any], bucket: int) -> Any:
    return keyed[bucket]


#: What one bucket's check finds: duplicated ids and slugs with all their positions, and the
#: links to a parent that no article of the files is.
Found = tuple[dict[str, list[int]], dict[str, list[int]], list[Link]]


def _duplicates_in(shards: list[Keys]) -> Found:
    """The ids and slugs of one hash bucket met more than once, with all their positions, and the
    bucket's links to a parent whose id no article has."""
    found: list[dict[str, list[int]]] = []
    ids: dict[str, int] = {}  # every id of the bucket (the first pass's keys)
    for which in (0, 1):
        seen: dict[str, int] = {}
        dups: dict[str, list[int]] = {}
        for shard in shards:
            for key, pos in shard[0] if which == 0 else shard[1]:
                first = seen.setdefault(key, pos)
                if first != pos:
                    dups.setdefault(key, [first]).append(pos)
        found.append(dups)
        if which == 0:
            ids = seen
    dangling = [link for shard in shards for link in shard[2] if link[0] not in ids]
    return found[0], found[1], dangling


def _links_of(part: Part) -> list[tuple[str, str, int]]:
    """The block's links to a parent: (id, parent id, position)."""
    base = part.block.file * _POS
    return [
        (a.id, a.parent_id, base + line)
        for a, line in zip(part.articles, part.lines, strict=True)
        if a.parent_id is not None
    ]


def _cycle_in(links: list[list[tuple[str, str, int]]]) -> tuple[list[str], int] | None:
    """A cycle of parents among every block's links, with the position of the article it is
    reported at (the one a single reader reports: the first met in file order), or None.  Only
    articles with a parent are held (a site's pages), each chain walked once."""
    parent: dict[str, str] = {}
    position: dict[str, int] = {}
    for block in links:
        for child, up, pos in block:
            parent[child] = up
            position[child] = pos
    done: set[str] = set()
    for start in sorted(parent, key=position.__getitem__):
        chain: list[str] = []
        on_chain: set[str] = set()
        node: str | None = start
        while node is not None and node not in done:
            if node in on_chain:
                return [*chain[chain.index(node) :], node], position[node]
            chain.append(node)
            on_chain.add(node)
            node = parent.get(node)
        done.update(chain)
    return None


#: Bytes of corpus files per bucket of the id and slug shuffle, and the most buckets: a shuffle
#: costs a task per (block, bucket), so the buckets grow with the data, not with the blocks.
_BUCKET_BYTES = 2**30
_MAX_BUCKETS = 32


def check_tasks(parts: Sequence[Delayed], total_bytes: int) -> list[Delayed]:
    """A hash shuffle of ids, slugs and links to parents: each bucket's task sees every key of its
    bucket, nothing else; and one task that looks for a cycle among the links (the last one)."""
    from dask.delayed import delayed  # here: newsmodel.dask says when the dask extra is missing

    buckets = max(1, min(_MAX_BUCKETS, total_bytes // _BUCKET_BYTES))
    keyed = [delayed(_keys_by_bucket, pure=True)(p, buckets) for p in parts]
    return [
        *(delayed(_duplicates_in, pure=True)([delayed(_pick, pure=True)(k, b) for k in keyed]) for b in range(buckets)),
        delayed(_cycle_in, pure=True)([delayed(_links_of, pure=True)(p) for p in parts]),
    ]


def raise_found(results: Sequence[Any], urls: Sequence[str]) -> None:
    """The error a single reader raises first, from what :func:`check_tasks` found: a repeated
    id or slug, a parent no article is, a cycle of parents."""
    found: Sequence[Found] = results[:-1]
    cycle: tuple[list[str], int] | None = results[-1]
    for which, error, what in ((0, DuplicateId, "id"), (1, DuplicateSlug, "slug")):
        dups: dict[str, list[int]] = {}
        for bucket in found:
            dups.update(bucket[0] if which == 0 else bucket[1])
        if not dups:
            continue
        # the key whose second record comes first in file order: the one a single reader meets first
        key = min(dups, key=lambda k: (sorted(dups[k])[1], k))
        positions = sorted(dups[key])
        here = place(urls[positions[1] // _POS], positions[1] % _POS)
        there = place(urls[positions[0] // _POS], positions[0] % _POS).removesuffix(": ")
        more = f"; {len(dups) - 1} more duplicated {what}s" if len(dups) > 1 else ""
        raise error(
            f"{here}two articles have the {what} {key!r} (also at {there}; {len(positions)} in all{more})",
            culprit=key,
        )
    dangling = [link for bucket in found for link in bucket[2]]
    if dangling:
        up, pos, child, slug = min(dangling, key=lambda link: link[1])
        raise DanglingReference(
            f"{place(urls[pos // _POS], pos % _POS)}article {child!r} ({slug!r}) names the parent {up!r},"
            " which the corpus does not have",
            culprit=child,
        )
    if cycle is not None:
        nodes, pos = cycle
        raise ArticleCycle(
            f"{place(urls[pos // _POS], pos % _POS)}article {nodes[0]!r} is its own ancestor:"
            f" {' › '.join(repr(c) for c in nodes)}",
            culprit=nodes[0],
        )
