"""Every exporter has one signature: the corpus, a target, keyword-only options."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone

import pytest

from newsmodel.io._common import Exporter, FeedExporter
from newsmodel.io.feeds import write_atom, write_rss
from newsmodel.io.jsonfeed import write_jsonfeed
from newsmodel.io.jsonld import write_jsonld
from newsmodel.io.wxr import write_wxr
from newsmodel.sample import generate

# mypy checks these assignments: an exporter whose signature drifts fails the type check.
EXPORTERS: dict[str, Exporter] = {
    "rss": write_rss,
    "atom": write_atom,
    "jsonfeed": write_jsonfeed,
    "jsonld": write_jsonld,
    "wxr": write_wxr,
}
FEED_EXPORTERS: dict[str, FeedExporter] = {"rss": write_rss, "atom": write_atom, "jsonfeed": write_jsonfeed}

_ITEM = {"rss": "<item>", "atom": "<entry>"}


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_every_exporter_writes_a_corpus_to_a_text_target(name: str) -> None:
    out = io.StringIO()
    EXPORTERS[name](generate(articles=3), out)
    assert out.getvalue().strip()


@pytest.mark.parametrize("name", sorted(FEED_EXPORTERS))
def test_feed_exporters_take_the_same_options(name: str) -> None:
    corpus = generate(articles=5)
    out = io.StringIO()
    FEED_EXPORTERS[name](
        corpus, out, as_of=datetime(2100, 1, 1, tzinfo=timezone.utc), limit=2, feed_url="https://example.org/feed"
    )
    text = out.getvalue()
    count = len(json.loads(text)["items"]) if name == "jsonfeed" else text.count(_ITEM[name])
    assert count == 2
    assert "https://example.org/feed" in text
