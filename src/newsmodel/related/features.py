"""What the related score knows of each article, computed once per corpus (for every ``as_of``).

:class:`Features` holds, for every published article with a date (every article that is visible
at some instant), a :class:`Profile`: its IDF-weighted tag vector, author vector, TF-IDF keyword
vector (unit length), categories and date.  Document frequencies are counted over those articles;
drafts, scheduled and private articles never shape a score.  ``as_of`` is applied when a query
is answered: the articles visible at ``as_of`` are a prefix of the chronological profiles
(:meth:`Features.visible_count`).  The brute-force scorer and the index share these profiles
and the one pair-scoring function :func:`raw_score`; the index only decides which pairs need
scoring.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from newsmodel.related.text import article_text, terms
from newsmodel.values.errors import InvalidDatetime
from newsmodel.values.timeline import published_timeline

if TYPE_CHECKING:
    from newsmodel.values.corpus import Corpus
    from newsmodel.values.model import Article

__all__ = [
    "TERMS_VERSION",
    "DocumentFrequencies",
    "Features",
    "Profile",
    "adopt_document_frequencies",
    "count_terms",
    "document_frequencies",
    "raw_bound",
    "raw_score",
    "raw_score_and_values",
    "recency",
    "sparse_dot",
    "text_digest",
    "use_document_frequencies",
    "weighted_values",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICROSECOND = timedelta(microseconds=1)
#: Microseconds in a day.
DAY_US = 86_400_000_000


def micros(when: datetime) -> int:
    """``when`` as integer microseconds since the Unix epoch (exact, comparable across zones).

    >>> micros(datetime(1970, 1, 2, tzinfo=timezone.utc))
    86400000000
    """
    if when.tzinfo is None or when.utcoffset() is None:
        raise InvalidDatetime(
            f"as_of: naive datetime {when.isoformat()!r} (give it a UTC offset or a zone)", value=when
        )
    return (when - _EPOCH) // _MICROSECOND


class Profile:
    """One article as the score sees it.  Vectors are dicts in a fixed (sorted) key order."""

    __slots__ = ("authors", "categories", "id", "key", "main_category", "position", "tags", "text", "time")

    def __init__(
        self,
        *,
        id: str,
        time: int,
        position: int,
        tags: dict[str, float],
        authors: dict[str, float],
        text: dict[str, float],
        categories: tuple[str, ...],
        main_category: str | None,
    ) -> None:
        self.id = id
        self.time = time
        self.key = (time, id)
        self.position = position
        self.tags = tags
        self.authors = authors
        self.text = text
        self.categories = categories
        self.main_category = main_category

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # positional, through one function: pickled by its slots, a profile costs several times more
        return (
            _profile,
            (
                self.id,
                self.time,
                self.position,
                self.tags,
                self.authors,
                self.text,
                self.categories,
                self.main_category,
            ),
        )


def _profile(
    id: str,
    time: int,
    position: int,
    tags: dict[str, float],
    authors: dict[str, float],
    text: dict[str, float],
    categories: tuple[str, ...],
    main_category: str | None,
) -> Profile:
    return Profile(
        id=id,
        time=time,
        position=position,
        tags=tags,
        authors=authors,
        text=text,
        categories=categories,
        main_category=main_category,
    )


def sparse_dot(query: dict[str, float], other: dict[str, float]) -> float:
    """The dot product of two sparse unit vectors, summed in the query's key order, at most 1.

    >>> sparse_dot({"a": 0.6, "b": 0.8}, {"b": 1.0})
    0.8
    """
    total = 0.0
    get = other.get
    for key, value in query.items():
        w = get(key)
        if w is not None:
            total += value * w
    return total if total < 1.0 else 1.0


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum(w * w for w in weights.values()))
    if norm == 0.0:
        return {}
    return {key: weights[key] / norm for key in sorted(weights)}


#: The version of the text rule (:mod:`newsmodel.related.text`) that stored document frequencies
#: were counted with; part of their digest, so a change of the rule makes them stale.
TERMS_VERSION = 1


def text_digest(articles: Iterable[Article]) -> str:
    """The digest of what the text signal's document frequencies are counted from: each article's
    title and body text (:func:`~newsmodel.related.text.article_text`), in order, and the text rule's
    version (:data:`TERMS_VERSION`).  Equal digests, equal frequencies.

    >>> from newsmodel.values.model import Article
    >>> a = Article(id="1", slug="a", title="Seoul", status="draft")
    >>> text_digest([a]) == text_digest([a]), text_digest([a]) == text_digest([])
    (True, False)
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"newsmodel.related terms {TERMS_VERSION}\n".encode())
    for article in articles:
        for part in article_text(article):
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))  # lengths first: no two lists hash alike
            digest.update(data)
    return digest.hexdigest()


