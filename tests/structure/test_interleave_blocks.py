"""Text blocks of several lines alternating between columns (pdftotext default mode), from real dump snippets."""

from __future__ import annotations

from pathlib import Path

from newsclean.readers import segment_lines
from newsclean.structure.block_width import paragraph_seam, width_bounds
from newsclean.structure.interleave_blocks import deinterleave_blocks

DEGRADED = Path(__file__).resolve().parents[2] / "fixtures" / "degraded"


def _snippet(page: str, tool: str, start: str, stop: str) -> str:
    text = (DEGRADED / page / f"{tool}.txt").read_text(encoding="utf-8")
    begin = text.index(start)
    return text[begin : text.index(stop, begin)]


def test_alternating_blocks_of_two_columns_are_re_read():
    # p3_traditional/pdftotext.txt: column 1's first paragraph (4 lines), then column 2's top (4 lines), then
    # one line of each in turn; column 2 opens with a full line although column 1's paragraph ended short
    text = _snippet("p3_traditional", "pdftotext", "本院門診智慧藥局", "醫 病 故 事")
    blocks, runs = deinterleave_blocks(list(segment_lines(text).blocks()))
    assert len(runs) == 1
    read = "".join(b.text for b in blocks)
    assert "原本的18分鐘縮短為8分鐘。藥劑部主任林美玲表示" in read.replace("\n", "")
    assert "常有病人在藥局前大排長龍" in read
    assert "更多時間放在用藥諮詢上" in read
    assert "www.renhe-hosp.org.tw查詢。" in read
    assert blocks[0].flags and blocks[0].flags[0].kind == "interleaved"
    assert sorted(b.spans for b in blocks) == sorted(b.spans for b in segment_lines(text).blocks())


def test_blocks_read_in_order_are_left_alone():
    # p3_traditional/pymupdf.txt reads the columns in order: nothing to re-read
    text = _snippet("p3_traditional", "pymupdf", "本院門診智慧藥局", "智慧藥局上線")
    blocks, runs = deinterleave_blocks(list(segment_lines(text).blocks()))
    assert not runs


def test_a_gutter_rule_read_as_marks_is_no_column_text():
    # p2_two_sheets/tesseract-skew.txt: the column rule read as '，  ;     |' must not join a block run
    from newsclean.model import Block, Span
    from newsclean.structure.interleave_blocks import _fits

    assert not _fits(Block("paragraph", "，  ;     |", (Span(0, 10),)))
    assert _fits(Block("paragraph", "培训课件和相关视频已上传至明湖健康网", (Span(0, 18),)))


def test_a_short_paragraph_end_is_not_followed_by_a_full_line():
    # the seam p3's pdftotext prints: column 1's paragraph ends short (digits in it), column 2's full line
    end, full = width_bounds("本的18分鐘縮短為8分鐘。"), width_bounds("用藥諮詢上，而不是一直數藥。」系統上線兩週以")
    assert paragraph_seam(end, True, 23.0, full, 22.0) < 0
    # an indented first line after it is what a column prints
    assert paragraph_seam(end, True, 23.0, width_bounds("藥劑部主任林美玲表示，過去尖峰時段常有病人"), 23.0) == 0.0


def test_lines_ofone_measure_are_read_with_the_paragraph_rhythm():
    # p2_two_sheets/pdftotext.txt (健康提醒): two columns of one measure alternate line by line; a paragraph's
    # short last line followed by a full line is a seam no column prints
    from newsclean.structure.interleave import Seams, one_measure

    lines = (
        _snippet("p2_two_sheets", "pdftotext", "意外伤害病例明显增多", "年人全程看护").replace("\n\n", "\n").split("\n")
    )
    lines = [t for t in lines if t]
    widths = one_measure(lines)
    assert widths and len(set(widths)) == 1
    seams = Seams(lines, lines, widths)
    end = lines.index("伤最为常见。")
    assert seams(end, end + 1) < 0  # 伤最为常见。 ⏎ 要放在儿童够不着的地方，…: a full line after a paragraph end
    assert one_measure(["要 闻", "我院召开2025年医疗质量安全推进会"]) is None  # too few lines to measure
