"""Interleaved column lines: read A1 B1 A2 B2 … back as A1 A2 … B1 B2 ….

``pdftotext`` in its default mode sorts the lines of a multi-column block by
their height on the page, so the lines of adjacent columns come out
alternately, usually each followed by a blank line. A copy editor spots it at
once: a line does not go on with the line under it but with the one two (or
three) lines up. The cues are generic:

* a line that starts with a character no sentence starts with (，。、…)
  continues a line that does not end a sentence;
* a lexicon word across a seam (``证|书``, ``公|立``) joins the two lines;
* lines printed with no blank line between them belong to one text block.

A *chunk* is a run of lines with no blank line between them; OCR tools that
print one box per line with no blank lines at all give glued stretches whose
lines are the items instead (the lines as wide as a column's full lines, for each
of the column widths side by side: :func:`column_widths`). The items of a run are read as *rows* printed
across two or three columns (:func:`assign_columns`): each row visits the
columns left to right, so the column after ``c`` is ``c + 1``; a column
passed over (it ended, a photo, a paragraph gap: the rhythm's phase shift)
costs a little, less again where it had no line in the row before either
(the gap goes on), and each item is scored against its column's last item by
:func:`join_score` (:func:`seam_score` plus the width a column's lines
share). Which column is leftmost is read from how each column's last line
goes on in the next one's first line (:func:`column_order`). Traditional
lines are scored on their OpenCC ``t2s`` rendering (:func:`simplified`), as
the lexicon is Simplified. Where the run's lines fall into two measures
(modules side by side, :mod:`newsclean.structure.measures`), each line goes
in a column its width fits and the row rhythm holds within each module; a
sign-off closes its column. The re-ordering is taken only where it beats the
printed order clearly (less clearly where every row visits every column in
turn); a run whose seams say it is mixed but cannot be re-read is flagged
``interleaved`` as printed. The search is a beam over (column, each column's
last item), so it is linear in the number of lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

import regex

from newsclean.lexicon import MAX_WORD_LEN, segmentation_score, word_frequencies
from newsclean.model import Block, Flag, Span, span_of
from newsclean.structure.block_width import column_widths, display_width, paragraph_seam, width_bounds, width_seam
from newsclean.structure.carry import carry_score, head_kind, tail_kind
from newsclean.structure.cues import (
    BODY_MARKS,
    ends_continuing,
    ends_sentence,
    is_byline,
    is_caption,
    is_signoff,
    section_label,
    starts_dangling,
    visible_len,
)
from newsclean.structure.measures import Measures, layouts, two_measures
from newsclean.variants import opencc_converter

_MIN_GAIN = 6.0  # a re-ordering must beat the printed order by this much
MAX_LINE = 40  # visible characters: longer lines are not a narrow column (shared with the block pass)
_MIN_RUN = 6  # chunks a run needs before it is examined
_MIN_GLUED = 8  # lines a stretch printed with no blank line needs before it is examined
MAX_ITEMS = 400  # items (lines or text blocks) beyond which a column run is not one printed row band
_SEAM_CHARS = 4  # characters each side of a seam the lexicon reads
_SEAM_GAIN = 4.0  # log-probability a seam must gain by joining before it counts as evidence


_TRADITIONAL_SHARE = 0.04  # characters t2s changes, of all, before lines are read as Traditional


def simplified(lines: Sequence[str]) -> list[str]:
    """The lines as the lexicon (Simplified Chinese) reads them: OpenCC ``t2s`` where they are Traditional.

    Only the seams are scored on this rendering, so a line is taken only where it keeps its length character
    for character (a phrase mapping that changes it leaves the line as it is); lines in which t2s changes
    few characters (Simplified text) are returned as they are.

    >>> simplified(["新系統結", "合自動配藥機器人"]), simplified(["新系统结", "合自动配药"])
    (['新系统结', '合自动配药机器人'], ['新系统结', '合自动配药'])
    """
    text = "\n".join(lines)
    converted = opencc_converter("t2s")(text)
    if converted == text:
        return list(lines)
    out = converted.split("\n")
    if len(out) != len(lines):
        return list(lines)
    out = [new if len(new) == len(old) else old for old, new in zip(lines, out)]
    changed = sum(a != b for old, new in zip(lines, out) for a, b in zip(old, new))
    if changed < max(3, _TRADITIONAL_SHARE * sum(map(len, lines))):
        return list(lines)
    return out


def seam_score(left: str, right: str) -> float:
    """How well ``right`` reads as the line after ``left`` (positive: it goes on; negative: it cannot).

    >>> seam_score("先进科室和优秀质控员颁发了证", "书。下一步，医院将以国家三级公") > 0
    True
    >>> seam_score("发现、早纠正。", "，出院当天") < 0
    True
    >>> seam_score("我院在门诊楼", "8.7天下降至7.9天"), seam_score("但部分", "发现、早纠正。")
    (0.0, 0.0)
    """
    return _seam(tail_cues(left), head_cues(right))


class Tail(NamedTuple):
    """What the end of a line says about the line printed after it (read once per line)."""

    text: str  # the last characters the lexicon reads across the seam ('' for a blank line)
    done: bool  # it ends a sentence, or it is a sign-off (``closed``)
    going: bool  # it ends with a mark after which the sentence must go on (，、：)
    width: float | None  # its printed width, None where digits or Latin letters make the width no evidence
    carry: str = ""  # what it leaves to go on: a cut Latin run, a number (:func:`~newsclean.structure.carry.tail_kind`)
    marked: bool = True  # it holds clause marks: running text, not a subhead or a label
    closed: bool = False  # it is a sign-off: its story, and the column under it, end here


class Head(NamedTuple):
    """What the start of a line says about the line printed before it (read once per line)."""

    text: str  # the first characters the lexicon reads across the seam ('' for a blank line)
    dangling: bool  # it starts with a mark no sentence starts with (，。、)
    stop: bool  # it ends a sentence or is a signoff: a short last line, its width no evidence
    width: float | None
    carry: str = ""  # what it can go on from: Latin, a unit (:func:`~newsclean.structure.carry.head_kind`)


def tail_cues(text: str, done: bool | None = None, width: float | None = -1.0) -> Tail:
    """The :class:`Tail` of a line (``done`` and ``width``, if given, as :func:`_line_cues` read them)."""
    if done is None:
        done, width = _line_cues(text)
    marked = bool(BODY_MARKS.search(text))
    closed = not marked and is_signoff(text)
    return Tail(
        text.rstrip()[-_SEAM_CHARS:], done or closed, ends_continuing(text), width, tail_kind(text), marked, closed
    )


def head_cues(text: str, done: bool | None = None, width: float | None = -1.0) -> Head:
    """The :class:`Head` of a line (``done`` and ``width``, if given, as :func:`_line_cues` read them)."""
    if done is None:
        done, width = _line_cues(text)
    return Head(
        text.lstrip()[:_SEAM_CHARS],
        starts_dangling(text),
        done or is_signoff(text),
        width,
        head_kind(text),
    )


def _line_cues(text: str) -> tuple[bool, float | None]:
    """Whether a line ends a sentence, and its width (None where digits or Latin letters make it no evidence).

    Digits and Latin letters are set proportionally, about half an em but not exactly: up to
    :data:`_PROPORTIONAL` of them (a day of the month, a count) leave the width within the slack of
    :func:`join_score`; more make it no evidence.
    """
    return ends_sentence(text), line_width(text)


def line_width(text: str) -> float | None:
    """A line's printed width in ems (:func:`display_width`), or None where more than :data:`_PROPORTIONAL`
    digits or Latin letters make it no evidence (see :func:`_line_cues`)."""
    return None if len(_HALF_WIDTH.findall(text)) > _PROPORTIONAL else display_width(text)


def _seam(tail: Tail, head: Head) -> float:
    """:func:`seam_score` from the cues of the two lines."""
    if not tail.text or not head.text:
        return 0.0
    carry = carry_score(tail.carry, head.carry)  # a cut Latin run goes on in Latin, a number in its unit
    if head.dangling:
        return carry + (-6.0 if tail.done else 3.0)
    if tail.done or tail.going:
        return carry
    return carry + lexical_seam(tail.text, head.text)


@lru_cache(maxsize=65536)
def lexical_seam(left: str, right: str, min_gain: float = _SEAM_GAIN) -> float:
    """How much better two ends read as one text than apart: 0.0 unless a lexicon word spans the seam (证|书,
    开|展) and joining gains at least ``min_gain`` in segmentation score, else the gain (at most 12) over 4.
    Shared with the one-line column split (:mod:`newsclean.structure.oneline`), which asks less gain."""
    if not _word_across(left, right):
        return 0.0  # every reading of the two together cuts at the seam: they read no better joined
    gain = segmentation_score(left + right) - segmentation_score(left) - segmentation_score(right)
    return min(gain, 12.0) / 4 if gain >= min_gain else 0.0


def _word_across(left: str, right: str) -> bool:
    """Whether a lexicon word the segmentation score reads spans the seam between ``left`` and ``right``.

    >>> _word_across("颁发了证", "书。下一"), _word_across("早纠正。", "出院当天")
    (True, False)
    """
    text = left + right
    cut = len(left)
    freqs = word_frequencies()
    for i in range(max(0, cut - MAX_WORD_LEN + 1), cut):
        if text[i].isspace():
            continue  # a word never starts at a space
        for k in range(cut - i + 1, min(MAX_WORD_LEN, len(text) - i) + 1):
            if freqs.get(text[i : i + k], 0) > 0:
                return True
    return False


def _breaks_run(text: str) -> bool:
    t = text.strip()
    n = visible_len(t)
    return n > MAX_LINE or n < 2 or bool(section_label(t)) or is_byline(t) or is_signoff(t) or is_caption(t)


def _wrapped_headline(above: Block, below: Block) -> bool:
    """A headline wrapped in its own text block: a short unfinished line glued under a longer one.

    (A column's body line is short only where its paragraph ends, with a sentence end.) The longer line
    does not end a sentence either, and the short one is no column label: a column's last line glued
    to the label of the next module (``五分钟内即可到位。⏎科 室 巡 礼``) is no headline.
    """
    if int(below.hints.get("blank_before", 0)) != 0:
        return False
    t = below.text.strip()
    return (
        visible_len(t) < 0.6 * visible_len(above.text)
        and not ends_sentence(t)
        and not ends_continuing(t)
        and not ends_continuing(above.text)
        and not ends_sentence(above.text)
        and not section_label(t)
    )


def text_blocks(blocks: Sequence[Block], start: int, end: int) -> list[tuple[int, int]]:
    """The text blocks of ``blocks[start:end]`` as ``(start, end)`` ranges: a block goes on while no blank
    line comes before the next line (the items :func:`reorder_items` re-reads)."""
    out: list[tuple[int, int]] = []
    for k in range(start, end):
        if out and int(blocks[k].hints.get("blank_before", 0)) == 0:
            out[-1] = (out[-1][0], k + 1)
        else:
            out.append((k, k + 1))
    return out


def deinterleave_lines(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[Span, str, str]]]:
    """Line blocks with interleaved column lines put back in reading order (see the module docstring).

    Returns the new blocks and, per re-ordered run, its source span and its
    text before and after (lines joined by newlines) for the change log. The
    first line of a re-ordered run is flagged ``interleaved``.

    >>> from newsclean.readers import segment_lines
    >>> lines = ["会议还为2024年度医疗质量", "院长张明远在讲话中指出，医", "先进科室和优秀质控员颁发了证",
    ...          "疗质量是医院的生命线，全院上下", "书。下一步，医院将以国家三级公", "要把患者落实到每一",
    ...          "立医院绩效考核为抓手，持续开", "个诊疗环节。他要求各科室对照问", "展质量安全月活动。",
    ...          "题清单逐项整改。"]
    >>> blocks, runs = deinterleave_lines(list(segment_lines("\\n\\n".join(lines)).blocks()))
    >>> [b.text[:4] for b in blocks]
    ['会议还为', '先进科室', '书。下一', '立医院绩', '展质量安', '院长张明', '疗质量是', '要把患者', '个诊疗环', '题清单逐']
    >>> blocks[0].flags[0].kind
    'interleaved'
    """
    n = len(blocks)
    if n < _MIN_RUN:
        return list(blocks), []
    out: list[Block] = []
    runs: list[tuple[Span, str, str]] = []
    # cheap screen first: runs of short lines, most of them each a text block of its own
    short = [
        0 < len(b.text)
        and visible_len(b.text) <= MAX_LINE
        and not b.hints.get("deinterleaved")
        and not b.hints.get("md_level")
        for b in blocks
    ]
    glued = 0
    for k in range(n):
        # a text block of three lines or more is a column read in order, not lines printed alternately
        glued = glued + 1 if k and int(blocks[k].hints.get("blank_before", 0)) == 0 else 0
        if glued >= 2:
            short[k] = short[k - 1] = short[k - 2] = False
    i = 0
    while i < n:
        if not short[i]:
            out.append(blocks[i])
            i += 1
            continue
        j = i
        while j < n and short[j]:
            j += 1
        if _looks_interleaved(blocks, i, j):
            out.extend(_examine(blocks, i, j, runs))
        else:
            out.extend(blocks[i:j])
        i = j
    return _deinterleave_glued(out, runs), runs


def _glued_stretches(blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """Stretches of short lines printed with no blank line between them (OCR: one box per line)."""
    out: list[tuple[int, int]] = []
    start = None
    for k, b in enumerate(blocks):
        fits = (
            0 < visible_len(b.text) <= MAX_LINE
            and bool(b.spans)
            and not b.hints.get("deinterleaved")
            and not b.hints.get("md_level")
        )
        glued = start is not None and int(b.hints.get("blank_before", 0)) == 0
        if fits and glued:
            continue
        if start is not None and k - start >= _MIN_GLUED:
            out.append((start, k))
        start = k if fits else None
    if start is not None and len(blocks) - start >= _MIN_GLUED:
        out.append((start, len(blocks)))
    return out


def _body_lines(blocks: Sequence[Block], start: int, end: int) -> list[bool]:
    """Which lines of a glued stretch are column body text: clause marks inside, or as wide as such lines.

    Headlines, kickers, section labels and bylines printed side by side are not (they keep their place).
    """
    texts = [blocks[k].text.strip() for k in range(start, end)]
    marks = [bool(BODY_MARKS.search(t)) for t in texts]
    if sum(marks) < _MIN_RUN:
        return [False] * len(texts)
    widths = [display_width(t) for t in texts]
    marked = sorted(w for w, m in zip(widths, marks) if m)
    columns = column_widths(marked)
    body = [
        (
            any(w <= column + 2 and (m or w >= column - 3) for column in columns)
            or (is_signoff(t) and any(w <= column + 2 for column in columns))
        )
        and not (section_label(t) or is_byline(t))
        for t, w, m in zip(texts, widths, marks)
    ]
    # a subhead inside a column is read with its lines: a short line with no marks between two of running text
    running = [b and m for b, m in zip(body, marks)]
    return [
        body[k] or (0 < k < len(texts) - 1 and running[k - 1] and running[k + 1] and _subhead_shaped(texts[k]))
        for k in range(len(texts))
    ]


_SUBHEAD_MAX = 12  # characters a subhead inside a column holds at most


def _subhead_shaped(text: str) -> bool:
    """A line that may be a column's subhead: short, no clause marks, no label or byline."""
    return (
        0 < visible_len(text) <= _SUBHEAD_MAX
        and not BODY_MARKS.search(text)
        and not (section_label(text) or is_byline(text) or is_caption(text))
    )


def _deinterleave_glued(blocks: list[Block], runs: list[tuple[Span, str, str]]) -> list[Block]:
    """Lines of side-by-side columns printed alternately with no blank lines (OCR sorted top to bottom)."""
    stretches = _glued_stretches(blocks)
    if not stretches:
        return blocks
    out: list[Block] = []
    done = 0
    for start, end in stretches:
        out.extend(blocks[done:start])
        body = _body_lines(blocks, start, end)
        k = start
        while k < end:
            if not body[k - start]:
                out.append(blocks[k])
                k += 1
                continue
            j = k
            while j < end and body[j - start]:
                j += 1
            stop = _closing_signoff(blocks, k, j)
            captions = [x for x in range(k + 1, stop - 1) if is_caption(blocks[x].text)]
            if stop - k > MAX_ITEMS:
                out.extend(blocks[k:stop])
            elif captions:
                out.extend(_reorder_around_captions(blocks, k, stop, captions, runs, glued=True))
            else:
                out.extend(reorder_items(blocks, [(x, x + 1) for x in range(k, stop)], runs))
            out.extend(blocks[stop:j])
            k = j
        done = end
    out.extend(blocks[done:])
    return out


def _closing_signoff(blocks: Sequence[Block], start: int, end: int) -> int:
    """Where the items of a glued run end: at the sign-off after its last running text, which closes the
    story (it and the heads of the next story after it stay as printed, whichever column they were read in),
    else at ``end``."""
    last = max((k for k in range(start, end) if BODY_MARKS.search(blocks[k].text)), default=start)
    return next((k for k in range(last + 1, end) if is_signoff(blocks[k].text)), end)


def _looks_interleaved(blocks: Sequence[Block], start: int, end: int) -> bool:
    if end - start < _MIN_RUN:
        return False
    singles = sum(
        1
        for k in range(start, end)
        if int(blocks[k].hints.get("blank_before", 0)) > 0
        and (k + 1 == end or int(blocks[k + 1].hints.get("blank_before", 0)) > 0)
    )
    return singles >= 0.6 * _MIN_RUN and singles >= 0.5 * (end - start)


def _examine(blocks: Sequence[Block], start: int, end: int, runs: list[tuple[Span, str, str]]) -> list[Block]:
    """The runs between labels, bylines, signoffs, captions and wrapped headlines, each re-ordered if need be."""
    breaks = [_breaks_run(blocks[k].text) for k in range(start, end)]
    for k in range(start + 1, end):
        if _wrapped_headline(blocks[k - 1], blocks[k]):
            breaks[k - 1 - start] = breaks[k - start] = True
    lifted = _captions_inside(blocks, breaks, start)
    for k in lifted:
        breaks[k - start] = False
    out: list[Block] = []
    for i, j in parts_between(breaks, start):
        if breaks[i - start]:
            out.extend(blocks[i:j])
        elif any(i <= k < j for k in lifted):
            out.extend(_reorder_around_captions(blocks, i, j, [k for k in lifted if i <= k < j], runs))
        else:
            out.extend(_reorder(blocks, i, j, runs))
    return out


def _caption_place(order: list[int], column_firsts: list[int], caption: int, closed: set[int]) -> int:
    """Where a caption printed at ``caption`` goes among the re-read lines (their printed places ``order``;
    ``closed``: those that end a sentence): over the first column that starts after it, else at the first
    column end after the line printed after it where no sentence goes on into the next column."""
    later = [p for p in column_firsts if p > caption]
    if later:
        return order.index(min(later))
    after = order.index(min(p for p in order if p > caption))  # the line printed after it, in its column
    ends = [n for n in range(after + 1, len(order)) if order[n] in column_firsts and order[n - 1] in closed]
    return ends[0] if ends else len(order)


def _captions_inside(blocks: Sequence[Block], breaks: list[bool], start: int) -> list[int]:
    """Caption lines with column lines on both sides: a photo set in one column while the lines alternate.

    pdftotext sorts a caption in among the lines by its height on the page; the
    lines around it are one run (:func:`_reorder_around_captions`).
    """
    return [
        k
        for k in range(start + 1, start + len(breaks) - 1)
        if breaks[k - start] and is_caption(blocks[k].text) and not breaks[k - 1 - start] and not breaks[k + 1 - start]
    ]


def _reorder_around_captions(
    blocks: Sequence[Block],
    start: int,
    end: int,
    captions: list[int],
    runs: list[tuple[Span, str, str]],
    glued: bool = False,
) -> list[Block]:
    """The lines of ``blocks[start:end]`` but the ``captions`` re-read, each caption put back over its column.

    A caption printed among alternating lines belongs to the column whose first
    line comes next in print (the photo stands over that column's text); if
    every column started before it, it is put after the column it interrupts
    (the column of the line printed after it), never inside a sentence. Lines
    ``glued`` (OCR, one per item) are read with the captions in their rows,
    which keep the row rhythm, and the captions are taken out after; text
    blocks are read without them.
    """
    kept = [k for k in range(start, end) if k not in captions]
    logged = len(runs)
    lifted = {blocks[k].spans: blocks[k] for k in captions}
    if glued:
        read = reorder_items(blocks, [(x, x + 1) for x in range(start, end)], runs)
        moved = [b for b in read if b.spans not in lifted]
        lifted.update((b.spans, b) for b in read if b.spans in lifted)  # (a caption read first keeps the run's flag)
    else:
        moved = _reorder([blocks[k] for k in kept], 0, len(kept), runs)
    printed = {blocks[k].spans: k for k in kept}
    order = [printed.get(b.spans, -1) for b in moved]
    column_firsts = [p for n, p in enumerate(order) if n == 0 or p < order[n - 1]]
    closed = {k for k in range(start, end) if ends_sentence(blocks[k].text)}
    out = list(moved)
    for k in sorted(captions, reverse=True):
        at = (
            _caption_place(order, column_firsts, k, closed)
            if len(runs) > logged
            else order.index(min(p for p in order if p > k))
        )
        out.insert(at, lifted[blocks[k].spans])
        order.insert(at, k)
    if len(runs) > logged:
        before = blocks[start:end]
        runs[-1] = (_span_of(before), "\n".join(b.text for b in before), "\n".join(b.text for b in out))
    return out


def parts_between(breaks: Sequence[bool], start: int) -> list[tuple[int, int]]:
    """``[i, j)`` ranges of lines ``start …`` cut at the breaks: each break line alone, each run between them whole.

    >>> parts_between([False, False, True, False], 10)
    [(10, 12), (12, 13), (13, 14)]
    """
    parts = []
    i, end = start, start + len(breaks)
    while i < end:
        j = i + 1
        if not breaks[i - start]:
            while j < end and not breaks[j - start]:
                j += 1
        parts.append((i, j))
        i = j
    return parts


def _reorder(blocks: Sequence[Block], start: int, end: int, runs: list[tuple[Span, str, str]]) -> list[Block]:
    chunks = text_blocks(blocks, start, end)
    if (
        len(chunks) < _MIN_RUN
        or not all(b.spans for b in blocks[start:end])
        or sum(1 for a, b in chunks if b - a == 1) < 0.6 * len(chunks)
    ):
        # alternate lines of columns come one by one (each its own text block); blocks of several lines are not that
        return list(blocks[start:end])
    return reorder_items(blocks, chunks, runs)


def reorder_items(
    blocks: Sequence[Block],
    chunks: list[tuple[int, int]],
    runs: list[tuple[Span, str, str]],
    widths: Sequence[float | None] | None = None,
    min_items: int = _MIN_RUN,
) -> list[Block]:
    """Items (``(start, end)`` block ranges) re-read column by column if the rhythm of columns reads better.

    A run whose seams say its lines are mixed, but whose columns cannot be told apart with confidence,
    keeps its order and is flagged ``interleaved`` for the editor. ``widths``, if given, is each item's
    full width (see :class:`Seams`); a run needs ``min_items`` items. Shared by the line pass and the block
    pass (:mod:`newsclean.structure.interleave_blocks`); callers keep runs to :data:`MAX_ITEMS` items.
    """
    start, end = chunks[0][0], chunks[-1][1]
    before = list(blocks[start:end])
    if len(chunks) < min_items:
        return before
    first = simplified([blocks[a].text for a, _ in chunks])
    last = first if all(b - a == 1 for a, b in chunks) else simplified([blocks[b - 1].text for _, b in chunks])
    if widths is None and first is last:
        widths = one_measure(first)
    seams = Seams(first, last, widths)
    column = best_columns(first, last, seams)
    if not column or len(set(column)) < 2:
        if mixed_seams(first, last, seams) >= _MIN_MIXED:
            return _flag_first(before, _UNREPAIRED_NOTE)
        return before
    opened: dict[int, int] = {}
    for c, col in enumerate(column):
        opened.setdefault(col, c)
    place = {col: k for k, col in enumerate(column_order(column, seams))}
    order = sorted(range(len(chunks)), key=lambda c: (place[column[c]], c))
    moved: list[Block] = []
    cols: list[int] = []  # the column of each moved line
    for c in order:
        a, b = chunks[c]
        for k in range(a, b):
            blk = blocks[k]
            hints = {**blk.hints, "deinterleaved": True}
            if k == a and opened[column[c]] == c:
                # a column's first line opens a text block; the run's first place keeps the run's spacing
                opens = int(blocks[start].hints.get("blank_before", 0)) if not moved else 2
                hints["blank_before"] = opens if not moved else max(opens, int(blk.hints.get("blank_before", 0)))
            moved.append(Block(blk.type, blk.text, blk.spans, blk.flags, hints))
            cols.append(column[c])
    moved = mark_running_text(moved, cols)
    if [b.spans for b in moved] == [b.spans for b in before]:
        return before
    runs.append((_span_of(before), "\n".join(b.text for b in before), "\n".join(b.text for b in moved)))
    return _flag_first(moved, _REPAIRED_NOTE)


# ems a paragraph's first line may be narrower than its column's full lines (an indent of two): one loose bound on
# display_width, where block_width._INDENT brackets the indent within width_bounds (they are not interchangeable)
_INDENT = 3.0


def mark_running_text(lines: list[Block], cols: list[int]) -> list[Block]:
    """The re-read lines, those that are running text (:func:`_running_text`) given the ``para`` role."""
    full: dict[int, float] = {}  # each column's full width: its widest line with clause marks
    for blk, col in zip(lines, cols):
        if BODY_MARKS.search(blk.text):
            full[col] = max(full.get(col, 0.0), display_width(blk.text))
    out: list[Block] = []
    for j, blk in enumerate(lines):
        above = lines[j - 1].text if j and cols[j - 1] == cols[j] else None
        below = lines[j + 1].text if j + 1 < len(lines) and cols[j + 1] == cols[j] else None
        if below is not None and display_width(blk.text) < full.get(cols[j], 0.0) - _INDENT:
            below = None  # a line narrower than an indented first line over its column's next: a heading
        if "role" not in blk.hints and _running_text(blk.text, above, below):
            blk = Block(blk.type, blk.text, blk.spans, blk.flags, {**blk.hints, "role": "para"})
        out.append(blk)
    return out


def _running_text(text: str, above: str | None, below: str | None = None) -> bool:
    """Whether a re-read column line is running text, not a headline: it has clause marks inside, the line
    above it in its column stops mid-sentence (a hard wrap: the line goes on with it), or it stops mid-sentence
    itself and its column goes on under it (``below``: given only where the line is as wide as a paragraph's
    indented first line, as a 小标题 heading over its paragraph is not).

    >>> _running_text("五楼学术报告厅召开2025年医疗", "6月13日下午，我院在门诊楼"), _running_text("出院不是终点", None)
    (True, False)
    >>> _running_text("值班医生刘晓东看到心电图", None, "后，初步判断为急性下壁心肌梗")
    True
    """
    if BODY_MARKS.search(text):
        return True
    if above is not None and above.strip() and not ends_sentence(above):
        return True
    return below is not None and bool(below.strip()) and not ends_sentence(text)


def one_measure(lines: Sequence[str]) -> list[float | None] | None:
    """Every line's column width where the run's columns share one measure (the full width of its lines with
    clause marks, as :func:`column_widths` finds it, is a single one), so that the paragraph rhythm can be
    read at each seam (:func:`~newsclean.structure.block_width.paragraph_seam`); else None."""
    marked = sorted(w for t in lines if BODY_MARKS.search(t) and (w := line_width(t)) is not None)
    if len(marked) < _MIN_RUN:
        return None
    columns = column_widths(marked)
    return [columns[0]] * len(lines) if len(columns) == 1 else None


_REPAIRED_NOTE = (
    "lines of side-by-side columns came out alternately; re-read column by column where the seams read better"
)
_UNREPAIRED_NOTE = (
    "lines of side-by-side columns seem to come out alternately; left as printed, check the reading order"
)
_MIN_HINTS = 2  # such seams a run needs before its columns are searched for
_MIN_MIXED = 4  # seams that read better with a line two or three back before an unrepaired run is flagged


_ORDER_MARGIN = 1.0  # a column order other than the printed one must join its columns this much better


def column_order(column: Sequence[int], seams: Seams) -> list[int]:
    """The columns left to right: the turn of the row rhythm whose columns join best, each one's last line going
    on in the next one's first line (a story runs on from the foot of a column to the head of the next).

    The rhythm fixes the columns' order round a row, not which one is leftmost: a column whose line was printed
    a little higher opens the run. The turn that starts with the run's first item is kept unless another joins
    clearly better (:data:`_ORDER_MARGIN`).

    >>> lines = ["成血栓抽吸并植入支架一枚，血", "动脉完全闭塞。介入团队迅速完", "流恢复后，胸痛缓解。"]
    >>> column_order([0, 1, 0], Seams(lines, lines))
    [1, 0]
    """
    cols = sorted(set(column))
    head: dict[int, int] = {}
    tail: dict[int, int] = {}
    for item, col in enumerate(column):
        head.setdefault(col, item)
        tail[col] = item
    turns = [cols[k:] + cols[:k] for k in range(len(cols))]
    scores = [sum(seams(tail[a], head[b]) for a, b in zip(turn, turn[1:])) for turn in turns]
    best = max(range(len(turns)), key=scores.__getitem__)
    return turns[best] if scores[best] > scores[0] + _ORDER_MARGIN else turns[0]


def _span_of(blocks: Sequence[Block]) -> Span:
    """The source span covering ``blocks`` (re-read blocks are no longer in source order)."""
    covering = span_of(sp for b in blocks for sp in b.spans)
    assert covering is not None  # (a run's blocks all have spans: see _reorder)
    return covering


def _flag_first(blocks: list[Block], note: str) -> list[Block]:
    """``blocks`` with an ``interleaved`` flag over their whole span on the first one."""
    head = blocks[0]
    flag = Flag("interleaved", note, _span_of(blocks))
    return [Block(head.type, head.text, head.spans, head.flags + (flag,), head.hints), *blocks[1:]]


def mixed_seams(first: Sequence[str], last: Sequence[str], seams: Seams | None = None) -> int:
    """How many items read on from the item two or three back clearly better than from the one just above.

    Where the seams know the items' widths (:class:`Seams` ``widths``: text blocks measured over several
    lines, or single lines of one measure, :func:`one_measure`), a seam with the item above that reads badly
    counts as it is; without widths it counts as neutral (a short line under a long one is common in one
    column).

    >>> mixed_seams(["持续开", "要把", "展质量安全月活动。"], ["持续开", "要把", "展质量安全月活动。"])
    1
    """
    seam = seams if seams is not None else Seams(first, last)
    floor = float("-inf") if seam.widths else 0.0
    count = 0
    for i in range(2, len(first)):
        here = max(seam(i - 1, i), floor)
        if any(seam(o, i) > here + 1.0 for o in range(max(0, i - 3), i - 1)):
            count += 1
    return count


# --- the printing rhythm: rows of side-by-side columns -------------------------------------------------------------

_ROW_WINDOW = 12  # items back a column's last item may be and still be continued (a photo or a gap in between)
_ROW_BEAM = 32  # states kept per item
_SKIP_COST = 0.8  # a column that has no line in a printed row (it ended, a photo, a paragraph gap)
_GAP_COST = 0.5  # and one that had none in the row before either: the gap goes on, the rhythm does not shift again
_COLUMN_COST = 2.0  # each column beyond the first must be paid for by the seams it explains
_WIDE_SLACK = 2.5  # a column's next line is at most this much wider (an indented first line, then a full one)
_NARROW_SLACK = 1.5  # and a line that goes on mid-paragraph is not narrower than the one before by more
_WIDTH_MISMATCH = -1.0
_HALF_WIDTH = regex.compile(r"[0-9A-Za-z%.]")
_PROPORTIONAL = 2  # half-width characters a line may hold and still have its width read


def join_score(left: str, right: str) -> float:
    """:func:`seam_score` with the width a column's lines share: a line that goes on mid-paragraph is as wide
    as the line above it (or up to two ems wider, under an indented first line); a line narrower or wider
    than that belongs to another column.

    >>> join_score("疗质量是医院的生命线，全院上下", "要把")  # a mid-paragraph line cut short: another column's tail
    -1.0
    """
    return _join(tail_cues(left), head_cues(right))


_CLOSED = -1.0  # a line read on under a sign-off: another story's


def _join(tail: Tail, head: Head) -> float:
    """:func:`join_score` from the cues of the two lines."""
    score = _seam(tail, head)
    if tail.closed:
        return score + _CLOSED
    if tail.done or head.stop or tail.width is None or head.width is None:
        return score  # a sentence's short last line; digits and Latin letters are set proportionally
    step = head.width - tail.width
    if (step > _WIDE_SLACK and tail.marked) or step < -_NARROW_SLACK:
        score += _WIDTH_MISMATCH  # (a subhead, no marks, is narrower than the paragraph it heads)
    return score


class Seams:
    """The join scores between the items of one run: each line's cues read once, each pair scored once.

    ``seams(a, b)`` is :func:`join_score` of item ``a``'s last line and item ``b``'s first line, plus, where
    ``widths`` gives the items' full widths (text blocks of several lines), :func:`width_seam` of the two;
    ``seams.window(b)`` lists item ``b``'s seams with the :data:`_ROW_WINDOW` items before it.
    """

    def __init__(self, first: Sequence[str], last: Sequence[str], widths: Sequence[float | None] | None = None) -> None:
        if first is last:  # items of one line each: what both ends share is read once
            shared = [(t, *_line_cues(t)) for t in first]
            self.heads = [head_cues(*cues) for cues in shared]
            self.tails = [tail_cues(*cues) for cues in shared]
        else:
            self.heads = [head_cues(t) for t in first]
            self.tails = [tail_cues(t) for t in last]
        self.widths = widths
        self.lines = first is last  # each item one line
        self.echoes = echoes(first if first is last else [f if f == e else f + "\n" + e for f, e in zip(first, last)])
        if widths:  # the printed widths of each block's last and first line, for the paragraph rhythm
            self.last_widths = [width_bounds(t) for t in last]
            self.first_widths = [width_bounds(t) for t in first]
        self._memo: dict[int, float] = {}
        self._windows: dict[int, list[float]] = {}

    def _pair(self, a: int, b: int) -> float:
        tail, head = self.tails[a], self.heads[b]
        score = _join(tail, head)
        if self.echoes and _echoed(tail, head, self.echoes):
            score += _ECHO_GAIN
        if not self.widths:
            return score
        left, right = self.widths[a], self.widths[b]
        rhythm = paragraph_seam(
            self.last_widths[a], tail.done, left, self.first_widths[b], right, self.lines and head.stop
        )
        return score + width_seam(left, right) + rhythm

    def __len__(self) -> int:
        return len(self.heads)

    def __call__(self, a: int, b: int) -> float:
        key = a * len(self.heads) + b
        value = self._memo.get(key)
        if value is None:
            value = self._memo[key] = self._pair(a, b)
        return value

    def window(self, b: int) -> list[float]:
        """Item ``b``'s seam with the item ``d`` back at index ``d`` (0: the item just before it), then 0.0 for
        a column last seen further back than the window (or not yet opened)."""
        row = self._windows.get(b)
        if row is None:
            row = [self._pair(b - 1 - d, b) for d in range(min(b, _ROW_WINDOW))]
            row += [0.0] * (_ROW_WINDOW + 1 - len(row))
            self._windows[b] = row
        return row


_ECHO_GAIN = 1.5  # a seam that makes a name or term the run prints whole elsewhere
_HAN_RUN = regex.compile(r"\p{Han}{3,}")


def printed_trigrams(lines: Iterable[str], times: int = 1) -> frozenset[str]:
    """The three-character Han strings printed whole inside ``times`` or more of ``lines``.

    >>> sorted(printed_trigrams(["患者。周文博", "二十年前，周文博从", "为了，周"], times=2))
    ['周文博']
    """
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update({run[k : k + 3] for run in _HAN_RUN.findall(line) for k in range(len(run) - 2)})
    return frozenset(g for g, n in counts.items() if n >= times)


def echoes(lines: Iterable[str]) -> frozenset[str]:
    """The names and terms a story repeats (周文博: printed whole inside two or more of ``lines``), which a
    seam that makes them again joins (周|文博), lexicon or not."""
    return printed_trigrams(lines, times=2)


def joins_printed(left: str, right: str, printed: frozenset[str]) -> bool:
    """Whether putting ``right`` after ``left`` makes one of the ``printed`` strings, part on each side."""
    joined = left.strip()[-2:] + right.strip()[:2]
    return joined[:3] in printed or joined[1:4] in printed


def _echoed(tail: Tail, head: Head, echoed: frozenset[str]) -> bool:
    """Whether the seam between ``tail`` and ``head`` makes one of the ``echoed`` strings (see :func:`echoes`)."""
    return not (tail.done or tail.going or head.dangling) and joins_printed(tail.text, head.text, echoed)


def _skipped(column: int, following: int, columns: int) -> int:
    """Columns passed over going from ``column`` to ``following`` in left-to-right, row-by-row order."""
    return (following - column - 1) % columns


def assign_columns(
    first: Sequence[str],
    last: Sequence[str],
    columns: int,
    seams: Seams | None = None,
    measures: Measures | None = None,
    layout: tuple[int, ...] | None = None,
    measured: Sequence[Seams] | None = None,
) -> tuple[float, list[int]]:
    """Best column (0 = leftmost) of each item, read as rows printed across ``columns`` columns, and its score.

    Items are lines (or blocks of lines: ``first`` and ``last`` are their first and last lines). Each printed
    row visits the columns left to right, so the column after column ``c`` is ``c + 1`` (or 0 after the
    last); a column passed over costs :data:`_SKIP_COST` (the rhythm's phase shifts where a column has a
    gap), and an item placed in a column is scored by :func:`join_score` against that column's last item.
    A beam search over the :func:`_rhythm` states (how far back each column's last item is); linear in the
    number of items.

    With two ``measures`` and a ``layout`` (each column's measure, left to right), the columns of one
    measure are one module: the row rhythm holds within a module (the other module prints its rows at its
    own pitch), a line whose width fits one measure only goes in a column of that measure, and each column
    reads the paragraph rhythm of its seams at its own measure (``measured``: the seams at each measure, if
    the caller has them already).
    """
    m = len(first)
    seam = seams if seams is not None else Seams(first, last)
    rhythm = _rhythm(columns, layout)
    allowed = _allowed_states(rhythm, measures, layout, m)
    states = {
        rhythm.index[offsets]: -_SKIP_COST * c
        for c, offsets in enumerate(rhythm.starts)
        if rhythm.index[offsets] in allowed[0]
    }
    back: list[dict[int, int]] = [{}]
    if measures is not None and layout is not None:
        measured = measured or measured_seams(first, last, measures)
        for i in range(1, m):
            windows = [s.window(i) for s in measured]
            gains = [windows[layout[c]] for c in range(columns)]
            # (no sign-off refund: the modules' own rhythms already pass each other's columns freely)
            states, ptr = _advance_general(states, gains, rhythm, allowed[i], None, i)
            back.append(ptr)
    elif closed := _closed_items(seam):
        for i in range(1, m):
            states, ptr = _advance_general(states, [seam.window(i)] * columns, rhythm, None, closed, i)
            back.append(ptr)
    else:
        for i in range(1, m):
            states, ptr = _advance(states, seam.window(i), rhythm)
            back.append(ptr)
    best = max(states.values())
    state = max(states, key=lambda st: states[st] - _open_ends(rhythm, st, seam, last))
    out = [0] * m
    for i in range(m - 1, -1, -1):
        out[i] = rhythm.column[state]
        if i:
            state = back[i][state]
    return best, out


def measured_seams(first: Sequence[str], last: Sequence[str], measures: Measures) -> list[Seams]:
    """The seams of a run read at each of its two measures (every item that measure's width)."""
    return [Seams(first, last, [width] * len(first)) for width in measures.widths]


def _closed_items(seams: Seams) -> list[bool] | None:
    """Per item, whether it is a sign-off that closes its column, if any item but the last is; else None."""
    closed = [tail.closed for tail in seams.tails]
    return closed if any(closed[:-1]) else None


def _allowed_states(
    rhythm: _Rhythm, measures: Measures | None, layout: tuple[int, ...] | None, items: int
) -> list[frozenset[int]]:
    """Per item, the rhythm states it may be placed in: those whose column has the measure the item's width
    fits (:attr:`Measures.belongs`), or all."""
    every = frozenset(range(len(rhythm.column)))
    if measures is None or layout is None:
        return [every] * items
    by_measure = {k: frozenset(state for state, col in enumerate(rhythm.column) if layout[col] == k) for k in (0, 1)}
    return [every if k is None else by_measure[k] for k in measures.belongs]


_OPEN_END_COST = 1.0  # per column whose last item stops mid-sentence: its text must go on somewhere


def _open_ends(rhythm: _Rhythm, state: int, seams: Seams, last: Sequence[str]) -> float:
    """What the end ``state`` of a run of items (``last``: each one's last line) costs for the columns it
    leaves mid-sentence.

    A column's text goes on to its last line's sentence end; a line put in
    another column where the rhythm runs on (``接到呼叫后`` left open, its
    rest ``五分钟内即可到位。`` read under the column beside it) leaves one
    open. A column may end in a heading (its paragraph printed elsewhere):
    only running text (clause marks inside) is open. Only the choice between
    end states pays it: a story that goes on after the run costs every
    reading alike.
    """
    cost = 0.0
    m = len(last)
    for offset in rhythm.offsets[state]:
        k = m - 1 - offset
        if offset < _ROW_WINDOW and not seams.tails[k].done and BODY_MARKS.search(last[k]):
            cost += _OPEN_END_COST
    return cost


class _Rhythm(NamedTuple):
    """The states of the row rhythm over a number of columns, numbered, with their moves.

    A state is how many items back each column's last item is, the column of the item just placed at 0
    and :data:`_ROW_WINDOW` for a column not opened yet or last seen too far back to be continued (such
    columns are alike from then on, so they are one state).
    """

    starts: list[tuple[int, ...]]  # the state after the first item, placed in each column
    index: dict[tuple[int, ...], int]
    offsets: list[tuple[int, ...]]  # per state: how many items back each column's last item is
    column: list[int]  # the column of the item just placed, per state
    stay: list[int]  # per state: the state after the next item goes on in the same column
    stay_cost: list[float]  # per state: what going on in the same column costs (it passes over every other one)
    jumps: list[list[tuple[int, int, float]]]  # per state, to each other column: (next state, gain offset, cost)
    passed: list[list[tuple[tuple[int, float], ...]]]  # per state, per move (stay, then jumps): (column, cost) passed


@lru_cache(maxsize=32)
def _rhythm(columns: int, layout: tuple[int, ...] | None = None) -> _Rhythm:
    """Every state reachable from the starts, and each one's moves in column order (with a ``layout``, the
    row rhythm of each module: see :func:`assign_columns`)."""
    far = _ROW_WINDOW
    starts = [tuple(0 if k == c else far for k in range(columns)) for c in range(columns)]
    index: dict[tuple[int, ...], int] = {}
    found = list(starts)
    while found:
        offsets = found.pop()
        if offsets in index:
            continue
        index[offsets] = len(index)
        found.extend(_moved(offsets, nxt) for nxt in range(columns))
    column = [offsets.index(0) for offsets in index]
    passing = _passing if layout is None else lambda offsets, c, nxt: _module_passing(offsets, nxt, layout)
    stay = [index[_moved(offsets, c)] for offsets, c in zip(index, column)]
    jumps = [
        [(index[_moved(offsets, nxt)], offsets[nxt], passing(offsets, c, nxt)) for nxt in range(columns) if nxt != c]
        for offsets, c in zip(index, column)
    ]
    stay_cost = [passing(offsets, c, c) for offsets, c in zip(index, column)]
    passed = [
        [_passed(offsets, c, nxt, layout) for nxt in (c, *(n for n in range(columns) if n != c))]
        for offsets, c in zip(index, column)
    ]
    return _Rhythm(starts, index, list(index), column, stay, stay_cost, jumps, passed)


def _passing(offsets: tuple[int, ...], column: int, following: int) -> float:
    """What passing over the columns between ``column`` and ``following`` costs: :data:`_SKIP_COST` for one
    that had a line in the last row (the rhythm shifts), :data:`_GAP_COST` for one that had none (a photo, a
    column that ended: the gap goes on).

    >>> _passing((0, 1, 2), 0, 0), _passing((0, 1, 5), 0, 1), _passing((0, 3, 4), 0, 0)
    (1.6, 0.0, 1.0)
    """
    return sum((cost for _, cost in _passed(offsets, column, following)), 0.0)


def _passed(
    offsets: tuple[int, ...], column: int, following: int, layout: tuple[int, ...] | None = None
) -> tuple[tuple[int, float], ...]:
    """The columns passed over going from ``column`` to ``following``, each with what passing it costs (see
    :func:`_passing`; with a ``layout``, within ``following``'s module, from the module's column placed last)."""
    columns = len(offsets)
    if layout is None:
        skipped = [(column + 1 + k) % columns for k in range(_skipped(column, following, columns))]
    else:
        module = [k for k, m in enumerate(layout) if m == layout[following]]
        recent = [k for k in module if offsets[k] < _ROW_WINDOW]
        if not recent:
            return ()
        place = module.index(min(recent, key=offsets.__getitem__))
        skipped = [
            module[(place + 1 + k) % len(module)] for k in range((module.index(following) - place - 1) % len(module))
        ]
    return tuple((k, _SKIP_COST if offsets[k] < columns else _GAP_COST) for k in skipped)


def _module_passing(offsets: tuple[int, ...], following: int, layout: tuple[int, ...]) -> float:
    """:func:`_passing` within the module of column ``following`` (its columns: those of its measure in
    ``layout``), from the module's column placed last; where the module has not been seen lately, what
    opening it at ``following`` passes over (its first line is its leftmost column's, as for the run's).

    >>> _module_passing((0, 1, 2), 0, (0, 1, 1)), _module_passing((1, 0, 2), 1, (0, 1, 1))
    (0.0, 0.8)
    >>> _module_passing((0, 12, 12), 2, (0, 1, 1))
    0.8
    """
    module = [k for k, m in enumerate(layout) if m == layout[following]]
    if not any(offsets[k] < _ROW_WINDOW for k in module):
        return _SKIP_COST * module.index(following)
    return sum((cost for _, cost in _passed(offsets, following, following, layout)), 0.0)


def _moved(offsets: tuple[int, ...], nxt: int) -> tuple[int, ...]:
    """The state after the next item is placed in column ``nxt``."""
    return tuple(0 if k == nxt else min(d + 1, _ROW_WINDOW) for k, d in enumerate(offsets))


_NONE = float("-inf")  # the score of a state not reached


def _advance(states: dict[int, float], gains: list[float], rhythm: _Rhythm) -> tuple[dict[int, float], dict[int, int]]:
    """The beam after the next item is placed in each column from each state, and each new state's predecessor.

    ``gains[d]`` is the seam the item makes with the item ``d`` back. The items that go on in their column
    come first (a state reached twice keeps its first best way), then those that move to another column
    (whose states are never the same as those: the column left is one item back); the :data:`_ROW_BEAM`
    best states are kept (in order of score, ties in the order reached).
    """
    olds = list(states)
    stay = rhythm.stay
    keys = [stay[k] for k in olds]
    here, stay_cost = gains[0], rhythm.stay_cost
    values = [score + here - stay_cost[k] for k, score in states.items()]
    if len(set(keys)) == len(keys):
        new = dict(zip(keys, values))
        ptr = dict(zip(keys, olds))
    else:  # columns last seen 11 and 12 items back both fall out of the window: one state
        new, ptr = {}, {}
        for key, value, old in zip(keys, values, olds):
            if key not in new or value > new[key]:
                new[key] = value
                ptr[key] = old
    get = new.get
    jumps = rhythm.jumps
    for state, score in states.items():
        for key, d, cost in jumps[state]:
            value = score + gains[d] - cost
            if value > get(key, _NONE):
                new[key] = value
                ptr[key] = state
    if len(new) > _ROW_BEAM:
        new = {k: new[k] for k in sorted(new, key=new.__getitem__, reverse=True)[:_ROW_BEAM]}
    return new, ptr


def _advance_general(
    states: dict[int, float],
    gains: list[list[float]],
    rhythm: _Rhythm,
    allowed: frozenset[int] | None,
    closed: list[bool] | None,
    item: int,
) -> tuple[dict[int, float], dict[int, int]]:
    """:func:`_advance` for ``item`` where each column reads its own seams (``gains[c]``: a column of two
    measures reads them at its measure), only ``allowed`` states are kept (all if None), and passing over a
    column whose last item is ``closed`` (a sign-off: its story ended there) costs nothing."""
    new: dict[int, float] = {}
    ptr: dict[int, int] = {}
    column = rhythm.column
    for state, score in states.items():
        offsets = rhythm.offsets[state]
        moves = [(rhythm.stay[state], 0, rhythm.stay_cost[state]), *rhythm.jumps[state]]
        for (key, d, cost), passed in zip(moves, rhythm.passed[state]):
            if allowed is not None and key not in allowed:
                continue
            if closed:
                cost -= sum(c for k, c in passed if offsets[k] < _ROW_WINDOW and closed[item - 1 - offsets[k]])
            value = score + gains[column[key]][d] - cost
            if value > new.get(key, _NONE):
                new[key] = value
                ptr[key] = state
    if len(new) > _ROW_BEAM:
        new = {k: new[k] for k in sorted(new, key=new.__getitem__, reverse=True)[:_ROW_BEAM]}
    return new, ptr


def printed_order_score(first: Sequence[str], last: Sequence[str], seams: Seams | None = None) -> float:
    """The seams of the items read as printed."""
    seam = seams if seams is not None else Seams(first, last)
    return sum(seam(i - 1, i) for i in range(1, len(first)))


def _score_bound(seams: Seams, columns: int) -> float:
    """No :func:`assign_columns` score is higher: each item joined to its best line in the window, going on in
    its own column paying the least that passing over the others can cost, any other move paying nothing."""
    stay = _GAP_COST * (columns - 1)
    return sum(max(row[0] - stay, max(row[1:])) for row in map(seams.window, range(1, len(seams))))


_STRICT_GAIN = 3.0  # what a re-reading whose every row visits every column in turn must gain


def _strict_rows(column: Sequence[int], columns: int) -> bool:
    """Whether every printed row visits all ``columns`` columns in turn (0, 1, …, 0, 1, …; the last row may be
    short): the rhythm itself then says the lines alternate, and the seams need show less."""
    return all(c == k % columns for k, c in enumerate(column))


def best_columns(first: Sequence[str], last: Sequence[str], seams: Seams | None = None) -> list[int] | None:
    """Column of each item under the best rhythm (two or three columns), or None if the printed order reads as well."""
    seams = seams if seams is not None else Seams(first, last)
    if mixed_seams(first, last, seams) < _MIN_HINTS:
        return None  # no line reads on from one two or three back: nothing to search for
    plain = printed_order_score(first, last, seams)
    # lines of two measures side by side are two modules: each line goes in a column its width fits
    measures = two_measures(first, [head.width for head in seams.heads]) if first is last else None
    measured = measured_seams(first, last, measures) if measures else None
    best: tuple[float, int, list[int]] | None = None
    for columns in (2, 3):
        if len(first) < 2 * columns:
            continue
        for layout in layouts(columns) if measures else [None]:
            least = max(_STRICT_GAIN, best[0]) if best else _STRICT_GAIN
            if layout is None and _score_bound(seams, columns) - plain - _COLUMN_COST * (columns - 1) < least:
                continue  # the search cannot reach the gain it needs
            score, column = assign_columns(first, last, columns, seams, measures, layout, measured)
            gain = score - plain - _COLUMN_COST * (columns - 1)
            needed = _STRICT_GAIN if _strict_rows(column, columns) else _MIN_GAIN
            # (equal gains, as two measures' layouts may read alike: the one whose rows run left to right)
            ranked = (gain, _row_steps(column, columns), column)
            if gain >= needed and (best is None or ranked[:2] > best[:2]):
                best = ranked
    return best[2] if best else None


def _row_steps(column: Sequence[int], columns: int) -> int:
    """How many items go on in the column right of the one before (the next in a row read left to right)."""
    return sum(1 for a, b in zip(column, column[1:]) if b == (a + 1) % columns)
