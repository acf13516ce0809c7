"""No traceback from data: deep nesting, dates at the calendar's edge, wrong types, sub-minute offsets."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from newsmodel import strategies as nst
from newsmodel.bodies.htmlparse import parse_html
from newsmodel.bodies.render import render_text
from newsmodel.cli import main
from newsmodel.related.config import SIGNALS
from newsmodel.related.score import RelatedResult, Signals
from newsmodel.serialize import dumps, loads, read_corpus, write_corpus
from newsmodel.values.body import MAX_NESTING_DEPTH, nesting_depth
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidValue, NewsModelError
from newsmodel.values.model import Article, Site
from newsmodel.widgets.partials import CategoryCounts, DayCounts, GroupStats, TagCounts

# ---------------------------------------------------------------- UTC offsets with seconds and microseconds

_ANY_OFFSET = st.timedeltas(
    min_value=timedelta(hours=-23, minutes=-59, seconds=-59), max_value=timedelta(hours=23, minutes=59, seconds=59)
)


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
    *(
        ("export", "-f", fmt, "--corpus", "{file}", "-o", "{out}")
        for fmt in ("jsonfeed", "rss", "atom", "wxr", "sitemap", "news-sitemap", "jsonld")
    ),
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


@pytest.mark.parametrize(
    "published", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+12:00", "9999-01-01T00:00:00Z"]
)
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
    assert err.count("\n") == 1 and "--as-of: '9999-12-31T23:59:59-12:00' is outside years 2 to 9998" in err


# ---------------------------------------------------------------- deep nesting

_LEAF = '{"type":"paragraph","content":[{"type":"text","text":"x"}]}'


def _quotes(n: int) -> str:
    return '{"type":"quote","cite":null,"blocks":[' * n + _LEAF + "]}" * n


def _emphasis(n: int) -> str:
    inner = '{"type":"emphasis","children":[' * n + '{"type":"text","text":"x"}' + "]}" * n
    return '{"type":"paragraph","content":[' + inner + "]}"


def _lists(n: int) -> str:
    return '{"type":"list_block","ordered":false,"start":null,"items":[{"blocks":[' * n + _LEAF + "]}]}" * n


def _mixed(n: int) -> str:
    """Quotes, lists and links around emphasis: every kind of container on one path."""
    half = n // 2
    inner = (
        '{"type":"link","href":"https://example.org/","title":null,"children":[{"type":"strong","children":['
        * ((n - half) // 2)
        + '{"type":"text","text":"x"}'
        + "]}]}" * ((n - half) // 2)
    )
    para = '{"type":"paragraph","content":[' + inner + "]}"
    return (
        (
            '{"type":"quote","cite":null,"blocks":[{"type":"list_block","ordered":false,"start":null,"items":[{"blocks":['
            * (half // 2)
        )
        + para
        + "]}]}]}" * (half // 2)
    )


_NESTERS = {"quotes": _quotes, "emphasis": _emphasis, "lists": _lists, "mixed": _mixed}


def _with_body(block: str) -> Callable[[str], str]:
    return lambda rec: rec.replace('"body":{"blocks":[]}', '"body":{"blocks":[' + block + "]}")


@pytest.mark.parametrize(
    ("kind", "n"), [("quotes", 200), ("emphasis", 500), ("lists", 300), ("quotes", 101), ("mixed", 104)]
)
def test_a_body_nested_too_deeply_is_refused_by_every_command(
    kind: str, n: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _corpus_file(tmp_path, _with_body(_NESTERS[kind](n)))
    _run_all(path, tmp_path, capsys, "at most 100")


@pytest.mark.parametrize("kind", sorted(_NESTERS))
def test_a_body_at_the_depth_limit_works_in_every_command(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _corpus_file(tmp_path, _with_body(_NESTERS[kind](MAX_NESTING_DEPTH)))
    (article,) = read_corpus(path).articles
    assert nesting_depth(article.body.blocks) == MAX_NESTING_DEPTH
    for command in COMMANDS:
        argv = [a.format(file=path, out=tmp_path / "out") for a in command]
        assert (
            main(
                [
                    *argv[:1],
                    *(["--as-of", "2026-01-01T00:00:00Z"] if argv[0] not in ("info", "convert") else []),
                    *argv[1:],
                ]
            )
            == 0
        ), argv
    capsys.readouterr()
    assert loads(dumps(article), Article) == article


@pytest.mark.parametrize(
    "html",
    [
        "<blockquote>" * 90 + "<em>" * 50 + "x",
        "<blockquote>" * 200 + '<a href="/"><em>' * 100 + "<b>x</b>",
        "<ol><li>" * 200 + "<p><s>" * 200 + "x",
        "<div>" * 400 + "<blockquote><strong>" * 300 + "x",
    ],
)
def test_the_html_parser_makes_bodies_within_the_depth_limit(html: str) -> None:
    body = parse_html(html)
    assert 0 < nesting_depth(body.blocks) <= MAX_NESTING_DEPTH
    assert "x" in render_text(body)


# ---------------------------------------------------------------- wrong types are refused when built

_VALUES = st.one_of(
    nst.articles(),
    nst.authors(),
    nst.categories(),
    nst.tags(),
    nst.sites(),
    nst.bylines(),
    nst.feature_images(),
    nst.source_attributions(),
    nst.social_profiles(),
    nst.permalinks(),
    nst.bodies(),
    nst.blocks(),
    nst.inlines(),
)
#: A value of a type no field of newsmodel takes (a float where none is a float; a float is no sequence).
_WRONG = 2.5


@given(value=_VALUES, data=st.data())
def test_every_public_type_refuses_a_wrong_typed_field(value: Any, data: st.DataObject) -> None:
    fields = [f.name for f in attrs.fields(type(value)) if f.init and f.name != "extra"]
    assume(fields)
    name = data.draw(st.sampled_from(fields))
    with pytest.raises(NewsModelError) as info:
        attrs.evolve(value, **{name: _WRONG})
    assert name in str(info.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("body", "## markdown"),
        ("bylines", ("ana",)),
        ("feature_image", "https://example.org/a.jpg"),
        ("source", "Reuters"),
    ],
)
def test_wrong_types_named_in_the_issue_are_refused(field: str, value: Any) -> None:
    with pytest.raises(InvalidValue, match=rf"Article\.{field}"):
        Article(id="1", slug="a", title="A", published=datetime(2025, 1, 1, tzinfo=timezone.utc), **{field: value})


# ---------------------------------------------------------------- every public attrs type, every field

#: Markdown that makes every body node (tables, footnotes, code, strikethrough, embeds, raw HTML …).
_RICH_MARKDOWN = """\
# Title

