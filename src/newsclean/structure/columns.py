"""Side-by-side columns: read a ``pdftotext -layout`` style page column by column.

Layout-preserving extractors print the columns of a page side by side on one
text line, separated by runs of spaces. A copy editor reads such a page down
one column, then the next. The cue is generic: a *band* of consecutive lines
whose gaps of three or more spaces fall at the same positions line after line
(the column starts). A position is counted in characters (``pdftotext
-layout`` gives every glyph, wide or narrow, one cell of its grid) or in
display cells (text laid out for a monospaced screen); each band is measured
the way its column starts line up best. A column may run on alone for a while
(its neighbour ended earlier, or is set off by blank lines), so every piece
that starts well right of the margin is evidence of a column start, not only
the second and later pieces of a line. Inside a band every line is cut at its
gaps; each piece goes to the column whose start it is aligned with, and the
band is re-emitted column by column, one block per piece, with the piece's
exact source span. OCR of a skewed scan may read the gutter of a band as only
one or two spaces on some lines: a body line's piece running across a column
start is cut at such a narrow gap where it falls within the slack of that
column start. Where a two-column band's left column stops mid-sentence and
its right column has ended, the lines under the band that stay inside the
left column (OCR sets them off by a blank line) are read as its rest, up to
the story's credit line, before the right column. A headline that straddles the columns, or a page with a
single column, has no such band and is left alone.

Every column line carries its column's full width (``col_measure``): a page
sets its modules to different measures (two wide columns over three narrow
ones), and the line roles judge a line full or short against its own column.
A line centred in its column between two paragraphs is hinted ``centred`` (a
heading), however near the column's edges its narrow measure brings it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

from newsclean.model import Block, Span
from newsclean.readers.lines import display_width
from newsclean.structure.cues import ends_sentence, is_byline, is_signoff, section_label, unfinished_column
from newsclean.structure.line_moves import line_piece

_GAP = regex.compile(r"[ \u3000]{3,}")
_CLAUSE = regex.compile(r"[，。；,;]")  # running text, not a headline
_NARROW = regex.compile(r"(?<=\S)[ \u3000]{1,2}(?=\S)")  # a gutter OCR read as one or two spaces
_HAN2 = regex.compile(r"\p{Han}.*\p{Han}")
_MIN_LINES = 3  # lines with a gap a band needs before its columns are believed
_SLACK = 4  # cells a piece may start right of its column (a paragraph indent of two wide characters)
_MARGIN = 8  # cells: a line starting this far in is a column's, not an indented line of the first one
_CENTRED = 6  # cells a short piece is set in from its column start when centred (a heading), beyond any indent
_CHARS, _CELLS = 0, 1  # the two measures of a position

Piece = tuple[int, int, int, int]  # (character position, display position, text start, text end)
Placed = tuple[int, int, int]  # (position in the band's measure, text start, text end)


def _pieces(b: Block) -> list[Piece]:
    """Each gap-separated piece of a line, its positions counted from the start of the raw line."""
    text = b.text
    base = int(b.hints.get("indent", 0))
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _GAP.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return [(base + start, base + display_width(text[:start]), start, end) for start, end in spans]


def _placed(row: Sequence[Piece], measure: int) -> list[Placed]:
    """A row's pieces with their positions in one measure (:data:`_CHARS` or :data:`_CELLS`)."""
    return [(p[measure], p[2], p[3]) for p in row]


