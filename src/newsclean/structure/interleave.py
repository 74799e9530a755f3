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

A *chunk* is a run of lines with no blank line between them. Over a run of
short chunks (narrow columns), a small Viterbi search assigns each chunk to
one of up to three open streams (columns): it either goes on the stream of
the chunk before it or continues another stream whose last chunk is at most
:data:`WINDOW` chunks back, or starts a new one (at a cost). Each seam is
scored by :func:`seam_score`. The re-ordering is taken only where it beats
the printed order clearly, over several switches; the streams are then
emitted one after the other in the order of their first line. The search is
bounded by the window, so it is linear in the number of lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from newsclean.lexicon import segmentation_score
from newsclean.model import Block, Flag, Span
from newsclean.structure.cues import (
    ends_continuing,
    ends_sentence,
    is_byline,
    is_caption,
    is_signoff,
    section_label,
    starts_dangling,
    visible_len,
)

WINDOW = 6  # chunks back a stream's last chunk may be and still be continued
MAX_STREAMS = 3  # columns side by side
_START_COST = 3.0  # opening another stream must be paid for by the seams it explains
_MIN_GAIN = 6.0  # a re-ordering must beat the printed order by this much
_MIN_SWITCHES = 3  # and jump between streams at least this often
_MAX_LINE = 40  # visible characters: longer lines are not a narrow column
_BODY_MARKS = regex.compile(r"[，。、；]")
_MIN_RUN = 6  # chunks a run needs before it is examined
_SEAM_CHARS = 4  # characters each side of a seam the lexicon reads
_SEAM_GAIN = 4.0  # log-probability a seam must gain by joining before it counts as evidence
_ROUND_ROBIN = 1.0  # the column left longest goes on next: the rhythm the lines were printed in


