"""The demo, info and sample commands, and how the command line reports errors."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsmodel.cli import main
from newsmodel.sample import SEED_SLUG


def test_demo_prints_the_seed_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Home › World › ASIA › South Korea › Seoul" in out
    assert "Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines" in out
    assert "by Victoria Jones" in out
    assert "December 16, 2025" in out
    assert "Closing Remarks" in out
    assert "Kim Jong-un" in out
    # The seed page's header: the top bar of pages above the site's name, the continents below.
    assert out.splitlines()[2:7] == [
        "About us · Our Authors · Contact Us · Legal Pages",
        "Legal Pages › Privacy Policy · Terms of Use · Cookie Privacy Policy · DMCA ·",
        "California Consumer Privacy Act (CCPA)",
        "Capital Cities",
        "AFRICA · AMERICA · ASIA · EUROPE · MIDDLE EAST · OCEANIA",
    ]
    assert out.count("AFRICA · AMERICA") == 1  # the category menu does not repeat the site's menu


def test_main_leaves_the_callers_collector_as_it_found_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import newsmodel.sample as sample

    frozen, enabled, thresholds = gc.get_freeze_count(), gc.isenabled(), gc.get_threshold()
    seen: list[bool] = []
    load = sample.load_bundled

    def spy() -> object:
        seen.append(gc.isenabled())
        return load()

    monkeypatch.setattr(sample, "load_bundled", spy)
    assert main(["demo"]) == 0
    assert seen == [enabled]  # not paused while reading
    assert (gc.get_freeze_count(), gc.isenabled(), gc.get_threshold()) == (frozen, enabled, thresholds)


def test_the_program_freezes_its_objects_before_the_interpreter_exits() -> None:
    """``console`` (the console script and ``python -m newsmodel.cli``) runs the command, then
    moves its objects to the permanent generation, so the shutdown's full collections skip them;
    the output and the exit code are the command's."""
    import os
    import subprocess
    import sys

    src = str(Path(__file__).resolve().parents[1] / "src")
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: sys.stderr.write(f'frozen at exit: {gc.get_freeze_count() > 0}'))\n"
        "from newsmodel.cli import console\n"
        "sys.argv = ['newsmodel', *sys.argv[1:]]\n"
        "console()\n"
    )
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run([sys.executable, "-c", code, "demo"], capture_output=True, text=True, env=env)
    assert done.returncode == 0
    assert "Trump-Kim Summit Set for 2026" in done.stdout
    assert done.stderr == "frozen at exit: True"
    # ... and pauses the collector while it reads the corpus (the bundled sample here)
    reading = (
        "import gc, sys\n"
        "import newsmodel.sample as sample\n"
        "load = sample.load_bundled\n"
        "def spy():\n"
        "    sys.stderr.write(f'collector on while reading: {gc.isenabled()}; ')\n"
        "    return load()\n"
        "sample.load_bundled = spy\n"
        "import newsmodel.cli._termcache as cache\n"
        "attach = cache.attach_frequencies\n"
        "def after(*args):\n"
        "    sys.stderr.write(f'frozen once read: {gc.get_freeze_count() > 0}; ')\n"
        "    return attach(*args)\n"
        "cache.attach_frequencies = after\n"
        "import atexit\n"
        "atexit.register(lambda: sys.stderr.write(f'on at exit: {gc.isenabled()}'))\n"
    )
    done = subprocess.run([sys.executable, "-c", reading + code, "demo"], capture_output=True, text=True, env=env)
    assert done.returncode == 0
    assert done.stderr.startswith("collector on while reading: False; frozen once read: True; ")
    assert "on at exit: True" in done.stderr
    failed = subprocess.run(
        [sys.executable, "-c", code, "page", "no-such-slug"], capture_output=True, text=True, env=env
    )
    assert failed.returncode == 2  # the command's code, through sys.exit
    assert "error" in failed.stderr


def test_sample_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "corpus.jsonl"
    assert main(["sample", "--articles", "150", "--seed", "2", "-o", str(target)]) == 0
    assert main(["info", str(target)]) == 0
    out = capsys.readouterr().out
    assert "articles    159 (9 page, 150 post)" in out  # --articles counts posts; the pages come on top
    assert "authors     40" in out
    assert "Capital Cities" in out
    assert "scheduled" in out


def test_demo_on_a_corpus_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "corpus.jsonl.gz"
    assert main(["sample", "--articles", "100", "-o", str(target)]) == 0
    with gzip.open(target, "rt", encoding="utf-8") as fh:
        assert fh.readline().startswith("{")
    assert main(["demo", "--corpus", str(target), "--as-of", "2026-01-15T12:00:00-05:00"]) == 0
    assert "Trump-Kim Summit" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["info", "/nonexistent/corpus.jsonl"], "No such file"),
        (["demo", "--slug", "no-such-article"], "no-such-article"),
        (["demo", "--as-of", "yesterday"], "--as-of"),
        (["demo", "--as-of", "2026-01-15T12:00:00"], "no UTC offset"),
    ],
)
def test_errors_are_one_line_and_exit_2(argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_info_names_the_line_of_a_truncated_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "corpus.jsonl"
    assert main(["sample", "--articles", "20", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    target.write_text(text[: len(text) - 200], encoding="utf-8")
    capsys.readouterr()
    assert main(["info", str(target)]) == 2
    err = capsys.readouterr().err
    assert "line" in err
    assert err.count("\n") == 1


def test_seed_slug_is_in_the_bundled_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--slug", SEED_SLUG]) == 0
    assert capsys.readouterr().out
