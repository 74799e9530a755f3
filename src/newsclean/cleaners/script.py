"""Which script a dump is in: Simplified or Traditional Chinese.

The document's ``lang`` says so (``zh-Hans`` or ``zh-Hant``), and cleaners
read it: in Traditional text straight quotes become 「」, not “”. The test
is OpenCC's own tables: characters that only Traditional text uses versus
characters that only Simplified text uses, counted over a sample.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from newsclean.model import Document
from newsclean.registry import cleaner

SAMPLE_CHARS = 20_000


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def _changed(text: str, config: str) -> int:
    converted = _converter(config).convert(text)
    if len(converted) != len(text):  # a phrase mapping changed the length: compare character sets
        return len(set(text) - set(converted))
    return sum(1 for a, b in zip(text, converted) if a != b)


def detect_lang(text: str) -> str:
    """``zh-Hant`` when Traditional-only characters clearly outnumber Simplified-only ones, else ``zh-Hans``.

    >>> detect_lang("醫院推出夜間門診，方便上班族就醫。"), detect_lang("医院推出夜间门诊，方便上班族就医。")
    ('zh-Hant', 'zh-Hans')
    """
    sample = text[:SAMPLE_CHARS]
    traditional = _changed(sample, "t2s")  # characters a Traditional→Simplified conversion changes
    simplified = _changed(sample, "s2t")
    return "zh-Hant" if traditional > 2 * simplified and traditional >= 3 else "zh-Hans"


def _leading_text(doc: Document, limit: int) -> str:
    """The first ``limit`` characters of the document's blocks laid end to end (the rest is not joined)."""
    parts: list[str] = []
    size = 0
    for b in doc.blocks():
        if size >= limit:
            break
        parts.append(b.text)
        size += len(b.text)
    return "".join(parts)[:limit]


@cleaner("detect_script", family="metadata")
def detect_script(doc: Document, options: Mapping[str, Any]) -> Document:
    """Set ``lang`` to zh-Hant for a dump in Traditional characters (zh-Hans otherwise)."""
    lang = options.get("lang") or detect_lang(_leading_text(doc, SAMPLE_CHARS))
    return doc if lang == doc.lang else replace(doc, lang=lang)
