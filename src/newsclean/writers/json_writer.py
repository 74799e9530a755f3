"""JSON writer: the ``newsclean/1`` form of SPEC section 1."""

from __future__ import annotations

from dataclasses import replace

from newsclean.model import Document
from newsclean.writers import register_writer
from newsclean.writers.options import WriteOptions


@register_writer("json", ".json", "newsclean/1 JSON (the document model, with change log)")
def write_json(doc: Document, options: WriteOptions) -> bytes:
    """Serialise ``doc`` as ``newsclean/1`` JSON, UTF-8."""
    if not options.include_changes:
        doc = replace(doc, changes=())
    return doc.to_json().encode("utf-8")