Some *emphasis*, **strong**, ~~gone~~, `code`, a [link](https://example.org "t") and a note[^1].
Line one
Line two\\
after a break.

> quoted

1. one
2. two

| a | b |
|---|--:|
| 1 | 2 |

```python
print(1)
```

---

![alt](https://example.org/a.jpg)

<iframe src="https://www.youtube.com/embed/x"></iframe>

<form>raw</form>

[^1]: The note.
"""


def _public_attrs_classes() -> list[type]:
    """Every attrs class named in ``__all__`` of newsmodel or one of its modules."""
    import importlib
    import pkgutil

    import newsmodel

    names = ["newsmodel", *(m.name for m in pkgutil.walk_packages(newsmodel.__path__, "newsmodel."))]
    found: dict[type, None] = {}
    for name in names:
        if name.endswith("__main__"):
            continue
        module = importlib.import_module(name)
        for public in getattr(module, "__all__", ()):
            obj = getattr(module, public)
            if isinstance(obj, type) and attrs.has(obj):
                found[obj] = None
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


def _collect(value: Any, into: dict[type, Any]) -> None:
    """One instance of each attrs class reachable from ``value`` (through fields and tuples)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            stack.extend(item)
        elif attrs.has(type(item)):
            into.setdefault(type(item), item)
            stack.extend(getattr(item, f.name) for f in attrs.fields(type(item)))
        elif isinstance(item, Signals):  # a compact value (not attrs): its Signal values when read
            stack.extend(getattr(item, name) for name in SIGNALS)
        elif isinstance(item, RelatedResult):  # a compact value (not attrs): its Signals when read
            stack.append(item.signals)


_SAMPLES: dict[type, Any] = {}


def _samples() -> dict[type, Any]:
    """Real values of every public type, made by newsmodel's own functions from a sample corpus."""
    if _SAMPLES:
        return _SAMPLES
    from newsmodel.bodies.mdparse import parse_markdown
    from newsmodel.bodies.textstats import reading_time
    from newsmodel.bodies.toc import build_toc
    from newsmodel.dask import Block
    from newsmodel.io.report import ImportReportBuilder
    from newsmodel.io.sitemap import sitemap_entries
    from newsmodel.io.timezones import OffsetEvidence
    from newsmodel.pages.page import build_article_page
    from newsmodel.related import RelatedConfig
    from newsmodel.related.quality import recommendation_quality
    from newsmodel.sample import generate
    from newsmodel.search import SearchFilters, SearchIndex, parse_query, search_document
    from newsmodel.values.builder import CorpusBuilder
    from newsmodel.values.model import Tag
    from newsmodel.values.permalinks import infer_permalinks
    from newsmodel.values.tagmerge import merge_similar_tags
    from newsmodel.widgets.navigation import adjacent
    from newsmodel.widgets.taxonomy import category_tree

    corpus = generate(articles=50)
    as_of = max(a.published for a in corpus.articles if a.published is not None)
    article = next(a for a in corpus.newest_first() if a.is_visible(as_of) and a.tag_ids)
    body = parse_markdown(_RICH_MARKDOWN)
    builder = CorpusBuilder(corpus.site)
    builder.add_tag(Tag(id="t1", slug="kim", name="Kim"))
    builder.add_tag(Tag(id="t2", slug="kim", name="KIM"))
    report = ImportReportBuilder(source="a.xml", format="wxr")
    report.warn("odd date", place="a.xml:3", code="date")
    report.imported("articles")
    report.skipped("attachment")
    with SearchIndex.build(corpus) as index:
        found = index.search(article.title, as_of=as_of, filters=SearchFilters(since=article.published))
        updated = index.update(corpus)
    evidence = OffsetEvidence()
    for a in corpus.articles:
        if a.published is not None:
            evidence.add(a.published)
    values: list[Any] = [
        corpus.site,
        tuple(corpus.articles),
        tuple(corpus.authors),
        tuple(corpus.categories),
        tuple(corpus.tags),
        body,
        build_toc(body, numbered=True),
        build_article_page(corpus, article.slug, as_of=as_of),
        category_tree(corpus.categories, corpus.articles, as_of=as_of),
        adjacent(corpus.articles, article, as_of=as_of),
        reading_time(article.body),
        tuple(builder.merges),
        merge_similar_tags(corpus)[1],
        report.build(),
        sitemap_entries(corpus, as_of=as_of),
        RelatedConfig(),
        recommendation_quality({"a": ["b"]}, ["a", "b"]),
        DayCounts.from_articles(corpus.articles, corpus.site, as_of=as_of),
        TagCounts.from_articles(corpus.articles, as_of=as_of),
        CategoryCounts.from_articles(corpus.articles, corpus.categories, as_of=as_of),
        GroupStats.by_author(corpus.articles, as_of=as_of),
        Block(url="corpus.jsonl", file=0, start=0, end=None, compression=None),
        infer_permalinks(corpus, {a.id: f"{corpus.site.base_url}/?p={a.id}" for a in corpus.articles[:3]}),
        search_document(corpus, article),
        parse_query("seoul summ*"),
        found,
        updated,
        evidence.conclude(),
        *_menu_samples(corpus),
        *_listing_samples(corpus, as_of),
        _static_page_sample(corpus, as_of),
        *_serve_samples(),
    ]
    for value in values:
        _collect(value, _SAMPLES)
    return _SAMPLES


def _menu_samples(corpus: Any) -> list[Any]:
    """A menu of the sample's categories, and the view a page shows of it."""
    from newsmodel.values.corpus import Corpus
    from newsmodel.values.model import Menu, MenuItem
    from newsmodel.widgets.menus import resolve_menu

    first = corpus.categories[0].id
    menu = Menu(
        id="m1",
        slug="top",
        name="Top",
        locations=("top",),
        items=(
            MenuItem(id="i1", type="taxonomy", object="category", object_id=first),
            MenuItem(id="i2", label="Legal", url="#", parent_id="i1"),
        ),
    )
    return [menu, resolve_menu(Corpus(site=corpus.site, categories=corpus.categories, menus=[menu]), menu)]


def _serve_samples() -> list[Any]:
    """What the server answers and what a build reports."""
    from newsmodel.serve.build import BuildReport
    from newsmodel.serve.site import Reply

    return [
        Reply(status=200, media_type="text/plain", body=b"ok", etag='"e"', headers=(("X-WP-Total", "1"),)),
        BuildReport(files=1, bytes=2, skipped=(("https://elsewhere.example/", 404),)),
    ]


def _static_page_sample(corpus: Any, as_of: Any) -> Any:
    """The view of a static page with a child page (its breadcrumbs and child pages)."""
    from newsmodel.pages.page import build_article_page
    from newsmodel.values.corpus import Corpus
    from newsmodel.values.model import Article

    pages = [
        Article(id="pg1", slug="legal", title="Legal", kind="page", published=as_of),
        Article(id="pg2", slug="privacy", title="Privacy", kind="page", parent_id="pg1", published=as_of),
    ]
    site = Corpus(site=corpus.site, articles=pages)
    return build_article_page(site, "legal", as_of=as_of)


def _listing_samples(corpus: Any, as_of: Any) -> list[Any]:
    """A listing page (its key, slice, pagination and page links) and what the resolver returns."""
    from newsmodel.pages.listing import ListingKey, build_listing_page, listing_index
    from newsmodel.pages.router import default_routes, router

    index = listing_index(corpus)
    page = build_listing_page(corpus, ListingKey.home(), as_of=as_of)
    r = router(corpus)
    article = next(a for a in corpus.articles if a.is_visible(as_of))
    return [
        page,
        index.listing_slice(ListingKey.home(), as_of=as_of),
        r.resolve(page.url, as_of=as_of),
        r.resolve(r.pages.article_url(article), as_of=as_of),
        r.resolve(page.url + "feed/", as_of=as_of),
        r.resolve(page.url + "no-such-thing-here/", as_of=as_of),
        default_routes(corpus.site)[0],
    ]


def test_the_samples_hold_every_public_type() -> None:
    missing = [cls.__qualname__ for cls in _public_attrs_classes() if cls not in _samples()]
    assert missing == []


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        pytest.param(cls, f.name, id=f"{cls.__qualname__}.{f.name}")
        for cls in _public_attrs_classes()
        for f in attrs.fields(cls)
        if f.init
    ],
)
def test_every_field_of_every_public_type_refuses_a_wrong_type(cls: type, name: str) -> None:
    value = _samples()[cls]
    wrong = object()
    with pytest.raises(InvalidValue) as info:
        attrs.evolve(value, **{name: wrong})
    assert f"{cls.__name__}.{name}" in str(info.value)


def test_an_unknown_article_status_names_the_field() -> None:
    with pytest.raises(InvalidValue, match=r"Article\.status: expected one of 'draft'.*got 'bogus'"):
        Article(id="1", slug="a", title="A", status="bogus")


def test_extra_given_as_a_generator_of_pairs_keeps_every_pair() -> None:
    site = Site(name="S", base_url="https://example.org", extra=((k, i) for i, k in enumerate("abc")))  # type: ignore[arg-type]
    assert dict(site.extra) == {"a": 0, "b": 1, "c": 2}
