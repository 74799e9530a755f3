"""Broken and hostile input: nothing crashes, nothing is lost, nothing leaks (issue 7).

Each input goes through the library and the CLI; it either converts or ends
with one clear line naming the file, the documented exit code, no traceback
and no partial output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean
from newsclean.audit import audit_conservation
from newsclean.cli import main
from newsclean.errors import InputError, OutputError
from newsclean.pipeline import clean_text
from newsclean.readers import read_path
from newsclean.writers.atomic import write_atomic

WORKING_INPUTS = {
    "empty": b"",
    "whitespace only": b" \n\t\n\xe3\x80\x80\n\n",
    "punctuation only": "，。！？“”……——（）《》,.!?;:\n、、、\n".encode(),
    "latin only": b"Sanmenxia Central Hospital\nwww.smzsxyy.cn yiyuankuaibao@163.com 0398-96569\n",
    "nul bytes": "正文\x00第一段。\n".encode(),
    "rtl emoji bidi": "医院\u202e新闻\u202c 🏥😀 مرحبا שלום\u200f 第一段。\n".encode(),
    "invalid utf-8": "聊城市人民医院在承接市卫健委20项改革任务之外。\n".encode() * 4 + b"\xff\xfe\n",
    "utf-16 bom": "# 标题\n\n正文，第一段。\n".encode("utf-16"),
    "gb18030": "# 标题\n\n正文，第一段。\n".encode("gb18030"),
    "big5": "# 標題\n\n臺灣醫院推動醫療服務品質提升，民眾就醫更加便利。\n".encode("big5"),
    "crlf and form feed": "# 标题\r\n\r\n正文，第一段。\f\r\n第二页。\r\n".encode(),
}

REFUSED_INPUTS = {
    "png": (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG image"),
    "zip": (b"PK\x03\x04" + bytes(64), "ZIP archive"),
    "random bytes": (bytes(range(0x80, 0x100)) * 8, "not UTF-8, GB18030 or Big5"),
}


@pytest.mark.parametrize("name", WORKING_INPUTS)
def test_odd_but_textual_input_converts_and_conserves(tmp_path, name):
    data = WORKING_INPUTS[name]
    path = tmp_path / "输入 文件.txt"  # spaces and Chinese in the file name
    path.write_bytes(data)
    text = read_path(path).text
    doc = clean_text(text, source=path.name)
    report = audit_conservation(text, doc)
    assert report.ok, report.summary()
    out = tmp_path / "out"
    assert main(["convert", str(path), "-o", str(out), "--to", "json,md,txt"]) == 0
    loaded = json.loads((out / "输入 文件.json").read_text(encoding="utf-8"))
    assert loaded["source"] == "输入 文件.txt"


@pytest.mark.parametrize("name", REFUSED_INPUTS)
def test_binary_input_is_refused_with_one_line_and_exit_1(tmp_path, name):
    data, message = REFUSED_INPUTS[name]
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        newsclean.clean(data)
    result = subprocess.run(
        [sys.executable, "-m", "newsclean", "convert", str(path), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"{path}: " in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_output_directory_that_cannot_be_created(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    seed = tmp_path / "in.txt"
    seed.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    assert main(["convert", str(seed), "-o", str(blocker / "out")]) == 1
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err


def test_write_failure_midway_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "doc.json"

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, b"{}" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_existing_output_survives_a_failed_rewrite(tmp_path, monkeypatch):
    target = tmp_path / "doc.json"
    write_atomic(target, b"old")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OutputError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]


def test_unreadable_input_names_the_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("正文", encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(InputError, match="locked.txt: permission denied"):
        read_path(path)


def test_audit_command_reports_every_seed_balanced(root, capsys):
    assert main(["audit", str(root / "seeds")]) == 0
    out = capsys.readouterr().out
    assert out.count(": ok: all ") == len(list((root / "seeds").glob("*.txt")))
