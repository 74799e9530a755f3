"""OCR speckle by a headline: a speck of dirt read as Latin letters or as a closing quote.

A headline is set large and alone, so OCR reads the dirt around it as
characters: one to three Latin letters on a line of their own among Chinese
headline lines, or a closing quote that closes nothing. Both are dropped;
each repair is logged and flagged ``uncertain_ocr``.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from newsclean.model import Block, Change, Flag, Span, span_of
from newsclean.structure.build_context import NAME, BuildContext
from newsclean.structure.cues import unpaired_closers

_HAN = regex.compile(r"\p{Han}")
_SPECKLE = regex.compile(r"[A-Za-z]{1,3}")
# anything that may have opened a quote, including OCR misreads of 「 and “ (``[``, ``"``)
_OPENING_MARKS = regex.compile(r"[“‘「『（(《【\[\"']")


def drop_speckle_lines(heads: list[Block], ctx: BuildContext, flags: list[Flag]) -> list[Block]:
    """Headline lines of one to three Latin letters among Chinese ones: OCR speckle, dropped (logged, flagged)."""
    if not any(_HAN.search(b.text) for b in heads):
        return heads
    kept = []
    for b in heads:
        t = b.text.strip()
        if not _SPECKLE.fullmatch(t):
            kept.append(b)
            continue
        ctx.changes.append(Change(NAME, span_of(b.spans), t, "", "Latin letters on a line of their own by a headline"))
        flags.append(Flag("uncertain_ocr", f"{t!r} by the headline dropped as OCR speckle", span_of(b.spans)))
    return kept or heads


def drop_stray_closers(
    field: str, value: tuple[str, Sequence[Span]], ctx: BuildContext, flags: list[Flag]
) -> tuple[str, Sequence[Span]]:
    """``value`` of headline field ``field`` without the closing quotes that close nothing (logged, flagged).

    A headline pairs its quotes; a closing quote that opens the line, or
    stands before the gap between two phrases, is read from a speck.
    """
    text, spans = value
    stray = [
        i
        for i in unpaired_closers(text)
        if (i == 0 or text[i + 1 : i + 2].isspace()) and not _OPENING_MARKS.search(text, 0, i)
    ]
    if not stray:
        return value
    fixed = "".join(ch for i, ch in enumerate(text) if i not in stray).strip()
    ctx.changes.append(Change(NAME, span_of(spans), text, fixed, "a closing quote that closes nothing: OCR speckle"))
    flags.append(Flag("uncertain_ocr", f"stray closing quote dropped from the {field} {fixed!r}", span_of(spans)))
    return fixed, spans
