"""Notebook displays (newsmodel.views.notebook_html): every value shows as scoped, styled, escaped HTML."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timezone

from newsmodel.related import RelatedIndex, RelatedResults, related_articles
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.serialize import dumps
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, Category, Site, Tag
from newsmodel.views.notebook_html import STYLE
from newsmodel.widgets.archives import archives
from newsmodel.widgets.calendar import month_calendar

UTC = timezone.utc
SITE = Site(name="Q&A <News>", base_url="https://example.org", timezone="Asia/Seoul")
T = datetime(2025, 12, 16, 9, tzinfo=UTC)


def _corpus() -> Corpus:
    return Corpus(
        site=SITE,
        categories=[
            Category(id="w", slug="world", name="World"),
            Category(id="s", slug="seoul", name="Seoul <City>", parent_id="w"),
        ],
        tags=[Tag(id="t1", slug="summit", name="Summit & Talks")],
        articles=[
            Article(
                id="1",
                slug="a",
                title="<script>alert(1)</script>",
                published=T,
                category_ids=("s",),
                tag_ids=("t1",),
                body=Body(blocks=(Paragraph(content=(Text(text="word " * 300),)),)),
            ),
            Article(id="2", slug="b", title="Later", published=T.replace(day=20), status="scheduled"),
        ],
    )


def test_the_style_is_scoped_under_the_newsmodel_class() -> None:
    css = STYLE.removeprefix("<style>").removesuffix("</style>")
    rules = [r for r in css.split("}") if r]
    assert len(rules) > 5
    for rule in rules:
        selectors = rule.split("{")[0].split(",")
        assert all(s.startswith(".newsmodel") for s in selectors), rule


def test_article_body_and_corpus_show_escaped_and_wrapped() -> None:
    corpus = _corpus()
    article = corpus.article("1")
    shown = article._repr_html_()
    assert shown.startswith(f'<div class="newsmodel newsmodel-article">{STYLE}')
    assert "<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>" in shown and "<script>" not in shown
    assert '<span class="tag">category s</span>' in shown and '<span class="tag">tag t1</span>' in shown
    assert "post · published · 2025-12-16T09:00:00+00:00 · a" in shown

    body = article.body._repr_html_()
    assert body.startswith('<div class="newsmodel newsmodel-body">')
    assert '<p class="meta">300 words · 2 min read</p>' in body

    whole = corpus._repr_html_()
    assert "<h3>Q&amp;A &lt;News&gt;</h3>" in whole and "<script>" not in whole
    assert "2 articles (post 2)" in whole and "1 scheduled, 1 published" in whole
    # newest first, with the category trail as breadcrumbs and the tags by name
    assert whole.index("Later") < whole.index("&lt;script&gt;")
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>' in whole
    assert '<a href="https://example.org/category/world/seoul/">Seoul &lt;City&gt;</a>' in whole
    assert '<span class="tag">Summit &amp; Talks</span>' in whole
    assert "2025-12-16 18:00" in whole  # the site's zone
    assert '<span class="tag">scheduled</span>' in whole


def test_calendar_days_with_posts_stand_out() -> None:
    corpus = _corpus()
    cal = month_calendar(corpus.articles, SITE, year=2025, month=12, as_of=datetime(2026, 1, 1, tzinfo=UTC))
    shown = cal._repr_html_()
    assert ".newsmodel .wp-calendar-table td a{" in shown
    days = re.findall(r'<a aria-label="Posts published on ([^"]+)">(\d+)</a>', shown)
    assert days == [("December 16, 2025", "16"), ("December 20, 2025", "20")]


def test_related_results_are_a_tuple_that_shows_each_signal() -> None:
    corpus = generate(articles=1500, short_bodies=True)
    seed = corpus.article_by_slug(SEED_SLUG)
    results = related_articles(corpus, seed.id, as_of=SEED_AS_OF, k=3)
    assert isinstance(results, RelatedResults) and isinstance(results, tuple) and len(results) == 3
    assert results == RelatedIndex.build(corpus, as_of=SEED_AS_OF).related(seed, k=3)
    assert dumps(results) == dumps(tuple(results))
    shown = results._repr_html_()
    assert shown.startswith('<div class="newsmodel newsmodel-related">')
    assert shown.count("<tr>") == len(results) + 1
    for r in results:
        assert f"<td>{r.article_id}</td><td>{r.score:.3f}</td>" in shown
    one = results[0]._repr_html_()
    assert one.count("<tr>") == 2
    assert RelatedResults(())._repr_html_().endswith('<p class="meta">no related articles</p></div>')


def test_tuples_with_a_display_serialize_as_plain_tuples() -> None:
    posts = [Article(id="1", slug="a", title="A", published=T)]
    periods = archives(posts, SITE, as_of=datetime(2026, 1, 1, tzinfo=UTC))
    assert dumps(periods) == dumps(tuple(periods))
    assert dumps(periods).startswith('[{"period":"monthly","key":"2025-12",')  # field order, as for a tuple


def test_values_show_without_anyone_importing_the_notebook_view() -> None:
    code = (
        "import sys\n"
        "from newsmodel.values.model import Article\n"
        "a = Article(id='1', slug='a', title='A', status='draft')\n"
        "print('newsmodel.views.notebook_html' in sys.modules)\n"
        "print(a._repr_html_()[:60])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["False", '<div class="newsmodel newsmodel-article"><style>.newsmodel{f']
