"""Search: which articles match (against a brute-force oracle), their BM25 scores (against FTS5's
formula written out), filters, CJK text, incremental updates, hostile queries, index files."""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsmodel.bodies.render import render_text
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.search import (
    IndexUpdate,
    MarkedText,
    SearchFilters,
    SearchIndex,
    SearchResults,
    parse_query,
    search_document,
)
from newsmodel.search.index import COLUMN_WEIGHTS, MAX_PER_PAGE
from newsmodel.search.query import MAX_QUERY_LENGTH, MAX_QUERY_TERMS, Query, QueryTerm
from newsmodel.serialize import dumps, loads
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidQuery, InvalidValue, NewsModelError, SearchIndexError, UnknownId
from newsmodel.values.model import Article, Author, Byline, Category, Site, Tag

UTC = timezone.utc
AS_OF = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
SITE = Site(name="S", base_url="https://example.org")
CATEGORIES = (
    Category(id="world", slug="world", name="World"),
    Category(id="asia", slug="asia", name="Asia", parent_id="world"),
    Category(id="korea", slug="korea", name="South Korea", parent_id="asia"),
    Category(id="europe", slug="europe", name="Europe", parent_id="world"),
)


# --------------------------------------------------------------------------- the oracle


def _is_cjk(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK UNIFIED", "HANGUL SYLLABLE", "HIRAGANA", "KATAKANA"))


def oracle_tokens(text: str) -> list[str]:
    """Tokens written independently of the index: accents dropped, lower case, letters and digits
    in runs, each CJK character alone."""
    plain = unicodedata.normalize("NFKD", text)
    plain = unicodedata.normalize("NFC", "".join(ch for ch in plain if unicodedata.category(ch) != "Mn"))
    out: list[str] = []
    run = ""
    for ch in plain:
        if _is_cjk(ch):
            if run:
                out.append(run)
            out.append(ch)
            run = ""
        elif ch.isalnum():
            run += ch.lower()
        else:
            if run:
                out.append(run)
            run = ""
    if run:
        out.append(run)
    return out


def _fields(corpus: Corpus, a: Article) -> list[list[str]]:
    """Each searched field of an article as tokens: title, body, tags, categories, authors."""
    tags = [name for t in dict.fromkeys(a.tag_ids) for name in (corpus.tag(t).name, *corpus.tag(t).aliases)]
    return [
        oracle_tokens(a.title),
        oracle_tokens(render_text(a.body)),
        oracle_tokens("\n".join(tags)),
        oracle_tokens("\n".join(corpus.category(c).name for c in dict.fromkeys(a.category_ids))),
        oracle_tokens("\n".join(corpus.author(x).name for x in dict.fromkeys(a.author_ids))),
    ]


def _count(tokens: list[str], words: list[str], prefix: bool) -> int:
    n = len(words)
    hits = 0
    for i in range(len(tokens) - n + 1):
        window = tokens[i : i + n]
        if window[:-1] == words[:-1] and (window[-1].startswith(words[-1]) if prefix else window[-1] == words[-1]):
            hits += 1
    return hits


def _term_words(term: QueryTerm) -> list[str]:
    return oracle_tokens(" ".join(term.words))


def oracle_matches(corpus: Corpus, query: Query, as_of: datetime, filters: SearchFilters) -> set[str]:
    """The ids of the articles a search must find, by brute force."""
    keep = {a.id for a in corpus.articles if a.is_visible(as_of)}
    if filters.category_id:
        keep &= {a.id for a in corpus.articles_by_category(filters.category_id, descendants=True)}
    if filters.tag_id:
        keep &= {a.id for a in corpus.articles_by_tag(filters.tag_id)}
    if filters.author_id:
        keep &= {a.id for a in corpus.articles_by_author(filters.author_id)}
    out = set()
    for a in corpus.articles:
        if a.id not in keep:
            continue
        if filters.since and a.published and a.published < filters.since:
            continue
        if filters.until and a.published and a.published >= filters.until:
            continue
        fields = _fields(corpus, a)
        if all(any(_count(f, _term_words(t), t.prefix) for f in fields) for t in query.terms):
            out.add(a.id)
    return out


def oracle_scores(corpus: Corpus, query: Query) -> dict[str, float]:
    """FTS5's bm25() written out (fts5_aux.c, fts5Bm25Function): k1 = 1.2, b = 0.75; N and the
    average length over every indexed row; IDF log((N - n + 0.5) / (n + 0.5)), at least 1e-6; a
    row's length counts every column, the filter tokens too."""
    docs = [a for a in corpus.articles if a.counts_from is not None]
    fields = {a.id: _fields(corpus, a) for a in docs}
    length = {}
    for a in docs:
        d = search_document(corpus, a)
        length[a.id] = sum(len(f) for f in fields[a.id]) + len(d.category_ids) + len(d.tag_ids) + len(d.author_ids)
    n_rows = len(docs)
    if not n_rows:
        return {}
    avgdl = sum(length.values()) / n_rows
    weights = [w for _, w in COLUMN_WEIGHTS]
    scores = dict.fromkeys(fields, 0.0)
    for term in query.terms:
        words = _term_words(term)
        counts = {i: [_count(f, words, term.prefix) for f in fs] for i, fs in fields.items()}
        n = sum(1 for c in counts.values() if any(c))
        idf = max(math.log((n_rows - n + 0.5) / (n + 0.5)), 1e-6)
        for i, c in counts.items():
            freq = sum(w * x for w, x in zip(weights, c, strict=True))
            scores[i] += idf * freq * 2.2 / (freq + 1.2 * (0.25 + 0.75 * length[i] / avgdl))
    return scores


def all_hits(index: SearchIndex, query: Query | str, as_of: datetime, filters: SearchFilters) -> list[Any]:
    hits: list[Any] = []
    page = 1
    while True:
        results = index.search(query, as_of=as_of, filters=filters, page=page, per_page=3)
        hits.extend(results.hits)
        if page >= results.pages:
            assert len(hits) == results.total
            return hits
        page += 1


# --------------------------------------------------------------------------- small corpora

WORDS = ("kim", "Kim", "trump", "seoul", "Séoul", "summit", "summer", "sum", "über", "uber", "2026")
WORDS_CJK = ("首尔", "峰会", "首尔峰会", "서울에서", "서울", "東京", "とうきょう")
VOCAB = WORDS + WORDS_CJK
SEPARATORS = (" ", "-", ", ", ". ", "\n", "")


@st.composite
def phrases(draw: Any, min_words: int = 1, max_words: int = 6) -> str:
    words = draw(st.lists(st.sampled_from(VOCAB), min_size=min_words, max_size=max_words))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps, strict=True))
    return text or "x"


