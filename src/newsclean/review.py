"""The editor's review report: every change and every doubt, side by side.

:func:`build_review` turns a cleaned :class:`~newsclean.model.Document` and the
raw text its spans index into (``read_path(path).text``) into one
self-contained HTML page: the raw dump with every change highlighted at its
source span, the clean document beside it, every flag listed with links to
its place in both panes, counts per cleaner and per flag kind, and filters by
cleaner and flag kind. CSS and JS are inline (``data/review.css``,
``data/review.js``); nothing is fetched. Chinese renders through ``local()``
fonts from the same resolution the PDF writer uses.

:func:`change_log` is the same information for other tools, as JSON.

Every text from the dump or the document is escaped on its way into the page
(see :func:`esc`); the only unescaped content is our own CSS and JS. Spans
are handled in one sweep over sorted boundaries (``O(n log n)``), so
overlapping, empty, out-of-range and missing spans cost nothing extra.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape as _escape
from importlib import resources
from pathlib import Path

from newsclean.errors import NewscleanError
from newsclean.model import Change, Document, Flag, Span
from newsclean.writers.atomic import write_atomic

CHANGES_SCHEMA = "newsclean-changes/1"
REPORT_KINDS = ("text", "json", "html")

# Tried in order when the writers' font resolution is not available: the
# families Debian's fonts-noto-cjk installs first, then common platform ones.
FALLBACK_CJK_FAMILIES: tuple[str, ...] = (
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "Source Han Serif SC",
    "Source Han Sans SC",
    "Songti SC",
    "SimSun",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
)
MONO_CJK_FAMILIES: tuple[str, ...] = ("Noto Sans Mono CJK SC", "Noto Sans CJK SC", "Source Han Sans SC")

# Characters XML (hence lxml) cannot hold, shown as their Control Pictures
# (one character each, so what the editor sees keeps the dump's length).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_VISIBLE_WS = {" ": "␣", "\u3000": "□", "\n": "⏎", "\t": "⇥", "\u00a0": "⍽"}
_WS_RUN = re.compile("[ \u3000\n\t\u00a0]+")
_CSS_NAME = re.compile(r"[^\w \-]")
APPROX = "approximate: the dump holds other text at this span (the change was made after a join or a move)"
MAX_SHOWN = 300  # characters of a change's before/after shown in the list


@dataclass(frozen=True)
class ReviewOptions:
    """How to build the page.

    ``title``: the page title (default: the document's source).
    ``fonts``: CJK font families in order of preference (default: the PDF
    writer's resolution, else :data:`FALLBACK_CJK_FAMILIES`).
    """

    title: str | None = None
    fonts: tuple[str, ...] | None = None


# -- fonts -------------------------------------------------------------------
@lru_cache(maxsize=8)
def cjk_font_families(lang: str = "zh-Hans") -> tuple[str, ...]:
    """CJK font families for the page, preferred first.

    The serif and sans faces the PDF writer resolves
    (:func:`newsclean.writers.fonts.find_cjk_font`) come first, so the page
    and the PDF show the same face; :data:`FALLBACK_CJK_FAMILIES` follow.
    Only fontconfig faces are named: ``local()`` finds installed fonts, and
    the page embeds nothing.
    """
    try:
        from newsclean.writers.fonts import find_cjk_font
    except ImportError:
        return FALLBACK_CJK_FAMILIES
    found = []
    for style in ("serif", "sans"):
        try:
            font = find_cjk_font(style=style, lang=lang)
        except Exception:  # no font is not an error for a page: the browser falls back
            continue
        if font.source == "fontconfig":
            found.append(font.family)
    return tuple(dict.fromkeys([*found, *FALLBACK_CJK_FAMILIES]))


def _css_string(name: str) -> str:
    return '"' + _CSS_NAME.sub("", name) + '"'


def font_css(families: Sequence[str]) -> str:
    """``@font-face`` rules naming ``families`` by ``local()`` (nothing embedded).

    >>> print(font_css(["Noto Serif CJK SC"]).splitlines()[0])
    @font-face { font-family: "nc-cjk"; src: local("Noto Serif CJK SC"); }
    """
    faces = ", ".join(f"local({_css_string(f)})" for f in families if _CSS_NAME.sub("", f).strip())
    mono = ", ".join(f"local({_css_string(f)})" for f in MONO_CJK_FAMILIES)
    stack = ", ".join(_css_string(f) for f in families)
    return (
        f'@font-face {{ font-family: "nc-cjk"; src: {faces}; }}\n'
        f'@font-face {{ font-family: "nc-cjk-mono"; src: {mono}; }}\n'
        f':root {{ --cjk: "nc-cjk", {stack}, serif; '
        f'--cjk-mono: ui-monospace, "DejaVu Sans Mono", "nc-cjk-mono", {stack}, monospace; }}\n'
    )


# -- what is shown -----------------------------------------------------------
@dataclass
class _Node:
    """One text of the clean document: a furniture line, headline field or block."""

    id: str
    role: str  # furniture, section, kicker, title, subtitle, byline, or a block type
    text: str
    spans: tuple[Span, ...]
    label: str = ""
    flags: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _FlagEntry:
    index: int
    flag: Flag
    node: str  # id of the node (or article) it sits on
    where: dict


def _nodes_and_flags(doc: Document) -> tuple[list[_Node], list[list[_Node]], list[_FlagEntry], list[_Node]]:
    """Furniture nodes, per-article nodes, flag entries and article anchor nodes."""
    furniture = [_Node(f"n-f{i}", "furniture", f.text, f.spans, f.kind) for i, f in enumerate(doc.furniture)]
    articles: list[list[_Node]] = []
    heads: list[_Node] = []
    flags: list[_FlagEntry] = []
    for a, article in enumerate(doc.articles):
        nodes = []
        for name, value in article.head().items():
            if value is not None:
                nodes.append(_Node(f"n-a{a}-{name}", name, value, tuple(article.field_spans.get(name, ()))))
        all_spans = [s for n in nodes for s in n.spans] + [s for b in article.blocks for s in b.spans]
        head = _Node(f"n-a{a}", "article", "", (min(all_spans),) if all_spans else ())
        heads.append(head)
        for flag in article.flags:
            head.flags.append(len(flags))
            flags.append(_FlagEntry(len(flags), flag, head.id, {"article": a}))
        for b, block in enumerate(article.blocks):
            node = _Node(f"n-a{a}-b{b}", block.type, block.text, block.spans)
            for flag in block.flags:
                node.flags.append(len(flags))
                flags.append(_FlagEntry(len(flags), flag, node.id, {"article": a, "block": b}))
            nodes.append(node)
        articles.append(nodes)
    return furniture, articles, flags, heads


def _clamp(span: Span | None, length: int) -> Span | None:
    """``span`` if it lies inside the input, else None (it cannot be shown there)."""
    if span is None or span.start < 0 or span.end > length or span.start > span.end:
        return None
    return span


def _visible(text: str) -> str:
    """Whitespace made visible, for showing what a change removed or added.

    >>> _visible("a b\\n")
    'a␣b⏎'
    """
    return _WS_RUN.sub(lambda m: "".join(_VISIBLE_WS[c] for c in m.group(0)), text)


def _safe(text: str) -> str:
    """Text lxml can hold: control characters become their Control Pictures."""
    return _UNSAFE.sub(lambda m: chr(0x2400 + ord(m.group(0))) if m.group(0) < "\x20" else "\ufffd", text)


def _shorten(text: str, limit: int = MAX_SHOWN) -> str:
    return text if len(text) <= limit else f"{text[:limit]}…(+{len(text) - limit})"


# -- the change log ----------------------------------------------------------
def change_log(doc: Document) -> dict:
    """The change log and flags of ``doc`` as one JSON-ready object.

    >>> from newsclean.model import Change
    >>> log = change_log(Document(source="x.txt", changes=(Change("c", Span(0, 1), ",", "，", "r"),)))
    >>> log["counts"]["cleaners"], log["changes"][0]["after"]
    ({'c': 1}, '，')
    """
    _, _, flags, _ = _nodes_and_flags(doc)
    by_cleaner: dict[str, int] = defaultdict(int)
    for change in doc.changes:
        by_cleaner[change.cleaner] += 1
    by_kind: dict[str, int] = defaultdict(int)
    for entry in flags:
        by_kind[entry.flag.kind] += 1
    return {
        "schema": CHANGES_SCHEMA,
        "source": doc.source,
        "counts": {
            "changes": len(doc.changes),
            "flags": len(flags),
            "cleaners": dict(by_cleaner),
            "flag_kinds": dict(by_kind),
        },
        "changes": [c.to_json() for c in doc.changes],
        "flags": [
            {
                "kind": e.flag.kind,
                "note": e.flag.note,
                "span": e.flag.span.to_json() if e.flag.span else None,
                **e.where,
            }
            for e in flags
        ],
    }


def write_change_log(doc: Document) -> bytes:
    """:func:`change_log` serialised as UTF-8 JSON."""
    return (json.dumps(change_log(doc), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- the page ----------------------------------------------------------------
# The page is written by a small builder rather than lxml: a 1 MB dump can
# carry 100,000 changes, and lxml's per-element cost made such a page take
# 20 s. The discipline that keeps it safe: every text or attribute value goes
# through :func:`esc` (the element and attribute names are literals of this
# module), and the only unescaped content is our own CSS and JS.
def esc(text: str) -> str:
    """``text`` safe in HTML text and in double-quoted attributes.

    >>> esc('<script>"x" & ]]>')
    '&lt;script&gt;&quot;x&quot; &amp; ]]&gt;'
    """
    return _escape(text if text.isprintable() else _safe(text), quote=True)


def _attrs(attrib: dict[str, str | int]) -> str:
    return "".join(f' {name}="{esc(str(value))}"' for name, value in attrib.items())


def _el(tag: str, attrib: dict[str, str | int] | None = None, text: str = "", inner: str = "") -> str:
    """One element with escaped ``text`` followed by ``inner`` (markup this module built)."""
    return f"<{tag}{_attrs(attrib or {})}>{esc(text)}{inner}</{tag}>"


def _asset(name: str) -> str:
    text = resources.files("newsclean").joinpath("data", name).read_text(encoding="utf-8")
    if "</" in text:  # a stray end tag would close the <style>/<script> early
        raise ValueError(f"data/{name} must not contain '</'")
    return text


PALETTE = ("#ffe08a", "#a8e6a1", "#9fd3ff", "#ffb3c7", "#d7b8ff", "#ffc999", "#b5f0e6", "#e6e68a", "#c9c9ff", "#f5b0f0")


def _filter_css(n_cleaners: int, n_kinds: int) -> str:
    """Highlights and rows shown only while their cleaner's or kind's box is ticked.

    Classes are indices (``k3``, ``f1``), never names from the document.
    """
    rules = []
    for i in range(n_cleaners):
        colour = PALETTE[i % len(PALETTE)]
        rules.append(f".sw.k{i},td.cl.k{i}::before{{background:{colour}}}")
        rules.append(f"body.on-k{i} .raw .m.k{i}{{background:{colour}}}")
        rules.append(f"body.on-k{i} .raw .pt.k{i}{{display:inline}}")
        rules.append(f"body.on-k{i} tr.k{i}{{display:table-row}}")
    for i in range(n_kinds):
        rules.append(f"body.on-f{i} .raw .m.f{i}{{text-decoration-line:underline}}")
        rules.append(f"body.on-f{i} tr.f{i}{{display:table-row}}")
        rules.append(f"body.on-f{i} .badge.f{i}{{display:inline}}")
    return "\n".join(rules) + "\n"


def _raw_pane(
    raw: str,
    doc: Document,
    cleaner_ix: dict[str, int],
    kind_ix: dict[str, int],
    flags: list[_FlagEntry],
    anchors: Iterable[tuple[int, str]],
) -> str:
    """The raw dump, each change and flag highlighted at its span.

    One sweep over the sorted boundaries: between two consecutive boundaries
    the set of covering changes and flags is constant, so each such segment is
    one ``<mark>`` naming all of them (overlaps need no nesting). Empty spans
    become insertion points; anchors (``id``) sit where a change, flag or
    clean text starts.
    """
    n = len(raw)
    shown = _safe(raw)  # same length: offsets still hold
    opens: dict[int, list[int]] = defaultdict(list)  # change i as i, flag j as ~j
    closes: dict[int, list[int]] = defaultdict(list)
    # anchors and insertion points, as markup (ids are ASCII built here from indices)
    marks: dict[int, list[str]] = defaultdict(list)
    for i, change in enumerate(doc.changes):
        span = _clamp(change.span, n)
        if span is None:
            continue
        marks[span.start].append(f'<span id="rc-{i}" class="anc"></span>')
        if span.start == span.end:
            marks[span.start].append(f'<span class="pt k{cleaner_ix[change.cleaner]}" data-c="{i}"></span>')
        else:
            opens[span.start].append(i)
            closes[span.end].append(i)
    for entry in flags:
        span = _clamp(entry.flag.span, n)
        if span is None:
            continue
        marks[span.start].append(f'<span id="rf-{entry.index}" class="anc"></span>')
        if span.start < span.end:
            opens[span.start].append(~entry.index)
            closes[span.end].append(~entry.index)
    for pos, anchor in anchors:
        if 0 <= pos <= n:
            marks[pos].append(f'<span id="{esc(anchor)}" class="anc"></span>')
    # the tooltips are filled in by the page's script from the lists, on hover
    change_class = [f"k{cleaner_ix[c.cleaner]}" for c in doc.changes]
    flag_class = [f"f{kind_ix[e.flag.kind]}" for e in flags]
    bounds = sorted({0, n, *opens, *closes, *marks})
    active: dict[int, None] = {}  # insertion-ordered set of the covering changes and flags
    out: list[str] = []
    add = out.append
    no = ()
    for k in range(len(bounds) - 1):
        pos = bounds[k]
        for i in closes.get(pos, no):
            del active[i]
        for i in opens.get(pos, no):
            active[i] = None
        here = marks.get(pos)
        if here:
            add("".join(here))
        segment = _escape(shown[pos : bounds[k + 1]], quote=False)
        if not active:
            add(segment)
        elif len(active) == 1 and next(iter(active)) >= 0:  # one change: the common case, kept cheap
            i = next(iter(active))
            add(f'<mark class="m {change_class[i]}" data-c="{i}">{segment}</mark>')
        else:
            ids_c = [i for i in active if i >= 0]
            ids_f = [~i for i in active if i < 0]
            classes = sorted({change_class[i] for i in ids_c} | {flag_class[j] for j in ids_f})
            attrs = f'class="m {" ".join(classes)}"'
            if ids_c:
                attrs += f' data-c="{" ".join(map(str, ids_c))}"'
            if ids_f:
                attrs += f' data-f="{" ".join(map(str, ids_f))}"'
            add(f"<mark {attrs}>{segment}</mark>")
    if marks.get(n):
        add("".join(marks[n]))
    return "".join(out)


def _src_link(node: _Node) -> str:
    # node ids are built by this module from indices and field names: plain ASCII
    return f'<a class="src" href="#r{node.id}" title="show in the raw dump">↤</a>' if node.spans else ""


def _badges(node: _Node, flags: list[_FlagEntry], kind_ix: dict[str, int]) -> str:
    return "".join(
        _el(
            "a",
            {
                "class": f"badge f{kind_ix[flags[i].flag.kind]}",
                "id": f"cf-{i}",
                "href": f"#fl-{i}",
                "title": flags[i].flag.note,
            },
            f"⚑ {flags[i].flag.kind}",
        )
        for i in node.flags
    )


HEAD_TAGS = {"section": "p", "kicker": "p", "title": "h2", "subtitle": "p", "byline": "p"}


def _clean_pane(
    furniture: list[_Node],
    articles: list[list[_Node]],
    heads: list[_Node],
    flags: list[_FlagEntry],
    kind_ix: dict[str, int],
) -> str:
    # ids and roles are ASCII built by this module; every text is escaped
    out: list[str] = []
    add = out.append
    for a, nodes in enumerate(articles):
        head = heads[a]
        add(
            f'<article id="{head.id}"><div class="art-no">article {a + 1}{_src_link(head)}{_badges(head, flags, kind_ix)}</div>'
        )
        for node in nodes:
            tag = HEAD_TAGS.get(node.role, "p")
            text = esc("——" + node.text if node.role == "subtitle" else node.text)
            badges = _badges(node, flags, kind_ix) if node.flags else ""
            add(f'<{tag} id="{node.id}" class="nd {node.role}">{text}{badges}{_src_link(node)}</{tag}>')
        add("</article>")
    if furniture:
        add('<section class="furniture"><h3>Page furniture</h3>')
        for node in furniture:
            add(
                f'<p id="{node.id}" class="nd fur"><span class="kind">{esc(node.label)}</span>'
                f"<span>{esc(node.text)}</span>{_src_link(node)}</p>"
            )
        add("</section>")
    return "".join(out)


def _counts(title: str, rows: list[tuple[str, str, int]], total: int, group: str) -> str:
    if rows:
        buttons = _el("button", {"type": "button", "class": "all", "data-group": group}, "all") + _el(
            "button", {"type": "button", "class": "none", "data-group": group}, "none"
        )
        body = "".join(
            _el(
                "label",
                {"class": "count"},
                "",
                f'<input type="checkbox" checked data-key="{esc(key)}">'
                + _el("span", {"class": f"sw {key}"})
                + _el("span", {"class": "name"}, name)
                + _el("span", {"class": "n", "data-count": key}, str(count)),
            )
            for key, name, count in rows
        )
    else:
        buttons, body = "", _el("span", {"class": "none-yet"}, "none")
    return _el("fieldset", {"class": f"counts {group}"}, "", _el("legend", {}, f"{title} ({total})", buttons) + body)


def _flag_list(flags: list[_FlagEntry], kind_ix: dict[str, int], placed_nodes: set[str], n: int) -> str:
    if not flags:
        return _el("p", {"class": "none-yet"}, "No flag: nothing for an editor to check.")
    rows = ['<table class="flags"><tr><th>#</th><th>kind</th><th>note</th><th>source</th><th>go to</th></tr>']
    for entry in flags:
        flag, i = entry.flag, entry.index
        span = _clamp(flag.span, n)
        if span is not None:
            raw_link = _el("a", {"href": f"#rf-{i}"}, "raw")
        elif entry.node in placed_nodes:
            raw_link = _el(
                "a", {"href": f"#r{entry.node}", "title": "no span of its own: where its text starts"}, "raw*"
            )
        else:
            raw_link = ""
        rows.append(
            f'<tr id="fl-{i}" class="flag-row f{kind_ix[flag.kind]}"><td>{i + 1}</td>'
            f'<td class="kind">{esc(flag.kind)}</td><td>{esc(flag.note)}</td>'
            f'<td class="pos">{f"{span.start}–{span.end}" if span else "—"}</td>'
            f'<td class="go">{raw_link}{_el("a", {"href": f"#cf-{i}"}, "clean")}</td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


@lru_cache(maxsize=4096)
def _shown(text: str, cls: str, tag: str) -> str:
    if not text:
        return f'<{tag} class="{cls} empty">∅</{tag}>'
    full = f' title="{esc(text)}"' if len(text) > MAX_SHOWN else ""
    return f'<{tag} class="{cls}"{full}>{esc(_shorten(_visible(text)))}</{tag}>'


def _is_exact(change: Change, raw: str) -> bool:
    """Whether the dump holds ``change.before`` exactly at the change's span.

    A change whose text was rejoined or moved first may only know the span of
    its paragraph; the page marks such positions as approximate (≈).
    """
    span = change.span
    return (
        span is not None and span.end - span.start == len(change.before) and raw.startswith(change.before, span.start)
    )


def _change_list(doc: Document, cleaner_ix: dict[str, int], raw: str) -> str:
    n = len(raw)
    if not doc.changes:
        return _el("p", {"class": "none-yet"}, "No change.")
    rows = [
        '<table class="changes"><tr><th>#</th><th>cleaner</th><th>before → after</th><th>reason</th><th>source</th></tr>'
    ]
    add = rows.append
    names = {name: esc(name) for name in cleaner_ix}
    reasons: dict[str, str] = {}
    for i, change in enumerate(doc.changes):
        k = cleaner_ix[change.cleaner]
        reason = reasons.get(change.reason)
        if reason is None:
            reason = reasons[change.reason] = esc(change.reason)
        span = _clamp(change.span, n)
        if span is not None:
            where = f'<a href="#rc-{i}">{span.start}–{span.end}</a>'
            if not _is_exact(change, raw):
                where = f'<span class="approx" title="{APPROX}">≈</span>{where}'
        else:
            where = "—" if change.span is None else f"{change.span.start}–{change.span.end}?"
        add(
            f'<tr id="c-{i}" class="chg-row k{k}"><td>{i + 1}</td><td class="cl k{k}">{names[change.cleaner]}</td>'
            f'<td class="diff">{_shown(change.before, "before", "del")}{_shown(change.after, "after", "ins")}</td>'
            f'<td class="reason">{reason}</td><td class="pos">{where}</td></tr>'
        )
    add("</table>")
    return "".join(rows)


def build_review(doc: Document, raw: str, options: ReviewOptions | None = None) -> bytes:
    """The review page of ``doc`` (cleaned from ``raw``) as UTF-8 HTML bytes.

    >>> from newsclean.model import Change
    >>> page = build_review(Document(source="x.txt", changes=(Change("c", Span(0, 1), ",", "，", "r"),)), ",好")
    >>> b'<mark class="m k0"' in page and b'data-c="0"' in page
    True
    """
    options = options or ReviewOptions()
    n = len(raw)
    furniture, articles, flags, heads = _nodes_and_flags(doc)
    cleaner_ix: dict[str, int] = {}
    cleaner_n: dict[str, int] = defaultdict(int)
    for change in doc.changes:
        cleaner_ix.setdefault(change.cleaner, len(cleaner_ix))
        cleaner_n[change.cleaner] += 1
    kind_ix: dict[str, int] = {}
    kind_n: dict[str, int] = defaultdict(int)
    for entry in flags:
        kind_ix.setdefault(entry.flag.kind, len(kind_ix))
        kind_n[entry.flag.kind] += 1
    nodes = [*heads, *furniture, *(node for article in articles for node in article)]
    placed = [node for node in nodes if node.spans]

    title = options.title or f"Review: {doc.source or 'document'}"
    css = (
        font_css(options.fonts or cjk_font_families(doc.lang or "zh-Hans"))
        + _asset("review.css")
        + _filter_css(len(cleaner_ix), len(kind_ix))
    )
    if "</" in css:
        raise ValueError("the page's CSS must not contain '</'")
    unplaced_c = sum(1 for c in doc.changes if _clamp(c.span, n) is None)
    unplaced_f = sum(1 for e in flags if _clamp(e.flag.span, n) is None)
    facts = [
        f"{n:,} characters in",
        f"{len(doc.articles)} articles",
        f"{len(doc.furniture)} furniture lines",
        f"{len(doc.changes)} changes",
        f"{len(flags)} flags",
    ]
    if unplaced_c or unplaced_f:
        facts.append(f"without a source position: {unplaced_c} changes, {unplaced_f} flags")
    approx = sum(1 for c in doc.changes if _clamp(c.span, n) is not None and not _is_exact(c, raw))
    if approx:
        facts.append(f"at an approximate position (≈): {approx} changes")
    metadata = "".join(_el("span", {"class": "md"}, f"{key}: {value}") for key, value in doc.metadata.items())
    on = " ".join([f"on-k{i}" for i in range(len(cleaner_ix))] + [f"on-f{i}" for i in range(len(kind_ix))])
    controls = _counts(
        "Changes by cleaner",
        [(f"k{i}", name, cleaner_n[name]) for name, i in cleaner_ix.items()],
        len(doc.changes),
        "cleaners",
    ) + _counts("Flags by kind", [(f"f{i}", name, kind_n[name]) for name, i in kind_ix.items()], len(flags), "kinds")
    jump = "".join(
        _el("a", {"href": href}, label)
        for href, label in (("#flags", "flags"), ("#panes", "side by side"), ("#changes", "change list"))
    )
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{esc(doc.lang or "zh-Hans")}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="newsclean review">',
        _el("title", {}, title),
        f"<style>\n{css}</style></head>",
        f'<body class="{on}"><header class="top">',
        _el("h1", {}, title),
        _el("p", {"class": "meta"}, " · ".join(facts), metadata),
        _el("div", {"class": "controls"}, "", controls),
        _el("nav", {"class": "jump"}, "", jump),
        "</header>",
        _el(
            "section",
            {"id": "flags", "class": "list"},
            "",
            _el("h2", {}, f"Flags ({len(flags)})") + _flag_list(flags, kind_ix, {node.id for node in placed}, n),
        ),
        '<section id="panes" class="panes"><div class="pane">',
        _el("h2", {}, "Raw dump"),
        '<pre class="raw" id="raw">\n',  # a parser drops one newline right after <pre>: this one
        _raw_pane(raw, doc, cleaner_ix, kind_ix, flags, [(min(node.spans).start, f"r{node.id}") for node in placed]),
        '</pre></div><div class="pane">',
        _el("h2", {}, "Clean document"),
        '<div class="clean" id="clean">',
        _clean_pane(furniture, articles, heads, flags, kind_ix),
        "</div></div></section>",
        _el(
            "section",
            {"id": "changes", "class": "list"},
            "",
            _el("h2", {}, f"Changes ({len(doc.changes)})") + _change_list(doc, cleaner_ix, raw),
        ),
        f"<script>\n{_asset('review.js')}</script>\n</body></html>\n",
    ]
    return "".join(parts).encode("utf-8")


# -- files -------------------------------------------------------------------
@dataclass(frozen=True)
class ReportResult:
    """What happened to one input's reports."""

    source: str
    outputs: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


REPORT_SUFFIXES = {"html": ".review.html", "json": ".changes.json"}


def render_reports(
    doc: Document, raw: str, kinds: Sequence[str], options: ReviewOptions | None = None
) -> dict[str, bytes]:
    """The ``kinds`` of report (``html`` review page, ``json`` change log) of ``doc`` cleaned from ``raw``."""
    rendered = {}
    if "html" in kinds:
        rendered["html"] = build_review(doc, raw, options)
    if "json" in kinds:
        rendered["json"] = write_change_log(doc)
    return rendered


def report_paths(
    source: str | Path, out_dir: str | Path, *, html_suffix: str = ".review.html", name: str | None = None
) -> dict[str, Path]:
    """Where the reports of ``source`` go: ``OUT/<name><html_suffix>`` and ``OUT/<name>.changes.json``.

    ``name`` is the output name a batch plan gave the input (folders
    mirrored, :mod:`newsclean.batch.plan`); by default the file's stem.
    """
    base = Path(out_dir) / (name or Path(source).stem)
    return {"html": base.with_name(base.name + html_suffix), "json": base.with_name(base.name + ".changes.json")}


def write_reports(
    path: str | Path,
    out_dir: str | Path,
    kinds: Sequence[str] = ("html",),
    config=None,
    *,
    html_suffix: str = ".review.html",
    options: ReviewOptions | None = None,
    name: str | None = None,
) -> ReportResult:
    """Clean the dump at ``path`` and write its ``kinds`` of report; errors are returned, not raised.

    ``name`` is the output name below ``out_dir`` (see :func:`report_paths`).
    """
    from newsclean.pipeline import clean_text, make_config
    from newsclean.readers import read_path

    started = time.perf_counter()
    try:
        raw = read_path(path).text
        doc = clean_text(raw, source=Path(path).name, config=make_config(config))
        targets = report_paths(path, out_dir, html_suffix=html_suffix, name=name)
        rendered = render_reports(doc, raw, kinds, options)
        written = tuple(str(write_atomic(targets[k], data)) for k, data in rendered.items())
    except NewscleanError as exc:
        return ReportResult(str(path), error=str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug must not end a batch; it is reported as one
        return ReportResult(
            str(path),
            error=f"{path}: internal error: {type(exc).__name__}: {exc}",
            seconds=time.perf_counter() - started,
        )
    return ReportResult(str(path), written, None, time.perf_counter() - started)


def write_all_reports(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    kinds: Sequence[str] = ("html",),
    config=None,
    *,
    jobs: int = 1,
    html_suffix: str = ".review.html",
    names: Sequence[str | None] | None = None,
) -> list[ReportResult]:
    """:func:`write_reports` for every path (with its output name from ``names``), in a process pool when ``jobs > 1``."""
    names = list(names) if names is not None else [None] * len(paths)
    if jobs <= 1 or len(paths) <= 1:
        return [write_reports(p, out_dir, kinds, config, html_suffix=html_suffix, name=n) for p, n in zip(paths, names)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(write_reports, p, out_dir, tuple(kinds), config, html_suffix=html_suffix, name=n)
            for p, n in zip(paths, names)
        ]
        return [f.result() for f in futures]
