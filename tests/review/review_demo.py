"""Data of the review tests: a seed document with a made-up change log and flags.

(Not a conftest.py: other test modules import ``conftest`` by name, and a
second one here would shadow theirs.)

Until the cleaners land, a seed cleans with few changes; these fixtures add
changes and flags of every shape the page must handle (overlapping, empty,
missing and out-of-range spans) so the page is tested on a full load.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from newsclean.model import Change, Document, Flag, Span
from newsclean.pipeline import clean_text
from newsclean.readers import read_path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "003_fe161a09c70d140c.txt"


def decorate(doc: Document, raw: str) -> Document:
    """``doc`` with extra changes and flags at real places of ``raw``."""
    changes = list(doc.changes)
    for i, ch in enumerate(raw):
        if ch in ",:":
            changes.append(
                Change(
                    "punctuation", Span(i, i + 1), ch, "，" if ch == "," else "：", "ASCII punctuation in Chinese text"
                )
            )
    for i in range(len(raw) - 2):
        if raw[i] == " " and "\u4e00" <= raw[i - 1] <= "\u9fff" and "\u4e00" <= raw[i + 1] <= "\u9fff":
            changes.append(Change("cjk_spacing", Span(i, i + 1), " ", "", "space between Chinese characters"))
    breaks = [i for i, ch in enumerate(raw) if ch == "\n"][:40:4]
    for i in breaks:  # overlaps the punctuation fixes around it
        changes.append(
            Change(
                "rejoin_lines",
                Span(max(0, i - 3), i + 3),
                raw[max(0, i - 3) : i + 3],
                raw[max(0, i - 3) : i],
                "hard wrap",
            )
        )
    changes.append(Change("dedupe", Span(30, 30), "", "", "an insertion point"))
    changes.append(Change("dedupe", None, "温热期盼。", "", "duplicate without a source position"))
    changes.append(Change("dedupe", Span(len(raw) + 5, len(raw) + 9), "x", "", "a span past the end of the input"))
    articles = list(doc.articles)
    first = articles[0]
    blocks = list(first.blocks)
    b0, b3 = blocks[0], blocks[3]
    blocks[0] = replace(b0, flags=(Flag("interleaved", "column lines mixed", b0.spans[0]),))
    blocks[3] = replace(
        b3,
        flags=(
            Flag("lost_text", "paragraph cut off", Span(b3.spans[0].end - 2, b3.spans[0].end)),
            Flag("unpaired_quote", "no closing quote"),
        ),
    )
    articles[0] = replace(
        first, blocks=tuple(blocks), flags=(Flag("reassembled", "joined from two places", Span(100, 140)),)
    )
    return replace(doc, articles=tuple(articles), changes=tuple(changes))


@lru_cache(maxsize=1)
def seed_raw() -> str:
    """The decoded text of seed 003."""
    return read_path(SEED).text


@lru_cache(maxsize=1)
def demo() -> tuple[str, Document]:
    """(raw, document) of seed 003 with the made-up changes and flags."""
    return seed_raw(), decorate(clean_text(seed_raw(), source=SEED.name), seed_raw())