@st.composite
def small_corpora(draw: Any) -> Corpus:
    tags = [Tag(id=f"t{i}", slug=f"t{i}", name=draw(phrases(1, 2))) for i in range(3)]
    authors = [Author(id=f"a{i}", slug=f"a{i}", name=draw(phrases(1, 2))) for i in range(2)]
    articles = []
    for i in range(draw(st.integers(1, 8))):
        status = draw(st.sampled_from(["published", "published", "published", "draft", "scheduled"]))
        when = AS_OF + timedelta(days=draw(st.integers(-3, 1)), microseconds=draw(st.sampled_from([0, 1])))
        cats = draw(st.lists(st.sampled_from([c.id for c in CATEGORIES]), max_size=2, unique=True))
        articles.append(
            Article(
                id=f"n{i}",
                slug=f"s{i}",
                title=draw(phrases(0, 4)),
                body=Body(
                    blocks=tuple(
                        Paragraph(content=(Text(text=draw(phrases())),)) for _ in range(draw(st.integers(0, 2)))
                    )
                ),
                published=when,
                status=status,
                tag_ids=tuple(draw(st.lists(st.sampled_from([t.id for t in tags]), max_size=3, unique=True))),
                category_ids=tuple(cats),
                bylines=tuple(
                    Byline(author_id=a) for a in draw(st.lists(st.sampled_from(["a0", "a1"]), max_size=2, unique=True))
                ),
            )
        )
    return Corpus(site=SITE, categories=CATEGORIES, tags=tags, authors=authors, articles=articles)


@st.composite
def queries(draw: Any) -> str:
    terms = []
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        words = draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=3))
        text = draw(st.sampled_from(["-", " "])).join(words)
        if draw(st.booleans()):
            text = f'"{text}"'
        elif draw(st.booleans()):
            cut = draw(st.integers(1, len(text)))
            text = text[:cut].rstrip("- ") + "*"
        terms.append(text)
    return " ".join(terms)


