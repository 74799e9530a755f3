"""Headlines printed after their bodies (PyMuPDF's content-stream order): labels under them, quoted names.

The texts are made up; each case is the shape an extraction tool gives a
printed element, not the words of any fixture.
"""

from __future__ import annotations

from newsclean.pipeline import clean_text
from newsclean.structure.late_titles import title_words

PAGE = "\n".join(
    [
        "健康讲堂",
        "■ 本报记者 赵一",
        "3月5日上午，我院在门诊大厅举办",
        "春季健康讲座，吸引了很多市民参加",
        "。讲座结束后，专家还为市民一一解",
        "答了疑问，市民纷纷表示很有收获。",
        "我院举办春季健康讲座",
        "护理天地",
        "一百天的守护",
        "■ 儿科 钱二",
        "今年2月，一名早产的男婴住进了病",
        "房，护士们都叫他“小豆丁”。经过",
        "一百天的照护，小豆丁体重长到了三",
        "千克，在上个月终于和家人团聚了。",
        "（宣传科）",
        "“小豆丁”平安回家",
    ]
)


def test_label_under_a_late_headline_opens_the_next_cluster_and_a_quoted_name_claims_its_story():
    arts = [a for a in clean_text(PAGE).articles if a.title]
    assert [(a.section, a.kicker, a.title) for a in arts] == [
        ("健康讲堂", None, "我院举办春季健康讲座"),
        ("护理天地", "一百天的守护", "“小豆丁”平安回家"),
    ]


def test_quoted_phrase_of_a_headline_is_one_more_word_to_match():
    assert title_words("“小豆丁”康复出院")[-1] == "小豆丁"


# The shape PyMuPDF gives a page whose headline is a couplet (two phrases of ten characters side by side),
# printed after its story, with the paper's name printed after the stories beside a bare date and page label
# (the held-out page p5 of fixtures/degraded).
COUPLET_PAGE = "\n".join(
    [
        "院务动态",
        "本报记者 周沐阳",
        "11月28日，我院远程会诊中心正式投入使用。中",
        "心配备高清视频会诊终端和影像传输系统，与全县十",
        "二家乡镇卫生院实现互联互通。",
        "远程会诊中心投入使用 乡镇患者不出村看专家",
        "松江县第二人民医院报",
        "2025年12月5日 星期五",
        "第2版",
    ]
)


def test_a_couplet_headline_printed_late_is_claimed_and_the_paper_name_is_masthead():
    doc = clean_text(COUPLET_PAGE)
    assert [(a.section, a.title, a.byline) for a in doc.articles] == [
        ("院务动态", "远程会诊中心投入使用 乡镇患者不出村看专家", "本报记者 周沐阳")
    ]
    assert ("masthead", "松江县第二人民医院报") in [(f.kind, f.text) for f in doc.furniture]


def test_a_report_headline_beside_a_date_line_is_not_taken_for_the_paper_name():
    doc = clean_text("2025年12月5日 星期五\n情况通报\n\n我院开展了安全检查，发现问题三项，已全部整改。")
    assert ("masthead", "情况通报") not in [(f.kind, f.text) for f in doc.furniture]
    assert "情况通报" in [a.title for a in doc.articles] + [b.text for b in doc.blocks()]


# PyMuPDF prints the headlines of two modules after their bodies, each wrapped with a short rest, then the
# next story's label and kicker over its byline; that story's own headline comes last (p7 PyMuPDF's shape)
WRAPPED_LATE = "\n".join(
    [
        "院务动态",
        "本报记者 赵一",
        "3月5日，我院与三家社区卫生服务中心",
        "签订合作协议，专家每周下沉坐诊。",
        "健康科普",
        "■ 呼吸科 钱二",
        "春季花粉增多，过敏患者明显增加，",
        "专家提醒市民外出做好防护措施。",
        "我院与三家社区卫生服务中心签订协",
        "议",
        "春季过敏高发 外出防护",
        "要做好",
        "护理天地",
        "夜班护士的一天：",
        "通讯员 孙三",
        "晚上八点，护士们完成交接班，每小",
        "时巡视一次病房，守护病人到天亮。",
        "（护理部）",
        "守护病人到天亮的十二个小时",
    ]
)


def test_wrapped_rests_of_late_headlines_stay_with_them_and_a_kicker_alone_claims_the_last_headline():
    arts = [a for a in clean_text(WRAPPED_LATE).articles if a.title]
    assert [(a.section, a.kicker, a.title) for a in arts] == [
        ("院务动态", None, "我院与三家社区卫生服务中心签订协议"),
        ("健康科普", None, "春季过敏高发 外出防护要做好"),
        ("护理天地", "夜班护士的一天：", "守护病人到天亮的十二个小时"),
    ]


def test_short_rest_of_a_wrapped_headline_over_its_byline_is_no_label():
    text = "我院与五家乡镇卫生院组建紧密型医\n共体\n本报记者 何一\n3月5日上午，我院举办\n了一场健康讲座，吸引\n了很多市民参加。\n"
    art = clean_text(text).articles[0]
    assert (art.section, art.title) == (None, "我院与五家乡镇卫生院组建紧密型医共体")


def test_a_subhead_and_a_late_title_moved_together_each_land_in_their_own_story():
    from newsclean.model import Block, Span
    from newsclean.structure.build_context import BuildContext
    from newsclean.structure.late_titles import _move_subheads, _move_titles

    texts = ["标题甲", "正文甲一。", "正文甲二。", "正文乙一。", "正文乙二。", "小标题甲", "乙的标题"]
    blocks = [Block("paragraph", t, (Span(i * 10, i * 10 + len(t)),)) for i, t in enumerate(texts)]
    roles = ["head", "para", "para", "para", "para", "head", "head"]
    items = [("head", [0]), ("body", [1]), ("body", [2]), ("body", [3]), ("body", [4]), ("head", [5]), ("head", [6])]
    ctx = BuildContext([], [], "lines")
    # story 乙 (opened by item 3) claims the late title; story 甲's subhead goes before the paragraph at line 2
    out = _move_subheads(_move_titles(items, {3: [6]}, blocks, roles, ctx), {2: [5]}, blocks, ctx)
    assert [[blocks[k].text for k in g] for _, g in out] == [
        ["标题甲"],
        ["正文甲一。"],
        ["小标题甲"],
        ["正文甲二。"],
        ["乙的标题"],
        ["正文乙一。"],
        ["正文乙二。"],
    ]
