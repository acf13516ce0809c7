"""``newsmodel demo`` and ``newsmodel page``: the whole page as text, and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmodel.cli import main
from newsmodel.cli._pagetext import _flow
from newsmodel.pages.pageschema import load_article_page_schema, validate
from newsmodel.sample import SEED_SLUG, generate


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled sample's content (``generate(articles=3000)``) as a corpus file."""
    from newsmodel.serialize import write_corpus

    path = tmp_path_factory.mktemp("corpus") / "sample.jsonl"
    write_corpus(generate(articles=3000), path)
    return str(path)


AS_OF = ["--as-of", "2026-01-15T12:00:00-05:00"]


def test_demo_prints_the_whole_page_in_reading_order(sample_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--corpus", sample_file, *AS_OF]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Thursday, January 15, 2026"
    markers = [
        "Home › World › ASIA › South Korea › Seoul",
        "Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines",
        "by Victoria Jones · December 16, 2025 · in Seoul, South Korea",
        "Table of Contents",
        "Closing Remarks",
        "Tags: ",
        "Previous Post",
        "Next Post",
        "A science journalist who makes complex topics accessible.",
        "Related Posts",
        "Recent Posts",
        "December 2025",
        "  M   T   W   T   F   S   S",
        "« Nov",
        "Archives",
        "• January 2026 (",
    ]
    positions = [out.find(m) for m in markers]
    assert all(p >= 0 for p in positions), [m for m, p in zip(markers, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "China (" in out  # the tag cloud with counts
    assert all(len(line) <= 78 for line in lines if " " in line.strip())


def test_demo_json_is_the_article_page(sample_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--json", "--corpus", sample_file, *AS_OF]) == 0
    data = json.loads(capsys.readouterr().out)
    assert validate(data, load_article_page_schema()) == []
    assert data["article"]["slug"] == SEED_SLUG
    assert data["today"] == "Thursday, January 15, 2026"


def test_page_command_on_a_corpus_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsmodel.serialize import write_corpus

    path = tmp_path / "corpus.jsonl"
    write_corpus(generate(articles=200, short_bodies=True), path)
    args = ["page", SEED_SLUG, "--corpus", str(path), "--as-of", "2026-01-15T12:00:00-05:00"]
    assert main([*args, "--no-related", "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert "Trump-Kim Summit Set for 2026" in out
    assert "Related Posts" not in out
    assert main([*args, "--json", "--same-category"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2026-01-15T12:00:00-05:00"
    assert validate(data, load_article_page_schema()) == []


def test_page_errors_are_one_line_and_exit_2(sample_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["page", "no-such-article", "--corpus", sample_file]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "'no-such-article'" in err
    assert main(["page", SEED_SLUG, "--corpus", sample_file, "--as-of", "2026-01-15T12:00:00"]) == 2
    assert "offset" in capsys.readouterr().err


@given(st.lists(st.text(alphabet="ab ", min_size=1, max_size=12), max_size=20), st.integers(10, 40))
def test_flowed_items_fit_and_keep_their_order(items: list[str], width: int) -> None:
    lines = _flow(items, width, prefix="Tags: ")
    assert " ".join(lines).replace(" · ", "\0").removeprefix("Tags: ").split("\0") == items or not items
    for line in lines[1:]:
        assert len(line) <= width or " · " not in line


def test_page_command_resolves_any_url(sample_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    from newsmodel.pages.pageschema import load_listing_page_schema

    args = ["--corpus", sample_file, *AS_OF]
    assert main(["page", "https://capitalcities.example/category/world/asia/page/2/", *args]) == 0
    out = capsys.readouterr().out
    assert "Category: ASIA" in out and "Page 2 of" in out
    assert main(["page", "/2025/12/", "--json", *args]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Month: December 2025"
    assert validate(data, load_listing_page_schema()) == []
    assert main(["page", "/feed/atom/", *args]) == 0
    assert capsys.readouterr().out.startswith("site feed (atom)")
    assert main(["page", "/category/world/asai/", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean https://capitalcities.example/category/world/asia/" in err


# --------------------------------------------------------------------------- search, pages, HTML


@pytest.fixture
def site_file(tmp_path: Path) -> str:
    """A small sample with a Legal page and its child pages, as a corpus file."""
    from newsmodel.serialize import write_corpus
    from newsmodel.values.corpus import Corpus
    from newsmodel.values.model import Article

    base = generate(articles=200, short_bodies=True)
    when = base.article_by_slug(SEED_SLUG).published
    pages = [
        Article(id="p1", slug="legal", title="Legal Pages", kind="page", published=when),
        Article(id="p2", slug="privacy", title="Privacy Policy", kind="page", parent_id="p1", published=when),
        Article(id="p3", slug="terms", title="Terms", kind="page", parent_id="p1", published=when, menu_order=-1),
    ]
    corpus = Corpus(
        site=base.site,
        authors=base.authors,
        categories=base.categories,
        tags=base.tags,
        articles=[*base.articles, *pages],
        menus=base.menus,
    )
    path = tmp_path / "site.jsonl"
    write_corpus(corpus, path)
    return str(path)


def _search_ids(path: str, query: str) -> list[str]:
    from datetime import datetime

    from newsmodel.search import SearchIndex
    from newsmodel.serialize import read_corpus

    corpus = read_corpus(path)
    as_of = datetime.fromisoformat(AS_OF[1])
    with SearchIndex.build(corpus) as index:
        results = index.search(query, as_of=as_of, per_page=corpus.site.posts_per_page)
    assert results.total > 1
    return [h.article_id for h in results.hits]


def test_a_search_url_is_answered_by_the_search_index(site_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--corpus", site_file, *AS_OF]
    expected = _search_ids(site_file, "seoul")
    for url in ("/?s=seoul", "/search/seoul/"):
        assert main(["page", url, "--json", *args]) == 0
        captured = capsys.readouterr()
        data = json.loads(captured.out)
        assert [p["id"] for p in data["posts"]] == expected
        assert data["query"] == "seoul" and data["pagination"]["total"] > 1
        assert "searching an index built in memory" in captured.err and "no index at" in captured.err
    assert main(["index", "--corpus", site_file]) == 0
    capsys.readouterr()
    assert main(["page", "/?s=seoul", *args]) == 0
    captured = capsys.readouterr()
    assert f"searching the index {site_file}.search.sqlite" in captured.err
    assert "Search Results for: “seoul”" in captured.out
    Path(site_file).write_bytes(Path(site_file).read_bytes() + b"\n")  # the corpus file changes
    assert main(["page", "/search/seoul/", *args]) == 0
    assert "is older than" in capsys.readouterr().err


def test_page_prints_the_html_of_whatever_lives_at_the_url(site_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--corpus", site_file, *AS_OF]
    assert main(["page", "/legal/", "--html", *args]) == 0
    out = capsys.readouterr().out
    assert '<h1 class="entry-title">Legal Pages</h1>' in out
    assert '<nav class="child-pages" aria-label="Pages">' in out
    terms = out.index('href="https://capitalcities.example/legal/terms/"')
    assert terms < out.index('href="https://capitalcities.example/legal/privacy/"')  # menu_order first
    assert main(["page", "/legal/privacy/", "--html", *args]) == 0
    out = capsys.readouterr().out
    crumbs = out.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert ">Legal Pages</a>" in crumbs and ">Privacy Policy</a>" in crumbs
    assert main(["page", SEED_SLUG, "--html", *args]) == 0
    assert '<h1 class="entry-title">Trump-Kim Summit Set for 2026' in capsys.readouterr().out
    assert main(["page", "/category/world/asia/", "--html", "--no-related", *args]) == 0
    assert '<h1 class="page-title">Category: ASIA</h1>' in capsys.readouterr().out
    assert main(["page", "/?s=seoul", "--html", *args]) == 0
    assert '<h1 class="page-title">Search Results for: “seoul”</h1>' in capsys.readouterr().out
    assert main(["page", "/feed/", "--html", *args]) == 2
    assert "is a feed" in capsys.readouterr().err
    assert main(["page", "/legal/", *args]) == 0
    out = capsys.readouterr().out
    assert "Home › Legal Pages" in out and "• Terms" in out and "• Privacy Policy" in out