def seam_score(left: str, right: str) -> float:
    """How well ``right`` reads as the line after ``left`` (positive: it goes on; negative: it cannot).

    >>> seam_score("先进科室和优秀质控员颁发了证", "书。下一步，医院将以国家三级公") > 0
    True
    >>> seam_score("发现、早纠正。", "，出院当天") < 0
    True
    >>> seam_score("我院在门诊楼", "8.7天下降至7.9天"), seam_score("但部分", "发现、早纠正。")
    (0.0, 0.0)
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left or not right:
        return 0.0
    done = ends_sentence(left)
    if starts_dangling(right):
        return -6.0 if done else 3.0
    if done or ends_continuing(left):
        return 0.0
    return _lexical_seam(left[-_SEAM_CHARS:], right[:_SEAM_CHARS])


@lru_cache(maxsize=65536)
def _lexical_seam(left: str, right: str) -> float:
    # how much better the two ends read as one text than apart: a word across the seam (证|书, 开|展)
    gain = segmentation_score(left + right) - segmentation_score(left) - segmentation_score(right)
    return min(gain, 12.0) / 4 if gain >= _SEAM_GAIN else 0.0


def _breaks_run(text: str) -> bool:
    t = text.strip()
    n = visible_len(t)
    return n > _MAX_LINE or n < 2 or bool(section_label(t)) or is_byline(t) or is_signoff(t) or is_caption(t)


def _wrapped_headline(above: Block, below: Block) -> bool:
    """A headline wrapped in its own text block: a short unfinished line glued under a longer one.

    (A column's body line is short only where its paragraph ends, with a sentence end.)
    """
    if int(below.hints.get("blank_before", 0)) != 0:
        return False
    t = below.text.strip()
    return (
        visible_len(t) < 0.6 * visible_len(above.text)
        and not ends_sentence(t)
        and not ends_continuing(t)
        and not ends_continuing(above.text)
    )


def _chunks(blocks: Sequence[Block], start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for k in range(start, end):
        if out and int(blocks[k].hints.get("blank_before", 0)) == 0:
            out[-1] = (out[-1][0], k + 1)
        else:
            out.append((k, k + 1))
    return out


def _assign(first: list[str], last: list[str]) -> tuple[float, list[int]]:
    """Best stream of each chunk (Viterbi over the open streams' last chunks) and its score gain."""
    m = len(first)
    cache: dict[tuple[int, int], float] = {}

    def seam(a: int, b: int) -> float:
        key = (a, b)
        value = cache.get(key)
        if value is None:
            value = cache[key] = seam_score(last[a], first[b])
        return value

    # a run the printed order reads as well as any other needs no search
    hints = 0
    for i in range(1, m):
        here = seam(i - 1, i)
        if any(seam(o, i) > max(here, 0.0) for o in range(max(0, i - WINDOW), i - 1)):
            hints += 1
    if hints < _MIN_SWITCHES:
        return 0.0, []
    # state: the other open streams' last chunks (oldest first); the current stream's last chunk is i - 1.
    # value: (score with the round-robin prior, seam score alone, supported switches)
    states: dict[tuple[int, ...], tuple[float, float, int]] = {(): (0.0, 0.0, 0)}
    back: list[dict[tuple[int, ...], tuple[tuple[int, ...], int]]] = [{(): ((), -1)}]
    for i in range(1, m):
        new: dict[tuple[int, ...], tuple[float, float, int]] = {}
        ptr: dict[tuple[int, ...], tuple[tuple[int, ...], int]] = {}

        # offer() is called only within this iteration, so it sees this iteration's tables.
        def offer(key: tuple[int, ...], value: tuple[float, float, int], prev: tuple[int, ...], via: int) -> None:
            have = new.get(key)  # noqa: B023
            if have is None or value[0] > have[0] + 1e-9:
                new[key] = value  # noqa: B023
                ptr[key] = (prev, via)  # noqa: B023

        for others, (score, raw, switches) in states.items():
            cur = i - 1
            alive = tuple(o for o in others if i - o <= WINDOW)
            # go on with the same stream
            s_ci = seam(cur, i)
            offer(alive, (score + s_ci, raw + s_ci, switches), others, cur)
            # continue another open stream; the one left longest is the printed rhythm (A1 B1 C1 A2 …)
            for rank, o in enumerate(alive):
                s_oi = seam(o, i)
                prior = _ROUND_ROBIN if rank == 0 else 0.0
                offer(
                    tuple(x for x in alive if x != o) + (cur,),
                    (score + s_oi + prior, raw + s_oi, switches + (s_oi > 0)),
                    others,
                    o,
                )
            # open a new stream
            if len(alive) + 1 < MAX_STREAMS and not starts_dangling(first[i]):
                offer(alive + (cur,), (score - _START_COST, raw - _START_COST, switches), others, -1)
        states = new
        back.append(ptr)
    best_key = max(states, key=lambda k: states[k][0])
    _, best, switches = states[best_key]
    # the printed order's score
    plain = sum(seam(i - 1, i) for i in range(1, m))
    if best - plain < _MIN_GAIN or switches < _MIN_SWITCHES:
        return 0.0, []
    # back-track: the chunk each chunk continued (-1: a new stream)
    via = [-1] * m
    key = best_key
    for i in range(m - 1, 0, -1):
        prev, v = back[i][key]
        via[i] = v
        key = prev
    stream = [0] * m
    count = 1
    for i in range(1, m):
        if via[i] < 0:
            stream[i] = count
            count += 1
        else:
            stream[i] = stream[via[i]]
    return best - plain, stream


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
        and visible_len(b.text) <= _MAX_LINE
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
    return out, runs


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
    out: list[Block] = []
    i = start
    while i < end:
        if breaks[i - start]:
            out.append(blocks[i])
            i += 1
            continue
        j = i
        while j < end and not breaks[j - start]:
            j += 1
        out.extend(_reorder(blocks, i, j, runs))
        i = j
    return out


def _reorder(blocks: Sequence[Block], start: int, end: int, runs: list[tuple[Span, str, str]]) -> list[Block]:
    chunks = _chunks(blocks, start, end)
    if (
        len(chunks) < _MIN_RUN
        or not all(b.spans for b in blocks[start:end])
        or sum(1 for a, b in chunks if b - a == 1) < 0.6 * len(chunks)
    ):
        # alternate lines of columns come one by one (each its own text block); blocks of several lines are not that
        return list(blocks[start:end])
    first = [blocks[a].text for a, _ in chunks]
    last = [blocks[b - 1].text for _, b in chunks]
    _, stream = _assign(first, last)
    if not stream or max(stream) == 0:
        return list(blocks[start:end])
    # the stretch from the chunk before the first one that left the first stream is re-ordered
    lo = max(0, next(c for c, st in enumerate(stream) if st) - 1)
    opened: dict[int, int] = {}
    for c in range(lo, len(chunks)):
        opened.setdefault(stream[c], c)
    order = sorted(range(lo, len(chunks)), key=lambda c: (opened[stream[c]], c))
    before = list(blocks[start:end])
    head = before[: chunks[lo][0] - start]
    moved: list[Block] = []
    for c in order:
        a, b = chunks[c]
        for k in range(a, b):
            blk = blocks[k]
            hints = {**blk.hints, "deinterleaved": True}
            if _BODY_MARKS.search(blk.text) and "role" not in hints:
                hints["role"] = "para"  # a column's running text (clause marks inside), not a headline
            if k == a and c != lo and opened[stream[c]] == c:
                hints["blank_before"] = max(2, int(blk.hints.get("blank_before", 0)))
            moved.append(Block(blk.type, blk.text, blk.spans, blk.flags, hints))
    if [b.spans for b in moved] == [b.spans for b in before[len(head) :]]:
        return before
    lo_block = before[len(head)]
    span = Span(lo_block.spans[0].start, before[-1].spans[-1].end)
    flag = Flag(
        "interleaved",
        "lines of side-by-side columns came out alternately; re-read column by column where the seams read better",
        span,
    )
    moved[0] = Block(moved[0].type, moved[0].text, moved[0].spans, moved[0].flags + (flag,), moved[0].hints)
    runs.append((span, "\n".join(b.text for b in before[len(head) :]), "\n".join(b.text for b in moved)))
    return head + moved
