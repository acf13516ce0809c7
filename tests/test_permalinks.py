"""One permalink structure, inferred from the source, used by every output (newsmodel.values.permalinks).

The rules are WordPress's: ``get_permalink`` (wp-includes/link-template.php) expands the
structure's tokens with the post's local date, slug, id, category path and author; ``WP_Rewrite``
(wp-includes/class-wp-rewrite.php) derives the archive bases from the structure's front.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.io.feeds import atom_feed, rss_feed
from newsmodel.io.jsonfeed import jsonfeed
from newsmodel.io.jsonld import news_article_jsonld
from newsmodel.io.sitemap import sitemap_entries
from newsmodel.io.wordpress import build_corpus
from newsmodel.io.wxr import read_wxr, write_wxr
from newsmodel.pages.page import build_article_page
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, Category, Permalinks, Site
from newsmodel.values.permalinks import WORDPRESS_STRUCTURES, infer_permalinks, infer_term_base, permalinks_for
from newsmodel.values.urls import article_url

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)

# --------------------------------------------------------------------------- a WXR excerpt

_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Capital Cities</title>
  <link>https://news.example.org</link>
  <description>News from the capitals</description>
  <pubDate>Thu, 15 Jan 2026 09:00:00 +0000</pubDate>
  <language>en-US</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://news.example.org</wp:base_site_url>
  <wp:base_blog_url>https://news.example.org</wp:base_blog_url>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[vjones]]></wp:author_login>
    <wp:author_email><![CDATA[v@example.org]]></wp:author_email>
    <wp:author_display_name><![CDATA[Victoria Jones]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[world]]></wp:category_nicename>
    <wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[World]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[asia]]></wp:category_nicename>
    <wp:category_parent><![CDATA[world]]></wp:category_parent><wp:cat_name><![CDATA[ASIA]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename><![CDATA[food-drink]]></wp:category_nicename>
    <wp:category_parent><![CDATA[]]></wp:category_parent>
    <wp:cat_name><![CDATA[Food &amp; Drink]]></wp:cat_name></wp:category>
  <wp:tag><wp:term_id>6</wp:term_id><wp:tag_slug><![CDATA[kim-jong-un]]></wp:tag_slug>
    <wp:tag_name><![CDATA[Kim &amp; Moon]]></wp:tag_name></wp:tag>
"""

_ITEM = """  <item>
    <title><![CDATA[{title}]]></title>
    <link>{link}</link>
    <pubDate>Tue, 16 Dec 2025 09:00:00 +0000</pubDate>
    <dc:creator><![CDATA[vjones]]></dc:creator>
    <guid isPermaLink="false">https://news.example.org/?p={id}</guid>
    <description></description>
    <content:encoded><![CDATA[<p>Body of {id}.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>{id}</wp:post_id>
    <wp:post_date><![CDATA[{local}]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[{gmt}]]></wp:post_date_gmt>
    <wp:comment_status><![CDATA[open]]></wp:comment_status>
    <wp:ping_status><![CDATA[open]]></wp:ping_status>
    <wp:post_name><![CDATA[{slug}]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type><![CDATA[{type}]]></wp:post_type>
    <wp:post_password><![CDATA[]]></wp:post_password>
    <wp:is_sticky>0</wp:is_sticky>
{terms}  </item>
"""

SEOUL = timezone(timedelta(hours=9))
_CATS = {"3": ("world", "World"), "4": ("asia", "ASIA"), "5": ("food-drink", "Food &amp; Drink")}


def _item(
    post_id: int,
    slug: str,
    link: str,
    *,
    when: datetime,
    cats: tuple[str, ...] = ("4",),
    title: str | None = None,
    post_type: str = "post",
) -> str:
    terms = "".join(
        f'    <category domain="category" nicename="{_CATS[c][0]}"><![CDATA[{_CATS[c][1]}]]></category>\n' for c in cats
    )
    return _ITEM.format(
        id=post_id,
        slug=slug,
        link=link,
        title=title if title is not None else slug.replace("-", " ").title(),
        local=when.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M:%S"),
        gmt=when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
        type=post_type,
        terms=terms,
    )


def _wxr(*items: str) -> bytes:
    return (_HEAD + "".join(items) + "</channel>\n</rss>\n").encode()


