"""Read a head group — the headline lines over a story — into article fields.

A head group is a run of headline-role lines (see
:mod:`newsclean.structure.roles`): section label, kicker (引题, a line ending
in ：above the headline), headline, subtitle (a dash-led line, stored without
the dash) and byline (markers such as ■ dropped). Which plain line is the
kicker and which the headline is read from Markdown bold and ``#`` levels,
from a colon ending the first line, and from the printed lines (a line
wrapped at the column runs on; centred lines set apart in a layout-keeping
dump are stacked, not wrapped). Slogans printed over the headline are
banners (furniture); OCR speckle by the headline is dropped
(:mod:`newsclean.structure.head_speckle`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from newsclean.model import Article, Block, Change, Flag, Span, span_of
from newsclean.structure.build_context import NAME, BuildContext, blocks_spans
from newsclean.structure.cues import (
    byline_marker,
    crossing_word,
    dangling_end,
    dash_lead,
    ends_sentence,
    ends_with_colon,
    is_parallel_slogan,
    join_text,
    names_run_together,
    section_label,
    starts_dangling,
    trailing_byline,
    unspaced_byline_parts,
    visible_len,
)
from newsclean.structure.head_speckle import drop_speckle_lines, drop_stray_closers
from newsclean.structure.line_moves import line_piece

_MARKER = regex.compile(r"^[■□▲△●○◆◇★☆]\s*")
_DASHES = regex.compile(r"^[—\-─－](?:[ \u3000]*[—\-─－])*")  # (pymupdf4llm: ``— **—**``, bold dropped)
_SPACE = regex.compile(r"\s")
_PLAIN_THEN_BOLD = regex.compile(r"^([^*\s][^*]*?)\s*\*\*(?=\S)(.+?)(?<=\S)\*\*$")
_BOLD = regex.compile(r"^\*\*(?=\S)(.+?)(?<=\S)\*\*$")
# a kicker is a line of its own; a shorter phrase over a headline line (智慧藥局上線) is more often the first
# of two phrases printed side by side, which some extractors break into two lines
_MIN_KICKER = 8
_SHORT_OVER_LONG = 0.5  # a headline line at most this share of the line under it is no wrap of it
_HAS_COLON = regex.compile(r"[：:]")

Field = tuple[str, tuple[Span, ...]]


@dataclass
class Head:
    """The fields read from a head group, with what else the group held."""

    section: Field | None = None
    kicker: Field | None = None
    title: Field | None = None
    subtitle: Field | None = None
    byline: Field | None = None
    banners: list[Block] = field(default_factory=list)
    labels: list[Field] = field(default_factory=list)  # earlier labels stacked above
    flags: list[Flag] = field(default_factory=list)  # spots of the head an editor must check

    def article(self, blocks: Sequence[Block] = ()) -> Article:
        """An article with these headline fields over ``blocks``."""
        fields: dict[str, Any] = {}
        spans: dict[str, tuple[Span, ...]] = {}
        for name in ("section", "kicker", "title", "subtitle", "byline"):
            value = getattr(self, name)
            if value is not None:
                fields[name] = value[0]
                spans[name] = value[1]
        return Article(**fields, blocks=tuple(blocks), field_spans=spans, flags=tuple(self.flags))


@dataclass
class _Lines:
    """A head group's lines sorted by role, before kicker and headline are told apart."""

    heads: list[Block] = field(default_factory=list)
    titles: list[Block] = field(default_factory=list)  # a headline claimed from after the body: heads are kickers
    bylines: list[tuple[str, Block]] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)  # per head or title line: set in Markdown bold


