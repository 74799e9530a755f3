"""Shared machinery of the text-tier cleaners: explained substitutions.

A text fixer is a pure function ``str -> TextFix``: the new text and the
edits that produced it, each with the exact text replaced and a reason.
:func:`apply_text_fixer` runs a fixer over every text node of a document and
turns its edits into change-log entries with the node's source position.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from itertools import accumulate, count
from operator import add, attrgetter
from typing import NamedTuple, TypeVar

import regex

from newsclean.model import Block, Change, Document, Flag, Span, copy_with, span_of
from newsclean.perf import pauses_gc

T = TypeVar("T")


class Edit(NamedTuple):
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


def sub_explained(
    pattern: regex.Pattern[str], repl: str | Callable[[regex.Match[str]], str], text: str, reason: str
) -> TextFix:
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
        pieces.append(text[last : match.start()])
        pieces.append(new)
        edits.append(Edit(match.start(), match.end(), match.group(0), new, reason))
        last = match.end()
    if not edits:
        return TextFix(text, ())
    pieces.append(text[last:])
    return TextFix("".join(pieces), tuple(edits))


def chain(text: str, *fixers: TextFixer) -> TextFix:
    """Apply ``fixers`` in turn, collecting their edits.

    Each step's edits refer to the text that step saw; they are composed
    (:func:`compose`) so that every edit of the result refers to ``text``.

    >>> fix = chain("a,b c", lambda t: TextFix(t.replace(",", "，"), (Edit(1, 2, ",", "，", "w"),)),
    ...             lambda t: TextFix(t.replace(" ", ""), (Edit(3, 4, " ", "", "s"),)))
    >>> [(e.start, e.end, e.before, e.after) for e in fix.edits]
    [(1, 2, ',', '，'), (3, 4, ' ', '')]
    """
    edits: tuple[Edit, ...] = ()
    current = text
    for fixer in fixers:
        new, step = fixer(current)
        if step:
            edits = tuple(compose(text, current, edits, step)) if edits else tuple(step)
            current = new
    return TextFix(current, edits)


def repeat_fix(
    text: str,
    once: Callable[[str], TextFix],
    passes: int,
    needs_another: Callable[[TextFix], bool] = lambda fix: bool(fix.edits),
) -> TextFix:
    """``once`` run on ``text``, then on its own result, to a fixed point or ``passes`` runs; edits against ``text``.

    A repair can give a neighbour the context of another (``当,(`` → ``当，（``):
    a cleaner whose one pass leaves such work is idempotent only once it
    repeats. ``needs_another`` tells from a result whether a further pass may
    still change it (by default: whether the last pass changed anything).

    >>> once = lambda t: TextFix(t.replace("ab", "b", 1), (Edit(0, 1, "a", "", "a"),) if "ab" in t else ())
    >>> fix = repeat_fix("aab", once, 5)
    >>> fix.text, [tuple(e) for e in fix.edits]
    ('b', [(0, 2, 'aa', '', 'a')])
    """
    current = once(text)
    for _ in range(passes - 1):
        if not needs_another(current):
            break
        again = once(current.text)
        if not again.edits:
            break
        current = TextFix(again.text, tuple(compose(text, current.text, current.edits, again.edits)))
    return current


def until_stable(step: Callable[[Document], Document], doc: Document, rounds: int) -> Document:
    """``step`` applied to ``doc`` until it returns its input unchanged (the same object), at most ``rounds`` times.

    For document-level cleaners whose pass can leave work for another (a
    fragment moved to an earlier story leaves the next one's rest behind).
    """
    for _ in range(rounds):
        again = step(doc)
        if again is doc:
            return doc
        doc = again
    return doc


def compose(original: str, middle: str, first: Iterable[Edit], second: Iterable[Edit]) -> list[Edit]:
    """Fold ``second`` (edits of ``middle``) into ``first`` (edits of ``original`` giving ``middle``).

    The result's edits all refer to ``original`` and give the text ``second``
    gives. An edit of ``second`` that touches or overlaps the output of an
    edit of ``first`` is merged with it into one edit (reasons joined).

    >>> first = [Edit(1, 2, ",", "，", "comma")]
    >>> middle = "中，("
    >>> [tuple(e) for e in compose("中,(", middle, first, [Edit(2, 3, "(", "（", "paren")])]
    [(1, 3, ',(', '，（', 'comma; paren')]
    """
    first = sorted(first, key=lambda e: e.start)
    second = sorted(second, key=lambda e: e.start)
    # Intervals in ``middle`` coordinates: (start, end, kind, index).
    items = []
    shift = 0
    for i, e in enumerate(first):
        s = e.start + shift
        items.append((s, s + len(e.after), 0, i))
        shift += len(e.after) - (e.end - e.start)
    items.extend((e.start, e.end, 1, i) for i, e in enumerate(second))
    items.sort()
    # Map a ``middle`` position outside every first edit's output back to ``original``.
    out: list[Edit] = []
    groups: list[list[tuple[int, int, int, int]]] = []
    group_end = 0  # the furthest end in the last group
    for item in items:
        if groups and item[0] <= group_end:
            groups[-1].append(item)
            group_end = max(group_end, item[1])
        else:
            groups.append([item])
            group_end = item[1]
    starts_mid = []
    shifts = []
    shift = 0
    for e in first:
        starts_mid.append(e.start + shift)
        shift += len(e.after) - (e.end - e.start)
        shifts.append(shift)

    def to_original(pos: int) -> int:
        # shift of the first edits whose output ends at or before ``pos``
        k = bisect_right(starts_mid, pos) - 1
        while k >= 0 and starts_mid[k] + len(first[k].after) > pos:
            k -= 1
        return pos - (shifts[k] if k >= 0 else 0)

    for group in groups:
        if all(kind == 0 for _, _, kind, _ in group):
            out.extend(first[i] for _, _, _, i in group)
            continue
        u0 = min(x[0] for x in group)
        u1 = max(x[1] for x in group)
        o0, o1 = to_original(u0), to_original(u1)
        firsts = [first[i] for _, _, kind, i in group if kind == 0]
        if firsts:
            o0 = min(o0, firsts[0].start)
            o1 = max(o1, firsts[-1].end)
        pieces = []
        last = u0
        reasons = [e.reason for e in firsts]
        for _, _, kind, i in group:
            if kind == 1:
                e = second[i]
                pieces.append(middle[last : e.start])
                pieces.append(e.after)
                last = e.end
                reasons.append(e.reason)
        pieces.append(middle[last:u1])
        before, after = original[o0:o1], "".join(pieces)
        if before != after:
            out.append(Edit(o0, o1, before, after, "; ".join(dict.fromkeys(reasons))))
    out.sort(key=lambda e: e.start)
    return out


MERGE_GAP = 1  # edits this close (in characters) are logged as one


def merge_close(text: str, edits: Iterable[Edit], gap: int = MERGE_GAP) -> list[Edit]:
    """Sorted non-overlapping ``edits`` of ``text``, with edits at most ``gap`` characters apart merged.

    >>> [tuple(e) for e in merge_close("a,b,cd!", [Edit(1, 2, ",", "，", "x"), Edit(3, 4, ",", "，", "x"), Edit(6, 7, "!", "！", "y")])]
    [(1, 4, ',b,', '，b，', 'x'), (6, 7, '!', '！', 'y')]
    """
    runs: list[list[Edit]] = []  # runs of edits each at most ``gap`` after the one before
    pend = -(1 << 62)
    for e in edits:
        if e[0] - pend <= gap and runs:
            runs[-1].append(e)
        else:
            runs.append([e])
        pend = e[1]
    return [run[0] if len(run) == 1 else _merged(text, run) for run in runs]


def _joined_reason(reason: str, more: str) -> str:
    """``reason`` with ``more`` added (``; ``-separated), unless it is there already."""
    return reason if more == reason or more in reason.split("; ") else f"{reason}; {more}"


def _merged(text: str, run: list[Edit]) -> Edit:
    """One edit for a run of close edits of ``text`` (built once: linear in the run's length)."""
    pieces = [run[0][3]]
    reason = run[0][4]
    for previous, (s, _, _, after, more) in zip(run, run[1:]):
        pieces += (text[previous[1] : s], after)
        reason = _joined_reason(reason, more)
    start, end = run[0][0], run[-1][1]
    return Edit(start, end, text[start:end], "".join(pieces), reason)


def edits_to_changes(
    name: str, edits: Iterable[Edit], spans: Iterable[Span], text_length: int | None = None
) -> list[Change]:
    """Change-log entries for ``edits`` made to a node whose source spans are ``spans``.

    The position is exact when the node is a single untouched span of the
    source, or (``text_length`` given) several spans whose lengths add up
    to the text's, as a paragraph rejoined from lines is; otherwise it is
    the span of the whole node. (``edits`` may be plain
    ``(start, end, before, after, reason)`` tuples.)
    """
    spans = tuple(spans)
    if len(spans) == 1:
        whole = spans[0]
        base, limit = whole.start, whole.end - whole.start
        return [
            Change(name, Span(base + s, base + e) if e <= limit else whole, before, after, reason)
            for s, e, before, after, reason in edits
        ]
    whole = span_of(spans)
    locate = _locator(spans, text_length) if text_length is not None else None
    if locate is None:
        return [Change(name, whole, before, after, reason) for _, _, before, after, reason in edits]
    return [Change(name, locate(s, e) or whole, before, after, reason) for s, e, before, after, reason in edits]


def _locator(spans: tuple[Span, ...], text_length: int) -> Callable[[int, int], Span | None] | None:
    """Map ``[start, end)`` of a text made of ``spans`` laid end to end to source offsets (None if it is not)."""
    if len(spans) < 2 or sum(sp.end - sp.start for sp in spans) != text_length:
        return None
    # span k starts at ``firsts[k]`` in the text; an offset in it maps to the source by adding ``shifts[k]``
    firsts: list[int] = []
    shifts: list[int] = []
    pos = 0
    for sp in spans:
        firsts.append(pos)
        shifts.append(sp.start - pos)
        pos += sp.end - sp.start

    new = tuple.__new__  # Span(...) without its Python-level constructor (see log_joined_edits)

    def locate(start: int, end: int) -> Span | None:
        if end > text_length or start > end:
            return None
        opening = start + shifts[bisect_right(firsts, start) - 1]
        if end == start:
            return new(Span, (opening, opening))
        # an end offset maps through the span it closes (the one holding ``end - 1``)
        return new(Span, (opening, end + shifts[bisect_right(firsts, end - 1) - 1]))

    return locate


Flagger = Callable[[str], Iterable[tuple[str, str, int, int]]]


def _node_span(spans: tuple[Span, ...], start: int, end: int) -> Span | None:
    whole = span_of(spans)
    if len(spans) == 1 and whole is not None and end <= whole.end - whole.start:
        return Span(whole.start + start, whole.start + end)
    return whole


def _with_text(block: Block, text: str, flags: tuple[Flag, ...]) -> Block:
    # copy_with(block, text=text, flags=flags) without its keyword dictionary:
    # this runs for every text a cleaner changes.
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


def node_starts(texts: list[str], sep: int = 1) -> list[int]:
    """Offsets of ``texts`` in their join with a separator of ``sep`` characters.

    >>> node_starts(["ab", "", "cde"])
    [0, 3, 4]
    """
    # The running sum of the lengths, plus ``sep`` per text before: computed
    # in C (a document has tens of thousands of texts, and every cleaner asks).
    starts = list(map(add, accumulate(map(len, texts), initial=0), count(0, sep)))
    del starts[-1]  # the offset after the last text
    return starts


def nodes_matching(
    texts: list[str],
    trigger: re.Pattern[str] | regex.Pattern[str] | str,
    joined: str | None = None,
    starts: list[int] | None = None,
) -> set[int]:
    """Indices of ``texts`` in which ``trigger`` matches, found by one scan of their join.

    A ``trigger`` given as a plain string is looked for literally (``str.find``
    skips through a text tens of times faster than a regex scan for one character).
    ``joined`` (``"\\n".join(texts)``) and ``starts`` (:func:`node_starts`) are passed if the caller has them.

    >>> sorted(nodes_matching(["甲(乙", "丙", "丁)("], "(")), sorted(nodes_matching(["甲(乙", "丙"], re.compile("[丙]")))
    ([0, 2], [1])
    """
    if joined is None:
        joined = "\n".join(texts)
    if starts is None:
        starts = node_starts(texts)
    found: set[int] = set()
    pos = 0
    literal = trigger if isinstance(trigger, str) else None
    while True:
        if literal is not None:
            at = joined.find(literal, pos)
            if at < 0:
                return found
        else:
            m = trigger.search(joined, pos)  # type: ignore[union-attr]
            if m is None:
                return found
            at = m.start()
        k = bisect_right(starts, at) - 1
        found.add(k)
        if k + 1 >= len(starts):
            return found
        pos = starts[k + 1]


def edits_by_node(starts: list[int], found: Iterable[tuple[int, int, str, str, str]]) -> dict[int, list[Edit]]:
    """Edits ``(start, end, before, after, reason)`` of a joined text, by node, in node coordinates.

    ``found`` must be sorted by start and no edit may cross a separator. The
    edits are plain tuples (cheaper than :class:`Edit`, unpacked the same way).
    """
    out: dict[int, list[Edit]] = {}
    k = 0
    n = len(starts)
    nxt = starts[1] if n > 1 else 1 << 62
    base = 0
    current: list[Edit] | None = None
    for s, e, before, after, reason in found:
        if s >= nxt:
            k = bisect_right(starts, s) - 1
            base = starts[k]
            nxt = starts[k + 1] if k + 1 < n else 1 << 62
            current = None
        if current is None:
            current = out.setdefault(k, [])
        current.append((s - base, e - base, before, after, reason))  # type: ignore[arg-type]
    return out


def node_spans(doc: Document, *, heads: bool = True, furniture: bool = True) -> list[tuple[Span, ...]]:
    """The source spans of the nodes of :func:`node_texts`, in the same order."""
    spans: list[tuple[Span, ...]] = []
    for article in doc.articles:
        spans.extend(map(_SPANS, article.blocks))
        if heads:
            spans.extend(tuple(article.field_spans.get(f, ())) for f, v in article.head().items() if v)
    if furniture:
        spans.extend(map(_SPANS, doc.furniture))
    return spans


_SPANS = attrgetter("spans")


def log_joined_edits(
    name: str,
    texts: list[str],
    spans: list[tuple[Span, ...]],
    starts: list[int],
    found: Iterable[tuple[int, int, str, str]],
    skip: set[int] | frozenset[int] = frozenset(),
) -> tuple[set[int], list[Change]]:
    """Log edits found in the join of ``texts``: the nodes they touch, and the changes.

    ``found`` yields ``(start, end, after, reason)`` in the coordinates of
    ``"\\n".join(texts)`` (``starts`` from :func:`node_starts`), sorted, none
    across a separator; edits in nodes of ``skip`` are ignored. This is the
    fast path of the text cleaners: one change per edit (edits at most
    :data:`MERGE_GAP` apart merged), made straight from the matches of a
    regex over the whole document, with no intermediate objects. The caller
    applies the edits to the touched texts (one regex pass does it in C).
    A run of close edits is logged once it ends, so a long run costs no more
    than as many separate edits.
    """
    touched: set[int] = set()
    changes: list[Change] = []
    n = len(starts)
    nxt = -1
    base = 0
    text = ""
    last = 0  # end of the previous edit of this node, node coordinates
    first = 0  # start of the previous edit (of its run of close edits)
    run: list[str] | None = None  # ``after`` texts of an open run of close edits, and the text between them
    run_reason = ""
    offset, exact_limit = 0, -1  # how the node's offsets map to the source: see _run_change
    locate: Callable[[int, int], Span | None] | None = None
    whole: Span | None = None
    skipping = False
    append, gap = changes.append, MERGE_GAP
    # Spans and changes are named tuples, built here straight by tuple.__new__:
    # their own constructor is a Python function, a frame per call, and a
    # document's punctuation alone makes a hundred thousand of each.
    new, span_t, change_t = tuple.__new__, Span, Change
    for s, e, after, reason in found:
        if s >= nxt:
            if run is not None:  # the run ends with its node
                changes[-1] = _run_change(
                    name, text, first, last, run, run_reason, (offset, exact_limit, locate, whole)
                )
                run = None
            k = bisect_right(starts, s) - 1
            base = starts[k]
            nxt = starts[k + 1] if k + 1 < n else 1 << 62
            skipping = k in skip
            if skipping:
                continue
            touched.add(k)
            text = texts[k]
            last = -(1 << 30)  # no edit merges with the previous node's last one
            node = spans[k]
            if len(node) == 1:
                whole = node[0]
                offset, exact_limit, locate = whole.start, whole.end - whole.start, None
            else:
                # a paragraph rejoined from lines: offsets mapped line by line
                offset, exact_limit, locate, whole = 0, -1, _locator(node, len(text)), span_of(node)
        elif skipping:
            continue
        s -= base
        e -= base
        if s - last <= gap:
            # close to the previous edit: one change for the run, built when it ends
            if run is None:
                run, run_reason = [changes[-1].after], changes[-1].reason
            run += (text[last:s], after)
            run_reason = _joined_reason(run_reason, reason)
            last = e
            continue
        if run is not None:
            changes[-1] = _run_change(name, text, first, last, run, run_reason, (offset, exact_limit, locate, whole))
            run = None
        first = s
        if e <= exact_limit:
            where = new(span_t, (offset + s, offset + e))
        else:
            where = (locate(s, e) if locate is not None else None) or whole
        append(new(change_t, (name, where, text[s:e], after, reason)))
        last = e
    if run is not None:
        changes[-1] = _run_change(name, text, first, last, run, run_reason, (offset, exact_limit, locate, whole))
    return touched, changes


def _run_change(
    name: str,
    text: str,
    start: int,
    end: int,
    pieces: list[str],
    reason: str,
    place: tuple[int, int, Callable[[int, int], Span | None] | None, Span | None],
) -> Change:
    """The change for a run of close edits of ``text[start:end]``, whose new text is ``pieces`` joined.

    ``place`` tells how the node's offsets map to the source: ``offset + s`` up to
    ``exact_limit`` for a node of one span, line by line (``locate``) for a
    paragraph rejoined from lines; else the change is placed on the ``whole`` node.
    """
    offset, exact_limit, locate, whole = place
    if end <= exact_limit:
        where = Span(offset + start, offset + end)
    else:
        where = (locate(start, end) if locate is not None else None) or whole
    return Change(name, where, text[start:end], "".join(pieces), reason)


def fix_from_edits(text: str, edits: list[Edit]) -> TextFix:
    """The text ``edits`` (sorted, non-overlapping) make of ``text``, with close edits merged for the log."""
    pieces = []
    last = 0
    for s, e, _, after, _ in edits:
        pieces.append(text[last:s])
        pieces.append(after)
        last = e
    pieces.append(text[last:])
    return TextFix("".join(pieces), tuple(merge_close(text, edits)))


def apply_text_fixer(
    doc: Document,
    name: str,
    fixer: TextFixer,
    *,
    heads: bool = True,
    furniture: bool = True,
    block_filter: Callable[[Block], bool] | None = None,
    flagger: Flagger | None = None,
    trigger: re.Pattern[str] | regex.Pattern[str] | str | None = None,
    given: Mapping[int, TextFix | str] | None = None,
    given_reason: str = "",
    flag_trigger: re.Pattern[str] | regex.Pattern[str] | str | None = None,
    only: set[int] | None = None,
    flag_only: set[int] | None = None,
    logged: Iterable[Change] | None = None,
) -> Document:
    """Run ``fixer`` over every text node of ``doc`` and log its edits under ``name``.

    ``heads`` and ``furniture`` choose whether headline fields and furniture
    are fixed too; ``block_filter`` limits the blocks fixed. ``flagger``, if
    given, is run over each fixed block and headline text and returns
    ``(kind, note, start, end)`` tuples; they become flags on the block (or
    on the article, for a headline field). ``trigger``, if given, is a
    pattern (or a literal string, see :func:`nodes_matching`) that every text the fixer (or flagger) could act on contains:
    one scan of the whole document picks those texts, and only they are
    passed to the fixer; ``only``, if given, is that set of node indices
    (in the order of the nodes visited) found by the caller, and
    ``flag_only`` the further nodes to flag only. ``given`` maps
    node indices to fixes computed elsewhere (a :class:`TextFix`, or a new
    text); those nodes skip the fixer (a plain text is logged as one edit with ``given_reason``, unless
    the caller logged its changes already and passes them as ``logged``).
    ``flag_trigger`` picks further texts for the flagger only. With
    ``flag_only``, the flagger runs only on the nodes fixed by the fixer and
    those of ``flag_only``.
    Nodes left unchanged are kept as they are (no copy).
    """
    changes: list[Change] = list(logged or ())
    quiet = logged is not None
    to_fix: set[int] | None = only
    selected: set[int] | None = None
    if only is not None:
        selected = set(only)
        selected.update(given or ())
        selected.update(flag_only or ())
    elif trigger is not None:
        if block_filter is None:
            texts = node_texts(doc, heads=heads, furniture=furniture)
        else:
            texts = []
            for article in doc.articles:
                texts.extend(b.text for b in article.blocks if block_filter(b))
                if heads:
                    texts.extend(v for v in article.head().values() if v)
            if furniture:
                texts.extend(f.text for f in doc.furniture)
        joined = "\n".join(texts)
        starts = node_starts(texts)
        to_fix = nodes_matching(texts, trigger, joined, starts)
        selected = set(to_fix)
        selected.update(given or ())
        if flagger is not None and flag_trigger is not None:
            selected |= nodes_matching(texts, flag_trigger, joined, starts)
    if selected is not None and not selected:
        return doc
    given = given or {}

    def fix(k: int, text: str, spans: Iterable[Span]) -> str:
        if k in given:
            g = given[k]
            if not isinstance(g, TextFix):
                if quiet:
                    return g
                g = window_edit(text, g, given_reason)
            result = g
        elif to_fix is None or k in to_fix:
            result = fixer(text)
        else:
            return text
        if result.edits:
            changes.extend(edits_to_changes(name, result.edits, spans, len(text)))
        return result.text

    def flags_wanted(k: int) -> bool:
        if flagger is None:
            return False
        return flag_only is None or k in flag_only or (to_fix is not None and k in to_fix)

    def flags_for(k: int, text: str, spans: tuple[Span, ...]) -> list[Flag]:
        if not flags_wanted(k):
            return []
        return [Flag(kind, note, _node_span(spans, s, e)) for kind, note, s, e in flagger(text)]

    chosen = sorted(selected) if selected is not None else None
    # texts given and logged by the caller that are not to be flagged: set in place, nothing else to do
    plain = {k: g for k, g in given.items() if not isinstance(g, TextFix) and not flags_wanted(k)} if quiet else {}
    articles = []
    touched = False
    k = -1
    for article in doc.articles:
        blocks = None
        kept = range(len(article.blocks))
        if block_filter is not None:
            kept = [j for j, b in enumerate(article.blocks) if block_filter(b)]
        for i, node in _chosen(k + 1, len(kept), chosen):
            j = kept[i]
            b = article.blocks[j]
            if node in plain:
                if plain[node] != b.text:
                    if blocks is None:
                        blocks = list(article.blocks)
                    blocks[j] = _with_text(b, plain[node], b.flags)
                continue
            text = fix(node, b.text, b.spans)
            new_flags = flags_for(node, text, b.spans)
            flags = _add_flags(b.flags, new_flags) if new_flags else b.flags
            if text != b.text or flags != b.flags:
                if blocks is None:
                    blocks = list(article.blocks)
                blocks[j] = _with_text(b, text, flags)
        k += len(kept)
        head = {}
        art_flags: list[Flag] = []
        if heads:
            for field, value in article.head().items():
                if value:
                    k += 1
                    if selected is not None and k not in selected:
                        continue
                    spans = tuple(article.field_spans.get(field, ()))
                    new = fix(k, value, spans)
                    art_flags.extend(flags_for(k, new, spans))
                    if new != value:
                        head[field] = new
        new_art_flags = _add_flags(article.flags, art_flags) if art_flags else article.flags
        if blocks is not None or head or new_art_flags != article.flags:
            article = replace(
                article, blocks=tuple(blocks) if blocks is not None else article.blocks, flags=new_art_flags, **head
            )
            touched = True
        articles.append(article)
    furn = doc.furniture
    if furniture:
        new_furn = None
        for j, node in _chosen(k + 1, len(doc.furniture), chosen):
            f = doc.furniture[j]
            text = fix(node, f.text, f.spans)
            if text != f.text:
                if new_furn is None:
                    new_furn = list(doc.furniture)
                new_furn[j] = copy_with(f, text=text)
        if new_furn is not None:
            furn = tuple(new_furn)
            touched = True
    if not changes and not touched:
        return doc
    return replace(doc, articles=tuple(articles), furniture=furn).with_changes(changes)


def _chosen(first: int, count: int, chosen: list[int] | None) -> Iterable[tuple[int, int]]:
    """``(i, first + i)`` for the ``count`` nodes numbered from ``first`` that are in ``chosen`` (sorted; None: all).

    Found by bisection: a cleaner that acts on a few texts of a long
    document does not walk through all the others.
    """
    if chosen is None:
        return enumerate(range(first, first + count))
    lo = bisect_left(chosen, first)
    hi = bisect_left(chosen, first + count, lo)
    return [(node - first, node) for node in chosen[lo:hi]]


def node_texts(doc: Document, *, heads: bool = True, furniture: bool = True) -> list[str]:
    """The texts :func:`apply_text_fixer` visits, in its order (blocks, then headline fields, per article; furniture last)."""
    texts: list[str] = []
    for article in doc.articles:
        texts.extend(map(_TEXT, article.blocks))
        if heads:
            texts.extend(v for v in article.head().values() if v)
    if furniture:
        texts.extend(map(_TEXT, doc.furniture))
    return texts


_TEXT = attrgetter("text")  # (mapped in C over tens of thousands of blocks)


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
    while lo + step <= limit and a[lo : lo + step] == b[lo : lo + step]:
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
    while lo + step <= limit and a[na - lo - step : na - lo] == b[nb - lo - step : nb - lo]:
        lo += step
        step *= 2
    hi = min(limit, lo + step)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[na - mid : na - lo] == b[nb - mid : nb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


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
    return TextFix(new, (Edit(start, n - end, text[start : n - end], new[start : m - end], reason),))


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
        pieces.append(text[last : e.start])
        pieces.append(e.after)
        kept.append(e)
        last = e.end
    pieces.append(text[last:])
    return TextFix("".join(pieces), tuple(kept))


__all__ = [
    "repeat_fix",
    "until_stable",
    "Edit",
    "Flagger",
    "MERGE_GAP",
    "TextFix",
    "TextFixer",
    "all_texts",
    "apply_edits",
    "apply_text_fixer",
    "chain",
    "compose",
    "edits_by_node",
    "edits_to_changes",
    "fix_from_edits",
    "log_joined_edits",
    "merge_close",
    "node_spans",
    "node_starts",
    "node_texts",
    "nodes_matching",
    "pauses_gc",
    "rewrite_joined",
    "sub_explained",
    "unchanged",
    "window_edit",
]
