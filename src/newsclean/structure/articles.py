"""Build articles: read headline groups and body lines the way an editor reads the page.

Consecutive headline-role lines (see :mod:`newsclean.structure.roles`) form a
*head group*: section label, kicker (引题, a line ending in ：above the
headline), headline, subtitle (a dash-led line, stored without the dash) and
byline (markers such as ■ dropped). A head group either opens an article or,
inside one, is a subhead (``heading`` block). The evidence:

* a group with a section, kicker, subtitle or byline opens an article; so does
  a Markdown ``#``/``##`` headline, one at the top of the text or after page
  furniture, and one after a signoff or a paragraph that ends with a credit;
* in a Markdown dump, plain short lines are subheads; a ``X：Y`` line or two
  stacked short lines inside a story are subheads;
* otherwise the page's own convention decides: where the headlines that are
  certain carry bylines or subtitles, a bare group is a subhead.

Also: a headline group with no body is a slogan banner (furniture); a
paragraph followed by a lone byline is a photo caption; a signoff ends a
brief, so the next untitled text is a new item in the same box; a news lead
after a wide gap starts a new untitled story; headlines printed *after* their
bodies (every head group carries a speaker line and the last one closes the
text) are attached to the body before them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from newsclean.model import Article, Block, Change, Document, Flag, Furniture, Span, merge_spans, span_of
from newsclean.perf import gc_paused
from newsclean.registry import cleaner
from newsclean.structure.cues import (
    byline_marker,
    content_words,
    crossing_word,
    dangling_end,
    dash_lead,
    ends_sentence,
    ends_with_credit,
    is_caption,
    is_editor_note,
    is_news_lead,
    is_parallel_slogan,
    is_short_label,
    join_text,
    names_run_together,
    section_label,
    starts_dangling,
    unpaired_closers,
    unspaced_byline_parts,
    visible_len,
)
from newsclean.structure.inline import split_inline_heads
from newsclean.structure.roles import HEAD_ROLES, classify_lines, dump_style

NAME = "build_articles"
_MARKER = regex.compile(r"^[■□▲△●○◆◇★☆]\s*")
_DASHES = regex.compile(r"^[—\-─－]+")
_HAN = regex.compile(r"\p{Han}")
_SPACE = regex.compile(r"\s")
_MID_COLON = regex.compile(r"^[^：:]{2,}[：:][^：:]{2,}$")


@dataclass
class _Head:
    section: tuple[str, tuple[Span, ...]] | None = None
    kicker: tuple[str, tuple[Span, ...]] | None = None
    title: tuple[str, tuple[Span, ...]] | None = None
    subtitle: tuple[str, tuple[Span, ...]] | None = None
    byline: tuple[str, tuple[Span, ...]] | None = None
    banners: list[Block] = field(default_factory=list)
    labels: list[tuple[str, tuple[Span, ...]]] = field(default_factory=list)  # earlier labels stacked above
    flags: list[Flag] = field(default_factory=list)  # spots of the head an editor must check


@dataclass
class _Ctx:
    changes: list[Change]
    furniture: list[Furniture]
    style: str


def _spans(blocks: Sequence[Block]) -> tuple[Span, ...]:
    return merge_spans(s for b in blocks for s in b.spans)


def _first_span(b: Block, length: int) -> Span | None:
    return Span(b.spans[0].start, b.spans[0].start + length) if b.spans else None


def _strip_prefix(b: Block, prefix: str, ctx: _Ctx, reason: str) -> str:
    text = b.text.lstrip()
    if prefix:
        ctx.changes.append(Change(NAME, _first_span(b, len(prefix)), prefix, "", reason))
    return text[len(prefix) :].lstrip()


def _read_head(group: Sequence[Block], roles: Sequence[str], ctx: _Ctx) -> _Head:
    head = _Head()
    for b in group:  # flags raised on a line before it became a headline field stay with the article
        head.flags.extend(b.flags)
    heads: list[Block] = []
    titles: list[Block] = []  # a headline claimed from after the body: the other head lines are kickers
    bylines: list[tuple[str, Block]] = []
    bold: list[bool] = []
    for b, role in zip(group, roles):
        unbolded = _unbold(b, ctx)
        if role in ("head", "title"):
            bold.append(unbolded is not b)
        b = unbolded
        if role == "section":
            label = section_label(b.text) or b.text.strip()
            if label != b.text.strip():
                ctx.changes.append(
                    Change(
                        NAME,
                        span_of(b.spans),
                        b.text.strip(),
                        label,
                        "section label: letter-spacing and brackets are print decoration",
                    )
                )
            if head.section is not None:
                head.labels.append(head.section)
            head.section = (label, b.spans)
        elif role == "subtitle":
            dash = dash_lead(b.text) or ""
            m = _DASHES.match(b.text.strip())
            prefix = m.group(0) if m and len(m.group(0)) > len(dash) else dash
            text = _strip_prefix(b, prefix, ctx, "subtitle dash: stored without it, writers add it back")
            head.subtitle = (
                (text, b.spans)
                if head.subtitle is None
                else (join_text(head.subtitle[0], text, " "), head.subtitle[1] + b.spans)
            )
        elif role == "byline":
            marker = byline_marker(b.text)
            reason = "byline marker" if _MARKER.match(marker) else "byline marker ■ misread by OCR as a boxed character"
            text = _space_byline(_strip_prefix(b, marker, ctx, reason), b, ctx, head)
            bylines.append((text, b))
        elif role == "title":
            titles.append(b)
        else:
            heads.append(b)
    if bylines:
        text = bylines[0][0]
        for t, _ in bylines[1:]:
            text = join_text(text, t, " ")
        head.byline = (text, _spans([b for _, b in bylines]))
    if titles:
        if heads:
            head.kicker = (_join_lines_spaced(heads), _spans(heads))
        head.title = (_join_lines(titles, ctx), _spans(titles))
        return head
    if len(heads) == 1 and not head.kicker:
        m = _PLAIN_THEN_BOLD.match(heads[0].text.strip())
        if m and "**" not in m.group(1) + m.group(2):
            # one printed line, kicker in plain type and headline in bold side by side
            b = heads[0]
            ctx.changes.append(
                Change(
                    NAME,
                    span_of(b.spans),
                    b.text.strip(),
                    f"{m.group(1)} {m.group(2)}",
                    "Markdown bold marks the headline after its kicker",
                )
            )
            head.kicker = (m.group(1), b.spans)
            head.title = (m.group(2), b.spans)
            return head
    if len(heads) >= 2 and any(bold) and not bold[0] and not head.kicker:
        # Markdown bold marks the headline: plain lines above it are its kicker
        k = bold.index(True)
        head.kicker = (_join_lines_spaced(heads[:k]), _spans(heads[:k]))
        head.title = (_join_lines(heads[k:], ctx), _spans(heads[k:]))
        return head
    heads = _drop_speckle_lines(heads, head, ctx)
    # kicker / title / banners among the plain headline lines
    while (
        len(heads) >= 2
        and is_parallel_slogan(heads[0].text)
        and not heads[0].hints.get("md_level")
        and not heads[1].hints.get("md_level")
    ):
        head.banners.append(heads.pop(0))
    if len(heads) >= 2:
        md = [b for b in heads if b.hints.get("md_level")]
        if md and not heads[0].hints.get("md_level"):
            k = heads.index(md[0])
            head.kicker = (_join_lines(heads[:k], ctx), _spans(heads[:k]))
            heads = heads[k:]
        elif heads[0].text.rstrip()[-1:] in "：:":
            head.kicker = (heads[0].text.strip(), heads[0].spans)
            heads = heads[1:]
        elif not md:
            heads = _split_kicker(heads, head, ctx, credited=bool(bylines or head.subtitle))
    if heads:
        head.title = (_join_lines(heads, ctx), _spans(heads))
    _drop_stray_closers(head, ctx)
    return head


def _space_byline(text: str, b: Block, ctx: _Ctx, head: _Head) -> str:
    """A byline whose spaces OCR dropped (``本报记者王雪``) with a space between its parts again (logged).

    Role words and departments are a closed class, so the cut after them is
    certain; two names run together are cut by their surnames, a guess that
    is flagged ``uncertain_ocr`` on the article.
    """
    parts = unspaced_byline_parts(text) if text and not _SPACE.search(text.strip()) else None
    if not parts:
        return text
    spaced = " ".join(parts)
    ctx.changes.append(
        Change(NAME, span_of(b.spans), text, spaced, "byline parts run together by OCR: spaces put back")
    )
    if names_run_together(text):
        head.flags.append(Flag("uncertain_ocr", f"byline {text!r} cut into the names {spaced!r}", span_of(b.spans)))
    return spaced


# anything that may have opened a quote, including OCR misreads of 「 and “ (``[``, ``"``)
_OPENING_MARKS = regex.compile(r"[“‘「『（(《【\[\"']")


_SPECKLE = regex.compile(r"[A-Za-z]{1,3}")


def _drop_speckle_lines(heads: list[Block], head: _Head, ctx: _Ctx) -> list[Block]:
    """Headline lines of one to three Latin letters among Chinese ones: OCR speckle, dropped (logged, flagged)."""
    if not any(_HAN.search(b.text) for b in heads):
        return heads
    kept = []
    for b in heads:
        t = b.text.strip()
        if not _SPECKLE.fullmatch(t):
            kept.append(b)
            continue
        ctx.changes.append(Change(NAME, span_of(b.spans), t, "", "Latin letters on a line of their own by a headline"))
        head.flags.append(Flag("uncertain_ocr", f"{t!r} by the headline dropped as OCR speckle", span_of(b.spans)))
    return kept or heads


def _drop_stray_closers(head: _Head, ctx: _Ctx) -> None:
    """Drop closing quotes that close nothing from the kicker and headline, where OCR speckle puts them.

    A headline pairs its quotes; a closing quote that opens the line, or
    stands before the gap between two phrases, is read from a speck. The
    repair is logged and flagged ``uncertain_ocr``.
    """
    for name in ("kicker", "title"):
        value = getattr(head, name)
        if value is None:
            continue
        text, spans = value
        stray = [
            i
            for i in unpaired_closers(text)
            if (i == 0 or text[i + 1 : i + 2].isspace()) and not _OPENING_MARKS.search(text, 0, i)
        ]
        if not stray:
            continue
        fixed = "".join(ch for i, ch in enumerate(text) if i not in stray).strip()
        ctx.changes.append(
            Change(NAME, span_of(spans), text, fixed, "a closing quote that closes nothing: OCR speckle")
        )
        head.flags.append(
            Flag("uncertain_ocr", f"stray closing quote dropped from the {name} {fixed!r}", span_of(spans))
        )
        setattr(head, name, (fixed, spans))


def _split_kicker(heads: list[Block], head: _Head, ctx: _Ctx, *, credited: bool) -> list[Block]:
    """Set ``head.kicker`` from plain headline lines stacked over the headline; the headline's lines are returned.

    One paragraph per line (a ``lines`` dump): the first printed line is the
    kicker. A hard-wrapped dump breaks long headlines too, so there it takes
    a story's cluster (closed by a byline or subtitle) of exactly two printed
    lines that do not wrap into each other, the first a line of its own
    length. A headline of two phrases printed side by side reads the same in
    a dump that breaks it, so that reading is flagged for the editor.
    """
    printed = _printed_lines(heads)
    if len(printed) < 2:
        return heads
    if ctx.style != "fixed":
        head.kicker = (_join_wrapped(printed[0]), _spans(printed[0]))
        return [b for line in printed[1:] for b in line]
    if not credited or len(printed) != 2 or visible_len(_join_wrapped(printed[0])) < _MIN_KICKER:
        return heads
    head.kicker = (_join_wrapped(printed[0]), _spans(printed[0]))
    head.flags.append(
        Flag(
            "uncertain_join",
            f"two headline lines read as kicker {head.kicker[0]!r} over the headline; "
            "check they are not one headline of two phrases printed side by side",
            span_of(head.kicker[1]),
        )
    )
    return printed[1]


# a kicker is a line of its own; a shorter phrase over a headline line (智慧藥局上線) is more often the first
# of two phrases printed side by side, which some extractors break into two lines
_MIN_KICKER = 8


def _printed_lines(heads: Sequence[Block]) -> list[list[Block]]:
    """Headline lines grouped into the lines printed on the page: a line wrapped at the column runs on.

    A break is a wrap when a lexicon word spans it (``聚焦基层卫⏎生人才培养``),
    when a quote or bracket opened on the line is closed on the next
    (``世界献血者⏎日”主题活动``), or when the line ends in a word that needs a
    complement. OCR sets wrapped lines apart by blank lines as often as not,
    so the blank line itself says nothing. Pieces the column reader cut from
    one line of the dump (two phrases side by side) are one printed line.
    """
    printed = [[heads[0]]]
    for b in heads[1:]:
        if _same_source_line(printed[-1][-1], b) or _wraps_into(printed[-1][-1].text, b.text):
            printed[-1].append(b)
        else:
            printed.append([b])
    return printed


def _wraps_into(left: str, right: str) -> bool:
    left, right = left.strip(), right.strip()
    if crossing_word(left, right) or dangling_end(left) or starts_dangling(right):
        return True
    return _open_quotes(left) > 0


def _open_quotes(text: str) -> int:
    """Quotes and brackets opened in ``text`` and not closed in it."""
    depth = 0
    for ch in text:
        if ch in "“‘「『（(《【":
            depth += 1
        elif ch in "”’」』）)》】" and depth:
            depth -= 1
    return depth


def _same_source_line(a: Block, b: Block) -> bool:
    """True if ``a`` and ``b`` are pieces of one line of the dump (side by side on the page)."""
    line = a.hints.get("line")
    return line is not None and line == b.hints.get("line")


def _join_wrapped(blocks: Sequence[Block]) -> str:
    """Lines of one printed headline line: a wrap joins without a space, phrases side by side with one."""
    text = blocks[0].text.strip()
    for prev, b in zip(blocks, blocks[1:]):
        text = join_text(text, b.text, " " if _same_source_line(prev, b) else "")
    return text


_PLAIN_THEN_BOLD = regex.compile(r"^([^*\s][^*]*?)\s*\*\*(?=\S)(.+?)(?<=\S)\*\*$")
_BOLD = regex.compile(r"^\*\*(?=\S)(.+?)(?<=\S)\*\*$")


def _unbold(b: Block, ctx: _Ctx) -> Block:
    """A headline line without the Markdown bold around it (``**标题**``): emphasis is a hint, not text."""
    t = b.text.strip()
    m = _BOLD.match(t)
    if not m or "**" in m.group(1):
        return b
    ctx.changes.append(Change(NAME, span_of(b.spans), t, m.group(1), "Markdown bold around a headline line"))
    return replace(b, text=m.group(1))


def _join_lines(blocks: Sequence[Block], ctx: _Ctx) -> str:
    """Headline lines: wrapped lines join without a space, stacked phrases with one."""
    text = blocks[0].text.strip()
    for prev, b in zip(blocks, blocks[1:]):
        wrapped = (ctx.style == "fixed" and b.hints.get("blank_before", 1) == 0) or (
            not prev.hints.get("md_level") and not b.hints.get("md_level") and _wraps_into(prev.text, b.text)
        )
        text = join_text(text, b.text, "" if wrapped else " ")
    return text


def _article(head: _Head, blocks: Sequence[Block] = ()) -> Article:
    fields: dict[str, Any] = {}
    spans: dict[str, tuple[Span, ...]] = {}
    for name in ("section", "kicker", "title", "subtitle", "byline"):
        value = getattr(head, name)
        if value is not None:
            fields[name] = value[0]
            spans[name] = value[1]
    return Article(**fields, blocks=tuple(blocks), field_spans=spans, flags=tuple(head.flags))


def _body_block(b: Block, role: str, note: bool) -> Block:
    btype = "paragraph"
    if role == "signoff":
        btype = "signoff"
    elif note:
        btype = "note"
    elif is_caption(b.text):
        btype = "caption"
    hints = {**b.hints, "built": True}
    return Block(btype, b.text.strip(), b.spans, b.flags, hints)


@cleaner(NAME, family="structure")
def build_articles(doc: Document, options: Mapping[str, Any]) -> Document:
    """Split the text into articles with their headline fields and typed body blocks.

    >>> from newsclean.readers import segment_lines
    >>> doc = build_articles(segment_lines("# 标题\\n\\n## ——副题\\n\\n■ 张三 李四\\n\\n正文。"), {})
    >>> a = doc.articles[0]
    >>> a.title, a.subtitle, a.byline, [b.text for b in a.blocks]
    ('标题', '副题', '张三 李四', ['正文。'])
    """
    with gc_paused():
        return _build_articles(doc, options)


def _build_articles(doc: Document, options: Mapping[str, Any]) -> Document:
    if any(any(a.head().values()) for a in doc.articles) or any(b.hints.get("built") for b in doc.blocks()):
        return doc
    blocks = [b for a in doc.articles for b in a.blocks]
    if not blocks:
        return doc
    style, width = dump_style(blocks)
    blocks, split_changes = split_inline_heads(blocks)
    roles = classify_lines(blocks, style, width)
    ctx = _Ctx(split_changes, list(doc.furniture), style)
    md_doc = any(b.hints.get("md_level") for b in blocks)

    # items: ("head", [indices]) or ("body", index)
    items: list[tuple[str, list[int]]] = []
    cut_at: set[int] = set()  # head lines that open a cluster cut from the headline above them
    i, n = 0, len(blocks)
    while i < n:
        if roles[i] in HEAD_ROLES:
            group = [i]
            j = i + 1
            while j < n and roles[j] in HEAD_ROLES and not blocks[j].hints.get("after_furniture"):
                last = roles[group[-1]]
                if last == "byline" and roles[j] != "byline":
                    break
                if roles[j] == "section" and any(roles[k] != "section" for k in group):
                    break
                if (
                    roles[j] == "head"
                    and md_doc
                    and not blocks[j].hints.get("md_level")
                    and any(roles[k] == "head" and blocks[k].hints.get("md_level") for k in group)
                ):
                    break  # in a Markdown dump a plain line under a # headline is not part of it
                if (
                    roles[j] == "head"
                    and blocks[j].hints.get("md_level")
                    and not _smaller_heads_above(j, group, blocks, roles)
                ):
                    break  # a second # headline is the next story's, unless the ones above are set smaller (kicker)
                if _starts_cluster(j, group, blocks, roles):
                    cut_at.add(j)
                    break  # a column label under a headline: the headline closed the story before
                group.append(j)
                j += 1
            if i in cut_at:
                _label_over_rest(group, blocks, roles)
            items.append(("head", group))
            i = j
        else:
            items.append(("body", [i]))
            i += 1

    if not md_doc:
        items = _claim_late_titles(items, blocks, roles, ctx)

    def has(group: list[int], role: str) -> bool:
        return any(roles[k] == role for k in group)

    trailing = (
        len(items) >= 2
        and items[-1][0] == "head"
        and has(items[-1][1], "byline")
        and next((kind for kind, g in items if not all(roles[k] == "section" for k in g)), None) == "body"
        and sum(1 for kind, g in items if kind == "head" and has(g, "byline")) >= 2
    )
    articles = (
        _build_trailing(items, blocks, roles, ctx) if trailing else _build_leading(items, blocks, roles, ctx, md_doc)
    )
    ctx.furniture.sort(key=lambda f: f.spans[0].start if f.spans else -1)
    return replace(doc, articles=tuple(articles), furniture=tuple(ctx.furniture)).with_changes(ctx.changes)


def _is_strong(group: list[int], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    if any(roles[k] in ("section", "subtitle", "byline") for k in group):
        return True
    heads = [k for k in group if roles[k] == "head"]
    return len(heads) >= 2 and blocks[heads[0]].text.rstrip()[-1:] in "：:"


def _build_leading(items, blocks, roles, ctx: _Ctx, md_doc: bool) -> list[Article]:
    # the page's convention: do the certain headlines carry bylines or subtitles?
    strong = [g for kind, g in items if kind == "head" and _is_strong(g, blocks, roles)]
    with_credit = sum(1 for g in strong if any(roles[k] in ("byline", "subtitle") for k in g))
    bare_are_subheads = bool(strong) and with_credit * 2 >= len(strong)

    articles: list[Article] = []
    current: Article | None = None
    cur_blocks: list[Block] = []
    pending_section: tuple[str, tuple[Span, ...]] | None = None
    prev_kind: str | None = None
    prev_body: Block | None = None
    prev_role: str | None = None
    in_note = False
    resume: Block | None = None  # a paragraph cut by a byline read mid-sentence: the next body line goes on with it

    def flush() -> None:
        nonlocal current, cur_blocks
        if current is not None:
            articles.append(replace(current, blocks=tuple(cur_blocks)))
        current, cur_blocks = None, []

    for pos, (kind, group) in enumerate(items):
        nxt = items[pos + 1] if pos + 1 < len(items) else None
        if kind == "head":
            gblocks = [blocks[k] for k in group]
            groles = [roles[k] for k in group]
            if all(r == "section" for r in groles):
                flush()
                for b, r in zip(gblocks, groles):
                    if pending_section is not None:
                        # two labels in a row (the first one's story is elsewhere): the first stays content
                        articles.append(_article(_Head(section=pending_section)))
                    pending_section = _read_head([b], [r], ctx).section
                prev_kind = "head"
                continue
            if all(r == "byline" for r in groles) and prev_kind == "body" and current is not None and cur_blocks:
                head = _read_head(gblocks, groles, ctx)
                last = cur_blocks[-1]
                if int(last.hints.get("blank_before", 0)) >= 2 or len(cur_blocks) == 1 and current.title is None:
                    cur_blocks.pop()
                    flush()
                    current = _article(_Head(byline=head.byline))
                    cur_blocks = [replace(last, type="caption")]
                    flush()
                elif current.byline is None:
                    current = replace(
                        current, byline=head.byline[0], field_spans={**current.field_spans, "byline": head.byline[1]}
                    )
                    # a byline printed across the columns, read where the first column's text broke off
                    resume = last if _broken_off(last, nxt, blocks, roles, ctx) else None
                else:
                    cur_blocks.append(Block("signoff", head.byline[0], head.byline[1], hints={"built": True}))
                prev_kind = "head"
                continue
            title = _opens_article(
                group, blocks, roles, md_doc, bare_are_subheads, prev_kind, prev_body, prev_role, current is None
            )
            if title:
                mark = len(ctx.changes)
                head = _read_head(gblocks, groles, ctx)
                for b in head.banners:
                    ctx.furniture.append(Furniture("other", b.text.strip(), b.spans))
                if nxt is None or nxt[0] == "head" and not all(roles[k] == "byline" for k in nxt[1]):
                    # a headline with no body of its own: a slogan banner
                    if (
                        head.title
                        and not head.byline
                        and not head.subtitle
                        and not head.section
                        and not head.kicker
                        and not any(blocks[k].hints.get("md_level") for k in group)
                    ):
                        del ctx.changes[mark:]  # the banner's lines go to the furniture as printed: no repair
                        for k in group:
                            if roles[k] == "head":
                                ctx.furniture.append(Furniture("other", blocks[k].text.strip(), blocks[k].spans))
                        prev_kind = "head"
                        continue
                flush()
                for label in head.labels:
                    # labels stacked over one headline: the story of the upper ones is elsewhere; they stay content
                    articles.append(_article(_Head(section=label)))
                if head.section is None and pending_section is not None:
                    head.section = pending_section
                pending_section = None
                current = _article(head)
            else:
                text = _join_lines_spaced([_unbold(b, ctx) for b in gblocks])
                if current is None:
                    current = _article(_Head(section=pending_section))
                    pending_section = None
                cur_blocks.append(Block("heading", text, _spans(gblocks), hints={"built": True}))
            prev_kind = "head"
            in_note = False
            continue
        # body line
        b = blocks[group[0]]
        role = roles[group[0]]
        if resume is not None and cur_blocks and cur_blocks[-1] is resume:
            cur_blocks[-1] = _join_across_byline(resume, b, ctx)
            resume = None
            prev_kind, prev_body, prev_role = "body", b, role
            continue
        resume = None
        new_item = False
        if current is not None and cur_blocks and prev_kind == "body":
            if prev_role == "signoff" and role != "signoff":
                new_item = True
            elif (
                int(b.hints.get("blank_before", 0)) >= 2
                and prev_body is not None
                and ends_sentence(prev_body.text)
                and is_news_lead(b.text)
                and ctx.style != "fixed"
            ):
                new_item = True
        if new_item:
            section = None
            if current.title is None and current.section is not None:
                section = (current.section, ())
                ctx.changes.append(
                    Change(NAME, None, "", current.section, "section label repeated for the next item under it")
                )
            flush()
            current = _article(_Head(section=section))
        if current is None:
            current = _article(_Head(section=pending_section))
            pending_section = None
        if role == "signoff" and not cur_blocks and _credit_of_story_before(articles):
            # a credit printed under the last column of the story before, read after this story's headline
            articles[-1] = replace(articles[-1], blocks=articles[-1].blocks + (_body_block(b, role, False),))
            ctx.changes.append(
                Change(NAME, span_of(b.spans), "", "", "signoff read after the next headline goes to the story before")
            )
            prev_kind, prev_body, prev_role = "body", b, role
            continue
        if is_editor_note(b.text):
            in_note = True
        elif int(b.hints.get("blank_before", 1)) > 0:
            in_note = False
        cur_blocks.append(_body_block(b, role, in_note))
        prev_kind, prev_body, prev_role = "body", b, role
    flush()
    if pending_section is not None:
        # a column label with nothing under it stays content, as an empty item of that section
        articles.append(_article(_Head(section=pending_section)))
    return articles


def _broken_off(last: Block, nxt, blocks: Sequence[Block], roles: Sequence[str], ctx: _Ctx) -> bool:
    """True if paragraph ``last`` stops mid-sentence and the body line after the byline item ``nxt`` goes on with it.

    Hard-wrapped dumps only (a wrapped column reads on from line to line):
    the next line must not open a story or a paragraph of its own.
    """
    if ctx.style != "fixed" or last.type != "paragraph" or nxt is None or nxt[0] != "body":
        return False
    b = blocks[nxt[1][0]]
    return (
        roles[nxt[1][0]] == "para"
        and not ends_sentence(last.text)
        and not is_news_lead(b.text)
        and not b.hints.get("after_furniture")
    )


def _join_across_byline(left: Block, right: Block, ctx: _Ctx) -> Block:
    """``left`` and ``right`` joined back into one paragraph where a byline had cut it (logged, flagged)."""
    text = join_text(left.text, right.text)
    seam = (
        Span(left.spans[-1].end, max(left.spans[-1].end, right.spans[0].start)) if left.spans and right.spans else None
    )
    ctx.changes.append(Change(NAME, seam, "", "", "paragraph cut by a byline read mid-sentence joined again"))
    flag = Flag("uncertain_join", "paragraph joined across a byline printed between its lines", seam)
    flags = left.flags + tuple(f for f in right.flags if f not in left.flags) + (flag,)
    return replace(left, text=text, spans=merge_spans(left.spans + right.spans), flags=flags)


def _credit_of_story_before(articles: Sequence[Article]) -> bool:
    """True if the last story built has a body that does not end with a signoff yet."""
    return bool(articles) and bool(articles[-1].blocks) and articles[-1].blocks[-1].type != "signoff"


def _join_lines_spaced(blocks: Sequence[Block]) -> str:
    text = blocks[0].text.strip()
    for b in blocks[1:]:
        text = join_text(text, b.text, " ")
    return text


def _opens_article(group, blocks, roles, md_doc, bare_are_subheads, prev_kind, prev_body, prev_role, at_start) -> bool:
    gb = [blocks[k] for k in group]
    heads = [blocks[k] for k in group if roles[k] == "head"]
    if _is_strong(group, blocks, roles):
        return True
    levels = [int(b.hints["md_level"]) for b in heads if b.hints.get("md_level")]
    if levels:
        return min(levels) <= 2
    if md_doc:
        return at_start
    if at_start or gb[0].hints.get("after_furniture"):
        return True
    if prev_role == "signoff" or (prev_body is not None and ends_with_credit(prev_body.text)):
        return True
    if len(heads) >= 2 or any(_MID_COLON.match(b.text.strip()) for b in heads):
        return False
    return not bare_are_subheads


def _build_trailing(items, blocks, roles, ctx: _Ctx) -> list[Article]:
    """Headlines and speaker lines printed after their bodies claim the text before them."""
    articles: list[Article] = []
    run: list[Block] = []
    leading: Article | None = None
    leading_blocks: list[Block] = []
    in_note = False
    for kind, group in items:
        if kind == "head":
            gblocks = [blocks[k] for k in group]
            head = _read_head(gblocks, [roles[k] for k in group], ctx)
            if head.byline is not None:
                if leading is not None:
                    articles.append(replace(leading, blocks=tuple(leading_blocks)))
                    leading, leading_blocks = None, []
                articles.append(_article(head, run))
                run = []
            else:
                if leading is not None:
                    articles.append(replace(leading, blocks=tuple(leading_blocks)))
                if run:
                    articles.append(_article(_Head(), run))
                    run = []
                leading, leading_blocks = _article(head), []
            in_note = False
            continue
        b = blocks[group[0]]
        if is_editor_note(b.text):
            in_note = True
        elif int(b.hints.get("blank_before", 1)) > 0:
            in_note = False
        block = _body_block(b, roles[group[0]], in_note)
        if leading is not None and in_note:
            leading_blocks.append(block)
        else:
            run.append(block)
    if leading is not None:
        articles.append(replace(leading, blocks=tuple(leading_blocks)))
    if run:
        articles.append(_article(_Head(), run))
    return articles


def _smaller_heads_above(j: int, group: Sequence[int], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    """True if every ``#`` headline line of ``group`` is of a lower rank than line ``j`` (``####`` over ``##``).

    Markdown levels follow the type size: a smaller headline right over a
    bigger one is its kicker (引题), not a story of its own.
    """
    level = int(blocks[j].hints["md_level"])
    above = [int(blocks[k].hints["md_level"]) for k in group if roles[k] == "head" and blocks[k].hints.get("md_level")]
    return all(a > level for a in above)


def _starts_cluster(j: int, group: Sequence[int], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    """True if head line ``j`` is an unspaced column label (要闻) opening a new headline cluster.

    A label of two to four characters under a headline, with a headline,
    subtitle or byline of its own below it, is the top of the next story's
    cluster, not the end of this headline.
    """
    if roles[j] != "head" or not is_short_label(blocks[j].text) or j + 1 >= len(blocks):
        return False
    if roles[j + 1] not in ("head", "subtitle", "byline") or blocks[j + 1].hints.get("after_furniture"):
        return False
    prev = group[-1]
    return (
        roles[prev] == "head"
        and not is_short_label(blocks[prev].text)
        and crossing_word(blocks[prev].text, blocks[j].text) is None
    )


_TITLE_WINDOW = 8  # stories on either side of a late headline that may claim it
_BODY_CHARS = 4000  # body text of a story searched for a headline's words


def _claim_late_titles(items, blocks, roles, ctx: _Ctx):
    """Headlines printed after their bodies go back to the story whose text they name.

    A *late headline* is a head group of plain headline lines that heads
    nothing: it comes after a finished sentence, a signoff or page furniture
    and is followed by another headline cluster, by furniture or by the end of
    the text. Which story it names is read from vocabulary: the headline's
    content words (:func:`~newsclean.structure.cues.content_words`) are looked
    for in the body of each story nearby; the story that holds most of them
    claims it (a story with no headline of its own first, then the nearer
    one). Its label becomes the section, its other head lines the kicker.
    Late headlines no story claims are left where they are.
    """
    stories: list[tuple[int, list[int]]] = []  # (item index of the opener or first body, body item indices)
    titled_only: set[int] = set()  # stories with no byline or subtitle: briefs under a label, never claim
    orphans: list[int] = []
    for pos, (kind, group) in enumerate(items):
        if kind == "head":
            if _is_late_title(pos, items, blocks, roles):
                orphans.append(pos)
            elif _is_strong(group, blocks, roles):
                stories.append((pos, []))
                if not any(roles[k] in ("byline", "subtitle") for k in group):
                    titled_only.add(len(stories) - 1)
        else:
            if not stories:
                stories.append((pos, [pos]))
            else:
                stories[-1][1].append(pos)
    if not orphans or not stories:
        return items
    texts: list[str] = []
    titled: list[bool] = []
    for opener, body in stories:
        text = ""
        for p in body:
            if len(text) >= _BODY_CHARS:
                break
            text += blocks[items[p][1][0]].text
        texts.append(text)
        kind, group = items[opener]
        titled.append(
            kind == "head"
            and any(roles[k] == "head" for k in group[1:] if True)
            and not _label_only(group, blocks, roles)
        )
    openers = [o for o, _ in stories]

    def rank(words: tuple[str, ...], at: int) -> list[tuple[int, bool, float, int]]:
        ranked = []
        # only stories printed before it: a headline above its story is not late
        for si in range(max(0, at - _TITLE_WINDOW), at):
            if si in titled_only or items[stories[si][0]][0] != "head":
                continue
            hits = sum(1 for w in words if w in texts[si])
            if hits:
                ranked.append((-hits, titled[si], abs(at - 0.5 - si), si))
        return sorted(ranked)

    # a late cluster may hold the headlines of several stories (all printed at the page end):
    # each line goes to the story it names best; a line naming none clearly stays with the one above
    units: list[list[int]] = []
    for pos in orphans:
        at = bisect_right(openers, pos)
        current: list[int] = []
        current_story: int | None = None
        prev_k = None
        for k in items[pos][1]:
            ranked = rank(_title_words(blocks[k].text), at)
            best = ranked[0][3] if ranked and (len(ranked) == 1 or ranked[0][:2] < ranked[1][:2]) else None
            wrapped = prev_k is not None and crossing_word(blocks[prev_k].text, blocks[k].text, min_freq=1)
            prev_k = k
            if current and (wrapped or ranked and (best is None or best == current_story)):
                current.append(k)
                continue
            if current:
                units.append(current)
            current, current_story = ([k], best) if ranked else ([], None)
        if current:
            units.append(current)
    pairs = []
    for u, unit in enumerate(units):
        words = _title_words(_join_lines_spaced([blocks[k] for k in unit]))
        at = bisect_right(openers, items_pos_of(items, unit[0]))
        ranked = rank(words, at)
        for neg, tit, dist, si in ranked:
            # a story that has a headline of its own must be named by more than one word
            if (neg == ranked[0][0] or -neg * 2 >= len(words)) and (-neg >= 2 or not tit or -neg * 2 >= len(words)):
                pairs.append((neg, tit, dist, u, si))
    if not pairs:
        return items
    pairs.sort()
    taken_u: set[int] = set()
    taken_s: set[int] = set()
    claims: dict[int, list[int]] = {}
    for _, _, _, u, si in pairs:
        if u in taken_u or si in taken_s:
            continue
        taken_u.add(u)
        taken_s.add(si)
        claims[stories[si][0]] = units[u]
    moved = {k for unit in claims.values() for k in unit}
    out = []
    for pos, (kind, group) in enumerate(items):
        left = [k for k in group if k not in moved] if kind == "head" else group
        late = claims.get(pos)
        if late is not None:
            for k in late:
                roles[k] = "title"
            ctx.changes.append(
                Change(
                    NAME,
                    span_of(_spans([blocks[k] for k in late])),
                    "",
                    "",
                    "headline printed after its story moved to the story it names",
                )
            )
            if kind == "head":
                cut = next((m for m, k in enumerate(left) if roles[k] in ("subtitle", "byline")), len(left))
                first = left[0] if left else None
                if first is not None and roles[first] == "head" and is_short_label(blocks[first].text):
                    roles[first] = "section"
                out.append(("head", left[:cut] + late + left[cut:]))
            else:
                out.append(("head", list(late)))
                out.append((kind, group))
            continue
        if left:
            out.append((kind, left))
    return out


def _label_over_rest(group: Sequence[int], blocks: Sequence[Block], roles: list[str]) -> None:
    """A short line that opens a head group cut from the headline above it is the column label of its cluster.

    The headline above it had hidden it (a label is read as one only at the
    top of a cluster); a byline or subtitle below shows the cluster.
    """
    first = group[0]
    if (
        len(group) >= 3
        and roles[first] == "head"
        and is_short_label(blocks[first].text)
        and roles[group[1]] == "head"
        and any(roles[k] in ("byline", "subtitle") for k in group[2:])
    ):
        roles[first] = "section"


_QUOTED = regex.compile(r"[“「『‘]([^“”「」『』‘’]{2,12})[”」』’]")


def _title_words(text: str) -> tuple[str, ...]:
    """The words a late headline is matched by: its content words and each phrase it quotes whole.

    A quoted phrase (a nickname, a slogan, a campaign's name) is the
    headline's most specific word; found whole in a story's text it names
    that story, and counts once more than its words alone.

    >>> _title_words("我院开展“护理周”活动")
    ('我院', '开展', '护理', '活动', '护理周')
    """
    words = content_words(text)
    return words + tuple(q for q in _QUOTED.findall(text) if q not in words)


def items_pos_of(items, k: int) -> int:
    """Index of the item holding block ``k`` (items are in block order)."""
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid][1][-1] < k:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _label_only(group, blocks, roles) -> bool:
    heads = [k for k in group if roles[k] == "head"]
    return not heads or len(heads) == 1 and heads[0] == group[0] and is_short_label(blocks[heads[0]].text)


def _is_late_title(pos, items, blocks, roles) -> bool:
    kind, group = items[pos]
    if any(roles[k] != "head" or blocks[k].hints.get("md_level") for k in group):
        return False
    if len(group) == 1 and is_short_label(blocks[group[0]].text):
        return False
    if any(is_parallel_slogan(blocks[k].text) for k in group):
        return False
    nxt = items[pos + 1] if pos + 1 < len(items) else None
    if nxt is not None and nxt[0] == "body" and not blocks[nxt[1][0]].hints.get("after_furniture"):
        return False
    if pos == 0 or blocks[group[0]].hints.get("after_furniture"):
        return True
    pkind, pgroup = items[pos - 1]
    if pkind == "head":
        return all(roles[k] == "head" for k in pgroup)
    prev = blocks[pgroup[0]]
    return roles[pgroup[0]] == "signoff" or ends_sentence(prev.text)
