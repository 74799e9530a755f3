"""Helpers shared by the batch tests: small trees of seed dumps and report reading."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def tiny_dump(i: int) -> bytes:
    """A small seed-like dump, different for every ``i`` (the seeds themselves take seconds to clean)."""
    return (
        f"# 第{i}期 医院简讯\n\n"
        f"医 患 故 事\n\n"
        f"今年{i}月，我院开展好\n\n对口支援工作,把学习作为终身课题。\n\n"
        f"（宣传科）\n"
    ).encode()


def tiny(path: Path, i: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tiny_dump(i))
    return path


def seed_tree(root: Path, count: int = 3) -> Path:
    """``root`` holding ``count`` small dumps ``NNN_page.txt``, the last one in a subfolder."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        tiny(root / ("sub" if i == count - 1 else "") / f"{i:03d}_page.txt", i)
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
