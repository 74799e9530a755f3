"""Score cleaned documents against gold documents (``make eval``).

The figures are defined exactly as in the project's acceptance scorer, over
article content only (furniture excluded):

``cer``       character edits / gold characters (whitespace runs count as one space)
``loss``      gold characters the output dropped / gold characters
``noise``     characters the output inserted / gold characters
``para_f1``   F1 of unit boundaries (paragraph, heading and headline starts),
              matched through the character alignment with a tolerance of 2
``title_f1``  F1 of headlines (whitespace-insensitive similarity >= 90)
``furn_leak`` share of gold furniture lines (>= 6 chars) found inside the content
``articles``  output article count / gold article count

Totals: cer, loss and noise are micro-averaged over characters; the others are
the mean over documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from newsclean.model import HEAD_FIELDS, Document
from newsclean.pipeline import PipelineConfig, clean_text
from newsclean.readers import read_path

_WS = re.compile(r"\s+")
_PUNCT_FOLD = str.maketrans("，：；！？（）“”‘’", ",:;!?()\"\"''")
COLUMNS = ("cer", "loss", "noise", "para_f1", "title_f1", "furn_leak", "articles")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _canon(text: str) -> str:
    return _WS.sub("", text).translate(_PUNCT_FOLD)


def content_units(doc: Document) -> list[str]:
    """Headline fields and block texts in reading order, whitespace-normalised."""
    units = []
    for article in doc.articles:
        units.extend(_norm(v) for f in HEAD_FIELDS if (v := getattr(article, f)))
        units.extend(_norm(b.text) for b in article.blocks if b.text)
    return [u for u in units if u]


def _stream(units: list[str]) -> tuple[str, list[int]]:
    starts, length = [], 0
    for unit in units:
        if length:
            starts.append(length)
        length += len(unit)
    return "".join(units), starts


def boundary_f1(sys_text: str, sys_starts: list[int], gold_text: str, gold_starts: list[int], tol: int = 2) -> float:
    """F1 of unit starts, system starts mapped into gold offsets through the alignment."""
    if not gold_starts and not sys_starts:
        return 1.0
    mapping = [0] * (len(sys_text) + 1)
    for tag, s1, e1, s2, e2 in Levenshtein.opcodes(sys_text, gold_text):
        for k in range(s1, e1):
            mapping[k] = s2 + (k - s1 if tag in ("equal", "replace") else 0)
        mapping[e1] = e2
    used: set[int] = set()
    hits = 0
    for m in sorted(mapping[s] for s in sys_starts):
        for j, g in enumerate(sorted(gold_starts)):
            if j not in used and abs(g - m) <= tol:
                used.add(j)
                hits += 1
                break
    return _f1(hits, len(sys_starts), len(gold_starts))


def _f1(hits: int, n_sys: int, n_gold: int) -> float:
    p = hits / n_sys if n_sys else 0.0
    r = hits / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def title_f1(sys_titles: list[str], gold_titles: list[str]) -> float:
    """F1 of headlines matched one-to-one at similarity >= 90."""
    gold = [_WS.sub("", t) for t in gold_titles]
    used: set[int] = set()
    hits = 0
    for s in (_WS.sub("", t) for t in sys_titles):
        for j, g in enumerate(gold):
            if j not in used and fuzz.ratio(s, g) >= 90:
                used.add(j)
                hits += 1
                break
    p = hits / len(sys_titles) if sys_titles else 0.0
    r = hits / len(gold) if gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score_document(system: Document, gold: Document) -> dict[str, Any]:
    """Every figure of the module docstring for one document, plus raw counts."""
    s_text, s_starts = _stream(content_units(system))
    g_text, g_starts = _stream(content_units(gold))
    ops = Levenshtein.editops(s_text, g_text)
    inserted = sum(1 for op in ops if op.tag == "delete")
    deleted = sum(1 for op in ops if op.tag == "insert")
    edits = len(ops)
    s_canon = _canon(s_text)
    furniture = [n for f in gold.furniture if len(n := _norm(f.text)) >= 6]
    leaks = sum(1 for f in furniture if fuzz.partial_ratio(_canon(f), s_canon) >= 92)
    n = max(len(g_text), 1)
    return {
        "gold_chars": len(g_text),
        "edits": edits,
        "deleted": deleted,
        "inserted": inserted,
        "cer": edits / n,
        "loss": deleted / n,
        "noise": inserted / n,
        "para_f1": boundary_f1(s_text, s_starts, g_text, g_starts),
        "title_f1": title_f1(
            [a.title for a in system.articles if a.title], [a.title for a in gold.articles if a.title]
        ),
        "furn_leak": leaks / len(furniture) if furniture else None,
        "articles": len(system.articles) / max(len(gold.articles), 1),
    }


def total_row(rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Micro-averaged cer/loss/noise and the mean of the other figures."""
    chars = max(sum(r["gold_chars"] for r in rows.values()), 1)
    total: dict[str, Any] = {
        "cer": sum(r["edits"] for r in rows.values()) / chars,
        "loss": sum(r["deleted"] for r in rows.values()) / chars,
        "noise": sum(r["inserted"] for r in rows.values()) / chars,
    }
    for key in ("para_f1", "title_f1", "furn_leak", "articles"):
        values = [r[key] for r in rows.values() if r[key] is not None]
        total[key] = sum(values) / len(values) if values else None
    return total


