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
import json
import sys
import time
from collections.abc import Callable
from typing import Any

Runner = Callable[[], object]
Builder = Callable[[int], Runner]

FAMILIES: list[tuple[str, int, Builder, int]] = []
#: Figures that are not a scaling series (a bounded import against a hostile server, a soak's
#: memory): each prints its own lines; ``quick`` asks for a smaller run.
REPORTS: list[tuple[str, Callable[[bool], None]]] = []


def family(name: str, n: int, *, output_power: int = 1) -> Callable[[Builder], Builder]:
    """Register a pathological family: ``build(size)`` makes the input and returns the call to time.

    ``output_power`` is for a family whose *output* grows faster than its input (a page in a
    category chain n deep has n breadcrumbs whose URLs hold n path segments each: n² characters):
    its ratios are divided by ``2 ** (output_power - 1)``, so they read as time per doubling of
    the output, and the printed line says so.
    """

    def register(build: Builder) -> Builder:
        FAMILIES.append((name, n, build, output_power))
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

# ---- taxo: category counts with descendants (issue 9, part 2)


def _counts_deep_chain(size: int, *, pairs: bool) -> Runner:
    """n articles at the bottom of an n-deep chain; with ``pairs``, each article is also filed in its
    own other category of the chain (one lowest-common-ancestor query per article, up to n levels)."""
    from datetime import datetime, timedelta, timezone

    from newsmodel.values.corpus import Corpus
    from newsmodel.values.model import Article, ArticleStatus, Category, Site
    from newsmodel.widgets.taxonomy import taxonomy_index

    when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    categories = [
        Category(id=f"c{i}", slug=f"c{i}", name=f"C{i}", parent_id=None if i == 0 else f"c{i - 1}") for i in range(size)
    ]
    articles = [
        Article(
            id=f"a{i}",
            slug=f"a{i}",
            title="A",
            status=ArticleStatus.PUBLISHED,
            published=when + timedelta(minutes=i),
            category_ids=(f"c{size - 1}", f"c{i}") if pairs and i < size - 1 else (f"c{size - 1}",),
        )
        for i in range(size)
    ]
    site = Site(name="S", base_url="https://example.org")

    def run() -> object:
        corpus = Corpus(site=site, categories=categories, articles=articles)  # indexes built per call
        index = taxonomy_index(corpus)
        return index.tree(as_of=datetime(2025, 1, 1, tzinfo=timezone.utc)), index.counts("c0", as_of=when)

    return run


family("taxonomy index, n articles each in the bottom and one other category of an n-deep chain", 8_000)(
    lambda size: _counts_deep_chain(size, pairs=True)
)
family("taxonomy index, n articles at the bottom of an n-deep chain", 8_000)(
    lambda size: _counts_deep_chain(size, pairs=False)
)


# ---- memory: a long-running process stays flat (issue 9, part 8)


