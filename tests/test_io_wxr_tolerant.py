"""WXR files WordPress's importer reads although they are not what ``export_wp`` writes.

Excerpts modelled on real exports: a WordPress.com export (``<atom:link>`` in the channel, the
``atom`` prefix never declared: its ``export_wp`` runs ``rss2_head``), a theme-preview export
whose items have no ``wp:post_id``, and posts by logins the file does not declare.
"""

from __future__ import annotations

import io

import pytest

from newsmodel.io.wxr import read_wxr
from newsmodel.values.errors import WxrError

HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
    '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
    '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
    '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
    '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
    '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n'
    "\t<title>Example</title>\n\t<link>https://example.wordpress.com</link>\n"
    "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
)


def _item(title: str, *, post_id: str | None = "1", creator: str = "ed", extra: str = "") -> str:
    pid = f"<wp:post_id>{post_id}</wp:post_id>" if post_id is not None else ""
    return (
        f"\t<item><title>{title}</title><dc:creator><![CDATA[{creator}]]></dc:creator>"
        f"<content:encoded><![CDATA[<p>{title}.</p>]]></content:encoded>{pid}"
        "<wp:post_date><![CDATA[2025-12-01 10:00:00]]></wp:post_date>"
        "<wp:post_date_gmt><![CDATA[2025-12-01 10:00:00]]></wp:post_date_gmt>"
        "<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>"
        f"{extra}</item>\n"
    )


def _file(channel: str, *items: str) -> io.BytesIO:
    return io.BytesIO((HEAD + channel + "".join(items) + "</channel>\n</rss>\n").encode())


ED = "\t<wp:author><wp:author_login><![CDATA[ed]]></wp:author_login></wp:author>\n"


# --------------------------------------------------------------------------- undeclared prefixes


def test_a_wordpress_com_export_with_undeclared_atom_reads_with_one_warning() -> None:
    channel = (
        ED + '\t<atom:link rel="search" type="application/opensearchdescription+xml"'
        ' href="https://example.wordpress.com/osd.xml" title="Example" />\n'
        "\t<atom:link rel='hub' href='https://example.wordpress.com/?pushpress=hub'/>\n"
    )
    corpus, report = read_wxr(_file(channel, _item("Hello world!")))
    assert [a.title for a in corpus.articles] == ["Hello world!"]
    (warning,) = report.warnings_with("namespace")
    assert "'atom'" in warning.message and "channel" in (warning.place or "")
    kept = [tag for tag, _ in corpus.site.extra["wxr:elements"]]
    assert kept == ["{http://www.w3.org/2005/Atom}link"] * 2


def test_undeclared_prefixes_in_items_read_too() -> None:
    media = '<media:content url="https://example.org/a.jpg" medium="image"><media:title>A</media:title></media:content>'
    corpus, report = read_wxr(_file(ED, _item("A", extra=media)))
    assert corpus.article("1").extra["wxr:elements"][0][0] == "{http://search.yahoo.com/mrss/}content"
    assert len(report.warnings_with("namespace")) == 1


def test_a_declared_atom_prefix_is_no_repair() -> None:
    data = _file(ED, _item("A")).getvalue().replace(b"<rss ", b'<rss xmlns:atom="http://www.w3.org/2005/Atom" ')
    data = data.replace(b"<item>", b'<atom:link href="https://e.org/feed" rel="self"/><item>', 1)
    _corpus, report = read_wxr(io.BytesIO(data))
    assert not report.warnings_with("namespace")


def test_an_unknown_undeclared_prefix_is_still_a_clear_error() -> None:
    with pytest.raises(WxrError, match=r":\d+:\d+: not well-formed XML \(unbound prefix\)"):
        read_wxr(_file(ED + "\t<foo:bar>x</foo:bar>\n", _item("A")))


# --------------------------------------------------------------------------- items without wp:post_id


def test_items_without_post_id_get_new_ids_and_a_warning_naming_them() -> None:
    items = [_item(f"Preview {n}", post_id=None) for n in range(1, 4)] + [_item("Kept", post_id="7")]
    corpus, report = read_wxr(_file(ED, *items))
    assert [a.id for a in corpus.articles] == ["wxr-item-1", "wxr-item-2", "wxr-item-3", "7"]
    warnings = report.warnings_with("item")
    assert len(warnings) == 3 and "'Preview 2'" in warnings[1].message and "wxr-item-2" in warnings[1].message
    again, _ = read_wxr(_file(ED, *items))
    assert [a.id for a in again.articles] == [a.id for a in corpus.articles]  # deterministic


def test_an_item_with_no_wordpress_field_at_all_is_still_skipped() -> None:
    plain = "\t<item><title>RSS only</title><link>https://e.org/x</link></item>\n"
    corpus, report = read_wxr(_file(ED, plain, _item("A")))
    assert [a.id for a in corpus.articles] == ["1"]
    assert report.skipped_count("item without wp:post_id") == 1


# --------------------------------------------------------------------------- authors


def test_an_undeclared_creator_gets_no_author_when_the_file_declares_authors() -> None:
    corpus, report = read_wxr(_file(ED, _item("A", creator="ghost"), _item("B", post_id="2")))
    assert [a.id for a in corpus.authors] == ["ed"]
    assert corpus.article("1").author_ids == ()
    assert corpus.article("1").extra["wxr:creator"] == "ghost"
    assert corpus.article("2").author_ids == ("ed",)
    assert "'ghost'" in report.warnings_with("author")[0].message


def test_a_creator_is_matched_as_sanitize_user_leaves_it() -> None:
    corpus, report = read_wxr(_file(ED, _item("A", creator=">ed")))
    assert corpus.article("1").author_ids == ("ed",)
    assert corpus.article("1").extra["wxr:creator"] == ">ed"
    assert report.warnings_with("author")


def test_without_any_wp_author_the_creators_become_authors() -> None:
    corpus, report = read_wxr(_file("", _item("A", creator=">ann"), _item("B", post_id="2", creator="ann")))
    assert [(a.id, a.name) for a in corpus.authors] == [("ann", ">ann")]
    assert corpus.article("1").author_ids == corpus.article("2").author_ids == ("ann",)
    assert len(report.warnings_with("author")) == 1
