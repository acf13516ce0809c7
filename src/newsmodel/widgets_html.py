"""Moved to :mod:`newsmodel.views.widgets_html`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.views.widgets_html import *  # noqa: F403
from newsmodel.views.widgets_html import __all__ as __all__
