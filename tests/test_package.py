"""The package's shape: lazy top-level exports, and a core that never reaches the edge."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import newsmodel

SRC = Path(newsmodel.__file__).resolve().parent

#: Modules at the edge: they may use serialization, parsers, formats and the command line.
EDGE = {
    "serialize",
    "strategies",
    "htmlparse",
    "htmlinline",
    "htmltree",
    "sanitize",
    "mdparse",
    "cli",
    "io",
    "sample",
    "pageschema",
    "dask",
    "dask_related",
    "dask_check",
    "serve",
}
#: What the core must not import, anywhere in its code (STYLE.md, rule 1).
FORBIDDEN = (
    "newsmodel.io",
    "newsmodel.cli",
    "newsmodel.serialize",
    "newsmodel.dask",
    "cattrs",
    "msgspec",
    "selectolax",
    "cmarkgfm",
    "dask",
    "distributed",
    "newsmodel.serve",
    "starlette",
    "uvicorn",
)


def _core_modules() -> list[Path]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        # A module is at the edge when it, or a package it is in, is (wherever the package puts it).
        parts = {part.removesuffix(".py") for part in path.relative_to(SRC).parts}
        if not parts & EDGE and path.relative_to(SRC).parts != ("__init__.py",):
            out.append(path)
    return out


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("path", _core_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_modules_never_import_the_edge(path: Path) -> None:
    bad = [(line, name) for line, name in _imports(path) if name.startswith(FORBIDDEN)]
    assert not bad, f"{path.relative_to(SRC)} imports {bad}"


def test_there_is_a_core() -> None:
    names = {p.stem for p in _core_modules()}
    assert {"model", "corpus", "slugs", "toc", "archives", "calendar", "tagcloud", "page"} <= names


def test_exports_resolve_and_are_sorted() -> None:
    assert newsmodel.__all__ == sorted(newsmodel.__all__)
    for name in newsmodel.__all__:
        assert getattr(newsmodel, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        newsmodel.nothing  # noqa: B018 - the access is the test
    assert "Corpus" in dir(newsmodel)


def test_importing_the_package_loads_no_serialization_or_parser() -> None:
    code = (
        "import sys, newsmodel, newsmodel.values.corpus, newsmodel.bodies.toc, newsmodel.widgets.calendar;"
        "print(sorted(m for m in ('cattrs', 'msgspec', 'selectolax', 'cmarkgfm', 'feedparser', 'babel')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_newsmodel_dask_without_dask_says_which_extra_is_missing() -> None:
    # newsmodel.dask_check is imported by newsmodel.dask before its guarded imports: it must not
    # need dask itself, or a missing extra is a bare ModuleNotFoundError
    code = (
        "import sys; sys.modules['dask'] = None\n"
        "from newsmodel.values.errors import MissingDependency\n"
        "try:\n    import newsmodel.dask\nexcept MissingDependency as e:\n    print('missing:', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=SRC.parent)
    assert "missing: newsmodel.dask needs the 'dask' extra" in out.stdout