def read_head(group: Sequence[Block], roles: Sequence[str], ctx: BuildContext) -> Head:
    """The headline fields of head group ``group`` whose lines have ``roles`` (repairs logged in ``ctx``)."""
    head = Head()
    for b in group:  # flags raised on a line before it became a headline field stay with the article
        head.flags.extend(b.flags)
    lines = _sort_lines(group, roles, ctx, head)
    if lines.bylines:
        head.byline = _joined_bylines(lines.bylines)
    heads = lines.heads
    if lines.titles:
        if heads:
            head.kicker = (join_lines_spaced(heads), blocks_spans(heads))
        head.title = (join_lines(lines.titles, ctx), blocks_spans(lines.titles))
        return head
    if _read_plain_then_bold(heads, head, ctx) or _read_bold_title(heads, lines.bold, head, ctx):
        return head
    heads = drop_speckle_lines(heads, ctx, head.flags)
    _read_plain_lines(heads, head, ctx, credited=bool(lines.bylines or head.subtitle))
    for name in ("kicker", "title"):
        value = getattr(head, name)
        if value is not None:
            setattr(head, name, drop_stray_closers(name, value, ctx, head.flags))
    return head


def _sort_lines(group: Sequence[Block], roles: Sequence[str], ctx: BuildContext, head: Head) -> _Lines:
    """Section, subtitle and byline read into ``head``; the headline lines returned by kind."""
    lines = _Lines()
    for b, role in zip(group, roles):
        unbolded = unbold(b, ctx)
        if role in ("head", "title"):
            lines.bold.append(unbolded is not b)
            b = unbolded  # (bold inside a headline line marks the headline after its kicker: read later)
        else:
            b = _unbold_inside(unbolded, ctx)
        if role == "section":
            _read_section(b, ctx, head)
        elif role == "subtitle":
            _read_subtitle(b, ctx, head, lines)
        elif role == "byline":
            lines.bylines.append((_read_byline(b, ctx, head), b))
        elif role == "title":
            lines.titles.append(b)
        else:
            lines.heads.append(b)
    return lines


def _read_section(b: Block, ctx: BuildContext, head: Head) -> None:
    """The column label on line ``b``; a label already read moves to ``head.labels``."""
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


def _read_subtitle(b: Block, ctx: BuildContext, head: Head, lines: _Lines) -> None:
    """The subtitle on line ``b`` without its dash, run on to a subtitle already read; a byline after it apart."""
    cut = trailing_byline(b.text)
    if cut is not None:
        b, credit = _split_line(b, cut)
        lines.bylines.append((_read_byline(credit, ctx, head), credit))
        ctx.changes.append(
            Change(NAME, span_of(credit.spans), "", "", "byline printed on the subtitle's line set apart")
        )
    dash = dash_lead(b.text) or ""
    m = _DASHES.match(b.text.strip())
    prefix = m.group(0) if m and len(m.group(0)) > len(dash) else dash
    text = _strip_prefix(b, prefix, ctx, "subtitle dash: stored without it, writers add it back")
    head.subtitle = (
        (text, b.spans)
        if head.subtitle is None
        else (join_text(head.subtitle[0], text, " "), head.subtitle[1] + b.spans)
    )


def _split_line(b: Block, cut: int) -> tuple[Block, Block]:
    """Line ``b`` cut at ``cut`` into two lines, each with its exact source span where ``b`` maps one to one."""
    left, right = b.text[:cut].rstrip(), b.text[cut:]
    if len(b.spans) == 1 and b.spans[0].end - b.spans[0].start == len(b.text):
        return line_piece(b, 0, len(left)), line_piece(b, cut, len(b.text))
    return replace(b, text=left), replace(b, text=right)


def _read_byline(b: Block, ctx: BuildContext, head: Head) -> str:
    """The byline on line ``b`` without its marker, its parts spaced."""
    marker = byline_marker(b.text)
    reason = "byline marker" if _MARKER.match(marker) else "byline marker ■ misread by OCR as a boxed character"
    return _space_byline(_strip_prefix(b, marker, ctx, reason), b, ctx, head)


