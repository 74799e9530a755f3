"""The printing rhythm of side-by-side columns: rows read left to right, each column coming round in turn.

RapidOCR returns one box per line sorted top to bottom, so the lines of side-by-side columns alternate with
no blank line between them; pdftotext's default mode does the same with blank lines in between.
"""

from __future__ import annotations

from newsclean.audit import audit_conservation
from newsclean.pipeline import clean_text
from newsclean.readers import segment_lines
from newsclean.structure.interleave import (
    assign_columns,
    deinterleave_lines,
    display_width,
    join_score,
    mixed_seams,
)

STORY = (
    "九月五日上午，市人民医院在住院部三楼会议室举行护理质量改进工作会议。护理部主任、各病区护士长"
    "和质控护士共八十余人参加会议，会议由分管副院长主持。"
    "会上，护理部通报了上半年护理质量检查情况。检查发现，大部分病区的基础护理合格率稳步提高，"
    "但个别病区在交接班记录、高危药品管理等方面仍有不足，需要限期整改落实。"
    "分管副院长在讲话中强调，护理质量关系到每一位住院患者的安全，各病区要把制度落实到每一个班次，"
    "护士长要带头检查，及时发现问题、及时纠正问题，切实提高患者满意度。"
)


def wrap(text: str, width: int = 15, indent: int = 2) -> list[str]:
    """Lines of a justified column: each paragraph's first line two characters shorter (its indent)."""
    lines: list[str] = []
    for para in text.replace("。", "。\n").split("\n"):
        if not para:
            continue
        room = width - indent
        while para:
            lines.append(para[:room])
            para = para[room:]
            room = width
    return lines


def rows(columns: list[list[str]]) -> list[str]:
    """The lines as an OCR tool sorting boxes top to bottom returns them."""
    out = []
    for k in range(max(map(len, columns))):
        out.extend(col[k] for col in columns if k < len(col))
    return out


def three_columns() -> list[list[str]]:
    lines = wrap(STORY)
    third = -(-len(lines) // 3)
    return [lines[:third], lines[third : 2 * third], lines[2 * third :]]


def test_display_width_counts_half_width_digits():
    assert display_width("护理质量2025") == 6.0
    assert display_width("“小米粒”") == 5.0


def test_a_line_cut_short_mid_paragraph_does_not_go_on_with_a_full_one():
    assert join_score("护士长要带头检查，及时发现问", "题、及时纠正问题，切实提高患者满") > 0
    assert join_score("但个别病区在交接班记录、高危药", "会议由") < 0


def test_rows_of_three_columns_are_assigned_round_robin():
    columns = three_columns()
    lines = rows(columns)
    _, column = assign_columns(lines, lines, 3)
    expected = [c for k in range(len(columns[0])) for c in range(3) if k < len(columns[c])]
    assert column == expected


def test_ocr_lines_of_three_columns_are_read_column_by_column_and_flagged():
    columns = three_columns()
    text = "\n".join(rows(columns))
    blocks, runs = deinterleave_lines(list(segment_lines(text).blocks()))
    assert [b.text for b in blocks] == columns[0] + columns[1] + columns[2]
    assert len(runs) == 1 and blocks[0].flags[0].kind == "interleaved"


def test_ocr_lines_read_in_order_are_left_alone():
    text = "\n".join(wrap(STORY))
    blocks, runs = deinterleave_lines(list(segment_lines(text).blocks()))
    assert runs == [] and not any(b.flags for b in blocks)
    assert mixed_seams(wrap(STORY), wrap(STORY)) == 0


def test_ocr_three_columns_in_the_pipeline_are_conserved():
    text = "# 市人民医院召开护理质量改进工作会议\n\n" + "\n".join(rows(three_columns()))
    doc = clean_text(text, source="ocr.txt")
    assert audit_conservation(text, doc).ok
    assert any(f.kind == "interleaved" for f in doc.flags())
    body = "".join(b.text for b in doc.blocks())
    assert "护理质量关系到每一位住院患者的安全" in body
