"""A story's two columns handed over as blocks sorted by where they start on the page.

Converters that read a page as text blocks and sort the blocks top to bottom
(pymupdf4llm; PyMuPDF with ``sort=True``) mix the columns of a story: the
paragraph that opens column 2 comes right after (or before) the one that opens
column 1, and the blocks of the two columns then alternate by height. What
gives such a page away is a paragraph cut by the column foot: its second half,
at the top of column 2, is printed before its first half, the last block of
column 1.

That pair fixes the columns' ends; every block between them is in one column
or the other. Each block's height on the page is known from the dump: the
converter keeps a block's printed lines, joined by spaces (or as lines of
their own). A division of the blocks into two columns is possible only if the
blocks, placed one under another in their columns, start in the order the
dump printed them; of the possible ones the two columns the most nearly equal
in height (a story's columns are filled evenly) is the reading. Where no
division is possible, or two balance within a line of each other, nothing is
re-read. (The spaces are counted before ``cjk_spacing`` removes them: the
reading runs in ``reassemble_fragments``, which comes first.)
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import regex

from newsclean.model import Block

_SPACES = regex.compile(r"\s+")
_GAPS = (0.0, 0.5, 1.0)  # space between two blocks, in lines: the dump does not say, so each is tried
_HEADING_EXTRA = 1.0  # a subhead's larger type and its space above, in body lines
_SLACK = 1.0  # lines by which a block may start above the one printed before it (a first-line indent, rounding)
_MAX_BETWEEN = 10  # blocks between the pair: 2**10 divisions at most
_MOVABLE = frozenset({"paragraph", "heading", "signoff"})  # a caption sits by a photo of unknown height


def printed_lines(block: Block) -> int:
    """How many lines ``block`` took on the page: its source lines, or the space-joined lines of a one-line block."""
    if len(block.spans) > 1:
        return len(block.spans)
    return len(_SPACES.split(block.text.strip()))


def _size(block: Block) -> float:
    """``block``'s height on the page in body lines, the space under it aside."""
    return printed_lines(block) + (_HEADING_EXTRA if block.type == "heading" else 0.0)


def _starts_in_order(sizes: Sequence[float], in_first: Sequence[bool], gap: float) -> bool:
    """Whether blocks of ``sizes``, stacked in their columns from one top ``gap`` apart, start in the order
    they are printed."""
    depth = [0.0, 0.0]
    tops = []
    for size, first in zip(sizes, in_first):
        column = 0 if first else 1
        tops.append(depth[column])
        depth[column] += size + gap
    return all(later >= earlier - _SLACK for earlier, later in zip(tops, tops[1:]))


def _signed_last(signoffs: Sequence[bool], in_first: Sequence[bool]) -> bool:
    """Whether every sign-off is in column 2 with nothing but sign-offs under it."""
    second = [s for s, f in zip(signoffs, in_first) if not f]
    return not any(s for s, f in zip(signoffs, in_first) if f) and (
        True not in second or all(second[second.index(True) :])
    )


def _imbalance(sizes: Sequence[float], in_first: Sequence[bool]) -> float:
    """How much the two columns differ in height; column 2 running longer than column 1 counts double."""
    first = sum(size + 0.5 for size, f in zip(sizes, in_first) if f)
    second = sum(size + 0.5 for size, f in zip(sizes, in_first) if not f)
    return first - second if first >= second else 2 * (second - first)


def two_column_order(blocks: Sequence[Block], tail: int, head: int) -> list[int] | None:
    """Re-read ``blocks`` (one story's body, as printed) as two columns sorted by their tops.

    ``blocks[tail]`` goes on from the cut-off ``blocks[head]``, the last block
    (``tail < head``): column 1 ends with ``head`` and column 2 opens with ``tail``. Returns the
    indices in reading order (column 1, then column 2), or None when no
    division into two columns explains the printed order, two explain it
    nearly as well (less than a line apart in balance), or the reading is the printed one.

    >>> def p(text): return Block("paragraph", text)
    >>> story = [p("甲甲 甲甲 甲甲 甲甲 甲甲 甲甲。"), p("成了 乙乙 乙乙 乙乙。"), p("丙丙 丙丙 丙丙 丙丙 丙丙 丙丙 丙丙 丙丙。"),
    ...          p("丁丁 丁丁 丁丁 丁丁 丁丁 丁丁 丁丁。"), Block("signoff", "（内科）"), p("戊戊 迅速完")]
    >>> two_column_order(story, 1, 5)
    [0, 3, 5, 1, 2, 4]
    """
    between = range(tail + 1, head)
    if not 0 <= tail < head == len(blocks) - 1 or len(between) > _MAX_BETWEEN:
        return None
    sizes = [_size(b) for b in blocks]
    if sum(sizes[: max(0, tail - 1)]) > _SLACK:
        return None  # the block printed just before column 2's top would start too far down column 1
    signoffs = [b.type == "signoff" for b in blocks]
    if any(b.type not in _MOVABLE for b in blocks[tail:]) or any(signoffs[:tail]):
        return None
    scored: list[tuple[float, list[bool]]] = []
    for count in range(len(between) + 1):
        for chosen in combinations(between, count):
            in_first = [i < tail or i == head or i in chosen for i in range(len(blocks))]
            if not _signed_last(signoffs, in_first):
                continue
            if any(_starts_in_order(sizes, in_first, gap) for gap in _GAPS):
                scored.append((_imbalance(sizes, in_first), in_first))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0])
    if len(scored) > 1 and scored[1][0] - scored[0][0] < 1.0:
        return None
    in_first = scored[0][1]
    order = [i for i, f in enumerate(in_first) if f] + [i for i, f in enumerate(in_first) if not f]
    return order if order != list(range(len(blocks))) else None
