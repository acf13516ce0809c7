"""What the remaining caches earn where users see it: pages built with each cache and without it.

Each case patches one cache out (the plain function in its place, in every module that holds a
name for it) and builds the same pages as the baseline with every cache in place, alternating,
best of ``--rounds``, CPU time, garbage collector on (users' default):

- ``dates``: the ``functools.lru_cache`` of ``newsmodel.values.dates`` (Babel locales, month and weekday
  names, formatted days and month-years);
- ``zone``: the ``lru_cache`` of ``Site.wall_clock``'s zone lookup (``newsmodel.values.site``);
- ``teasers``: the page index's memo of article teasers (``PageIndex.teaser``);
- ``widget links``: the memo of the sidebar's linked tag clouds, calendars and archive lists
  (``WidgetLinks``);
- ``tag clouds``: the tag cloud index's memo of its answers (``TagCloudIndex``);
- ``offset memo``: ``OffsetEvidence``'s memo of the (quarter hour, offset) pairs already checked
  (a set that never finds a key), timed inferring the zone of the sample's dates as an import does, and
  of 50,000 posts of a New York site over one year (a busy site: several posts a quarter hour);
- ``extra hashes``: ``Extra``'s cached hash, timed hashing every article of the sample (a set of
  them) three times.

Two caches this script measured at x1.00-1.01 (``tagcloud.natural_key``, building the tag cloud
index) and x0.83-1.08 (the github anchor style's test of a non-ASCII character,
``heading_anchors`` of 2,000 bodies of French, Greek, Korean and Russian headings) were retired;
the two cases stay, timed without a switch.  So was the memo of archive URLs during one export
(``io._common.Links``): x0.99 writing the sample's RSS feed without it.

Two things are timed: the article pages of ``--pages`` articles of the bundled sample, at the
seed page's ``as_of``, without related articles (which use none of these caches), once every
corpus index is built; and the monthly archives of the whole sample from its article list
(``archives(articles, site, as_of=...)``, which groups every post by its day on the site's clock:
the index work a corpus does once).

    PYTHONPATH=src python benchmarks/bench_fast_paths.py --pages 300 --rounds 3
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from newsmodel.bodies.anchors import heading_anchors
from newsmodel.io.timezones import OffsetEvidence
from newsmodel.pages.page import build_article_page
from newsmodel.sample import SEED_AS_OF, load_bundled
from newsmodel.values.body import Body, Heading, Text
from newsmodel.widgets.archives import archives
from newsmodel.widgets.tagcloud import TagCloudIndex

_DATES = ("_babel_dates", "_babel_locale", "weekday_names", "month_name", "_format_day", "format_month_year")
_HOLDERS = ("dates", "calendar", "listing", "archives", "page", "widgets_html")


@contextmanager
def _without(case: str, corpus: Any) -> Iterator[None]:
    saved: list[tuple[Any, str, Any]] = []

    def patch(module: Any, name: str, value: Any) -> None:
        saved.append((module, name, getattr(module, name)))
        setattr(module, name, value)

    if case == "dates":
        dates = importlib.import_module("newsmodel.values.dates")
        for name in _DATES:
            plain = getattr(dates, name).__wrapped__
            for holder in _HOLDERS:
                module = importlib.import_module(f"newsmodel.{holder}")
                if hasattr(module, name):
                    patch(module, name, plain)
    elif case == "zone":
        site = importlib.import_module("newsmodel.values.site")
        patch(site, "_cached_zone", site.site_zone)
    elif case == "teasers":
        page = importlib.import_module("newsmodel.pages.page")
        patch(page.PageIndex, "teaser", lambda self, article: page._teaser(self, article))
    elif case == "tag clouds":
        tagcloud = importlib.import_module("newsmodel.widgets.tagcloud")
        index = corpus.cached(tagcloud.TagCloudIndex.build)  # the one the page index holds

        class _Forget(dict[Any, Any]):
            def __setitem__(self, key: Any, value: Any) -> None:
                pass

        patch(index, "_memo", _Forget())
    elif case == "offset memo":
        timezones = importlib.import_module("newsmodel.io.timezones")
        init = timezones.OffsetEvidence.__init__

        class _Never(set[int]):
            def __contains__(self, key: object) -> bool:
                return False

        def forgetful(self: Any) -> None:
            init(self)
            self._memo = _Never()

        patch(timezones.OffsetEvidence, "__init__", forgetful)
    elif case == "extra hashes":
        fields = importlib.import_module("newsmodel.values._fields")

        def plain_hash(self: Any) -> int:
            return hash(json.dumps(fields.thaw(self), sort_keys=True, ensure_ascii=False))

        patch(fields.Extra, "__hash__", plain_hash)
    elif case == "widget links":
        sidebar = importlib.import_module("newsmodel.widgets.sidebar")
        patch(sidebar.WidgetLinks, "_memo", lambda self, memo, key, make: make(key))
    try:
        yield
    finally:
        for module, name, value in reversed(saved):
            setattr(module, name, value)


def _pages(build: Callable[[str], object], slugs: list[str]) -> float:
    start = time.process_time()
    for slug in slugs:
        build(slug)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus = load_bundled()
    posts = [a for a in corpus.articles if a.kind == "post" and a.is_visible(SEED_AS_OF)]
    slugs = [a.slug for a in posts[: args.pages]]

    def build(slug: str) -> object:
        return build_article_page(corpus, slug, as_of=SEED_AS_OF, related=False)

    def archive(_: str) -> object:
        return archives(corpus.articles, corpus.site, as_of=SEED_AS_OF)

    build(slugs[0])
    headings = ("Économie et société", "Η οικονομία της πόλης", "서울의 주택 가격", "Городской транспорт")
    bodies = [
        Body(blocks=tuple(Heading(level=2, content=(Text(text=f"{h} {i}"),)) for h in headings)) for i in range(2000)
    ]

    def cloud_index(_: str) -> object:
        return TagCloudIndex.build(corpus)

    dates = [a.published for a in corpus.articles if a.published is not None]

    def infer(_: str) -> object:
        evidence = OffsetEvidence()
        for when in dates:
            evidence.add(when)
        return evidence.conclude()

    zone = ZoneInfo("America/New_York")
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    busy = [(start + timedelta(minutes=10.5 * i)).astimezone(zone) for i in range(50_000)]

    def infer_busy(_: str) -> object:
        evidence = OffsetEvidence()
        for when in busy:
            evidence.add(when)
        return evidence.conclude()

    def hashes(_: str) -> object:
        return [len(set(corpus.articles)) for _ in range(3)]

    def anchor(_: str) -> object:
        return [heading_anchors(body) for body in bodies]

    cases: tuple[str, ...] = ("every cache", "dates", "zone", "teasers", "widget links", "tag clouds")
    for what, work, items in (
        ("article pages", build, slugs),
        ("archives of the sample", archive, ["x"] * 5),
        ("tag cloud indexes of the sample", cloud_index, ["x"] * 3),
        ("zone inferences of the sample's dates", infer, ["x"] * 3),
        ("zone inferences of a busy year", infer_busy, ["x"]),
        ("hashes of the sample's articles", hashes, ["x"]),
        ("anchors of 2,000 bodies", anchor, ["x"]),
    ):
        if work in (anchor, cloud_index):
            cases = ("every cache",)
        elif work in (infer, infer_busy):
            cases = ("every cache", "offset memo")
        elif work is hashes:
            cases = ("every cache", "extra hashes")

        best = dict.fromkeys(cases, float("inf"))
        for _ in range(args.rounds):
            for case in cases:
                with _without(case, corpus):
                    best[case] = min(best[case], _pages(work, items))
        base = best["every cache"]
        print(f"{len(items)} x {what}, best of {args.rounds}, CPU time, collector on")
        for case, seconds in best.items():
            label = case if case == "every cache" else f"without the {case} cache"
            print(f"  {label:32} {seconds:.3f} s  {seconds / len(items) * 1e3:.2f} ms each  x{seconds / base:.2f}")


if __name__ == "__main__":
    main()
