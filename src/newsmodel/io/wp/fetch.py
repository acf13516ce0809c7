"""A live WordPress site through its REST API: every page of every collection, or a clear error.

:class:`Fetcher` makes the requests (retries with backoff, a deadline, byte and page caps);
:func:`fetch_site` pages through each collection and hands the objects to the REST mapping of
:mod:`newsmodel.io.wp.rest`.
"""

from __future__ import annotations

import http.client
import json
import ssl
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

import attrs

from newsmodel.io import _http
from newsmodel.io.report import ImportReport, ImportReportBuilder, merge_tags_on_import
from newsmodel.io.wp.mapping import site_zone_name
from newsmodel.io.wp.rest import ENDPOINTS, RestData, corpus_from, object_kind, rest_id
from newsmodel.values._validate import is_number
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import WordPressApiError
from newsmodel.values.model import Site

__all__ = ["DEFAULT_DEADLINE", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_PAGES", "DEFAULT_TIMEOUT", "Fetcher", "fetch_site"]

#: Pages read of each endpoint at most (100,000 objects at 100 a page), by default.
DEFAULT_MAX_PAGES = 1000
#: Seconds a whole live import may take by default, every request and every wait included.
DEFAULT_DEADLINE = 3600.0
#: Seconds one request may take by default, from connecting to its last byte.
DEFAULT_TIMEOUT = 30.0
#: Bytes one answer may have by default (64 MiB).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class _Retryable(Exception):
    """A failure worth another attempt (429, 5xx, a timeout, a broken connection)."""

    def __init__(self, reason: str, *, status: int | None = None, retry_after: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


class _Refused(WordPressApiError):
    """An HTTP error answer that no retry changes (4xx other than 429, or retries used up)."""

    def __init__(self, message: str, *, url: str, status: int) -> None:
        super().__init__(message, source=url, place=url)
        self.status = status


class _DeadlinePassed(WordPressApiError):
    """The import's deadline passed (or would pass during a wait) before an answer was complete."""


class Fetcher:
    """GETs JSON from a WordPress site, each answer bounded in time and size, failures retried.

    ``timeout`` bounds one request from connecting to its last byte (a server that drips one
    byte a second is cut there, not only one that goes silent); ``max_bytes`` bounds one answer.
    429, 5xx, timeouts, broken connections and answers shorter than their ``Content-Length`` are
    retried ``retries`` times; the delay before retry ``n`` (0-based) is ``backoff * 2**n``
    seconds, or the server's ``Retry-After`` in seconds when it gives one, capped at
    ``max_delay``.  ``sleep`` and ``clock`` (a monotonic clock) are injectable for tests.  Every
    failure is a :class:`~newsmodel.values.errors.WordPressApiError` naming the URL.

    >>> Fetcher(retries=2, timeout=5.0).max_bytes == DEFAULT_MAX_BYTES
    True
    """

    def __init__(
        self,
        *,
        retries: int = 4,
        backoff: float = 1.0,
        max_delay: float = 60.0,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        user_agent: str = "newsmodel (WordPress REST import)",
    ) -> None:
        self.retries = retries
        self.backoff = backoff
        self.max_delay = max_delay
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.clock = clock
        self.user_agent = user_agent
        self.requests = 0
        self._tls = ssl.create_default_context()

    def get(self, url: str, *, until: float | None = None) -> tuple[Any, Mapping[str, str]]:
        """The decoded JSON and the headers (lower-case names) of ``url``.

        ``until`` (a time of ``clock``) is the import's deadline: no request runs and no retry
        waits past it.
        """
        attempt = 0
        while True:
            try:
                answer = self._once(url, until)
                break
            except _Retryable as failure:
                if attempt >= self.retries:
                    message = f"{url}: {failure.reason}" + (f" after {attempt + 1} attempts" if attempt else "")
                    if failure.status is not None:
                        raise _Refused(message, url=url, status=failure.status) from None
                    raise WordPressApiError(message, source=url, place=url) from None
                delay = self._delay(attempt, failure.retry_after)
                if until is not None and self.clock() + delay >= until:
                    raise _DeadlinePassed(
                        f"{url}: {failure.reason}; the import's deadline passes before a retry in {delay:g} s",
                        source=url,
                        place=url,
                    ) from None
                self.sleep(delay)
                attempt += 1
        ctype = answer.headers.get("content-type", "")
        text = answer.body.decode("utf-8", errors="replace")
        if "json" not in ctype and not text.lstrip().startswith(("{", "[")):
            raise WordPressApiError(
                f"{url}: answered {ctype or 'no content type'!r}, not JSON"
                " (is this a WordPress site with the REST API at /wp-json/?)",
                source=url,
                place=url,
            )
        try:
            return json.loads(text), answer.headers
        except ValueError as exc:
            raise WordPressApiError(f"{url}: not JSON ({exc})", source=url, place=url) from None

    def _once(self, url: str, until: float | None) -> _http.Answer:
        """One attempt: an answer, or :class:`_Retryable`, or a final error."""
        now = self.clock()
        end = now + self.timeout if until is None else min(now + self.timeout, until)
        if end <= now:
            raise _DeadlinePassed(f"{url}: the import's deadline passed before this request", source=url, place=url)
        budget = _http.Budget(end=end, clock=self.clock, max_bytes=self.max_bytes)
        headers = {"Accept": "application/json", "User-Agent": self.user_agent}
        self.requests += 1
        try:
            return _http.get(url, headers, budget, self._tls)
        except urllib.error.HTTPError as exc:
            status, reason = exc.code, exc.reason
            retry_after = exc.headers.get("Retry-After") if exc.headers else None
            exc.close()
            if status == 429 or status >= 500:
                raise _Retryable(f"HTTP {status} {reason}", status=status, retry_after=retry_after) from None
            raise _Refused(f"{url}: HTTP {status} {reason}", url=url, status=status) from None
        except _http.TooLarge as exc:
            message = f"{url}: the answer is too large ({exc}; max_bytes)"
            raise WordPressApiError(message, source=url, place=url) from None
        except http.client.IncompleteRead as exc:
            short = f"{exc.expected} bytes short of its Content-Length" if exc.expected else "in the middle of a chunk"
            raise _Retryable(f"the answer ended {short}") from None
        except ConnectionError as exc:  # reset, refused, aborted; a server closing without an answer
            raise _Retryable(f"the connection broke ({exc or type(exc).__name__})") from None
        except http.client.HTTPException as exc:  # a bad status line, too many or too long headers
            raise WordPressApiError(
                f"{url}: not a valid HTTP answer ({type(exc).__name__}: {str(exc)[:200]!r})", source=url, place=url
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            cause: Any = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            if isinstance(cause, TimeoutError):
                if until is not None and self.clock() >= until:
                    raise _DeadlinePassed(
                        f"{url}: the import's deadline passed before the answer was complete", source=url, place=url
                    ) from None
                raise _Retryable(f"no complete answer within {self.timeout:g} s") from None
            raise _Retryable(str(cause)) from None

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after is not None and is_number(retry_after.strip()):
            return min(float(retry_after), self.max_delay)
        return float(min(self.backoff * (2**attempt), self.max_delay))


def _progress(enabled: bool) -> Callable[[str, int, int], None]:
    def show(endpoint: str, page: int, total: int) -> None:
        if enabled:
            width = 30
            done = int(width * page / max(total, 1))
            sys.stderr.write(f"\r{endpoint:<10} [{'#' * done}{'.' * (width - done)}] {page}/{total}")
            if page >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return show


def fetch_site(
    url: str,
    *,
    endpoints: Iterable[str] = ENDPOINTS,
    per_page: int = 100,
    fetcher: Fetcher | None = None,
    progress: bool | None = None,
    timezone: str | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    deadline: float = DEFAULT_DEADLINE,
    partial: bool = False,
    merge_tags: bool = False,
) -> tuple[Corpus, ImportReport]:
    """A corpus from a live WordPress site's REST API, read completely or not at all.

    Pages through ``{url}/wp-json/wp/v2/<endpoint>?per_page=100&page=N`` for each endpoint as
    far as the ``X-WP-TotalPages`` header says.  An endpoint that refuses its first page
    (400/401/403/404, e.g. users on a locked-down site) is reported and skipped; 429, 5xx,
    timeouts and broken connections are retried by the :class:`Fetcher`.

    Limits: at most ``max_pages`` pages per endpoint, and the whole import (every request and
    every wait before a retry) within ``deadline`` seconds.  What is read is checked: a page that
    fails after the first, an endpoint with more pages than the cap, fewer objects than the
    ``X-WP-Total`` header announced, or the deadline passing raise
    :class:`~newsmodel.values.errors.WordPressApiError` saying what is missing.  With ``partial=True``
    the import goes on instead and returns what arrived, each missing piece reported as a
    warning with the code ``"incomplete"``.

    ``progress`` shows a bar on stderr; None means "when stderr is a terminal".  The site's
    ``timezone_string`` (from ``/wp-json/``, when public) becomes the site's zone.
    ``merge_tags=True`` merges near-duplicate tag spellings, each merge reported
    (:func:`~newsmodel.io.report.merge_tags_on_import`); tags are never merged otherwise.
    """
    fetcher = fetcher or Fetcher()
    until = fetcher.clock() + deadline
    base = url.rstrip("/")
    show = _progress(sys.stderr.isatty() if progress is None else progress)
    report = ImportReportBuilder(source=base, format="wordpress rest v2 (live)")
    index, _ = fetcher.get(f"{base}/wp-json/", until=until)
    name = base
    description = None
    if isinstance(index, Mapping):
        name = str(index.get("name") or base)
        description = str(index.get("description") or "") or None
        if timezone is None:
            timezone = site_zone_name(index.get("timezone_string"), index.get("gmt_offset"))
    site = Site(name=name, base_url=base, timezone=timezone or "UTC", description=description)
    data = RestData()
    paging = _Paging(fetcher, base, per_page=per_page, max_pages=max_pages, until=until, deadline=deadline)
    gaps = _Gaps(report, partial)
    todo = list(endpoints)
    for i, endpoint in enumerate(todo):
        try:
            paging.read(endpoint, data, report, gaps, show)
        except _DeadlinePassed as exc:
            rest = todo[i + 1 :]
            gaps.missing(str(exc) + (f", and every page of {', '.join(rest)}" if rest else ""), place=exc.place or base)
            break
    corpus, built = corpus_from(data, report, site=site, site_url=None, timezone=timezone, infer_zone=timezone is None)
    return merge_tags_on_import(corpus, built) if merge_tags else (corpus, built)


class _Gaps:
    """What a live import could not read: raised at once, or with ``partial`` kept as warnings."""

    def __init__(self, report: ImportReportBuilder, partial: bool) -> None:
        self.report = report
        self.partial = partial

    def missing(self, message: str, *, place: str) -> None:
        if not self.partial:
            raise WordPressApiError(message, source=place, place=place)
        self.report.warn(message, place=place, code="incomplete")


def _pages(endpoint: str, first: int, last: int | None) -> str:
    """Which pages of an endpoint, in words.

    >>> _pages("posts", 3, 3), _pages("posts", 3, 9), _pages("posts", 1, None)
    ('posts page 3', 'posts pages 3-9', 'every page of posts (their number is unknown)')
    """
    if last is None:
        return f"every page of {endpoint} (their number is unknown)"
    return f"{endpoint} page {first}" if first == last else f"{endpoint} pages {first}-{last}"


def _header_count(headers: Mapping[str, str], name: str, url: str) -> int | None:
    """A count header (``X-WP-Total``, ``X-WP-TotalPages``): None when absent, an error when not a count."""
    value = headers.get(name.lower())
    if value is None:
        return None
    if not is_number(value.strip()):
        raise WordPressApiError(f"{url}: the header {name} is {value!r}, not a count", source=url, place=url)
    return int(value)


class _Paging:
    """Reads every page of one endpoint within the limits, checking what arrives."""

    def __init__(
        self, fetcher: Fetcher, base: str, *, per_page: int, max_pages: int, until: float, deadline: float
    ) -> None:
        self.fetcher = fetcher
        self.base = base
        self.per_page = per_page
        self.max_pages = max_pages
        self.until = until
        self.deadline = deadline

    def url(self, endpoint: str, page: int) -> str:
        return f"{self.base}/wp-json/wp/v2/{endpoint}?{urlencode({'per_page': self.per_page, 'page': page})}"

    def read(
        self,
        endpoint: str,
        data: RestData,
        report: ImportReportBuilder,
        gaps: _Gaps,
        show: Callable[[str, int, int], None],
    ) -> None:
        page, last = 1, 1
        known = False  # whether a page has told how many pages there are
        announced: int | None = None
        ids: set[str] = set()
        unnamed = 0
        failed = False
        while page <= min(last, self.max_pages):
            page_url = self.url(endpoint, page)
            try:
                decoded, headers = self.fetcher.get(page_url, until=self.until)
                if not isinstance(decoded, list):
                    raise WordPressApiError(
                        f"{page_url}: answered a JSON {type(decoded).__name__}, not the list of {endpoint} a"
                        " collection gives",
                        source=page_url,
                        place=page_url,
                    )
                pages = _header_count(headers, "X-WP-TotalPages", page_url)
                total = _header_count(headers, "X-WP-Total", page_url)
            except _DeadlinePassed as exc:
                raise _DeadlinePassed(
                    f"{exc} (the deadline is {self.deadline:g} s: --deadline); missing:"
                    f" {_pages(endpoint, page, last if known else None)}",
                    source=exc.source,
                    place=page_url,
                ) from None
            except WordPressApiError as exc:
                if page == 1 and isinstance(exc, _Refused) and exc.status in (400, 401, 403, 404):
                    report.warn(str(exc) + "; endpoint skipped", place=page_url, code="http")
                    return
                failed = True
                gaps.missing(f"{exc}; missing: {_pages(endpoint, page, page if known else None)}", place=page_url)
                page += 1
                continue
            last = page if pages is None else pages  # WordPress always sends it; without it, this page is the last
            known = True
            announced = total if total is not None else announced
            if last > self.max_pages and not gaps.partial:
                break  # said at once below, without reading the pages under the cap first
            for obj in decoded:
                if not isinstance(obj, Mapping):
                    continue
                key = rest_id(obj.get("id"))
                if key is None:
                    unnamed += 1
                else:
                    ids.add(key)
                kind = object_kind(obj) or endpoint
                if kind == "terms" or kind == "types":
                    continue
                data.add(kind if kind in attrs.fields_dict(RestData) else endpoint, obj)
                data.add_embedded(obj)
            show(endpoint, page, last)
            page += 1
        first_url = self.url(endpoint, 1)
        if last > self.max_pages:
            gaps.missing(
                f"{endpoint}: the site announces {last} pages (X-WP-TotalPages), more than the cap of"
                f" {self.max_pages} pages an endpoint (--max-pages);"
                f" missing: {_pages(endpoint, self.max_pages + 1, last)}",
                place=first_url,
            )
            return
        arrived = len(ids) + unnamed
        if failed or announced is None or arrived == announced:
            return
        if arrived > announced:
            report.warn(
                f"{endpoint}: {arrived} arrived, more than the {announced} that X-WP-Total announced",
                place=first_url,
                code="total",
            )
            return
        implied = -(-announced // self.per_page)
        why = (
            f" (X-WP-TotalPages said {last}, but {announced} at {self.per_page} a page make {implied})"
            if implied > last
            else ""
        )
        gaps.missing(
            f"{endpoint}: X-WP-Total announced {announced}, {arrived} arrived in {last} page(s){why}; missing:"
            f" {announced - arrived} {endpoint}, which ones the site does not say",
            place=first_url,
        )
