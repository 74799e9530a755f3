"""Mojibake: Chinese text whose bytes were once decoded with the wrong codec.

Three cases are repaired, all only where the detection is certain — the
garbled run re-encodes to bytes that decode *strictly* in the intended codec
into Chinese text made of common characters:

* UTF-8 read as Windows-1252/Latin-1: ``ä¸\\xadæ–‡`` → ``中文``
* GBK/GB18030 read as Latin-1: ``ÖÐ¹ú`` → ``中国``
* UTF-8 read as GBK/GB18030: ``涓枃鏂伴椈`` → ``中文新闻`` (a run whose bytes
  were cut by the wrong decoder, shown as ``�``, is left alone: the lost byte
  cannot be known)

Anything else (a French word, a lone ``é``, a single ``“``) never matches the
run pattern or fails the strict decoding, and is left alone. This cleaner runs
first: normalize_unicode would drop the C1 characters such runs contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import regex

from newsclean.cleaners.base import Edit, TextFix, apply_edits, apply_text_fixer, chain, sub_explained
from newsclean.lexicon import char_frequency_rank, word_freq
from newsclean.model import Document
from newsclean.registry import cleaner

# Characters a byte 0x80-0xFF becomes under Windows-1252 or Latin-1.
_CP1252_HIGH = bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
_HIGH_CHARS = "".join(sorted(set(_CP1252_HIGH) | {chr(b) for b in range(0x80, 0x100)}))
_RUN = regex.compile("[" + regex.escape(_HIGH_CHARS) + "]{4,}")
_HAN = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’·—…]")
COMMON_RANK = 3500


def _gbk_mojibake_signals() -> str:
    """Characters GB18030 gives to byte pairs led by 0x81-0xA0 or 0xAA-0xAF.

    Rare characters and private-use code points in Simplified text; UTF-8
    continuation bytes read as GBK lead bytes land there in almost every run
    of two or more Chinese characters, so they pick the texts worth a check.
    """
    chars = []
    for lead in [*range(0x81, 0xA1), *range(0xAA, 0xB0)]:
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            chars.append(bytes((lead, trail)).decode("gb18030"))
    return "".join(chars)


# Runs a GBK decoder made of UTF-8 bytes: no ASCII, no space, no U+FFFD.
_GBK_RUN = regex.compile(r"[^\x00-\x7f\s\ufffd]{2,}")
# Whole UTF-8 encoded characters of 3 bytes (CJK and full-width punctuation).
_UTF8_CJK = re.compile(rb"(?:[\xe0-\xef][\x80-\xbf]{2}){2,}")


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


def _gb18030_boundaries(run: str) -> tuple[bytes, Callable[[int], int | None]]:
    """``run`` encoded in GB18030, and a map from a byte offset to its character offset (None: mid-character)."""
    data = run.encode("gb18030", errors="replace")
    if len(data) == 2 * len(run):  # the usual case: every character is one byte pair
        return data, lambda offset: None if offset % 2 else offset // 2
    boundaries: dict[int, int] = {}
    offset = 0
    for index, ch in enumerate(run):
        boundaries[offset] = index
        offset += len(ch.encode("gb18030", errors="replace"))
    boundaries[offset] = len(run)
    return data, boundaries.get


def _utf8_read_as_gbk(run: str) -> list[tuple[int, int, str]]:
    """(start, end, repaired) for the parts of ``run`` that are UTF-8 bytes read as GB18030.

    A part must start and end on a character boundary; an ASCII byte the GBK
    decoder swallowed as the second half of its last pair is given back.
    """
    data, char_at = _gb18030_boundaries(run)
    repairs = []
    for match in _UTF8_CJK.finditer(data):
        begin, end = match.start(), match.end()
        if char_at(begin) is None:
            continue
        swallowed = ""
        if char_at(end) is None and data[end : end + 1].isascii() and char_at(end + 1) is not None:
            swallowed, cut = chr(data[end]), end + 1
        else:
            end = cut = next((e for e in range(end, begin, -3) if char_at(e) is not None), begin)
        chinese = data[begin:end].decode("utf-8")
        if cut - begin >= 6 and _plausible_chinese(chinese, 2):
            repairs.append((char_at(begin), char_at(cut), chinese + swallowed))
    return repairs


def fix_utf8_read_as_gbk(text: str) -> TextFix:
    """Re-decode runs of UTF-8 Chinese that were decoded as GBK/GB18030.

    >>> fix_utf8_read_as_gbk("记者：" + "中文新闻".encode("utf-8").decode("gb18030")).text
    '记者：中文新闻'
    """
    edits: list[Edit] = []
    for run in _GBK_RUN.finditer(text):
        for start, end, repaired in _utf8_read_as_gbk(run.group(0)):
            a, b = run.start() + start, run.start() + end
            edits.append(Edit(a, b, text[a:b], repaired, REASON + " (UTF-8 read as GBK)"))
    return apply_edits(text, edits)


def fix_mojibake(text: str) -> TextFix:
    """Repair runs of UTF-8 or GBK bytes that were decoded as Windows-1252/Latin-1.

    >>> fix_mojibake("新闻：" + "中文新闻".encode("utf-8").decode("cp1252")).text
    '新闻：中文新闻'
    >>> fix_mojibake("记者" + "中国医院".encode("gbk").decode("latin-1")).text
    '记者中国医院'
    >>> fix_mojibake("Café Élysée naïve").text
    'Café Élysée naïve'
    >>> fix_mojibake("新闻 " + "中文新闻".encode("utf-8").decode("gb18030")).text
    '新闻 中文新闻'
    """
    return chain(
        text,
        lambda t: sub_explained(_RUN, _repair, t, REASON),
        fix_utf8_read_as_gbk,
    )


REASON = "mojibake: bytes of Chinese text decoded with the wrong codec, re-decoded"
# Texts worth a look: a Latin-1 letter (UTF-8 or GBK read as Latin-1) or a
# GBK signal character (UTF-8 read as GBK).
# (The standard re module: its character sets scan such a large class ~500x faster than regex's.)
_TRIGGER = re.compile("[\u00c0-\u00ff" + re.escape(_gbk_mojibake_signals()) + "]")


_REPLACEMENT = re.compile("\ufffd+")


def flag_lost_bytes(text: str) -> Iterator[tuple[str, str, int, int]]:
    """A ``lost_text`` flag on each run of U+FFFD: bytes no codec could read, or mojibake only partly repaired."""
    for match in _REPLACEMENT.finditer(text):
        yield "lost_text", "undecodable bytes (U+FFFD): text was lost here", match.start(), match.end()


@cleaner("repair_mojibake", family="stray characters")
def repair_mojibake(doc: Document, options: Mapping[str, Any]) -> Document:
    """Mojibake (UTF-8 or GBK read as Latin-1, UTF-8 read as GBK) re-decoded where the result is certainly Chinese."""
    return apply_text_fixer(
        doc, "repair_mojibake", fix_mojibake, trigger=_TRIGGER, flagger=flag_lost_bytes, flag_trigger="\ufffd"
    )
