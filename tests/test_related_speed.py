"""Related articles without the whole-corpus work: lazy profiles, stored document frequencies,
the bounded scan of one query, and the pruned engine on corpora with very common features.

Every answer is compared with the brute force (:func:`rank_related`, which makes every profile).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmodel.related import RelatedConfig, RelatedIndex, rank_related
from newsmodel.related.features import (
    DocumentFrequencies,
    count_terms,
    document_frequencies,
    micros,
    raw_bound,
    raw_score,
    text_digest,
    use_document_frequencies,
)
from newsmodel.related.score import FeaturesOf, Scorer
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, load_bundled
from newsmodel.serialize import write_corpus
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.timeline import published_timeline
from test_related import AS_OF, KERNELS, configs, make_corpus, reference

SRC = Path(__file__).resolve().parents[1] / "src"


def _scan_answers(corpus: Corpus, config: RelatedConfig) -> dict[str, object]:
    index = RelatedIndex.build(corpus, as_of=AS_OF, config=config, engine="python")
    return {a.id: index.related(a) for a in corpus.articles}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 80), config=configs)
def test_bounded_scan_on_lazy_profiles_equals_brute_force(seed: int, n: int, config: RelatedConfig) -> None:
    # two equal corpora: the brute force makes every profile of its own, the scan starts from none
    expected = reference(make_corpus(seed, n), config)
    assert _scan_answers(make_corpus(seed, n), config) == expected


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(2, 60), config=configs, data=st.data())
def test_raw_bound_is_at_least_the_score(seed: int, n: int, config: RelatedConfig, data: st.DataObject) -> None:
    corpus = make_corpus(seed, n)
    features = corpus.cached(FeaturesOf(config.keywords))
    scorer = Scorer(features, config)
    if not features.n:
        return
    q = features.profiles[data.draw(st.integers(0, features.n - 1))]
    row = features.category_row(q.categories)
    for other in features.profiles:
        score = raw_score(q, row, other, scorer.weights, scorer.half_life_us)
        assert raw_bound(q, row, other, scorer.weights, scorer.half_life_us) >= score
        if not set(q.text) & set(other.text):  # no shared keyword: the text signal is exactly 0
            assert raw_bound(q, row, other, scorer.weights, scorer.half_life_us, 0.0) >= score


def test_one_query_makes_only_the_profiles_it_scores() -> None:
    corpus = make_corpus(7, 400)
    features = corpus.cached(FeaturesOf(20))
    index = RelatedIndex.build(corpus, as_of=AS_OF, engine="python")
    newest = features.articles[-1]
    got = index.related(newest.id)
    made = sum(p is not None for p in features._profiles)
    assert 0 < made < features.n // 2
    assert got == rank_related(make_corpus(7, 400), newest.id, as_of=AS_OF)


def test_stored_frequencies_are_used_only_for_their_own_text() -> None:
    corpus = make_corpus(3, 120)
    counted = document_frequencies(corpus)
    articles = corpus.cached(published_timeline).articles
    assert counted.documents == len(articles)
    assert counted.counts == count_terms(articles)
    assert counted.digest == text_digest(articles)

    same = make_corpus(3, 120)
    assert use_document_frequencies(same, counted)
    assert {a.id: RelatedIndex.build(same, as_of=AS_OF).related(a) for a in same.articles} == reference(
        make_corpus(3, 120), RelatedConfig()
    )

    # one word of one body changed: the digest differs, the stored counts are refused
    first = articles[0]
    edited = attrs.evolve(first, body=Body(blocks=(Paragraph(content=(Text(text="zeppelin"),)),)))
    changed = Corpus(
        site=corpus.site,
        authors=corpus.authors,
        categories=corpus.categories,
        tags=corpus.tags,
        articles=[edited if a.id == first.id else a for a in corpus.articles],
    )
    assert not use_document_frequencies(changed, counted)
    # forged counts under the right digest but another number of documents are refused too
    forged = DocumentFrequencies(digest=counted.digest, documents=counted.documents + 1, counts=counted.counts)
    assert not use_document_frequencies(make_corpus(3, 120), forged)


def test_the_bundled_sample_ships_its_own_frequencies() -> None:
    from importlib import resources

    from newsmodel.cli._termcache import parse_frequencies

    shipped = parse_frequencies((resources.files("newsmodel") / "data" / "sample.terms.json").read_bytes())
    assert shipped is not None
    corpus = load_bundled()
    # regenerate after changing the sample, the text rule or newsmodel's version (newsmodel.cli._termcache):
    # dumps_frequencies(document_frequencies(load_bundled()), source_digest(sample_path(), corpus_state(None)))
    assert use_document_frequencies(corpus, shipped), "src/newsmodel/data/sample.terms.json is stale"
    # ... and names the shipped sample's bytes, so the page takes them without the text's digest
    from newsmodel.cli._termcache import _parse, corpus_state, sample_path, source_digest

    found = _parse((resources.files("newsmodel") / "data" / "sample.terms.json").read_bytes())
    sample = sample_path()
    assert found is not None and sample is not None
    assert found[1] == source_digest(sample, corpus_state(None)), "sample.terms.json names other bytes"
    seed = corpus.article_by_slug(SEED_SLUG)
    assert RelatedIndex.build(corpus, as_of=SEED_AS_OF).related(seed.id) == rank_related(
        load_bundled(), seed.id, as_of=SEED_AS_OF
    )


def _page(corpus_path: Path, slug: str, *extra: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-m", "newsmodel.cli", "page", slug, "--corpus", str(corpus_path), "--json", *extra],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout


def test_page_keeps_its_frequencies_beside_the_corpus(tmp_path: Path) -> None:
    corpus = make_corpus(11, 150)
    path = tmp_path / "corpus.jsonl"
    write_corpus(corpus, str(path))
    cache = tmp_path / "corpus.jsonl.terms.json"
    newest = corpus.cached(published_timeline).articles[-1]
    as_of = ("--as-of", (AS_OF + timedelta(days=1)).isoformat())

    first = _page(path, newest.slug, *as_of)
    assert cache.exists()
    stamp = cache.stat().st_mtime_ns
    assert _page(path, newest.slug, *as_of) == first
    assert cache.stat().st_mtime_ns == stamp  # used, not written again

    # the corpus changes under its cache: the stale counts are refused, counted again, rewritten
    other = make_corpus(12, 150)
    write_corpus(other, str(path))
    newest = other.cached(published_timeline).articles[-1]
    with_stale = _page(path, newest.slug, *as_of)
    cache.unlink()
    assert _page(path, newest.slug, *as_of) == with_stale
    cache.write_bytes(b"not json")
    assert _page(path, newest.slug, *as_of) == with_stale
    assert use_document_frequencies(other, _read_cache(cache))


def _counting_digests(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the calls of the text's digest (``text_digest``) from now on."""
    import newsmodel.related.features as features

    calls: list[int] = []
    digest = features.text_digest

    def counted(articles: object) -> str:
        calls.append(1)
        return digest(articles)  # type: ignore[arg-type]

    monkeypatch.setattr(features, "text_digest", counted)
    return calls


