"""WordPress eXtended RSS (WXR): import WXR 1.0, 1.1 and 1.2 exports, and export WXR 1.2.

The adapter lives in :mod:`newsmodel.io.wp` (reading in :mod:`newsmodel.io.wp.wxr_read`, writing
in :mod:`newsmodel.io.wp.wxr_write`, the WordPress mapping shared with the REST adapter in
:mod:`newsmodel.io.wp.mapping`); this module keeps its public names importable.

>>> import io
>>> from newsmodel.sample import generate
>>> buf = io.StringIO()
>>> corpus = generate(articles=2)
>>> write_wxr(corpus, buf)
>>> read_wxr(io.BytesIO(buf.getvalue().encode()))[0].articles == corpus.articles
True
"""

from __future__ import annotations

from newsmodel.io.wp.mapping import META_KEY, NEWSMODEL_NS
from newsmodel.io.wp.wxr_read import WxrReader, is_wxr_namespace, iter_wxr, read_wxr
from newsmodel.io.wp.wxr_write import write_wxr
from newsmodel.io.wp.wxr_xml import Source

__all__ = [
    "META_KEY",
    "NEWSMODEL_NS",
    "Source",
    "WxrReader",
    "is_wxr_namespace",
    "iter_wxr",
    "read_wxr",
    "write_wxr",
]
