"""``newsmodel demo`` and ``newsmodel page`` as users run them: CPU time of a fresh process, the collector on.

Each figure is the child processes' user + system CPU time (``resource.getrusage(RUSAGE_CHILDREN)``
before and after), best and median of ``--repeat`` runs, so the load of a shared machine hits wall
time much more than these figures.  Baselines measured in the same run, each a fresh process too:
the interpreter with newsmodel's command line imported (the floor of any command), reading the
bundled sample alone, and the page without related articles (``demo --no-related``).  The page's
output is checked byte for byte against the page built with the stored document frequencies left
out (``--recount``: the same page through the full count, which is what a corpus without a cache
file gets on its first page).  ``newsmodel page SLUG`` of the seed article on the bundled sample is
timed too (the same page as ``demo``, reached by its slug).

The commands run as users run them, ``python -m newsmodel.cli`` (the program: it pauses the
collector while it reads the corpus and freezes its objects, see ``newsmodel.cli.console``); a
baseline tree runs its own ``python -m newsmodel.cli``.  "read the bundled sample" is the library
call ``load_bundled()`` in a plain Python process, where the collector is left as Python sets it.

Python's bytecode is cached for both trees, as an installed package has it (``pip`` compiles it at
install): ``PYTHONDONTWRITEBYTECODE`` is dropped from the children's environment and one untimed run
of each case writes the caches before the timed ones.  ``--no-bytecode-cache`` keeps the variable
as it is and writes no cache (with the variable set and no ``__pycache__`` in a tree, as in a
fresh ``git archive``, each process then compiles every module it imports).

    .venv/bin/python benchmarks/bench_demo.py             # 7 runs of each
    .venv/bin/python benchmarks/bench_demo.py --quick     # 3 runs of each

``--baseline-src DIR`` also times ``newsmodel demo`` from another source tree, interleaved with
this one, and checks its output is the same (for example the tree of an older commit:
``git archive COMMIT src | tar -x -C /tmp/before`` then ``--baseline-src /tmp/before/src``), and
``newsmodel page`` from it likewise.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from _summary import Summary, add_summary_argument

ROOT = Path(__file__).resolve().parent.parent

_RECOUNT = """
import sys
import newsmodel.cli._termcache as cache
cache.attach_frequencies = lambda corpus, path, state=None: None  # the page counts every text itself
from newsmodel.cli import console
sys.argv = ["newsmodel", "demo", *sys.argv[1:]]
console()  # as the program runs it
"""

#: The seed article of the bundled sample (``newsmodel.sample.SEED_SLUG``), the page ``demo`` shows.
SEED_SLUG = "trump-kim-summit-set-for-2026-leaving-seoul-on-the-sidelines"

DEMO = ["-m", "newsmodel.cli", "demo"]
PAGE = ["-m", "newsmodel.cli", "page", SEED_SLUG]

CASES = {
    "interpreter + import newsmodel.cli": ["-c", "import newsmodel.cli"],
    "read the bundled sample (load_bundled)": ["-c", "from newsmodel.sample import load_bundled; load_bundled()"],
    "newsmodel demo --no-related": [*DEMO, "--no-related"],
    "newsmodel demo": DEMO,
    "newsmodel page SLUG": PAGE,
    "newsmodel demo, document frequencies counted (no stored file)": ["-c", _RECOUNT],
}
TARGETS = {"newsmodel demo": "< 0.5 s CPU", "newsmodel page SLUG": "< 0.5 s CPU"}


def run(args: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    """CPU seconds (user + system) of one fresh process, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 runs of each")
    parser.add_argument("--baseline-src", metavar="DIR", help="also time demo and page from this source tree")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as it is and write no bytecode cache first",
    )
    add_summary_argument(parser)
    options = parser.parse_args()
    repeat = 3 if options.quick else options.repeat
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")]))
    env.pop("PYTHONGC", None)
    if not options.no_bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    summary = Summary("bench_demo.py")
    cases = {name: (argv, env) for name, argv in CASES.items()}
    before, before_page = "newsmodel demo from --baseline-src", "newsmodel page SLUG from --baseline-src"
    if options.baseline_src:
        cases[before] = (DEMO, {**env, "PYTHONPATH": options.baseline_src})
        cases[before_page] = (PAGE, {**env, "PYTHONPATH": options.baseline_src})
    if not options.no_bytecode_cache:
        for argv, case_env in cases.values():  # untimed: writes the bytecode caches
            run(argv, case_env)
    times: dict[str, list[float]] = {name: [] for name in cases}
    outputs: dict[str, set[bytes]] = {name: set() for name in cases}
    for _ in range(repeat):  # interleaved: a change of load hits every case alike
        for name, (argv, case_env) in cases.items():
            seconds, out = run(argv, case_env)
            times[name].append(seconds)
            outputs[name].add(out)
    floor = min(times["interpreter + import newsmodel.cli"])
    for name in cases:
        best, median = min(times[name]), statistics.median(times[name])
        line = f"{name}: best {best:.3f} s CPU, median {median:.3f} s ({repeat} fresh processes)"
        print(line)
        target = TARGETS.get(name, "")
        summary.add(name, f"{best:.3f} s (median {median:.3f} s)", target=target, baseline=f"floor {floor:.3f} s")
    demo = outputs["newsmodel demo"]
    same = len(demo) == 1 and outputs["newsmodel demo, document frequencies counted (no stored file)"] == demo
    same = same and outputs["newsmodel page SLUG"] == demo
    if options.baseline_src:
        same = same and outputs[before] == demo and outputs[before_page] == demo
    print(f"demo output identical in every run and case: {'yes' if same else 'NO'}")
    summary.add("demo output identical in every run and case", "yes" if same else "no", target="yes")
    summary.write(options.json_summary)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