def _joined_bylines(bylines: Sequence[tuple[str, Block]]) -> Field:
    text = bylines[0][0]
    for t, _ in bylines[1:]:
        text = join_text(text, t, " ")
    return text, blocks_spans([b for _, b in bylines])


def _first_span(b: Block, length: int) -> Span | None:
    return Span(b.spans[0].start, b.spans[0].start + length) if b.spans else None


def _strip_prefix(b: Block, prefix: str, ctx: BuildContext, reason: str) -> str:
    text = b.text.lstrip()
    if prefix:
        ctx.changes.append(Change(NAME, _first_span(b, len(prefix)), prefix, "", reason))
    return text[len(prefix) :].lstrip()


def _space_byline(text: str, b: Block, ctx: BuildContext, head: Head) -> str:
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


def _read_plain_then_bold(heads: Sequence[Block], head: Head, ctx: BuildContext) -> bool:
    """One printed line, kicker in plain type and headline in bold side by side (``引题 **标题**``)."""
    if len(heads) != 1:
        return False
    m = _PLAIN_THEN_BOLD.match(heads[0].text.strip())
    if not m or "**" in m.group(1) + m.group(2):
        return False
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
    return True


def _read_bold_title(heads: Sequence[Block], bold: Sequence[bool], head: Head, ctx: BuildContext) -> bool:
    """Markdown bold marks the headline: plain lines above it are its kicker."""
    if len(heads) < 2 or not any(bold) or bold[0]:
        return False
    k = bold.index(True)
    head.kicker = (join_lines_spaced(heads[:k]), blocks_spans(heads[:k]))
    head.title = (join_lines(heads[k:], ctx), blocks_spans(heads[k:]))
    return True


def _read_plain_lines(heads: list[Block], head: Head, ctx: BuildContext, *, credited: bool) -> None:
    """Banners, kicker and headline among plain headline lines (no bold to tell them apart)."""
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
            head.kicker = (join_lines(heads[:k], ctx), blocks_spans(heads[:k]))
            heads = heads[k:]
        elif ends_with_colon(heads[0].text):
            head.kicker = (heads[0].text.strip(), heads[0].spans)
            heads = heads[1:]
        elif not md:
            heads = _split_kicker(heads, head, ctx, credited=credited)
    if heads:
        head.title = (join_lines(heads, ctx), blocks_spans(heads))


def _split_kicker(heads: list[Block], head: Head, ctx: BuildContext, *, credited: bool) -> list[Block]:
    """Set ``head.kicker`` from plain headline lines stacked over the headline; the headline's lines are returned.

    One paragraph per line (a ``lines`` dump): the first printed line is the
    kicker, unless the two lines read as one headline of two phrases
    (:func:`two_phrase_headline`; flagged for the editor). A hard-wrapped dump breaks long headlines too, so there it takes
    a story's cluster (closed by a byline or subtitle) of exactly two printed
    lines that do not wrap into each other, the first a line of its own
    length. A headline of two phrases printed side by side reads the same in
    a dump that breaks it, so that reading is flagged for the editor.
    """
    printed = printed_lines(heads)
    if len(printed) < 2:
        return heads
    if ctx.style != "fixed":
        if len(printed) == 2 and two_phrase_headline(_join_wrapped(printed[0]), _join_wrapped(printed[1])):
            head.flags.append(
                Flag(
                    "uncertain_join",
                    "two headline lines read as one headline of two phrases printed side by side; "
                    f"check {_join_wrapped(printed[0])!r} is not its kicker",
                    span_of(blocks_spans(heads)),
                )
            )
            return heads
        head.kicker = (_join_wrapped(printed[0]), blocks_spans(printed[0]))
        return [b for line in printed[1:] for b in line]
    if not credited or len(printed) != 2:
        return heads
    stacked = stacked_apart(printed[0][-1], printed[1][0])
    upper, lower = visible_len(_join_wrapped(printed[0])), visible_len(_join_wrapped(printed[1]))
    if upper < _MIN_KICKER and not stacked and not upper <= _SHORT_OVER_LONG * lower:
        # (a wrap fills its first line: a line far shorter than the one under it was set over it)
        return heads
    if not stacked and lower <= _SHORT_OVER_LONG * upper:
        # a headline is the main line, never half as long as its kicker: this is a wrap's remainder
        return heads
    head.kicker = (_join_wrapped(printed[0]), blocks_spans(printed[0]))
    if stacked:
        return printed[1]  # the layout shows a line over the headline, not two phrases side by side
    head.flags.append(
        Flag(
            "uncertain_join",
            f"two headline lines read as kicker {head.kicker[0]!r} over the headline; "
            "check they are not one headline of two phrases printed side by side",
            span_of(head.kicker[1]),
        )
    )
    return printed[1]


