"""Content kinds, protected posts and scheduled posts, as WordPress shows them.

- Only posts count (archives, calendar, tag cloud, category counts, previous/next, recent,
  related, feeds, partial aggregates); pages have their own URL (``get_page_uri``) and are in
  sitemaps; other post types are kept under their own kind.
- A password-protected post is listed by title and date, never with its body or excerpt
  (``post_password_required``, ``get_the_excerpt``), and is left out of sitemaps.
- A scheduled post counts once ``as_of`` passes its date (``check_and_publish_future_post``).
"""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from newsmodel.io.feeds import atom_feed, read_feed, rss_feed
from newsmodel.io.jsonfeed import jsonfeed
from newsmodel.io.jsonld import news_article_jsonld, write_jsonld
from newsmodel.io.sitemap import news_articles, read_sitemap, sitemap_entries, sitemap_xml
from newsmodel.io.wp.rest import build_corpus
from newsmodel.io.wxr import read_wxr, write_wxr
from newsmodel.pages.page import build_article_page
from newsmodel.related.index import related_articles
from newsmodel.serialize import dumps, loads
from newsmodel.values.body import Body
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import ArticleCycle, DanglingReference, InvalidArticle, InvalidValue
from newsmodel.values.model import Article, ArticleStatus, Category, ContentKind, Site, Tag
from newsmodel.values.urls import article_url, page_url
from newsmodel.widgets.archives import archives
from newsmodel.widgets.calendar import month_calendar
from newsmodel.widgets.navigation import navigation_index
from newsmodel.widgets.partials import CategoryCounts, DayCounts, TagCounts
from newsmodel.widgets.tagcloud import tag_cloud
from newsmodel.widgets.taxonomy import category_counts

UTC = timezone.utc
SITE = Site(name="Capital Cities", base_url="https://example.org")
T = datetime(2025, 12, 16, 9, tzinfo=UTC)
AS_OF = datetime(2026, 1, 15, tzinfo=UTC)
BODY = "<h2>One</h2><p>Secret words of the body.</p><h2>Two</h2><p>More secret words.</p>"


def _body(html: str = BODY) -> Body:
    from newsmodel.bodies.htmlparse import parse_html

    return parse_html(html)


def _site_corpus() -> Corpus:
    """Two posts, a protected post, a scheduled post, pages (one nested) and a product."""
    cat = Category(id="seoul", slug="seoul", name="Seoul")
    tag = Tag(id="kim", slug="kim-jong-un", name="Kim Jong Un")
    common: dict[str, Any] = {"category_ids": ("seoul",), "tag_ids": ("kim",), "body": _body()}
    return Corpus(
        site=SITE,
        categories=[cat],
        tags=[tag],
        articles=[
            Article(id="1", slug="summit", title="Summit", published=T, **common),
            Article(id="2", slug="talks", title="Talks", published=T + timedelta(days=1), **common),
            Article(
                id="3",
                slug="members",
                title="Members only",
                published=T + timedelta(days=2),
                password="s3cret",
                excerpt="The excerpt that must not leak.",
                **common,
            ),
            Article(
                id="4",
                slug="tomorrow",
                title="Tomorrow",
                published=datetime(2026, 1, 20, tzinfo=UTC),
                status=ArticleStatus.SCHEDULED,
                **common,
            ),
            Article(id="10", slug="about-us", title="About us", kind="page", published=T, **common),
            Article(id="11", slug="legal", title="Legal", kind="page", published=T, menu_order=2),
            Article(
                id="12",
                slug="privacy-policy",
                title="Privacy Policy",
                kind="page",
                parent_id="11",
                published=T,
                menu_order=1,
            ),
            Article(id="20", slug="widget", title="A widget", kind="product", published=T, **common),
        ],
    )


# --------------------------------------------------------------------------- the model


def test_kind_defaults_to_post_and_old_records_read_unchanged() -> None:
    article = Article(id="1", slug="a", title="A", published=T)
    assert (article.kind, article.parent_id, article.menu_order) == ("post", None, 0)
    record = json.loads(dumps(article))
    for key in ("kind", "parent_id", "menu_order"):
        del record[key]
    assert loads(json.dumps(record), Article) == article


