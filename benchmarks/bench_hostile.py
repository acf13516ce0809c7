"""Hostile inputs: every pathological family timed at n, 2n and 4n, with the ratio per doubling.

Linear work doubles its time when its input doubles (a ratio near 2); quadratic work quadruples
it (near 4). Each family builds its input at three sizes, runs newsmodel on each in this process
with the garbage collector as users have it (on), and prints the CPU seconds and the two ratios.
A family whose ratio exceeds ``--limit`` (3.0 by default) is reported and the script exits 1.

    .venv/bin/python benchmarks/bench_hostile.py              # every family, default sizes
    .venv/bin/python benchmarks/bench_hostile.py --quick      # a quarter of the sizes
    .venv/bin/python benchmarks/bench_hostile.py --only html  # families whose name contains "html"

Families register with ``@family(name, n)``: a function of the size that returns a callable to
time (the input is built outside the timed call).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

Runner = Callable[[], object]
Builder = Callable[[int], Runner]

FAMILIES: list[tuple[str, int, Builder]] = []
#: Figures that are not a scaling series (a bounded import against a hostile server, a soak's
#: memory): each prints its own lines; ``quick`` asks for a smaller run.
REPORTS: list[tuple[str, Callable[[bool], None]]] = []


def family(name: str, n: int) -> Callable[[Builder], Builder]:
    """Register a pathological family: ``build(size)`` makes the input and returns the call to time."""

    def register(build: Builder) -> Builder:
        FAMILIES.append((name, n, build))
        return build

    return register


def report(name: str) -> Callable[[Callable[[bool], None]], Callable[[bool], None]]:
    """Register a figure that prints its own lines: ``run(quick)``."""

    def register(run: Callable[[bool], None]) -> Callable[[bool], None]:
        REPORTS.append((name, run))
        return run

    return register


def cpu_seconds(run: Runner, repeat: int = 3) -> float:
    """The best CPU time of ``repeat`` calls (the collector stays on, as users have it)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


# --------------------------------------------------------------------------- the families
# Each section below belongs to one part of the hostile-input work; add new families at the end
# of their section.

# ---- restlimits: the live WordPress REST import against hostile local servers


def _rest_server(answer: Callable[[Any, int], None]) -> tuple[Any, str, list[str]]:
    """A server on 127.0.0.1 in a thread: ``/wp-json/`` answers a site index; ``answer(handler, page)``
    answers every posts page; other collections are 404 (skipped, as on a locked-down site)."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs, urlsplit

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            parts = urlsplit(self.path)
            if parts.path == "/wp-json/":
                body, status = json.dumps({"name": "Hostile", "timezone_string": "UTC"}).encode(), 200
            elif parts.path == "/wp-json/wp/v2/posts":
                answer(self, int(parse_qs(parts.query)["page"][0]))
                return
            else:
                body, status = b'{"code": "rest_no_route"}', 404
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}", hits


def _rest_posts(page: int) -> bytes:
    import json

    return json.dumps(
        [
            {"id": i, "slug": f"post-{i}", "type": "post", "status": "publish", "date": "2025-12-16T18:00:00",
             "date_gmt": "2025-12-16T09:00:00", "title": {"rendered": f"Post {i}"},
             "content": {"rendered": "<p>" + "word " * 100 + "</p>"}}
            for i in range(100 * page - 99, 100 * page + 1)
        ]
    ).encode()  # fmt: skip


def _rest_case(label: str, answer: Callable[[Any, int], None], **limits: Any) -> None:
    import resource

    from newsmodel.errors import WordPressApiError
    from newsmodel.io.wordpress import Fetcher, fetch_site

    httpd, url, hits = _rest_server(answer)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    fetcher = Fetcher(**limits)
    start = time.monotonic()
    try:
        fetch_site(url, progress=False, fetcher=fetcher)
        outcome = "completed (not expected)"
    except WordPressApiError as exc:
        outcome = str(exc).split(": ", 1)[1][:110]
    wall = time.monotonic() - start
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    httpd.shutdown()
    httpd.server_close()
    print(f"  {label:<34} {wall:>8.1f}s wall {len(hits):>6,} requests  peak RSS +{growth:,.0f} MB")
    print(f"  {'':<34} -> {outcome}")


@report("REST import against hostile local servers")
def rest_hostile(quick: bool) -> None:
    """The worst cases of a live import under the default limits (1000 pages an endpoint, 30 s a
    request, 4 retries, 64 MiB an answer, a 3600 s deadline): endless full pages, a billion
    announced pages, and a server that drips one byte every 10 ms (``--quick``: 3 s a request)."""

    def endless(handler: Any, page: int) -> None:  # full pages, each announcing one more
        body = _rest_posts(page)
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("X-WP-Total", str(100 * page + 100))
        handler.send_header("X-WP-TotalPages", str(page + 1))
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def billion(handler: Any, page: int) -> None:
        body = _rest_posts(page)
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("X-WP-Total", str(10**11))
        handler.send_header("X-WP-TotalPages", str(10**9))
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def drip(handler: Any, page: int) -> None:
        data = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + _rest_posts(page) * 100
        for i in range(len(data)):
            try:
                handler.wfile.write(data[i : i + 1])
            except OSError:
                return
            time.sleep(0.01)

    _rest_case("endless pages (TotalPages = N+1)", endless)
    _rest_case("X-WP-TotalPages 1,000,000,000", billion)
    _rest_case("slow drip" + (" (timeout 3 s)" if quick else ""), drip, **({"timeout": 3.0} if quick else {}))


# --------------------------------------------------------------------------- the runner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a quarter of every size")
    parser.add_argument("--only", default="", help="run the families whose name contains this text")
    parser.add_argument("--limit", type=float, default=3.0, help="the largest ratio per doubling that passes")
    args = parser.parse_args(argv)
    failed = []
    print(f"{'family':<44} {'n':>10} {'t(n)':>9} {'t(2n)':>9} {'t(4n)':>9} {'2n/n':>6} {'4n/2n':>6}")
    for name, n, build in FAMILIES:
        if args.only not in name:
            continue
        size = max(1, n // 4) if args.quick else n
        times = [cpu_seconds(build(size * k)) for k in (1, 2, 4)]
        ratios = [times[i + 1] / max(times[i], 1e-6) for i in range(2)]
        flag = "" if max(ratios) <= args.limit else "  <-- not linear"
        print(
            f"{name:<44} {size:>10,} {times[0]:>8.3f}s {times[1]:>8.3f}s {times[2]:>8.3f}s"
            f" {ratios[0]:>6.2f} {ratios[1]:>6.2f}{flag}"
        )
        if flag:
            failed.append(name)
    for name, run in REPORTS:
        if args.only in name:
            print(f"== {name}")
            run(args.quick)
    if failed:
        print(f"not linear: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
