"""DOCX writer: text faithful to the model, real styles, East Asian fonts, and a real consumer (LibreOffice)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from datetime import datetime, timezone

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from pubhelpers import GOLD_PATHS, article_texts, gold, squeeze, tiny_doc

from newsclean.model import Document
from newsclean.writers import WriteOptions, get_writer
from newsclean.writers.docx_xml import east_asia_font

WHEN = datetime(2025, 10, 30, 8, 0, tzinfo=timezone.utc)


def write(doc: Document, **kwargs) -> bytes:
    return get_writer("docx").func(doc, WriteOptions(timestamp=WHEN, **kwargs))


def reopen(data: bytes):
    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("path", GOLD_PATHS, ids=lambda p: p.name[:3])
def test_reopened_text_equals_the_model(path):
    doc = Document.from_json(path.read_text(encoding="utf-8"))
    paragraphs = [p.text for p in reopen(write(doc)).paragraphs]
    assert paragraphs == [t for a in doc.articles for t in article_texts(a)]


def test_every_kind_of_text_has_its_style():
    doc = tiny_doc()
    paragraphs = reopen(write(doc)).paragraphs
    styles = [p.style.name for p in paragraphs]
    assert styles == [
        "Section Label",
        "Kicker",
        "Heading 1",
        "Subtitle",
        "Byline",
        "Note",
        "Body Text",
        "Heading 2",
        "Body Text",
        "Caption",
        "Sign-off",
        "Caption",
    ]
    # formatting lives in the styles, not on the paragraphs
    assert all(p.paragraph_format.alignment is None for p in paragraphs)


def test_east_asian_fonts_song_for_body_and_hei_for_headlines():
    document = reopen(write(tiny_doc()))
    styles = document.styles
    assert east_asia_font(styles["Body Text"].element.rPr) == "宋体"
    for name in ("Heading 1", "Heading 2", "Kicker", "Subtitle", "Byline"):
        assert east_asia_font(styles[name].element.rPr) == "黑体", name
        fonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would override the name
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert east_asia_font(defaults) == "宋体"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_font_names_are_options():
    document = reopen(write(tiny_doc(), docx_serif_font="方正书宋", docx_sans_font="方正黑体"))
    assert east_asia_font(document.styles["Body Text"].element.rPr) == "方正书宋"
    assert east_asia_font(document.styles["Heading 1"].element.rPr) == "方正黑体"


def test_body_is_justified_with_a_two_character_indent():
    style = reopen(write(tiny_doc())).styles["Body Text"]
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    ind = style.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert int(ind.get(qn("w:firstLine"))) == 420  # 2 × 10.5 pt in twips


def test_headlines_are_in_the_outline():
    styles = reopen(write(tiny_doc())).styles
    assert styles["Heading 1"].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
    assert styles["Heading 2"].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"


def test_core_properties():
    props = reopen(write(gold("003"))).core_properties
    assert props.title == "三门峡市中心医院 2025年第10期 总第93期"
    assert props.language == "zh-CN"
    assert props.created == WHEN.replace(tzinfo=None) or props.created == WHEN


def test_articles_start_on_new_pages_by_default():
    doc = gold("001")
    document = reopen(write(doc))
    breaks = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == [article_texts(a)[0] for a in doc.articles[1:]]


def test_articles_in_sections_or_running_on():
    doc = gold("001")
    assert len(reopen(write(doc, article_break="section")).sections) == len(doc.articles)
    document = reopen(write(doc, article_break="none"))
    assert len(document.sections) == 1
    assert not any(p.paragraph_format.page_break_before for p in document.paragraphs)


def test_header_names_the_publication_and_footer_numbers_pages():
    document = reopen(write(gold("003")))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "三门峡市中心医院 2025年第10期 总第93期"
    assert "PAGE" in section.footer._element.xml


def test_deterministic_with_a_fixed_timestamp():
    doc = gold("002")
    first = write(doc)
    assert write(doc) == first
    later = get_writer("docx").func(doc, WriteOptions(timestamp=datetime(2026, 1, 1, tzinfo=timezone.utc)))
    assert later != first
    dates = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert dates == {(2025, 10, 30, 8, 0, 0)}


def test_source_date_epoch_fixes_the_timestamp(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1761811200")
    doc = gold("002")
    a = get_writer("docx").func(doc, WriteOptions())
    b = get_writer("docx").func(doc, WriteOptions())
    assert a == b


def test_no_leftovers_of_the_python_docx_template():
    names = zipfile.ZipFile(io.BytesIO(write(tiny_doc()))).namelist()
    assert "docProps/thumbnail.jpeg" not in names
    assert not any(n.startswith("customXml/") for n in names)


def test_traditional_edition():
    document = reopen(write(tiny_doc(), variant="zh-TW"))
    assert document.core_properties.language == "zh-TW"
    assert "滑鼠" in document.paragraphs[2].text
    assert east_asia_font(document.styles["Body Text"].element.rPr) == "新細明體"


def test_text_with_markup_and_spaces_is_kept_literally():
    doc = tiny_doc()
    text = "".join(p.text for p in reopen(write(doc)).paragraphs)
    assert '<img src="http://example.com/x.png">' in text


def test_furniture_only_when_asked():
    doc = tiny_doc()
    assert "投稿电话" not in "".join(p.text for p in reopen(write(doc)).paragraphs)
    assert "投稿电话" in "".join(p.text for p in reopen(write(doc, include_furniture=True)).paragraphs)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed here: "
    "tools/install-system-deps.sh installs libreoffice-writer-nogui, as CI does",
)
def test_libreoffice_converts_it(tmp_path):
    doc = gold("003")
    source = tmp_path / "issue.docx"
    source.write_bytes(write(doc))
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: parallel runs do not collide
    run = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = tmp_path / "issue.pdf"
    assert run.returncode == 0, run.stderr
    assert pdf.is_file() and pdf.stat().st_size > 10_000, run.stdout + run.stderr
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) >= len(doc.articles)  # one article per page at least
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    for article in doc.articles:
        if article.title:
            assert squeeze(article.title) in text