def two_phrase_headline(upper: str, lower: str) -> bool:
    """Whether two headline lines, each printed as a line of its own, read as one headline of two phrases
    side by side rather than a kicker over its headline: a kicker is set shorter than the headline under it,
    unless the headline is whole in itself (``科室：标题``, or two phrases already), and neither line ends in
    a colon.

    >>> two_phrase_headline("远程会诊中心投入使用", "乡镇患者不出村看专家"), two_phrase_headline("出院不是终点", "延续护理让患者安心回家")
    (True, False)
    >>> two_phrase_headline("一年帮助300余名患者恢复行走能力", "康复医学科：让患者重新站起来")
    False
    """
    if ends_with_colon(upper) or _HAS_COLON.search(lower) or _SPACE.search(lower.strip()):
        return False
    return visible_len(upper) >= visible_len(lower)


def printed_lines(heads: Sequence[Block]) -> list[list[Block]]:
    """Headline lines grouped into the lines printed on the page: a line wrapped at the column runs on.

    A break is a wrap when a lexicon word spans it (``聚焦基层卫⏎生人才培养``),
    when a quote or bracket opened on the line is closed on the next
    (``世界献血者⏎日”主题活动``), or when the line ends in a word that needs a
    complement. OCR sets wrapped lines apart by blank lines as often as not,
    so the blank line itself says nothing. Pieces the column reader cut from
    one line of the dump (two phrases side by side) are one printed line, and
    so are the lines of a centred block that a layout-keeping dump prints
    right under each other (see :func:`centred_under`).
    """
    printed = [[heads[0]]]
    for b in heads[1:]:
        a = printed[-1][-1]
        if _same_source_line(a, b) or centred_under(a, b) or _wraps_into(a.text, b.text, stacked=stacked_apart(a, b)):
            printed[-1].append(b)
        else:
            printed.append([b])
    return printed


def _wraps_into(left: str, right: str, *, stacked: bool = False) -> bool:
    """True if headline line ``left`` runs on into ``right``: a lexicon word spans the break, a quote opened
    on ``left`` is closed on ``right``, ``right`` opens with a word that needs a head, or ``left`` ends in a
    word that needs a complement. That last cue leans on the lexicon's one tag per word (终点 is tagged an
    adverb), so it gives way where the layout shows two lines ``stacked`` (see :func:`stacked_apart`)."""
    left, right = left.strip(), right.strip()
    if crossing_word(left, right) or starts_dangling(right) or _open_quotes(left) > 0:
        return True
    if wrap_remainder(left, right):
        return True
    return dangling_end(left) and not stacked


_REMAINDER = 3  # visible characters: a headline line this short under a full one is the rest of its wrap


def wrap_remainder(upper: str, lower: str) -> bool:
    """True if headline line ``lower`` is the last characters of ``upper`` wrapped (``…组建紧密型医⏎共体``).

    No headline or phrase of its own is one to three characters long under a
    line three times as long: a label over a story stands above it, not under
    a headline, and a short phrase printed beside another (``急急急``) comes first.
    """
    short, full = visible_len(lower.strip()), visible_len(upper.strip())
    return 0 < short <= _REMAINDER and full >= 3 * short and not ends_sentence(upper)


