"""Page labels and jump lines as print and OCR give them: misread page numbers, jumps on a text line."""

from __future__ import annotations

import pytest

from newsclean.audit import audit_conservation
from newsclean.pipeline import clean_text

STORY = "# 医院新闻标题\n\n本院开展义诊活动，" + "惠及群众数百人次，" * 3 + "\n\n"
CONTINUED = "# 下一版的故事\n\n另一篇报道的正文内容。\n\n"


@pytest.mark.parametrize("label", ["第]版", "第I版", "第l版", "第|版"])
def test_a_misread_page_label_is_furniture(label):
    doc = clean_text(f"{label}\n\n{STORY}")
    assert [f.text for f in doc.furniture] == [label]
    assert all(label not in b.text for a in doc.articles for b in a.blocks)


@pytest.mark.parametrize("jump_in", ["（上接第]版）", "(上接第I版)"])
def test_a_misread_jump_line_is_furniture_and_joins_the_continuation(jump_in):
    dump = STORY + "（下转第2版）\n\n" + CONTINUED + jump_in + "\n\n造福一方百姓。\n"
    doc = clean_text(dump)
    assert [f.text.strip("（）()") for f in doc.furniture] == ["下转第2版", jump_in.strip("（）()")]
    texts = [b.text for a in doc.articles for b in a.blocks]
    assert not any("上接" in t for t in texts)
    assert any(t.endswith("造福一方百姓。") and "惠及群众" in t for t in texts)


def test_jump_lines_printed_on_a_text_line_are_cut_out_and_link_the_story():
    dump = (
        "# 标题\n\n本院开展义诊活动，惠及群众数百人次，（下转第2版）\n\n"
        "# 另一篇\n\n另一篇报道的正文内容。\n\n（上接第1版） 造福一方百姓。\n"
    )
    doc = clean_text(dump)
    assert [f.text for f in doc.furniture] == ["（下转第2版）", "（上接第1版）"]
    assert [b.text for b in doc.articles[0].blocks] == ["本院开展义诊活动，惠及群众数百人次，造福一方百姓。"]
    assert audit_conservation(dump, doc).ok


def test_a_page_reference_inside_a_sentence_is_not_a_jump_line():
    dump = "# 标题\n\n详见本报（第2版）的报道，另有安排。\n"
    doc = clean_text(dump)
    assert not doc.furniture


def test_every_jump_line_on_a_text_line_is_cut_in_one_pass():
    from newsclean.readers import segment_lines
    from newsclean.structure.furniture import detect_furniture

    once = detect_furniture(segment_lines("医院（下转第2版）（下转第2版）\n"), {})
    assert [f.text for f in once.furniture] == ["（下转第2版）", "（下转第2版）"]
    assert detect_furniture(once, {}) == once


def test_paper_name_after_an_ocr_speck_beside_the_date_is_masthead():
    # fixtures/degraded/p4_noisy_scan/tesseract.txt: a speck read as 。 before the paper's name
    text = "。 清沽县人民医院院报\n\n2025年11月20日 星期四\n\n我院开展专题教育活动\n\n本报记者 李静\n\n11月3日，我院启动专题教育活动。"
    doc = clean_text(text)
    assert any(f.kind == "masthead" and "院报" in f.text for f in doc.furniture)
    assert all("院报" not in (a.title or "") for a in doc.articles)


def test_a_paper_name_alone_on_its_page_first_line_is_masthead():
    # fixtures/degraded/p4_noisy_scan/tesseract-skew.txt: the skewed scan reads the date line far below it
    doc = clean_text(
        "清源县人民医院院报\n\n走进康复医学科训练大厅，减\n重步行训练系统、上下肢康复机器\n人等设备一字排开。"
    )
    assert [(f.kind, f.text) for f in doc.furniture] == [("masthead", "清源县人民医院院报")]
    assert all(a.title != "清源县人民医院院报" for a in doc.articles)


def test_a_headline_naming_a_paper_over_its_byline_is_no_masthead():
    doc = clean_text("本院专家做客市广播电视报\n\n本报记者 李静\n\n11月3日，我院专家走进直播间。")
    assert not doc.furniture