def test_a_cache_naming_the_file_bytes_is_taken_without_the_texts_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsmodel.cli._termcache import _parse, attach_frequencies, file_state
    from newsmodel.serialize import read_corpus

    path = str(tmp_path / "corpus.jsonl")
    write_corpus(make_corpus(5, 60), path)
    cache = tmp_path / "corpus.jsonl.terms.json"
    state = file_state(path)
    attach_frequencies(read_corpus(path), path, state)  # counted and stored, naming the bytes
    stored = _parse(cache.read_bytes())
    assert stored is not None and stored[1] is not None

    calls = _counting_digests(monkeypatch)
    corpus = read_corpus(path)
    attach_frequencies(corpus, path, state)
    assert calls == []  # taken by the file's digest
    assert document_frequencies(corpus).counts == stored[0].counts
    assert calls == []  # and kept: not counted again

    # the file changed after it was read (another state): the text's digest decides
    corpus = read_corpus(path)
    attach_frequencies(corpus, path, (0, 0, 0, 0))
    assert calls == [1]
    # no state (a caller that took none): the text's digest decides too
    attach_frequencies(read_corpus(path), path)
    assert calls == [1, 1]


def test_a_cache_naming_other_bytes_of_the_same_text_is_checked_and_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsmodel.cli._termcache import _parse, attach_frequencies, file_state
    from newsmodel.serialize import read_corpus

    path = str(tmp_path / "corpus.jsonl")
    corpus = make_corpus(6, 40)
    write_corpus(corpus, path)
    attach_frequencies(read_corpus(path), path, file_state(path))
    cache = tmp_path / "corpus.jsonl.terms.json"
    before = _parse(cache.read_bytes())
    # the same corpus written again with its records in another order: other bytes, the same text
    with open(path, "rb") as f:
        header, *records = f.read().splitlines(keepends=True)
    with open(path, "wb") as f:
        f.write(header + b"".join(reversed(records)))
    calls = _counting_digests(monkeypatch)
    attach_frequencies(read_corpus(path), path, file_state(path))
    assert calls == [1]  # checked by the text's digest, taken
    after = _parse(cache.read_bytes())
    assert before is not None and after is not None
    assert after[0].counts == before[0].counts and after[1] not in (None, before[1])  # renamed
    attach_frequencies(read_corpus(path), path, file_state(path))
    assert calls == [1]  # now taken by the file's digest


