"""The site's time zone when no one names it: inferred from the posts' offsets (WXR and REST).

WordPress groups archives and calendar days by each post's wall clock (``wp_get_archives`` and
``get_calendar`` query ``post_date``); the expected days below are the ``post_date`` days of the
excerpts, written by hand.
"""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsmodel.cli import main
from newsmodel.io.timezones import OffsetEvidence
from newsmodel.io.wordpress import read_rest_dump
from newsmodel.io.wxr import WxrReader, read_wxr
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import InvalidSite
from newsmodel.values.model import Site
from newsmodel.widgets.archives import archives

AS_OF = datetime(2030, 1, 1, tzinfo=timezone.utc)


def _wxr(*items: tuple[str, str, str]) -> bytes:
    """A WXR excerpt shaped like ``export_wp``'s: items of (post_id, post_date, post_date_gmt)."""
    body = "".join(
        f"<item><title>Post {pid}</title><dc:creator>ed</dc:creator>"
        f"<content:encoded><![CDATA[<p>Text.</p>]]></content:encoded>"
        f"<wp:post_id>{pid}</wp:post_id><wp:post_date><![CDATA[{local}]]></wp:post_date>"
        f"<wp:post_date_gmt><![CDATA[{gmt}]]></wp:post_date_gmt><wp:post_name>post-{pid}</wp:post_name>"
        f"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"
        for pid, local, gmt in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" ?><rss version="2.0"'
        ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
        "<channel><title>Site</title><link>https://news.example</link><wp:wxr_version>1.2</wp:wxr_version>"
        "<wp:author><wp:author_login>ed</wp:author_login></wp:author>"
        f"{body}</channel></rss>"
    ).encode()


def _days(corpus: Corpus) -> list[str]:
    return sorted(p.key for p in archives(corpus.articles, corpus.site, as_of=AS_OF, period="daily"))


# A New York site: winter posts at -05:00, summer posts at -04:00; one posted late on New Year's Eve.
NEW_YORK = (
    ("1", "2024-12-31 22:30:00", "2025-01-01 03:30:00"),
    ("2", "2025-07-04 21:00:00", "2025-07-05 01:00:00"),
    ("3", "2025-03-08 12:00:00", "2025-03-08 17:00:00"),
    ("4", "2025-03-10 12:00:00", "2025-03-10 16:00:00"),
)


def test_a_dst_site_gets_a_zone_that_fits_every_post_and_its_days_are_the_wall_clock_days() -> None:
    corpus, report = read_wxr(io.BytesIO(_wxr(*NEW_YORK)))
    # before: the site was UTC and posts 1 and 2 moved to the next day
    assert _days(corpus) == ["2024-12-31", "2025-03-08", "2025-03-10", "2025-07-04"]
    (chosen,) = report.warnings_with("timezone")
    assert corpus.site.timezone != "UTC" and corpus.site.timezone in chosen.message
    reader = WxrReader(io.BytesIO(_wxr(*NEW_YORK)))
    for _ in reader.records():
        pass
    assert reader.zone_guess is not None and "America/New_York" in reader.zone_guess.matching
    assert reader.zone_guess.timezone == corpus.site.timezone
    assert "Asia/Seoul" not in reader.zone_guess.matching
    zone = corpus.site.zone
    assert zone is not None
    for article in corpus.articles:
        assert article.published is not None
        assert article.published.astimezone(zone).utcoffset() == article.published.utcoffset()


def test_a_zone_that_changed_its_rules_is_found() -> None:
    # Moscow: +03:00 in the winter of 2010, +04:00 from 2011 all year, +03:00 again from late 2014.
    reader = WxrReader(
        io.BytesIO(
            _wxr(
                ("1", "2010-01-15 12:00:00", "2010-01-15 09:00:00"),
                ("2", "2010-07-15 12:00:00", "2010-07-15 08:00:00"),
                ("3", "2012-01-15 12:00:00", "2012-01-15 08:00:00"),
                ("4", "2016-01-15 12:00:00", "2016-01-15 09:00:00"),
                ("5", "2021-01-15 12:00:00", "2021-01-15 09:00:00"),
            )
        )
    )
    for _ in reader.records():
        pass
    guess = reader.zone_guess
    assert guess is not None and guess.rule == "zone"
    assert "Europe/Moscow" in guess.matching
    # Minsk kept +03:00 all year from 2011, Astrakhan moved to +04:00 in 2016: neither fits
    assert "Europe/Minsk" not in guess.matching and "Europe/Astrakhan" not in guess.matching
    assert reader.site is not None and reader.site.timezone == guess.matching[0]


