"""Character classes shared by the text cleaners, as ``re`` class bodies.

The stdlib ``re`` engine scans simple classes several times faster than
``regex``, and the cleaners run over every character of the input, so the
classes are spelt out as ranges instead of ``\\p{Han}``.
"""

from __future__ import annotations

# Han ideographs (BMP blocks, compatibility ideographs, the supplementary planes) and 〇.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Full-width and CJK punctuation: 、。〈〉《》「」『』【】〔〕…, curly quotes, dashes, ellipsis, ·, full-width forms.
CJK_PUNCT = (
    "\u3001-\u3003\u3008-\u3011\u3014-\u301f\u2014\u2015\u2026\u2018\u2019\u201c\u201d\u00b7"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
CJK = HAN + CJK_PUNCT
# Horizontal white space as it occurs in dumps (ASCII, ideographic, no-break).
SPACE = " \t\u3000\u00a0"
LATIN_DIGIT = "0-9A-Za-z"


def is_han(ch: str) -> bool:
    """True for a Han ideograph.

    >>> is_han("中"), is_han("，"), is_han("a")
    (True, False, False)
    """
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
        or o == 0x3007
    )


def is_cjk(ch: str) -> bool:
    """True for a Han ideograph or a full-width/CJK punctuation mark.

    >>> is_cjk("中"), is_cjk("，"), is_cjk("“"), is_cjk(",")
    (True, True, True, False)
    """
    if is_han(ch):
        return True
    o = ord(ch)
    return (
        0x3001 <= o <= 0x3003
        or 0x3008 <= o <= 0x3011
        or 0x3014 <= o <= 0x301F
        or o in (0x2014, 0x2015, 0x2026, 0x2018, 0x2019, 0x201C, 0x201D, 0x00B7)
        or 0xFF01 <= o <= 0xFF0F
        or 0xFF1A <= o <= 0xFF20
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65
    )
