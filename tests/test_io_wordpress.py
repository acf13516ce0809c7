"""WordPress REST API v2 import: WordPress core's generated responses, Frontity's captures, a live server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from newsmodel.io.wordpress import Fetcher, build_corpus, fetch_site, read_rest_dump
from newsmodel.values.errors import SourceError, WordPressApiError
from newsmodel.values.model import ArticleStatus

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FRONTITY = SHARED / "data" / "frontity-wp-source-mocks"
CORE = SHARED / "data" / "wordpress-rest-api"


def _load(name: str) -> Any:
    return json.loads((FRONTITY / name).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- saved responses


def test_wordpress_core_generated_responses() -> None:
    """WordPress core's qunit fixtures: 1 post, 1 page, 1 category (parent 0), 1 tag, 2 users."""
    corpus, report = read_rest_dump(CORE / "wp-api-generated.mocked-responses.json")
    assert [a.id for a in corpus.articles] == ["4", "7"]
    post = corpus.article("4")
    assert post.slug == "restapi-client-fixture-post"
    assert post.category_ids == ("1",)
    assert corpus.category("1").parent_id is None
    assert len(corpus.tags) == 1
    assert len(corpus.authors) == 2
    # "date" and "date_gmt" are both 2017-02-14T00:00:00: offset 0
    assert post.published == datetime(2017, 2, 14, tzinfo=timezone.utc)
    # the post's author is 0, WordPress's "no author": no byline
    assert post.author_ids == ()
    assert report.imported_count("comments") == 1


@pytest.mark.parametrize(
    "name",
    [
        "wp-api-generated.PostsCollection.json",
        "wp-api-generated.CategoriesCollection.json",
        "wp-api-generated.TagsCollection.json",
        "wp-api-generated.UsersCollection.json",
        "wp-api-generated.CommentsCollection.json",
    ],
)
def test_each_core_collection_file_reads(name: str) -> None:
    corpus, report = read_rest_dump(CORE / name)
    expected = json.loads((CORE / name).read_text())
    kind = name.split(".")[1].removesuffix("Collection").lower()
    counts = {
        "posts": len(corpus.articles),
        "categories": len(corpus.categories),
        "tags": len(corpus.tags),
        "users": len(corpus.authors),
        # comments on a post the file lacks are counted as skipped, never dropped silently
        "comments": report.skipped_count("comment on a post not in the data") + report.imported_count("comments"),
    }
    assert counts[kind] == len(expected)


def test_mixed_sites_are_refused_without_a_host() -> None:
    with pytest.raises(WordPressApiError, match="several sites") as info:
        read_rest_dump(FRONTITY)
    assert isinstance(info.value, SourceError)


@pytest.mark.parametrize("host", ["demo.worona.org", "frontity.test"])
def test_frontity_category_tree_matches_parent_fields(host: str) -> None:
    """Frontity's captures: every category keeps the parent its ``parent`` field names."""
    corpus, _ = read_rest_dump(FRONTITY, host=host)
    parents: dict[str, str | None] = {}
    for path in sorted(FRONTITY.glob("*.json")):
        data = json.loads(path.read_text())
        objs = data if isinstance(data, list) else [data]
        for obj in objs:
            for cand in [obj, *[t for g in obj.get("_embedded", {}).get("wp:term", []) for t in g]]:
                if cand.get("taxonomy") == "category" and "parent" in cand and host in str(cand.get("link", "")):
                    parent = cand.get("parent", 0)
                    parents[str(cand["id"])] = str(parent) if parent else None
    # frontity.test only has _embedded terms, which carry no parent: all are at the top
    assert bool(parents) == (host == "demo.worona.org")
    assert {c.id: c.parent_id for c in corpus.categories} == {c.id: parents.get(c.id) for c in corpus.categories}
    assert set(parents) <= {c.id for c in corpus.categories}


def test_frontity_demo_site_articles() -> None:
    corpus, report = read_rest_dump(FRONTITY, host="demo.worona.org")
    # posts-from-category-7 (5) + page 2 (5) + post-60 = 11 posts; page-211 and page-with-subpage
    assert report.imported_count("articles") == 11
    assert report.imported_count("pages") == 2
    assert not report.warnings_with("incomplete") and not report.warnings_with("total")
    architecture = corpus.category("5")
    assert [c.name for c in corpus.path(architecture.id)] == ["Cities", "Architecture"]
    post = corpus.article("60")
    assert post.feature_image is not None and post.feature_image.url.startswith("https://")
    assert post.author_ids and corpus.author(post.author_ids[0]).name
    # "Nature" is both category 7 and tag 13: different kinds, both kept
    assert corpus.category("7").name == "Nature"
    assert any(t.name == "Nature" for t in corpus.tags)
    # HTML entities in titles are decoded; the rendered title is kept
    titled = [a for a in corpus.articles if a.title_html is not None]
    assert all("&#" not in a.title for a in corpus.articles)
    assert titled