def evaluate_seeds(gold_dir: Path, seeds_dir: Path, config: PipelineConfig | None = None) -> dict[str, dict[str, Any]]:
    """Clean each seed that has a gold document and score it; adds a TOTAL row."""
    rows = {}
    for gold_path in sorted(gold_dir.glob("*.json")):
        seed = seeds_dir / f"{gold_path.stem}.txt"
        system = clean_text(read_path(seed).text, source=seed.name, config=config)
        rows[gold_path.stem] = score_document(system, Document.from_json(gold_path.read_text(encoding="utf-8")))
    return {**rows, "TOTAL": total_row(rows)} if rows else rows


def _lose_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def _hard_wrap(text: str, width: int = 30) -> str:
    return "\n".join(line[i : i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))


# The seeds as other tools deliver the same pages: a text export that drops the blank lines, a converter that
# hard-wraps at a fixed width, text passed through NFKC, Windows line ends. The gold documents stay the same.
SEED_VARIANTS: dict[str, Callable[[str], str]] = {
    "no-blank-lines": _lose_blank_lines,
    "wrapped-30": _hard_wrap,
    "nfkc": lambda text: unicodedata.normalize("NFKC", text),
    "crlf": lambda text: text.replace("\n", "\r\n"),
}


def evaluate_variants(
    gold_dir: Path, seeds_dir: Path, config: PipelineConfig | None = None
) -> dict[str, dict[str, Any]]:
    """Clean every :data:`SEED_VARIANTS` rendering of each seed and score it against the seed's gold.

    Rows are ``variant/seed``; a ``TOTAL <variant>`` row per variant and an overall ``TOTAL`` row follow.
    """
    rows: dict[str, dict[str, Any]] = {}
    by_variant: dict[str, dict[str, dict[str, Any]]] = {}
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = Document.from_json(gold_path.read_text(encoding="utf-8"))
        seed = seeds_dir / f"{gold_path.stem}.txt"
        text = read_path(seed).text
        for name, render in SEED_VARIANTS.items():
            row = score_document(clean_text(render(text), source=seed.name, config=config), gold)
            rows[f"{name}/{gold_path.stem[:3]}"] = row
            by_variant.setdefault(name, {})[gold_path.stem] = row
    totals = {f"TOTAL {name}": total_row(variant_rows) for name, variant_rows in by_variant.items()}
    return {**rows, **totals, "TOTAL": total_row(rows)} if rows else rows


def evaluate_degraded(root: Path, config: PipelineConfig | None = None) -> dict[str, dict[str, Any]]:
    """Clean every tool dump of every page under ``root`` (``<page>/gold.json`` + ``<page>/<tool>.txt``).

    Rows are ``page/tool``; a ``TOTAL <tool>`` row per extraction tool and an
    overall ``TOTAL`` row follow.
    """
    rows: dict[str, dict[str, Any]] = {}
    by_tool: dict[str, dict[str, dict[str, Any]]] = {}
    for gold_path in sorted(root.glob("*/gold.json")):
        gold = Document.from_json(gold_path.read_text(encoding="utf-8"))
        for dump in sorted(gold_path.parent.glob("*.txt")):
            system = clean_text(read_path(dump).text, source=dump.name, config=config)
            row = score_document(system, gold)
            rows[f"{gold_path.parent.name}/{dump.stem}"] = row
            by_tool.setdefault(dump.stem, {})[gold_path.parent.name] = row
    totals = {f"TOTAL {tool}": total_row(tool_rows) for tool, tool_rows in sorted(by_tool.items())}
    return {**rows, **totals, "TOTAL": total_row(rows)} if rows else rows


def evaluate_dir(gold_dir: Path, sys_dir: Path) -> dict[str, dict[str, Any]]:
    """Score existing ``<stem>.json`` outputs in ``sys_dir`` against ``gold_dir``."""
    rows = {}
    for gold_path in sorted(gold_dir.glob("*.json")):
        system = Document.from_json((sys_dir / gold_path.name).read_text(encoding="utf-8"))
        rows[gold_path.stem] = score_document(system, Document.from_json(gold_path.read_text(encoding="utf-8")))
    return {**rows, "TOTAL": total_row(rows)} if rows else rows


def format_table(rows: dict[str, dict[str, Any]]) -> str:
    """The figures as an aligned text table, one row per document plus TOTAL."""
    width = max([28, *(len(name) for name in rows)])
    lines = [f"{'case':{width}s} " + " ".join(f"{k:>9s}" for k in COLUMNS)]
    for name, row in rows.items():
        cells = ("      n/a" if row[k] is None else f"{row[k]:9.4f}" for k in COLUMNS)
        lines.append(f"{name:{width}s} " + " ".join(cells))
    return "\n".join(lines)
