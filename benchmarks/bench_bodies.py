"""Benchmark: article bodies to blocks plus a table of contents, HTML and Markdown.

Generates (seeded) 10,000 article bodies of about 1,200 words with 6-10 headings each, as HTML
and as Markdown with the same content, and measures per article:

- HTML: ``parse_html`` + ``build_toc`` against BeautifulSoup (``html.parser`` backend) finding the
  headings and slugging their text (target: newsmodel at least 5x faster);
- Markdown: ``parse_markdown`` + ``build_toc`` against Python-Markdown with its ``toc``
  extension on the same text (target: at least 3x faster);

then one 5 MB body and one 10 MB body (HTML and Markdown) to show that time grows linearly
(10 MB / 5 MB should be about 2).  Times are CPU time of this process (``time.process_time``), so
that waiting for a core on a shared machine does not count, and the two sides of each comparison
run interleaved.

    .venv/bin/python benchmarks/bench_bodies.py            # 10,000 articles, 5 and 10 MB
    .venv/bin/python benchmarks/bench_bodies.py --quick    # 1,000 articles, 1 and 2 MB
"""

from __future__ import annotations

import argparse
import gc
import html as htmllib
import random
import time
from collections.abc import Callable
from typing import Any

import markdown as pymarkdown
from bs4 import BeautifulSoup

from newsmodel.bodies.anchors import Slugger
from newsmodel.bodies.htmlparse import parse_html
from newsmodel.bodies.mdparse import parse_markdown
from newsmodel.bodies.textstats import word_count
from newsmodel.bodies.toc import build_toc
from newsmodel.io.wp.mapping import parse_stored_body

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "it",
    "this",
    "be",
    "are",
    "was",
    "will",
    "has",
    "have",
    "more",
    "summit",
    "korea",
    "seoul",
    "pyongyang",
    "washington",
    "beijing",
    "talks",
    "policy",
    "security",
    "alliance",
    "diplomatic",
    "nuclear",
    "sanctions",
    "regional",
    "stability",
    "leaders",
    "negotiations",
    "president",
    "minister",
    "election",
    "trade",
    "economy",
    "markets",
    "investment",
    "growth",
    "analysts",
    "experts",
    "government",
    "officials",
    "military",
    "exercises",
    "cooperation",
    "dialogue",
    "tensions",
    "strategy",
    "peninsula",
    "relations",
    "pressure",
    "agreement",
    "framework",
    "observers",
    "suggest",
    "likely",
    "could",
    "would",
    "might",
    "remains",
    "uncertain",
    "however",
    "meanwhile",
    "moreover",
    "city",
    "capital",
    "residents",
    "infrastructure",
    "transport",
    "housing",
    "climate",
    "energy",
    "water",
    "festival",
    "culture",
    "university",
    "research",
    "technology",
    "industry",
    "exports",
    "imports",
    "currency",
    "inflation",
    "budget",
    "reform",
    "parliament",
    "opposition",
    "coalition",
    "ministry",
    "statement",
    "interview",
    "report",
    "survey",
    "data",
    "percent",
    "week",
    "month",
    "year",
    "decade",
    "century",
    "history",
    "future",
    "past",
    "present",
    "international",
    "domestic",
    "global",
    "café",
    "résumé",
    "naïve",
    "Zürich",
    "São",
    "Paulo",
    "Kraków",
    "Malmö",
    "déjà",
]


def _sentence(rng: random.Random, n: int) -> list[str]:
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return words


