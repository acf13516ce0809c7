"""The read-only WordPress REST API of ``newsmodel serve``: WordPress's parameters and errors,
and the proof that our own importer reads a served corpus back equal (see docs/serve.md for
what "equal" leaves out: what the REST shape has no field for)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from newsmodel.io.wp.fetch import Fetcher, fetch_site
from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.serve.app import create_app
from newsmodel.serve.server import serving
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, Author, Byline, Category, Site, Tag


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return generate(articles=150, short_bodies=True)


@pytest.fixture(scope="module")
def server(corpus: Corpus) -> Iterator[str]:
    with serving(make=lambda url: create_app(corpus, as_of=SEED_AS_OF, base_url=url, related=False)) as url:
        yield url


def get(url: str) -> tuple[int, dict[str, str], Any]:
    try:
        with urllib.request.urlopen(url) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, {k.lower(): v for k, v in exc.headers.items()}, json.loads(exc.read())


def test_index_names_the_site_and_its_zone(server: str, corpus: Corpus) -> None:
    status, headers, index = get(f"{server}/wp-json/")
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert index["name"] == corpus.site.name
    assert index["timezone_string"] == corpus.site.timezone
    assert index["url"] == server


def test_paging_headers_and_per_page(server: str, corpus: Corpus) -> None:
    public = [a for a in corpus.articles if a.kind == "post" and a.is_public(SEED_AS_OF)]
    status, headers, posts = get(f"{server}/wp-json/wp/v2/posts?per_page=7&page=2&utm_source=x")
    assert status == 200
    assert int(headers["x-wp-total"]) == len(public)
    assert int(headers["x-wp-totalpages"]) == -(-len(public) // 7)
    assert len(posts) == 7
    assert 'rel="next"' in headers["link"] and 'rel="prev"' in headers["link"]
    newest = sorted(public, key=lambda a: (a.published, int(a.id)), reverse=True)
    assert [p["id"] for p in posts] == [int(a.id) for a in newest[7:14]]


@pytest.mark.parametrize(
    ("query", "code", "param"),
    [
        ("per_page=1000000", "rest_invalid_param", "per_page"),
        ("per_page=0", "rest_invalid_param", "per_page"),
        ("per_page=ten", "rest_invalid_param", "per_page"),
        ("page=-1", "rest_invalid_param", "page"),
        ("page=0", "rest_invalid_param", "page"),
        ("page=9999", "rest_post_invalid_page_number", None),
        ("categories=x", "rest_invalid_param", "categories"),
        ("order=up", "rest_invalid_param", "order"),
    ],
)
def test_bad_parameters_are_wordpress_errors(server: str, query: str, code: str, param: str | None) -> None:
    status, _, error = get(f"{server}/wp-json/wp/v2/posts?{query}")
    assert status == 400
    assert error["code"] == code and error["data"]["status"] == 400
    if param is not None:
        assert list(error["data"]["params"]) == [param]


def test_terms_past_the_last_page_are_an_empty_list(server: str) -> None:
    # WP_REST_Terms_Controller::get_items has no page-number error, unlike the posts controller
    status, headers, tags = get(f"{server}/wp-json/wp/v2/tags?page=9999&per_page=100")
    assert status == 200 and tags == [] and int(headers["x-wp-total"]) > 0


def test_slug_categories_and_embed(server: str, corpus: Corpus) -> None:
    article = next(a for a in corpus.articles if a.kind == "post" and a.is_public(SEED_AS_OF) and a.feature_image)
    status, _, found = get(f"{server}/wp-json/wp/v2/posts?slug={article.slug}&_embed=1")
    assert status == 200 and [p["id"] for p in found] == [int(article.id)]
    embedded = found[0]["_embedded"]
    assert embedded["author"][0]["id"] == int(article.author_ids[0])
    assert [t["id"] for t in embedded["wp:term"][1]] == [int(t) for t in article.tag_ids]
    assert embedded["wp:featuredmedia"][0]["source_url"] == article.feature_image.url  # type: ignore[union-attr]
    category = article.category_ids[0]
    _, headers, in_category = get(f"{server}/wp-json/wp/v2/posts?categories={category}&per_page=100")
    assert all(int(category) in p["categories"] for p in in_category)
    expected = [
        a for a in corpus.articles if a.kind == "post" and a.is_public(SEED_AS_OF) and category in a.category_ids
    ]
    assert int(headers["x-wp-total"]) == len(expected)


def test_items_by_id_and_unknown_routes(server: str, corpus: Corpus) -> None:
    article = next(a for a in corpus.articles if a.kind == "post" and a.is_public(SEED_AS_OF))
    status, headers, post = get(f"{server}/wp-json/wp/v2/posts/{article.id}")
    assert status == 200 and post["slug"] == article.slug and "etag" in headers
    assert get(f"{server}/wp-json/wp/v2/posts/999999999")[2]["code"] == "rest_post_invalid_id"
    hidden = next(a for a in corpus.articles if not a.is_public(SEED_AS_OF))
    assert get(f"{server}/wp-json/wp/v2/posts/{hidden.id}")[0] == 404  # a draft or a scheduled post
    assert get(f"{server}/wp-json/wp/v2/widgets")[2]["code"] == "rest_no_route"
    assert get(f"{server}/wp-json/wp/v2/posts/../../../etc/passwd")[0] == 404


def test_search_endpoint(server: str, corpus: Corpus) -> None:
    article = next(a for a in corpus.articles if a.kind == "post" and a.is_public(SEED_AS_OF))
    word = article.title.split()[0]
    status, headers, hits = get(f"{server}/wp-json/wp/v2/search?search={word}&per_page=100&_embed")
    assert status == 200 and int(headers["x-wp-total"]) == len(hits) > 0
    assert int(article.id) in [h["id"] for h in hits]
    assert all(h["_embedded"]["self"][0]["id"] == h["id"] for h in hits)


# --------------------------------------------------------------------------- the round trip


def _article(a: Article, site: Site) -> Article:
    """What of an article the REST shape carries (see docs/serve.md, "Equal after a round trip")."""
    image = a.feature_image
    return attrs.evolve(
        a,
        modified=a.modified or a.published,  # WordPress always has a post_modified
        primary_category_id=None,  # compared as main_category_id
        language=None,
        source=None,
        canonical_url=None,
        password=None,
        bylines=(Byline(author_id=a.author_ids[0]),) if a.author_ids else (),
        feature_image=None if image is None else attrs.evolve(image, credit=None),
        extra={k: v for k, v in a.extra.items() if not k.startswith("rest:")},
    )


def _author(a: Author) -> Author:
    return attrs.evolve(a, social=(), email=None, extra={k: v for k, v in a.extra.items() if not k.startswith("rest:")})


def _term(t: Category | Tag) -> Category | Tag:
    return attrs.evolve(t, extra={k: v for k, v in t.extra.items() if not k.startswith("rest:")})


def test_our_importer_reads_a_served_corpus_back_equal(corpus: Corpus) -> None:
    with serving(make=lambda url: create_app(corpus, as_of=SEED_AS_OF, base_url=url, related=False)) as url:
        got, report = fetch_site(url, progress=False, fetcher=Fetcher(retries=0))
    assert [w for w in report.warnings if w.code != "timezone"] == []
    assert (got.site.name, got.site.description, got.site.base_url) == (corpus.site.name, corpus.site.description, url)
    assert (got.site.timezone, got.site.permalinks) == (corpus.site.timezone, corpus.site.permalinks)
    public = [a for a in corpus.articles if a.is_public(SEED_AS_OF)]
    assert sorted(a.id for a in got.articles) == sorted(a.id for a in public)
    for a in public:
        b = got.article(a.id)
        assert b.main_category_id == a.main_category_id
        assert _article(b, got.site) == _article(a, corpus.site), a.id
    assert [_author(a) for a in got.authors] == [_author(a) for a in sorted(corpus.authors, key=lambda a: a.name)]
    assert sorted(map(_term, got.categories), key=lambda c: c.id) == sorted(
        map(_term, corpus.categories), key=lambda c: c.id
    )
    assert sorted(map(_term, got.tags), key=lambda t: t.id) == sorted(map(_term, corpus.tags), key=lambda t: t.id)


def test_term_and_author_filters_intersect(server: str, corpus: Corpus) -> None:
    posts = [a for a in corpus.articles if a.kind == "post" and a.is_public(SEED_AS_OF)]
    article = posts[0]
    author, tag, tags = article.author_ids[0], article.tag_ids[0], article.tag_ids[:2]
    query = f"author={author}&tags={','.join(tags)}&categories={article.category_ids[0]}&per_page=100"
    _, headers, found = get(f"{server}/wp-json/wp/v2/posts?{query}")
    expected = [
        a
        for a in posts
        if author in a.author_ids and set(tags) & set(a.tag_ids) and article.category_ids[0] in a.category_ids
    ]
    assert int(article.id) in [p["id"] for p in found]
    assert sorted(p["id"] for p in found) == sorted(int(a.id) for a in expected)
    assert int(headers["x-wp-total"]) == len(expected)
    _, _, by_tag = get(f"{server}/wp-json/wp/v2/posts?tags={tag}&per_page=100")
    newest = sorted((a for a in posts if tag in a.tag_ids), key=lambda a: (a.published, a.id), reverse=True)
    assert [p["id"] for p in by_tag] == [int(a.id) for a in newest]
