"""The parsers' internal fast constructors make exactly the values the classes make."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsmodel.body import (
    Block,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListItem,
    Paragraph,
    Strikethrough,
    Strong,
    Text,
    _fast_heading,
    _fast_link,
    _fast_list_item,
    _fast_marked,
    _fast_paragraph,
    _fast_text,
)
from newsmodel.strategies import blocks, inlines, texts


def _same(fast: object, slow: object) -> None:
    assert type(fast) is type(slow)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert repr(fast) == repr(slow)


@given(texts())
def test_text(text: str) -> None:
    _same(_fast_text(text), Text(text=text))


@given(st.sampled_from([Emphasis, Strong, Strikethrough]), st.lists(inlines(), max_size=3).map(tuple))
def test_marks(cls: type[Emphasis] | type[Strong] | type[Strikethrough], children: tuple[Inline, ...]) -> None:
    _same(_fast_marked(cls, children), cls(children=children))


@given(texts(), st.lists(inlines(), max_size=3).map(tuple), st.none() | texts())
def test_link(href: str, children: tuple[Inline, ...], title: str | None) -> None:
    _same(_fast_link(href, children, title), Link(href=href, children=children, title=title))


@given(st.lists(inlines(), max_size=3).map(tuple))
def test_paragraph(content: tuple[Inline, ...]) -> None:
    _same(_fast_paragraph(content), Paragraph(content=content))


@given(st.lists(blocks(), max_size=3).map(tuple))
def test_list_item(items: tuple[Block, ...]) -> None:
    _same(_fast_list_item(items), ListItem(blocks=items))


@given(st.integers(1, 6), st.lists(inlines(), max_size=3).map(tuple), st.none() | texts())
def test_heading(level: int, content: tuple[Inline, ...], hid: str | None) -> None:
    _same(_fast_heading(level, content, hid), Heading(level=level, content=content, id=hid))
