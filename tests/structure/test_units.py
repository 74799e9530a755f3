"""Small unit cases for the structure cleaners."""

from __future__ import annotations

from newsclean.readers import segment_lines
from newsclean.registry import get_cleaner
from newsclean.structure.cues import join_text


def run(text, *names):
    doc = segment_lines(text)
    for name in names:
        doc = get_cleaner(name)(doc, {})
    return doc


def test_join_never_spaces_cjk_and_keeps_latin_space():
    assert join_text("中医专", "家、护理骨干") == "中医专家、护理骨干"
    assert join_text("Central", "Hospital") == "Central Hospital"
    assert join_text("筛查 8000", "余人次") == "筛查 8000余人次"


def test_lone_quote_and_whitespace_lines_absorbed():
    doc = run("他说，面对问题,我们\n\n“\n\n 要坚持到底。”\n\n下一段开始了。", "rejoin_lines")
    assert [b.text for b in doc.blocks()][0] == "他说，面对问题,我们“要坚持到底。”"


def test_headline_not_swallowed_after_cut_paragraph():
    text = "为切实保障安全,副市长一行到我院检查。\n\n他叮嘱,该系统是保护医护人员人身安全\n\n我院举办 2025 年干部培训班\n\n\n\n10月15日,培训班开班。"
    doc = run(text, "rejoin_lines", "build_articles", "reassemble_fragments")
    assert [a.title for a in doc.articles][-1] == "我院举办 2025 年干部培训班"
    assert any(f.kind == "lost_text" for f in doc.flags())


def test_fixed_width_short_line_closes_paragraph():
    text = (
        "一二三四五六七八九十一二三四五六七八九十\n"
        "一二三四五六七八九十一二三四五六七八九十\n"
        "结束了。\n"
        "一二三四五六七八九十一二三四五六七八九十\n"
        "再结束。\n"
    )
    doc = run(text, "rejoin_lines")
    assert len(list(doc.blocks())) == 2


def test_jump_lines_go_to_furniture_and_rejoin():
    text = (
        "# 甲标题\n\n■ 张三\n\n会议强调，基层医疗机构是重要保障。各级医院要做好守护\n\n（下转第2版）\n\n"
        "第2版\n\n# 乙标题\n\n乙的正文。\n\n（上接第1版）\n\n群众健康的第一道防线。"
    )
    doc = run(text, "detect_furniture", "rejoin_lines", "build_articles", "reassemble_fragments")
    assert {f.kind for f in doc.furniture} == {"other", "header"}
    assert any("守护群众健康的第一道防线" in b.text for b in doc.blocks())


def test_segmentation_score_is_our_own_and_jieba_tokenizer_never_loads():
    import subprocess
    import sys

    from newsclean.lexicon import segmentation_score

    assert segmentation_score("是冰冷的技术") > segmentation_score("是冷冰的术技")
    script = (
        "import sys; from newsclean.pipeline import clean_text; from newsclean.readers import read_path; "
        "from project_paths import SEEDS; [clean_text(read_path(p).text) for p in SEEDS]; "
        "print('jieba' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=__file__.rsplit("/", 2)[0]
    )
    assert out.stdout.strip() == "False"
    assert "prefix dict" not in out.stderr


def test_count_after_a_bare_noun_is_lost_text_not_a_join():
    from newsclean.structure.rejoin import lost_between

    assert lost_between("实施精准干预,全生规程", "5个百分点,65岁及以上老年人")
    assert not lost_between("签约率提高了", "5个百分点")
    assert not lost_between("2022年", "6月")


def test_continued_story_is_followed_to_its_end_in_one_pass():
    from newsclean.structure.reassembly import reassemble_fragments

    doc = segment_lines("医院\n# 医院\n，\n（宣传科）\n开展\n", "t")
    once = reassemble_fragments(doc, {})
    assert reassemble_fragments(once, {}).to_dict() == once.to_dict()


def test_interleave_search_is_bounded_per_segment():
    import time

    from newsclean.structure.reassembly import _best_reorder

    seg = "当专业的操作与温柔的抚慰相伴医疗不再是冰冷的技术而成了有温度的艺术" * 7
    _best_reorder.cache_clear()
    started = time.process_time()
    _best_reorder(seg[:240])
    assert time.process_time() - started < 0.5


