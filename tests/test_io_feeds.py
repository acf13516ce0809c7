"""RSS and Atom: the feed date parser, import of every feed in ../shared/data/feeds, export validity."""

from __future__ import annotations

import email.utils
import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _shared import DATA
from newsmodel.io._common import rfc822, rfc3339
from newsmodel.io.feeds import atom_feed, parse_feed_date, read_feed, rss_feed, write_rss, xml_text
from newsmodel.sample import generate
from newsmodel.strategies import corpora
from newsmodel.values.body import Body, Heading, Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import SourceError
from newsmodel.values.model import Article, Author, Byline, Category, FeatureImage, Site, SourceAttribution, Tag

FEEDS = DATA / "feeds"

# --------------------------------------------------------------------------- dates

_DATE_CASES = json.loads((FEEDS / "feedparser" / "date-parser-cases.json").read_text(encoding="utf-8"))

# feedparser's rule for "22013" (W3C-DTF parser: not a date) contradicts its rule for "03335" (ISO 8601
# parser: YYDDD, an ordinal date).  One parser cannot honour both; newsmodel reads both as YYDDD.
_DISAGREE = {
    ("parse_date_w3dtf", "22013"): "read as the ISO 8601 ordinal date YYDDD (2022-013), as feedparser's"
    " own ISO 8601 rule reads '03335'; one parser cannot refuse one and accept the other",
}


def _date_params() -> list[Any]:
    params = []
    for case in _DATE_CASES:
        key = (case["parser"], case["input"])
        marks = [pytest.mark.xfail(strict=True, reason=_DISAGREE[key])] if key in _DISAGREE else []
        params.append(
            pytest.param(case["input"], case["expected_utc_struct_time"], marks=marks, id=f"{key[0]}:{key[1]!r}")
        )
    return params


@pytest.mark.parametrize(("text", "expected"), _date_params())
def test_feedparser_date_vectors(text: str, expected: list[int] | None) -> None:
    """feedparser's date-parser test cases (tests/test_date_parsers.py): same UTC instant, or None."""
    got = parse_feed_date(text)
    if expected is None:
        assert got is None
    else:
        assert got is not None
        assert got.tzinfo is not None
        assert list(got.astimezone(timezone.utc).timetuple())[:6] == expected[:6]


def test_pm_is_not_lost() -> None:
    """NBC New York's pubDate: email.utils drops the PM; we keep it."""
    got = parse_feed_date("Sat, Dec 16 2023 02:02:33 PM")
    assert got == datetime(2023, 12, 16, 14, 2, 33, tzinfo=timezone.utc)
    corpus, _ = read_feed(FEEDS / "feed-rs" / "rss_2.0_nbcny.xml")
    assert corpus.articles[0].published == got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mer, 16 nov 2022 00:38:15 +0100", datetime(2022, 11, 15, 23, 38, 15, tzinfo=timezone.utc)),
        ("Tue, 15 Nov 2022 20:15:04 Z", datetime(2022, 11, 15, 20, 15, 4, tzinfo=timezone.utc)),
        ("1518478934", datetime(2018, 2, 12, 23, 42, 14, tzinfo=timezone.utc)),
        ("Sat, Dec 16 2023 12:05:00 AM", datetime(2023, 12, 16, 0, 5, tzinfo=timezone.utc)),
        ("Sat, Dec 16 2023 12:05:00 PM", datetime(2023, 12, 16, 12, 5, tzinfo=timezone.utc)),
    ],
)
def test_dates_from_the_feeds_folder(text: str, expected: datetime) -> None:
    """The edge cases the feeds README lists (Il Messaggero, il Giornale, feedjira's epoch, NBC)."""
    assert parse_feed_date(text) == expected


def test_offset_and_sub_second_times_are_kept() -> None:
    """What feedparser's UTC ``*_parsed`` loses: the source's offset and its milliseconds."""
    got = parse_feed_date("2023-01-05T10:00:00.123-08:00")
    assert got == datetime(2023, 1, 5, 10, 0, 0, 123000, tzinfo=timezone(timedelta(hours=-8)))
    assert got is not None and got.utcoffset() == timedelta(hours=-8)


