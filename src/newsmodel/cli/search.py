"""``newsmodel index`` and ``newsmodel search QUERY``: full-text search over a corpus file.

``index --corpus FILE`` writes (or brings up to date) the search index ``FILE.search.sqlite``
beside the corpus, or ``--index PATH``; only articles added, changed or removed since are touched.
``search QUERY --corpus FILE`` opens that index (and refuses one older than the corpus file);
without ``--corpus`` or ``--index`` it searches the bundled sample, indexed in memory.
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import date, datetime, time, timedelta
from datetime import timezone as dt_timezone
from typing import TYPE_CHECKING, Any

from newsmodel.cli._common import add_corpus_argument, load_corpus, parse_as_of
from newsmodel.values.errors import InvalidDatetime, SearchIndexError
from newsmodel.values.model import Site

if TYPE_CHECKING:
    from newsmodel.search.index import SearchIndex
    from newsmodel.search.results import MarkedText
    from newsmodel.values.corpus import Corpus

__all__ = ["default_index_path", "index_for_pages", "open_if_current", "register", "run_index", "run_search"]

#: The note under which an index keeps the size and time of the corpus file it was built from.
_CORPUS_NOTE = "corpus-file"
#: The note under which an index keeps its site's time zone (for ``--since`` and ``--until`` dates).
_ZONE_NOTE = "timezone"


def default_index_path(corpus_path: str) -> str:
    """Where ``index`` writes the index of a corpus file by default: beside it.

    >>> default_index_path("news.jsonl.gz")
    'news.jsonl.gz.search.sqlite'
    """
    return f"{corpus_path}.search.sqlite"


def register(sub: Any) -> None:
    """Add the ``index`` and ``search`` commands."""
    p: argparse.ArgumentParser = sub.add_parser(
        "index",
        help="write or update the search index of a corpus file",
        description="Write the full-text search index of a corpus file (default FILE.search.sqlite), or bring"
        " an existing one up to date: only articles added, changed or removed since are indexed again.",
    )
    p.add_argument("--corpus", metavar="FILE", help="a corpus file (.jsonl or .jsonl.gz); default: the bundled sample")
    p.add_argument(
        "--index", metavar="PATH", help="the index file (default: FILE.search.sqlite; required without --corpus)"
    )
    p.set_defaults(func=run_index)

    s: argparse.ArgumentParser = sub.add_parser(
        "search",
        help="search the articles of a corpus",
        description="Search titles, bodies, tags, categories and authors; best first (BM25). Words must all"
        ' match; "quoted words" match as a phrase; a trailing * matches a prefix (summ*). Nothing else is'
        " syntax.",
    )
    s.add_argument("query", metavar="QUERY", help="what to search for, e.g. 'trump kim' or '\"seoul summit\"'")
    add_corpus_argument(s)
    s.add_argument("--index", metavar="PATH", help="the index file (default: FILE.search.sqlite beside --corpus)")
    s.add_argument("--category", metavar="ID|SLUG", help="only this category and its descendants")
    s.add_argument("--tag", metavar="ID|SLUG", help="only articles with this tag")
    s.add_argument("--author", metavar="ID|SLUG", help="only articles by this author")
    s.add_argument("--since", metavar="DATE", help="only articles published on or after (ISO date or datetime)")
    s.add_argument("--until", metavar="DATE", help="only articles published before the end of this day (or instant)")
    s.add_argument("--page", type=int, default=1, metavar="N", help="which page of results (default 1)")
    s.add_argument("--per-page", type=int, default=10, metavar="N", help="results per page (default 10, at most 100)")
    s.add_argument("--json", action="store_true", help="print the SearchResults as JSON")
    s.set_defaults(func=run_search)


def _fingerprint(path: str) -> str:
    st = os.stat(path)
    return json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns})


def _older(error: SearchIndexError) -> bool:
    """True when ``error`` refused a newsmodel search index that an older newsmodel wrote (which
    ``newsmodel index`` makes again)."""
    from newsmodel.search.index import SCHEMA_VERSION

    return error.version is not None and error.version < SCHEMA_VERSION


def run_index(args: argparse.Namespace) -> int:
    """Write or update the index and say what changed; an index of an older version is made again."""
    from newsmodel.search.index import SCHEMA_VERSION, SearchIndex

    if not args.corpus and not args.index:
        raise SearchIndexError("index: give --index PATH to index the bundled sample (or --corpus FILE)")
    target = args.index or default_index_path(args.corpus)
    corpus = load_corpus(args)
    written, older = target, None
    try:
        SearchIndex.open(target, create=True).close()
    except SearchIndexError as exc:
        if not _older(exc):
            raise
        # An index an older newsmodel wrote: made again beside it, then put in its place (an index
        # holds nothing its corpus does not).
        written, older = f"{target}.new", exc.version
        if os.path.exists(written):
            os.remove(written)
    with SearchIndex.open(written, create=True) as index:
        report = index.update(corpus)
        index.set_note(_ZONE_NOTE, corpus.site.timezone)
        if args.corpus:
            index.set_note(_CORPUS_NOTE, _fingerprint(args.corpus))
    if written != target:
        os.replace(written, target)
    remade = f"; the index of version {older} was made again for version {SCHEMA_VERSION}" if older is not None else ""
    print(
        f"{target}: {report.total} articles ({report.added} added, {report.changed} changed,"
        f" {report.removed} removed, {report.unchanged} unchanged{remade})"
    )
    return 0


def _open_index(args: argparse.Namespace) -> SearchIndex:
    from newsmodel.search.index import SCHEMA_VERSION, SearchIndex

    if not args.corpus and not args.index:
        corpus = load_corpus(args)
        index = SearchIndex.build(corpus)
        index.set_note(_ZONE_NOTE, corpus.site.timezone)
        return index
    path = args.index or default_index_path(args.corpus)
    if not os.path.exists(path):
        hint = f" --corpus {args.corpus}" if args.corpus else ""
        raise SearchIndexError(f"no search index at {path!r}: run `newsmodel index{hint}` first", path=path)
    try:
        index = SearchIndex.open(path)
    except SearchIndexError as exc:
        if not _older(exc):
            raise
        options = [*(["--corpus", args.corpus] if args.corpus else []), *(["--index", path] if args.index else [])]
        raise SearchIndexError(
            f"search index {path!r} was written by an older newsmodel (version {exc.version}, this one reads"
            f" {SCHEMA_VERSION}): run `newsmodel index {' '.join(options)}` to make it again",
            path=path,
            version=exc.version,
        ) from None
    if args.corpus and index.get_note(_CORPUS_NOTE) != _fingerprint(args.corpus):
        index.close()
        raise SearchIndexError(
            f"search index {path!r} is not up to date with {args.corpus!r}:"
            f" run `newsmodel index --corpus {args.corpus}`",
            path=path,
        )
    return index


def index_for_pages(corpus_path: str | None, corpus: Corpus) -> tuple[SearchIndex, str]:
    """The search index that answers the search URLs of ``newsmodel page``, and a sentence that
    says which it is: the index file beside the corpus file when it is up to date with it, else
    an index built in memory (of the bundled sample without a corpus file)."""
    from newsmodel.search.index import SearchIndex

    if corpus_path:
        path = default_index_path(corpus_path)
        index, why = open_if_current(path, corpus_path)
        if index is not None:
            return index, f"searching the index {path}"
        hint = f" (run `newsmodel index --corpus {corpus_path}` to keep one)"
    else:
        why, hint = "the bundled sample", ""
    return SearchIndex.build(corpus), f"{why}: searching an index built in memory{hint}"


def open_if_current(path: str, corpus_path: str) -> tuple[SearchIndex | None, str]:
    """The index file at ``path`` when it is a search index of this version, up to date with the
    corpus file ``corpus_path``; else None and why not (no file, older than the corpus, or of
    another version of newsmodel)."""
    from newsmodel.search.index import SearchIndex

    if not os.path.exists(path):
        return None, f"no index at {path}"
    try:
        index = SearchIndex.open(path)
    except SearchIndexError as exc:
        if exc.version is None:
            raise
        return None, f"the index {path} is of another version of newsmodel ({exc.version})"
    if index.get_note(_CORPUS_NOTE) == _fingerprint(corpus_path):
        return index, ""
    index.close()
    return None, f"the index {path} is older than {corpus_path}"


def _instant(text: str | None, option: str, site: Site, *, end_of_day: bool) -> datetime | None:
    """An ISO date (midnight in the site's zone; with ``end_of_day`` the next midnight) or an ISO
    datetime with offset."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        pass
    else:
        zone = site.zone or dt_timezone.utc  # a floating site's dates in UTC
        return datetime.combine(day + timedelta(days=1) if end_of_day else day, time(), tzinfo=zone)
    args = argparse.Namespace(as_of=text)
    try:
        return parse_as_of(args, site)
    except InvalidDatetime as exc:
        raise InvalidDatetime(str(exc).replace("--as-of", option, 1), value=text) from None


def _marked(text: MarkedText) -> str:
    return "".join(f"**{p.text}**" if p.marked else p.text for p in text.parts)


def run_search(args: argparse.Namespace) -> int:
    """Print one page of results."""
    from newsmodel.search.results import SearchFilters

    with _open_index(args) as index:
        # the site as far as dates go: its time zone, as the index noted it (Site.timezone's forms)
        site = Site(name="search", base_url="https://search.invalid", timezone=index.get_note(_ZONE_NOTE) or "UTC")
        zone = site.zone or dt_timezone.utc  # a floating site's dates in UTC
        if args.as_of is None and args.index and not args.corpus:
            from datetime import timezone

            as_of = datetime.now(timezone.utc)  # the command line may read the clock
        else:
            as_of = parse_as_of(args, site)
        filters = SearchFilters(
            category_id=index.facet_id("category", args.category) if args.category else None,
            tag_id=index.facet_id("tag", args.tag) if args.tag else None,
            author_id=index.facet_id("author", args.author) if args.author else None,
            since=_instant(args.since, "--since", site, end_of_day=False),
            until=_instant(args.until, "--until", site, end_of_day=True),
        )
        results = index.search(args.query, as_of=as_of, filters=filters, page=args.page, per_page=args.per_page)
    if args.json:
        from newsmodel.serialize import dumps

        print(dumps(results))
        return 0
    noun = "result" if results.total == 1 else "results"
    pages = f" (page {results.page} of {results.pages})" if results.pages > 1 else ""
    print(f"{results.total} {noun} for {results.query!r}{pages}")
    first = (results.page - 1) * results.per_page
    for rank, hit in enumerate(results.hits, first + 1):
        when = hit.published.astimezone(zone).strftime("%Y-%m-%d")
        print(f"{rank:>3}. {hit.score:6.2f}  {when}  {_marked(hit.title)}  [{hit.article_id}]")
        snippet = " ".join(_marked(hit.snippet).split())
        if snippet:
            print(f"       {snippet}")
    return 0
