"""Files and streams of the command line: atomic outputs, ``-o -``, a closed pipe, and how
``newsmodel import`` tells WXR from a feed (by parsing, in any encoding)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsmodel
from newsmodel.cli import EXIT_BROKEN_PIPE, main
from newsmodel.cli.import_ import detect_kind
from newsmodel.serialize import read_corpus

_SRC = str(Path(newsmodel.__file__).resolve().parents[1])
_WXR = (
    '<?xml version="1.0" encoding="{enc}"?>{head}'
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title>'
    "<link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>"
    "<item><title>Seoul</title><wp:post_id>7</wp:post_id><wp:post_name>seoul</wp:post_name>"
    "<wp:post_date>2025-12-16 18:00:00</wp:post_date><wp:post_date_gmt>2025-12-16 09:00:00</wp:post_date_gmt>"
    "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>"
)


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": _SRC}
    return subprocess.run([sys.executable, "-m", "newsmodel.cli", *args], cwd=cwd, env=env, capture_output=True)


# --------------------------------------------------------------------------- atomic outputs


def test_export_to_a_file_that_fails_leaves_the_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "page.json"
    out.write_text("the previous export\n")
    assert main(["export", "-f", "jsonld", "--article", "no-such-article", "-o", str(out)]) == 2
    assert out.read_text() == "the previous export\n"
    assert os.listdir(tmp_path) == ["page.json"]  # no temporary file left behind


def test_export_to_a_file_replaces_it_when_done(tmp_path: Path) -> None:
    out = tmp_path / "feed.xml"
    out.write_text("old")
    assert main(["export", "-f", "rss", "--limit", "2", "-o", str(out)]) == 0
    assert out.read_text().startswith('<?xml version="1.0" encoding="utf-8"?>')


# --------------------------------------------------------------------------- -o -


def test_sample_to_standard_output_writes_no_file_named_dash(tmp_path: Path) -> None:
    done = _run("sample", "--articles", "3", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "-").exists()
    reference = tmp_path / "c.jsonl"
    assert main(["sample", "--articles", "3", "-o", str(reference)]) == 0
    assert done.stdout == reference.read_bytes()


def test_import_to_standard_output_keeps_the_report_off_it(tmp_path: Path) -> None:
    source = tmp_path / "export.xml"
    source.write_bytes(_WXR.format(enc="UTF-8", head="").encode())
    done = _run("import", str(source), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "-").exists()
    assert [a.title for a in read_corpus(io.BytesIO(done.stdout)).articles] == ["Seoul"]
    assert b"imported: 1 articles" in done.stderr


def test_convert_to_standard_output(tmp_path: Path) -> None:
    source = tmp_path / "c.jsonl"
    assert main(["sample", "--articles", "2", "-o", str(source)]) == 0
    done = _run("convert", str(source), "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "-").exists()
    assert read_corpus(io.BytesIO(done.stdout)).articles == read_corpus(source).articles


def test_export_dash_o_dash_writes_to_standard_output(tmp_path: Path) -> None:
    done = _run("export", "-f", "rss", "--limit", "1", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "-").exists()
    assert done.stdout.startswith(b"<?xml")


# --------------------------------------------------------------------------- a closed pipe


def test_export_into_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    """``newsmodel export -f wxr | head -c 1``: the reader leaves after one byte."""
    env = {**os.environ, "PYTHONPATH": _SRC}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsmodel.cli", "export", "-f", "wxr"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(1) == b"<"
    proc.stdout.close()
    errors = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait() == EXIT_BROKEN_PIPE == 141
    assert errors == b""


# --------------------------------------------------------------------------- WXR or feed, by parsing


def test_a_wxr_with_a_long_comment_before_the_root_is_imported_as_wxr(tmp_path: Path) -> None:
    source = tmp_path / "export.xml"
    source.write_bytes(_WXR.format(enc="UTF-8", head="<!-- " + "x" * 10_240 + " -->").encode())
    assert detect_kind(str(source)) == "wxr"
    out = tmp_path / "c.jsonl"
    assert main(["import", str(source), "-o", str(out), "--json-report"]) == 0
    assert [a.id for a in read_corpus(out).articles] == ["7"]  # WXR's post id, not a feed's guid


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_wxr_is_imported_as_wxr(tmp_path: Path, codec: str) -> None:
    source = tmp_path / "export.xml"
    source.write_bytes(_WXR.format(enc="UTF-16", head="").encode(codec))
    assert detect_kind(str(source)) == "wxr"
    out = tmp_path / "c.jsonl"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert [a.title for a in read_corpus(out).articles] == ["Seoul"]


def test_a_feed_that_mentions_the_wxr_namespace_in_text_is_a_feed(tmp_path: Path) -> None:
    source = tmp_path / "feed.xml"
    source.write_text(
        '<rss version="2.0"><channel><title>About http://wordpress.org/export/1.2/</title>'
        "<item><title>x</title></item></channel></rss>"
    )
    assert detect_kind(str(source)) == "feed"


def test_detection_refuses_entity_declarations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "bomb.xml"
    head = '<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    source.write_bytes(_WXR.format(enc="UTF-16", head=head).encode("utf-16-le"))
    assert main(["import", str(source), "-o", str(tmp_path / "c.jsonl")]) == 2
    assert "refused" in capsys.readouterr().err
    assert not (tmp_path / "c.jsonl").exists()
