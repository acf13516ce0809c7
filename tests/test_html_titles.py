"""Titles and term names that sources give as HTML are read as the text readers see.

WordPress prints ``post_title`` as HTML (``the_title`` / ``get_the_title``, and the feeds'
``the_title_rss`` filters it through ``strip_tags`` and ``ent2ncr``); term names are stored
HTML-escaped (``pre_term_name`` runs ``_wp_specialchars``, wp-includes/default-filters.php).
feedparser marks an HTML title with ``title_detail.type`` (``looks_like_html`` in its mixin for
RSS). JSON Feed titles are plain text (jsonfeed.org/version/1.1: "the only place HTML is allowed
in this format is in content_html"), and so is schema.org's ``headline`` (Text).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from _shared import SHARED
from newsmodel.bodies.htmlparse import html_title, html_to_text
from newsmodel.io.feeds import atom_feed, read_feed, rss_feed
from newsmodel.io.jsonfeed import jsonfeed, read_jsonfeed
from newsmodel.io.jsonld import read_jsonld
from newsmodel.io.wxr import read_wxr, write_wxr
from newsmodel.pages.page import build_article_page
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, Site
from newsmodel.views.page_html import article_page_html

THEME_UNIT_TEST = SHARED / "data" / "wordpress-importer" / "phpunit-data" / "theme-unit-test-data.xml"
AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)

_WXR = b"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Blocks</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename><![CDATA[food-drink]]></wp:category_nicename>
  <wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Food &amp; Drink]]></wp:cat_name>
</wp:category>
<wp:tag><wp:term_id>6</wp:term_id><wp:tag_slug><![CDATA[q-a]]></wp:tag_slug>
  <wp:tag_name><![CDATA[Q&amp;A]]></wp:tag_name></wp:tag>
<item><title><![CDATA[Media &amp; Text]]></title><link>https://example.org/media-text/</link>
  <content:encoded><![CDATA[<p>A block.</p>]]></content:encoded>
  <wp:post_id>1</wp:post_id><wp:post_date><![CDATA[2025-12-16 09:00:00]]></wp:post_date>
  <wp:post_date_gmt><![CDATA[2025-12-16 09:00:00]]></wp:post_date_gmt>
  <wp:post_name><![CDATA[media-text]]></wp:post_name>
  <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
  <category domain="category" nicename="food-drink"><![CDATA[Food &amp; Drink]]></category>
  <category domain="post_tag" nicename="q-a"><![CDATA[Q&amp;A]]></category></item>
<item><title><![CDATA[Title <em>With</em> Markup]]></title><link>https://example.org/title-with-markup/</link>
  <content:encoded><![CDATA[<p>Markup.</p>]]></content:encoded>
  <wp:post_id>2</wp:post_id><wp:post_date><![CDATA[2025-12-17 09:00:00]]></wp:post_date>
  <wp:post_date_gmt><![CDATA[2025-12-17 09:00:00]]></wp:post_date_gmt>
  <wp:post_name><![CDATA[title-with-markup]]></wp:post_name>
  <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>
</channel></rss>
"""


def _corpus() -> Corpus:
    corpus, _ = read_wxr(io.BytesIO(_WXR))
    return corpus


def test_wxr_titles_are_text_with_the_markup_beside() -> None:
    corpus = _corpus()
    media, markup = corpus.article("1"), corpus.article("2")
    assert (media.title, media.title_html) == ("Media & Text", None)
    assert (markup.title, markup.title_html) == ("Title With Markup", "Title <em>With</em> Markup")


def test_wxr_term_names_are_text() -> None:
    corpus = _corpus()
    assert corpus.category("5").name == "Food & Drink"
    assert corpus.tag("6").name == "Q&A"


def test_feeds_escape_a_title_once() -> None:
    corpus = _corpus()
    rss = ET.fromstring(rss_feed(corpus))
    assert [i.findtext("title") for i in rss.iter("item")] == ["Title With Markup", "Media & Text"]
    assert "Media &amp; Text</title>" in rss_feed(corpus) and "&amp;amp;" not in rss_feed(corpus)
    assert [c.text for c in rss.iter("category")] == ["Food & Drink", "Q&A"]
    atom = ET.fromstring(atom_feed(corpus))
    titles = [t.text for t in atom.iter("{http://www.w3.org/2005/Atom}title")]
    assert titles[1:] == ["Title With Markup", "Media & Text"]
    assert [i["title"] for i in jsonfeed(corpus)["items"]] == ["Title With Markup", "Media & Text"]


