"""Search queries: user text parsed into words, phrases and prefixes, never raw FTS5 syntax.

A query is what a reader types in a search box, so every character is allowed and none is an
operator but these three:

- a **word** is a run of characters up to a space or a double quote; its letters and digits are
  what is searched (:func:`~newsmodel.search.text.query_words`): ``Trump-Kim`` and ``U.S.`` have
  two words each and are searched as phrases (``trump`` right before ``kim``);
- a **"quoted phrase"** matches its words next to each other, in order (an unclosed quote runs to
  the end of the query);
- a **trailing** ``*`` after a word or a closing quote makes the last word a prefix: ``summ*``
  matches ``summit`` and ``summer``.

Every term must match (AND).  Nothing else is syntax: ``AND``, ``OR``, ``NOT``, ``NEAR``, ``-``,
``:``, ``^``, parentheses and SQL are words or separators like any other text.  Each term reaches
SQLite's FTS5 as a quoted string (:meth:`Query.fts5`), so no query can be an FTS5 syntax error.
There are no stop words: ``the of`` searches for both words.  Terms repeated are searched once (case aside).

A query without a single letter or digit, one longer than :data:`MAX_QUERY_LENGTH` characters or
with more than :data:`MAX_QUERY_TERMS` terms raises :class:`~newsmodel.values.errors.InvalidQuery`, the
one error :func:`parse_query` raises.

>>> q = parse_query('Trump-Kim "Seoul summit" sidel* trump-KIM')
>>> [(t.words, t.prefix) for t in q.terms]
[(('Trump', 'Kim'), False), (('Seoul', 'summit'), False), (('sidel',), True)]
>>> q.fts5()
'"Trump Kim" AND "Seoul summit" AND "sidel" *'
>>> parse_query('NEAR("a" b) OR :^-').fts5()
'"NEAR" AND "a" AND "b" AND "OR"'
"""

from __future__ import annotations

import attrs

from newsmodel.search.text import query_words
from newsmodel.values._validate import BOOLEAN, STRING, as_tuple, tuple_of
from newsmodel.values.errors import InvalidQuery

__all__ = ["MAX_QUERY_LENGTH", "MAX_QUERY_TERMS", "Query", "QueryTerm", "parse_query"]

#: The longest query text accepted, in characters.
MAX_QUERY_LENGTH = 1000
#: The most terms (words, phrases, prefixes) a query may have.  FTS5 refuses expressions deeper
#: than 256; search engines stop far earlier (Google at 32 words).
MAX_QUERY_TERMS = 32


def _words(value: object) -> tuple[str, ...]:
    if not isinstance(value, (tuple, list)) or not value:
        raise InvalidQuery(f"QueryTerm.words: expected a non-empty tuple of words, got {value!r}", value=value)
    out = tuple(value)
    for w in out:
        if not isinstance(w, str) or query_words(w) != [w]:
            raise InvalidQuery(f"QueryTerm.words: {w!r} is not one word (letters and digits)", value=w)
    return out


@attrs.frozen(kw_only=True)
class QueryTerm:
    """One term of a query: a word, or a phrase of words that must stand next to each other in
    order; with ``prefix``, the last word matches every word that starts with it.

    >>> QueryTerm(words=("seoul", "summit")).fts5()
    '"seoul summit"'
    """

    words: tuple[str, ...] = attrs.field(converter=_words)
    prefix: bool = attrs.field(default=False, validator=BOOLEAN)

    def fts5(self) -> str:
        """This term as an FTS5 string: its words quoted (a ``"`` inside doubled), then `` *``."""
        quoted = '"' + " ".join(self.words).replace('"', '""') + '"'
        return f"{quoted} *" if self.prefix else quoted


@attrs.frozen(kw_only=True)
class Query:
    """A parsed query: the text as typed and its terms, in order, each once.

    >>> Query(text="kim", terms=(QueryTerm(words=("kim",)),)).fts5()
    '"kim"'
    """

    text: str = attrs.field(validator=STRING)
    terms: tuple[QueryTerm, ...] = attrs.field(converter=as_tuple, validator=tuple_of(QueryTerm, "a QueryTerm"))

    def fts5(self) -> str:
        """The FTS5 expression: every term, quoted, joined by ``AND``."""
        return " AND ".join(t.fts5() for t in self.terms)


def _term(body: str, prefix: bool) -> QueryTerm | None:
    # Case is left to the tokenizer, which folds it as it folded the indexed text.
    words = query_words(body)
    return QueryTerm(words=tuple(words), prefix=prefix) if words else None


def parse_query(text: str) -> Query:
    """Parse what a reader typed (see the module's documentation for the rules).

    >>> parse_query('"unclosed phrase').terms[0].words
    ('unclosed', 'phrase')
    >>> parse_query('"*" ^ :')
    Traceback (most recent call last):
      ...
    newsmodel.values.errors.InvalidQuery: search query '"*" ^ :' has no words to search for (letters or digits)
    """
    if not isinstance(text, str):
        raise InvalidQuery(f"search query: expected a string, got {text!r}", value=text)
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidQuery(
            f"search query of {len(text)} characters is too long (at most {MAX_QUERY_LENGTH})", value=text
        )
    terms: dict[tuple[tuple[str, ...], bool], QueryTerm] = {}
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            end = text.find('"', i + 1)
            end = n if end == -1 else end
            body = text[i + 1 : end]
            i = end + 1
            prefix = text.startswith("*", i)
        else:
            end = i
            while end < n and not text[end].isspace() and text[end] != '"':
                end += 1
            body = text[i:end]
            i = end
            stripped = body.rstrip("*")
            prefix = len(stripped) < len(body) and query_words(stripped[-1:]) != []
        term = _term(body, prefix)
        if term is not None:
            terms.setdefault((tuple(w.casefold() for w in term.words), term.prefix), term)
    if not terms:
        shown = text if len(text) <= 80 else text[:77] + "..."
        raise InvalidQuery(f"search query {shown!r} has no words to search for (letters or digits)", value=text)
    if len(terms) > MAX_QUERY_TERMS:
        raise InvalidQuery(f"search query has {len(terms)} terms; at most {MAX_QUERY_TERMS} are searched", value=text)
    return Query(text=text, terms=tuple(terms.values()))
