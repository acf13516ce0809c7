"""Listing pages: the index agrees with the scan, WordPress's sticky and pagination rules, JSON and
its schema, and the resolver: every link of every view resolves back to the view it names."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel.pages.listing import (
    ListingKey,
    ListingPage,
    PageOutOfRange,
    build_listing_page,
    build_search_page,
    listing_index,
    scan_listing,
)
from newsmodel.pages.page import ArticlePage, build_article_page
from newsmodel.pages.pageschema import listing_page_schema, load_listing_page_schema, validate
from newsmodel.pages.router import ArticleTarget, FeedTarget, ListingTarget, NotFound, Router, router
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.serialize import dumps, loads
from newsmodel.strategies import corpora, permalinks
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidValue, UnknownId
from newsmodel.values.model import Article, Category, Permalinks, Site
from newsmodel.values.slugs import RESERVED_SLUGS
from newsmodel.views.listing_html import listing_page_html
from newsmodel.views.page_html import article_page_html
from newsmodel.widgets.archives import PERIODS

SAMPLE = generate(articles=2000, short_bodies=True)
SCHEMA = load_listing_page_schema()
T0 = datetime(2025, 1, 1, 12, tzinfo=timezone.utc)


def _keys(corpus: Corpus, as_of: datetime) -> list[ListingKey]:
    """Every listing of a corpus that has a page: home, each category, tag, author, and each date
    of a visible article."""
    keys = [ListingKey.home()]
    keys += [ListingKey.category(c.id) for c in corpus.categories]
    keys += [ListingKey.tag(t.id) for t in corpus.tags]
    keys += [ListingKey.author(a.id) for a in corpus.authors]
    zone = corpus.site.zone
    for a in corpus.articles:
        if a.is_visible(as_of):
            d = a.published.astimezone(zone).date()  # type: ignore[union-attr]
            iso = d.isocalendar()
            keys += [
                ListingKey.for_year(d.year),
                ListingKey.for_month(d.year, d.month),
                ListingKey.for_week(iso[0], iso[1]),
                ListingKey.for_day(d.year, d.month, d.day),
            ]
    return list(dict.fromkeys(keys))


def _pages(corpus: Corpus, key: ListingKey, as_of: datetime) -> int:
    total = corpus.cached(listing_index).count(key, as_of=as_of)
    return max(1, -(-total // corpus.site.posts_per_page))


# --------------------------------------------------------------------------- index = scan


@settings(max_examples=60, deadline=None)
@given(
    corpora(max_articles=12, max_categories=5),
    st.integers(min_value=-400, max_value=1200),
    st.integers(min_value=1, max_value=4),
)
def test_index_pages_equal_the_scan(corpus: Corpus, days: int, per_page: int) -> None:
    corpus = _wordpress_slugs(corpus, attrs.evolve(corpus.site, posts_per_page=per_page))
    as_of = datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(days=days)
    index = corpus.cached(listing_index)
    for key in _keys(corpus, as_of):
        pages = _pages(corpus, key, as_of)
        for page in range(1, pages + 2):
            if page > pages:
                with pytest.raises(PageOutOfRange):
                    scan_listing(corpus, key, page=page, as_of=as_of)
                with pytest.raises(PageOutOfRange):
                    index.listing_slice(key, page=page, as_of=as_of)
                continue
            assert index.listing_slice(key, page=page, as_of=as_of) == scan_listing(corpus, key, page=page, as_of=as_of)


@pytest.mark.parametrize("page", [1, 2, 7])
def test_sample_listings_equal_the_scan(page: int) -> None:
    index = SAMPLE.cached(listing_index)
    for key in _keys(SAMPLE, SEED_AS_OF)[:60]:
        if page <= _pages(SAMPLE, key, SEED_AS_OF):
            assert index.listing_slice(key, page=page, as_of=SEED_AS_OF) == scan_listing(
                SAMPLE, key, page=page, as_of=SEED_AS_OF
            )


def _post(i: int, *, sticky: bool = False, cats: tuple[str, ...] = ()) -> Article:
    return Article(
        id=str(i), slug=f"p{i}", title=f"P{i}", published=T0 + timedelta(hours=i), sticky=sticky, category_ids=cats
    )


def _corpus(articles: list[Article], **site: Any) -> Corpus:
    return Corpus(
        site=Site(name="S", base_url="https://e.org", **site),
        categories=[
            Category(id="w", slug="world", name="World"),
            Category(id="a", slug="asia", name="Asia", parent_id="w"),
        ],
        articles=articles,
    )


def test_sticky_posts_lead_the_first_home_page_only() -> None:
    # WP_Query::get_posts: stickies of the page move to the front, the other stickies follow;
    # later pages are as without sticky posts, the page count does not change.
    posts = [_post(i, sticky=i in (1, 5)) for i in range(1, 8)]
    corpus = _corpus(posts, posts_per_page=3)
    as_of = T0 + timedelta(days=1)
    first = build_listing_page(corpus, ListingKey.home(), as_of=as_of)
    assert [p.id for p in first.posts] == ["5", "1", "7", "6"]
    assert first.sticky_ids == ("5", "1")
    assert first.pagination.pages == 3
    second = build_listing_page(corpus, ListingKey.home(), page=2, as_of=as_of)
    assert [p.id for p in second.posts] == ["4", "3", "2"]
    # A category page does not promote sticky posts.
    cat = scan_listing(corpus, ListingKey.home(), page=3, as_of=as_of)
    assert cat.ids == ("1",) and cat.sticky_ids == ()


def test_category_listing_includes_descendants_and_counts_each_post_once() -> None:
    posts = [_post(1, cats=("w",)), _post(2, cats=("a",)), _post(3, cats=("w", "a")), _post(4)]
    corpus = _corpus(posts)
    as_of = T0 + timedelta(days=1)
    page = build_listing_page(corpus, ListingKey.category("w"), as_of=as_of)
    assert [p.id for p in page.posts] == ["3", "2", "1"]
    assert page.pagination.total == 3
    assert [b.label for b in page.breadcrumbs] == ["Home", "World"]
    asia = build_listing_page(corpus, ListingKey.category("a"), as_of=as_of)
    assert [b.label for b in asia.breadcrumbs] == ["Home", "World", "Asia"]
    assert asia.url == "https://e.org/category/world/asia/"


def test_empty_listing_is_a_page_and_past_the_last_is_not() -> None:
    corpus = _corpus([])
    page = build_listing_page(corpus, ListingKey.category("a"), as_of=T0)
    assert page.posts == () and page.pagination.pages == 1 and page.pagination.next_url is None
    with pytest.raises(PageOutOfRange) as info:
        build_listing_page(corpus, ListingKey.category("a"), page=2, as_of=T0)
    assert (info.value.page, info.value.pages) == (2, 1)
    with pytest.raises(InvalidValue, match="page 0"):
        build_listing_page(corpus, ListingKey.home(), page=0, as_of=T0)
    with pytest.raises(UnknownId):
        build_listing_page(corpus, ListingKey.tag("nope"), as_of=T0)


def test_pagination_links_as_paginate_links() -> None:
    corpus = _corpus([_post(i) for i in range(1, 101)], posts_per_page=5)
    page = build_listing_page(corpus, ListingKey.home(), page=10, as_of=T0 + timedelta(days=9))
    p = page.pagination
    assert (p.page, p.pages, p.total) == (10, 20, 100)
    assert [link.page for link in p.links] == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert p.previous_url == "https://e.org/page/9/" and p.next_url == "https://e.org/page/11/"
    assert [link.current for link in p.links].count(True) == 1


def test_listing_json_round_trips_and_fits_the_schema() -> None:
    assert load_listing_page_schema() == listing_page_schema()
    asia = next(c for c in SAMPLE.categories if c.slug == "asia")
    for key in (ListingKey.home(), ListingKey.category(asia.id), ListingKey.for_month(2025, 12)):
        page = build_listing_page(SAMPLE, key, page=2, as_of=SEED_AS_OF)
        data = json.loads(dumps(page))
        assert validate(data, SCHEMA) == []
        assert loads(dumps(page), ListingPage) == page
    broken = json.loads(dumps(page))
    del broken["pagination"]["next_url"]
    assert validate(broken, SCHEMA) == ["$.pagination: missing required property 'next_url'"]


@attrs.frozen
class _Hits:
    ids: tuple[str, ...]
    total: int


def test_search_page_takes_hits_and_a_total() -> None:
    visible = [a for a in SAMPLE.newest_first() if a.is_visible(SEED_AS_OF)]
    hits = _Hits(ids=tuple(a.id for a in visible[:10]), total=25)
    page = build_search_page(SAMPLE, "seoul", hits, page=1, as_of=SEED_AS_OF)
    assert page.title == "Search Results for: “seoul”"
    assert [p.id for p in page.posts] == list(hits.ids)
    assert (
        page.pagination.pages == 3 and page.pagination.next_url == "https://capitalcities.example/search/seoul/page/2/"
    )
    with pytest.raises(PageOutOfRange):
        build_search_page(SAMPLE, "seoul", _Hits(ids=(), total=25), page=4, as_of=SEED_AS_OF)
    with pytest.raises(UnknownId, match=r"hit 0 names the article 'nope'"):
        build_search_page(SAMPLE, "seoul", _Hits(ids=("nope",), total=1), as_of=SEED_AS_OF)
    empty = build_search_page(SAMPLE, "zzz", _Hits(ids=(), total=0), as_of=SEED_AS_OF)
    assert empty.posts == ()


def test_html_takes_every_link_from_the_view() -> None:
    page = build_listing_page(SAMPLE, ListingKey.home(), page=2, as_of=SEED_AS_OF)
    html = listing_page_html(page)
    for url in (page.pagination.previous_url, page.tag_cloud.entries[0].url, page.archives[0].url, page.posts[0].url):
        assert f'href="{url}"' in html or f"href='{url}'" in html
    article = build_article_page(SAMPLE, SEED_SLUG, as_of=SEED_AS_OF)
    html = article_page_html(article)  # no site given: the links are still there
    assert f'href="{article.tag_cloud.entries[0].url}"' in html
    assert f"href='{article.archives[0].url}'" in html


# --------------------------------------------------------------------------- the resolver

_SKIP = frozenset({"share", "image", "feature_image", "source", "social", "avatar_url", "website"})
_LINK_KEYS = frozenset({"url", "first_url", "last_url", "previous_url", "next_url", "feed_url"})


def _links(value: Any, out: set[str]) -> set[str]:
    """Every link URL a view's JSON shows (not share links, images, source or profile links)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k in _SKIP:
                continue
            if k in _LINK_KEYS and isinstance(v, str):
                out.add(v)
            else:
                _links(v, out)
    elif isinstance(value, list):
        for v in value:
            _links(v, out)
    return out


