"""Properties of the structure cleaners: idempotence and conservation of input characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budget import property_settings
from newsclean.audit import audit_conservation
from newsclean.readers import segment_lines
from newsclean.registry import get_cleaner

MINE = ("detect_furniture", "rejoin_lines", "build_articles", "reassemble_fragments", "extract_metadata")
PIECES = [
    "医院",
    "开展",
    "工作",
    "。",
    "，",
    ",",
    ":",
    "“",
    "”",
    "（宣传科）",
    "■ 张三 李四",
    "——副题",
    "# ",
    "## ",
    "责任编辑:王五",
    "地址:某路1号",
    "网址:www.a.cn",
    "2025年第3期 2025年1月2日 星期四",
    "医 患 故 事",
    "【简 讯】",
    "近日",
    "是",
    "不再",
    "Central",
    "Hospital",
    " ",
    "（下转第2版）",
    "编者按 ",
    "图为",
    "12",
]
LINES = st.lists(st.lists(st.sampled_from(PIECES), min_size=0, max_size=8).map("".join), min_size=0, max_size=14)
TEXTS = st.tuples(LINES, st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n\n"]), min_size=14, max_size=14)).map(
    lambda t: "".join(line + sep for line, sep in zip(t[0], t[1]))
)


def chain(text, names):
    doc = segment_lines(text)
    for name in names:
        doc = get_cleaner(name)(doc, {})
    return doc


@property_settings(60)
@given(TEXTS)
def test_each_structure_cleaner_is_idempotent_and_conserves(text):
    doc = segment_lines(text)
    for name in MINE:
        step = get_cleaner(name)
        once = step(doc, {})
        twice = step(once, {})
        assert twice.to_dict() == once.to_dict(), name
        assert audit_conservation(text, once).ok, (name, audit_conservation(text, once).summary())
        doc = once


@property_settings(40)
@given(TEXTS)
def test_default_pipeline_conserves(text):
    from newsclean.pipeline import clean_text

    assert audit_conservation(text, clean_text(text)).ok


def test_two_lone_mark_lines_are_not_joined_into_a_speckle_line():
    # found by make fuzz: two lone commas around furniture lines were joined, and the join ('，，') was
    # dropped as OCR speckle on a second run
    text = "\n，\n医院医院，医院医院医院医院\n，\n医院医院，医院医院医院医院\n"
    once = chain(text, ("detect_furniture", "rejoin_lines"))
    assert [b.text for b in once.blocks()] == ["，", "，"]
    assert get_cleaner("rejoin_lines")(once, {}).to_dict() == once.to_dict()


def test_a_slogan_banner_goes_to_the_furniture_once():
    # found by make fuzz: a banner line read as a slogan above a bare headline was put into the furniture
    # twice (once as the head's banner, once with the bare headline's lines)
    from newsclean.pipeline import clean_text

    text = "医院医院 医院医院\n医院\n"
    doc = clean_text(text)
    assert sorted(f.text for f in doc.furniture) == ["医院", "医院医院 医院医院"]
    assert audit_conservation(text, doc).ok
