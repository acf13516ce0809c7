"""The import graph of ``src/newsmodel``: no cycle, and views above values.

An edge is every ``import`` statement that can run: at module level and inside functions (a lazy
import in a method is still a dependency), but not under ``if TYPE_CHECKING:``, which never runs.
The package's own ``__init__`` is the composition root above every module: it loads modules by
name (``importlib``), which no statement here counts, and no module imports it back.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import newsmodel

SRC = Path(newsmodel.__file__).parent
VIEWS = frozenset(
    {
        "newsmodel.views.widgets_html",
        "newsmodel.views.page_html",
        "newsmodel.views.listing_html",
        "newsmodel.views.notebook_html",
        "newsmodel.views.sitehtml",
    }
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _runtime_nodes(tree: ast.Module) -> list[ast.AST]:
    out: list[ast.AST] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        out.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return out


def import_graph() -> dict[str, set[str]]:
    """``{module: the newsmodel modules it imports}`` over every module under ``src/newsmodel``."""
    paths = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                subs = {f"{module}.{alias.name}" for alias in node.names} & paths.keys()
                # ``from newsmodel import body`` imports the submodule, not the package's names.
                deps.update(subs if subs and len(subs) == len(node.names) else {module, *subs})
        graph[name] = {d for d in deps if d in paths and d != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as ``[a, b, …, a]``, or None."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    for start in sorted(graph):
        if start in state:
            continue
        path = [start]
        todo = [iter(sorted(graph[start]))]
        state[start] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(sorted(graph[nxt])))
    return None


def test_compatibility_modules_are_found() -> None:
    assert "newsmodel.io.wp.timezones" in compatibility_modules()
    assert "newsmodel.io.timezones" not in compatibility_modules()


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_graph_sees_lazy_imports_and_skips_type_checking() -> None:
    graph = import_graph()
    assert "newsmodel.values.model" in graph["newsmodel.values.corpus"]
    assert "newsmodel.values.corpus" not in graph["newsmodel.values.timeline"]  # only under TYPE_CHECKING
    assert "newsmodel.views.widgets_html" in graph["newsmodel.cli.archives"]  # imported inside a function


def test_no_import_cycle_in_src() -> None:
    assert find_cycle(import_graph()) is None


def compatibility_modules() -> set[str]:
    """Modules kept at an old path that re-export a moved module (their docstring says "Moved to")."""
    return {
        _module_name(path)
        for path in SRC.rglob("*.py")
        if (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").startswith("Moved to ")
    }


def test_no_value_module_imports_a_view() -> None:
    graph = import_graph()
    exempt = compatibility_modules()
    offenders = sorted(
        (name, view)
        for name, deps in graph.items()
        # the command line and the server (newsmodel.serve) are frontends: they may show views
        if name not in VIEWS and name not in exempt and not name.startswith(("newsmodel.cli", "newsmodel.serve"))
        for view in deps & VIEWS
    )
    assert offenders == []


def test_values_show_as_html_without_anyone_importing_a_view() -> None:
    code = (
        "import sys\n"
        "from datetime import datetime, timezone\n"
        "from newsmodel.widgets.archives import archives\n"
        "from newsmodel.values.model import Article, Site\n"
        "t = datetime(2025, 12, 1, tzinfo=timezone.utc)\n"
        "posts = [Article(id='1', slug='a', title='A', published=t)]\n"
        "a = archives(posts, Site(name='S', base_url='https://e.org'), as_of=t)\n"
        "print('newsmodel.views.widgets_html' in sys.modules)\n"
        "print(a._repr_html_())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "False"
    assert "<li>December 2025&nbsp;(1)</li>" in out


def test_a_value_without_a_view_shows_its_repr() -> None:
    from newsmodel.values.display import HtmlDisplay, html

    class Plain(HtmlDisplay):
        def __repr__(self) -> str:
            return "<plain & simple>"

    assert html(Plain()) is None
    assert Plain()._repr_html_() == "<pre>&lt;plain &amp; simple&gt;</pre>"


def test_the_search_index_is_an_adapter_only_the_command_line_opens() -> None:
    """``newsmodel.search.index`` does I/O (a SQLite file): the values of ``newsmodel.search``, and
    every core module, stay free of it and of :mod:`sqlite3` (the server copies an index file
    into memory through the index's own ``copy_to_memory``)."""
    graph = import_graph()
    # The command line (`serve` opens an index file through `cli.search`) and the server (which
    # copies an index into memory at start) are the edges.
    openers = sorted(n for n, deps in graph.items() if "newsmodel.search.index" in deps)
    assert openers == ["newsmodel.cli.search", "newsmodel.serve.site"]
    uses_sqlite = set()
    for path in sorted(SRC.rglob("*.py")):
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names.append(node.module or "")
            if any(n.split(".")[0] == "sqlite3" for n in names):
                uses_sqlite.add(_module_name(path))
    assert uses_sqlite == {"newsmodel.search.index"}
