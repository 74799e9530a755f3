"""Headline roles on OCR dumps: misread markers, dashes and brackets, labels that lost spaces, kickers.

The texts are made up; each case is the shape an OCR engine gives a printed
element, not the words of any fixture.
"""

from __future__ import annotations

from newsclean.pipeline import clean_text
from newsclean.structure.cues import byline_marker, dash_lead, is_byline, is_signoff, section_label


def test_byline_marker_misread_as_boxed_character_only_when_set_apart():
    assert byline_marker("国 王小明 李四") == "国 "
    assert byline_marker("罩 外科 赵六") == "罩 "
    assert byline_marker("国庆华 通讯员 张三") == ""  # 国 is a surname when it is part of the name
    assert is_byline("国 外科 赵六")


def test_single_character_is_not_a_role_token_and_label_that_lost_spaces_is_a_label():
    assert not is_byline("健 康讲堂")
    assert section_label("健 康讲堂") == "健康讲堂"
    assert section_label("王 芳芳") is None  # a spaced name is too short for a label
    assert section_label("国 王小明 李四") is None


def test_dash_read_by_ocr_leads_a_subtitle():
    assert dash_lead("-一访基层医生") == "-一"
    assert dash_lead("一一写在世界献血日") == "一一"
    assert dash_lead("一 专家谈夏季养生") == "一 "
    assert dash_lead("一 个月以来") is None  # 一个 is a word: a spaced line start, not a dash


def test_signoff_with_misread_opening_bracket():
    assert is_signoff("《宣传科)") and is_signoff("[院办）")
    assert not is_signoff("《健康报》")


def _page(*head_lines: str) -> str:
    """A hard-wrapped OCR page: body lines wrapped tight, blocks set apart by blank lines."""
    before = "上一篇文章的最后一段，\n写到这里就写完了，\n后面是另一篇文章。"
    body = "3月5日上午，我院举办\n了一场健康讲座，吸引\n了很多市民参加，讲座\n结束后专家还为市民\n一一解答了疑问。"
    return "\n\n".join([before, *head_lines, body, "（宣传科）"])


def test_two_stacked_headline_lines_over_a_byline_are_kicker_and_headline():
    doc = clean_text(_page("社区义诊进万家活动启动", "百名医生走进社区", "国 本报记者 王小明"))
    art = next(a for a in doc.articles if a.title)
    assert (art.kicker, art.title, art.byline) == ("社区义诊进万家活动启动", "百名医生走进社区", "本报记者 王小明")
    assert any(f.kind == "uncertain_join" for f in art.flags)


def test_headline_wrapped_over_two_lines_stays_one_headline():
    doc = clean_text(_page("我院开展“世界无烟", "日”主题宣传活动", "通讯员 张三"))
    art = next(a for a in doc.articles if a.title)
    assert (art.kicker, art.title) == (None, "我院开展“世界无烟日”主题宣传活动")
    doc = clean_text(_page("社区医院聚焦基层卫", "生服务能力建设", "通讯员 张三"))
    art = next(a for a in doc.articles if a.title)
    assert (art.kicker, art.title) == (None, "社区医院聚焦基层卫生服务能力建设")


def test_ocr_speckle_by_a_headline_is_dropped_and_flagged():
    doc = clean_text(_page("”我院举办“爱眼日”义诊活动", "通讯员 张三"))
    art = next(a for a in doc.articles if a.title)
    assert art.title == "我院举办“爱眼日”义诊活动"
    doc = clean_text(_page("xe", "我院举办护士节表彰大会", "通讯员 张三"))
    art = next(a for a in doc.articles if a.title)
    assert art.title == "我院举办护士节表彰大会"
    assert any(f.kind == "uncertain_ocr" for f in art.flags)


