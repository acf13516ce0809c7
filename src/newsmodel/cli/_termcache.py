"""Stored document frequencies for the related articles of one page (the command line's cache).

The text signal of the related score needs how many articles have each term: a pass over every
article's text, most of the work of showing one page.  The command line keeps those counts in a
file beside the corpus file (``corpus.jsonl`` → ``corpus.jsonl.terms.json``), and the package
ships the bundled sample's.  A file is used only when the digest it holds is the digest of the
corpus's text now (:func:`newsmodel.related.features.use_document_frequencies`): a stale, broken
or foreign file changes no answer, it is counted again and rewritten.

That digest is a pass over every article's text.  A cache file also names the corpus file it was
counted from: a digest of the file's bytes (:func:`source_digest`), which hashes in C at the speed
of reading the file.  When the corpus file is unchanged since the corpus was read from it (its
:func:`file_state` taken before reading is its state after hashing) and its bytes have that
digest, the counts are taken without the text's digest; otherwise the text's digest decides, as
before.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from newsmodel._version import __version__
from newsmodel.related.features import (
    TERMS_VERSION,
    DocumentFrequencies,
    adopt_document_frequencies,
    document_frequencies,
    use_document_frequencies,
)
from newsmodel.serialize import SCHEMA_VERSION
from newsmodel.values.corpus import Corpus

__all__ = [
    "FORMAT",
    "FileState",
    "attach_frequencies",
    "cache_path",
    "corpus_state",
    "dumps_frequencies",
    "file_state",
    "parse_frequencies",
    "sample_path",
    "source_digest",
]

#: The ``format`` member of a cache file.
FORMAT = "newsmodel.related document frequencies"
_BUNDLED = "sample.terms.json"
_SAMPLE = "sample.jsonl.gz"
#: What identifies a file's contents as read: device, inode, size, modification time (ns).
FileState = tuple[int, int, int, int]


def cache_path(corpus_path: str) -> str:
    """The cache file of a corpus file.

    >>> cache_path("site/corpus.jsonl.gz")
    'site/corpus.jsonl.gz.terms.json'
    """
    return corpus_path + ".terms.json"


def file_state(path: str) -> FileState | None:
    """What identifies the contents of the file at ``path`` now (None when it cannot be read).

    >>> file_state("/no/such/file") is None
    True
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def source_digest(path: str, state: FileState | None) -> str | None:
    """The digest of the corpus file's bytes (BLAKE2b, with newsmodel's version, the corpus
    schema's and the text rule's), or None when the file is no longer in ``state``, the state it
    had before the corpus was read from it (so the bytes hashed may not be the bytes read).

    The same bytes read by the same newsmodel give the same corpus, so the same text: counts named
    by this digest are the corpus's own.  A file modified in place twice within one tick of its
    clock, to the same size, would pass unseen; the text's digest would not, and is what a file
    changed between reading and hashing falls back to.
    """
    if state is None:
        return None
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"newsmodel {__version__} schema {SCHEMA_VERSION} terms {TERMS_VERSION}\n".encode())
    try:
        with open(path, "rb") as file:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest() if file_state(path) == state else None


def dumps_frequencies(frequencies: DocumentFrequencies, source: str | None = None) -> bytes:
    """A cache file's content: the frequencies and, when known, the :func:`source_digest` of the
    corpus file they were counted from.

    >>> found = DocumentFrequencies(digest="ab", documents=2, counts={"seoul": 2})
    >>> parse_frequencies(dumps_frequencies(found)).counts
    {'seoul': 2}
    """
    document = {
        "format": FORMAT,
        "version": TERMS_VERSION,
        "digest": frequencies.digest,
        "documents": frequencies.documents,
        "counts": frequencies.counts,
    }
    if source is not None:
        document["source"] = source
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def parse_frequencies(data: bytes) -> DocumentFrequencies | None:
    """A cache file's frequencies, or None when it is not one of this version (then it is counted again).

    >>> parse_frequencies(b"{}") is None
    True
    """
    found = _parse(data)
    return None if found is None else found[0]


def _parse(data: bytes) -> tuple[DocumentFrequencies, str | None] | None:
    """A cache file's frequencies and the source digest it names (None when it names none)."""
    try:
        document: Any = json.loads(data)
    except ValueError:
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    if document.get("version") != TERMS_VERSION:
        return None
    digest, documents, counts = document.get("digest"), document.get("documents"), document.get("counts")
    if not isinstance(digest, str) or type(documents) is not int or not isinstance(counts, dict):
        return None
    if not all(isinstance(term, str) and type(count) is int for term, count in counts.items()):
        return None
    source = document.get("source")
    found = DocumentFrequencies(digest=digest, documents=documents, counts=counts)
    return found, source if isinstance(source, str) else None


def _read(path: str) -> tuple[DocumentFrequencies, str | None] | None:
    try:
        with open(path, "rb") as file:
            return _parse(file.read())
    except OSError:
        return None


def sample_path() -> str | None:
    """The bundled sample's file, when the package is installed as files (not in a zip)."""
    from importlib import resources

    ref = resources.files("newsmodel") / "data" / _SAMPLE
    return str(ref) if isinstance(ref, Path) else None


def corpus_state(corpus_path: str | None) -> FileState | None:
    """The :func:`file_state` of the corpus file a command reads (the bundled sample for None),
    taken before reading it and given to :func:`attach_frequencies`."""
    path = sample_path() if corpus_path is None else corpus_path
    return None if path is None or path == "-" else file_state(path)


def _take(corpus: Corpus, found: tuple[DocumentFrequencies, str | None], source: str | None) -> bool:
    """Give ``corpus`` the found counts: without the text's digest when they name the file's
    bytes, else when the text's digest says they are its own."""
    frequencies, named = found
    if source is not None and named == source:
        adopt_document_frequencies(corpus, frequencies)
        return True
    return use_document_frequencies(corpus, frequencies)


def attach_frequencies(corpus: Corpus, corpus_path: str | None, state: FileState | None = None) -> None:
    """Give ``corpus`` its stored document frequencies, counting and storing them when the file is
    missing or stale.  ``corpus_path`` is the corpus file (None: the bundled sample, whose file
    ships with the package and is never written); ``state`` is its :func:`corpus_state` taken
    before the corpus was read (without it, the text's digest decides).  A cache that cannot be
    written is left out: the answers are the same without it.
    """
    if corpus_path is None:
        from importlib import resources

        ref = resources.files("newsmodel") / "data" / _BUNDLED
        try:
            found = _parse(ref.read_bytes())
        except OSError:  # pragma: no cover - shipped with the package
            found = None
        if found is not None:
            sample = sample_path()
            _take(corpus, found, None if sample is None else source_digest(sample, state))
        return
    if corpus_path == "-" or not os.path.isfile(corpus_path):
        return
    path = cache_path(corpus_path)
    stored = _read(path)
    source = source_digest(corpus_path, state)
    if stored is not None and _take(corpus, stored, source) and (source is None or stored[1] == source):
        return
    # counted now, or taken by the text's digest from a file that names other bytes (the corpus
    # file written again with the same text): stored with this file's digest
    counted = document_frequencies(corpus)
    from newsmodel.serialize import _atomic_binary

    try:
        with _atomic_binary(path) as out:
            out.write(dumps_frequencies(counted, source))
    except OSError:
        return