def test_one_offset_gives_that_fixed_offset() -> None:
    corpus, report = read_wxr(
        io.BytesIO(
            _wxr(
                ("1", "2025-12-31 23:30:00", "2025-12-31 18:00:00"), ("2", "2025-06-01 00:15:00", "2025-05-31 18:45:00")
            )
        )
    )
    assert corpus.site.timezone == "+05:30"
    assert _days(corpus) == ["2025-06-01", "2025-12-31"]
    assert "'+05:30'" in report.warnings_with("timezone")[0].message


def test_offsets_no_zone_explains_make_a_floating_site_grouped_by_each_wall_clock() -> None:
    # A site moved from Seoul to New York: no one zone has both offsets at these instants.
    corpus, report = read_wxr(
        io.BytesIO(
            _wxr(
                ("1", "2025-01-10 23:30:00", "2025-01-10 14:30:00"),
                ("2", "2025-01-20 23:30:00", "2025-01-21 04:30:00"),
            )
        )
    )
    assert corpus.site.timezone == "floating"
    assert corpus.site.zone is None
    assert _days(corpus) == ["2025-01-10", "2025-01-20"]
    assert "floating" in report.warnings_with("timezone")[0].message


def test_a_timezone_given_still_wins() -> None:
    corpus, report = read_wxr(io.BytesIO(_wxr(*NEW_YORK)), timezone="Asia/Seoul")
    assert corpus.site.timezone == "Asia/Seoul"
    assert not report.warnings_with("timezone")


def test_a_date_without_gmt_is_read_in_the_inferred_zone() -> None:
    corpus, report = read_wxr(io.BytesIO(_wxr(*NEW_YORK, ("9", "2025-08-01 20:00:00", "0000-00-00 00:00:00"))))
    zone = corpus.site.zone
    assert zone is not None
    assert corpus.article("9").published == datetime(2025, 8, 2, 0, 0, tzinfo=timezone.utc)
    (warning,) = report.warnings_with("date")
    assert corpus.site.timezone in warning.message


def test_a_file_without_any_usable_pair_stays_utc_and_says_so() -> None:
    corpus, report = read_wxr(io.BytesIO(_wxr(("1", "2025-08-01 20:00:00", ""))))
    assert corpus.site.timezone == "UTC"
    assert "no post has both" in report.warnings_with("timezone")[0].message
    assert "as UTC" in report.warnings_with("date")[0].message


def test_real_theme_unit_test_export_with_inconsistent_offsets_is_floating() -> None:
    # The WordPress importer's Theme Unit Test file mixes +00:00, -07:00, +10:00, -05:00 and +03:00.
    path = Path(__file__).resolve().parents[1].parent / "shared/data/wordpress-importer/phpunit-data"
    corpus, _report = read_wxr(path / "theme-unit-test-data.xml")
    assert corpus.site.timezone == "floating"
    for article in corpus.articles:
        if article.published is not None and "wxr:post_date" not in article.extra:
            assert corpus.site.local_date(article.published) == article.published.date()


def test_rest_dates_infer_the_zone_too(tmp_path: Path) -> None:
    posts = [
        {
            "id": i,
            "date": local,
            "date_gmt": gmt,
            "slug": f"p{i}",
            "status": "publish",
            "type": "post",
            "link": f"https://news.example/p{i}/",
            "title": {"rendered": f"P{i}"},
            "content": {"rendered": "<p>x</p>"},
        }
        for i, (_, local, gmt) in enumerate(NEW_YORK, 1)
    ]
    for post in posts:
        post["date"] = str(post["date"]).replace(" ", "T")
        post["date_gmt"] = str(post["date_gmt"]).replace(" ", "T")
    (tmp_path / "posts.json").write_text(json.dumps(posts))
    corpus, report = read_rest_dump(tmp_path)
    assert corpus.site.timezone not in ("UTC", "floating")
    assert _days(corpus) == ["2024-12-31", "2025-03-08", "2025-03-10", "2025-07-04"]
    assert report.warnings_with("timezone")
    corpus, report = read_rest_dump(tmp_path, timezone="UTC")
    assert corpus.site.timezone == "UTC" and not report.warnings_with("timezone")


