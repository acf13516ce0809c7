"""The ``calendar``, ``archives`` and ``tags`` commands on a generated sample corpus."""

from __future__ import annotations

import functools

import pytest

import newsmodel.cli.archives
import newsmodel.cli.calendar
import newsmodel.cli.tags
from newsmodel.cli import main
from newsmodel.sample import generate
from newsmodel.values.corpus import Corpus


@functools.lru_cache(maxsize=1)
def _corpus() -> Corpus:
    return generate(articles=3000)


@pytest.fixture(autouse=True)
def sample_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands read a small generated sample instead of the bundled one (faster, same shape)."""
    for module in (newsmodel.cli.calendar, newsmodel.cli.archives, newsmodel.cli.tags):
        monkeypatch.setattr(module, "load_corpus", lambda args: _corpus())


def test_calendar_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2025-12"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].strip() == "December 2025"
    assert lines[1].split() == ["M", "T", "W", "T", "F", "S", "S"]  # the sample site starts on Monday
    assert lines[2].split()[0] in ("1", "1*")
    assert lines[-1].startswith("« Nov") and lines[-1].endswith("Jan »")


def test_calendar_defaults_to_the_month_of_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--as-of", "2025-11-03T12:00:00+00:00", "--week-start", "6"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].strip() == "November 2025"
    assert lines[1].split()[0] == "S"
    assert "[ 3]" in "\n".join(lines)


def test_calendar_html(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2025-12", "--html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('<table id="wp-calendar" class="wp-calendar-table">')
    assert "<caption>December 2025</caption>" in out and "&laquo; Nov" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["calendar", "2025-13"], "month 13"),
        (["calendar", "0-01"], "year 0"),
        (["calendar", "12-2025"], "'12-2025'"),
        (["calendar", "2025-12", "--week-start", "7"], "week start 7"),
        (["calendar", "2025-12", "--week-start", "-1"], "week start -1"),
        (["calendar", "2025-12", "--as-of", "2025-12-01T00:00"], "no UTC offset"),
        (["archives", "--limit", "-1"], "limit -1"),
        (["tags", "--number", "-3"], "number -3"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_archives_text_and_html(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["archives", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[0].startswith("January 2026 (") and lines[1].startswith("December 2025 (")
    assert main(["archives", "--period", "yearly", "--oldest", "--html"]) == 0
    html = capsys.readouterr().out
    assert html.startswith("\t<li><a href='https://capitalcities.example/") and "&nbsp;(" in html
    assert main(["archives", "--period", "weekly", "--limit", "1"]) == 0
    assert capsys.readouterr().out.startswith("January 12, 2026–January 18, 2026 (")


def test_tags_text_and_html(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tags", "--number", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert any(line.endswith("  22pt") for line in lines) and any(line.endswith("  8pt") for line in lines)
    assert main(["tags", "--number", "5", "--by-count"]) == 0
    counts = [int(line.split()[-2]) for line in capsys.readouterr().out.splitlines()]
    assert counts == sorted(counts, reverse=True)
    assert main(["tags", "--number", "2", "--html"]) == 0
    assert capsys.readouterr().out.count('class="tag-cloud-link') == 2


def test_json_output_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    from newsmodel.sample import SEED_AS_OF
    from newsmodel.serialize import loads
    from newsmodel.widgets.archives import ArchivePeriod
    from newsmodel.widgets.calendar import CalendarIndex, MonthCalendar
    from newsmodel.widgets.tagcloud import TagCloud, TagCloudIndex

    assert main(["calendar", "2025-12", "--json"]) == 0
    cal = loads(capsys.readouterr().out, MonthCalendar)
    assert cal == _corpus().cached(CalendarIndex.build).month_calendar(year=2025, month=12, as_of=SEED_AS_OF)
    assert main(["archives", "--limit", "2", "--json"]) == 0
    periods = loads(capsys.readouterr().out, tuple[ArchivePeriod, ...])
    assert [p.key for p in periods] == ["2026-01", "2025-12"]
    assert main(["tags", "--number", "7", "--json"]) == 0
    cloud = loads(capsys.readouterr().out, TagCloud)
    assert cloud == _corpus().cached(TagCloudIndex.build).tag_cloud(as_of=SEED_AS_OF, number=7)