def test_signoff_read_after_the_next_headline_goes_to_the_story_before():
    lead = "我院召开护理工作会议\n\n通讯员 李四\n\n5月8日，我院召开护\n理工作会议，总结了\n一年来的工作。"
    body = "5月12日，我院举办了\n护士节表彰大会，表彰\n了优秀护士。"
    text = "\n\n".join([lead, "我院举办护士节表彰大会", "通讯员 张三", "（院办）", body, "（宣传科）"])
    first, second = clean_text(text).articles
    assert first.blocks[-1].text == "（院办）"
    assert second.title == "我院举办护士节表彰大会" and second.blocks[0].type == "paragraph"


# fixtures/degraded/p5_held_out/tesseract.txt: a story's credit, then the next story's headline as wide as
# the page's narrow columns, alone between blank lines; its byline, centred over the second column, is read
# after the first column's block
AFTER_CREDIT = """沈阿姨的女儿说，以前最担心
母亲出院后没人照看，现在护士定
期上门，遇到问题打个电话就能问
清楚，全家人心里都踏实了。护理
部主任邹敏介绍，下一步将把服务
范围扩大到周边乡镇。

(护理部)

冬季老人防跌倒要做到三点

冬季地面湿滑，老年人衣着厚
重，行动不如平时灵活，跌倒的风
险明显增加。老人跌倒后容易发生
骨折，有的甚至长期扑床，给家庭
带来沉重负担。

康复科 黎文涛
康复科医生提醒，预防跌倒首
先要改善居家环境，在卫生间和床
边加装扶手，夜间保留一瘟小灯;
其次要穿防滑的鞋子，起床时做到
慢坐起、慢站立; 最后要坚持适度"""


def test_a_line_alone_after_a_credit_is_the_next_headline_however_wide():
    first, second = clean_text(AFTER_CREDIT).articles
    assert first.blocks[-1].type == "signoff"
    assert (second.title, second.byline) == ("冬季老人防跌倒要做到三点", "康复科 黎文涛")
    assert second.blocks[0].text.startswith("冬季地面湿滑")


def test_a_line_after_a_credit_that_runs_on_in_its_block_is_body_text():
    text = AFTER_CREDIT.replace("冬季老人防跌倒要做到三点\n\n", "冬季老人防跌倒要做到三点\n")
    assert all(a.title != "冬季老人防跌倒要做到三点" for a in clean_text(text).articles)


# Shapes from fixtures/degraded/p1_three_columns/tesseract-skew.txt (the page turned 2°, speckled), in made-up words:
# a speck read as a comma on a line of its own over the headline, the headline as wide as a column line and
# alone between blank lines, the byline's square read as 看, the ——记 subtitle read as 一 and a space.
SKEWED = """2025年第5期 总第117期 2025年5月9日 星期五 本期四版

                 ，

我院召 开2025年护理工作质量推进会

5月6日下午，我院在门诊楼
五楼学术报告厅召开2025年护理
工作质量推进会。会议由副院长李
四主持。

| 医患故事 |                                            LE

八旬老人深夜突发脑梗
40分钟打通“绿色通道"

一 记神经内科卒中团队的一次夜间抢救

看 王明 赵亮

5月2日凌晨，82岁的李大爷
在家中突然口角歪斜，家人立即拨
打120急救电话。

心内科)

也4 明湖市新华路88号“电话:…0635-8276543 网址: www mhsaqy en"""


def test_skewed_ocr_headline_cluster_is_read_as_printed():
    doc = clean_text(SKEWED)
    first, second = [a for a in doc.articles if a.title]
    assert first.title == "我院召开2025年护理工作质量推进会"
    assert (second.section, second.title) == ("医患故事", '40分钟打通“绿色通道"')  # an odd quote is left as it is
    assert (second.kicker, second.subtitle, second.byline) == (
        "八旬老人深夜突发脑梗",
        "记神经内科卒中团队的一次夜间抢救",
        "王明 赵亮",
    )
    assert second.blocks[-1].type == "signoff"
    assert any(f.kind == "footer" and "网址" in f.text for f in doc.furniture)


