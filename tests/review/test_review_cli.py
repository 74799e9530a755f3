"""`newsclean review` and `newsclean convert --report text|json|html`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclean.cli import main
from newsclean.pipeline import clean_text
from newsclean.readers import read_path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_db1209461bd89be0.txt"


def test_review_writes_the_page_and_change_log(tmp_path, capsys):
    assert main(["review", str(SEED), "-o", str(tmp_path), "--json"]) == 0
    page = tmp_path / f"{SEED.stem}.html"
    log = json.loads((tmp_path / f"{SEED.stem}.changes.json").read_text(encoding="utf-8"))
    doc = clean_text(read_path(SEED).text, source=SEED.name)
    assert log["counts"]["changes"] == len(doc.changes) and len(log["flags"]) == len(list(doc.flags()))
    assert page.read_bytes().count(b'class="chg-row') == len(doc.changes)
    assert str(page) in capsys.readouterr().out


def test_review_of_a_missing_file_fails_and_goes_on(tmp_path, capsys):
    assert main(["review", str(tmp_path / "nope.txt"), str(SEED), "-o", str(tmp_path)]) == 1
    assert (tmp_path / f"{SEED.stem}.html").exists()
    assert "1 reviewed, 1 failed" in capsys.readouterr().err


def test_convert_report_html_and_json(tmp_path):
    assert main(["convert", str(SEED), "-o", str(tmp_path), "--report", "html"]) == 0
    assert (tmp_path / f"{SEED.stem}.review.html").exists() and (tmp_path / f"{SEED.stem}.json").exists()
    assert main(["convert", str(SEED), "-o", str(tmp_path), "--report", "json"]) == 0
    log = json.loads((tmp_path / f"{SEED.stem}.changes.json").read_text(encoding="utf-8"))
    assert set(log["changes"][0]) == {"cleaner", "span", "before", "after", "reason"}
    assert all({"kind", "note", "span"} <= set(f) for f in log["flags"])


def test_convert_report_alone_still_lists_flags_as_text(tmp_path, capsys):
    assert main(["convert", str(SEED), "-o", str(tmp_path), "--report"]) == 0
    out = capsys.readouterr().out
    doc = clean_text(read_path(SEED).text, source=SEED.name)
    assert out.count(f"{SEED}:") == len(list(doc.flags()))
    assert not list(tmp_path.glob("*.review.html")) and not list(tmp_path.glob("*.changes.json"))


def test_report_files_need_files_not_stdout(tmp_path, capsys):
    assert main(["convert", str(SEED), "-o", "-", "--report", "html"]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["convert", str(SEED), "-o", str(tmp_path), "--report", "pdf"])
    assert exit_.value.code == 2
    assert main(["review", "-", "-o", str(tmp_path)]) == 2


def test_review_of_a_directory_mirrors_its_folders_like_convert(tmp_path, capsys):
    archive = tmp_path / "archive"
    for folder in ("2024", "2025"):
        (archive / folder).mkdir(parents=True)
        (archive / folder / "p1.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["review", str(archive), "-o", str(out), "--json"]) == 0
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert pages == ["2024/p1.changes.json", "2024/p1.html", "2025/p1.changes.json", "2025/p1.html"]


def test_review_of_two_files_with_one_name_refuses_the_second(tmp_path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "p1.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["review", str(tmp_path / "a" / "p1.txt"), str(tmp_path / "b" / "p1.txt"), "-o", str(out)]) == 1
    assert "already used by another input" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["p1.html"]
