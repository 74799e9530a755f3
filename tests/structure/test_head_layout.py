"""Kicker or wrapped headline, read from a layout-keeping dump's positions (structure/head.py)."""

from __future__ import annotations

from newsclean.pipeline import clean_text
from newsclean.readers import segment_lines
from newsclean.structure.head import stacked_apart

# fixtures/degraded/p5_held_out/pdftotext-layout.txt: a short kicker centred over the headline, a blank line
# between; the lexicon tags 终点 an adverb, so the words alone read the kicker as wrapping into the headline
KICKER_OVER_HEADLINE = [
    "                                     出院不是终点",
    "",
    "                        延续护理让患者安心回家",
    "                                      通讯员 苏晓雯",
    "",
    "  今年以来，我院护理部组建了由三十余名骨干护士组成的延续护理团队，为行动不便的出院",
    "患者提供上门换药、管路维护、用药指导和康复训练等服务，目前已累计上门服务六百余人次。",
]


def _lines(rows: list[str]) -> list:
    return list(segment_lines("\n".join(rows)).blocks())


def test_centred_lines_a_blank_line_parts_are_stacked():
    kicker, headline = _lines(KICKER_OVER_HEADLINE)[:2]
    assert stacked_apart(kicker, headline)


def test_lines_at_the_margin_or_with_no_blank_line_between_are_not_stacked():
    # fixtures/degraded/p5_held_out/rapidocr.txt: the same lines with no positions and no blank line
    kicker, headline = _lines(["出院不是终点", "", "延续护理让患者安心回家"])[:2]
    assert not stacked_apart(kicker, headline)
    kicker, headline = _lines([KICKER_OVER_HEADLINE[0], KICKER_OVER_HEADLINE[2]])
    assert not stacked_apart(kicker, headline)


def test_a_short_kicker_stacked_over_the_headline_is_the_kicker():
    art = clean_text("\n".join(KICKER_OVER_HEADLINE)).articles[0]
    assert (art.kicker, art.title, art.byline) == ("出院不是终点", "延续护理让患者安心回家", "通讯员 苏晓雯")
    assert not any(f.kind == "uncertain_join" for f in art.flags)  # the layout says stacked, not side by side


def test_headline_phrases_broken_onto_two_lines_without_positions_stay_one_headline():
    # fixtures/degraded/p3_traditional/pdftotext.txt: the two phrases printed side by side, one per line
    rows = [
        "院 務 動 態",
        "",
        "智慧藥局上線",
        "",
        "領藥等候時間縮短一半",
        "記者 黃志明",
        "",
        "本院門診智慧藥局於9月1日正式啟用。新系統結",
        "合自動配藥機器人與電子叫號看板，病人完成批價",
        "後，處方即同步傳送至藥局，平均領藥等候時間由原",
        "本的18分鐘縮短為8分鐘。",
    ]
    art = clean_text("\n".join(rows)).articles[0]
    assert (art.kicker, art.title) == (None, "智慧藥局上線 領藥等候時間縮短一半")


def test_a_line_centred_right_under_a_headline_line_is_its_wrapped_rest():
    from newsclean.structure.head import centred_under

    # fixtures/degraded/p6_held_out/pdftotext-layout.txt, the right-hand column's headline (here laid out in
    # display cells: 20 cells wide from cell 4, its rest 8 cells wide from cell 10)
    rows = [
        " " * 4 + "我院开展“三八”妇女节",
        " " * 10 + "义诊活动",
        " " * 8 + "通讯员 包雨晴",
        "",
        "3月8日上午，我院组织妇科专家义诊。",
    ]
    upper, lower = _lines(rows)[:2]
    assert centred_under(upper, lower)
    art = clean_text("\n".join(rows)).articles[0]
    assert (art.kicker, art.title) == (None, "我院开展“三八”妇女节义诊活动")


def test_lines_at_the_margin_or_set_apart_are_not_centred_under():
    from newsclean.structure.head import centred_under

    assert not centred_under(*_lines(["我院开展“三八”妇女节", "义诊活动"]))  # no positions
    assert not centred_under(*_lines([" " * 4 + "我院开展“三八”妇女节", "", " " * 10 + "义诊活动"]))
    assert not centred_under(*_lines([" " * 4 + "我院开展“三八”妇女节", " " * 4 + "义诊活动"]))  # flush left
    assert not centred_under(*_lines([" " * 4 + "纲举目张", " " * 4 + "运笔开局"]))  # two phrases stacked


def test_a_short_line_over_a_headline_twice_its_length_is_its_kicker():
    # fixtures/degraded/p6_held_out/markitdown.txt: a hard-wrapped dump; a wrap fills its first line, so
    # a line half as long as the one under it was set over it
    from project_paths import ROOT

    dump = ROOT / "fixtures" / "degraded" / "p6_held_out" / "markitdown.txt"
    art = clean_text(dump.read_text(encoding="utf-8")).articles[0]
    assert (art.section, art.kicker, art.title) == ("要闻", "守护生命起点", "我院危重孕产妇救治中心通过省级评审")
