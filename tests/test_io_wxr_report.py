"""Tests of :mod:`newsmodel.io.report`, the report every importer returns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsmodel.io.report import ImportReport, ImportReportBuilder, ImportWarning

_counts = st.lists(st.tuples(st.sampled_from(["articles", "tags", "authors", "x"]), st.integers(0, 50)))


@given(_counts, _counts)
def test_merged_adds_counts_per_kind(a: list[tuple[str, int]], b: list[tuple[str, int]]) -> None:
    merged = ImportReport(imported=a).merged(ImportReport(imported=b))
    for kind in {k for k, _ in a + b}:
        assert merged.imported_count(kind) == sum(n for k, n in a + b if k == kind)
    assert [k for k, _ in merged.imported] == sorted({k for k, _ in a + b})


def test_builder_keeps_warning_order_and_places() -> None:
    b = ImportReportBuilder(source="s.xml", format="wxr 1.1")
    b.warn("second", place="s.xml:9", code="date")
    b.warn("first", code="other")
    b.skipped("attachment", 3)
    b.skipped("nav_menu_item")
    r = b.build()
    assert [w.message for w in r.warnings] == ["second", "first"]
    assert r.warnings_with("date") == (ImportWarning(message="second", place="s.xml:9", code="date"),)
    assert r.total_skipped == 4
    text = r.as_text()
    assert "s.xml:9: second" in text
    assert "skipped: 3 attachment, 1 nav_menu_item" in text


def test_as_text_caps_warnings() -> None:
    r = ImportReport(warnings=[ImportWarning(message=str(i)) for i in range(5)])
    assert r.as_text(max_warnings=2).splitlines()[-1] == "  … and 3 more"
    assert r.to_dict()["warnings"][4] == {"code": "warning", "place": None, "message": "4"}
