"""URL safety at the boundary: the rule of :mod:`newsmodel.values.safeurl`, the model's URL fields, the
importers (an unsafe URL is left out, kept in ``extra['unsafe_urls']`` and reported) and the HTML
writers (a second check for values built around the validators)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.io.feeds import read_feed
from newsmodel.io.jsonfeed import read_jsonfeed
from newsmodel.pages.page import build_article_page
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.strategies import corpora
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidUrl, NewsModelError
from newsmodel.values.model import Article, Author, FeatureImage, Site, SocialProfile, SourceAttribution
from newsmodel.values.safeurl import LINK_SCHEMES, WEB_SCHEMES, is_safe_url, url_scheme
from newsmodel.views.page_html import article_page_html
from newsmodel.views.widgets_html import archives_html, calendar_html, tag_cloud_html

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)

#: Spellings of script and data URLs a browser (or a careless writer) would run.
HOSTILE = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\x00javascript:alert(1)",
    "\x01\x1f javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "javascript\t:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "java&Tab;script:alert(1)",
    "%6Aavascript:alert(1)",
    "jav%61script:alert(1)",
    "\u200bjavascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    " DATA:text/html,x",
    "file:///etc/passwd",
    "livescript:x",
]

SAFE = [
    "https://example.org/",
    "http://example.org/a?b=1&c=2#d",
    "HTTPS://EXAMPLE.ORG/",
    "//cdn.example/x.jpg",
    "/2025/12/seoul/",
    "seoul/",
    "?page=2",
    "#top",
    "",
    "https://example.org/javascript:alert(1)",
    "/a:b",
]


@contextmanager
def no_validators() -> Iterator[None]:
    """Build values as code that gets around the model's validators would."""
    with attrs.validators.disabled():
        yield


# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_variants_are_unsafe(url: str) -> None:
    assert not is_safe_url(url)
    assert not is_safe_url(url, WEB_SCHEMES)


@pytest.mark.parametrize("url", SAFE)
def test_safe_urls_are_safe(url: str) -> None:
    assert is_safe_url(url, WEB_SCHEMES)


def test_mailto_and_tel_are_links_not_resources() -> None:
    assert is_safe_url("mailto:a@example.org") and is_safe_url("tel:+4930123")
    assert not is_safe_url("mailto:a@example.org", WEB_SCHEMES)
    assert LINK_SCHEMES >= WEB_SCHEMES


def test_scheme_is_read_as_a_browser_reads_it() -> None:
    assert url_scheme("\x01 J\ta\nvascript:x") == "javascript"
    assert url_scheme("a/b:c") is None and url_scheme("//h/x:y") is None


# --------------------------------------------------------------------------- the model


@pytest.mark.parametrize("url", HOSTILE)
def test_site_base_url_refuses_hostile_variants(url: str) -> None:
    with pytest.raises(InvalidUrl, match=r"Site\.base_url: unsafe URL") as info:
        Site(name="S", base_url=url)
    assert info.value.value == url and info.value.where == "base_url"
    assert isinstance(info.value, ValueError) and isinstance(info.value, NewsModelError)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda u: SourceAttribution(url=u), "SourceAttribution.url"),
        (lambda u: FeatureImage(url=u), "FeatureImage.url"),
        (lambda u: Author(id="1", slug="a", name="A", avatar_url=u), "Author.avatar_url"),
        (lambda u: Author(id="1", slug="a", name="A", website=u), "Author.website"),
        (lambda u: SocialProfile(network="x", url=u), "SocialProfile.url"),
        (lambda u: Article(id="1", slug="a", title="A", status="draft", canonical_url=u), "Article.canonical_url"),
    ],
)
def test_every_url_field_refuses_a_script_url(build: object, field: str) -> None:
    with pytest.raises(InvalidUrl, match=re.escape(f"{field}: unsafe URL 'javascript:alert(1)'")):
        build("javascript:alert(1)")  # type: ignore[operator]


