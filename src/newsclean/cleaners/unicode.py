"""Unicode hygiene: NFC, invisible and control characters, full-width ASCII.

Never NFKC: it would turn the full-width punctuation of Chinese text
(，：！？（）) into ASCII. Only full-width Latin letters and digits are folded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import regex

from newsclean.cleaners.base import (
    TextFix,
    apply_text_fixer,
    chain,
    node_texts,
    nodes_matching,
    pauses_gc,
    sub_explained,
)
from newsclean.model import Document
from newsclean.registry import cleaner

# Zero-width and bidi controls, soft hyphen, BOM, C0/C1 controls (not tab/newline).
_INVISIBLE = regex.compile(
    r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f]+"
)
_FULLWIDTH_ALNUM = regex.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_ANY = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
)
_NON_NFC = regex.compile(r"\P{Han}+")  # NFC never changes Han; checking the rest is faster


def _nfc(text: str) -> TextFix:
    if unicodedata.is_normalized("NFC", text):
        return TextFix(text, ())
    return sub_explained(_NON_NFC, lambda m: unicodedata.normalize("NFC", m.group(0)), text, "Unicode NFC composition")


def fix_unicode(text: str) -> TextFix:
    """NFC; drop zero-width/bidi/control characters; full-width letters and digits to ASCII.

    >>> fix_unicode("２０２５年\\u200b６月").text
    '2025年6月'
    """
    if not _ANY.search(text) and unicodedata.is_normalized("NFC", text):
        return TextFix(text, ())
    return chain(
        text,
        _nfc,
        lambda t: sub_explained(_INVISIBLE, "", t, "invisible or control character"),
        lambda t: sub_explained(
            _FULLWIDTH_ALNUM,
            lambda m: unicodedata.normalize("NFKC", m.group(0)),
            t,
            "full-width Latin letter or digit made half-width",
        ),
    )


@cleaner("normalize_unicode", family="stray characters")
@pauses_gc
def normalize_unicode(doc: Document, options: Mapping[str, Any]) -> Document:
    """NFC, invisible/control characters removed, full-width letters and digits made half-width."""
    texts = node_texts(doc)
    joined = "\n".join(texts)  # (NFC if and only if every text is: a newline composes with nothing)
    if unicodedata.is_normalized("NFC", joined):
        return apply_text_fixer(doc, "normalize_unicode", fix_unicode, only=nodes_matching(texts, _ANY, joined))
    return apply_text_fixer(doc, "normalize_unicode", fix_unicode)
