"""Layout tables: read a Markdown pipe table made of page columns column by column.

Some extractors (markitdown through pdfplumber) take the column grid of a
newspaper page for a table and print it as Markdown: each table row holds
one printed line of every column side by side, padded with empty cells,
under a ``| --- | --- |`` separator row::

    | 6月13日下午，我院在门诊楼    |  | 8.7天下降至7.9天，围手术期抗菌 |  |
    | ----------------- | --- | ------------------ | --- |
    | 五楼学术报告厅召开2025年医疗  |  | 药物预防使用率持续下降，但部分    |  |

Read row by row that interleaves the columns. :func:`unfold_tables` reads
such a table the way a copy editor does: the cells of the first column top
to bottom, then the second column, and so on. Each cell becomes one line
block with its exact source span; empty cells are dropped; the pipes, the
padding and the separator rows go to the change log (one entry per table,
its text before and after), so every input character stays accounted for.

The cues are generic:

* a *table* is a run of consecutive lines that start and end with ``|`` and
  have the same number of cells; a table broken by one or two lines of a
  neighbouring column printed between its rows (pdfplumber lost their row)
  goes on after them, and those lines are put back into the column they
  belong to (a column whose cell is empty next to them);
* a row holding a letter-spaced label (``医 患 故 事``) after rows of running
  text opens the next module: the table is read in *bands* split there;
* table columns that never hold text in the same row belong to one printed
  column (a headline's second line set right of the column start);
* cells side by side that are one printed line cut apart (a letter-spaced
  masthead ``明 | 湖 市 中``, a headline pair ``開打 |   長者``) are joined
  with a space;
* a real *data table* (short, mostly numeric cells, no running text wrapping
  from one row to the next) is left exactly as it is.

Markdown emphasis inside cells is left to the later cleaners.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import regex

from newsclean.model import Block, Document, Span
from newsclean.readers.lines import display_width
from newsclean.registry import cleaner
from newsclean.structure.cues import ends_sentence, is_signoff
from newsclean.structure.line_moves import apply_line_moves

NAME = "unfold_tables"
MAX_LOOSE = 2  # lines of another column a table may be broken by and still go on
_SEPARATOR_CELL = regex.compile(r"\s*:?-{3,}:?\s*")
_CLAUSE = regex.compile(r"[，。；、,;！？!?]")  # running text, not a headline or label
_LETTER_SPACED = regex.compile(r"^\p{Han}(?: \p{Han}){2,}$")  # 医 患 故 事
_FRAGMENT = regex.compile(r"^\p{Han}(?: ?\p{Han}){0,3}$")  # a piece of a letter-spaced masthead: 湖 市 中
_SPACED = regex.compile(r"\p{Han}(?: ?\p{Han})*")  # Han characters, maybe letter-spaced
_NUMERIC = regex.compile(r"^[-+]?[\d.,:/%‰~～—–-]*\d[\d.,:/%‰~～—–-]*\p{Han}?$")


@dataclass(frozen=True)
class Row:
    """One pipe-table line: its cells as ``(start, end)`` offsets of their stripped text in the line."""

    cells: tuple[tuple[int, int], ...]
    raw_starts: tuple[int, ...]  # where each cell's raw text (inside the pipes) starts
    separator: bool


@dataclass
class Piece:
    """A cell's text (or a loose line) placed in a band: row position, table column, block."""

    position: float
    column: int
    block: Block


def parse_row(b: Block) -> Row | None:
    """The cells of a block that is one pipe-table line as read, or None.

    >>> from newsclean.model import Block
    >>> parse_row(Block("paragraph", "| 甲 |  | 乙丙 |", (Span(0, 13),))).cells
    ((2, 3), (5, 5), (9, 11))
    """
    text = b.text
    if len(text) < 3 or text[0] != "|" or text[-1] != "|" or not _as_read(b):
        return None
    bars = [k for k, ch in enumerate(text) if ch == "|"]
    if len(bars) < 3:
        return None  # one cell: no columns to read (an OCR'd gutter rule around a label)
    cells = []
    raw_starts = []
    for left, right in zip(bars, bars[1:]):
        raw = text[left + 1 : right]
        body = raw.strip()
        start = left + 1 + (len(raw) - len(raw.lstrip())) if body else left + 1
        cells.append((start, start + len(body)))
        raw_starts.append(left + 1)
    separator = all(_SEPARATOR_CELL.fullmatch(text[s:e] or " ") and e > s for s, e in cells)
    return Row(tuple(cells), tuple(raw_starts), separator)


