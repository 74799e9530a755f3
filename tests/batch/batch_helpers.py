"""Helpers shared by the batch tests: small trees of seed dumps and report reading."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def seed_tree(root: Path, count: int = 3) -> Path:
    """``root`` holding the first ``count`` seeds, the last one in a subfolder."""
    root.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(SEEDS[:count]):
        target = root / ("sub" if i == count - 1 else "") / seed.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seed, target)
    return root


def report(out: Path) -> dict:
    return json.loads((out / "_report.json").read_text(encoding="utf-8"))


def statuses(out: Path) -> dict[str, str]:
    """Input file name -> status, from the batch report."""
    return {Path(f["source"]).name: f["status"] for f in report(out)["files"]}


def files_under(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` except the batch's own bookkeeping, by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "_report.json" and not p.name.startswith(".")
    }
