"""Shortcuts of the WXR reader give the values of the general code they stand in for."""

from __future__ import annotations

import attrs
from hypothesis import given, settings

from newsmodel.body import Body
from newsmodel.io.wxr import _with_body
from newsmodel.model import Article
from newsmodel.strategies import articles, bodies


@settings(max_examples=50)
@given(articles(), bodies())
def test_with_body_is_evolve(article: Article, body: Body) -> None:
    before = repr(article)
    fast = _with_body(article, body)
    slow = attrs.evolve(article, body=body)
    assert type(fast) is Article
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert repr(fast) == repr(slow)
    assert repr(article) == before  # the original is left as it was
