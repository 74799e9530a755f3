"""pdftotext's default mode, each line set apart by a blank line (fixtures/degraded p2 and p5).

Three patterns of that dump: two columns whose lines alternate row by row with little lexical evidence at the
seams; a subhead at a column's head sorted after the column's foot, behind the story's sign-off; and a
headline of two phrases side by side that comes out as two lines.
"""

from __future__ import annotations

from pathlib import Path

from newsclean.pipeline import clean_text
from newsclean.readers import read_path
from newsclean.structure.head import two_phrase_headline

DEGRADED = Path(__file__).resolve().parents[2] / "fixtures" / "degraded"


def cleaned(page: str):
    path = DEGRADED / page / "pdftotext.txt"
    return clean_text(read_path(path).text, source=str(path))


def article(doc, title_part: str):
    return next(a for a in doc.articles if a.title and title_part in a.title)


def test_two_columns_alternating_row_by_row_are_re_read_on_the_rhythm_alone():
    # 11月28日…中 | 了老人…并 | 心配备…十 | 与乡镇…住进了 | 二家… : every row visits both columns in turn, and the
    # seams show only a few words across them (中|心, 十|二, 同|时): the strict rhythm needs less of them
    story = article(cleaned("p5_held_out"), "远程会诊中心投入使用")
    text = "".join(b.text for b in story.blocks)
    assert "正式投入使用。中心配备高清视频会诊终端" in text
    assert "与全县十二家乡镇卫生院" in text and "调阅了老人的胸部影像" in text and "同时开展基层医生线上培训" in text
    assert any(f.kind == "interleaved" for b in story.blocks for f in b.flags)


def test_a_subhead_printed_after_its_story_goes_back_before_the_paragraph_that_names_it():
    story = article(cleaned("p5_held_out"), "延续护理让患者安心回家")
    types = [(b.type, b.text[:6]) for b in story.blocks]
    at = types.index(("heading", "一张联系卡连"))
    assert types[at + 1] == ("paragraph", "每位患者出院")
    assert any(f.kind == "reassembled" for f in story.blocks[at].flags)


def test_two_headline_lines_of_equal_weight_are_one_headline_of_two_phrases():
    doc = cleaned("p2_two_sheets")
    story = article(doc, "暑期儿童意外伤害就诊量上升")
    assert story.title == "暑期儿童意外伤害就诊量上升 专家提醒做好防护" and story.kicker is None
    assert article(doc, "全市基层医疗服务能力提升培训班开班").kicker == "聚焦基层卫生人才培养"


def test_a_kicker_is_shorter_than_its_headline_unless_the_headline_is_whole_in_itself():
    assert two_phrase_headline("秋季流感疫苗开打", "长者儿童优先")
    assert not two_phrase_headline("守护生命起点", "我院危重孕产妇救治中心通过省级评审")
    assert not two_phrase_headline("一年帮助300余名患者恢复行走能力", "康复医学科：让患者重新站起来")
    assert not two_phrase_headline("我院与五家乡镇卫生院组建紧密型医共体", "春季过敏高发 这些防护要做好")


def test_a_column_printed_after_the_brief_beside_it_goes_back_to_the_story_its_signoff_names():
    # p6: the story 新生儿听力筛查… (no sign-off of its own; its text names 耳鼻喉科) has its last column printed
    # after the brief beside it, which signs off （宣传科）; that column signs off （耳鼻喉科）
    doc = cleaned("p6_held_out")
    story = article(doc, "新生儿听力筛查实现全覆盖")
    text = "".join(b.text for b in story.blocks)
    assert "科室主任薛立群介绍" in text and story.blocks[-1].text == "（耳鼻喉科）"
    assert any(f.kind == "reassembled" for b in story.blocks for f in b.flags)
    assert not [a for a in doc.articles if not a.title and any("薛立群" in b.text for b in a.blocks)]
