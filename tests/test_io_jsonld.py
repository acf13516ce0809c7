"""schema.org JSON-LD: NewsArticle export for the seed page, import of every shared example."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from _shared import DATA
from newsmodel.io.jsonld import (
    breadcrumb_jsonld,
    news_article_jsonld,
    page_jsonld,
    read_jsonld,
    word_count,
    write_jsonld,
)
from newsmodel.sample import SEED_SLUG, generate
from newsmodel.values.body import Paragraph
from newsmodel.values.errors import SourceError
from newsmodel.values.model import ArticleStatus

SCHEMAORG = DATA / "schemaorg"
_EXAMPLES = {e["example_id"]: e for e in json.loads((SCHEMAORG / "schemaorg-news-examples.json").read_text("utf-8"))}

# --------------------------------------------------------------------------- export


@pytest.fixture(scope="module")
def seed() -> tuple[Any, Any]:
    corpus = generate(articles=120)
    return corpus, corpus.article_by_slug(SEED_SLUG)


def test_news_article_has_every_field_of_the_page(seed: tuple[Any, Any]) -> None:
    corpus, article = seed
    doc = news_article_jsonld(corpus, article)
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "NewsArticle"
    assert doc["headline"] == "Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines"
    # datePublished carries the site's offset and is the same instant
    published = datetime.fromisoformat(doc["datePublished"])
    assert published == article.published
    assert published.utcoffset() == article.published.astimezone(corpus.site.zone).utcoffset()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", doc["dateModified"])
    assert doc["author"] == [
        {
            "@type": "Person",
            "name": "Victoria Jones",
            "url": "https://capitalcities.example/author/victoria-jones/",
            "sameAs": ["https://x.com/victoriajones"],
        }
    ]
    assert doc["publisher"]["@type"] == "Organization" and doc["publisher"]["name"] == corpus.site.name
    assert doc["articleSection"] == "Seoul"
    assert "Kim Jong-un" in doc["keywords"]
    assert doc["wordCount"] == word_count(article.body) > 0
    assert re.fullmatch(r"PT[1-9]\d*M", doc["timeRequired"])
    assert doc["image"][0]["url"].endswith(".jpg")
    assert doc["isBasedOn"]["publisher"]["name"] == "The Korea Herald"
    assert doc["isBasedOn"]["headline"] == article.source.headline
    assert doc["mainEntityOfPage"] == {"@type": "WebPage", "@id": doc["url"]}
    assert doc["url"].endswith(f"/{SEED_SLUG}/")
    assert doc["inLanguage"] == "en"


def test_breadcrumbs_follow_the_category_path(seed: tuple[Any, Any]) -> None:
    corpus, article = seed
    trail = breadcrumb_jsonld(corpus, article)["itemListElement"]
    assert [i["name"] for i in trail] == ["Home", "World", "ASIA", "South Korea", "Seoul"]
    assert [i["position"] for i in trail] == [1, 2, 3, 4, 5]
    assert trail[-1]["item"].endswith("/category/world/asia/south-korea/seoul/")


def test_page_graph_holds_both(seed: tuple[Any, Any]) -> None:
    corpus, article = seed
    graph = page_jsonld(corpus, article)["@graph"]
    assert [g["@type"] for g in graph] == ["NewsArticle", "BreadcrumbList"]


def test_our_export_imports_back(seed: tuple[Any, Any], tmp_path: Path) -> None:
    corpus, article = seed
    back, report = read_jsonld(json.dumps(news_article_jsonld(corpus, article)))
    got = back.articles[0]
    assert (got.title, got.published, got.source) == (article.title, article.published, article.source)
    assert [t.name for t in back.tags] == [corpus.tag(t).name for t in article.tag_ids]
    assert back.site.name == corpus.site.name
    assert [w.code for w in report.warnings] == ["timezone"]  # the zone inferred, and said
    write_jsonld(corpus, tmp_path / "pages.jsonl")
    lines = (tmp_path / "pages.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == sum(1 for a in corpus.articles if a.status is ArticleStatus.PUBLISHED and a.kind == "post")


# --------------------------------------------------------------------------- import

# Counted by reading each example: article-family objects at any depth, and the other top-level types.
_EXPECTED: dict[str, tuple[int, dict[str, int]]] = {
    "eg-0023": (1, {}),
    "eg-0218": (0, {"Newspaper": 1}),
    "eg-0237": (0, {"WebPage": 1}),
    "eg-0474": (0, {"WebPage": 1}),
    "eg-0228": (1, {}),
    "eg-0245": (1, {}),
    "eg-0266": (1, {}),
    "eg-0476": (1, {}),
    "eg-0477": (2, {"Blog": 1}),
    "eg-0398": (0, {"Periodical": 1}),
    "eg-0399": (1, {"PublicationIssue": 1}),
    "eg-0401": (1, {"PublicationIssue": 1, "PublicationVolume": 1, "Periodical": 1}),
    "eg-0424": (4, {}),
}


def test_every_example_is_listed() -> None:
    assert set(_EXPECTED) | {"eg-0238"} == set(_EXAMPLES)


@pytest.mark.parametrize("example_id", sorted(_EXPECTED))
def test_schemaorg_examples_import(example_id: str) -> None:
    """schema.org's own examples (data/*examples*.txt): every article-like object becomes an article."""
    articles, skipped = _EXPECTED[example_id]
    corpus, report = read_jsonld(_EXAMPLES[example_id]["jsonld_raw"])
    assert len(corpus.articles) == articles
    assert dict(report.skipped) == skipped
    for article in corpus.articles:
        assert article.title
        assert "@type" in article.extra


