"""Moved to :mod:`newsmodel.views.notebook_html`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from __future__ import annotations

from newsmodel.views.notebook_html import (
    STYLE,
    article_html,
    body_html,
    corpus_html,
    in_notebook,
    related_html,
)

__all__ = [
    "STYLE",
    "article_html",
    "body_html",
    "corpus_html",
    "in_notebook",
    "related_html",
]
