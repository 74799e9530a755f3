"""Reports in a batch sit beside the mirrored outputs and come from the same cleaning."""

from __future__ import annotations

import json
from pathlib import Path

from newsclean.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_same_named_inputs_in_folders_get_their_own_reports(tmp_path):
    seed = sorted((ROOT / "seeds").glob("*.txt"))[2].read_bytes()
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "page.txt").write_bytes(seed)
    out = tmp_path / "out"
    assert main(["convert", str(tmp_path / "in"), "-o", str(out), "--report", "json"]) == 0
    assert main(["convert", str(tmp_path / "in"), "-o", str(out), "--report", "html", "--force"]) == 0
    for folder in ("a", "b"):
        log = json.loads((out / folder / "page.changes.json").read_text(encoding="utf-8"))
        doc = json.loads((out / folder / "page.json").read_text(encoding="utf-8"))
        assert len(log["changes"]) == len(doc["changes"]) > 0
        assert (out / folder / "page.review.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    report = json.loads((out / "_report.json").read_text(encoding="utf-8"))
    assert all(any(o.endswith(".review.html") for o in entry["outputs"]) for entry in report["files"])
