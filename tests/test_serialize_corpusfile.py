"""The JSON Lines corpus file: round trips, streaming, gzip, bad input, nothing half-written."""

from __future__ import annotations

import gc
import gzip
import io
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from newsmodel import strategies as nst
from newsmodel.sample import generate
from newsmodel.serialize import (
    FORMAT_NAME,
    HEADER_FIELDS_KEY,
    SCHEMA_VERSION,
    UNKNOWN_FIELDS_KEY,
    dumps,
    iter_records,
    read_corpus,
    write_corpus,
    write_records,
)
from newsmodel.values.body import Body, Paragraph, Text
from newsmodel.values.corpus import Corpus
from newsmodel.values.errors import (
    CategoryCycle,
    DanglingReference,
    DuplicateSlug,
    FormatError,
    NewsModelError,
    SerializationError,
)
from newsmodel.values.model import Article, Author, Byline, Category, Site, Tag

SEOUL = timezone(timedelta(hours=9))
WHEN = datetime(2025, 12, 16, 9, 0, tzinfo=SEOUL)
SITE = Site(name="Capital Cities", base_url="https://example.org", timezone="Asia/Seoul")


def small_corpus() -> Corpus:
    return Corpus(
        site=SITE,
        authors=[Author(id="7", slug="victoria-jones", name="Victoria Jones", bio="Writes about Seoul.")],
        # The child comes first in the input: the file must still put parents first.
        categories=[
            Category(id="seoul", slug="seoul", name="Seoul", parent_id="korea"),
            Category(id="korea", slug="south-korea", name="South Korea", parent_id="asia"),
            Category(id="asia", slug="asia", name="ASIA"),
        ],
        tags=[Tag(id="t1", slug="kim-jong-un", name="Kim Jong Un", aliases=("Kim Jong-un",))],
        articles=[
            Article(
                id="1",
                slug="trump-kim-summit",
                title="Trump-Kim Summit Set for 2026",
                published=WHEN,
                bylines=(Byline(author_id="7"),),
                category_ids=("seoul",),
                primary_category_id="seoul",
                tag_ids=("t1",),
                body=Body(blocks=(Paragraph(content=(Text(text="Seoul, on the sidelines."),)),)),
            )
        ],
    )


def lines_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def same_corpus(a: Corpus, b: Corpus) -> None:
    # Instants and offsets are kept, zone names are not: compare the JSON of both.
    assert dumps(a) == dumps(b)


