"""One HTTP GET bounded in time and size, for the adapters that read the network.

A socket timeout bounds each wait for data, not a whole answer: a server that sends one byte a
second never trips it, in the status line, the headers or the body.  So every read of the
answer goes through :class:`_BoundedReader`, which checks the clock before each read, gives the
socket only the time that is left, and counts the bytes; urllib still does the rest (proxies,
redirects, TLS).  Private to :mod:`newsmodel.io`.
"""

from __future__ import annotations

import http.client
import io
import socket
import ssl
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

from newsmodel.values._validate import is_number

__all__ = ["Answer", "Budget", "Expired", "TooLarge", "get"]

#: Room for the status line and headers on top of a body's maximum size (http.client itself
#: refuses more than 100 header lines of 64 KiB).
HEADER_ROOM = 1 << 20


class Expired(TimeoutError):
    """The answer did not arrive in full before the budget's end."""


class TooLarge(OSError):
    """The answer is larger than the budget allows."""


class Budget:
    """When an answer must be complete (a time of ``clock``) and how many bytes it may take."""

    def __init__(self, *, end: float, clock: Callable[[], float], max_bytes: int) -> None:
        self.end = end
        self.clock = clock
        self.max_bytes = max_bytes
        self.read = 0

    def left(self) -> float:
        """Seconds left; raises :class:`Expired` when none are."""
        left = self.end - self.clock()
        if left <= 0:
            raise Expired("no time left")
        return left


class _BoundedReader(io.RawIOBase):
    """The reading side of a socket, each read bounded by the budget's time and size."""

    def __init__(self, sock: socket.socket, budget: Budget) -> None:
        self._sock = sock
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self._sock.settimeout(self._budget.left())
        n = self._sock.recv_into(buffer)
        self._budget.read += n
        if self._budget.read > self._budget.max_bytes + HEADER_ROOM:
            raise TooLarge(f"more than {self._budget.max_bytes} bytes")
        return n

    def close(self) -> None:
        if not self.closed:
            self._sock.close()
        super().close()


class _BoundedSocket:
    """What http.client uses of a socket (``sendall``, ``makefile``, ``close``), bounded.

    The reader made by ``makefile`` owns the socket from then on: urllib closes the connection's
    socket as soon as the response is made, and the response reads on.
    """

    def __init__(self, sock: socket.socket, budget: Budget) -> None:
        self._sock = sock
        self._budget = budget
        self._reader: _BoundedReader | None = None

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(self._budget.left())
        self._sock.sendall(data)

    def makefile(self, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BufferedReader:
        self._reader = _BoundedReader(self._sock, self._budget)
        return io.BufferedReader(self._reader)

    def close(self) -> None:
        if self._reader is None:
            self._sock.close()


class _Connection(http.client.HTTPConnection):
    def __init__(self, host: str, *, budget: Budget, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._budget = budget

    def connect(self) -> None:
        super().connect()
        self.sock = _BoundedSocket(self.sock, self._budget)


class _TlsConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, *, budget: Budget, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._budget = budget

    def connect(self) -> None:
        super().connect()  # TCP, then the TLS handshake, under the connect timeout
        self.sock = _BoundedSocket(self.sock, self._budget)


class _Handler(urllib.request.HTTPHandler):
    def __init__(self, budget: Budget) -> None:
        super().__init__()
        self._budget = budget

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        def connection(host: str, **kwargs: Any) -> _Connection:
            return _Connection(host, budget=self._budget, **kwargs)

        return self.do_open(connection, req)


class _TlsHandler(urllib.request.HTTPSHandler):
    def __init__(self, budget: Budget, context: ssl.SSLContext) -> None:
        super().__init__(context=context)
        self._budget = budget
        self._tls = context

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        def connection(host: str, **kwargs: Any) -> _TlsConnection:
            return _TlsConnection(host, budget=self._budget, **kwargs)

        return self.do_open(connection, req, context=self._tls)


class Answer:
    """A complete answer: status, headers (lower-case names) and body."""

    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


def get(url: str, headers: Mapping[str, str], budget: Budget, context: ssl.SSLContext) -> Answer:
    """GET ``url`` and read its whole body within ``budget``.

    Raises :class:`urllib.error.HTTPError` for 4xx/5xx answers (body unread), :class:`Expired`
    or :class:`TooLarge` when the budget runs out, ``http.client.IncompleteRead`` when the body
    is shorter than its ``Content-Length``, and whatever urllib and http.client raise for a
    broken connection or a malformed answer.
    """
    opener = urllib.request.build_opener(_Handler(budget), _TlsHandler(budget, context))
    request = urllib.request.Request(url, headers=dict(headers))
    with opener.open(request, timeout=budget.left()) as response:
        found = {k.lower(): v for k, v in response.headers.items()}
        declared = found.get("content-length", "")
        if is_number(declared) and int(declared) > budget.max_bytes:
            raise TooLarge(f"Content-Length {int(declared)} is more than {budget.max_bytes} bytes")
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
            if size > budget.max_bytes:
                raise TooLarge(f"more than {budget.max_bytes} bytes")
            chunks.append(chunk)
        if is_number(declared) and size < int(declared):
            # http.client's read(amt) returns b"" at a premature end instead of raising
            raise http.client.IncompleteRead(b"", int(declared) - size)
        return Answer(response.status, found, b"".join(chunks))