def test_entries_within_one_second_keep_their_order() -> None:
    """Blogger orders posts within a minute by the millisecond."""
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><id>urn:b</id><updated>2023-01-05T10:00:00Z</updated>
<entry><id>urn:1</id><title>One</title><published>2023-01-05T10:00:00.456-08:00</published></entry>
<entry><id>urn:2</id><title>Two</title><published>2023-01-05T10:00:00.123-08:00</published></entry>
</feed>"""
    corpus, _ = read_feed(atom)
    published = {a.title: a.published for a in corpus.articles}
    assert published["Two"] is not None and published["One"] is not None
    assert published["Two"] < published["One"]
    assert published["One"].microsecond == 456000


@pytest.mark.parametrize("text", ["Sat, Dec 16 2023 13:05:00 PM", "Sun, 16 Dec 2012 11:47:32 XYZ", "yesterday"])
def test_dates_we_refuse(text: str) -> None:
    assert parse_feed_date(text) is None


_instants = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(timezone.utc)
).map(lambda d: d.replace(microsecond=0))
_offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@given(_instants, _offsets)
def test_our_rfc822_and_rfc3339_read_back(instant: datetime, zone: timezone) -> None:
    """What the exporters write, the importer reads back to the same instant and offset."""
    local = instant.astimezone(zone)
    for text in (rfc822(local), rfc3339(local)):
        got = parse_feed_date(text)
        assert got == local
        assert got is not None and got.utcoffset() == local.utcoffset()
    assert email.utils.parsedate_to_datetime(rfc822(local)) == local


# --------------------------------------------------------------------------- import of real feeds

_ALL_FEEDS = sorted(p for p in FEEDS.rglob("*.xml"))
# Not feeds at all (or cut before the first item): these must fail with a clear error.
_MUST_FAIL = {
    "feed-rs/rss_2.0_invalid_1.xml": ":19",
    "feedparser/illformed/aaa_illformed.xml": ":7",
    "feedparser/illformed/rss_empty_document.xml": "no element found",
    "feedparser/illformed/undeclared_namespace.xml": "unbound prefix",
}


@pytest.mark.parametrize("path", _ALL_FEEDS, ids=lambda p: str(p.relative_to(FEEDS)))
def test_every_feed_imports_or_fails_clearly(path: Path) -> None:
    rel = str(path.relative_to(FEEDS))
    if rel in _MUST_FAIL:
        with pytest.raises(SourceError) as info:
            read_feed(path)
        assert str(path) in str(info.value)
        assert _MUST_FAIL[rel] in str(info.value)
        return
    corpus, report = read_feed(path)
    assert report.imported_count("articles") == len(corpus.articles)
    for article in corpus.articles:
        assert article.source is not None
        assert article.source.publisher == (corpus.site.name if corpus.site.name != str(path) else None)
        assert article.published is not None or article.status.value == "draft"
    undated = sum(1 for a in corpus.articles if a.published is None)
    assert undated == len([w for w in report.warnings_with("date") if "no readable date" in w.message])


@pytest.mark.parametrize(
    ("rel", "items", "authors"),
    [
        # counted from the files: <item>/<entry> elements and distinct dc:creator / author names
        ("feedjira/TechCrunch.xml", 20, 8),
        ("wordpress-develop/wordpress-org-news.xml", 10, 5),
        ("feedjira/RSSWithComments.xml", 30, 0),
        ("feedjira/TypePadNews.xml", 10, 1),
        ("feedjira/AmazonWebServicesBlog.xml", 10, 1),
        ("feedjira/google_alerts_atom.xml", 20, 0),
        ("feedparser/large_atom_feed_that_needs_css_sanitisation.xml", 15, 1),
        ("feedparser/atom03.xml", 1, 1),
        ("feed-rs/rss_0.91_spec_1.xml", 2, 1),
    ],
)
def test_counts_match_the_files(rel: str, items: int, authors: int) -> None:
    corpus, report = read_feed(FEEDS / rel)
    assert len(corpus.articles) == items
    assert len(corpus.authors) == authors
    assert report.imported_count("articles") == items


def test_feed_is_the_source_attribution() -> None:
    corpus, _ = read_feed(FEEDS / "feedparser" / "rss20.xml")
    a = corpus.articles[0]
    assert a.source == SourceAttribution(headline=a.title, publisher=corpus.site.name, url=a.canonical_url)
    assert a.source.url == "http://example.org/item/1"


def test_unmapped_fields_are_kept_in_extra() -> None:
    corpus, _ = read_feed(FEEDS / "feedjira" / "RSSWithComments.xml")
    assert all("comments" in a.extra for a in corpus.articles)


def test_a_label_in_any_case_is_one_tag_and_nothing_is_merged() -> None:
    # "Living", "living" and "LIVING": one term, as wp_insert_term compares names without case.
    corpus, report = read_feed(FEEDS / "feedjira" / "HuffPostCanada.xml")
    living = corpus.tag_by_slug("living")
    assert living.name == "Living" and living.aliases == ()
    assert not any(t.slug.startswith("living-") for t in corpus.tags)
    assert not report.warnings_with("tag-merge")


def test_labels_that_slug_alike_stay_two_tags() -> None:
    corpus, _ = read_feed(
        b"<rss version='2.0'><channel><title>H</title><link>https://h.example</link>"
        b"<item><title>A</title><link>https://h.example/a</link><pubDate>Tue, 16 Dec 2025 09:00:00 +0900</pubDate>"
        b"<category>Kim Jong Un</category><category>Kim Jong-un</category><category>kim jong un</category></item>"
        b"</channel></rss>"
    )
    assert [(t.slug, t.name, t.aliases) for t in corpus.tags] == [
        ("kim-jong-un", "Kim Jong Un", ()),
        ("kim-jong-un-2", "Kim Jong-un", ()),
    ]
    assert corpus.articles[0].tag_ids == ("kim-jong-un", "kim-jong-un-2")


def test_a_link_ending_in_a_percent_encoded_slug_gives_the_slug() -> None:
    corpus, _ = read_feed(
        b"<rss version='2.0'><channel><title>H</title><link>https://h.example</link>"
        b"<item><title>A</title><link>https://h.example/2025/12/%E6%97%A5%E6%9C%AC%E8%AA%9E_2/</link>"
        b"<pubDate>Tue, 16 Dec 2025 09:00:00 +0900</pubDate></item>"
        b"<item><title>B</title><link>https://h.example/?p=12</link>"
        b"<pubDate>Tue, 16 Dec 2025 09:00:00 +0900</pubDate></item></channel></rss>"
    )
    assert [a.slug for a in corpus.articles] == ["日本語_2", "b"]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("chardet__eucjp.xml", "ゲーム三昧な正月"),
        ("chardet__euckr.xml", "EUC-KR 에서 TypeKey 한글닉네임 표시하기"),
        ("chardet__gb2312.xml", "不归移民漫画系列：专业工作"),
        ("chardet__koi8r.xml", "Как пережить новогоднюю ночь"),
        ("chardet__shiftjis.xml", "DrecomRSSに記事投稿が反映されない…"),
    ],
)
def test_undeclared_legacy_encodings_are_detected_and_reported(name: str, title: str) -> None:
    corpus, report = read_feed(FEEDS / "feedparser" / "illformed" / name)
    assert corpus.articles[0].title == title
    assert report.warnings_with("encoding")


def test_an_explicit_encoding_wins() -> None:
    data = (FEEDS / "feedparser" / "illformed" / "chardet__koi8r.xml").read_bytes()
    corpus, report = read_feed(data, encoding="koi8-r")
    assert corpus.articles[0].title == "Как пережить новогоднюю ночь"
    assert not report.warnings_with("encoding")


def test_truncated_feed_is_read_leniently_and_reported() -> None:
    corpus, report = read_feed(FEEDS / "feedjira" / "InvalidDateFormat.xml")
    assert len(corpus.articles) == 2
    assert report.warnings_with("illformed")


def test_blank_line_before_the_declaration_is_accepted() -> None:
    """feedjira's TechCrunch has a blank line before <?xml?>, which ElementTree rejects."""
    with pytest.raises(ET.ParseError):
        ET.parse(FEEDS / "feedjira" / "TechCrunch.xml")
    corpus, _ = read_feed(FEEDS / "feedjira" / "TechCrunch.xml")
    assert corpus.articles[0].title.startswith("Angie")