def _when(day: int, hour: int = 9) -> datetime:
    return datetime(2025, 12, day, hour, 30, tzinfo=timezone.utc)


def _pair(links: dict[str, str]) -> bytes:
    """Two posts, a day apart, with the given ids and links."""
    (a, link_a), (b, link_b) = links.items()
    first = _item(int(a), "summit-set", link_a, when=_when(16))
    return _wxr(first, _item(int(b), "talks-resume", link_b, when=_when(17)))


def _read(data: bytes) -> tuple[Corpus, Any]:
    return read_wxr(io.BytesIO(data), timezone="Asia/Seoul")


# --------------------------------------------------------------------------- every output, one URL


def _urls_everywhere(corpus: Corpus, article_id: str) -> dict[str, str]:
    """The URL each output gives one article."""
    article = corpus.article(article_id)
    page = build_article_page(corpus, article_id, as_of=AS_OF)
    out = {"page": page.article.url, "jsonld": news_article_jsonld(corpus, article)["url"]}
    out["share"] = unquote(re.search(r"[?&]u=([^&]*)", page.share[0].url)[1])  # type: ignore[index]
    rss = ET.fromstring(rss_feed(corpus))
    order = [item.findtext("guid") for item in rss.iter("item")]
    out["rss"] = [item.findtext("link") for item in rss.iter("item")][order.index(article_id)] or ""
    atom = ET.fromstring(atom_feed(corpus))
    entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
    out["atom"] = entries[order.index(article_id)].find("{http://www.w3.org/2005/Atom}link").get("href")  # type: ignore[union-attr]
    out["jsonfeed"] = next(i["url"] for i in jsonfeed(corpus)["items"] if i["id"] == article_id)
    locs = {e.loc for e in sitemap_entries(corpus)}
    out["sitemap"] = out["page"] if out["page"] in locs else f"not in the sitemap: {sorted(locs)}"
    buf = io.StringIO()
    write_wxr(corpus, buf)
    for item in ET.fromstring(buf.getvalue()).iter("item"):
        if item.findtext("{http://wordpress.org/export/1.2/}post_id") == article_id:
            out["wxr"] = item.findtext("link") or ""
    return out


def _neighbour_urls(corpus: Corpus, article_id: str) -> set[str]:
    page = build_article_page(corpus, article_id, as_of=AS_OF)
    return {t.url for t in (page.previous, page.next) if t is not None}


def _check_one_url(corpus: Corpus, links: dict[str, str]) -> None:
    for article_id, link in links.items():
        seen = _urls_everywhere(corpus, article_id)
        assert set(seen.values()) == {link}, seen
    for article_id in links:
        assert _neighbour_urls(corpus, article_id) <= set(links.values())


def test_day_and_name_structure_from_wxr_links_is_used_everywhere() -> None:
    links = {
        "11": "https://news.example.org/2025/12/16/summit-set/",
        "12": "https://news.example.org/2025/12/17/talks-resume/",
        # 23:30 UTC on the 17th is the 18th in Seoul: the link's date is the local one
        "13": "https://news.example.org/2025/12/18/late-night-deal/",
    }
    corpus, report = _read(
        _wxr(
            _item(11, "summit-set", links["11"], when=_when(16)),
            _item(12, "talks-resume", links["12"], when=_when(17)),
            _item(13, "late-night-deal", links["13"], when=_when(17, 23)),
        )
    )
    assert corpus.site.permalinks == permalinks_for("/%year%/%monthnum%/%day%/%postname%/")
    assert report.permalinks == "/%year%/%monthnum%/%day%/%postname%/"
    assert "reproduces 3 of 3 post URLs" in report.as_text()
    # the structure is now the home of these URLs: no copy of each in canonical_url
    assert all(a.canonical_url is None for a in corpus.articles)
    assert all(a.extra["wxr:link"] == links[a.id] for a in corpus.articles)
    _check_one_url(corpus, links)


