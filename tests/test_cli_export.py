"""``newsmodel export``: every format, to a file and to standard output, and its errors."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import feedparser
import pytest

import newsmodel.cli.export as export_cli
from newsmodel.cli import main
from newsmodel.io.feeds import parse_feed_date
from newsmodel.io.sitemap import NEWS_WINDOW, read_sitemap
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.values.corpus import Corpus

_CORPUS = generate(articles=150)


@pytest.fixture(autouse=True)
def small_corpus(monkeypatch: pytest.MonkeyPatch) -> Corpus:
    """The export command on a small generated corpus instead of the bundled one (faster)."""
    monkeypatch.setattr(export_cli, "load_corpus", lambda args: _CORPUS)
    return _CORPUS


def _visible() -> int:
    return len(_CORPUS.visible(SEED_AS_OF))


def test_jsonfeed_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "jsonfeed"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert len(doc["items"]) == _visible()  # the two articles scheduled after "today" are left out


@pytest.mark.parametrize(("fmt", "version"), [("rss", "rss20"), ("atom", "atom10")])
def test_feeds_to_a_file(tmp_path: Path, fmt: str, version: str) -> None:
    out = tmp_path / f"feed.{fmt}"
    assert main(["export", "-f", fmt, "-o", str(out), "--limit", "10", "--feed-url", "https://e.org/f"]) == 0
    parsed = feedparser.parse(out.read_bytes())
    assert not parsed.bozo
    assert parsed.version == version
    assert len(parsed.entries) == 10


def test_news_sitemap(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "news-sitemap"]) == 0
    entries = read_sitemap(capsys.readouterr().out.encode())
    assert entries
    for entry in entries:
        when = parse_feed_date(entry.news_publication_date)
        assert when is not None and SEED_AS_OF - NEWS_WINDOW < when <= SEED_AS_OF


def test_news_sitemap_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "news-sitemap", "--as-of", "2030-01-01T00:00:00+00:00"]) == 0
    assert read_sitemap(capsys.readouterr().out.encode()) == ()


def test_sitemap_to_a_file_and_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sitemap.xml"
    assert main(["export", "--format", "sitemap", "-o", str(out)]) == 0
    assert main(["export", "--format", "sitemap"]) == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")
    assert len(read_sitemap(out)) > _visible()


def test_jsonld_one_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "jsonld", "--article", SEED_SLUG]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [g["@type"] for g in doc["@graph"]] == ["NewsArticle", "BreadcrumbList"]


def test_jsonld_every_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "jsonld"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == _visible()
    first = json.loads(lines[0])["@graph"][0]
    assert datetime.fromisoformat(first["datePublished"]) <= SEED_AS_OF


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "jsonld", "--article", "no-such-story"], "no-such-story"),
        (["--format", "rss", "--as-of", "2026-01-15T00:00:00"], "no UTC offset"),
        (["--format", "rss", "--limit", "-1"], "-1"),
    ],
)
def test_errors_are_one_line_and_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", *argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("newsmodel export: error:") and message in err


def test_unknown_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "html"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_wxr_dispatches_to_the_wxr_writer(tmp_path: Path) -> None:
    from newsmodel.io.wxr import read_wxr

    out = tmp_path / "export.xml"
    assert main(["export", "--format", "wxr", "-o", str(out)]) == 0
    back, _ = read_wxr(out)
    assert len(back.articles) == len(_CORPUS.articles)
    assert back.article_by_slug(SEED_SLUG).title == _CORPUS.article_by_slug(SEED_SLUG).title


def test_default_corpus_is_the_bundled_sample(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsmodel.cli._common import load_corpus

    monkeypatch.setattr(export_cli, "load_corpus", load_corpus)
    assert main(["export", "--format", "jsonld", "--article", SEED_SLUG]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["@graph"][0]["headline"] == "Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines"
