"""Shared helpers of the publishing-writer tests (docx, pdf, jats, variants)."""

from __future__ import annotations

import re
from pathlib import Path

from newsclean.model import Article, Block, Document, Flag, Furniture

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "fixtures" / "gold"
GOLD_PATHS = sorted(GOLD_DIR.glob("*.json"))
SEED_PATHS = sorted((ROOT / "seeds").glob("*.txt"))


def gold(stem_prefix: str) -> Document:
    """The gold document whose file name starts with ``stem_prefix`` (e.g. "003")."""
    (path,) = [p for p in GOLD_PATHS if p.name.startswith(stem_prefix)]
    return Document.from_json(path.read_text(encoding="utf-8"))


def article_texts(article: Article) -> list[str]:
    """Texts a reader sees for ``article``, in order, subtitle with its ——."""
    out = [t for t in (article.section, article.kicker, article.title) if t]
    if article.subtitle:
        out.append("——" + article.subtitle)
    if article.byline:
        out.append(article.byline)
    return out + [b.text for b in article.blocks]


def squeeze(text: str) -> str:
    """Text with all whitespace removed (comparisons modulo whitespace)."""
    return re.sub(r"\s+", "", text)


HOSTILE = '<img src="http://example.com/x.png"> <link rel=stylesheet href="file:///etc/passwd"> & ]]> url(file:///etc/hostname)'


def tiny_doc(lang: str = "zh-Hans") -> Document:
    """A small document with every field and block type, and hostile markup in its text."""
    return Document(
        source="tiny.txt",
        lang=lang,
        metadata={"publication": "聊城卫健", "issue": "2025年第1期", "date": "2025-01-15"},
        furniture=(Furniture("footer", "地址：聊城市东昌府区 投稿电话 0635-8888888"),),
        articles=(
            Article(
                section="简讯",
                kicker="来自患者的感谢信：",
                title="软件与鼠标：医院信息化建设",
                subtitle="记医院信息中心的一天",
                byline="国晓宁 通讯员 段新歌 聊城报道",
                blocks=(
                    Block("note", "编者按 信息化是医院高质量发展的基础。"),
                    Block(
                        "paragraph",
                        "新年伊始，医院信息中心的工程师们忙着升级软件，鼠标点击之间，患者的等待时间缩短了一半。",
                    ),
                    Block("heading", "一、系统升级"),
                    Block(
                        "paragraph",
                        "网址：www.smzsxyy.cn，邮箱 yiyuankuaibao@163.com，血压 90/60，“1+1>2”。" + HOSTILE,
                        flags=(Flag("lost_text", "段落在此处中断"),),
                    ),
                    Block("caption", "图为工程师调试服务器"),
                    Block("signoff", "（信息中心）"),
                ),
            ),
            Article(title=None, blocks=(Block("caption", "医院新门诊楼外景"),)),
        ),
    )
