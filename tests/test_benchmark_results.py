"""``benchmarks/run_all.py`` rewrites its table and keeps the section of full-scale runs made by hand."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _run_all() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_all", ROOT / "benchmarks" / "run_all.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_rewritten_and_the_runs_by_hand_are_kept(tmp_path: Path) -> None:
    run_all = _run_all()
    path = tmp_path / "RESULTS.md"
    run_all.write_results([("bench_a.py", [], 0, 1.0)], "quick", path)
    assert run_all.BY_HAND not in path.read_text("utf-8")
    by_hand = f"{run_all.BY_HAND}\n\n| bench_b.py | by hand, commit abc | | 1 s | |\n"
    path.write_text(path.read_text("utf-8") + "\n" + by_hand, "utf-8")
    row = {"figure": "speed", "target": "", "measured": "2 s", "baseline": ""}
    run_all.write_results([("bench_a.py", [row], 0, 1.0)], "quick", path)
    text = path.read_text("utf-8")
    assert "| bench_a.py | speed |  | 2 s |  |" in text
    assert text.endswith("\n" + by_hand) and text.count(run_all.BY_HAND) == 1
    assert text.index("| bench_a.py | speed") < text.index(run_all.BY_HAND)


def test_the_committed_results_hold_the_section_run_all_keeps() -> None:
    text = (ROOT / "benchmarks" / "RESULTS.md").read_text("utf-8")
    assert f"\n{_run_all().BY_HAND}\n" in text