def test_kind_parent_and_order_round_trip() -> None:
    page = Article(id="9", slug="p", title="P", kind="page", parent_id="8", menu_order=-2, published=T)
    assert loads(dumps(page), Article) == page


@pytest.mark.parametrize("kind", ["", "Page", "a kind", "x" * 21, 3])
def test_a_kind_is_a_wordpress_post_type_key(kind: object) -> None:
    with pytest.raises(InvalidValue, match="kind"):
        Article(id="1", slug="a", title="A", published=T, kind=kind)  # type: ignore[arg-type]


def test_an_article_is_not_its_own_parent_and_menu_order_is_an_integer() -> None:
    with pytest.raises(InvalidArticle, match="its own parent"):
        Article(id="1", slug="a", title="A", published=T, parent_id="1")
    for bad in (True, 1.5, "2"):
        with pytest.raises(InvalidValue, match="menu_order"):
            Article(id="1", slug="a", title="A", published=T, menu_order=bad)  # type: ignore[arg-type]


def test_only_posts_count_and_pages_are_public() -> None:
    for kind in ("page", "product"):
        other = Article(id="1", slug="a", title="A", published=T, kind=kind)
        assert other.counts_from is None and not other.is_visible(AS_OF)
        assert other.is_public(AS_OF) and other.public_from == T


def test_scheduled_post_counts_once_due() -> None:
    due = datetime(2026, 1, 20, tzinfo=UTC)
    post = Article(id="1", slug="a", title="A", published=due, status=ArticleStatus.SCHEDULED)
    assert not post.is_visible(due - timedelta(microseconds=1))
    assert post.is_visible(due)
    # without a clock, only what the source itself published counts
    assert not post.is_visible(None)
    assert attrs.evolve(post, status=ArticleStatus.PUBLISHED).is_visible(None)


def test_protected_is_a_non_empty_password() -> None:
    assert Article(id="1", slug="a", title="A", published=T, password="x").is_protected
    assert not Article(id="1", slug="a", title="A", published=T, password="").is_protected
    assert not Article(id="1", slug="a", title="A", published=T).is_protected


# --------------------------------------------------------------------------- the corpus


def test_corpus_refuses_a_missing_parent_and_a_cycle() -> None:
    a = Article(id="1", slug="a", title="A", kind="page", published=T, parent_id="2")
    with pytest.raises(DanglingReference, match="parent '2'"):
        Corpus(site=SITE, articles=[a])
    b = Article(id="2", slug="b", title="B", kind="page", published=T, parent_id="3")
    c = Article(id="3", slug="c", title="C", kind="page", published=T, parent_id="1")
    with pytest.raises(ArticleCycle, match="its own ancestor"):
        Corpus(site=SITE, articles=[a, b, c])


def test_page_path_child_pages_and_page_urls() -> None:
    corpus = _site_corpus()
    assert [a.slug for a in corpus.page_path("12")] == ["legal", "privacy-policy"]
    assert [a.id for a in corpus.child_pages()] == ["10", "11"]  # menu_order 0 before 2
    assert [a.id for a in corpus.child_pages("11")] == ["12"]
    assert page_url(SITE, ("legal", "privacy-policy")) == "https://example.org/legal/privacy-policy/"
    page = build_article_page(corpus, "12", as_of=AS_OF)
    assert page.article.url == "https://example.org/legal/privacy-policy/"
    assert page.article.kind == "page"
    assert build_article_page(corpus, "about-us", as_of=AS_OF).article.url == "https://example.org/about-us/"


def _legal_pages() -> Corpus:
    """The site's pages, with Legal's children in every state: ordered by menu_order then title,
    one draft, one private, and a grandchild under a draft parent."""
    base = _site_corpus()
    extra = [
        Article(id="13", slug="terms", title="Terms", kind="page", parent_id="11", published=T, menu_order=1),
        Article(id="14", slug="cookies", title="Cookies", kind="page", parent_id="11", published=T, menu_order=5),
        Article(id="15", slug="imprint", title="Imprint", kind="page", parent_id="11", status=ArticleStatus.DRAFT),
        Article(id="16", slug="gdpr", title="GDPR", kind="page", parent_id="12", published=T),
        Article(
            id="17", slug="old", title="Old", kind="page", parent_id="11", published=T, status=ArticleStatus.PRIVATE
        ),
        Article(id="18", slug="deep", title="Deep", kind="page", parent_id="15", published=T),
        Article(id="19", slug="later", title="Later", kind="page", parent_id="11", published=AS_OF + timedelta(1)),
    ]
    return Corpus(site=SITE, categories=base.categories, tags=base.tags, articles=[*base.articles, *extra])


