"""Stories set side by side that a top-to-bottom OCR reading mixed row by row (structure/side_modules.py).

The dumps are RapidOCR's readings of our own degraded pages (fixtures/degraded): two stories under their own
section labels, a two-column story beside a one-column brief.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from newsclean.pipeline import DEFAULT_CLEANERS, PipelineConfig, clean_text
from newsclean.readers import segment_lines
from newsclean.structure.side_modules import _deals, _kind, read_side_modules

DEGRADED = Path(__file__).resolve().parents[2] / "fixtures" / "degraded"


def _lines_after_furniture(path: Path) -> list:
    """The dump's lines as read_side_modules meets them: furniture out, nothing re-read yet."""
    names = DEFAULT_CLEANERS[: DEFAULT_CLEANERS.index("unfold_tables") + 1]
    doc = clean_text(path.read_text(encoding="utf-8"), config=PipelineConfig(cleaners=names))
    return list(doc.blocks())


def _texts(blocks) -> list[str]:
    return [b.text.strip() for b in blocks]


def test_p7_heads_and_columns_come_back_story_by_story():
    blocks = _lines_after_furniture(DEGRADED / "p7_held_out" / "rapidocr.txt")
    out, moves = read_side_modules(blocks)
    assert len(moves) == 1
    texts = _texts(out)
    left, right = texts.index("院务动态"), texts.index("健康科普")
    assert texts[left + 1 : left + 6] == [
        "我院与五家乡镇卫生院组建紧密型医",
        "共体",  # the left headline's wrapped rest, printed after the right headline's
        "-专家下沉、检查互认、双向转诊一体推进",  # too wide for the one-column story beside it
        "本报记者何嘉宁",
        "5月9日，我院与东湖、石",
    ]
    assert texts[right + 1 : right + 5] == [
        "春季过敏高发这些防护",
        "要做好",
        "■变态反应科邵文清",
        "春季花粉浓度升高，过敏性鼻炎",  # its first body line, printed among the left story's head lines
    ]
    # the left story's two columns, in order, before the right story
    assert texts.index("管理、康复和急诊急救三个薄弱") + 1 == texts.index("专科。卫生院拍摄的影像和心电") < right
    assert out[left].flags and out[left].flags[0].kind == "interleaved"


def test_p7_articles_get_their_own_heads():
    doc = clean_text((DEGRADED / "p7_held_out" / "rapidocr.txt").read_text(encoding="utf-8"))
    heads = [(a.section, a.title, a.subtitle) for a in doc.articles[:2]]
    assert heads == [
        ("院务动态", "我院与五家乡镇卫生院组建紧密型医共体", "专家下沉、检查互认、双向转诊一体推进"),
        ("健康科普", "春季过敏高发这些防护要做好", None),
    ]
    assert doc.articles[1].blocks[0].text.startswith("春季花粉浓度升高，过敏性鼻炎和哮喘患者明显增多。")


def test_p4_a_byline_between_a_headline_and_its_rest():
    # 我院举办“联合国糖尿病日”义 | 本报记者李静 (the left story's) | 诊活动: the lexicon joins 义|诊
    doc = clean_text((DEGRADED / "p4_noisy_scan" / "rapidocr.txt").read_text(encoding="utf-8"))
    by_section = {a.section: a for a in doc.articles}
    assert by_section["党建引领"].title == "我院开展“医德医风”专题教育活动"
    assert by_section["党建引领"].byline == "本报记者 李静"
    assert by_section["简讯"].title == "我院举办“联合国糖尿病日”义诊活动"
    assert by_section["简讯"].blocks[0].text.startswith("11月14日是“联合国糖尿病日”。")
    assert by_section["党建引领"].blocks[0].text.startswith("11月3日，我院启动为期一个月的")


def test_a_quote_opened_on_one_headline_line_is_closed_by_its_own_story():
    # p1: 七旬老人凌晨突发心梗 (kicker) | 我院开展“世界献血者 | 58分钟打通“生命通道” | 日”主题活动
    heads = [
        "七旬老人凌晨突发心梗",
        "我院开展“世界献血者",
        "58分钟打通“生命通道”",
        "日”主题活动",
        "通讯员赵敏",
        "■张磊李娜",
    ]
    best = max(_deals(heads, [_kind(t) for t in heads], 2), key=lambda d: d.score)
    assert best.stories[:4] == (0, 1, 0, 1)