def _rss_mb() -> float:
    """Resident memory of this process now, in MB (VmRSS)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")  # pragma: no cover - not Linux


def soak_figures(builds: int) -> None:
    """Build ``builds`` article pages of the bundled sample, ``as_of`` a minute later each time.

    ``as_of`` ends at the sample's ``SEED_AS_OF``, so articles become visible along the way, as
    on a live site whose server passes the current time.  Prints resident memory at the start,
    after the first page (which builds the indexes), after a tenth and a half of the builds and at
    the end,
    and the median time per page.
    """
    import random
    import statistics
    from datetime import timedelta

    from newsmodel.pages.page import build_article_page
    from newsmodel.sample import SEED_AS_OF, load_bundled

    corpus = load_bundled()
    first_as_of = SEED_AS_OF - timedelta(minutes=builds)
    pool = [a.id for a in corpus.visible(first_as_of)]
    rng = random.Random(9)
    print(f"articles {len(corpus):,}; {builds:,} page builds, as_of from {first_as_of} to {SEED_AS_OF}")
    print(f"RSS at start (sample loaded): {_rss_mb():.1f} MB")
    seconds: list[float] = []
    for i in range(builds):
        as_of = first_as_of + timedelta(minutes=i + 1)
        article_id = rng.choice(pool)
        start = time.perf_counter()
        build_article_page(corpus, article_id, as_of=as_of)
        seconds.append(time.perf_counter() - start)
        if i == 0:
            print(f"RSS after the first page ({seconds[0]:.2f} s, builds the indexes): {_rss_mb():.1f} MB")
        if i + 1 in (max(1, builds // 10), max(1, builds // 2)):
            print(f"RSS after {i + 1:,} pages: {_rss_mb():.1f} MB")
    rest = seconds[1:] or seconds
    entries = len(corpus._cache)  # the indexes attached to the corpus
    print(f"RSS at the end, after {builds:,} pages: {_rss_mb():.1f} MB; indexes cached on the corpus: {entries}")
    print(
        f"time per page: median {statistics.median(rest) * 1e3:.2f} ms, max {max(rest) * 1e3:.1f} ms (after the first)"
    )


@report("soak: 10,000 page builds with a moving as_of")
def _soak(quick: bool) -> None:
    soak_figures(1_000 if quick else 10_000)


# ---- XML in and out (the WXR prolog check)


def _wxr_after(prolog: bytes) -> Runner:
    import io

    from newsmodel.io.wxr import read_wxr

    data = (
        b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + b'<rss version="2.0"'
        b' xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title>'
        b"<link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version></channel></rss>"
    )
    return lambda: read_wxr(io.BytesIO(data))


@family("WXR prolog: n processing instructions before <rss>", 400_000)
def _wxr_prolog_pis(n: int) -> Runner:
    return _wxr_after(b"<?pi x?>" * n)  # 8 bytes each: 400,000 are 3.2 MB


@family("WXR prolog: n comments before <rss>", 400_000)
def _wxr_prolog_comments(n: int) -> Runner:
    return _wxr_after(b"<!--c-->" * n)


# ---- URL safety (newsmodel.values.safeurl): a URL's scheme is read once, entities decoded once


@family("safeurl-entities", 20_000)
def _safeurl_entities(size: int) -> Runner:
    from newsmodel.values.safeurl import is_safe_url

    url = "&#106;" * size + "avascript:alert(1)"  # the decoded reading is needed, and long
    return lambda: is_safe_url(url)


@family("safeurl-controls", 20_000)
def _safeurl_controls(size: int) -> Runner:
    from newsmodel.values.safeurl import is_safe_url

    url = "\t\n " * size + "javascript:" + "a" * size
    return lambda: is_safe_url(url)


@family("feed-hostile-links", 500)
def _feed_hostile_links(size: int) -> Runner:
    from newsmodel.io.feeds import read_feed

    items = "".join(
        f"<item><title>T{i}</title><link> JaVa&#x09;ScRiPt:alert({i})</link><guid>g{i}</guid>"
        "<pubDate>Tue, 16 Dec 2025 09:00:00 GMT</pubDate></item>"
        for i in range(size)
    )
    feed = f'<rss version="2.0"><channel><title>H</title><link>javascript:x</link>{items}</channel></rss>'.encode()
    return lambda: read_feed(feed)


# ---- linear: bodies and pages (issue 9, part 2)
# Unclosed constructs at the end of a body were each a scan to the end of the input (the HTML
# depth pre-scan, html.parser in the sanitizer, now on lexbor); a page in a deep category chain walked and
# encoded every category's path.


def _parse_html_of(unit: str) -> Builder:
    def build(size: int) -> Runner:
        from newsmodel.bodies.htmlparse import parse_html

        html = "<p>intro</p>" + unit * size
        return lambda: parse_html(html)

    return build


for _unit in ("<script>", "<title>", "<!--", "<a"):
    family(f"parse_html unclosed {_unit}", 40_000)(_parse_html_of(_unit))


@family("parse_html heading: a line break, then a run of spaces", 400_000)
def _heading_spaces(size: int) -> Runner:
    from newsmodel.bodies.htmlparse import parse_html

    html = "<h2>a\nb" + " " * size + "c</h2>"  # was quadratic in the run (the formatting pattern)
    return lambda: parse_html(html)


@family("parse_html paragraph of many text pieces", 200_000)
def _many_pieces(size: int) -> Runner:
    from newsmodel.bodies.htmlparse import parse_html

    html = "<p>" + "y<wbr>" * size  # each piece copied the text so far
    return lambda: parse_html(html)


@family("markdown heading with a run of spaces, {# in the text", 400_000)
def _markdown_heading_id(size: int) -> Runner:
    from newsmodel.bodies.mdparse import parse_markdown

    text = "# a" + " " * size + "b\n\n{#"  # the {#id} pattern was tried from every space
    return lambda: parse_markdown(text)


@family("TOC, python-markdown anchors of equal headings", 4_000)
def _pymd_equal_headings(size: int) -> Runner:
    from newsmodel.bodies.htmlparse import parse_html
    from newsmodel.bodies.toc import build_toc

    body = parse_html("<h2>Update</h2>" * size)  # the n-th walked n anchors again
    return lambda: build_toc(body, style="python-markdown", min_headings=1)


@family("markdown raw html unclosed", 40_000)
def _markdown_unclosed(size: int) -> Runner:
    from newsmodel.bodies.mdparse import parse_markdown

    text = "Intro.\n\n" + "<script>" * size
    return lambda: parse_markdown(text)


@family("sanitize_html hostile", 400_000)
def _sanitize_hostile(size: int) -> Runner:
    from newsmodel.bodies.sanitize import sanitize_html

    html = "<p>x</p>" + "<a b='<!--" * (size // 2)
    return lambda: sanitize_html(html)


@family("WXR import of a body with unclosed <script>", 20_000)
def _wxr_unclosed_script(size: int) -> Runner:
    import io

    from newsmodel.io.wxr import read_wxr

    body = "<p>intro</p>" + "<script>" * size
    xml = (
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>S</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>"
        "<item><title>Hello</title><content:encoded><![CDATA[" + body + "]]></content:encoded>"
        "<wp:post_id>7</wp:post_id><wp:post_date>2025-12-16 18:00:00</wp:post_date>"
        "<wp:post_date_gmt>2025-12-16 09:00:00</wp:post_date_gmt><wp:post_name>hello</wp:post_name>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>"
    ).encode()
    return lambda: read_wxr(io.BytesIO(xml))


@family("WXR autop: whitespace inside a br", 400_000)
def _autop_br_whitespace(size: int) -> Runner:
    from newsmodel.io.wp.autop import autop

    text = "a<br" + " " * size + ">b"  # was quadratic in the spaces (the pattern of two br in a row)
    return lambda: autop(text)


@family("article page, category chain depth n", 2_000, output_power=2)
def _page_category_chain(size: int) -> Runner:
    from datetime import datetime, timezone

    from newsmodel.pages.page import build_article_page
    from newsmodel.values.corpus import Corpus
    from newsmodel.values.model import Article, ArticleStatus, Category, Site

    site = Site(name="S", base_url="https://example.org")
    when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    categories = [
        Category(id=f"c{i}", slug=f"c{i}", name=f"C{i}", parent_id=None if i == 0 else f"c{i - 1}") for i in range(size)
    ]
    article = Article(
        id="a", slug="a", title="A", status=ArticleStatus.PUBLISHED, published=when, category_ids=(f"c{size - 1}",)
    )

    def run() -> object:
        corpus = Corpus(site=site, categories=categories, articles=[article])  # indexes built per page
        return build_article_page(corpus, "a", as_of=datetime(2025, 1, 1, tzinfo=timezone.utc))

    return run


# ---- linear2: categories parents first, category counts in a deep chain (issue 9, part 2)
# CorpusBuilder placed one category per pass over a chain given children first; the taxonomy
# index adds each article to every ancestor's list (articles x depth).


@family("CorpusBuilder, category chain given children first", 4_000)
def _builder_chain_children_first(size: int) -> Runner:
    from newsmodel.values.builder import CorpusBuilder
    from newsmodel.values.model import Category, Site

    categories = [
        Category(id=f"c{i}", slug=f"c{i}", name=f"C{i}", parent_id=None if i == 0 else f"c{i - 1}") for i in range(size)
    ][::-1]

    def run() -> object:
        b = CorpusBuilder(site=Site(name="S", base_url="https://example.org"))
        for c in categories:
            b.add_category(c)
        return b.build()

    return run


# ---- patterns: regular expressions that backtracked, strings copied at every step (a third round)


@family("WXR login of many '&' (sanitize_login)", 400_000)
def _login_ampersands(size: int) -> Runner:
    from newsmodel.io.wp.wxr_items import sanitize_login

    text = "&" * size  # "&.+?;" searched from every "&" to the end of the line
    return lambda: sanitize_login(text)


@family("WXR menu classes with a string left open", 200_000)
def _classes_left_open(size: int) -> Runner:
    from newsmodel.io.wp.wxr_menus import php_string_list

    text = "a:1:{" + 'i:0;s:0:"' * size + "}"  # each string searched for its end to the text's end
    return lambda: php_string_list(text)


@family("permalink readings of a long link", 40_000)
def _long_link_readings(size: int) -> Runner:
    from newsmodel.values.permalinks import _readings, _Values

    values = _Values(single=(("postname", "a"), ("post_id", "1")), category=(("a", "c1"),))
    path = "a/" * (size // 2)  # each reading's pattern was copied at every step
    return lambda: _readings(path, values)


@family("WXR menu: a chain of parents into a cycle, placed from its far end", 100_000)
def _menu_parent_chain(size: int) -> Runner:
    from newsmodel.io.report import ImportReportBuilder
    from newsmodel.io.wp.wxr_menus import WxrMenus
    from newsmodel.values.site import MenuItem

    items = [MenuItem(id=f"m{i}", label="x", parent_id=f"m{i + 1}") for i in range(size)]
    items += [MenuItem(id=f"m{size}", label="x", parent_id=f"m{size + 1}")]
    items += [MenuItem(id=f"m{size + 1}", label="x", parent_id=f"m{size}")]  # each item walked the chain again
    return lambda: WxrMenus("menus.xml", ImportReportBuilder())._repair_parents(items, {})


@family("router: three tokens in one segment, a path failing after it", 400_000)
def _router_three_tokens(size: int) -> Runner:
    from datetime import datetime, timezone

    from newsmodel.pages.router import Router
    from newsmodel.values.corpus import Corpus
    from newsmodel.values.model import Article, Author, Byline, Permalinks, Site

    site = Site(name="S", base_url="https://e.org", permalinks=Permalinks(article="/%postname%-%post_id%-%author%/"))
    when = datetime(2025, 1, 1, tzinfo=timezone.utc)
    article = Article(id="1", slug="a", title="A", published=when, bylines=(Byline(author_id="w"),))
    router = Router(Corpus(site=site, authors=[Author(id="w", slug="w", name="W")], articles=[article]))
    path = "/" + "-" * size + "/x/"  # cubic in the segment when matched as one regex
    return lambda: router.resolve(path, as_of=when)


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

    from newsmodel.io.wordpress import Fetcher, fetch_site
    from newsmodel.values.errors import WordPressApiError

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


# ---- dask: newsmodel.dask reading a partition that holds one huge line


@family("dask_one_huge_line", 2_000_000)
def _dask_one_huge_line(size: int) -> Runner:
    """A corpus file whose one article line is ``size`` bytes long, read in 64 kB blocks (one thread)."""
    import json
    import os
    import tempfile

    from newsmodel.dask import read_corpus
    from newsmodel.sample import generate
    from newsmodel.serialize import write_corpus

    path = os.path.join(tempfile.mkdtemp(), "huge.jsonl")
    write_corpus(generate(articles=20, short_bodies=True), path)
    with open(path, "rb") as f:
        lines = f.readlines()
    record = json.loads(lines[-5])
    record["title"] = "x" * size
    lines[-5] = json.dumps(record).encode() + b"\n"
    with open(path, "wb") as f:
        f.writelines(lines)

    def run() -> object:
        return read_corpus(path, blocksize=65_536, scheduler="sync").to_corpus()

    return run


def _search_one_long_article(distinct: bool) -> Builder:
    """One article whose body is ``size`` words, every word different (as many word pairs as
    words) or one pair of words again and again, indexed for search (postings and word pairs)."""

    def build(size: int) -> Runner:
        from datetime import datetime, timezone

        from newsmodel.search import SearchIndex
        from newsmodel.values.body import Body, Paragraph, Text
        from newsmodel.values.corpus import Corpus
        from newsmodel.values.model import Article, ArticleStatus, Site

        words = [f"w{i:x}" for i in range(size)] if distinct else ["seoul", "talks"] * (size // 2)
        body = Body(blocks=(Paragraph(content=(Text(text=" ".join(words)),)),))
        article = Article(
            id="a",
            slug="a",
            title="A",
            body=body,
            status=ArticleStatus.PUBLISHED,
            published=datetime(2024, 1, 1, tzinfo=timezone.utc),
        )
        corpus = Corpus(site=Site(name="S", base_url="https://example.org"), articles=[article])
        return lambda: SearchIndex.build(corpus).close()

    return build


family("search index, one article of n different words", 50_000)(_search_one_long_article(True))
family("search index, one article of one word pair n/2 times", 100_000)(_search_one_long_article(False))


# --------------------------------------------------------------------------- the runner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a quarter of every size")
    parser.add_argument("--only", default="", help="run the families whose name contains this text")
    parser.add_argument("--limit", type=float, default=3.0, help="the largest ratio per doubling that passes")
    parser.add_argument(
        "--json-summary", metavar="PATH", default=None, help="also write one row per family as JSON to PATH"
    )
    args = parser.parse_args(argv)
    failed = []
    rows: list[dict[str, str]] = []
    print(f"{'family':<44} {'n':>10} {'t(n)':>9} {'t(2n)':>9} {'t(4n)':>9} {'2n/n':>6} {'4n/2n':>6}")
    for name, n, build, output_power in FAMILIES:
        if args.only not in name:
            continue
        size = max(1, n // 4) if args.quick else n
        times = [cpu_seconds(build(size * k)) for k in (1, 2, 4)]
        ratios = [times[i + 1] / max(times[i], 1e-6) / 2 ** (output_power - 1) for i in range(2)]
        flag = "" if max(ratios) <= args.limit else "  <-- not linear"
        print(
            f"{name:<44} {size:>10,} {times[0]:>8.3f}s {times[1]:>8.3f}s {times[2]:>8.3f}s"
            f" {ratios[0]:>6.2f} {ratios[1]:>6.2f}{flag}"
            + (f"  (output ~ n^{output_power}: ratios per doubling of the output)" if output_power > 1 else "")
        )
        if flag:
            failed.append(name)
        rows.append(
            {
                "figure": f"hostile input: {name} (time per doubling, n = {size:,})",
                "target": f"<= {args.limit:g}",
                "measured": f"{ratios[0]:.2f}, {ratios[1]:.2f}",
                "baseline": f"t(n) {times[0]:.3f} s",
            }
        )
    if args.json_summary:
        with open(args.json_summary, "w", encoding="utf-8") as f:
            json.dump({"script": "bench_hostile.py", "gc": "on", "rows": rows}, f, indent=1)
    for name, run in REPORTS:
        if args.only in name:
            print(f"== {name}")
            run(args.quick)
    if failed:
        print(f"not linear: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