def test_file_layout(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    write_corpus(small_corpus(), path)
    records = lines_of(path)
    header = records[0]
    assert list(header) == ["format", "version", "site"]
    assert header["format"] == FORMAT_NAME == "newsmodel-corpus"
    assert header["version"] == SCHEMA_VERSION == 1
    assert header["site"]["timezone"] == "Asia/Seoul"
    assert [(r["type"], r["id"]) for r in records[1:]] == [
        ("author", "7"),
        ("category", "asia"),
        ("category", "korea"),
        ("category", "seoul"),
        ("tag", "t1"),
        ("article", "1"),
    ]
    assert records[-1]["published"] == "2025-12-16T09:00:00+09:00"
    assert path.read_bytes().endswith(b"\n")


def test_roundtrip_plain_gzip_and_file_objects(tmp_path: Path) -> None:
    corpus = generate(articles=150)
    plain, packed = tmp_path / "c.jsonl", tmp_path / "c.jsonl.gz"
    write_corpus(corpus, plain)
    write_corpus(corpus, str(packed))
    assert packed.read_bytes()[:2] == b"\x1f\x8b"
    assert gzip.decompress(packed.read_bytes()) == plain.read_bytes()
    same_corpus(read_corpus(plain), corpus)
    same_corpus(read_corpus(str(packed)), corpus)
    same_corpus(read_corpus(io.BytesIO(plain.read_bytes())), corpus)
    same_corpus(read_corpus(io.StringIO(plain.read_text("utf-8"))), corpus)
    text = io.StringIO()
    write_corpus(corpus, text)
    assert text.getvalue().encode("utf-8") == plain.read_bytes()


def test_writing_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    write_corpus(small_corpus(), a)
    write_corpus(small_corpus(), b)
    assert a.read_bytes() == b.read_bytes()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(nst.corpora())
def test_roundtrip_any_corpus(tmp_path: Path, corpus: Corpus) -> None:
    buffer = io.BytesIO()
    write_corpus(corpus, buffer)
    back = read_corpus(io.BytesIO(buffer.getvalue()), strict=True)
    assert back.site == corpus.site
    assert back.authors == corpus.authors
    assert back.tags == corpus.tags
    assert back.articles == corpus.articles
    assert sorted(back.categories, key=lambda c: c.id) == sorted(corpus.categories, key=lambda c: c.id)
    ids = [c.id for c in back.categories]
    for cat in back.categories:  # parents first
        if cat.parent_id is not None:
            assert ids.index(cat.parent_id) < ids.index(cat.id)


def test_iter_records_streams_and_write_records_converts(tmp_path: Path) -> None:
    corpus = generate(articles=60)
    src, dst = tmp_path / "in.jsonl.gz", tmp_path / "out.jsonl"
    write_corpus(corpus, src)
    records = iter_records(src)
    first = next(records)
    assert first == corpus.site
    count = write_records(dst, iter_records(src))
    entities = len(corpus.authors) + len(corpus.categories) + len(corpus.tags) + len(corpus.articles)
    assert count == 1 + entities + len(corpus.menus)
    assert gzip.decompress(src.read_bytes()) == dst.read_bytes()
    records.close()


def test_write_records_checks_the_order(tmp_path: Path) -> None:
    c = small_corpus()
    target = tmp_path / "x.jsonl"
    with pytest.raises(SerializationError, match="first record must be the Site"):
        write_records(target, [c.authors[0]])
    with pytest.raises(SerializationError, match=r"author '7' comes after a later kind of record"):
        write_records(target, [c.site, c.tags[0], c.authors[0]])
    with pytest.raises(SerializationError, match=r"category 'seoul' comes before its parent 'korea'"):
        write_records(target, [c.site, *c.categories])
    with pytest.raises(SerializationError, match="nothing to write"):
        write_records(target, [])
    assert not target.exists()
    assert os.listdir(tmp_path) == []


# --------------------------------------------------------------------------- bad input


def write_lines(path: Path, records: list[Any], *, end: str = "\n") -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + end, "utf-8")
    return path


def good_records(tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "good.jsonl"
    write_corpus(small_corpus(), path)
    return lines_of(path)


def test_naive_datetime_names_line_and_field(tmp_path: Path) -> None:
    records = good_records(tmp_path)
    records[6]["published"] = "2025-12-16T09:00:00"
    path = write_lines(tmp_path / "bad.jsonl", records)
    with pytest.raises(SerializationError) as info:
        read_corpus(path)
    assert str(info.value) == f"{path}: line 7: article.published: naive datetime '2025-12-16T09:00:00'"
    assert info.value.line == 7
    assert info.value.path == "article.published"


def test_truncated_mid_line(tmp_path: Path) -> None:
    path = tmp_path / "good.jsonl"
    write_corpus(small_corpus(), path)
    data = path.read_bytes()
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(data[: len(data) - 40])
    with pytest.raises(FormatError, match=r"line 7: the file ends in the middle of a record \(truncated\?\)"):
        read_corpus(cut)


def test_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "good.jsonl.gz"
    write_corpus(generate(articles=50), path)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(FormatError, match=r"truncated"):
        read_corpus(cut)


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (2, r"line 1: header\.version: schema version 2 is newer than the one this newsmodel reads \(1\)"),
        (0, r"line 1: header\.version: schema version 0 is older than"),
        ("1", r"line 1: header\.version: expected an integer schema version, got '1'"),
        (None, r"line 1: header\.version: expected an integer schema version, got None"),
    ],
)
def test_wrong_schema_version(tmp_path: Path, version: Any, message: str) -> None:
    records = good_records(tmp_path)
    records[0]["version"] = version
    with pytest.raises(FormatError, match=message):
        read_corpus(write_lines(tmp_path / "v.jsonl", records))