def make_article(rng: random.Random) -> list[tuple[Any, ...]]:
    """A body as a list of ("h", level, text), ("p", segments), ("ul"/"ol", items) parts."""
    parts: list[tuple[Any, ...]] = []
    headings = rng.randint(6, 10)
    budget = 920  # sentence words; headings and list items bring the total to about 1,200
    per_section = budget // (headings + 1)
    level = 2
    for section in range(headings + 1):
        if section:
            level = 2 if level == 3 or rng.random() < 0.6 else 3
            title = " ".join(_sentence(rng, rng.randint(3, 9)))
            if rng.random() < 0.2:
                title += " & " + rng.choice(WORDS)
            parts.append(("h", level, title))
        left = per_section
        while left > 0:
            if rng.random() < 0.2:
                items = [" ".join(_sentence(rng, rng.randint(6, 14))) for _ in range(rng.randint(3, 5))]
                parts.append((rng.choice(("ul", "ol")), items))
                left -= sum(len(i.split()) for i in items)
                continue
            segments: list[tuple[str, str]] = []
            n_sentences = rng.randint(2, 5)
            for _ in range(n_sentences):
                words = _sentence(rng, rng.randint(8, 22))
                left -= len(words)
                r = rng.random()
                if r < 0.15:
                    k = rng.randint(1, len(words) - 1)
                    segments.append(("text", " ".join(words[:k]) + " "))
                    segments.append(("strong", " ".join(words[k : k + 2])))
                    segments.append(("text", " " + " ".join(words[k + 2 :]) + ". "))
                elif r < 0.25:
                    segments.append(("text", " ".join(words[:-2]) + " "))
                    segments.append(("link", " ".join(words[-2:])))
                    segments.append(("text", ". "))
                elif r < 0.3:
                    segments.append(("text", " ".join(words[:-1]) + " "))
                    segments.append(("em", words[-1]))
                    segments.append(("text", ". "))
                else:
                    segments.append(("text", " ".join(words) + ". "))
            parts.append(("p", segments))
    return parts


def to_html(parts: list[tuple[Any, ...]]) -> str:
    esc = htmllib.escape
    out = []
    for part in parts:
        if part[0] == "h":
            out.append(f"<h{part[1]}>{esc(part[2])}</h{part[1]}>")
        elif part[0] == "p":
            inner = []
            for kind, text in part[1]:
                if kind == "text":
                    inner.append(esc(text))
                elif kind == "strong":
                    inner.append(f"<strong>{esc(text)}</strong>")
                elif kind == "em":
                    inner.append(f"<em>{esc(text)}</em>")
                else:
                    inner.append(f'<a href="https://example.org/{esc(text.replace(" ", "-"))}">{esc(text)}</a>')
            out.append("<p>" + "".join(inner).strip() + "</p>")
        else:
            tag = part[0]
            out.append(f"<{tag}>\n" + "\n".join(f"<li>{esc(i)}</li>" for i in part[1]) + f"\n</{tag}>")
    return "\n".join(out)


def to_markdown(parts: list[tuple[Any, ...]]) -> str:
    out = []
    for part in parts:
        if part[0] == "h":
            out.append(f"{'#' * part[1]} {part[2]}")
        elif part[0] == "p":
            inner = []
            for kind, text in part[1]:
                if kind == "text":
                    inner.append(text)
                elif kind == "strong":
                    inner.append(f"**{text}**")
                elif kind == "em":
                    inner.append(f"*{text}*")
                else:
                    inner.append(f"[{text}](https://example.org/{text.replace(' ', '-')})")
            out.append("".join(inner).strip())
        else:
            marker = "- " if part[0] == "ul" else "1. "
            out.append("\n".join(marker + i for i in part[1]))
    return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------- the contenders


def ours_html(text: str) -> Any:
    return build_toc(parse_html(text), min_headings=1)


def ours_markdown(text: str) -> Any:
    return build_toc(parse_markdown(text), min_headings=1)


def ours_classic(text: str) -> Any:
    """A classic WordPress post as the WXR reader reads it: wpautop's paragraphs, then parsed."""
    return build_toc(parse_stored_body(text), min_headings=1)


_HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def bs4_html(text: str) -> Any:
    """Baseline (a): BeautifulSoup with html.parser, find the headings, slug their text."""
    soup = BeautifulSoup(text, "html.parser")
    slugger = Slugger("github")
    return [(int(h.name[1]), slugger.slug(h.get_text())) for h in soup.find_all(_HEADING_TAGS)]


_PYMD = pymarkdown.Markdown(extensions=["toc"])


def pymd_markdown(text: str) -> Any:
    """Baseline (b): Python-Markdown with the toc extension (one instance, reset per document)."""
    _PYMD.reset()
    _PYMD.convert(text)
    return _PYMD.toc_tokens