@st.composite
def filter_sets(draw: Any) -> SearchFilters:
    if draw(st.booleans()):
        return SearchFilters()
    return SearchFilters(
        category_id=draw(st.none() | st.sampled_from([c.id for c in CATEGORIES])),
        tag_id=draw(st.none() | st.sampled_from(["t0", "t1", "t2"])),
        author_id=draw(st.none() | st.sampled_from(["a0", "a1"])),
        since=draw(
            st.none() | st.sampled_from([AS_OF - timedelta(days=2), AS_OF - timedelta(days=1, microseconds=-1)])
        ),
        until=draw(st.none() | st.sampled_from([AS_OF, AS_OF - timedelta(days=1)])),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    small_corpora(),
    queries(),
    filter_sets(),
    st.sampled_from([AS_OF, AS_OF - timedelta(days=1), AS_OF + timedelta(days=1)]),
)
@example(
    corpus=Corpus(site=SITE, articles=[Article(id="1", slug="a", title="Seoul-summit", published=AS_OF)]),
    text='"seoul summit"',
    filters=SearchFilters(),
    as_of=AS_OF,
)
def test_the_index_finds_what_the_oracle_finds_and_scores_as_bm25(
    corpus: Corpus, text: str, filters: SearchFilters, as_of: datetime
) -> None:
    try:
        query = parse_query(text)
    except InvalidQuery:
        return
    with SearchIndex.build(corpus) as index:
        hits = all_hits(index, query, as_of, filters)
    assert {h.article_id for h in hits} == oracle_matches(corpus, query, as_of, filters)
    expected = oracle_scores(corpus, query)
    for h in hits:
        assert h.score == pytest.approx(expected[h.article_id], rel=1e-9, abs=1e-12)
    order = [(-h.score, -h.published.timestamp(), h.article_id) for h in hits]
    assert [h.article_id for h in hits] == [
        h.article_id for _, h in sorted(zip(order, hits, strict=True), key=lambda p: p[0])
    ]


# --------------------------------------------------------------------------- ranking sanity


def _corpus(*articles: Article, tags: tuple[Tag, ...] = ()) -> Corpus:
    return Corpus(site=SITE, categories=CATEGORIES, tags=tags, articles=articles)


def _article(i: int, title: str, body: str = "", *, days: int = 0, **kw: Any) -> Article:
    blocks = (Paragraph(content=(Text(text=body),)),) if body else ()
    return Article(
        id=f"n{i}", slug=f"s{i}", title=title, body=Body(blocks=blocks), published=AS_OF - timedelta(days=days), **kw
    )


FILLER = "alpha beta gamma delta epsilon zeta eta theta"


def test_a_title_match_outranks_a_body_match() -> None:
    corpus = _corpus(
        _article(1, "Budget news", f"summit {FILLER}"),
        _article(2, "Summit news", FILLER),
        *(_article(10 + i, "Other", FILLER) for i in range(6)),
    )
    with SearchIndex.build(corpus) as index:
        assert [h.article_id for h in index.search("summit", as_of=AS_OF).hits] == ["n2", "n1"]


def test_more_occurrences_and_rarer_words_rank_higher() -> None:
    corpus = _corpus(
        _article(1, "A", f"summit {FILLER} summit summit"),
        _article(2, "B", f"summit {FILLER} kim kim"),
        _article(3, "C", f"rare {FILLER} kim kim"),
        *(_article(10 + i, "Other", f"{FILLER} kim") for i in range(6)),
    )
    with SearchIndex.build(corpus) as index:
        assert [h.article_id for h in index.search("summit", as_of=AS_OF).hits] == ["n1", "n2"]
        # "rare" is in one article, "summit" in two: the rarer word weighs more.
        assert [h.article_id for h in index.search("kim rare*", as_of=AS_OF).hits] == ["n3"]
        both = index.search("kim summit", as_of=AS_OF).hits
        assert [h.article_id for h in both] == ["n2"]


