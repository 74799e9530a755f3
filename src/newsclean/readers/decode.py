"""Decode raw dump bytes into text: BOMs, UTF-8, GB18030/GBK, Big5, UTF-16.

Newlines are normalised to ``\\n`` (CRLF and lone CR), and that normalised
text is what every source span of the model indexes into. Form feeds are kept:
they mark page breaks for the line segmenter.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from newsclean.errors import InputError

# Signatures of binary formats people feed to text tools by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF file (extract its text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy Chinese encodings we try when the bytes are not UTF-8.
_LEGACY = ("gb18030", "big5")


# UTF-8 with at most this share of invalid bytes is read as damaged UTF-8.
_MAX_INVALID_UTF8 = 0.01


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a dump, the encoding used, and invalid bytes replaced by U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0


def decode_bytes(data: bytes, name: str = "<input>") -> Decoded:
    """Decode ``data``; raise :class:`InputError` naming ``name`` if it is not text.

    >>> decode_bytes("中文,好".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(b"a\\r\\nb\\rc").text
    'a\\nb\\nc'
    """
    encoding = _sniff_encoding(data, name)
    if encoding == "utf-8-damaged":
        text = data.decode("utf-8", errors="replace")
        _reject_binary_text(text, name)
        return Decoded(normalise_newlines(text), "utf-8", _count_invalid_utf8(data))
    text = data.decode(encoding)
    _reject_binary_text(text, name)
    return Decoded(normalise_newlines(text), encoding)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sniff_encoding(data: bytes, name: str) -> str:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not a text dump")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    bomless = _bomless_utf16(data)
    if bomless:
        return bomless
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise InputError(f"{name}: binary data (NUL bytes in text that is not UTF-16 with a BOM)")
    decoded = {enc: text for enc in _LEGACY if (text := _decode_or_none(data, enc)) is not None}
    if _count_invalid_utf8(data) <= max(16, len(data) * _MAX_INVALID_UTF8):
        # A few invalid sequences in UTF-8 text (a truncated copy, a bad sector):
        # keep the text, mark the damage with U+FFFD, unless a legacy encoding reads better.
        decoded["utf-8-damaged"] = data.decode("utf-8", errors="replace")
    if not decoded:
        raise InputError(f"{name}: not UTF-8, GB18030 or Big5 text (undecodable bytes)")
    return max(decoded, key=lambda enc: _plausibility(decoded[enc]))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NULs on the even or odd bytes of a mostly-ASCII text.

    CJK text in UTF-16 has few NULs, so this only catches the Latin-heavy case;
    it is checked before UTF-8 because such bytes are also valid UTF-8.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _count_invalid_utf8(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd") - data.decode("utf-8", errors="ignore").count(
        "\ufffd"
    )


def _plausibility(text: str) -> float:
    """Share of characters that are common CJK, ASCII or CJK punctuation.

    Big5 bytes read as GB18030 (and the reverse) decode to rare characters;
    the frequent-character table tells the two apart.
    """
    from newsclean.lexicon import char_frequency_rank

    if not text:
        return 0.0
    good = 0
    for ch in text:
        if ch.isascii() or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef":
            good += 1
        elif char_frequency_rank(ch) < 3500:
            good += 1
    return good / len(text)


def _reject_binary_text(text: str, name: str) -> None:
    if not text:
        return
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\f\v")
    if controls > 8 and controls / len(sample) > 0.1:
        raise InputError(f"{name}: binary data ({controls} control characters in the first {len(sample)})")
