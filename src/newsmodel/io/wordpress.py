"""The WordPress REST API v2: build a corpus from its JSON, from saved responses, or from a live site.

The adapter lives in :mod:`newsmodel.io.wp` (the JSON mapping in :mod:`newsmodel.io.wp.rest`, the
live site in :mod:`newsmodel.io.wp.fetch`, the rules shared with WXR in
:mod:`newsmodel.io.wp.mapping`); this module keeps its public names importable.

>>> posts = [{"id": 7, "slug": "hello", "type": "post", "status": "publish",
...           "date": "2025-12-16T18:00:00", "date_gmt": "2025-12-16T09:00:00",
...           "title": {"rendered": "Hello"}, "content": {"rendered": "<p>Hi.</p>"}}]
>>> corpus, report = build_corpus(posts=posts, site_url="https://example.org")
>>> corpus.article("7").published.isoformat()
'2025-12-16T18:00:00+09:00'
"""

from __future__ import annotations

from newsmodel.io.wp.fetch import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_TIMEOUT,
    Fetcher,
    fetch_site,
)
from newsmodel.io.wp.rest import ENDPOINTS, build_corpus, read_rest_dump

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_TIMEOUT",
    "ENDPOINTS",
    "Fetcher",
    "build_corpus",
    "fetch_site",
    "read_rest_dump",
]
