"""Hypothesis strategies for small corpora with category trees, ties and future posts.

Used by the taxonomy, navigation and page tests to compare indexed answers with scans.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, ArticleStatus, Category, Site

BASE = datetime(2025, 12, 1, tzinfo=timezone.utc)
SITE = Site(name="Capital Cities", base_url="https://example.org", timezone="Asia/Seoul")

#: A handful of instants, so that ties at the same second are frequent.
instants = st.integers(min_value=0, max_value=12).map(lambda h: BASE + timedelta(hours=h))
as_ofs = st.integers(min_value=-1, max_value=13).map(lambda h: BASE + timedelta(hours=h, minutes=30))


@st.composite
def categories(draw: st.DrawFn, max_size: int = 8) -> tuple[Category, ...]:
    """A forest: each category's parent is an earlier category or None."""
    n = draw(st.integers(min_value=0, max_value=max_size))
    out: list[Category] = []
    for i in range(n):
        parent = draw(st.sampled_from([None, *[c.id for c in out]]))
        out.append(
            Category(
                id=f"c{i}",
                slug=f"cat-{i}",
                name=draw(st.sampled_from(["Asia", "asia", "B", "Seoul"])),
                parent_id=parent,
            )
        )
    return tuple(out)


@st.composite
def corpora(draw: st.DrawFn, max_articles: int = 14) -> Corpus:
    """A valid corpus with a category forest, ties, drafts and future posts."""
    cats = draw(categories())
    n = draw(st.integers(min_value=0, max_value=max_articles))
    ids = draw(st.lists(st.sampled_from([str(i) for i in range(40)]), min_size=n, max_size=n, unique=True))
    arts = []
    for i, aid in enumerate(ids):
        status = draw(st.sampled_from([ArticleStatus.PUBLISHED] * 4 + [ArticleStatus.DRAFT, ArticleStatus.SCHEDULED]))
        published = draw(instants) if status is not ArticleStatus.DRAFT else draw(st.none() | instants)
        cat_ids = tuple(draw(st.lists(st.sampled_from([c.id for c in cats]), max_size=3, unique=True))) if cats else ()
        arts.append(
            Article(
                id=aid,
                slug=f"article-{i}",
                title=f"Article {aid}",
                published=published,
                status=status,
                category_ids=cat_ids,
                primary_category_id=draw(st.sampled_from(cat_ids)) if cat_ids else None,
            )
        )
    return Corpus(site=SITE, categories=cats, articles=tuple(arts))
