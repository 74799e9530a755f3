"""Two modules of different measures side by side, read top to bottom by OCR (fixtures/degraded p8 and p1).

p8's top band: a one-column brief (17 ems) beside a two-column profile (14 ems). RapidOCR sorts its boxes top to
bottom, and the two modules print their rows at their own pitch, so the brief's lines fall between the
profile's wherever they happen to sit: no row rhythm across the three columns, but a line's width says which
module it is in, and within the profile the two columns alternate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean.readers import segment_lines
from newsclean.structure.block_width import paragraph_seam
from newsclean.structure.interleave import (
    Seams,
    best_columns,
    column_order,
    deinterleave_lines,
    join_score,
    one_measure,
    simplified,
)
from newsclean.structure.measures import two_measures

DEGRADED = Path(__file__).resolve().parents[2] / "fixtures" / "degraded"


def dump_lines(page: str, first: str, last: str) -> list[str]:
    """The lines of a fixture's RapidOCR dump from the one starting ``first`` to the one starting ``last``."""
    lines = (DEGRADED / page / "rapidocr.txt").read_text(encoding="utf-8").splitlines()
    start = next(k for k, t in enumerate(lines) if t.startswith(first))
    end = next(k for k, t in enumerate(lines) if t.startswith(last) and k > start)
    return lines[start : end + 1]


def p8_band() -> list[str]:
    return dump_lines("p8_held_out", "中药代煎", "信针灸")


# which column of p8's band each line is in (the brief, the profile's left column, its right one)
BRIEF, LEFT, RIGHT = "brief", "left", "right"
P8_COLUMNS = [BRIEF, LEFT, RIGHT, BRIEF, LEFT, BRIEF, RIGHT, LEFT, BRIEF, RIGHT, LEFT, BRIEF, RIGHT, LEFT]
P8_COLUMNS += [RIGHT, BRIEF, LEFT, BRIEF, RIGHT, LEFT, BRIEF, RIGHT, LEFT, RIGHT, LEFT, RIGHT, LEFT]


def widths(lines: list[str]) -> list[float | None]:
    texts = simplified(lines)
    return [head.width for head in Seams(texts, texts).heads]


def test_two_measures_side_by_side_are_found_and_lines_placed_by_width():
    lines = p8_band()
    found = two_measures(lines, widths(lines))
    assert found is not None and found.widths == (14.0, 17.0)
    for line, column, belongs in zip(lines, P8_COLUMNS, found.belongs):
        if belongs is not None:  # a line that fits one measure only is in a column of that measure
            assert belongs == (1 if column == BRIEF else 0), line
    assert sum(b is not None for b in found.belongs) >= 18


def test_measures_an_em_or_two_apart_are_two_when_their_full_lines_say_so():
    # p1's bottom band: a two-column story at 14 ems beside a one-column brief at 16
    lines = dump_lines("p1_three_columns", "6月14日", "(宣传科)")
    found = two_measures(lines, widths(lines))
    assert found is not None and found.widths == (14.0, 16.0)
    assert found.belongs[lines.index("动，医护人员、患者家属和附近社区")] == 1


def test_one_column_with_indented_first_lines_is_one_measure():
    lines = [
        "九月五日上午，市人民医院在住",
        "院部三楼会议室举行护理质量改进",
        "工作会议。护理部主任、各病区护",
        "士长和质控护士共八十余人参加会",
        "议，会议由分管副院长主持。",
        "会上，护理部通报了上半年护",
        "理质量检查情况。检查发现，大部",
        "分病区的基础护理合格率稳步提高",
        "，但个别病区在交接班记录、高危",
        "药品管理等方面仍有不足。",
        "分管副院长在讲话中强调，护",
        "理质量关系到每一位住院患者的安",
    ]
    assert two_measures(lines, widths(lines)) is None


def read_band(lines: list[str]) -> list[list[str]]:
    texts = simplified(lines)
    seams = Seams(texts, texts, one_measure(texts))
    column = best_columns(texts, texts, seams)
    assert column is not None
    return [[t for t, c in zip(lines, column) if c == col] for col in column_order(column, seams)]


def test_a_brief_beside_a_two_column_profile_is_read_column_by_column():
    lines = p8_band()
    columns = read_band(lines)
    expected = [[t for t, c in zip(lines, P8_COLUMNS) if c == name] for name in (BRIEF, LEFT, RIGHT)]
    assert columns == expected


def test_columns_of_one_measure_keep_the_row_rhythm_among_the_other_modules_lines():
    # the profile's two columns alternate whatever the brief prints between them: the right column's first
    # line is its subhead, read second, and its name cut at the line end (周|文博) joins as the story prints it
    columns = read_band(p8_band())
    assert columns[1][0].startswith("清晨") and columns[2][0] == "把技术送到村口"
    assert columns[2][1].endswith("周") and columns[2][2].startswith("文博")


def test_subheads_inside_glued_columns_are_read_with_them_and_the_signoff_stays_last():
    lines = dump_lines("p8_held_out", "立秋过后", "(治未病科)")
    blocks, runs = deinterleave_lines(list(segment_lines("\n".join(lines)).blocks()))
    text = "".join(b.text for b in blocks)
    assert "不少市民出现咽干" in text and "对应肺脏" in text and "百合、银耳" in text and "通风" in text
    assert [b.text for b in blocks].index("饮食宜润") < [b.text for b in blocks].index("起居有常")
    assert blocks[-1].text == "(治未病科)" and len(runs) == 1


@pytest.mark.parametrize(
    ("tail", "head", "score"),
    [
        ("把技术送到村口", "为了让更多群众少跑路，周", 0.0),  # a subhead over its paragraph
        ("周文博，从中医药", "为了让更多群众少跑路，周", -1.0),  # running text cut short goes on in no wider line
        ("（药剂科）", "谈起今后的打算，周文博", -1.0),  # nothing reads on under a sign-off
    ],
)
def test_join_scores_of_subheads_and_signoffs(tail, head, score):
    assert join_score(tail, head) == score


def test_a_one_line_paragraph_end_may_be_as_narrow_as_an_indent():
    full, short = (14.0, 14.0), (12.0, 12.0)
    assert paragraph_seam(full, False, 14.0, short, 14.0) < 0  # a first line under an open full line
    assert paragraph_seam(full, False, 14.0, short, 14.0, head_last=True) == 0.0  # ...unless it ends the paragraph


def test_a_column_that_signed_off_is_passed_over_for_nothing():
    # p6: a brief beside a story's column; after the brief's sign-off the story's column goes on alone
    lines = dump_lines("p6_held_out", "每天上午", "(耳鼻喉科)")
    texts = simplified(lines)
    seams = Seams(texts, texts, one_measure(texts))
    column = best_columns(texts, texts, seams)
    assert column is not None
    tail = lines.index("科室主任薛立群介绍，先天")
    own = column[tail]
    assert [column[k] for k in range(tail, tail + 4)] == [own] * 4  # 科室主任… to 以接近… read on in one column
