"""What a line carries over to the next one beyond its words: a Latin run cut at a hyphen.

A copy editor re-reading mixed column lines uses more than the words across a
seam. A URL, address or number cut at a hyphen, dot or slash at the end of a
line (``www.renhe-``) goes on in a line that starts with a Latin letter or
digit (``hosp.org.tw查詢。``), never in one that starts with a Chinese
character. The cue is typographic and holds for any text; it is read once per
line (:func:`cut_latin`, :func:`starts_latin`) and scored across a seam by
:func:`carry_score`.

(An open quote closed on a later line was tried as a cue too: a column whose
first line closes a quote opened outside the run then pulls the wrong column
before it, so it is not used.)
"""

from __future__ import annotations

import regex

_CUT_LATIN = regex.compile(r"[A-Za-z0-9][-./_@]$")
_LATIN_START = regex.compile(r"^[A-Za-z0-9]")

LATIN_GAIN = 3.0  # a Latin run cut at a hyphen going on (or, negated, broken off by a Chinese character)


def cut_latin(text: str) -> bool:
    """Whether the line ends inside a Latin run cut at a hyphen, dot, slash, underscore or @.

    >>> cut_latin("04-2358-7766轉2210，或至本院官網www.renhe-"), cut_latin("网址：www.mhjkw.cn")
    (True, False)
    """
    return bool(_CUT_LATIN.search(text.rstrip()))


def starts_latin(text: str) -> bool:
    """Whether the line starts with a Latin letter or digit.

    >>> starts_latin("hosp.org.tw查詢。"), starts_latin("藥劑部主任林美玲表示")
    (True, False)
    """
    return bool(_LATIN_START.match(text.lstrip()))


def carry_score(cut: bool, latin: bool) -> float:
    """The seam's score from the tail's cut Latin run (``cut``) and the head's Latin start (``latin``).

    >>> carry_score(True, True), carry_score(True, False), carry_score(False, True)
    (3.0, -3.0, 0.0)
    """
    if not cut:
        return 0.0
    return LATIN_GAIN if latin else -LATIN_GAIN