def _as_read(b: Block) -> bool:
    """True if the block is still one source line as read (its offsets map straight back)."""
    return len(b.spans) == 1 and b.spans[0].end - b.spans[0].start == len(b.text)


def _cell_text(b: Block, row: Row, col: int) -> str:
    s, e = row.cells[col]
    return b.text[s:e]


def find_tables(blocks: Sequence[Block], rows: Sequence[Row | None]) -> list[tuple[int, int]]:
    """``(start, end)`` block ranges of the tables: rows of one cell count, broken by at most
    :data:`MAX_LOOSE` lines between rows, and never across a blank line."""
    tables = []
    i = 0
    n = len(blocks)
    while i < n:
        if rows[i] is None:
            i += 1
            continue
        width = len(rows[i].cells)
        end = i + 1
        j = i + 1
        while j < n:
            if int(blocks[j].hints.get("blank_before", 0)):
                break
            if rows[j] is not None:
                if len(rows[j].cells) != width:
                    break
                end = j = j + 1
                continue
            k = j
            while k < n and k - j < MAX_LOOSE and rows[k] is None and not int(blocks[k].hints.get("blank_before", 0)):
                k += 1
            if (
                k > j
                and k < n
                and rows[k] is not None
                and len(rows[k].cells) == width
                and _has_prose(blocks, rows, i, j)
            ):
                if int(blocks[k].hints.get("blank_before", 0)):
                    break
                j = k
                continue
            break
        tables.append((i, end))
        i = end
    return tables


def _has_prose(blocks: Sequence[Block], rows: Sequence[Row | None], start: int, end: int) -> bool:
    """True if a row between ``start`` and ``end`` holds running text (only such a table is bridged)."""
    return any(rows[k] is not None and _is_prose_row(blocks[k], rows[k]) for k in range(start, end))


def _is_prose_row(b: Block, row: Row) -> bool:
    """True if some cell of the row holds running text (a clause mark)."""
    return any(_CLAUSE.search(_cell_text(b, row, c)) for c in range(len(row.cells)))


def _opens_module(b: Block, row: Row) -> bool:
    """True if the row holds a letter-spaced label (a section label over the next module)."""
    return any(_LETTER_SPACED.match(_cell_text(b, row, c)) for c in range(len(row.cells)))


def split_bands(blocks: Sequence[Block], rows: Sequence[Row | None], start: int, end: int) -> list[tuple[int, int]]:
    """The bands of a table: a row with a letter-spaced label after running text opens a new one.

    The loose lines just before such a row stay between the two bands.
    """
    bands = []
    first = start
    prose = False
    last_row = start
    for k in range(start, end):
        row = rows[k]
        if row is None or row.separator:
            continue
        if prose and _opens_module(blocks[k], row):
            bands.append((first, last_row + 1))
            first, prose = k, False
        prose = prose or _is_prose_row(blocks[k], row)
        last_row = k
    bands.append((first, end))
    return [(s, e) for s, e in bands if s < e]


def is_data_table(blocks: Sequence[Block], rows: Sequence[Row | None], start: int, end: int) -> bool:
    """True if the rows look like a printed table of figures rather than page columns.

    A data table has short cells with hardly any clause mark (no running
    text wrapped from row to row), and either a good share of numeric cells
    under its header or, from two rows under the header, a dense grid (most
    rows fill the columns the header fills).
    """
    grid = [(blocks[k], rows[k]) for k in range(start, end) if rows[k] is not None and not rows[k].separator]
    if len(grid) < 2:
        return False
    cells = [_cell_text(b, r, c) for b, r in grid for c in range(len(r.cells)) if r.cells[c][1] > r.cells[c][0]]
    if not cells:
        return False
    short = sum(1 for t in cells if len(t) <= 10)
    clauses = sum(1 for t in cells if _CLAUSE.search(t))
    if short < 0.8 * len(cells) or clauses > 0.1 * len(cells):
        return False
    numeric = sum(1 for t in cells if _NUMERIC.match(t.replace(" ", "")))
    header = _filled(grid[0][1])
    dense = sum(1 for _, r in grid if _filled(r) == header)
    return numeric >= 0.25 * len(cells) or (len(grid) >= 3 and dense >= 0.8 * len(grid))


