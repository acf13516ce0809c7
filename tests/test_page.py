"""The ArticlePage: the seed page's content, agreement with the scanning widgets, JSON and its schema."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings

from newsmodel.bodies.render import render_text
from newsmodel.pages.page import PLACEHOLDER_RELATED, SCORED_RELATED, ArticlePage, build_article_page
from newsmodel.pages.pageschema import article_page_schema, load_article_page_schema, validate
from newsmodel.related import rank_related
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.serialize import dumps, loads
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidValue, UnknownId
from newsmodel.values.model import Article, ArticleStatus, Category
from newsmodel.widgets.archives import archives
from newsmodel.widgets.calendar import month_calendar
from newsmodel.widgets.navigation import adjacent, recent
from newsmodel.widgets.sidebar import WidgetLinks
from newsmodel.widgets.tagcloud import tag_cloud
from newsmodel.widgets.taxonomy import breadcrumbs
from widget_strategies import SITE, as_ofs, corpora

SAMPLE = generate(articles=3000)
SCHEMA = load_article_page_schema()


@pytest.fixture(scope="module")
def seed_page() -> ArticlePage:
    return build_article_page(SAMPLE, SEED_SLUG, as_of=SEED_AS_OF)


def _check_against_scans(corpus: Corpus, page: ArticlePage, article: Article, as_of: datetime) -> None:
    """Every widget of the page equals the scanning function's answer."""
    arts = corpus.articles
    assert page.breadcrumbs == breadcrumbs(corpus.categories, article, site=corpus.site)
    nav = adjacent(arts, article, as_of=as_of)
    assert (page.previous and page.previous.id) == (nav.previous and nav.previous.id)
    assert (page.next and page.next.id) == (nav.next and nav.next.id)
    assert [t.id for t in page.recent] == [a.id for a in recent(arts, as_of=as_of, limit=8, exclude_id=article.id)]
    # the page's widgets are the scans' answers with every link's URL (newsmodel.widgets.sidebar)
    links = WidgetLinks(corpus.site)
    assert page.archives == links.archives(archives(arts, corpus.site, as_of=as_of, limit=8))
    assert page.tag_cloud == links.tag_cloud(tag_cloud(arts, corpus.tags, as_of=as_of))
    assert all(p.url is not None for p in page.archives)
    assert all(e.url is not None for e in page.tag_cloud.entries)
    assert all(d.url is not None for d in page.calendar.days if d.count)
    assert (page.calendar.url is not None) == (page.calendar.total > 0)
    assert article.published is not None
    day = corpus.site.local_date(article.published)
    assert page.calendar == links.calendar(
        month_calendar(arts, corpus.site, year=day.year, month=day.month, as_of=as_of)
    )
    if page.related_method == SCORED_RELATED:
        # The page's related articles are the brute-force reference ranking's.
        reference = rank_related(corpus, article.id, as_of=as_of, k=6)
        assert page.related_scores == reference
        assert [t.id for t in page.related] == [r.article_id for r in reference]
    else:
        assert page.related_method == PLACEHOLDER_RELATED
        assert page.related_scores == ()
        main = article.main_category_id
        expected = (
            []
            if main is None
            else [a.id for a in recent(arts, as_of=as_of, limit=6, exclude_id=article.id, category_id=main)]
        )
        assert [t.id for t in page.related] == expected


