"""Feeds as real sites write them: JSON Feeds with ``version`` last, escaped slashes or ``http://``,
a ``tags`` string, undeclared windows-1252, sub-second dates, one writer named twice, empty links,
and imports that keep nothing.

The references are feedparser (kurtmckee/feedparser: ``encodings.convert_to_utf8``,
``namespaces/_base.py`` ``_start_author`` and ``_start_link``, ``parsers/json.py``) and the JSON
Feed 1.1 spec (manton/JSONFeed ``pages/version/1.1.markdown``); see docs/design.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _shared import DATA
from newsmodel.cli import main
from newsmodel.cli.import_ import detect_kind
from newsmodel.io.feeds import read_feed
from newsmodel.io.jsonfeed import jsonfeed_version, read_jsonfeed
from newsmodel.serialize import read_corpus

ESCAPED = DATA / "feeds" / "feedjira" / "json_feed_with_escaped_uris.json"


def _version_last(version: str) -> str:
    """feedjira's escaped-URI feed (MIT) with ``version`` moved after ``items``, slashes escaped as
    PHP's ``json_encode`` writes them: what WordPress plugins serve."""
    doc = json.loads(ESCAPED.read_text(encoding="utf-8"))
    del doc["version"]
    text = json.dumps(doc, indent=2)
    return text[: text.rindex("}")].rstrip() + f',\n  "version": "{version}"\n}}\n'


# --------------------------------------------------------------------------- JSON Feed detection


