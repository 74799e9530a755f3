"""The review page builder: escaping, counts, spans of every shape, speed, JSON export."""

from __future__ import annotations

import json
import time
from collections import Counter

import pytest
from lxml import html as lxml_html

from newsclean.model import Article, Block, Change, Document, Flag, Span
from newsclean.review import (
    CHANGES_SCHEMA,
    FALLBACK_CJK_FAMILIES,
    ReviewOptions,
    build_review,
    change_log,
    cjk_font_families,
    font_css,
    write_change_log,
)

HOSTILE = '<script>alert(1)</script> ]]> </pre><img src=x onerror="alert(2)"> & &amp; “引号”'


def parse(page: bytes):
    assert page.startswith(b"<!DOCTYPE html>")
    return lxml_html.document_fromstring(page)


def raw_pane(tree) -> str:
    """The raw pane's text as a browser sees it: HTML drops the newline right after <pre>, lxml keeps it."""
    text = tree.get_element_by_id("raw").text_content()
    assert text.startswith("\n")
    return text[1:]


def hostile_doc() -> tuple[str, Document]:
    raw = f"标题{HOSTILE}\n\n正文,第二段]]>\f下一页\x00尾"
    start = raw.index("<script>")
    block = Block(
        "paragraph",
        HOSTILE,
        (Span(start, start + len(HOSTILE)),),
        flags=(Flag("stray_word", '"><img src=y onerror=alert(3)>', Span(start, start + 8)),),
    )
    doc = Document(
        source="<evil>.txt",
        metadata={"publication": "<b>报</b>"},
        articles=(Article(title="标题</title><script>alert(4)</script>", blocks=(block,)),),
        changes=(
            Change('punct"<x>', Span(raw.index(","), raw.index(",") + 1), ",", "，", "<i>reason</i> ]]>"),
            Change("dedupe", Span(start, start + 20), "<script>alert(1)</sc", "", "dup </style> of <script>"),
        ),
    )
    return raw, doc


def test_hostile_text_appears_literally_and_runs_nothing():
    raw, doc = hostile_doc()
    page = build_review(doc, raw)
    tree = parse(page)
    assert b"<script>alert" not in page and b"<img" not in page and b"</title><script>" not in page
    assert len(tree.xpath("//script")) == 1 and not tree.xpath("//img") and not tree.xpath("//b")
    shown = raw_pane(tree)
    assert "<script>alert(1)</script>" in shown and "]]>" in shown
    # the dump is shown whole, controls as their Control Pictures (same length)
    assert shown == raw.replace("\f", "\u240c").replace("\x00", "\u2400")
    clean = tree.get_element_by_id("clean").text_content()
    assert HOSTILE in clean and "标题</title><script>alert(4)</script>" in clean
    assert '"><img src=y onerror=alert(3)>' in tree.get_element_by_id("flags").text_content()
    reasons = [td.text_content() for td in tree.find_class("reason")]
    assert reasons == ["<i>reason</i> ]]>", "dup </style> of <script>"]
    assert tree.find(".//title").text_content() == "Review: <evil>.txt"
    assert 'punct"<x>' in tree.get_element_by_id("changes").text_content()


def test_counts_match_the_document(demo):
    raw, doc = demo
    tree = parse(build_review(doc, raw))
    flags = list(doc.flags())
    assert len(tree.find_class("chg-row")) == len(doc.changes)
    assert len(tree.find_class("flag-row")) == len(flags)
    counts = {el.get("data-count"): int(el.text_content()) for el in tree.xpath("//span[@data-count]")}
    names = {el.getparent().find("input").get("data-key"): el.text_content() for el in tree.find_class("name")}
    by_name = {names[key]: n for key, n in counts.items()}
    assert by_name == {**Counter(c.cleaner for c in doc.changes), **Counter(f.kind for f in flags)}
    legends = [el.text_content() for el in tree.xpath("//legend")]
    assert legends[0].startswith(f"Changes by cleaner ({len(doc.changes)})")
    assert legends[1].startswith(f"Flags by kind ({len(flags)})")


def test_every_placed_change_and_flag_is_anchored_in_both_panes(demo):
    raw, doc = demo
    tree = parse(build_review(doc, raw))
    ids = [el.get("id") for el in tree.xpath("//*[@id]")]
    assert len(ids) == len(set(ids)), "ids are unique"
    ids = set(ids)
    for i, change in enumerate(doc.changes):
        placed = change.span is not None and change.span.end <= len(raw)
        assert (f"rc-{i}" in ids) == placed
    hrefs = {a.get("href")[1:] for a in tree.xpath("//a[starts-with(@href, '#')]")}
    assert hrefs <= ids, f"links to nowhere: {hrefs - ids}"
    for i, _flag in enumerate(doc.flags()):
        row = tree.get_element_by_id(f"fl-{i}")
        links = [a.get("href") for a in row.xpath(".//a")]
        assert f"#cf-{i}" in links and any(h.startswith("#r") for h in links)
    marked = "".join(m.text_content() for m in tree.xpath("//pre[@id='raw']//mark"))
    assert "," in marked and ":" in marked