def test_post_naming_a_missing_category_keeps_it_and_reports() -> None:
    posts = [
        {"id": 1, "slug": "a", "type": "post", "status": "publish", "date": "2025-12-16T18:00:00",
         "date_gmt": "2025-12-16T09:00:00", "title": {"rendered": "A"}, "content": {"rendered": "<p>x</p>"},
         "categories": [5, 99], "tags": [7]},
    ]  # fmt: skip
    cats = [{"id": 5, "slug": "seoul", "name": "Seoul", "parent": 0, "taxonomy": "category"}]
    corpus, report = build_corpus(posts=posts, categories=cats, site_url="https://example.org")
    article = corpus.article("1")
    assert article.category_ids == ("5",)
    assert article.tag_ids == ()
    assert article.extra["rest:categories"] == (5, 99)
    assert article.extra["rest:tags"] == (7,)
    assert article.published is not None and article.published.utcoffset() == timedelta(hours=9)
    messages = [w.message for w in report.warnings_with("dangling")]
    assert any("'99'" in m for m in messages) and any("'7'" in m for m in messages)


def test_draft_without_date_gmt() -> None:
    posts = [{"id": 2, "slug": "", "type": "post", "status": "draft", "date": "2025-12-16T18:00:00",
              "date_gmt": None, "title": {"rendered": "Draft &amp; more"}, "content": {"rendered": ""}}]  # fmt: skip
    corpus, _ = build_corpus(posts=posts, site_url="https://example.org")
    article = corpus.article("2")
    assert article.status is ArticleStatus.DRAFT and article.published is None
    assert article.title == "Draft & more" and article.slug == "draft-more"
    assert article.extra["rest:slug"] == ""


# --------------------------------------------------------------------------- a live site


class _Server:
    """A local HTTP server answering from a table of (status, headers, body) per path and query."""

    def __init__(self) -> None:
        self.routes: dict[str, list[tuple[int, dict[str, str], bytes]]] = {}
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(self.path)
                answers = server.routes.get(self.path) or [
                    (404, {"Content-Type": "application/json"}, b'{"code":"rest_no_route"}')
                ]
                status, headers, body = answers.pop(0) if len(answers) > 1 else answers[0]
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def json(self, path: str, value: Any, *, pages: int = 1, status: int = 200, total: int | None = None) -> None:
        count = total if total is not None else len(value) if isinstance(value, list) else 1
        headers = {"Content-Type": "application/json; charset=UTF-8", "X-WP-TotalPages": str(pages),
                   "X-WP-Total": str(count)}  # fmt: skip
        self.routes.setdefault(path, []).append((status, headers, json.dumps(value).encode()))


@pytest.fixture
def server() -> Iterator[_Server]:
    s = _Server()
    s.thread.start()
    try:
        yield s
    finally:
        s.httpd.shutdown()
        s.httpd.server_close()
        s.thread.join()


def _q(endpoint: str, page: int) -> str:
    return f"/wp-json/wp/v2/{endpoint}?per_page=100&page={page}"


def _serve_demo(server: _Server) -> None:
    server.json("/wp-json/", {"name": "Demo", "description": "A demo", "timezone_string": "Europe/Madrid"})
    server.json(_q("users", 1), _load("author-list.json"))
    categories = len(_load("categories-list.json")) + len(_load("categories-list-page-2.json"))
    server.json(_q("categories", 1), _load("categories-list.json"), pages=2, total=categories)
    server.json(_q("categories", 2), _load("categories-list-page-2.json"), pages=2, total=categories)
    server.json(_q("tags", 1), _load("tags-list.json"))
    server.json(_q("media", 1), _load("media-list.json"))
    posts = len(_load("posts-from-category-7.json")) + len(_load("posts-from-category-7-page-2.json"))
    server.json(_q("posts", 1), _load("posts-from-category-7.json"), pages=2, total=posts)
    server.json(_q("posts", 2), _load("posts-from-category-7-page-2.json"), pages=2, total=posts)
    server.json(_q("pages", 1), [_load("page-211.json"), _load("page-with-subpage.json")])
    server.json(_q("comments", 1), [], pages=0)


