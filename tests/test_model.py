"""The document model and its newsclean/1 JSON form."""

from __future__ import annotations

import json

import pytest

from newsclean.errors import SchemaError
from newsclean.model import Article, Block, Change, Document, Flag, Furniture, Span, merge_spans
from project_paths import GOLD


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_documents_round_trip_exactly(path):
    text = path.read_text(encoding="utf-8")
    doc = Document.from_json(text)
    assert doc.to_dict() == json.loads(text)
    assert Document.from_json(doc.to_json()) == doc


def test_everything_the_model_carries_round_trips():
    doc = Document(
        source="x.txt",
        metadata={"publication": "三门峡市中心医院", "date": "2025-10-30"},
        furniture=(Furniture("footer", "地址：湖滨区", (Span(0, 6),)),),
        articles=(
            Article(
                title="标题",
                byline="■ 张三",
                field_spans={"title": (Span(10, 12),)},
                blocks=(
                    Block(
                        "paragraph",
                        "正文。",
                        (Span(13, 16), Span(20, 22)),
                        (Flag("lost_text", "cut", Span(15, 16)),),
                        {"line": 3},
                    ),
                ),
            ),
        ),
        changes=(Change("punctuation", Span(14, 15), ",", "，", "full-width comma"), Change("x", None, "a", "", "why")),
    )
    assert Document.from_json(doc.to_json()) == doc
    assert Document.from_json(doc.to_json(indent=None)) == doc


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "expected an object"),
        ('{"schema": "newsclean/2", "source": "", "lang": "zh"}', "schema must be"),
        ('{"schema": "newsclean/1", "lang": "zh"}', "document.source"),
        (
            '{"schema": "newsclean/1", "source": "", "lang": "zh", "articles": [{"blocks": [{"type": "poem", "text": ""}]}]}',
            "unknown block type",
        ),
        ('{"schema": "newsclean/1", "source": "", "lang": "zh", "articles": [{"title": 3}]}', "title"),
        (
            '{"schema": "newsclean/1", "source": "", "lang": "zh", "furniture": [{"kind": "ad", "text": ""}]}',
            "unknown furniture kind",
        ),
        (
            '{"schema": "newsclean/1", "source": "", "lang": "zh", "articles": [{"blocks": [{"type": "paragraph", "text": "", "spans": [[5, 2]]}]}]}',
            "span",
        ),
        ('{"schema": "newsclean/1", "source": "", "lang": "zh", "metadata": {"date": 5}}', "metadata"),
    ],
)
def test_malformed_json_is_rejected_with_a_clear_error(payload, message):
    with pytest.raises(SchemaError, match=message):
        Document.from_json(payload)


def test_merge_spans_coalesces_touching_ranges():
    assert merge_spans([Span(4, 6), Span(0, 2), Span(2, 3)]) == (Span(0, 3), Span(4, 6))
