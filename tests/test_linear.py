"""Linear time on hostile bodies and pages (issue 9): the work done is counted, never timed.

Each quadratic path is shown by the work it does on the smallest input that has it: a counted
number of characters scanned, or calls made, that grows with the input linearly and not
quadratically.  The new algorithms are also checked against the previous answers.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsmodel.bodies import htmltree
from newsmodel.bodies.htmlparse import limit_depth, parse_html
from newsmodel.bodies.mdparse import parse_markdown
from newsmodel.bodies.sanitize import sanitize_html
from newsmodel.pages.page import build_article_page
from newsmodel.related.features import Features
from newsmodel.sample import generate
from newsmodel.values import urls
from newsmodel.values.body import Heading, Paragraph, RawHtml, Text
from newsmodel.values.builder import parents_first
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Article, ArticleStatus, Category, Site
from newsmodel.widgets import taxonomy
from newsmodel.widgets.taxonomy import breadcrumbs, category_path

# --------------------------------------------------------------------------- the depth pre-scan


class _CountingPattern:
    """A compiled pattern that adds up how many characters its searches and matches walk over."""

    def __init__(self, pattern: re.Pattern[str], counter: list[int]) -> None:
        self.pattern = pattern
        self.counter = counter

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        m = self.pattern.search(text, pos)
        self.counter[0] += (m.end() if m else len(text)) - pos
        return m

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        m = self.pattern.match(text, pos)
        self.counter[0] += (m.end() if m else 1) - pos
        return m


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of characters the depth pre-scan's patterns walk over (one counter)."""
    counter = [0]
    closes = {name: _CountingPattern(p, counter) for name, p in htmltree._RAW_CLOSE.items()}
    monkeypatch.setattr(htmltree, "_RAW_CLOSE", closes)
    for name in ("_COMMENT_CLOSE", "_TAG_CLOSE", "_TAG_OPEN", "_RAW_OPEN"):
        monkeypatch.setattr(htmltree, name, _CountingPattern(getattr(htmltree, name), counter))
    return counter


@pytest.mark.parametrize("unit", ["<script>", "<title>", "<STYLE>", "<!--", "<a", "<a ", "</a ", "<xmp x"])
def test_depth_prescan_reads_unclosed_constructs_in_one_pass(unit: str, scanned: list[int]) -> None:
    """600 unclosed openers (past the guard's 512 ``<``): each was a scan to the end of the input."""
    html = unit * 600
    assert limit_depth(html) == _previous_limit_depth(html, htmltree.MAX_SOURCE_DEPTH)
    assert scanned[0] <= 4 * len(html)


def test_depth_prescan_is_one_pass_over_mixed_unclosed_constructs(scanned: list[int]) -> None:
    html = "<div>" * 600 + "<script><title><!--<a " * 200 + "</div>" * 600
    assert limit_depth(html) == _previous_limit_depth(html, htmltree.MAX_SOURCE_DEPTH)
    assert scanned[0] <= 4 * len(html)


def _previous_limit_depth(html: str, limit: int) -> str:
    """The depth pre-scan as one regular expression (quadratic on unclosed constructs).

    It reads raw-text elements and comments as the HTML tokenizer does: an unclosed one runs to
    the end of the input, and a raw-text element ends at ``</name`` followed by a space, ``/``
    or ``>`` (and then at the next ``>``).
    """
    end = r"(?=[\t\n\f\r />])"
    tag = re.compile(
        r"<(script|style|textarea|title|xmp|iframe|noembed|noframes)"
        + end
        + r"(?:[^>]*>.*?(?:</\1"
        + end
        + r"[^>]*>|\Z)|.*\Z)|<plaintext"
        + end
        + r".*\Z|<!--(?:-?>|.*?(?:--!?>|\Z))"
        r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>",
        re.S | re.I | re.A,
    )
    if html.count("<") <= limit:
        return html
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, bool]] = []
    depth = 0
    for m in tag.finditer(html):
        name = m.group(3)
        if name is None:
            continue
        name = name.lower()
        if name in htmltree._VOID:
            continue
        drop = False
        if not m.group(2):
            passable = htmltree._SELF_CLOSING_SIBLINGS.get(name)
            if passable is not None:
                for i in range(len(stack) - 1, max(len(stack) - 9, -1), -1):
                    if stack[i][0] == name:
                        while len(stack) > i:
                            if not stack.pop()[1]:
                                depth -= 1
                        break
                    if stack[i][0] not in passable:
                        break
            drop = depth >= limit
            stack.append((name, drop))
            if not drop:
                depth += 1
        else:
            for i in range(len(stack) - 1, max(len(stack) - 17, -1), -1):
                if stack[i][0] == name:
                    drop = stack[i][1]
                    while len(stack) > i:
                        if not stack.pop()[1]:
                            depth -= 1
                    break
        if drop:
            out.append(html[pos : m.start()])
            pos = m.end()
    if not out:
        return html
    out.append(html[pos:])
    return "".join(out)


