"""Decoding raw dumps and segmenting them into lines."""

from __future__ import annotations

import codecs

import pytest

from newsclean.errors import InputError
from newsclean.readers import decode_bytes, read_path, segment_lines

SAMPLE = "聊城市人民医院在承接市卫健委20项改革任务之外，将2024年定为“流程再造年”。\n臺灣醫院，「優質」服務。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("gb18030"), "gb18030"),
    ],
)
def test_supported_encodings_decode_to_the_same_text(data, encoding):
    decoded = decode_bytes(data, "sample.txt")
    assert decoded.encoding == encoding
    assert decoded.text == SAMPLE


def test_big5_is_told_apart_from_gb18030():
    text = "臺灣醫院推動醫療服務品質提升，民眾就醫更加便利。院長表示，將持續改善。\n" * 3
    decoded = decode_bytes(text.encode("big5"), "big5.txt")
    assert decoded.encoding == "big5"
    assert decoded.text == text


def test_gbk_text_decodes():
    text = "东昌府区中医院召开工作部署会，让优质医疗资源扩容下沉。"
    assert decode_bytes(text.encode("gbk")).text == text


def test_newlines_are_normalised():
    assert decode_bytes("一\r\n二\r三\n".encode()).text == "一\n二\n三\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
        (b"\x00\x01\x02\x03\xff\xfe\xfd" * 10, "binary data"),
        (bytes(range(0x80, 0x100)) * 4, "not UTF-8, GB18030 or Big5"),
    ],
)
def test_binary_input_is_refused_naming_the_file(data, message):
    with pytest.raises(InputError, match=rf"bad\.bin: .*{message}"):
        decode_bytes(data, "bad.bin")


def test_unreadable_and_missing_files_name_the_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


def test_segment_lines_keeps_spans_and_hints():
    text = "# 标题\n\n 正文第一行\n第二行\f\n下一页"
    doc = segment_lines(text, "s.txt")
    blocks = list(doc.blocks())
    assert [b.text for b in blocks] == ["标题", "正文第一行", "第二行", "下一页"]
    for block in blocks:
        (span,) = block.spans
        assert text[span.start : span.end].replace("\f", " ").rstrip() == block.text
    assert blocks[0].hints["md_level"] == 1
    assert blocks[1].hints["blank_before"] == 1 and blocks[1].hints["indent"] == 1
    assert blocks[3].hints["page"] == 2
    assert doc.changes[0].before == "# "


def test_whitespace_only_lines_count_as_blank():
    doc = segment_lines("中医专\n\n \n家、护理骨干")
    assert list(doc.blocks())[1].hints["blank_before"] == 2


def test_damaged_utf8_keeps_the_text_and_marks_the_damage():
    text = "聊城市人民医院在承接市卫健委20项改革任务之外，将2024年定为“流程再造年”。" * 5
    data = text.encode("utf-8")
    decoded = decode_bytes(data[:30] + b"\xff\xfe" + data[30:], "damaged.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 2
    assert decoded.text.replace("\ufffd", "") == text


def test_truncated_utf8_at_the_end_is_still_utf8():
    data = ("东昌府区中医院" * 10).encode("utf-8")[:-1]
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8" and decoded.text.endswith("\ufffd")


def test_utf16_without_bom_is_recognised_by_its_nul_pattern():
    text = "Sanmenxia Central Hospital 2025 中心医院\n"
    assert decode_bytes(text.encode("utf-16-le")).text == text
    assert decode_bytes(text.encode("utf-16-be")).text == text
