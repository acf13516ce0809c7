"""How values look in a notebook: each display wrapped in ``<div class="newsmodel">`` with a small style.

This view module registers (:func:`newsmodel.values.display.register_html`) the notebook display of
:class:`~newsmodel.values.model.Article`, :class:`~newsmodel.values.body.Body`,
:class:`~newsmodel.values.corpus.Corpus`, related results, archives, the month calendar, the tag cloud
and the article page.  The markup inside is the one the other views write for a page
(:mod:`newsmodel.views.widgets_html`, :mod:`newsmodel.views.page_html`), without links where a value knows no
site; around it goes :data:`STYLE`, a ``<style>`` block whose every rule is scoped under the
``newsmodel`` class, so that breadcrumbs read as a trail, tags as tags and the calendar's days
with posts stand out, and nothing else of the notebook changes.

>>> from newsmodel.values.body import Body, Paragraph, Text
>>> shown = Body(blocks=(Paragraph(content=(Text(text="Seoul & Pyongyang"),)),))._repr_html_()
>>> shown.startswith('<div class="newsmodel newsmodel-body"><style>')
True
>>> "<p>Seoul &amp; Pyongyang</p>" in shown
True
"""

from __future__ import annotations

from collections.abc import Iterable

from newsmodel.bodies.render import render_html
from newsmodel.bodies.textstats import reading_time
from newsmodel.pages.listing import ListingPage
from newsmodel.pages.page import ArticlePage
from newsmodel.related import RelatedResult
from newsmodel.related.score import RelatedResults
from newsmodel.values.body import Body
from newsmodel.values.corpus import Corpus
from newsmodel.values.display import register_html
from newsmodel.values.model import Article
from newsmodel.values.urls import category_urls
from newsmodel.views.listing_html import listing_page_html
from newsmodel.views.page_html import article_page_html, breadcrumbs_html
from newsmodel.views.widgets_html import archives_html, calendar_html, esc, tag_cloud_html
from newsmodel.widgets.archives import Archives
from newsmodel.widgets.calendar import MonthCalendar
from newsmodel.widgets.tagcloud import TagCloud
from newsmodel.widgets.taxonomy import Breadcrumb

__all__ = ["STYLE", "article_html", "body_html", "corpus_html", "in_notebook", "related_html"]

#: The notebook style: every selector starts with ``.newsmodel``, so it styles these displays only.
STYLE = (
    "<style>"
    ".newsmodel{font-family:system-ui,sans-serif;line-height:1.45;max-width:52em}"
    ".newsmodel .breadcrumbs ol{list-style:none;display:flex;flex-wrap:wrap;padding:0;margin:.2em 0}"
    ".newsmodel .breadcrumbs li+li::before{content:'\\203A';margin:0 .4em;color:#888}"
    ".newsmodel .tags a,.newsmodel .tag{display:inline-block;padding:0 .55em;margin:0 .3em .3em 0;"
    "border-radius:1em;background:#eef1f5;font-size:.85em;text-decoration:none}"
    ".newsmodel .meta{color:#555;font-size:.9em;margin:.2em 0}"
    ".newsmodel .body{max-height:24em;overflow:auto;border-left:3px solid #e3e6ea;padding-left:.8em}"
    ".newsmodel table{border-collapse:collapse}"
    ".newsmodel td,.newsmodel th{padding:.15em .5em;text-align:left;vertical-align:top}"
    ".newsmodel .wp-calendar-table td a{font-weight:bold;background:#dbe7f7;border-radius:3px;padding:0 .25em}"
    ".newsmodel .wp-calendar-table td#today{outline:1px solid #888}"
    ".newsmodel .bar{display:inline-block;height:.65em;background:#4a7fc1;margin-right:.3em}"
    # the page display (newsmodel.views.page_html): WordPress's classes
    ".newsmodel .menu-wrapper,.newsmodel .footer-navigation-wrapper,.newsmodel .share-links"
    "{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2em 1em}"
    ".newsmodel .sub-menu{display:none}"
    ".newsmodel .screen-reader-text{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(1px,1px,1px,1px)}"
    ".newsmodel img{max-width:100%;height:auto}"
    ".newsmodel .post-thumbnail img{max-height:18em;object-fit:cover}"
    ".newsmodel #breadcrumbs .sep,.newsmodel .entry-meta .sep{margin:0 .3em;color:#888}"
    ".newsmodel .entry-meta,.newsmodel .entry-footer,.newsmodel .post-date{color:#555;font-size:.9em}"
    ".newsmodel .tags-links a{display:inline-block;padding:0 .55em;margin:0 .3em .3em 0;"
    "border-radius:1em;background:#eef1f5;font-size:.85em;text-decoration:none}"
    ".newsmodel .tags-links .sep{display:none}"
    ".newsmodel .author-bio{display:flex;gap:.8em;align-items:flex-start}"
    ".newsmodel .avatar{border-radius:50%;width:4em;height:4em}"
    ".newsmodel .wp-block-latest-posts{list-style:none;padding:0;display:grid;"
    "grid-template-columns:repeat(auto-fill,minmax(10em,1fr));gap:.8em}"
    ".newsmodel .wp-block-latest-posts__post-date{display:block;color:#555;font-size:.8em}"
    "</style>"
)