def test_overlapping_empty_and_missing_spans():
    raw = "甲乙丙丁戊己庚辛"
    doc = Document(
        articles=(Article(blocks=(Block("paragraph", raw, (Span(0, 8),), flags=(Flag("lost_text", "n", None),)),)),),
        changes=(
            Change("a", Span(0, 4), "甲乙", "x", "r"),  # a paragraph-wide span: approximate
            Change("b", Span(2, 6), "丙丁戊己", "y", "r"),
            Change("b", Span(3, 3), "", "z", "inserted"),
            Change("c", None, "q", "", "nowhere"),
            Change("c", Span(6, 99), "q", "", "past the end"),
        ),
    )
    tree = parse(build_review(doc, raw))
    pre = tree.get_element_by_id("raw")
    assert raw_pane(tree) == raw
    marks = [(m.text_content(), m.get("data-c"), m.get("class")) for m in pre.xpath(".//mark")]
    assert marks == [("甲乙", "0", "m k0"), ("丙", "0 1", "m k0 k1"), ("丁", "0 1", "m k0 k1"), ("戊己", "1", "m k1")]
    assert pre.xpath(".//span[@class='pt k1']/@data-c") == ["2"]
    assert "without a source position: 2 changes, 1 flags" in tree.find_class("meta")[0].text_content()
    assert [td.text_content() for td in tree.get_element_by_id("changes").find_class("pos")] == [
        "≈0–4",
        "2–6",
        "3–3",
        "—",
        "6–99?",
    ]
    assert "at an approximate position (≈): 1 changes" in tree.find_class("meta")[0].text_content()


def test_leading_newlines_of_the_dump_survive_parsing():
    raw = "\n\n标题\n"
    assert raw_pane(parse(build_review(Document(), raw))) == raw


def test_no_changes_no_flags():
    tree = parse(build_review(Document(source="empty.txt"), ""))
    assert raw_pane(tree) == ""
    assert not tree.find_class("chg-row") and not tree.find_class("flag-row")


def test_fonts_come_from_the_pdf_writers_resolution():
    families = cjk_font_families("zh-Hans")
    assert families[: len(FALLBACK_CJK_FAMILIES)] != () and set(FALLBACK_CJK_FAMILIES) <= set(families)
    fonts = pytest.importorskip("newsclean.writers.fonts")
    try:
        serif = fonts.find_cjk_font(style="serif")
    except Exception as exc:
        pytest.skip(f"no CJK font here: {exc}")
    if serif.source == "fontconfig":
        assert families[0] == serif.family


def test_fonts_are_local_and_nothing_is_fetched(demo):
    raw, doc = demo
    page = build_review(doc, raw, ReviewOptions(fonts=("Noto Serif CJK SC", 'Evil"; } body{x')))
    tree = parse(page)
    css = tree.find(".//style").text
    assert 'local("Noto Serif CJK SC")' in css and 'local("Evil  bodyx")' in css
    assert "url(" not in css and "@import" not in css
    assert not tree.xpath("//link | //img | //iframe | //*[@src]")
    assert "fetch(" not in tree.find(".//script").text
    assert font_css(["A"]).count("@font-face") == 2


def test_a_one_megabyte_dump_builds_fast():
    # 103,000 changes (one character in ten; the seeds run at 5-8 %) build in about 2 s here;
    # the bound leaves room for a loaded CI machine, and catches any quadratic step.
    line = "始终 把牢党建工作方向,守好新冠肺炎疫情防线:温热期盼。\n"
    raw = line * (1_000_000 // len(line))
    changes, blocks, pos = [], [], 0
    for n in range(raw.count("\n")):
        end = pos + len(line) - 1
        blocks.append(
            Block(
                "paragraph",
                raw[pos:end],
                (Span(pos, end),),
                flags=(Flag("uncertain_join", "?", Span(pos, pos + 12)),) if n % 50 == 0 else (),
            )
        )
        changes.append(Change("cjk_spacing", Span(pos + 2, pos + 3), " ", "", "space"))
        changes.append(Change("punctuation", Span(pos + 13, pos + 14), ",", "，", "comma"))
        changes.append(
            Change("rejoin_lines", Span(pos + 10, end + 1), raw[pos + 10 : end + 1], raw[pos + 10 : end], "join")
        )
        pos = end + 1
    doc = Document(articles=(Article(blocks=tuple(blocks)),), changes=tuple(changes))
    started = time.process_time()  # CPU time: other processes on a busy machine do not count
    page = build_review(doc, raw)
    seconds = time.process_time() - started
    assert page.count(b'class="chg-row') == len(changes)
    assert seconds < 4.0, f"{len(raw):,} characters, {len(changes):,} changes took {seconds:.2f} s of CPU"


def test_change_log_json(demo):
    raw, doc = demo
    log = json.loads(write_change_log(doc))
    assert log == change_log(doc)
    assert log["schema"] == CHANGES_SCHEMA and log["source"] == doc.source
    assert [Change.from_json(c, "c") for c in log["changes"]] == list(doc.changes)
    flags = list(doc.flags())
    assert [(f["kind"], f["note"], f["span"]) for f in log["flags"]] == [
        (f.kind, f.note, f.span.to_json() if f.span else None) for f in flags
    ]
    assert log["counts"]["changes"] == len(doc.changes) and log["counts"]["flags"] == len(flags)
    for entry in log["flags"]:  # each flag says where it sits
        article = doc.articles[entry["article"]]
        holder = article.blocks[entry["block"]] if "block" in entry else article
        assert any(f.kind == entry["kind"] and f.note == entry["note"] for f in holder.flags)
    assert any("block" in f for f in log["flags"]) and any("block" not in f for f in log["flags"])
