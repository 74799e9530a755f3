"""Cleaners that re-read an article's lines in another order or cut (columns, layout tables, interleaving).

Such a step maps an article's blocks to new blocks and reports each move as
``(source span, before, after)``; :func:`apply_line_moves` runs it over every
article and logs the moves as changes of the cleaner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from newsclean.model import Block, Change, Document, Span

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
