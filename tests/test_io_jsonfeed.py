"""JSON Feed: import of every JSON Feed in ../shared/data/feeds, export, and round trips."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _shared import DATA
from newsmodel.io.jsonfeed import JSONFEED_VERSION, jsonfeed, read_jsonfeed, write_jsonfeed
from newsmodel.sample import generate
from newsmodel.strategies import texts
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import SourceError
from newsmodel.values.model import Article, ArticleStatus, Author, Byline, FeatureImage, Site, SourceAttribution, Tag

FEEDS = DATA / "feeds"


# counted from the files: items, distinct author names (item, else feed level), distinct tag slugs
_JSON_FEEDS = [
    ("feedjira/json_feed.json", "1", 20, 1, 0),
    ("feedjira/json_feed_with_escaped_uris.json", "1.1", 30, 1, 5),
    ("feed-rs/jsonfeed_spec_1.json", "1", 1, 1, 0),
    ("feed-rs/jsonfeed_example_1.json", "1", 2, 1, 0),
    ("feed-rs/jsonfeed_elastic_1.1.json", "1.1", 3, 4, 4),
    ("feedparser/example.json", "1", 2, 2, 2),
]


@pytest.mark.parametrize(("rel", "version", "items", "authors", "tags"), _JSON_FEEDS)
def test_every_json_feed_imports(rel: str, version: str, items: int, authors: int, tags: int) -> None:
    corpus, report = read_jsonfeed(FEEDS / rel)
    assert report.format == f"jsonfeed {version}"
    assert len(corpus.articles) == items
    assert len(corpus.authors) == authors
    assert len(corpus.tags) == tags
    for article in corpus.articles:
        assert article.source is not None and article.source.publisher == corpus.site.name


def test_rfc822_dates_and_missing_ids_are_read_and_reported() -> None:
    """Elastic's feed writes RFC 822 dates (the spec asks RFC 3339) and leaves out ids."""
    corpus, report = read_jsonfeed(FEEDS / "feed-rs" / "jsonfeed_elastic_1.1.json")
    first = corpus.articles[0]
    assert first.published == datetime(2019, 5, 31, 12, 17, 58, tzinfo=timezone(timedelta(hours=-7)))
    assert first.id == first.canonical_url
    assert report.warnings_with("date-format")
    assert len(report.warnings_with("id")) == 3
    undated = corpus.articles[2]
    assert undated.status is ArticleStatus.DRAFT and undated.published is None


def test_unknown_fields_and_extensions_are_kept() -> None:
    corpus, _ = read_jsonfeed(FEEDS / "feedjira" / "json_feed_with_escaped_uris.json")
    assert all("slug" in a.extra for a in corpus.articles)
    corpus, _ = read_jsonfeed(FEEDS / "feedparser" / "example.json")
    assert any("attachments" in a.extra for a in corpus.articles)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "is an object"),
        ('{"version": "https://example.org/v1", "items": []}', "not a JSON Feed version"),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "items: expected a list"),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": [1]}', "items[0]: expected an object"),
        ('{"version": "https://jsonfeed.org/version/1.1",\n "items": [', ":2: not JSON"),
    ],
)
def test_bad_documents_fail_with_the_place(text: str, message: str) -> None:
    with pytest.raises(SourceError, match=message.replace("[", r"\[")):
        read_jsonfeed(text.encode())


_T = datetime(2025, 12, 16, 9, 14, tzinfo=timezone(timedelta(hours=9)))


def _full_corpus() -> Corpus:
    """An article using every field JSON Feed can carry."""
    return Corpus(
        site=Site(name="Capital Cities", base_url="https://example.org", description="News", language="en"),
        authors=[
            Author(
                id="victoria-jones",
                slug="victoria-jones",
                name="Victoria Jones",
                website="https://example.org/about/vj",
                avatar_url="https://example.org/vj.png",
            )
        ],
        tags=[Tag(id="kim-jong-un", slug="kim-jong-un", name="Kim Jong-un")],
        articles=[
            Article(
                id="https://example.org/?p=1",
                slug="summit",
                title="Summit & <Seoul>",
                subtitle="Seoul on the sidelines",
                body=Body(blocks=(Paragraph(content=(Text(text="In 2026 < 2027."),)),)),
                excerpt="Short.",
                published=_T,
                modified=_T + timedelta(days=1),
                bylines=(Byline(author_id="victoria-jones"),),
                tag_ids=("kim-jong-un",),
                feature_image=FeatureImage(url="https://example.org/a.jpg"),
                language="en-US",
                canonical_url="https://example.org/2025/12/summit/",
                source=SourceAttribution(
                    headline="Trump-Kim summit likelier in 2026",
                    publisher="The Korea Herald",
                    url="https://www.koreaherald.com/",
                ),
            )
        ],
    )


