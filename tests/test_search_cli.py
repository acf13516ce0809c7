"""``newsmodel index`` and ``newsmodel search``: text and JSON, incremental re-indexing, filters,
stale and missing indexes, hostile queries as one-line errors."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import attrs
import pytest

from newsmodel.cli import main
from newsmodel.cli.search import index_for_pages
from newsmodel.cli.serve import _search_index
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.search import SearchResults
from newsmodel.search.index import SCHEMA_VERSION
from newsmodel.serialize import loads, read_corpus, write_corpus

AS_OF = ["--as-of", SEED_AS_OF.isoformat()]


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    write_corpus(generate(articles=150), path)
    return path


def test_index_then_search(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--corpus", str(corpus_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{corpus_file}.search.sqlite: ") and "added, 0 changed, 0 removed, 0 unchanged" in out
    assert main(["search", "trump kim", "--corpus", str(corpus_file), *AS_OF]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("for 'trump kim'") or "for 'trump kim' (page" in lines[0]
    assert "**Trump**-**Kim** Summit Set for 2026" in lines[1] and "2025-12-16" in lines[1]
    assert main(["search", "trump kim", "--corpus", str(corpus_file), *AS_OF, "--json"]) == 0
    results = loads(capsys.readouterr().out, SearchResults)
    seed = read_corpus(corpus_file).article_by_slug(SEED_SLUG)
    assert results.hits[0].article_id == seed.id


def test_index_again_touches_only_what_changed(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--corpus", str(corpus_file)]) == 0
    capsys.readouterr()
    corpus = read_corpus(corpus_file)
    first, second, *rest = corpus.articles
    changed = attrs.evolve(first, title="A brand new headline about zeppelins")
    new = attrs.evolve(second, id="new-1", slug="new-one", title="Another zeppelin story")
    articles = [changed, new, *rest]  # ``second`` removed
    write_corpus(
        type(corpus)(
            site=corpus.site, authors=corpus.authors, categories=corpus.categories, tags=corpus.tags, articles=articles
        ),
        corpus_file,
    )
    assert main(["search", "zeppelin*", "--corpus", str(corpus_file), *AS_OF]) == 2
    err = capsys.readouterr().err
    assert "is not up to date with" in err and "run `newsmodel index --corpus" in err
    assert main(["index", "--corpus", str(corpus_file)]) == 0
    assert "(1 added, 1 changed, 1 removed, " in capsys.readouterr().out
    assert main(["search", "zeppelin*", "--corpus", str(corpus_file), "--as-of", "2030-01-01T00:00:00Z"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 results for 'zeppelin*'")


def test_filters_by_slug_and_dates(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--corpus", str(corpus_file)]) == 0
    capsys.readouterr()

    def total(*extra: str) -> int:
        assert main(["search", "summit", "--corpus", str(corpus_file), *AS_OF, "--json", *extra]) == 0
        return loads(capsys.readouterr().out, SearchResults).total

    everything = total()
    assert 0 < total("--category", "asia") < everything
    assert total("--category", "seoul") <= total("--category", "south-korea") <= total("--category", "asia")
    assert total("--tag", "kim-jong-un") > 0
    assert total("--author", "victoria-jones") >= 1
    assert total("--since", "2025-12-16", "--until", "2025-12-16") >= 1  # the seed's day, in the site's zone
    assert total("--since", "2030-01-01") == 0
    assert main(["search", "summit", "--corpus", str(corpus_file), "--tag", "no-such-tag"]) == 2
    assert "no tag with the id or slug 'no-such-tag'" in capsys.readouterr().err
    assert main(["search", "summit", "--corpus", str(corpus_file), "--since", "yesterday"]) == 2
    assert "--since: 'yesterday' is not an ISO 8601 datetime" in capsys.readouterr().err


def test_paging_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "seoul", "--per-page", "2", "--page", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "(page 2 of " in out[0]
    assert out[1].startswith("  3. ")


@pytest.mark.parametrize("query", ['"', "*", ":^", "(", '"*"', "-"])
def test_a_query_without_words_is_one_line_on_stderr(query: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", query]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has no words to search for" in err


@pytest.mark.parametrize("query", ["NEAR(trump kim)", "trump AND kim OR", "'; DROP TABLE docs; --", 'kim" OR "1'])
def test_fts5_and_sql_syntax_is_searched_as_words(query: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", query, "--json"]) == 0
    assert loads(capsys.readouterr().out, SearchResults).query == query


def test_missing_and_foreign_index_files(corpus_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "kim", "--corpus", str(corpus_file)]) == 2
    assert "no search index at" in capsys.readouterr().err
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello", "utf-8")
    assert main(["search", "kim", "--index", str(junk)]) == 2
    assert "is not a search index" in capsys.readouterr().err
    assert main(["index"]) == 2
    assert "give --index PATH" in capsys.readouterr().err


def test_index_the_bundled_sample_into_a_named_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sample.sqlite"
    assert main(["index", "--index", str(path)]) == 0
    capsys.readouterr()
    assert os.path.getsize(path) > 0
    assert main(["search", "seoul summit", "--index", str(path), *AS_OF, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] > 0


def test_a_bad_corpus_file_is_one_line_naming_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    write_corpus(generate(articles=5), path)
    lines = path.read_text("utf-8").splitlines()
    last = max(i for i, line in enumerate(lines) if '"published":"' in line)  # the last article
    lines[last] = lines[last].replace('"published":"', '"published":"x', 1)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["index", "--corpus", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"line {last + 1}" in err
    assert not os.path.exists(f"{path}.search.sqlite")


def _set_version(path: str, version: int) -> None:
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {version}")


def test_an_index_an_older_newsmodel_wrote_is_made_again(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`newsmodel index` makes an index of an older schema again in its place; search says to run
    it; page and serve search an index built in memory meanwhile."""
    assert main(["index", "--corpus", str(corpus_file)]) == 0
    capsys.readouterr()
    path = f"{corpus_file}.search.sqlite"
    _set_version(path, SCHEMA_VERSION - 1)
    assert main(["search", "trump kim", "--corpus", str(corpus_file), *AS_OF]) == 2
    err = capsys.readouterr().err
    assert f"older newsmodel (version {SCHEMA_VERSION - 1}" in err
    assert f"run `newsmodel index --corpus {corpus_file}` to make it again" in err
    index, why = index_for_pages(str(corpus_file), read_corpus(corpus_file))
    assert "of another version of newsmodel" in why and "built in memory" in why
    assert index.search("trump kim", as_of=SEED_AS_OF).total > 0
    args = type("Args", (), {"corpus": str(corpus_file)})()
    assert _search_index(args, None) is True  # serve builds one in memory
    assert main(["index", "--corpus", str(corpus_file)]) == 0
    out = capsys.readouterr().out
    assert f"the index of version {SCHEMA_VERSION - 1} was made again for version {SCHEMA_VERSION}" in out
    assert " 0 unchanged" in out and not os.path.exists(f"{path}.new")
    assert main(["search", "trump kim", "--corpus", str(corpus_file), *AS_OF]) == 0
    assert "Trump" in capsys.readouterr().out
    assert main(["index", "--corpus", str(corpus_file)]) == 0  # now an ordinary update
    assert "made again" not in capsys.readouterr().out


def test_an_index_of_a_newer_newsmodel_or_another_file_is_never_replaced(
    corpus_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", "--corpus", str(corpus_file)]) == 0
    capsys.readouterr()
    path = f"{corpus_file}.search.sqlite"
    _set_version(path, SCHEMA_VERSION + 1)
    before = Path(path).read_bytes()
    assert main(["index", "--corpus", str(corpus_file)]) == 2
    assert f"has version {SCHEMA_VERSION + 1}; this newsmodel reads version {SCHEMA_VERSION}" in capsys.readouterr().err
    assert Path(path).read_bytes() == before
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE mine (x)")
    before = other.read_bytes()
    assert main(["index", "--corpus", str(corpus_file), "--index", str(other)]) == 2
    assert "is not a newsmodel search index" in capsys.readouterr().err
    assert other.read_bytes() == before
