"""Punctuation in Chinese text: full-width marks, curly quotes, ellipsis, dashes, interpunct.

GB/T 15834 sets full-width punctuation inside Chinese text (SPEC 2.1); ASCII
stays inside Latin, number and code runs (``90/60``, ``1+1>2``, ``6.5mm``,
``www.smzsxyy.cn``). A mark is judged by its nearest non-space neighbours:
it is made full-width when one of them is Chinese (a Han character or a
full-width mark). All edits of one text are computed on the original string
and applied in one pass, so each logged edit has its exact position.

Quotes are paired, never guessed: an even number of ASCII ``"`` in a text is
curled pairwise (“…”, or 「…」 in Traditional text that already uses 「」); an
odd number is left as it is and the text is flagged ``unpaired_quote``, as is
any text whose curly quotes do not balance.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import Any

from newsclean.cleaners.base import (
    Edit,
    TextFix,
    apply_edits,
    apply_text_fixer,
    log_joined_edits,
    merge_close,
    node_spans,
    node_starts,
    node_texts,
    nodes_matching,
    pauses_gc,
    repeat_fix,
)
from newsclean.cleaners.chars import CJK, HAN, SPACE, is_cjk
from newsclean.model import Document
from newsclean.registry import cleaner

_TRIGGER = re.compile(r"[,:;?!()\"'•・‧∙―－⋯]|\.\.\.|。。。|--|(?<!…)…(?!…)|…{3,}")
_QUOTE_CHARS = re.compile("[“”‘’「」『』\"']")
_M = ",:;?!"
# A cluster of ASCII marks (runs of them one space apart: `, ,`) whose nearest
# non-space neighbour (across at most one space) on either side is Chinese.
# A converted mark is itself Chinese punctuation, so the repair spreads
# through the whole cluster: judging the cluster at once gives the fixed
# point in one pass. The pattern starts with the mark class, so the regex
# engine skips the rest of the text in C.
_MARK_CLUSTER = re.compile(
    f"[{_M}](?<![{_M}][{_M}])(?<![{_M}][{SPACE}][{_M}])"
    f"(?:(?<=[{CJK}][{_M}])|(?<=[{CJK}][{SPACE}][{_M}])|(?=[{_M}]*(?:[{SPACE}][{_M}]+)*[{SPACE}]?[{CJK}]))"
    f"[{_M}]*(?:[{SPACE}][{_M}]+)*"
)
_MARK_CLUSTERS_KEPT = re.compile(f"({_MARK_CLUSTER.pattern})")  # splits a text with the clusters kept
_SLOW = re.compile(r"[()\"'•・‧∙―－⋯…@]|\.\.\.|。。。|--|://|www\.")
# (led by one class, so the regex engine skips through the text in C; an
# alternation of differently led patterns is tried at every position)
_SLOW_BUT_PARENS = re.compile(
    r"['•・‧∙―－⋯@.。\-:w](?:(?<=['•・‧∙―－⋯@])|(?<=\.)\.\.|(?<=。)。。|(?<=-)-|(?<=:)//|(?<=w)ww\.)"
)
_ONE_FOR_ONE = re.compile(r"[()\"]")  # parentheses and ASCII double quotes: replaced one character for one
# A correct ellipsis (……) needs nothing: a run of … of another length sends a text the slow way.
# (A scan of its own: a pattern led by one literal is skipped through in C.)
_BAD_ELLIPSIS = re.compile("…(?<!……)(?:(?!…)|……)")
_ASCII_PAREN = re.compile("[()]")
_MARKS = str.maketrans(_M, "，：；？！")
_MARK_REASON = "ASCII punctuation in Chinese text made full-width"
_PARENS = re.compile(r"[()（）]")
_PAREN_RUN = re.compile(r"[()（）]+")
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|…+|⋯+")
_DASH = re.compile(r"-{2,}|―{1,2}|－{2,}")
_DOT = re.compile(f"(?<=[{HAN}])[•・‧∙](?=[{HAN}])")
_HAN_RE = re.compile(f"[{HAN}]")
_PROTECTED = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+=%]*[A-Za-z0-9/]"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
)
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))
NEAR = 3  # a repair this close to a mark left as it is can change that mark's context


def _left(text: str, i: int) -> str:
    """The nearest character before index ``i`` across at most one space, or ''."""
    if i > 0 and text[i - 1] in SPACE:
        i -= 1
    return text[i - 1] if i > 0 and text[i - 1] not in SPACE else ""


def _right(text: str, i: int) -> str:
    """The nearest character at or after index ``i`` across at most one space, or ''."""
    n = len(text)
    if i < n and text[i] in SPACE:
        i += 1
    return text[i] if i < n and text[i] not in SPACE else ""


def _chinese_context(text: str, start: int, end: int) -> bool:
    left, right = _left(text, start), _right(text, end)
    return bool(left and is_cjk(left)) or bool(right and is_cjk(right))


def _protected(text: str) -> list[tuple[int, int]]:
    if "www." not in text and "://" not in text and "@" not in text:
        return []
    return [m.span() for m in _PROTECTED.finditer(text)]


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """True if ``pos`` lies in one of ``ranges`` (sorted and disjoint: the matches of one scan)."""
    k = bisect_right(ranges, (pos, 1 << 62)) - 1
    return k >= 0 and pos < ranges[k][1]


def _mark_edits(text: str) -> list[Edit]:
    """Edits making the ASCII marks in Chinese context full-width (one per cluster of them)."""
    return [
        Edit(m.start(), m.end(), m.group(0), m.group(0).translate(_MARKS), _MARK_REASON)
        for m in _MARK_CLUSTER.finditer(text)
    ]


def _paren_edits(text: str) -> Iterator[Edit]:
    stack: list[int] = []
    pairs: list[tuple[int | None, int | None]] = []
    for m in _PARENS.finditer(text):
        i = m.start()
        if text[i] in "(（":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
        else:
            pairs.append((None, i))
    pairs.extend((o, None) for o in stack)
    runs: list[tuple[int, int]] = []  # the runs of parentheses, found once an unmatched one needs them
    for o, c in pairs:
        ascii_members = [i for i in (o, c) if i is not None and text[i] in "()"]
        if not ascii_members:
            continue
        if o is not None and c is not None:
            chinese = (
                text[o] == "（"
                or text[c] == "）"
                or _HAN_RE.search(text, o + 1, c) is not None
                or is_cjk(_left(text, o) or "a")
                or is_cjk(_right(text, c + 1) or "a")
            )
        else:
            # An unmatched parenthesis is judged by the nearest character that
            # is not a parenthesis, so a run of them is judged as one.
            i = o if o is not None else c
            runs = runs or [m.span() for m in _PAREN_RUN.finditer(text)]
            s, e = runs[bisect_right(runs, (i, 1 << 62)) - 1]
            chinese = _chinese_context(text, s, e)
        if chinese:
            for i in ascii_members:
                yield Edit(
                    i,
                    i + 1,
                    text[i],
                    "（" if text[i] == "(" else "）",
                    "ASCII parenthesis in Chinese text made full-width",
                )


def _quote_edits(text: str, char: str, opening: str, closing: str) -> Iterator[Edit]:
    if char == "'":
        # An apostrophe inside a Latin word (don't, Children's) is not a quote.
        positions = [
            i
            for i in _positions(text, char)
            if not (
                0 < i < len(text) - 1
                and text[i - 1].isascii()
                and text[i - 1].isalpha()
                and text[i + 1].isascii()
                and text[i + 1].isalpha()
            )
        ]
    else:
        positions = list(_positions(text, char))
    if not positions or len(positions) % 2:
        return  # an odd count is flagged, not guessed
    for k in range(0, len(positions), 2):
        o, c = positions[k], positions[k + 1]
        content_han = _HAN_RE.search(text, o + 1, c) is not None
        if content_han or (char == '"' and _chinese_context(text, o, c + 1)):
            yield Edit(o, o + 1, char, opening, "ASCII quote curled (opening)")
            yield Edit(c, c + 1, char, closing, "ASCII quote curled (closing)")


def _positions(text: str, char: str) -> Iterator[int]:
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)


_ELLIPSIS_HINT = re.compile(r"\.\.\.|。。。|…|⋯")
_DASH_HINT = re.compile("--|―|－－")


def _form_edits(text: str) -> Iterator[Edit]:
    if _ELLIPSIS_HINT.search(text):
        for m in _ELLIPSIS.finditer(text):
            run = m.group(0)
            if run == "……":
                continue
            if _chinese_context(text, m.start(), m.end()):
                yield Edit(m.start(), m.end(), run, "……", "ellipsis in Chinese text is two U+2026")
    if _DASH_HINT.search(text):
        for m in _DASH.finditer(text):
            if _chinese_context(text, m.start(), m.end()):
                yield Edit(m.start(), m.end(), m.group(0), "——", "dash in Chinese text is two U+2014")
    if "•" in text or "・" in text or "‧" in text or "∙" in text:
        for m in _DOT.finditer(text):
            yield Edit(m.start(), m.end(), m.group(0), "·", "interpunct between Chinese words is U+00B7")


def fix_punctuation(text: str, *, traditional: bool = False) -> TextFix:
    """Full-width punctuation, curled quotes, ellipsis, dashes and interpuncts in Chinese text.

    ``traditional`` curls ASCII double quotes into 「」 instead of “”
    (also chosen when the text already uses 「」). Each repair is an edit
    of ``text`` with its reason (repairs one character apart are one edit).

    >>> fix_punctuation('血压 90/60,心率 120!坚持"外防输人、内防反弹",见www.a.cn,中国•冠县').text
    '血压 90/60，心率 120！坚持“外防输人、内防反弹”，见www.a.cn，中国·冠县'
    >>> fix_punctuation('感谢。 (通讯员 段新歌)').text
    '感谢。 （通讯员 段新歌）'
    >>> fix_punctuation("「我們」說:'好'").text
    '「我們」說：『好』'
    >>> [(e.start, e.before, e.after) for e in fix_punctuation("好,是的:对").edits]
    [(1, ',', '，'), (4, ':', '：')]
    """
    # A repair can give a neighbour its Chinese context (`当,(` → `当，（`):
    # repeat while a mark left as it is stands near a repair, so the cleaner
    # is idempotent.
    current = repeat_fix(
        text,
        lambda t: _fix_once(t, traditional),
        _MAX_PASSES + 1,
        needs_another=lambda fix: bool(fix.edits) and _needs_another_pass(fix),
    )
    if not current.edits:
        return current
    return TextFix(current.text, tuple(merge_close(text, current.edits)))


_PAIRED_ASCII = re.compile(r'[()"]')


_MAX_PASSES = 16  # each pass repairs what the one before gave a context: a chain of them takes one pass a link


def _needs_another_pass(fix: TextFix) -> bool:
    """True if a mark left as it is stands within :data:`NEAR` of a repair (in the repaired text), or an
    ASCII parenthesis or double quote is left anywhere in it (they pair up across the whole text)."""
    if fix.edits and _PAIRED_ASCII.search(fix.text):
        return True
    left = [m.span() for m in _TRIGGER.finditer(fix.text)]
    if not left:
        return False
    # the marks left are disjoint and in order, so their ends are sorted: the first
    # one ending after a repair's reach is the only one that may start before its end
    ends = [p1 for _, p1 in left]
    shift = 0
    for e in fix.edits:
        s = e.start + shift
        t = s + len(e.after)
        shift += len(e.after) - (e.end - e.start)
        j = bisect_right(ends, s - NEAR)
        if j < len(left) and left[j][0] < t + NEAR:
            return True
    return False


def _fix_once(text: str, traditional: bool) -> TextFix:
    if not _SLOW.search(text):
        # Only marks to judge: the regex engine does it in one pass.
        return (
            TextFix(text, ())
            if ("," not in text and not _MARK_CLUSTER.search(text))
            else apply_edits(text, _mark_edits(text))
        )
    guard = _protected(text)
    trad = traditional or "「" in text
    edits: list[Edit] = []
    if "(" in text or ")" in text:
        edits.extend(_paren_edits(text))
    if '"' in text:
        edits.extend(_quote_edits(text, '"', "「" if trad else "“", "」" if trad else "”"))
    if "'" in text:
        edits.extend(_quote_edits(text, "'", "『" if trad else "‘", "』" if trad else "’"))
    # Parentheses and quotes are replaced one character for one, so the marks
    # next to them can be judged on the text with them already full-width
    # (`"好","坏"`) and every position still refers to the original text.
    if edits:
        chars = list(text)
        for e in edits:
            chars[e.start] = e.after
        context = "".join(chars)
    else:
        context = text
    edits.extend(_mark_edits(context))
    edits.extend(_form_edits(context))
    if guard:
        edits = [e for e in edits if not _inside(e.start, guard)]
    return apply_edits(text, edits)


def unpaired_quotes(text: str) -> list[tuple[str, str, int, int]]:
    """Flags for quotes that do not pair up in ``text``: ``(kind, note, start, end)``.

    >>> unpaired_quotes('他说：“好，“第一关口”。')[0][:2]
    ('unpaired_quote', 'unbalanced “” quotes (2 opening, 1 closing)')
    >>> unpaired_quotes('“好”')
    []
    """
    flags = []
    for opening, closing in _QUOTE_PAIRS:
        if opening not in text and closing not in text:
            continue
        n_open, n_close = text.count(opening), text.count(closing)
        if n_open != n_close:
            pos = _first_unmatched(text, opening, closing)
            flags.append(
                (
                    "unpaired_quote",
                    f"unbalanced {opening}{closing} quotes ({n_open} opening, {n_close} closing)",
                    pos,
                    pos + 1,
                )
            )
    for char in ('"', "'"):
        if char in text:
            count = text.count(char)
            if count % 2 and (char == '"' or _HAN_RE.search(text)):
                pos = text.find(char)
                flags.append(
                    ("unpaired_quote", f"odd number of ASCII {char} quotes ({count}); left uncurled", pos, pos + 1)
                )
    return flags


def _first_unmatched(text: str, opening: str, closing: str) -> int:
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == opening:
            stack.append(i)
        elif ch == closing:
            if not stack:
                return i
            stack.pop()
    return stack[0] if stack else 0


_PAIR_PATTERNS = tuple(re.compile(f"[{o}{c}]") for o, c in _QUOTE_PAIRS)


_ALL_PAIRS = "".join(o + c for o, c in _QUOTE_PAIRS)
_QUOTE_OR_NEWLINE = re.compile(f"[{_ALL_PAIRS}\n]")


def _unbalanced_nodes(joined: str, starts: list[int]) -> set[int]:
    """Nodes whose curly quotes do not balance, from one pass over the document.

    Only the quotes and the separators are kept (picked out in C: twice as
    fast as deleting everything else), so each node's quotes are counted on
    a string of a few characters; the same few strings (``“”``,
    ``“”“”``…) recur all over a document, so each distinct one is judged once.
    """
    out: set[int] = set()
    pairs = [(o, c) for o, c in _QUOTE_PAIRS if o in joined or c in joined]
    if not pairs:
        return out
    parts = "".join(_QUOTE_OR_NEWLINE.findall(joined)).split("\n")
    if len(parts) != len(starts):
        # a node holding a newline: fall back to locating each quote
        pattern = re.compile(f"[{_ALL_PAIRS}]")
        balance: dict[tuple[int, str], int] = {}
        for m in pattern.finditer(joined):
            ch = m.group(0)
            k = bisect_right(starts, m.start()) - 1
            for o, c in _QUOTE_PAIRS:
                if ch == o or ch == c:
                    balance[k, o] = balance.get((k, o), 0) + (1 if ch == o else -1)
        return {k for (k, _), v in balance.items() if v}
    unbalanced = {part for part in set(parts) if any(part.count(o) != part.count(c) for o, c in pairs)}
    return set(compress(range(len(parts)), map(unbalanced.__contains__, parts))) if unbalanced else out


class _Translated(dict):
    """A cluster of ASCII marks -> its full-width form, translated once per distinct cluster."""

    def __missing__(self, run: str) -> str:
        after = self[run] = run.translate(_MARKS)
        return after


def _mark_repairs(text: str) -> tuple[list[tuple[int, int, str, str]], str]:
    """The mark clusters of ``text`` as edits ``(start, end, after, reason)``, and ``text`` with them all repaired.

    One split at the clusters (in C) gives each cluster and where it ends;
    joined again with the clusters made full-width, the repaired text.

    >>> _mark_repairs("好,是的 :对")
    ([(1, 2, '，', 'ASCII punctuation in Chinese text made full-width'), (5, 6, '：', 'ASCII punctuation in Chinese text made full-width')], '好，是的 ：对')
    """
    parts = _MARK_CLUSTERS_KEPT.split(text)
    ends = list(accumulate(map(len, parts)))
    parts[1::2] = map(_Translated().__getitem__, parts[1::2])
    return list(zip(ends[0::2], ends[1::2], parts[1::2], repeat(_MARK_REASON))), "".join(parts)


@cleaner("punctuation", family="stray characters")
@pauses_gc
def punctuation(doc: Document, options: Mapping[str, Any]) -> Document:
    """Full-width punctuation in Chinese text; quotes paired and curled; ellipsis, dash and · forms."""
    texts = node_texts(doc)
    joined = "\n".join(texts)
    traditional = doc.lang.lower().startswith(("zh-hant", "zh-tw", "zh-hk"))
    quotes = _QUOTE_CHARS.search(joined) is not None
    if not quotes and not _TRIGGER.search(joined):
        return doc
    # Texts with only marks to judge are done by one regex pass over the
    # whole document, and edited and logged only at its matches; the others
    # (quotes, parentheses, forms, URLs) one by one. The marks make no
    # quotes, so only those texts and the ones whose curly quotes are
    # unbalanced need the quote flagger.
    starts = node_starts(texts)
    slow = nodes_matching(texts, _SLOW_BUT_PARENS, joined, starts)
    if "…" in joined:
        slow |= nodes_matching(texts, _BAD_ELLIPSIS, joined, starts)
    # Parentheses are judged text by text (they pair up), but replaced one
    # character for one: the marks are then judged on the whole document
    # with its parentheses already full-width, as the slow path does.
    # ASCII double quotes likewise: they pair up within a text (the pairs
    # are curled as the slow path's first pass curls them, on the original text).
    parens: list[tuple[int, int, str, str]] = []
    paren_nodes = set().union(*(nodes_matching(texts, c, joined, starts) for c in '()"')) - slow
    for k in sorted(paren_nodes):
        base = starts[k]
        text = texts[k]
        edits = list(_paren_edits(text)) if "(" in text or ")" in text else []
        if '"' in text:
            trad = traditional or "「" in text
            edits.extend(_quote_edits(text, '"', "「" if trad else "“", "」" if trad else "”"))
        edits.sort(key=itemgetter(0))  # (pairs are found inside out: the context below is built left to right)
        parens.extend((base + e.start, base + e.end, e.after, e.reason) for e in edits)
    context = joined
    if parens:
        pieces, last = [], 0
        for p0, p1, after, _ in parens:
            pieces.append(joined[last:p0])
            pieces.append(after)
            last = p1
        pieces.append(joined[last:])
        context = "".join(pieces)
    found, repaired = _mark_repairs(context)
    if parens:
        found.extend(parens)
        found.sort(key=itemgetter(0))  # two sorted runs: merged in linear time
    if paren_nodes:
        # A parenthesis or ASCII quote left as it is in a text with a repair may be judged otherwise on
        # the repaired text (they pair up across the text): such texts go the slow way (passes to a
        # fixed point). (Marks and parentheses are replaced one character for one, so the offsets of
        # ``context`` are those of ``joined``.)
        edit_starts = list(map(itemgetter(0), found))
        for k in sorted(paren_nodes):
            begin, end = starts[k], starts[k] + len(texts[k])
            if bisect_left(edit_starts, begin) < bisect_left(edit_starts, end) and _ONE_FOR_ONE.search(
                context, begin, end
            ):
                slow.add(k)
    touched, logged = log_joined_edits("punctuation", texts, node_spans(doc), starts, found, skip=slow)
    # every repair of the fast path replaces one character by one: a text keeps its place in ``repaired``
    # (split at the separators in C, unless a text holds a newline)
    parts = repaired.split("\n")
    if len(parts) == len(texts):
        fast = {k: parts[k] for k in touched}
    else:
        fast = {k: repaired[starts[k] : starts[k] + len(texts[k])] for k in touched}
    return apply_text_fixer(
        doc,
        "punctuation",
        lambda t: fix_punctuation(t, traditional=traditional),
        flagger=unpaired_quotes if quotes else None,
        only=slow,
        # (a text with ASCII double quotes done the fast way is flagged if their count is odd)
        flag_only=(_unbalanced_nodes(joined, starts) | paren_nodes) if quotes else set(),
        given=fast,
        logged=logged,
    )


__all__ = ["fix_punctuation", "punctuation", "unpaired_quotes"]
