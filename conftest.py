"""pytest configuration shared by the tests, the doctests in src/ and the examples in docs/."""

collect_ignore = ["src/newsmodel/cli/__main__.py"]