def _cut_narrow(b: Block, row: list[Placed], bounds: Sequence[int], measure: int) -> list[Placed]:
    """A body row's pieces, a piece running across a column start cut at a narrow gap there.

    On a skewed scan OCR reads two columns' lines as one with only one or two
    spaces between them; inside a band whose column starts are known, a gap of
    that kind within :data:`_SLACK` of a column start, with Chinese text on
    both sides, is the gutter.
    """
    out: list[Placed] = []
    for pos, start, end in row:
        text = b.text[start:end]
        cut = None
        for m in _NARROW.finditer(text):
            right = pos + (m.end() if measure == _CHARS else display_width(text[: m.end()]))
            for c in bounds:
                if pos < c - _SLACK and _end(b, (pos, start, end), measure) > c + _SLACK and abs(right - c) <= _SLACK:
                    if _HAN2.search(text[: m.start()]) and _HAN2.search(text[m.end() :]):
                        cut = (m.start(), m.end(), right)
            if cut:
                break
        if cut is None:
            out.append((pos, start, end))
        else:
            out.append((pos, start, start + cut[0]))
            out.extend(_cut_narrow(b, [(cut[2], start + cut[1], end)], bounds, measure))
    return out


def _head_row(b: Block, pieces: Sequence[Piece]) -> bool:
    """True if every piece of a row is shaped like a headline, label, byline or subtitle (no clause marks)."""
    from newsclean.structure.roles import _shape_role

    texts = [b.text[p[2] : p[3]].strip() for p in pieces]
    return bool(texts) and all(_shape_role(t) not in (None, "signoff") and not _CLAUSE.search(t) for t in texts)


def _end(b: Block, piece: Placed, measure: int) -> int:
    """Position just right of a piece, in the band's measure."""
    text = b.text[piece[1] : piece[2]]
    return piece[0] + (len(text) if measure == _CHARS else display_width(text))


def _centred_under(
    blocks: Sequence[Block], rows: Sequence[list[Placed]], k: int, bounds: Sequence[int], measure: int
) -> bool:
    """True if row ``k`` is one piece centred under the pieces of the row above (a byline under a wide headline).

    It starts after the first piece above ends, at no column start, and not
    right of the last piece above: it belongs to no single column.
    """
    if len(rows[k]) != 1 or len(rows[k - 1]) < 2:
        return False
    above = rows[k - 1]
    start = rows[k][0][0]
    return _end(blocks[k - 1], above[0], measure) <= start < above[-1][0] + _SLACK and not any(
        abs(start - c) <= _SLACK for c in bounds
    )


def _merge_pieces(pieces: list[Placed], ncols: int) -> list[Placed]:
    """A headline row cut into more pieces than columns: pieces across the narrowest gaps belong together."""
    pieces = list(pieces)
    while len(pieces) > ncols:
        gaps = [pieces[m + 1][1] - pieces[m][2] for m in range(len(pieces) - 1)]
        m = gaps.index(min(gaps))
        pieces[m : m + 2] = [(pieces[m][0], pieces[m][1], pieces[m + 1][2])]
    return pieces


