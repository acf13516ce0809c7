"""What an import did: counts imported per kind, counts skipped per reason, warnings with places.

Every importer of :mod:`newsmodel.io` returns an :class:`ImportReport` beside what it built, so
nothing is dropped silently.  Importers fill an :class:`ImportReportBuilder` while they read and
freeze it at the end.

>>> b = ImportReportBuilder(source="export.xml", format="wxr 1.2")
>>> b.imported("articles", 2)
>>> b.skipped("nav_menu_item")
>>> b.warn("post_date_gmt is 0000-00-00 00:00:00; used the site time zone", place="export.xml:40")
>>> report = b.build()
>>> report.imported_count("articles"), report.skipped_count("nav_menu_item")
(2, 1)
>>> print(report.as_text())
export.xml (wxr 1.2)
imported: 2 articles
skipped: 1 nav_menu_item
warnings: 1
  export.xml:40: post_date_gmt is 0000-00-00 00:00:00; used the site time zone
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from newsmodel.values._validate import OPTIONAL_STRING, STRING, as_tuple, refuse, tuple_of
from newsmodel.values.corpus import Corpus
from newsmodel.values.tagmerge import merge_similar_tags

__all__ = ["ImportReport", "ImportReportBuilder", "ImportWarning", "merge_tags_on_import"]


def _is_pair(pair: Any) -> bool:
    return (
        isinstance(pair, tuple)
        and len(pair) == 2
        and isinstance(pair[0], str)
        and isinstance(pair[1], int)
        and not isinstance(pair[1], bool)
    )


def _counts(value: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    try:
        pairs = tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]  # no sequence: _check_counts refuses it
    if not all(_is_pair(pair) for pair in pairs):
        return pairs  # _check_counts names the first pair that is not (name, count)
    merged: dict[str, int] = {}
    for key, n in pairs:
        merged[key] = merged.get(key, 0) + n
    return tuple(sorted(merged.items()))


def _check_counts(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    what = "a (name, count) pair of a string and an integer"
    if value.__class__ is not tuple:
        raise refuse(instance, attribute.name, f"a sequence of {what}", value)
    for i, pair in enumerate(value):
        if not _is_pair(pair):
            raise refuse(instance, f"{attribute.name}[{i}]", what, pair)


@attrs.frozen(kw_only=True)
class ImportWarning:
    """Something an importer noticed and worked around; ``place`` says where (file:line, URL, id).

    ``code`` is a short stable name for the kind of warning (``"date"``, ``"dangling"`` …) that
    tests and tools can match on; ``message`` is for people and quotes the value with ``repr``.

    >>> ImportWarning(message="unknown status 'inherit'", place="a.xml:12", code="status").line
    "a.xml:12: unknown status 'inherit'"
    """

    message: str = attrs.field(validator=STRING)
    place: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    code: str = attrs.field(default="warning", validator=STRING)

    @property
    def line(self) -> str:
        """One printable line: ``place: message`` (or the message alone)."""
        return f"{self.place}: {self.message}" if self.place else self.message


@attrs.frozen(kw_only=True)
class ImportReport:
    """The outcome of one import.

    ``imported`` and ``skipped`` are ``(name, count)`` pairs sorted by name; names are plural
    kinds for ``imported`` (``articles``, ``authors``, ``categories``, ``tags``, ``comments`` …)
    and reasons for ``skipped`` (usually the source's own type name, such as ``attachment`` or
    ``nav_menu_item``).  ``warnings`` keep the order in which they were found.

    >>> r = ImportReport(imported=(("tags", 3), ("articles", 1)))
    >>> r.imported
    (('articles', 1), ('tags', 3))
    >>> r.imported_count("comments")
    0
    """

    source: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    format: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    imported: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_counts, validator=_check_counts)
    skipped: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_counts, validator=_check_counts)
    warnings: tuple[ImportWarning, ...] = attrs.field(
        default=(), converter=as_tuple, validator=tuple_of(ImportWarning, "an ImportWarning")
    )
    #: The post permalink structure inferred from the source (``/%year%/%monthnum%/%postname%/``),
    #: None when none was (see :mod:`newsmodel.values.permalinks`).
    permalinks: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)
    #: What the inference found, in words (how many post URLs the structure gives), when it ran.
    permalinks_note: str | None = attrs.field(default=None, validator=OPTIONAL_STRING)

    def imported_count(self, kind: str) -> int:
        """How many of ``kind`` were imported (0 when none)."""
        return dict(self.imported).get(kind, 0)

    def skipped_count(self, reason: str) -> int:
        """How many items were skipped for ``reason`` (0 when none)."""
        return dict(self.skipped).get(reason, 0)

    @property
    def total_skipped(self) -> int:
        """How many items were skipped in all."""
        return sum(n for _, n in self.skipped)

    def warnings_with(self, code: str) -> tuple[ImportWarning, ...]:
        """The warnings of one ``code``, in order."""
        return tuple(w for w in self.warnings if w.code == code)

    def merged(self, other: ImportReport) -> ImportReport:
        """One report adding up ``self`` and ``other`` (source and format of ``self`` kept).

        >>> a = ImportReport(imported=(("articles", 1),))
        >>> a.merged(ImportReport(imported=(("articles", 2),))).imported_count("articles")
        3
        """
        return ImportReport(
            source=self.source if self.source is not None else other.source,
            format=self.format if self.format is not None else other.format,
            imported=self.imported + other.imported,
            skipped=self.skipped + other.skipped,
            warnings=self.warnings + other.warnings,
            permalinks=self.permalinks if self.permalinks is not None else other.permalinks,
            permalinks_note=self.permalinks_note if self.permalinks_note is not None else other.permalinks_note,
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON data.

        >>> ImportReport(source="a.xml", imported=(("articles", 1),)).to_dict()["imported"]
        {'articles': 1}
        """
        return {
            "source": self.source,
            "format": self.format,
            "imported": dict(self.imported),
            "skipped": dict(self.skipped),
            "warnings": [{"code": w.code, "place": w.place, "message": w.message} for w in self.warnings],
            "permalinks": self.permalinks,
            "permalinks_note": self.permalinks_note,
        }

    def format_lines(self, *, max_warnings: int | None = None) -> tuple[str, ...]:
        """The report as printable lines (see :meth:`as_text`); ``max_warnings`` caps the listed warnings."""
        head = self.source or "import"
        if self.format:
            head += f" ({self.format})"
        lines = [head]
        imported = ", ".join(f"{n} {k}" for k, n in self.imported) or "nothing"
        lines.append(f"imported: {imported}")
        if self.permalinks_note is not None:
            lines.append(f"permalinks: {self.permalinks_note}")
        if self.skipped:
            lines.append("skipped: " + ", ".join(f"{n} {k}" for k, n in self.skipped))
        if self.warnings:
            lines.append(f"warnings: {len(self.warnings)}")
            shown = self.warnings if max_warnings is None else self.warnings[:max_warnings]
            lines.extend(f"  {w.line}" for w in shown)
            if len(shown) < len(self.warnings):
                lines.append(f"  … and {len(self.warnings) - len(shown)} more")
        return tuple(lines)

    def as_text(self, *, max_warnings: int | None = None) -> str:
        """The report as text, one fact a line."""
        return "\n".join(self.format_lines(max_warnings=max_warnings))


