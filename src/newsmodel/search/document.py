"""What search indexes of an article: its :class:`SearchDocument`.

An article is searched by five fields: its title, the plain text of its body
(:func:`~newsmodel.bodies.render.render_text`), the names (and merged aliases) of its tags, the names of
its categories and the names of the authors in its byline.  Filters see the ids of its tags, of
its authors and of its categories *with every ancestor*, so that filtering by ``ASIA`` finds an
article filed under ``Seoul``.

Which articles are searched is :func:`is_searchable`: those that count
(:attr:`Article.counts_from <newsmodel.values.model.Article.counts_from>` is set); the ``as_of`` cut of
:meth:`Article.is_visible <newsmodel.values.model.Article.is_visible>` is made at query time against
:attr:`SearchDocument.published`, the same instant as an integer (:func:`~newsmodel.values.timeline.time_key`).

>>> from newsmodel.sample import SEED_SLUG, generate
>>> corpus = generate(articles=50)
>>> doc = search_document(corpus, corpus.article_by_slug(SEED_SLUG))
>>> doc.categories
'Seoul\\nSouth Korea'
>>> [corpus.category(c).name for c in doc.category_ids]
['World', 'ASIA', 'South Korea', 'Seoul']
>>> len(doc.digest)
64
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

import attrs

from newsmodel.bodies.render import render_text
from newsmodel.values._validate import INTEGER, STRING, as_tuple, tuple_of
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidValue
from newsmodel.values.model import Article
from newsmodel.values.timeline import time_key

__all__ = ["SearchDocument", "is_searchable", "search_document", "search_documents"]


def is_searchable(article: Article) -> bool:
    """True when search indexes ``article``: it counts (:attr:`~newsmodel.values.model.Article.counts_from`).

    The one place that says which articles search covers: when the model tells posts from pages,
    this is where pages are let in or kept out.

    >>> from datetime import datetime, timezone
    >>> from newsmodel.values.model import Article
    >>> t = datetime(2025, 12, 16, tzinfo=timezone.utc)
    >>> is_searchable(Article(id="1", slug="a", title="A", published=t, status="draft"))
    False
    """
    return article.counts_from is not None


@attrs.frozen(kw_only=True)
class SearchDocument:
    """The text and filter keys search keeps of one article.

    ``published`` is :func:`~newsmodel.values.timeline.time_key` of the instant the article counts from;
    ``category_ids`` holds the article's categories and all their ancestors, sorted.
    """

    article_id: str = attrs.field(validator=STRING)
    published: int = attrs.field(validator=INTEGER)
    title: str = attrs.field(validator=STRING)
    body: str = attrs.field(validator=STRING)
    tags: str = attrs.field(validator=STRING)
    categories: str = attrs.field(validator=STRING)
    authors: str = attrs.field(validator=STRING)
    category_ids: tuple[str, ...] = attrs.field(converter=as_tuple, validator=tuple_of(str, "a string"))
    tag_ids: tuple[str, ...] = attrs.field(converter=as_tuple, validator=tuple_of(str, "a string"))
    author_ids: tuple[str, ...] = attrs.field(converter=as_tuple, validator=tuple_of(str, "a string"))

    @property
    def digest(self) -> str:
        """SHA-256 (hex) of everything the index keeps of the article: a changed digest means
        the article must be indexed again (a renamed tag changes the digest of its articles)."""
        data = json.dumps(attrs.astuple(self), ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def search_document(corpus: Corpus, article: Article) -> SearchDocument:
    """The :class:`SearchDocument` of an article of ``corpus`` that :func:`is_searchable`."""
    when = article.counts_from
    if when is None:
        raise InvalidValue(f"article {article.id!r} does not count: search does not index it", value=article.id)
    tags = [corpus.tag(t) for t in dict.fromkeys(article.tag_ids)]
    cats = [corpus.category(c) for c in dict.fromkeys(article.category_ids)]
    ancestry = sorted({c.id for cat in cats for c in corpus.path(cat.id)})
    return SearchDocument(
        article_id=article.id,
        published=time_key(when),
        title=article.title,
        body=render_text(article.body),
        tags="\n".join(name for t in tags for name in (t.name, *t.aliases)),
        categories="\n".join(c.name for c in cats),
        authors="\n".join(corpus.author(a).name for a in dict.fromkeys(article.author_ids)),
        category_ids=tuple(ancestry),
        tag_ids=tuple(sorted(t.id for t in tags)),
        author_ids=tuple(sorted(dict.fromkeys(article.author_ids))),
    )


def search_documents(corpus: Corpus) -> Iterator[SearchDocument]:
    """The documents of every article of ``corpus`` that :func:`is_searchable`, in corpus order."""
    for article in corpus.articles:
        if is_searchable(article):
            yield search_document(corpus, article)
