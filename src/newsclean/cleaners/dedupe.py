"""Duplicated text: lines repeated across a break, OCR overlaps, clauses printed twice.

Runs on the line-level document, before lines are rejoined, and compares
each block with the one before it in the same article:

* the same line twice, or a short line that repeats the end of the line
  before it (the last line of a column read again after a column or page
  break: ``…一个家庭的温热期盼。⏎⏎温热期盼。``) — the repeat is dropped;
* an OCR overlap, where the end of one line and the start of the next are
  two reads of the same printed text, with small differences
  (``…拒论或延迟治疗行为发生⏎⏎诊或延误治疗行为发生。``) — the first read's
  copy is dropped and the second, clean read is kept; the spot is flagged
  ``reassembled`` (one sentence merged from two overlapping reads), and
  also ``uncertain_ocr`` where the reads differ.

Inside a text, a clause (or up to four clauses) repeated word for word right
after itself is kept once. Every removal goes to the change log with the
removed text and its source position.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from rapidfuzz.distance import Levenshtein

from newsclean.cleaners.base import Edit, TextFix, apply_text_fixer, edits_to_changes, pauses_gc, repeat_fix
from newsclean.model import Block, Change, Document, Flag, Span, span_of
from newsclean.registry import cleaner

MIN_REPEAT = 4  # visible characters of a repeated line
ANCHOR = 4  # exact characters that must end both reads of an overlap
SEARCH = 60  # how far into the next line an overlap may reach
MIN_EXACT_OVERLAP = 5
MIN_FUZZY_OVERLAP = 8
MIN_SIMILARITY = 0.75
MIN_CLAUSE = 8

_FINAL = "。！？!?”」』…"
_CLAUSE_DELIMS = ",，;；。！？!?"
_REPEATED_CLAUSES = re.compile(
    rf"(?:(?<=[{_CLAUSE_DELIMS}])|^)((?:[^{_CLAUSE_DELIMS}\n]{{2,80}}[{_CLAUSE_DELIMS}]){{1,4}}?)(?:\1)+"
)


def drop_repeated_clauses(text: str) -> TextFix:
    """Keep once a clause sequence printed twice in a row.

    >>> drop_repeated_clauses("要以此为动力,把学习作为终身课题,扛牢责任担当,把学习作为终身课题,扛牢责任担当,始终心系患者").text
    '要以此为动力,把学习作为终身课题,扛牢责任担当,始终心系患者'
    >>> drop_repeated_clauses("快,快,快!").text
    '快,快,快!'
    """
    if len(text) < 2 * MIN_CLAUSE:
        return TextFix(text, ())
    # a repeat removed can leave a longer one (A,B,B,A,B → A,B,A,B): to a fixed point, edits against ``text``
    # (each pass that changes anything shortens the text, so the passes end)
    return repeat_fix(text, _drop_repeated_clauses_once, len(text))


def _drop_repeated_clauses_once(text: str) -> TextFix:
    edits = []
    for m in _REPEATED_CLAUSES.finditer(text):
        unit = m.group(1)
        if len(unit.strip()) < MIN_CLAUSE:
            continue
        edits.append(Edit(m.end(1), m.end(), text[m.end(1) : m.end()], "", "clause repeated word for word"))
    if not edits:
        return TextFix(text, ())
    pieces, last = [], 0
    for e in edits:
        pieces.append(text[last : e.start])
        last = e.end
    pieces.append(text[last:])
    return TextFix("".join(pieces), tuple(edits))


def repeated_line(previous: str, current: str) -> str | None:
    """Which of two consecutive lines is a repeat to drop: ``'current'``, ``'previous'`` or None.

    >>> repeated_line("他知道，这些冰冷的器械，此刻正承载着一个家庭的温热期盼。", "温热期盼。")
    'current'
    >>> repeated_line("健康义诊进社区", "健康义诊进社区活动开展")
    """
    a, b = previous.strip(), current.strip()
    if len(b) >= MIN_REPEAT and a == b:
        return "current"
    if len(b) >= MIN_REPEAT and len(b) < len(a) and a.endswith(b) and b[-1] in _FINAL:
        return "current"
    if len(a) >= MIN_REPEAT and len(a) < len(b) and b.startswith(a) and a[-1] in _FINAL:
        return "previous"
    return None


def overlap(previous: str, current: str) -> tuple[int, bool] | None:
    """Length of the end of ``previous`` that is a second read of the start of ``current``.

    Returns ``(length, exact)`` or None. Both reads must end with the same
    few characters; a differing read must still be mostly the same.

    >>> overlap("坚决杜绝以疫情防控为由停诊、拒论或延迟治疗行为发生", "诊或延误治疗行为发生。 往昔已展千重锦")
    (10, False)
    >>> overlap("为推进健康中国建设贡献力量", "以惠民生、暖民心的举措")
    """
    a = previous.rstrip()
    if len(a) < MIN_EXACT_OVERLAP + 1 or len(current) < MIN_EXACT_OVERLAP:
        return None
    anchor = a[-ANCHOR:]
    j = current.find(anchor, 0, SEARCH + ANCHOR)
    while j >= 0:
        m = j + ANCHOR
        if m >= len(a):
            break
        tail, head = a[-m:], current[:m]
        if tail == head:
            if m >= MIN_EXACT_OVERLAP:
                return m, True
        elif m >= MIN_FUZZY_OVERLAP and Levenshtein.normalized_similarity(tail, head) >= MIN_SIMILARITY:
            return m, False
        j = current.find(anchor, j + 1, SEARCH + ANCHOR)
    return None


def _dedupe_blocks(
    blocks: tuple[Block, ...], changes: list[Change], seen: dict[tuple[int, int], tuple[Block, Block]]
) -> tuple[Block, ...]:
    # ``seen`` holds the neighbour pairs already found to need nothing (by
    # identity; the pairs are kept alive so that an identity is not reused).
    out: list[Block] = []
    window = SEARCH + ANCHOR
    for block in blocks:
        if out and out[-1].type == block.type:
            prev = out[-1]
            key = (id(prev), id(block))
            if key in seen:
                out.append(block)
                continue
            a, b = prev.text, block.text
            ar = a.rstrip()
            # Cheap screens first (most neighbours share nothing): a repeat
            # shares its last (or first) visible character with the other
            # line, an overlap has the end of the first line near the start of the next.
            anchored = len(ar) > MIN_EXACT_OVERLAP and ar[-ANCHOR:] in b[:window]
            if not anchored and ar[-1:] != b.rstrip()[-1:] and a.lstrip()[:1] != b.lstrip()[:1]:
                seen[key] = (prev, block)
                out.append(block)
                continue
            verdict = repeated_line(a, b)
            if verdict == "current":
                changes.append(
                    Change(
                        "dedupe", span_of(block.spans), block.text, "", "line repeated across a column or page break"
                    )
                )
                continue
            if verdict == "previous":
                changes.append(
                    Change("dedupe", span_of(prev.spans), prev.text, "", "line repeated across a column or page break")
                )
                out[-1] = block
                continue
            found = overlap(a, b) if anchored else None
            if found:
                m, exact = found
                tail = ar[-m:]
                changes.extend(
                    edits_to_changes("dedupe", [Edit(len(ar) - m, len(ar), tail, "", OVERLAP_REASON)], prev.spans)
                )
                where = _tail_span(prev.spans, len(ar) - m, len(ar))
                flags = prev.flags + (
                    Flag(
                        "reassembled",
                        f"overlapping extraction: the line's end {tail!r} was read again at the start of the next line; merged into one sentence",
                        where,
                    ),
                )
                if not exact:
                    flags = flags + (
                        Flag("uncertain_ocr", f"OCR overlap: dropped the first read {tail!r}, kept {b[:m]!r}", where),
                    )
                out[-1] = replace(prev, text=ar[:-m], flags=flags)
            else:
                seen[key] = (prev, block)
        out.append(block)
    return tuple(out)


OVERLAP_REASON = "OCR overlap: the line's end was read twice; the second read is kept"


def _tail_span(spans: tuple[Span, ...], start: int, end: int) -> Span | None:
    whole = span_of(spans)
    if len(spans) == 1 and whole is not None and end <= whole.end - whole.start:
        return Span(whole.start + start, whole.start + end)
    return whole


@cleaner("dedupe", family="duplicated text")
@pauses_gc
def dedupe(doc: Document, options: Mapping[str, Any]) -> Document:
    """Lines repeated across a break, OCR overlaps between lines and clauses printed twice, kept once."""
    del options
    # Removing one repeat can expose the next (a line read three times, an
    # overlap ending in a repeat): repeat until nothing changes, so that the
    # cleaner is idempotent. After the first pass only the articles the
    # last pass changed are looked at again.
    # Only pairs of neighbours and texts that are new since the last pass are examined again.
    seen_pairs: dict[tuple[int, int], tuple[Block, Block]] = {}
    seen_texts: dict[int, Block] = {}
    for _ in range(MAX_PASSES):
        before = len(doc.changes)
        doc = _dedupe_pass(doc, seen_pairs, seen_texts)
        if len(doc.changes) == before:
            break
    return doc


MAX_PASSES = 6
_DELIMS_RE = re.escape(_CLAUSE_DELIMS)
# A clause starts only after a delimiter or a line start (so a long text with no
# delimiter is scanned once, not once per character) and ends with a delimiter.
_CLAUSE_TOKEN = re.compile(rf"(?<![^{_DELIMS_RE}\n])[^{_DELIMS_RE}\n]*+[{_DELIMS_RE}]|\n")


def _clause_candidates(texts: list[str]) -> set[int]:
    """Indices of ``texts`` where a clause is followed, within four clauses, by the same clause.

    Every repeat :data:`_REPEATED_CLAUSES` finds has one; finding them costs
    one tokenisation of the document and a dictionary look-up per clause.
    """
    tokens = _CLAUSE_TOKEN.findall("\n".join(texts))
    last: dict[str, int] = {}
    hits = []
    for i, t in enumerate(tokens):
        j = last.get(t)
        if j is not None and i - j <= 4 and len(t) > 2:
            hits.append(j)
        last[t] = i
    if not hits:
        return set()
    # node index of a token = number of separators before it (counted in C, from hit to hit)
    found: set[int] = set()
    node = previous = 0
    for i in sorted(hits):
        node += tokens[previous:i].count("\n")
        previous = i
        found.add(node)
    return found


def _dedupe_pass(
    doc: Document, seen_pairs: dict[tuple[int, int], tuple[Block, Block]], seen_texts: dict[int, Block]
) -> Document:
    changes: list[Change] = []
    articles = []
    for article in doc.articles:
        blocks = _dedupe_blocks(article.blocks, changes, seen_pairs)
        articles.append(replace(article, blocks=blocks) if blocks != article.blocks else article)
    if changes:
        doc = replace(doc, articles=tuple(articles)).with_changes(changes)
    blocks_all = [b for article in doc.articles for b in article.blocks]
    # Only the texts no earlier pass examined: a repeat lies within one text, so
    # leaving the others out of the token stream can add candidates, never lose one.
    fresh = [i for i, b in enumerate(blocks_all) if id(b) not in seen_texts]
    candidates = {fresh[c] for c in _clause_candidates([blocks_all[i].text for i in fresh])}
    for i in fresh:
        seen_texts[id(blocks_all[i])] = blocks_all[i]
    if not candidates:
        return doc
    return apply_text_fixer(doc, "dedupe", drop_repeated_clauses, heads=False, furniture=False, only=candidates)


__all__ = ["dedupe", "drop_repeated_clauses", "overlap", "repeated_line"]
