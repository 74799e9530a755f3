"""What a line carries over to the next one beyond its words: a cut Latin run, a number cut before its unit.

A copy editor re-reading mixed column lines uses more than the words across a
seam. Two cues are typographic and hold for any text:

* a URL, address or number cut at a hyphen, dot or slash at the end of a line
  (``www.renhe-``) goes on in a line that starts with a Latin letter or digit
  (``hosp.org.tw查詢。``), never in one that starts with a Chinese character;
* a number at the end of a line (``7月1日至8月15``, ``今年1—5``) is read with
  the unit or measure word that starts the line it goes on in (``日，该院``,
  ``月医疗质量``): a line starting with a unit goes on after a number.

Each cue is read once per line (:func:`tail_kind`, :func:`head_kind`) and
scored across a seam by :func:`carry_score`.

(An open quote closed on a later line was tried as a cue too: a column whose
first line closes a quote opened outside the run then pulls the wrong column
before it, so it is not used.)
"""

from __future__ import annotations

import regex

_CUT_LATIN = regex.compile(r"[A-Za-z0-9][-./_@]$")
_LATIN_START = regex.compile(r"^[A-Za-z0-9]")
_NUMBER_END = regex.compile(r"[0-9０-９]$")
# units and measure words printed right after a number (Simplified and Traditional)
_UNIT_START = regex.compile(r"^[年月日时時分秒岁歲人次元天个個名家项項万萬亿億%％‰℃周週号號版期届屆倍米克斤升]")

LATIN_GAIN = 3.0  # a Latin run cut at a hyphen going on (or, negated, broken off by a Chinese character)
UNIT_GAIN = 3.0  # a number going on in its unit

LATIN, NUMBER, UNIT = "latin", "number", "unit"


def tail_kind(text: str) -> str:
    """What the end of a line leaves to go on: ``latin`` (a Latin run cut at a hyphen, dot, slash, underscore
    or @), ``number`` (a number without its unit), or ``''``.

    >>> tail_kind("04-2358-7766轉2210，或至本院官網www.renhe-"), tail_kind("据统计，7月1日至8月15")
    ('latin', 'number')
    >>> tail_kind("网址：www.mhjkw.cn"), tail_kind("儿科主任医师孟庆华介绍，学龄前儿童好奇心")
    ('', '')
    """
    t = text.rstrip()
    if _CUT_LATIN.search(t):
        return LATIN
    return NUMBER if _NUMBER_END.search(t) else ""


def head_kind(text: str) -> str:
    """What the start of a line can go on from: ``latin`` (a Latin letter or digit), ``unit`` (a unit or
    measure word), or ``''``.

    >>> head_kind("hosp.org.tw查詢。"), head_kind("日，该院共接诊意外伤害患儿412人次"), head_kind("藥劑部主任")
    ('latin', 'unit', '')
    """
    t = text.lstrip()
    if _LATIN_START.match(t):
        return LATIN
    return UNIT if _UNIT_START.match(t) else ""


def carry_score(tail: str, head: str) -> float:
    """The seam's score from the :func:`tail_kind` of one line and the :func:`head_kind` of the next.

    >>> carry_score(LATIN, LATIN), carry_score(LATIN, UNIT), carry_score(NUMBER, UNIT), carry_score(NUMBER, "")
    (3.0, -3.0, 3.0, 0.0)
    """
    if tail == LATIN:
        return LATIN_GAIN if head == LATIN else -LATIN_GAIN
    return UNIT_GAIN if tail == NUMBER and head == UNIT else 0.0
