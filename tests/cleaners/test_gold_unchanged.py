"""Negative tests: every text of every gold document passes through each text cleaner unchanged."""

from __future__ import annotations

import json

import pytest

from newsclean.model import Document
from newsclean.registry import get_cleaner
from project_paths import GOLD

TEXT_CLEANERS = ("normalize_unicode", "undouble", "dedupe", "punctuation", "ocr_confusions", "cjk_spacing")


def texts(doc: Document) -> list[str]:
    out = []
    for article in doc.articles:
        out.extend(f"{name}: {value}" for name, value in article.head().items() if value)
        out.extend(f"{b.type}: {b.text}" for b in article.blocks)
    out.extend(f"furniture {f.kind}: {f.text}" for f in doc.furniture)
    return out


@pytest.mark.parametrize("name", TEXT_CLEANERS)
@pytest.mark.parametrize("gold", GOLD, ids=[p.stem[:3] for p in GOLD])
def test_gold_text_passes_unchanged(gold, name):
    doc = Document.from_dict(json.loads(gold.read_text(encoding="utf-8")))
    cleaned = get_cleaner(name)(doc, {})
    assert texts(cleaned) == texts(doc)
    assert cleaned.changes == doc.changes


@pytest.mark.parametrize("name", TEXT_CLEANERS)
@pytest.mark.parametrize("gold", GOLD, ids=[p.stem[:3] for p in GOLD])
def test_gold_block_as_plain_paragraph_unchanged(gold, name):
    """The same texts as line-level paragraphs (a pipeline run before the structure cleaners)."""
    from newsclean.model import Article, Block

    doc = Document.from_dict(json.loads(gold.read_text(encoding="utf-8")))
    blocks = tuple(Block("paragraph", b.text) for b in doc.blocks() if b.type in ("paragraph", "note", "caption"))
    flat = Document(articles=(Article(blocks=blocks),))
    cleaned = get_cleaner(name)(flat, {})
    assert [b.text for b in cleaned.blocks()] == [b.text for b in blocks]
