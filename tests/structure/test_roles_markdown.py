"""Markdown dumps: heading levels read as type size, and a paragraph start printed after its story."""

from __future__ import annotations

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