def test_live_site_pages_through_every_endpoint(server: _Server) -> None:
    _serve_demo(server)
    corpus, report = fetch_site(server.url, progress=False, fetcher=Fetcher(sleep=lambda s: None))
    assert _q("categories", 2) in server.hits and _q("posts", 2) in server.hits
    assert _q("posts", 3) not in server.hits  # X-WP-TotalPages said 2
    assert len(corpus.articles) == 12  # 10 posts + 2 pages
    assert corpus.site.name == "Demo" and corpus.site.timezone == "Europe/Madrid"
    assert {c.id: c.parent_id for c in corpus.categories}["5"] == "4"
    assert report.imported_count("pages") == 2


def test_server_answering_500_three_times_then_200(server: _Server) -> None:
    _serve_demo(server)
    failing = (500, {"Content-Type": "text/html"}, b"<h1>Internal Server Error</h1>")
    server.routes["/wp-json/"] = [failing, failing, failing, *server.routes["/wp-json/"]]
    delays: list[float] = []
    corpus, _ = fetch_site(server.url, progress=False, fetcher=Fetcher(backoff=0.5, sleep=delays.append))
    assert delays == [0.5, 1.0, 2.0]
    assert len(corpus.articles) == 12


def test_retries_are_bounded(server: _Server) -> None:
    server.routes["/wp-json/"] = [(503, {"Content-Type": "text/plain"}, b"busy")]
    delays: list[float] = []
    with pytest.raises(WordPressApiError, match=r"HTTP 503 .* after 3 attempts"):
        fetch_site(server.url, progress=False, fetcher=Fetcher(retries=2, sleep=delays.append))
    assert delays == [1.0, 2.0]


def test_429_honours_retry_after(server: _Server) -> None:
    _serve_demo(server)
    limited = (429, {"Content-Type": "application/json", "Retry-After": "7"}, b"{}")
    server.routes["/wp-json/"] = [limited, *server.routes["/wp-json/"]]
    delays: list[float] = []
    fetch_site(server.url, progress=False, fetcher=Fetcher(sleep=delays.append))
    assert delays == [7.0]


def test_site_answering_html_instead_of_json(server: _Server) -> None:
    server.routes["/wp-json/"] = [(200, {"Content-Type": "text/html; charset=UTF-8"}, b"<!doctype html><p>Welcome")]
    with pytest.raises(WordPressApiError, match="not JSON"):
        fetch_site(server.url, progress=False, fetcher=Fetcher(sleep=lambda s: None))


def test_a_refused_endpoint_is_reported_and_skipped(server: _Server) -> None:
    _serve_demo(server)
    server.routes[_q("users", 1)] = [(401, {"Content-Type": "application/json"}, b'{"code":"rest_forbidden"}')]
    corpus, report = fetch_site(server.url, progress=False, fetcher=Fetcher(sleep=lambda s: None))
    assert any("HTTP 401" in w.message for w in report.warnings_with("http"))
    assert corpus.authors  # the posts' _embedded authors still give the bylines


def test_site_zone_from_gmt_offset(server: _Server) -> None:
    _serve_demo(server)
    server.routes["/wp-json/"] = []
    server.json("/wp-json/", {"name": "Demo", "timezone_string": "", "gmt_offset": 9})
    corpus, _ = fetch_site(server.url, progress=False, fetcher=Fetcher(sleep=lambda s: None))
    assert corpus.site.timezone == "Etc/GMT-9"


def test_progress_bar_only_when_asked(server: _Server, capsys: pytest.CaptureFixture[str]) -> None:
    _serve_demo(server)
    fetch_site(server.url, progress=True, fetcher=Fetcher(sleep=lambda s: None))
    err = capsys.readouterr().err
    assert "posts" in err and "2/2" in err
    fetch_site(server.url, fetcher=Fetcher(sleep=lambda s: None))  # stderr is not a terminal here
    assert capsys.readouterr().err == ""


