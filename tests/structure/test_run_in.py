"""Two paragraphs a converter printed as one block: cut at the second one's indent.

The line is pymupdf4llm's reading of our degraded page p8 (fixtures/degraded/p8_held_out/pymupdf4llm.txt): its
spaces are the printed line breaks.
"""

from __future__ import annotations

from newsclean.pipeline import clean_text
from newsclean.readers import segment_lines
from newsclean.registry import get_cleaner
from newsclean.structure.run_in import run_in_cuts

P8_BLOCK = (
    "为了让更多群众少跑路，周 文博带领团队每月到乡镇卫生院 坐诊两次，手把手教基层医生规 范操作。如今，全县已有十二家 "
    "卫生院能够开展针灸治疗。 谈起今后的打算，周文博 说，他希望把科室的经验整理成 册，让年轻医生少走弯路。"
)


def test_a_short_line_ending_a_sentence_then_an_indented_line_starts_a_paragraph():
    doc = clean_text(P8_BLOCK + "\n")
    assert [b.text for b in doc.blocks()] == [
        "为了让更多群众少跑路，周文博带领团队每月到乡镇卫生院坐诊两次，手把手教基层医生规范操作。"
        "如今，全县已有十二家卫生院能够开展针灸治疗。",
        "谈起今后的打算，周文博说，他希望把科室的经验整理成册，让年轻医生少走弯路。",
    ]
    assert any(c.cleaner == "split_run_in_paragraphs" for c in doc.changes)


def test_a_sentence_ending_on_a_full_line_is_no_paragraph_end():
    # a wrap can end a sentence at the margin: only a short last line, then an indent, marks a paragraph
    full = P8_BLOCK.replace("卫生院能够开展针灸治疗。", "卫生院全都能够开展针灸治疗。")
    assert run_in_cuts(full) == []
    assert len(run_in_cuts(P8_BLOCK)) == 1


def test_a_line_with_a_gutter_is_not_read_as_printed_lines():
    assert run_in_cuts(P8_BLOCK.replace("周 文博", "周   文博")) == []


def test_cutting_twice_cuts_nothing_more():
    # lines of 9, 13, 11, 10, 11, 8, 9, 10, 12, 12, 11 characters, the 1st, 6th and 7th ending a sentence: each
    # part, measured by its own lines, could be cut again; one pass cuts until none can be
    lengths, ends = [9, 13, 11, 10, 11, 8, 9, 10, 12, 12, 11], {0, 5, 6}
    text = " ".join("甲" * (n - 1) + ("。" if k in ends else "乙") for k, n in enumerate(lengths))
    split = get_cleaner("split_run_in_paragraphs")
    once = split(segment_lines(text), {})
    assert len(list(once.blocks())) > 1
    assert split(once, {}) == once
