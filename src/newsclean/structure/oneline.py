"""Two columns on one line, joined by a narrow gap: read the left column, then the right one.

Some extractors print the lines of two side-by-side columns on one text line
with only a narrow gap between them: pdfminer (markitdown) joins the two
halves with ONE space (``…接诊多名中暑患 老年人、婴幼儿、…``), and Tesseract
on a skewed scan, whose page segmentation breaks down, reads across the
gutter and puts one to a few spaces, sometimes the gutter rule ``|``, between
them (``…正式啟用。 新系統結 | 用藥諮詢上,…``). The wide-gap grid of
:mod:`newsclean.structure.columns` does not see these: the gap is narrow and,
on a skewed page, the boundary drifts by a character or two from line to line.

:func:`split_oneline_columns` looks for a *run* of consecutive lines (at most one
blank line between them) each of which can be cut at a gap into two runs of Chinese
text, the cut falling at a near-constant display column (wide characters count
two cells). In a run:

* the *column boundary* is the display column that the most lines with a long
  left half (a full column line) have a cut near (within :data:`_DRIFT` cells);
* each line is cut at the gap nearest that boundary; a gap holding a gutter
  rule ``|`` or more spaces is preferred; a left half that ends a sentence may
  stop well short of the boundary (the last line of a paragraph), and a right
  half across a wide gap may start well right of it (a credit set flush right);
* inside a run, a line of short headline-shaped pieces (a subheading of each
  column printed side by side) is cut at the gap nearest the boundary and
  flagged ``interleaved``, as it has no evidence of its own.

A run is only split when it is a real pair of text flows: at least
:data:`_MIN_LINES` lines cut, at least two of them full column lines, and the
halves read on better column by column (left half to the next left half,
right half to the next right half) than row by row (left half into its right
half, right half into the next left half), by the lexicon
(:func:`newsclean.lexicon.segmentation_score` across each seam: a word that
spans it). A Traditional-script dump is scored through OpenCC's t2s tables,
as the lexicon is Simplified. Where the lexicon has no opinion either way the
geometry alone decides and the run is flagged ``interleaved`` for an editor.

A single line (a byline ``■ 金增秀 周长才``, two headline phrases side by side,
a name list) never forms a run: lists of short names fail the full-line test,
and justification spaces of one column fail the reading test, since there the
row reading is the continuous one. The split lines are re-emitted left column
first, each half with its exact source span; every run split is one change
with its source span and text before and after.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any, cast

import regex

from newsclean.lexicon import MAX_WORD_LEN
from newsclean.model import Block, Document, Flag, Span
from newsclean.readers.lines import display_width
from newsclean.registry import cleaner
from newsclean.structure.cues import ends_sentence, unfinished_column
from newsclean.structure.interleave import lexical_seam
from newsclean.structure.line_moves import GUTTER, apply_line_moves, line_piece, line_runs
from newsclean.structure.three_columns import split_three_columns
from newsclean.variants import SIMPLIFIED, opencc_converter

NAME = "split_oneline_columns"
_HAN = regex.compile(r"\p{Han}")
_CLAUSE = regex.compile(r"[，。；、：,;:！？!?]")  # running text, not a headline
_PROSE = regex.compile(r"[，。；,;]")  # commas and full stops: sentences, not fields or names
_FINAL = regex.compile(r"[。！？!?…][”’」』）)]*$")  # a sentence end (a paragraph's last line may stop short)
_LETTER_SPACED = regex.compile(r"(?:^|\s)\p{Han}(?:\s+\p{Han}(?=\s|$)){1,}")  # 科 普 园 地, 要 闻
_INNER_GAP = regex.compile(
    r"\p{Han}[ \u3000]+[\p{Han}\d]|[\d\p{Han}][ \u3000]+\p{Han}"
)  # words set apart: fields, names
_SPACE = regex.compile(r"[ \u3000|]")
_WIDE_GAP = regex.compile(r"[ \u3000]{3,}")
_MAX_LINE = 240  # characters: two columns' lines side by side are far shorter
_MIN_LINES = 3  # lines a run must cut before its columns are believed
_FULL = 16  # cells (8 Chinese characters): a left half this wide fills a column line
_DRIFT = 6  # cells a cut may stray from the run's boundary (skew, OCR'd punctuation widths)
_MIN_HAN = 4  # Chinese characters a full half holds (a name or a label has fewer)
_SEAM_GAIN = 2.0  # segmentation gain for a word across a seam to count
_DECISIVE = 1.0  # reading-score margin above which a split is not flagged

# (left end, right start, display column of the right start, gap weight, Chinese characters left and right)
Cut = tuple[int, int, int, int, int, int]


def _cuts(text: str) -> tuple[Cut, ...]:
    """Every gap of a line between two non-space characters, with its right half's display column."""
    if len(text) > _MAX_LINE:
        return ()  # a paragraph on one line (a Markdown dump): not two column lines (and never cached)
    return _cuts_of_line(text)


