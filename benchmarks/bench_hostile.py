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


# ---- linear: bodies and pages (issue 9, part 2)
# Unclosed constructs at the end of a body were each a scan to the end of the input (the HTML
# depth pre-scan, html.parser in the sanitizer); a page in a deep category chain walked and
# encoded every category's path.


def _parse_html_of(unit: str) -> Builder:
    def build(size: int) -> Runner:
        from newsmodel.htmlparse import parse_html

        html = "<p>intro</p>" + unit * size
        return lambda: parse_html(html)

    return build


for _unit in ("<script>", "<title>", "<!--", "<a"):
    family(f"parse_html unclosed {_unit}", 40_000)(_parse_html_of(_unit))


@family("markdown raw html unclosed", 40_000)
def _markdown_unclosed(size: int) -> Runner:
    from newsmodel.mdparse import parse_markdown

    text = "Intro.\n\n" + "<script>" * size
    return lambda: parse_markdown(text)


@family("sanitize_html hostile", 400_000)
def _sanitize_hostile(size: int) -> Runner:
    from newsmodel.sanitize import sanitize_html

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


@family("article page, category chain depth n", 2_000)
def _page_category_chain(size: int) -> Runner:
    from datetime import datetime, timezone

    from newsmodel.corpus import Corpus
    from newsmodel.model import Article, ArticleStatus, Category, Site
    from newsmodel.page import build_article_page

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
