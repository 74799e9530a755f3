"""JATS XML writer (lxml): one file per input, valid against JATS Journal Publishing 1.1.

Shape: the root ``<article article-type="collection">`` stands for the printed
issue the dump came from; each story is a ``<sub-article article-type="news">``
with its own ``xml:lang``, ``front-stub`` and ``body``.

Why sub-articles rather than one ``<article>`` per story: one input dump is one
document in our model and one output file, and JATS has no multi-article
container element (a file holds exactly one ``<article>``). The issue-level
facts (publication, issue, date, page furniture) belong to no single story, so
they go in the root's ``front``; each story keeps its own metadata and stays
addressable by id (``a1``, ``a2``...). A consumer that wants one article per
story can split on ``sub-article`` without losing anything.

Mapping: section label (栏目) → ``article-categories/subj-group[@subj-group-type="heading"]``;
kicker (引题) → ``alt-title[@alt-title-type="kicker"]``; headline → ``article-title``;
subtitle → ``subtitle``; byline → ``contrib-group`` (names as eastern-order
``name``, printed titles and roles as ``role``) plus the byline as printed in
custom metadata; subheads open ``<sec>``; captions → ``<fig><caption>``; notes →
``<boxed-text content-type="editor-note">``; sign-offs → ``<p content-type="signoff">``;
furniture, flags and the source name → ``custom-meta``.

Where JATS Publishing 1.1 requires a fact the paper does not print (an ISSN, a
publication year), the element is written empty, with a comment, rather than
invented.

Built with lxml element by element: every text is escaped by the serializer.
"""

from __future__ import annotations

import re

from lxml import etree

from newsclean.model import Article, Block, Document, Flag
from newsclean.writers import register_writer
from newsclean.writers.html import document_title
from newsclean.writers.options import WriteOptions

DTD_PUBLIC_ID = "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.1 20151215//EN"
DTD_SYSTEM_ID = "https://jats.nlm.nih.gov/publishing/1.1/JATS-journalpublishing1.dtd"
DOCTYPE = f'<!DOCTYPE article PUBLIC "{DTD_PUBLIC_ID}" "{DTD_SYSTEM_ID}">'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLINK_NS = "http://www.w3.org/1999/xlink"
MML_NS = "http://www.w3.org/1998/Math/MathML"

