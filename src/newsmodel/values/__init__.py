"""The values: the site, its articles, authors, terms and menus, bodies as blocks, the corpus
and its builder, and the rules every layer above shares (slugs, URLs, dates, the timeline,
errors).  They import nothing of newsmodel's other layers.

See the architecture page of the docs for the layers and their import rule.
"""
