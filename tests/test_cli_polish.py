"""The command line's polish: --version, --as-of as a plain date, JSON from related and info, progress."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from _shared import DATA
from newsmodel import __version__
from newsmodel.cli import main
from newsmodel.cli._common import Progress, end_of_day, parse_as_of
from newsmodel.related import related_articles
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.serialize import unstructure, write_corpus
from newsmodel.values.errors import InvalidDatetime
from newsmodel.values.model import Site

SEOUL = Site(name="S", base_url="https://example.org", timezone="Asia/Seoul")
NEW_YORK = Site(name="S", base_url="https://example.org", timezone="America/New_York")
WPI = DATA / "wordpress-importer"


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "c.jsonl.gz"
    write_corpus(generate(articles=1500, short_bodies=True), path)
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"newsmodel {__version__}\n"


def test_as_of_a_plain_date_is_the_end_of_that_day_in_the_site_zone() -> None:
    value = parse_as_of(argparse.Namespace(as_of="2026-01-15", corpus=None), SEOUL)
    assert value.isoformat() == "2026-01-15T23:59:59.999999+09:00"
    ny = parse_as_of(argparse.Namespace(as_of="2026-01-15", corpus=None), NEW_YORK)
    assert ny.isoformat() == "2026-01-15T23:59:59.999999-05:00" and ny > value
    # an instant with its offset is taken as it is, whatever the site
    exact = parse_as_of(argparse.Namespace(as_of="2026-01-15T12:00:00+00:00", corpus=None), SEOUL)
    assert exact == datetime.fromisoformat("2026-01-15T12:00:00+00:00")


def test_as_of_a_date_across_a_clock_change_ends_at_the_next_local_midnight() -> None:
    # Santiago's clocks went from 00:00 to 01:00 on 2025-09-07: the day before ends at that jump.
    santiago = Site(name="S", base_url="https://example.org", timezone="America/Santiago")
    end = end_of_day(date(2025, 9, 6), santiago)
    assert end.isoformat() == "2025-09-06T23:59:59.999999-04:00"
    assert (end + timedelta(microseconds=1)).astimezone(santiago.zone).date() == date(2025, 9, 7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13-01", "'2026-13-01' is not a date"),
        ("0001-01-01", "outside years 2 to 9998"),
        ("9999-12-31", "outside years 2 to 9998"),
        ("2026-01-15T12:00", "has no UTC offset"),
    ],
)
def test_as_of_errors_name_the_option(text: str, message: str) -> None:
    with pytest.raises(InvalidDatetime, match=message):
        parse_as_of(argparse.Namespace(as_of=text, corpus=None), SEOUL)


def test_a_plain_date_gives_the_same_page_as_the_end_of_the_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["archives", "--as-of", "2026-01-14"]) == 0
    by_date = capsys.readouterr().out
    assert main(["archives", "--as-of", "2026-01-14T23:59:59.999999-05:00"]) == 0
    assert capsys.readouterr().out == by_date
    assert main(["archives", "--as-of", "2026-01-14T00:00:00-05:00"]) == 0  # the start of the day: fewer posts
    assert capsys.readouterr().out != by_date


def test_related_json_has_titles_urls_and_dates(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["related", SEED_SLUG, "--corpus", str(corpus_file), "--json", "-k", "3"]) == 0
    got = json.loads(capsys.readouterr().out)
    corpus = generate(articles=1500, short_bodies=True)
    seed = corpus.article_by_slug(SEED_SLUG)
    # a corpus file's default as_of is now; every post of the sample is older
    expected = related_articles(corpus, seed.id, as_of=datetime.now(SEED_AS_OF.tzinfo), k=3)
    assert len(got) == 3
    for item, result in zip(got, expected, strict=True):
        other = corpus.article(result.article_id)
        assert {k: item[k] for k in ("article_id", "score", "signals")} == unstructure(result)
        assert item["title"] == other.title
        assert item["url"].startswith("https://capitalcities.example/") and item["url"].endswith(f"/{other.slug}/")
        assert other.published is not None and item["published"] == other.published.isoformat()


def test_info_json(corpus_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(corpus_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == str(corpus_file) and data["articles"] == 1509  # 1,500 posts and 9 pages
    assert data["site"]["timezone"] == "America/New_York"
    assert sum(data["statuses"].values()) == 1509 and data["kinds"] == {"page": 9, "post": 1500}
    assert len(data["top_tags"]) == 5 and data["top_tags"][0]["articles"] >= data["top_tags"][-1]["articles"]
    assert data["first_date"] <= data["last_date"]
    assert main(["info", str(corpus_file)]) == 0
    text = capsys.readouterr().out
    assert f"  articles    {data['articles']}" in text and data["top_tags"][0]["name"] in text


def _terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)


def test_progress_on_a_terminal_only(
    corpus_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["info", str(corpus_file)]) == 0
    assert capsys.readouterr().err == ""  # piped: nothing
    _terminal(monkeypatch)
    assert main(["info", str(corpus_file)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("\rreading [") and err.endswith("] 100%\n")
    assert main(["related", SEED_SLUG, "--corpus", str(corpus_file), "-k", "1"]) == 0
    err = capsys.readouterr().err
    assert "] 100%\n" in err and "building the related index … done (" in err


def test_page_sample_and_export_say_what_they_do_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _terminal(monkeypatch)
    assert main(["sample", "--articles", "50", "-o", str(tmp_path / "s.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "generating 50 articles … done (" in err and "writing the corpus … done (" in err
    assert (
        main(["export", "--format", "rss", "--corpus", str(tmp_path / "s.jsonl"), "-o", str(tmp_path / "f.xml")]) == 0
    )
    assert "writing rss … done (" in capsys.readouterr().err
    assert main(["demo"]) == 0
    assert "building the page and its indexes … done (" in capsys.readouterr().err


def test_the_import_bar_reaches_100_only_when_the_import_is_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _terminal(monkeypatch)
    source = WPI / "phpunit-data" / "theme-unit-test-data.xml"
    assert main(["import", str(source), "-o", str(tmp_path / "t.jsonl")]) == 0
    err = capsys.readouterr().err
    bar = err.split("\n")[0]
    assert bar.count("100%") == 1 and bar.endswith("100%")  # drawn once, at the end
    assert " 99%" in bar  # the last byte read leaves it at 99% until the corpus is built


def test_a_failed_step_leaves_the_bar_where_it_stopped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _terminal(monkeypatch)
    bar = Progress("reading", 10)
    bar(10)
    bar.close(done=False)
    assert capsys.readouterr().err.endswith("  99%\n")