def test_cli_imports_a_live_site(server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsmodel.cli import main
    from newsmodel.serialize import read_corpus

    _serve_demo(server)
    out = tmp_path / "site.jsonl"
    assert main(["import", server.url, "-o", str(out)]) == 0
    assert "imported: 10 articles" in capsys.readouterr().out
    assert len(read_corpus(out).articles) == 12


def test_cli_site_answering_html(server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsmodel.cli import main

    server.routes["/wp-json/"] = [(200, {"Content-Type": "text/html"}, b"<html><body>Hello</body></html>")]
    assert main(["import", server.url, "-o", str(tmp_path / "x.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "not JSON" in err and err.count("\n") == 1


def test_percent_encoded_slugs_and_a_missing_parent() -> None:
    # The REST API gives post_name and term slugs as stored: non-ASCII percent-encoded.
    posts = [{"id": 3, "slug": "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf", "type": "post", "status": "publish",
              "date": "2025-12-16T18:00:00", "date_gmt": "2025-12-16T09:00:00", "title": {"rendered": "Επίπεδο"},
              "content": {"rendered": ""}, "categories": [8], "tags": [5, 6]}]  # fmt: skip
    cats = [{"id": 8, "slug": "seoul", "name": "Seoul", "parent": 77, "taxonomy": "category"}]
    tags = [
        {"id": 5, "slug": "%e6%97%a5%e6%9c%ac%e8%aa%9e%e3%83%86%e3%82%b9%e3%83%88", "name": "日本語テスト"},
        {"id": 6, "slug": "copyright-registries-2_0", "name": "Copyright Registries 2.0"},
    ]
    users = [{"id": 7, "slug": "kim_jiwoo", "name": "Kim Jiwoo"}]
    corpus, report = build_corpus(posts=posts, categories=cats, tags=tags, users=users, site_url="https://example.org")
    article = corpus.article("3")
    assert article.slug == "επίπεδο" and "rest:slug" not in article.extra
    assert [corpus.tag(t).slug for t in article.tag_ids] == ["日本語テスト", "copyright-registries-2_0"]
    assert corpus.author("7").slug == "kim_jiwoo"
    assert corpus.category("8").parent_id is None
    assert corpus.category("8").extra["rest:parent"] == 77
    assert any("'77'" in w.message for w in report.warnings_with("dangling"))


def test_tags_whose_names_slug_alike_stay_two_tags(tmp_path: Path) -> None:
    tags = [
        {"id": 10, "slug": "kim-jong-un", "name": "Kim Jong Un", "taxonomy": "post_tag", "link": "https://e.org/t/1"},
        {"id": 11, "slug": "kim-jong-un-2", "name": "Kim Jong-un", "taxonomy": "post_tag", "link": "https://e.org/t/2"},
    ]
    corpus, _ = build_corpus(tags=tags, site_url="https://e.org")
    assert [(t.slug, t.aliases) for t in corpus.tags] == [("kim-jong-un", ()), ("kim-jong-un-2", ())]
    (tmp_path / "tags.json").write_text(json.dumps(tags), encoding="utf-8")
    merged, report = read_rest_dump(tmp_path, merge_tags=True)
    assert [(t.slug, t.aliases) for t in merged.tags] == [("kim-jong-un", ("Kim Jong-un",))]
    assert len(report.warnings_with("tag-merge")) == 1


def test_the_whole_core_folder_and_the_route_schemas() -> None:
    """Every file of WordPress core's fixtures: the collections repeat objects of the mocked
    responses (merged by id); the route schemas hold no content and are counted as skipped."""
    whole, _ = read_rest_dump(CORE)
    one, _ = read_rest_dump(CORE / "wp-api-generated.mocked-responses.json")
    assert whole.articles == one.articles and whole.categories == one.categories and whole.tags == one.tags
    corpus, report = read_rest_dump(CORE / "wp-api-generated.Schema.selected-routes.json")
    assert not corpus.articles and report.skipped_count("unrecognised object") > 0


def test_titles_and_excerpts_are_read_by_the_html_parser() -> None:
    # A bare "<" in rendered text is text, not the start of a tag: the title keeps all of it.
    posts = [
        {
            "id": 1,
            "slug": "maths",
            "type": "post",
            "status": "draft",
            "title": {"rendered": "1 < 2 and 3 > 2"},
            "excerpt": {"rendered": "<p>a &lt;b&gt; <em>c</em></p>"},
            "content": {"rendered": "<p>x</p>"},
        }
    ]
    corpus, _ = build_corpus(posts=posts, site_url="https://example.org")
    article = corpus.article("1")
    assert article.title == "1 < 2 and 3 > 2"
    assert article.excerpt == "a <b> c"
