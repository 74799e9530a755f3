"""Shared machinery of the text-tier cleaners: explained substitutions.

A text fixer is a pure function ``str -> TextFix``: the new text and the
edits that produced it, each with the exact text replaced and a reason.
:func:`apply_text_fixer` runs a fixer over every text node of a document and
turns its edits into change-log entries with the node's source position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping, NamedTuple

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
    """Apply ``fixers`` in turn, collecting their edits.

    Each edit's offsets refer to the text its own step saw; when more than
    one step changed the text, the result carries one exact edit of the
    whole changed stretch instead, so every offset refers to ``text``.

    >>> chain("a,b", lambda t: TextFix(t.replace(",", "，"), (Edit(1, 2, ",", "，", "w"),))).edits[0].start
    1
    """
    original = text
    edits: list[Edit] = []
    steps = 0
    for fixer in fixers:
        text, step = fixer(text)
        if step:
            steps += 1
            edits.extend(step)
    if steps > 1:
        return window_edit(original, text, "; ".join(dict.fromkeys(e.reason for e in edits)))
    return TextFix(text, tuple(edits))


def edits_to_changes(name: str, edits: Iterable[Edit], spans: Iterable[Span]) -> list[Change]:
    """Change-log entries for ``edits`` made to a node whose source spans are ``spans``.

    The position is exact when the node is a single untouched span of the
    source; otherwise it is the span of the whole node.
    """
    spans = tuple(spans)
    whole = spans[0] if len(spans) == 1 else span_of(spans)
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


def _with_text(block: Block, text: str, flags: tuple[Flag, ...]) -> Block:
    # dataclasses.replace re-runs __init__ and costs ten times this; a block is
    # copied field for field, so fields added to Block later are kept too.
    new = object.__new__(Block)
    new.__dict__.update(block.__dict__)
    new.__dict__["text"] = text
    new.__dict__["flags"] = flags
    return new


def _add_flags(existing: tuple[Flag, ...], new: Iterable[Flag]) -> tuple[Flag, ...]:
    # A flag already present is not added again, so flagging stays idempotent.
    out = list(existing)
    for flag in new:
        if not any(f.kind == flag.kind and f.note == flag.note for f in out):
            out.append(flag)
    return tuple(out)


def nodes_matching(texts: list[str], trigger: re.Pattern[str] | regex.Pattern[str]) -> set[int]:
    """Indices of ``texts`` in which ``trigger`` matches, found by one scan of their join."""
    joined = "\n".join(texts)
    starts = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    found: set[int] = set()
    pos = 0
    while True:
        m = trigger.search(joined, pos)
        if m is None:
            return found
        k = bisect_right(starts, m.start()) - 1
        found.add(k)
        if k + 1 >= len(starts):
            return found
        pos = starts[k + 1]


def apply_text_fixer(
    doc: Document,
    name: str,
    fixer: TextFixer,
    *,
    heads: bool = True,
    furniture: bool = True,
    block_filter: Callable[[Block], bool] | None = None,
    flagger: Flagger | None = None,
    trigger: re.Pattern[str] | regex.Pattern[str] | None = None,
    given: Mapping[int, str] | None = None,
    given_reason: str = "",
    flag_trigger: re.Pattern[str] | regex.Pattern[str] | None = None,
) -> Document:
    """Run ``fixer`` over every text node of ``doc`` and log its edits under ``name``.

    ``heads`` and ``furniture`` choose whether headline fields and furniture
    are fixed too; ``block_filter`` limits the blocks fixed. ``flagger``, if
    given, is run over each fixed block and headline text and returns
    ``(kind, note, start, end)`` tuples; they become flags on the block (or
    on the article, for a headline field). ``trigger``, if given, is a
    pattern that every text the fixer (or flagger) could act on contains:
    one scan of the whole document picks those texts, and only they are
    passed to the fixer. ``given`` maps node indices (in :func:`node_texts`
    order) to new texts computed elsewhere (by :func:`rewrite_joined`); those
    nodes skip the fixer and their change is logged with ``given_reason``.
    ``flag_trigger`` picks further texts for the flagger only.
    Nodes left unchanged are kept as they are (no copy).
    """
    changes: list[Change] = []
    selected: set[int] | None = None
    to_fix: set[int] | None = None
    if trigger is not None:
        texts: list[str] = []
        for article in doc.articles:
            texts.extend(b.text for b in article.blocks if block_filter is None or block_filter(b))
            if heads:
                texts.extend(v for v in article.head().values() if v)
        if furniture:
            texts.extend(f.text for f in doc.furniture)
        to_fix = nodes_matching(texts, trigger)
        selected = set(to_fix)
        if given:
            selected |= set(given)
        if flagger is not None and flag_trigger is not None:
            selected |= nodes_matching(texts, flag_trigger)
        if not selected:
            return doc
    counter = [-1]

    def wanted() -> bool:
        counter[0] += 1
        return selected is None or counter[0] in selected

    def fix(text: str, spans: Iterable[Span]) -> str:
        if given and counter[0] in given:
            result = window_edit(text, given[counter[0]], given_reason)
        elif to_fix is None or counter[0] in to_fix:
            result = fixer(text)
        else:
            return text
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
            if not wanted():
                blocks.append(b)
                continue
            text = fix(b.text, b.spans)
            new_flags = flags_for(text, b.spans)
            flags = _add_flags(b.flags, new_flags) if new_flags else b.flags
            if text != b.text or flags != b.flags:
                b = _with_text(b, text, flags)
                blocks_changed = True
            blocks.append(b)
        head = {}
        art_flags: list[Flag] = []
        if heads:
            for field, value in article.head().items():
                if value and wanted():
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
            text = fix(f.text, f.spans) if wanted() else f.text
            new_furn.append(replace(f, text=text) if text != f.text else f)
        if any(a is not b for a, b in zip(new_furn, doc.furniture)):
            furn = tuple(new_furn)
            touched = True
    if not changes and not touched:
        return doc
    return replace(doc, articles=tuple(articles), furniture=furn).with_changes(changes)


MAX_EDITS_LOGGED = 4


def node_texts(doc: Document, *, heads: bool = True, furniture: bool = True) -> list[str]:
    """The texts :func:`apply_text_fixer` visits, in its order (blocks, then headline fields, per article; furniture last)."""
    texts: list[str] = []
    for article in doc.articles:
        texts.extend(b.text for b in article.blocks)
        if heads:
            texts.extend(v for v in article.head().values() if v)
    if furniture:
        texts.extend(f.text for f in doc.furniture)
    return texts


def rewrite_joined(texts: list[str], rewrite: Callable[[str], str], skip: set[int] = frozenset()) -> dict[int, str]:
    """Run a length-free ``rewrite`` over all ``texts`` at once; the new text of each changed one.

    The texts are joined by newlines, so ``rewrite`` (a regex substitution,
    typically) runs in one call however many texts there are; it must not
    add or remove newlines. Texts whose index is in ``skip`` are left out.
    """
    joined = "\n".join("" if i in skip else t for i, t in enumerate(texts))
    new = rewrite(joined)
    if new == joined:
        return {}
    parts = new.split("\n")
    if len(parts) != len(texts):
        raise ValueError("rewrite_joined: the rewrite changed the number of lines")
    return {i: p for i, (p, t) in enumerate(zip(parts, texts)) if i not in skip and p != t}


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by galloping then bisecting over slice comparisons (done in C)."""
    limit = min(len(a), len(b))
    lo, step = 0, 16
    while lo + step <= limit and a[lo:lo + step] == b[lo:lo + step]:
        lo += step
        step *= 2
    hi = min(limit, lo + step)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, floor: int) -> int:
    """Length of the common suffix of ``a`` and ``b`` that leaves ``floor`` characters of each."""
    limit = min(len(a), len(b)) - floor
    na, nb = len(a), len(b)
    lo, step = 0, 16
    while lo + step <= limit and a[na - lo - step:na - lo] == b[nb - lo - step:nb - lo]:
        lo += step
        step *= 2
    hi = min(limit, lo + step)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[na - mid:na - lo] == b[nb - mid:nb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def coalesce(text: str, new: str, edits: list[Edit] | tuple[Edit, ...], summary: str) -> TextFix:
    """``TextFix(new, edits)``, with many edits logged as one edit of the whole text.

    A paragraph of a dump can need a hundred repairs; logging each costs
    more than making it. Past :data:`MAX_EDITS_LOGGED` edits the change log
    gets one entry for the stretch from the first to the last difference,
    with its text before and after (still exact and replayable) and
    ``summary`` as its reason.

    >>> fix = coalesce("a,b", "a，b", [Edit(1, 2, ",", "，", "width")], "punctuation")
    >>> fix.edits[0].before
    ','
    """
    if new == text:
        return TextFix(text, ())
    if len(edits) <= MAX_EDITS_LOGGED:
        return TextFix(new, tuple(edits))
    return window_edit(text, new, f"{summary} ({len(edits)} edits)")


def window_edit(text: str, new: str, reason: str) -> TextFix:
    """``new`` as one edit of ``text``: the stretch from the first difference to the last.

    >>> e = window_edit("今年,东昌 府区", "今年，东昌府区", "r").edits[0]
    >>> (e.start, e.end, e.before, e.after)
    (2, 6, ',东昌 ', '，东昌')
    """
    if new == text:
        return TextFix(text, ())
    n, m = len(text), len(new)
    start = _common_prefix(text, new)
    end = _common_suffix(text, new, start)
    return TextFix(new, (Edit(start, n - end, text[start:n - end], new[start:m - end], reason),))


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


__all__ = ["Edit", "Flagger", "TextFix", "TextFixer", "all_texts", "apply_edits", "nodes_matching", "coalesce", "node_texts", "rewrite_joined", "window_edit", "apply_text_fixer", "chain", "edits_to_changes", "sub_explained", "unchanged"]
