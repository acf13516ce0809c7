"""The live WordPress REST import against hostile local servers: caps, deadline, retries, completeness.

Every server runs on 127.0.0.1 in a thread of the test; every wait is a fraction of a second.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from newsmodel.cli import main
from newsmodel.io import wordpress
from newsmodel.io.wordpress import Fetcher, fetch_site
from newsmodel.values.errors import WordPressApiError

Answer = Callable[[BaseHTTPRequestHandler], None]


class _Server:
    """Answers each path with the next of its answers (the last one repeats); others get 404."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.hits: list[str] = []
        self.stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(self.path)
                answers = server.routes.get(self.path)
                if answers is None:
                    found = server.fallback(self.path) if server.fallback else None
                    answers = [found] if found else [_json({"code": "rest_no_route"}, status=404)]
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.fallback: Callable[[str], Answer | None] | None = None
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def page(self, n: int) -> str:
        return f"/wp-json/wp/v2/posts?per_page=10&page={n}"


def _json(value: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> Answer:
    body = json.dumps(value).encode()

    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", "application/json; charset=UTF-8")
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return answer


def _raw(data: bytes) -> Answer:
    def answer(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(data)
        h.close_connection = True

    return answer


def _posts(first: int, n: int) -> list[dict[str, Any]]:
    return [
        {"id": i, "slug": f"p{i}", "type": "post", "status": "publish", "date": "2025-12-16T18:00:00",
         "date_gmt": "2025-12-16T09:00:00", "title": {"rendered": f"Post {i}"}, "content": {"rendered": "<p>x</p>"}}
        for i in range(first, first + n)
    ]  # fmt: skip


def _page(first: int, n: int, *, total: int, pages: int) -> Answer:
    return _json(_posts(first, n), headers={"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)})


@pytest.fixture
def server() -> Iterator[_Server]:
    s = _Server()
    s.routes["/wp-json/"] = [_json({"name": "Hostile", "timezone_string": "UTC"})]
    s.thread.start()
    try:
        yield s
    finally:
        s.stop.set()
        s.httpd.shutdown()
        s.httpd.server_close()
        s.thread.join()


def _fetch(server: _Server, **kwargs: Any) -> tuple[Any, Any]:
    fetcher = kwargs.pop("fetcher", None) or Fetcher(sleep=lambda s: None)
    return fetch_site(server.url, endpoints=("posts",), per_page=10, progress=False, fetcher=fetcher, **kwargs)


def _three_pages(server: _Server) -> None:
    for n in (1, 2, 3):
        server.routes[server.page(n)] = [_page(10 * n - 9, 10, total=30, pages=3)]


# --------------------------------------------------------------------------- the normal case


def test_a_complete_import_checks_out(server: _Server) -> None:
    _three_pages(server)
    corpus, report = _fetch(server)
    assert len(corpus.articles) == 30
    assert report.warnings == ()


# --------------------------------------------------------------------------- never-ending pages


def test_a_site_announcing_a_billion_pages_fails_at_once_naming_the_cap(server: _Server) -> None:
    server.routes[server.page(1)] = [_page(1, 10, total=10**10, pages=10**9)]
    with pytest.raises(WordPressApiError, match=r"announces 1000000000 pages .* cap of 1000 .*--max-pages"):
        _fetch(server)
    assert server.hits == ["/wp-json/", server.page(1)]  # no page under the cap read in vain


def test_pages_that_never_end_stop_at_the_cap(server: _Server) -> None:
    def endless(path: str) -> Answer | None:  # every page is full and announces one more
        n = int(path.rsplit("=", 1)[1]) if "posts" in path else 0
        return _page(10 * n - 9, 10, total=10 * n + 10, pages=n + 1) if n else None

    server.fallback = endless
    with pytest.raises(WordPressApiError, match=r"announces 6 pages .* cap of 5 .*missing: posts page 6"):
        _fetch(server, max_pages=5)
    assert len(server.hits) == 1 + 5
    corpus, report = _fetch(server, max_pages=5, partial=True)
    assert len(corpus.articles) == 50
    assert [w.code for w in report.warnings] == ["incomplete"]


def test_cli_never_ending_pages_exit_2_naming_the_cap(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes[server.page(1).replace("=10&", "=100&")] = [_page(1, 10, total=10**10, pages=10**9)]
    assert main(["import", server.url, "-o", str(tmp_path / "x.jsonl"), "--max-pages", "50"]) == 2
    err = capsys.readouterr().err
    assert "cap of 50 pages" in err and "--max-pages" in err and err.count("\n") == 1
    assert not (tmp_path / "x.jsonl").exists()


# --------------------------------------------------------------------------- time


def _drip(server: _Server) -> Answer:
    """An answer sent one byte at a time, status line included, for as long as the client listens."""

    def answer(h: BaseHTTPRequestHandler) -> None:
        body = json.dumps(_posts(1, 10)).encode()
        data = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + body * 1000
        for i in range(len(data)):
            if server.stop.is_set():
                return
            try:
                h.wfile.write(data[i : i + 1])
            except OSError:
                return
            time.sleep(0.01)

    return answer


def test_a_slow_drip_stops_at_the_deadline(server: _Server) -> None:
    server.routes[server.page(1)] = [_drip(server)]
    with pytest.raises(WordPressApiError, match=r"deadline passed .*0.3 s: --deadline.*missing: every page of posts"):
        _fetch(server, deadline=0.3)


def test_a_slow_drip_is_one_timeout_per_request_then_retried(server: _Server) -> None:
    server.routes[server.page(1)] = [_drip(server)]
    delays: list[float] = []
    fetcher = Fetcher(timeout=0.15, retries=1, backoff=0.01, sleep=delays.append)
    with pytest.raises(WordPressApiError, match=r"no complete answer within 0.15 s after 2 attempts"):
        _fetch(server, fetcher=fetcher)
    assert delays == [0.01]


def test_a_retry_that_would_pass_the_deadline_is_not_waited_for(server: _Server) -> None:
    server.routes[server.page(1)] = [_json({}, status=429, headers={"Retry-After": "50"})]
    delays: list[float] = []
    with pytest.raises(WordPressApiError, match=r"HTTP 429 .*deadline passes before a retry in 50 s"):
        _fetch(server, fetcher=Fetcher(sleep=delays.append), deadline=20)
    assert delays == []


def test_partial_keeps_what_arrived_before_the_deadline(server: _Server) -> None:
    server.routes[server.page(1)] = [_page(1, 10, total=20, pages=2)]
    server.routes[server.page(2)] = [_drip(server)]
    corpus, report = _fetch(server, deadline=0.3, partial=True)
    assert len(corpus.articles) == 10
    (gap,) = report.warnings_with("incomplete")
    assert "missing: posts page 2" in gap.message


# --------------------------------------------------------------------------- broken answers


def test_a_bad_status_line_is_an_error_naming_the_url(server: _Server) -> None:
    server.routes[server.page(1)] = [_raw(b"HELLO THERE\r\n\r\n")]
    with pytest.raises(WordPressApiError, match=r"posts\?per_page=10&page=1: not a valid HTTP answer \(BadStatusLine"):
        _fetch(server)


def test_cli_bad_status_line_is_one_line_and_exit_2(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/wp-json/"] = [_raw(b"SSH-2.0-OpenSSH_9.6\r\n")]
    assert main(["import", server.url, "-o", str(tmp_path / "x.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "/wp-json/: not a valid HTTP answer" in err and err.count("\n") == 1


def _truncated(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", "1000")
    h.end_headers()
    h.wfile.write(b'[{"id": 1')
    h.close_connection = True


def test_a_truncated_body_is_retried_then_an_error(server: _Server) -> None:
    server.routes[server.page(1)] = [_truncated]
    with pytest.raises(WordPressApiError, match=r"ended 991 bytes short of its Content-Length after 3 attempts"):
        _fetch(server, fetcher=Fetcher(retries=2, sleep=lambda s: None))


def test_cli_truncated_body_exit_2(server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.routes["/wp-json/"] = [_truncated]
    assert main(["import", server.url, "-o", str(tmp_path / "x.jsonl"), "--retries", "0"]) == 2
    assert "bytes short of its Content-Length" in capsys.readouterr().err


@pytest.mark.parametrize(
    "failure",
    [_json({}, status=500), _truncated, _raw(b"")],
    ids=["HTTP 500", "truncated", "closed without an answer"],
)
def test_a_passing_failure_is_retried_and_the_import_complete(server: _Server, failure: Answer) -> None:
    _three_pages(server)
    server.routes[server.page(2)].insert(0, failure)
    delays: list[float] = []
    corpus, report = _fetch(server, fetcher=Fetcher(sleep=delays.append))
    assert len(corpus.articles) == 30 and report.warnings == ()
    assert delays == [1.0]


def test_an_answer_larger_than_max_bytes(server: _Server) -> None:
    _three_pages(server)
    with pytest.raises(WordPressApiError, match=r"page=1: the answer is too large \(Content-Length \d+ is more"):
        _fetch(server, fetcher=Fetcher(max_bytes=500, sleep=lambda s: None))


def test_an_answer_without_length_larger_than_max_bytes(server: _Server) -> None:
    server.routes[server.page(1)] = [_raw(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + b" " * 5000)]
    with pytest.raises(WordPressApiError, match=r"too large \(more than 500 bytes"):
        _fetch(server, fetcher=Fetcher(max_bytes=500, sleep=lambda s: None))


def test_a_page_that_is_not_a_list(server: _Server) -> None:
    server.routes[server.page(1)] = [_json({"id": 1, "type": "post", "content": {}})]
    with pytest.raises(WordPressApiError, match=r"answered a JSON dict, not the list of posts"):
        _fetch(server)


def test_a_total_pages_header_that_is_not_a_count(server: _Server) -> None:
    server.routes[server.page(1)] = [_json(_posts(1, 3), headers={"X-WP-TotalPages": "many"})]
    with pytest.raises(WordPressApiError, match=r"the header X-WP-TotalPages is 'many', not a count"):
        _fetch(server)


# --------------------------------------------------------------------------- completeness


def _short_total_pages(server: _Server) -> None:
    """X-WP-Total says 30 posts, X-WP-TotalPages says 2 pages of 10."""
    server.routes[server.page(1)] = [_page(1, 10, total=30, pages=2)]
    server.routes[server.page(2)] = [_page(11, 10, total=30, pages=2)]


def test_short_total_pages_fails_saying_how_many_are_missing(server: _Server) -> None:
    _short_total_pages(server)
    with pytest.raises(WordPressApiError, match=r"X-WP-Total announced 30, 20 arrived .*make 3\); missing: 10 posts"):
        _fetch(server)
    corpus, report = _fetch(server, partial=True)
    assert len(corpus.articles) == 20
    assert len(report.warnings_with("incomplete")) == 1


def test_cli_short_total_pages_exit_2(server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.routes[server.page(1).replace("=10&", "=100&")] = [_page(1, 100, total=300, pages=1)]
    assert main(["import", server.url, "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "X-WP-Total announced 300, 100 arrived" in capsys.readouterr().err


def test_a_404_in_the_middle_fails_naming_the_page(server: _Server) -> None:
    _three_pages(server)
    server.routes[server.page(2)] = [_json({"code": "rest_no_route"}, status=404)]
    with pytest.raises(WordPressApiError, match=r"page=2: HTTP 404 .*; missing: posts page 2$"):
        _fetch(server)
    corpus, report = _fetch(server, partial=True)
    assert sorted(a.id for a in corpus.articles) == sorted(str(i) for i in [*range(1, 11), *range(21, 31)])
    (gap,) = report.warnings_with("incomplete")
    assert gap.message.endswith("missing: posts page 2")


def test_cli_a_404_in_the_middle(server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n in (1, 2, 3):
        server.routes[server.page(n).replace("=10&", "=100&")] = [_page(100 * n - 99, 100, total=300, pages=3)]
    server.routes[server.page(2).replace("=10&", "=100&")] = [_json({"code": "rest_no_route"}, status=404)]
    out = tmp_path / "x.jsonl"
    assert main(["import", server.url, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "missing: posts page 2" in err and "endpoint skipped" not in err
    assert not out.exists()
    assert main(["import", server.url, "-o", str(out), "--partial"]) == 0
    captured = capsys.readouterr()
    assert "incomplete import (1 gap(s))" in captured.err and "missing: posts page 2" in captured.err
    assert "imported: 200 articles" in captured.out


def test_a_refused_first_page_still_skips_the_endpoint(server: _Server) -> None:
    server.routes[server.page(1)] = [_json({"code": "rest_forbidden"}, status=401)]
    corpus, report = _fetch(server)
    assert not corpus.articles and len(report.warnings_with("http")) == 1


# --------------------------------------------------------------------------- options


def test_cli_defaults_are_the_library_defaults() -> None:
    from newsmodel.cli import build_parser

    args = build_parser().parse_args(["import", "https://example.org", "-o", "x.jsonl"])
    assert (args.max_pages, args.deadline, args.timeout, args.partial) == (
        wordpress.DEFAULT_MAX_PAGES,
        wordpress.DEFAULT_DEADLINE,
        wordpress.DEFAULT_TIMEOUT,
        False,
    )


@pytest.mark.parametrize("option", ["--max-pages=0", "--deadline=-1", "--timeout=nan", "--max-pages=x"])
def test_cli_limits_must_be_positive(option: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["import", "https://example.org", "-o", "x.jsonl", option])
    assert exit_.value.code == 2 and option.split("=")[1] in capsys.readouterr().err