# Words that introduce the people after them in a byline (本报记者 张三 通讯员 李四).
ROLE_WORDS = (
    "本报记者",
    "特约记者",
    "实习记者",
    "记者",
    "通讯员",
    "特约通讯员",
    "实习生",
    "文/图",
    "文",
    "图",
    "摄",
    "摄影",
    "编辑",
    "作者",
    "撰文",
    "供稿",
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "呼延",
    "澹台",
    "万俟",
)
_HAN_NAME = re.compile(r"^[\u3400-\u9fff·]{2,4}$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _custom_meta(group, name: str, value: str) -> None:
    meta = _sub(group, "custom-meta")
    _sub(meta, "meta-name", name)
    _sub(meta, "meta-value", value)


def split_chinese_name(name: str) -> tuple[str, str]:
    """(surname, given names) of a Chinese personal name.

    >>> split_chinese_name("国晓宁")
    ('国', '晓宁')
    >>> split_chinese_name("欧阳修")
    ('欧阳', '修')
    """
    for surname in COMPOUND_SURNAMES:
        if name.startswith(surname) and len(name) > len(surname):
            return surname, name[len(surname) :]
    return name[:1], name[1:]


def parse_byline(byline: str) -> list[tuple[str, list[str]]]:
    """(name, roles) of each person a byline names; datelines such as 聊城报道 are dropped.

    >>> parse_byline("国晓宁 通讯员 段新歌 聊城报道")
    [('国晓宁', []), ('段新歌', ['通讯员'])]
    >>> parse_byline("聊城市人民医院党委书记 姜祥坤")
    [('姜祥坤', ['聊城市人民医院党委书记'])]
    """
    people: list[tuple[str, list[str]]] = []
    roles: list[str] = []
    for token in byline.split():
        if token in ROLE_WORDS:
            roles = [token]
        elif token.endswith("报道") or token.endswith("电"):
            continue
        elif _HAN_NAME.match(token):
            people.append((token, list(roles)))
            if roles and roles[0] not in ROLE_WORDS:
                roles = []  # a printed title belongs to the one name after it
        else:
            roles = [token]
    return people


def _contrib_group(parent, byline: str) -> None:
    people = parse_byline(byline)
    if not people:
        return
    group = _sub(parent, "contrib-group")
    for name, roles in people:
        contrib = _sub(group, "contrib", contrib_type="author")
        el = _sub(contrib, "name", name_style="eastern")
        surname, given = split_chinese_name(name)
        _sub(el, "surname", surname)
        if given:
            _sub(el, "given-names", given)
        for role in roles:
            _sub(contrib, "role", role)


def _pub_date(parent, date: str | None, *, required: bool) -> None:
    match = _ISO_DATE.match(date or "")
    if not match and not required:
        return
    el = _sub(parent, "pub-date", publication_format="print", date_type="pub")
    if not match:
        el.append(etree.Comment(" the source prints no date; JATS Publishing 1.1 requires a pub-date with a year "))
        _sub(el, "year", "")
        return
    year, month, day = match.groups()
    el.set("iso-8601-date", date)
    if day:
        _sub(el, "day", day)
    if month:
        _sub(el, "month", month)
    _sub(el, "year", year)


def _flag_text(flag: Flag, where: str) -> str:
    return f"{where}: {flag.note}" if where else flag.note


def _body(parent, blocks: tuple[Block, ...]) -> None:
    if not blocks:
        return
    body = _sub(parent, "body")
    container = body
    for block in blocks:
        if block.type == "heading":
            container = _sub(body, "sec")
            _sub(container, "title", block.text)
        elif block.type == "caption":
            fig = _sub(container, "fig")
            _sub(_sub(fig, "caption"), "p", block.text)
        elif block.type == "note":
            _sub(_sub(container, "boxed-text", content_type="editor-note"), "p", block.text)
        elif block.type == "signoff":
            _sub(container, "p", block.text, content_type="signoff")
        else:
            _sub(container, "p", block.text)


def _sub_article(root, article: Article, index: int, doc: Document) -> None:
    sub = _sub(root, "sub-article", article_type="news", id=f"a{index + 1}")
    sub.set(XML_LANG, doc.lang)
    stub = _sub(sub, "front-stub")
    if article.section:
        cats = _sub(stub, "article-categories")
        _sub(_sub(cats, "subj-group", subj_group_type="heading"), "subject", article.section)
    if article.title or article.kicker or article.subtitle:
        group = _sub(stub, "title-group")
        _sub(group, "article-title", article.title or "")
        if article.subtitle:
            _sub(group, "subtitle", article.subtitle)
        if article.kicker:
            _sub(group, "alt-title", article.kicker, alt_title_type="kicker")
    if article.byline:
        _contrib_group(stub, article.byline)
    _pub_date(stub, doc.metadata.get("date"), required=False)
    metas: list[tuple[str, str]] = []
    if article.byline:
        metas.append(("byline", article.byline))
    metas.extend((f"flag:{f.kind}", _flag_text(f, "")) for f in article.flags)
    for i, block in enumerate(article.blocks):
        metas.extend((f"flag:{f.kind}", _flag_text(f, f"block {i + 1}")) for f in block.flags)
    if metas:
        group = _sub(stub, "custom-meta-group")
        for name, value in metas:
            _custom_meta(group, name, value)
    _body(sub, article.blocks)


def build_jats(doc: Document) -> etree._ElementTree:
    """The JATS tree of ``doc`` (see the module docstring for the mapping)."""
    nsmap = {"xlink": XLINK_NS, "mml": MML_NS}
    root = etree.Element("article", nsmap=nsmap)
    root.set("article-type", "collection")
    root.set("dtd-version", "1.1")
    root.set(XML_LANG, doc.lang)
    front = _sub(root, "front")
    publication = doc.metadata.get("publication", "")
    journal = _sub(front, "journal-meta")
    if not publication:
        journal.append(etree.Comment(" the source prints no publication name "))
    _sub(journal, "journal-id", publication, journal_id_type="publisher-id")
    if publication:
        _sub(_sub(journal, "journal-title-group"), "journal-title", publication)
    issn = doc.metadata.get("issn", "")
    if not issn:
        journal.append(etree.Comment(" no ISSN is printed; JATS Publishing 1.1 requires the element "))
    _sub(journal, "issn", issn, publication_format="print")
    meta = _sub(front, "article-meta")
    _sub(_sub(meta, "title-group"), "article-title", document_title(doc))
    _pub_date(meta, doc.metadata.get("date"), required=True)
    if doc.metadata.get("issue"):
        _sub(meta, "issue", doc.metadata["issue"])
    group = etree.Element("custom-meta-group")
    if doc.source:
        _custom_meta(group, "source", doc.source)
    for key, value in doc.metadata.items():
        if key not in ("publication", "issue", "date", "issn"):
            _custom_meta(group, f"metadata:{key}", value)
    for item in doc.furniture:
        _custom_meta(group, f"furniture:{item.kind}", item.text)
    if len(group):
        meta.append(group)
    for i, article in enumerate(doc.articles):
        _sub_article(root, article, i, doc)
    return etree.ElementTree(root)


def _scrub(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (C0 controls but tab/newline/CR)."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)


@register_writer("jats", ".xml", "JATS Journal Publishing 1.1 XML, one sub-article per story")
def write_jats(doc: Document, options: WriteOptions) -> bytes:
    """Render ``doc`` as JATS XML (UTF-8, with the Publishing 1.1 DOCTYPE)."""
    try:
        tree = build_jats(doc)
    except ValueError:  # lxml refuses control characters: drop them and build again
        tree = build_jats(Document.from_dict(_scrubbed(doc.to_dict())))
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=DOCTYPE)


def _scrubbed(value):
    if isinstance(value, str):
        return _scrub(value)
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    if isinstance(value, dict):
        return {k: _scrubbed(v) for k, v in value.items()}
    return value