def test_headline_cluster_after_a_story_is_read_whatever_its_width():
    # hard-wrapped dump: the headline is as wide as a column line, yet it sits between a
    # finished sentence and a column label with a byline under it
    text = (
        "他说这是一个很好的开头。\n我院召开2025年医疗质量安全推进\n医患故事\n■ 张磊 李娜\n"
        "6月8日凌晨2时许，72岁的刘大爷在睡梦中突感胸口\n剧烈疼痛。"
    )
    doc = run(text, "detect_furniture", "rejoin_lines", "build_articles")
    assert [b.text for b in doc.blocks()][0] == "他说这是一个很好的开头。"
    assert doc.articles[-1].byline == "张磊 李娜"


def test_late_headline_claimed_by_vocabulary_not_position():
    # two stories opened by label and byline only; their headlines come at the end, in either order
    text = (
        "要闻\n本报记者 王雪\n我院召开质量安全推进会，全院科室主任参加。\n（宣传科）\n"
        "简讯\n通讯员 赵敏\n我院开展无偿献血活动，共有86人成功献血。\n（宣传科）\n"
        "我院开展无偿献血活动\n我院召开质量安全推进会\n"
    )
    doc = run(text, "detect_furniture", "rejoin_lines", "build_articles")
    assert [(a.section, a.title) for a in doc.articles] == [
        ("要闻", "我院召开质量安全推进会"),
        ("简讯", "我院开展无偿献血活动"),
    ]


def test_newsletter_name_and_column_label_are_not_bylines():
    from newsclean.structure.cues import is_byline

    assert not is_byline("简讯") and not is_byline("仁和醫院院訊")
    assert is_byline("聊城报道") and is_byline("国晓宁 聊城报道")


def test_doubled_line_is_not_a_running_header():
    text = "58分钟打通生命通道\n58分钟打通生命通道\n正文开始了。\n"
    doc = run(text, "detect_furniture")
    assert not doc.furniture


def test_markdown_bold_is_a_hint_for_the_headline():
    doc = run("## 跨团队接力九十八天 **早产儿平安回家**\n\n■ 张三\n\n正文开始。", "build_articles")
    a = doc.articles[0]
    assert (a.kicker, a.title, a.byline) == ("跨团队接力九十八天", "早产儿平安回家", "张三")
    assert any(c.before.startswith("跨团队") and "**" not in c.after for c in doc.changes)


def test_stacked_section_labels_are_not_lost():
    from newsclean.audit import audit_conservation

    text = "党 建 引 领\n\n简 讯\n\n我院开展专题教育活动\n本报记者 李静\n\n11月3日，我院启动专题教育。"
    doc = run(text, "rejoin_lines", "build_articles")
    assert audit_conservation(text, doc).ok
    assert [a.section for a in doc.articles] == ["党建引领", "简讯"]


def _clean(text):
    from newsclean.audit import audit_conservation
    from newsclean.pipeline import clean_text

    doc = clean_text(text, source="t.txt")
    assert audit_conservation(text, doc).ok
    return doc


def test_mid_line_byline_splits_headline_byline_and_lead():
    # OCR put the headline, the byline and the lead on one line
    text = (
        "他说完了。\n\n社区义诊走进千家万户 群众健康有保障本报记者 周明 近日，我院组织专家团队走进社区，"
        "为居民提供免费义诊服务。活动持续一整天。"
    )
    doc = _clean(text)
    a = doc.articles[-1]
    assert (a.title, a.byline) == ("社区义诊走进千家万户 群众健康有保障", "本报记者 周明")
    assert a.blocks[0].text.startswith("近日，我院组织专家团队")
    assert any("line cut" in c.reason for c in doc.changes)


def test_mid_line_byline_not_split_inside_a_sentence():
    # text before the byline has sentence punctuation: a byline misplaced in body text stays as read
    text = "他说完了。\n\n据统计，平均住院日由去年同期的本报记者 王雪8.7天下降至7.9天，效果明显。"
    doc = _clean(text)
    assert all(a.byline is None for a in doc.articles)


