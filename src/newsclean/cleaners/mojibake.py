"""Mojibake: Chinese text whose bytes were once decoded with the wrong codec.

Two cases are repaired, both only where the detection is certain — the
garbled run re-encodes to bytes that decode *strictly* in the intended codec
into Chinese text made of common characters:

* UTF-8 read as Windows-1252/Latin-1: ``ä¸\\xadæ–‡`` → ``中文``
* GBK/GB18030 read as Latin-1: ``ÖÐ¹ú`` → ``中国``

Anything else (a French word, a lone ``é``, a single ``“``) never matches the
run pattern or fails the strict decoding, and is left alone. This cleaner runs
first: normalize_unicode would drop the C1 characters such runs contain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import regex

from newsclean.cleaners.base import TextFix, apply_text_fixer, sub_explained
from newsclean.lexicon import char_frequency_rank, word_freq
from newsclean.model import Document
from newsclean.registry import cleaner

# Characters a byte 0x80-0xFF becomes under Windows-1252 or Latin-1.
_CP1252_HIGH = bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
_HIGH_CHARS = "".join(sorted(set(_CP1252_HIGH) | {chr(b) for b in range(0x80, 0x100)}))
_RUN = regex.compile("[" + regex.escape(_HIGH_CHARS) + "]{4,}")
# Every garbled run holds a Latin-1 letter (UTF-8 and GBK lead bytes 0xC0-0xFF):
# a cheap scan for one picks the few texts worth the run pattern.
_LATIN1_LETTER = re.compile("[\u00c0-\u00ff]")
_HAN = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’·—…]")
COMMON_RANK = 3500


def _as_bytes(text: str) -> bytes | None:
    """The bytes ``text`` was decoded from, under Windows-1252 with Latin-1 for its gaps."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


def _plausible_chinese(text: str, min_chars: int) -> bool:
    """Common Chinese characters only, and words of the lexicon among them."""
    if len(text) < min_chars or any(not _HAN.match(ch) for ch in text):
        return False
    common = sum(1 for ch in text if not regex.match(r"\p{Han}", ch) or char_frequency_rank(ch) < COMMON_RANK)
    words = sum(1 for i in range(len(text) - 1) if word_freq(text[i : i + 2]))
    return common >= 0.9 * len(text) and words >= len(text) // 4


def _repair(match: regex.Match[str]) -> str:
    data = _as_bytes(match.group(0))
    if data is None:
        return match.group(0)
    # Random high bytes almost never form valid UTF-8, so two characters are
    # evidence enough; nearly any byte pair is valid GB18030, so ask for four.
    for codec, min_chars in (("utf-8", 2), ("gb18030", 4)):
        try:
            decoded = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible_chinese(decoded, min_chars):
            return decoded
    return match.group(0)


def fix_mojibake(text: str) -> TextFix:
    """Repair runs of UTF-8 or GBK bytes that were decoded as Windows-1252/Latin-1.

    >>> fix_mojibake("新闻：" + "中文新闻".encode("utf-8").decode("cp1252")).text
    '新闻：中文新闻'
    >>> fix_mojibake("记者" + "中国医院".encode("gbk").decode("latin-1")).text
    '记者中国医院'
    >>> fix_mojibake("Café Élysée naïve").text
    'Café Élysée naïve'
    """
    return sub_explained(
        _RUN, _repair, text, "mojibake: bytes of Chinese text decoded with the wrong codec, re-decoded"
    )


@cleaner("repair_mojibake", family="stray characters")
def repair_mojibake(doc: Document, options: Mapping[str, Any]) -> Document:
    """Mojibake (UTF-8 or GBK read as Windows-1252/Latin-1) re-decoded where the result is certainly Chinese."""
    return apply_text_fixer(doc, "repair_mojibake", fix_mojibake, trigger=_LATIN1_LETTER)