def _boundaries(starts: list[int], lines: int) -> list[int]:
    """Column starts supported by at least a third of the band's lines (and by 3 lines)."""
    counts = Counter(starts)
    found: list[int] = []
    for pos in sorted(counts):
        support = sum(counts[p] for p in range(pos, pos + _SLACK + 1))
        if support >= max(_MIN_LINES, lines // 3) and (not found or pos > found[-1] + _SLACK):
            found.append(pos)
    return found


def _column_starts(rows: Sequence[Sequence[Piece]], measure: int) -> tuple[int, list[int]]:
    """Column starts of a band in one measure, and how many piece starts right of the margin they explain."""
    starts = [p[measure] for row in rows for m, p in enumerate(row) if m or p[measure] > _MARGIN]
    bounds = _boundaries(starts, sum(1 for row in rows if len(row) >= 2))
    explained = sum(1 for s in starts if any(b <= s <= b + _SLACK for b in bounds))
    return explained, bounds


def _best_measure(rows: Sequence[Sequence[Piece]]) -> tuple[int, list[int]]:
    """The measure under which a band's column starts line up best (more starts explained, then fewer columns)."""
    ranked = []
    for measure in (_CHARS, _CELLS):
        explained, bounds = _column_starts(rows, measure)
        ranked.append((explained, -len(bounds), -measure, measure, bounds))
    _, _, _, measure, bounds = max(ranked)
    return measure, bounds


def _band_end(blocks: Sequence[Block], pieces: Sequence[Sequence[Piece]], i: int) -> int:
    """End of the band opened by the gapped line ``i``: lines with gaps, and up to two gapless lines between.

    A row of headline-shaped pieces after a wide gap opens the next module of
    stories, unless the band so far is a row of column labels (``科 室 巡 礼``
    and ``简 讯`` side by side over the stories under them).
    """
    n = len(blocks)
    j = i + 1
    last_multi = i
    labels_only = _label_row(blocks[i], pieces[i])
    right = _right_starts(pieces[i])
    multi = 1
    while j < n and j - last_multi <= 3 and pieces[j]:
        gap = int(blocks[j].hints.get("blank_before", 0))
        if gap > 2 or (gap >= 2 and _head_row(blocks[j], pieces[j]) and not labels_only):
            break
        labels_only = labels_only and _label_row(blocks[j], pieces[j])
        if len(pieces[j]) >= 2:
            last_multi = j
            multi += 1
            right = tuple(map(min, right, _right_starts(pieces[j])))
        elif multi >= 2 and any(pos >= start - _SLACK for pos, start in zip(pieces[j][0][:2], right)):
            # a line alone in a right-hand column (two rows have shown it): its neighbour is blank there
            last_multi = j
        j += 1
    return last_multi + 1


def _right_starts(row: Sequence[Piece]) -> tuple[int, int]:
    """The leftmost start of a row's pieces after its first, in characters and in display cells."""
    return min(p[0] for p in row[1:]), min(p[1] for p in row[1:])


def _label_row(b: Block, pieces: Sequence[Piece]) -> bool:
    """True if every piece of a row is a letter-spaced or bracketed column label."""
    return bool(pieces) and all(section_label(b.text[p[2] : p[3]]) for p in pieces)


def _column_of(position: int, bounds: Sequence[int]) -> int:
    """The column a piece starting at ``position`` is aligned with."""
    return sum(1 for c in bounds if c <= position + _SLACK)


def _tail_end(
    blocks: Sequence[Block], pieces: Sequence[Sequence[Piece]], end: int, bounds: Sequence[int], measure: int
) -> int:
    """End of the lines after a band that go on in its columns.

    One column may print on alone for a while (its neighbour had ended), and
    then the columns may go on side by side again (a caption beside the
    column's last lines). Such a line follows with no blank line and each of
    its pieces stays inside a column: it does not run across the next
    column's start, and no two pieces share a column.
    """
    while end < len(blocks) and pieces[end] and int(blocks[end].hints.get("blank_before", 0)) == 0:
        cols = []
        for piece in _placed(pieces[end], measure):
            col = _column_of(piece[0], bounds)
            if col < len(bounds) and _end(blocks[end], piece, measure) > bounds[col] + _SLACK:
                return end
            cols.append(col)
        if len(set(cols)) < len(cols):
            return end
        end += 1
    return end


def _open_column_tail(
    blocks: Sequence[Block],
    pieces: Sequence[Sequence[Piece]],
    end: int,
    bounds: Sequence[int],
    measure: int,
    columns: list[list[Block]],
) -> int:
    """Lines under a two-column band that go on with its left column, the right one having ended.

    Where the band's left column stops mid-sentence and its right column ends
    a sentence, the lines under the band (set off by at most one blank line, as
    OCR sets off its blocks) that start at the margin and stay inside the left
    column are that column's rest, up to the story's credit line (（公關室）).
    They are read before the right column. Returns where they end.
    """
    if len(columns) != 2 or not columns[0] or not columns[1]:
        return end
    if unfinished_column([columns[0][-1].text, columns[1][-1].text]) != 0:
        return end
    k = end
    while k < len(blocks) and len(pieces[k]) == 1 and int(blocks[k].hints.get("blank_before", 0)) <= 1:
        piece = _placed(pieces[k], measure)[0]
        if piece[0] > _SLACK or _end(blocks[k], piece, measure) > bounds[0] + _SLACK:
            break
        b = blocks[k]
        hints = {**b.hints, "column": 0, "indent": piece[0], "width": _end(b, piece, measure)}
        columns[0].append(_cut(b, piece, hints))
        k += 1
        if is_signoff(b.text.strip()):
            break
    return k


def _mark_paragraph_starts(column: list[Block]) -> None:
    """Set the blank-line hint where a column shows a paragraph start by its layout alone.

    A line indented after a line that ends a sentence opens a paragraph, and
    so does the line under a short piece centred in the column (a heading);
    the heading itself is set off from the line above it.
    """
    for k in range(1, len(column)):
        above, here = column[k - 1], column[k]
        indent, indent_above = int(here.hints.get("indent", 0)), int(above.hints.get("indent", 0))
        opens = (indent >= 2 and ends_sentence(above.text)) or (
            indent_above >= _CENTRED and not ends_sentence(above.text) and indent < indent_above
        )
        if opens and not int(here.hints.get("blank_before", 0)):
            column[k] = Block(here.type, here.text, here.spans, here.flags, {**here.hints, "blank_before": 1})


def _full_width(column: Sequence[Block]) -> int:
    """The full width of a band's column lines: the width three lines in four stay within (as :func:`dump_style`)."""
    widths = sorted(int(b.hints.get("width", 0)) for b in column)
    return widths[int(len(widths) * 0.75)] if widths else 0


def _with_measure(columns: list[list[Block]]) -> list[list[Block]]:
    """Every column line hinted with its column's full width (``col_measure``), in the band's measure.

    A page sets its modules to different measures (a story in two wide
    columns above one in three narrow ones, a news-in-brief column wider than
    the story beside it): a line is full or short against its own column, not
    against the page's commonest width. A column of fewer than
    :data:`_MIN_LINES` lines takes the band's full width.
    """
    band = _full_width([b for col in columns for b in col])
    measured = []
    for col in columns:
        full = _full_width(col) if len(col) >= _MIN_LINES else band
        measured.append([Block(b.type, b.text, b.spans, b.flags, {**b.hints, "col_measure": full}) for b in col])
    return measured


def _centred(line: Block, above: Block | None, below: Block) -> bool:
    """True if a column line is a heading centred in its column (``一张联系卡连起医患`` between two paragraphs).

    Every line of a justified column that does not end its paragraph reaches
    the column's right edge. A line set in from the left edge (by at least a
    paragraph indent) about as far as it stops short of the right one, after a
    sentence end and before a paragraph's indented first line, with no sentence
    end of its own, is no wrapped line: it is centred.
    """
    indent, width = int(line.hints.get("indent", 0)), int(line.hints.get("width", 0))
    short = int(line.hints.get("col_measure", 0)) - width
    return (
        indent >= 2
        and short >= 2
        and abs(indent - short) <= 2
        and not ends_sentence(line.text)
        and (above is None or ends_sentence(above.text))
        and int(below.hints.get("indent", 0)) >= 2
    )


def _mark_centred(columns: list[list[Block]]) -> None:
    """Hint ``centred`` on the column lines that are headings centred in their column (see :func:`_centred`).

    The line under a column's last line is the next column's first.
    """
    lines = [(c, k) for c, col in enumerate(columns) for k in range(len(col))]
    for (c, k), nxt in zip(lines, lines[1:]):
        line, above = columns[c][k], columns[c][k - 1] if k else None
        if _centred(line, above, columns[nxt[0]][nxt[1]]):
            columns[c][k] = Block(line.type, line.text, line.spans, line.flags, {**line.hints, "centred": True})


def _cut(b: Block, piece: Placed, hints: dict) -> Block:
    """The block of one piece of a line, with its exact source span."""
    return line_piece(b, piece[1], piece[2], hints)


def _piece_column(row: Sequence[Placed], m: int, ncols: int, bounds: Sequence[int]) -> int:
    """The column of a row's ``m``-th piece: with one piece per column each is in its own, whatever its indent."""
    return m if len(row) == ncols else _column_of(row[m][0], bounds)


def _row_pitch(rows: dict[int, list[Placed]], band: range, ncols: int, bounds: Sequence[int]) -> list[int]:
    """Per column, the rows its lines commonly step by: 1, or 2 where a column is set half a line off.

    Columns of one band need not share a baseline grid (a subhead or a
    caption shifts one column's lines by half a line), and a layout-keeping
    dump then prints the two columns on alternate rows. A column skipping
    only rows of its own pitch has no blank line there.
    """
    seen: list[list[int]] = [[] for _ in range(ncols)]
    for k in band:
        for m in range(len(rows[k])):
            col = _piece_column(rows[k], m, ncols, bounds)
            if not seen[col] or seen[col][-1] != k:
                seen[col].append(k)
    pitch = []
    for ks in seen:
        steps = Counter(b - a for a, b in zip(ks, ks[1:]))
        common = steps.most_common(1)
        pitch.append(common[0][0] if common and common[0][0] <= 2 and common[0][1] >= _MIN_LINES else 1)
    return pitch


def _read_band(
    blocks: Sequence[Block], pieces: Sequence[Sequence[Piece]], i: int, end: int
) -> tuple[list[Block] | None, int]:
    """The lines from ``i`` re-read column by column (None if they show no column starts), and where they end."""
    # the headline rows that open the band (centred, so no evidence of where the columns start): a cluster
    # with a row of one piece (a centred byline) straddles the columns and is read first, row by row;
    # otherwise each row holds one cluster per column
    top = i
    while top < end and _head_row(blocks[top], pieces[top]):
        top += 1
    labels = next((k for k in range(i, top) if len(pieces[k]) >= 2 and _label_row(blocks[k], pieces[k])), None)
    measure, bounds = _best_measure(pieces[top:end])
    if labels is not None:  # the columns are where running text starts, not where a module's head lines stand
        running, running_bounds = _best_measure([_running_pieces(blocks[k], pieces[k]) for k in range(top, end)])
        if running_bounds:
            measure, bounds = running, running_bounds
    if sum(1 for k in range(i, end) if len(pieces[k]) >= 2) < _MIN_LINES or not bounds:
        return None, end
    end = _tail_end(blocks, pieces, end, bounds, measure)
    rows = {k: _placed(pieces[k], measure) for k in range(i, end)}
    if len(bounds) == 1:  # two columns: OCR reads across one gutter (three columns on a line are left as they are)
        for k in range(top, end):
            rows[k] = _cut_narrow(blocks[k], rows[k], bounds, measure)
    ncols = len(bounds) + 1
    pitch = _row_pitch(rows, range(i, end), ncols, bounds)
    modules = _label_modules(blocks[labels], rows[labels], bounds, measure) if labels is not None else []
    if modules:
        # rows over the labels (a page header) are read row by row
        above = [_cut(blocks[k], piece, dict(blocks[k].hints)) for k in range(i, labels) for piece in rows[k]]
        return above + _read_modules(blocks, rows, range(labels, end), bounds, measure, modules, pitch), end
    listed = [rows.get(k, []) for k in range(end)]
    straddlers = [k for k in range(i + 1, top) if top < end and _centred_under(blocks, listed, k, bounds, measure)]
    straddle = bool(straddlers)
    # a cluster that straddles the columns of a module on the left leaves the last column's head lines to it
    # (two modules side by side: p7's wrapped headline and credit of the one-column module on the right)
    last_free = straddle and all(_end(blocks[k], rows[k][0], measure) < bounds[-1] - _SLACK for k in straddlers)
    columns: list[list[Block]] = [[] for _ in range(ncols)]
    last_line: list[int] = [-2] * ncols
    first_row: list[int] = [end] * ncols
    lead: list[Block] = []
    for k in range(i, end):
        b = blocks[k]
        row = rows[k]
        if k < top and not straddle and len(row) > ncols:
            row = _merge_pieces(row, ncols)
        for m, piece in enumerate(row):
            width = _end(b, piece, measure) - piece[0]
            if k < top and straddle and not (last_free and piece[0] >= bounds[-1] - _SLACK):
                hints = dict(b.hints)
                if m:
                    hints["blank_before"] = max(1, int(hints.get("blank_before", 0)))
                hints["indent"], hints["width"] = piece[0], piece[0] + width
                lead.append(_cut(b, piece, hints))
                continue
            col = _piece_column(row, m, ncols, bounds)
            hints = dict(b.hints)
            hints["indent"] = max(0, piece[0] - (bounds[col - 1] if col else 0))
            hints["width"] = hints["indent"] + width
            hints["column"] = col
            gap = int(b.hints.get("blank_before", 0))
            skipped = k - last_line[col] > pitch[col]  # (rows of its own pitch skipped: a blank line in it)
            hints["blank_before"] = max(1, gap) if skipped and columns[col] else gap
            last_line[col] = k
            first_row[col] = min(first_row[col], k)
            columns[col].append(_cut(b, piece, hints))
    end = _open_column_tail(blocks, pieces, end, bounds, measure, columns)
    columns = _with_measure(columns)
    for c, col in enumerate(columns):
        _mark_paragraph_starts(col)
        if c and col and first_row[c] >= top and int(col[0].hints.get("indent", 0)) < 2:
            # a column's first line without a paragraph indent goes on with the paragraph the column before ended
            col[0] = Block(col[0].type, col[0].text, col[0].spans, col[0].flags, {**col[0].hints, "blank_before": 0})
    _mark_centred(columns)
    return lead + [piece for col in columns for piece in col], end


def _running_pieces(b: Block, row: Sequence[Piece]) -> list[Piece]:
    """The pieces of a row that are running text (clause marks inside)."""
    return [p for p in row if _CLAUSE.search(b.text[p[2] : p[3]])]


def _label_modules(label_row: Block, row: Sequence[Placed], bounds: Sequence[int], measure: int) -> list[range]:
    """The modules a band opened by a row of column labels holds: each label stands over the first column of
    its module (``简 讯`` over one column, ``名 医 风 采`` over the two beside it); [] for any other band."""
    if len(row) < 2 or not all(section_label(label_row.text[p[1] : p[2]]) for p in row):
        return []
    firsts = [_column_of(p[0], bounds) for p in row]
    if firsts[0] != 0 or any(b <= a for a, b in zip(firsts, firsts[1:])):
        return []
    if not all(any(abs(p[0] - c) <= _SLACK for c in (0, *bounds)) for p in row):
        return []  # a label set off its column's start: no evidence of where its module begins
    return [range(a, b) for a, b in zip(firsts, (*firsts[1:], len(bounds) + 1))]


def _module_of(centre: float, modules: Sequence[range], bounds: Sequence[int]) -> int:
    """The module whose columns a piece centred at ``centre`` stands over."""
    starts = [bounds[m.start - 1] if m.start else 0 for m in modules]
    return max(k for k, start in enumerate(starts) if k == 0 or centre >= start)


def _read_modules(
    blocks: Sequence[Block],
    rows: dict[int, list[Placed]],
    band: range,
    bounds: Sequence[int],
    measure: int,
    modules: Sequence[range],
    pitch: Sequence[int],
) -> list[Block]:
    """A band of modules side by side under their labels, read module by module: its label, its head lines
    (every piece over the module above its first line of running text), then its columns one by one."""
    heads: list[list[Block]] = [[] for _ in modules]
    columns: list[list[Block]] = [[] for _ in range(len(bounds) + 1)]
    in_body = [False] * len(modules)
    last_line = [-2] * len(columns)
    first = band.start
    for m, piece in enumerate(rows[first]):
        heads[m].append(_cut(blocks[first], piece, {**blocks[first].hints, "indent": piece[0]}))
    for k in band[1:]:
        b = blocks[k]
        for n, piece in enumerate(rows[k]):
            text = b.text[piece[1] : piece[2]]
            end = _end(b, piece, measure)
            mod = _module_of((piece[0] + end) / 2, modules, bounds)
            in_body[mod] = in_body[mod] or bool(_CLAUSE.search(text)) or is_byline(heads[mod][-1].text)
            hints = {**b.hints, "width": end}
            if not in_body[mod]:
                hints["indent"] = piece[0]
                heads[mod].append(_cut(b, piece, hints))
                continue
            col = min(max(_piece_column(rows[k], n, len(columns), bounds), modules[mod].start), modules[mod].stop - 1)
            hints["indent"] = max(0, piece[0] - (bounds[col - 1] if col else 0))
            hints["width"] = hints["indent"] + end - piece[0]
            hints["column"] = col
            gap = int(b.hints.get("blank_before", 0))
            skipped = k - last_line[col] > pitch[col]
            hints["blank_before"] = max(1, gap) if skipped and columns[col] else gap
            last_line[col] = k
            columns[col].append(_cut(b, piece, hints))
    columns = _with_measure(columns)
    for col in columns:
        _mark_paragraph_starts(col)
    _mark_centred(columns)
    out: list[Block] = []
    for mod, cols in zip(heads, modules):
        out.extend(mod)
        for c in cols:
            if columns[c] and c != cols.start and int(columns[c][0].hints.get("indent", 0)) < 2:
                # a column's first line without a paragraph indent goes on with the paragraph the column before ended
                columns[c][0] = copy_hints(columns[c][0], blank_before=0)
            elif columns[c] and c == cols.start:
                columns[c][0] = copy_hints(
                    columns[c][0], blank_before=max(1, int(columns[c][0].hints.get("blank_before", 0)))
                )
            out.extend(columns[c])
    return out


def copy_hints(block: Block, **hints: object) -> Block:
    """``block`` with ``hints`` set."""
    return Block(block.type, block.text, block.spans, block.flags, {**block.hints, **hints})


def split_columns(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[Span, str, str]]]:
    """Blocks of a line-level text with side-by-side columns re-read column by column.

    Returns the new block list and, per band re-ordered, its source span with
    its text before and after (lines joined by newlines), for the change log.

    >>> from newsclean.readers import segment_lines
    >>> text = "\\n".join(["甲栏第一行，文字   乙栏第一行，文字", "甲栏第二行，文字   乙栏第二行，文字",
    ...                   "甲栏第三行。       乙栏第三行。"])
    >>> blocks, bands = split_columns(list(segment_lines(text).blocks()))
    >>> len(bands), [b.text for b in blocks]
    (1, ['甲栏第一行，文字', '甲栏第二行，文字', '甲栏第三行。', '乙栏第一行，文字', '乙栏第二行，文字', '乙栏第三行。'])
    """
    n = len(blocks)
    if not any("   " in b.text or "\u3000\u3000\u3000" in b.text for b in blocks):
        return list(blocks), []
    # only lines still as read (one span, same length): their pieces map back to the source exactly
    pieces = [
        _pieces(b) if len(b.spans) == 1 and b.spans[0].end - b.spans[0].start == len(b.text) else [] for b in blocks
    ]
    out: list[Block] = []
    bands: list[tuple[Span, str, str]] = []
    i = 0
    while i < n:
        if len(pieces[i]) < 2:
            out.append(blocks[i])
            i += 1
            continue
        end = _band_end(blocks, pieces, i)
        new, end = _read_band(blocks, pieces, i, end)
        labels = [k for k in range(i + 1, end) if len(pieces[k]) >= 2 and _label_row(blocks[k], pieces[k])]
        if new is None and labels:
            # a row of column labels under lines that are no band (a page header) opens the band below it
            out.extend(blocks[i : labels[-1]])
            i = labels[-1]
            continue
        if new is None:
            out.extend(blocks[i:end])
        else:
            out.extend(new)
            bands.append(
                (
                    Span(blocks[i].spans[0].start, blocks[end - 1].spans[0].end),
                    "\n".join(b.text for b in blocks[i:end]),
                    "\n".join(b.text for b in new),
                )
            )
        i = end
    return out, bands
