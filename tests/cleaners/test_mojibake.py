"""repair_mojibake: re-decode Chinese text garbled by a wrong codec, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsclean
from newsclean.audit import audit_conservation
from newsclean.cleaners.mojibake import fix_mojibake
from newsclean.pipeline import clean_text

GOLD = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "gold").glob("*.json"))
SENTENCE = "东昌府区中医院召开工作部署会，让优质医疗资源扩容下沉。"


@pytest.mark.parametrize(
    ("garbled", "expected"),
    [
        (SENTENCE.encode("utf-8").decode("latin-1"), SENTENCE),  # UTF-8 read as Latin-1
        ("中文新闻".encode().decode("cp1252"), "中文新闻"),  # UTF-8 read as Windows-1252
        (SENTENCE.encode("gbk").decode("latin-1"), SENTENCE),  # GBK read as Latin-1
        ("东昌府区中医".encode().decode("gb18030"), "东昌府区中医"),  # UTF-8 read as GBK
        ("医院报道".encode().decode("gb18030"), "医院报道"),
    ],
    ids=["utf8-as-latin1", "utf8-as-cp1252", "gbk-as-latin1", "utf8-as-gbk", "utf8-as-gbk-short"],
)
def test_garbled_runs_are_re_decoded(garbled, expected):
    fix = fix_mojibake("正文：" + garbled)
    assert fix.text == "正文：" + expected
    assert [(e.before, e.after) for e in fix.edits] == [(garbled, expected)]


def test_utf8_read_as_gbk_gives_back_a_swallowed_ascii_byte():
    # "中文" is 6 bytes of UTF-8; "中文新" is 9, so the decoder pairs the last byte with the "a" after it
    garbled = "中文新a".encode().decode("gb18030")
    assert "a" not in garbled
    assert fix_mojibake("记者：" + garbled + "。").text == "记者：中文新a。"


def test_utf8_read_as_gbk_with_a_lost_byte_is_repaired_up_to_it_and_flagged():
    garbled = "召开工作部署会".encode().decode("gb18030", errors="replace")  # the decoder dropped a byte: U+FFFD
    assert "\ufffd" in garbled
    doc = clean_text("# 标题\n\n正文" + garbled + "。\n")
    text = doc.articles[0].blocks[0].text
    assert text.startswith("正文召开工作部署")
    assert [f.kind for f in doc.articles[0].blocks[0].flags] == ["lost_text"]
    assert audit_conservation("# 标题\n\n正文" + garbled + "。\n", doc).ok


@pytest.mark.parametrize(
    "text",
    [
        "數據顯示，動態監測時啟動機制，價格傳導。",  # Traditional text is full of GBK-extension characters
        "涓字和枃字都是罕见字，但这句是正常的中文。",
        "鍖字",  # one pair of a UTF-8 character only
    ],
)
def test_real_chinese_with_rare_characters_is_left_alone(text):
    assert fix_mojibake(text).text == text


def test_a_whole_garbled_dump_is_repaired_and_conserved():
    dump = "# " + "标题新闻".encode().decode("latin-1") + "\n\n" + SENTENCE.encode("utf-8").decode("latin-1") + "\n"
    doc = clean_text(dump)
    assert SENTENCE in doc.articles[0].blocks[0].text or SENTENCE in (doc.articles[0].title or "")
    assert audit_conservation(dump, doc).ok


@pytest.mark.parametrize(
    "text",
    [
        "Café Élysée naïve résumé",
        "中文报道".encode().decode("cp1252", "ignore"),
        "价格为 ¥120 或 €15，“好”",
        "温度 37.5°C ±0.5",
        "Ångström Øresund ÆØÅ æøå",
        "ÀÁÂÃ 法文字母",
    ],
)
def test_real_latin_text_is_left_alone(text):
    assert fix_mojibake(text).text == text


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem[:3])
def test_gold_texts_pass_unchanged(path):
    doc = newsclean.Document.from_json(path.read_text(encoding="utf-8"))
    for text in list(doc.content_texts()) + [f.text for f in doc.furniture]:
        assert fix_mojibake(text).text == text
    json.loads(path.read_text(encoding="utf-8"))
