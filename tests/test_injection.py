"""Injection: markup in a dump appears literally in every output and is never interpreted."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from newsclean.model import Article, Block, Document
from newsclean.pipeline import clean_text
from newsclean.writers import WriteOptions, get_writer

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=http://example.com/x.png>",
    "<link rel=attachment href=file:///etc/passwd>",
    "]]>",
    "&amp; &lt; &#x41; &nbsp;",
    "[点我](javascript:alert(1)) ![图](http://example.com/a.png)",
    "# 不是标题",
    "* 不是列表",
    "\\section{x} $x^2$ \\input{/etc/passwd}",
    "`code` **粗体** _斜体_ <!-- 注释 -->",
]


@pytest.fixture(scope="module")
def hostile_doc() -> Document:
    blocks = tuple(Block("paragraph", f"正文{p}结束。") for p in PAYLOADS)
    return Document(
        source="hostile.txt", articles=(Article(title="标题<b>粗</b>", byline="记者 <i>甲</i>", blocks=blocks),)
    )


def test_json_keeps_every_payload_verbatim(hostile_doc):
    data = get_writer("json").func(hostile_doc, WriteOptions())
    assert Document.from_json(data) == hostile_doc


def test_text_keeps_every_payload_verbatim(hostile_doc):
    text = get_writer("txt").func(hostile_doc, WriteOptions()).decode()
    for payload in PAYLOADS:
        assert f"正文{payload}结束。" in text


def test_markdown_renders_every_payload_as_literal_text(hostile_doc):
    md = get_writer("md").func(hostile_doc, WriteOptions()).decode()
    tokens = MarkdownIt("commonmark").parse(md)
    inline = [child.type for tok in tokens if tok.children for child in tok.children]
    assert not set(inline) & {"html_inline", "link_open", "image", "code_inline", "strong_open"}
    assert inline.count("em_open") == 1  # the byline, set in italics on purpose; `_斜体_` stays literal
    assert not {tok.type for tok in tokens} & {"html_block", "bullet_list_open"}
    headings = [
        "".join(c.content for c in tokens[i + 1].children) for i, tok in enumerate(tokens) if tok.type == "heading_open"
    ]
    assert headings == ["标题<b>粗</b>"]  # the only heading is the real title, shown literally
    rendered = MarkdownIt("commonmark").render(md)
    assert "<script>" not in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    text = "".join(child.content for tok in tokens if tok.children for child in tok.children if child.type == "text")
    for payload in PAYLOADS:
        assert payload in text


def test_payloads_survive_the_cleaners_as_text():
    dump = "# 标题\n\n正文<script>alert(1)</script>结束。\n"
    doc = clean_text(dump)
    assert "<script>alert(1)</script>" in doc.articles[0].blocks[0].text
