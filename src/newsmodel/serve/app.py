"""The ASGI application (Starlette) of a site served from a corpus.

:func:`create_app` builds every index once, then answers ``GET`` and ``HEAD``: the site's pages
(:class:`~newsmodel.serve.site.SiteResponder`) and the read-only WordPress REST API under
``/wp-json/`` (:class:`~newsmodel.serve.rest.RestApi`), with conditional requests (``ETag`` and
``Last-Modified``; 304 Not Modified).  Any other method is 405 with an ``Allow`` header
(Starlette's ``Route``).  The app is an ordinary Starlette application: mount it in another one
(``Mount("/news", app=create_app(corpus))``) or run it with any ASGI server.

Links always start at the site's base URL (``base_url`` when given, else the corpus's own): the
``Host`` header of a request is never read, so a request naming another host cannot make the
site link elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsmodel.serve.rest import RestApi
from newsmodel.serve.site import MAX_TARGET, Reply, SiteResponder, with_base_url

if TYPE_CHECKING:
    from newsmodel.search.index import SearchIndex
    from newsmodel.values.corpus import Corpus

__all__ = ["create_app", "not_modified"]


def not_modified(reply: Reply, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """Whether a ``GET`` with these conditions is answered 304 (RFC 9110 §13.2.2: ``If-None-Match``
    is evaluated first, by weak comparison, and when present ``If-Modified-Since`` is ignored;
    an unparsable date is ignored).

    >>> r = Reply(status=200, media_type="text/plain", body=b"", etag='"a"',
    ...           last_modified=datetime(2026, 1, 15, 9, 30, 5, 700, tzinfo=timezone.utc))
    >>> not_modified(r, 'W/"a", "b"', None), not_modified(r, '"b"', "Thu, 15 Jan 2026 09:30:05 GMT")
    (True, False)
    >>> not_modified(r, None, "Thu, 15 Jan 2026 09:30:05 GMT"), not_modified(r, None, "yesterday")
    (True, False)
    """
    if reply.status != 200:
        return False
    if if_none_match is not None:
        if reply.etag is None:
            return False
        if if_none_match.strip() == "*":
            return True
        wanted = reply.etag.removeprefix("W/")
        return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))
    if if_modified_since is not None and reply.last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        return reply.last_modified.replace(microsecond=0) <= since
    return False


def _response(request: Request, reply: Reply) -> Response:
    headers = dict(reply.header_list())
    headers["X-Content-Type-Options"] = "nosniff"
    if not_modified(reply, request.headers.get("if-none-match"), request.headers.get("if-modified-since")):
        keep = {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")}
        return Response(status_code=304, headers=keep)
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(reply.body))
        return Response(status_code=reply.status, headers=headers, media_type=reply.media_type)
    return Response(reply.body, status_code=reply.status, headers=headers, media_type=reply.media_type)


def create_app(
    corpus: Corpus,
    *,
    as_of: datetime | None = None,
    base_url: str | None = None,
    search: SearchIndex | bool = True,
    related: bool = True,
    lang: str = "en",
    stylesheet: str | None = None,
    progress: Callable[[str], Any] | None = None,
) -> Starlette:
    """The ASGI application of ``corpus``'s site.

    ``as_of`` is the site's "now" (default: the time the app is made; the site does not change
    while it runs); ``base_url`` replaces the site's base URL in every link (the address the
    server is reached at); ``search`` is a :class:`~newsmodel.search.index.SearchIndex` (copied
    into memory), True to build one in memory, or False for no search; ``related``, ``lang``
    and ``stylesheet`` shape the pages; ``progress(label)``, a context manager, is told of each
    index being built.  The app's state holds the ``site`` (:class:`SiteResponder`) and the
    ``rest`` API.
    """
    if base_url is not None:
        corpus = with_base_url(corpus, base_url)
    when = as_of if as_of is not None else datetime.now(timezone.utc)
    site = SiteResponder(
        corpus, as_of=when, search=search, related=related, lang=lang, stylesheet=stylesheet, progress=progress
    )
    rest = RestApi(site)

    async def answer(request: Request) -> Response:
        scope = request.scope
        raw = scope.get("raw_path") or scope["path"].encode("utf-8")
        path = raw.decode("latin-1").partition("?")[0]
        query = scope.get("query_string", b"").decode("latin-1")
        target = path + (f"?{query}" if query else "")
        if path == "/wp-json" or path.startswith("/wp-json/"):
            if len(target) > MAX_TARGET:
                reply = site.get(target)  # 414
            else:
                params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
                reply = rest.get(unquote(path, errors="replace"), params)
        else:
            reply = site.get(target)
        return _response(request, reply)

    app = Starlette(routes=[Route("/{path:path}", answer, methods=["GET", "HEAD"])])
    app.state.site = site
    app.state.rest = rest
    return app