def test_a_static_page_shows_its_parents_as_breadcrumbs_and_its_children() -> None:
    # get_post_ancestors gives the parent chain; wp_list_pages( child_of, depth=1 ) the public
    # children in menu_order, post_title order.
    corpus = _legal_pages()
    legal = build_article_page(corpus, "legal", as_of=AS_OF)
    assert [(b.label, b.url) for b in legal.breadcrumbs] == [
        ("Home", "https://example.org/"),
        ("Legal", "https://example.org/legal/"),
    ]
    assert [(c.title, c.url) for c in legal.child_pages] == [
        ("Privacy Policy", "https://example.org/legal/privacy-policy/"),  # menu_order 1, then title
        ("Terms", "https://example.org/legal/terms/"),
        ("Cookies", "https://example.org/legal/cookies/"),  # menu_order 5
    ]
    gdpr = build_article_page(corpus, "gdpr", as_of=AS_OF)
    assert [b.label for b in gdpr.breadcrumbs] == ["Home", "Legal", "Privacy Policy", "GDPR"]
    assert [b.article_id for b in gdpr.breadcrumbs] == [None, "11", "12", "16"]
    assert gdpr.breadcrumbs[2].url == "https://example.org/legal/privacy-policy/"
    assert gdpr.child_pages == ()
    # a draft parent is left out of the trail: its link would lead nowhere
    deep = build_article_page(corpus, "deep", as_of=AS_OF)
    assert [b.label for b in deep.breadcrumbs] == ["Home", "Legal", "Deep"]
    # posts keep the category trail and have no child pages
    post = build_article_page(corpus, "summit", as_of=AS_OF)
    assert [b.label for b in post.breadcrumbs] == ["Home", "Seoul"] and post.child_pages == ()
    assert loads(dumps(gdpr), type(gdpr)) == gdpr


def test_every_link_of_a_static_page_resolves() -> None:
    from newsmodel.pages.router import ArticleTarget, router

    corpus = _legal_pages()
    r = router(corpus)
    for slug in ("legal", "privacy-policy", "gdpr", "deep"):
        page = build_article_page(corpus, slug, as_of=AS_OF)
        for link in [b.url for b in page.breadcrumbs[1:]] + [c.url for c in page.child_pages]:
            found = r.resolve(link, as_of=AS_OF)
            assert isinstance(found, ArticleTarget) and found.url == link, link
        assert r.view(page.article.url, as_of=AS_OF) == page


def test_page_urls_agree_with_wordpress_theme_unit_test_data() -> None:
    """Every page of WordPress's theme unit test export: the URL WordPress gave it (its <link>)
    is the one get_page_uri's rule gives from the parent chain."""
    from test_io_wxr import WPI

    corpus, _ = read_wxr(WPI / "phpunit-data/theme-unit-test-data.xml")
    site = corpus.site
    # The export's own link for page 1811 ("επίπεδο 2" under "Greek") has an empty segment,
    # ``.com//greek/…``, while its child 1813 under the same parent is ``.com/greek/…/…``: the
    # vector is kept and this one case is marked, as get_page_uri gives no empty segment.
    known = {"1811": "https://wpthemetestdata.wordpress.com/greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/"}
    checked = 0
    for page in corpus.articles:
        if page.kind != ContentKind.PAGE or any("wxr:post_name" in a.extra for a in corpus.page_path(page.id)):
            continue  # a slug that had to be renamed has no URL to compare
        parents = tuple(a.slug for a in corpus.page_path(page.id)[:-1])
        url = article_url(site, attrs.evolve(page, canonical_url=None), parent_slugs=parents)
        if page.id in known:
            assert page.extra["wxr:link"] != url and page.extra["wxr:link"].replace(".com//", ".com/") == url
            assert url == known[page.id]
        else:
            assert url == page.extra["wxr:link"]
        checked += 1
    assert checked >= 15