def timed_pair(ours: Callable[[str], Any], base: Callable[[str], Any], docs: list[str]) -> tuple[float, float]:
    """Total CPU seconds of each over ``docs``, interleaved in chunks of 50 documents so that a
    load change on a shared machine hits both sides alike."""
    t_ours = t_base = 0.0
    gc.collect()
    for i in range(0, len(docs), 50):
        chunk = docs[i : i + 50]
        start = time.process_time()
        for doc in chunk:
            ours(doc)
        mid = time.process_time()
        for doc in chunk:
            base(doc)
        t_ours += mid - start
        t_base += time.process_time() - mid
    return t_ours, t_base


def bs4_lxml_html(text: str) -> Any:
    """Baseline (a'): the same with BeautifulSoup's fastest tree builder, lxml."""
    soup = BeautifulSoup(text, "lxml")
    slugger = Slugger("github")
    return [(int(h.name[1]), slugger.slug(h.get_text())) for h in soup.find_all(_HEADING_TAGS)]


def timed_each(
    fns: list[Callable[[str], Any]], docs: list[str], rounds: int = 3, *, collect: bool = False
) -> list[float]:
    """CPU seconds of each of ``fns`` over ``docs``, taken document by document (each document
    goes through every function in turn, as an import reads one post after another); the best of
    ``rounds`` passes for each function.  With ``collect``, a ``gc.collect(0)`` is timed with
    each call."""
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        totals = [0.0] * len(fns)
        for doc in docs:
            for i, fn in enumerate(fns):
                start = time.process_time()
                fn(doc)
                if collect:
                    gc.collect(0)
                totals[i] += time.process_time() - start
        best = [min(b, t) for b, t in zip(best, totals, strict=True)]
    return best