def _read_cache(path: Path) -> DocumentFrequencies:
    from newsmodel.cli._termcache import parse_frequencies

    found = parse_frequencies(path.read_bytes())
    assert found is not None
    return found


def test_bounded_scan_scores_few_articles_of_the_bundled_sample() -> None:
    corpus = load_bundled()
    features = corpus.cached(FeaturesOf(20))
    scorer = Scorer(features, RelatedConfig())
    seed = features.profile_at(features.position[corpus.article_by_slug(SEED_SLUG).id])
    picked, scored = scorer.rank_bounded(seed, 6, frozenset(), features.visible_count(micros(SEED_AS_OF)))
    assert len(picked) == 6
    assert scored < features.n // 10


def _with_common_features(corpus: Corpus, share: float, seed: int) -> Corpus:
    """``corpus`` with one tag, one author and one body word on about ``share`` of the articles."""
    import random

    from newsmodel.values.model import Byline

    rng = random.Random(seed)
    articles = []
    for a in corpus.articles:
        if rng.random() < share:
            body = Body(blocks=(*a.body.blocks, Paragraph(content=(Text(text="common everywhere"),))))
            tags = tuple(dict.fromkeys(("t0", *a.tag_ids)))
            bylines = a.bylines if any(b.author_id == "a0" for b in a.bylines) else (*a.bylines, Byline(author_id="a0"))
            a = attrs.evolve(a, body=body, tag_ids=tags, bylines=bylines)
        articles.append(a)
    return Corpus(
        site=corpus.site, authors=corpus.authors, categories=corpus.categories, tags=corpus.tags, articles=articles
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(2, 120),
    share=st.sampled_from((0.3, 0.6, 0.9, 1.0)),
    config=configs,
    block=st.sampled_from((1, 4, 16)),
)
def test_pruned_engine_equals_brute_force_with_very_common_features(
    seed: int, n: int, share: float, config: RelatedConfig, block: int
) -> None:
    def build() -> Corpus:
        return _with_common_features(make_corpus(seed, n), share, seed)

    expected = reference(build(), config)
    for engine, options in (("numpy", {"block_size": block}), ("python", {})):
        corpus = build()
        index = RelatedIndex.build(corpus, as_of=AS_OF, config=config, engine=engine, **options)
        assert {a.id: index.related(a) for a in corpus.articles} == expected
    batch = RelatedIndex.build(build(), as_of=AS_OF, config=config, engine="numpy", block_size=block).related_all()
    assert batch == {i: r for i, r in expected.items() if i in batch}
    assert set(batch) == {a.id for a in build().articles if a.is_visible(AS_OF)}


