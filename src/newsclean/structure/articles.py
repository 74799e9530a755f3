"""Split the line-level document into articles at headline lines.

This first version trusts Markdown heading hints only; it is the baseline the
structure cleaners improve on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from newsclean.model import Article, Block, Document
from newsclean.registry import cleaner


@cleaner("build_articles", family="structure")
def build_articles(doc: Document, options: Mapping[str, Any]) -> Document:
    """Start a new article at every top-level Markdown heading; it becomes the title."""
    articles: list[Article] = []
    current: Article | None = None
    pending: list[Block] = []
    for block in doc.blocks():
        if block.hints.get("md_level") == 1:
            if current is not None or pending:
                articles.append(_finish(current, pending))
            current = Article(title=block.text, field_spans={"title": block.spans})
            pending = []
        else:
            pending.append(block)
    if current is not None or pending:
        articles.append(_finish(current, pending))
    return Document(doc.source, doc.lang, doc.metadata, doc.furniture, tuple(articles), doc.changes)


def _finish(article: Article | None, blocks: list[Block]) -> Article:
    return replace(article or Article(), blocks=tuple(blocks))
