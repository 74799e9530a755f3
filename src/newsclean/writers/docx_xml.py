"""Raw WordprocessingML the python-docx API does not reach, kept in one place.

python-docx's ``font.name`` sets only ``w:ascii``/``w:hAnsi``: Chinese text
takes its face from ``w:eastAsia`` (and theme attributes such as
``w:eastAsiaTheme`` override explicit names), so every font is set here.
Likewise the first-line indent in characters (``w:firstLineChars``), the East
Asian language, paragraph borders and shading, outline levels, and the PAGE
field have no API.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _child(parent, tag: str, *, before: tuple[str, ...] = ()):
    """The first ``tag`` child of ``parent``, created (before any of ``before``) if absent."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        for name in before:
            anchor = parent.find(qn(name))
            if anchor is not None:
                anchor.addprevious(el)
                break
        else:
            parent.append(el)
    return el


def set_fonts(rpr, *, latin: str, east_asia: str) -> None:
    """Set ``w:rFonts`` of a ``w:rPr``: Latin faces and the East Asian face, no theme fonts.

    ``rFonts`` must be the first child of ``rPr`` (schema order), so it is put there.
    """
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        key = qn(attr)
        if key in fonts.attrib:
            del fonts.attrib[key]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def east_asia_font(rpr) -> str | None:
    """The ``w:eastAsia`` face named in a ``w:rPr``, if any."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def set_language(rpr, east_asia: str, latin: str = "en-US") -> None:
    """``w:lang`` of a ``w:rPr``: spelling and line-breaking rules for Chinese text."""
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)
    lang.set(qn("w:bidi"), "ar-SA")


def doc_defaults_rpr(styles_element):
    """The ``w:rPr`` of ``w:docDefaults/w:rPrDefault`` in a styles part (created if absent)."""
    defaults = _child(styles_element, "w:docDefaults")
    rpr_default = _child(defaults, "w:rPrDefault")
    return _child(rpr_default, "w:rPr")


def set_first_line_chars(ppr, chars: float, font_pt: float) -> None:
    """First-line indent of ``chars`` characters (``w:firstLineChars``, with a twips fallback)."""
    ind = _child(ppr, "w:ind", before=("w:contextualSpacing", "w:jc", "w:textDirection", "w:outlineLvl", "w:rPr"))
    ind.set(qn("w:firstLineChars"), str(int(round(chars * 100))))
    ind.set(qn("w:firstLine"), str(int(round(chars * font_pt * 20))))


def set_outline_level(ppr, level: int) -> None:
    """``w:outlineLvl``: the paragraph shows in the navigation pane and the PDF outline."""
    _child(ppr, "w:outlineLvl", before=("w:rPr",)).set(qn("w:val"), str(level))


def set_box(ppr, *, border: str = "808080", fill: str = "F5F2EA") -> None:
    """A thin border on all sides and a tinted background (boxed notes such as 编者按)."""
    bdr = _child(ppr, "w:pBdr", before=("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr"))
    for side in ("top", "left", "bottom", "right"):
        el = _child(bdr, f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), border)
    shd = _child(ppr, "w:shd", before=("w:tabs", "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr"))
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def append_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """Append a simple field (``PAGE``, ``NUMPAGES``...) to a python-docx paragraph."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def set_snap_to_grid_off(ppr) -> None:
    """Let line height follow the style rather than the document grid (avoids double spacing)."""
    _child(ppr, "w:snapToGrid", before=("w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr")).set(qn("w:val"), "0")


def append_paragraph(body, style_id: str, text: str, *, page_break_before: bool = False):
    """Append ``<w:p>`` with style ``style_id`` and one run of ``text`` to a ``w:body``.

    The same paragraph python-docx's ``add_paragraph(text, style)`` makes, built
    directly: that call looks the style up by scanning the whole style sheet,
    which made it the bottleneck of the writer. Elements are made through the
    body's own parser, so python-docx still sees its element classes.
    Inserted before the body's final ``w:sectPr``.
    """
    p = body.makeelement(_W_P, {})
    ppr = etree.SubElement(p, _W_PPR)
    etree.SubElement(ppr, _W_PSTYLE, {_W_VAL: style_id})
    if page_break_before:
        etree.SubElement(ppr, _W_PAGE_BREAK_BEFORE)
    t = etree.SubElement(etree.SubElement(p, _W_R), _W_T)
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")
    sect = body.find(_W_SECTPR)
    if sect is not None:
        sect.addprevious(p)
    else:
        body.append(p)
    return p


_W_P, _W_PPR, _W_PSTYLE, _W_VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_W_PAGE_BREAK_BEFORE, _W_R, _W_T, _W_SECTPR = qn("w:pageBreakBefore"), qn("w:r"), qn("w:t"), qn("w:sectPr")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
