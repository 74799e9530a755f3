"""Shared machinery of the text-tier cleaners: explained substitutions.

A text fixer is a pure function ``str -> TextFix``: the new text and the
edits that produced it, each with the exact text replaced and a reason.
:func:`apply_text_fixer` runs a fixer over every text node of a document and
turns its edits into change-log entries with the node's source position.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, NamedTuple

import regex

from newsclean.model import Block, Change, Document, Span, span_of


@dataclass(frozen=True)
class Edit:
    """One replacement inside a text: ``text[start:end]`` was ``before``, became ``after``."""

    start: int
    end: int
    before: str
    after: str
    reason: str


class TextFix(NamedTuple):
    """The result of a text fixer: new text and the edits made, in order."""

    text: str
    edits: tuple[Edit, ...]


TextFixer = Callable[[str], TextFix]


def unchanged(text: str) -> TextFix:
    """A fix that changes nothing."""
    return TextFix(text, ())


def sub_explained(pattern: regex.Pattern[str], repl: str | Callable[[regex.Match[str]], str], text: str, reason: str) -> TextFix:
    """``pattern.sub(repl, text)`` that also reports each replacement made.

    >>> fix = sub_explained(regex.compile(r"(?<=\\p{Han}),"), "，", "你好,世界", "full-width comma")
    >>> fix.text, fix.edits[0].before, fix.edits[0].after
    ('你好，世界', ',', '，')
    """
    edits: list[Edit] = []
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        new = repl(match) if callable(repl) else match.expand(repl)
        if new == match.group(0):
            continue
        pieces.append(text[last:match.start()])
        pieces.append(new)
        edits.append(Edit(match.start(), match.end(), match.group(0), new, reason))
        last = match.end()
    if not edits:
        return TextFix(text, ())
    pieces.append(text[last:])
    return TextFix("".join(pieces), tuple(edits))


def chain(text: str, *fixers: TextFixer) -> TextFix:
    """Apply ``fixers`` in turn, collecting their edits (offsets are per step)."""
    edits: list[Edit] = []
    for fixer in fixers:
        text, step = fixer(text)
        edits.extend(step)
    return TextFix(text, tuple(edits))


def edits_to_changes(name: str, edits: Iterable[Edit], spans: Iterable[Span]) -> list[Change]:
    """Change-log entries for ``edits`` made to a node whose source spans are ``spans``.

    The position is exact when the node is a single untouched span of the
    source; otherwise it is the span of the whole node.
    """
    spans = tuple(spans)
    whole = span_of(spans)
    changes = []
    for edit in edits:
        where = whole
        if len(spans) == 1 and whole is not None and edit.end <= whole.end - whole.start:
            where = Span(whole.start + edit.start, whole.start + edit.end)
        changes.append(Change(name, where, edit.before, edit.after, edit.reason))
    return changes


def apply_text_fixer(
    doc: Document,
    name: str,
    fixer: TextFixer,
    *,
    heads: bool = True,
    furniture: bool = True,
    block_filter: Callable[[Block], bool] | None = None,
) -> Document:
    """Run ``fixer`` over every text node of ``doc`` and log its edits under ``name``.

    ``heads`` and ``furniture`` choose whether headline fields and furniture
    are fixed too; ``block_filter`` limits the blocks fixed.
    """
    changes: list[Change] = []

    def fix(text: str, spans: Iterable[Span]) -> str:
        result = fixer(text)
        if result.edits:
            changes.extend(edits_to_changes(name, result.edits, spans))
        return result.text

    articles = []
    for article in doc.articles:
        blocks = tuple(
            replace(b, text=fix(b.text, b.spans)) if block_filter is None or block_filter(b) else b
            for b in article.blocks
        )
        head = {}
        if heads:
            for field, value in article.head().items():
                if value:
                    head[field] = fix(value, article.field_spans.get(field, ()))
        articles.append(replace(article, blocks=blocks, **head))
    furn = doc.furniture
    if furniture:
        furn = tuple(replace(f, text=fix(f.text, f.spans)) for f in doc.furniture)
    if not changes:
        return doc
    return replace(doc, articles=tuple(articles), furniture=furn).with_changes(changes)


__all__ = ["Edit", "TextFix", "TextFixer", "apply_text_fixer", "chain", "edits_to_changes", "sub_explained", "unchanged"]
