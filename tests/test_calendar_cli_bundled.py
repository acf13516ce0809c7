"""The widget commands on their default input: the bundled sample and its "today" (2026-01-15)."""

from __future__ import annotations

import pytest

from newsmodel.cli import main


def test_calendar_of_the_seed_page(capsys: pytest.CaptureFixture[str]) -> None:
    """The seed page's widget: December 2025, Monday first, « Nov … Jan »."""
    assert main(["calendar", "2025-12"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].strip() == "December 2025"
    assert lines[1].split() == ["M", "T", "W", "T", "F", "S", "S"]
    assert lines[-2].split()[0].rstrip("*") == "29"
    assert lines[-1].startswith("« Nov") and lines[-1].endswith("Jan »")


def test_archives_and_tags_of_the_bundled_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["archives", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" (")[0] for line in lines] == ["January 2026", "December 2025"]
    assert main(["tags", "--number", "45"]) == 0
    names = [line.rsplit(None, 2)[0] for line in capsys.readouterr().out.splitlines()]
    assert len(names) == 45 and "China" in names