def best_of(fn: Callable[[str], Any], doc: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        fn(doc)
        best = min(best, time.process_time() - start)
    return best


def big_body(rng: random.Random, size: int, render: Callable[[list[tuple[Any, ...]]], str]) -> str:
    chunks: list[str] = []
    total = 0
    while total < size:
        chunk = render(make_article(rng))
        chunks.append(chunk)
        total += len(chunk.encode("utf-8")) + 2
    return "\n\n".join(chunks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="number of generated articles (default 10,000)")
    parser.add_argument(
        "--big-mb", type=float, default=5.0, help="size of the large body in MB (default 5; 2x is run too)"
    )
    parser.add_argument("--quick", action="store_true", help="1,000 articles and a 1 MB large body")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.quick:
        args.articles, args.big_mb = 1_000, 1.0

    rng = random.Random(args.seed)
    parts = [make_article(rng) for _ in range(args.articles)]
    html_docs = [to_html(p) for p in parts]
    md_docs = [to_markdown(p) for p in parts]
    words = sum(word_count(parse_markdown(doc)) for doc in md_docs[:200]) / min(200, len(md_docs))
    heads = sum(sum(1 for p in article if p[0] == "h") for article in parts) / len(parts)
    print(f"corpus: {args.articles:,} generated articles, ~{words:,.0f} words and {heads:.1f} headings each")

    # sanity: ours and the baselines agree on the headings of the first documents
    for h_doc, m_doc in zip(html_docs[:50], md_docs[:50], strict=True):
        toc = ours_html(h_doc)
        ours = [(e.level, e.anchor) for e in toc] if toc else []
        assert ours == bs4_html(h_doc), "HTML: newsmodel and the BeautifulSoup baseline disagree"
        mtoc = build_toc(parse_markdown(m_doc), style="python-markdown", min_headings=1)
        flat: list[Any] = []
        stack = list(reversed(pymd_markdown(m_doc)))
        while stack:
            tok = stack.pop()
            flat.append((tok["level"], tok["id"]))
            stack.extend(reversed(tok["children"]))
        assert [(e.level, e.anchor) for e in mtoc or ()] == flat, "Markdown: ids differ from Python-Markdown"

    n = args.articles
    t_ours, t_base = timed_pair(ours_html, bs4_html, html_docs)
    print(
        f"HTML parse+TOC per article: newsmodel {t_ours / n * 1e3:.3f} ms, "
        f"BeautifulSoup(html.parser)+slug {t_base / n * 1e3:.3f} ms, ratio {t_base / t_ours:.1f}x (target >= 5x)"
    )
    each = html_docs[:1_000]
    t_each, t_hp, t_lxml = timed_each([ours_html, bs4_html, bs4_lxml_html], each)
    m = len(each)
    print(
        f"HTML parse+TOC document by document ({m:,} articles, best of 3): newsmodel {t_each / m * 1e3:.3f} ms, "
        f"BeautifulSoup(html.parser) {t_hp / m * 1e3:.3f} ms ({t_hp / t_each:.1f}x), "
        f"BeautifulSoup(lxml) {t_lxml / m * 1e3:.3f} ms ({t_lxml / t_each:.1f}x, target >= 5x)"
    )
    t_ours_md, t_base_md = timed_pair(ours_markdown, pymd_markdown, md_docs)
    print(
        f"Markdown parse+TOC per article: newsmodel {t_ours_md / n * 1e3:.3f} ms, "
        f"Python-Markdown+toc {t_base_md / n * 1e3:.3f} ms, ratio {t_base_md / t_ours_md:.1f}x (target >= 3x)"
    )

    size = int(args.big_mb * 1_000_000)
    for label, render, fn in (("HTML", to_html, ours_html), ("Markdown", to_markdown, ours_markdown)):
        small = big_body(random.Random(args.seed + 1), size, render)
        large = big_body(random.Random(args.seed + 2), 2 * size, render)
        t_small = best_of(fn, small, 5)
        t_large = best_of(fn, large, 5)
        print(
            f"{label} one body: {len(small.encode()) / 1e6:.1f} MB {t_small:.2f} s, "
            f"{len(large.encode()) / 1e6:.1f} MB {t_large:.2f} s, ratio {t_large / t_small:.2f} (linear: about 2)"
        )
    bad_inputs(2_000 if args.quick else 10_000)


BAD_INPUTS: dict[str, tuple[str, Callable[[int], str]]] = {
    "nested <div>": ("html", lambda n: "<div>" * n + "text" + "</div>" * n),
    "nested <ul><li>": ("html", lambda n: "<ul><li>" * n + "text"),
    "nested <em><b>": ("html", lambda n: "<p>" + "<em><b>" * n + "text"),
    "unclosed <p><b>": ("html", lambda n: "<p>word <b>bold " * n),
    "stray </h2>": ("html", lambda n: "</h2>text " * n),
    "heading characters": ("html", lambda n: "<h2>" + "x" * n + "</h2>"),
    "Markdown nested lists": ("md", lambda n: "".join("  " * i + f"- item{i}\n" for i in range(n // 10))),
    "Markdown nested quotes": ("md", lambda n: ">" * (n // 10) + " deep"),
    "Markdown nested *": ("md", lambda n: "*" * (10 * n) + "word" + "*" * (10 * n)),
    # classic WordPress content read through wpautop, then parsed
    "classic: blank lines": ("classic", lambda n: "word\n\n" * n),
    "classic: <br> runs": ("classic", lambda n: "<br> " * n),
    "classic: line breaks in <li>": ("classic", lambda n: "<li>x\n" * n),
    "classic: unclosed <pre>": ("classic", lambda n: "<pre>a\n\n" * n),
}


def bad_inputs(n: int) -> None:
    """Each bad input of issue 3 at two sizes: time should grow like the input's size, not faster."""
    for name, (kind, make) in BAD_INPUTS.items():
        fn = {"html": ours_html, "md": ours_markdown, "classic": ours_classic}[kind]
        small, large = make(n), make(2 * n)
        t_small = best_of(fn, small, 3)
        t_large = best_of(fn, large, 3)
        growth = (t_large / max(t_small, 1e-9)) / (len(large) / len(small))
        print(
            f"bad input {name}: {len(small):,} chars {t_small * 1e3:.1f} ms, {len(large):,} chars "
            f"{t_large * 1e3:.1f} ms, time ratio / size ratio {growth:.2f} (linear: about 1)"
        )


if __name__ == "__main__":
    main()
