"""Every flag an editor set in the gold documents is raised by newsclean at the same spot."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from newsclean.model import Document
from newsclean.pipeline import clean_text
from newsclean.readers import read_path
from project_paths import GOLD, ROOT


def gold_flags():
    for path in GOLD:
        gold = Document.from_json(path.read_text(encoding="utf-8"))
        for article in gold.articles:
            for block in article.blocks:
                for flag in block.flags:
                    yield pytest.param(
                        path.stem, block.text, flag.kind, id=f"{path.stem[:3]}-{flag.kind}-{block.text[:8]}"
                    )


@pytest.fixture(scope="module")
def cleaned() -> dict[str, Document]:
    return {p.stem: clean_text(read_path(ROOT / "seeds" / f"{p.stem}.txt").text, source=p.name) for p in GOLD}


@pytest.mark.parametrize(("stem", "text", "kind"), list(gold_flags()))
def test_gold_flag_is_raised(cleaned, stem, text, kind):
    doc = cleaned[stem]
    # The block of ours that holds the gold block's opening words carries the flag.
    block, article = max(
        ((b, a) for a in doc.articles for b in a.blocks), key=lambda ba: fuzz.partial_ratio(text[:60], ba[0].text)
    )
    assert fuzz.partial_ratio(text[:60], block.text) >= 90
    kinds = {f.kind for f in block.flags} | {f.kind for f in article.flags}
    assert kind in kinds, f"{kind} missing on {block.text[:30]}… (has {sorted(kinds)})"
    assert all(f.span is not None for f in block.flags if f.kind == kind), "flags carry their source position"