_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title></item></channel></rss>"""
_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
<rss version="2.0"><channel><title>T</title><item><title>&xxe;</title></item></channel></rss>"""


@pytest.mark.parametrize("data", [_LAUGHS, _XXE], ids=["billion-laughs", "external-entity"])
def test_entity_declarations_are_refused(data: bytes) -> None:
    with pytest.raises(SourceError, match="refused"):
        read_feed(data)


def test_a_doctype_without_entities_is_fine() -> None:
    """RSS 0.91 feeds often name Netscape's DTD; nothing is fetched or expanded."""
    corpus, _ = read_feed(
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel><title>T</title>'
        b"<link>https://e.org/</link><item><title>One &amp; two</title><link>https://e.org/1</link></item>"
        b"</channel></rss>"
    )
    assert corpus.articles[0].title == "One & two"


def test_empty_bytes_fail_clearly() -> None:
    with pytest.raises(SourceError, match="empty document"):
        read_feed(b"  \n")


# --------------------------------------------------------------------------- export

_T = datetime(2025, 12, 16, 9, 14, tzinfo=timezone(timedelta(hours=9)))


def _tricky_corpus() -> Corpus:
    site = Site(name="Capital <Cities> & Co", base_url="https://example.org", timezone="Asia/Seoul", language="en")
    return Corpus(
        site=site,
        authors=[Author(id="vj", slug="victoria-jones", name='Victoria "VJ" Jones')],
        categories=[Category(id="w", slug="world", name="World & Asia")],
        tags=[Tag(id="k", slug="kim-jong-un", name="Kim Jong-un")],
        articles=[
            Article(
                id="1",
                slug="summit",
                title="Trump & Kim: <script>alert(1)</script>",
                excerpt="A < B & C",
                body=Body(
                    blocks=(
                        Heading(level=2, content=(Text(text="Closing <Remarks>"),)),
                        Paragraph(content=(Text(text="]]> & <b>not bold</b>"),)),
                    )
                ),
                published=_T,
                modified=_T + timedelta(hours=1),
                bylines=(Byline(author_id="vj"),),
                category_ids=("w",),
                tag_ids=("k",),
                feature_image=FeatureImage(url="https://example.org/a.jpg?x=1&y=2"),
                source=SourceAttribution(headline="H", publisher="The Korea Herald", url="https://kh.example/?a&b"),
            ),
            Article(id="2", slug="older", title="Older", published=_T - timedelta(days=1)),
            Article(id="3", slug="draft", title="Draft", status="draft"),
        ],
    )


