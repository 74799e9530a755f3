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
from typing import Any, Iterator, Mapping

from newsclean.cleaners.base import (
    MAX_EDITS_LOGGED,
    Edit,
    TextFix,
    nodes_matching,
    all_texts,
    apply_edits,
    apply_text_fixer,
    coalesce,
    node_texts,
    rewrite_joined,
    window_edit,
)
from newsclean.cleaners.chars import CJK, HAN, SPACE, is_cjk, is_han
from newsclean.model import Document
from newsclean.registry import cleaner

_TRIGGER = re.compile(r"[,:;?!()\"'•・‧∙―－⋯]|\.\.\.|。。。|--|(?<!…)…(?!…)|…{3,}")
_QUOTE_CHARS = re.compile("[“”‘’「」『』\"']")
_MARK_RUN = re.compile(r"[,:;?!]+")
# The same decision as _mark_edits, made by the regex engine: a mark run whose
# nearest non-space neighbour (across at most one space) is Chinese.
_MARK_FAST = re.compile(f"(?<=[{CJK}])[,:;?!]+|(?<=[{CJK}][{SPACE}])[,:;?!]+|[,:;?!]+(?=[{SPACE}]?[{CJK}])")
_SLOW = re.compile(r"[()\"'•・‧∙―－⋯…@]|\.\.\.|。。。|--|://|www\.")
_MARKS = str.maketrans(",:;?!", "，：；？！")
_PARENS = re.compile(r"[()（）]")
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|…+|⋯+")
_DASH = re.compile(r"-{2,}|―{1,2}|－{2,}")
_DOT = re.compile(f"(?<=[{HAN}])[•・‧∙](?=[{HAN}])")
_HAN_RE = re.compile(f"[{HAN}]")
_PROTECTED = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+=%]*[A-Za-z0-9/]"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
)
_SUMMARY = "punctuation in Chinese text made full-width, quotes curled, ellipsis/dash/dot forms"
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))


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
    return any(s <= pos < e for s, e in ranges)


def _translate(m: re.Match[str]) -> str:
    return m.group(0).translate(_MARKS)


def _marks_to_fixed_point(text: str) -> str:
    # A converted mark can be the Chinese neighbour of the next one (`中, ,a`).
    for _ in range(3):
        new = _MARK_FAST.sub(_translate, text)
        if new == text:
            break
        text = new
        if not _MARK_FAST.search(text):
            break
    return text


