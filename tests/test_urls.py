"""Permalinks, archive and calendar URLs, share links.

The link vectors come from WordPress 6.8's own output (``../shared/vectors/widgets/wp68``: archive
lists, calendars and tag clouds rendered with pretty permalinks ``/%year%/%monthnum%/%day%/``).
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmodel.values.errors import InvalidPermalink, InvalidValue
from newsmodel.values.model import Article, Permalinks, Site
from newsmodel.values.slugs import slugify
from newsmodel.values.urls import (
    SHARE_NETWORKS,
    archive_url,
    article_url,
    author_url,
    category_url,
    day_url,
    expand_permalink,
    month_url,
    share_links,
    tag_url,
    week_url,
    year_url,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WP68 = SHARED / "vectors" / "widgets" / "wp68"
WP_SITE = Site(name="WP", base_url="https://example.org", timezone="America/New_York")

_LINK = re.compile(r"""href=(['"])(?P<href>[^'"]+)\1[^>]*>(?P<label>[^<]*)<""")
_ARIA_DAY = re.compile(r'href="(?P<href>[^"]+)" aria-label="Posts published on (?P<day>[^"]+)"')


def _links(name: str) -> list[tuple[str, str]]:
    text = (WP68 / name).read_text(encoding="utf-8")
    return [(html.unescape(m["href"]), html.unescape(m["label"])) for m in _LINK.finditer(text)]


def _wp_vectors() -> list[object]:
    """(what, expected href, our href) for every link in the WordPress outputs we can rebuild."""
    out: list[object] = []
    for path in sorted(WP68.glob("archives_*.html")):
        for href, label in _links(path.name):
            if "yearly" in path.name:
                ours = year_url(WP_SITE, int(label))
            elif "daily" in path.name:
                ours = day_url(WP_SITE, datetime.strptime(label, "%B %d, %Y").date())
            elif "weekly" in path.name:
                start = datetime.strptime(label.split("–")[0], "%B %d, %Y").date()
                ours = archive_url(WP_SITE, "weekly", start)
                if href.endswith("w=53"):
                    out.append(
                        pytest.param(
                            f"{path.name}: {label}",
                            href,
                            ours,
                            id=f"{path.stem}-{href[-9:]}",
                            marks=pytest.mark.xfail(
                                strict=True,
                                reason="WordPress keys weeks by MySQL WEEK() and splits the week of"
                                " 2025-12-29 between 2025-W53 and 2026-W1; newsmodel keys it by ISO week once",
                            ),
                        )
                    )
                    continue
            else:
                ours = archive_url(WP_SITE, "monthly", datetime.strptime(label, "%B %Y").date())
            out.append(pytest.param(f"{path.name}: {label}", href, ours, id=f"{path.stem}-{label}"))
    for path in sorted(WP68.glob("calendar_*.html")):
        text = path.read_text(encoding="utf-8")
        for m in _ARIA_DAY.finditer(text):
            day = datetime.strptime(m["day"], "%B %d, %Y").date()
            out.append(
                pytest.param(path.name, html.unescape(m["href"]), day_url(WP_SITE, day), id=f"{path.stem}-{day}")
            )
    for path in sorted(WP68.glob("tagcloud_*.html")):
        for href, label in _links(path.name):
            out.append(pytest.param(path.name, href, tag_url(WP_SITE, slugify(label)), id=f"{path.stem}-{label}"))
    return out


@pytest.mark.parametrize(("what", "wordpress", "ours"), _wp_vectors())
def test_wordpress_6_8_links(what: str, wordpress: str, ours: str) -> None:
    """WordPress 6.8 rule: archive, calendar-day and tag links under pretty permalinks."""
    assert ours == wordpress, what


def test_wordpress_vectors_were_found() -> None:
    assert len(_wp_vectors()) >= 40


# --------------------------------------------------------------------------- permalinks

SEOUL = Site(name="Capital Cities", base_url="https://capitalcities.example/", timezone="Asia/Seoul")


def _article(**kw: object) -> Article:
    base: dict[str, object] = {
        "id": "1000213",
        "slug": "trump-kim-summit",
        "title": "Trump-Kim",
        "published": datetime(2025, 12, 16, 9, 14, tzinfo=ZoneInfo("America/New_York")),
    }
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("/%year%/%monthnum%/%postname%/", "/2025/12/trump-kim-summit/"),
        ("/%year%/%monthnum%/%day%/%postname%/", "/2025/12/16/trump-kim-summit/"),
        ("/%category%/%postname%/", "/world/asia/south-korea/seoul/trump-kim-summit/"),
        ("/archives/%post_id%", "/archives/1000213"),
        ("/%author%/%year%/%postname%.html", "/victoria-jones/2025/trump-kim-summit.html"),
        ("/%year%%monthnum%%day%%hour%%minute%%second%/", "/20251216231400/"),
    ],
)
def test_article_permalink_patterns(pattern: str, expected: str) -> None:
    url = article_url(
        SEOUL,
        _article(),
        category_path=("world", "asia", "south-korea", "seoul"),
        author_slug="victoria-jones",
        pattern=pattern,
    )
    assert url == "https://capitalcities.example" + expected


