"""Segment decoded text into the line-level document the cleaners start from.

Every non-blank line becomes one ``paragraph`` block in a single untitled
article, with its exact source span and hints for later cleaners:

``line``         1-based line number in the dump
``blank_before`` blank (or whitespace-only) lines just above it
``page``         page number, counted from form feeds (1-based)
``md_level``     Markdown heading level when the line started with ``#``
``indent``       leading spaces/ideographic spaces of the raw line
``width``        display width of the line (CJK counts 2), for wrap detection

A Markdown ``#`` marker is taken off the text and recorded in the change log,
so nothing of the input disappears unaccounted.
"""

from __future__ import annotations

import unicodedata

import regex

from newsclean.model import Article, Block, Change, Document, Span

_MD_HEADING = regex.compile(r"(#{1,6})[ \t]+")
_LEADING = " \t\u3000\u00a0"


class _CharWidths(dict):
    """Display width per character, computed on first sight (dict hits stay in C)."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        return width


_WIDTHS = _CharWidths()


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced dump (wide and full-width count 2).

    >>> display_width("中文ab")
    6
    """
    if text.isascii():
        return len(text)
    return sum(map(_WIDTHS.__getitem__, text))


def segment_lines(text: str, source: str = "") -> Document:
    """Split ``text`` into one block per non-blank line (see the module docstring).

    >>> doc = segment_lines("# 标题\\n\\n正文一\\n正文二")
    >>> [b.text for b in doc.blocks()], doc.changes[0].before
    (['标题', '正文一', '正文二'], '# ')
    """
    blocks: list[Block] = []
    changes: list[Change] = []
    blank_before = 0
    page = 1
    pos = 0
    paged = "\f" in text
    for number, raw in enumerate(text.split("\n"), start=1):
        start = pos
        pos += len(raw) + 1
        if paged and "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", " ")
        body = raw.lstrip(_LEADING)
        indent = len(raw) - len(body)
        body = body.rstrip()
        if not body:
            blank_before += 1
            continue
        content_start = start + indent
        hints: dict[str, object] = {"line": number, "blank_before": blank_before, "page": page, "indent": indent}
        marker = _MD_HEADING.match(body) if body[0] == "#" else None
        if marker:
            hints["md_level"] = len(marker.group(1))
            changes.append(
                Change(
                    "segment_lines",
                    Span(content_start, content_start + marker.end()),
                    marker.group(0),
                    "",
                    "Markdown heading marker; its level is kept as a hint for the structure cleaners",
                )
            )
            content_start += marker.end()
            body = body[marker.end() :]
        hints["width"] = display_width(raw[: content_start - start]) + display_width(body)
        blocks.append(Block("paragraph", body, (Span(content_start, content_start + len(body)),), hints=hints))
        blank_before = 0
    return Document(source=source, articles=(Article(blocks=tuple(blocks)),) if blocks else (), changes=tuple(changes))
