"""Plain-text writer: one paragraph per line, a blank line between units."""

from __future__ import annotations

from newsclean.model import Article, Document
from newsclean.writers import register_writer
from newsclean.writers.options import WriteOptions


def _article(article: Article) -> str:
    lines = []
    for field in ("section", "kicker", "title"):
        value = getattr(article, field)
        if value:
            lines.append(value)
    if article.subtitle:
        lines.append("——" + article.subtitle)
    if article.byline:
        lines.append(article.byline)
    lines.extend(b.text for b in article.blocks)
    return "\n\n".join(lines)


@register_writer("txt", ".txt", "plain text, one paragraph per line")
def write_text(doc: Document, options: WriteOptions) -> bytes:
    """Render ``doc`` as UTF-8 text; articles are separated by two blank lines."""
    chunks = [_article(a) for a in doc.articles]
    if options.include_furniture and doc.furniture:
        chunks.append("\n".join(f.text for f in doc.furniture))
    return ("\n\n\n".join(c for c in chunks if c) + "\n").encode("utf-8")