# --------------------------------------------------------------------------- sub-blocks of a single query


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(1, 90),
    config=configs,
    block=st.sampled_from((5, 16, 64)),
    sub=st.sampled_from((1, 2, 3, 8)),
    sup=st.sampled_from((1, 2, 3, 8)),
    top=st.sampled_from((0, 1, 2)),
    kernels=st.sampled_from(KERNELS),
)
def test_single_queries_on_sub_blocks_equal_the_brute_force(
    seed: int, n: int, config: RelatedConfig, block: int, sub: int, sup: int, top: int, kernels: bool
) -> None:
    from newsmodel.related._engine import Engine

    features = make_corpus(seed, n).cached(FeaturesOf(config.keywords))
    scorer = Scorer(features, config)
    engine = Engine(features, scorer, block_size=block, sub_block=sub, super_block=sup, top_level=top, kernels=kernels)
    as_of_us = micros(AS_OF)
    visible = features.visible_count(as_of_us)
    assert engine.n_subs >= engine.n_blocks
    for q in features.profiles[:visible]:
        expected = [(r.article_id, r.score) for r in scorer.rank(q, config.k, frozenset(), visible)]
        assert [(p.id, score) for score, p in engine.query(q, config.k, frozenset(), as_of_us)] == expected


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(2, 90),
    config=configs,
    sub=st.sampled_from((1, 3, 8)),
    sup=st.sampled_from((1, 2, 3)),
    top=st.sampled_from((0, 2)),
    kernels=st.sampled_from(KERNELS),
)
def test_a_bound_is_at_least_every_members_score(
    seed: int, n: int, config: RelatedConfig, sub: int, sup: int, top: int, kernels: bool
) -> None:
    # the bound of every unit of every level (sub-blocks, blocks, super-blocks), all refined; with
    # the compiled loops, the sub-blocks' bounds of the top level 0 are theirs
    from newsmodel.related._engine import Engine, _Descent

    features = make_corpus(seed, n).cached(FeaturesOf(config.keywords))
    scorer = Scorer(features, config)
    engine = Engine(features, scorer, block_size=16, sub_block=sub, super_block=sup, top_level=top, kernels=kernels)
    as_of_us = micros(AS_OF)
    visible = features.visible_count(as_of_us)
    # the rows of every unit: sub-blocks, then each level's units as runs of the level below
    rows = [[range(int(a), int(b)) for a, b in zip(engine.sub_start, engine.sub_stop, strict=True)]]
    for unit in engine.levels[1:]:
        rows.append(
            [
                range(rows[-1][int(a)].start, rows[-1][int(b) - 1].stop)
                for a, b in zip(unit.first_child, unit.stop_child, strict=True)
            ]
        )
    for q in features.profiles[:visible]:
        fids, qvs = engine._query_features(q)
        descent = _Descent(engine, q.time, fids, qvs, engine._arow(q.categories), as_of_us)
        descent.reaching(-math.inf)
        bounds = [np.full(engine.n_subs, -math.inf), *descent.bounds[1:]]
        bounds[0][descent.sub_id] = descent.sub_bound
        assert sorted(descent.sub_id.tolist()) == list(range(engine.n_subs))
        row = features.category_row(q.categories)
        for level, units in enumerate(rows):
            for u, members in enumerate(units):
                for r in members:
                    other = features.profiles[int(engine.row_pos[r])]
                    if other.position < visible and (not config.older_only or other.time <= q.time):
                        assert raw_score(q, row, other, scorer.weights, scorer.half_life_us) <= bounds[level][u]


