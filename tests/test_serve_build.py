"""``newsmodel build``: the site as static files, every internal link resolving to a file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsmodel.cli import main
from newsmodel.sample import SEED_AS_OF, SEED_SLUG, generate
from newsmodel.serialize import write_corpus
from newsmodel.serve.build import build_site, file_for
from newsmodel.serve.site import SiteResponder
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import NewsModelError
from newsmodel.values.urls import permalink

SITE = "https://capitalcities.example"


def small_site(articles: int) -> Corpus:
    """A small generated site, without the sample's 1,800 tags that no article of it uses
    (each would be three more files: a page and two feeds)."""
    full = generate(articles=articles, short_bodies=True)
    used = {t for a in full.articles for t in a.tag_ids}
    return Corpus(
        site=full.site,
        authors=full.authors,
        categories=full.categories,
        tags=[t for t in full.tags if t.id in used],
        articles=full.articles,
        menus=full.menus,
    )


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return small_site(60)


@pytest.fixture(scope="module")
def built(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    build_site(SiteResponder(corpus, as_of=SEED_AS_OF, search=False), out)
    return out


def resolves(root: Path, path: str) -> bool:
    """Whether a static server would find a file for ``path`` (index.html or a feed's index)."""
    local = root / unquote(path).lstrip("/")
    if path.endswith("/") or path == "":
        return any((local / name).is_file() for name in ("index.html", "index.xml", "index.atom"))
    return local.is_file()


def test_every_internal_link_resolves_to_a_file(built: Path) -> None:
    pages = list(built.rglob("*.html"))
    assert len(pages) > 100
    checked = 0
    missing: set[str] = set()
    for page in pages:
        for node in LexborHTMLParser(page.read_text(encoding="utf-8")).css("a[href], link[href]"):
            href = node.attributes.get("href") or ""
            parts = urlsplit(href)
            if href.startswith("#") or (parts.netloc and f"{parts.scheme}://{parts.netloc}" != SITE):
                continue  # a fragment, or another site (share links, sources)
            if parts.query:
                continue  # a query URL (a search) is no file: search is not built
            checked += 1
            if not resolves(built, parts.path):
                missing.add(href)
    assert checked > 1000
    assert sorted(missing) == []


def test_files_of_every_kind(built: Path, corpus: Corpus) -> None:
    article = urlsplit(permalink(corpus, corpus.article_by_slug(SEED_SLUG))).path
    assert (built / article.strip("/") / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert b"<rss" in (built / "feed" / "index.xml").read_bytes()
    assert b"<feed" in (built / "category" / "world" / "feed" / "atom" / "index.atom").read_bytes()
    assert (built / "page" / "2" / "index.html").is_file()
    assert b"<urlset" in (built / "sitemap.xml").read_bytes()
    assert (built / "robots.txt").read_text(encoding="utf-8").startswith("User-agent: *")
    assert b"Nothing here" in (built / "404.html").read_bytes()
    assert not any(p.name.startswith(".") for p in built.parent.iterdir())  # no temporary folder left


def test_a_build_replaces_the_folder_whole(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    small = small_site(5)
    report = build_site(SiteResponder(small, as_of=SEED_AS_OF, search=False, related=False), out)
    assert not (out / "stale.html").exists()
    assert report.files == sum(1 for p in out.rglob("*") if p.is_file())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_file_names_refuse_dot_segments() -> None:
    with pytest.raises(NewsModelError, match="cannot be a file name"):
        file_for("/a/%2e%2e/b/", "text/html")


def test_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "news.jsonl"
    write_corpus(small_site(5), source)
    out = tmp_path / "public"
    code = main(["build", "--corpus", str(source), "-o", str(out), "--as-of", "2026-01-15", "--no-related"])
    assert code == 0
    said = capsys.readouterr().out
    assert said.startswith(f"{out}: ") and "files" in said
    assert (out / "index.html").is_file()