def _fast_mark_edits(text: str) -> list[Edit]:
    return [
        Edit(m.start(), m.end(), m.group(0), m.group(0).translate(_MARKS), "ASCII punctuation in Chinese text made full-width")
        for m in _MARK_FAST.finditer(text)
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
            s, e = i, i + 1
            while s > 0 and text[s - 1] in "()（）":
                s -= 1
            while e < len(text) and text[e] in "()（）":
                e += 1
            chinese = _chinese_context(text, s, e)
        if chinese:
            for i in ascii_members:
                yield Edit(i, i + 1, text[i], "（" if text[i] == "(" else "）", "ASCII parenthesis in Chinese text made full-width")


def _quote_edits(text: str, char: str, opening: str, closing: str) -> Iterator[Edit]:
    if char == "'":
        # An apostrophe inside a Latin word (don't, Children's) is not a quote.
        positions = [
            i for i in _positions(text, char)
            if not (0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha() and text[i + 1].isascii() and text[i + 1].isalpha())
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


def _form_edits(text: str) -> Iterator[Edit]:
    for m in _ELLIPSIS.finditer(text):
        run = m.group(0)
        if run == "……":
            continue
        if _chinese_context(text, m.start(), m.end()):
            yield Edit(m.start(), m.end(), run, "……", "ellipsis in Chinese text is two U+2026")
    for m in _DASH.finditer(text):
        if _chinese_context(text, m.start(), m.end()):
            yield Edit(m.start(), m.end(), m.group(0), "——", "dash in Chinese text is two U+2014")
    for m in _DOT.finditer(text):
        yield Edit(m.start(), m.end(), m.group(0), "·", "interpunct between Chinese words is U+00B7")


def fix_punctuation(text: str, *, traditional: bool = False) -> TextFix:
    """Full-width punctuation, curled quotes, ellipsis, dashes and interpuncts in Chinese text.

    ``traditional`` curls ASCII double quotes into 「」 instead of “”
    (also chosen when the text already uses 「」).

    >>> fix_punctuation('血压 90/60,心率 120!坚持"外防输人、内防反弹",见www.a.cn,中国•冠县').text
    '血压 90/60，心率 120！坚持“外防输人、内防反弹”，见www.a.cn，中国·冠县'
    >>> fix_punctuation('感谢。 (通讯员 段新歌)').text
    '感谢。 （通讯员 段新歌）'
    >>> fix_punctuation("「我們」說:'好'").text
    '「我們」說：『好』'
    """
    first = _fix_once(text, traditional)
    if not first.edits or not _TRIGGER.search(first.text):
        return first
    # A repair can give a neighbour its Chinese context (`当,(` → `当，（`):
    # repeat until nothing changes, so the cleaner is idempotent.
    current = first
    for _ in range(3):
        again = _fix_once(current.text, traditional)
        if not again.edits:
            break
        current = again
    if current is first:
        return first
    return window_edit(text, current.text, _SUMMARY)


def _fix_once(text: str, traditional: bool) -> TextFix:
    if not _TRIGGER.search(text):
        return TextFix(text, ())
    if not _SLOW.search(text):
        # Only marks to judge: the regex engine does it in one pass.
        new, count = _MARK_FAST.subn(lambda m: m.group(0).translate(_MARKS), text)
        if count > MAX_EDITS_LOGGED:
            return coalesce(text, new, [None] * count, _SUMMARY)  # type: ignore[list-item]
        return coalesce(text, new, _fast_mark_edits(text), _SUMMARY)
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
    context = apply_edits(text, edits).text if edits else text
    if not guard:
        marked, count = _MARK_FAST.subn(lambda m: m.group(0).translate(_MARKS), context)
        if len(edits) + count > MAX_EDITS_LOGGED:
            forms = list(_form_edits(marked))
            final = apply_edits(marked, forms).text if forms else marked
            return coalesce(text, final, [None] * (len(edits) + count + len(forms)), _SUMMARY)  # type: ignore[list-item]
    edits.extend(e for e in _fast_mark_edits(context) if not (guard and _inside(e.start, guard)))
    edits.extend(_form_edits(context))
    if guard:
        edits = [e for e in edits if not _inside(e.start, guard)]
    fixed = apply_edits(text, edits)
    return coalesce(text, fixed.text, fixed.edits, _SUMMARY)


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
            flags.append(("unpaired_quote", f"unbalanced {opening}{closing} quotes ({n_open} opening, {n_close} closing)", pos, pos + 1))
    for char in ('"', "'"):
        if char in text:
            count = text.count(char)
            if count % 2 and (char == '"' or _HAN_RE.search(text)):
                pos = text.find(char)
                flags.append(("unpaired_quote", f"odd number of ASCII {char} quotes ({count}); left uncurled", pos, pos + 1))
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


@cleaner("punctuation", family="stray characters")
def punctuation(doc: Document, options: Mapping[str, Any]) -> Document:
    """Full-width punctuation in Chinese text; quotes paired and curled; ellipsis, dash and · forms."""
    text = all_texts(doc)
    traditional = doc.lang.lower().startswith(("zh-hant", "zh-tw", "zh-hk"))
    has_quotes = any(q in text for pair in _QUOTE_PAIRS for q in pair) or '"' in text or "'" in text
    if not has_quotes and not _TRIGGER.search(text):
        return doc

    def flagger(node: str) -> list[tuple[str, str, int, int]]:
        if not any(q in node for q in '“”‘’「」『』"\''):
            return []
        return unpaired_quotes(node)

    # Texts with only marks to judge are done in one regex pass over the
    # whole document; the others (quotes, parentheses, forms, URLs) one by one.
    texts = node_texts(doc)
    slow = nodes_matching(texts, _SLOW)
    fast = rewrite_joined(texts, _marks_to_fixed_point, skip=slow)
    return apply_text_fixer(
        doc,
        "punctuation",
        lambda t: fix_punctuation(t, traditional=traditional),
        flagger=flagger,
        trigger=_SLOW,
        flag_trigger=_QUOTE_CHARS,
        given=fast,
        given_reason="ASCII punctuation in Chinese text made full-width",
    )


__all__ = ["fix_punctuation", "punctuation", "unpaired_quotes"]