def test_rss_is_well_formed_and_has_required_elements() -> None:
    text = rss_feed(_tricky_corpus())
    root = ET.fromstring(text.encode())
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Trump & Kim: <script>alert(1)</script>", "Older"]
    for item in items:
        date = item.findtext("pubDate")
        assert date is not None
        assert email.utils.parsedate_to_datetime(date).utcoffset() == timedelta(hours=9)


def test_rss_reads_back_with_feedparser() -> None:
    corpus = _tricky_corpus()
    parsed = feedparser.parse(rss_feed(corpus))
    assert not parsed.bozo
    assert parsed.version == "rss20"
    e = parsed.entries[0]
    assert e.title == corpus.articles[0].title
    assert e.link == "https://example.org/2025/12/summit/"
    assert e.author == 'Victoria "VJ" Jones'
    assert [t.term for t in e.tags] == ["World & Asia", "Kim Jong-un"]
    assert "&lt;b&gt;not bold&lt;/b&gt;" in e.content[0].value
    back, _ = read_feed(rss_feed(corpus).encode())
    assert back.articles[0].published == _T
    assert back.articles[0].title == corpus.articles[0].title


def test_atom_is_well_formed_and_reads_back() -> None:
    corpus = _tricky_corpus()
    text = atom_feed(corpus, feed_url="https://example.org/feed/atom/")
    root = ET.fromstring(text.encode())
    ns = "{http://www.w3.org/2005/Atom}"
    assert root.tag == f"{ns}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ns}{required}")
    for entry in root.findall(f"{ns}entry"):
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ns}{required}")
    parsed = feedparser.parse(text)
    assert not parsed.bozo and parsed.version == "atom10"
    assert parsed.entries[0].updated == "2025-12-16T10:14:00+09:00"
    back, _ = read_feed(text.encode())
    a = back.articles[0]
    assert a.published == _T and a.modified == _T + timedelta(hours=1)
    assert a.excerpt == "A < B & C"


def test_as_of_and_limit_choose_items() -> None:
    corpus = _tricky_corpus()
    assert rss_feed(corpus, as_of=_T - timedelta(hours=1)).count("<item>") == 1
    assert rss_feed(corpus, limit=1).count("<item>") == 1
    assert atom_feed(corpus).count("<entry>") == 2  # the draft is never exported


def test_write_rss_to_a_path_and_a_binary_file(tmp_path: Path) -> None:
    import io

    corpus = _tricky_corpus()
    write_rss(corpus, tmp_path / "feed.xml")
    buffer = io.BytesIO()
    write_rss(corpus, buffer)
    assert (tmp_path / "feed.xml").read_bytes() == buffer.getvalue()


def test_sample_corpus_round_trips_through_rss() -> None:
    corpus = generate(articles=60)
    text = rss_feed(corpus)
    back, report = read_feed(text.encode())
    published = [a for a in corpus.newest_first() if a.status.value == "published" and a.kind == "post"]
    assert [a.title for a in back.articles] == [a.title for a in published]
    assert [a.published for a in back.articles] == [a.published for a in published]
    assert not report.warnings_with("date")


