"""Markdown dumps: heading levels read as type size, and a paragraph start printed after its story."""

from __future__ import annotations

from pathlib import Path

from newsclean.model import Article, Block, Document
from newsclean.pipeline import clean_text
from newsclean.registry import get_cleaner


def test_smaller_heading_right_over_a_bigger_one_is_its_kicker():
    text = (
        "##### 健康讲堂\n\n#### 社区义诊进万家活动启动\n\n## **百名医生走进社区**\n\n"
        "##### ■ 王小明 李四\n\n3月5日上午，我院举办了一场健康讲座。\n\n（宣传科）"
    )
    doc = clean_text(text)
    assert len(doc.articles) == 1
    a = doc.articles[0]
    assert (a.section, a.kicker, a.title, a.byline) == (
        "健康讲堂",
        "社区义诊进万家活动启动",
        "百名医生走进社区",
        "王小明 李四",
    )


def test_bigger_heading_under_a_smaller_one_stays_a_story_of_its_own():
    text = "## **甲文标题**\n\n甲文正文。\n\n#### 甲文小标题\n\n## **乙文标题**\n\n乙文正文。"
    assert [a.title for a in clean_text(text).articles] == ["甲文标题", "乙文标题"]


def test_paragraph_start_printed_after_its_story_goes_back_before_its_rest():
    story = Article(
        title="甲",
        blocks=(
            Block("paragraph", "第一段写完了。"),
            Block("paragraph", "成抢救后，患者转入病房。"),
            Block("signoff", "（宣传科）"),
        ),
    )
    orphan = Article(blocks=(Block("paragraph", "医生们连夜迅速完"),))
    out = get_cleaner("reassemble_fragments")(Document(articles=(story, orphan)), {})
    assert len(out.articles) == 1
    texts = [b.text for b in out.articles[0].blocks]
    assert texts[1] == "医生们连夜迅速完成抢救后，患者转入病房。"
    assert any(f.kind == "reassembled" for f in out.articles[0].blocks[1].flags)


def test_a_paragraph_printed_before_the_lead_continues_the_cut_off_last_one():
    # fixtures/degraded/p4_noisy_scan/pymupdf4llm.txt: the top of the story's second column is printed first
    story = Article(
        title="我院开展“医德医风”专题教育活动",
        blocks=(
            Block(
                "paragraph",
                "从坚守职业操守、规范诊疗行为、改善就医体验等方面作了深入讲解。全院280余名党员和职工代表参加学习。",
            ),
            Block("paragraph", "11月3日，我院启动为期一个月的“医德医风”专题教育活动。"),
            Block(
                "paragraph", "医院还在门诊大厅和各病区设立了意见箱，公布监督电话0635-8276543，主动接受患者和社会监督。"
            ),
            Block("paragraph", "在当天举行的专题党课上，院党委书记孙海峰结合近年来医疗领域典型案例，"),
        ),
    )
    out = get_cleaner("reassemble_fragments")(Document(articles=(story,)), {})
    texts = [b.text for b in out.articles[0].blocks]
    assert texts[0].startswith("11月3日")
    assert texts[-1].startswith("在当天") and texts[-1].endswith("参加学习。")
    assert any(f.kind == "reassembled" for f in out.articles[0].blocks[-1].flags)


def test_a_story_opening_without_a_lead_and_ending_closed_is_left_alone():
    story = Article(
        title="标题",
        blocks=(
            Block("paragraph", "近年来，我院持续推进改革。"),
            Block("paragraph", "11月3日，我院启动专题教育活动。"),
            Block("paragraph", "活动将持续一个月。"),
        ),
    )
    out = get_cleaner("reassemble_fragments")(Document(articles=(story,)), {})
    assert [b.text for b in out.articles[0].blocks] == [b.text for b in story.blocks]


def test_bold_inside_a_subtitle_line_is_no_text():
    # fixtures/degraded/p6_held_out/pymupdf4llm.txt: the subtitle's second dash set in bold
    from newsclean.pipeline import clean_text

    doc = clean_text(
        "# **我院危重孕产妇救治中心通过省级评审**\n\n— **—** 三年救治危重孕产妇四百余例\n\n3月6日，省卫生健康委专家组对我院进行现场评审。"
    )
    art = doc.articles[0]
    assert art.title == "我院危重孕产妇救治中心通过省级评审"
    assert "*" not in art.subtitle and art.subtitle.endswith("三年救治危重孕产妇四百余例")
    assert any(c.reason == "Markdown bold inside a subtitle, byline or label line" for c in doc.changes)


def test_byline_printed_on_the_subtitle_line_is_set_apart():
    # pymupdf4llm joins a block's lines with spaces: the byline under the subtitle ends the subtitle's line
    text = (
        "# **我院与三家社区卫生服务中心签约**\n\n— **—** 专家下沉坐诊、检查结果互认 本报记者 何嘉宁\n\n"
        "3月5日上午，我院与三家社区卫生服务中心签订合作协议，专家每周下沉坐诊。\n"
    )
    art = clean_text(text).articles[0]
    assert (art.subtitle, art.byline) == ("专家下沉坐诊、检查结果互认", "本报记者 何嘉宁")


P8_PYMUPDF4LLM = Path(__file__).resolve().parents[2] / "fixtures" / "degraded" / "p8_held_out" / "pymupdf4llm.txt"


def test_labels_of_two_modules_stacked_over_the_first_headline_go_to_the_stories_in_order():
    # pymupdf4llm reads the row of labels over a brief and a profile side by side as 简讯, then ##### 名医风采
    doc = clean_text(P8_PYMUPDF4LLM.read_text(encoding="utf-8"))
    assert [(a.section, a.title) for a in doc.articles[:2]] == [
        ("简讯", "我院中药房开通代煎配送服务"),
        ("名医风采", "针灸科主任周文博：一根银针暖人心"),
    ]


def test_an_unmarked_line_with_a_list_and_a_clause_comma_is_body_text_in_a_markdown_dump():
    # a paragraph cut where a photo interrupts its column: it ends mid-sentence, but it is no headline
    doc = clean_text(P8_PYMUPDF4LLM.read_text(encoding="utf-8"))
    story = next(a for a in doc.articles if a.title == "秋季养肺正当时")
    cut = next(b for b in story.blocks if b.text.startswith("日常饮食"))
    assert cut.type == "paragraph"
    assert [b.text for b in story.blocks if b.type == "heading"] == ["饮食宜润", "起居有常"]


def test_a_photo_caption_marked_as_a_heading_is_a_caption():
    # pymupdf4llm marks p4's caption, set in bold, as #### 图为…
    text = "## **康复医学科：让患者重新站起来**\n\n走进训练大厅，设备一字排开。\n\n#### 图为治疗师指导患者进行步态训练。\n\n今年9月，科室引进了新设备。"
    story = clean_text(text).articles[0]
    assert [b.type for b in story.blocks] == ["paragraph", "caption", "paragraph"]


def test_a_hard_wrapped_markdown_headline_keeps_its_rest():
    # seed 000 hard-wrapped at 30 characters: the # headline's last characters go to a plain line under it
    text = (
        "# 东昌府区中医院召开“万名医护进乡村”工作部署会 让优质医\n疗资源扩容下沉\n\n"
        "国晓宁 通讯员 段新歌\n聊城报道\n\n为贯彻落实省市卫健委统一安排部署，进一步推动城乡医院对口帮扶。"
    )
    story = clean_text(text).articles[0]
    assert story.title == "东昌府区中医院召开“万名医护进乡村”工作部署会 让优质医疗资源扩容下沉"
    assert len(clean_text(text).articles) == 1
