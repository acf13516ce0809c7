"""Shared helpers for the widget tests: the WordPress 6.8 fixtures of ``../shared/vectors/widgets``."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from newsmodel.values.model import Article, ArticleStatus, Site, Tag
from newsmodel.values.slugs import slugify

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WIDGETS = SHARED / "vectors" / "widgets"
WP68 = WIDGETS / "wp68"
NEW_YORK = ZoneInfo("America/New_York")
#: The WordPress fixtures' site: example.org, pretty permalinks, America/New_York, en_US.
WP_SITE = Site(name="Example", base_url="https://example.org", timezone="America/New_York", locale="en_US")
#: Late enough for every published fixture post (WordPress lists published posts whatever "now" is).
WP_AS_OF = datetime(2030, 1, 1, tzinfo=NEW_YORK)
_STATUS = {"publish": ArticleStatus.PUBLISHED, "draft": ArticleStatus.DRAFT, "future": ArticleStatus.SCHEDULED}


def load_json(name: str) -> Any:
    """A JSON file of the widget vectors."""
    return json.loads((WIDGETS / name).read_text(encoding="utf-8"))


def scenarios() -> dict[str, Any]:
    """The ``scenarios`` of ``wp68/scenarios.json``."""
    return json.loads((WP68 / "scenarios.json").read_text(encoding="utf-8"))["scenarios"]  # type: ignore[no-any-return]


def expected_html(name: str) -> str:
    """The WordPress output of one scenario."""
    return (WP68 / f"{name}.html").read_text(encoding="utf-8")


def local(text: str) -> datetime:
    """A ``post_date`` (site-local, New York) as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=NEW_YORK)


#: WordPress's "now" when the fixtures were made (site-local): its cron had not published the
#: fixture's ``future`` post, dated after it.
WP_NOW = datetime(2025, 2, 14, 10, 0, tzinfo=NEW_YORK)


def wp_posts(post_type: str = "post", *, source: str = "scenarios.json") -> list[Article]:
    """The fixture posts of ``post_type`` as articles (drafts included), as WordPress held them.

    The widgets are asked at :data:`WP_AS_OF` (2030), so that every ``publish`` post counts
    whatever its date, as WordPress counts it.  A ``future`` post is due by then (newsmodel
    counts a scheduled post once its date has come, as WordPress's cron publishes it), but
    WordPress had not published it at its :data:`WP_NOW`: it is left out of what WordPress
    counted, so the outputs compare like for like.
    """
    rows = json.loads((WP68 / source).read_text(encoding="utf-8"))["posts"]
    articles = []
    for row in rows:
        post_id, kind, status, post_date = row[0], row[1], row[2], row[3]
        if kind != post_type:
            continue
        if status == "future" and local(post_date) > WP_NOW:
            continue
        articles.append(
            Article(
                id=str(post_id),
                slug=f"post-{post_id}",
                title=f"Post {post_id}",
                published=local(post_date),
                status=_STATUS[status],
            )
        )
    return articles


def cloud_input(tags_spec: list[dict[str, Any]]) -> tuple[list[Tag], list[Article]]:
    """Tags numbered 1, 2, … in fixture order, and articles that give each its count."""
    tags = [Tag(id=str(i), slug=slugify(t["name"]), name=t["name"]) for i, t in enumerate(tags_spec, start=1)]
    top = max(t["count"] for t in tags_spec)
    when = datetime(2025, 1, 1, tzinfo=NEW_YORK)
    articles = [
        Article(
            id=f"a{k}",
            slug=f"a{k}",
            title="A",
            published=when,
            tag_ids=tuple(tag.id for tag, spec in zip(tags, tags_spec, strict=True) if spec["count"] > k),
        )
        for k in range(top)
    ]
    return tags, articles


def normalize(html: str) -> str:
    """Whitespace-normalized HTML: no whitespace between tags, runs collapsed to one space."""
    html = re.sub(r">\s+<", "><", html.strip())
    return re.sub(r"\s+", " ", html)
