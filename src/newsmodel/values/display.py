"""Notebook display: values show as HTML through the views that sit above them.

The computation modules (archives, calendar, tag cloud, page) return values and know nothing of
their markup.  The view modules (:mod:`newsmodel.views.widgets_html`, :mod:`newsmodel.views.page_html`)
import those values and register, for each value type, the function that renders it
(:func:`register_html`).  A value class inherits :class:`HtmlDisplay`, whose ``_repr_html_`` (the
method Jupyter and IPython call) looks its renderer up.  The view modules are loaded the first
time a value is displayed, by the loader the package itself gives (:func:`add_view_loader`, in
``newsmodel/__init__.py``, which sits above every module), so no value module imports a view,
not even lazily, and the import graph has no cycle.

>>> class Note(HtmlDisplay):
...     def __init__(self, text: str) -> None:
...         self.text = text
>>> register_html(Note, lambda note: f"<p>{note.text}</p>")
>>> Note("hello")._repr_html_()
'<p>hello</p>'
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any, TypeVar

__all__ = ["HtmlDisplay", "add_view_loader", "html", "register_html"]

T = TypeVar("T")

_RENDERERS: dict[type, Callable[[Any], str]] = {}
_LOADERS: list[Callable[[], object]] = []


def register_html(cls: type[T], render: Callable[[T], str]) -> None:
    """Show values of ``cls`` (and its subclasses) as the HTML ``render`` gives them."""
    _RENDERERS[cls] = render


def add_view_loader(loader: Callable[[], object]) -> None:
    """Run ``loader`` (which imports view modules, and so registers them) before the first display."""
    _LOADERS.append(loader)


def _renderer(cls: type) -> Callable[[Any], str] | None:
    for base in cls.__mro__:
        render = _RENDERERS.get(base)
        if render is not None:
            return render
    return None


def html(value: object) -> str | None:
    """The HTML of ``value`` from its registered view, or None when it has none (a notebook then
    shows its text ``repr``).

    >>> html(object()) is None
    True
    """
    render = _renderer(type(value))
    if render is None and _LOADERS:
        while _LOADERS:
            _LOADERS.pop(0)()
        render = _renderer(type(value))
    return None if render is None else render(value)


class HtmlDisplay:
    """A base for values that a notebook shows as HTML (through :func:`html`)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The registered view's HTML, else the escaped ``repr`` (a value is never shown as nothing)."""
        shown = html(self)
        return shown if shown is not None else f"<pre>{escape(repr(self))}</pre>"
