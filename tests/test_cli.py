"""The `newsclean` command line: formats, stdin/stdout, exit codes, batches."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsclean import __version__
from newsclean.cli import main
from project_paths import SEEDS


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsclean", *args], input=stdin, capture_output=True, timeout=120)


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_convert_writes_every_requested_format(tmp_path):
    assert main(["convert", str(SEEDS[0]), "-o", str(tmp_path), "--to", "json,md", "--to", "txt"]) == 0
    stem = SEEDS[0].stem
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{stem}.json", f"{stem}.md", f"{stem}.txt"]
    doc = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "newsclean/1" and doc["source"] == SEEDS[0].name


def test_stdin_to_stdout():
    result = run_cli("convert", "-", "--to", "txt", stdin="# 标题\n\n正文。\n".encode("gb18030"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "标题\n\n正文。\n"


def test_batch_goes_on_past_bad_files_and_exits_1(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    out = tmp_path / "out"
    result = run_cli("convert", str(SEEDS[0]), str(bad), str(tmp_path / "missing.txt"), str(SEEDS[1]), "-o", str(out))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "bad.txt: this is a PNG image" in err and "missing.txt: no such file" in err
    assert "2 converted, 2 failed" in err
    assert "Traceback" not in err
    # A batch also writes its report (_report.json) and its resume stamp (a dot file).
    outputs = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert outputs == sorted([*(f"{s.stem}.json" for s in SEEDS[:2]), "_report.json"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert", "x.txt", "--to", "rtf"], "unknown output format 'rtf'"),
        (["convert", "x.txt", "--disable", "no_such"], "unknown cleaner 'no_such'"),
        (["convert"], "required: INPUT"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_cleaners_lists_each_with_a_description(capsys):
    assert main(["cleaners"]) == 0
    out = capsys.readouterr().out
    assert "normalize_unicode" in out and "NFC" in out


def test_parallel_batch_gives_the_same_json_as_serial(tmp_path):
    assert main(["convert", *map(str, SEEDS), "-o", str(tmp_path / "a"), "--jobs", "1"]) == 0
    assert main(["convert", *map(str, SEEDS), "-o", str(tmp_path / "b"), "--jobs", "2"]) == 0
    for seed in SEEDS:
        name = f"{seed.stem}.json"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
