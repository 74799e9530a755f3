"""Paragraphs run in: two paragraphs a converter printed as one line, its printed lines joined by spaces.

pymupdf4llm (and PyMuPDF's blocks) print each text block on one line, the
block's printed lines joined by single spaces (``…开展针灸治疗。 谈起今后的打算，
周文博 说，…``). Chinese newsprint marks a paragraph by the first line's
indent, not by space between paragraphs, so a converter that groups lines by
their spacing puts a column's paragraphs into one block. The block's pieces
show where a paragraph ends as print does: a short last line that ends a
sentence, then a line two characters short of the measure (the indent),
between lines of one measure. :func:`split_run_in_paragraphs` cuts the line
there; each part keeps its exact source span.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import median
from typing import Any

import regex

from newsclean.model import Block, Document, Span
from newsclean.readers.lines import display_width  # the reader's own width hint, in display cells
from newsclean.registry import cleaner
from newsclean.structure.cues import ends_sentence
from newsclean.structure.line_moves import apply_line_moves, line_piece

NAME = "split_run_in_paragraphs"
_PIECE = regex.compile(r"[^ ]+")
_MIN_PIECES = 4  # printed lines a block needs to show its measure
_MEASURE_SPREAD = 2  # characters by which full lines of one measure differ at most (justified type)
_INDENT = 1.5  # characters by which an indented first line falls short of the measure, at least


def run_in_cuts(text: str) -> list[int]:
    """Offsets in ``text`` (one block's printed lines joined by single spaces) where a paragraph starts.

    >>> line = "为了让更多群众少跑路，周 文博带领团队每月到乡镇卫生院 坐诊两次，手把手教基层医生规 " \\
    ...        "范操作。如今，全县已有十二家 卫生院能够开展针灸治疗。 谈起今后的打算，周文博 说，他希望把科室的经验整理成 册。"
    >>> [line[k:k + 4] for k in run_in_cuts(line)]
    ['谈起今后']
    """
    if "  " in text or "\n" in text:
        return []  # a wide gap is a column gutter, not a line break
    pieces = list(_PIECE.finditer(text))
    if len(pieces) < _MIN_PIECES:
        return []
    ends = [ends_sentence(m.group()) for m in pieces]
    # full lines: inner ones that neither end a sentence nor follow one (those may be a paragraph's last and first)
    full = [len(pieces[k].group()) for k in range(1, len(pieces) - 1) if not ends[k] and not ends[k - 1]]
    if len(full) < 2 or max(full) - min(full) > _MEASURE_SPREAD:
        return []
    measure = median(full)
    return [
        pieces[k].start()
        for k in range(1, len(pieces) - 1)
        if ends[k - 1] and len(pieces[k - 1].group()) < measure and len(pieces[k].group()) <= measure - _INDENT
    ]


def _parts(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph in ``text``, each part cut again until none can be (so a second
    pass, which measures each part by its own lines, finds nothing more to cut)."""
    cuts = run_in_cuts(text)
    if not cuts:
        return [(0, len(text))]
    bounds = [0, *cuts, len(text) + 1]
    out: list[tuple[int, int]] = []
    for start, end in zip(bounds, bounds[1:]):
        out.extend((start + a, start + z) for a, z in _parts(text[start : end - 1]))
    return out


def _split(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[Span, str, str]]]:
    out: list[Block] = []
    moves: list[tuple[Span, str, str]] = []
    for b in blocks:
        exact = len(b.spans) == 1 and b.spans[0].end - b.spans[0].start == len(b.text)
        parts = _parts(b.text) if exact and b.type == "paragraph" and not b.hints.get("md_level") else []
        if len(parts) < 2:
            out.append(b)
            continue
        pieces = [line_piece(b, *parts[0], {**b.hints, "width": display_width(b.text[slice(*parts[0])])})]
        for start, end in parts[1:]:
            hints = {k: v for k, v in b.hints.items() if k not in ("after_furniture", "indent")}
            hints.update(
                blank_before=max(1, int(b.hints.get("blank_before", 0))), width=display_width(b.text[start:end])
            )
            pieces.append(line_piece(b, start, end, hints, ()))
        out.extend(pieces)
        moves.append((b.spans[0], b.text, "\n".join(p.text for p in pieces)))
    return out, moves


@cleaner(NAME, family="structure")
def split_run_in_paragraphs(doc: Document, options: Mapping[str, Any]) -> Document:
    """Cut a one-line block where its printed lines show a paragraph's end and the next one's indent.

    >>> from newsclean.readers import segment_lines
    >>> text = "甲乙丙丁戊己庚辛壬癸子丑 寅卯辰巳午未申酉戌亥子丑 寅卯辰巳午。 甲乙丙丁戊己庚辛壬癸 子丑寅卯辰巳午未申酉戌亥子 丑。"
    >>> [b.text for b in split_run_in_paragraphs(segment_lines(text), {}).blocks()]
    ['甲乙丙丁戊己庚辛壬癸子丑 寅卯辰巳午未申酉戌亥子丑 寅卯辰巳午。', '甲乙丙丁戊己庚辛壬癸 子丑寅卯辰巳午未申酉戌亥子 丑。']
    """
    return apply_line_moves(doc, NAME, _split, "two paragraphs printed as one block cut at the second one's indent")