# --------------------------------------------------------------------------- widgets count posts only


def test_widgets_count_posts_only() -> None:
    corpus = _site_corpus()
    arts = corpus.articles
    # posts 1, 2 and the protected 3 count; pages, the product and the scheduled post (not due) do not
    assert sum(p.count for p in archives(arts, SITE, as_of=AS_OF, period="daily")) == 3
    cal = month_calendar(arts, SITE, year=2025, month=12, as_of=AS_OF)
    assert cal.total == 3
    assert [(t.name, t.count) for t in tag_cloud(arts, corpus.tags, as_of=AS_OF).entries] == [("Kim Jong Un", 3)]
    assert category_counts(corpus.categories, arts, as_of=AS_OF)["seoul"] == (3, 3)
    nav = navigation_index(corpus)
    assert [a.id for a in nav.recent(as_of=AS_OF, limit=10)] == ["3", "2", "1"]
    adjacent = nav.adjacent(corpus.article("2"), as_of=AS_OF)
    assert (adjacent.previous.id, adjacent.next.id) == ("1", "3")  # type: ignore[union-attr]
    assert {r.article_id for r in related_articles(corpus, "1", as_of=AS_OF, k=10)} <= {"2", "3"}
    # the partial aggregates (what Dask and Spark combine) count the same
    assert sum(n for _, n in DayCounts.from_articles(arts, SITE, as_of=AS_OF).days) == 3
    assert dict(TagCounts.from_articles(arts, as_of=AS_OF).counts) == {"kim": 3}
    by_id = {c.id: c for c in corpus.categories}
    assert CategoryCounts.from_articles(arts, by_id, as_of=AS_OF).counts(by_id)["seoul"] == (3, 3)


def test_scheduled_post_enters_the_widgets_once_due() -> None:
    corpus = _site_corpus()
    due = datetime(2026, 1, 20, tzinfo=UTC)
    before = sum(p.count for p in archives(corpus.articles, SITE, as_of=due - timedelta(seconds=1)))
    after = sum(p.count for p in archives(corpus.articles, SITE, as_of=due))
    assert (before, after) == (3, 4)
    assert navigation_index(corpus).recent(as_of=due, limit=1)[0].id == "4"
    assert [a.id for a in corpus.visible(due)][:1] == ["4"]
    assert "Tomorrow" not in rss_feed(corpus, as_of=due - timedelta(seconds=1))
    assert "Tomorrow" in rss_feed(corpus, as_of=due)
    # without a clock a feed has only what the source published
    assert "Tomorrow" not in rss_feed(corpus)


def test_a_page_view_has_no_neighbours_and_no_related() -> None:
    page = build_article_page(_site_corpus(), "10", as_of=AS_OF)
    assert page.previous is None and page.next is None and page.related == ()
    assert all(t.id in {"1", "2", "3"} for t in page.recent)


# --------------------------------------------------------------------------- feeds


def test_feeds_list_posts_only_and_protected_posts_without_text() -> None:
    corpus = _site_corpus()
    for text in (rss_feed(corpus, as_of=AS_OF), atom_feed(corpus, as_of=AS_OF)):
        parsed, _ = read_feed(text.encode())
        assert [a.title for a in parsed.articles] == ["Members only", "Talks", "Summit"]
        protected, talks = parsed.articles[0], parsed.articles[1]
        assert protected.body.blocks == () and protected.excerpt is None
        assert protected.published == T + timedelta(days=2)
        assert talks.body.blocks != ()
        assert "must not leak" not in text
        entry = text.split("Members only", 1)[1].split("Talks", 1)[0]
        assert "Secret words" not in entry and "<description>" not in entry and "<content" not in entry
    doc = jsonfeed(corpus, as_of=AS_OF)
    items = {i["id"]: i for i in doc["items"]}
    assert list(items) == ["3", "2", "1"]
    assert items["3"]["content_html"] == "" and "summary" not in items["3"]
    assert items["3"]["title"] == "Members only" and items["3"]["date_published"]
    assert "Secret words" in items["2"]["content_html"]