def _filled(row: Row) -> tuple[int, ...]:
    """The columns a row holds text in."""
    return tuple(c for c, (s, e) in enumerate(row.cells) if e > s)


def _row_pieces(b: Block, row: Row, k: int) -> list[Piece]:
    """The non-empty cells of a row as pieces; cells that are one printed line cut apart are joined."""
    pieces: list[Piece] = []
    last_col = -2
    for c, (s, e) in enumerate(row.cells):
        if e == s:
            continue
        text = b.text[s:e]
        if pieces and last_col == c - 1 and _continues(b, row, c, pieces[-1].block.text, text):
            prev = pieces[-1].block
            start = b.spans[0].start
            pieces[-1].block = _cell_block(b, prev.text + " " + text, prev.spans + (Span(start + s, start + e),))
        else:
            pieces.append(Piece(k, c, _cell_block(b, text, (Span(b.spans[0].start + s, b.spans[0].start + e),))))
        last_col = c
    return pieces


def _continues(b: Block, row: Row, c: int, left: str, text: str) -> bool:
    """True if cell ``c`` goes on with the printed line of the cell left of it.

    Either it starts with spaces of its own (a headline pair set apart by a
    wide space), or both are pieces of a letter-spaced line (a masthead).
    """
    indented = b.text[row.raw_starts[c] : row.raw_starts[c] + 2] == "  "
    if indented and not _CLAUSE.search(left + text):
        return True
    return bool(_FRAGMENT.match(text)) and bool(_SPACED.fullmatch(left))


def _cell_block(b: Block, text: str, spans: tuple[Span, ...]) -> Block:
    hints = {**b.hints, "blank_before": 0, "indent": 0, "width": display_width(text), "table": True}
    return Block(b.type, text, spans, b.flags, hints)


def column_groups(pieces: Sequence[Piece], ncols: int) -> list[int]:
    """The printed column of every table column: neighbours that never hold text in the same row merge.

    >>> column_groups([Piece(0, 0, Block("paragraph", "甲")), Piece(1, 1, Block("paragraph", "乙")),
    ...                Piece(1, 2, Block("paragraph", "丙"))], 4)
    [0, 0, 1, 1]
    """
    rows_of: list[set[float]] = [set() for _ in range(ncols)]
    for p in pieces:
        rows_of[p.column].add(p.position)
    group = [0] * ncols
    used: set[float] = set(rows_of[0])
    for c in range(1, ncols):
        if used & rows_of[c]:
            group[c] = group[c - 1] + 1
            used = set(rows_of[c])
        else:
            group[c] = group[c - 1]
            used |= rows_of[c]
    return group


def _place_loose(loose: Piece, pieces: Sequence[Piece], group: Sequence[int]) -> int | None:
    """The printed column a line found between two rows belongs to, or None if no column fits.

    It is a column with text elsewhere in the table but none in the row just
    above or just below the line (the line took that cell's place); among
    several, the one whose widest cell is closest to the line's length.
    """
    above = max((p.position for p in pieces if p.position < loose.position), default=None)
    below = min((p.position for p in pieces if p.position > loose.position), default=None)
    widest: dict[int, int] = {}
    busy_above: set[int] = set()
    busy_below: set[int] = set()
    for p in pieces:
        g = group[p.column]
        widest[g] = max(widest.get(g, 0), len(p.block.text))
        if p.position == above:
            busy_above.add(g)
        if p.position == below:
            busy_below.add(g)
    free = [g for g in widest if g not in busy_above or g not in busy_below]
    if not free:
        return None
    length = len(loose.block.text)
    return min(free, key=lambda g: (abs(widest[g] - length), g))


def _trailing_column(line: Block, pieces: Sequence[Piece], group: Sequence[int]) -> int | None:
    """The printed column a line right after the table goes on with, or None.

    Only one column may end without finishing its sentence, and the line must
    fit in that column's width.
    """
    last: dict[int, Piece] = {}
    widest: dict[int, int] = {}
    for p in pieces:
        g = group[p.column]
        widest[g] = max(widest.get(g, 0), len(p.block.text))
        if g not in last or p.position >= last[g].position:
            last[g] = p
    open_groups = [g for g, p in last.items() if not ends_sentence(p.block.text) and _CLAUSE.search(p.block.text)]
    if len(open_groups) != 1 or len(line.text) > widest[open_groups[0]] + 1 or is_signoff(line.text):
        return None
    return open_groups[0]