_PIECES = [
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<li>",
    "<b>",
    "</b>",
    "<a ",
    "<a href='x>y'>",
    "</a>",
    "<script>",
    "<ScRiPt type=x>",
    "</script>",
    "</SCRIPT >",
    "</script\n>",
    "<scripts>",
    "<script-x>",
    "<title>",
    "</title>",
    "<style>",
    "</style>",
    "<textarea>",
    "</textarea>",
    "<xmp>",
    "</xmp>",
    "<!--",
    "-->",
    "<!-->",
    "<!--->",
    "--!>",
    "</script foo>",
    "</script/>",
    "<iframe>",
    "</iframe>",
    "<noembed>",
    "<plaintext>",
    "<br>",
    "<img src=x>",
    "<tr>",
    "<td>",
    ">",
    "<",
    "</",
    "<1>",
    "text",
    " ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.integers(min_value=0, max_value=4))
@example(["<script>", "<div>", "<div>", "<div>", "</script>"], 1)
@example(["<div>", "<!--", "<div>", "<div>", "<a ", "<div>", ">", "<div>"], 1)
@example(["<div>", "<title>", "<div>", "<div>", "<script>", "</title>", "<div>", "</script>"], 1)
def test_depth_prescan_gives_the_reference_answers(pieces: list[str], limit: int) -> None:
    """Unclosed, nested and mixed raw-text elements, comments and tags: the regular expression's output."""
    html = "".join(pieces)
    assert limit_depth(html, limit) == _previous_limit_depth(html, limit)


def test_tag_names_are_compared_in_ascii_case_only() -> None:
    """As the HTML tokenizer does: "ſ" (long s) does not spell a <script> (so tags after it count)."""
    html = "<\u017fcript>" + "<div>" * 3 + "</script>"
    assert limit_depth(html, 2) == "<\u017fcript><div><div></script>"


def _lexbor_text(html: str) -> str:
    """The text and comments lexbor keeps for ``html`` (as parse_html parses it), in document order."""
    body = LexborHTMLParser(htmltree._PREFIX + html).body
    assert body is not None
    out = []
    for node in body.traverse(include_text=True):
        if node.tag == "-text":
            out.append(node.text_content or "")
        elif node.tag == "-comment":
            out.append(node.comment_content or "")
    return "".join(out)


def _lexbor_depth(html: str) -> int:
    """The deepest element below <body> in lexbor's tree of ``html``."""
    body = LexborHTMLParser(htmltree._PREFIX + html).body
    assert body is not None
    deepest = 0
    stack = [(body, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        for child in node.iter(include_text=False):
            stack.append((child, depth + 1))
    return deepest


# tags whose nesting the pre-scan counts as the tree builder does (no implied end tags, no
# attribute values holding ">", no bogus comments), and the raw-text elements and comments
_TREE_PIECES = [
    "<div>",
    "</div>",
    "<span>",
    "</span>",
    "<section>",
    "</section>",
    "<br>",
    "<script>",
    "</script>",
    "</script x>",
    "<title>",
    "</title>",
    "<style>",
    "</style>",
    "<textarea>",
    "</textarea>",
    "<xmp>",
    "</xmp>",
    "<iframe>",
    "</iframe>",
    "<noembed>",
    "</noembed>",
    "<noframes>",
    "</noframes>",
    "<plaintext>",
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "text",
    "<",
    ">",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TREE_PIECES), max_size=40), st.integers(min_value=1, max_value=5))
@example(["<div>", "<script>", "<script>", "<script>"], 1)
@example(["<div>", "<!--", "<div>", "<div>"], 1)
def test_depth_prescan_agrees_with_lexbor(pieces: list[str], limit: int) -> None:
    """Under the limit the pre-scan changes nothing; past it, it removes tags and never text.

    A raw-text element or comment left open holds the rest of the input as text, as lexbor reads it.
    """
    html = "".join(pieces)
    limited = limit_depth(html, limit)
    if _lexbor_depth(html) <= limit:
        assert limited == html
    # the text lexbor keeps is kept, in order (removed tags may only join text nodes)
    assert _lexbor_text(limited) == _lexbor_text(html)


def test_unclosed_script_past_the_depth_limit_keeps_its_text() -> None:
    """600 unclosed <script> openers are one script's text; the pre-scan dropped 88 of them."""
    html = "<script>" * 600
    (block,) = parse_html(html).blocks
    assert isinstance(block, RawHtml) and block.html == html + "</script>"


@pytest.mark.parametrize("opener", ["<!--", "<title>", "<textarea>", "<xmp>", "<iframe>", "<plaintext>", "<style x>"])
def test_unclosed_raw_text_or_comment_holds_no_tags(opener: str) -> None:
    html = "<div>" + opener + "<div>" * 600
    assert limit_depth(html, 4) == html


@pytest.mark.parametrize("closer", ["</script foo>", "</script/>", "</SCRIPT\t>"])
def test_raw_text_ends_at_any_end_tag_of_its_name(closer: str) -> None:
    """The tags after a closed script still count (else an input could hide its depth)."""
    html = "<script>x" + closer + "<div>" * 3
    assert limit_depth(html, 2) == "<script>x" + closer + "<div>" * 2


@pytest.mark.parametrize("comment", ["<!-->", "<!--->", "<!-- x --!>"])
def test_short_and_bang_comments_are_closed(comment: str) -> None:
    html = comment + "<div>" * 3
    assert limit_depth(html, 2) == comment + "<div>" * 2


def test_unclosed_script_at_the_end_is_kept_as_before() -> None:
    body = parse_html("<p>a</p>" + "<script>" * 600)
    assert [type(b).__name__ for b in body.blocks] == ["Paragraph", "RawHtml"]
    assert isinstance(body.blocks[1], RawHtml) and body.blocks[1].reason == "script"
    assert parse_markdown("a\n\n" + "<script>" * 600).blocks[0] == body.blocks[0]


# --------------------------------------------------------------------------- a deep category chain


def _chain_corpus(depth: int) -> Corpus:
    categories = [
        Category(id=f"c{i}", slug=f"c{i}", name=f"C{i}", parent_id=None if i == 0 else f"c{i - 1}")
        for i in range(depth)
    ]
    articles = [
        Article(
            id=f"a{i}",
            slug=f"a{i}",
            title=f"A {i}",
            status=ArticleStatus.PUBLISHED,
            published=datetime(2024, 1, 1 + i, tzinfo=timezone.utc),
            category_ids=(f"c{depth - 1 - i}",),
        )
        for i in range(3)
    ]
    return Corpus(site=Site(name="S", base_url="https://e.org"), categories=categories, articles=articles)


def test_article_page_walks_a_category_chain_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page in a 300-deep chain: every category path built and every slug encoded was O(depth^2)."""
    depth = 300
    corpus = _chain_corpus(depth)
    walked = [0]

    def counted_path(categories: Any, category_id: str) -> tuple[Category, ...]:
        path = category_path(categories, category_id)
        walked[0] += len(path)
        return path

    def counted_corpus_path(self: Corpus, category_id: str) -> tuple[Category, ...]:
        path = corpus_path(self, category_id)
        walked[0] += len(path)
        return path

    def counted_quote(text: str, safe: str = "/") -> str:
        walked[0] += 1
        return quote(text, safe=safe)

    corpus_path = Corpus.path
    monkeypatch.setattr(taxonomy, "category_path", counted_path)
    monkeypatch.setattr(Corpus, "path", counted_corpus_path)
    monkeypatch.setattr(urls, "quote", counted_quote)
    page = build_article_page(corpus, "a0", as_of=datetime(2025, 1, 1, tzinfo=timezone.utc))
    assert [b.label for b in page.breadcrumbs] == ["Home", *(f"C{i}" for i in range(depth))]
    assert page.breadcrumbs[-1].url == "https://e.org/category/" + "/".join(f"c{i}" for i in range(depth)) + "/"
    assert page.breadcrumbs == breadcrumbs(corpus.categories, corpus.article("a0"), site=corpus.site)
    assert walked[0] <= 20 * depth


def test_category_proximity_rows_equal_the_path_comparison() -> None:
    """The one-pass proximity row against the pairwise definition (shared path over longer path)."""
    corpus = generate(articles=200)
    features = Features(corpus, keywords=8)
    paths = {c.id: [p.id for p in corpus.path(c.id)] for c in corpus.categories}

    def proximity(a: str, b: str) -> float:
        common = 0
        for x, y in zip(paths[a], paths[b], strict=False):
            if x != y:
                break
            common += 1
        return common / max(len(paths[a]), len(paths[b]))

    some = [c.id for c in corpus.categories[:: max(1, len(corpus.categories) // 12)]]
    for query in [(some[0],), (some[1], some[-1]), tuple(some[:4])]:
        expected = {o: max(proximity(m, o) for m in query) for o in paths}
        assert features.category_row(query) == {o: v for o, v in expected.items() if v > 0.0}
        assert all(features.proximity(m, o) == proximity(m, o) for m in query for o in paths)


# --------------------------------------------------------------------------- the sanitizer


def _visible_text(html: str) -> str:
    """The text a browser shows for ``html``: lexbor's tree, without what the sanitizer drops."""
    body = LexborHTMLParser(html).body
    assert body is not None
    for node in body.css("script, style, template, noscript, textarea, title, xmp, plaintext, iframe, svg, math"):
        node.decompose()
    return body.text()


@pytest.mark.parametrize("unit", ["<!--", "<a", "<a ", "</a ", "<![CDATA[", "<?", "<a b='", "</", "<div>", "<b><i>"])
def test_sanitizer_reads_unclosed_and_repeated_constructs_in_linear_time(unit: str) -> None:
    """What a browser would read from an unfinished construct (nothing, for an unclosed comment
    or tag; the text, for nested elements) is what the sanitizer keeps, and never markup that
    is not on the allow-list; the work counted is the walk over the input (lexbor reads it once,
    nesting past the depth limit flattened first)."""
    html = "<p>x</p>" + unit * 2000
    out = sanitize_html(html)
    assert out.startswith("<p>x</p>")
    assert _visible_text(out) == _visible_text(html)
    tags = {m.group(1) for m in re.finditer(r"</?([a-z0-9]+)", out)}
    assert tags <= {"p", "div", "b", "i"}


def test_sanitizer_never_turns_an_unfinished_tag_into_markup() -> None:
    """An attribute quote left open swallows the rest of the input into the tag, which a browser
    then drops at the end of the input: no markup of it survives, and no text the browser shows
    is lost."""
    html = "<b>x</b><a title='q>here</a> and <b>bold</b>"
    assert sanitize_html(html) == "<b>x</b>"
    assert sanitize_html("<p>a &amp; b <a href") == "<p>a &amp; b </p>"


# --------------------------------------------------------------------------- categories parents first


def _previous_parents_first(categories: list[Category]) -> list[Category]:
    """The order as it was made: repeated passes, each placing what it can (quadratic in a chain)."""
    ids = {c.id for c in categories}
    placed: set[str] = set()
    out: list[Category] = []
    pending = categories
    while pending:
        rest = []
        for c in pending:
            if c.parent_id is None or c.parent_id not in ids or c.parent_id in placed:
                out.append(c)
                placed.add(c.id)
            else:
                rest.append(c)
        if len(rest) == len(pending):
            out.extend(rest)
            break
        pending = rest
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([None, "gone", *(f"c{i}" for i in range(12))]), max_size=12), st.randoms())
@example([f"c{i + 1}" for i in range(5)] + [None], None)
@example(["c0"], None)
@example(["c1", "c0", "c0"], None)
def test_parents_first_gives_the_previous_order(parents: list[str | None], rnd: Any) -> None:
    """Forests, chains in any order, missing parents, cycles and self-parents: the passes' order."""
    categories = [Category(id=f"c{i}", slug=f"c{i}", name=f"C{i}", parent_id=p) for i, p in enumerate(parents)]
    if rnd is not None:
        rnd.shuffle(categories)
    assert parents_first(categories) == _previous_parents_first(categories)


