"""The compact sets of a streaming import answer as Python sets do (an oracle test)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsmodel.io._fingerprints import FingerprintSet, IdSet

_IDS = st.one_of(
    st.integers(min_value=0, max_value=10**18).map(str),
    st.integers(min_value=0, max_value=10_000).map(lambda n: f"0{n}"),  # leading zero: not canonical
    st.text(min_size=1, max_size=8),
)


@given(st.lists(_IDS, max_size=60), st.lists(_IDS, max_size=20))
def test_id_set_agrees_with_a_set(added: list[str], probed: list[str]) -> None:
    ids, oracle = IdSet(), set()
    for value in added:
        ids.add(value)
        oracle.add(value)
    assert len(ids) == len(oracle)
    for value in added + probed:
        assert (value in ids) == (value in oracle)


def test_fingerprint_set_agrees_with_a_set_across_growth() -> None:
    slugs, oracle = FingerprintSet(), set()
    for i in range(5_000):  # grows the table from 1,024 slots several times
        slug = f"story-{i * 7919 % 3_000}"
        slugs.add(slug)
        oracle.add(slug)
    assert len(slugs) == len(oracle) == 3_000
    assert all(f"story-{i}" in slugs for i in range(3_000))
    assert not any(f"story-{i}" in slugs for i in range(3_000, 4_000))
    assert 1 not in slugs  # not a string