def test_every_field_round_trips() -> None:
    corpus = _full_corpus()
    doc = jsonfeed(corpus)
    assert doc["version"] == JSONFEED_VERSION
    item = doc["items"][0]
    assert item["external_url"] == "https://www.koreaherald.com/"
    assert item["authors"] == [
        {"name": "Victoria Jones", "url": "https://example.org/about/vj", "avatar": "https://example.org/vj.png"}
    ]
    back, report = read_jsonfeed(json.dumps(doc))
    assert [w.code for w in report.warnings] == ["timezone"]  # the zone inferred, and said
    assert back.articles == corpus.articles
    assert back.authors == corpus.authors
    assert back.tags == corpus.tags
    assert (back.site.name, back.site.description, back.site.language) == ("Capital Cities", "News", "en")


def test_streaming_writer_equals_the_document(tmp_path: Path) -> None:
    corpus = generate(articles=40)
    buffer = io.StringIO()
    write_jsonfeed(corpus, buffer)
    assert json.loads(buffer.getvalue()) == jsonfeed(corpus)
    write_jsonfeed(corpus, tmp_path / "feed.json", indent=2)
    assert json.loads((tmp_path / "feed.json").read_text(encoding="utf-8")) == jsonfeed(corpus)


def test_sample_corpus_round_trips() -> None:
    corpus = generate(articles=80)
    back, _ = read_jsonfeed(json.dumps(jsonfeed(corpus)))
    published = [a for a in corpus.newest_first() if a.status is ArticleStatus.PUBLISHED and a.kind == "post"]
    assert [a.body for a in back.articles] == [a.body for a in published]
    assert [a.published for a in back.articles] == [a.published for a in published]
    assert [a.source for a in back.articles] == [a.source for a in published]


_offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
_dates = st.builds(
    lambda d, z: d.replace(tzinfo=timezone.utc).astimezone(z),
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)
    ),
    _offsets,
)


@settings(max_examples=60, deadline=None)
@given(
    title=texts(max_size=40),
    excerpt=st.none() | texts(min_size=1, max_size=40),
    # HTML cannot carry NUL (parsers make it U+FFFD) and folds CR into LF: bodies travel as HTML.
    paragraph=texts(min_size=1, max_size=60).filter(lambda s: s.strip() == s and s.strip() != "" and "\x00" not in s),
    published=_dates,
    tag_name=st.none() | st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{0,15}[A-Za-z0-9]", fullmatch=True),
)
def test_round_trip_property(
    title: str, excerpt: str | None, paragraph: str, published: datetime, tag_name: str | None
) -> None:
    from newsmodel.values.slugs import slugify

    tags = [Tag(id=slugify(tag_name), slug=slugify(tag_name), name=tag_name)] if tag_name else []
    article = Article(
        id="a1",
        slug="a",
        title=title,
        excerpt=excerpt,
        body=Body(blocks=(Paragraph(content=(Text(text=paragraph),)),)),
        published=published,
        tag_ids=tuple(t.id for t in tags),
        canonical_url="https://example.org/a/",
        source=SourceAttribution(headline=title or None, publisher="S", url="https://example.org/a/"),
    )
    corpus = Corpus(site=Site(name="S", base_url="https://example.org"), tags=tags, articles=[article])
    back, _ = read_jsonfeed(json.dumps(jsonfeed(corpus)))
    got = back.articles[0]
    assert (got.title, got.excerpt, got.published, got.tag_ids, got.source) == (
        title,
        excerpt,
        published,
        article.tag_ids,
        article.source,
    )
    assert got.published is not None and got.published.utcoffset() == published.utcoffset()
    assert " ".join(b.text for b in got.body.blocks if isinstance(b, Paragraph)).split() == paragraph.split()


def test_every_json_feed_of_the_folder_is_tested() -> None:
    listed = {rel for rel, *_ in _JSON_FEEDS}
    found = {str(p.relative_to(FEEDS)) for p in FEEDS.rglob("*.json") if p.name != "date-parser-cases.json"}
    assert listed == found
