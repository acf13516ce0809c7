"""Stored document frequencies for the related articles of one page (the command line's cache).

The text signal of the related score needs how many articles have each term: a pass over every
article's text, most of the work of showing one page.  The command line keeps those counts in a
file beside the corpus file (``corpus.jsonl`` → ``corpus.jsonl.terms.json``), and the package
ships the bundled sample's.  A file is used only when the digest it holds is the digest of the
corpus's text now (:func:`newsmodel.related.features.use_document_frequencies`): a stale, broken
or foreign file changes no answer, it is counted again and rewritten.
"""

from __future__ import annotations

import json
import os
from typing import Any

from newsmodel.related.features import (
    TERMS_VERSION,
    DocumentFrequencies,
    document_frequencies,
    use_document_frequencies,
)
from newsmodel.values.corpus import Corpus

__all__ = ["FORMAT", "attach_frequencies", "cache_path", "dumps_frequencies", "parse_frequencies"]

#: The ``format`` member of a cache file.
FORMAT = "newsmodel.related document frequencies"
_BUNDLED = "sample.terms.json"


def cache_path(corpus_path: str) -> str:
    """The cache file of a corpus file.

    >>> cache_path("site/corpus.jsonl.gz")
    'site/corpus.jsonl.gz.terms.json'
    """
    return corpus_path + ".terms.json"


def dumps_frequencies(frequencies: DocumentFrequencies) -> bytes:
    """A cache file's content.

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
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def parse_frequencies(data: bytes) -> DocumentFrequencies | None:
    """A cache file's frequencies, or None when it is not one of this version (then it is counted again).

    >>> parse_frequencies(b"{}") is None
    True
    """
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
    return DocumentFrequencies(digest=digest, documents=documents, counts=counts)


def _read(path: str) -> DocumentFrequencies | None:
    try:
        with open(path, "rb") as file:
            return parse_frequencies(file.read())
    except OSError:
        return None


def attach_frequencies(corpus: Corpus, corpus_path: str | None) -> None:
    """Give ``corpus`` its stored document frequencies, counting and storing them when the file is
    missing or stale.  ``corpus_path`` is the corpus file (None: the bundled sample, whose file
    ships with the package and is never written).  A cache that cannot be written is left out:
    the answers are the same without it.
    """
    if corpus_path is None:
        from importlib import resources

        ref = resources.files("newsmodel") / "data" / _BUNDLED
        try:
            found = parse_frequencies(ref.read_bytes())
        except OSError:  # pragma: no cover - shipped with the package
            found = None
        if found is not None:
            use_document_frequencies(corpus, found)
        return
    if corpus_path == "-" or not os.path.isfile(corpus_path):
        return
    path = cache_path(corpus_path)
    found = _read(path)
    if found is not None and use_document_frequencies(corpus, found):
        return
    counted = document_frequencies(corpus)
    from newsmodel.serialize import _atomic_binary

    try:
        with _atomic_binary(path) as out:
            out.write(dumps_frequencies(counted))
    except OSError:
        return