def test_speckle_line_is_dropped_logged_and_flagged():
    doc = clean_text(SKEWED)
    dropped = [c for c in doc.changes if c.before.strip() == "，" and c.after == ""]
    assert len(dropped) == 1 and SKEWED[dropped[0].span.start : dropped[0].span.end].strip() == "，"
    first = next(a for a in doc.articles if a.title)
    assert any(f.kind == "uncertain_ocr" and "speckle" in f.note for f in first.flags)
    assert not any(b.text.startswith("，") for a in doc.articles for b in a.blocks)


def test_ocr_misreads_of_credit_shapes():
    assert byline_marker("看 王明 赵亮") == "看 " and byline_marker("看 王明") == ""  # one name: no byline shape
    assert is_byline("通讯员王敏 ，")  # a speck read as a comma after the name
    assert section_label("| 健康课堂 |" + " " * 30 + "Ik") == "健康课堂"
    assert dash_lead("一 记援疆医生的一天和一夜") == "一 " and dash_lead("一 记重拳") is None
    assert is_signoff("护理部)") and not is_signoff("好的)")


# fixtures/degraded/p2_two_sheets/tesseract.txt: the subtitle printed beside the headline is read by OCR under
# the first subhead of the story's second column (made-up words, same shapes)
LATE_SUBTITLE = """科 普园地

冬季如何预防一氧化碳中毒

国 急诊科 王明

近期我市气温骤降，急诊科陆续接诊多名一
氧化碳中毒患者。

使用燃气热水器时要保持通风。

老人儿童要格外注意

一 急诊科专家支招冬季防中毒

老人和儿童更要格外注意。

（急诊科）"""


def test_a_subtitle_read_under_a_subhead_goes_back_to_its_headline():
    (story,) = clean_text(LATE_SUBTITLE).articles
    assert (story.title, story.subtitle) == ("冬季如何预防一氧化碳中毒", "急诊科专家支招冬季防中毒")
    assert [b.type for b in story.blocks] == ["paragraph", "paragraph", "heading", "paragraph", "signoff"]
    assert any(f.kind == "reassembled" and "subtitle" in f.note for f in story.flags)


def test_a_printed_subtitle_under_a_subhead_is_not_moved():
    text = LATE_SUBTITLE.replace("一 急诊科专家", "——急诊科专家")  # a printed dash: no OCR dump, nothing read late
    assert all(a.subtitle is None for a in clean_text(text).articles)


def test_a_label_shaped_piece_inside_a_sentence_is_body_text():
    # fixtures/degraded/p5_held_out/tesseract.txt: a paragraph's end garbled by OCR into 人 台 / 日且刀。
    text = """院长韩启明表示，远程会诊把专家资源送到了群
众家门口。今后医院还将每周安排专家固定坐诊，同
时开展基层医生线上培训，帮助乡镇卫生院提高常见

病、多发病的诊

人 台
日且刀。

出院不是终点

延续护理让患者安心回家

今年以来，我院护理部组建了
由三十余名骨干护士组成的延续护
理团队，为行动不便的出院患者提
供上门换药、管路维护、用药指导。"""
    doc = clean_text(text)
    assert all(a.section != "人台" for a in doc.articles)
    assert any("人 台" in b.text or "人台" in b.text for a in doc.articles for b in a.blocks)


# fixtures/degraded/p4_noisy_scan/tesseract.txt: OCR reads the head of the story set beside another story's text
# before that text, so two headlines come one after the other and both stories' text after them (made-up words)
STACKED_HEADS = """科室主任杨柳介绍，康复介入
越早，患者功能恢复的效果越好。

下一步，科室将探索开展居家康复
指导，让更多患者在家门口享受专
业康复服务。

我院开展“文明服务”专题活动

本报记者 李静

(康复医学科)

我院举办“世界肾脏日”义诊活动

通讯员 陈晨

3月2日，我院启动为期
一个月的“文明服务”专题
活动。活动以“守初心、
优服务”为主题，引导全
院职工改善服务态度。

活动期间，各科室对照
问题清单逐项整改，提升
患者的就医体验。

3月14日是“世界肾脏日”。我院肾内
科医护人员走进城关镇幸福社区，为居民
免费测量血压，共服务居民150余人次。"""