@lru_cache(maxsize=8192)
def _cuts_of_line(text: str) -> tuple[Cut, ...]:
    out: list[Cut] = []
    if not _SPACE.search(text) or sum(1 for piece in _WIDE_GAP.split(text) if _han(piece) >= 2) > 2:
        return ()  # one phrase, or three columns: not two column lines
    total = _han(text)
    for m in GUTTER.finditer(text):
        a, z = m.start(), m.end()
        if a == 0 or z >= len(text):
            continue
        gap = m.group()
        weight = 2 if "|" in gap else min(len(gap), 3)
        left = _han(text[:a])
        out.append((a, z, display_width(text[:z]), weight, left, total - left))
    return tuple(out)


def _han(text: str) -> int:
    return len(_HAN.findall(text))


def _usable(cut: Cut) -> bool:
    """Both halves hold Chinese text and the left one is no lone marker."""
    return cut[4] >= 2 and cut[5] >= 1


def _prose(text: str) -> bool:
    """Running text: no words set apart by spaces (a furniture line's fields, a list of names), or commas.

    OCR's space after a punctuation mark (``看板, 病人``) is no such gap, and
    a line with commas or full stops is prose even where OCR put a stray
    space between two characters (``家长要注意 给孩子补充水分，``).
    """
    return not _INNER_GAP.search(text) or bool(_PROSE.search(text))


def _running(text: str, cut: Cut) -> bool:
    """Neither half sets words apart by a space of its own (a furniture line's fields, a list of names).

    OCR's space after a punctuation mark (``看板, 病人``) is no such gap. (Stricter than
    :func:`_prose`: a paragraph that a Markdown extractor joined at its hard wraps with
    spaces has commas too, and its wraps must not pass for a gutter.)
    """
    return not _INNER_GAP.search(text, 0, cut[0]) and not _INNER_GAP.search(text, cut[1])


def _full(text: str, cut: Cut) -> bool:
    """The left half fills a column line: wide enough, and Chinese text, not a marker or a name."""
    return cut[4] >= _MIN_HAN and cut[5] >= 1 and cut[2] - display_width(text[cut[0] : cut[1]]) >= _FULL


def _headline_pieces(text: str) -> bool:
    """A line of short pieces without clause marks (two subheadings, or a subheading and a credit).

    A letter-spaced label (``科 普 园 地``) is one piece, not two.
    """
    return (
        not _CLAUSE.search(text.replace("（", "").replace("）", ""))
        and display_width(text) <= 2 * _FULL + 8
        and not _LETTER_SPACED.search(text)
    )


def _line_ok(b: Block) -> bool:
    """A block still as read (one line, one exact span, no table row): its halves map back to the source exactly."""
    text = b.text
    return (
        len(b.spans) == 1
        and b.spans[0].end - b.spans[0].start == len(text)
        and "\n" not in text
        and not (text.startswith("|") and text.rstrip().endswith("|"))
    )


