"""Running the app with uvicorn: in the foreground (``newsmodel serve``) or in a background
thread on a free local port (tests, notebooks, benchmarks).

Uvicorn reads requests asynchronously, so a client that sends half a request and waits holds
only its own connection: every other request is answered meanwhile.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["MAX_REQUEST_HEAD", "run", "serving"]

#: The most bytes of a request's head (request line and headers) the HTTP parser keeps while it
#: waits for the rest.  uvicorn's h11 default, 16 KiB, answered a long URL with its own 400 and a
#: reset connection when the line arrived in pieces, and with newsmodel's 414 when it arrived at
#: once; up to this size a URL longer than ``MAX_TARGET`` always gets the 414.
MAX_REQUEST_HEAD = 1 << 20


def _server(app: Any, *, host: str, port: int, access_log: bool) -> Any:
    import uvicorn

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        lifespan="off",
        access_log=access_log,
        log_level="info" if access_log else "warning",
        h11_max_incomplete_event_size=MAX_REQUEST_HEAD,
    )
    return uvicorn.Server(config)


def run(app: Any, *, host: str = "127.0.0.1", port: int = 8000, access_log: bool = True) -> None:
    """Serve ``app`` at ``host:port`` until interrupted (Ctrl-C)."""
    _server(app, host=host, port=port, access_log=access_log).run()


@contextmanager
def serving(
    app: Any = None, *, make: Callable[[str], Any] | None = None, host: str = "127.0.0.1", timeout: float = 30.0
) -> Iterator[str]:
    """Serve ``app`` in a background thread on a free port of ``host``; yields the base URL
    (``http://127.0.0.1:PORT``) and stops the server when the block ends.  Instead of ``app``,
    ``make(base_url)`` may make the app once the port is known (for links to this server:
    ``make=lambda url: create_app(corpus, base_url=url)``).

    >>> from starlette.applications import Starlette
    >>> from starlette.responses import PlainTextResponse
    >>> from starlette.routing import Route
    >>> import urllib.request
    >>> app = Starlette(routes=[Route("/", lambda request: PlainTextResponse("hi"))])
    >>> with serving(app) as url:
    ...     urllib.request.urlopen(url + "/").read()
    b'hi'
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    if make is not None:
        try:
            app = make(f"http://{host}:{port}")
        except BaseException:
            sock.close()
            raise
    server = _server(app, host=host, port=port, access_log=False)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError(f"the server on {host}:{port} did not start")
        time.sleep(0.01)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()