def _mark_paragraph_ends(column: list[Block]) -> list[Block]:
    """A line after a sentence-ending line clearly shorter than its column opens a paragraph."""
    if not column:
        return column
    full = max(int(b.hints.get("width", 0)) for b in column)
    out = [column[0]]
    for above, here in zip(column, column[1:]):
        if ends_sentence(above.text) and int(above.hints.get("width", 0)) <= full - 4:
            here = replace(here, hints={**here.hints, "blank_before": max(1, int(here.hints.get("blank_before", 0)))})
        out.append(here)
    return out


def read_band(
    blocks: Sequence[Block],
    rows: Sequence[Row | None],
    start: int,
    end: int,
    trailing: Block | None,
    leading: Block | None = None,
) -> tuple[list[Block], bool, bool]:
    """The band's blocks re-read column by column, and whether ``trailing`` (the line after it) and
    ``leading`` (the line before it) were taken in."""
    pieces: list[Piece] = []
    loose: list[Piece] = []
    ncols = 0
    for k in range(start, end):
        row = rows[k]
        if row is None:
            loose.append(Piece(k, -1, blocks[k]))
        elif not row.separator:
            ncols = len(row.cells)
            pieces.extend(_row_pieces(blocks[k], row, k))
    group = column_groups(pieces, ncols)
    placed: list[tuple[int, Piece]] = [(group[p.column], p) for p in pieces]
    text_columns = _text_columns(pieces, group)
    for p in loose:
        halves = _leading_row(p.block, text_columns)  # (a row pdfplumber lost, its two lines joined by a space)
        if halves:
            placed.extend((g, Piece(p.position, -1, half)) for g, half in halves)
            continue
        g = _place_loose(p, pieces, group)
        placed.append((g if g is not None else len(group), p))
    took = False
    if trailing is not None:
        g = _trailing_column(trailing, pieces, group)
        if g is not None:
            placed.append((g, Piece(end, -1, trailing)))
            took = True
    lead = _leading_row(leading, text_columns) if leading is not None else None
    for g, half in lead or ():
        placed.append((g, Piece(start - 1, -1, half)))
    placed.sort(key=lambda gp: (gp[0], gp[1].position))
    out: list[Block] = []
    for g in sorted({g for g, _ in placed}):
        column = [_in_column(p.block, g) for h, p in placed if h == g]
        out.extend(_mark_paragraph_ends(column))
    first = (leading if lead else blocks[start]).hints.get("blank_before", 0)
    if out:
        out[0] = replace(out[0], hints={**out[0].hints, "blank_before": first})
    return out, took, bool(lead)


def _text_columns(pieces: Sequence[Piece], group: Sequence[int]) -> dict[int, float]:
    """The band's printed columns of running text and each one's widest line (display cells): the columns at
    least half as wide as the widest (not a sign-off's column set flush right)."""
    widest: dict[int, float] = {}
    for p in pieces:
        g = group[p.column]
        widest[g] = max(widest.get(g, 0.0), display_width(p.block.text))
    top = max(widest.values(), default=0.0)
    return {g: w for g, w in widest.items() if w >= top / 2}


def _leading_row(line: Block, text_columns: dict[int, float]) -> list[tuple[int, Block]] | None:
    """A row of the table pdfplumber printed as a plain line (above the table, or between its rows): two
    columns' lines joined by one space (``…通过认 统计显示，…``), each as wide as its column
    (``text_columns``, see :func:`_text_columns`), cut there with the column each half goes to; else None."""
    if len(text_columns) != 2 or not _as_read(line) or not _CLAUSE.search(line.text):
        return None
    cuts = list(_ONE_SPACE.finditer(line.text))
    if len(cuts) != 1:
        return None
    cut = cuts[0]
    left, right = line.text[: cut.start()], line.text[cut.end() :]
    (g0, w0), (g1, w1) = sorted(text_columns.items())
    fits = [w - _ROW_SLACK <= display_width(half) <= w + 2 for half, w in ((left, w0), (right, w1))]
    if not all(fits):
        return None
    base = line.spans[0].start
    return [
        (g0, _cell_block(line, left, (Span(base, base + cut.start()),))),
        (g1, _cell_block(line, right, (Span(base + cut.end(), base + len(line.text)),))),
    ]