def test_seed_page_shows_what_the_seed_page_shows(seed_page: ArticlePage) -> None:
    page = seed_page
    assert page.today == "Thursday, January 15, 2026"
    assert page.site.name == "Capital Cities"
    assert [m.name for m in page.menu] == ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST", "OCEANIA"]
    assert " › ".join(b.label for b in page.breadcrumbs) == "Home › World › ASIA › South Korea › Seoul"
    a = page.article
    assert a.title == "Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines"
    assert a.url == f"{page.site.url}2025/12/{SEED_SLUG}/"
    assert a.published_display == "December 16, 2025"
    assert [p.name for p in a.authors] == ["Victoria Jones"]
    assert a.authors[0].bio == "A science journalist who makes complex topics accessible."
    assert a.source_line == "Trump-Kim summit likelier in 2026, with Seoul still left in cold – The Korea Herald"
    assert a.toc is not None
    assert [e.text for e in a.toc] == [
        "Prospects for a Trump-Kim Summit in 2026: Analyzing Global Geopolitical Shifts",
        "Seoul’s Dilemma: Navigating U.S.-North Korea Relations Amidst Rising Tensions",
        "Strategic Recommendations for South Korea: Enhancing Diplomatic Engagement and Regional Stability",
        "Closing Remarks",
    ]
    for anchor in a.toc.anchors:
        assert f' id="{anchor}"' in a.body_html
    names = [t.name for t in a.tags]
    assert names == sorted(names, key=lambda n: (n.casefold(), n))
    assert {"Kim Jong-un", "Seoul", "Summit", "Trump"} <= set(names)
    assert [s.network for s in page.share] == ["facebook", "x", "linkedin", "pinterest", "email", "whatsapp"]
    assert all(SEED_SLUG in s.url for s in page.share)
    cal = page.calendar
    assert (cal.year, cal.month, cal.label) == (2025, 12, "December 2025")
    assert cal.weekdays[0] == 0  # the seed calendar starts on Monday: "M T W T F S S"
    assert (cal.previous and cal.previous.month, cal.next and cal.next.month) == (11, 1)
    assert page.archives[0].label == "January 2026"
    assert [p.key for p in page.archives] == ["2026-01", "2025-12", "2025-11", "2025-10"]
    assert len(page.recent) == 8
    assert all(t.id != a.id for t in page.recent)
    assert page.related_method == SCORED_RELATED
    assert len(page.related) == 6
    assert [r.article_id for r in page.related_scores] == [t.id for t in page.related]
    seed_published = SAMPLE.article_by_slug(SEED_SLUG).published
    assert seed_published is not None
    assert all(t.published <= seed_published for t in page.related)  # older_only by default
    recency = build_article_page(SAMPLE, SEED_SLUG, as_of=SEED_AS_OF, related_ranking="same-category-recency")
    assert recency.related_scores == ()
    assert all(t.category is not None and t.category.name == "Seoul" for t in recency.related)
    _check_against_scans(SAMPLE, recency, SAMPLE.article_by_slug(SEED_SLUG), SEED_AS_OF)
    assert page.previous is not None
    assert page.next is not None
    assert page.previous.published <= SEED_AS_OF
    assert 0 < len(page.tag_cloud) <= 45
    _check_against_scans(SAMPLE, page, SAMPLE.article_by_slug(SEED_SLUG), SEED_AS_OF)


@pytest.mark.parametrize("index", [0, 7, 500, 1999, 2999])
def test_sample_pages_agree_with_the_scans(index: int) -> None:
    article = SAMPLE.newest_first()[index]
    page = build_article_page(SAMPLE, article.slug, as_of=SEED_AS_OF)
    assert page.article.id == article.id
    _check_against_scans(SAMPLE, page, article, SEED_AS_OF)


@settings(max_examples=60, deadline=None)
@given(corpora(), as_ofs)
def test_pages_of_random_corpora_agree_with_the_scans(corpus: Corpus, as_of: datetime) -> None:
    for article in corpus.articles:
        if article.published is None:
            with pytest.raises(InvalidValue, match=repr(article.id)):
                build_article_page(corpus, article.id, as_of=as_of)
            continue
        page = build_article_page(corpus, article.id, as_of=as_of)
        _check_against_scans(corpus, page, article, as_of)
        # Pages with nothing around them (no neighbours, no categories, no TOC) fit the schema too.
        assert validate(json.loads(dumps(page)), SCHEMA) == []


