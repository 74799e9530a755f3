"""Rejoin lines: undo hard wraps and blank-line splits inside paragraphs.

Two dump styles (see :func:`~newsclean.structure.dump_style.dump_style`):

* one paragraph per line, blank lines between, and blank lines mid-sentence
  where a column or page broke (``开展好⏎⏎对口支援工作``): two body lines are
  joined when the first does not end a sentence, unless the second opens a
  new story (a news lead such as ``此次…``/``近日…``) and no lexicon word
  spans the seam;
* fixed-width columns: every line is wrapped at the column width; a line
  clearly shorter than the column that ends a sentence (。！？”) closes the
  paragraph, and so does a sentence end followed by a blank line.

Headlines, bylines, section labels and signoffs are never swallowed. Lines
holding only an opening quote or bracket are absorbed into the next line.
Every join goes through :func:`~newsclean.structure.cues.join_text` and is
logged in the change log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import regex

from newsclean.lexicon import word_tag
from newsclean.model import Article, Block, Change, Document, Flag, Span, copy_with, merge_spans, span_of
from newsclean.perf import gc_paused
from newsclean.registry import cleaner
from newsclean.structure.cues import (
    crossing_word,
    ends_continuing,
    ends_sentence,
    is_news_lead,
    join_text,
    last_word,
    visible_len,
)
from newsclean.structure.dump_style import column_measure, dump_style
from newsclean.structure.roles import classify_lines, is_lone_opener

NAME = "rejoin_lines"
_OPENING_WORDS = regex.compile(r"^(此次|本次|据悉|据了解|目前|此外|另外|与此同时|下一步|截至目前)")
# a count: number + measure word (a closed class), not a date, time or phone number
_COUNT_START = regex.compile(
    r"^[0-9]+(?:\.[0-9]+)?(个|名|家|项|次|例|所|台|张|位|批|场|类|支|条|件|种|倍|百分点|個|項|臺|張|場|類|條|種)"
)


def _end_width(b: Block) -> int:
    return int(b.hints.get("end_width", b.hints.get("width", 0)))


def should_join(a: Block, b: Block, role_a: str, role_b: str, style: str, width: int) -> bool:
    """Decide whether body line ``b`` continues body line ``a``.

    >>> from newsclean.model import Block
    >>> should_join(Block("paragraph", "开展好"), Block("paragraph", "对口支援工作。"), "para", "para", "lines", 0)
    True
    >>> should_join(Block("paragraph", "天空飘着淅淅沥沥的秋"), Block("paragraph", "此次义诊活动不仅方便。"), "para", "para", "lines", 0)
    False
    """
    if role_a != "para" or role_b != "para":
        return False
    if is_lone_opener(a.text):
        return True
    if b.hints.get("after_furniture") and b.hints.get("md_level"):
        return False
    if style == "fixed":
        if not ends_sentence(a.text, soft=False):
            return True
        w = _end_width(a)
        if b.hints.get("blank_before", 0) > 0:
            return False
        width = column_measure(a, width)
        return width - 6 < w <= width + 4
    if ends_sentence(a.text):
        return False
    if ends_continuing(a.text):
        return True
    if (is_news_lead(b.text) or _OPENING_WORDS.match(b.text.strip())) and not crossing_word(a.text, b.text):
        return False
    if b.hints.get("blank_before", 0) and lost_between(a.text, b.text):
        return False
    return True


def lost_between(left: str, right: str) -> bool:
    """True if text is missing between ``left`` and ``right``: a count after a bare noun.

    A count (``5个百分点``) follows a verb, a preposition or a numeral context
    (提高了5个百分点, 达到5个), not a common noun that closes an unfinished
    clause; no lexicon word may cross the seam.

    >>> lost_between("实施精准干预,全生规程", "5个百分点,65岁及以上老年人")
    True
    >>> lost_between("签约率提高了", "5个百分点"), lost_between("拨打专线", "0635-8276543")
    (False, False)
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left or not _COUNT_START.match(right) or crossing_word(left, right):
        return False
    word = last_word(left)
    return len(word) >= 2 and word_tag(word) == "n"


@cleaner(NAME, family="structure")
def rejoin_lines(doc: Document, options: Mapping[str, Any]) -> Document:
    """Join wrapped lines and blank-line splits back into paragraphs.

    >>> from newsclean.readers import segment_lines
    >>> doc = rejoin_lines(segment_lines("# 标题\\n\\n他强调,对口支援是重要举措。医院将一如既往地开展好\\n\\n对口支援工作。\\n\\n新段落。"), {})
    >>> [b.text for b in doc.blocks()]
    ['标题', '他强调,对口支援是重要举措。医院将一如既往地开展好对口支援工作。', '新段落。']
    """
    with gc_paused():
        return _rejoin_lines(doc, options)


