"""PDF writer: embedded CJK font, text round trip, typography, bookmarks, metadata, fetcher safety.

PDF rendering costs about a second per document, so the heavy checks share one
rendering of gold 003 (17 stories, metadata, sections, kickers, sign-offs) and
the rest use a tiny document.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pubhelpers import HOSTILE, article_texts, gold, squeeze, tiny_doc
from pypdf import PdfReader

from newsclean.model import Document
from newsclean.writers import WriteOptions, get_writer
from newsclean.writers import pdf as pdf_writer
from newsclean.writers.fonts import package_font
from newsclean.writers.html import issue_line, render_html

WHEN = datetime(2025, 10, 30, 8, 0, tzinfo=timezone.utc)
CLOSING = "，。、；：？！）》」』】”’"


def write(doc: Document, **kwargs) -> bytes:
    return get_writer("pdf").func(doc, WriteOptions(timestamp=WHEN, **kwargs))


@pytest.fixture(scope="module")
def issue_doc() -> Document:
    return gold("003")


@pytest.fixture(scope="module")
def issue_pdf(issue_doc) -> bytes:
    return write(issue_doc)


@pytest.fixture(scope="module")
def reader(issue_pdf) -> PdfReader:
    return PdfReader(io.BytesIO(issue_pdf))


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """BaseFont name → whether its font program is embedded, over every page."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            desc = target.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            fonts[str(font["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def test_a_cjk_font_is_embedded_and_subset(reader):
    fonts = embedded_fonts(reader)
    cjk = {name: emb for name, emb in fonts.items() if re.search(r"CJK|SC|Han|Hei|Song|Ming", name)}
    assert cjk, f"no CJK font in {sorted(fonts)}"
    assert all(cjk.values()), cjk
    assert all(re.match(r"/?[A-Z]{6}\+", name) for name in cjk), "fonts should be subset (ABCDEF+ prefix)"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) not installed")
