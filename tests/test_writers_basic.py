"""JSON, Markdown and plain-text writers."""

from __future__ import annotations

import pytest

from newsclean.errors import ConfigError
from newsclean.model import Document
from newsclean.writers import WriteOptions, get_writer
from newsclean.writers.markdown import escape_markdown
from project_paths import GOLD


@pytest.fixture(scope="module")
def gold_doc() -> Document:
    return Document.from_json(GOLD[1].read_text(encoding="utf-8"))


def test_json_writer_round_trips(gold_doc):
    data = get_writer("json").func(gold_doc, WriteOptions())
    assert Document.from_json(data) == gold_doc


def test_markdown_has_one_headline_per_titled_article_and_every_paragraph(gold_doc):
    md = get_writer("md").func(gold_doc, WriteOptions()).decode()
    titled = [a for a in gold_doc.articles if a.title]
    assert md.count("\n# ") + md.startswith("# ") == len(titled)
    for article in gold_doc.articles:
        for block in article.blocks:
            assert escape_markdown(block.text) in md
        if article.subtitle:
            assert f"## ——{escape_markdown(article.subtitle)}" in md


def test_text_writer_keeps_every_unit_on_its_own_line(gold_doc):
    txt = get_writer("txt").func(gold_doc, WriteOptions()).decode()
    lines = set(txt.splitlines())
    for article in gold_doc.articles:
        for block in article.blocks:
            assert block.text in lines


def test_markdown_escapes_control_sequences():
    assert escape_markdown("# 不是标题 <b>x</b> [链接](http://a)") == r"\# 不是标题 \<b\>x\</b\> \[链接\](http://a)"


def test_unbuilt_or_unknown_formats_are_refused_clearly():
    with pytest.raises(ConfigError, match="unknown output format 'rtf'"):
        get_writer("rtf")
