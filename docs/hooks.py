"""MkDocs hook: show doctest examples (``>>>`` blocks) as code in pages and docstrings.

The examples in the docs and in docstrings are plain doctest blocks so that pytest runs them;
this Markdown preprocessor fences each block (prompt lines and their output, up to a blank
line) as ``pycon`` code, so Markdown does not read ``['a']`` as a link.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor


class _DoctestFence(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        in_fence = False
        in_doctest = False
        for line in lines:
            stripped = line.lstrip()
            if in_doctest:
                if not stripped:
                    out += ["```", ""]
                    in_doctest = False
                else:
                    out.append(line)
                continue
            if stripped.startswith(("```", "~~~")):
                in_fence = not in_fence
            elif not in_fence and stripped.startswith(">>>"):
                out += ["", "```pycon"]
                in_doctest = True
            out.append(line)
        if in_doctest:
            out.append("```")
        return out


class DoctestFenceExtension(Extension):
    """Register the preprocessor before fenced code blocks are read."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.preprocessors.register(_DoctestFence(md), "doctest_fence", 40)


def on_config(config: Any) -> Any:
    """Add the extension to the site's Markdown (mkdocstrings uses the same list for docstrings)."""
    config.markdown_extensions.append(DoctestFenceExtension())
    return config
