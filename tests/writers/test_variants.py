"""Traditional Chinese editions: OpenCC conversion of the whole document, lang follows."""

from __future__ import annotations

import pytest
from pubhelpers import gold, tiny_doc

from newsclean.errors import ConfigError
from newsclean.model import Document
from newsclean.variants import OPENCC_CONFIGS, convert_document
from newsclean.writers import WriteOptions, get_writer


def all_texts(doc: Document) -> list[str]:
    texts = list(doc.metadata.values()) + [f.text for f in doc.furniture]
    for article in doc.articles:
        texts += [v for v in article.head().values() if v]
        texts += [b.text for b in article.blocks] + [f.note for b in article.blocks for f in b.flags]
    return texts


@pytest.mark.parametrize(("variant", "word"), [("zh-TW", "軟體"), ("zh-Hant", "軟件"), ("zh-HK", "軟件")])
def test_variant_converts_headlines_body_metadata_and_furniture(variant, word):
    doc = tiny_doc()
    out = convert_document(doc, variant)
    assert out.lang == variant
    assert word in out.articles[0].title
    assert out.metadata["publication"] in ("聊城衛健", "聊城衞健")  # HK writes 衞
    assert out.furniture[0].text.startswith("地址：聊城市東昌府區")
    assert out.articles[0].blocks[3].flags[0].note == "段落在此處中斷"
    assert out.articles[0].subtitle == "記醫院信息中心的一天" or variant == "zh-TW"
    # nothing simplified is left where a traditional form exists
    assert "医院" not in "".join(all_texts(out))
    # structure and provenance are untouched
    assert [len(a.blocks) for a in out.articles] == [len(a.blocks) for a in doc.articles]
    assert out.articles[0].blocks[3].spans == doc.articles[0].blocks[3].spans


def test_taiwan_edition_uses_phrase_level_vocabulary():
    out = convert_document(tiny_doc(), "zh-TW")
    assert "滑鼠" in out.articles[0].title  # s2twp: 鼠标 → 滑鼠, not a character swap


def test_simplified_or_missing_variant_is_identity():
    doc = gold("003")
    assert convert_document(doc, None) is doc
    assert convert_document(doc, "zh-Hans") is doc


def test_latin_and_numbers_survive_conversion():
    out = convert_document(tiny_doc(), "zh-TW")
    text = out.articles[0].blocks[3].text
    for run in ("www.smzsxyy.cn", "yiyuankuaibao@163.com", "90/60", "1+1>2"):
        assert run in text


def test_traditional_document_cannot_be_converted_again():
    doc = convert_document(tiny_doc(), "zh-TW")
    with pytest.raises(ConfigError, match="cannot make"):
        convert_document(doc, "zh-HK")


def test_every_writer_receives_the_variant():
    doc = gold("003")
    data = get_writer("json").func(doc, WriteOptions(variant="zh-HK"))
    out = Document.from_json(data)
    assert out.lang == "zh-HK"
    assert out.metadata["publication"] == "三門峽市中心醫院"
    md = get_writer("md").func(doc, WriteOptions(variant="zh-Hant")).decode()
    assert "醫患故事" in md


def test_unknown_variant_is_refused():
    with pytest.raises(ConfigError, match="unknown variant"):
        WriteOptions(variant="zh-SG")
    assert set(OPENCC_CONFIGS) == {"zh-Hant", "zh-TW", "zh-HK"}