def test_postname_structure() -> None:
    links = {
        "21": "https://news.example.org/summit-set/",
        "22": "https://news.example.org/talks-resume/",
    }
    corpus, report = _read(_pair(links))
    assert corpus.site.permalinks.article == "/%postname%/"
    assert corpus.site.permalinks.category == "/category/%category%/"
    assert corpus.site.permalinks.year == "/%year%/"
    assert not report.warnings_with("permalink")
    _check_one_url(corpus, links)


def test_category_structure_with_nested_categories_and_the_category_the_link_names() -> None:
    links = {
        "31": "https://news.example.org/world/asia/summit-set/",
        "32": "https://news.example.org/world/asia/talks-resume/",
        # two categories; WordPress names the lowest term id (3, world) whatever the export's order
        "33": "https://news.example.org/world/street-food/",
    }
    corpus, _ = _read(
        _wxr(
            _item(31, "summit-set", links["31"], when=_when(16)),
            _item(32, "talks-resume", links["32"], when=_when(17)),
            _item(33, "street-food", links["33"], when=_when(18), cats=("5", "3")),
        )
    )
    assert corpus.site.permalinks.article == "/%category%/%postname%/"
    assert corpus.article("33").primary_category_id == "3"
    assert all(a.canonical_url is None for a in corpus.articles)
    _check_one_url(corpus, links)


def test_plain_links() -> None:
    links = {"41": "https://news.example.org/?p=41", "42": "https://news.example.org/?p=42"}
    corpus, _ = _read(_pair(links))
    p = corpus.site.permalinks
    assert (p.article, p.month, p.category, p.tag) == (
        "/?p=%post_id%",
        "/?m=%year%%monthnum%",
        "/?category_name=%category%",
        "/?tag=%tag%",
    )
    _check_one_url(corpus, links)


def test_most_posts_win_and_the_others_keep_their_own_url() -> None:
    links = {
        "51": "https://news.example.org/2025/12/summit-set/",
        "52": "https://news.example.org/2025/12/talks-resume/",
        "53": "https://news.example.org/2025/12/deal-done/",
        "54": "https://news.example.org/old-style/moved-story.html",  # edited by hand
    }
    corpus, report = _read(
        _wxr(
            _item(51, "summit-set", links["51"], when=_when(16)),
            _item(52, "talks-resume", links["52"], when=_when(17)),
            _item(53, "deal-done", links["53"], when=_when(18)),
            _item(54, "moved-story", links["54"], when=_when(19)),
        )
    )
    assert corpus.site.permalinks.article == "/%year%/%monthnum%/%postname%/"
    (warning,) = report.warnings_with("permalink")
    assert "1 of 4 posts ('54')" in warning.message
    assert corpus.article("54").canonical_url == links["54"]
    assert corpus.article("51").canonical_url is None
    _check_one_url(corpus, links)


def test_no_structure_keeps_every_imported_url() -> None:
    links = {
        "61": "https://news.example.org/a/one.html",
        "62": "https://news.example.org/b/two.html",
    }
    corpus, report = _read(_pair(links))
    assert report.permalinks is None
    assert corpus.site.permalinks == Permalinks()
    assert [a.canonical_url for a in corpus.articles] == [links["61"], links["62"]]
    assert "each keeps its own" in report.as_text()
    _check_one_url(corpus, links)


def test_pages_keep_their_own_urls_and_do_not_vote() -> None:
    links = {"71": "https://news.example.org/summit-set/", "72": "https://news.example.org/talks-resume/"}
    corpus, report = _read(
        _wxr(
            _item(71, "summit-set", links["71"], when=_when(16)),
            _item(72, "talks-resume", links["72"], when=_when(17)),
            _item(73, "about", "https://news.example.org/about-us/", when=_when(1), cats=(), post_type="page"),
        )
    )
    assert report.permalinks == "/%postname%/"
    assert corpus.article("73").canonical_url == "https://news.example.org/about-us/"