def test_the_cli_says_which_zone_it_chose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export.xml"
    source.write_bytes(_wxr(*NEW_YORK))
    assert main(["import", str(source), "-o", str(tmp_path / "c.jsonl"), "--max-warnings", "0"]) == 0
    err = capsys.readouterr().err
    assert "time zone: site time zone" in err and "inferred" in err


def test_site_timezone_accepts_offsets_and_floating() -> None:
    assert Site(name="S", base_url="https://e.org", timezone="-03:30").zone == timezone(-timedelta(hours=3, minutes=30))
    late = datetime(2025, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=9)))
    assert Site(name="S", base_url="https://e.org", timezone="floating").local_date(late).isoformat() == "2025-12-31"
    assert Site(name="S", base_url="https://e.org").local_date(late).isoformat() == "2025-12-31"
    with pytest.raises(InvalidSite, match="beyond"):
        Site(name="S", base_url="https://e.org", timezone="+15:00")
    with pytest.raises(InvalidSite, match="unknown IANA time zone"):
        Site(name="S", base_url="https://e.org", timezone="5:30")


def test_evidence_memory_does_not_grow_with_posts() -> None:
    evidence = OffsetEvidence()
    start = datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=-5)))
    for i in range(200_000):
        evidence.add(start + timedelta(minutes=20 * i))
    assert len(evidence._memo) <= 1 << 16
    assert evidence.conclude().timezone == "-05:00"


def test_an_offset_no_zone_has_makes_the_site_floating() -> None:
    """One offset past ±14:00 (or not in whole minutes) is no zone Site.timezone accepts: each
    post keeps its own wall clock (found by the feed round-trip property)."""
    from newsmodel.io.timezones import OffsetEvidence

    evidence = OffsetEvidence()
    evidence.add(datetime(2025, 12, 16, 9, 0, tzinfo=timezone(timedelta(hours=14, minutes=1))))
    guess = evidence.conclude()
    assert guess.rule == "floating" and guess.timezone == "floating"


def test_the_old_module_name_still_gives_the_same_class() -> None:
    """``newsmodel.io.wp.timezones`` moved to ``newsmodel.io.timezones`` (feeds use it too); the old
    name re-exports the same objects for a release."""
    from newsmodel.io import timezones
    from newsmodel.io.wp import timezones as old

    assert (old.OffsetEvidence, old.ZoneGuess, old.fixed_offset_name) == (
        timezones.OffsetEvidence,
        timezones.ZoneGuess,
        timezones.fixed_offset_name,
    )


def test_the_sites_country_decides_between_zones_that_fit() -> None:
    # +01:00 in winter and +02:00 in summer fit Africa/Ceuta as well as Europe/Paris, and the first
    # by name was taken (a real feed of a site in Paris got Africa/Ceuta).  A site whose language
    # names its country (WordPress writes its locale there) gets that country's zone; CLDR's
    # territory zones are asked live.
    from zoneinfo import ZoneInfo

    from newsmodel.io.timezones import territory_zones

    paris = ZoneInfo("Europe/Paris")
    evidence = OffsetEvidence()
    for month in (1, 4, 7, 11):
        evidence.add(datetime(2024, month, 10, 12, tzinfo=paris))
    plain = evidence.conclude()
    assert "Europe/Paris" in plain.matching and len(plain.matching) > 1
    french = evidence.conclude(prefer=territory_zones("fr-FR"))
    assert territory_zones("fr-FR") == ("Europe/Paris",)
    assert french.timezone == "Europe/Paris" and set(french.matching) == set(plain.matching)
    assert evidence.conclude(prefer=territory_zones("xx-YY")).timezone == plain.timezone
