"""The article body's parsers (HTML, Markdown), renderers (HTML, Markdown, text), heading
anchors, table of contents and text statistics.  They import the values only.

See the architecture page of the docs for the layers and their import rule.
"""