def _boundary(texts: Sequence[str], cuts: Sequence[Sequence[Cut]]) -> tuple[int, int]:
    """The display column most full lines cut near, and how many full lines support it."""
    positions = [c[2] for t, cs in zip(texts, cuts) for c in cs if _full(t, c) and _running(t, c)]
    best, support = 0, 0
    for p in sorted(set(positions)):
        lines = sum(1 for t, cs in zip(texts, cuts) if any(_full(t, c) and abs(c[2] - p) <= _DRIFT for c in cs))
        if lines > support:
            best, support = p, lines
    if support:
        near = [q for q in positions if abs(q - best) <= _DRIFT]
        best = sorted(near)[len(near) // 2]
    return best, support


def _choose(text: str, cuts: Sequence[Cut], column: int, inside: bool) -> tuple[Cut | None, bool]:
    """The cut of one line at the run's boundary (None if there is none), and whether it is a guess."""
    near = [c for c in cuts if abs(c[2] - column) <= _DRIFT and _full(text, c) and _running(text, c)]
    short = [c for c in cuts if c[2] < column - _DRIFT and _FINAL.search(text[: c[0]]) and _running(text, c)]
    # a short piece set flush right in its column (a credit), across a wide gap from a left half that fits
    flush = [
        c
        for c in cuts
        if c[2] > column + _DRIFT
        and c[3] >= 3
        and display_width(text[: c[0]]) <= column + _DRIFT
        and _FINAL.search(text[: c[0]])
        and _running(text, c)
    ]
    ranked = sorted(near + short + flush, key=lambda c: (-c[3], abs(c[2] - column)))
    if ranked:
        return ranked[0], False
    if inside and cuts and _headline_pieces(text):
        cut = min(cuts, key=lambda c: abs(c[2] - column))
        if _han(text[: cut[0]]) >= 2 and _han(text[cut[1] :]) >= 2:
            return cut, True
    return None, False


def _tail(text: str) -> str:
    return text.rstrip()[-MAX_WORD_LEN:]


def _head(text: str) -> str:
    return text.lstrip()[:MAX_WORD_LEN]


def _seam(left: str, right: str, simplify: Callable[[str], str]) -> float:
    """How much better two texts read as one run than apart: a lexicon word across the seam."""
    a, b = simplify(_tail(left)), simplify(_head(right))
    if not a or not b or ends_sentence(a) or _CLAUSE.match(a[-1]):
        return 0.0
    return lexical_seam(a, b, _SEAM_GAIN)


def _readings(halves: Sequence[tuple[str, str]], simplify: Callable[[str], str]) -> tuple[float, float]:
    """Scores of reading the halves column by column and row by row."""
    by_column = sum(
        _seam(halves[k][0], halves[k + 1][0], simplify) + _seam(halves[k][1], halves[k + 1][1], simplify)
        for k in range(len(halves) - 1)
    )
    by_row = sum(_seam(lt, rt, simplify) for lt, rt in halves) + sum(
        _seam(halves[k][1], halves[k + 1][0], simplify) for k in range(len(halves) - 1)
    )
    return by_column, by_row


def _emit(
    blocks: Sequence[Block], chosen: Sequence[tuple[Cut, bool]], flag_all: bool
) -> tuple[list[Block], list[Block]]:
    """The run re-read column by column, left halves first; each half keeps its exact source span."""
    left: list[Block] = []
    right: list[Block] = []
    for k, (b, (cut, guess)) in enumerate(zip(blocks, chosen)):
        ltext, rtext = b.text[: cut[0]], b.text[cut[1] :]
        heading = guess or (_headline_pieces(b.text) and not ends_sentence(ltext))
        # positions as :mod:`columns` gives them: indent and width counted from the column's start
        indent = int(b.hints.get("indent", 0))
        lhints = {**b.hints, "column": 0, "width": indent + display_width(ltext), "oneline": True}
        rhints = {**b.hints, "column": 1, "indent": 0, "width": display_width(rtext), "oneline": True}
        rhints["blank_before"] = int(b.hints.get("blank_before", 0)) if k else 1
        if heading:
            lhints["blank_before"] = rhints["blank_before"] = 1
        if k and chosen[k - 1][1]:
            lhints["blank_before"] = max(1, int(lhints.get("blank_before", 0)))
            rhints["blank_before"] = 1
        flags = b.flags
        if (flag_all and k == 0) or guess:
            note = "two columns printed on one line split at a narrow gap" + (
                " (a line of short pieces, cut at the gap nearest the column boundary)" if guess else ""
            )
            flags = (*flags, Flag("interleaved", note, b.spans[0]))
        left.append(line_piece(b, 0, len(ltext), lhints, flags))
        right.append(line_piece(b, cut[1], len(b.text), rhints, ()))
    for col in (left, right):
        # a half above a heading of its column is set off from it too
        for k in range(1, len(col)):
            if chosen[k][1] and not int(col[k].hints.get("blank_before", 0)):
                col[k] = replace(col[k], hints={**col[k].hints, "blank_before": 1})
    return left, right


def _candidate(b: Block) -> bool:
    return _line_ok(b) and not b.hints.get("oneline") and any(_usable(c) for c in _cuts(b.text))


def _opens_run(b: Block) -> bool:
    """A line that may open a run: it has a usable gap and a full column line left of one (a paragraph's first
    line is one)."""
    return _candidate(b) and any(_full(b.text, c) for c in _cuts(b.text))


def _stretches(chosen: Sequence[tuple[Cut | None, bool]], texts: Sequence[str]) -> list[tuple[int, int]]:
    """The ranges of consecutive lines of a run that all have a cut, less the heads of the band under the
    two columns where the stretch ends in them (see :func:`_band_heads_after`)."""
    out: list[tuple[int, int]] = []
    start = 0
    for k in range(len(chosen) + 1):
        if k == len(chosen) or chosen[k][0] is None:
            end = _band_heads_after(chosen, texts, start, k)
            if end > start:
                out.append((start, end))
            start = k + 1
    return out


def _band_heads_after(chosen: Sequence[tuple[Cut | None, bool]], texts: Sequence[str], start: int, end: int) -> int:
    """Where a stretch's text ends: before its last lines without clause marks if one of them is cut at the
    column boundary itself (a row of the next band's headlines printed side by side, not the two columns'
    subheads, which are cut where they fall: a guess), else at ``end``."""
    k = end
    while k > start and not _CLAUSE.search(texts[k - 1]):
        k -= 1
    return k if any(not chosen[m][1] for m in range(k, end)) else end


def _split_stretch(
    run: Sequence[Block], chosen: Sequence[tuple[Cut | None, bool]], simplify: Callable[[str], str]
) -> tuple[list[Block], list[Block]] | None:
    """The two columns of a stretch, or None where the evidence is too weak to split it."""
    picked = cast("list[tuple[Cut, bool]]", list(chosen))  # every line of a stretch has a cut (see _stretches)
    full = sum(1 for b, (c, g) in zip(run, picked) if not g and _full(b.text, c))
    guesses = sum(1 for _, g in picked if g)
    if len(picked) < _MIN_LINES or full < 2 or guesses > full // 2:
        return None  # too few column lines, or mostly short pieces (headlines, bylines) with little text between
    halves = [(b.text[: c[0]], b.text[c[1] :]) for b, (c, _) in zip(run, picked)]
    by_column, by_row = _readings(halves, simplify)
    if by_row > by_column:
        return None  # one column's lines with spaces left in them: they read on row by row
    return _emit(run, picked, by_column - by_row < _DECISIVE)


def _tail_line(b: Block, column: int) -> bool:
    """A line of running text that fits in one column and has no cut of its own."""
    text = b.text
    return (
        _line_ok(b)
        and not b.hints.get("oneline")
        and int(b.hints.get("blank_before", 0)) <= 1
        and display_width(text) <= column + _DRIFT
        and _han(text) >= _MIN_HAN
        and _prose(text)
        and bool(_CLAUSE.search(text))
        and _choose(text, _cuts(text), column, False)[0] is None
    )


def _take_tail(
    blocks: Sequence[Block],
    start: int,
    column: int,
    left: list[Block],
    right: list[Block],
    simplify: Callable[[str], str] = lambda s: s,
) -> int:
    """Take the lines under a split stretch that one column printed on alone into that column.

    Where exactly one column's last line is unfinished (the other ends a
    sentence), a line of running text that fits in a column and follows
    with at most one blank line goes on with that column (the other column
    ended, or a picture stands beside it). Where both are finished, lines of
    running text under the stretch are the left column's foot when the last
    of them is unfinished and the right column's first line reads on from it
    (``…如果孩子出现尿`` + ``量明显减少…``): the right column was printed
    beside the left one's top only. Returns where the taken lines end.
    """
    k = start
    while k < len(blocks) and _tail_line(blocks[k], column):
        open_column = unfinished_column([left[-1].text, right[-1].text])
        if open_column is None:
            break
        b = blocks[k]
        hints = {**b.hints, "column": open_column, "oneline": True, "blank_before": 0}
        (left, right)[open_column].append(replace(b, hints=hints))
        k += 1
    if k > start or not (ends_sentence(left[-1].text) and ends_sentence(right[-1].text)):
        return k
    end = start
    while end < len(blocks) and _tail_line(blocks[end], column) and not ends_sentence(blocks[end].text):
        end += 1
    if end == start or _seam(blocks[end - 1].text, right[0].text, simplify) <= 0:
        return start
    for m, b in enumerate(blocks[start:end]):
        blank = int(b.hints.get("blank_before", 0)) if m else 1
        left.append(replace(b, hints={**b.hints, "column": 0, "oneline": True, "blank_before": blank}))
    right[0] = replace(right[0], hints={**right[0].hints, "blank_before": 0})
    return end


def _left_top(
    blocks: Sequence[Block],
    done: int,
    start: int,
    column: int,
    left: Block,
    right: Block,
    simplify: Callable[[str], str],
) -> int | None:
    """Where the left column's first lines end, if OCR read both columns' first lines as blocks of their own
    above the run (the left one's, then the right one's) before reading across the gutter.

    The block printed right before the run stops mid-sentence and the right column's first half goes on
    from it; an earlier block stops mid-sentence too and the left column's first half reads on from it (a
    word across the seam: 院前急|救与院内); every line between fits one column. Returns the index just after
    that earlier block (the right column's first lines start there), or None.
    """
    chunks = _blocks_above(blocks, done, start, _MAX_TOP_BLOCKS + 1)
    if not chunks or ends_sentence(blocks[chunks[0][1] - 1].text):
        return None
    for m, (a, z) in enumerate(chunks):
        if any(display_width(b.text) > column + _DRIFT or not _prose(b.text) for b in blocks[a:z]):
            return None
        last = blocks[z - 1].text
        if m and not ends_sentence(last) and _seam(last, left.text, simplify) > 0:
            return z if _seam(blocks[start - 1].text, right.text, simplify) >= 0 else None
    return None


def _blocks_above(blocks: Sequence[Block], done: int, start: int, most: int) -> list[tuple[int, int]]:
    """Up to ``most`` text blocks (line ranges set off by blank lines) printed right above ``start``, nearest
    first, none before ``done``."""
    out: list[tuple[int, int]] = []
    z = start
    while z > done and len(out) < most:
        a = z - 1
        while a > done and not int(blocks[a].hints.get("blank_before", 0)):
            a -= 1
        out.append((a, z))
        z = a
    return out


_MAX_TOP_BLOCKS = 3  # blocks of the right column's first lines that may stand between the left's and the run


def split_blocks(
    blocks: Sequence[Block], simplify: Callable[[str], str] = lambda s: s
) -> tuple[list[Block], list[tuple[Span, str, str]]]:
    """Runs of lines holding two columns each re-read column by column.

    Returns the new block list and, per run split, its source span and its
    text before and after (lines joined by newlines), for the change log.

    >>> from newsclean.readers import segment_lines
    >>> text = "\\n".join(["近期我市持续高温，急诊科陆续接诊多名中暑患 老年人、婴幼儿、慢性病患者以及孕妇对高温的",
    ...                   "者，其中2人被诊断为热射病。热射病是最严重的中 耐受能力较差，家中应保持通风，必要时使用空调降",
    ...                   "暑类型，患者核心体温可超过40℃，并伴有意识障 温，室内温度以26℃左右为宜，外出时要备好遮阳伞"])
    >>> blocks, runs = split_blocks(list(segment_lines(text).blocks()))
    >>> len(runs), [b.text[:6] for b in blocks]
    (1, ['近期我市持续', '者，其中2人', '暑类型，患者', '老年人、婴幼', '耐受能力较差', '温，室内温度'])
    """
    blocks, changes = split_three_columns(blocks, lambda left, right: _seam(left, right, simplify))
    runs = line_runs(blocks, _opens_run, _candidate, _MIN_LINES)
    if not runs:
        return list(blocks), changes
    out: list[Block] = []
    done = 0
    for i, j in runs:
        texts = [b.text for b in blocks[i:j]]
        cuts = [[c for c in _cuts(t) if _usable(c)] for t in texts]
        column, support = _boundary(texts, cuts)
        if support < 2:
            continue
        chosen = [_choose(t, cs, column, k > 0) for k, (t, cs) in enumerate(zip(texts, cuts))]
        for a, z in _stretches(chosen, texts):
            if i + a < done:
                continue  # taken as the tail of the stretch above
            columns = _split_stretch(blocks[i + a : i + z], chosen[a:z], simplify)
            if columns is None:
                continue
            left, right = columns
            end = _take_tail(blocks, i + z, column, left, right, simplify)
            start = i + a
            # the columns' first lines, read as blocks of their own above the run: the left column's over it
            top = _left_top(blocks, done, start, column, left[0], right[0], simplify)
            if top is not None:
                left[0] = replace(left[0], hints={**left[0].hints, "blank_before": 0})
                right[0] = replace(right[0], hints={**right[0].hints, "blank_before": 0})
                new = [*left, *blocks[top:start], *right]
                start = top
            else:
                new = left + right
            run = blocks[start:end]
            out.extend(blocks[done:start])
            out.extend(new)
            done = end
            changes.append(
                (
                    Span(run[0].spans[0].start, run[-1].spans[0].end),
                    "\n".join(b.text for b in run),
                    "\n".join(b.text for b in new),
                )
            )
    out.extend(blocks[done:])
    return out, changes


@cleaner(NAME, family="structure")
def split_oneline_columns(doc: Document, options: Mapping[str, Any]) -> Document:
    """Two (or three) columns printed on one line with a narrow gap (markitdown, OCR) read left column first.

    >>> from newsclean.readers import segment_lines
    >>> text = "\\n".join(["高温天气应尽量避开11时至16时外出，户外作业 一旦发现有人出现高热、意识模糊、抽搐等症",
    ...                   "人员要合理安排工作时间，做到少量多次饮水，不要 状，应立即将其转移到阴凉通风处，用冷水擦拭身体",
    ...                   "等口渴了才喝水。大量出汗后可适当饮用淡盐水或含 或冷水浸泡降温，同时拨打120。记住“先降温、后"])
    >>> doc = split_oneline_columns(segment_lines(text), {})
    >>> [b.text[:4] for b in doc.blocks()], doc.changes[-1].cleaner
    (['高温天气', '人员要合', '等口渴了', '一旦发现', '状，应立', '或冷水浸'], 'split_oneline_columns')
    """
    simplify = opencc_converter("t2s") if doc.lang not in SIMPLIFIED else (lambda s: s)
    return apply_line_moves(
        doc,
        NAME,
        lambda blocks: split_blocks(blocks, simplify),
        "two columns printed on one line read left column first",
    )
