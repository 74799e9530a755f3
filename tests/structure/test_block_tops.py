"""A story's two columns printed as blocks sorted by their tops (pymupdf4llm), re-read column by column.

The texts are pymupdf4llm's readings of our own degraded pages (fixtures/degraded): each block is one
line whose spaces are the printed line breaks.
"""

from __future__ import annotations

from pathlib import Path

from newsclean.model import Block, Document
from newsclean.pipeline import clean_text
from newsclean.readers import read_path
from newsclean.structure.block_tops import printed_lines, two_column_order

DEGRADED = Path(__file__).resolve().parents[2] / "fixtures" / "degraded"


def p(text: str) -> Block:
    return Block("paragraph", text)


# fixtures/degraded/p7_held_out/pymupdf4llm.txt: the top of column 2 first, then the lead, and the
# paragraph cut at column 1's foot (…三个薄弱 + 专科。…) last
P7_STORY = [
    p("专科。卫生院拍摄的影像和心电 图通过远程平台上传，由我院医 生在两小时内出具报告。"),
    p(
        "5月9日，我院与东湖、石 门、杨桥、白沙、柳岸五家乡镇 卫生院签订紧密型医共体合作协 议。按照协议，"
        "我院将向各卫生 院派驻常驻专家，统一药品目录 和检查标准，实现检查结果互 认。"
    ),
    p(
        "对于病情超出卫生院救治能 力的患者，医共体开通转诊绿色 通道，由专人负责预约床位；病 "
        "情稳定后，患者可转回卫生院继 续康复治疗，医保按一次住院结 算。"
    ),
    p("常驻专家每周在卫生院坐诊 不少于三天，重点帮助建设慢病 管理、康复和急诊急救三个薄弱"),
]


def test_a_one_line_block_took_as_many_lines_as_it_has_spaced_pieces():
    assert [printed_lines(b) for b in P7_STORY] == [3, 7, 6, 3]


def test_the_division_whose_tops_give_the_printed_order_and_whose_columns_balance_is_read():
    # column 1: the lead (7 lines) and the cut paragraph's start (3); column 2: its end (3) and 对于病情… (6).
    # Every paragraph in column 1 but the first would start below 对于病情… and print after it.
    assert two_column_order(P7_STORY, 0, 3) == [1, 3, 0, 2]


def test_a_tail_printed_after_column_one_went_deep_is_no_top_of_column_two():
    story = [
        p("甲甲 甲甲。"),
        p("乙乙 乙乙 乙乙 乙乙 乙乙 乙乙 乙乙 乙乙 乙乙 乙乙。"),
        p("成了 丙丙。"),
        p("丁丁 迅速完"),
    ]
    assert two_column_order(story, 2, 3) is None


def test_blocks_of_one_height_leave_the_columns_unknown():
    story = [p("成了丙丙。"), p("11月3日，甲。"), p("乙乙。"), p("丁丁迅速完")]
    assert two_column_order(story, 0, 3) is None


def test_a_signoff_printed_before_column_ones_foot_ends_column_two():
    # the heights of p1's story (6, 4, 8, 7 lines, the sign-off, 2): tops 0 0 4 6 12 13 in that order
    story = [
        p("甲甲 甲甲 甲甲 甲甲 甲甲 甲甲。"),
        p("成了 乙乙 乙乙 乙乙。"),
        p("丙丙 丙丙 丙丙 丙丙 丙丙 丙丙 丙丙 丙丙。"),
        p("丁丁 丁丁 丁丁 丁丁 丁丁 丁丁 丁丁。"),
        Block("signoff", "（内科）"),
        p("戊戊 迅速完"),
    ]
    assert two_column_order(story, 1, 5) == [0, 3, 5, 1, 2, 4]


def _story_paragraphs(tool: str, page: str, title: str) -> tuple[list[str], list[str]]:
    """The paragraphs of the story titled ``title`` in the cleaned dump and in the page's gold."""
    root = next(DEGRADED.glob(f"{page}_*"))
    gold = Document.from_json((root / "gold.json").read_text(encoding="utf-8"))
    out = clean_text(read_path(root / f"{tool}.txt").text, source=tool)

    def paragraphs(doc: Document) -> list[str]:
        story = next(a for a in doc.articles if a.title == title)
        return [b.text for b in story.blocks if b.type == "paragraph"]

    return paragraphs(out), paragraphs(gold)


def test_pymupdf4llm_story_with_its_columns_mixed_reads_as_printed_in_gold():
    # p1: 6月8日… (col 1), 成血栓… (col 2 top), “要不是… (col 2), 值班医生… (col 1), （心内科）, 术中造影… (col 1 foot)
    ours, gold = _story_paragraphs("pymupdf4llm", "p1", "58分钟打通“生命通道”")
    assert ours == gold


def test_the_reread_story_is_flagged_for_an_editor():
    doc = clean_text(read_path(next(DEGRADED.glob("p7_*")) / "pymupdf4llm.txt").text)
    story = next(a for a in doc.articles if a.title and a.title.startswith("我院与五家乡镇卫生院"))
    assert [b.text[:4] for b in story.blocks if b.type == "paragraph"] == ["5月9日", "常驻专家", "对于病情"]
    assert any(f.kind == "reassembled" and "column by column" in f.note for b in story.blocks for f in b.flags)
