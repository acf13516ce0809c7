"""The layers of ``src/newsmodel`` and their import rule (see ``docs/architecture.md``).

A module's layer is read from its package path: ``newsmodel.values.*`` are the values,
``newsmodel.bodies.*`` the body's parsers and renderers, ``newsmodel.widgets.*`` (with
``newsmodel.related.*`` and ``newsmodel.search.*``) the computations, ``newsmodel.pages.*`` the
pages, ``newsmodel.views.*`` the HTML and notebook views, ``newsmodel.io.*``,
``newsmodel.serialize.*`` and the modules directly under ``newsmodel`` the adapters, and
``newsmodel.cli.*`` with the package itself the entry points.  A module imports modules of its own
layer or of a layer below, never above.

The edges are those of :func:`test_imports.import_graph`: every import statement that can run, at
module level and inside functions, but not under ``if TYPE_CHECKING:``.  The one upward edge is
listed in :data:`UPWARD` with its reason.

Until the modules move into their packages (the ``relayout`` step), :data:`PLANNED` says which
package each top-level module goes to; a top-level module whose planned home exists is a
compatibility module, which is an adapter like any other top-level module.
"""

from __future__ import annotations

from types import ModuleType

from test_imports import SRC, import_graph

#: The layers, lowest first, and the packages (below ``newsmodel``) that make each.
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("values", frozenset({"values"})),
    ("bodies", frozenset({"bodies"})),
    ("computations", frozenset({"widgets", "related", "search"})),
    ("pages", frozenset({"pages"})),
    ("views", frozenset({"views"})),
    ("adapters", frozenset({"io", "serialize", "serve"})),  # and every module directly under newsmodel
    ("entry points", frozenset({"cli"})),  # and the package's own __init__
)
RANK = {name: rank for rank, (name, _) in enumerate(LAYERS)}
_PACKAGE_LAYER = {package: name for name, packages in LAYERS for package in packages}

#: Where each top-level module goes when the modules move into their packages.
PLANNED: dict[str, str] = {
    **dict.fromkeys(
        (
            "_fields",
            "_validate",
            "body",
            "builder",
            "corpus",
            "dates",
            "display",
            "errors",
            "model",
            "permalinks",
            "safeurl",
            "site",
            "slugs",
            "tagmerge",
            "timeline",
            "urls",
        ),
        "values",
    ),
    **dict.fromkeys(
        ("anchors", "htmlinline", "htmlparse", "htmltree", "mdparse", "render", "sanitize", "textstats", "toc"),
        "bodies",
    ),
    **dict.fromkeys(
        ("archives", "calendar", "menus", "navigation", "partials", "sidebar", "tagcloud", "taxonomy"), "widgets"
    ),
    **dict.fromkeys(("frames", "listing", "listingpage", "page", "pageschema", "router"), "pages"),
    **dict.fromkeys(("labels", "notebook_html", "page_html", "sitehtml", "widgets_html"), "views"),
}

#: Imports that reach up a layer, each inside a function, each with its reason.
UPWARD: dict[tuple[str, str], str] = {
    ("corpus", "frames"): "Corpus.to_frame is the notebook user's shortcut; frames is imported on call",
}


def _short(module: str) -> str:
    return module.split(".")[-1]


def layer_of(module: str) -> str:
    """The layer of ``module`` (a dotted name under ``newsmodel``), from its package path."""
    parts = module.split(".")
    if len(parts) == 1:
        return "entry points"
    if len(parts) == 2 and not (SRC / parts[1]).is_dir():
        planned = PLANNED.get(parts[1])
        if planned is not None and not (SRC / planned / f"{parts[1]}.py").exists():
            return _PACKAGE_LAYER[planned]
        return "adapters"
    return _PACKAGE_LAYER[parts[1]]


def violations(graph: dict[str, set[str]]) -> list[tuple[str, str, str, str]]:
    """``(module, layer, imported module, its layer)`` for every import of a higher layer."""
    out = []
    for module, deps in sorted(graph.items()):
        for dep in sorted(deps):
            if RANK[layer_of(dep)] > RANK[layer_of(module)] and (_short(module), _short(dep)) not in UPWARD:
                out.append((module, layer_of(module), dep, layer_of(dep)))
    return out


