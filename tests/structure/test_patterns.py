"""Each structural pattern of issue 4, from its seed example, through the default pipeline."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from newsclean.audit import audit_conservation
from newsclean.pipeline import clean_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@cache
def cleaned(prefix: str):
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    text = path.read_text(encoding="utf-8")
    return text, clean_text(text, source=path.name)


def texts(doc):
    return [b.text for b in doc.blocks()]


def block_with(doc, fragment):
    return next(b for b in doc.blocks() if fragment in b.text)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_conservation_on_seeds(prefix):
    text, doc = cleaned(prefix)
    assert audit_conservation(text, doc).ok


def test_004_excerpts_one_article_each_with_title_and_speaker():
    _, doc = cleaned("004")
    excerpts = [a for a in doc.articles if a.byline]
    assert len(excerpts) == 10
    first = doc.articles[0]
    assert first.title == "强化专科建设 提升服务能力"
    assert first.byline == "茌平区温陈街道社区卫生服务中心主任 冯振"
    assert first.blocks[0].text.startswith("茌平区温陈街道社区卫生服务中心秉持")
    last = doc.articles[-1]
    assert last.title == "精准解除患者“痛点”" and last.byline.endswith("杨建军")
    assert last.blocks[0].text.startswith("所有的医生都希望为患者解除疼痛")
    page = doc.articles[1]
    assert page.byline is None and [b.type for b in page.blocks] == ["note", "note"]


def test_004_fixed_width_wraps_rejoined():
    _, doc = cleaned("004")
    assert "中医骨伤科在继承传统中医骨伤治疗技术的基础上，通过" in block_with(doc, "继承传统").text
    # a short line ending a sentence closes the paragraph; a full one does not
    assert block_with(doc, "获评“优秀”等次").text.endswith("获评“优秀”等次。")
    assert "检查设备。同时选派" in block_with(doc, "检查设备").text


def test_003_continuation_rejoined_across_stories():
    _, doc = cleaned("003")
    block = block_with(doc, "医疗不再是冰冷的技术")
    assert any(f.kind == "reassembled" for f in block.flags)
    host = next(a for a in doc.articles if a.title == "医疗资源下沉 共护百姓健康")
    assert host.blocks[0].text.startswith("为深入贯彻落实")
    story = next(a for a in doc.articles if a.title and a.title.startswith("十分钟闪现"))
    assert story.blocks[-1].text.endswith("温暖时光。（宣传科）")


def test_003_interleaved_columns_reordered_and_flagged():
    _, doc = cleaned("003")
    block = block_with(doc, "我们首先要考虑的")
    assert any(f.kind == "interleaved" for f in block.flags)
    assert "务必精细，周到" in block.text and "长远细" not in block.text


@pytest.mark.parametrize(
    "prefix, tail",
    [("002", "生产生活秩"), ("002", "全生规程"), ("003", "公卫服"), ("003", "人身安全"), ("003", "淅淅沥沥的秋")],
)
def test_lost_text_kept_and_flagged(prefix, tail):
    _, doc = cleaned(prefix)
    block = next(b for b in doc.blocks() if b.text.endswith(tail))
    assert any(f.kind == "lost_text" for f in block.flags)


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_furniture_never_in_article_text(prefix):
    _, doc = cleaned(prefix)
    content = "".join(doc.content_texts())
    for f in doc.furniture:
        canon = re.sub(r"\s+", "", f.text)
        if len(canon) >= 6 and f.kind != "masthead":
            assert canon not in content, f.text
    for label in ("责任编辑", "地址：", "健康热线", "网址：", "投稿指南", "总策划"):
        assert label not in content


def test_003_furniture_kinds_and_metadata():
    _, doc = cleaned("003")
    kinds = {f.text: f.kind for f in doc.furniture}
    assert kinds["博爱 创新 担当 奋进"] == "masthead"
    assert kinds["门诊预约挂号"] == "other"
    assert kinds["崇尚厚德仁术 共载生命重托"] == "other"
    assert kinds["做守护民众健康的中流砥柱"] == "other"
    assert kinds["投稿电话 0398-3118011"] == "contact"
    assert sum(1 for f in doc.furniture if f.kind == "footer") == 6
    assert dict(doc.metadata) == {
        "publication": "三门峡市中心医院",
        "issue": "2025年第10期 总第93期",
        "date": "2025-10-30",
    }


def test_roles_kicker_section_subheads_signoffs():
    _, doc = cleaned("003")
    first = doc.articles[0]
    assert (first.section, first.title) == ("医患故事", "用爱与专业点亮“星星”的世界")
    letter = doc.articles[1]
    assert (letter.kicker, letter.title) == ("来自厄立特里亚患者的感谢信：", "河南医生救了我的命")
    essay = next(a for a in doc.articles if a.kicker == "十三载公路路：")
    assert [b.text for b in essay.blocks if b.type == "heading"][0] == "初识公卫：在摸索中前行"
    assert essay.blocks[-1].type == "signoff"
    briefs = [a for a in doc.articles if a.section == "简讯"]
    assert len(briefs) == 2 and all(a.title is None for a in briefs)
    award = next(a for a in doc.articles if a.title and a.title.startswith("我院一项目"))
    assert "攻坚克难 小圈突破大难题" in [b.text for b in award.blocks if b.type == "heading"]


def test_subtitle_byline_caption_and_markdown_hints():
    _, doc = cleaned("001")
    lead = doc.articles[0]
    assert (lead.title, lead.subtitle, lead.byline) == (
        "纲举目张 运笔开局",
        "从系列座谈看聊城卫健高质量发展之势",
        "金增秀 周长才",
    )
    assert [b.type for b in lead.blocks].count("heading") == 3
    photo = next(a for a in doc.articles if a.byline == "刘庆功 李含章")
    assert photo.title is None and [b.type for b in photo.blocks] == ["caption"]
    _, doc2 = cleaned("002")
    assert doc2.articles[0].subtitle == "东昌府区卫健局提升服务质量工作走笔"
    assert doc2.articles[1].byline == "周长才 王延红"
    assert [f.kind for f in doc2.furniture] == ["credits"]


def test_000_byline_joined_untitled_story_split_and_joins():
    _, doc = cleaned("000")
    assert doc.articles[0].byline == "国晓宁 通讯员 段新歌 聊城报道"
    assert [a.title is None for a in doc.articles] == [False, False, True, False]
    body = texts(doc)
    assert any("开展好对口支援工作" in t for t in body)
    assert any("中医专家、护理骨干" in t for t in body)
    assert any("常态化开展行政查房机制" in t for t in body)
