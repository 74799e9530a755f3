"""Side-by-side columns: read a ``pdftotext -layout`` style page column by column.

Layout-preserving extractors print the columns of a page side by side on one
text line, separated by runs of spaces. A copy editor reads such a page down
one column, then the next. The cue is generic: a *band* of consecutive lines
whose gaps of three or more spaces fall at the same display positions line
after line (the column starts). Inside a band every line is cut at its gaps;
each piece goes to the column whose start it is aligned with, and the band is
re-emitted column by column, one block per piece, with the piece's exact
source span. A headline that straddles the columns, or a page with a single
column, has no such band and is left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import regex

from newsclean.model import Block, Span
from newsclean.readers.lines import display_width

_GAP = regex.compile(r"[ \u3000]{3,}")
_MIN_LINES = 3  # lines with a gap a band needs before its columns are believed
_SLACK = 3  # display cells a piece may start right of its column (paragraph indents)


def _pieces(b: Block) -> list[tuple[int, int, int]]:
    """(display start, text start, text end) of each gap-separated piece of a line."""
    text = b.text
    base = int(b.hints.get("indent", 0))
    out: list[tuple[int, int, int]] = []
    pos = 0
    for m in _GAP.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start(), 0))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text), 0))
    # display positions: cumulative width from the line start
    result = []
    for start, end, _ in out:
        result.append((base + display_width(text[:start]), start, end))
    return result


def _head_row(b: Block, pieces: Sequence[tuple[int, int, int]]) -> bool:
    """True if every piece of a row is shaped like a headline, label, byline or subtitle."""
    from newsclean.structure.roles import _shape_role

    return bool(pieces) and all(_shape_role(b.text[s:e].strip()) not in (None, "signoff") for _, s, e in pieces)


def _centred_under(blocks: Sequence[Block], pieces, k: int) -> bool:
    """True if row ``k`` is one piece that starts in the gap of the row above it (a byline centred under both)."""
    if len(pieces[k]) != 1 or len(pieces[k - 1]) < 2:
        return False
    above = pieces[k - 1]
    first_end = above[0][0] + display_width(blocks[k - 1].text[above[0][1] : above[0][2]])
    return first_end <= pieces[k][0][0] < above[-1][0] - _SLACK


def _merge_pieces(text: str, pieces: list[tuple[int, int, int]], ncols: int) -> list[tuple[int, int, int]]:
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


def split_columns(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[Span, str, str]]]:
    """Blocks of a line-level text with side-by-side columns re-read column by column.

    Returns the new block list and, per band re-ordered, its source span with
    its text before and after (lines joined by newlines), for the change log.

    >>> from newsclean.readers import segment_lines
    >>> text = "\\n".join(["甲栏第一行文字   乙栏第一行文字", "甲栏第二行文字   乙栏第二行文字",
    ...                   "甲栏第三行。     乙栏第三行。"])
    >>> blocks, bands = split_columns(list(segment_lines(text).blocks()))
    >>> len(bands), [b.text for b in blocks]
    (1, ['甲栏第一行文字', '甲栏第二行文字', '甲栏第三行。', '乙栏第一行文字', '乙栏第二行文字', '乙栏第三行。'])
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
        # the band: lines with gaps, and up to two gapless lines between them (a column ran short)
        j = i + 1
        last_multi = i
        while (
            j < n
            and j - last_multi <= 3
            and pieces[j]
            and int(blocks[j].hints.get("blank_before", 0)) <= 2
            and not (int(blocks[j].hints.get("blank_before", 0)) >= 2 and _head_row(blocks[j], pieces[j]))
        ):
            # (a row of headline-shaped pieces after a wide gap opens the next module of stories)
            if len(pieces[j]) >= 2:
                last_multi = j
            j += 1
        end = last_multi + 1
        multi = [k for k in range(i, end) if len(pieces[k]) >= 2]
        starts = [p[0] for k in multi for p in pieces[k][1:]]
        bounds = _boundaries(starts, len(multi))
        if len(multi) < _MIN_LINES or not bounds:
            out.extend(blocks[i:end])
            i = end
            continue
        ncols = len(bounds) + 1
        # the headline rows that open the band: a cluster with a row of one piece (a centred byline)
        # straddles the columns and is read first, row by row; otherwise each row holds one cluster per column
        top = i
        while top < end and _head_row(blocks[top], pieces[top]):
            top += 1
        straddle = top < end and any(_centred_under(blocks, pieces, k) for k in range(i + 1, top))
        columns: list[list[Block]] = [[] for _ in range(ncols)]
        last_line: list[int] = [-2] * ncols
        lead: list[Block] = []
        for k in range(i, end):
            b = blocks[k]
            row = pieces[k]
            if k < top and not straddle and len(row) > ncols:
                row = _merge_pieces(b.text, row, ncols)
            for m, (disp, start, stop) in enumerate(row):
                if k < top and straddle:
                    hints = dict(b.hints)
                    if m:
                        hints["blank_before"] = max(1, int(hints.get("blank_before", 0)))
                    hints["indent"], hints["width"] = disp, disp + display_width(b.text[start:stop])
                    s0 = b.spans[0].start
                    lead.append(Block(b.type, b.text[start:stop], (Span(s0 + start, s0 + stop),), b.flags, hints))
                    continue
                if len(row) == ncols:
                    col = m  # one piece per column: each piece is in its own column, whatever its indent
                else:
                    col = sum(1 for c in bounds if c <= disp + _SLACK)
                text = b.text[start:stop]
                origin = bounds[col - 1] if col else 0
                hints = dict(b.hints)
                hints["indent"] = max(0, disp - origin)
                hints["width"] = hints["indent"] + display_width(text)
                hints["column"] = col
                if last_line[col] != k - 1:
                    hints["blank_before"] = (
                        max(1, int(b.hints.get("blank_before", 0)))
                        if columns[col]
                        else int(b.hints.get("blank_before", 0))
                    )
                else:
                    hints["blank_before"] = int(b.hints.get("blank_before", 0))
                last_line[col] = k
                s0 = b.spans[0].start
                columns[col].append(Block(b.type, text, (Span(s0 + start, s0 + stop),), b.flags, hints))
        new = lead + [piece for col in columns for piece in col]
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
