"""Property tests: each text cleaner is idempotent and conserves every input character."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from budget import property_settings
from newsclean.audit import audit_conservation
from newsclean.model import Document
from newsclean.readers import segment_lines
from newsclean.registry import get_cleaner

TEXT_CLEANERS = ("normalize_unicode", "undouble", "dedupe", "punctuation", "ocr_confusions", "cjk_spacing")

# Pieces of the seeds' text and of their damage.
PIECES = [
    "东昌府区",
    "卫健局",
    "始终",
    "把牢",
    "党建",
    "工作",
    "人民",
    "群众",
    "健康",
    "医院",
    "天天",
    "研究研究",
    "外防输人",
    "两个人冠口",
    "入冠口",
    "自已",
    "一东昌府区走笔",
    "一串串",
    "8月19日一21日",
    "2O25年",
    "温热期盼。",
    "拒论或延迟治疗行为发生",
    "诊或延误治疗行为发生。",
    "把学习作为终身课题,扛牢责任担当,",
    "聊城市聊城市",
    "““小切口小切口",
    "医 患 故 事",
    "【简 讯】",
    "刘 宽",
    " with ",
    " from ",
    "中国•冠县",
    "90/60",
    "6.5mm",
    "1+1>2",
    "www.smzsxyy.cn",
    "a@b.cn",
    "Sanmenxia Central Hospital",
    "DRG",
    "编者按 ",
    "（通讯员 段新歌）",
    "(宣传科)",
    "「醫者」",
    "...",
    "……",
    "…",
    "--",
    "——",
    "—",
    "·",
    ",",
    ":",
    ";",
    "?",
    "!",
    "(",
    ")",
    '"',
    "'",
    "，",
    "。",
    "、",
    "“",
    "”",
    "‘",
    "’",
    "！",
    "？",
    " ",
    "  ",
    "\u3000",
    "\u200b",
    "１２",
    "Ａ",
    "e\u0301",
    "\n",
    "\n\n",
    "\n \n",
    "\n\n\n\n",
]

texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)
SETTINGS = property_settings(150)


def content(doc: Document) -> list[str]:
    out = []
    for article in doc.articles:
        out.extend(v or "" for v in article.head().values())
        out.extend(b.text for b in article.blocks)
    out.extend(f.text for f in doc.furniture)
    return out


@SETTINGS
@given(texts)
def test_each_cleaner_idempotent_and_conserving(raw):
    for name in TEXT_CLEANERS:
        cleaner = get_cleaner(name)
        once = cleaner(segment_lines(raw), {})
        report = audit_conservation(raw, once)
        assert report.ok, (name, report.summary())
        twice = cleaner(once, {})
        assert content(twice) == content(once), name
        assert twice.changes == once.changes, name


@SETTINGS
@given(texts)
def test_text_cleaners_in_pipeline_order(raw):
    doc = segment_lines(raw)
    for name in TEXT_CLEANERS:
        cleaner = get_cleaner(name)
        doc = cleaner(doc, {})
        assert audit_conservation(raw, doc).ok, name
        again = cleaner(doc, {})
        assert content(again) == content(doc), name


@SETTINGS
@given(texts)
# (make fuzz) a clause repeat removed left a longer one, removed on dedupe's next pass with spans of the edited text
@example(raw="东昌府区" + "把学习作为终身课题,扛牢责任担当," * 3 + "东昌府区" + "把学习作为终身课题,扛牢责任担当," * 2)
def test_change_log_replays(raw):
    """On a one-line dump, each cleaner's log replayed at its source spans gives the cleaned text."""
    line = raw.replace("\n", " ")
    for name in TEXT_CLEANERS:
        doc = segment_lines(line)
        if not doc.articles:
            return
        block = doc.articles[0].blocks[0]
        offset = block.spans[0].start
        cleaned = get_cleaner(name)(doc, {})
        text = block.text
        for change in sorted(cleaned.changes[len(doc.changes) :], key=lambda c: c.span.start, reverse=True):
            start, end = change.span.start - offset, change.span.end - offset
            assert text[start:end] == change.before, (name, change)
            text = text[:start] + change.after + text[end:]
        assert text == cleaned.articles[0].blocks[0].text, name


# Found by hypothesis. A line of 31 characters was read as body text, closed up to 30 and read as a headline
# on a second pass: its length is now counted without spaces, so the first pass reads it as a headline and
# keeps the space between its two phrases. And (CI) 31 characters read as a name list had only part of their
# letter-spaced runs closed (医 患故 事); the 24 left read as a headline and were closed on a second pass.
# And (make fuzz) two spaces made one left a letter-spaced run (宽 刘) that a second pass closed.
SPACING_ONE_PASS = [
    # (a headline: a space that cuts one character off its phrase is closed too)
    ("东昌府区刘 宽  刘 宽东昌府区", "东昌府区刘宽刘宽东昌府区"),
    (
        "编者按 ““小切口小切口 东昌府区东昌府区东昌府区东昌府区始终",
        "编者按 ““小切口小切口 东昌府区东昌府区东昌府区东昌府区始终",
    ),
    ("东昌府区聊城市聊城市医 患 故 事医 患 故 事医 患 故 事", "东昌府区聊城市聊城市医患故事医患故事医患故事"),
]


@pytest.mark.parametrize(("raw", "expected"), SPACING_ONE_PASS)
def test_cjk_spacing_does_its_work_in_one_pass(raw, expected):
    spacing = get_cleaner("cjk_spacing")
    run = getattr(spacing, "func", spacing)
    once = run(segment_lines(raw), {})
    assert [b.text for b in once.blocks()] == [expected]
    assert run(once, {}) == once


def test_undouble_leaves_a_doubled_line_printed_twice_alone():
    # found by make fuzz: the line is its fake-bold first word group and a word, printed twice; halving the whole
    # left a text that a second run undoubled again, so which copies are bold is not certain
    from newsclean.cleaners.undouble import undouble_text

    raw = "““小切口小切口 东昌府区““小切口小切口 东昌府区"
    assert undouble_text(raw).text == raw
    assert undouble_text("““小切口小切口 东昌府区").text == "“小切口 东昌府区"


def test_ocr_confusions_takes_its_own_repair_as_the_documents_spelling_in_one_run():
    # found by make fuzz: 一一人场情 was repaired by the lexicon (入场), which a second run took as the
    # document's spelling of the other 人场情; ocr_confusions now runs its rounds itself
    from newsclean.pipeline import DEFAULT_CLEANERS

    doc = segment_lines("::::\n\n::::\n一一人场情\n\n人场情")
    for name in DEFAULT_CLEANERS[: DEFAULT_CLEANERS.index("ocr_confusions")]:
        doc = get_cleaner(name)(doc, {})
    once = get_cleaner("ocr_confusions")(doc, {})
    assert "".join(content(once)).count("入场情") == 2
    assert content(get_cleaner("ocr_confusions")(once, {})) == content(once)