def test_same_category_navigation() -> None:
    seed = SAMPLE.article_by_slug(SEED_SLUG)
    page = build_article_page(SAMPLE, seed.id, as_of=SEED_AS_OF, same_category_navigation=True, related=False)
    nav = adjacent(SAMPLE.articles, seed, as_of=SEED_AS_OF, same_category=True)
    assert page.previous is not None
    assert page.next is not None
    assert (page.previous.id, page.next.id) == (nav.previous and nav.previous.id, nav.next and nav.next.id)
    assert page.related == ()


def test_site_with_no_published_posts_previews_a_scheduled_article() -> None:
    t = datetime(2025, 12, 16, 9, tzinfo=timezone.utc)
    corpus = Corpus(
        site=SITE,
        categories=[Category(id="w", slug="world", name="World")],
        articles=[
            Article(id="1", slug="soon", title="Soon", published=t + timedelta(days=3), category_ids=("w",)),
            Article(id="2", slug="draft", title="Draft", status=ArticleStatus.DRAFT),
        ],
    )
    page = build_article_page(corpus, "soon", as_of=t)
    assert (page.previous, page.next, page.related, page.recent, page.archives) == (None, None, (), (), ())
    assert len(page.tag_cloud) == 0
    assert (page.calendar.previous, page.calendar.next, page.calendar.total) == (None, None, 0)
    assert page.article.toc is None
    with pytest.raises(InvalidValue, match="'2'"):
        build_article_page(corpus, "draft", as_of=t)
    with pytest.raises(UnknownId, match="'nope'"):
        build_article_page(corpus, "nope", as_of=t)
    with pytest.raises(InvalidValue, match="recent_limit"):
        build_article_page(corpus, "soon", as_of=t, recent_limit=-1)
    with pytest.raises(InvalidValue, match="'best'"):
        build_article_page(corpus, "soon", as_of=t, related_ranking="best")  # type: ignore[arg-type]


def test_two_posts_at_the_same_second_link_to_each_other() -> None:
    t = datetime(2025, 12, 16, 9, tzinfo=timezone.utc)
    corpus = Corpus(site=SITE, articles=[Article(id=i, slug=f"post-{i}", title=i, published=t) for i in "ab"])
    a = build_article_page(corpus, "a", as_of=t)
    b = build_article_page(corpus, "b", as_of=t)
    assert (a.previous, a.next and a.next.id) == (None, "b")
    assert (b.previous and b.previous.id, b.next) == ("a", None)


def test_the_body_text_is_the_articles(seed_page: ArticlePage) -> None:
    text = render_text(SAMPLE.article_by_slug(SEED_SLUG).body)
    assert "Closing Remarks" in text
    assert "<h2" in seed_page.article.body_html


# --------------------------------------------------------------------------- JSON and schema


def test_the_checked_in_schema_is_up_to_date() -> None:
    assert load_article_page_schema() == article_page_schema()


def test_page_json_validates_against_the_schema(seed_page: ArticlePage) -> None:
    data = json.loads(dumps(seed_page))
    schema = load_article_page_schema()
    assert validate(data, schema) == []
    assert data["article"]["title"] == seed_page.article.title
    assert data["breadcrumbs"][-1]["label"] == "Seoul"
    assert data["as_of"].startswith("2026-01-15T12:00:00")
    # The validator does catch what breaks the shape.
    broken = json.loads(json.dumps(data))
    broken["calendar"]["weeks"][0][0] = "Monday"
    del broken["article"]["title"]
    broken["share"][0]["extra"] = 1
    problems = validate(broken, schema)
    assert any(p.startswith("$.calendar.weeks[0][0]") for p in problems)
    assert "$.article: missing required property 'title'" in problems
    assert "$.share[0]: unexpected property 'extra'" in problems


