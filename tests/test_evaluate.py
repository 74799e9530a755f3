"""`make eval` figures agree with the acceptance scorer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsclean.evaluate import evaluate_dir, format_table, score_document
from newsclean.model import Document
from newsclean.pipeline import clean_text
from newsclean.readers import read_path
from project_paths import GOLD, ROOT

SCORER = ROOT.parent / "shared" / "score.py"


def test_gold_scores_perfectly_against_itself():
    # 002: its furniture (an editor credit line) never occurs in article text. In
    # 003 the masthead name 三门峡市中心医院 also appears in stories, so even the
    # gold "leaks" 1 of its 17 furniture lines there.
    gold = Document.from_json(GOLD[2].read_text(encoding="utf-8"))
    row = score_document(gold, gold)
    assert row["cer"] == 0 and row["para_f1"] == 1 and row["title_f1"] == 1 and row["furn_leak"] == 0


def test_a_dropped_paragraph_counts_as_loss():
    gold = Document.from_json(GOLD[0].read_text(encoding="utf-8"))
    from dataclasses import replace

    first = gold.articles[0]
    damaged = replace(gold, articles=(replace(first, blocks=first.blocks[1:]),) + gold.articles[1:])
    row = score_document(damaged, gold)
    assert row["loss"] == pytest.approx(len(first.blocks[0].text) / row["gold_chars"])


@pytest.mark.skipif(not SCORER.exists(), reason="the acceptance scorer ../shared/score.py is not beside this checkout")
def test_figures_match_the_acceptance_scorer(tmp_path):
    for gold in GOLD:
        seed = ROOT / "seeds" / f"{gold.stem}.txt"
        doc = clean_text(read_path(seed).text, source=seed.name)
        (tmp_path / gold.name).write_text(doc.to_json(), encoding="utf-8")
    ours = evaluate_dir(ROOT / "fixtures" / "gold", tmp_path)
    out = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold-dir",
            str(ROOT / "fixtures" / "gold"),
            "--sys-dir",
            str(tmp_path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    theirs = json.loads(out.strip().splitlines()[-1])
    for key in ("cer", "loss", "noise", "para_f1", "title_f1", "articles"):
        assert ours["TOTAL"][key] == pytest.approx(theirs[key], abs=1e-9), key
    assert "TOTAL" in format_table(ours)
