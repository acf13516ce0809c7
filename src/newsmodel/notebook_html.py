"""Moved to :mod:`newsmodel.views.notebook_html`; this module keeps the old import path working
for a release (the same objects, re-exported)."""

from newsmodel.views.notebook_html import *  # noqa: F403
from newsmodel.views.notebook_html import __all__ as __all__
