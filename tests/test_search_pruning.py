"""Block-max ranking: the best hits found from the blocks whose bound reaches the k-th best score
are exactly those of ranking every match (same articles, same order, same scores, same total),
on corpora where blocks are actually skipped, after incremental updates too; and the bounds
themselves never fall below a score FTS5 gives."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.search import SearchFilters, SearchIndex, SearchResults, parse_query
from newsmodel.search.bounds import block_factor, idf, read_varints, term_factor
from newsmodel.search.postings import (
    DENSE,
    mask_offsets,
    offsets_mask,
    pack_offsets,
    pack_postings,
    rows_mask,
    unpack_offsets,
    unpack_postings,
)
from newsmodel.search.text import query_words
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidQuery, InvalidValue
from newsmodel.values.model import Article
from test_search import AS_OF, queries, small_corpora

BLOCK = 16  # rows a block: small, so that a corpus of a few thousand articles has many


def both(index: SearchIndex, query: str, **kw: Any) -> tuple[SearchResults, SearchResults, tuple[int, int] | None]:
    """The same search with block-max ranking and with every match scored."""
    index._prune = True
    pruned = index.search(query, **kw)
    plan = index.last_plan
    index._prune = False
    try:
        full = index.search(query, **kw)
    finally:
        index._prune = True
    return pruned, full, plan


def _queries(corpus: Corpus, rng: random.Random) -> list[tuple[str, SearchFilters]]:
    titles = [a.title for a in corpus.articles if a.counts_from is not None]
    words = [w for t in titles for w in query_words(t) if len(w) > 2]
    continents = [c.id for c in corpus.categories if c.parent_id == "1"]
    out: list[tuple[str, SearchFilters]] = []
    for _ in range(25):
        title = query_words(rng.choice(titles))
        i = rng.randrange(len(title) - 1) if len(title) > 1 else 0
        out.append((rng.choice(words), SearchFilters()))
        out.append((f"{title[i]} {rng.choice(title)}", SearchFilters()))
        out.append((f'"{" ".join(title[i : i + 2])}"', SearchFilters()))
        out.append((rng.choice(words), SearchFilters(category_id=rng.choice(continents))))
    return out


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return generate(articles=2500, short_bodies=True)


def _check(index: SearchIndex, cases: list[tuple[str, SearchFilters]]) -> tuple[int, int, int]:
    pruned_searches = scored = candidates = 0
    for text, filters in cases:
        for page, per_page in ((1, 10), (3, 7)):
            for as_of in (SEED_AS_OF, SEED_AS_OF - timedelta(days=20)):
                pruned, full, plan = both(index, text, as_of=as_of, filters=filters, page=page, per_page=per_page)
                assert pruned == full, (text, filters, page, as_of)
                if plan is not None:
                    pruned_searches += 1
                    candidates += plan[0]
                    scored += plan[1]
    return pruned_searches, scored, candidates


def test_block_max_ranking_equals_full_ranking_and_skips_blocks(corpus: Corpus) -> None:
    cases = _queries(corpus, random.Random(3))
    with SearchIndex.build(corpus, block_rows=BLOCK) as index:
        pruned_searches, scored, candidates = _check(index, cases)
    assert pruned_searches >= len(cases)  # most searches went through the bounds
    assert scored < 0.8 * candidates  # and blocks were skipped, so the comparison means something


def test_block_max_ranking_stays_exact_through_updates(corpus: Corpus) -> None:
    rng = random.Random(5)
    articles = list(corpus.articles)
    with SearchIndex.build(corpus, block_rows=BLOCK) as index:
        # Under a tenth touched, so the bounds are not made again but raised: retitle 2% of the
        # articles as strong matches of common words (bounds must grow), remove 2% (bounds stay,
        # loose), add 50 at the end.
        common = [w for t in (a.title for a in articles[:200]) for w in query_words(t) if len(w) > 3][:40]
        edited = []
        for a in articles:
            r = rng.random()
            if r < 0.02:
                continue
            if r < 0.04 and a.counts_from is not None:
                a = attrs.evolve(a, title=" ".join(rng.sample(common, 3)) + " " + rng.choice(common))
            edited.append(a)
        extra = generate(articles=300, seed=9, short_bodies=True).articles
        ids = {a.id for a in edited}
        edited += [attrs.evolve(a, id=f"x{a.id}", slug=f"x-{a.slug}") for a in extra if a.id not in ids][:50]
        second = Corpus(
            site=corpus.site,
            authors=corpus.authors,
            categories=corpus.categories,
            tags=corpus.tags,
            articles=edited,
            menus=corpus.menus,
        )
        report = index.update(second)
        assert report.changed and report.removed and report.added
        cases = _queries(second, random.Random(4)) + [(w, SearchFilters()) for w in common[:10]]
        pruned_searches, scored, candidates = _check(index, cases)
        assert pruned_searches and scored < candidates
        with SearchIndex.build(second, block_rows=BLOCK) as fresh:
            for text, filters in cases[:40]:
                assert index.search(text, as_of=SEED_AS_OF, filters=filters) == fresh.search(
                    text, as_of=SEED_AS_OF, filters=filters
                )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_corpora(), small_corpora(), queries(), st.integers(1, 3))
def test_block_max_ranking_on_tiny_blocks_equals_full_ranking(
    first: Corpus, second: Corpus, text: str, per_page: int
) -> None:
    try:
        parse_query(text)
    except InvalidQuery:
        return
    with SearchIndex.build(first, block_rows=1) as index:
        index.update(second)
        for as_of in (AS_OF, AS_OF + timedelta(days=2)):
            for page in (1, 2):
                pruned, full, _ = both(index, text, as_of=as_of, page=page, per_page=per_page)
                assert pruned == full


def test_every_score_is_under_its_block_bound(corpus: Corpus) -> None:
    """The stored factors bound FTS5's own bm25() of every row of a block, for one-word queries."""
    with SearchIndex.build(corpus, block_rows=BLOCK) as index:
        db = index._db
        averages = index._averages()
        assert averages is not None
        n_rows, avgdl = averages
        assert n_rows == len(index)
        reference = db.execute("SELECT value FROM meta WHERE key = 'reference_length'").fetchone()[0]
        for word in ("the", "said", "summit", "china", "korea"):
            match = f'{{title body tags categories authors}} : ("{word}")'
            hits = db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0]
            bounds = {
                block: idf(n_rows, hits) * block_factor(long, short, reference, avgdl)
                for block, long, short in db.execute(
                    "SELECT block, max_long, max_short FROM term_blocks WHERE term = ?", (word,)
                )
            }
            rows = db.execute(
                "SELECT rowid, -bm25(fts, 5.0, 1.0, 3.0, 2.0, 2.0, 0.0) FROM fts WHERE fts MATCH ?", (match,)
            ).fetchall()
            assert rows
            for rowid, score in rows:
                assert score <= bounds[rowid // BLOCK]
            # and tightly: the best row of a block is within 1% of its bound
            best: dict[int, float] = {}
            for rowid, score in rows:
                best[rowid // BLOCK] = max(best.get(rowid // BLOCK, 0.0), score)
            assert all(bounds[b] <= s * 1.01 for b, s in best.items())


def test_bounds_helpers() -> None:
    assert read_varints(bytes([0xFF] * 8 + [0x01])) == [(2**56 - 1) << 8 | 1]
    with pytest.raises(ValueError, match="truncated"):
        read_varints(bytes([0x81]))
    for avg in (10.0, 39.0, 41.0, 50.0, 62.0, 63.0, 200.0):
        for freq, length in ((1.0, 1), (5.0, 40), (23.0, 300)):
            long, short = term_factor(freq, length, 50.0 * 1.25), term_factor(freq, length, 50.0 * 0.8)
            assert term_factor(freq, length, avg) <= block_factor(long, short, 50.0, avg)


@given(st.sets(st.integers(0, 65535), max_size=300) | st.sets(st.integers(0, 1023)), st.integers(0, 2**32 - 1))
def test_packed_rows_read_back_sparse_or_dense(rows: set[int], freq: int) -> None:
    """Postings and filter rows read back as written, packed as offsets or as a bitmap, whichever
    is smaller; the bitmap form is what the intersection reads."""
    offsets = sorted(rows)
    freqs = [(freq + i) % 2**32 for i in range(len(offsets))]
    blob, facet = pack_postings(offsets, freqs), pack_offsets(offsets)
    dense = bool(offsets) and offsets[-1] // 8 + 3 <= DENSE * 2 * len(offsets)
    assert blob[0] == facet[0] == int(dense)
    assert len(facet) == (offsets[-1] // 8 + 4 if dense else 1) + 2 * len(offsets)
    got_offsets, got_freqs = unpack_postings(blob)
    assert list(got_offsets) == list(unpack_offsets(facet)) == offsets
    assert list(got_freqs) == freqs
    assert rows_mask(blob) == offsets_mask(facet) == sum(1 << o for o in offsets)
    assert mask_offsets(rows_mask(blob)) == offsets


def test_two_words_folding_to_one_token_count_twice_as_in_bm25() -> None:
    """``seoul Séoul`` is two phrases of the same token to FTS5, and bm25() adds both: the ranking
    from postings once scored them as one (half the score)."""
    when = SEED_AS_OF - timedelta(days=1)
    corpus = Corpus(
        site=generate(articles=1).site,
        articles=[
            Article(id="1", slug="a", title="Seoul summit", published=when),
            Article(id="2", slug="b", title="Busan", published=when),
        ],
    )
    with SearchIndex.build(corpus) as index:
        pruned, full, _ = both(index, "seoul Séoul", as_of=SEED_AS_OF)
    assert pruned == full
    assert pruned.hits[0].score > 0


def test_block_rows_must_be_a_positive_whole_number() -> None:
    for bad in (0, -1, 1.5, True):
        with pytest.raises(InvalidValue, match="block_rows must be a whole number"):
            SearchIndex.open(block_rows=bad)  # type: ignore[arg-type]


def test_an_index_of_the_previous_version_is_refused(tmp_path: Any) -> None:
    path = tmp_path / "old.sqlite"
    SearchIndex.build(generate(articles=5), path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 4")
    with pytest.raises(Exception, match="has version 4; this newsmodel reads version 5"):
        SearchIndex.open(path)


def test_words_phrases_and_filters_ranked_from_postings_equal_full_ranking(corpus: Corpus) -> None:
    """Two words, a phrase beside a word, filters by tag, author and dates: ranked from the index's
    own postings (no bm25() call), with the exact count, as ranking every match gives them."""
    rng = random.Random(11)
    titles = [query_words(a.title) for a in corpus.articles if a.counts_from is not None]
    tags = [t.id for t in corpus.tags][:20]
    authors = [a.id for a in corpus.authors][:10]
    continents = [c.id for c in corpus.categories if c.parent_id == "1"]
    cases: list[tuple[str, SearchFilters]] = []
    for _ in range(12):
        title = rng.choice([t for t in titles if len(t) > 2])
        i = rng.randrange(len(title) - 1)
        since = SEED_AS_OF - timedelta(days=rng.randrange(5, 60))
        cases += [
            (f"{title[i]} {rng.choice(title)}", SearchFilters(category_id=rng.choice(continents))),
            (f'"{title[i]} {title[i + 1]}" {rng.choice(title)}', SearchFilters()),
            (f'"{title[i]} {title[i + 1]}"', SearchFilters(category_id=rng.choice(continents))),
            (rng.choice(title), SearchFilters(tag_id=rng.choice(tags))),
            (f"{title[i]} {rng.choice(title)}", SearchFilters(author_id=rng.choice(authors))),
            (rng.choice(title), SearchFilters(since=since, until=since + timedelta(days=3))),
            (f'"{title[i]} {title[i + 1]}"', SearchFilters(since=since)),
            (f'"{" ".join(title[-3:])}"', SearchFilters()),  # three words: FTS5 checks the phrase
        ]
    with SearchIndex.build(corpus, block_rows=BLOCK) as index:
        pruned_searches, scored, candidates = _check(index, cases)
    assert pruned_searches == 4 * len(cases)  # every search went through the postings
    assert scored < candidates


def test_a_phrase_is_counted_once_per_place_it_stands(tmp_path: Any) -> None:
    """A phrase's frequency is read from FTS5's marks; a phrase whose instances can overlap
    (``a a``) is ranked by bm25() instead, as marks would merge them."""
    t = SEED_AS_OF - timedelta(days=1)
    titles = ["seoul talks seoul talks", "seoul talks", "talks seoul seoul talks", "seoul seoul seoul", "seoul seoul"]
    site = generate(articles=1).site
    articles = [
        Article(id=str(i), slug=f"a{i}", title=title, published=t - timedelta(hours=i))
        for i, title in enumerate(titles * 4)
    ]
    corpus = Corpus(site=site, articles=articles)
    with SearchIndex.build(corpus, block_rows=2) as index:
        for text in ('"seoul talks"', '"seoul seoul"', '"talks seoul"', '"seoul seoul" talks', "seoul talks"):
            pruned, full, plan = both(index, text, as_of=SEED_AS_OF)
            assert pruned == full
            assert plan is not None or "seoul seoul" in text
        top = index.search('"seoul talks"', as_of=SEED_AS_OF).hits[0]
        assert top.article_id == "0"  # twice in its title


def test_a_phrase_found_in_many_blocks_is_ranked_over_several_chunks() -> None:
    """Hundreds of rows hold the phrase, in scores that differ: the blocks are read in several
    chunks, each row once."""
    t = SEED_AS_OF - timedelta(days=1)
    site = generate(articles=1).site
    articles = [
        Article(
            id=str(i),
            slug=f"a{i}",
            title="seoul talks" + " filler" * (i % 7),
            body=Body(blocks=(Paragraph(content=(Text(text="the seoul talks went on " * (i % 3) or "x"),)),)),
            published=t - timedelta(hours=i % 50),
        )
        for i in range(300)
    ]
    with SearchIndex.build(Corpus(site=site, articles=articles), block_rows=4) as index:
        for text in ('"seoul talks"', '"seoul talks" filler', '"talks went"', '"the seoul talks"'):
            for page, per_page in ((1, 10), (2, 30)):
                pruned, full, plan = both(index, text, as_of=SEED_AS_OF, page=page, per_page=per_page)
                assert pruned == full
                assert plan is not None and plan[1] > 10


def test_a_two_word_phrase_is_ranked_from_its_pair_postings(monkeypatch: Any) -> None:
    """A phrase of two different words is ranked and counted from the postings of the word pair,
    without asking FTS5; a pair counts only within one column (FTS5 matches a phrase within a
    column), and each place it stands, weighted by its column; CJK characters are one token each,
    so a two-character word is such a pair too."""
    t = SEED_AS_OF - timedelta(days=1)
    site = generate(articles=1).site
    cases = [
        ("seoul talks resume", "talks resume in seoul. seoul talks"),  # title once, body once
        ("leaving seoul", "talks went on"),  # title ends with seoul, body starts with talks: no phrase
        ("talks", "seoul talks seoul talks seoul"),  # twice in the body
        ("東京の会議", "東京"),
        ("京東", "東 京"),  # 東 then 京, two tokens in a row whatever the space
    ]
    articles = [
        Article(
            id=str(i),
            slug=f"a{i}",
            title=title,
            body=Body(blocks=(Paragraph(content=(Text(text=body),)),)),
            published=t - timedelta(hours=i),
        )
        for i, (title, body) in enumerate(cases * 3)
    ]

    def refuse(*args: object) -> None:
        raise AssertionError("a phrase of two words asked FTS5")

    with SearchIndex.build(Corpus(site=site, articles=articles), block_rows=2) as index:
        monkeypatch.setattr("newsmodel.search.postings.FtsPhrases.rows", refuse)
        monkeypatch.setattr("newsmodel.search.postings.FtsPhrases.frequencies", refuse)
        for text, total in (('"seoul talks"', 6), ("Seoul-Talks", 6), ('"talks seoul"', 3), ('"東京"', 6)):
            pruned, full, plan = both(index, text, as_of=SEED_AS_OF)
            assert pruned == full and plan is not None, text
            assert full.total == total, text
        hits = index.search('"seoul talks"', as_of=SEED_AS_OF, per_page=6).hits
        assert {h.article_id for h in hits[:3]} == {"0", "5", "10"}  # in the title: weighs 5


def test_phrases_of_a_real_export_ranked_from_postings_equal_full_ranking() -> None:
    """WordPress's theme unit test data (real posts and pages: markup of every kind, Greek, CJK,
    long words): two-word phrases of its titles and bodies, alone, hyphenated and beside another
    word, ranked from the postings in blocks of 4 rows equal ranking every match by bm25()."""
    from newsmodel.io.wxr import read_wxr
    from newsmodel.search import search_documents
    from test_io_wxr import WPI

    corpus, _ = read_wxr(WPI / "phpunit-data/theme-unit-test-data.xml")
    rng = random.Random(2)
    as_of = SEED_AS_OF + timedelta(days=3650)
    cases = []
    for doc in search_documents(corpus):
        for text in (doc.title, doc.body):
            words = query_words(text)
            for _ in range(min(2, len(words) - 1)):
                i = rng.randrange(len(words) - 1)
                cases += [f'"{words[i]} {words[i + 1]}"', f"{words[i]}-{words[i + 1]}"]
                cases.append(f'"{words[i]} {words[i + 1]}" {rng.choice(words)}')
    assert len(cases) > 300
    with SearchIndex.build(corpus, block_rows=4) as index:
        for text in cases:
            pruned, full, plan = both(index, text, as_of=as_of)
            assert pruned == full, text
            assert plan is not None or len({w.casefold() for w in query_words(text)}) < len(query_words(text)), text
