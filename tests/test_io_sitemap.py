"""Sitemaps and Google News sitemaps, checked against the samples in ../shared/data/google-news-sitemaps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from _shared import DATA
from newsmodel.io.feeds import parse_feed_date
from newsmodel.io.sitemap import (
    MAX_NEWS_URLS,
    NEWS_WINDOW,
    SitemapEntry,
    news_articles,
    news_sitemap,
    read_sitemap,
    sitemap_entries,
    write_news_sitemap,
    write_sitemaps,
)
from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidValue, SourceError
from newsmodel.values.model import Article, ArticleStatus, Site

SAMPLES = DATA / "google-news-sitemaps"
_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
AS_OF = datetime(2026, 1, 15, 12, tzinfo=timezone.utc)


def _corpus(n: int, *, step: timedelta = timedelta(minutes=30), title: str = "Story {i}") -> Corpus:
    site = Site(name="Capital Cities", base_url="https://example.org", language="en")
    return Corpus(
        site=site,
        articles=[
            Article(id=str(i), slug=f"story-{i}", title=title.format(i=i), published=AS_OF - i * step) for i in range(n)
        ],
    )


def _paths(element: ET.Element, prefix: str = "") -> set[str]:
    """Element paths below ``element`` by local name, namespace prefixes ignored."""
    out = set()
    for child in element:
        name = prefix + "/" + child.tag.rsplit("}", 1)[-1]
        out.add(name)
        out |= _paths(child, name)
    return out


# --------------------------------------------------------------------------- the samples


def test_samples_read() -> None:
    """ultimate-sitemap-parser's minimal news sitemap (no language) and sitemap.js's every-tag file."""
    usp = read_sitemap(SAMPLES / "usp-google-news.xml")
    assert [e.title for e in usp] == ["News Article One", "News Article Two"]
    assert usp[0].news_name == "Example.org News" and usp[0].news_language is None
    alltags = read_sitemap(SAMPLES / "sitemapjs-alltags.xml")
    news = [e for e in alltags if e.news_name is not None]
    assert len(news) == 1
    assert news[0].news_name == "The Example Times&><'\""
    assert news[0].news_publication_date == "2008-12-23"
    assert news[0].title == "Companies A, B in Merger Talks&><'\""
    assert alltags[0].loc == "https://roosterteeth.com/episode/rouletsplay-2018-goldeneye-source&%3E%3C'%22"


def test_our_news_sitemap_has_the_shape_of_the_samples() -> None:
    ours = ET.fromstring(news_sitemap(_corpus(3), as_of=AS_OF).encode())
    assert ours.tag == f"{_SM}urlset"
    our_paths = set().union(*(_paths(u) for u in ours))
    usp = ET.parse(SAMPLES / "usp-google-news.xml").getroot()
    alltags = ET.parse(SAMPLES / "sitemapjs-alltags.xml").getroot()
    usp_paths = set().union(*(_paths(u) for u in usp)) - {"/lastmod"}
    all_paths = set().union(*(_paths(u) for u in alltags))
    assert usp_paths <= our_paths <= all_paths  # the required elements, nothing Google does not know
    assert "/news/publication/language" in our_paths
    for url in ours:
        assert url.find(f"{_NEWS}news/{_NEWS}publication/{_NEWS}name") is not None


# --------------------------------------------------------------------------- news rules


def test_only_the_last_two_days_and_never_the_future() -> None:
    corpus = Corpus(
        site=Site(name="S", base_url="https://example.org", language="en"),
        articles=[
            Article(id="future", slug="future", title="F", published=AS_OF + timedelta(minutes=1)),
            Article(id="now", slug="now", title="N", published=AS_OF),
            Article(id="edge", slug="edge", title="E", published=AS_OF - NEWS_WINDOW),
            Article(id="inside", slug="inside", title="I", published=AS_OF - NEWS_WINDOW + timedelta(seconds=1)),
            Article(id="draft", slug="draft", title="D", status="draft"),
        ],
    )
    assert [a.id for a in news_articles(corpus, as_of=AS_OF)] == ["now", "inside"]
    assert [e.title for e in read_sitemap(news_sitemap(corpus, as_of=AS_OF).encode())] == ["N", "I"]


def test_at_most_a_thousand_urls_newest_first() -> None:
    corpus = _corpus(1_500, step=timedelta(minutes=1))
    entries = read_sitemap(news_sitemap(corpus, as_of=AS_OF).encode())
    assert len(entries) == MAX_NEWS_URLS
    assert entries[0].loc.endswith("/story-0/") and entries[-1].loc.endswith("/story-999/")
    with pytest.raises(InvalidValue):
        news_articles(corpus, as_of=AS_OF, limit=1_001)


def test_publication_name_language_and_dates() -> None:
    corpus = _corpus(2, title="A & B <{i}>")
    entries = read_sitemap(news_sitemap(corpus, as_of=AS_OF, publication_name="The Capital").encode())
    assert {e.news_name for e in entries} == {"The Capital"}
    assert {e.news_language for e in entries} == {"en"}
    assert entries[0].title == "A & B <0>"
    for entry, article in zip(entries, corpus.articles, strict=True):
        assert parse_feed_date(entry.news_publication_date) == article.published


def test_sample_corpus_news_sitemap() -> None:
    corpus = generate(articles=400)
    entries = read_sitemap(news_sitemap(corpus, as_of=SEED_AS_OF).encode())
    assert entries
    for entry in entries:
        when = parse_feed_date(entry.news_publication_date)
        assert when is not None and SEED_AS_OF - NEWS_WINDOW < when <= SEED_AS_OF


@settings(max_examples=40, deadline=None)
@example(offsets=[0], limit=0)  # once gave one article for a limit of 0
@given(
    offsets=st.lists(st.integers(min_value=-6 * 24 * 60, max_value=24 * 60), min_size=0, max_size=40),
    limit=st.integers(min_value=0, max_value=50),
)
def test_news_selection_equals_brute_force(offsets: list[int], limit: int) -> None:
    articles = [
        Article(id=f"a{i}", slug=f"a{i}", title="T", published=AS_OF + timedelta(minutes=m))
        for i, m in enumerate(offsets)
    ]
    corpus = Corpus(site=Site(name="S", base_url="https://e.org"), articles=articles)
    expected = sorted(
        (a for a in articles if a.published is not None and AS_OF - NEWS_WINDOW < a.published <= AS_OF),
        key=lambda a: (a.published, a.id),
        reverse=True,
    )[:limit]
    assert list(news_articles(corpus, as_of=AS_OF, limit=limit)) == expected


# --------------------------------------------------------------------------- sitemap.xml


def test_small_site_is_one_sitemap(tmp_path: Path) -> None:
    corpus = generate(articles=50)
    written = write_sitemaps(corpus, tmp_path / "sitemap.xml")
    assert written == (tmp_path / "sitemap.xml",)
    entries = read_sitemap(written[0])
    published = [a for a in corpus.articles if a.status is ArticleStatus.PUBLISHED]
    categories = {c.id for a in published for cid in a.category_ids for c in corpus.path(cid)}
    tags = {t for a in published for t in a.tag_ids}
    authors = {b for a in published for b in a.author_ids}
    expected = 1 + len(published) + len(categories) + len(tags) + len(authors)
    assert len(entries) == expected
    assert len({e.loc for e in entries}) == len(entries)
    assert len(tags) < len(corpus.tags)  # tags no published article uses have no archive page


def test_past_fifty_thousand_urls_an_index(tmp_path: Path) -> None:
    corpus = _corpus(50_001, step=timedelta(seconds=1))
    written = write_sitemaps(corpus, tmp_path / "sitemap.xml")
    assert [p.name for p in written] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]
    index = ET.parse(written[0]).getroot()
    assert index.tag == f"{_SM}sitemapindex"
    assert [e.loc for e in read_sitemap(written[0])] == [
        "https://example.org/sitemap-1.xml",
        "https://example.org/sitemap-2.xml",
    ]
    parts = [read_sitemap(p) for p in written[1:]]
    assert [len(p) for p in parts] == [50_000, 2]  # home + 50,001 articles
    assert parts[0][0] == SitemapEntry(loc="https://example.org/", lastmod="2026-01-15T12:00:00Z")


def test_max_urls_is_checked(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue):
        write_sitemaps(_corpus(1), tmp_path / "s.xml", max_urls=50_001)
    written = write_sitemaps(_corpus(5), tmp_path / "s.xml", max_urls=2)
    assert len(written) == 1 + 3
    assert sum(len(read_sitemap(p)) for p in written[1:]) == len(sitemap_entries(_corpus(5)))


def test_write_news_sitemap(tmp_path: Path) -> None:
    path = write_news_sitemap(_corpus(3), tmp_path / "news.xml", as_of=AS_OF)
    assert len(read_sitemap(path)) == 3


def test_reader_refuses_entities_and_bad_xml() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    with pytest.raises(SourceError, match="refused"):
        read_sitemap(bomb)
    with pytest.raises(SourceError, match=":1"):
        read_sitemap(b"<urlset><url>")