# --------------------------------------------------------------------------- page view and JSON-LD


def test_protected_page_view_shows_no_body_toc_or_excerpt() -> None:
    corpus = _site_corpus()
    page = build_article_page(corpus, "members", as_of=AS_OF)
    view = page.article
    assert view.protected and view.body_html == "" and view.toc is None and view.excerpt is None
    assert view.title == "Members only" and view.published == T + timedelta(days=2)
    assert "must not leak" not in dumps(page) and "Secret words" not in dumps(page)
    # listed elsewhere by title, without the excerpt
    other = build_article_page(corpus, "talks", as_of=AS_OF)
    assert other.next is not None and other.next.id == "3" and other.next.excerpt is None
    assert not other.article.protected and other.article.toc is not None


def test_protected_jsonld_has_no_description_or_body_figures() -> None:
    corpus = _site_corpus()
    doc = news_article_jsonld(corpus, corpus.article("3"))
    assert doc["headline"] == "Members only"
    assert not {"description", "articleBody", "wordCount", "timeRequired"} & set(doc)
    assert news_article_jsonld(corpus, corpus.article("1"))["wordCount"] > 0
    buf = io.StringIO()
    write_jsonld(corpus, buf)
    assert "must not leak" not in buf.getvalue() and len(buf.getvalue().splitlines()) == 3


# --------------------------------------------------------------------------- sitemaps


def test_sitemap_lists_posts_and_pages_but_not_protected_or_other_kinds() -> None:
    corpus = _site_corpus()
    locs = [e.loc for e in read_sitemap(sitemap_xml(sitemap_entries(corpus, as_of=AS_OF)).encode())]
    assert "https://example.org/about-us/" in locs
    assert "https://example.org/legal/" in locs and "https://example.org/legal/privacy-policy/" in locs
    assert "https://example.org/2025/12/summit/" in locs and "https://example.org/2025/12/talks/" in locs
    assert not any("members" in loc or "widget" in loc or "tomorrow" in loc for loc in locs)
    assert "https://example.org/category/seoul/" in locs
    # the protected post (dated in the window) is left out of the news sitemap too
    assert [a.id for a in news_articles(corpus, as_of=T + timedelta(days=2, hours=1))] == ["2"]


# --------------------------------------------------------------------------- importers


def _item(post_id: int, post_type: str, name: str, *, parent: int = 0, order: int = 0, extra: str = "") -> str:
    return f"""<item><title>{name.title()}</title><dc:creator>vjones</dc:creator>
  <content:encoded><![CDATA[<p>Text of {name}.</p>]]></content:encoded>
  <wp:post_id>{post_id}</wp:post_id><wp:post_date>2025-12-16 18:00:00</wp:post_date>
  <wp:post_date_gmt>2025-12-16 09:00:00</wp:post_date_gmt><wp:post_name>{name}</wp:post_name>
  <wp:status>{"inherit" if post_type == "attachment" else "publish"}</wp:status>
  <wp:post_parent>{parent}</wp:post_parent><wp:menu_order>{order}</wp:menu_order>
  <wp:post_type>{post_type}</wp:post_type>{extra}</item>"""


def _wxr(*items: str) -> bytes:
    return (
        """<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"><channel>
<title>Capital Cities</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>vjones</wp:author_login><wp:author_display_name>V</wp:author_display_name></wp:author>
"""
        + "\n".join(items)
        + "</channel></rss>"
    ).encode()


MIXED = _wxr(
    _item(1, "post", "summit"),
    _item(2, "page", "legal", order=3),
    _item(3, "page", "privacy-policy", parent=2, order=1),
    _item(4, "attachment", "photo", extra="<wp:attachment_url>https://example.org/p.jpg</wp:attachment_url>"),
    _item(5, "product", "widget"),
    _item(6, "nav_menu_item", "6"),
    _item(7, "page", "orphan", parent=99),
    _item(8, "page", "selfish", parent=8),
    _item(9, "page", "loop-a", parent=10),
    _item(10, "page", "loop-b", parent=9),
    _item(11, "Bad Type", "bad"),
)