def test_equal_scores_go_newest_first_then_by_id() -> None:
    corpus = _corpus(
        _article(1, "Summit", days=2),
        _article(2, "Summit", days=1),
        _article(3, "Summit", days=1),
        *(_article(10 + i, "Other") for i in range(4)),
    )
    with SearchIndex.build(corpus) as index:
        hits = index.search("summit", as_of=AS_OF).hits
    assert [h.article_id for h in hits] == ["n2", "n3", "n1"]
    assert len({h.score for h in hits}) == 1


def test_the_seed_article_tops_a_search_for_its_story() -> None:
    corpus = generate(articles=400)
    with SearchIndex.build(corpus) as index:
        for q in ("trump kim", '"leaving seoul"', "trump-kim summit 2026", "Sidel*"):
            assert index.search(q, as_of=SEED_AS_OF).hits[0].article_id == corpus.article_by_slug(SEED_SLUG).id, q


def test_snippets_mark_the_matched_words() -> None:
    body = " ".join(["filler"] * 40) + " the Trump-Kim summit, Séoul " + " ".join(["filler"] * 40)
    corpus = _corpus(_article(1, "Talks in Seoul", body))
    with SearchIndex.build(corpus) as index:
        hit = index.search('seoul "trump kim"', as_of=AS_OF).hits[0]
    assert [p.text for p in hit.title.parts if p.marked] == ["Seoul"]
    assert hit.title.text == "Talks in Seoul"
    assert [p.text for p in hit.snippet.parts if p.marked] == ["Trump-Kim", "Séoul"]
    assert hit.snippet.text.startswith("…") and hit.snippet.text.endswith("…")
    assert "\x02" not in hit.snippet.text and "\u200b" not in hit.snippet.text


def test_marked_text_from_markers() -> None:
    assert MarkedText.from_markers("") == MarkedText()
    parts = MarkedText.from_markers("\x02a\x03\x02b\x03 c").parts
    assert [(p.text, p.marked) for p in parts] == [("a", True), ("b", True), (" c", False)]


# --------------------------------------------------------------------------- what counts, filters


def test_only_articles_that_count_and_are_visible_are_found() -> None:
    corpus = _corpus(
        _article(1, "Summit"),
        _article(2, "Summit draft", status="draft"),
        _article(3, "Summit private", status="private"),
        _article(4, "Summit later", days=-1, status="scheduled"),
        _article(5, "Summit tomorrow", days=-1),
    )
    with SearchIndex.build(corpus) as index:
        # drafts and private articles are not indexed at all; a scheduled post counts once due
        assert len(index) == 3
        assert [h.article_id for h in index.search("summit", as_of=AS_OF).hits] == ["n1"]
        at_tomorrow = index.search("summit", as_of=AS_OF + timedelta(days=1))
        assert sorted(h.article_id for h in at_tomorrow.hits) == ["n1", "n4", "n5"]
        # One microsecond before it is published, an article is not visible (Article.is_visible).
        assert index.search("tomorrow", as_of=AS_OF + timedelta(days=1, microseconds=-1)).total == 0


def test_filters() -> None:
    corpus = Corpus(
        site=SITE,
        categories=CATEGORIES,
        tags=(Tag(id="t1", slug="diplomacy", name="Diplomacy"),),
        authors=(Author(id="a1", slug="victoria-jones", name="Victoria Jones"),),
        articles=(
            _article(1, "Summit", category_ids=("korea",), tag_ids=("t1",), days=3),
            _article(2, "Summit", category_ids=("asia",), days=2),
            _article(3, "Summit", category_ids=("europe",), tag_ids=("t1",), days=1),
            _article(4, "Summit", bylines=(Byline(author_id="a1"),)),
        ),
    )

    def ids(**kw: Any) -> list[str]:
        return sorted(h.article_id for h in index.search("summit", as_of=AS_OF, filters=SearchFilters(**kw)).hits)

    with SearchIndex.build(corpus) as index:
        assert ids(category_id="asia") == ["n1", "n2"]  # Korea is under Asia
        assert ids(category_id="world") == ["n1", "n2", "n3"]
        assert ids(category_id="korea") == ["n1"]
        assert ids(tag_id="t1") == ["n1", "n3"]
        assert ids(tag_id="t1", category_id="asia") == ["n1"]
        assert ids(author_id="a1") == ["n4"]
        assert ids(since=AS_OF - timedelta(days=2), until=AS_OF) == ["n2", "n3"]
        assert index.facet_id("category", "korea") == "korea"
        assert index.facet_id("tag", "diplomacy") == "t1"
        assert index.facet_id("author", "victoria-jones") == "a1"
        # A filter never changes a score: the facets column weighs 0.
        plain = {h.article_id: h.score for h in index.search("summit", as_of=AS_OF).hits}
        filtered = index.search("summit", as_of=AS_OF, filters=SearchFilters(tag_id="t1")).hits
        assert all(h.score == plain[h.article_id] for h in filtered)
        with pytest.raises(UnknownId, match="no category 'nowhere'"):
            index.search("summit", as_of=AS_OF, filters=SearchFilters(category_id="nowhere"))
        with pytest.raises(UnknownId, match="no tag with the id or slug 'nope'"):
            index.facet_id("tag", "nope")