def _wordpress_slugs(corpus: Corpus, site: Site) -> Corpus:
    """The corpus on ``site``, with slugs WordPress would refuse renamed (``wp_unique_post_slug``
    adds a suffix to reserved words and to numbers that read as dates or pages)."""

    def fix(x: Any) -> Any:
        bad = x.slug in RESERVED_SLUGS or x.slug.isdigit()
        return attrs.evolve(x, slug=f"{x.slug}-x") if bad else x

    return Corpus(
        site=site,
        authors=[fix(a) for a in corpus.authors],
        categories=[fix(c) for c in corpus.categories],
        tags=[fix(t) for t in corpus.tags],
        articles=[fix(a) for a in corpus.articles],
    )


def _check_link(r: Router, link: str, as_of: datetime) -> None:
    kept = [a for a in r.corpus.articles if a.canonical_url and r.pages.article_url(a) == link]
    if r.path_of(link) is None:
        # a canonical URL on another site (syndicated content) is a link out, not one of the
        # site's own: there is nothing here to resolve
        assert kept, link
        return
    target = r.resolve(link, as_of=as_of)
    assert not isinstance(target, NotFound), (link, target)
    if kept and not (isinstance(target, ArticleTarget) and target.article_id in {a.id for a in kept}):
        # An article's kept canonical URL (any URL a source gave) that is also the URL of
        # something the structure gives (the home page, a search, a listing): the structure's
        # view wins, as documented in newsmodel.pages.router.
        return
    assert target.url == link
    if isinstance(target, ArticleTarget):
        assert build_article_page(r.corpus, target.article_id, as_of=as_of, related=False).article.url == link
    elif isinstance(target, ListingTarget):
        assert build_listing_page(r.corpus, target.key, page=target.page, as_of=as_of).url == link
    else:
        assert isinstance(target, FeedTarget)


