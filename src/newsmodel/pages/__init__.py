"""The pages as values: the article page, the listing pages, the router from URL to page,
their JSON Schemas and the DataFrames of a corpus.  They import the layers below.

See the architecture page of the docs for the layers and their import rule.
"""
