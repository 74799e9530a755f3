"""Headline roles where the dump lost its spacing or its layout: bylines run together, lines set side by side.

The texts are made up; each case is the shape an extraction tool gives a
printed element, not the words of any fixture.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsclean.audit import audit_conservation
from newsclean.pipeline import clean_text
from newsclean.readers import segment_lines
from newsclean.structure.cues import is_byline, is_reporter_byline, unspaced_byline_parts
from newsclean.structure.dump_style import dump_style
from newsclean.structure.head import printed_lines
from newsclean.structure.roles import classify_lines

BODY = "3月5日上午，我院举办\n了一场健康讲座，吸引\n了很多市民参加，讲座\n结束后专家还为市民\n一一解答了疑问。"


def test_byline_that_lost_its_spaces_is_read_by_role_words_departments_and_surnames():
    assert unspaced_byline_parts("本报记者赵一通讯员钱二") == ["本报记者", "赵一", "通讯员", "钱二"]
    assert unspaced_byline_parts("記者孫小明") == ["記者", "孫小明"]
    assert unspaced_byline_parts("皮肤科郑小红") == ["皮肤科", "郑小红"]
    assert unspaced_byline_parts("孙丽郑芳") == ["孙丽", "郑芳"]
    assert is_byline("本报记者赵一") and is_byline("■皮肤科郑小红")
    # a department doing something, a festival, a headline: no name where the name would be
    for text in ("眼科义诊", "记者节", "皮肤科开展讲座", "健康讲堂", "王者归来"):
        assert unspaced_byline_parts(text) is None, text
        assert not is_byline(text), text


def test_ocr_page_with_no_blank_lines_keeps_label_headline_and_byline_apart():
    text = "健康讲堂\n我院举办春季健康讲座活动\n本报记者赵一\n" + BODY
    art = next(a for a in clean_text(text).articles if a.title)
    assert (art.section, art.title, art.byline) == ("健康讲堂", "我院举办春季健康讲座活动", "本报记者 赵一")
    assert art.blocks[0].text.startswith("3月5日上午")


def test_two_names_run_together_are_cut_by_surnames_and_flagged():
    text = "健康讲堂\n我院举办春季健康讲座活动\n■孙丽郑芳\n" + BODY
    art = next(a for a in clean_text(text).articles if a.title)
    assert art.byline == "孙丽 郑芳"
    assert any(f.kind == "uncertain_ocr" for f in art.flags)


def test_reporter_byline_read_mid_sentence_between_blank_lines_is_taken_out_and_the_text_joined():
    assert is_reporter_byline("本报记者 赵一") and not is_reporter_byline("赵一 钱二")
    text = (
        "上一篇写完了。\n\n我院举办春季健康讲座活动\n\n3月5日上午，我院举办\n了一场健康讲座，吸引\n了很多市民参加，讲座\n\n"
        "本报记者 赵一\n\n结束后专家还为市民解\n答了很多疑问。"
    )
    art = next(a for a in clean_text(text).articles if a.byline)
    assert art.byline == "本报记者 赵一"
    assert [b.text for b in art.blocks][-1:] == [
        "3月5日上午，我院举办了一场健康讲座，吸引了很多市民参加，讲座结束后专家还为市民解答了很多疑问。"
    ]
    assert any(f.kind == "uncertain_join" for f in art.blocks[-1].flags)


def test_pieces_of_one_dump_line_are_one_printed_headline_line():
    blocks = list(segment_lines("春季讲座开讲\n\n专家提醒注意防护\n\n另起一行的肩题很长").blocks())
    blocks[1] = replace(blocks[1], hints={**blocks[1].hints, "line": blocks[0].hints["line"]})
    assert [[b.text for b in line] for line in printed_lines(blocks)] == [
        ["春季讲座开讲", "专家提醒注意防护"],
        ["另起一行的肩题很长"],
    ]


def test_short_line_centred_in_a_fixed_width_column_is_a_heading():
    column = "市民参加了这一次讲座，讲座结束后专家还为\n市民解答了很多的问题。\n\n          注意饮食 适量运动\n\n  春季气温变化大，老年人要注意保暖，同时\n做好日常防护。"
    blocks = list(segment_lines(column).blocks())
    style, width = dump_style(blocks)
    assert style == "fixed"
    assert classify_lines(blocks, style, width)[2] == "head"


@pytest.mark.parametrize(
    ("page", "first", "last", "line"),
    [
        ("p2_two_sheets", 49, 76, "进入暑期以来，市中心医院儿科急诊接诊的儿童"),
        # three narrow columns below the story's two wider ones: two measures on one page
        ("p5_held_out", 6, None, "心配备高清视频会诊终端和影像传输系统，与全县十"),
    ],
)
def test_full_column_lines_with_clause_marks_set_apart_one_by_one_are_body_text(page, first, last, line):
    # fixtures/degraded/<page>/pdftotext.txt: pdftotext prints the lines of interleaved columns each between
    # blank lines; lines as wide as a column that stop mid-sentence are wrapped body lines
    from project_paths import ROOT

    lines = (ROOT / "fixtures" / "degraded" / page / "pdftotext.txt").read_text(encoding="utf-8").split("\n")
    doc = clean_text("\n".join(lines[first:last]))
    heads = [b.text for b in doc.blocks() if b.type == "heading"] + [a.title for a in doc.articles if a.title]
    assert not [h for h in heads if "，" in h], heads
    body = " ".join(b.text for b in doc.blocks() if b.type == "paragraph")
    assert line in body


def test_a_headline_over_a_dash_led_subtitle_stays_a_headline():
    # fixtures/degraded/p2_two_sheets/pdftotext.txt, its second sheet: no sentence starts with a dash,
    # but a subtitle does; the headline over it is no wrapped body line
    from project_paths import ROOT

    dump = ROOT / "fixtures" / "degraded" / "p2_two_sheets" / "pdftotext.txt"
    doc = clean_text(dump.read_text(encoding="utf-8"))
    heads = [(a.section, a.title, a.subtitle, a.byline) for a in doc.articles]
    assert ("科普园地", "高温天气如何预防热射病", "急诊科专家支招夏季防暑", "急诊科 周建华") in heads


# pdftotext prints a headline wrapped in a narrow column as two lines, the second short (p6 pdftotext)
WRAPPED_PAGE = (
    "简 讯\n\n我院开展春季健康\n讲座活动\n通讯员 钱二\n\n" + BODY + "\n\n"
    "健 康 课 堂\n\n我院举办“世界睡眠日”\n义诊活动\n通讯员 赵一\n\n" + BODY + "\n"
)


def test_short_last_line_of_a_wrapped_headline_over_its_byline_is_no_column_label():
    # the page sets its labels letter-spaced: a plain four-character line over a byline ends a headline
    titles = [(a.section, a.title, a.kicker) for a in clean_text(WRAPPED_PAGE).articles]
    assert titles == [
        ("简讯", "我院开展春季健康讲座活动", None),
        ("健康课堂", "我院举办“世界睡眠日”义诊活动", None),
    ]


def test_labels_of_modules_side_by_side_read_one_after_the_other_go_to_their_stories_in_order():
    # pdftotext reads a row of column labels across two modules before either module (p4, p6 pdftotext)
    text = (
        "科 室 巡 礼\n\n简 讯\n\n我院开展春季健康讲座活动\n通讯员 钱二\n\n" + BODY + "\n\n"
        "我院举办世界睡眠日义诊\n通讯员 赵一\n\n" + BODY + "\n"
    )
    assert [(a.section, a.title) for a in clean_text(text).articles] == [
        ("科室巡礼", "我院开展春季健康讲座活动"),
        ("简讯", "我院举办世界睡眠日义诊"),
    ]


def test_two_headlines_under_two_labels_are_two_modules_headlines_the_second_opened_by_its_byline():
    # pdftotext reads two modules' head rows across the page: both labels, both headlines, then the first
    # module's subtitle, byline and text, then the second module's byline and text (p7 pdftotext)
    text = (
        "院 务 动 态\n\n健 康 科 普\n\n我院与三家社区卫生服务中心签约\n\n春季过敏高发 外出防护要做好\n\n"
        "——专家下沉坐诊、检查结果互认\n本报记者 赵一\n\n" + BODY + "\n\n■ 呼吸科 钱二\n\n" + BODY + "\n"
    )
    arts = clean_text(text).articles
    assert [(a.section, a.kicker, a.title, a.byline) for a in arts] == [
        ("院务动态", None, "我院与三家社区卫生服务中心签约", "本报记者 赵一"),
        ("健康科普", None, "春季过敏高发 外出防护要做好", "呼吸科 钱二"),
    ]
    assert any(f.kind == "reassembled" for f in arts[0].flags)


def test_kicker_over_a_headline_under_two_labels_stays_so_where_no_second_byline_comes():
    text = (
        "院 务 动 态\n\n健 康 科 普\n\n我院与三家社区卫生服务中心签约\n\n专家下沉坐诊惠及十万居民\n\n本报记者 赵一\n\n"
        + BODY
        + "\n"
    )
    art = next(a for a in clean_text(text).articles if a.title)
    assert (art.section, art.kicker, art.title) == (
        "院务动态",
        "我院与三家社区卫生服务中心签约",
        "专家下沉坐诊惠及十万居民",
    )
    assert not any(f.kind == "reassembled" for f in art.flags)


def test_second_modules_headline_waits_for_a_byline_only_until_the_next_story_opens():
    # (review) it stayed pending past a story with its own headline and took a signoff further down
    other = "4月2日，医院在门诊楼\n举行护理技能大赛，五十\n名护士参加了比赛，评委\n现场打分并颁发证书。"
    text = (
        "院 务 动 态\n\n健 康 科 普\n\n我院与三家社区卫生服务中心签约\n\n春季过敏高发 外出防护要做好\n\n"
        "——专家下沉坐诊、检查结果互认\n本报记者 赵一\n\n"
        + BODY
        + "\n\n医院举办护理技能大赛\n\n本报记者 孙三\n\n"
        + other
        + "\n\n■ 王五\n\n"
        + BODY
        + "\n"
    )
    arts = clean_text(text).articles
    assert not any(a.title == "春季过敏高发 外出防护要做好" and a.byline == "王五" for a in arts)
    first = next(a for a in arts if a.byline == "本报记者 赵一")
    assert (first.kicker, first.title) == ("我院与三家社区卫生服务中心签约", "春季过敏高发 外出防护要做好")
    assert not any(f.kind == "reassembled" for f in first.flags)


def test_labels_stacked_over_a_headline_printed_after_its_body_stay_content():
    # (review) the trailing-headline reading dropped the upper labels: their text was lost
    raw = "义 诊活动\n简 讯\n了一场健康讲座，吸引\n通讯员 孙三\n（王五）\n本报记者 赵一"
    assert audit_conservation(raw, clean_text(raw)).ok
