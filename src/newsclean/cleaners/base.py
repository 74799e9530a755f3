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

from newsclean.model import Block, Change, Document, Flag, Span, span_of


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


Flagger = Callable[[str], Iterable[tuple[str, str, int, int]]]


def _node_span(spans: tuple[Span, ...], start: int, end: int) -> Span | None:
    whole = span_of(spans)
    if len(spans) == 1 and whole is not None and end <= whole.end - whole.start:
        return Span(whole.start + start, whole.start + end)
    return whole


def _add_flags(existing: tuple[Flag, ...], new: Iterable[Flag]) -> tuple[Flag, ...]:
    # A flag already present is not added again, so flagging stays idempotent.
    out = list(existing)
    for flag in new:
        if not any(f.kind == flag.kind and f.note == flag.note for f in out):
            out.append(flag)
    return tuple(out)


def apply_text_fixer(
    doc: Document,
    name: str,
    fixer: TextFixer,
    *,
    heads: bool = True,
    furniture: bool = True,
    block_filter: Callable[[Block], bool] | None = None,
    flagger: Flagger | None = None,
) -> Document:
    """Run ``fixer`` over every text node of ``doc`` and log its edits under ``name``.

    ``heads`` and ``furniture`` choose whether headline fields and furniture
    are fixed too; ``block_filter`` limits the blocks fixed. ``flagger``, if
    given, is run over each fixed block and headline text and returns
    ``(kind, note, start, end)`` tuples; they become flags on the block (or
    on the article, for a headline field). Nodes the fixer leaves unchanged
    are kept as they are (no copy), so a cleaner with nothing to do is cheap.
    """
    changes: list[Change] = []

    def fix(text: str, spans: Iterable[Span]) -> str:
        result = fixer(text)
        if result.edits:
            changes.extend(edits_to_changes(name, result.edits, spans))
        return result.text

    def flags_for(text: str, spans: tuple[Span, ...]) -> list[Flag]:
        if flagger is None:
            return []
        return [Flag(kind, note, _node_span(spans, s, e)) for kind, note, s, e in flagger(text)]

    articles = []
    touched = False
    for article in doc.articles:
        blocks = []
        blocks_changed = False
        for b in article.blocks:
            if block_filter is not None and not block_filter(b):
                blocks.append(b)
                continue
            text = fix(b.text, b.spans)
            new_flags = flags_for(text, b.spans)
            flags = _add_flags(b.flags, new_flags) if new_flags else b.flags
            if text != b.text or flags != b.flags:
                b = replace(b, text=text, flags=flags)
                blocks_changed = True
            blocks.append(b)
        head = {}
        art_flags: list[Flag] = []
        if heads:
            for field, value in article.head().items():
                if value:
                    spans = tuple(article.field_spans.get(field, ()))
                    new = fix(value, spans)
                    art_flags.extend(flags_for(new, spans))
                    if new != value:
                        head[field] = new
        new_art_flags = _add_flags(article.flags, art_flags) if art_flags else article.flags
        if blocks_changed or head or new_art_flags != article.flags:
            article = replace(article, blocks=tuple(blocks), flags=new_art_flags, **head)
            touched = True
        articles.append(article)
    furn = doc.furniture
    if furniture:
        new_furn = []
        for f in doc.furniture:
            text = fix(f.text, f.spans)
            new_furn.append(replace(f, text=text) if text != f.text else f)
        if any(a is not b for a, b in zip(new_furn, doc.furniture)):
            furn = tuple(new_furn)
            touched = True
    if not changes and not touched:
        return doc
    return replace(doc, articles=tuple(articles), furniture=furn).with_changes(changes)


def all_texts(doc: Document) -> str:
    """Every text node of ``doc`` (blocks, headline fields, furniture) joined by newlines.

    Cleaners search this once to skip a document they have nothing to do on.
    """
    parts: list[str] = []
    for article in doc.articles:
        parts.extend(v for v in article.head().values() if v)
        parts.extend(b.text for b in article.blocks)
    parts.extend(f.text for f in doc.furniture)
    return "\n".join(parts)


def apply_edits(text: str, edits: Iterable[Edit]) -> TextFix:
    """Apply non-overlapping ``edits`` (positions in ``text``) in one pass.

    >>> apply_edits("ab,cd", [Edit(2, 3, ",", "，", "width")]).text
    'ab，cd'
    """
    edits = sorted((e for e in edits if e.before != e.after), key=lambda e: e.start)
    if not edits:
        return TextFix(text, ())
    pieces: list[str] = []
    last = 0
    kept: list[Edit] = []
    for e in edits:
        if e.start < last:
            continue  # overlapping edit: the earlier one wins
        pieces.append(text[last:e.start])
        pieces.append(e.after)
        kept.append(e)
        last = e.end
    pieces.append(text[last:])
    return TextFix("".join(pieces), tuple(kept))


__all__ = ["Edit", "Flagger", "TextFix", "TextFixer", "all_texts", "apply_edits", "apply_text_fixer", "chain", "edits_to_changes", "sub_explained", "unchanged"]
