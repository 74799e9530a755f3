"""The text cleaners' change log: one entry per repair, at its exact source position (issue 8's review report)."""

from __future__ import annotations

import pytest

from newsclean.cleaners.base import Edit, _locator, compose, merge_close
from newsclean.model import Span
from newsclean.pipeline import clean_text
from project_paths import SEEDS

TEXT_CLEANERS = ("normalize_unicode", "undouble", "dedupe", "punctuation", "ocr_confusions", "cjk_spacing")


@pytest.fixture(scope="module")
def cleaned():
    out = []
    for seed in SEEDS:
        raw = seed.read_text(encoding="utf-8")
        out.append((raw, clean_text(raw, source=seed.name)))
    return out


def test_one_change_per_repair_on_the_seeds(cleaned):
    """No coalesced windows: a punctuation or spacing change covers a mark or a space (and neighbours one apart)."""
    for _, doc in cleaned:
        for c in doc.changes:
            if c.cleaner in ("punctuation", "cjk_spacing"):
                assert len(c.before) <= 6, c


def test_changes_at_their_exact_source_position(cleaned):
    """Nearly every change's span holds its ``before`` text in the dump, rejoined paragraphs included."""
    exact = total = 0
    for raw, doc in cleaned:
        for c in doc.changes:
            if c.cleaner in TEXT_CLEANERS:
                total += 1
                exact += c.span is not None and raw[c.span.start : c.span.end] == c.before
    assert total > 1000
    assert exact / total >= 0.95


def test_locator_maps_offsets_across_rejoined_lines():
    locate = _locator((Span(10, 13), Span(20, 22)), 5)
    assert [locate(0, 1), locate(3, 4), locate(2, 4)] == [Span(10, 11), Span(20, 21), Span(12, 21)]
    assert _locator((Span(10, 13), Span(20, 22)), 6) is None  # the text is not the spans laid end to end


def test_compose_and_merge():
    original = "中,( a"
    first = [Edit(1, 2, ",", "，", "comma")]
    middle = "中，( a"
    second = [Edit(2, 3, "(", "（", "paren"), Edit(3, 4, " ", "", "space")]
    edits = compose(original, middle, first, second)
    assert [(e.start, e.end, e.before, e.after) for e in edits] == [(1, 4, ",( ", "，（")]
    assert merge_close("a,b.c", [Edit(1, 2, ",", "，", "x"), Edit(3, 4, ".", "。", "y")])[0].reason == "x; y"