def in_notebook(kind: str, inner: str) -> str:
    """``inner`` in the scoped wrapper, with :data:`STYLE` (``kind`` names the value, as a class).

    >>> in_notebook("note", "<p>x</p>").endswith('<p>x</p></div>')
    True
    """
    return f'<div class="newsmodel newsmodel-{esc(kind)}">{STYLE}{inner}</div>'


def _tags(labels: Iterable[str]) -> str:
    spans = "".join(f'<span class="tag">{esc(label)}</span>' for label in labels)
    return f'<p class="tags">{spans}</p>' if spans else ""


def _when(article: Article) -> str:
    return article.published.isoformat() if article.published is not None else "undated"


def body_html(body: Body) -> str:
    """A body as a page shows it, with its word count and reading time above."""
    time = reading_time(body)
    meta = f'<p class="meta">{time.words:,} words · {time.minutes} min read</p>'
    return in_notebook("body", f'{meta}<div class="body">{render_html(body)}</div>')


def article_html(article: Article) -> str:
    """An article on its own: title, kind, status, date and slug, the ids it refers to, its body.

    An article names its authors, categories and tags by id (their names live in the corpus);
    a page built with :func:`~newsmodel.pages.page.build_article_page` shows them by name.
    """
    meta = " · ".join((article.kind, article.status.value, _when(article), article.slug))
    refs = [f"category {c}" for c in article.category_ids]
    refs += [f"author {a}" for a in article.author_ids]
    refs += [f"tag {t}" for t in article.tag_ids]
    inner = (
        f"<h3>{esc(article.title)}</h3>"
        f'<p class="meta">{esc(meta)}</p>'
        f"{_tags(refs)}"
        f'<div class="body">{render_html(article.body)}</div>'
    )
    return in_notebook("article", inner)


#: How many of a corpus's newest articles its display lists.
CORPUS_LISTED = 10


def corpus_html(corpus: Corpus) -> str:
    """A corpus: its site, what it holds, and its newest articles with breadcrumbs and tags."""
    site = corpus.site
    kinds: dict[str, int] = {}
    for a in corpus.articles:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    held = [
        f"{len(corpus.articles):,} articles (" + ", ".join(f"{k} {n:,}" for k, n in sorted(kinds.items())) + ")"
        if corpus.articles
        else "no articles",
        f"{len(corpus.authors):,} authors",
        f"{len(corpus.categories):,} categories",
        f"{len(corpus.tags):,} tags",
    ]
    statuses = ", ".join(f"{n:,} {s}" for s, n in corpus.status_counts().items() if n)
    rows = []
    for a in corpus.newest_first()[:CORPUS_LISTED]:
        main = a.main_category_id
        crumbs = ""
        if main is not None:
            path = corpus.path(main)
            urls = category_urls(site, [c.slug for c in path])
            trail = [Breadcrumb(label=c.name, url=u, category_id=c.id) for c, u in zip(path, urls, strict=True)]
            crumbs = breadcrumbs_html(trail)
        status = "" if a.status.value == "published" else f' <span class="tag">{esc(a.status.value)}</span>'
        tags = _tags(corpus.tag(t).name for t in a.tag_ids)
        when = site.wall_clock(a.published).strftime("%Y-%m-%d %H:%M") if a.published is not None else "undated"
        rows.append(f"<tr><td>{when}</td><td>{crumbs}<strong>{esc(a.title)}</strong>{status}{tags}</td></tr>")
    inner = (
        f"<h3>{esc(site.name)}</h3>"
        f'<p class="meta">{esc(site.base_url)} · {esc(site.timezone)} · {esc(site.locale)}</p>'
        f"<p>{esc(' · '.join(held))}</p>"
        + (f'<p class="meta">{esc(statuses)}</p>' if statuses else "")
        + (f"<table>{''.join(rows)}</table>" if rows else "")
    )
    return in_notebook("corpus", inner)


def related_html(results: Iterable[RelatedResult]) -> str:
    """Related results, best first: the article id, the score and each signal's share of it."""
    rows = []
    for rank, r in enumerate(results, 1):
        bars = "".join(
            f'<span class="bar" style="width:{max(1, round(s.share * 60))}px"></span>'
            f"{esc(name)} {s.share * 100:.0f}%<br>"
            for name, s in r.signals.items()
            if s.share > 0
        )
        rows.append(f"<tr><td>{rank}</td><td>{esc(r.article_id)}</td><td>{r.score:.3f}</td><td>{bars}</td></tr>")
    head = "<tr><th>#</th><th>article</th><th>score</th><th>why</th></tr>"
    table = f"<table>{head}{''.join(rows)}</table>" if rows else '<p class="meta">no related articles</p>'
    return in_notebook("related", table)


register_html(Article, article_html)
register_html(Body, body_html)
register_html(Corpus, corpus_html)
register_html(RelatedResult, lambda r: related_html((r,)))
register_html(RelatedResults, related_html)
register_html(ArticlePage, lambda page: in_notebook("page", article_page_html(page)))
register_html(ListingPage, lambda page: in_notebook("page", listing_page_html(page)))
register_html(
    Archives,
    lambda periods: in_notebook("archives", "<ul>\n" + archives_html(periods, None, show_post_count=True) + "</ul>\n"),
)
register_html(MonthCalendar, lambda cal: in_notebook("calendar", calendar_html(cal, None, hide_when_empty=False)))
register_html(TagCloud, lambda cloud: in_notebook("tag-cloud", tag_cloud_html(cloud, None)))
