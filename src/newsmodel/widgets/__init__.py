"""The computations a page's sidebar and navigation show: archives, calendar, tag cloud,
menus, previous and next, category trees and breadcrumbs.  They return values and import
the values and the bodies; their HTML is in :mod:`newsmodel.views`.

See the architecture page of the docs for the layers and their import rule.
"""
