"""``newsmodel related`` and the full exactness check over the bundled sample."""

from __future__ import annotations

import json

import pytest

from newsmodel.cli import main
from newsmodel.related import RelatedIndex, rank_related
from newsmodel.related.score import Scorer
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, load_bundled


def test_related_command_prints_the_ranked_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["related", SEED_SLUG]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Related to: Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines"
    assert len(out) == 7
    assert all("Seoul" in line for line in out[1:])


def test_related_command_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["related", SEED_SLUG, "--explain", "-k", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 5
    assert "category 1.00" in out[2] and "%" in out[2]


def test_related_command_json_and_corpus_file(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from newsmodel.sample import generate
    from newsmodel.serialize import write_corpus

    path = Path(str(tmp_path)) / "c.jsonl"
    write_corpus(generate(articles=1500), path)
    argv = ["related", SEED_SLUG, "--corpus", str(path), "--as-of", SEED_AS_OF.isoformat(), "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 6
    assert set(data[0]["signals"]) == {"tags", "category", "authors", "text", "recency"}


def test_related_command_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["related", "no-such-article"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-such-article" in err


@pytest.mark.slow
def test_index_equals_brute_force_on_every_bundled_article() -> None:
    corpus = load_bundled()
    index = RelatedIndex.build(corpus, as_of=SEED_AS_OF)
    assert index.engine == "numpy"
    answers = index.related_all()
    assert len(answers) > 2900
    scorer = Scorer(index.features, index.config)
    visible = len(index)
    mismatches = [
        article_id
        for article_id, got in answers.items()
        if got != scorer.rank(index.features.profiles[index.features.position[article_id]], 6, frozenset(), visible)
    ]
    assert mismatches == []
    seed = corpus.article_by_slug(SEED_SLUG)
    assert answers[seed.id] == rank_related(corpus, seed.id, as_of=SEED_AS_OF)
