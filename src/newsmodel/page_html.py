"""Moved to :mod:`newsmodel.views.page_html` and, for listing pages,
:mod:`newsmodel.views.listing_html`; this module keeps the old import path working for a release
(the same objects, re-exported)."""

from newsmodel.views.listing_html import *  # noqa: F403
from newsmodel.views.listing_html import __all__ as _listing_all
from newsmodel.views.page_html import *  # noqa: F403
from newsmodel.views.page_html import __all__ as _page_all

__all__ = sorted([*_page_all, *_listing_all])
