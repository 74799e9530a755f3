"""The review page in a real browser: Debian's chromium, driven headless by Playwright.

Asserts no console error, the expected number of change and flag entries,
working filters and links, and Chinese drawn with a CJK font; saves
screenshots under out/review/ (outside git) for a human look.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsclean.pipeline import clean_text
from newsclean.review import build_review

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("NEWSCLEAN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

MISSING = None
if not Path(CHROMIUM).exists():
    MISSING = f"chromium not found at {CHROMIUM} (tools/install-system-deps.sh installs it)"
else:
    try:
        from playwright import sync_api
    except ImportError:
        MISSING = "Playwright for Python is not installed (pip install -e '.[test]')"
if MISSING:
    if os.environ.get("CI"):  # CI installs both: a browser test that cannot run there is a failure
        pytest.fail(MISSING, pytrace=False)
    pytest.skip(MISSING, allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


def open_page(browser, path: Path):
    """Load ``path``; return the page and the list collecting console errors and page errors."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on(
        "request",
        lambda req: None if req.url.startswith(("file:", "data:", "about:")) else errors.append(f"fetched {req.url}"),
    )
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors


def shots_dir(tmp_path: Path) -> Path:
    out = ROOT / "out" / "review"
    try:
        out.mkdir(parents=True, exist_ok=True)
        return out
    except OSError:
        return tmp_path


def test_demo_page_entries_filters_links_and_fonts(browser, demo, tmp_path):
    raw, doc = demo
    path = tmp_path / "demo.html"
    path.write_bytes(build_review(doc, raw))
    page, errors = open_page(browser, path)
    n_flags = len(list(doc.flags()))
    assert page.locator("tr.chg-row").count() == len(doc.changes)
    assert page.locator("tr.flag-row").count() == n_flags
    assert page.locator("tr.chg-row:visible").count() == len(doc.changes)
    assert page.locator("a.badge:visible").count() == n_flags

    # a cleaner's box hides its rows and its highlights, and brings them back
    name = "punctuation"
    hidden = sum(c.cleaner == name for c in doc.changes)
    box = page.locator("label.count", has_text=name).locator("input")
    box.uncheck()
    assert page.locator("tr.chg-row:visible").count() == len(doc.changes) - hidden
    mark = page.locator("pre.raw mark.m").filter(has_text=",").first
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    box.check()
    assert page.locator("tr.chg-row:visible").count() == len(doc.changes)
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.locator("fieldset.cleaners button.none").click()
    assert page.locator("tr.chg-row:visible").count() == 0
    page.locator("fieldset.cleaners button.all").click()

    # a flag's links reach its place in the raw dump and in the clean document
    page.locator("#fl-1 a", has_text="raw").click()
    assert page.evaluate("location.hash") == "#rf-1"
    assert page.locator("pre.raw .hit").count() == 1
    in_view = """id => { const el = document.getElementById(id), pane = el.closest('.raw, .clean');
        const a = el.getBoundingClientRect(), b = pane.getBoundingClientRect();
        return a.top >= b.top && a.top <= b.bottom; }"""
    assert page.evaluate(in_view, "cf-1"), "the clean pane follows to the same flag"
    page.locator("#fl-1 a", has_text="clean").click()
    assert page.locator("#cf-1").evaluate("el => el.classList.contains('hit')")
    assert page.evaluate(in_view, "rf-1")
    # a highlight opens its change in the list, with a tooltip composed on hover
    mark.hover()
    assert "punctuation: ," in mark.get_attribute("title")
    mark.click()
    assert page.evaluate("location.hash").startswith("#c-")

    # Chinese is drawn with a CJK face, not tofu
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    fonts = set()
    for selector in ("#clean article p.paragraph", "#raw"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts |= {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
    assert any("CJK" in f or "Han" in f or "Hei" in f or "Song" in f for f in fonts), fonts

    out = shots_dir(tmp_path)
    page.evaluate("location.hash = ''; window.scrollTo(0, 0)")
    page.screenshot(path=str(out / "demo.png"))
    page.emulate_media(media="print")
    page.screenshot(path=str(out / "demo-print.png"), full_page=False)
    assert errors == []
    page.close()


def test_seed_page_holds_every_change_and_flag(browser, seed_raw, tmp_path):
    doc = clean_text(seed_raw, source="003_fe161a09c70d140c.txt")
    path = tmp_path / "seed.html"
    path.write_bytes(build_review(doc, seed_raw))
    page, errors = open_page(browser, path)
    assert page.locator("tr.chg-row").count() == len(doc.changes)
    assert page.locator("tr.flag-row").count() == len(list(doc.flags()))
    assert page.locator("#raw").inner_text().replace("\u240c", "\f") == seed_raw
    page.screenshot(path=str(shots_dir(tmp_path) / "seed-003.png"), full_page=False)
    assert errors == []
    page.close()
