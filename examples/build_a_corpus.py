"""Build a small corpus by hand, keep two tag spellings apart, merge them on request, and query it.

Run: ``.venv/bin/python examples/build_a_corpus.py``
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from newsmodel import Article, Author, Byline, Category, Site, SourceAttribution
from newsmodel.values.builder import CorpusBuilder
from newsmodel.values.slugs import SlugRegistry
from newsmodel.values.tagmerge import merge_similar_tags

SEOUL = ZoneInfo("Asia/Seoul")


def main() -> None:
    builder = CorpusBuilder(Site(name="Capital Cities", base_url="https://example.org", timezone="Asia/Seoul"))
    builder.add_author(Author(id="7", slug="victoria-jones", name="Victoria Jones"))
    for category in (
        Category(id="1", slug="asia", name="ASIA"),
        Category(id="2", slug="south-korea", name="South Korea", parent_id="1"),
        Category(id="3", slug="seoul", name="Seoul", parent_id="2"),
    ):
        builder.add_category(category)
    kim = builder.add_tag_named("Kim Jong-un", id="t1")
    builder.add_tag_named("Kim Jong Un", id="t2")  # another tag, slug kim-jong-un-2, as WordPress makes it
    slugs = SlugRegistry()
    for day, title in enumerate(["Summit talk", "Summit talk", "Seoul waits"], start=14):
        builder.add_article(
            Article(
                id=f"a{day}",
                slug=slugs.claim(title),
                title=title,
                published=datetime(2025, 12, day, 9, 0, tzinfo=SEOUL),
                bylines=(Byline(author_id="7"),),
                category_ids=("3",),
                tag_ids=("t2",),
                source=SourceAttribution(publisher="The Korea Herald"),
            )
        )
    corpus = builder.build()
    print(corpus)
    print("slugs:", [a.slug for a in corpus.newest_first()])
    print("tags:", [(t.slug, t.name) for t in corpus.tags])
    corpus, report = merge_similar_tags(corpus)  # merging spellings is asked for, and reported
    print(report.as_text())
    print("tag:", corpus.tag(kim.id).name, "also spelled", corpus.tag(kim.id).aliases)
    print("in ASIA and below:", len(corpus.articles_by_category("1", descendants=True)))


if __name__ == "__main__":
    main()