def test_the_page_shows_the_text() -> None:
    corpus = _corpus()
    page = build_article_page(corpus, "1", as_of=AS_OF)
    assert page.article.title == "Media & Text"
    assert '<h1 class="entry-title">Media &amp; Text</h1>' in article_page_html(page)
    assert "Media%20%26%20Text" in page.share[1].url
    assert build_article_page(corpus, "2", as_of=AS_OF).article.title == "Title With Markup"


def test_wxr_export_writes_the_markup_back_and_reads_the_same() -> None:
    corpus = _corpus()
    buf = io.StringIO()
    write_wxr(corpus, buf)
    text = buf.getvalue()
    assert "<title><![CDATA[Media &amp; Text]]></title>" in text
    assert "<title><![CDATA[Title <em>With</em> Markup]]></title>" in text
    assert "<wp:cat_name><![CDATA[Food &amp; Drink]]></wp:cat_name>" in text
    assert "<wp:tag_name><![CDATA[Q&amp;A]]></wp:tag_name>" in text
    again, _ = read_wxr(io.BytesIO(text.encode()))
    assert again.article("2").title_html == "Title <em>With</em> Markup"
    assert again.category("5").name == "Food & Drink"


def test_a_plain_title_is_written_as_html_for_wordpress() -> None:
    t = datetime(2025, 12, 16, tzinfo=timezone.utc)
    corpus = Corpus(site=Site(name="S", base_url="https://example.org"), articles=[
        Article(id="1", slug="a", title="1 < 2 & 3", published=t)
    ])  # fmt: skip
    buf = io.StringIO()
    write_wxr(corpus, buf)
    assert "<title><![CDATA[1 &lt; 2 &amp; 3]]></title>" in buf.getvalue()


def test_theme_unit_test_titles() -> None:
    corpus, _ = read_wxr(THEME_UNIT_TEST)
    titles = {a.id: (a.title, a.title_html) for a in corpus.articles}
    assert titles["1173"] == ("Markup: Title With Markup", "Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>")
    assert titles["1174"][0] == "Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>"


def test_rss_and_atom_titles_of_type_html() -> None:
    rss = b"""<rss version="2.0"><channel><title>Herald &amp;amp; Co</title><link>https://h.example</link>
    <item><title>Media &amp;amp; Text</title><link>https://h.example/1</link></item>
    <item><title>Title &lt;em&gt;With&lt;/em&gt; Markup</title><link>https://h.example/2</link></item>
    <item><title>1 &lt; 2</title><link>https://h.example/3</link></item>
    </channel></rss>"""
    corpus, _ = read_feed(rss)
    got = [(a.title, a.title_html) for a in corpus.articles]
    assert got == [
        ("Media & Text", None),
        ("Title With Markup", "Title <em>With</em> Markup"),
        ("1 < 2", None),  # feedparser: text/plain, already text
    ]
    assert corpus.site.name == "Herald & Co"
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2025-12-16T00:00:00Z</updated>
    <entry><id>urn:1</id><title type="html">Media &amp;amp; Text</title><updated>2025-12-16T00:00:00Z</updated></entry>
    <entry><id>urn:2</id><title type="text">A &amp;amp; B</title><updated>2025-12-16T00:00:00Z</updated></entry>
    <entry><id>urn:3</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X <em>y</em></div></title>
      <updated>2025-12-16T00:00:00Z</updated></entry></feed>"""
    corpus, _ = read_feed(atom)
    assert [(a.title, a.title_html) for a in corpus.articles] == [
        ("Media & Text", None),
        ("A &amp; B", None),  # type="text": the characters as they are
        ("X y", "X <em>y</em>"),
    ]


def test_json_feed_and_json_ld_titles_are_plain_text() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "F",
        "items": [{"id": "1", "url": "https://f.example/1", "title": "A &amp; <b>B</b>", "content_text": "x"}],
    }
    corpus, _ = read_jsonfeed(feed)
    assert (corpus.articles[0].title, corpus.articles[0].title_html) == ("A &amp; <b>B</b>", None)
    doc = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Q&amp;A",
           "url": "https://n.example/a", "datePublished": "2025-12-16T00:00:00Z"}  # fmt: skip
    corpus, _ = read_jsonld(doc)
    assert (corpus.articles[0].title, corpus.articles[0].title_html) == ("Q&amp;A", None)


def test_html_title_rule() -> None:
    assert html_title("") == ("", None)
    assert html_title("a &lt; b") == ("a < b", None)
    assert html_title("It&#8217;s") == ("It\u2019s", "It&#8217;s")
    assert html_to_text("  two\n words ") == "two words"
    assert html_to_text("10&nbsp;km") == "10\u00a0km"  # a no-break space is not white space to squash