def test_pdffonts_agrees(issue_pdf, tmp_path):
    path = tmp_path / "issue.pdf"
    path.write_bytes(issue_pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" and row[-4] == "yes" for row in rows), out  # emb, sub


# A4 in points and the page margins of newsclean-print.css (22 mm top, 20 mm bottom).
PAGE_HEIGHT, TOP_MARGIN, BOTTOM_MARGIN = 841.89, 22 / 25.4 * 72, 20 / 25.4 * 72


def page_regions(page) -> tuple[str, str, str]:
    """(running header, body, footer) text of a page, told apart by the y position of each text run."""
    parts: dict[str, list[str]] = {"head": [], "body": [], "foot": []}

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        region = "head" if y > PAGE_HEIGHT - TOP_MARGIN else "foot" if y < BOTTOM_MARGIN else "body"
        parts[region].append(text)

    page.extract_text(visitor_text=visit)
    return "".join(parts["head"]), "".join(parts["body"]), "".join(parts["foot"])


def test_text_extracted_back_equals_the_document_text(reader, issue_doc):
    body = "".join(page_regions(page)[1] for page in reader.pages)
    masthead = issue_doc.metadata["publication"] + issue_line(issue_doc)
    expected = masthead + "".join(t for a in issue_doc.articles for t in article_texts(a))
    assert squeeze(body) == squeeze(expected)


def test_running_header_and_page_numbers(reader, issue_doc):
    first_head, _, first_foot = page_regions(reader.pages[0])
    assert first_head == ""  # the masthead stands on the first page
    assert squeeze(first_foot) == "—1—"
    titled = [a.title for a in issue_doc.articles]
    for number, page in enumerate(reader.pages[1:], start=2):
        head, _, foot = page_regions(page)
        assert squeeze(foot) == f"—{number}—"
        assert squeeze(head).startswith(squeeze(issue_doc.metadata["publication"] + issue_line(issue_doc)))
        headline = squeeze(head)[len(squeeze(issue_doc.metadata["publication"] + issue_line(issue_doc))) :]
        assert headline == "" or headline in {squeeze(t) for t in titled if t}


def test_no_line_starts_with_closing_punctuation(reader):
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    offenders = [line for line in lines if line[:1] in CLOSING]
    assert not offenders, offenders[:5]


def _outline_titles(items) -> list[str]:
    out = []
    for item in items:
        out.extend(_outline_titles(item) if isinstance(item, list) else [item.title])
    return out


def test_bookmarks_for_every_headline_and_subhead(reader, issue_doc):
    expected = []
    for article in issue_doc.articles:
        if article.title:
            expected.append(article.title)
        expected += [b.text for b in article.blocks if b.type == "heading"]
    assert _outline_titles(reader.outline) == expected
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == [a.title for a in issue_doc.articles if a.title]


def test_metadata_title_language_and_date(reader, issue_doc):
    info = reader.metadata
    assert info.title == "三门峡市中心医院 2025年第10期 总第93期"
    assert info.author == "三门峡市中心医院"
    assert info["/CreationDate"].startswith("D:20251030080000")
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hans"
    assert reader.mediabox if hasattr(reader, "mediabox") else True
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_articles_start_on_new_pages(reader, issue_doc):
    assert len(reader.pages) >= len(issue_doc.articles)


def test_deterministic_with_a_fixed_timestamp(issue_pdf):
    doc = tiny_doc()
    assert write(doc) == write(doc)


def test_typography_rules_are_in_the_stylesheet():
    css = pdf_writer.stylesheet_path().read_text(encoding="utf-8")
    body = css[css.index("p.body, p.signoff") :]
    body = body[: body.index("}")]
    assert "text-indent: 2em" in body and "text-align: justify" in body
    assert "line-height: 1.8" in css and "size: A4" in css


# -- safety ----------------------------------------------------------------------
def test_markup_in_text_is_escaped():
    html = render_html(tiny_doc())
    assert "<img" not in html.replace("&lt;img", "")
    assert "&lt;img src=" in html


def test_fetcher_only_serves_our_font_and_stylesheet(monkeypatch):
    """A recording fetcher sees only the font and CSS URLs, even with hostile text in the document."""
    recorders = []
    real = pdf_writer.make_fetcher

    def recording(allowed):
        fetcher = real(allowed)
        recorders.append(fetcher)
        return fetcher

    monkeypatch.setattr(pdf_writer, "make_fetcher", recording)
    font = package_font("serif")
    data = write(tiny_doc(), font=str(font.path))  # a font file: loaded through the fetcher
    assert data.startswith(b"%PDF")
    (fetcher,) = recorders
    assert fetcher.requested, "the user font should have been fetched"
    assert set(fetcher.requested) <= set(fetcher.allowed)
    assert all(url.startswith("file://") and url.endswith((".otf", ".css")) for url in fetcher.requested)


def test_fetcher_refuses_everything_else():
    fetcher = pdf_writer.make_fetcher({})
    for url in ("file:///etc/passwd", "http://example.com/x.png", "https://example.com/a.css", "data:text/css,p{}"):
        with pytest.raises(ValueError, match="refuses"):
            fetcher.fetch(url)
    assert len(fetcher.requested) == 4


def test_weasyprint_problems_become_warnings(monkeypatch):
    """WeasyPrint only logs; the writer turns its messages into PdfRenderWarning (errors in tests)."""
    real = pdf_writer.make_fetcher
    monkeypatch.setattr(pdf_writer, "make_fetcher", lambda allowed: real({}))  # refuse even our font
    with pytest.warns(pdf_writer.PdfRenderWarning, match="cannot be loaded"):
        write(tiny_doc(), font=str(package_font("serif").path))


def test_untitled_article_and_hostile_text_render():
    reader = PdfReader(io.BytesIO(write(tiny_doc())))
    text = squeeze("".join(p.extract_text() for p in reader.pages))
    assert squeeze(HOSTILE) in text
    assert "医院新门诊楼外景" in text


# -- variants --------------------------------------------------------------------
@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_pdf_variants(variant):
    data = write(tiny_doc(), pdf_variant=variant)
    reader = PdfReader(io.BytesIO(data))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    if variant == "pdf/a-3b":
        assert "pdfaid:part" in xmp and "3" in xmp
    else:
        assert "pdfuaid" in xmp
        assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_traditional_edition_uses_a_traditional_face():
    reader = PdfReader(io.BytesIO(write(tiny_doc(), variant="zh-TW")))
    assert reader.trailer["/Root"]["/Lang"] == "zh-TW"
    text = "".join(p.extract_text() for p in reader.pages)
    assert "滑鼠" in text
    fonts = embedded_fonts(reader)
    if any("CJK" in name for name in fonts):  # fontconfig's Noto CJK: the TC face is chosen
        assert any("TC" in name for name in fonts), fonts


# -- the packaged font, with no system fonts at all ------------------------------
def test_packaged_font_when_fontconfig_knows_no_font(tmp_path):
    """Point fontconfig at an empty configuration: the PDF still embeds a Chinese font (Noto SC from PyPI)."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    out = tmp_path / "tiny.pdf"
    script = textwrap.dedent(f"""
        import json, sys, warnings
        warnings.simplefilter("error")
        sys.path.insert(0, {str(os.path.dirname(__file__))!r})
        from pubhelpers import tiny_doc
        from newsclean.writers import WriteOptions, get_writer
        from newsclean.writers.fonts import find_cjk_font
        doc = tiny_doc()
        font = find_cjk_font(style="serif", lang=doc.lang)
        open({str(out)!r}, "wb").write(get_writer("pdf").func(doc, WriteOptions()))
        print(json.dumps({{"source": font.source, "family": font.family}}))
    """)
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    chosen = json.loads(run.stdout.strip().splitlines()[-1])
    assert chosen == {"source": "package", "family": "Noto Serif SC"}
    reader = PdfReader(out)
    fonts = embedded_fonts(reader)
    names = [name.replace("-", "").replace(" ", "") for name in fonts]
    assert any("NotoSerifSC" in n for n in names) and any("NotoSansSC" in n for n in names), fonts
    assert all(fonts.values())
    assert "软件与鼠标" in squeeze("".join(p.extract_text() for p in reader.pages))


def test_a_font_without_chinese_glyphs_is_reported(tmp_path):
    """A user font that cannot show the text says so, instead of silently printing boxes."""
    latin = next((p for p in map(Path, ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)) if p.is_file()), None)
    if latin is None:
        import weasyprint

        candidates = sorted(Path(weasyprint.__file__).parent.rglob("*.[ot]tf"))
        if not candidates:
            pytest.skip("no Latin-only font file at hand")
        latin = candidates[0]
    with pytest.warns(pdf_writer.PdfRenderWarning, match="no glyph for"):
        write(tiny_doc(), font=str(latin))
