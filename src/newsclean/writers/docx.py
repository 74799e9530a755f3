"""DOCX writer (python-docx): a Word document a Chinese newspaper editor can publish.

Every kind of text has a real Word style, defined once in the style sheet:
``Section Label`` (栏目), ``Kicker`` (引题), ``Heading 1`` (the headline, so each
story is in the navigation pane), ``Subtitle`` (副题, printed with its leading
——), ``Byline``, ``Body Text`` (justified, two-character first-line indent),
``Heading 2`` (小标题), ``Caption``, ``Note`` (boxed 编者按), ``Sign-off``. Body
styles use a Song face and headline styles a Hei face through ``w:eastAsia``
(:mod:`newsclean.writers.docx_xml`); the names are options.

Each article starts on a new page (``article_break="page"``), in a new section
(``"section"``) or runs on (``"none"``). Core properties carry the title, the
language and the creation time; with a fixed timestamp the bytes are
reproducible (the ZIP entries are rewritten in a fixed order with fixed dates).

Speed: the styled template is built once per font choice and kept as bytes;
each document reopens it (the python-docx default template is pruned of the
~150 unused styles, the thumbnail and the custom XML that make opening slow).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from functools import lru_cache

from newsclean.model import Article, Document
from newsclean.writers import register_writer
from newsclean.writers.html import document_title
from newsclean.writers.options import WriteOptions

BODY_PT = 10.5  # 五号
WORD_LANG = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "zh-TW": "zh-TW", "zh-HK": "zh-HK"}
# Fonts Word users in Taiwan and Hong Kong have, used for Traditional editions
# when the default (mainland) names were not changed.
TRADITIONAL_FONTS = ("新細明體", "微軟正黑體")
LATIN_SERIF, LATIN_SANS = "Times New Roman", "Arial"

# Built-in styles kept from the python-docx template (with their "Char" twins); the rest are dropped.
_KEEP_STYLES = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Header",
    "Footer",
    "Heading 1",
    "Heading 2",
    "Subtitle",
    "Body Text",
    "Caption",
}
STYLE_OF_BLOCK = {
    "paragraph": "Body Text",
    "heading": "Heading 2",
    "caption": "Caption",
    "note": "Note",
    "signoff": "Sign-off",
}


def _word_lang(lang: str) -> str:
    return WORD_LANG.get(lang, lang if "-" in lang else "zh-CN")


def _fonts_for(doc: Document, options: WriteOptions) -> tuple[str, str]:
    serif, sans = options.docx_serif_font, options.docx_sans_font
    defaults = WriteOptions()
    if doc.lang in ("zh-Hant", "zh-TW", "zh-HK") and (serif, sans) == (
        defaults.docx_serif_font,
        defaults.docx_sans_font,
    ):
        return TRADITIONAL_FONTS
    return serif, sans


@lru_cache(maxsize=8)
def styled_template(serif: str, sans: str, lang: str) -> bytes:
    """The bytes of an empty DOCX whose style sheet holds every newsclean style."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    from newsclean.writers import docx_xml as X

    document = docx.Document()
    _prune(document, RT, qn)
    styles = document.styles
    # Document defaults: fonts, Chinese as the East Asian language, no theme fonts.
    rpr = X.doc_defaults_rpr(styles.element)
    X.set_fonts(rpr, latin=LATIN_SERIF, east_asia=serif)
    X.set_language(rpr, lang)

    def para_style(
        name: str,
        base: str | None,
        *,
        sans_face: bool = False,
        size: float = BODY_PT,
        bold: bool = False,
        align=None,
        before: float = 0,
        after: float = 0,
        line: float = 1.5,
        next_style: str | None = None,
    ):
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = styles[base]
        style.quick_style = True
        font = style.font
        font.size = Pt(size)
        font.bold = bold
        font.italic = False
        font.color.rgb = RGBColor(0x11, 0x11, 0x11)
        X.set_fonts(
            style.element.get_or_add_rPr(),
            latin=LATIN_SANS if sans_face else LATIN_SERIF,
            east_asia=sans if sans_face else serif,
        )
        fmt = style.paragraph_format
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.line_spacing = line
        if align is not None:
            fmt.alignment = align
        if next_style:
            pending_next.append((style, next_style))
        return style

    pending_next: list = []

    normal = para_style("Normal", None, line=1.5)
    normal.paragraph_format.widow_control = True
    body = para_style("Body Text", "Normal", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    body.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    X.set_first_line_chars(body.element.get_or_add_pPr(), 2, BODY_PT)
    para_style("Section Label", "Normal", sans_face=True, size=9, bold=True, after=4, next_style="Kicker")
    para_style(
        "Kicker", "Normal", sans_face=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, line=1.3, next_style="Heading 1"
    )
    h1 = para_style(
        "Heading 1",
        "Normal",
        sans_face=True,
        size=20,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=2,
        after=2,
        line=1.2,
        next_style="Subtitle",
    )
    h1.paragraph_format.keep_with_next = True
    X.set_outline_level(h1.element.get_or_add_pPr(), 0)
    para_style(
        "Subtitle",
        "Normal",
        sans_face=True,
        size=12,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=1.3,
        after=4,
        next_style="Byline",
    )
    para_style(
        "Byline", "Normal", sans_face=True, size=9.5, align=WD_ALIGN_PARAGRAPH.CENTER, after=8, next_style="Body Text"
    )
    h2 = para_style(
        "Heading 2", "Normal", sans_face=True, size=11, bold=True, before=6, after=2, next_style="Body Text"
    )
    h2.paragraph_format.keep_with_next = True
    X.set_outline_level(h2.element.get_or_add_pPr(), 1)
    para_style(
        "Caption",
        "Normal",
        sans_face=True,
        size=9,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=3,
        after=6,
        line=1.3,
        next_style="Body Text",
    )
    note = para_style("Note", "Body Text", size=9.5, before=4, after=6)
    X.set_box(note.element.get_or_add_pPr())
    para_style("Sign-off", "Normal", align=WD_ALIGN_PARAGRAPH.RIGHT, next_style="Body Text")
    for name in ("Header", "Footer"):
        para_style(name, "Normal", sans_face=True, size=8.5, line=1.0)
    for style, next_name in pending_next:
        style.next_paragraph_style = styles[next_name]
    for name in ("Heading 1 Char", "Heading 2 Char", "Subtitle Char", "Body Text Char"):
        try:
            X.set_fonts(styles[name].element.get_or_add_rPr(), latin=LATIN_SERIF, east_asia=serif)
        except KeyError:
            pass
    _header_footer_template(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin = section.right_margin = Mm(22)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _prune(document, RT, qn) -> None:
    """Drop what slows opening and means nothing here: unused styles, thumbnail, custom XML."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"):
            part.rels.pop(rid)
    styles_el = document.styles.element
    latent = styles_el.find(qn("w:latentStyles"))
    if latent is not None:
        styles_el.remove(latent)
    keep = _KEEP_STYLES | {n + " Char" for n in _KEEP_STYLES}
    for style in list(styles_el.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        label = name.get(qn("w:val")) if name is not None else ""
        # style names in the XML are lower-case for built-ins ("heading 1")
        if not any(label.lower() == k.lower() for k in keep):
            styles_el.remove(style)


def _add_article(document, article: Article, style_ids: dict[str, str], first: bool, article_break: str) -> None:
    from docx.enum.section import WD_SECTION

    from newsclean.writers.docx_xml import append_paragraph

    if not first and article_break == "section":
        document.add_section(WD_SECTION.NEW_PAGE)
    body = document.element.body
    pending_break = not first and article_break == "page"
    for text, style in _article_units(article):
        append_paragraph(body, style_ids[style], text, page_break_before=pending_break)
        pending_break = False


def _article_units(article: Article) -> list[tuple[str, str]]:
    """(text, style name) of every paragraph of ``article``, in order."""
    units = []
    for name, style in (("section", "Section Label"), ("kicker", "Kicker"), ("title", "Heading 1")):
        value = getattr(article, name)
        if value:
            units.append((value, style))
    if article.subtitle:
        units.append(("——" + article.subtitle, "Subtitle"))
    if article.byline:
        units.append((article.byline, "Byline"))
    units.extend((b.text, STYLE_OF_BLOCK[b.type]) for b in article.blocks)
    return units


def article_paragraph_texts(article: Article) -> list[str]:
    """The paragraph texts the DOCX holds for ``article``, in order (for checks and tests)."""
    return [text for text, _ in _article_units(article)]


def _style_ids(document) -> dict[str, str]:
    """Style name → style id, for every paragraph style of the template."""
    from docx.enum.style import WD_STYLE_TYPE

    return {s.name: s.style_id for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}


def _header_footer_template(document) -> None:
    """An empty centred header (filled per document) and a ``— PAGE —`` footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from newsclean.writers.docx_xml import append_field

    section = document.sections[0]
    para = section.header.paragraphs[0]
    para.style = document.styles["Header"]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para = section.footer.paragraphs[0]
    para.style = document.styles["Footer"]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("— ")
    append_field(para, "PAGE")
    para.add_run(" —")


def _header(document, doc: Document) -> None:
    text = " ".join(p for p in (doc.metadata.get("publication", ""), doc.metadata.get("issue", "")) if p)
    if text:
        document.sections[0].header.paragraphs[0].add_run(text)


def _core_properties(document, doc: Document, created: datetime, lang: str) -> None:
    props = document.core_properties
    props.title = document_title(doc)
    props.language = lang
    props.author = doc.metadata.get("publication", "") or "newsclean"
    props.last_modified_by = "newsclean"
    props.comments = f"Cleaned by newsclean from {doc.source}" if doc.source else ""
    props.subject = doc.metadata.get("issue", "")
    props.keywords = ""
    props.revision = 1
    naive = created.replace(tzinfo=None)
    props.created = naive
    props.modified = naive


class _FixedDateZip:
    """The physical package writer python-docx's ``PackageWriter`` expects, with fixed entry dates.

    python-docx stamps every ZIP entry with the current time; writing them with
    one given date (and fixed permissions) makes two runs with the same
    timestamp produce identical bytes, without zipping twice.
    """

    def __init__(self, when: datetime):
        self.stamp = max(tuple(when.timetuple()[:6]), (1980, 1, 1, 0, 0, 0))
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.create_system = 3
        self.zip.writestr(info, blob)

    def close(self) -> None:
        self.zip.close()


def save_package(document, when: datetime) -> bytes:
    """The DOCX bytes of ``document`` with every ZIP entry dated ``when``."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    writer = _FixedDateZip(when)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    writer.close()
    return writer.buffer.getvalue()


@register_writer("docx", ".docx", "Word document with Chinese newspaper styles (python-docx)")
def write_docx(doc: Document, options: WriteOptions) -> bytes:
    """Render ``doc`` as DOCX bytes."""
    import docx

    lang = _word_lang(doc.lang)
    serif, sans = _fonts_for(doc, options)
    document = docx.Document(io.BytesIO(styled_template(serif, sans, lang)))
    style_ids = _style_ids(document)
    for i, article in enumerate(doc.articles):
        _add_article(document, article, style_ids, i == 0, options.article_break)
    if options.include_furniture and doc.furniture:
        from newsclean.writers.docx_xml import append_paragraph

        brk = bool(doc.articles) and options.article_break != "none"
        for item in doc.furniture:
            append_paragraph(document.element.body, style_ids["Caption"], item.text, page_break_before=brk)
            brk = False
    _header(document, doc)
    created = options.created()
    _core_properties(document, doc, created, lang)
    return save_package(document, created)