@settings(max_examples=40, deadline=None)
@given(
    corpora(max_articles=8, max_categories=4),
    permalinks(),
    st.integers(min_value=1, max_value=3),
    st.sampled_from(PERIODS),
)
def test_every_link_of_every_view_resolves_to_that_view(
    corpus: Corpus, links: Permalinks, per_page: int, period: Any
) -> None:
    site = attrs.evolve(corpus.site, permalinks=links, posts_per_page=per_page)
    corpus = _wordpress_slugs(corpus, site)
    as_of = datetime(2027, 1, 1, tzinfo=timezone.utc)
    r = router(corpus)
    seen: set[str] = set()
    for key in _keys(corpus, as_of):
        for page in range(1, _pages(corpus, key, as_of) + 1):
            view = build_listing_page(corpus, key, page=page, as_of=as_of, archives_period=period)
            _links(json.loads(dumps(view)), seen)
    for a in corpus.articles:
        # every public article of every kind: a static page links its parents and children
        if a.is_public(as_of):
            view2 = build_article_page(corpus, a.id, as_of=as_of, related=False, archives_period=period)
            _links(json.loads(dumps(view2)), seen)
            target = r.resolve(view2.article.url, as_of=as_of)
            if isinstance(target, ArticleTarget) and target.article_id == a.id:  # else a kept URL lost to a listing
                assert r.view(view2.article.url, as_of=as_of, related=False, archives_period=period) == view2
    for link in sorted(seen):
        _check_link(r, link, as_of)


