"""Regression floors on the degraded fixture pages (fixtures/degraded: real extraction tools).

The figures are what the structure cleaners reach today, less a margin for the
text cleaners' own changes; a drop below a floor is a regression to look at.
Known failures are ``xfail(strict=True)``, so a fix is noticed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from newsclean.audit import audit_conservation
from newsclean.evaluate import evaluate_degraded, total_row
from newsclean.pipeline import clean_text
from newsclean.readers import read_path

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "degraded"


@lru_cache(maxsize=1)
def rows():
    return evaluate_degraded(ROOT)


# per extraction tool: (max cer, min para_f1, min title_f1), averaged over the pages.
# The held-out page p5 (added to check the de-interleaving on a layout it was not tuned on) is harder for two
# tools in ways that have nothing to do with interleaving, so their floors were lowered when it came in:
# on pdftotext -layout the kicker over a centred headline was joined to it and some lines of the 3-column
# bands were taken for headings (title_f1 1.0 -> 0.91 with p5, para_f1 1.0 -> 0.96; both back to 1.0 since),
# and PyMuPDF's late headline loses to the page header on a page with no masthead
# (title_f1 1.0 -> 0.93). Neither figure changed on p1-p4.
FLOORS = {
    # columns found on poppler's character grid, a column running alone kept in its column, paragraph indents
    # read as paragraph starts (was cer 0.30, para_f1 0.67 with positions in display cells; 0.76 before columns)
    # pieces of one dump line are one printed headline line; a centred heading set in from its column is a heading
    # a line judged full or short against its own column's width, not the page's (p5: para_f1 0.81 -> 0.97);
    # centred lines set apart are stacked, a kicker over the headline (p5: title_f1 0.67 -> 1.0)
    "pdftotext-layout": (0.02, 0.98, 0.98),
    # interleaved column lines re-read as rows of two or three columns (printing rhythm): cer 0.37 -> 0.31
    # re-read column lines that go on a sentence are running text (para_f1 0.57 -> 0.62 with p5); text blocks
    # alternating between columns re-read by their full widths and paragraph rhythm (p3 cer 0.42 -> 0.31)
    # rows that visit every column in turn need less lexical evidence; a subhead sorted after its story goes
    # back; two headline lines of equal weight are one headline (p5 0.38 -> 0.14: cer 0.24 -> 0.20, title 0.56 -> 0.69)
    "pdftotext": (0.21, 0.78, 0.68),
    # headlines printed after their bodies claimed back (was title_f1 0.0); a quoted name claims its story (0.92 -> 1)
    # a couplet headline (two 10-character phrases) is no motto; the paper's name beside a bare date is masthead
    # (p5: title_f1 0.67 -> 1.0, cer 0.05 -> 0)
    "pymupdf": (0.03, 0.92, 0.95),
    # Markdown bold and # levels read as hints (was title_f1 0.17, cer 0.20); a jump line on a text line cut out
    # a story's two columns printed as blocks sorted by their tops re-read by the blocks' heights (0.12 -> 0.00)
    "pymupdf4llm": (0.02, 0.97, 0.95),
    # a headline-shaped line alone after a story's credit is the next headline (p5 title_f1 0.40 -> 0.67)
    # a subtitle OCR read under a subhead inside its story goes back to the headline (p2 articles 1.33 -> 1.0)
    # two headlines read before both stories' text: the text that names the first goes back to it (p4 cer 0.12 -> 0.06)
    "tesseract": (0.06, 0.88, 0.72),  # OCR-misread markers, dashes, labels; kickers (was cer 0.22, title_f1 0.20)
    # markitdown (pdfplumber): column text as Markdown pipe tables with `| --- |` rows, fake bold doubled
    # glyph by glyph (5588分分钟钟); unfold_tables reads the tables column by column (cer 0.27, para_f1 0.72,
    # title_f1 0.58; was cer 0.91, para_f1 0.35, title_f1 0.375 before the tables were read)
    # two columns joined by ONE space on a line where pdfplumber found no table (p2 page 2) split by
    # split_oneline_columns (cer 0.23 -> 0.14, para_f1 0.77 -> 0.82, title_f1 0.58 -> 0.67)
    "markitdown": (0.12, 0.83, 0.66),  # (a subhead sorted after its story goes back: p5 cer 0.033 -> 0.010)
    # RapidOCR, one box per line top to bottom: lines of side-by-side columns alternate with no blank line,
    # spaces dropped (本报记者王雪), （）→(), —→一; the p3 zh-Hant page through the zh-Hans model loses
    # characters (啟, 諮, 週) and reads 。 as ° (cer 0.73, title_f1 0.125); rows of columns re-read column by
    # column (cer 0.51); p3's traditional text gives the lexicon too little to go on
    # bylines that lost their spaces read by role words, departments and surnames (title_f1 0.23 -> 0.41)
    # a column gap that goes on row after row (a photo) costs less than a fresh phase shift (cer 0.51 -> 0.49);
    # a wider column beside narrow ones is column text too, not headlines (cer 0.49 -> 0.39, para_f1 0.51 -> 0.55)
    # a line with up to two digits keeps its width as evidence (p2 0.39 -> 0.21; TOTAL with p5 0.333 -> 0.286)
    # a number cut before its unit, a line with up to two digits measured (p2 cer 0.39 -> 0.21; 0.33 -> 0.29);
    # the paragraph rhythm where the columns share one measure (p3 0.61 -> 0.45, but p4 0.25 -> 0.34)
    # two stories side by side under labels in a row: heads dealt to their stories, columns to the stories
    # (side_modules; p4 title_f1 0.40 -> 1.0, cer 0.36 -> 0.27; p1 titles 0.40 -> 1.0; cer 0.29 -> 0.26)
    # modules of two measures side by side read by width, each keeping its own row rhythm; a sign-off closes
    # its column and the run; subheads and captions inside glued columns (p4 cer 0.27 -> 0.00, p5 0.05 -> 0.01,
    # p1 0.35 -> 0.26; cer 0.26 -> 0.19, para_f1 0.72 -> 0.75, title_f1 0.63 -> 0.70); a story's columns share
    # its measure, equal readings go to the rows read left to right (p1 0.26 -> 0.10: cer 0.19 -> 0.16)
    "rapidocr": (0.16, 0.79, 0.69),
    # Tesseract on the page turned 2° clockwise + speckle: columns read side by side on one line, gutter
    # bars |, more look-alikes, the jump line misread (上接第]版), labels lost (cer 0.36, title_f1 0.24-0.31)
    # two columns on one line at a narrow, drifting gap split by split_oneline_columns (cer 0.30 -> 0.25);
    # the left column's rest under a band read before the right column (p3: cer 0.32 -> 0.04; TOTAL 0.20)
    # (title_f1 0.45 over p1-p4; 0.36 with the held-out p5, where a rule read as 一一一一-一 and the page
    # label are glued to the first headline and the other two headlines are read as body: one article of three)
    # a speck read as a lone comma dropped; a headline alone at a story's start however wide; 看 read for ■,
    # 一 记… for ——记…, a credit that lost its opener, a contact strip whose label OCR garbled, a printed
    # rule, 第?版, a space inside a headline's word (p1 title_f1 0 -> 1, articles 0.33 -> 1; all 0.36 -> 0.69)
    "tesseract-skew": (0.20, 0.74, 0.65),
    # PyMuPDF through NFKC: ，：；（）→ ASCII, ideographic space → space, ℃ → °C; the punctuation is put back,
    # °C is not (cer 0.0097 against 0.0086 for pymupdf)
    "pymupdf-nfkc": (0.03, 0.88, 0.85),
}


# Held out in session 4: page p6 was written and extracted after that session's changes and scored before any
# change for it. The floors above hold over p1-p5, the pages the rules were worked out on; p6 keeps its own
# first-look figures (cer, para_f1, title_f1) as floors, so that work on it shows and nothing falls back. First
# look: PyMuPDF is fine; Tesseract (not skewed) reads the three columns of the top story on one line, which
# split_oneline_columns leaves alone (it splits two); markitdown's pipe tables and pdftotext's interleaving of
# three columns lose the order. Session 5 raised pdftotext-layout's floor to what it reads now (column labels
# over a band, columns on alternate rows, a column beside a caption under its band, a centred wrapped headline),
# and pdftotext's and RapidOCR's (a column line glued to the next label kept in its run; no column of a re-read
# run left mid-sentence where its rest ends the run).
HELD_OUT = "p6_held_out"
P6_FIRST_LOOK = {
    "markitdown": (0.499, 0.600, 0.000),
    "pdftotext-layout": (0.003, 1.000, 1.000),  # first look 0.135, 0.791, 0.667
    "pdftotext": (0.329, 0.698, 0.333),  # first look 0.575, 0.605
    "pymupdf-nfkc": (0.003, 0.952, 1.000),
    "pymupdf": (0.003, 0.952, 1.000),
    "pymupdf4llm": (0.240, 0.909, 1.000),
    "rapidocr": (0.386, 0.514, 0.000),  # first look 0.663, 0.294
    "tesseract-skew": (0.693, 0.438, 0.500),
    "tesseract": (0.788, 0.410, 0.333),
}


# Held out in session 6: page p7 (two modules side by side at the top, a four-column story under them) was
# written and extracted after that session's changes so far and scored before any change for it: these are its
# first-look figures. Micro over the nine dumps: cer 0.219, para_f1 0.720, title_f1 0.466.
HELD_OUT_P7 = "p7_held_out"
P7_FIRST_LOOK = {
    "markitdown": (0.184, 0.667, 0.571),
    "pdftotext": (0.404, 0.596, 0.667),
    "pdftotext-layout": (0.165, 0.829, 0.400),
    "pymupdf": (0.031, 0.905, 0.333),
    "pymupdf-nfkc": (0.031, 0.905, 0.333),
    "pymupdf4llm": (0.229, 0.884, 1.000),
    "rapidocr": (0.664, 0.378, 0.000),
    "tesseract": (0.138, 0.708, 0.222),
    "tesseract-skew": (0.122, 0.611, 0.667),
}


# Held out in session 7: page p8 (the mirror of p7: a one-column brief on the left beside a two-column profile
# with kicker, a subtitle and a subhead, over a three-column story) was written and extracted after that
# session's first change (stories side by side, side_modules.py) and scored before any change for it: its
# first-look figures. Micro over the nine dumps: cer 0.227.
HELD_OUT_P8 = "p8_held_out"
P8_FIRST_LOOK = {
    "markitdown": (0.183, 0.863, 1.000),
    "pdftotext": (0.308, 0.654, 0.800),
    "pdftotext-layout": (0.127, 0.833, 0.333),
    "pymupdf": (0.003, 0.864, 1.000),
    "pymupdf-nfkc": (0.003, 0.864, 1.000),
    "pymupdf4llm": (0.214, 0.898, 1.000),
    "rapidocr": (0.596, 0.634, 0.667),
    "tesseract": (0.112, 0.739, 0.667),
    "tesseract-skew": (0.499, 0.439, 0.333),
}


# Held out in session 8: page p9 (a masthead over a two-column lead with kicker, subtitle and a subhead, and
# under it three one-column briefs side by side, each under its own label) was written and extracted after that
# session's changes so far and scored before any change for it: its first-look figures. Micro over the nine
# dumps: cer 0.168, para_f1 0.790, title_f1 0.816.
HELD_OUT_P9 = "p9_held_out"
P9_FIRST_LOOK = {
    "markitdown": (0.254, 0.755, 1.000),
    "pdftotext": (0.154, 0.679, 0.857),
    "pdftotext-layout": (0.003, 0.982, 1.000),
    "pymupdf": (0.009, 0.880, 1.000),
    "pymupdf-nfkc": (0.009, 0.880, 1.000),
    "pymupdf4llm": (0.029, 0.963, 1.000),
    "rapidocr": (0.326, 0.654, 0.800),
    "tesseract": (0.312, 0.745, 0.286),
    "tesseract-skew": (0.418, 0.571, 0.400),
}

# End of session 6 (p6 after its second round of work, p7 after its first), RapidOCR and p8 after sessions 7
# and 8: floors that keep what was won.
HELD_OUT_NOW = {
    HELD_OUT: {
        # session 8: passing a signed-off column costs nothing; the band's heads are dealt otherwise, the wrapped
        # 义诊活动 now heads a story of its own (was 0.499 / 0.650 / 0.400)
        "markitdown": (0.465, 0.619, 0.333),
        "pdftotext": (0.235, 0.930, 1.000),  # session 8: a column printed after the brief goes back (0.321)
        "pdftotext-layout": (0.003, 1.000, 1.000),
        "pymupdf": (0.003, 0.952, 1.000),
        "pymupdf-nfkc": (0.003, 0.952, 1.000),
        "pymupdf4llm": (0.237, 0.909, 1.000),
        # session 7: stories side by side (was 0.386 / 0.632 / 0.400); session 8: a signed-off column ended (0.349)
        "rapidocr": (0.273, 0.857, 1.000),  # session 8: a wrapped headline's rest kept with its headline
        "tesseract": (0.558, 0.462, 0.400),
        "tesseract-skew": (0.461, 0.438, 0.500),
    },
    HELD_OUT_P7: {
        "markitdown": (0.184, 0.667, 0.571),
        "pdftotext": (0.354, 0.691, 1.000),
        "pdftotext-layout": (0.003, 1.000, 1.000),
        "pymupdf": (0.003, 0.952, 1.000),
        "pymupdf-nfkc": (0.003, 0.952, 1.000),
        "pymupdf4llm": (0.003, 0.980, 1.000),  # session 9: columns sorted by their tops re-read (0.226)
        "rapidocr": (0.171, 0.837, 1.000),  # session 7: stories side by side (was 0.663 / 0.444 / 0.000)
        # session 9: a headline piece read as a headline of its own put back; a column foot cut at the page
        # header's date read late is body text (was 0.073 / 0.809 / 0.250)
        "tesseract": (0.046, 0.884, 0.571),
        "tesseract-skew": (0.098, 0.611, 1.000),
    },
    HELD_OUT_P8: {
        "markitdown": (0.183, 0.863, 1.000),
        "pdftotext": (0.173, 0.717, 0.800),  # session 8: a name's echo counted once per line (0.308)
        "pdftotext-layout": (0.010, 0.960, 1.000),  # labels over the modules under the page header
        "pymupdf": (0.003, 0.864, 1.000),
        "pymupdf-nfkc": (0.003, 0.864, 1.000),
        "pymupdf4llm": (0.214, 0.898, 1.000),
        # a profile subtitle that lost its dash, the label's role kept; session 8: a brief and a two-column profile
        # of two measures read by width, subheads and a caption inside glued columns (0.596 -> 0.003)
        "rapidocr": (0.003, 0.863, 1.000),
        "tesseract": (0.111, 0.792, 1.000),  # ———— read as 一 一一 is a subtitle dash
        "tesseract-skew": (0.499, 0.439, 0.333),
    },
    HELD_OUT_P9: {  # the tools that moved since its first look (the others: P9_FIRST_LOOK)
        # three briefs side by side: heads dealt row by row, a rest that makes what its story prints (0.326)
        "rapidocr": (0.115, 0.880, 1.000),
        "tesseract": (0.135, 0.792, 0.286),  # the lead's columns under their first lines (0.312)
        "markitdown": (0.068, 0.863, 1.000),  # a row printed as a plain line cut into its columns (0.254)
    },
}


def tool_total(tool: str) -> dict:
    """The figures of ``tool`` over the pages the rules were worked out on (all but the held-out page)."""
    return total_row(
        {
            k: v
            for k, v in rows().items()
            if k.count("/") == 1
            and k.split("/")[1] == tool
            and not k.startswith((HELD_OUT, HELD_OUT_P7, HELD_OUT_P8, HELD_OUT_P9))
        }
    )


@pytest.mark.parametrize(
    ("page", "tool"),
    [(HELD_OUT, t) for t in sorted(P6_FIRST_LOOK)]
    + [(HELD_OUT_P7, t) for t in sorted(P7_FIRST_LOOK)]
    + [(HELD_OUT_P8, t) for t in sorted(P8_FIRST_LOOK)]
    + [(HELD_OUT_P9, t) for t in sorted(P9_FIRST_LOOK)],
)
def test_held_out_page_no_worse_than_its_first_look(page, tool):
    first_looks = {
        HELD_OUT: P6_FIRST_LOOK,
        HELD_OUT_P7: P7_FIRST_LOOK,
        HELD_OUT_P8: P8_FIRST_LOOK,
        HELD_OUT_P9: P9_FIRST_LOOK,
    }
    max_cer, min_para, min_title = first_looks[page][tool]
    row = rows()[f"{page}/{tool}"]
    assert row["cer"] <= max_cer + 0.005 and row["para_f1"] >= min_para - 0.005, row
    assert row["title_f1"] >= min_title - 0.005, row


@pytest.mark.parametrize(("page", "tool"), [(p, t) for p in HELD_OUT_NOW for t in sorted(HELD_OUT_NOW[p])])
def test_held_out_page_keeps_what_was_reached(page, tool):
    max_cer, min_para, min_title = HELD_OUT_NOW[page][tool]
    row = rows()[f"{page}/{tool}"]
    assert row["cer"] <= max_cer + 0.005 and row["para_f1"] >= min_para - 0.005, row
    assert row["title_f1"] >= min_title - 0.005, row


@pytest.mark.parametrize("tool", sorted(FLOORS))
def test_degraded_floor_per_tool(tool):
    max_cer, min_para, min_title = FLOORS[tool]
    row = tool_total(tool)
    assert row["cer"] <= max_cer, row
    assert row["para_f1"] >= min_para, row
    assert row["title_f1"] >= min_title, row
    assert row["furn_leak"] is None or row["furn_leak"] <= 0.05, row


@pytest.mark.parametrize("page", ["p1_three_columns", "p4_noisy_scan"])
def test_layout_columns_are_read_in_order(page):
    row = rows()[f"{page}/pdftotext-layout"]
    assert row["cer"] <= 0.02 and row["title_f1"] >= 0.6, row


@pytest.mark.parametrize("page", ["p2_two_sheets", "p3_traditional"])
def test_layout_headline_rows_go_to_their_columns(page):
    # a headline straddling both columns over a centred byline stays whole; a row of labels after a wide gap
    # opens the next module; headline rows above the columns give one cluster per column
    row = rows()[f"{page}/pdftotext-layout"]
    assert row["title_f1"] >= 0.6 and row["cer"] <= 0.02, row


@pytest.mark.parametrize(
    "dump", ["p1_three_columns/pdftotext-layout.txt", "p2_two_sheets/pdftotext.txt", "p3_traditional/tesseract.txt"]
)
def test_degraded_dump_is_conserved(dump):
    text = read_path(ROOT / dump).text
    doc = clean_text(text, source=dump)
    assert audit_conservation(text, doc).ok


@pytest.mark.parametrize(
    "dump",
    [
        "p1_three_columns/markitdown.txt",  # pipe tables, doubled fake-bold glyphs
        "p1_three_columns/rapidocr.txt",  # alternating column lines, no blank lines
        "p3_traditional/tesseract-skew.txt",  # columns side by side on one line
        "p2_two_sheets/pymupdf-nfkc.txt",  # ASCII punctuation, °C, two printed pages
    ],
)
def test_new_tool_dump_is_conserved(dump):
    text = read_path(ROOT / dump).text
    doc = clean_text(text, source=dump)
    assert audit_conservation(text, doc).ok


@pytest.mark.parametrize("page", ["p1_three_columns", "p2_two_sheets", "p4_noisy_scan"])
def test_pdftotext_interleaved_runs_are_reordered_and_flagged(page):
    text = read_path(ROOT / page / "pdftotext.txt").text
    doc = clean_text(text, source="pdftotext.txt")
    assert audit_conservation(text, doc).ok
    assert any(f.kind == "interleaved" for f in doc.flags())
    assert rows()[f"{page}/pdftotext"]["cer"] <= 0.42


TUNING_PAGES = ("p1_three_columns", "p2_two_sheets", "p3_traditional", "p4_noisy_scan")


def _pages_cer(tool: str, pages: tuple[str, ...]) -> float:
    """Micro-averaged cer of one tool over some pages (as the TOTAL rows are over all of them)."""
    picked = [rows()[f"{page}/{tool}"] for page in pages]
    return sum(r["edits"] for r in picked) / sum(r["gold_chars"] for r in picked)


def test_pdftotext_interleave_is_undone():
    # over the four pages the de-interleaving was developed on (the TOTAL this test read before p5 came in):
    # text blocks alternating between columns re-read (p3), the paragraph rhythm of one measure (0.315 -> 0.29)
    assert _pages_cer("pdftotext", TUNING_PAGES) <= 0.3


def test_pdftotext_held_out_page_is_no_worse_than_before():
    # p5 was never tuned on: 0.421 before this work (the row-rhythm model alone)
    assert rows()["p5_held_out/pdftotext"]["cer"] <= 0.421


def test_pymupdf_headlines_after_body_are_found():
    # PyMuPDF prints each headline after its story's body, or all of a module's at the page end
    assert rows()["TOTAL pymupdf"]["title_f1"] >= 0.85


def test_late_headlines_go_to_the_story_they_name():
    text = read_path(ROOT / "p1_three_columns" / "pymupdf.txt").text
    doc = clean_text(text, source="pymupdf.txt")
    heads = [(a.section, a.kicker, a.title) for a in doc.articles]
    assert heads == [
        ("要闻", None, "我院召开2025年医疗质量安全推进会"),
        ("医患故事", "七旬老人凌晨突发心梗", "58分钟打通“生命通道”"),
        ("简讯", None, "我院开展“世界献血者日”主题活动"),
    ]
