"""Which column is leftmost, and seams read on Traditional lines (through a Simplified rendering)."""

from __future__ import annotations

from newsclean.readers import segment_lines
from newsclean.structure.interleave import (
    Seams,
    _body_lines,
    best_columns,
    column_order,
    deinterleave_lines,
    simplified,
)

from .test_interleave_rhythm import STORY, rows, wrap


def test_right_column_printed_higher_is_not_read_first():
    # the last column's first line sits a little higher, so the tool returns it first: the columns still run
    # left to right, as each column's last line goes on in the next one's first line (护|理)
    text = wrap(STORY)
    columns = [text[:7], text[7:13], text[13:]]
    lines = [columns[2][0], *rows([columns[0], columns[1], columns[2][1:]])]
    seams = Seams(lines, lines)
    column = best_columns(lines, lines, seams)
    assert column is not None and column[0] != column[1]
    assert column_order(column, seams)[0] == column[1]  # the left column's first line was printed second
    blocks, runs = deinterleave_lines(list(segment_lines("\n".join(lines)).blocks()))
    assert runs
    assert [b.text for b in blocks[:6]] == text[:6]


def test_printed_turn_kept_without_evidence():
    lines = ["第一栏的第一行。", "第二栏的第一行。", "第一栏的第二行。", "第二栏的第二行。"]
    assert column_order([0, 1, 0, 1], Seams(lines, lines)) == [0, 1]


def test_traditional_lines_read_simplified_char_for_char():
    lines = ["本院門診智慧藥局於9月1日正式啟用。新系統結", "合自動配藥機器人與電子叫號看板"]
    out = simplified(lines)
    assert out == ["本院门诊智慧药局于9月1日正式启用。新系统结", "合自动配药机器人与电子叫号看板"]
    assert [len(t) for t in out] == [len(t) for t in lines]


def test_simplified_lines_are_left_alone():
    lines = ["医院推出夜间门诊，方便上班族就医。", "乾坤"]  # 乾 is also a Simplified character t2s may touch
    assert simplified(lines) == lines


def test_traditional_seam_reads_a_word_across_lines():
    first = simplified(["新系統結", "合自動配藥機器人與電子"])
    assert Seams(first, first)(0, 1) > 0


def test_wider_column_beside_narrow_ones_is_body_text():
    # two narrow columns and a wide one side by side, one OCR box per line: the wide column's lines are
    # column text too (they were cut out of the run as if they were headlines)
    narrow = ["检查发现，大部分病区的基", "础护理合格率稳步提高，但"] * 8
    wide = ["内分泌科主任提醒，糖尿病早期症状往往不明", "显，超重或有家族史的人群应每年检测一次血"] * 2
    lines = [*narrow[:4], wide[0], *narrow[4:10], *wide[1:], *narrow[10:], "专题教育活动"]
    blocks = list(segment_lines("\n".join(lines)).blocks())
    body = _body_lines(blocks, 0, len(blocks))
    assert body[: len(lines) - 1] == [True] * (len(lines) - 1)
    assert not body[-1]  # a headline, narrower than any column, with no clause mark


def _p6_lead_story() -> list[str]:
    """fixtures/degraded/p6_held_out/pdftotext.txt: a story in three columns, their lines printed in turn
    (A1 B1 C1 A2 B2 C2 …); the middle column's last line, printed alone, is glued to the next module's label."""
    from project_paths import ROOT

    dump = ROOT / "fixtures" / "degraded" / "p6_held_out" / "pdftotext.txt"
    return dump.read_text(encoding="utf-8").split("\n")[14:53]


def _reread(lines: list[str]) -> list[str]:
    blocks, _ = deinterleave_lines(list(segment_lines("\n".join(lines)).blocks()))
    return [b.text for b in blocks]


def test_a_column_line_glued_to_the_next_label_stays_in_the_run():
    texts = _reread(_p6_lead_story())
    assert texts[:2] == ["3月6日，省卫生健康委专家组", "对我院危重孕产妇救治中心进行现"]  # the printed turn is kept
    assert texts[-2:] == ["层孕产妇就近得到及时救治。", "科 室 巡 礼"]  # the third column ends the run


def test_no_column_is_left_mid_sentence_where_its_rest_ends_the_run():
    texts = _reread(_p6_lead_story())
    middle = texts.index("组成的快速反应团队，接到呼叫后")
    assert texts[middle + 1] == "五分钟内即可到位。"
    assert texts.index("评审专家认为，中心在多学科") == middle + 2  # the third column after the middle one


def test_the_flag_of_a_re_read_run_covers_it_in_source_order():
    # found by make fuzz: the flag's span ran from the first re-read line's start to the last one's end,
    # which a re-read order can put before it (start > end: the JSON reader refused the document)
    from newsclean.model import Document
    from newsclean.pipeline import clean_text

    text = (
        ";;\n\n;;\n\n::\n\n::一一\n\n一一一一\n\n一一一一\n\n一一00\n\n00.\n\n.一一"
        + "\n\n一一一一" * 7
        + "\n\n一一00\n\n00"
    )
    doc = clean_text(text)
    flags = [f for b in doc.blocks() for f in b.flags if f.kind == "interleaved"]
    assert flags and all(f.span.start <= f.span.end for f in flags)
    assert Document.from_json(doc.to_json()).to_json() == doc.to_json()


def test_a_column_may_end_in_a_heading_without_counting_as_open():
    # fixtures/degraded/p2_two_sheets/rapidocr.txt: OCR boxes sorted top to bottom put a subhead and the
    # story's credit after both columns; a heading left at a column's end is not a sentence left open
    from newsclean.pipeline import clean_text
    from project_paths import ROOT

    dump = ROOT / "fixtures" / "degraded" / "p2_two_sheets" / "rapidocr.txt"
    story = next(a for a in clean_text(dump.read_text(encoding="utf-8")).articles if a.byline == "急诊科 周建华")
    assert (story.blocks[-1].type, story.blocks[-1].text) == ("signoff", "（急诊科）")
    assert not any("（急诊科）" in b.text for b in story.blocks[:-1])
