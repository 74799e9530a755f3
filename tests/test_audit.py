"""Conservation: every input character is in the output, the furniture or the change log."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsclean.audit import audit_conservation
from newsclean.pipeline import clean_text
from newsclean.readers import read_path
from project_paths import SEEDS


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_character_is_accounted_for(path):
    text = read_path(path).text
    report = audit_conservation(text, clean_text(text, source=path.name))
    assert report.ok, report.summary()


def test_audit_catches_a_silent_deletion():
    text = "# 标题\n\n正文第一段。"
    doc = clean_text(text)
    article = doc.articles[0]
    block = article.blocks[0]
    tampered = replace(doc, articles=(replace(article, blocks=(replace(block, text=block.text[:-2]),)),))
    report = audit_conservation(text, tampered)
    assert not report.ok and report.missing == {"段": 1, "。": 1}
