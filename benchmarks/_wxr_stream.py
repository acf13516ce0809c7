"""A generated WordPress export written item by item, shaped like what ``export_wp`` writes.

Used by ``bench_wxr.py`` for the long-body and memory modes: the file is produced as a stream
(never a corpus in memory), so a million-item export costs the generator no memory, and can be
piped into the reader without touching the disk.

Bodies are news articles of about ``words`` words: paragraphs of 30-70 words with links, bold and
italic runs, a subheading every five or so paragraphs, a list, a quote and a captioned image, as
a newsroom's WordPress editor writes them.  Dates are those of a site in America/New_York (so the
offsets change twice a year), one post every ``minutes`` minutes from 2015-01-01.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_ZONE = ZoneInfo("America/New_York")
_WORDS = [
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
    "government",
    "minister",
    "city",
    "council",
    "police",
    "report",
    "said",
    "people",
    "year",
    "week",
    "official",
    "country",
    "election",
    "court",
    "market",
    "price",
    "president",
    "company",
    "workers",
    "school",
    "health",
    "water",
    "energy",
    "project",
    "plan",
    "program",
    "people",
    "million",
    "percent",
    "according",
    "statement",
    "spokesperson",
    "residents",
    "officials",
    "capital",
    "region",
    "province",
    "border",
    "agreement",
    "talks",
    "summit",
    "support",
    "security",
    "economy",
    "budget",
    "growth",
    "inflation",
    "rate",
    "bank",
    "investment",
    "trade",
    "exports",
]

_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>Generated News</title>
\t<link>https://news.example</link>
\t<description>A generated export</description>
\t<language>en-US</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://news.example</wp:base_site_url>
\t<wp:base_blog_url>https://news.example</wp:base_blog_url>
"""


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(_WORDS, k=n)).capitalize() + "."


def _paragraph(rng: random.Random, n: int) -> tuple[str, int]:
    parts: list[str] = []
    left = n
    while left > 0:
        k = min(left, rng.randint(8, 20))
        s = _sentence(rng, k)
        r = rng.random()
        if r < 0.15:
            s = f'<a href="https://news.example/{rng.randint(1, 99999)}/">{s}</a>'
        elif r < 0.25:
            s = f"<strong>{s}</strong>"
        elif r < 0.3:
            s = f"<em>{s}</em>"
        parts.append(s)
        left -= k
    return "<p>" + " ".join(parts) + "</p>", n


def body(rng: random.Random, words: int) -> str:
    """An article body of about ``words`` words (HTML, as WordPress stores ``post_content``)."""
    out: list[str] = []
    done = 0
    para = 0
    while done < words:
        para += 1
        if para % 5 == 0:
            out.append(f"<h2>{_sentence(rng, rng.randint(3, 7))}</h2>")
        if para == 4:
            out.append("<ul>" + "".join(f"<li>{_sentence(rng, rng.randint(4, 9))}</li>" for _ in range(4)) + "</ul>")
            done += 24
        elif para == 7:
            out.append(f"<blockquote><p>{_sentence(rng, 20)}</p></blockquote>")
            done += 20
        elif para == 3:
            out.append(
                f'<figure class="wp-block-image"><img src="https://news.example/wp-content/uploads/{para}.jpg"'
                f' alt="{_sentence(rng, 4)}" /><figcaption>{_sentence(rng, 8)}</figcaption></figure>'
            )
            done += 12
        html, n = _paragraph(rng, rng.randint(30, 70))
        out.append(html)
        done += n
    return "\n\n".join(out)


