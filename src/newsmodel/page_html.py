"""Moved to :mod:`newsmodel.views.page_html`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.views.page_html import *  # noqa: F403
from newsmodel.views.page_html import __all__ as __all__