def test_not_a_corpus(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"line 1: not a newsmodel corpus: the header's format is 'wxr'"):
        read_corpus(write_lines(tmp_path / "x.jsonl", [{"format": "wxr", "version": 1}]))
    with pytest.raises(FormatError, match=r"line 1: not a newsmodel corpus: expected a header object"):
        read_corpus(write_lines(tmp_path / "y.jsonl", [[1, 2]]))
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    with pytest.raises(FormatError, match="empty file"):
        read_corpus(empty)


def test_string_where_a_list_belongs(tmp_path: Path) -> None:
    records = good_records(tmp_path)
    records[6]["tag_ids"] = "t1"
    with pytest.raises(SerializationError, match=r"line 7: article\.tag_ids: expected a list, got the string 't1'$"):
        read_corpus(write_lines(tmp_path / "s.jsonl", records))


def test_unknown_record_type_and_missing_type(tmp_path: Path) -> None:
    records = good_records(tmp_path)
    with pytest.raises(FormatError, match=r"line 2: unknown record type 'comment'"):
        read_corpus(write_lines(tmp_path / "a.jsonl", [records[0], {"type": "comment", "id": "1"}]))
    with pytest.raises(FormatError, match=r"line 2: missing the 'type' field"):
        read_corpus(write_lines(tmp_path / "b.jsonl", [records[0], {"id": "1"}]))


def test_invalid_json_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "good.jsonl"
    write_corpus(small_corpus(), path)
    lines = path.read_text("utf-8").splitlines()
    lines[2] = lines[2][:-1]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(FormatError, match=r"line 3: invalid JSON"):
        read_corpus(path)