def test_a_category_slug_shared_by_two_categories_needs_the_id() -> None:
    cats = (
        *CATEGORIES,
        Category(id="x1", slug="capital", name="Capital", parent_id="asia"),
        Category(id="x2", slug="capital", name="Capital", parent_id="europe"),
    )
    corpus = Corpus(site=SITE, categories=cats, articles=[_article(1, "Summit", category_ids=("x2",))])
    with SearchIndex.build(corpus) as index, pytest.raises(UnknownId, match=r"names 2 categorys|names 2 category"):
        index.facet_id("category", "capital")


def test_paging() -> None:
    corpus = _corpus(*(_article(i, "Summit", days=i) for i in range(25)))
    with SearchIndex.build(corpus) as index:
        pages = [index.search("summit", as_of=AS_OF, page=p, per_page=10) for p in (1, 2, 3, 4)]
    assert [len(r.hits) for r in pages] == [10, 10, 5, 0]
    assert {r.total for r in pages} == {25} and pages[0].pages == 3
    assert [h.article_id for r in pages for h in r.hits] == [f"n{i}" for i in range(25)]
    with SearchIndex.build(corpus) as index:
        for bad in ({"page": 0}, {"per_page": MAX_PER_PAGE + 1}, {"per_page": True}):
            with pytest.raises(InvalidValue, match="must be a whole number"):
                index.search("summit", as_of=AS_OF, **bad)
        with pytest.raises(NewsModelError, match="aware"):
            index.search("summit", as_of=datetime(2026, 1, 1))


# --------------------------------------------------------------------------- CJK and other scripts


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        ("特朗普与金正恩的首尔峰会将于2026年举行", "首尔", True),
        ("特朗普与金正恩的首尔峰会将于2026年举行", "首尔峰会", True),
        ("特朗普与金正恩的首尔峰会将于2026年举行", "峰", True),
        ("特朗普与金正恩的首尔峰会将于2026年举行", "尔首", False),
        ("特朗普与金正恩的首尔峰会将于2026年举行", "2026", True),
        ("東京で首脳会談が開かれた", "首脳会談", True),
        ("東京で首脳会談が開かれた", "とうきょう", False),
        ("서울에서 정상회담이 열렸다", "서울", True),
        ("서울에서 정상회담이 열렸다", "정상회담", True),
        ("ＡＢＣ news in fullwidth", "abc", True),
        ("Ｓｅｏｕｌ", "seoul", True),
        ("Überraschung in Zürich", "zurich uberraschung", True),
        ("naïve café", "cafe naive", True),
    ],
)
def test_cjk_and_accented_text_is_searchable(text: str, query: str, found: bool) -> None:
    corpus = _corpus(_article(1, "t", text), _article(2, "other", "nothing"))
    with SearchIndex.build(corpus) as index:
        hits = index.search(query, as_of=AS_OF).hits
    assert [h.article_id for h in hits] == (["n1"] if found else [])
    if found and any(_is_cjk(c) for c in query):
        marked = "".join(p.text for p in hits[0].snippet.parts if p.marked)
        assert marked == query  # the CJK characters, marked together, spacers taken out


# --------------------------------------------------------------------------- incremental update


