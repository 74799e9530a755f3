"""Re-read column lines: a Latin run cut at a hyphen, and the roles of re-read column lines (real dump snippets)."""

from __future__ import annotations

from pathlib import Path

from newsclean.readers import segment_lines
from newsclean.structure.carry import LATIN, head_kind, tail_kind
from newsclean.structure.interleave import deinterleave_lines, seam_score

DEGRADED = Path(__file__).resolve().parents[2] / "fixtures" / "degraded"


def test_a_url_cut_at_a_hyphen_goes_on_in_a_latin_line():
    # p3_traditional/pdftotext.txt: the URL's second half comes two text blocks later, after a column-1 line
    tail = "04-2358-7766轉2210，或至本院官網www.renhe-"
    assert tail_kind(tail) == head_kind("hosp.org.tw查詢。") == LATIN
    assert seam_score(tail, "hosp.org.tw查詢。") > 0
    assert seam_score(tail, "藥劑部主任林美玲表示，過去尖峰時段常有病人") < 0


def test_a_finished_url_is_no_cut():
    assert tail_kind("电话：0635-8276543 网址：www.mhszxyy.cn") == ""
    assert seam_score("电话：0635-8276543 网址：www.mhszxyy.cn", "藥劑部主任林美玲表示") == 0.0


def _lead_run() -> str:
    # p1_three_columns/pdftotext.txt: the lead story's three columns, one line of each in turn
    text = (DEGRADED / "p1_three_columns" / "pdftotext.txt").read_text(encoding="utf-8")
    start = text.index("6月13日下午")
    return text[start : text.index("医 患 故 事")]


def test_re_read_column_lines_that_go_on_a_sentence_are_running_text():
    blocks, runs = deinterleave_lines(list(segment_lines(_lead_run()).blocks()))
    assert runs, "the three columns are re-read"
    texts = [b.text for b in blocks]
    wrapped = texts.index("五楼学术报告厅召开2025年医疗")  # no clause mark: it was taken for a heading
    assert texts[wrapped - 1] == "6月13日下午，我院在门诊楼"
    assert blocks[wrapped].hints.get("role") == "para"
    assert blocks[0].flags and blocks[0].flags[0].kind == "interleaved"


def test_a_paragraphs_first_line_over_its_column_is_running_text_a_heading_is_not():
    # p1_three_columns/pdftotext.txt (医患故事, column 2 opens with an indented paragraph) and
    # p2_two_sheets/pdftotext.txt (a 小标题 over its paragraph, much narrower than the column)
    from newsclean.model import Block
    from newsclean.structure.interleave import mark_running_text

    lines = [
        "值班医生刘晓东看到心电图",
        "后，初步判断为急性下壁心肌梗",
        "及时补水 避免暴晒",
        "高温天气应尽量避开11时至16时外出，户外作业",
    ]
    out = mark_running_text([Block("paragraph", t) for t in lines], [0, 0, 1, 1])
    assert [b.hints.get("role") for b in out] == ["para", "para", None, "para"]


def test_a_number_cut_before_its_unit_goes_on_in_the_unit():
    # p2_two_sheets/rapidocr.txt: 健康提醒's two columns alternate line by line; the day of the month is cut
    tail = "意外伤害病例明显增多。据统计，7月1日至8月15"
    assert seam_score(tail, "日，该院共接诊意外伤害患儿412人次，较去年同期") > 0
    assert seam_score(tail, "儿科主任医师孟庆华介绍，学龄前儿童好奇心") == 0.0


def test_a_line_with_a_couple_of_digits_still_has_a_width():
    # p1_three_columns/pdftotext.txt: a full line of column 2 over column 1's shorter line (two digits in it)
    from newsclean.structure.interleave import join_score

    assert join_score("疗质量是医院的生命线，全院上下", "会上，医务科通报了今年1—5") < 0
    # more digits than that: proportional widths, no evidence either way
    assert join_score("疗质量是医院的生命线，全院上下", "8.7天下降至7.9天，围手术期抗菌") == 0.0