def test_every_line_is_kept_and_a_second_reading_moves_nothing():
    for page in ("p1_three_columns", "p4_noisy_scan", "p6_held_out", "p7_held_out"):
        blocks = _lines_after_furniture(DEGRADED / page / "rapidocr.txt")
        out, moves = read_side_modules(blocks)
        assert moves, page
        assert Counter(b.spans for b in out) == Counter(b.spans for b in blocks), page
        again, more = read_side_modules(out)
        assert not more and [b.spans for b in again] == [b.spans for b in out], page


def test_a_dump_with_blank_lines_is_not_one_ocr_stream():
    # pdftotext prints the same page story by story already, its lines apart
    blocks = _lines_after_furniture(DEGRADED / "p7_held_out" / "pdftotext.txt")
    assert read_side_modules(blocks)[1] == []


def test_labels_in_a_row_without_two_heads_under_them_stay():
    text = "\n".join(
        [
            "要闻",
            "简讯",
            "全市医疗质量推进会召开",
            "6月13日，全市医疗质量推进会",
            "在市卫健委召开，各医院院长",
            "参加会议。会议通报了今年",
            "医疗质量检查情况，部署了",
            "下一阶段工作。",
            "会议要求各医院加强管理。",
        ]
    )
    blocks = list(segment_lines(text).blocks())
    assert read_side_modules(blocks) == (blocks, [])


def test_p8_mirror_a_profile_subtitle_that_lost_its_dash_and_a_kicker():
    # a one-column brief on the left, a two-column profile on the right: RapidOCR drops the ——— of
    # ——记省级基层名中医周文博, and the profile's label 名医风采 stands over a kicker, not a headline
    doc = clean_text((DEGRADED / "p8_held_out" / "rapidocr.txt").read_text(encoding="utf-8"))
    heads = [(a.section, a.kicker, a.title, a.subtitle) for a in doc.articles[:2]]
    assert heads == [
        ("简讯", None, "我院中药房开通代煎配送服务", None),
        ("名医风采", "扎根基层二十年", "针灸科主任周文博：一根银针暖人心", "记省级基层名中医周文博"),
    ]


def test_p9_three_briefs_side_by_side_each_get_their_headline_byline_and_text():
    # three labels in a row, three headlines, then a row of two wrapped rests and a byline (讲座 | 心内科韩冬 |
    # 上线): the heads print row by row, left to right, and a rest that makes what its story prints (教育讲座,
    # 系统上线) joins that story's headline
    doc = clean_text((DEGRADED / "p9_held_out" / "rapidocr.txt").read_text(encoding="utf-8"))
    briefs = [(a.section, a.title, a.byline, a.blocks[0].text[:6]) for a in doc.articles[1:]]
    assert briefs == [
        ("简讯", "我院举办糖尿病健康教育讲座", "通讯员 陆晨", "11月4日下"),
        ("健康提示", "冬季洗澡注意三件事", "心内科 韩冬", "天气转冷后，"),
        ("医院动态", "新门诊楼智能导诊系统上线", "通讯员 程思", "近日，我院新"),
    ]
    assert "饭后和饮酒后不要立即洗澡，浴室要保持通风" in "".join(b.text for b in doc.articles[2].blocks)


def test_p1_a_two_column_story_beside_a_brief_of_another_measure_keeps_its_two_columns():
    doc = clean_text((DEGRADED / "p1_three_columns" / "rapidocr.txt").read_text(encoding="utf-8"))
    story = next(a for a in doc.articles if a.title == "58分钟打通“生命通道”")
    text = "".join(b.text for b in story.blocks)
    # the story's two columns are its own (14 ems), the brief's one column (16 ems) is the brief's
    assert "刘大爷在睡梦中突感胸口剧烈疼痛" in text and "刘大爷的老伴拉着医护人员的手连声道谢" in text
    brief = "".join(b.text for b in doc.articles[doc.articles.index(story) + 1].blocks)
    assert "共有86人成功献血，献血量达27600毫升" in brief and "刘大爷" not in brief
