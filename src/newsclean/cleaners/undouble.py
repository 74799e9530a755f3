"""Fake-bold doubling: a line whose runs are each extracted twice comes out once.

Some PDFs fake bold type by printing every text run twice at a small offset;
extraction then reads each run twice, back to back:
``聊城市卫生健康系统聊城市卫生健康系统““小切口小切口、、``. A text is undoubled
only when the *whole* of it (or of its first word group, where a dump glued
the line beside it on after a space) splits into runs that are each
immediately repeated, with a run of three or more characters or six runs or
more (doubled glyph by glyph: ``5588分分钟钟``), and the result is at least
four characters long. Genuine reduplication in running text (天天, 常常,
研究研究, 人人, 高高兴兴) never makes a whole line of that shape, so it is
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsclean.cleaners.base import Edit, TextFix, apply_text_fixer, node_texts, nodes_matching, pauses_gc
from newsclean.model import Document
from newsclean.registry import cleaner

# Bold runs are headline material: longer texts are not examined (and the
# search below stays cheap whatever the input).
MAX_LENGTH = 400
MAX_RUN = 60


# Every doubled text starts with a run printed twice: found at the newline
# before each text of the joined document (a literal, which the regex engine
# skips to in C; a pattern led by ``(?m)^`` is tried at every character).
_STARTS_DOUBLED = re.compile(f"\\n(.{{1,{MAX_RUN}}}?)\\1")


def _split_doubled(text: str) -> list[tuple[int, int]] | None:
    """Runs ``(start, length)`` such that text is r1 r1 r2 r2 …, or None.

    Dynamic programming from the end: ``ok[i]`` tells whether ``text[i:]``
    splits into doubled runs; the longest run is preferred at each step.
    """
    n = len(text)
    if n % 2 or n < 4:
        return None
    choice: list[int] = [0] * (n + 1)
    ok = [False] * (n + 1)
    ok[n] = True
    for i in range(n - 2, -1, -1):
        first = text[i]
        for k in range(min(MAX_RUN, (n - i) // 2), 0, -1):
            if text[i + k] == first and ok[i + 2 * k] and text.startswith(text[i : i + k], i + k):
                ok[i] = True
                choice[i] = k
                break
    if not ok[0]:
        return None
    runs = []
    i = 0
    while i < n:
        k = choice[i]
        runs.append((i, k))
        i += 2 * k
    return runs


def _maybe_doubled(text: str) -> bool:
    # Cheap necessary condition: the text starts with a run that is repeated at once.
    n = len(text)
    if n < 8 or n > MAX_LENGTH or n % 2:
        return False
    first = text[0]
    k = text.find(first, 1)
    while 0 < k <= min(MAX_RUN, n // 2):
        if text.startswith(text[:k], k):
            return True
        k = text.find(first, k + 1)
    return False


def undouble_text(text: str) -> TextFix:
    """Undo fake-bold doubling of a whole text, or of its first word group; anything else is returned unchanged.

    >>> undouble_text("聊城市卫生健康系统聊城市卫生健康系统““小切口小切口、、微改革微改革、、大民生大民生””").text
    '聊城市卫生健康系统“小切口、微改革、大民生”'
    >>> undouble_text("天天向上，人人健康，研究研究").text, undouble_text("高高兴兴干干净净").text
    ('天天向上，人人健康，研究研究', '高高兴兴干干净净')
    >>> undouble_text("5588分分钟钟打打通通““生生命命通通道道”” 日”主题活动").text  # doubled glyph by glyph, then another line's end
    '58分钟打通“生命通道” 日”主题活动'
    """
    stripped = text.strip()
    runs = _runs_to_undouble(text) if stripped == text else None
    if runs is None:
        return TextFix(text, ())
    edits = []
    pieces = []
    last = 0
    for start, k in runs:
        pieces.append(text[start : start + k])
        edits.append(Edit(start + k, start + 2 * k, text[start : start + k], "", "fake-bold run extracted twice"))
        last = start + 2 * k
    pieces.append(text[last:])
    undoubled = "".join(pieces)
    if _runs_to_undouble(undoubled) is not None:
        # doubled again once undoubled (a doubled line printed twice): which copies are bold is not certain
        return TextFix(text, ())
    return TextFix(undoubled, tuple(edits))


def _runs_to_undouble(text: str) -> list[tuple[int, int]] | None:
    """The doubled runs of the whole text, or of its first word group, or None."""
    runs = _doubled_runs(text)
    if runs is None:
        # the doubled headline line glued by a space to a line beside it (markitdown): its first word group only
        head = text.split(None, 1)[0] if text else text
        runs = _doubled_runs(head) if len(head) < len(text) else None
    return runs


def _doubled_runs(text: str) -> list[tuple[int, int]] | None:
    """The doubled runs of ``text`` if the whole of it is fake-bold doubling, else None.

    A run of three characters or more, or six runs or more doubled glyph by
    glyph (no Chinese text reduplicates six characters in a row); a text
    that is doubled again once undoubled is left alone (which copies are bold is not certain).
    """
    if not _maybe_doubled(text):
        return None
    runs = _split_doubled(text)
    if not runs or (max(k for _, k in runs) < 3 and len(runs) < _MIN_GLYPH_RUNS):
        return None
    undoubled = "".join(text[start : start + k] for start, k in runs)
    if _split_doubled(undoubled):
        return None
    return runs


_MIN_GLYPH_RUNS = 6


@cleaner("undouble", family="duplicated headings")
@pauses_gc
def undouble(doc: Document, options: Mapping[str, Any]) -> Document:
    """Fake-bold lines whose runs were extracted twice come out once."""
    del options
    texts = node_texts(doc)
    # (a newline before the first text too: a match then starts at the offset of its text in the join)
    doubled = nodes_matching(texts, _STARTS_DOUBLED, "\n" + "\n".join(texts))
    return apply_text_fixer(doc, "undouble", undouble_text, only=doubled)


__all__ = ["undouble", "undouble_text"]