def test_a_ten_megabyte_title_reads_and_writes(tmp_path: Path) -> None:
    title = "Seoul " * (10 * 1024 * 1024 // 6)
    corpus = Corpus(site=SITE, articles=[Article(id="1", slug="long", title=title, published=WHEN)])
    path = tmp_path / "big.jsonl"
    write_corpus(corpus, path)
    assert path.stat().st_size > 10 * 1024 * 1024
    assert read_corpus(path).articles[0].title == title


def test_a_ten_megabyte_bad_title_gives_a_short_error(tmp_path: Path) -> None:
    records = good_records(tmp_path)
    records[6]["title"] = ["x" * (10 * 1024 * 1024)]
    with pytest.raises(SerializationError) as info:
        read_corpus(write_lines(tmp_path / "big.jsonl", records))
    assert len(str(info.value)) < 300


def test_corpus_integrity_errors_name_the_line(tmp_path: Path) -> None:
    records = good_records(tmp_path)
    # A category that is its own grandparent.
    cyc = [dict(r) for r in records]
    cyc[2] = {**cyc[2], "parent_id": "seoul"}
    with pytest.raises(CategoryCycle, match=r"line \d: category '\w+' is its own ancestor"):
        read_corpus(write_lines(tmp_path / "cycle.jsonl", cyc))
    # An article naming an author that does not exist.
    dangling = [dict(r) for r in records]
    dangling[6] = {**dangling[6], "bylines": [{"author_id": "nobody", "role": "author"}]}
    with pytest.raises(DanglingReference, match=r"line 7: article '1' .* names the author 'nobody'"):
        read_corpus(write_lines(tmp_path / "dangling.jsonl", dangling))
    # Two tags with different ids and one slug.
    dup = [*records[:6], {**records[5], "id": "t2", "name": "Kim Jong-un"}, records[6]]
    with pytest.raises(DuplicateSlug, match=r"line 7: tags 't1' .* and 't2' share the slug 'kim-jong-un'"):
        read_corpus(write_lines(tmp_path / "dup.jsonl", dup))


# --------------------------------------------------------------------------- unknown fields and strict mode


def test_unknown_fields_survive_a_read_write_cycle(tmp_path: Path) -> None:
    records = good_records(tmp_path)
    records[0]["generator"] = "newsmodel 9.0"
    records[0]["site"]["theme"] = "dark"
    records[6]["paywall"] = {"tier": 2}
    records[6]["body"]["blocks"][0]["content"][0]["lang"] = "ko"
    src = write_lines(tmp_path / "newer.jsonl", records)
    corpus = read_corpus(src)
    assert corpus.site.extra[HEADER_FIELDS_KEY] == {"generator": "newsmodel 9.0"}
    assert corpus.site.extra[UNKNOWN_FIELDS_KEY] == {"theme": "dark"}
    assert corpus.articles[0].extra[UNKNOWN_FIELDS_KEY] == {
        "paywall": {"tier": 2},
        "body.blocks[0].content[0].lang": "ko",
    }
    out = tmp_path / "again.jsonl"
    write_corpus(corpus, out)
    assert lines_of(out) == records


def test_strict_mode_refuses_unknown_fields(tmp_path: Path) -> None:
    records = good_records(tmp_path)
    records[6]["body"]["blocks"][0]["content"][0]["lang"] = "ko"
    path = write_lines(tmp_path / "newer.jsonl", records)
    with pytest.raises(
        SerializationError, match=r"line 7: article\.body\.blocks\[0\]\.content\[0\]\.lang: unknown field"
    ):
        read_corpus(path, strict=True)
    records = good_records(tmp_path)
    records[0]["generator"] = "x"
    with pytest.raises(SerializationError, match=r"line 1: header\.generator: unknown field"):
        read_corpus(write_lines(tmp_path / "h.jsonl", records), strict=True)


# --------------------------------------------------------------------------- nothing half-written


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    write_corpus(small_corpus(), path)
    before = path.read_bytes()
    good = generate(articles=40)
    bad = Article(id="zz", slug="zz", title="bad \udc80 text", published=WHEN)

    def records() -> Any:
        yield good.site
        yield from good.authors
        yield from good.categories
        yield from good.tags
        yield from good.articles
        yield bad

    with pytest.raises(SerializationError, match=r"article\.title: a string holds a lone surrogate") as info:
        write_records(path, records())
    assert isinstance(info.value, NewsModelError)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["corpus.jsonl.gz"]


def test_a_new_file_is_not_created_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "new.jsonl"

    def records() -> Any:
        yield SITE
        raise RuntimeError("source went away")

    with pytest.raises(RuntimeError):
        write_records(path, records())
    assert os.listdir(tmp_path) == []


def test_file_mode_follows_umask(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    write_corpus(small_corpus(), path)
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_gzip_data_under_a_plain_name_and_plain_data_under_a_gz_name(tmp_path: Path) -> None:
    packed = tmp_path / "c.jsonl.gz"
    write_corpus(small_corpus(), packed)
    misnamed = tmp_path / "c.jsonl"
    misnamed.write_bytes(packed.read_bytes())
    with pytest.raises(FormatError, match=r"line 1: gzip-compressed data: name the file \*\.gz"):
        read_corpus(misnamed)
    plain_gz = tmp_path / "plain.jsonl.gz"
    plain_gz.write_bytes(b'{"format": "newsmodel-corpus"}\n')
    with pytest.raises(FormatError, match=r"line 1: not gzip data, or damaged \(the name ends in \.gz\)"):
        read_corpus(plain_gz)


def test_damaged_gzip(tmp_path: Path) -> None:
    packed = tmp_path / "c.jsonl.gz"
    write_corpus(generate(articles=40), packed)
    data = bytearray(packed.read_bytes())
    for i in range(40, 400):
        data[i] ^= 0x55
    packed.write_bytes(bytes(data))
    with pytest.raises(FormatError, match=r"compressed|gzip|invalid JSON|truncated"):
        read_corpus(packed)


class _CollectorWatch(io.BytesIO):
    """A file that notes whether the garbage collector is on each time it is read or written."""

    seen: list[bool]

    def __init__(self, data: bytes = b"") -> None:
        super().__init__(data)
        self.seen = []

    def __iter__(self) -> _CollectorWatch:
        return self

    def __next__(self) -> bytes:
        self.seen.append(gc.isenabled())
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def write(self, data: Any) -> int:
        self.seen.append(gc.isenabled())
        return super().write(data)


def test_reading_and_writing_leave_the_garbage_collector_on() -> None:
    assert gc.isenabled()
    out = _CollectorWatch()
    write_corpus(small_corpus(), out)
    back = _CollectorWatch(out.getvalue())
    read_corpus(back)
    assert out.seen and all(out.seen)
    assert back.seen and all(back.seen)