class ImportReportBuilder:
    """Mutable counterpart of :class:`ImportReport`, filled while an importer reads.

    >>> b = ImportReportBuilder()
    >>> b.imported("tags"); b.imported("tags")
    >>> b.build().imported
    (('tags', 2),)
    """

    def __init__(self, *, source: str | None = None, format: str | None = None) -> None:
        self.source = source
        self.format = format
        self._imported: dict[str, int] = {}
        self._skipped: dict[str, int] = {}
        self._warnings: list[ImportWarning] = []
        self._permalinks: str | None = None
        self._permalinks_note: str | None = None

    def imported(self, kind: str, n: int = 1) -> None:
        """Count ``n`` items of ``kind`` as imported."""
        self._imported[kind] = self._imported.get(kind, 0) + n

    def skipped(self, reason: str, n: int = 1) -> None:
        """Count ``n`` items as skipped for ``reason``."""
        self._skipped[reason] = self._skipped.get(reason, 0) + n

    def warn(self, message: str, *, place: str | None = None, code: str = "warning") -> None:
        """Record a warning found at ``place``."""
        self._warnings.append(ImportWarning(message=message, place=place, code=code))

    def permalinks(self, structure: str | None, note: str) -> None:
        """Record the permalink structure inferred (None for none) and what was found, in words."""
        self._permalinks = structure
        self._permalinks_note = note

    def build(self) -> ImportReport:
        """The frozen report."""
        return ImportReport(
            source=self.source,
            format=self.format,
            imported=tuple(self._imported.items()),
            skipped=tuple(self._skipped.items()),
            warnings=tuple(self._warnings),
            permalinks=self._permalinks,
            permalinks_note=self._permalinks_note,
        )


def merge_tags_on_import(corpus: Corpus, report: ImportReport) -> tuple[Corpus, ImportReport]:
    """What an importer's ``merge_tags=True`` (``newsmodel import --merge-tags``) does: the corpus
    after :func:`~newsmodel.values.tagmerge.merge_similar_tags`, and the report with one ``tag-merge``
    warning per merge (the ``tags`` count stays what the source had).

    >>> from newsmodel.values.model import Site, Tag
    >>> corpus = Corpus(site=Site(name="S", base_url="https://e.org"),
    ...                 tags=[Tag(id="1", slug="kim-jong-un", name="Kim Jong Un"),
    ...                       Tag(id="2", slug="kim-jong-un-2", name="Kim Jong-un")])
    >>> merged, report = merge_tags_on_import(corpus, ImportReport(source="a.xml"))
    >>> len(merged.tags)
    1
    >>> print(report.warnings_with("tag-merge")[0].line)
    a.xml: tag 'Kim Jong-un' (id '2', slug 'kim-jong-un-2') merged into 'Kim Jong Un' (id '1', slug 'kim-jong-un')
    """
    merged, merges = merge_similar_tags(corpus)
    if not merges.merges:
        return corpus, report
    warnings = tuple(ImportWarning(message=m.line, place=report.source, code="tag-merge") for m in merges.merges)
    return merged, attrs.evolve(report, warnings=report.warnings + warnings)
