"""parse_html leaves the user's process as it found it: the garbage collector runs, no tree is kept."""

from __future__ import annotations

import gc
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from newsmodel.bodies.htmlparse import parse_html


def _trees() -> int:
    return sum(1 for o in gc.get_objects() if type(o) is LexborHTMLParser)


def test_no_tree_outlives_the_call() -> None:
    gc.collect()
    before = _trees()
    parse_html("<p>x</p>")
    assert _trees() == before


def test_the_collector_keeps_running_while_blocks_are_built() -> None:
    # 20,000 paragraphs allocate far more objects than the first generation's threshold: with the
    # collector left on, collections happen during the call
    html = "<p>word <em>mark</em></p>" * 20_000
    collections: list[int] = []

    def count(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    assert gc.isenabled()
    gc.collect()
    gc.callbacks.append(count)
    try:
        body = parse_html(html)
    finally:
        gc.callbacks.remove(count)
    assert len(body.blocks) == 20_000
    assert collections
    assert gc.isenabled()
