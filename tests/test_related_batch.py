"""The whole-corpus batch of related articles: compact results, estimates within their slack of
the exact score, signal values kept from the rescoring, and the batch shared with helper
processes (``related_all(workers=...)``).  Every answer is the brute force's.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import pickle
import sys
import weakref
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmodel.related import RelatedConfig, RelatedIndex, Signal, Signals
from newsmodel.related._engine import EPS, Engine
from newsmodel.related.features import raw_score, raw_score_and_values, signal_values
from newsmodel.related.score import FeaturesOf, RelatedResult, Scorer
from newsmodel.sample import SEED_AS_OF, generate
from newsmodel.serialize import unstructure
from newsmodel.values.errors import InvalidRelatedConfig, InvalidValue
from test_related import AS_OF, KERNELS, configs, make_corpus, reference

# --------------------------------------------------------------------------- Signals, kept compactly


def _signals() -> Signals:
    return Signals(
        tags=Signal(value=0.5, share=0.25),
        category=Signal(value=1.0, share=0.5),
        authors=Signal(value=0.0, share=0.0),
        text=Signal(value=0.25, share=0.125),
        recency=Signal(value=0.5, share=0.125),
    )


def test_signals_is_a_value() -> None:
    s = _signals()
    assert s.tags == Signal(value=0.5, share=0.25) and s.recency == Signal(value=0.5, share=0.125)
    assert [name for name, _ in s.items()] == ["tags", "category", "authors", "text", "recency"]
    same = Signals.of((0.5, 1.0, 0.0, 0.25, 0.5), (0.25, 0.5, 0.0, 0.125, 0.125))
    assert s == same and hash(s) == hash(same)
    assert (s != same) is False  # __ne__ of its own
    assert s != Signals.of((0.5, 1.0, 0.0, 0.25, 0.5), (0.25, 0.5, 0.0, 0.125, 0.0))
    assert pickle.loads(pickle.dumps(s)) == s
    assert repr(s).startswith("Signals(tags=Signal(value=0.5, share=0.25), category=Signal(value=1.0")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.tags = Signal(value=0.0, share=0.0)  # type: ignore[misc]  # read-only, as the test shows
    result = RelatedResult(article_id="7", score=0.5, signals=s)
    assert RelatedResult(article_id=result.article_id, score=0.25, signals=result.signals).signals == s


def test_a_result_is_one_value_of_one_object() -> None:
    # one object a result: it keeps its signals' numbers, and nothing it refers to is tracked by
    # the garbage collector (a batch's results used to be two tracked objects each)
    s = _signals()
    result = RelatedResult(article_id="7", score=0.5, signals=s)
    assert not any(gc.is_tracked(x) for x in gc.get_referents(result) if x is not RelatedResult)
    made = RelatedResult.of("7", 0.5, (0.5, 1.0, 0.0, 0.25, 0.5), (0.25, 0.5, 0.0, 0.125, 0.125))
    assert made == result and hash(made) == hash(result) and (made != result) is False
    assert not any(gc.is_tracked(x) for x in gc.get_referents(made) if x is not RelatedResult)
    assert made.signals == s and made.signals is not made.signals  # made when read
    assert result != RelatedResult(article_id="8", score=0.5, signals=s)
    assert result != RelatedResult(article_id="7", score=0.25, signals=s)
    assert result != RelatedResult.of("7", 0.5, (0.5, 1.0, 0.0, 0.25, 0.5), (0.25, 0.5, 0.0, 0.125, 0.0))
    as_ints = RelatedResult.of("7", 0.5, (0.5, 1, 0, 0.25, 0.5), (0.25, 0.5, -0.0, 0.125, 0.125))
    assert result == as_ints and hash(result) == hash(as_ints)
    assert weakref.ref(result)() is result  # as the attrs class had, a weak reference can be taken
    assert result.__eq__(s) is NotImplemented and result != s
    assert pickle.loads(pickle.dumps(result)) == result
    ints = RelatedResult.of("7", 1, (1, 0, 0, 0, 0), (1, 0, 0, 0, 0))
    back = pickle.loads(pickle.dumps(ints))
    assert back == ints and back.score.__class__ is int and back.signals.tags.value.__class__ is int
    assert repr(result) == f"RelatedResult(article_id='7', score=0.5, signals={s!r})"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.score = 0.25  # read-only, as the test shows
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del result.article_id


def test_a_result_refuses_what_its_fields_refuse() -> None:
    s = _signals()
    with pytest.raises(InvalidValue, match=r"RelatedResult\.article_id: expected a string, got 7"):
        RelatedResult(article_id=7, score=0.5, signals=s)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"RelatedResult\.score: expected a number, got True"):
        RelatedResult(article_id="7", score=True, signals=s)
    with pytest.raises(InvalidValue, match=r"RelatedResult\.score: expected a number, got '0\.5'"):
        RelatedResult.of("7", "0.5", (0.0,) * 5, (0.0,) * 5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"RelatedResult\.signals: expected a Signals, got"):
        RelatedResult(article_id="7", score=0.5, signals=dict(s.items()))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"Signals\.text\.share: expected a number, got None"):
        RelatedResult.of("7", 0.5, (0.0,) * 5, (0.0, 0.0, 0.0, None, 0.0))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="five values and five shares"):
        RelatedResult.of("7", 0.5, (0.0,) * 5, (0.0,) * 6)
    nan = RelatedResult.of("7", math.nan, (0.0,) * 5, (0.0,) * 5)
    # a NaN score is a number, kept as given; like the attrs class, which compared field by
    # field, a result with a NaN score equals no result, itself included
    assert nan.score != nan.score and nan != nan and nan.__eq__(nan) is False


#: A result pickled by the previous version, an attrs class (its fields by name, after
#: ``copyreg.__newobj__``): ``RelatedResult(article_id="7", score=0.5, signals=Signals.of((0.5,
#: 1.0, 0.0, 0.25, 0.5), (0.25, 0.5, 0.0, 0.125, 0.125)))`` at the default protocol.
_ATTRS_PICKLE = (
    b"\x80\x04\x95\xf3\x00\x00\x00\x00\x00\x00\x00\x8c\x17newsmodel.related.score\x94\x8c\rRelatedResult"
    b"\x94\x93\x94)\x81\x94}\x94(\x8c\narticle_id\x94\x8c\x017\x94\x8c\x05score\x94G?\xe0\x00\x00\x00"
    b"\x00\x00\x00\x8c\x07signals\x94\x8c\x08builtins\x94\x8c\x07getattr\x94\x93\x94h\x00\x8c\x07Signals"
    b"\x94\x93\x94\x8c\x02of\x94\x86\x94R\x94(G?\xe0\x00\x00\x00\x00\x00\x00G?\xf0\x00\x00\x00\x00"
    b"\x00\x00G\x00\x00\x00\x00\x00\x00\x00\x00G?\xd0\x00\x00\x00\x00\x00\x00G?\xe0\x00\x00\x00\x00"
    b"\x00\x00t\x94(G?\xd0\x00\x00\x00\x00\x00\x00G?\xe0\x00\x00\x00\x00\x00\x00G\x00\x00\x00\x00\x00"
    b"\x00\x00\x00G?\xc0\x00\x00\x00\x00\x00\x00G?\xc0\x00\x00\x00\x00\x00\x00t\x94\x86\x94R\x94ub."
)


def test_a_result_pickled_by_the_attrs_class_reads_back() -> None:
    back = pickle.loads(_ATTRS_PICKLE)
    assert back == RelatedResult(article_id="7", score=0.5, signals=_signals())
    assert not any(gc.is_tracked(x) for x in gc.get_referents(back) if x is not RelatedResult)


class _Kept(RelatedResult):
    __slots__ = ()


def test_a_subclass_of_result_keeps_its_class() -> None:
    mine = _Kept.of("7", 0.5, (0.5, 1.0, 0.0, 0.25, 0.5), (0.25, 0.5, 0.0, 0.125, 0.125))
    plain = RelatedResult(article_id="7", score=0.5, signals=_signals())
    assert mine == _Kept(article_id="7", score=0.5, signals=_signals()) and mine != plain and plain != mine
    back = pickle.loads(pickle.dumps(mine))
    assert back.__class__ is _Kept and back == mine


def test_signals_are_written_as_before() -> None:
    # the JSON shape of the attrs class it replaces: every signal by name, value then share
    assert unstructure(RelatedResult(article_id="7", score=0.5, signals=_signals())) == {
        "article_id": "7",
        "score": 0.5,
        "signals": {
            "tags": {"value": 0.5, "share": 0.25},
            "category": {"value": 1.0, "share": 0.5},
            "authors": {"value": 0.0, "share": 0.0},
            "text": {"value": 0.25, "share": 0.125},
            "recency": {"value": 0.5, "share": 0.125},
        },
    }


def test_signals_refuse_what_a_signal_refuses() -> None:
    zero = Signal(value=0.0, share=0.0)
    with pytest.raises(InvalidValue, match=r"Signals\.text: expected a Signal, got 0\.5"):
        Signals(tags=zero, category=zero, authors=zero, text=0.5, recency=zero)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"Signals\.category\.share: expected a number, got True"):
        Signals.of((0.0,) * 5, (0.0, True, 0.0, 0.0, 0.0))
    with pytest.raises(InvalidValue, match="five values and five shares"):
        Signals.of((0.0,) * 4, (0.0,) * 6)
    assert Signals.of((1, 0, 0, 0, 0), (1, 0, 0, 0, 0)).tags == Signal(value=1, share=1)  # ints are numbers


@given(numbers=st.lists(st.one_of(st.floats(allow_nan=True), st.integers(-(2**70), 2**70)), min_size=10, max_size=10))
def test_signals_give_back_every_number_as_given(numbers: list[float]) -> None:
    # packed doubles when all ten are floats other than NaN; else kept as given (an int stays an
    # int, a NaN the very object): either way each number reads back the same, -0.0 included
    s = Signals.of(numbers[:5], numbers[5:])
    for i, (_, signal) in enumerate(s.items()):
        for got, sent in ((signal.value, numbers[i]), (signal.share, numbers[i + 5])):
            assert got.__class__ is sent.__class__
            assert got is sent or (got == sent and math.copysign(1, got) == math.copysign(1, sent))
    assert pickle.loads(pickle.dumps(s)) == s or any(x != x for x in numbers)
    assert list(unstructure(s)["tags"].values()) == [numbers[0], numbers[5]] or any(x != x for x in numbers)


def test_signals_equal_whatever_they_keep() -> None:
    packed = Signals.of((1.0, 0.0, 0.0, 0.5, 0.25), (0.5, 0.0, 0.0, 0.25, 0.25))
    kept = Signals.of((1, 0, -0.0, 0.5, 0.25), (0.5, 0, 0, 0.25, 0.25))  # ints: kept as a tuple
    assert packed == kept and hash(packed) == hash(kept)
    assert (packed != kept) is False
    nan = Signals.of((math.nan, 0.0, 0.0, 0.0, 0.0), (0.0,) * 5)
    assert nan == nan  # the same NaN object, as a tuple of the numbers compares it


def test_a_scored_signals_is_small() -> None:
    # what a whole-corpus batch holds 600,000 of at 100,000 articles: ten floats in a tuple took
    # 360 bytes beyond the object
    s = Signals.of((0.1, 0.75, 0.0, 0.3, 0.9), (0.2, 0.3, 0.0, 0.25, 0.25))
    data = s._data
    numbers = sum(sys.getsizeof(x) for x in data) if isinstance(data, tuple) else 0
    assert sys.getsizeof(s) + sys.getsizeof(data) + numbers <= 160


# --------------------------------------------------------------------------- scores and estimates


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), n=st.integers(2, 60), config=configs, data=st.data())
def test_score_and_values_are_the_floats_of_the_two_functions(
    seed: int, n: int, config: RelatedConfig, data: st.DataObject
) -> None:
    features = make_corpus(seed, n).cached(FeaturesOf(config.keywords))
    if not features.n:
        return
    scorer = Scorer(features, config)
    q = features.profiles[data.draw(st.integers(0, features.n - 1))]
    row = features.category_row(q.categories)
    for other in features.profiles:
        raw, values = raw_score_and_values(q, row, other, scorer.weights, scorer.half_life_us)
        assert raw == raw_score(q, row, other, scorer.weights, scorer.half_life_us)
        assert values == signal_values(q, row, other, scorer.half_life_us)
        assert scorer.score_values(q, row, other) == (scorer.score(q, row, other), values)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(2, 90),
    config=configs,
    scale=st.sampled_from((1.0, 1000.0)),
)
def test_estimates_are_within_the_slack_of_the_exact_score(
    seed: int, n: int, config: RelatedConfig, scale: float
) -> None:
    # every estimate of a query's sub-blocks, against the exact raw score of the pair function
    fields = ("tag_weight", "category_weight", "author_weight", "text_weight", "recency_weight")
    config = attrs.evolve(config, **{f: getattr(config, f) * scale for f in fields})
    features = make_corpus(seed, n).cached(FeaturesOf(config.keywords))
    if not features.n:
        return
    scorer = Scorer(features, config)
    for kernels in KERNELS:
        engine = Engine(features, scorer, block_size=16, sub_block=4, kernels=kernels)
        subs = np.arange(engine.n_subs, dtype=np.int64)
        for q in features.profiles:
            fids, qvs = engine._query_features(q)
            engine.scratch[fids] = qvs
            try:
                pos, est = engine._estimate(q, subs, engine._arow(q.categories))
            finally:
                engine.scratch[fids] = 0.0
            row = features.category_row(q.categories)
            exact = np.array(
                [raw_score(q, row, features.profiles[p], scorer.weights, scorer.half_life_us) for p in pos]
            )
            assert sorted(pos.tolist()) == list(range(features.n))
            assert np.abs(est - exact).max() <= EPS


# --------------------------------------------------------------------------- helper processes


def test_two_workers_give_the_answers_of_one() -> None:
    corpus = generate(articles=1500)
    index = RelatedIndex.build(corpus, as_of=SEED_AS_OF, engine="numpy", block_size=8)
    method = multiprocessing.get_start_method(allow_none=True)
    one = index.related_all()
    two = index.related_all(workers=2)
    assert two == one
    assert list(two) == list(one)  # newest first, as always
    assert multiprocessing.get_start_method(allow_none=True) == method  # the process is left as found
    assert multiprocessing.active_children() == []
    features = index.features
    scorer = index.scorer
    for article_id in list(one)[::97]:  # and the brute force's
        q = features.profiles[features.position[article_id]]
        assert scorer.rank(q, index.config.k, frozenset(), len(index)) == two[article_id]


def test_the_calling_process_keeps_its_collector() -> None:
    # a helper pauses and freezes its own collector while it reads the engine; the caller's stays
    # as the caller set it, on or off, and nothing of it is frozen
    index = RelatedIndex.build(make_corpus(5, 120), as_of=AS_OF, engine="numpy", block_size=1)
    one = index.related_all()
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    assert index.related_all(workers=2) == one
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        assert index.related_all(workers=2) == one
        assert not gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        gc.enable()


def _helpers_seen(monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[Any]]:
    """The helper processes a call starts, and those it had to terminate (a helper that ends by
    itself is joined, never terminated)."""
    spawn = multiprocessing.get_context("spawn").Process
    started: list[Any] = []
    terminated: list[Any] = []
    start, terminate = spawn.start, spawn.terminate

    def start_spy(self: Any) -> None:
        started.append(self)
        start(self)

    def terminate_spy(self: Any) -> None:
        terminated.append(self)
        terminate(self)

    monkeypatch.setattr(spawn, "start", start_spy)
    monkeypatch.setattr(spawn, "terminate", terminate_spy)
    return started, terminated


def test_an_engine_that_cannot_be_written_ends_the_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    # the helpers start before the engine is written and wait for it: an error while writing it
    # is the caller's error, and the helpers end by themselves with the call (they find no engine)
    from newsmodel.related import _parallel

    def unwritable(engine: Engine) -> None:
        raise RuntimeError("the engine cannot be written")

    index = RelatedIndex.build(make_corpus(5, 120), as_of=AS_OF, engine="numpy", block_size=1)
    started, terminated = _helpers_seen(monkeypatch)
    monkeypatch.setattr(_parallel, "_state", unwritable)
    with pytest.raises(RuntimeError, match="the engine cannot be written"):
        index.related_all(workers=3)
    assert len(started) == 2 and terminated == []
    assert all(p.exitcode == 0 for p in started)
    assert multiprocessing.active_children() == []


def test_a_helper_that_cannot_start_ends_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    # the second helper fails to start, after the first has: the first, waiting for the engine,
    # must end with the call (it waited for the calling process to end before)
    index = RelatedIndex.build(make_corpus(5, 120), as_of=AS_OF, engine="numpy", block_size=1)
    started, terminated = _helpers_seen(monkeypatch)
    spawn = multiprocessing.get_context("spawn").Process
    start = spawn.start

    asked: list[Any] = []

    def second_fails(self: Any) -> None:
        asked.append(self)
        if len(asked) == 2:
            raise OSError("no more processes")
        start(self)

    monkeypatch.setattr(spawn, "start", second_fails)
    with pytest.raises(OSError, match="no more processes"):
        index.related_all(workers=3)
    assert len(asked) == 2 and started == asked[:1] and asked[1].pid is None
    assert started[0].exitcode == 0 and terminated == []
    assert multiprocessing.active_children() == []


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), config=configs)
def test_workers_equal_the_brute_force_on_random_settings(seed: int, config: RelatedConfig) -> None:
    corpus = make_corpus(seed, 90)
    expected = reference(corpus, config)
    batch = RelatedIndex.build(corpus, as_of=AS_OF, config=config, engine="numpy", block_size=1).related_all(workers=2)
    assert batch == {i: r for i, r in expected.items() if i in batch}


@pytest.mark.parametrize("workers", [0, -1, 1.5, True, "2"])
def test_workers_must_be_a_positive_integer(workers: object) -> None:
    index = RelatedIndex.build(make_corpus(3, 10), as_of=AS_OF, engine="numpy")
    with pytest.raises(InvalidRelatedConfig, match=r"related_all: workers must be an integer >= 1"):
        index.related_all(workers=workers)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- profiles, made in one pass


def _fields(p: object) -> tuple[object, ...]:
    return tuple(getattr(p, name) for name in ("id", "time", "position", "tags", "authors", "text", "categories"))


@pytest.mark.parametrize("stored", [False, True])
def test_profiles_of_the_one_pass_equal_those_made_one_at_a_time(stored: bool) -> None:
    # the pass that counts the frequencies keeps each article's term counts compactly (numbers into
    # one vocabulary); the profiles it makes are those of an article tokenized alone
    from newsmodel.related.features import document_frequencies, use_document_frequencies

    corpus = generate(articles=400)
    one_by_one = generate(articles=400)
    frequencies = document_frequencies(one_by_one)
    if stored:
        assert use_document_frequencies(corpus, frequencies)
    all_at_once = corpus.cached(FeaturesOf(20)).profiles
    alone = one_by_one.cached(FeaturesOf(20))
    assert [_fields(p) for p in all_at_once] == [_fields(alone.profile_at(i)) for i in range(alone.n)]
    assert all(list(p.text) == sorted(p.text) for p in all_at_once)  # keys in sorted order, as before