def test_dates_are_the_sites_local_dates() -> None:
    la = Site(name="LA", base_url="https://e.org", timezone="America/Los_Angeles")
    late = _article(published=datetime(2025, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-8))))
    assert article_url(la, late) == "https://e.org/2025/12/trump-kim-summit/"
    assert article_url(Site(name="U", base_url="https://e.org"), late) == "https://e.org/2026/01/trump-kim-summit/"


@pytest.mark.parametrize("day", [date(2025, 3, 9), date(2025, 11, 2)])
def test_midnight_on_a_dst_change_day_stays_on_that_day(day: date) -> None:
    ny = Site(name="NY", base_url="https://e.org", timezone="America/New_York")
    midnight = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo("America/New_York"))
    url = article_url(ny, _article(published=midnight), pattern="/%year%/%monthnum%/%day%/%hour%/%postname%/")
    assert url == f"https://e.org/{day:%Y/%m/%d}/00/trump-kim-summit/"


def test_post_id_is_percent_encoded() -> None:
    url = article_url(SEOUL, _article(id="서울/1"), pattern="/p/%post_id%/")
    assert url == "https://capitalcities.example/p/%EC%84%9C%EC%9A%B8%2F1/"


def test_permalink_errors_name_the_token_and_article() -> None:
    with pytest.raises(InvalidPermalink, match=r"'1000213'.*'%category%'"):
        article_url(SEOUL, _article(), pattern="/%category%/%postname%/")
    with pytest.raises(InvalidPermalink, match="'%postid%'"):
        expand_permalink("/%postid%/", {"postid": "1"})
    undated = _article(published=None, status="draft")
    with pytest.raises(InvalidPermalink, match="'%year%'"):
        article_url(SEOUL, undated)
    assert article_url(SEOUL, undated, pattern="/?p=%post_id%") == "https://capitalcities.example/?p=1000213"


def test_taxonomy_and_people_urls() -> None:
    site = Site(
        name="S",
        base_url="https://e.org",
        permalinks=Permalinks(category="/topics/%category%", tag="/t/%tag%/", author="/people/%author%/"),
    )
    assert category_url(site, ("world", "asia")) == "https://e.org/topics/world/asia"
    assert tag_url(site, "kim-jong-un") == "https://e.org/t/kim-jong-un/"
    assert author_url(site, "victoria-jones") == "https://e.org/people/victoria-jones/"
    with pytest.raises(InvalidPermalink):
        category_url(site, ())


