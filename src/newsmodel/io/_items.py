"""One item mapping for the three feed importers (RSS/Atom, JSON Feed, JSON-LD).

Each importer reads its own format's fields; what an item then becomes is decided here, once:
unique article ids, slugs (from the link's last segment, else the title), dates (published,
modified, and a draft when there is none), authors by name and tags by name: a label is one tag
(compared without case, as WordPress's ``wp_insert_term`` compares names), and labels that only
slug alike stay apart with unique slugs (``kim-jong-un``, ``kim-jong-un-2``, as
``wp_unique_term_slug`` makes them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urlsplit

import attrs

from newsmodel.io.report import ImportReportBuilder
from newsmodel.io.timezones import OffsetEvidence, territory_zones
from newsmodel.values._validate import is_number
from newsmodel.values.builder import CorpusBuilder
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import ArticleStatus, Author, Byline, Tag
from newsmodel.values.slugs import SlugRegistry, decode_slug, slugify

_PAGE_SUFFIX = re.compile(r"\.(html?|php|aspx?)$")


def slug_from_link(link: str | None) -> str | None:
    """The slug a permalink ends with (``/2025/12/summit-set.html`` → ``summit-set``), or None.

    >>> slug_from_link("https://herald.example/world/summit-set/?utm=x"), slug_from_link("https://x.example/?p=12")
    ('summit-set', None)
    >>> slug_from_link("https://x.example/2025/12/%E6%97%A5%E6%9C%AC%E8%AA%9E/")
    '日本語'
    """
    if not link:
        return None
    last = urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]
    slug = decode_slug(_PAGE_SUFFIX.sub("", last))
    if slug is not None and not is_number(slug):
        return slug
    return None


class ItemMapping:
    """What the items of one feed share while they become articles: ids, slugs, authors, tags.

    ``parse_date(raw, zone)`` reads a date string (the feed importers pass
    :func:`~newsmodel.io.feeds.parse_feed_date`); dates without an offset are read in ``zone``.
    ``infer_zone`` (when the user named no zone and no site) infers the site's time zone from the
    offsets of the items' dates at :meth:`build`, by the rule the WordPress importers use
    (:mod:`newsmodel.io.timezones`), and says what it chose in a ``timezone`` warning: never
    silently UTC.
    """

    def __init__(
        self,
        builder: CorpusBuilder,
        report: ImportReportBuilder,
        *,
        zone: tzinfo,
        parse_date: Callable[..., datetime | None],
        infer_zone: bool = False,
    ) -> None:
        self.builder = builder
        self.infer_zone = infer_zone
        self.report = report
        self.zone = zone
        self._parse_date = parse_date
        self._slugs = SlugRegistry(reserved=())
        self._ids: set[str] = set()
        self._authors: dict[str, Author] = {}
        self._tags: dict[str, Tag] = {}  # by lowercased label
        self._tag_slugs = SlugRegistry(reserved=())

    def article_id(self, article_id: str, *, index: int, place: str, extra: dict[str, Any]) -> str:
        """``article_id``, or ``<id>#<n>`` when an earlier item had it (the original kept in
        ``extra["feed_id"]`` and reported)."""
        if article_id in self._ids:
            extra["feed_id"] = article_id
            article_id = f"{article_id}#{index + 1}"
            self.report.warn(f"item id {extra['feed_id']!r} repeats; kept as {article_id!r}", place=place, code="id")
        self._ids.add(article_id)
        return article_id

    def slug(self, link: str | None, title: str, article_id: str) -> str:
        """A slug no earlier item has: the link's, else the title's, else the id's."""
        from_link = slug_from_link(link)
        return self._slugs.keep(from_link) if from_link else self._slugs.claim(title or article_id)

    def date(
        self, key: str, raw: Any, *, place: str, extra: dict[str, Any], raw_key: str | None = None
    ) -> datetime | None:
        """The instant of ``raw`` (a date string); an unreadable one is kept in ``extra`` under
        ``raw_key`` (default ``<key>_raw``) and reported."""
        if raw is None:
            return None
        when = self._parse_date(raw, zone=self.zone) if isinstance(raw, str) else None
        if when is None:
            extra[raw_key or f"{key}_raw"] = raw
            self.report.warn(f"unreadable date {raw!r} in {key}", place=place, code="date")
        return when

    def status(
        self,
        published: datetime | None,
        modified: datetime | None,
        *,
        place: str,
        what: str = "item has no readable date",
    ) -> tuple[datetime | None, ArticleStatus]:
        """The published date (the modified one when there is no other) and the status: an item
        with no date at all is a draft, so that no widget shows it, and is reported."""
        if published is None:
            published = modified
        if published is None:
            self.report.warn(f"{what}; imported as a draft", place=place, code="date")
            return None, ArticleStatus.DRAFT
        return published, ArticleStatus.PUBLISHED

    def byline(self, bylines: list[Byline], name: str, make: Callable[[str], Author]) -> None:
        """Add the author called ``name`` to ``bylines`` (once); ``make(author_id)`` builds the
        author the first time the name is seen in the feed."""
        author_id = slugify(name)
        if author_id not in self._authors:
            self._authors[author_id] = self.builder.add_author(make(author_id))
        if all(b.author_id != author_id for b in bylines):
            bylines.append(Byline(author_id=author_id))

    def tag(self, tag_ids: list[str], label: str, *, extra: dict[str, Any] | None = None) -> None:
        """Add the tag called ``label`` to ``tag_ids`` (once): the tag of that label (without
        case), else a new one whose slug (and id) is the label's, made unique."""
        label = label.strip()
        if not label:
            return
        kept = self._tags.get(label.lower())
        if kept is None:
            tag_slug = self._tag_slugs.claim(label)
            kept = self._tags[label.lower()] = Tag(id=tag_slug, slug=tag_slug, name=label, extra=extra or {})
        if kept.id not in tag_ids:
            tag_ids.append(kept.id)

    def _infer_zone(self, name: str) -> None:
        evidence = OffsetEvidence()
        for article in self.builder.articles:
            if article.published is not None:
                evidence.add(article.published)
        guess = evidence.conclude(prefer=territory_zones(self.builder.site.language))
        if guess.rule == "none":
            line = "no item has a date: the site time zone is UTC (give --timezone to name the zone)"
        elif guess.rule == "offset" and guess.timezone == "UTC":
            # WordPress's feeds (and most generators) write every date in UTC: the offsets say
            # nothing of the site's own zone, and the report says so rather than guess.
            line = (
                f"every dated item ({guess.posts:,}) is written in UTC, as WordPress and most feed"
                " generators write dates: the feed does not tell the site's own time zone, so days are"
                " UTC days (give --timezone to name the zone)"
            )
        else:
            line = guess.describe()
        self.report.warn(line, place=name, code="timezone")
        if guess.timezone is not None and guess.timezone != self.builder.site.timezone:
            self.builder.site = attrs.evolve(self.builder.site, timezone=guess.timezone)

    def build(self, name: str) -> Corpus:
        """The corpus, with the tags added and the authors and tags counted."""
        for tag in self._tags.values():
            self.builder.add_tag(tag)
        if self.infer_zone:
            self._infer_zone(name)
        corpus = self.builder.build()
        self.report.imported("authors", len(corpus.authors))
        self.report.imported("tags", len(corpus.tags))
        return corpus