def test_the_page_showed_the_default_pattern_for_an_imported_url() -> None:
    # before: the page, its share links and previous/next expanded the default pattern while
    # feeds and sitemaps used the imported URL; now article_url is the one rule
    site = Site(name="S", base_url="https://example.org")
    t = datetime(2025, 12, 16, tzinfo=timezone.utc)
    a = Article(id="1", slug="a", title="A", published=t, canonical_url="https://example.org/?p=1")
    b = Article(id="2", slug="b", title="B", published=t + timedelta(days=1), canonical_url="https://example.org/?p=2")
    corpus = Corpus(site=site, articles=[a, b])
    page = build_article_page(corpus, "1", as_of=AS_OF)
    assert page.article.url == "https://example.org/?p=1"
    assert page.next is not None and page.next.url == "https://example.org/?p=2"
    assert article_url(site, a) == "https://example.org/?p=1"
    assert article_url(site, a, pattern="/%postname%/") == "https://example.org/a/"


# --------------------------------------------------------------------------- REST


def _rest_post(pid: int, slug: str, link: str, date: str, categories: list[int]) -> dict[str, Any]:
    return {
        "id": pid,
        "date": date,
        "date_gmt": date,
        "slug": slug,
        "status": "publish",
        "type": "post",
        "link": link,
        "title": {"rendered": "Media &#038; Text"},
        "content": {"rendered": "<p>Hi.</p>", "protected": False},
        "excerpt": {"rendered": "", "protected": False},
        "author": 1,
        "categories": categories,
        "tags": [],
    }


def test_rest_links_and_term_bases() -> None:
    posts = [
        _rest_post(1, "hello", "https://blog.example.org/news/2025/12/hello/", "2025-12-16T10:00:00", [2]),
        _rest_post(2, "again", "https://blog.example.org/news/2025/12/again/", "2025-12-17T10:00:00", [3]),
    ]
    categories = [
        {"id": 2, "name": "World", "slug": "world", "parent": 0, "taxonomy": "category",
         "link": "https://blog.example.org/topics/world/"},
        {"id": 3, "name": "Food &amp; Drink", "slug": "food", "parent": 2, "taxonomy": "category",
         "link": "https://blog.example.org/topics/world/food/"},
    ]  # fmt: skip
    tags = [
        {"id": 9, "name": "K&amp;M", "slug": "km", "taxonomy": "post_tag", "link": "https://blog.example.org/t/km/"}
    ]
    users = [{"id": 1, "name": "V", "slug": "vj", "link": "https://blog.example.org/news/author/vj/"}]
    corpus, report = build_corpus(posts=posts, categories=categories, tags=tags, users=users)
    p = corpus.site.permalinks
    assert (p.article, p.category, p.tag, p.author, p.month) == (
        "/news/%year%/%monthnum%/%postname%/",
        "/topics/%category%/",
        "/t/%tag%/",
        "/news/author/%author%/",
        "/news/%year%/%monthnum%/",
    )
    assert report.permalinks == p.article
    assert corpus.category("3").name == "Food & Drink"
    assert corpus.tags[0].name == "K&M"
    a = corpus.article("1")
    assert (a.title, a.title_html, a.canonical_url) == ("Media & Text", "Media &#038; Text", None)
    page = build_article_page(corpus, "1", as_of=AS_OF)
    assert page.article.url == "https://blog.example.org/news/2025/12/hello/"
    assert [c.url for c in page.article.categories] == ["https://blog.example.org/topics/world/"]


def test_a_site_given_keeps_its_permalinks() -> None:
    site = Site(name="S", base_url="https://blog.example.org")
    posts = [_rest_post(1, "hello", "https://blog.example.org/hello/", "2025-12-16T10:00:00", [])]
    corpus, report = build_corpus(posts=posts, site=site)
    assert corpus.site.permalinks == Permalinks() and report.permalinks is None
    assert corpus.article("1").canonical_url == "https://blog.example.org/hello/"


# --------------------------------------------------------------------------- the rules themselves


@pytest.mark.parametrize(
    ("structure", "expected"),
    [
        # WP_Rewrite::get_date_permastruct: %post_id% among the first three tokens moves dates to date/
        ("/archives/%post_id%", ("/archives/category/%category%", "/archives/date/%year%/%monthnum%/%day%")),
        ("/%year%/%post_id%/", ("/category/%category%/", "/date/%year%/%monthnum%/%day%/")),
        ("/%year%/%monthnum%/%day%/%hour%/%post_id%/", ("/category/%category%/", "/%year%/%monthnum%/%day%/")),
        # the front leads every base; the trailing slash follows the structure's
        ("/blog/%postname%", ("/blog/category/%category%", "/blog/%year%/%monthnum%/%day%")),
        ("/index.php/%postname%/", ("/index.php/category/%category%/", "/index.php/%year%/%monthnum%/%day%/")),
        # the endian the structure uses
        ("/%day%/%monthnum%/%year%/%postname%/", ("/category/%category%/", "/%day%/%monthnum%/%year%/")),
    ],
)
def test_permalinks_for_follows_wp_rewrite(structure: str, expected: tuple[str, str]) -> None:
    p = permalinks_for(structure)
    assert (p.article, (p.category, p.day)) == (structure, expected)