def test_source_slugs_are_linked_as_wordpress_stores_them() -> None:
    # WordPress stores non-ASCII slugs as utf8_uri_encode writes them (lowercase %xx) and links
    # them as stored; "_" stays as it is (sanitize_title_with_dashes keeps it).
    site = Site(name="S", base_url="https://e.org")
    story = Article(id="7", slug="日本語テスト", title="T", published=datetime(2025, 12, 16, 9, 0, tzinfo=timezone.utc))
    assert article_url(site, story) == "https://e.org/2025/12/%e6%97%a5%e6%9c%ac%e8%aa%9e%e3%83%86%e3%82%b9%e3%83%88/"
    assert tag_url(site, "copyright-registries-2_0") == "https://e.org/tag/copyright-registries-2_0/"
    assert (
        category_url(site, ("world", "επίπεδο-2"))
        == "https://e.org/category/world/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/"
    )
    assert author_url(site, "서울") == "https://e.org/author/%ec%84%9c%ec%9a%b8/"


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: month_url(WP_SITE, 2025, 13), "13"),
        (lambda: month_url(WP_SITE, 0, 1), "year 0"),
        (lambda: year_url(WP_SITE, 0), "year 0"),
        (lambda: week_url(WP_SITE, 2025, 54), "54"),
        (lambda: archive_url(WP_SITE, "hourly", date(2025, 1, 1)), "'hourly'"),
    ],
)
def test_bad_archive_periods_are_clear_errors(call: object, match: str) -> None:
    with pytest.raises(InvalidValue, match=match):
        call()  # type: ignore[operator]


@given(st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24)))
def test_archive_urls_agree_with_the_calendar(day: date) -> None:
    assert archive_url(WP_SITE, "daily", day) == f"https://example.org/{day.year:04d}/{day:%m/%d}/"
    assert archive_url(WP_SITE, "monthly", day) == f"https://example.org/{day.year:04d}/{day:%m}/"
    iso = day.isocalendar()
    # Every day of one ISO week links to the same weekly archive.
    monday = day - timedelta(days=day.weekday())
    assert archive_url(WP_SITE, "weekly", day) == archive_url(WP_SITE, "weekly", monday)
    assert archive_url(WP_SITE, "weekly", day) == f"https://example.org/?m={iso[0]:04d}&w={iso[1]}"


# --------------------------------------------------------------------------- share links


def _params(url: str) -> dict[str, str]:
    query = urlsplit(url).query
    parsed = parse_qs(query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in parsed.values())
    return {k: v[0] for k, v in parsed.items()}


@given(
    title=st.text(min_size=1),
    path=st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    image=st.none() | st.just("https://e.org/img/서울 1.jpg?x=1&y=2"),
)
def test_share_links_round_trip_any_unicode_title(title: str, path: str, image: str | None) -> None:
    from urllib.parse import quote

    url = "https://e.org/" + quote(path) + "?a=1&b=2#frag"
    links = share_links(url, title, image_url=image)
    assert [s.network for s in links] == list(SHARE_NETWORKS)
    for link in links:
        assert link.url.isascii()
        assert not set(link.url) & set(" \t\n\"'<>")
    got = {s.network: _params(s.url) for s in links}
    assert got["facebook"] == {"u": url}
    assert got["x"] == {"text": title, "url": url}
    assert got["linkedin"] == {"url": url}
    expected_pin = {"url": url, "description": title} | ({"media": image} if image else {})
    assert got["pinterest"] == expected_pin
    assert got["email"] == {"subject": title, "body": url}
    assert got["whatsapp"] == {"text": f"{title} {url}"}
    assert links[4].url.startswith("mailto:?")


def test_share_links_of_the_seed_title() -> None:
    title = "Trump-Kim Summit Set for 2026, Leaving Seoul on the Sidelines — Seoul’s “dilemma” & 서울"
    links = {s.network: s.url for s in share_links("https://e.org/a/", title)}
    assert links["x"] == (
        "https://x.com/intent/tweet?text=Trump-Kim%20Summit%20Set%20for%202026%2C%20Leaving%20Seoul%20on%20the"
        "%20Sidelines%20%E2%80%94%20Seoul%E2%80%99s%20%E2%80%9Cdilemma%E2%80%9D%20%26%20%EC%84%9C%EC%9A%B8"
        "&url=https%3A%2F%2Fe.org%2Fa%2F"
    )
    assert links["facebook"] == "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fe.org%2Fa%2F"


def test_unknown_share_network() -> None:
    with pytest.raises(InvalidValue, match="'myspace'"):
        share_links("https://e.org/", "t", networks=("myspace",))
