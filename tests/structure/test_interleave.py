"""De-interleaving column lines printed alternately (pdftotext default mode)."""

from __future__ import annotations

import pytest

from newsclean.audit import audit_conservation
from newsclean.pipeline import clean_text
from newsclean.readers import segment_lines
from newsclean.registry import get_cleaner
from newsclean.structure.interleave import deinterleave_lines, seam_score

COL_A = [
    "6月13日下午，我院在门诊楼",
    "五楼学术报告厅召开医疗质量",
    "安全推进会。院领导班子成",
    "员、各临床医技科室主任参加",
    "会议。会议由副院长主持。",
    "院长在讲话中指出，医",
    "疗质量是医院的生命线。",
]
COL_B = [
    "会上，医务科通报了今年1—5",
    "月医疗质量核心制度落实情况。数",
    "据显示，全院甲级病历率达到",
    "要把患者落实到每一",
    "个诊疗环节。他要求各科室对照问",
    "题清单逐项整改，持续开",
    "展质量安全月活动。",
]


def interleaved(a, b):
    lines = [x for pair in zip(a, b) for x in pair]
    return "\n\n".join(lines)


def test_seam_reads_a_word_across_the_cut():
    assert seam_score("他要求各科室对照问", "题清单逐项整改") > 0
    assert seam_score("持续开", "展质量安全月活动") > 0
    assert seam_score("发现、早纠正。", "，出院当天") < 0  # a line opening with a comma cannot follow a sentence end
    assert seam_score("但部分", "发现、早纠正。") == 0  # 分发 is a word, but 部分|发现 reads as well apart


def test_two_columns_printed_alternately_are_read_column_by_column():
    blocks, runs = deinterleave_lines(list(segment_lines(interleaved(COL_A, COL_B)).blocks()))
    assert [b.text for b in blocks] == COL_A + COL_B
    assert len(runs) == 1 and blocks[0].flags[0].kind == "interleaved"


def test_text_read_in_order_is_left_alone():
    text = "\n\n".join(COL_A + COL_B)
    blocks, runs = deinterleave_lines(list(segment_lines(text).blocks()))
    assert runs == [] and [b.text for b in blocks] == COL_A + COL_B


def test_blocks_of_several_lines_are_not_taken_for_interleaved_lines():
    # OCR prints a column's lines as one block; blank lines only between blocks
    text = "\n\n".join("\n".join(COL_A[k : k + 3]) + "\n" + "\n".join(COL_B[k : k + 3]) for k in (0, 3))
    _, runs = deinterleave_lines(list(segment_lines(text).blocks()))
    assert runs == []


def test_deinterleave_in_the_pipeline_is_logged_flagged_and_conserved():
    text = "# 我院召开医疗质量安全推进会\n\n" + interleaved(COL_A, COL_B)
    doc = clean_text(text, source="x.txt")
    assert audit_conservation(text, doc).ok
    assert any(f.kind == "interleaved" for f in doc.flags())
    body = "".join(b.text for b in doc.blocks())
    assert "医疗质量是医院的生命线" in body and "对照问题清单" in body and "持续开展" in body
    moved = [c for c in doc.changes if "interleaved" in c.reason]
    assert moved and sorted(moved[0].before) == sorted(moved[0].after)


def test_detect_furniture_deinterleave_is_idempotent():
    step = get_cleaner("detect_furniture")
    once = step(segment_lines(interleaved(COL_A, COL_B)), {})
    assert step(once, {}).to_dict() == once.to_dict()


# two columns printed line by line (pdftotext's default mode), with a photo caption sorted in among them by its
# height on the page (fixtures/degraded/p2_two_sheets/pdftotext.txt prints 图为… between the lines of two columns)
_ROWS = [
    "会议还为2024年度医疗质量",
    "院长张明远在讲话中指出，医",
    "先进科室和优秀质控员颁发了证",
    "疗质量是医院的生命线，全院上下",
    "书。下一步，医院将以国家三级公",
    "要把患者落实到每一",
    "立医院绩效考核为抓手，持续开",
    "个诊疗环节。他要求各科室对照问",
    "展质量安全月活动。",
    "题清单逐项整改。",
]


@pytest.mark.parametrize("printed_at", [1, 2])
def test_a_caption_among_interleaved_lines_is_lifted_out_and_put_between_the_columns(printed_at):
    lines = [*_ROWS[:printed_at], "图为会议现场。", *_ROWS[printed_at:]]
    blocks, runs = deinterleave_lines(list(segment_lines("\n\n".join(lines)).blocks()))
    texts = [b.text for b in blocks]
    assert texts == [*_ROWS[0::2], "图为会议现场。", *_ROWS[1::2]]
    assert len(runs) == 1 and "图为会议现场。" in runs[0][1] and "图为会议现场。" in runs[0][2]
