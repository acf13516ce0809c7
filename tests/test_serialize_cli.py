"""``newsmodel convert``: streaming conversion of corpus files from the command line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsmodel.cli import main
from newsmodel.sample import generate
from newsmodel.serialize import write_corpus


def test_convert_gzip_to_plain_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl.gz"
    write_corpus(generate(articles=30), src)
    plain, packed = tmp_path / "out.jsonl", tmp_path / "again.jsonl.gz"
    assert main(["convert", str(src), str(plain)]) == 0
    assert main(["convert", str(plain), str(packed)]) == 0
    assert plain.read_bytes() == gzip.decompress(src.read_bytes())
    assert packed.read_bytes() == src.read_bytes()
    out = capsys.readouterr().out
    assert f"{plain}: " in out
    assert "records" in out


def test_convert_errors_are_one_line_and_leave_no_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text(json.dumps({"format": "newsmodel-corpus", "version": 2, "site": {}}) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["convert", str(src), str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "line 1: header.version: schema version 2 is newer" in err
    assert not out.exists()


def test_convert_strict_refuses_unknown_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    write_corpus(generate(articles=5), src)
    lines = src.read_text("utf-8").splitlines()
    last = max(i for i, line in enumerate(lines) if json.loads(line).get("type") == "article")
    record = json.loads(lines[last])
    record["paywall"] = True
    lines[last] = json.dumps(record)
    src.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["convert", str(src), str(tmp_path / "lenient.jsonl")]) == 0
    assert '"paywall":true' in (tmp_path / "lenient.jsonl").read_text("utf-8")
    assert main(["convert", "--strict", str(src), str(tmp_path / "strict.jsonl")]) == 2
    assert "article.paywall: unknown field" in capsys.readouterr().err


def test_convert_refuses_to_overwrite_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    write_corpus(generate(articles=5), src)
    assert main(["convert", str(src), str(src)]) == 2
    assert "must differ" in capsys.readouterr().err
