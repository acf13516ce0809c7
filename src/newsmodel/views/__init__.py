"""The views: HTML of widgets and pages, whole HTML documents and the notebook displays.
They import the values they show; nothing below imports them.

See the architecture page of the docs for the layers and their import rule.
"""