def idf(documents: int, df: int) -> float:
    """The inverse document frequency of a feature found in ``df`` of ``documents`` articles,
    ``ln((1 + N) / (1 + df)) + 1``: never zero, so a feature every article has still counts.

    >>> idf(9, 9)
    1.0
    """
    return math.log((documents + 1) / (1 + df)) + 1.0


def tag_and_author_counts(articles: Iterable[Article]) -> tuple[Counter[str], Counter[str]]:
    """In how many of ``articles`` each tag, and each author, occurs."""
    tag_df: Counter[str] = Counter()
    author_df: Counter[str] = Counter()
    # Counted one by one: Counter.update runs a Python loop of its own for every article.
    for article in articles:
        for tag in dict.fromkeys(article.tag_ids):
            tag_df[tag] += 1
        for author in dict.fromkeys(article.author_ids):
            author_df[author] += 1
    return tag_df, author_df


def count_terms(articles: Iterable[Article]) -> dict[str, int]:
    """How many of ``articles`` have each term in their title or body (document frequencies).

    >>> from newsmodel.values.model import Article
    >>> count_terms([Article(id="1", slug="a", title="Seoul talks", status="draft"),
    ...              Article(id="2", slug="b", title="Seoul, Seoul", status="draft")])
    {'seoul': 2, 'talks': 1}
    """
    df: Counter[str] = Counter()
    for article in articles:
        title, body = article_text(article)
        found = set(terms(body))
        found.update(terms(title))
        df.update(found)
    return {term: df[term] for term in sorted(df)}


class DocumentFrequencies:
    """The text signal's document frequencies of a corpus, with the :func:`text_digest` they were
    counted from: what :func:`use_document_frequencies` accepts, and a cache file may hold.

    ``documents`` is how many articles were counted (the corpus's published, dated articles) and
    ``counts`` maps each term to how many of them have it.
    """

    __slots__ = ("counts", "digest", "documents")

    def __init__(self, *, digest: str, documents: int, counts: dict[str, int]) -> None:
        self.digest = digest
        self.documents = documents
        self.counts = counts


