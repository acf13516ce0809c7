"""No traceback from data: deep nesting, dates at the calendar's edge, wrong types, sub-minute offsets."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsmodel.cli import main
from newsmodel.corpus import Corpus
from newsmodel.model import Article, Site
from newsmodel.serialize import dumps, loads, write_corpus

# ---------------------------------------------------------------- UTC offsets with seconds and microseconds

_ANY_OFFSET = st.timedeltas(min_value=timedelta(hours=-23, minutes=-59, seconds=-59), max_value=timedelta(hours=23, minutes=59, seconds=59))


@given(offset=_ANY_OFFSET, when=st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1)))
@example(offset=timedelta(microseconds=1), when=datetime(2025, 1, 1))
@example(offset=timedelta(microseconds=-1), when=datetime(2025, 1, 1))
@example(offset=timedelta(hours=5, seconds=7, microseconds=250), when=datetime(2025, 1, 1))
def test_any_utc_offset_round_trips_exactly(offset: timedelta, when: datetime) -> None:
    published = when.replace(tzinfo=timezone(offset))
    article = Article(id="1", slug="a", title="A", published=published)
    back = loads(dumps(article), Article)
    assert back.published is not None
    assert back.published.utcoffset() == offset
    assert back == article


# ---------------------------------------------------------------- every command on a hostile corpus file

#: Every command that reads a corpus file, with the arguments it needs (the article's slug is "a").
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("info", "{file}"),
    ("page", "--corpus", "{file}", "a"),
    ("page", "--json", "--corpus", "{file}", "a"),
    *(("export", "-f", fmt, "--corpus", "{file}", "-o", "{out}") for fmt in
      ("jsonfeed", "rss", "atom", "wxr", "sitemap", "news-sitemap", "jsonld")),
    ("archives", "--corpus", "{file}"),
    ("calendar", "--corpus", "{file}"),
    ("tags", "--corpus", "{file}"),
    ("related", "--corpus", "{file}", "a"),
    ("convert", "{file}", "{out}"),
)


def _corpus_file(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    """A corpus file of one article (slug "a"), its article record (the last line) rewritten by ``edit``."""
    site = Site(name="S", base_url="https://example.org")
    article = Article(id="1", slug="a", title="A", published=datetime(2025, 1, 1, tzinfo=timezone.utc))
    path = tmp_path / "corpus.jsonl"
    write_corpus(Corpus(site=site, articles=(article,)), path)
    lines = path.read_text("utf-8").splitlines()
    lines[-1] = edit(lines[-1])
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _run_all(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], expected: str) -> None:
    line = len(path.read_text("utf-8").splitlines())
    for command in COMMANDS:
        argv = [a.format(file=path, out=tmp_path / "out") for a in command]
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1, (argv, err)
        assert f"line {line}: " in err and expected in err, (argv, err)


@pytest.mark.parametrize("published", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+12:00", "9999-01-01T00:00:00Z"])
def test_dates_at_the_calendars_edge_are_refused_by_every_command(
    published: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _corpus_file(tmp_path, lambda rec: rec.replace('"2025-01-01T00:00:00+00:00"', json.dumps(published)))
    _run_all(path, tmp_path, capsys, "article.published: ")


@pytest.mark.parametrize("command", ["archives", "calendar", "page"])
def test_an_as_of_at_the_calendars_edge_is_refused(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [command, "--as-of", "9999-12-31T23:59:59-12:00"] + (["seoul"] if command == "page" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--as-of: '9999-12-31T23:59:59-12:00' is outside the supported range" in err
