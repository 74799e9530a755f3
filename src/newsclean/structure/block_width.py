"""The full width of a text block, as evidence of which column it was printed in.

Side-by-side columns and modules are set to their own measure: every full
line of a column is as wide as every other (justified text), and a module
beside it often has another measure (a 24-character story column beside a
22-character column of the next module). When an extractor hands over the
columns as alternating *text blocks* of several lines (``pdftotext`` in its
default mode, on a page of side-by-side columns), a block's widest line tells its
column, and two blocks of different full widths do not run on in one column.
A single line is no evidence (it may be a paragraph's short last line).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

WIDTH_TOLERANCE = 1.0  # ems two full lines of one column may differ by (proportional digits, a hanging mark)
WIDTH_MISMATCH = 2.0  # what a seam between blocks of different full widths costs


def block_width(line_widths: Sequence[float | None]) -> float | None:
    """The full width of a block from its lines' widths (None: a width that is no evidence), or None for a
    block of fewer than two lines or with no measured line.

    >>> block_width([24.0, 24.0, 22.0]), block_width([21.0]), block_width([None, 23.0])
    (24.0, None, 23.0)
    """
    if len(line_widths) < 2:
        return None
    known = [w for w in line_widths if w is not None]
    return max(known) if known else None


def width_seam(left: float | None, right: float | None) -> float:
    """The score a seam between two blocks gets from their full widths: :data:`WIDTH_MISMATCH` off where both
    are known and differ by more than :data:`WIDTH_TOLERANCE`, else nothing.

    >>> width_seam(24.0, 22.0), width_seam(24.0, 23.5), width_seam(None, 22.0)
    (-2.0, 0.0, 0.0)
    """
    if left is None or right is None or abs(left - right) <= WIDTH_TOLERANCE:
        return 0.0
    return -WIDTH_MISMATCH


_INDENT = (
    1.5,
    2.5,
)  # ems a paragraph's indented first line is narrower than the full lines (interleave._INDENT is looser)
_FULL = 0.5  # ems a full line may fall short of its column's full width
_HALF = (0.45, 0.65)  # ems a proportional digit or Latin letter takes, at least and at most
_NARROW = regex.compile(r"[^\u2E80-\U0010FFFF“”‘’]")


def display_width(text: str) -> float:
    """Printed width in ems: a CJK character or full-width mark is one, a Latin letter or digit half (the
    line pass's estimate; :func:`width_bounds` brackets it).

    >>> display_width("会议还为2024年度"), display_width("“生命通道”")
    (8.0, 6.0)
    """
    visible = "".join(text.split())
    return len(visible) - 0.5 * len(_NARROW.findall(visible))


Bounds = tuple[float, float]  # a line's printed width in ems, at least and at most


def width_bounds(text: str) -> Bounds:
    """A line's printed width in ems, at least and at most: a CJK character or full-width mark is one em, a
    digit or Latin letter (set proportionally) between :data:`_HALF` of one.

    >>> width_bounds("本的18分鐘縮短為8分鐘。"), width_bounds("用藥諮詢上")
    ((11.35, 11.95), (5.0, 5.0))
    """
    visible = "".join(text.split())
    half = len(_NARROW.findall(visible))
    whole = len(visible) - half
    return round(whole + _HALF[0] * half, 2), round(whole + _HALF[1] * half, 2)


def paragraph_seam(
    tail: Bounds, tail_done: bool, left: float | None, head: Bounds, right: float | None, head_last: bool = False
) -> float:
    """The score a seam between two blocks gets from the paragraph rhythm of justified, indented columns: a
    paragraph's short last line (it ends a sentence, surely narrower than its block's full width ``left``
    less an indent) is followed by an indented first line, never by a full one; a full line that stops
    mid-sentence is followed by a full line, never by an indented first line. :data:`WIDTH_MISMATCH` off
    where either is broken; the widths are :func:`width_bounds`, so digits and Latin letters count only as
    far as they are certain. A head that may be a paragraph's short last line itself (``head_last``: one line
    that ends a sentence) may be as narrow as an indented one.

    >>> paragraph_seam((11.35, 11.95), True, 23.0, (22.0, 22.0), 22.0), paragraph_seam((14, 14), True, 22.0, (22, 22), 24.0)
    (-2.0, 0.0)
    >>> paragraph_seam((24.0, 24.0), False, 24.0, (22.0, 22.0), 24.0), paragraph_seam((24, 24), False, 24.0, (24, 24), 24.0)
    (-2.0, 0.0)
    """
    if left is None or right is None:
        return 0.0
    head_full = head[0] >= right - _FULL
    head_indented = right - _INDENT[1] <= head[0] and head[1] <= right - _INDENT[0]
    if tail_done and tail[1] < left - _INDENT[0] and head_full:
        return -WIDTH_MISMATCH
    if not tail_done and tail[0] >= left - _FULL and head_indented and not head_last:
        return -WIDTH_MISMATCH
    return 0.0


_WIDTH_LINES = 3  # lines with clause marks a width needs before it is a column's width


def column_widths(marked: list[float]) -> list[float]:
    """The full widths of the columns side by side in a stretch, from the sorted widths of its lines with
    clause marks: the upper quartile (a column's full lines), then the widest width each other group of at
    least :data:`_WIDTH_LINES` such lines shares within one em (a wider or narrower column set beside it).

    >>> column_widths([2.0, 8.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.5, 19.5, 20.0, 20.0])
    [19.5, 12.5]
    >>> column_widths([2.0, 11.0, 12.0, 12.0, 13.0, 13.0])
    [13.0]
    """
    widths = [marked[(3 * len(marked)) // 4]]
    lo = 0
    tops: list[float] = []
    for hi, w in enumerate(marked):
        while w - marked[lo] > 1:
            lo += 1
        if hi - lo + 1 >= _WIDTH_LINES:
            tops.append(w)
    for top in reversed(tops):
        if all(abs(top - w) > 2 for w in widths):
            widths.append(top)
    return widths
