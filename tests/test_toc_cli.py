"""The ``newsmodel toc`` command."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from newsmodel.cli import main

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_article_body.html"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_toc_of_the_seed_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["toc", str(SEED)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Prospects for a Trump-Kim Summit in 2026: Analyzing Global Geopolitical Shifts"
        "  #prospects-for-a-trump-kim-summit-in-2026-analyzing-global-geopolitical-shifts",
        "Seoul’s Dilemma: Navigating U.S.-North Korea Relations Amidst Rising Tensions"
        "  #seouls-dilemma-navigating-us-north-korea-relations-amidst-rising-tensions",
        "Strategic Recommendations for South Korea: Enhancing Diplomatic Engagement and Regional Stability"
        "  #strategic-recommendations-for-south-korea-enhancing-diplomatic-engagement-and-regional-stability",
        "Closing Remarks  #closing-remarks",
    ]


def test_toc_json_style_and_numbering(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["toc", str(SEED), "--json", "--style", "wordpress", "--numbered"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(e["number"], e["anchor"]) for e in data][-1] == ("4", "Closing_Remarks")


def test_toc_of_markdown_with_levels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = tmp_path / "post.md"
    md.write_text("# Title\n\n## Intro\n\n### Detail\n\n## Intro\n", encoding="utf-8")
    assert main(["toc", str(md), "--levels", "2-3", "--style", "python-markdown"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Intro  #intro", "  Detail  #detail", "Intro  #intro_1"]
    assert main(["toc", str(md), "--levels", "2", "--html"]) == 0
    html = capsys.readouterr().out
    assert html.startswith("<nav") and 'href="#intro-1"' in html


def test_toc_from_stdin_sniffs_the_format(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("<h2>A</h2><h2>B</h2>"))
    assert main(["toc", "-"]) == 0
    assert capsys.readouterr().out.splitlines() == ["A  #a", "B  #b"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("## A\n\n## B\n"))
    assert main(["toc", "-", "--json"]) == 0
    assert [e["text"] for e in json.loads(capsys.readouterr().out)] == ["A", "B"]


def test_no_toc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>No headings.</p>", encoding="utf-8")
    assert main(["toc", str(page), "--json"]) == 0
    assert capsys.readouterr().out.strip() == "null"
    assert main(["toc", str(page)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no table of contents" in captured.err


def test_python_markdown_legacy_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = SHARED / "vectors" / "toc_slug" / "python_markdown_legacy_toc_nested2.txt"
    assert main(["toc", str(path), "--style", "python-markdown"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Start with header other than one.  #start-with-header-other-than-one",
        "Header 3  #header-3",
        "  Header 4  #header-4",
        "Header 3  #header-3_1",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--levels", "0-9"], "'0-9'"),
        (["--levels", "x"], "'x'"),
        (["--levels", "4-2"], "'4-2'"),
    ],
)
def test_bad_levels_are_one_line_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["toc", str(SEED), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("newsmodel toc: error:")


def test_missing_file_and_bad_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["toc", str(tmp_path / "missing.html")]) == 2
    assert "missing.html" in capsys.readouterr().err
    bad = tmp_path / "latin1.html"
    bad.write_bytes("<h2>caf\xe9</h2>".encode("latin-1"))
    assert main(["toc", str(bad)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