_ONE_SPACE = regex.compile(r"(?<=\S) (?=\S)")
_ROW_SLACK = 6  # display cells (three Chinese characters) a table's first line may fall short of its column


def _in_column(b: Block, g: int) -> Block:
    return replace(b, hints={**b.hints, "column": g})


def unfold_blocks(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[Span, str, str]]]:
    """Blocks with every layout table re-read column by column; per band, its span, text before and after.

    >>> from newsclean.readers import segment_lines
    >>> text = "| 甲栏第一行文字， |  | 乙栏第一行文字， |\\n| --- | --- | --- |\\n| 甲栏第二行。 |  | 乙栏第二行。 |"
    >>> blocks, bands = unfold_blocks(list(segment_lines(text).blocks()))
    >>> [b.text for b in blocks]
    ['甲栏第一行文字，', '甲栏第二行。', '乙栏第一行文字，', '乙栏第二行。']
    """
    rows = [parse_row(b) for b in blocks]
    if not any(rows):
        return list(blocks), []
    out: list[Block] = []
    changes: list[tuple[Span, str, str]] = []
    i = 0
    for start, end in find_tables(blocks, rows):
        out.extend(blocks[i:start])
        i = start
        for s, e in split_bands(blocks, rows, start, end):
            out.extend(blocks[i:s])
            if is_data_table(blocks, rows, s, e) or not _has_cells(rows, s, e):
                out.extend(blocks[s:e])
                i = e
                continue
            trailing = _line_after(blocks, rows, e)
            leading = _line_before(blocks, rows, s) if out and out[-1] is blocks[s - 1] else None
            new, took, led = read_band(blocks, rows, s, e, trailing, leading)
            stop = e + 1 if took else e
            first = s - 1 if led else s
            if led:
                out.pop()
            out.extend(new)
            changes.append(_band_change(blocks[first:stop], new))
            i = stop
    out.extend(blocks[i:])
    return out, changes


def _line_after(blocks: Sequence[Block], rows: Sequence[Row | None], end: int) -> Block | None:
    """The line right under a band, if it is no table row and no blank line sets it apart."""
    if end >= len(blocks) or rows[end] is not None or int(blocks[end].hints.get("blank_before", 0)):
        return None
    return blocks[end]


def _has_cells(rows: Sequence[Row | None], start: int, end: int) -> bool:
    """Whether a band holds a row that is no separator (a lone ``| --- |`` line has no columns to read)."""
    return any(rows[k] is not None and not rows[k].separator for k in range(start, end))


def _line_before(blocks: Sequence[Block], rows: Sequence[Row | None], start: int) -> Block | None:
    """The line right above a band, if it is no table row and no blank line sets the band apart from it."""
    if start == 0 or rows[start - 1] is not None or int(blocks[start].hints.get("blank_before", 0)):
        return None
    return blocks[start - 1]


def _band_change(old: Sequence[Block], new: Sequence[Block]) -> tuple[Span, str, str]:
    spans = [s for b in old for s in b.spans]
    where = Span(min(s.start for s in spans), max(s.end for s in spans))
    return where, "\n".join(b.text for b in old), "\n".join(b.text for b in new)


@cleaner(NAME, family="structure")
def unfold_tables(doc: Document, options: Mapping[str, Any]) -> Document:
    """Markdown pipe tables made of page columns read column by column; pipes and separator rows logged.

    >>> from newsclean.readers import segment_lines
    >>> text = "| 第一栏的文字， |  | 第二栏的文字， |\\n| --- | --- | --- |\\n| 接着写完。 |  | 也写完了。 |"
    >>> doc = unfold_tables(segment_lines(text), {})
    >>> [b.text for b in doc.blocks()], doc.changes[-1].cleaner
    (['第一栏的文字，', '接着写完。', '第二栏的文字，', '也写完了。'], 'unfold_tables')
    """
    return apply_line_moves(
        doc, NAME, unfold_blocks, "layout table read column by column: pipes, padding, separator rows"
    )
