"""Script editions: convert a whole Simplified-Chinese document to a Traditional one.

OpenCC converts phrase by phrase (``s2twp`` also swaps Taiwan vocabulary:
软件 → 軟體), so text is converted one node at a time, never by character
tables. Every text the writers can show is converted: headline fields, blocks,
flag notes, furniture and metadata; the change log keeps the source wording,
since its ``before``/``after`` describe the input. ``lang`` becomes the variant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache

from newsclean.errors import ConfigError
from newsclean.model import Article, Block, Document, Flag, Furniture

#: OpenCC configuration per target variant (from Simplified Chinese).
OPENCC_CONFIGS = {"zh-Hant": "s2t", "zh-TW": "s2twp", "zh-HK": "s2hk"}
SIMPLIFIED = ("zh-Hans", "zh", "zh-CN", "zh-SG")


@cache
def opencc_converter(config: str) -> Callable[[str], str]:
    """OpenCC's conversion function for ``config`` (``s2twp``, ``t2s``…), built once per process."""
    import opencc

    return opencc.OpenCC(config).convert


def converter_for(variant: str) -> Callable[[str], str]:
    """The text conversion function from Simplified Chinese to ``variant``.

    >>> converter_for("zh-TW")("鼠标和软件")
    '滑鼠和軟體'
    >>> converter_for("zh-Hans")("鼠标")
    '鼠标'
    """
    if variant == "zh-Hans":
        return lambda text: text
    try:
        return opencc_converter(OPENCC_CONFIGS[variant])
    except KeyError:
        raise ConfigError(f"unknown variant {variant!r} (choose from zh-Hans, {', '.join(OPENCC_CONFIGS)})") from None


def convert_document(doc: Document, variant: str | None) -> Document:
    """``doc`` in the script edition ``variant`` (``None`` or the same lang: unchanged).

    Only Simplified-Chinese documents can be converted; asking for zh-Hans of a
    Traditional document is an error rather than a silent no-op.
    """
    if variant is None or variant == doc.lang:
        return doc
    if doc.lang not in SIMPLIFIED:
        raise ConfigError(f"{doc.source}: cannot make a {variant} edition of a {doc.lang} document")
    if variant == "zh-Hans":
        return replace(doc, lang=variant)
    conv = converter_for(variant)

    def opt(text: str | None) -> str | None:
        return conv(text) if text else text

    def flags(items: tuple[Flag, ...]) -> tuple[Flag, ...]:
        return tuple(replace(f, note=conv(f.note)) for f in items)

    def block(b: Block) -> Block:
        return replace(b, text=conv(b.text), flags=flags(b.flags))

    def article(a: Article) -> Article:
        head = {name: opt(value) for name, value in a.head().items()}
        return replace(a, **head, blocks=tuple(block(b) for b in a.blocks), flags=flags(a.flags))

    return replace(
        doc,
        lang=variant,
        metadata={key: conv(value) for key, value in doc.metadata.items()},
        furniture=tuple(Furniture(f.kind, conv(f.text), f.spans) for f in doc.furniture),
        articles=tuple(article(a) for a in doc.articles),
    )