# --------------------------------------------------------------------------- anchors


def test_repeated_headings_in_the_python_markdown_style_are_counted_on_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The n-th heading of one text walked ``x``, ``x_1`` … ``x_n-1`` again (Python-Markdown's
    ``unique`` as written): 2,000 equal headings took about two million steps, each a match of the
    suffix pattern; a walk now resumes where the last one from the same anchor ended."""
    from newsmodel.bodies import anchors as module

    pattern = module._PYMD_COUNT
    counted = [0]

    class _Calls:
        def match(self, text: str) -> re.Match[str] | None:
            counted[0] += 1
            return pattern.match(text)

    monkeypatch.setattr(module, "_PYMD_COUNT", _Calls())
    body = parse_html("<h2>Update</h2>" * 2000)
    names = module.heading_anchors(body, style="python-markdown")
    assert names == ("update", *(f"update_{i}" for i in range(1, 2000)))
    assert counted[0] <= 2 * 2000


# --------------------------------------------------------------------------- texts of many pieces


@pytest.mark.parametrize("space", [" ", "\t"], ids=["spaces", "tabs"])
def test_a_long_run_of_spaces_in_a_heading_with_a_line_break_is_read_once(space: str) -> None:
    # the pattern of a heading's formatting whitespace was tried from every space of the run
    # (5,000 spaces took 83 ms and four times as many sixteen times as long: a million, hours);
    # spaces and tabs are kept as written, the line break reads as one space
    run = space * 1_000_000
    (heading,) = parse_html("<h2>a\nb" + run + "c</h2>").blocks
    assert isinstance(heading, Heading) and heading.text == "a b" + run + "c"


def test_a_markdown_heading_with_a_long_run_of_spaces_is_read_once() -> None:
    # "{#" anywhere in the text makes every heading look for an id; the pattern was tried from
    # every space of the run (5,000 spaces took 13 ms, four times as many sixteen times as long)
    text = "# a" + " " * 1_000_000 + "b\n\n{#"
    heading = parse_markdown(text).blocks[0]
    assert isinstance(heading, Heading) and heading.text == "a" + " " * 1_000_000 + "b" and heading.id is None
    assert parse_markdown("# Title {#own}").blocks == (Heading(level=1, content=(Text(text="Title"),), id="own"),)


def test_text_joined_from_many_pieces_grows_in_place() -> None:
    # a paragraph of many texts (split by elements dropped from it, such as <wbr>) was one string
    # copied whole at each piece: 4,000,000 one-letter pieces were hours of copying
    from newsmodel.bodies.htmlinline import _add_text

    out: list[Any] = []
    for _ in range(4_000_000):
        _add_text(out, "y")
    assert out == ["y" * 4_000_000]
    assert parse_html("<p>" + "y<wbr>" * 1000).blocks == (Paragraph(content=(Text(text="y" * 1000),)),)


# --------------------------------------------------------------------------- permalinks


def test_the_readings_of_a_long_link_take_memory_in_proportion_to_it() -> None:
    """Every reading of a post's link (which token or literal each part is) extended its pattern
    as a string, so each step copied it and the stack held every copy: a 20,000-character link
    whose parts read as the post's slug and its category took about 560 MB, four times that at
    twice the length.  Counted with tracemalloc: the peak now grows with the link."""
    import tracemalloc

    from newsmodel.values.permalinks import _readings, _Values

    values = _Values(single=(("postname", "a"), ("post_id", "1")), category=(("a", "c1"),))
    path = "a/" * 10_000
    tracemalloc.start()
    try:
        readings = _readings(path, values)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(set(readings)) == 64  # the readings kept of one link (_MAX_READINGS)
    assert readings[0] == "%category%/" * 10_000
    assert all(r.replace("%category%/", "").replace("%postname%/", "") == "" for r in readings)
    assert peak < 1_000 * len(path)


# --------------------------------------------------------------------------- WXR fields


def test_a_login_of_many_ampersands_is_read_once() -> None:
    # WordPress's entity pattern "&.+?;" searched from every "&" to the end of the line when no
    # ";" followed: 20,000 took 1.2 s, a million about 50 minutes (a dc:creator of "&amp;"s)
    from newsmodel.io.wp.wxr_items import sanitize_login

    assert sanitize_login("&" * 1_000_000) == ""  # what sanitize_user leaves: no letter
    assert sanitize_login("Jane&" * 200_000) == "Jane" * 200_000
    assert sanitize_login("a&amp;b&c\nd;e&f") == "abcdef"  # an entity never spans a line break


def test_a_serialized_list_with_a_string_left_open_is_read_once() -> None:
    # from each 'i:0;s:0:"' the pattern of a string searched for '";' to the end of the text:
    # 8,000 took 2 s (a nav menu item's _menu_item_classes), 200,000 about 20 minutes
    from newsmodel.io.wp.wxr_menus import php_string_list

    assert php_string_list("a:1:{" + 'i:0;s:0:"' * 200_000 + "}") is None  # no string ends: not a list
    assert php_string_list('a:2:{i:0;s:1:"a";i:1;s:1:"b";}' + " " * 10) == ("a", "b")


# --------------------------------------------------------------------------- menus


def _previous_moved(items: list[Any]) -> set[str]:
    """The items the WXR reader moved to the top for a cycle, as it found them: each item's chain
    followed until an item already placed (quadratic in a long chain that runs into a cycle)."""
    parent_of = {i.id: i.parent_id for i in items}
    moved: set[str] = set()
    done: set[str] = set()
    for item in items:
        parent = item.parent_id
        if parent is not None and parent not in parent_of:
            parent_of[item.id] = None
        elif parent is not None:
            node: str | None = parent
            chain = {item.id}
            while node is not None and node not in done:
                if node in chain:
                    moved.add(item.id)
                    parent_of[item.id] = None
                    break
                chain.add(node)
                node = parent_of.get(node)
            else:
                done.update(chain)
        done.add(item.id)
    return moved


@settings(max_examples=500)
@given(st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=14)), min_size=1, max_size=14), st.randoms())
@example([1, 2, 3, 4, 5, 4], None)  # a chain into a cycle, placed from its far end
@example([5, 0, 1, 2, 3, 4], None)  # a cycle of six, placed around it
@example([1, 0, 3, 99, 2], None)  # a parent not in the menu
def test_the_items_moved_off_a_cycle_are_those_the_chain_walk_moved(parents: list[int | None], rnd: Any) -> None:
    from newsmodel.io.wp.wxr_menus import _first_on_cycle_chains
    from newsmodel.values.site import MenuItem

    order = list(range(len(parents)))
    if rnd is not None:
        rnd.shuffle(order)
    items = [
        MenuItem(id=f"m{i}", label="x", parent_id=None if parents[i] in (None, i) else f"m{parents[i]}") for i in order
    ]
    assert _first_on_cycle_chains(items) == _previous_moved(items)


def test_a_long_chain_of_menu_parents_into_a_cycle_is_walked_once() -> None:
    # placed from its far end, each item followed the whole chain again to the cycle: 4,000
    # items took 0.76 s, 100,000 about eight minutes
    from newsmodel.io.report import ImportReportBuilder
    from newsmodel.io.wp.wxr_menus import WxrMenus
    from newsmodel.values.site import MenuItem

    def moved(items: list[MenuItem]) -> set[str]:
        repaired = WxrMenus("menus.xml", ImportReportBuilder())._repair_parents(items, {})
        return {i.id for i, r in zip(items, repaired, strict=True) if i.parent_id != r.parent_id}

    n = 100_000
    items = [MenuItem(id=f"m{i}", label="x", parent_id=f"m{i + 1}") for i in range(n)]
    items.append(MenuItem(id=f"m{n}", label="x", parent_id="m0"))  # the last closes one long cycle
    assert moved(items) == {"m0"}  # the first placed; every other chain then ends at it
    cycle = [
        MenuItem(id=f"m{n}", label="x", parent_id=f"m{n + 1}"),
        MenuItem(id=f"m{n + 1}", label="x", parent_id=f"m{n}"),
    ]
    chain = [*items[:n], *cycle]
    # a chain into a cycle of two, placed from its far end: moving an item ends only the chains
    # through it (those below it), so every item of the chain and the first of the cycle move
    assert moved(chain) == {f"m{i}" for i in range(n + 1)}


# --------------------------------------------------------------------------- XML reading


def test_a_token_many_chunks_long_is_handed_to_expat_a_logarithmic_number_of_times() -> None:
    """expat before 2.6 reads a token it could not finish again from its start at every feed: a
    16 MB comment in a WXR body was fed 256 times in chunks of 64 KiB (quadratic: 1, 2 and 4 MB
    took 0.011, 0.032 and 0.112 s).  While a feed gives no event the reads now double: counted,
    the reads while inside the comment."""
    import io

    from newsmodel.io.wxr import read_wxr

    class Counted(io.BytesIO):
        reads = 0

        def read(self, size: int | None = -1) -> bytes:
            Counted.reads += 1
            return super().read(size)

    comment = b"<!--" + b"x" * (16 << 20) + b"-->"
    head = b'<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
    tail = b"<title>S</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version></channel></rss>"
    corpus, _ = read_wxr(Counted(head + comment + tail))
    assert corpus.site.name == "S"
    assert Counted.reads <= 30
