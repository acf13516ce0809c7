"""WordPress: the mapping shared by WXR and the REST API, and the adapters that use it.

- :mod:`newsmodel.io.wp.mapping` — the WordPress rules both adapters follow (statuses, the
  ``post_date`` / ``post_date_gmt`` pair, slugs, tag merging, newsmodel's own meta);
- :mod:`newsmodel.io.wp.wxr_read` (with :mod:`~newsmodel.io.wp.wxr_terms` and
  :mod:`~newsmodel.io.wp.wxr_xml`) and :mod:`newsmodel.io.wp.wxr_write` — WXR files;
- :mod:`newsmodel.io.wp.rest` and :mod:`newsmodel.io.wp.fetch` — the REST API's JSON and a live site.

The public names stay importable from :mod:`newsmodel.io.wxr` and :mod:`newsmodel.io.wordpress`.
"""
