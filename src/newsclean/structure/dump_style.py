"""The dump's style and measures: hard-wrapped columns or a paragraph per line, and the column widths.

Layout is evidence about roles: a line as wide as its column that stops
mid-sentence is a wrapped body line, a line set in from both edges is
centred. The measures come from the dump itself: its common line width
(:func:`dump_style`), each line's printed width (:func:`line_width`, ASCII
marks in Chinese text counted as print sets them), the width of the
column a line was read in (:func:`column_measure`), and the several column
measures of a page that sets every line apart (:func:`column_measures`).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from newsclean.model import Block
from newsclean.readers.lines import display_width
from newsclean.structure.block_width import column_widths
from newsclean.structure.block_width import display_width as display_ems
from newsclean.structure.cues import ends_sentence

_CLAUSE_MARK = regex.compile(r"[，。、；,;]")


def dump_style(blocks: Sequence[Block]) -> tuple[str, int]:
    """``("fixed", width)`` for hard-wrapped columns, else ``("lines", width)``.

    >>> from newsclean.readers import segment_lines
    >>> dump_style(list(segment_lines("一二三四五六\\n七八九十\\n\\n甲乙丙丁戊己\\n庚辛").blocks()))[0]
    'fixed'
    """
    for b in blocks:
        if "style" in b.hints and "col_width" in b.hints:
            return b.hints["style"], int(b.hints["col_width"])
    if len(blocks) < 2:
        return "lines", 0
    tight = sum(1 for b in blocks[1:] if b.hints.get("blank_before", 1) == 0)
    printed = [int(b.hints.get("width", 0)) + narrow_marks(b.text) for b in blocks]
    widths = sorted(printed)
    width = widths[int(len(widths) * 0.75)] if widths else 0
    if tight >= 0.4 * (len(blocks) - 1) and not _paragraph_per_line(blocks, printed, width):
        return "fixed", width
    return "lines", width


_ENDED_SHARE = 0.45  # lines ending a sentence, of all, from which a dump holds a paragraph per line
_FULL_OPEN_SHARE = 0.4  # ... as long as fewer of its open lines than this reach its common width


def _paragraph_per_line(blocks: Sequence[Block], printed: Sequence[int], width: int) -> bool:
    """True if a dump with no blank lines between its lines holds one paragraph per line, not wrapped lines.

    A hard-wrapped column ends a sentence on few lines (a paragraph's last),
    and the lines it leaves open are full lines. A dump of one paragraph per
    line (a text export, a converter's output with its blank lines lost)
    ends a sentence on most lines, and the lines it leaves open are its
    headlines, bylines and labels, far short of its common width.
    (``printed``: each line's printed width, as :func:`dump_style` read it.)
    """
    open_widths = [w for b, w in zip(blocks, printed) if not ends_sentence(b.text)]
    if len(blocks) - len(open_widths) < _ENDED_SHARE * len(blocks):
        return False
    full = sum(1 for w in open_widths if w >= width - 6)
    return full < _FULL_OPEN_SHARE * len(open_widths)


_NARROW_MARK = regex.compile(r"(?<=[\p{Han}，。、；：“”])[,:;!?()]|[,:;!?()](?=[\p{Han}，。、；：“”])")


def narrow_marks(text: str) -> int:
    """ASCII marks in Chinese context: print sets each a full em wide, a dump one cell (NFKC, a converter).

    Counted back in, they keep a column's measure the same whichever form
    its punctuation came in (``，`` two cells, ``,`` one).
    """
    if text.isascii() or not any(c in text for c in ",:;!?()"):
        return 0
    return len(_NARROW_MARK.findall(text))


def line_width(b: Block) -> int:
    """Display width of a line as it is now (a cleaner may have shortened it since it was read)."""
    printed = display_width(b.text) + narrow_marks(b.text) + int(b.hints.get("indent", 0))
    return min(int(b.hints.get("width", 10**6)) + narrow_marks(b.text), printed)


# cells a line is set in from its column beyond any paragraph indent: a centred heading (as in columns.py)
_SET_IN = 6


def column_measure(b: Block, width: int) -> int:
    """The full width of ``b``'s column: its band's (``col_measure``, set where side-by-side columns were read)
    or else the dump's ``width``."""
    return int(b.hints.get("col_measure") or width)


def is_set_in(b: Block, width: int) -> bool:
    """True if ``b`` is set in from its column's start and stops well short of its end: a centred line.

    A wrapped body line starts at the column's edge (or a paragraph indent
    in); a heading centred in the column starts far in and its text is short,
    however near the column's end its right edge comes.
    """
    if b.hints.get("centred"):
        return True  # found centred in its column where side-by-side columns were read
    indent = int(b.hints.get("indent", 0))
    return indent >= _SET_IN and line_width(b) - indent <= width - _SET_IN


_COLUMN_LINE = 30.0  # ems: a line with clause marks no wider is a column's line, not a paragraph on one line
_MIN_COLUMN_LINES = 6  # such lines a dump needs before their measures are read


def column_measures(blocks: Sequence[Block]) -> list[float]:
    """The column measures (ems) of a dump that sets every line apart, or ``[]`` if its lines are paragraphs.

    ``pdftotext`` prints the lines of interleaved columns each between blank
    lines: the dump reads as one paragraph per line, but most of its lines
    with clause marks are a column's width, and a page may set two or three
    measures side by side (:func:`~newsclean.structure.block_width.column_widths`).
    """
    marked = [ems for b in blocks if _CLAUSE_MARK.search(b.text) and (ems := display_ems(b.text.strip())) > 0]
    short = sorted(w for w in marked if w <= _COLUMN_LINE)
    if len(short) < _MIN_COLUMN_LINES or 2 * len(short) < len(marked):
        return []
    return column_widths(short)


def column_body_line(b: Block, measures: Sequence[float]) -> bool:
    """True if ``b`` is a full column line of running text, at one of the dump's column ``measures``.

    A line that wide with clause marks inside that stops mid-sentence is a
    wrapped body line (``进入暑期以来，市中心医院儿科急诊接诊的儿童``), not a headline.
    """
    if not measures or not _CLAUSE_MARK.search(b.text) or ends_sentence(b.text):
        return False
    ems = display_ems(b.text.strip())
    return any(m - 3.0 <= ems <= m + 1.5 for m in measures)
