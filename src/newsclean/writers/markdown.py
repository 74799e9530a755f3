"""Markdown writer: one ``#`` headline per article, body blocks as paragraphs."""

from __future__ import annotations

import regex

from newsclean.model import Article, Block, Document
from newsclean.writers import register_writer
from newsclean.writers.options import WriteOptions

# Characters with a meaning in CommonMark; escaped so text always reads literally.
_MD_SPECIAL = regex.compile(r"([\\`*_&\[\]{}<>#|!~]|^[-+=]|^\d+(?=[.)]))", regex.MULTILINE)


def escape_markdown(text: str) -> str:
    r"""Backslash-escape Markdown syntax so ``text`` renders as itself.

    >>> escape_markdown("1+1>2 *注意*")
    '1+1\\>2 \\*注意\\*'
    """
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0) if not m.group(0)[0].isdigit() else m.group(0) + "\\", text)


def _block(block: Block) -> str:
    text = escape_markdown(block.text)
    if block.type == "heading":
        return f"### {text}"
    if block.type == "note":
        return f"> {text}"
    if block.type == "caption":
        return f"*{text}*"
    return text


def _article(article: Article) -> str:
    parts = []
    if article.section:
        parts.append(f"**【{escape_markdown(article.section)}】**")
    if article.kicker:
        parts.append(escape_markdown(article.kicker))
    if article.title:
        parts.append(f"# {escape_markdown(article.title)}")
    if article.subtitle:
        parts.append(f"## ——{escape_markdown(article.subtitle)}")
    if article.byline:
        parts.append(f"*{escape_markdown(article.byline)}*")
    parts.extend(_block(b) for b in article.blocks)
    return "\n\n".join(parts)


@register_writer("md", ".md", "Markdown, one # headline per article")
def write_markdown(doc: Document, options: WriteOptions) -> bytes:
    """Render ``doc`` as CommonMark; furniture goes in a trailing list if asked for."""
    chunks = [_article(a) for a in doc.articles]
    if options.include_furniture and doc.furniture:
        chunks.append("---\n\n" + "\n".join(f"- {f.kind}: {escape_markdown(f.text)}" for f in doc.furniture))
    return ("\n\n---\n\n".join(c for c in chunks if c) + "\n").encode("utf-8")
