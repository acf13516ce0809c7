"""A WXR export read as WordPress shows it: classic posts with the paragraphs and line breaks of
``wpautop`` (a post made of blocks as it is), the site's locale from the channel's language, and
the comments of a skipped item counted.
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from _shared import DATA
from newsmodel.bodies.htmlparse import parse_html
from newsmodel.io.wp.autop import autop
from newsmodel.io.wp.mapping import parse_body, parse_stored_body
from newsmodel.io.wxr import read_wxr
from newsmodel.values.body import Body, Heading, LineBreak, ListBlock, Paragraph, RawHtml

IMPORTER = DATA / "wordpress-importer" / "phpunit-data"


def _body(name: str) -> Body:
    (article,) = read_wxr(IMPORTER / name)[0].articles
    return article.body


def test_the_importers_post_with_blank_lines_reads_as_two_paragraphs() -> None:
    # the WordPress importer's own fixture: "…a WordPress post.\n\t\tIt has lines with text (and one
    # blank line).\n\nAnd more lines with text." was one paragraph before
    body = _body("post-content-blank-lines.xml")
    assert [type(b) for b in body.blocks] == [Paragraph, Paragraph]
    first, second = body.blocks
    assert isinstance(first, Paragraph) and isinstance(second, Paragraph)
    assert [type(n) for n in first.content].count(LineBreak) == 1
    assert first.text.startswith("This is an example of a WordPress post.")
    assert second.text == "And more lines with text."
    assert [b.text for b in _body("blank-lines.xml").blocks] == ["first paragraph", "second paragraph"]  # type: ignore[union-attr]


def test_every_classic_post_of_the_theme_unit_test_keeps_its_paragraphs() -> None:
    # every post of WordPress's Theme Unit Test export stored with a blank line and no blocks has
    # at least as many top-level blocks as chunks between its blank lines and block tags
    corpus, _ = read_wxr(IMPORTER / "theme-unit-test-data.xml")
    checked = 0
    for article in corpus.articles:
        raw = article.extra.get("wxr:content")
        if not isinstance(raw, str) or "<!-- wp:" in raw or not re.search(r"\n\s*\n", raw):
            continue
        text_chunks = [c for c in re.split(r"\n\s*\n", raw.strip()) if c.strip() and not c.lstrip().startswith("<")]
        assert len(article.body.blocks) >= len(text_chunks), article.slug
        checked += 1
    assert checked >= 20


def test_a_post_made_of_blocks_is_read_as_it_is() -> None:
    content = "<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->\n\nThree"
    assert parse_stored_body(content) == parse_body(content)
    paragraphs = [b for b in parse_stored_body(content).blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == ["One two", "Three"]  # no <br>, no paragraph made of "Three"


def test_the_rule_of_wpautop() -> None:
    assert autop("a\nb\n\nc") == "<p>a<br>\nb</p>\n<p>c</p>"
    assert autop("  \n\n ") == ""
    assert autop("a<br />\n<br/>b") == "<p>a</p>\n<p>b</p>"  # two <br> are a paragraph break
    assert autop("a<br>\nb") == "<p>a<br>\nb</p>"  # no second <br> after one
    assert autop("<pre>x\n\ny</pre>\nz") == "<pre>x\n\ny</pre>\n<p>z</p>"  # pre exactly as written
    assert autop('<a\nhref="/x">link</a>') == '<p><a\nhref="/x">link</a></p>'  # a break inside a tag stays
    assert autop("<ul>\n<li>a\nb</li>\n</ul>") == "<ul>\n<li>a<br>\nb</li>\n</ul>"
    assert autop("<h2>T</h2>\ntext") == "<h2>T</h2>\n<p>text</p>"
    # no <br> before the end of a list item or a div (wpautop drops a <br /> before them), but
    # before an inline tag's end
    assert autop("<ul>\n<li>a\n</li>\n</ul>") == "<ul>\n<li>a\n</li>\n</ul>"
    assert autop("a\n</em>") == "<p>a<br>\n</em></p>"
    assert autop("Intro <!--more-->\n\nRest") == "<p>Intro <!--more--></p>\n<p>Rest</p>"
    assert autop("x < y and y > z") == "<p>x < y and y > z</p>"
    assert autop("a\r\n\r\nb") == "<p>a</p>\n<p>b</p>"


def test_lists_and_headings_of_a_classic_post() -> None:
    body = parse_stored_body("Intro line\n<h2>Part</h2>\nText.\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\nEnd.")
    kinds = [type(b).__name__ for b in body.blocks]
    assert kinds == ["Paragraph", "Heading", "Paragraph", "ListBlock", "Paragraph"]
    lst = body.blocks[3]
    assert isinstance(lst, ListBlock) and len(lst.items) == 2


_PIECES = st.sampled_from(
    (
        *("word", "Other", "x", " ", "\n", "\n\n", "\n \n", "<em>", "</em>", "<p>", "</p>", "<div>", "</div>"),
        *("<br>", "<ul><li>", "</li></ul>", "<blockquote>", "</blockquote>", "<!--more-->", "<strong>", "</strong>"),
    )
)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_no_word_is_lost(content: str) -> None:
    # the paragraphs autop adds change where text breaks (a stray "</li>" ends a paragraph for
    # WordPress), never which characters a reader sees or their order
    def seen(html: str) -> str:
        # the text of every block, without the markers a renderer adds (an empty list item's "-")
        body = parse_html(html)
        parts = [b.text for b in body.walk() if isinstance(b, (Paragraph, Heading))]
        parts += [b.html for b in body.walk() if isinstance(b, RawHtml)]
        return "".join("".join(parts).split())

    assert seen(autop(content)) == seen(content)


def test_the_exports_language_gives_the_site_locale() -> None:
    # WordPress writes its locale as <language> (get_bloginfo('language'): fr_FR as fr-FR)
    from newsmodel.values.dates import resolve_locale

    site = read_wxr(IMPORTER / "a11y-unit-test-data.xml")[0].site
    assert site.language == "en" and site.locale == resolve_locale("en")
    xml = (
        (IMPORTER / "blank-lines.xml")
        .read_text(encoding="utf-8")
        .replace("<channel>", "<channel><language>fr-FR</language>", 1)
    )
    site = read_wxr(io.BytesIO(xml.encode()))[0].site
    assert (site.language, site.locale) == ("fr-FR", resolve_locale("fr-FR"))


def test_comments_of_a_skipped_item_are_counted() -> None:
    # Real exports hold comments on trashed posts and on attachments (two on a WordPress.com
    # export, two on a Chinese blog's); the item was skipped and counted, its comments neither
    # imported nor counted.  The importer's small-export.xml with its commented post in the trash:
    text = (IMPORTER / "small-export.xml").read_text(encoding="utf-8")
    items = text.split("<item>")
    (i,) = [i for i, item in enumerate(items) if "<wp:comment>" in item]
    items[i] = items[i].replace("<wp:status>publish</wp:status>", "<wp:status>trash</wp:status>", 1)
    _, report = read_wxr(io.BytesIO("<item>".join(items).encode()))
    assert report.skipped_count("status trash") == 1
    assert report.skipped_count("comment on a skipped item (status trash)") == items[i].count("<wp:comment>") == 1
    _, as_published = read_wxr(IMPORTER / "small-export.xml")
    assert as_published.imported_count("comments") == 1 and as_published.total_skipped == report.total_skipped - 2


# pieces for the chunk-level path: each alone takes it (the piece-level rules are the oracle), and
# some that do not, so that the choice between the paths is tested too
_FAST_TEXTS = (
    *("word", "Other", " ", "\t", "\xa0", "\n", "\n\n", "\n \n", "\n\xa0\n", " \n", "\n "),
    *("<em>", "</em>", "<p>", "</p>", "<P class='a'>", "<div>", "</DIV>", "<li>", "</li>", "<ul>", "</ul>"),
    *("<hr>", "<hr/>", "</hr>", "<h2>", "</h2>", "<th>", "<thx>", "<td>", "</td>", "<p-x>", "<em", "<dl>"),
    *("</dd>", "<a href='x'>", "</a>", "<img src='a'>", "<blockquote>", "</blockquote>", "<section>", ">"),
    *("<!--more-->", "<!---->", "<!-- x -->", "<br>", "<BR />", "</br>", "<br-x>", "<bra>", " <br>\n<br> "),
)
_FAST_PIECES = st.sampled_from(_FAST_TEXTS)
_SLOW_PIECES = st.sampled_from(
    (
        "<br\n/>",
        "<pre>",
        "</pre>",
        "<",
        "< b",
        "<a\nhref='y'>",
        "a<b",
        "<!-->",
        "<!--->",
        "<!-- a\nb -->",
        "<!x>",
    )
)


@settings(max_examples=1000)
@given(st.lists(st.one_of(*[_FAST_PIECES] * 7, _SLOW_PIECES), max_size=40).map("".join))
@example("<dl><a href='x'>\n </em>\n<th>")  # a line break between two inline tags
@example("</dd>\n<p>\n \n</li>")  # a block tag, then only whitespace before a tight one
@example("<li>x <em>y</em>\n</li>")  # the last line break, before a tight closing tag
@example("a <br> \n <em>b</em><br>\nc\n</li>")  # after a br, a line break is one of a block tag
@example("a<br><br><br>b<br>\n<br/>c")  # two br in a row end a chunk; a third starts the next
def test_chunk_by_chunk_is_piece_by_piece(content: str) -> None:
    # the chunk-level path (taken where every tag is a plain named tag, a br or a one-line comment, no pre)
    # gives exactly what the piece-level rules give; where it cannot, it says so
    from newsmodel.io.wp import autop as module

    fast = module._fast(content)
    if fast is not None:
        assert fast == module._piecewise(content)
    else:  # autop took the piece-level path
        assert autop(content) == module._piecewise(content)


def test_chunk_by_chunk_is_piece_by_piece_on_many_soups() -> None:
    # hypothesis shrinks towards short texts; 20,000 seeded soups of up to 30 pieces reach the
    # combinations of blank lines, tight tags and inline tags that only longer texts hold
    import random

    from newsmodel.io.wp import autop as module

    rng = random.Random(20261204)
    taken = 0
    for _ in range(20_000):
        content = "".join(rng.choices(_FAST_TEXTS, k=rng.randint(1, 30)))
        fast = module._fast(content)
        if fast is not None:
            assert fast == module._piecewise(content), content
            taken += 1
    assert taken > 10_000


def test_every_real_classic_post_reads_the_same_either_way() -> None:
    # every post of the WordPress importer's fixtures and of WordPress's theme test data
    from newsmodel.io.wp import autop as module

    fast = 0
    for path in sorted(IMPORTER.glob("*.xml")):
        text = path.read_text(encoding="utf-8")
        for raw in re.findall(r"<content:encoded><!\[CDATA\[(.*?)\]\]></content:encoded>", text, re.S):
            content = raw.replace("\r\n", "\n").replace("\r", "\n")
            if not content.strip() or module.has_blocks(content):
                continue
            chunked = module._fast(content)
            if chunked is not None:
                assert chunked == module._piecewise(content), path.name
                fast += 1
    assert fast >= 30


def test_a_kept_element_ends_at_its_own_end_tag_after_a_turkish_capital_i() -> None:
    # "İ".lower() is two characters, so positions found in a lowercased copy of the text pointed
    # past the pre's end tag once six of them came before it: the rest of the post was kept as
    # written, its paragraphs lost.  A Turkish post with a code block:
    post = "İstanbul, İzmir, İnebolu, İğdır, İskenderun ve İzmit.\n\n<pre>kod</pre>\nSonra.\n\nSon."
    assert autop(post) == (
        "<p>İstanbul, İzmir, İnebolu, İğdır, İskenderun ve İzmit.</p>\n<pre>kod</pre>\n<p>Sonra.</p>\n<p>Son.</p>"
    )
    # and an end tag is one of the whole name: </preview> does not end a pre
    assert autop("<pre>a</preview>\n\nb</pre>\n\nc") == "<pre>a</preview>\n\nb</pre>\n<p>c</p>"


@pytest.mark.parametrize(
    "text",
    [
        "a<br" + " " * 1_000_000 + ">b",  # whitespace inside a br, then text
        "a<BR" + "\t" * 1_000_000 + "/>\nb",  # tabs, a line break after the tag
        "a<br" + "\xa0" * 1_000_000 + ">b",  # any whitespace the "\s*" after a br takes
        "a</Br" + " " * 1_000_000 + "class=c>b",  # before an attribute, a closing br
        "<div>a<br" + " " * 1_000_000 + "></div>",  # inside a block
        "a<br" + " " * 1_000_000,  # unclosed at the end
    ],
    ids=["spaces", "tabs-newline", "nbsp", "closing-attribute", "in-a-block", "unclosed"],
)
def test_whitespace_inside_a_br_is_read_in_linear_time(text: str) -> None:
    # the chunk-level path split at two br in a row with a pattern whose first br could end
    # anywhere in the whitespace it held, each ending tried with every split of what followed
    # between it and the "\s*" after it: a million spaces inside one br took about 12 minutes
    # (65,536 took 3.2 s, growing as the square); the piece-level path reads the same text at once
    from newsmodel.io.wp import autop as module

    assert module._fast(text) is not None  # the path of the case
    assert module._fast(text) == module._piecewise(text)