def test_the_schema_says_what_a_slug_is(seed_page: ArticlePage) -> None:
    # A source slug (WordPress keeps "_" and non-ASCII letters) validates; what no source can
    # store as a slug does not.
    data = json.loads(dumps(seed_page))
    schema = load_article_page_schema()
    data["article"]["slug"] = "日本語テスト"
    data["article"]["tags"][0]["slug"] = "copyright-registries-2_0"
    assert validate(data, schema) == []
    data["article"]["slug"] = "two words"
    data["article"]["tags"][0]["slug"] = "%e6%97%a5"
    data["article"]["tags"][1]["slug"] = ""
    problems = validate(data, schema)
    assert any(p.startswith("$.article.slug: 'two words' does not match") for p in problems)
    assert any(p.startswith("$.article.tags[0].slug: '%e6%97%a5' does not match") for p in problems)
    assert any(p.startswith("$.article.tags[1].slug: '' is not 1 to 200 long") for p in problems)


@pytest.mark.parametrize("index", [1, 100, 2500])
def test_more_pages_validate(index: int) -> None:
    article = SAMPLE.newest_first()[index]
    page = build_article_page(SAMPLE, article.id, as_of=SEED_AS_OF)
    assert validate(json.loads(dumps(page)), load_article_page_schema()) == []


def test_page_round_trips_through_serialize(seed_page: ArticlePage) -> None:
    assert loads(dumps(seed_page), ArticlePage) == seed_page


def test_page_modules_stay_in_the_core() -> None:
    """The page and its widgets import neither adapters, the CLI, serialization nor format libraries."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import newsmodel.widgets.taxonomy, newsmodel.widgets.navigation, newsmodel.values.urls\n"
        "import newsmodel.pages.page, newsmodel.views.page_html\n"
        "edge = ('newsmodel.io', 'newsmodel.cli', 'newsmodel.serialize')\n"
        "libs = ('cattrs', 'msgspec', 'orjson', 'selectolax', 'markdown_it', 'pandas', 'feedparser')\n"
        "print(sorted(m for m in sys.modules if m.startswith(edge) or m.split('.')[0] in libs))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_teaser_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsmodel.pages.page import PageIndex, page_index

    monkeypatch.setattr(PageIndex, "MAX_TEASERS", 5)
    corpus = generate(articles=300, short_bodies=True)
    index = corpus.cached(page_index)
    pages = [build_article_page(corpus, a.id, as_of=SEED_AS_OF, related=False) for a in corpus.newest_first()[:40]]
    assert len(index._teasers) == 5
    # Teasers rebuilt after being dropped are equal to the first ones.
    again = [build_article_page(corpus, p.article.id, as_of=SEED_AS_OF, related=False) for p in pages]
    assert again == pages


def test_related_signals_read_back_and_bad_ones_are_named() -> None:
    """Signals keeps its numbers compactly (not as attrs fields): a page with related articles
    must still read back through ``serialize`` (it failed with "expected a RelatedResult" before
    the keyword hook), and a wrong signal is named at its path."""
    from newsmodel.related.score import RelatedResult, Signal, Signals
    from newsmodel.serialize import dumps, loads
    from newsmodel.values.errors import SerializationError

    one, zero = Signal(value=1.0, share=1.0), Signal(value=0.0, share=0.0)
    result = RelatedResult(
        article_id="4", score=0.5, signals=Signals(tags=one, category=zero, authors=zero, text=zero, recency=zero)
    )
    text = dumps(result)
    assert loads(text, RelatedResult) == result
    # a wrong signal is named at its path; a result is a compact value too (not attrs fields), and
    # its own fields are named the same way
    for old, new, error in (
        ('"value":1.0', '"value":"x"', r"signals\.tags\.value: expected a number, got the string 'x'"),
        (',"recency":{"value":0.0,"share":0.0}', "", r"signals: missing the required field 'recency'"),
        ('"recency"', '"recent"', r"signals\.recent: unknown field"),
        ('"article_id":"4"', '"article_id":4', r"article_id: expected a string, got the number 4"),
        ('"score":0.5', '"score":"x"', r"score: expected a number, got the string 'x'"),
        ('"score":0.5,', "", r"missing the required field 'score'"),
    ):
        assert old in text
        with pytest.raises(SerializationError, match=error):
            loads(text.replace(old, new), RelatedResult)