# --------------------------------------------------------------------------- the compiled search of a batch


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(1, 90),
    config=configs,
    block=st.sampled_from((5, 16, 64)),
    sub=st.sampled_from((1, 3, 8)),
    first=st.sampled_from((1, 2, 32)),
    hours=st.integers(-2900, 250),
    kernels=st.sampled_from(KERNELS),
    top=st.sampled_from((None, None, 2)),
)
def test_a_batch_equals_the_brute_force(
    seed: int,
    n: int,
    config: RelatedConfig,
    block: int,
    sub: int,
    first: int,
    hours: int,
    kernels: bool,
    top: int | None,
) -> None:
    # the batch of every article visible at an instant, through the compiled search of the engine's
    # rows (or numpy alone, or super-blocks first), with few or many sub-blocks estimated first
    from newsmodel.related import _engine

    features = make_corpus(seed, n).cached(FeaturesOf(config.keywords))
    scorer = Scorer(features, config)
    engine = _engine.Engine(
        features, scorer, block_size=block, sub_block=sub, super_block=2, top_level=top, kernels=kernels
    )
    as_of_us = micros(AS_OF + timedelta(hours=hours))
    visible = features.visible_count(as_of_us)
    k = config.k
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_engine, "FIRST_SUBS", first)
        found = engine.query_all_signals(k, as_of_us)
        batch = {p: [(other.id, score) for score, other, _ in picks] for p, picks in found}
    assert sorted(batch) == list(range(visible))
    for q in features.profiles[:visible]:
        expected = [(r.article_id, r.score) for r in scorer.rank(q, k, frozenset(), visible)]
        assert batch[q.position] == expected


def test_a_batch_searches_again_below_the_bar_when_the_caps_pass_over_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one author writes the articles closest to each other: with one result per author, the picks
    # need candidates below the bar of the compiled search, which are searched again
    from newsmodel.related import _engine

    corpus = make_corpus(7, 80)
    config = RelatedConfig(threshold=0.0, max_per_author=1, author_weight=1.0, k=6)
    features = corpus.cached(FeaturesOf(config.keywords))
    scorer = Scorer(features, config)
    engine = _engine.Engine(features, scorer, block_size=16, sub_block=4, kernels=True)
    again: list[int] = []
    picks_of = _engine.Engine._picks

    def searched_again(self: _engine.Engine, q: object, *args: object) -> object:
        again.append(q.position)  # type: ignore[attr-defined]
        return picks_of(self, q, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_engine.Engine, "_picks", searched_again)
    as_of_us = micros(AS_OF)
    visible = features.visible_count(as_of_us)
    batch = dict(engine.query_all_signals(config.k, as_of_us))
    assert again, "no answer needed a lower bar"
    assert len(again) < visible
    for q in features.profiles[:visible]:
        expected = [(r.article_id, r.score) for r in scorer.rank(q, config.k, frozenset(), visible)]
        assert [(other.id, score) for score, other, _ in batch[q.position]] == expected


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 90), config=configs, hours=st.integers(-2900, 250))
def test_the_compiled_block_bounds_are_the_numpy_paths(seed: int, n: int, config: RelatedConfig, hours: int) -> None:
    from newsmodel.related import _kernels
    from newsmodel.related._engine import Engine

    features = make_corpus(seed, n).cached(FeaturesOf(config.keywords))
    engine = Engine(features, Scorer(features, config), block_size=5, kernels=True)
    as_of_us = micros(AS_OF + timedelta(hours=hours))
    out = np.empty(engine.n_blocks)
    for q in features.profiles:
        arow = engine._arow(q.categories)
        expected = engine._category_recency(q.time, arow, config.older_only, as_of_us)
        _kernels._block_bounds(out, arow, q.time, config.older_only, as_of_us, engine.kernel_blocks)
        assert np.array_equal(np.isinf(out), np.isinf(expected))
        finite = ~np.isinf(out)
        assert np.allclose(out[finite], expected[finite], rtol=1e-15, atol=0.0)


