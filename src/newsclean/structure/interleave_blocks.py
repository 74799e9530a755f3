"""Interleaved text blocks: columns handed over as alternating blocks of several lines, read back in order.

``pdftotext`` in its default mode groups the lines of a column into text
blocks and orders the blocks, not the lines; where two columns (or two
modules side by side) are cut into several blocks each, the blocks of one
come between those of the other: A1 A2 A3 ⏎⏎ B1 B2 ⏎⏎ A4 A5 ⏎⏎ B3 …, a
page of side-by-side columns whose blocks stop mid-sentence. Each block is read in order; only the blocks
are mixed. The same row-rhythm search that re-reads alternating lines
(:func:`newsclean.structure.interleave.best_columns`) is run with the blocks
as its items, scored at each seam by the block's last line and the next
one's first (sentence continuity, the lexicon, a cut URL or number), and by
the blocks' full widths (:mod:`newsclean.structure.block_width`): two columns
set to different measures do not run on in each other. As for lines, the
re-reading is taken only where it beats the printed order clearly; the rest
is left as printed.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from newsclean.model import Block, Span
from newsclean.structure.block_width import (
    WIDTH_TOLERANCE,
    block_width,
    paragraph_seam,
    width_bounds,
    width_seam,
)
from newsclean.structure.carry import carry_score, head_kind, tail_kind
from newsclean.structure.cues import ends_sentence, is_byline, section_label, visible_len
from newsclean.structure.interleave import MAX_ITEMS, MAX_LINE, line_width, parts_between, reorder_items, text_blocks

_WORD = regex.compile(r"\w")
_CLAUSE = regex.compile(r"[，。；！？]")
_LONGEST = 4 * MAX_LINE  # characters, spaces included, beyond which a line cannot be of column length
_MIN_BLOCKS = 4  # text blocks a run needs: two in each of two columns
_MIN_GLUED = 2  # blocks of two lines or more among them (alternating single lines are the line pass's)
_MIN_IMPOSSIBLE = 2  # seams of the printed order one column cannot print, before the blocks are searched
_MIN_CUT = 2  # blocks that stop mid-sentence, and at least a third of them: a column cut into blocks


def _fits(b: Block) -> bool:
    """Whether a line can be part of a column's text block (the cheap test, read for every line): a line
    of column length with a word in it (not a gutter rule read as ``，  ;  |``) and a source span, not yet
    re-read, not a Markdown heading."""
    if not b.spans or b.hints.get("deinterleaved") or b.hints.get("md_level"):
        return False
    n = len(b.text)
    if not 2 <= n <= _LONGEST:
        return False
    if n > MAX_LINE or b.text[0].isspace() or b.text[-1].isspace():  # spaces in it: count what is visible
        n = visible_len(b.text)
    return 2 <= n <= MAX_LINE and bool(_WORD.search(b.text))


def _breaks(text: str) -> bool:
    """A line of column length that no column text block holds: a section label or a byline. (Signoffs and
    captions stay: they sit in their column, after its story or under its photo.) Read only in runs that
    pass the cheap screens of :func:`_screened`."""
    t = text.strip()
    if _CLAUSE.search(t):
        return False  # running text: labels and bylines have no clause marks
    return bool(section_label(t)) or is_byline(t)


def deinterleave_blocks(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[Span, str, str]]]:
    """Line blocks whose multi-line text blocks alternate between columns put back in reading order.

    Returns the new blocks and, per re-ordered run, its source span and its text before and after, like
    :func:`newsclean.structure.interleave.deinterleave_lines`.
    """
    runs: list[tuple[Span, str, str]] = []
    fits = [_fits(b) for b in blocks]
    out: list[Block] = []
    done = 0
    for start, end in _fitting_runs(fits):
        out.extend(blocks[done:start])
        out.extend(_examine(blocks, start, end, runs))
        done = end
    out.extend(blocks[done:])
    return out, runs


def _fitting_runs(fits: list[bool]) -> list[tuple[int, int]]:
    """The runs of consecutive fitting lines long enough to hold :data:`_MIN_BLOCKS` blocks, two of several
    lines (shorter runs are passed over without being read further).

    >>> _fitting_runs([True] * 6 + [False] + [True] * 3)
    [(0, 6)]
    """
    out: list[tuple[int, int]] = []
    start = None
    for k, fit in enumerate([*fits, False]):
        if fit and start is None:
            start = k
        elif not fit and start is not None:
            if k - start >= _MIN_BLOCKS + _MIN_GLUED:
                out.append((start, k))
            start = None
    return out


def _screened(blocks: Sequence[Block], start: int, end: int) -> list[tuple[int, int]] | None:
    """The run's text blocks if it can be blocks alternating between columns: enough blocks, enough of them
    of several lines, enough of them stopping mid-sentence (a column's blocks otherwise end where its
    paragraphs do); else None."""
    chunks = text_blocks(blocks, start, end)
    if len(chunks) < _MIN_BLOCKS or sum(1 for a, b in chunks if b - a >= 2) < _MIN_GLUED:
        return None
    # the run's last block is not counted: where it stops mid-sentence it goes on beyond the run
    cut = sum(1 for _, b in chunks[:-1] if not ends_sentence(blocks[b - 1].text))
    return chunks if cut >= max(_MIN_CUT, len(chunks) / 3) else None


def _examine(blocks: Sequence[Block], start: int, end: int, runs: list[tuple[Span, str, str]]) -> list[Block]:
    """A run of column-length lines, cut at labels and bylines, each part re-read block by block if its text
    blocks alternate between columns."""
    whole = _screened(blocks, start, end)
    if whole is None:
        return list(blocks[start:end])
    widths = _widths(blocks, whole)
    # headlines (a line or two) may sit in the run until it is cut at labels and bylines: the measures are
    # read from the blocks of three lines or more, which only column text makes
    body = [w for w, (a, b) in zip(widths, whole) if b - a >= 3]
    impossible = _impossible_seams(blocks, whole, widths)
    if not is_typeset(body) or impossible < _MIN_IMPOSSIBLE:
        return list(blocks[start:end])
    breaks = [_breaks(blocks[k].text) for k in range(start, end)]
    if not any(breaks):  # the run is one part: what was read for it is the part's
        return _reordered(blocks, whole, widths, impossible, runs) if is_typeset(widths) else list(blocks[start:end])
    out: list[Block] = []
    for i, j in parts_between(breaks, start):
        chunks = None if breaks[i - start] else _screened(blocks, i, j)
        widths = _widths(blocks, chunks) if chunks else []
        if chunks and is_typeset(widths):
            out.extend(_reordered(blocks, chunks, widths, _impossible_seams(blocks, chunks, widths), runs))
        else:
            out.extend(blocks[i:j])
    return out


def _reordered(
    blocks: Sequence[Block],
    chunks: list[tuple[int, int]],
    widths: list[float | None],
    impossible: int,
    runs: list[tuple[Span, str, str]],
) -> list[Block]:
    """A part's text blocks re-read if enough of its printed seams are impossible and it is not too long to be
    one printed row band (:data:`~newsclean.structure.interleave.MAX_ITEMS`, as for lines)."""
    if impossible < _MIN_IMPOSSIBLE or len(chunks) > MAX_ITEMS:
        return list(blocks[chunks[0][0] : chunks[-1][1]])
    return reorder_items(blocks, chunks, runs, widths, _MIN_BLOCKS)


def is_typeset(widths: Sequence[float | None]) -> bool:
    """Whether the blocks' full widths are those of typeset columns: justified to one measure or two (two
    columns or modules side by side), every measured block within :data:`WIDTH_TOLERANCE` of one of them.
    Text wrapped at a character count has no such measures (its widths scatter), and it is not searched.

    >>> is_typeset([24.0, 22.0, 24.0, None, 22.0]), is_typeset([23.0, 22.0]), is_typeset([25.0, 26.5, 28.0, 29.5])
    (True, True, False)
    """
    known = sorted(w for w in widths if w is not None)
    groups = 0
    top = float("-inf")
    for w in known:
        if w > top:
            groups += 1
            top = w + WIDTH_TOLERANCE  # the group spans the tolerance from its narrowest block
            if groups > 2:
                return False
    return groups >= 1


def _widths(blocks: Sequence[Block], chunks: list[tuple[int, int]]) -> list[float | None]:
    """The full width of each text block (:func:`~newsclean.structure.block_width.block_width`)."""
    return [block_width([line_width(blocks[k].text) for k in range(a, b)]) for a, b in chunks]


def _impossible_seams(blocks: Sequence[Block], chunks: list[tuple[int, int]], widths: list[float | None]) -> int:
    """How many seams of the printed order one column cannot print, by the cues that need no lexicon: a change
    of measure, a broken paragraph rhythm, a cut URL or number not going on. A run with none is not searched
    (the search reads the lexicon at every seam: it is the costly part)."""
    count = 0
    for k in range(1, len(chunks)):
        tail, head = blocks[chunks[k - 1][1] - 1].text, blocks[chunks[k][0]].text
        left, right = widths[k - 1], widths[k]
        rhythm = paragraph_seam(width_bounds(tail), ends_sentence(tail), left, width_bounds(head), right)
        if width_seam(left, right) < 0 or rhythm < 0 or carry_score(tail_kind(tail), head_kind(head)) < 0:
            count += 1
    return count