def test_sample_site_links_resolve() -> None:
    r = SAMPLE.cached(router)
    asia = next(c for c in SAMPLE.categories if c.slug == "asia")
    views: list[ArticlePage | ListingPage] = [
        build_article_page(SAMPLE, SEED_SLUG, as_of=SEED_AS_OF),
        build_listing_page(SAMPLE, ListingKey.home(), page=3, as_of=SEED_AS_OF),
        build_listing_page(SAMPLE, ListingKey.category(asia.id), as_of=SEED_AS_OF),
    ]
    seen: set[str] = set()
    for view in views:
        _links(json.loads(dumps(view)), seen)
    assert len(seen) > 100
    for link in sorted(seen):
        _check_link(r, link, SEED_AS_OF)


def test_bad_input() -> None:
    r = SAMPLE.cached(router)
    base = "https://capitalcities.example"
    home = r.resolve(base + "/", as_of=SEED_AS_OF)
    assert isinstance(home, ListingTarget) and home.key.kind == "home"
    pages = _pages(SAMPLE, ListingKey.home(), SEED_AS_OF)
    zero = r.resolve("/page/0/", as_of=SEED_AS_OF)
    assert isinstance(zero, NotFound) and zero.suggestion == base + "/"
    assert isinstance(r.resolve("/page/-1/", as_of=SEED_AS_OF), NotFound)
    far = r.resolve(f"/page/{10**9}/", as_of=SEED_AS_OF)
    assert isinstance(far, NotFound) and far.suggestion == f"{base}/page/{pages}/"
    url = r.pages.article_url(SAMPLE.article_by_slug(SEED_SLUG))
    for variant in (
        url.rstrip("/"),  # the trailing slash missing
        url + "?utm_source=x#comments",  # a query string and a fragment
        url.replace("/2025/", "/category/../2025/"),  # dot segments
        url.replace(base, ""),  # a path
        url.replace(SEED_SLUG, SEED_SLUG.replace("-", "%2D", 1)),  # percent-encoding
    ):
        found = r.resolve(variant, as_of=SEED_AS_OF)
        assert isinstance(found, ArticleTarget) and found.url == url, variant
    wrong_month = r.resolve(url.replace("/2025/12/", "/2025/11/"), as_of=SEED_AS_OF)
    assert isinstance(wrong_month, NotFound) and wrong_month.suggestion == url
    typo = r.resolve(url.replace("summit", "sumit"), as_of=SEED_AS_OF)
    assert isinstance(typo, NotFound) and typo.suggestion == url
    assert isinstance(r.resolve("https://elsewhere.example/2025/", as_of=SEED_AS_OF), NotFound)
    assert isinstance(r.resolve("/2025/13/", as_of=SEED_AS_OF), NotFound)
    assert isinstance(r.resolve("/1999/", as_of=SEED_AS_OF), NotFound)  # a date archive without posts
    feed = r.resolve("/category/world/asia/feed/atom/", as_of=SEED_AS_OF)
    assert isinstance(feed, FeedTarget) and (feed.kind, feed.format) == ("category", "atom")
    search = r.resolve("/?s=Kim+Jong-un", as_of=SEED_AS_OF)
    assert isinstance(search, ListingTarget) and search.key.query == "Kim Jong-un"
    assert search.url == base + "/search/Kim%20Jong-un/"


def test_unicode_slugs_in_percent_encoded_urls() -> None:
    corpus = Corpus(
        site=Site(name="S", base_url="https://e.org"),
        tags=[],
        categories=[Category(id="c", slug="seoul", name="Seoul")],
        articles=[_post(1, cats=("c",))],
    )
    r = router(corpus)
    assert isinstance(r.resolve("/category/%73eoul/", as_of=T0 + timedelta(days=1)), ListingTarget)
    assert isinstance(r.resolve("/category/%E6%97%A5%E6%9C%AC/", as_of=T0), NotFound)