def test_default_permalinks_are_wordpress_month_and_name() -> None:
    assert permalinks_for("/%year%/%monthnum%/%postname%/") == Permalinks()


def test_term_base_needs_the_value_in_the_url() -> None:
    site = Site(name="S", base_url="https://example.org")
    assert infer_term_base(site, [("https://example.org/?cat=4", "world")], "%category%") is None
    assert infer_term_base(site, [("https://other.example/tag/a/", "a")], "%tag%") is None


def test_links_outside_the_site_and_unknown_ids_count_as_missed() -> None:
    site = Site(name="S", base_url="https://example.org/news")
    t = datetime(2025, 1, 2, tzinfo=timezone.utc)
    corpus = Corpus(site=site, articles=[Article(id=str(i), slug=f"p{i}", title="T", published=t) for i in (1, 2, 3)])
    found = infer_permalinks(
        corpus,
        {
            "1": "https://example.org/news/p1/",
            "2": "https://example.org/news/p2/",
            "3": "https://example.org/newsroom/p3/",
            "404": "https://example.org/news/p404/",
        },
    )
    assert (found.structure, found.reproduced, found.total, found.missed) == ("/%postname%/", 2, 3, ("3",))


_SLUG = st.from_regex(r"[a-z]{3,8}(-[a-z]{2,6}){0,2}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(
    structure=st.sampled_from(
        (*WORDPRESS_STRUCTURES, "/%category%/%postname%/", "/%year%/%monthnum%/%day%/%hour%%minute%-%postname%.html")
    ),
    slugs=st.lists(_SLUG, min_size=1, max_size=8, unique=True),
    days=st.lists(st.integers(0, 2000), min_size=8, max_size=8),
    zone=st.sampled_from(("UTC", "Asia/Seoul", "America/Los_Angeles")),
)
def test_links_made_by_a_structure_give_a_structure_that_makes_them(
    structure: str, slugs: list[str], days: list[int], zone: str
) -> None:
    site = Site(name="S", base_url="https://example.org", timezone=zone)
    cats = [Category(id="c1", slug="world", name="World"), Category(id="c2", slug="asia", name="Asia", parent_id="c1")]
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    articles = [
        Article(
            id=str(100 + i),
            slug=slug,
            title=slug,
            published=start + timedelta(days=days[i], minutes=37 * days[i]),
            category_ids=("c2",),
        )
        for i, slug in enumerate(slugs)
    ]
    corpus = Corpus(site=site, categories=cats, articles=articles)
    links = {a.id: article_url(site, a, category_path=("world", "asia"), pattern=structure) for a in articles}
    found = infer_permalinks(corpus, links)
    assert found.structure is not None and found.reproduced == len(articles) and found.missed == ()
    for a in articles:
        assert article_url(site, a, category_path=("world", "asia"), pattern=found.structure) == links[a.id]


def test_cli_import_says_which_structure(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from newsmodel.cli import main

    src = tmp_path / "export.xml"
    src.write_bytes(
        _wxr(
            _item(81, "summit-set", "https://news.example.org/summit-set/", when=_when(16)),
            _item(82, "talks-resume", "https://news.example.org/talks-resume/", when=_when(17)),
        )
    )
    out = tmp_path / "corpus.jsonl"
    assert main(["import", str(src), "-o", str(out), "--timezone", "Asia/Seoul"]) == 0
    printed = capsys.readouterr()
    assert "permalinks: /%postname%/ (reproduces 2 of 2 post URLs)" in printed.out + printed.err
    assert main(["import", str(src), "-o", str(out), "--json-report"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["permalinks"] == "/%postname%/"