def test_microdata_only_example_fails_clearly() -> None:
    with pytest.raises(SourceError, match="not JSON-LD"):
        read_jsonld(_EXAMPLES["eg-0238"]["jsonld_raw"])


def test_bbc_news_article() -> None:
    line = (SCHEMAORG / "schemaorg-newsarticle-jsonld.jsonl").read_text("utf-8").splitlines()[0]
    corpus, _ = read_jsonld(json.loads(line)["jsonld"])
    a = corpus.articles[0]
    assert corpus.site.name == "BBC News"
    assert a.published == datetime(2017, 3, 20, 20, 30, 54, tzinfo=timezone.utc)
    assert a.feature_image is not None and a.feature_image.url.endswith("_75306515_line976.jpg")
    assert len(a.extra["image"]) == 10  # the other ten images are kept
    first = a.body.blocks[0]
    assert isinstance(first, Paragraph) and first.text.startswith("Director Comey says")
    assert a.canonical_url == "http://www.bbc.com/news/world-us-canada-39324587"


def test_nyt_date_only_and_correction_kept() -> None:
    line = (SCHEMAORG / "schemaorg-newsarticle-jsonld.jsonl").read_text("utf-8").splitlines()[1]
    corpus, report = read_jsonld(json.loads(line)["jsonld"])
    a = corpus.articles[0]
    assert a.published == datetime(2018, 1, 23, tzinfo=timezone.utc)
    assert a.extra["correction"]["@type"] == "CorrectionComment"
    assert a.extra["@type"] == "ReportageNewsArticle"
    assert report.warnings_with("date")  # no offset: read as UTC and said so


def test_schema_prefixed_keys_are_read() -> None:
    corpus, _ = read_jsonld(
        {"@context": {"schema": "https://schema.org/"}, "@type": "schema:NewsArticle", "schema:headline": "H"}
    )
    assert corpus.articles[0].title == "H"


def test_a_repeated_id_is_kept_and_reported_as_in_every_feed_importer() -> None:
    doc = json.dumps(
        [
            {"@type": "NewsArticle", "@id": "urn:a", "headline": "One", "datePublished": "2025-12-16T09:00:00Z"},
            {"@type": "NewsArticle", "@id": "urn:a", "headline": "Two", "datePublished": "2025-12-16T10:00:00Z"},
        ]
    )
    corpus, report = read_jsonld(doc)
    second = corpus.article("urn:a#2")
    assert second.title == "Two" and second.extra["feed_id"] == "urn:a"
    assert [w.code for w in report.warnings_with("id")] == ["id"]