_any_text = st.text(max_size=40)


@settings(max_examples=80, deadline=None)
@given(title=_any_text, excerpt=st.none() | _any_text.filter(bool), paragraph=_any_text, site_name=_any_text)
def test_any_text_gives_well_formed_feeds(title: str, excerpt: str | None, paragraph: str, site_name: str) -> None:
    """Whatever the text (markup, entities, control characters, lone surrogates), the XML is well-formed."""
    corpus = Corpus(
        site=Site(name=site_name, base_url="https://example.org"),
        articles=[
            Article(
                id="1",
                slug="a",
                title=title,
                excerpt=excerpt,
                body=Body(blocks=(Paragraph(content=(Text(text=paragraph),)),)),
                published=_T,
            )
        ],
    )
    for text in (rss_feed(corpus), atom_feed(corpus)):
        root = ET.fromstring(text.encode("utf-8", "surrogatepass"))
        titles = [el.text or "" for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "title"]
        assert titles[-1] == _xml_chars(title)


def _xml_chars(text: str) -> str:
    """The characters of ``text`` that XML 1.0 can carry (the spec's Char production)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or ("\x20" <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd") or ch >= "\U00010000"
    )


def test_xml_text_escapes() -> None:
    assert xml_text("a\rb & <c>\x01") == "a&#13;b &amp; &lt;c&gt;"


def test_dates_without_offset_are_read_in_the_given_time_zone() -> None:
    data = (
        b'<rss version="2.0"><channel><title>T</title><item><title>A</title><guid>a</guid>'
        b"<pubDate>2004-07-08 23:56:58</pubDate></item></channel></rss>"
    )
    corpus, _ = read_feed(data, timezone="America/New_York")
    published = corpus.articles[0].published
    assert published is not None and published.isoformat() == "2004-07-08T23:56:58-04:00"
    assert corpus.site.timezone == "America/New_York"
    utc_corpus, _ = read_feed(data)
    assert utc_corpus.articles[0].published == datetime(2004, 7, 8, 23, 56, 58, tzinfo=timezone.utc)


@settings(max_examples=25, deadline=None)
@given(corpus=corpora(body=st.just(Body()), max_articles=8))
def test_any_corpus_round_trips_through_rss_and_atom(corpus: Corpus) -> None:
    """Item count, order and instants survive; titles survive up to what XML can carry."""
    published = [a for a in corpus.newest_first() if a.status.value == "published" and a.kind == "post"]
    for text in (rss_feed(corpus), atom_feed(corpus)):
        ET.fromstring(text.encode("utf-8"))
        if not published:
            continue
        back, _ = read_feed(text.encode("utf-8"))
        # feeds carry whole seconds
        assert [a.published for a in back.articles] == [_seconds(a.published) for a in published]
        for got, sent in zip(back.articles, published, strict=True):
            if not _feedparser_repairs(sent.title):
                assert got.title == _xml_chars(sent.title).strip()


def _feedparser_repairs(text: str) -> bool:
    """Text that feedparser "repairs" on import (documented in docs/formats/feeds.md): C1 control
    characters, read as windows-1252, and Latin-1-only text that is also valid UTF-8 bytes, read as
    double-encoded UTF-8."""
    if any("\x80" <= ch <= "\x9f" for ch in text):
        return True
    try:
        return text.encode("latin-1").decode("utf-8") != text
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False


def _seconds(when: datetime | None) -> datetime | None:
    return when.replace(microsecond=0) if when is not None else None


def test_feedparser_repairs_are_as_documented() -> None:
    data = (
        '<rss version="2.0"><channel><title>T</title><item><title>Caf\u00c3\u00a9</title><guid>a</guid></item>'
        "<item><title>\x93quoted\x94</title><guid>b</guid></item></channel></rss>"
    ).encode()
    corpus, _ = read_feed(data)
    assert [a.title for a in corpus.articles] == ["Café", "“quoted”"]


def test_an_empty_atom_feed_is_still_valid() -> None:
    empty = Corpus(site=Site(name="S", base_url="https://example.org"))
    ns = "{http://www.w3.org/2005/Atom}"
    assert ET.fromstring(atom_feed(empty).encode()).findtext(f"{ns}updated") == "1970-01-01T00:00:00Z"
    root = ET.fromstring(atom_feed(empty, as_of=_T).encode())
    assert root.findtext(f"{ns}updated") == "2025-12-16T09:14:00+09:00"
    assert feedparser.parse(atom_feed(empty)).version == "atom10"