def test_bracketed_or_barred_label_at_line_start_is_a_section():
    from newsclean.structure.cues import section_label

    assert section_label("[要间") == "要间" and section_label("简讯|") == "简讯" and section_label("[要间 |") == "要间"
    assert section_label("从旦]") is None and section_label("[1]") is None
    doc = _clean(
        "他说完了。\n\n简讯|我院开展义诊活动\n\n通讯员 赵敏\n\n6月14日，我院在门诊广场开展义诊活动，居民踊跃参与。"
    )
    a = doc.articles[-1]
    assert (a.section, a.title, a.byline) == ("简讯", "我院开展义诊活动", "通讯员 赵敏")


def test_headline_under_section_label_set_off_by_blank_line():
    # a headline as wide as a wrapped column line, under a label and parted from the lead by a blank line
    lines = [
        "甲" * 14 + "。",
        "乙" * 14 + "。",
        "",
        "[要间",
        "",
        "我院召开2025年医疗质量安全推进会",
        "",
        "6月13日下午，我院在门诊楼",
        "五楼学术报告厅召开医疗质量",
        "安全推进会，各科室主任参加。",
    ]
    doc = _clean("\n".join(lines))
    a = doc.articles[-1]
    assert (a.section, a.title) == ("要间", "我院召开2025年医疗质量安全推进会")
    assert a.blocks[0].text.startswith("6月13日下午")


def _layout_page(rows):
    return "\n".join(rows)


def test_layout_headline_straddling_columns_with_centred_byline_stays_whole():
    from newsclean.structure.columns import split_columns

    rows = [
        "    暑期儿童意外伤害就诊量上升                    专家提醒做好防护",
        "                                  本报记者 孙悦",
        "",
        "  进入暑期以来，市中心医院儿科急诊          儿科主任医师介绍，学龄前儿童好",
        "接诊的儿童意外伤害病例明显增多。            奇心强、自我保护意识弱，是意外",
        "据统计，该院共接诊患儿四百余人次，          伤害的高发人群。家长要特别注意",
        "较去年同期增长约两成。                      窗户、阳台的防护。",
    ]
    blocks, bands = split_columns(list(segment_lines(_layout_page(rows)).blocks()))
    texts = [b.text.strip() for b in blocks]
    assert texts[:3] == ["暑期儿童意外伤害就诊量上升", "专家提醒做好防护", "本报记者 孙悦"]
    assert texts.index("较去年同期增长约两成。") < texts.index("奇心强、自我保护意识弱，是意外")


def test_layout_label_row_opens_next_module_and_head_pieces_go_one_per_column():
    from newsclean.structure.columns import split_columns

    rows = [
        "  甲栏正文第一行文字写在这里，          乙栏正文第一行文字写在这里，",
        "甲栏正文第二行文字写在这里。            乙栏正文第二行文字写在这里。",
        "甲栏正文第三行文字写完了。              乙栏正文第三行文字写完了。",
        "",
        "",
        "医 病 故 事                        衛 教 專 欄",
        "",
        "    跨團隊接力九十八天                 秋季流感疫苗開打     長者兒童優先",
        "  早產兒平安回家                              ——接種前後注意事項",
        "      ■ 新生兒科 吳佩珊                        家庭醫學科 蔡明哲",
        "",
        "  今年6月，懷孕僅26週的陳太              今年度公費流感疫苗將於10月1",
        "太因妊娠高血壓緊急剖腹產，產下            日起開放接種，65歲以上長者、",
        "體重只有780公克的女嬰。                   孕婦及慢性病患者為優先對象。",
    ]
    blocks, bands = split_columns(list(segment_lines(_layout_page(rows)).blocks()))
    texts = [b.text.strip() for b in blocks]
    # the first module is read column by column before the second module's labels
    assert texts.index("乙栏正文第三行文字写完了。") < texts.index("医 病 故 事")
    # the headline cut in two by a narrow gap stays one piece in the second column
    right = texts.index("衛 教 專 欄")
    assert texts[right : right + 4] == [
        "衛 教 專 欄",
        "秋季流感疫苗開打     長者兒童優先",
        "——接種前後注意事項",
        "家庭醫學科 蔡明哲",
    ]
    assert texts.index("體重只有780公克的女嬰。") < right
