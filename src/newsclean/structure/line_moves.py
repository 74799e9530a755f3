"""Cleaners that re-read an article's lines in another order or cut (columns, layout tables, interleaving).

Such a step maps an article's blocks to new blocks and reports each move as
``(source span, before, after)``; :func:`apply_line_moves` runs it over every
article and logs the moves as changes of the cleaner.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import regex

from newsclean.model import Block, Change, Document, Flag, Span

# a gutter between two columns printed on one line: spaces, or the column rule read as ``|``
GUTTER = regex.compile(r"[ \u3000]*\|[ \u3000]*|[ \u3000]+")

LineMove = tuple[Span, str, str]
LineStep = Callable[[Sequence[Block]], tuple[Sequence[Block], Sequence[LineMove]]]


def apply_line_moves(doc: Document, cleaner: str, step: LineStep, reason: str) -> Document:
    """``doc`` with ``step`` applied to each article's blocks, every move logged under ``cleaner`` with ``reason``.

    An article the step does not change is kept as it is; a document with no move is returned unchanged.
    """
    changes: list[Change] = []
    articles = []
    for article in doc.articles:
        blocks, moves = step(article.blocks)
        changes.extend(Change(cleaner, span, before, after, reason) for span, before, after in moves)
        articles.append(replace(article, blocks=tuple(blocks)) if moves else article)
    if not changes:
        return doc
    return replace(doc, articles=tuple(articles)).with_changes(changes)


def line_piece(
    b: Block, start: int, end: int, hints: Mapping[str, Any] | None = None, flags: tuple[Flag, ...] | None = None
) -> Block:
    """The block of ``b.text[start:end]``, ``b`` a line as read (one span, one to one), with its exact source span.

    ``hints`` and ``flags`` default to ``b``'s own.
    """
    s0 = b.spans[0].start
    return Block(
        b.type,
        b.text[start:end],
        (Span(s0 + start, s0 + end),),
        b.flags if flags is None else flags,
        dict(b.hints if hints is None else hints),
    )


def line_runs(
    blocks: Sequence[Block], opens: Callable[[Block], bool], goes_on: Callable[[Block], bool], min_lines: int
) -> list[tuple[int, int]]:
    """Maximal ranges of blocks opened by one that ``opens`` and going on, at most one blank line apart, with
    blocks that ``goes_on``; only ranges of ``min_lines`` blocks or more.

    (Tesseract sets off the blocks it finds by a blank line; read across the gutter, such lines still
    hold the same columns' lines.)
    """
    runs: list[tuple[int, int]] = []
    i, n = 0, len(blocks)
    while i < n:
        if not opens(blocks[i]):
            i += 1
            continue
        j = i + 1
        while j < n and int(blocks[j].hints.get("blank_before", 0)) <= 1 and goes_on(blocks[j]):
            j += 1
        if j - i >= min_lines:
            runs.append((i, j))
        i = j
    return runs
