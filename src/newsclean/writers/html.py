"""HTML for print: the document as semantic HTML that the PDF writer typesets.

The tree is built with lxml, never by string concatenation, so every text node
is escaped: a headline reading ``<img src=file:///etc/passwd>`` stays text and
can never make WeasyPrint fetch anything.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree
from lxml.html import builder as E

from newsclean.model import Article, Block, Document


def document_title(doc: Document) -> str:
    """The title for metadata: publication and issue, else the first headline, else the source.

    >>> document_title(Document(source="x.txt", metadata={"publication": "聊城卫健", "issue": "第3期"}))
    '聊城卫健 第3期'
    """
    parts = [doc.metadata.get(k, "").strip() for k in ("publication", "issue")]
    title = " ".join(p for p in parts if p)
    if title:
        return title
    for article in doc.articles:
        if article.title:
            return article.title
    return doc.source or "newsclean"


def issue_line(doc: Document) -> str:
    """Issue and date as printed under the masthead: ``2025年第10期 总第93期 · 2025-10-30``."""
    parts = [doc.metadata.get(k, "").strip() for k in ("issue", "date")]
    return " · ".join(p for p in parts if p)


def _block(block: Block):
    if block.type == "heading":
        return E.H2(block.text)
    if block.type == "note":
        return E.DIV(E.P(block.text), E.CLASS("note"))
    if block.type in ("caption", "signoff"):
        return E.P(block.text, E.CLASS(block.type))
    return E.P(block.text, E.CLASS("body"))


def article_element(article: Article, index: int):
    """One ``<article>``: section label, headline block, byline, body."""
    el = E.E.article(E.CLASS("story"), id=f"a{index + 1}")
    if article.section:
        el.append(E.P(article.section, E.CLASS("section")))
    if article.kicker or article.title or article.subtitle:
        head = E.E.header(E.CLASS("headline"))
        if article.kicker:
            head.append(E.P(article.kicker, E.CLASS("kicker")))
        if article.title:
            head.append(E.H1(article.title))
        if article.subtitle:
            head.append(E.P("——" + article.subtitle, E.CLASS("subtitle")))
        el.append(head)
    if article.byline:
        el.append(E.P(article.byline, E.CLASS("byline")))
    for block in article.blocks:
        el.append(_block(block))
    return el


def build_html(
    doc: Document, *, created: datetime | None = None, include_furniture: bool = False, article_break: str = "page"
) -> etree._Element:
    """The print HTML tree of ``doc`` (no stylesheet: the PDF writer adds it)."""
    title = document_title(doc)
    head = E.HEAD(E.META(charset="utf-8"), E.TITLE(title), E.META(name="generator", content="newsclean"))
    if doc.metadata.get("publication"):
        head.append(E.META(name="author", content=doc.metadata["publication"]))
    if created is not None:
        stamp = created.isoformat()
        head.append(E.META(name="dcterms.created", content=stamp))
        head.append(E.META(name="dcterms.modified", content=stamp))
    body = E.BODY()
    if article_break != "none":
        body.set("class", "break-page")
    publication = doc.metadata.get("publication", "").strip()
    line = issue_line(doc)
    if publication or line:  # a masthead only from real metadata, never invented
        masthead = E.E.header(E.CLASS("masthead"))
        if publication:
            masthead.append(E.P(publication, E.CLASS("publication")))
        if line:
            masthead.append(E.P(line, E.CLASS("issue")))
        body.append(masthead)
    for i, article in enumerate(doc.articles):
        body.append(article_element(article, i))
    if include_furniture and doc.furniture:
        box = E.E.footer(E.CLASS("furniture"))
        for item in doc.furniture:
            box.append(E.P(item.text, E.CLASS(item.kind)))
        body.append(box)
    return E.HTML(head, body, lang=doc.lang)


def render_html(doc: Document, **kwargs) -> str:
    """Serialised print HTML of ``doc`` (see :func:`build_html`)."""
    return "<!DOCTYPE html>\n" + etree.tostring(build_html(doc, **kwargs), method="html", encoding="unicode")
