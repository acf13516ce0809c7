"""Adapters at the edge: read real sources into newsmodel types and write them out again.

Each format is a module of its own (:mod:`newsmodel.io.wxr`, :mod:`newsmodel.io.wordpress`, …)
with its optional dependency; the core never imports this package.  Importers return an
:class:`~newsmodel.io.report.ImportReport` beside what they built.
"""
