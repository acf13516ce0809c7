"""XML in and out: one guard for every reader (any encoding), one escaping for every writer.

Every output parses back with ElementTree whatever the data; every reader refuses a document type
declaration (or, for feeds, an entity declaration) with :class:`UnsafeXml`, whatever the encoding.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import attrs
import pytest

from newsmodel.io.feeds import read_feed, rss_feed
from newsmodel.io.sitemap import news_sitemap, read_sitemap, sitemap_entries, sitemap_xml
from newsmodel.io.wxr import read_wxr, write_wxr
from newsmodel.sample import generate
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import UnsafeXml
from newsmodel.values.model import Article, Site

_WXR = (
    '<?xml version="1.0" encoding="{enc}"?>{head}'
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title>'
    "<link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>"
    "<item><title>{title}</title><wp:post_id>1</wp:post_id><wp:post_name>a</wp:post_name>"
    "<wp:post_date>2025-12-16 18:00:00</wp:post_date><wp:post_date_gmt>2025-12-16 09:00:00</wp:post_date_gmt>"
    "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>"
)
_LAUGHS = (
    '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def _utf16(text: str, codec: str) -> bytes:
    """``text`` in UTF-16 without a byte-order mark (``utf-16-le`` / ``utf-16-be`` write none)."""
    return text.encode(codec)


# --------------------------------------------------------------------------- reading: one guard


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_wxr_without_bom_and_with_a_doctype_is_refused(codec: str) -> None:
    data = _utf16(_WXR.format(enc="UTF-16", head="<!DOCTYPE rss>", title="x"), codec)
    with pytest.raises(UnsafeXml, match="document type declaration"):
        read_wxr(io.BytesIO(data))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_billion_laughs_is_refused_before_anything_is_expanded(codec: str) -> None:
    data = _utf16(_WXR.format(enc="UTF-16", head=_LAUGHS, title="&lol3;"), codec)
    with pytest.raises(UnsafeXml) as info:
        read_wxr(io.BytesIO(data))
    assert "lollol" not in str(info.value)


def test_a_utf16_wxr_without_bom_and_without_doctype_reads() -> None:
    data = _utf16(_WXR.format(enc="UTF-16", head="", title="Seoul"), "utf-16-le")
    corpus, _ = read_wxr(io.BytesIO(data))
    assert [a.title for a in corpus.articles] == ["Seoul"]


_FEED = (
    '<?xml version="1.0" encoding="UTF-16"?>{head}<rss version="2.0"><channel><title>T</title>'
    "<link>https://e.org/</link><item><title>{title}</title><link>https://e.org/1</link></item></channel></rss>"
)
_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-16"?>{head}'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{loc}</loc></url></urlset>'
)


@pytest.mark.parametrize(
    "read",
    [
        lambda data: read_wxr(io.BytesIO(data)),
        read_feed,
        read_sitemap,
    ],
    ids=["wxr", "feed", "sitemap"],
)
@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le"])
def test_every_reader_refuses_entity_declarations_with_unsafe_xml(read: object, codec: str) -> None:
    docs = {
        "wxr": _WXR.format(enc="UTF-16", head=_LAUGHS, title="&lol3;"),
        "feed": _FEED.format(head=_LAUGHS, title="&lol3;"),
        "sitemap": _SITEMAP.format(head=_LAUGHS, loc="&lol3;"),
    }
    for text in docs.values():
        if codec == "utf-8":
            text = text.replace('encoding="UTF-16"', 'encoding="UTF-8"')
        with pytest.raises(UnsafeXml):
            read(text.encode(codec))  # type: ignore[operator]


def test_a_feed_naming_a_public_dtd_in_utf16_still_reads() -> None:
    head = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/x.dtd">'
    corpus, _ = read_feed(_FEED.format(head=head, title="One").encode("utf-16"))
    assert [a.title for a in corpus.articles] == ["One"]


# --------------------------------------------------------------------------- writing: always well-formed

_CONTROL = "".join(chr(c) for c in range(32) if c not in (9, 10, 13)) + "\ufffe\uffff"


def _corpus_with(title: str, *, slug: str = "a", canonical: str | None = None) -> Corpus:
    when = datetime(2026, 1, 15, 11, tzinfo=timezone.utc)
    site = Site(name="Capital" + _CONTROL + "Cities", base_url="https://example.org", language="en")
    article = Article(id="1", slug=slug, title=title, published=when, canonical_url=canonical)
    return Corpus(site=site, articles=[article])


def test_a_news_sitemap_with_control_characters_parses_back() -> None:
    corpus = _corpus_with("Seoul" + _CONTROL + "<b> & more")
    xml = news_sitemap(corpus, as_of=datetime(2026, 1, 15, 12, tzinfo=timezone.utc))
    ET.fromstring(xml.encode())
    (entry,) = read_sitemap(xml.encode())
    assert entry.title == "Seoul<b> & more"
    assert entry.news_name == "CapitalCities"


def test_a_sitemap_with_control_characters_in_a_url_parses_back() -> None:
    corpus = _corpus_with("Seoul", canonical="https://example.org/a\x01b?x=1&y=2")
    xml = sitemap_xml(sitemap_entries(corpus))
    ET.fromstring(xml.encode())
    assert "https://example.org/ab?x=1&y=2" in [e.loc for e in read_sitemap(xml.encode())]


def test_a_wxr_export_with_oddly_shaped_extras_parses_back_and_reimports_exactly() -> None:
    corpus = generate(articles=3)
    odd = {
        "1bad": "x",
        "a b": 1,
        "<x>": [1, [2, {"c": None}]],
        "wxr:terms": [["category", "only-two"], "flat", [1, 2, 3], {"a": 1}],
        "wxr:postmeta": [["k"], ["k", "v", "w"], [{"x": 1}, "v"], "flat", ["ok", "v"]],
        "wxr:comments": ["not a comment", {"1bad": "x", "a b": "y", "<x>": "z", "content": "hi", "meta": "flat"}],
    }
    first = attrs.evolve(corpus.articles[0], extra={**corpus.articles[0].extra, **odd})
    site = attrs.evolve(corpus.site, extra={"wxr:terms": [{"1bad": "x", "a b": 2, "term_id": "5"}, "flat", [1]]})
    cat = attrs.evolve(corpus.categories[0], extra={"wxr:termmeta": [["k"], "flat", ["k", "v"]]})
    odd_corpus = Corpus(
        site=site,
        authors=corpus.authors,
        categories=(cat, *corpus.categories[1:]),
        tags=corpus.tags,
        articles=(first, *corpus.articles[1:]),
    )
    buf = io.StringIO()
    write_wxr(odd_corpus, buf)
    data = buf.getvalue().encode()
    ET.fromstring(data)
    again, _ = read_wxr(io.BytesIO(data))
    assert again.site == odd_corpus.site
    assert again.categories == odd_corpus.categories
    assert again.articles == odd_corpus.articles


def test_an_rss_description_of_plain_text_reaches_a_feed_reader_as_text() -> None:
    """What feedparser (what feed readers do) makes of the description: the text, not a script."""
    import feedparser
    from selectolax.lexbor import LexborHTMLParser

    text = "<script>alert(1)</script> & 1 < 2"
    corpus = _corpus_with("A")
    corpus = Corpus(site=corpus.site, articles=[attrs.evolve(corpus.articles[0], excerpt=text)])
    parsed = feedparser.parse(rss_feed(corpus), sanitize_html=False)
    entry = parsed.entries[0]
    assert "<script>" not in entry.summary
    assert entry.summary_detail.type == "text/html"
    assert LexborHTMLParser(f"<p>{entry.summary}</p>").text() == text
