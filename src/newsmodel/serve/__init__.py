"""A site served from a corpus: every URL of the site as HTML, its feeds, sitemap and robots.txt,
search, and a read-only WordPress REST API (``/wp-json/wp/v2/``), as an ASGI application
(Starlette) that ``newsmodel serve`` runs with uvicorn; and the same site as static files
(``newsmodel build``).

Needs the ``serve`` extra (``pip install 'newsmodel-py[serve]'``) for :func:`create_app`;
:class:`~newsmodel.serve.site.SiteResponder` and :func:`~newsmodel.serve.build.build_site`
need no web framework.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsmodel.serve.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from newsmodel.serve.app import create_app

        return create_app
    raise AttributeError(f"module 'newsmodel.serve' has no attribute {name!r}")