def test_wxr_mixing_posts_pages_attachments_and_a_custom_type() -> None:
    corpus, report = read_wxr(io.BytesIO(MIXED))
    kinds = {a.id: a.kind for a in corpus.articles}
    assert kinds == {
        "1": "post", "2": "page", "3": "page", "5": "product", "7": "page", "8": "page", "9": "page", "10": "page",
    }  # fmt: skip
    privacy = corpus.article("3")
    assert (privacy.parent_id, privacy.menu_order, corpus.article("2").menu_order) == ("2", 1, 3)
    # nothing silently lost: what is not an article is counted, a bad post type is warned about
    assert report.imported_count("articles") == 1
    assert report.imported_count("pages") == 6
    assert report.imported_count("product items") == 1
    skipped = dict(report.skipped)
    assert skipped["attachment"] == 1 and skipped["menu item in no menu"] == 1 and skipped["invalid post type"] == 1
    # parents the corpus cannot hold: top level, kept in extra, one warning each (as WordPress's
    # importer keeps orphans at the top level)
    parent_warnings = [w.line for w in report.warnings if w.code == "parent"]
    assert len(parent_warnings) == 3
    assert corpus.article("7").parent_id is None and corpus.article("7").extra["wxr:post_parent"] == "99"
    assert corpus.article("8").parent_id is None and corpus.article("8").extra["wxr:post_parent"] == "8"
    # the cycle is broken at its first member in the file (whose parent comes later)
    assert (corpus.article("9").parent_id, corpus.article("10").parent_id) == (None, "9")
    assert any("cycle" in line for line in parent_warnings)
    assert any(w.code == "post-type" and "'Bad Type'" in w.line for w in report.warnings)
    # the page's URL nests under its parent; only the post counts
    page = build_article_page(corpus, "3", as_of=AS_OF)
    assert page.article.url in ("https://example.org/legal/privacy-policy/", privacy.canonical_url)
    assert [a.id for a in corpus.visible(AS_OF)] == ["1"]
    # a WXR written back keeps kinds, parents and orders at WordPress's places
    buf = io.StringIO()
    write_wxr(corpus, buf)
    text = buf.getvalue()
    assert "<wp:post_type><![CDATA[page]]></wp:post_type>" in text
    assert "<wp:post_parent>2</wp:post_parent>" in text and "<wp:menu_order>3</wp:menu_order>" in text
    again, _ = read_wxr(io.BytesIO(text.encode()))
    assert again.articles == corpus.articles


def test_wxr_no_pages_still_skips_pages() -> None:
    corpus, report = read_wxr(io.BytesIO(MIXED), pages=False)
    assert {a.kind for a in corpus.articles} == {"post", "product"}
    assert dict(report.skipped)["page"] == 6


def test_rest_pages_have_kind_parent_and_order() -> None:
    def obj(pid: int, typ: str, slug: str, **more: object) -> dict[str, object]:
        return {
            "id": pid, "type": typ, "slug": slug, "status": "publish", "date_gmt": "2025-12-16T09:00:00",
            "date": "2025-12-16T18:00:00", "title": {"rendered": slug}, "content": {"rendered": "<p>x</p>"},
            "link": f"https://example.org/{slug}/", **more,
        }  # fmt: skip

    corpus, report = build_corpus(
        posts=[obj(1, "post", "summit")],
        pages=[
            obj(2, "page", "legal", parent=0, menu_order=2),
            obj(3, "page", "privacy-policy", parent=2, menu_order=1),
            obj(4, "page", "orphan", parent=77),
        ],
        site_url="https://example.org",
    )
    assert [(a.id, a.kind, a.parent_id, a.menu_order) for a in corpus.articles] == [
        ("1", "post", None, 0),
        ("2", "page", None, 2),
        ("3", "page", "2", 1),
        ("4", "page", None, 0),
    ]
    assert corpus.article("4").extra["rest:parent"] == "77"
    assert [w.code for w in report.warnings] == ["timezone", "parent"]  # the zone inferred, and said
    assert report.imported_count("pages") == 3