@pytest.mark.parametrize(
    "version",
    [
        "https:\\/\\/jsonfeed.org\\/version\\/1.1",
        "http:\\/\\/jsonfeed.org\\/version\\/1",
        "http://jsonfeed.org/version/1.1",
        " https://jsonfeed.org/version/1 ",
    ],
)
def test_a_json_feed_with_version_last_is_imported_as_a_json_feed(
    version: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "feed.json"
    source.write_text(_version_last(version), encoding="utf-8")
    assert source.read_bytes().find(b'"version"') > 8192  # past any sniffing window
    assert detect_kind(str(source)) == "jsonfeed"
    out = tmp_path / "corpus.jsonl"
    assert main(["import", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "(jsonfeed 1" in printed and "imported: nothing" not in printed
    expected, _ = read_jsonfeed(ESCAPED)
    assert [a.title for a in read_corpus(out).articles] == [a.title for a in expected.articles]


def test_jsonfeed_version_reads_the_parsed_member() -> None:
    assert jsonfeed_version(json.loads('{"items": [], "version": "https:\\/\\/jsonfeed.org\\/version\\/1.1"}')) == "1.1"
    assert jsonfeed_version({"version": "http://jsonfeed.org/version/1/"}) == "1"
    assert jsonfeed_version({"version": "https://example.org/version/1"}) is None
    assert jsonfeed_version({"version": 1.1}) is None
    assert jsonfeed_version(["https://jsonfeed.org/version/1"]) is None


# --------------------------------------------------------------------------- JSON Feed tags


def _one_item_feed(**item: object) -> bytes:
    doc = {
        "version": "https://jsonfeed.org/version/1",
        "title": "Brett Terpstra",
        "home_page_url": "https://brettterpstra.com/",
        "items": [
            {
                "id": "https://brettterpstra.com/2024/01/08/omnifocus-review/",
                "url": "https://brettterpstra.com/2024/01/08/omnifocus-review/",
                "title": "A weekly review in OmniFocus",
                "content_text": "How I review.",
                "date_published": "2024-01-08T10:00:00-06:00",
                **item,
            }
        ],
    }
    return json.dumps(doc).encode()


def test_a_tags_string_is_split_on_commas_and_reported() -> None:
    corpus, report = read_jsonfeed(_one_item_feed(tags="workflow,omnifocus, productivity"))
    assert sorted(t.name for t in corpus.tags) == ["omnifocus", "productivity", "workflow"]
    assert corpus.articles[0].tag_ids == ("workflow", "omnifocus", "productivity")
    (warning,) = report.warnings_with("tags")
    assert (warning.place or "").endswith("items[0].tags") and "'workflow,omnifocus, productivity'" in warning.message


def test_tags_that_are_not_strings_are_kept_and_reported() -> None:
    corpus, report = read_jsonfeed(_one_item_feed(tags=["apps", 42, {"name": "mac"}]))
    assert [t.name for t in corpus.tags] == ["apps"]
    kept = corpus.articles[0].extra["tags"]
    assert kept[0] == 42 and dict(kept[1]) == {"name": "mac"}
    assert report.warnings_with("tags")


# --------------------------------------------------------------------------- encodings


# A Brazilian news feed served as windows-1252 with no XML declaration (so, per XML, UTF-8).
_PT_TITLES = ("Ação contra a seca no sertão", "Câmara aprova reforma da Previdência", "Inflação de março")
_PT_FEED = (
    '<rss version="2.0"><channel><title>Notícias do Sertão</title><link>https://noticias.example.com.br/</link>'
    + "".join(
        f"<item><title>{t}</title><link>https://noticias.example.com.br/{i}</link>"
        f"<pubDate>Mon, 0{i + 1} Jul 2024 08:00:00 -0300</pubDate></item>"
        for i, t in enumerate(_PT_TITLES)
    )
    + "</channel></rss>"
).encode("cp1252")


def test_an_undeclared_windows_1252_feed_is_read_as_feedparser_reads_it() -> None:
    import feedparser

    assert feedparser.parse(_PT_FEED).encoding == "windows-1252"
    corpus, report = read_feed(_PT_FEED)
    assert tuple(a.title for a in corpus.articles) == _PT_TITLES
    assert corpus.site.name == "Notícias do Sertão"
    (warning,) = report.warnings_with("encoding")
    assert "'windows-1252' (as feedparser reads it)" in warning.message


def test_a_feed_feedparser_would_read_as_mojibake_is_still_detected() -> None:
    data = (DATA / "feeds" / "feedparser" / "illformed" / "chardet__koi8r.xml").read_bytes()
    corpus, report = read_feed(data)
    assert corpus.articles[0].title == "Как пережить новогоднюю ночь"
    assert "(detected)" in report.warnings_with("encoding")[0].message


# --------------------------------------------------------------------------- sub-second dates


def test_sub_second_times_are_kept_in_rss_atom_and_json_feed(tmp_path: Path) -> None:
    """Blogger writes milliseconds; two posts of one second keep their order through the corpus file."""
    atom = b"""<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<id>tag:blogger.com,1999:blog-42</id><updated>2024-03-05T10:15:42.811-08:00</updated><title>Notas</title>
<entry><id>tag:blogger.com,1999:blog-42.post-2</id><published>2024-03-05T10:15:42.811-08:00</published>
<updated>2024-03-05T10:15:42.811-08:00</updated><title>Second</title></entry>
<entry><id>tag:blogger.com,1999:blog-42.post-1</id><published>2024-03-05T10:15:42.204-08:00</published>
<updated>2024-03-05T10:15:42.204-08:00</updated><title>First</title></entry></feed>"""
    rss = b"""<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Notas</title>
<item><guid>p2</guid><title>Second</title><dc:date>2024-03-05T18:15:42.811Z</dc:date></item>
<item><guid>p1</guid><title>First</title><dc:date>2024-03-05T18:15:42.204Z</dc:date></item></channel></rss>"""
    jf = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Notas",
            "items": [
                {"id": "p2", "title": "Second", "content_text": "b", "date_published": "2024-03-05T10:15:42.811-08:00"},
                {"id": "p1", "title": "First", "content_text": "a", "date_published": "2024-03-05T10:15:42.204-08:00"},
            ],
        }
    ).encode()
    from newsmodel.serialize import write_corpus

    for corpus, _ in (read_feed(atom), read_feed(rss), read_jsonfeed(jf)):
        assert [a.published.microsecond for a in corpus.articles] == [811000, 204000]  # type: ignore[union-attr]
        path = tmp_path / "c.jsonl"
        write_corpus(corpus, path)
        back = read_corpus(path)
        assert [a.published for a in back.articles] == [a.published for a in corpus.articles]
        newest_first = sorted(back.articles, key=lambda a: a.published, reverse=True)  # type: ignore[arg-type,return-value]
        assert [a.title for a in newest_first] == ["Second", "First"]


# --------------------------------------------------------------------------- one person, one byline

_PODCAST = """<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Rádio Sertão</title>
<item><title>Episódio 12</title><guid>ep12</guid>{people}</item></channel></rss>"""


@pytest.mark.parametrize(
    "people",
    [
        "<dc:creator>Ana Luísa</dc:creator><itunes:author>Ana Luísa</itunes:author>",
        "<author>ana@radiosertao.com.br</author><dc:creator>Ana Luísa</dc:creator>",
        "<itunes:author>Ana Luísa</itunes:author><author>ana@radiosertao.com.br</author>",
        "<author>ana@radiosertao.com.br (Ana Luísa)</author><itunes:author>Ana Luísa</itunes:author>",
    ],
)
def test_one_writer_named_twice_is_one_byline(people: str) -> None:
    corpus, _ = read_feed(_PODCAST.format(people=people).encode())
    assert [(a.name, a.id) for a in corpus.authors] == [("Ana Luísa", "ana-luisa")]
    assert corpus.articles[0].author_ids == ("ana-luisa",)
    if "@" in people:
        assert corpus.authors[0].email == "ana@radiosertao.com.br"


def test_an_email_beside_two_named_writers_stays_a_person_of_its_own() -> None:
    people = "<author>redacao@radiosertao.com.br</author><dc:creator>Ana</dc:creator><dc:creator>Rui</dc:creator>"
    corpus, _ = read_feed(_PODCAST.format(people=people).encode())
    assert corpus.articles[0].author_ids == ("ana", "rui", "redacao-radiosertao-com-br")


# --------------------------------------------------------------------------- empty links


def test_an_empty_alternate_link_is_no_link_not_the_feeds_own_url() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://notas.example.org/feeds/posts/default">
<title>Notas</title><id>tag:notas</id><updated>2024-01-01T00:00:00Z</updated>
<link rel="alternate" href="https://notas.example.org/"/>
<entry><id>tag:notas,1</id><title>Sem link</title><updated>2024-01-01T00:00:00Z</updated>
<link rel="alternate" type="text/html" href=""/></entry>
<entry xml:base="https://notas.example.org/2024/01/com-link.html"><id>tag:notas,2</id><title>Com link</title>
<updated>2024-01-01T00:00:00Z</updated><link rel="alternate" type="text/html" href=""/></entry>
<entry><id>tag:notas,3</id><title>Vazio</title><updated>2024-01-01T00:00:00Z</updated><link></link></entry>
</feed>"""
    corpus, report = read_feed(atom)
    no_link, with_link, empty = corpus.articles
    assert no_link.canonical_url is None and no_link.source is not None and no_link.source.url is None
    assert no_link.slug == "sem-link"  # not "default", the feed URL's last segment
    assert no_link.extra["links"][0]["href"] == "https://notas.example.org/feeds/posts/default"  # kept
    (warning,) = report.warnings_with("link")
    assert warning.place == "<bytes> item 1"
    # an entry's own xml:base makes an empty href that entry's own address
    assert with_link.canonical_url == "https://notas.example.org/2024/01/com-link.html"
    assert empty.canonical_url is None


def test_an_empty_rss_link_is_no_link() -> None:
    rss = b"""<rss version="2.0" xml:base="https://radio.example/feed/"><channel><title>R</title>
<link>https://radio.example/</link><item><title>Boletim</title><link></link><guid isPermaLink="false">b1</guid>
<pubDate>Mon, 01 Jul 2024 08:00:00 -0300</pubDate></item></channel></rss>"""
    corpus, _ = read_feed(rss)
    assert corpus.articles[0].canonical_url is None and corpus.articles[0].slug == "boletim"


# --------------------------------------------------------------------------- bad inputs, from the command line


def test_a_feed_with_no_dates_imports_drafts_with_each_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "undated.xml"
    source.write_bytes(
        b'<rss version="2.0"><channel><title>R</title><item><title>Um</title><guid>1</guid></item>'
        b"<item><title>Dois</title><guid>2</guid></item></channel></rss>"
    )
    out = tmp_path / "c.jsonl"
    assert main(["import", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"{source} item 1: item has no readable date; imported as a draft" in printed
    assert f"{source} item 2: item has no readable date" in printed
    assert [a.status.value for a in read_corpus(out).articles] == ["draft", "draft"]


def test_a_windows_1252_feed_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "noticias.xml"
    source.write_bytes(_PT_FEED)
    out = tmp_path / "c.jsonl"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert "decoded as 'windows-1252'" in capsys.readouterr().out
    assert tuple(a.title for a in read_corpus(out).articles) == _PT_TITLES


@pytest.mark.parametrize("version", [None, "1.1", "https://example.org/feed-format/1"])
def test_an_import_that_keeps_nothing_of_a_source_with_items_exits_2(
    version: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads(_one_item_feed(tags="workflow,omnifocus"))
    if version is None:
        del doc["version"]
    else:
        doc["version"] = version
    source = tmp_path / "feed.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "c.jsonl"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"newsmodel import: error: {source}: nothing imported" in err
    assert "1 unrecognised object" in err and "'version'" in err
    assert not out.exists()


def test_an_empty_feed_is_not_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "empty.json"
    source.write_text('{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}')
    assert main(["import", str(source), "-o", str(tmp_path / "c.jsonl")]) == 0
    assert "wrote 0 articles" in capsys.readouterr().err


# --------------------------------------------------------------------------- the site's time zone


def _rss(*dates: str) -> bytes:
    items = "".join(
        f"<item><title>Post {i}</title><link>https://herald.example/p{i}</link><pubDate>{d}</pubDate></item>"
        for i, d in enumerate(dates)
    )
    return f'<rss version="2.0"><channel><title>H</title><link>https://herald.example</link>{items}</channel></rss>'.encode()


def test_a_feed_site_zone_is_inferred_from_the_offsets_and_said() -> None:
    """Never silently UTC: the offsets of the items' dates give the site's zone by the rule of the
    WordPress importers (one offset; else an IANA zone matching every post; else floating), and
    the report says what was chosen."""
    from zoneinfo import ZoneInfo

    from newsmodel.io.feeds import read_feed

    corpus, report = read_feed(_rss("Tue, 16 Dec 2025 09:00:00 +0900", "Wed, 17 Dec 2025 10:00:00 +0900"))
    assert corpus.site.timezone == "+09:00"
    assert [w.code for w in report.warnings] == ["timezone"] and "+09:00" in report.warnings[0].message
    # winter and summer offsets of one DST zone: a zone that gives both
    corpus, report = read_feed(_rss("Mon, 05 Jan 2026 09:00:00 -0500", "Mon, 06 Jul 2026 09:00:00 -0400"))
    zone = ZoneInfo(corpus.site.timezone)
    dates = [a.published for a in corpus.articles if a.published is not None]
    assert len(dates) == 2
    assert [d.astimezone(zone).utcoffset() for d in dates] == [d.utcoffset() for d in dates]
    assert "inferred" in report.warnings[0].message
    # every date in UTC (what WordPress's feeds write): UTC, and the report says the feed cannot tell
    corpus, report = read_feed(_rss("Tue, 16 Dec 2025 00:00:00 +0000"))
    assert corpus.site.timezone == "UTC" and "does not tell the site's own time zone" in report.warnings[0].message
    # a zone the user names wins, and nothing is inferred
    corpus, report = read_feed(_rss("Tue, 16 Dec 2025 09:00:00 +0900"), timezone="Asia/Seoul")
    assert corpus.site.timezone == "Asia/Seoul" and not report.warnings


def test_wordpress_no_date_is_no_date() -> None:
    # WordPress prints the zero date of an unpublished draft (post_date_gmt 0000-00-00 00:00:00) as
    # "Wed, 30 Nov -0001 00:00:00 +0000" (the importer's fixture small-export.xml, item 5).
    # email.utils read it as 2000-11-30 at UTC-00:01: the draft came out published in 2000 and the
    # one odd offset made the feed's zone "floating"
    import feedparser.datetimes

    from newsmodel.io.feeds import parse_feed_date

    zero = "Wed, 30 Nov -0001 00:00:00 +0000"
    assert feedparser.datetimes._parse_date(zero) is None  # feedparser's own reading, live
    assert parse_feed_date(zero) is None
    corpus, report = read_feed(DATA / "wordpress-importer" / "phpunit-data" / "small-export.xml")
    (draft,) = [a for a in corpus.articles if a.extra.get("published_raw") == zero]
    assert draft.published is None and draft.status == "draft"
    assert any("unreadable date" in w.message and "item 5" in (w.place or "") for w in report.warnings)
    assert corpus.site.timezone == "UTC"


def test_the_channel_language_gives_the_site_locale() -> None:
    # Der Spiegel's RSS (feed-rs's fixture) says <language>de</language>: the site's dates were
    # formatted in en_US whatever the language; the locale is what Babel makes of it (live)
    from newsmodel.values.dates import resolve_locale

    corpus, _ = read_feed(DATA / "feeds" / "feed-rs" / "rss_2.0_spiegel.xml")
    assert corpus.site.language == "de"
    assert corpus.site.locale == resolve_locale("de") != "en_US"


def test_a_language_that_is_no_locale_leaves_en_us_with_a_warning() -> None:
    feed = b"""<rss version="2.0"><channel><title>T</title><link>https://example.org/</link>
    <language>klingon-xx</language><item><title>A</title><link>https://example.org/a</link></item></channel></rss>"""
    corpus, report = read_feed(feed)
    assert corpus.site.locale == "en_US" and corpus.site.language == "klingon-xx"
    assert any(w.code == "locale" for w in report.warnings)


def test_a_feed_without_a_site_link_says_its_links_stay_relative() -> None:
    # Google Alerts' Atom feed (feedjira's fixture) names no link for the feed itself: the site
    # got an empty base URL silently, and every export made from it wrote relative links
    corpus, report = read_feed(DATA / "feeds" / "feedjira" / "google_alerts_atom.xml")
    assert corpus.site.base_url == "" and len(corpus.articles) == 20
    assert [w.code for w in report.warnings].count("base-url") == 1
    linked, linked_report = read_feed(DATA / "feeds" / "feed-rs" / "rss_2.0_spiegel.xml")
    assert linked.site.base_url and not any(w.code == "base-url" for w in linked_report.warnings)