def test_update_reindexes_only_what_changed(tmp_path: Path) -> None:
    tags = (Tag(id="t1", slug="diplomacy", name="Diplomacy"),)
    base = [
        _article(1, "Summit one", tag_ids=("t1",)),
        _article(2, "Summit two"),
        _article(3, "Summit three"),
        _article(4, "Summit four"),
        _article(5, "Summit five", tag_ids=("t1",)),
    ]
    path = tmp_path / "index.sqlite"
    with SearchIndex.build(_corpus(*base, tags=tags), path) as index:
        assert len(index) == 5

    def rowids() -> dict[str, int]:
        with sqlite3.connect(path) as db:
            return dict(db.execute("SELECT article_id, rowid FROM docs").fetchall())

    before = rowids()
    changed = [
        attrs.evolve(base[0], title="Summit one, retitled"),
        base[1],
        attrs.evolve(base[2], status="draft"),  # unpublished: removed from the index
        # base[3] deleted
        base[4],
        _article(6, "Summit six"),
    ]
    renamed = (Tag(id="t1", slug="diplomacy", name="Diplomacy and talks"),)  # n5's document changes too
    with SearchIndex.open(path) as index:
        report = index.update(_corpus(*changed, tags=renamed))
        assert report == IndexUpdate(added=1, changed=2, removed=2, unchanged=1)
        assert sorted(h.article_id for h in index.search("summit", as_of=AS_OF, per_page=10).hits) == [
            "n1",
            "n2",
            "n5",
            "n6",
        ]
        assert [h.article_id for h in index.search("retitled", as_of=AS_OF).hits] == ["n1"]
        assert sorted(h.article_id for h in index.search("talks", as_of=AS_OF).hits) == ["n1", "n5"]
        assert index.search("four", as_of=AS_OF).total == 0
        assert index.update(_corpus(*changed, tags=renamed)) == IndexUpdate(added=0, changed=0, removed=0, unchanged=4)
    after = rowids()
    assert after["n2"] == before["n2"] and after["n1"] == before["n1"]  # kept in place, not re-added
    # The updated file answers exactly as an index built from scratch.
    fresh = SearchIndex.build(_corpus(*changed, tags=renamed))
    with SearchIndex.open(path) as index:
        for q in ("summit", "talks", "diplomacy", "one", "six"):
            assert index.search(q, as_of=AS_OF) == fresh.search(q, as_of=AS_OF)
    fresh.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_corpora(), small_corpora(), queries())
def test_an_updated_index_equals_a_fresh_one(first: Corpus, second: Corpus, text: str) -> None:
    try:
        query = parse_query(text)
    except InvalidQuery:
        return
    with SearchIndex.build(first) as index:
        index.update(second)
        with SearchIndex.build(second) as fresh:
            for as_of in (AS_OF, AS_OF + timedelta(days=2)):
                assert index.search(query, as_of=as_of, per_page=20) == fresh.search(query, as_of=as_of, per_page=20)


# --------------------------------------------------------------------------- hostile queries