_SET_IN = 6  # cells a centred line is set in from the margin, at least (as in roles.py)


def stacked_apart(upper: Block, lower: Block) -> bool:
    """True if the layout shows ``lower`` printed under ``upper`` as a line of its own (a kicker over a headline).

    A layout-keeping dump (``pdftotext -layout``) prints a wrapped headline's
    lines at its own line pitch, with no blank line between, and the two
    phrases of one headline line side by side; two centred lines, each set in
    from the margin, whose extents overlap and that are set apart (a blank
    line, or the column reader's mark on the line under a centred one), are
    two lines stacked on the page. A dump without positions (OCR, plain text)
    has its lines at the margin and never shows this.
    """
    top, bottom = int(upper.hints.get("indent", 0)), int(lower.hints.get("indent", 0))
    return (
        int(lower.hints.get("blank_before", 0)) >= 1
        and min(top, bottom) >= _SET_IN
        and bottom < int(upper.hints.get("width", 0))
        and top < int(lower.hints.get("width", 0))
    )


def centred_under(upper: Block, lower: Block) -> bool:
    """True if a layout-keeping dump prints ``lower`` centred under ``upper``, right below it.

    A headline wrapped in a centred block (``我院开展“三八”妇女节⏎  义诊活动``)
    shows it: its second line is set in from the first and shares its centre.
    A column label sits at the column's start. A dump without positions gives
    every line indent 0 and never shows this.
    """
    if "width" not in upper.hints or "width" not in lower.hints or int(lower.hints.get("blank_before", 0)):
        return False
    top, bottom = int(upper.hints.get("indent", 0)), int(lower.hints.get("indent", 0))
    top_end, bottom_end = int(upper.hints["width"]), int(lower.hints["width"])
    return top < bottom and bottom_end < top_end and abs((top + top_end) - (bottom + bottom_end)) <= 2


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


def unbold(b: Block, ctx: BuildContext) -> Block:
    """A headline line without the Markdown bold around it (``**标题**``): emphasis is a hint, not text."""
    t = b.text.strip()
    m = _BOLD.match(t)
    if not m or "**" in m.group(1):
        return b
    ctx.changes.append(Change(NAME, span_of(b.spans), t, m.group(1), "Markdown bold around a headline line"))
    return replace(b, text=m.group(1))


_INLINE_BOLD = regex.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*")


def _unbold_inside(b: Block, ctx: BuildContext) -> Block:
    """A subtitle, byline or label line without Markdown bold inside it (pymupdf4llm's ``— **—** 三年…``).

    Emphasis is a hint, not text.
    """
    if "**" not in b.text:
        return b
    t = b.text.strip()
    text = _INLINE_BOLD.sub(r"\1", t)
    if text == t:
        return b
    ctx.changes.append(Change(NAME, span_of(b.spans), t, text, "Markdown bold inside a subtitle, byline or label line"))
    return replace(b, text=text)


def join_lines(blocks: Sequence[Block], ctx: BuildContext) -> str:
    """Headline lines: wrapped lines join without a space, stacked phrases with one."""
    text = blocks[0].text.strip()
    for prev, b in zip(blocks, blocks[1:]):
        wrapped = (
            (ctx.style == "fixed" and b.hints.get("blank_before", 1) == 0)
            or centred_under(prev, b)
            or (not prev.hints.get("md_level") and not b.hints.get("md_level") and _wraps_into(prev.text, b.text))
        )
        text = join_text(text, b.text, "" if wrapped else " ")
    return text


def join_lines_spaced(blocks: Sequence[Block]) -> str:
    """Lines joined with a space between each two."""
    text = blocks[0].text.strip()
    for b in blocks[1:]:
        text = join_text(text, b.text, " ")
    return text
