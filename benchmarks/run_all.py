"""Run every benchmark, each in a fresh process, and write one table to ``benchmarks/RESULTS.md``.

Each script runs in its own Python process (so no benchmark's heap changes another's figures),
at the chosen scale: ``--scale quick`` passes ``--quick`` (smoke sizes, minutes), ``--scale
full`` runs the scripts' default sizes (the figures the targets are about; an hour or more on a
small machine).  A script that accepts ``--json-summary PATH`` reports its figures as rows
(figure, target, measured, baseline); for one that does not, each printed line with a number
becomes a row of its own.  The table is written to ``benchmarks/RESULTS.md`` with the date, the
machine and the commit (``docs/benchmarks.md`` is a link to it, as ``docs/changelog.md`` is to
the changelog, so the documentation site shows the same table).  The exit code is 1 when a
script fails (an answer differs from its scan or oracle, a linearity check fails).

    .venv/bin/python benchmarks/run_all.py --scale quick
    .venv/bin/python benchmarks/run_all.py --scale full
    .venv/bin/python benchmarks/run_all.py --scale quick --only widgets
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# Every benchmark, in the order they run (quick adds --quick to each).
SCRIPTS: list[str] = [
    "bench_corpus.py",
    "bench_serialize.py",
    "bench_wxr.py",
    "bench_export.py",
    "bench_bodies.py",
    "bench_body_floor.py",
    "bench_related.py",
    "bench_search.py",
    "bench_demo.py",
    "bench_archives_calendar_tagcloud.py",
    "bench_widgets.py",
    "bench_listing.py",
    "bench_hostile.py",
    "bench_serve.py",
]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def _accepts_summary(script: Path, env: dict[str, str]) -> bool:
    out = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, env=env, cwd=ROOT)
    return "--json-summary" in out.stdout


_TARGET = re.compile(r"\(target:? ([^;)]*)\)|\btarget:? ([^;)]*)")


def _rows_from_lines(stdout: str) -> list[dict[str, str]]:
    """The printed lines that carry a figure, one row each (for scripts without a summary): the
    whole line is the figure and its measurement; a "target …" in it goes to the target column."""
    rows = []
    for line in stdout.splitlines():
        text = " ".join(line.split())
        if not text or "not a figure" in text or not any(ch.isdigit() for ch in text):
            continue
        found = _TARGET.search(text)
        target = (found.group(1) or found.group(2)).strip() if found else ""
        figure = text
        if found:
            figure = _TARGET.sub("", text).replace("(; ", "(").replace("; )", ")").replace(" )", ")").strip(" ;,")
        rows.append({"figure": figure, "target": target, "measured": "(in the line)", "baseline": ""})
    return rows


def run_one(name: str, scale: str, env: dict[str, str], tmp: Path) -> tuple[list[dict[str, str]], int, float, str]:
    """Run one script in a fresh process: (rows, exit code, seconds, captured output)."""
    script = HERE / name
    cmd = [sys.executable, str(script)]
    if scale == "quick":
        cmd.append("--quick")
    summary = tmp / f"{name}.json"
    structured = _accepts_summary(script, env)
    if structured:
        cmd += ["--json-summary", str(summary)]
    print(f"== {' '.join([Path(cmd[1]).name, *cmd[2:]])}", flush=True)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - start
    output = proc.stdout + (f"\n[stderr]\n{proc.stderr}" if proc.stderr.strip() else "")
    print(proc.stdout, end="", flush=True)
    if proc.stderr.strip():
        print(proc.stderr, end="", file=sys.stderr, flush=True)
    if structured and summary.exists():
        rows: list[dict[str, str]] = json.loads(summary.read_text(encoding="utf-8"))["rows"]
    else:
        rows = _rows_from_lines(proc.stdout)
    return rows, proc.returncode, seconds, output


#: The heading of the section of ``RESULTS.md`` that holds figures of runs made by hand at full
#: scale (each row names its command, commit and machine load): kept as it is by every write.
BY_HAND = "## Full-scale runs by hand"


def kept_section(path: Path) -> str:
    """The section :data:`BY_HAND` of the file at ``path``, from its heading to the end ("" when
    there is none)."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    at = text.find(f"\n{BY_HAND}\n")
    return text[at + 1 :] if at >= 0 else ""


def write_results(results: list[tuple[str, list[dict[str, str]], int, float]], scale: str, path: Path) -> None:
    """Write the table (and its header: date, machine, commit, scale) to ``path``, followed by the
    section :data:`BY_HAND` the file held, unchanged."""
    commit = _git("rev-parse", "--short=12", "HEAD")
    if _git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        "The table is written by `benchmarks/run_all.py`; do not edit it by hand. Each script ran in a",
        "fresh process; both sides of every ratio ran with the garbage collector enabled (users'",
        f'default). The section "{BY_HAND[3:]}" after it holds runs at the sizes of the targets made',
        "one at a time, each row with its command and commit; `run_all.py` keeps it as it is.",
        "",
        f"- date: {now}",
        f"- machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()} {platform.release()},"
        f" Python {platform.python_version()}",
        f"- commit: {commit}",
        f"- scale: {scale}" + (" (smoke sizes: the targets are about the full sizes)" if scale == "quick" else ""),
        "",
        "| script | figure | target | measured | baseline |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, rows, code, seconds in results:
        for row in rows:
            cells = [name, row["figure"], row["target"], row["measured"], row["baseline"]]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        status = "ok" if code == 0 else f"exit code {code}"
        lines.append(f"| {name} | whole script | exit code 0 | {status} | {seconds:.0f} s wall |")
    kept = kept_section(path)
    path.write_text("\n".join(lines) + "\n" + (f"\n{kept}" if kept else ""), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and write the results table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=("quick", "full"), default="quick", help="quick: --quick sizes (default)")
    parser.add_argument("--only", default="", help="run only the scripts whose name contains this text")
    parser.add_argument("--no-write", action="store_true", help="print the figures but leave RESULTS.md alone")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    results = []
    with tempfile.TemporaryDirectory(prefix="newsmodel-bench-") as tmp:
        for name in SCRIPTS:
            if args.only in name:
                rows, code, seconds, _ = run_one(name, args.scale, env, Path(tmp))
                results.append((name, rows, code, seconds))
    if not args.no_write:
        write_results(results, args.scale, HERE / "RESULTS.md")
        print(f"wrote {HERE / 'RESULTS.md'}")
    failed = [name for name, _, code, _ in results if code]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
