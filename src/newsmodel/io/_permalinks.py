"""One permalink structure for an imported site: infer it from the source's URLs, store it in
``Site.permalinks``, and keep a post's own URL as ``canonical_url`` only where the structure does
not give it exactly (see :mod:`newsmodel.values.permalinks` for the rule).

Private to :mod:`newsmodel.io`; the WXR and REST importers call :func:`apply_permalinks`.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from newsmodel.io.report import ImportReportBuilder
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidPermalink, NewsModelError
from newsmodel.values.model import Article, Permalinks
from newsmodel.values.permalinks import infer_permalinks, infer_term_base
from newsmodel.values.urls import article_url

#: How many missed post ids a warning names.
_NAMED = 10


def _term_bases(corpus: Corpus, permalinks: Permalinks, key: str) -> Permalinks:
    """``permalinks`` with the category, tag and author patterns the terms' own URLs show
    (``extra[key]``, as the REST API gives each term and user a ``link``)."""
    cats = []
    for cat in corpus.categories:
        url = cat.extra.get(key)
        if isinstance(url, str):
            cats.append((url, "/".join(c.slug for c in corpus.path(cat.id))))
    tags = [(t.extra[key], t.slug) for t in corpus.tags if isinstance(t.extra.get(key), str)]
    authors = [(a.extra[key], a.slug) for a in corpus.authors if isinstance(a.extra.get(key), str)]
    changes = {}
    kinds = (("category", cats, "%category%"), ("tag", tags, "%tag%"), ("author", authors, "%author%"))
    for field, pairs, token in kinds:
        found = infer_term_base(corpus.site, pairs, token)
        if found is not None:
            changes[field] = found
    return attrs.evolve(permalinks, **changes)


def _url(corpus: Corpus, article: Article, structure: str) -> str | None:
    main = article.main_category_id
    author = None
    for author_id in article.author_ids:
        try:
            author = corpus.author(author_id).slug
            break
        except NewsModelError:
            continue
    try:
        path = tuple(c.slug for c in corpus.path(main)) if main is not None else ()
        return article_url(corpus.site, article, category_path=path, author_slug=author, pattern=structure)
    except (InvalidPermalink, NewsModelError):
        return None


def apply_permalinks(
    corpus: Corpus, report: ImportReportBuilder, *, post_ids: Iterable[str], term_link_key: str | None = None
) -> Corpus:
    """``corpus`` with the permalink structure inferred from its posts' ``canonical_url`` (the
    URLs the source gave them) in ``Site.permalinks``; each post the structure gives exactly loses
    its ``canonical_url`` (the structure is now its one home), the others keep theirs.  When the
    structure takes ``%category%`` from another of a post's categories than its main one, that
    category becomes the post's primary one.  Pages and other kinds keep their URLs.  The
    structure is recorded in the report; missed posts are warned about (code ``permalink``).
    """
    posts = set(post_ids)
    links = {a.id: a.canonical_url for a in corpus.articles if a.id in posts and a.canonical_url}
    found = infer_permalinks(corpus, links)
    report.permalinks(found.structure, found.description)
    if found.structure is None or found.permalinks is None:
        if found.total:
            report.warn(found.description, place=report.source, code="permalink")
        return corpus
    structure = found.structure
    permalinks = found.permalinks
    if term_link_key is not None:
        permalinks = _term_bases(corpus, permalinks, term_link_key)
    if found.missed:
        named = ", ".join(repr(i) for i in found.missed[:_NAMED])
        more = f" and {len(found.missed) - _NAMED} more" if len(found.missed) > _NAMED else ""
        report.warn(
            f"the permalink structure {structure!r} does not give the URL of {len(found.missed)} of {found.total}"
            f" posts ({named}{more}); they keep their own URL as canonical_url",
            place=report.source,
            code="permalink",
        )
    site = attrs.evolve(corpus.site, permalinks=permalinks)
    moved = dict(found.category_of)
    missed = set(found.missed)
    articles: list[Article] = []
    for article in corpus.articles:
        if article.id in moved:
            article = attrs.evolve(article, primary_category_id=moved[article.id])
        if article.id in links and article.id not in missed:
            bare = attrs.evolve(article, canonical_url=None)
            if _url(corpus, bare, structure) == links[article.id]:
                article = bare
        articles.append(article)
    return corpus.replace(site=site, articles=articles)