def test_author_links_may_be_mailto() -> None:
    assert Author(id="1", slug="a", name="A", website="mailto:a@example.org").website == "mailto:a@example.org"
    with pytest.raises(InvalidUrl):
        FeatureImage(url="mailto:a@example.org")


# --------------------------------------------------------------------------- what the page writes


class _Urls(HTMLParser):
    """Every href and src of a document, entities decoded as a browser decodes them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls.extend(v for k, v in attrs if k in ("href", "src") and v is not None)


# An oracle independent of newsmodel.values.safeurl: the WHATWG URL parser strips leading C0 controls
# and spaces and every tab and newline before it reads the scheme.
_BROWSER_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def bad_urls(html: str) -> list[str]:
    parser = _Urls()
    parser.feed(html)
    parser.close()
    bad = []
    for url in parser.urls:
        compact = url.lstrip("".join(map(chr, range(0x21)))).replace("\t", "").replace("\n", "").replace("\r", "")
        m = _BROWSER_SCHEME.match(compact)
        if m is not None and m.group(1).lower() not in LINK_SCHEMES:
            bad.append(url)
    return bad


def test_bad_urls_oracle_sees_what_a_browser_runs() -> None:
    assert bad_urls('<a href=" &#106;ava&#9;script:x">x</a><img src="data:,x">') == [" java\tscript:x", "data:,x"]
    assert bad_urls('<a href="https://e.org/">x</a><a href="#a">y</a>') == []


def test_page_of_a_source_url_built_around_the_validators_has_no_script_link() -> None:
    corpus = generate(articles=60, short_bodies=True)
    seed = corpus.article_by_slug(SEED_SLUG)
    with no_validators():
        hostile = attrs.evolve(seed, source=SourceAttribution(headline="H", publisher="P", url="javascript:alert(1)"))
    corpus = Corpus(
        site=corpus.site,
        articles=[hostile if a.id == seed.id else a for a in corpus.articles],
        authors=corpus.authors,
        categories=corpus.categories,
        tags=corpus.tags,
    )
    page = build_article_page(corpus, SEED_SLUG, as_of=SEED_AS_OF)
    for html in (article_page_html(page, corpus.site), page._repr_html_()):
        assert "javascript" not in html
        assert '<p class="source">H – P</p>' in html  # the line is kept, as text
        assert bad_urls(html) == []


def test_page_and_widgets_of_a_base_url_built_around_the_validators_have_no_script_link() -> None:
    corpus = generate(articles=60, short_bodies=True)
    with no_validators():
        site = attrs.evolve(corpus.site, base_url="javascript:alert(1)//")
    corpus = Corpus(
        site=site, articles=corpus.articles, authors=corpus.authors, categories=corpus.categories, tags=corpus.tags
    )
    page = build_article_page(corpus, SEED_SLUG, as_of=SEED_AS_OF)
    html = article_page_html(page, site)
    assert "javascript:" not in html and bad_urls(html) == []  # share links carry it percent-encoded
    assert "Seoul" in html  # the breadcrumb is kept, as text
    for widget in (
        calendar_html(page.calendar, site),
        archives_html(page.archives, site),
        tag_cloud_html(page.tag_cloud, site),
    ):
        assert widget and "javascript" not in widget


# --------------------------------------------------------------------------- importers


def _rss(channel_link: str, item_link: str) -> bytes:
    return (
        '<rss version="2.0"><channel><title>Herald</title>'
        f"<link>{channel_link}</link>"
        f"<item><title>Summit set</title><link>{item_link}</link><guid>g1</guid>"
        "<pubDate>Tue, 16 Dec 2025 09:00:00 GMT</pubDate><description>Text.</description></item>"
        "</channel></rss>"
    ).encode()


@pytest.mark.parametrize("link", ["javascript:alert(1)", " JaVa&#x09;ScRiPt:alert(1)", "data:text/html,x"])
def test_hostile_rss_item_link_is_kept_aside_and_reported(link: str) -> None:
    corpus, report = read_feed(_rss("https://herald.example", link))
    (article,) = corpus.articles
    raw = article.extra["unsafe_urls"]["link"]
    assert not is_safe_url(raw)  # kept as the feed had it (after XML decoding)
    assert article.canonical_url is None and article.source is not None and article.source.url is None
    assert article.source.headline == "Summit set"
    (warning,) = report.warnings_with("unsafe-url")
    assert warning.place == "<bytes> item 1" and repr(raw) in warning.message
    html = article_page_html(build_article_page(corpus, article.slug, as_of=AS_OF), corpus.site)
    assert "javascript" not in html.lower() and bad_urls(html) == []


def test_hostile_rss_channel_link_is_kept_aside_and_reported() -> None:
    corpus, report = read_feed(_rss("javascript:alert(1)", "https://herald.example/summit-set"))
    assert corpus.site.base_url == ""
    assert corpus.site.extra["unsafe_urls"] == {"base_url": "javascript:alert(1)"}
    assert [w.place for w in report.warnings_with("unsafe-url")] == ["<bytes> channel"]
    (article,) = corpus.articles
    html = article_page_html(build_article_page(corpus, article.slug, as_of=AS_OF), corpus.site)
    assert "javascript" not in html and bad_urls(html) == []
    assert 'href="https://herald.example/summit-set"' in html  # the item's own link survives


def test_jsonfeed_item_with_hostile_urls_keeps_the_rest() -> None:
    doc = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "H", "home_page_url": "https://h.example/",'
        b' "items": [{"id": "1", "url": "javascript:alert(1)", "image": "data:image/png;base64,AA==",'
        b' "title": "T", "content_text": "x", "date_published": "2025-12-16T09:00:00Z",'
        b' "authors": [{"name": "Ann", "url": "vbscript:x"}]}]}'
    )
    corpus, report = read_jsonfeed(doc)
    (article,) = corpus.articles
    assert article.canonical_url is None and article.feature_image is None
    assert article.extra["unsafe_urls"] == {"url": "javascript:alert(1)", "image": "data:image/png;base64,AA=="}
    (author,) = corpus.authors
    assert author.website is None and author.extra["unsafe_urls"] == {"url": "vbscript:x"}
    assert len(report.warnings_with("unsafe-url")) == 3


# --------------------------------------------------------------------------- property


_HOSTILE = st.sampled_from(HOSTILE)


@settings(max_examples=25, deadline=None)
@given(corpus=corpora(min_articles=1), bad_base=_HOSTILE, bad_source=_HOSTILE, data=st.data())
def test_no_page_html_has_an_unsafe_href_or_src(
    corpus: Corpus, bad_base: str, bad_source: str, data: st.DataObject
) -> None:
    """Pages of generated corpora, and of the same corpora with a hostile base URL and source URL
    slipped around the validators, write no href or src a browser would run as script."""
    visible = [a for a in corpus.articles if a.is_visible(AS_OF)]
    if not visible:
        return
    article = data.draw(st.sampled_from(visible))
    page = build_article_page(corpus, article.slug, as_of=AS_OF)
    assert bad_urls(article_page_html(page, corpus.site)) == []
    assert bad_urls(page._repr_html_()) == []
    with no_validators():
        site = attrs.evolve(corpus.site, base_url=bad_base)
        hostile = attrs.evolve(article, source=SourceAttribution(headline="h", url=bad_source))
    corpus = Corpus(
        site=site,
        articles=[hostile if a.id == article.id else a for a in corpus.articles],
        authors=corpus.authors,
        categories=corpus.categories,
        tags=corpus.tags,
    )
    page = build_article_page(corpus, article.slug, as_of=AS_OF)
    html = article_page_html(page, site)
    assert bad_urls(html) == []
    assert bad_urls(calendar_html(page.calendar, site, hide_when_empty=False)) == []
    assert bad_urls(archives_html(page.archives, site)) == []
    assert bad_urls(tag_cloud_html(page.tag_cloud, site)) == []