def test_two_headlines_read_before_both_bodies_get_their_own_text():
    before, first, second = clean_text(STACKED_HEADS).articles
    assert before.blocks[-1].type == "signoff"  # the credit under the story before stays with it
    assert first.title == "我院开展“文明服务”专题活动"
    assert [b.text[:5] for b in first.blocks] == ["3月2日，", "活动期间，"]
    assert second.title == "我院举办“世界肾脏日”义诊活动"
    assert [b.text[:6] for b in second.blocks] == ["3月14日是"]
    assert any(f.kind == "reassembled" for f in first.blocks[0].flags)


def test_a_lone_quote_between_the_two_phrases_of_a_headline_is_a_speck():
    # fixtures/degraded/p5_held_out/tesseract.txt reads a speck in the gap between the headline's phrases as ”
    doc = clean_text(_page("远程会诊中心投入使用”乡镇患者不出村看专家", "通讯员 张三"))
    art = next(a for a in doc.articles if a.title)
    assert art.title == "远程会诊中心投入使用 乡镇患者不出村看专家"
    assert any(f.kind == "uncertain_ocr" and "speck" in f.note for f in art.flags)
    doc = clean_text(_page("我院开展“世界无烟日”主题宣传活动", "通讯员 张三"))
    assert next(a for a in doc.articles if a.title).title == "我院开展“世界无烟日”主题宣传活动"


def test_a_headline_with_a_colon_between_two_phrases_alone_at_a_story_start():
    # fixtures/degraded/p4_noisy_scan/tesseract.txt: OCR sets the headline as wide as a column line
    rows = [
        "第4版",
        "",
        "康复医学科: 让患者重新站起来",
        "",
        "走进康复医学科训练大厅, 减",
        "重步行训练系统、上下肢康复机器",
        "人等设备一字排开，治疗师们正一",
        "对一指导患者进行训练。去年以",
    ]
    art = clean_text("\n".join(rows)).articles[0]
    assert art.title == "康复医学科：让患者重新站起来"
    assert art.blocks[0].text.startswith("走进康复医学科训练大厅")


def test_subtitle_dash_read_as_one_hyphen_rapidocr():
    # RapidOCR reads a subtitle's —— as one hyphen; without it the four head lines ran into one headline
    text = (
        "要闻\n春风化雨润心田\n我院心理门诊开诊一周年接待患者千余人次\n-三年服务患者一千余人次\n本报记者赵一\n"
        "3月5日上午，我院举办\n了一场健康讲座，吸引\n了很多市民参加，讲座\n结束后专家还为市民\n一一解答了疑问。\n"
    )
    art = next(a for a in clean_text(text).articles if a.title)
    assert (art.section, art.kicker, art.title, art.subtitle) == (
        "要闻",
        "春风化雨润心田",
        "我院心理门诊开诊一周年接待患者千余人次",
        "三年服务患者一千余人次",
    )
    assert dash_lead("- 列表项") is None and dash_lead("-5℃") is None


def test_headline_read_after_the_first_column_of_a_story_headed_by_its_kicker_goes_under_the_kicker():
    # Tesseract reads the kicker, the first column, then the headline and byline set beside it (p7 Tesseract)
    text = (
        "（宣传科）\n\n夜班护士的一天：\n\n"
        "晚上八点，心胸外科\n护士长和两名同事完\n成交接班。病区里住着\n四十一位患者，其中三\n位刚做完手术，需要每\n"
        "小时观察一次生命体征。\n\n凌晨一点，十二床的\n老人突然呼吸急促，血氧\n\n"
        "守在病床边的十二个小时\n\n通讯员 孙三\n\n"
        "饱和度降到百分之八十\n五。护士长一边调高氧\n流量，一边呼叫值班医\n生，十分钟后老人的指\n标恢复平稳。\n"
    )
    art = next(a for a in clean_text(text).articles if a.title)
    assert (art.kicker, art.title, art.byline) == ("夜班护士的一天：", "守在病床边的十二个小时", "通讯员 孙三")
    assert any("血氧饱和度降到百分之八十五。" in b.text for b in art.blocks)


