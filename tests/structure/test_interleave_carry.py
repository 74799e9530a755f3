"""Re-read column lines: a Latin run cut at a hyphen, and the roles of re-read column lines (real dump snippets)."""

from __future__ import annotations

from pathlib import Path

from newsclean.readers import segment_lines
from newsclean.structure.carry import cut_latin, starts_latin
from newsclean.structure.interleave import deinterleave_lines, seam_score

DEGRADED = Path(__file__).resolve().parents[2] / "fixtures" / "degraded"


def test_a_url_cut_at_a_hyphen_goes_on_in_a_latin_line():
    # p3_traditional/pdftotext.txt: the URL's second half comes two text blocks later, after a column-1 line
    tail = "04-2358-7766轉2210，或至本院官網www.renhe-"
    assert cut_latin(tail) and starts_latin("hosp.org.tw查詢。")
    assert seam_score(tail, "hosp.org.tw查詢。") > 0
    assert seam_score(tail, "藥劑部主任林美玲表示，過去尖峰時段常有病人") < 0


def test_a_finished_url_is_no_cut():
    assert not cut_latin("电话：0635-8276543 网址：www.mhszxyy.cn")
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
    from newsclean.structure.interleave import _mark_running_text

    lines = [
        "值班医生刘晓东看到心电图",
        "后，初步判断为急性下壁心肌梗",
        "及时补水 避免暴晒",
        "高温天气应尽量避开11时至16时外出，户外作业",
    ]
    out = _mark_running_text([Block("paragraph", t) for t in lines], [0, 0, 1, 1])
    assert [b.hints.get("role") for b in out] == ["para", "para", None, "para"]