@given(st.floats(0.0, 1e6), st.floats(0.0, 1.0))
def test_postings_in_single_precision_are_rounded_up(big: float, small: float) -> None:
    from newsmodel.related._engine import _up32

    values = np.array([big, small, 1.0, 0.1, 1 / 3, 0.0])
    up = _up32(values)
    assert up.dtype == np.float32
    assert (up.astype(np.float64) >= values).all()
    # the nearest single-precision float at or above: the one below it is below the double
    below = np.nextafter(up, np.float32(-np.inf))
    assert (below.astype(np.float64) < values).all()


@settings(deadline=None)  # the first call compiles
@given(st.lists(st.floats(-10.0, 10.0) | st.just(-math.inf), min_size=20, max_size=120), st.integers(1, 12))
def test_the_heap_of_the_first_sub_blocks_keeps_the_best_bounds(bounds: list[float], size: int) -> None:
    from newsmodel.related import _kernels

    heap_b = np.empty(size, dtype=np.float64)
    heap_s = np.empty(size, dtype=np.int64)
    held = 0
    for s, v in enumerate(bounds):
        held = _kernels._keep_best(heap_b, heap_s, held, v, s)
    assert held == min(size, len(bounds))
    kept = heap_s[:held].tolist()
    assert len(set(kept)) == held
    assert [bounds[s] for s in kept] == heap_b[:held].tolist()
    assert sorted(heap_b[:held].tolist()) == sorted(bounds)[len(bounds) - held :]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 90), config=configs)
def test_the_compiled_signal_values_are_the_pair_functions_floats(seed: int, n: int, config: RelatedConfig) -> None:
    # the rescoring of a batch takes the tags, category, authors and text values of the search:
    # equal (==, not close) to the pair function's, whenever the engine holds every signal
    from newsmodel.related import _kernels
    from newsmodel.related._engine import Engine
    from newsmodel.related.features import signal_values

    config = attrs.evolve(
        config,
        tag_weight=config.tag_weight or 0.5,
        author_weight=config.author_weight or 0.5,
        text_weight=config.text_weight or 0.5,
    )
    features = make_corpus(seed, n).cached(FeaturesOf(config.keywords))
    scorer = Scorer(features, config)
    engine = Engine(features, scorer, block_size=16, sub_block=4, kernels=True)
    assert engine.sig_weight.all()
    assert not len(engine.row_overflow)
    subs = np.arange(engine.n_subs, dtype=np.int64)
    for q in features.profiles:
        fids, qvs = engine._query_features(q)
        arow = engine._arow(q.categories)
        engine.scratch[fids] = qvs
        try:
            one = np.empty(1, dtype=np.int64)
            pos, _, values, m = _kernels._estimate_into(
                one, np.empty(1), np.empty((1, 4)), 0, subs, arow, q.time, 1 << 62, -1, engine.kernel_rows
            )
        finally:
            engine.scratch[fids] = 0.0
        assert m == features.n
        row = features.category_row(q.categories)
        for p, found in zip(pos[:m].tolist(), values[:m].tolist(), strict=True):
            other = features.profiles[p]
            assert tuple(found) == signal_values(q, row, other, scorer.half_life_us)[:4]
            assert scorer.score_of(q, other, *found) == scorer.score_values(q, row, other)


def test_a_batch_with_super_blocks_first_and_the_compiled_loops_equals_numpy_alone() -> None:
    # the compiled search of a batch reads the sub-blocks' postings; an engine built with levels
    # above them (top_level=2) answers its batch the single query's way
    from newsmodel.related._engine import Engine
    from newsmodel.sample import generate

    index = RelatedIndex.build(generate(articles=800), as_of=SEED_AS_OF, engine="numpy")
    engine = index._shared.engine()
    as_of_us = micros(SEED_AS_OF)

    def batch(**options: object) -> dict[int, list[tuple[float, str]]]:
        e = Engine(engine.features, engine.scorer, **options)  # type: ignore[arg-type]
        return {p: [(s, o.id) for s, o, _ in picks] for p, picks in e.query_all_signals(6, as_of_us)}

    expected = batch(kernels=False)
    assert sum(len(v) for v in expected.values()) > 3000
    assert batch(top_level=2, super_block=2, kernels=True) == expected