def test_headline_moved_under_its_kicker_keeps_its_flags():
    # (review) a flag raised on the headline's line (a stray Latin word) was dropped with the move
    text = (
        "（宣传科）\n\n夜班护士的一天：\n\n"
        "晚上八点，心胸外科\n护士长和两名同事完\n成交接班。病区里住着\n四十一位患者，其中三\n位刚做完手术，需要每\n"
        "小时观察一次生命体征。\n\n凌晨一点，十二床的\n老人突然呼吸急促，血氧\n\n"
        "守在病床边的 from 十二个小时\n\n通讯员 孙三\n\n"
        "饱和度降到百分之八十\n五。护士长一边调高氧\n流量，一边呼叫值班医\n生，十分钟后老人的指\n标恢复平稳。\n"
    )
    doc = clean_text(text)
    assert any(f.kind == "stray_word" for a in doc.articles for f in a.flags)


def test_a_dash_of_three_one_characters_is_read_whole():
    # fixtures/degraded/p7_held_out/tesseract.txt reads the printed ———— as 一一一
    assert dash_lead("一一一专家下沉、检查互认、双向转诊一体推进") == "一一一"


# fixtures/degraded/p7_held_out/tesseract.txt: Tesseract cut the two-column headline 我院与五家乡镇卫生院组建紧密型医共体
# into column-wide pieces, and read the page header's date after column 1's foot
P7_TESSERACT = (
    "我院与五家乡镇卫\n共体\n\n一一一专家下沉、检查互认、双向转诊一体推进\n本报记者 何嘉宁\n\n"
    "5月9日，我院与东湖、石\n门、杨桥、白沙、柳岸五家乡镇\n卫生院签订紧密型医共体合作协\n"
    "议。按照协议，我院将向各卫生\n院派驻常驻专家，统一药品目录\n和检查标准，实现检查结果互\n认。\n\n"
    "常驻专家每周在卫生院坐诊\n不少于三天，重点帮助建设慢病\n管理、康复和急诊急救三个薄弱\n\n"
    "2026年5月15日 星期五\n\n生院组建紧密型医\n\n"
    "专科。卫生院拍摄的影像和心电\n图通过远程平台上传，由我院医\n生在两小时内出具报告。\n\n"
    "对于病情超出卫生院救治能\n力的患者，医共体开通转诊绿色\n通道，由专人负责预约床位。\n"
)


def test_a_headline_piece_read_as_a_headline_of_its_own_goes_back_into_its_headline():
    doc = clean_text(P7_TESSERACT)
    assert [a.title for a in doc.articles] == ["我院与五家乡镇卫生院组建紧密型医共体"]
    story = doc.articles[0]
    assert story.subtitle == "专家下沉、检查互认、双向转诊一体推进"
    assert any(f.kind == "reassembled" and "生院组建紧密型医" in f.note for b in story.blocks for f in b.flags)


def test_a_column_foot_cut_at_page_furniture_is_body_text_and_goes_on_under_the_piece():
    paragraphs = [b.text for b in clean_text(P7_TESSERACT).articles[0].blocks]
    assert paragraphs[1] == (
        "常驻专家每周在卫生院坐诊不少于三天，重点帮助建设慢病管理、康复和急诊急救三个薄弱专科。"
        "卫生院拍摄的影像和心电图通过远程平台上传，由我院医生在两小时内出具报告。"
    )
    assert len(paragraphs) == 3 and paragraphs[2].startswith("对于病情")


def test_a_piece_that_makes_no_word_at_either_seam_heads_a_story_of_its_own():
    text = P7_TESSERACT.replace("生院组建紧密型医", "春季过敏高发")
    assert [a.title for a in clean_text(text).articles][1:] == ["春季过敏高发"]