def test_every_package_has_a_layer() -> None:
    packages = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages - {"data"} <= set(_PACKAGE_LAYER)
    assert set(PLANNED.values()) <= set(_PACKAGE_LAYER)


def test_every_planned_module_exists_at_one_place() -> None:
    for name, package in PLANNED.items():
        assert (SRC / f"{name}.py").exists() or (SRC / package / f"{name}.py").exists(), name


def test_layers_read_from_the_path() -> None:
    assert layer_of("newsmodel") == "entry points"
    assert layer_of("newsmodel.cli.page") == "entry points"
    assert layer_of("newsmodel.io.wp.rest") == "adapters"
    assert layer_of("newsmodel.sample") == "adapters"
    assert layer_of("newsmodel.related.index") == "computations"
    assert layer_of("newsmodel.values.model") == "values"
    assert layer_of("newsmodel.views.page_html") == "views"
    assert layer_of("newsmodel.values.model") in {"values", "adapters"}  # values until the move, then a shim


def test_a_violation_is_seen() -> None:
    graph = {"newsmodel.values.model": {"newsmodel.views.page_html"}, "newsmodel.views.page_html": set()}
    assert violations(graph) == [("newsmodel.values.model", "values", "newsmodel.views.page_html", "views")]


def test_no_module_imports_a_higher_layer() -> None:
    assert violations(import_graph()) == []


def test_every_upward_import_is_still_there() -> None:
    graph = import_graph()
    seen = {(_short(m), _short(d)) for m, deps in graph.items() for d in deps}
    assert set(UPWARD) <= seen


def test_no_module_imports_a_compatibility_module() -> None:
    """After the move, the old top-level names are for users; newsmodel imports the new paths."""
    shims = {f"newsmodel.{name}" for name, package in PLANNED.items() if (SRC / package / f"{name}.py").exists()}
    graph = import_graph()
    assert sorted((m, d) for m, deps in graph.items() if m not in shims for d in deps & shims) == []


def _new_homes(old: ModuleType) -> list[ModuleType]:
    """The modules a compatibility module's docstring says its names moved to (one, or a module
    split in two, such as ``page_html`` into the article's and the listing's views)."""
    import importlib
    import re

    first = (old.__doc__ or "").split(";")[0]
    return [importlib.import_module(name) for name in re.findall(r":mod:`(newsmodel\.[\w.]+)`", first)]


def test_a_compatibility_module_gives_the_same_objects() -> None:
    """Once a module has moved, its old name re-exports the new module's public names, the same
    objects (so ``isinstance`` and ``is`` agree whichever path a program imported)."""
    import importlib

    for name, package in sorted(PLANNED.items()):
        if not (SRC / package / f"{name}.py").exists():
            continue
        old = importlib.import_module(f"newsmodel.{name}")
        for new in _new_homes(old):
            assert set(new.__all__) <= set(old.__all__), name
            assert all(getattr(old, n) is getattr(new, n) for n in new.__all__), name
        assert set(old.__all__) == {n for new in _new_homes(old) for n in new.__all__}, name


def test_every_old_module_path_gives_the_same_objects() -> None:
    """The modules moved into their layer's package keep their old paths for a release."""
    import importlib
    import re

    moved = 0
    for path in sorted(SRC.glob("*.py")):
        found = re.match(r'"""Moved to :mod:`(newsmodel\.[\w.]+)`', path.read_text(encoding="utf-8"))
        if found is None:
            continue
        old = importlib.import_module(f"newsmodel.{path.stem}")
        homes = _new_homes(old)
        assert homes[0].__name__ == found.group(1), path.stem
        assert sorted(old.__all__) == sorted(n for new in homes for n in new.__all__), path.stem
        assert all(getattr(old, n) is getattr(new, n) for new in homes for n in new.__all__), path.stem
        moved += 1
    assert moved == len(PLANNED)


def test_no_module_is_over_800_lines() -> None:
    """Small modules (issue "one home per rule"): a module that grows past 800 lines is split."""
    sizes = {str(p.relative_to(SRC)): len(p.read_text(encoding="utf-8").splitlines()) for p in SRC.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 800} == {}
