"""``newsmodel import``: source detection, the written corpus, the printed report, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsmodel.cli import main
from newsmodel.cli.import_ import detect_kind
from newsmodel.io.wxr import read_wxr
from newsmodel.serialize import read_corpus

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WPI = SHARED / "data" / "wordpress-importer"
FRONTITY = SHARED / "data" / "frontity-wp-source-mocks"


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("https://example.org", "site"),
        ("https://example.org/", "site"),
        ("https://example.org/feed/", "feed"),
        ("https://example.org/rss.xml", "feed"),
        ("https://example.org/feed.json", "jsonfeed"),
    ],
)
def test_urls_are_told_apart(source: str, kind: str) -> None:
    assert detect_kind(source) == kind


def test_files_and_folders_are_told_apart(tmp_path: Path) -> None:
    assert detect_kind(str(WPI / "phpunit-data" / "valid-wxr-1.0.xml")) == "wxr"
    assert detect_kind(str(FRONTITY)) == "rest"
    assert detect_kind(str(FRONTITY / "posts.json")) == "rest"
    feed = tmp_path / "f.json"
    feed.write_text('{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}')
    assert detect_kind(str(feed)) == "jsonfeed"
    rss = tmp_path / "f.xml"
    rss.write_text('<rss version="2.0"><channel><title>x</title></channel></rss>')
    assert detect_kind(str(rss)) == "feed"


def test_import_wxr_writes_the_corpus_and_prints_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = WPI / "phpunit-data" / "small-export.xml"
    out = tmp_path / "corpus.jsonl"
    assert main(["import", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "imported: 6 articles, 3 authors, 30 categories, 1 comments, 5 pages, 3 tags" in printed
    written = read_corpus(out)
    expected, _ = read_wxr(source)
    assert written.articles == expected.articles
    assert written.categories == expected.categories


def test_import_rest_dump_with_host_and_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "corpus.jsonl"
    assert main(["import", str(FRONTITY), "--host", "demo.worona.org", "-o", str(out), "--json-report"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["imported"]["articles"] == 11
    assert read_corpus(out).category("5").parent_id == "4"


def test_a_mixed_dump_without_host_is_one_line_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", str(FRONTITY), "-o", str(tmp_path / "x.jsonl")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("newsmodel import: error:") and "several sites" in err
    assert err.count("\n") == 1
    assert not (tmp_path / "x.jsonl").exists()


def test_a_malformed_wxr_is_one_line_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", str(WPI / "phpunit-data" / "malformed.xml"), "-o", str(tmp_path / "x.jsonl")])
    err = capsys.readouterr().err
    assert code == 2
    assert "malformed.xml:90:2: not well-formed XML" in err


def test_pages_can_be_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.jsonl"
    assert main(["import", str(WPI / "phpunit-data" / "small-export.xml"), "--no-pages", "-o", str(out)]) == 0
    assert "skipped: 5 page" in capsys.readouterr().out
    assert len(read_corpus(out).articles) == 6


FEEDS = SHARED / "data" / "feeds" / "feed-rs"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("rss_2.0_bbc.xml", "feed"), ("atom_example_reddit.xml", "feed"), ("jsonfeed_spec_1.json", "jsonfeed")],
)
def test_feeds_go_to_the_feed_readers(name: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = FEEDS / name
    assert detect_kind(str(source)) == kind
    out = tmp_path / "feed.jsonl"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert "imported:" in capsys.readouterr().out
    assert read_corpus(out).articles


def test_an_unknown_timezone_is_one_line_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = WPI / "phpunit-data" / "small-export.xml"
    assert main(["import", str(source), "--timezone", "Mars/Olympus", "-o", str(tmp_path / "x.jsonl")]) == 2
    assert "unknown IANA time zone 'Mars/Olympus'" in capsys.readouterr().err


def test_kind_overrides_the_guess(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = WPI / "phpunit-data" / "small-export.xml"
    code = main(["import", str(source), "--kind", "rest", "-o", str(tmp_path / "x.jsonl")])
    assert code == 2  # an XML file read as saved REST responses is not JSON
    assert "not JSON" in capsys.readouterr().err


def test_a_progress_bar_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    source = WPI / "phpunit-data" / "theme-unit-test-data.xml"
    assert main(["import", str(source), "-o", str(tmp_path / "t.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "reading [" in err and "100%" in err


def test_merge_tags_is_asked_for_and_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # theme-unit-test-data has two tags named "content περιεχόμενο" (content-2, content): kept
    # apart on import, as WordPress keeps them; merged only with --merge-tags.
    source = WPI / "phpunit-data" / "theme-unit-test-data.xml"
    plain, merged = tmp_path / "plain.jsonl", tmp_path / "merged.jsonl"
    assert main(["import", str(source), "-o", str(plain)]) == 0
    assert "tag-merge" not in capsys.readouterr().out
    assert main(["import", str(source), "-o", str(merged), "--merge-tags", "--json-report"]) == 0
    report = json.loads(capsys.readouterr().out)
    merges = [w for w in report["warnings"] if w["code"] == "tag-merge"]
    assert [w["message"] for w in merges] == [
        "tag 'content περιεχόμενο' (id 'content', slug 'content') merged into"
        " 'content περιεχόμενο' (id '35181409', slug 'content-2')"
    ]
    assert len(read_corpus(plain).tags) == len(read_corpus(merged).tags) + 1
