"""Three columns printed on one line (structure/three_columns.py): Tesseract reading across a three-column story.

The lines are made up in the shape Tesseract gives p6's top story: the
gutters read as a space, a rule ``|`` or a stray mark, and each column's first
lines read before as blocks of their own.
"""

from __future__ import annotations

from newsclean.audit import audit_conservation
from newsclean.pipeline import clean_text
from newsclean.readers import segment_lines
from newsclean.registry import get_cleaner

TOPS = (
    "3月6日，市卫生健康委专家组\n对我院胸痛救治中心进行现\n\n"
    "中心成立五年来，累计救治急\n性心梗患者九百余例，抢救成\n\n"
    "评审专家认为，中心在院前院\n内衔接和信息化预警方面形\n\n"
)
RUN = (
    "场评审，经过查阅资料、实地查看 ，功率保持在百分之九十八以上。心 ”成了可推广的经验。院长方静怡\n"
    "和模拟演练，中心以优秀等次通过 | 内科、急诊科、影像科和检验科 表示，将以此次评审为契机，继续\n"
    "评审，成为全市首家省级胸痛中心 |组成的快速反应团队，接到呼叫 ，加强对县级医院的技术帮扶，让基\n"
)


def _texts(raw: str) -> list[str]:
    doc = get_cleaner("split_oneline_columns")(segment_lines(raw), {})
    assert audit_conservation(raw, doc).ok
    return [b.text for b in doc.blocks()]


def test_three_columns_on_one_line_are_read_column_by_column_under_their_first_lines():
    texts = _texts(TOPS + RUN)
    order = [t[:4] for t in texts]
    assert order == [
        "3月6日", "对我院胸", "场评审，", "和模拟演", "评审，成",
        "中心成立", "性心梗患", "，功率保", "内科、急", "组成的快",
        "评审专家", "内衔接和", "”成了可", "表示，将", "，加强对",
    ]  # fmt: skip


def test_one_column_with_spaces_inside_its_lines_is_left_as_printed():
    # the same words re-read row by row would cut through sentences: no three columns there
    raw = "中心成立五年来 累计救治急性心梗 患者九百余例\n抢救成功率保持 在百分之九十八 以上成为全市\n首家省级胸痛 救治中心的医院 得到专家认可\n"
    assert _texts(raw) == raw.strip().split("\n")


def test_story_read_across_three_columns_comes_out_as_running_text():
    doc = clean_text("我院胸痛中心通过省级评审\n\n本报记者 赵一\n\n" + TOPS + RUN)
    text = "".join(b.text for a in doc.articles for b in a.blocks)
    assert "进行现场评审，经过查阅资料、实地查看和模拟演练" in text
    assert "抢救成，功率保持" in text or "抢救成功率保持" in text