def test_a_category_wins_over_an_article_with_the_same_path() -> None:
    # WP_Rewrite::rewrite_rules puts the category rules (extra_rules_top) before the post and page
    # rules: with the category base removed, /asia/ is the category.
    site = Site(
        name="S", base_url="https://e.org", permalinks=Permalinks(article="/%postname%/", category="/%category%/")
    )
    corpus = Corpus(
        site=site,
        categories=[Category(id="c", slug="asia", name="Asia")],
        articles=[attrs.evolve(_post(1), slug="asia"), attrs.evolve(_post(2), slug="korea")],
    )
    r = router(corpus)
    as_of = T0 + timedelta(days=1)
    found = r.resolve("/asia/", as_of=as_of)
    assert isinstance(found, ListingTarget) and found.key == ListingKey.category("c")
    assert isinstance(r.resolve("/korea/", as_of=as_of), ArticleTarget)


def test_view_builds_the_view_model() -> None:
    r = SAMPLE.cached(router)
    page = r.view("/2025/12/", as_of=SEED_AS_OF)
    assert isinstance(page, ListingPage) and page.title == "Month: December 2025"
    assert page.calendar.label == "December 2025"
    with pytest.raises(InvalidValue, match="search"):
        r.view("/search/seoul/", as_of=SEED_AS_OF)
    found = r.view("/search/seoul/", as_of=SEED_AS_OF, search=lambda q, page, per_page: _Hits(ids=(), total=0))
    assert isinstance(found, ListingPage) and found.query == "seoul"


@pytest.mark.parametrize(
    ("structure", "path"),
    [
        ("/%postname%-%post_id%-%author%/", "/" + "-" * 1_000_000 + "/x/"),  # three tokens in one segment
        ("/%postname%-%post_id%/%tag%-%author%/", "/" + "-" * 1_000_000 + "/" + "a" * 1_000_000 + "/"),
        ("/%postname%-%post_id%-%author%.html", "/" + "-" * 1_000_000 + "x"),  # failing inside the segment
        ("/%category%/%postname%-%post_id%-%author%/", "/world/" + "-" * 1_000_000 + "/x/"),
        ("/%category%/%category%/%category%/-/", "/" + "a/" * 500_000),  # the category thrice
    ],
    ids=["three-tokens", "two-segments", "in-the-segment", "after-a-category", "three-categories"],
)
def test_a_path_against_tokens_sharing_a_segment_is_read_in_linear_time(structure: str, path: str) -> None:
    # the regex made from a structure with two or more tokens of any length in one segment tried
    # every split of the segment when the path failed after it: quadratic, and cubic with three
    # tokens (see the design notes); such a path is read by _read, in one pass per item
    site = Site(name="S", base_url="https://e.org", permalinks=Permalinks(article=structure))
    corpus = Corpus(site=site, articles=[attrs.evolve(_post(1), slug="korea")])
    r = router(corpus)
    as_of = T0 + timedelta(days=1)
    assert isinstance(r.resolve(path, as_of=as_of), NotFound)


def test_the_linear_reading_of_a_path_gives_the_regexs_groups() -> None:
    # _read gives the match and the groups re.fullmatch gives, on random structures (every
    # token, %category% included) and paths, many made to match
    import random

    from newsmodel.pages._patterns import _TOKEN_RE, _compiled, _Pattern, _read

    rng = random.Random(20261204)
    tokens = ["%postname%", "%post_id%", "%year%", "%monthnum%", "%day%", "%author%", "%tag%", "%category%"]
    literals = ["-", ".", "/", "_", "a", ".html", "p-", "/archives/", "1", "//", "\n"]
    values = ["a", "a-b", "2025", "1", "a.html", "-", "12", "a/b", "٢٠٢٥", "a\nb", "/"]
    matched = 0
    for _ in range(20_000):
        parts = [rng.choice(tokens) if rng.random() < 0.5 else rng.choice(literals) for _ in range(rng.randint(1, 6))]
        text = "".join(parts).strip("/")
        items = _Pattern._items(text, text, [])
        regex = _compiled(items)
        paths = ["".join(rng.choices("-./a1_2h٢\n", k=rng.randint(0, 14)))]
        paths.append(_TOKEN_RE.sub(lambda m: rng.choice(values), text))
        for path in paths:
            whole = regex.fullmatch(path)
            assert _read(items, path) == (None if whole is None else whole.groups()), (text, path)
            matched += whole is not None
    assert matched > 5_000
