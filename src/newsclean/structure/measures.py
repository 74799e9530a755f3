"""Two column measures side by side: which lines of a run can only belong to which.

Where two modules stand side by side (a one-column brief beside a two-column
profile), their columns are set to different measures, and a reading that
sorts lines top to bottom mixes them. A line's printed width then says which
module it is in: a line never runs wider than its column, and a line that
does not end a sentence fills its column but for a paragraph's indent (two
ems) and a mark that may not start the next line. So a 17-em line cannot be
in a 14-em column, and a 14-em line that goes on mid-sentence cannot be in a
17-em one. Lines whose width fits both measures, or neither, say nothing.

The two modules also print their rows apart: their lines have their own
pitch, so the row rhythm of :func:`newsclean.structure.interleave.assign_columns`
holds within a module only.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

from newsclean.structure.cues import BODY_MARKS, ends_sentence

_MIN_APART = 2.0  # ems two measures differ by at least before they are two modules
_INDENT = 2.5  # ems an open line may fall short of its measure: a paragraph's indent and a kinsoku break
_INDENT_KINSOKU = 3.5  # and where no measure fits that closely: the indent, and a mark pulled back with a word
_OVERHANG = 0.5  # ems a line may run wider than its measure (a half-width digit counted as a whole em)
_MIN_SURE = 3  # lines each measure must claim for the reading to rest on widths
_FULL_SHARE = 2  # times as many of a measure's open lines are full as are an indent short


class Measures(NamedTuple):
    """The two measures of a run (narrow first) and, per line, the one it can only belong to (0 or 1), or None."""

    widths: tuple[float, float]
    belongs: list[int | None]


def layouts(columns: int) -> list[tuple[int, ...]]:
    """Every way to give ``columns`` columns (left to right) one of two measures each, both used.

    >>> layouts(2)
    [(0, 1), (1, 0)]
    """
    return [m for m in itertools.product((0, 1), repeat=columns) if len(set(m)) == 2]


def two_measures(lines: Sequence[str], widths: Sequence[float | None]) -> Measures | None:
    """The two measures of ``lines`` (their printed ``widths``, None where no evidence), if their open lines
    (clause marks inside, no sentence end: full but for an indent) fall into two measures at least
    :data:`_MIN_APART` ems apart, each the width of :data:`_MIN_SURE` lines or more, and each measure is the
    only one :data:`_MIN_SURE` lines fit; else None.

    >>> m = two_measures(["药处方后，可选择由药房统一煎煮，煎", "已经坐满了候诊的患者。周文博", "诊。"], [17.0, 14.0, 2.0])
    >>> m is None  # too few lines to be sure
    True
    """
    open_widths = sorted(
        (w for t, w in zip(lines, widths) if w is not None and BODY_MARKS.search(t) and not ends_sentence(t)),
        reverse=True,
    )
    wide = _widest_measure(open_widths)
    if wide is None:
        return None
    narrow = _widest_measure([w for w in open_widths if w < wide - 1.0])
    if narrow is None or wide - narrow < _MIN_APART:
        return None
    if not (
        _mostly_full(open_widths, narrow, narrow - _INDENT) and _mostly_full(open_widths, wide, narrow + _OVERHANG)
    ):
        return None
    pair = (narrow, wide)
    belongs = [_belongs(t, w, pair) for t, w in zip(lines, widths)]
    if min(belongs.count(0), belongs.count(1)) < _MIN_SURE:
        return None
    return Measures(pair, belongs)


def _mostly_full(widths: Sequence[float], measure: float, floor: float) -> bool:
    """Whether the open lines that fit ``measure`` are mostly full ones (within an em of it), as a column's
    are, rather than lines an em or two shorter (down to ``floor``, above the other measure's full lines):
    the full lines of a measure in between."""
    full = sum(1 for w in widths if measure - 1.0 <= w <= measure + _OVERHANG)
    short = sum(1 for w in widths if max(floor, measure - _INDENT) <= w < measure - 1.0)
    return full >= _FULL_SHARE * short


def _widest_measure(widths: Sequence[float]) -> float | None:
    """The widest width (of ``widths``, widest first) that :data:`_MIN_SURE` of them share within half an em
    (a justified column's full lines)."""
    for k, w in enumerate(widths):
        if k + _MIN_SURE <= len(widths) and w - widths[k + _MIN_SURE - 1] <= 0.5:
            return w
    return None


def _belongs(text: str, width: float | None, measures: tuple[float, float]) -> int | None:
    """The one measure a line of ``width`` fits: not narrower than it runs (unless it ends a sentence, a
    short last line), not wider than it holds."""
    if width is None:
        return None
    done = ends_sentence(text)
    for short in (_INDENT, _INDENT_KINSOKU):
        fits = [k for k, m in enumerate(measures) if width <= m + _OVERHANG and (done or width >= m - short)]
        if fits:
            return fits[0] if len(fits) == 1 else None
    return None
