"""Reading feeds, JSON Feeds and JSON-LD from URLs, against a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from _shared import DATA
from newsmodel.io.feeds import read_feed
from newsmodel.io.jsonfeed import read_jsonfeed
from newsmodel.io.jsonld import read_jsonld
from newsmodel.values.errors import SourceError

FEEDS = DATA / "feeds"
_ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/feed/": (200, "application/rss+xml; charset=utf-8", (FEEDS / "feed-rs" / "rss_2.0_nbcny.xml").read_bytes()),
    "/atom.xml": (200, "application/atom+xml", (FEEDS / "feedjira" / "TypePadNews.xml").read_bytes()),
    "/feed.json": (200, "application/feed+json", (FEEDS / "feedjira" / "json_feed.json").read_bytes()),
    "/page.jsonld": (
        200,
        "application/ld+json",
        b'{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H",'
        b' "datePublished": "2025-12-16T09:14:00"}',
    ),
    "/html/": (200, "text/html", b"<!doctype html><html><head><title>Home</title></head><body><p>Hi</p></body></html>"),
    "/gone.xml": (404, "text/plain", b"not here"),
    "/broken.xml": (500, "text/plain", b"oops"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, ctype, body = _ROUTES.get(self.path, (404, "text/plain", b"no route"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_rss_from_a_url(base: str) -> None:
    corpus, report = read_feed(f"{base}/feed/")
    assert report.source == f"{base}/feed/"
    assert corpus.articles[0].published is not None and corpus.articles[0].published.hour == 14


def test_atom_from_a_url(base: str) -> None:
    corpus, _ = read_feed(f"{base}/atom.xml")
    assert len(corpus.articles) == 10


def test_json_feed_from_a_url(base: str) -> None:
    corpus, report = read_jsonfeed(f"{base}/feed.json")
    assert len(corpus.articles) == 20 and report.source == f"{base}/feed.json"


def test_jsonld_from_a_url_with_a_time_zone(base: str) -> None:
    corpus, _ = read_jsonld(f"{base}/page.jsonld", timezone="Asia/Seoul")
    published = corpus.articles[0].published
    assert published is not None and published.isoformat() == "2025-12-16T09:14:00+09:00"
    assert corpus.site.timezone == "Asia/Seoul"


def test_a_page_of_html_is_not_a_feed(base: str) -> None:
    with pytest.raises(SourceError, match="/html/"):
        read_feed(f"{base}/html/")


@pytest.mark.parametrize(("path", "status"), [("/gone.xml", "HTTP 404"), ("/broken.xml", "HTTP 500")])
def test_http_errors_name_the_url(base: str, path: str, status: str) -> None:
    with pytest.raises(SourceError, match=status) as info:
        read_feed(f"{base}{path}")
    assert f"{base}{path}" in str(info.value)
    with pytest.raises(SourceError, match=status):
        read_jsonfeed(f"{base}{path}")


def test_unreachable_host() -> None:
    with pytest.raises(SourceError, match="cannot fetch"):
        read_feed("http://127.0.0.1:9/feed/")
