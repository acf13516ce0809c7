"""The site as static files: every URL ``newsmodel serve`` answers but search and the REST API.

A URL's path becomes a file under the output folder: ``/2025/12/slug/`` →
``2025/12/slug/index.html``, a feed ``/category/asia/feed/`` → ``category/asia/feed/index.xml``
(``index.atom`` for Atom), ``/sitemap.xml`` and ``/robots.txt`` as they are, and ``404.html``
the not-found page (the name static hosts look for).  A path segment is written decoded (a
percent-encoded slug is a file named with its UTF-8 characters, as web servers map them).

The folder is replaced whole: the files are written into a new folder beside it, which then
takes its place (two renames: the old folder is moved aside, the new one moved in, then the old
one deleted), so a reader never sees a half-written site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import attrs

from newsmodel.pages.router import NotFound
from newsmodel.serve.site import SiteResponder
from newsmodel.values._validate import INTEGER, pairs_of
from newsmodel.values.errors import NewsModelError

__all__ = ["BuildReport", "build_site", "file_for"]


@attrs.frozen(kw_only=True)
class BuildReport:
    """What :func:`build_site` wrote: ``files`` and ``bytes``, and the URLs it ``skipped``
    (off the site, or not answered 200), each with its status."""

    files: int = attrs.field(validator=INTEGER)
    bytes: int = attrs.field(validator=INTEGER)
    skipped: tuple[tuple[str, int], ...] = attrs.field(validator=pairs_of(str, int, "a (URL, status) pair"))


def file_for(path: str, media_type: str) -> str:
    """The relative file a URL path is written to.

    >>> file_for("/2025/12/a-b/", "text/html; charset=utf-8"), file_for("/feed/atom/", "application/atom+xml")
    ('2025/12/a-b/index.html', 'feed/atom/index.atom')
    >>> file_for("/sitemap.xml", "application/xml"), file_for("/caf%C3%A9/", "text/html")
    ('sitemap.xml', 'café/index.html')
    """
    segments = [unquote(s, errors="strict") for s in path.split("/") if s]
    for s in segments:
        if s in (".", "..") or "\x00" in s or os.sep in s:
            raise NewsModelError(f"build: the URL path {path!r} has a segment {s!r} that cannot be a file name")
    if path.endswith("/") or not segments:
        if "atom" in media_type:
            name = "index.atom"
        elif "xml" in media_type:
            name = "index.xml"
        else:
            name = "index.html"
        segments.append(name)
    return "/".join(segments)


def build_site(
    site: SiteResponder,
    out: str | os.PathLike[str],
    *,
    urls: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Write every URL of ``site`` (:meth:`SiteResponder.urls`), or only ``urls``, under ``out``,
    replacing it whole.

    ``progress(done, total)`` is called as files are written.
    """
    target = Path(out).absolute()
    if target.exists() and not target.is_dir():
        raise NewsModelError(f"build: {str(target)!r} exists and is not a folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    chosen = list(dict.fromkeys(site.urls() if urls is None else urls))
    temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    files = 0
    size = 0
    skipped: list[tuple[str, int]] = []
    base = urlsplit(site.corpus.site.base_url)
    base_path = base.path.rstrip("/")
    try:
        for done, url in enumerate(chosen, 1):
            parts = urlsplit(url)
            if parts.netloc != base.netloc or parts.query or not parts.path.startswith(base_path + "/"):
                skipped.append((url, 0))
                continue
            local = parts.path[len(base_path) :]
            reply = site.get(local)
            if reply.status != 200:
                skipped.append((url, reply.status))
                continue
            name = temp / file_for(local, reply.media_type)
            name.parent.mkdir(parents=True, exist_ok=True)
            name.write_bytes(reply.body)
            files += 1
            size += len(reply.body)
            if progress is not None:
                progress(done, len(chosen))
        page = site.not_found(NotFound(path="/404.html", reason="nothing lives at this address")).body
        (temp / "404.html").write_bytes(page)
        files += 1
        size += len(page)
        temp.chmod(0o755)
        _swap(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return BuildReport(files=files, bytes=size, skipped=tuple(skipped))


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is (moving an old ``target`` aside first, then deleting it)."""
    if not target.exists():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, old / target.name)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
