"""Three columns on one line: read the left column, then the middle one, then the right one.

Tesseract, when its page segmentation fails on a three-column story, reads
straight across the page: each text line holds a line of every column, the
gutters read as a space or two, sometimes as the column rule (``|``) or a
stray mark (``，``, ``”``) beside it::

    场评审，经过查阅资料、实地查看 ，塞等危重孕产妇四百余例，抢救成 ”形成了可推广的经验。院长方静怡
    和模拟演练，中心以优秀等次通过 | 功率保持在百分之九十八以上。产 表示，将以此次评审为契机，继续

:func:`split_three_columns` finds runs of at least :data:`_MIN_LINES`
consecutive lines (at most one blank line apart) that each have a gap near
each of two *boundaries*: the two display columns most lines have a gap
near (within :data:`_DRIFT` cells), the columns between them of about one
width. A run is re-read column by column only if that reads better than the
printed order by the lexicon (a word across each seam: 抢救成|功率,
孕产|妇救治), the test :mod:`newsclean.structure.oneline` makes for two
columns, here over three; where it is not clearly better the run is left as
printed. Every piece keeps its exact source span; the two-column splitter
passes the pieces by.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import regex

from newsclean.model import Block, Flag, Span
from newsclean.readers.lines import display_width
from newsclean.structure.line_moves import GUTTER, line_piece, line_runs

_HAN = regex.compile(r"\p{Han}")
_MIN_LINES = 3  # lines a run must cut before its three columns are believed
_DRIFT = 6  # cells a gap may stray from its boundary (OCR'd punctuation widths, a short last line)
_MIN_COLUMN = 12  # cells: a column narrower than six Chinese characters is no column of running text
_MIN_HAN = 6  # Chinese characters a line of three column lines holds, at least, in each of two columns
_DECISIVE = 1.0  # reading-score margin a column-by-column reading must win by
_MAX_LINE = 240  # characters: three columns' lines side by side are far shorter (and a long line is never scanned)

Cut = tuple[int, int, int]  # (gap start, gap end, display column of the gap's end)
Seam = Callable[[str, str], float]


@lru_cache(maxsize=4096)
def _cuts(text: str) -> tuple[Cut, ...]:
    """Every gap between two non-space characters of a line, with the display column where it ends."""
    return tuple(
        (m.start(), m.end(), display_width(text[: m.end()]))
        for m in GUTTER.finditer(text)
        if 0 < m.start() and m.end() < len(text)
    )


def _line_ok(b: Block) -> bool:
    """One line as read, one exact span, Chinese text, not yet cut by a column reader.

    (Run on every line of every dump: the cheap tests first, the gaps measured last.)
    """
    text = b.text
    return (
        len(text) <= _MAX_LINE
        and _TWO_GAPS.search(text) is not None
        and len(b.spans) == 1
        and b.spans[0].end - b.spans[0].start == len(text)
        and "\n" not in text
        and not b.hints.get("oneline")
        and len(_HAN.findall(text)) >= 2 * _MIN_HAN
        and len(_cuts(text)) >= 2
    )


_TWO_GAPS = regex.compile(r"[ \u3000|].*?\S.*?[ \u3000|]")  # two gaps with text between: a cheap first test


def _boundaries(texts: Sequence[str]) -> tuple[int, int] | None:
    """The two display columns most lines have a gap near, about one column width apart, or None."""
    ends = [sorted({c[2] for c in _cuts(t)}) for t in texts]
    support: dict[int, int] = {}
    for p in {p for line in ends for p in line}:
        support[p] = sum(1 for line in ends if any(abs(q - p) <= _DRIFT for q in line))
    ranked = sorted(support, key=lambda p: (-support[p], p))
    for first in ranked:
        for second in ranked:
            width = second - first
            if width >= _MIN_COLUMN and abs(first - width) <= 2 * _DRIFT:
                if min(support[first], support[second]) >= _MIN_LINES:
                    return first, second
    return None


def _cut_at(text: str, bounds: tuple[int, int]) -> tuple[Cut, Cut] | None:
    """The line's gaps nearest each boundary, or None if it has none near one of them."""
    cuts = _cuts(text)
    picked = []
    for bound in bounds:
        near = [c for c in cuts if abs(c[2] - bound) <= _DRIFT]
        if not near:
            return None
        picked.append(min(near, key=lambda c: (abs(c[2] - bound), -(c[1] - c[0]))))
    first, second = picked
    if first[1] >= second[0]:
        return None  # (two gaps run together: no middle column between them)
    return first, second


def _pieces(text: str, cuts: tuple[Cut, Cut]) -> tuple[str, str, str]:
    (a1, z1, _), (a2, z2, _) = cuts
    return text[:a1], text[z1:a2], text[z2:]


def _readings(rows: Sequence[tuple[str, str, str]], seam: Seam) -> tuple[float, float]:
    """Scores of reading the pieces column by column and as printed (row by row)."""
    by_column = sum(seam(rows[k][c], rows[k + 1][c]) for k in range(len(rows) - 1) for c in range(3))
    by_row = sum(seam(r[0], r[1]) + seam(r[1], r[2]) for r in rows) + sum(
        seam(rows[k][2], rows[k + 1][0]) for k in range(len(rows) - 1)
    )
    return by_column, by_row


