"""The package as a user gets it: an sdist and a wheel named ``newsmodel-py`` that install ``newsmodel``.

The build runs offline (``python -m build --no-isolation``: the backend, hatchling, is in the
development environment), the wheel is built from the sdist (so a file the sdist forgets breaks the
wheel), and the wheel is installed into a fresh virtual environment without system site-packages,
whose ``newsmodel`` command then runs the demo.  The fresh environment sees the development
environment's packages as its dependencies (a path line in a ``.pth`` file, which runs none of that
environment's own ``.pth`` files, so its editable newsmodel stays out), and ``pip check`` proves the
wheel's declared requirements are met by them.
"""

from __future__ import annotations

import email.parser
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import newsmodel

ROOT = Path(__file__).resolve().parent.parent
DIST = "newsmodel-py"


def _run(args: list[str], **kwargs: object) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    out: str = done.stdout
    return out


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)])
    return out


@pytest.mark.slow
def test_sdist_and_wheel_carry_the_package_data_and_the_new_name(dist: Path) -> None:
    version = newsmodel.__version__
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    assert sdist.name == f"newsmodel_py-{version}.tar.gz"
    assert wheel.name == f"newsmodel_py-{version}-py3-none-any.whl"
    with tarfile.open(sdist) as tar:
        names = set(tar.getnames())
    top = f"newsmodel_py-{version}"
    wanted = ("pyproject.toml", "README.md", "LICENSE", "src/newsmodel/py.typed", "src/newsmodel/data/sample.jsonl.gz")
    for path in wanted:
        assert f"{top}/{path}" in names, path
    with zipfile.ZipFile(wheel) as zf:
        files = set(zf.namelist())
        meta = email.parser.Parser().parsestr(zf.read(f"newsmodel_py-{version}.dist-info/METADATA").decode())
        entry_points = zf.read(f"newsmodel_py-{version}.dist-info/entry_points.txt").decode()
    assert {"newsmodel/__init__.py", "newsmodel/py.typed", "newsmodel/data/sample.jsonl.gz"} <= files
    assert {"newsmodel/data/article_page.schema.json"} <= files
    # the labels' catalogues and the default stylesheet are package data (newsmodel.views.labels, sitehtml)
    assert {
        "newsmodel/locale/newsmodel.pot",
        "newsmodel/locale/fr/LC_MESSAGES/newsmodel.mo",
        "newsmodel/static/newsmodel.css",
    } <= files
    assert not any(name.startswith(("tests/", "docs/", "benchmarks/")) for name in files)
    assert (meta["Name"], meta["Version"]) == (DIST, version)
    assert "newsmodel = newsmodel.cli:console" in entry_points


@pytest.mark.slow
def test_the_wheel_installs_in_a_fresh_environment_and_runs_the_demo(dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    here = sysconfig.get_paths()
    (purelib / "_newsmodel_test_deps.pth").write_text(f"{here['purelib']}\n{here['platlib']}\n", encoding="utf-8")
    (wheel,) = dist.glob("*.whl")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    _run([*pip, "install", "--quiet", "--no-index", "--no-deps", str(wheel)])
    _run([*pip, "check"])

    where = _run([str(python), "-c", "import newsmodel; print(newsmodel.__file__)"]).strip()
    assert Path(where).is_relative_to(venv)
    command = venv / ("Scripts/newsmodel.exe" if os.name == "nt" else "bin/newsmodel")
    assert _run([str(command), "--version"]).strip() == f"newsmodel {newsmodel.__version__}"
    demo = _run([str(command), "demo"])
    assert "Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines" in demo