def _wp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def items(n: int, *, words: int, seed: int = 0, minutes: int = 7) -> Iterator[str]:
    """The export as text chunks: the channel head, ``n`` items, the closing tags."""
    rng = random.Random(seed)
    head = [_HEAD]
    for a in range(10):
        head.append(
            f"\t<wp:author><wp:author_id>{a + 1}</wp:author_id><wp:author_login><![CDATA[author{a}]]></wp:author_login>"
            f"<wp:author_email><![CDATA[author{a}@news.example]]></wp:author_email>"
            f"<wp:author_display_name><![CDATA[Author {a}]]></wp:author_display_name></wp:author>\n"
        )
    for c in range(20):
        head.append(
            f"\t<wp:category><wp:term_id>{c + 1}</wp:term_id><wp:category_nicename><![CDATA[section-{c}]]>"
            f"</wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent>"
            f"<wp:cat_name><![CDATA[Section {c}]]></wp:cat_name></wp:category>\n"
        )
    for t in range(200):
        head.append(
            f"\t<wp:tag><wp:term_id>{t + 100}</wp:term_id><wp:tag_slug><![CDATA[topic-{t}]]></wp:tag_slug>"
            f"<wp:tag_name><![CDATA[Topic {t}]]></wp:tag_name></wp:tag>\n"
        )
    yield "".join(head)
    start = datetime(2015, 1, 1, 12, tzinfo=timezone.utc)
    for i in range(n):
        pid = 1000 + i
        utc = start + timedelta(minutes=minutes * i)
        local = utc.astimezone(_ZONE)
        title = _sentence(rng, rng.randint(6, 12))[:-1]
        slug = f"story-{pid}"
        content = body(rng, words) if words > 40 else f"<p>{_sentence(rng, words)}</p>"
        cat = rng.randrange(20)
        tags = "".join(
            f'\t\t<category domain="post_tag" nicename="topic-{t}"><![CDATA[Topic {t}]]></category>\n'
            for t in sorted({rng.randrange(200) for _ in range(3)})
        )
        yield (
            f"\t<item>\n\t\t<title><![CDATA[{title}]]></title>\n"
            f"\t\t<link>https://news.example/{local:%Y/%m/%d}/{slug}/</link>\n"
            f"\t\t<pubDate>{utc:%a, %d %b %Y %H:%M:%S} +0000</pubDate>\n"
            f"\t\t<dc:creator><![CDATA[author{rng.randrange(10)}]]></dc:creator>\n"
            f'\t\t<guid isPermaLink="false">https://news.example/?p={pid}</guid>\n'
            f"\t\t<description></description>\n"
            f"\t\t<content:encoded><![CDATA[{content}]]></content:encoded>\n"
            f"\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n"
            f"\t\t<wp:post_id>{pid}</wp:post_id>\n"
            f"\t\t<wp:post_date><![CDATA[{_wp(local)}]]></wp:post_date>\n"
            f"\t\t<wp:post_date_gmt><![CDATA[{_wp(utc)}]]></wp:post_date_gmt>\n"
            f"\t\t<wp:post_modified><![CDATA[{_wp(local)}]]></wp:post_modified>\n"
            f"\t\t<wp:post_modified_gmt><![CDATA[{_wp(utc)}]]></wp:post_modified_gmt>\n"
            f"\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n"
            f"\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>\n"
            f"\t\t<wp:post_name><![CDATA[{slug}]]></wp:post_name>\n"
            f"\t\t<wp:status><![CDATA[publish]]></wp:status>\n"
            f"\t\t<wp:post_parent>0</wp:post_parent>\n"
            f"\t\t<wp:menu_order>0</wp:menu_order>\n"
            f"\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n"
            f"\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n"
            f"\t\t<wp:is_sticky>0</wp:is_sticky>\n"
            f'\t\t<category domain="category" nicename="section-{cat}"><![CDATA[Section {cat}]]></category>\n'
            f"{tags}"
            f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>\n"
            f"\t\t\t<wp:meta_value><![CDATA[1]]></wp:meta_value>\n\t\t</wp:postmeta>\n"
            f"\t</item>\n"
        )
    yield "</channel>\n</rss>\n"


def pipe(n: int, *, words: int = 12) -> None:
    """Write the export to standard output (UTF-8), for a reader at the other end of a pipe."""
    out = sys.stdout.buffer
    for chunk in items(n, words=words):
        out.write(chunk.encode("utf-8"))
    out.flush()


def write(path: str, n: int, *, words: int, seed: int = 0) -> None:
    """Write the export to ``path``."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for chunk in items(n, words=words, seed=seed):
            fh.write(chunk)