def _emit(run: Sequence[Block], cuts: Sequence[tuple[Cut, Cut]], flagged: bool) -> list[list[Block]]:
    """The run's pieces in their three columns, each with its exact source span."""
    columns: list[list[Block]] = [[], [], []]
    for k, (b, (first, second)) in enumerate(zip(run, cuts)):
        bounds = ((0, first[0]), (first[1], second[0]), (second[1], len(b.text)))
        for c, (a, z) in enumerate(bounds):
            hints = {**b.hints, "column": c, "oneline": True, "width": display_width(b.text[a:z])}
            hints["blank_before"] = 1 if k == 0 else int(b.hints.get("blank_before", 0))
            if c:
                hints["indent"] = 0
            flags = b.flags if c == 0 else ()
            if flagged and k == 0 and c == 0:
                note = "three columns printed on one line split at narrow gaps; the lexicon barely prefers it"
                flags = (*flags, Flag("interleaved", note, b.spans[0]))
            columns[c].append(line_piece(b, a, z, hints, flags))
    return columns


_STRAY = "，,。”’|·.、"  # a gutter rule OCR read as a mark, at a piece's start


def _opening(text: str) -> str:
    """A piece's text as it reads on from the line above: a gutter rule read as a mark at its start dropped."""
    return text.lstrip(_STRAY + " \u3000")


def _measured(column: Sequence[Block]) -> list[Block]:
    """A column's lines hinted with its full width (``col_measure``: roles judge a line full or short by it)."""
    full = max(display_width(b.text.strip()) for b in column)
    return [Block(b.type, b.text, b.spans, b.flags, {**b.hints, "col_measure": full}) for b in column]


def _joined(column: list[Block]) -> list[Block]:
    """A column's pieces, the first going on from the lines moved over it (no paragraph break)."""
    first = column[0]
    return [Block(first.type, first.text, first.spans, first.flags, {**first.hints, "blank_before": 0}), *column[1:]]


def _column_tops(
    blocks: Sequence[Block], lo: int, i: int, columns: Sequence[list[Block]], width: int, seam: Seam
) -> list[list[int]] | None:
    """The three columns' first lines, printed above the run as three chunks, if they read on into it.

    Before its page segmentation fails, Tesseract may read each column's
    first lines as a block of its own: three chunks, set off by blank lines,
    of lines that fit a column. Each goes over the column whose first piece
    it reads on into (a lexicon word across the seam: 进行现|场评审), for two
    of the three columns at least.
    """
    chunks: list[list[int]] = []
    k = i
    while len(chunks) < 3 and k > lo:
        end = k
        k -= 1
        while k > lo and not int(blocks[k].hints.get("blank_before", 0)):
            k -= 1
        chunk = list(range(k, end))
        if len(chunk) > 4 or any(display_width(blocks[m].text.strip()) > width + _DRIFT for m in chunk):
            return None
        chunks.insert(0, chunk)
    if len(chunks) < 3:
        return None
    reads_on = sum(1 for chunk, col in zip(chunks, columns) if seam(blocks[chunk[-1]].text, _opening(col[0].text)) > 0)
    return chunks if reads_on >= 2 else None


def split_three_columns(blocks: Sequence[Block], seam: Seam) -> tuple[list[Block], list[tuple[Span, str, str]]]:
    """Runs of lines holding three columns each re-read column by column (``seam``: the lexical seam score).

    Returns the new block list and, per run split, its source span with its
    text before and after, for the change log.
    """
    out: list[Block] = []
    moves: list[tuple[Span, str, str]] = []
    done = 0
    for i, j in line_runs(blocks, _line_ok, _line_ok, _MIN_LINES):
        run = blocks[i:j]
        bounds = _boundaries([b.text for b in run])
        if bounds is None:
            continue
        cuts = [_cut_at(b.text, bounds) for b in run]
        if any(c is None for c in cuts):
            continue
        picked = [c for c in cuts if c is not None]
        rows = [_pieces(b.text, c) for b, c in zip(run, picked)]
        by_column, by_row = _readings(rows, seam)
        if by_column <= by_row:
            continue
        columns = _emit(run, picked, by_column - by_row < _DECISIVE)
        start = max(i, done)
        tops = _column_tops(blocks, done, i, columns, bounds[0], seam)
        if tops is not None:
            start = tops[0][0]
            columns = [[*(blocks[k] for k in top), *_joined(col)] for top, col in zip(tops, columns)]
        new = [b for col in columns for b in _measured(col)]
        out.extend(blocks[done:start])
        out.extend(new)
        moves.append(
            (
                Span(blocks[start].spans[0].start, run[-1].spans[0].end),
                "\n".join(b.text for b in blocks[start:j]),
                "\n".join(b.text for b in new),
            )
        )
        done = j
    out.extend(blocks[done:])
    return out, moves
