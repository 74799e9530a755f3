"""OCR speckle by a headline: a speck of dirt read as Latin letters or as a quote mark.

A headline is set large and alone, so OCR reads the dirt around it as
characters: one to three Latin letters on a line of their own among Chinese
headline lines, a closing quote that closes nothing, or the only quote of a
headline glued between its two phrases (it becomes the space between them).
Each repair is logged and flagged ``uncertain_ocr``.
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


_QUOTES = regex.compile(r"[“”‘’「」『』\"']")


def _lone_quote(text: str) -> int | None:
    """Where the only quote mark of ``text`` stands between two Han characters (six or more each side), or None.

    A headline's quotes come in pairs; one alone, glued between the two
    phrases of a headline set on two lines (``远程会诊中心投入使用“乡镇患者不出村看专家``), is a speck.

    >>> _lone_quote("远程会诊中心投入使用“乡镇患者不出村看专家"), _lone_quote("我院开展“世界献血者日”主题活动")
    (10, None)
    """
    quotes = [m.start() for m in _QUOTES.finditer(text)]
    if len(quotes) != 1:
        return None
    i = quotes[0]
    left, right = text[:i], text[i + 1 :]
    if len(_HAN.findall(left[-6:])) == 6 and len(_HAN.findall(right[:6])) == 6:
        return i
    return None


def drop_stray_closers(
    field: str, value: tuple[str, Sequence[Span]], ctx: BuildContext, flags: list[Flag]
) -> tuple[str, Sequence[Span]]:
    """``value`` of headline field ``field`` without the closing quotes that close nothing (logged, flagged).

    A headline pairs its quotes; a closing quote that opens the line, or
    stands before the gap between two phrases, is read from a speck.
    """
    text, spans = value
    lone = _lone_quote(text)
    if lone is not None:
        fixed = (text[:lone] + " " + text[lone + 1 :]).strip()
        ctx.changes.append(Change(NAME, span_of(spans), text, fixed, "a lone quote between two phrases: OCR speckle"))
        note = f"lone quote {text[lone]!r} between the phrases of the {field} read as a speck"
        flags.append(Flag("uncertain_ocr", note, span_of(spans)))
        return fixed, spans
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