HOSTILE = [
    '"',
    '""',
    '"""',
    "*",
    "**",
    "summit**",
    '"summit"*',
    "NEAR(summit kim)",
    "NEAR(summit kim, 2)",
    "summit AND kim",
    "summit OR kim",
    "summit NOT kim",
    "-summit",
    "title:summit",
    "{title}: summit",
    "^summit",
    "summit +kim",
    "(summit",
    "summit)",
    "'; DROP TABLE docs; --",
    "summit' OR '1'='1",
    'summit" OR "1"="1',
    "\x00summit",
    "\ud800summit",
    "\x02summit\x03",
    "summit\u200bkim",
    "the of and a",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_give_an_answer_or_the_documented_error(text: str) -> None:
    corpus = _corpus(_article(1, "Summit with Kim", "the of and a"), _article(2, "Budget", "nothing"))
    with SearchIndex.build(corpus) as index:
        try:
            results = index.search(text, as_of=AS_OF)
        except InvalidQuery:
            assert not re.search(r"[^\W_]", text.replace("\ud800", ""))  # only a query without words is refused
            return
        assert len(index) == 2  # no statement ran but the search
        query = parse_query(text)
        assert {h.article_id for h in results.hits} == oracle_matches(corpus, query, AS_OF, SearchFilters())


def test_stop_words_alone_are_searched_like_any_word() -> None:
    corpus = _corpus(_article(1, "The summit", "of the people"), _article(2, "Budget", "nothing"))
    with SearchIndex.build(corpus) as index:
        assert [h.article_id for h in index.search("the of", as_of=AS_OF).hits] == ["n1"]


def test_long_queries_are_refused_with_a_clear_error() -> None:
    with pytest.raises(InvalidQuery, match=f"at most {MAX_QUERY_LENGTH}"):
        parse_query(" ".join(["summit"] * 10_000))
    words = " ".join(f"w{i}" for i in range(MAX_QUERY_TERMS + 1))
    with pytest.raises(InvalidQuery, match=f"has {MAX_QUERY_TERMS + 1} terms; at most {MAX_QUERY_TERMS}"):
        parse_query(words)
    assert len(parse_query(" ".join(["summit"] * 100)).terms) == 1  # repeats count once
    with pytest.raises(InvalidQuery, match="expected a string"):
        parse_query(b"summit")  # type: ignore[arg-type]


def test_query_parsing() -> None:
    def terms(text: str) -> list[tuple[tuple[str, ...], bool]]:
        return [(t.words, t.prefix) for t in parse_query(text).terms]

    assert terms('"seoul summit" kim') == [(("seoul", "summit"), False), (("kim",), False)]
    assert terms('"seoul summ"* kim*') == [(("seoul", "summ"), True), (("kim",), True)]
    assert terms("U.S. trump-kim") == [(("U", "S"), False), (("trump", "kim"), False)]
    assert terms("sum*mit") == [(("sum", "mit"), False)]
    assert terms("kim-*") == [(("kim",), False)]  # the star must follow a letter or digit
    assert terms("Kim kim KIM") == [(("Kim",), False)]
    assert terms("kim kim*") == [(("kim",), False), (("kim",), True)]
    assert terms("首尔峰会") == [(("首", "尔", "峰", "会"), False)]
    assert terms('"unclosed phrase') == [(("unclosed", "phrase"), False)]
    assert parse_query('a"b"c').fts5() == '"a" AND "b" AND "c"'
    with pytest.raises(InvalidQuery, match="is not one word"):
        QueryTerm(words=("two words",))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | st.lists(st.sampled_from([*HOSTILE, *VOCAB, " ", "*", '"']), max_size=30).map("".join))
def test_any_text_query_gives_results_or_invalid_query(text: str) -> None:
    try:
        results = _HOSTILE_INDEX.search(text, as_of=AS_OF)
    except InvalidQuery:
        return
    assert isinstance(results, SearchResults)


_HOSTILE_INDEX = SearchIndex.build(generate(articles=60))


# --------------------------------------------------------------------------- index files


def test_index_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no search index"):
        SearchIndex.open(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SearchIndexError, match="is not a search index"):
        SearchIndex.open(junk)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(SearchIndexError, match="is not a newsmodel search index"):
        SearchIndex.open(other, create=True)
    path = tmp_path / "index.sqlite"
    SearchIndex.build(_corpus(_article(1, "Summit")), path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(SearchIndexError, match="has version 99"):
        SearchIndex.open(path)


def test_notes_are_kept_with_the_index(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    with SearchIndex.build(_corpus(_article(1, "Summit")), path) as index:
        assert index.get_note("k") is None
        index.set_note("k", "v")
    with SearchIndex.open(path) as index:
        assert index.get_note("k") == "v"
        assert repr(index) == f"<SearchIndex {str(path)!r}: 1 articles>"


# --------------------------------------------------------------------------- values


def test_search_results_round_trip_through_json() -> None:
    corpus = generate(articles=100)
    with SearchIndex.build(corpus) as index:
        results = index.search(
            "trump kim", as_of=SEED_AS_OF, filters=SearchFilters(since=SEED_AS_OF - timedelta(days=90))
        )
    assert results.hits
    assert loads(dumps(results), SearchResults) == results


def test_values_refuse_bad_fields() -> None:
    with pytest.raises(InvalidValue, match=r"SearchResults\.page: expected a whole number of at least 1, got 0"):
        SearchResults(query="q", page=0)
    with pytest.raises(NewsModelError, match=r"SearchFilters\.since: naive datetime"):
        SearchFilters(since=datetime(2025, 1, 1))


def test_documents_name_the_article_that_does_not_count() -> None:
    corpus = _corpus(_article(1, "Draft", status="draft"))
    with pytest.raises(InvalidValue, match="article 'n1' does not count"):
        search_document(corpus, corpus.article("n1"))