def _rejoin_lines(doc: Document, options: Mapping[str, Any]) -> Document:
    changes: list[Change] = []
    articles: list[Article] = []
    touched = False
    for article in doc.articles:
        blocks = list(article.blocks)
        if not blocks:
            articles.append(article)
            continue
        style, width = dump_style(blocks)
        if options.get("column_width"):
            width = int(options["column_width"])
        blocks, dropped = _drop_speckle_lines(blocks, changes)
        touched = touched or dropped
        roles = classify_lines(blocks, style, width)
        out: list[Block] = []
        out_roles: list[str] = []
        joined = False  # out[-1] was made by a join: its spans are sorted and coalesced
        for b, role in zip(blocks, roles):
            if out and should_join(out[-1], b, out_roles[-1], role, style, width):
                out[-1] = _join(out[-1], b, changes, joined)
                joined = touched = True
                continue
            joined = False
            hints = {**b.hints, "role": role, "style": style, "col_width": width}
            if hints != b.hints:
                b = copy_with(b, hints=hints)
                touched = True
            out.append(b)
            out_roles.append(role)
        # lone marks joined into a line of marks are speckle too (a second run would drop them)
        out, dropped = _drop_speckle_lines(out, changes)
        touched = touched or dropped
        articles.append(replace(article, blocks=tuple(out)))
    if not touched:
        return doc
    return replace(doc, articles=tuple(articles)).with_changes(changes)


SPECKLE_REASON = "OCR speckle: commas, dots or bars alone on a line"
# marks that neither start a line of text nor end a paragraph (not 。！？, closers or openers), spaces between
_SPECK_CHARS = "，、,.·'`;；|｜_~"
_SPECKLE = regex.compile(rf"[{regex.escape(_SPECK_CHARS)}]+(?:[ \u3000]+[{regex.escape(_SPECK_CHARS)}]+)*")


def is_speckle_line(blocks: list[Block], k: int) -> bool:
    """True if line ``k`` holds only commas, dots or bars between blank lines: dirt OCR read as marks.

    No line of text starts with such a mark, and no paragraph ends in one: set
    apart by blank lines it belongs to nothing; two marks or more need a blank
    line before them only. (A full stop alone may end the line before it and is
    left to the join.)

    >>> from newsclean.readers import segment_lines
    >>> blocks = list(segment_lines("推进会。\\n\\n  ，\\n\\n我院召开推进会\\n\\n，  ;     |\\n\\n。").blocks())
    >>> [is_speckle_line(blocks, k) for k in range(5)]
    [False, True, False, True, False]
    """
    b = blocks[k]
    text = b.text.strip()
    return (
        _SPECKLE.fullmatch(text) is not None
        and int(b.hints.get("blank_before", 1)) >= 1
        and (k + 1 == len(blocks) or int(blocks[k + 1].hints.get("blank_before", 0)) >= 1 or visible_len(text) > 1)
    )


def _drop_speckle_lines(blocks: list[Block], changes: list[Change]) -> tuple[list[Block], bool]:
    """``blocks`` without their speckle lines (:func:`is_speckle_line`), each logged and flagged on the next line."""
    # (a first look at the first character only: a line of text is passed over at once)
    specks = [k for k, b in enumerate(blocks) if b.text.lstrip()[:1] in _SPECK_CHARS and is_speckle_line(blocks, k)]
    if not specks:
        return blocks, False
    kept = [b for k, b in enumerate(blocks) if k not in specks]
    for k in specks:
        speck = blocks[k]
        where = span_of(speck.spans)
        changes.append(Change(NAME, where, speck.text, "", SPECKLE_REASON))
        flag = Flag("uncertain_ocr", f"{speck.text.strip()!r} on a line of its own dropped as OCR speckle", where)
        at = k - sum(1 for s in specks if s < k)  # the next kept line, or the last one
        at = min(at, len(kept) - 1)
        if at >= 0:
            kept[at] = copy_with(kept[at], flags=kept[at].flags + (flag,))
    return kept, True


def _join(a: Block, b: Block, changes: list[Change], merged: bool = False) -> Block:
    """``b`` appended to ``a`` (``merged``: ``a``'s spans are sorted and coalesced), the join logged in ``changes``."""
    text = join_text(a.text, b.text)
    seam_at = len(a.text.rstrip())
    inserted = text[seam_at : len(text) - len(b.text.lstrip())]
    where = None
    if a.spans and b.spans:
        where = Span(a.spans[-1].end, max(a.spans[-1].end, b.spans[0].start))
    blank = int(b.hints.get("blank_before", 0))
    changes.append(
        Change(
            NAME,
            where,
            "\n" * (blank + 1),
            inserted,
            "line break inside a paragraph" + (" (blank line between the halves)" if blank else ""),
        )
    )
    gaps = list(a.hints.get("gaps", ())) + [[seam_at, blank]]
    hints = {
        **a.hints,
        "end_width": _end_width(b),
        "end_line": b.hints.get("end_line", b.hints.get("line")),
        "gaps": gaps,
    }
    if b.hints.get("jump_out"):
        hints["jump_out"] = b.hints["jump_out"]
    flags = a.flags + tuple(f for f in b.flags if f not in a.flags)  # a flag on either half stays with the paragraph
    spans = _add_spans(a.spans, b.spans) if merged else merge_spans(a.spans + b.spans)
    return copy_with(a, text=text, spans=spans, flags=flags, hints=hints)


def _add_spans(merged: tuple[Span, ...], more: tuple[Span, ...]) -> tuple[Span, ...]:
    """``merge_spans(merged + more)`` for sorted and coalesced ``merged``.

    When ``more`` starts at or after the last span (a paragraph's next line),
    only that span can change: the paragraph's spans are not sorted again at
    each of its lines.
    """
    if merged and more and min(sp.start for sp in more) >= merged[-1].start:
        return merged[:-1] + merge_spans(merged[-1:] + more)
    return merge_spans(merged + more)
