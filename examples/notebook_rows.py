"""Explore the bundled sample corpus the way a notebook would: flat rows, counts, a DataFrame.

Run: ``.venv/bin/python examples/notebook_rows.py``
"""

from __future__ import annotations

from collections import Counter

from newsmodel.sample import SEED_AS_OF, generate


def main() -> None:
    corpus = generate(articles=1000)
    rows = corpus.rows()
    print(f"{len(rows)} rows; columns: {', '.join(rows[0])}")
    by_city = Counter(row["category"] for row in rows)
    print("busiest cities:", ", ".join(f"{name} ({n})" for name, n in by_city.most_common(3)))
    visible = corpus.visible(SEED_AS_OF)
    print(f"{len(visible)} articles visible on {SEED_AS_OF:%Y-%m-%d}; newest: {visible[0].title!r}")
    try:
        frame = corpus.to_dataframe()
    except ImportError:
        print("(install pandas or polars for a DataFrame)")
    else:
        print(frame[["title", "category"]].head(3).to_string(index=False))


if __name__ == "__main__":
    main()