class _Stored:
    """The verified document frequencies of one corpus, if any (kept by :meth:`Corpus.cached
    <newsmodel.values.corpus.Corpus.cached>`)."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: DocumentFrequencies | None = None


def _stored_frequencies(corpus: Corpus) -> _Stored:
    return _Stored()


def document_frequencies(corpus: Corpus) -> DocumentFrequencies:
    """The text signal's document frequencies of ``corpus`` (one pass over every published, dated
    article's text), kept with the corpus so that its related articles need not count them again.

    >>> from newsmodel.sample import generate
    >>> found = document_frequencies(generate(articles=50))
    >>> found.documents, found.counts["seoul"] > 0
    (50, True)
    """
    stored = corpus.cached(_stored_frequencies)
    if stored.value is None:
        articles = corpus.cached(published_timeline).articles
        stored.value = DocumentFrequencies(
            digest=text_digest(articles), documents=len(articles), counts=count_terms(articles)
        )
    return stored.value


def use_document_frequencies(corpus: Corpus, frequencies: DocumentFrequencies) -> bool:
    """Give ``corpus`` document frequencies counted before (by :func:`document_frequencies`, maybe
    in another process) when they are its own: when their digest is the digest of the corpus's
    text now.  Returns whether they were taken; stale ones are refused, so answers never change.

    >>> from newsmodel.sample import generate
    >>> corpus = generate(articles=50)
    >>> found = document_frequencies(corpus)
    >>> use_document_frequencies(generate(articles=50), found)
    True
    >>> use_document_frequencies(generate(articles=60), found)
    False
    """
    stored = corpus.cached(_stored_frequencies)
    if stored.value is not None:
        return stored.value.digest == frequencies.digest
    articles = corpus.cached(published_timeline).articles
    if frequencies.documents != len(articles) or frequencies.digest != text_digest(articles):
        return False
    stored.value = frequencies
    return True


def adopt_document_frequencies(corpus: Corpus, frequencies: DocumentFrequencies) -> None:
    """Give ``corpus`` document frequencies that the caller knows are its own, without the digest
    of its text that :func:`use_document_frequencies` computes to check them.

    For a caller that has checked by other means: the command line's cache file names the digest
    of the corpus file's bytes, and the file is unchanged since the corpus was read from it (see
    :mod:`newsmodel.cli._termcache`).  Counts that are not the corpus's own change its answers.
    """
    stored = corpus.cached(_stored_frequencies)
    if stored.value is None:
        stored.value = frequencies


class Features:
    """Profiles of a corpus's published, dated articles, with document frequencies and the category tree.

    ``articles`` is in chronological order (``(published, id)`` ascending); ``profiles[i]``
    describes ``articles[i]`` and ``times[i]`` is its instant in microseconds.  The articles
    visible at ``as_of`` are the first :meth:`visible_count` of them.
    """

    def __init__(self, corpus: Corpus, *, keywords: int) -> None:
        self.keywords = keywords
        self.lookup = corpus.article
        timeline = corpus.cached(published_timeline)  # published, dated, in (published, id) order
        published = timeline.articles
        self.articles: tuple[Article, ...] = tuple(published)
        self.times = timeline.times
        self.n = len(published)
        self._use_statistics(self.n, *tag_and_author_counts(published))
        # the text signal's document frequencies: stored ones when the corpus has them
        # (use_document_frequencies, checked against the text's digest), else counted on first need
        self._stored = corpus.cached(_stored_frequencies)
        self._term_df: dict[str, int] | None = None
        self._term_idf: dict[str, float] = {}

        # category tree: each category's parent and the length of its root-first path (storing
        # every path would cost the sum of all depths: quadratic in a chain of categories)
        self._parent: dict[str, str | None] = {c.id: c.parent_id for c in corpus.categories}
        self._length: dict[str, int] = {c.id: corpus.depth(c.id) + 1 for c in corpus.categories}
        self._rows: dict[tuple[str, ...], dict[str, float]] = {}

        # profiles are made on demand (profile_at), all of them on the first use of `profiles`;
        # `_base` holds profiles without their text vector, which bound a score (base_at)
        self._profiles: list[Profile | None] = [None] * self.n
        self._base: list[Profile | None] | None = None
        self._complete = self.n == 0
        self.position = {article.id: position for position, article in enumerate(published)}

    # ------------------------------------------------------------------ document frequencies

    def _use_statistics(self, documents: int, tag_df: Counter[str], author_df: Counter[str]) -> None:
        """Weigh tags, authors and (later) terms by ``documents`` articles and these counts: this
        corpus's own, or a whole corpus's for one shard of it (:mod:`newsmodel.related.shard`)."""
        self.documents = documents
        self.tag_df = tag_df
        self.author_df = author_df
        self._log_n1 = math.log(documents + 1)
        self.tag_idf = {t: idf(documents, df) for t, df in tag_df.items()}

    def _set_frequencies(self, term_df: dict[str, int]) -> None:
        self._term_df = term_df
        self._term_idf = {t: idf(self.documents, df) for t, df in term_df.items()}

    def _frequencies(self) -> None:
        """Make the document frequencies known: the stored ones, else one pass over every text."""
        if self._term_df is not None:
            return
        stored = self._stored.value
        if stored is not None:
            self._set_frequencies(stored.counts)
            return
        self._set_frequencies(count_terms(self.articles))

    @property
    def term_df(self) -> dict[str, int]:
        """How many of the articles contain each term (title or body)."""
        self._frequencies()
        assert self._term_df is not None
        return self._term_df

    @property
    def term_idf(self) -> dict[str, float]:
        """Each term's IDF, ``ln((1 + N) / (1 + df)) + 1``."""
        self._frequencies()
        return self._term_idf

    @property
    def profiles(self) -> list[Profile]:
        """Every article's profile, in chronological order (all made now if they are not yet)."""
        if not self._complete:
            self._make_all()
        return self._profiles  # type: ignore[return-value]  # complete: no None left

    def _make_all(self) -> None:
        # One pass gives both the frequencies and the term counts of every profile.  The counts are
        # kept compactly until the frequencies are known: each article's terms as numbers into one
        # vocabulary and their counts, both machine integers (a Counter an article held a string and
        # a dict entry per term: at 100,000 articles, most of the build's peak memory); and the
        # profiles' keywords are then the vocabulary's strings, one object per term for the corpus.
        counts: list[tuple[array[int], array[int]] | None] = [None] * self.n
        vocabulary: list[str] = []
        if self._term_df is None and self._stored.value is None:
            term_df: Counter[str] = Counter()
            number: dict[str, int] = {}
            for position, article in enumerate(self.articles):  # no profile is made yet
                counted = self._term_counts(article)
                term_df.update(counted.keys())
                terms_of = array("q", [number.setdefault(t, len(number)) for t in counted])
                counts[position] = (terms_of, array("q", counted.values()))
            vocabulary = list(number)
            del number
            self._set_frequencies(dict(term_df))
        else:
            self._frequencies()
        profiles, bases = self._profiles, self._base
        for position, article in enumerate(self.articles):
            if profiles[position] is None:
                encoded = counts[position]
                counts[position] = None  # free the term counts as the profiles grow (peak memory)
                known = (
                    None
                    if encoded is None
                    else dict(zip(map(vocabulary.__getitem__, encoded[0]), encoded[1], strict=True))
                )
                base = bases[position] if bases is not None else None
                profiles[position] = self._profile(article, position, self.times[position], known, base)
        self._complete = True
        self._base = None

    def profile_at(self, position: int) -> Profile:
        """The profile of ``articles[position]`` (made now if it is not yet)."""
        found = self._profiles[position]
        if found is None:
            found = self._profiles[position] = self._profile(
                self.articles[position], position, self.times[position], base=self.base_at(position)
            )
        return found

    def base_at(self, position: int) -> Profile:
        """The profile of ``articles[position]``, or the same without its text vector when that is not
        made yet: all a score needs but the text signal."""
        found = self._profiles[position]
        if found is not None:
            return found
        if self._base is None:
            self._base = [None] * self.n
        base = self._base[position]
        if base is None:
            base = self._base[position] = self._without_text(self.articles[position], position, self.times[position])
        return base

    # ------------------------------------------------------------------ profiles

    @staticmethod
    def _term_counts(article: Article) -> Counter[str]:
        title, body = article_text(article)
        tf = Counter(terms(body))
        for term in terms(title):  # a title word counts twice
            tf[term] += 2
        return tf

    def _idf(self, table: dict[str, float], key: str) -> float:
        found = table.get(key)
        return found if found is not None else self._log_n1 + 1.0

    def visible_count(self, as_of_us: int) -> int:
        """How many profiles are of articles visible at ``as_of_us`` (microseconds): they come first."""
        return bisect_right(self.times, as_of_us)

    def _without_text(self, article: Article, position: int, time: int) -> Profile:
        # _idf inlined (every visible candidate of a page's query gets one of these)
        idf, missing = self.tag_idf.get, self._log_n1 + 1.0
        tags = {t: idf(t, missing) for t in dict.fromkeys(article.tag_ids)}
        authors = dict.fromkeys(article.author_ids, 1.0)
        return Profile(
            id=article.id,
            time=time,
            position=position,
            tags=_unit(tags),
            authors=_unit(authors),
            text={},
            categories=self._leaves(article.category_ids),
            main_category=article.main_category_id,
        )

    def _profile(
        self,
        article: Article,
        position: int,
        time: int,
        tf: Mapping[str, int] | None = None,
        base: Profile | None = None,
    ) -> Profile:
        if tf is None:
            tf = self._term_counts(article)
        if base is None:
            base = self._without_text(article, position, time)
        idf = self.term_idf
        missing = self._log_n1 + 1.0
        weights = {t: (1.0 + math.log(c)) * idf.get(t, missing) for t, c in tf.items()}
        top = heapq.nsmallest(self.keywords, weights.items(), key=lambda kv: (-kv[1], kv[0]))
        return Profile(
            id=base.id,
            time=base.time,
            position=base.position,
            tags=base.tags,
            authors=base.authors,
            text=_unit(dict(top)),
            categories=base.categories,
            main_category=base.main_category,
        )

    def _leaves(self, category_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The article's deepest categories: those that are no ancestor of another of its categories.

        An article filed in Seoul and South Korea is an article about Seoul.
        """
        unique = tuple(dict.fromkeys(category_ids))
        if len(unique) < 2:
            return unique
        parent = self._parent
        ancestors: set[str] = set()
        for cid in unique:
            above = parent[cid]
            while above is not None and above not in ancestors:
                ancestors.add(above)
                above = parent[above]
        return tuple(c for c in unique if c not in ancestors)

    def profile_of(self, article: Article, as_of_us: int) -> Profile:
        """The profile of ``article``: its stored one if it has one, else one computed now (position -1).

        An undated article (a draft's preview) is placed at ``as_of_us``.
        """
        position = self.position.get(article.id)
        if position is not None and (self.articles[position] is article or self.articles[position] == article):
            return self.profile_at(position)
        time = micros(article.published) if article.published is not None else as_of_us
        return self._profile(article, -1, time)

    # ------------------------------------------------------------------ categories

    def proximity(self, a: str, b: str) -> float:
        """Category proximity of two categories: shared path length over the longer path's length.

        In World › ASIA › South Korea › Seoul, Seoul and Seoul give 1.0, Seoul and Busan (same
        country) 0.75, Seoul and Tokyo (same continent) 0.5.
        """
        return self._common(a, b) / max(self._length[a], self._length[b])

    def _common(self, a: str | None, b: str | None) -> int:
        """The length of the path two categories share from the root (their common ancestor's)."""
        parent, length = self._parent, self._length
        la = length[a] if a is not None else 0
        lb = length[b] if b is not None else 0
        while la > lb:
            a, la = parent[a] if a is not None else None, la - 1
        while lb > la:
            b, lb = parent[b] if b is not None else None, lb - 1
        while a != b:
            a = parent[a] if a is not None else None
            b = parent[b] if b is not None else None
            la -= 1
        return la

    def category_row(self, categories: tuple[str, ...]) -> dict[str, float]:
        """For every category, the best proximity to any of ``categories`` (only non-zero entries).

        One pass over the tree per category of the query: a category shares with ``mine`` what
        its parent shares, unless it is on ``mine``'s own path.
        """
        row = self._rows.get(categories)
        if row is None:
            parent, length = self._parent, self._length
            best: dict[str, float] = dict.fromkeys(parent, 0.0)
            for mine in categories:
                mine_length = length[mine]
                shared: dict[str | None, int] = {None: 0}
                node: str | None = mine
                while node is not None:  # mine's path shares its whole self with mine
                    shared[node] = length[node]
                    node = parent[node]
                for other in parent:
                    walk: list[str] = []
                    node = other
                    while node not in shared:
                        assert node is not None
                        walk.append(node)
                        node = parent[node]
                    common = shared[node]
                    for below in walk:
                        shared[below] = common
                    value = common / max(mine_length, length[other])
                    if value > best[other]:
                        best[other] = value
            row = {other: value for other, value in best.items() if value > 0.0}
            self._rows[categories] = row
        return row


def category_score(row: dict[str, float], categories: Iterable[str]) -> float:
    """The category signal of a candidate with ``categories`` against a query's proximity row."""
    best = 0.0
    for c in categories:
        v = row.get(c, 0.0)
        if v > best:
            best = v
    return best


def recency(query: Profile, other: Profile, half_life_us: float) -> float:
    """The recency signal of a pair: ``0.5 ** (microseconds apart / half-life)``, the one expression
    every scorer of a pair uses (so their floats are the same)."""
    return 0.5 ** (abs(query.time - other.time) / half_life_us)  # type: ignore[no-any-return]


def signal_values(
    query: Profile, row: dict[str, float], other: Profile, half_life_us: float
) -> tuple[float, float, float, float, float]:
    """The five signal values (tags, category, authors, text, recency) of ``other`` for ``query``."""
    return (
        sparse_dot(query.tags, other.tags),
        category_score(row, other.categories),
        sparse_dot(query.authors, other.authors),
        sparse_dot(query.text, other.text),
        recency(query, other, half_life_us),
    )


def raw_score(
    query: Profile,
    row: dict[str, float],
    other: Profile,
    weights: tuple[float, float, float, float, float],
    half_life_us: float,
    text: float | None = None,
) -> float:
    """The weighted sum of the signals (not yet divided by the total weight).

    ``text``, when given, stands for the text signal (see :func:`raw_bound`).
    """
    wt, wc, wa, wx, wr = weights
    total = 0.0
    if wt:
        total += wt * sparse_dot(query.tags, other.tags)
    if wc:
        total += wc * category_score(row, other.categories)
    if wa:
        total += wa * sparse_dot(query.authors, other.authors)
    if wx:
        total += wx * (sparse_dot(query.text, other.text) if text is None else text)
    if wr:
        total += wr * recency(query, other, half_life_us)
    return total


def raw_score_and_values(
    query: Profile,
    row: dict[str, float],
    other: Profile,
    weights: tuple[float, float, float, float, float],
    half_life_us: float,
) -> tuple[float, tuple[float, float, float, float, float]]:
    """:func:`raw_score` and :func:`signal_values` at once, each signal computed once: the same
    floats as the two (the same operations in the same order), for a pair whose result is kept."""
    values = signal_values(query, row, other, half_life_us)
    return weighted_values(values, weights), values


def weighted_values(
    values: tuple[float, float, float, float, float], weights: tuple[float, float, float, float, float]
) -> float:
    """The raw score of a pair from its five signal values: :func:`raw_score`'s sum, the same
    operations in the same order."""
    wt, wc, wa, wx, wr = weights
    total = 0.0
    if wt:
        total += wt * values[0]
    if wc:
        total += wc * values[1]
    if wa:
        total += wa * values[2]
    if wx:
        total += wx * values[3]
    if wr:
        total += wr * values[4]
    return total


def raw_bound(
    query: Profile,
    row: dict[str, float],
    other: Profile,
    weights: tuple[float, float, float, float, float],
    half_life_us: float,
    text: float = 1.0,
) -> float:
    """An upper bound of :func:`raw_score` that needs no text vector of ``other``: the same sum, in
    the same order, with ``text`` for the text signal, which must be at least that signal: 1.0 (its
    largest value) by default, or 0.0 when the two articles share no keyword (then the signal is
    exactly 0.0).

    Exact, not only up to rounding: it is :func:`raw_score` itself with the text signal replaced,
    so every other signal is the same float and the same operations run in the same order, and
    rounded products and sums are monotone: ``raw_bound(...) >= raw_score(...)`` holds for the
    floats themselves.
    """
    return raw_score(query, row, other, weights, half_life_us, text)
