"""Line roles: what each raw line is before articles are built.

A role is read from the line's shape and from its neighbours, the way an
editor scans a dump: ``para`` (body text), ``head`` (headline, kicker or
subhead), ``subtitle`` (a dash-led line under a headline), ``byline``,
``section`` (a column label), ``signoff`` (a credit on its own line).

The dump's style matters: Markdown-like dumps print one paragraph per line
with blank lines between (and blank lines mid-sentence where a column
broke); fixed-width dumps wrap every line at the column width.
:func:`~newsclean.structure.dump_style.dump_style` tells them apart and
estimates the column width.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from newsclean.model import Block
from newsclean.structure.cues import (
    OPENERS,
    dangling_end,
    dash_lead,
    ends_continuing,
    ends_sentence,
    is_byline,
    is_caption,
    is_headline_like,
    is_news_lead,
    is_report_tail,
    is_reporter_byline,
    is_short_label,
    is_signoff,
    section_label,
    starts_dangling,
    stray_closer_lead,
    visible_len,
)
from newsclean.structure.dump_style import column_body_line, column_measure, column_measures, is_set_in, line_width

_COMMA = regex.compile(r"[，,]")
_CLAUSE_MARK = regex.compile(r"[，。、；,;]")
_COLON = regex.compile(r"[：:]")
# a headline of the shape "subject：phrase" (康复医学科：让患者重新站起来), one colon between two phrases
_HEADLINE_COLON = regex.compile(r"\p{Han}{2,}[：:]\s?\p{Han}[^：:]*\p{Han}")
_OPENER_CHARS = "".join(OPENERS)
HEAD_ROLES = frozenset({"head", "subtitle", "byline", "section"})


def is_lone_opener(text: str) -> bool:
    """A line holding only an opening quote or bracket."""
    t = text.strip()
    return bool(t) and not t.strip(_OPENER_CHARS)


def classify_lines(blocks: Sequence[Block], style: str, width: int = 0) -> list[str]:
    """The role of every line block (see the module docstring).

    >>> from newsclean.readers import segment_lines
    >>> doc = segment_lines("# 标题\\n\\n■ 张三 李四\\n\\n正文开始,\\n\\n接着写完。\\n\\n（宣传科）")
    >>> classify_lines(list(doc.blocks()), "lines")
    ['head', 'byline', 'para', 'para', 'signoff']
    """
    reader = _LineReader(blocks, style, width)
    for i in range(len(blocks)):
        reader.roles.append(reader.role_of(i))
    roles = reader.roles
    _demote_labels_inside_text(blocks, roles)
    _mark_column_labels(blocks, roles)
    # (a Markdown dump marks its headlines: there an unmarked one with a comma must read as two phrases)
    _demote_comma_heads(blocks, roles, series=not any(b.hints.get("md_level") for b in blocks))
    return roles


class _LineReader:
    """Roles read line by line, each from the line's shape and the lines around it (the roles so far)."""

    def __init__(self, blocks: Sequence[Block], style: str, width: int) -> None:
        self.blocks, self.style, self.width = blocks, style, width
        self.roles: list[str] = []
        self.forced = head_clusters(blocks) if style == "fixed" else frozenset()
        self.measures = column_measures(blocks) if style == "lines" else []

    def role_of(self, i: int) -> str:
        """The role of line ``i``, the roles of the lines before it read."""
        b = self.blocks[i]
        given = b.hints.get("role")
        if given:
            return given
        t = b.text.strip()
        if i in self.forced:
            return _shape_role(t) or "head"
        if len(t) > 64 and visible_len(t) > 60 and not b.hints.get("md_level"):
            return "para"  # longer than any signoff, label, byline, subtitle or headline shape: body text
        prev_role = self.roles[i - 1] if i else None
        prev = self.blocks[i - 1] if i else None
        fresh = prev is None or b.hints.get("after_furniture")
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if is_lone_opener(t):
            return "para"
        if is_signoff(t):
            return "signoff"
        if section_label(t):
            return "section"
        if is_byline(t) and (
            fresh
            or prev_role in HEAD_ROLES
            or ends_sentence(prev.text)
            or self.style == "lines"
            or _set_apart(prev, b, nxt)
        ):
            return "byline"
        if prev_role == "byline" and is_report_tail(t):
            return "byline"
        if (prev_role == "head" or b.hints.get("md_level")) and _is_subtitle_line(t):
            return "subtitle"
        if b.hints.get("md_level"):
            # (a photo caption set in bold type is marked a heading by a Markdown converter: it is a caption)
            return "para" if is_caption(t) else "head"
        if is_headline_like(t) or stray_closer_lead(t) and (fresh or ends_sentence(prev.text)):
            return "head" if self._stays_head(b, prev, prev_role, nxt, bool(fresh)) else "para"
        return "para"

    def _stays_head(self, b: Block, prev: Block | None, prev_role: str | None, nxt: Block | None, fresh: bool) -> bool:
        """False if headline-shaped line ``b`` is body text by its width or by the lines around it."""
        style, width = self.style, self.width
        if (
            style == "fixed"
            and _fills_column(b, width)
            and not _alone_after_credit(b, prev_role, nxt)
            and not _alone_at_story_start(b, prev, fresh, nxt)
        ):
            return False
        if style == "fixed" and nxt is not None and _runs_on_into(nxt, width):
            return False
        if not fresh and prev_role == "para" and prev is not None and _goes_on_from(prev, style):
            if not (style == "fixed" and _cut_off_before(prev, b, width)):
                return False
        if style == "lines" and nxt is not None and _wraps_line_by_line(nxt):
            return False  # a narrow column wrapped line by line, not a headline
        if style == "lines" and column_body_line(b, self.measures):
            return False
        # (a dash starts no sentence, but it starts a subtitle: under a section label or at a story's start)
        opens_cluster = fresh or prev_role in HEAD_ROLES
        return not (
            nxt is not None and starts_dangling(nxt.text) and not (opens_cluster and _is_subtitle_line(nxt.text))
        )


def _is_subtitle_line(text: str) -> bool:
    """True if ``text`` is shaped like a subtitle: a dash lead (which no sentence starts with) and a headline."""
    t = text.strip()
    return bool(dash_lead(t)) and is_headline_like(t.lstrip("—一-─－"), max_len=48)


def _fills_column(b: Block, width: int) -> bool:
    """True if ``b`` is as wide as its column and not centred in it: a wrapped body line."""
    width = column_measure(b, width)
    return (
        bool(width)
        and width - 6 <= line_width(b) <= width + 8
        and not b.hints.get("md_level")
        and not is_set_in(b, width)
    )


def _alone_after_credit(b: Block, prev_role: str | None, nxt: Block | None) -> bool:
    """True if ``b`` is a block of one line right after a story's credit line: the next story's headline.

    A story closes with its credit (（护理部）); OCR sets each text block
    apart by a blank line, and a wrapped body line runs on into the next
    line of its block. A headline-shaped line alone between blank lines
    there opens the next story, however near the column's width it comes.
    """
    return (
        prev_role == "signoff"
        and int(b.hints.get("blank_before", 0)) >= 1
        and nxt is not None
        and int(nxt.hints.get("blank_before", 0)) >= 1
    )


def _alone_at_story_start(b: Block, prev: Block | None, fresh: bool, nxt: Block | None) -> bool:
    """True if ``b`` is a block of one line with no clause mark, where no sentence is open: a headline.

    A headline set across columns comes out of OCR as wide as a column line;
    it stands alone between blank lines where the page's text starts, or
    after a sentence end, and holds no clause marks (，、：) as a body line
    of that width does, but for one colon between two phrases
    (``康复医学科：让患者重新站起来``).
    """
    return (
        int(b.hints.get("blank_before", 0)) >= 1
        and nxt is not None
        and int(nxt.hints.get("blank_before", 0)) >= 1
        and not _CLAUSE_MARK.search(b.text)
        and (not _COLON.search(b.text) or _HEADLINE_COLON.fullmatch(b.text.strip()) is not None)
        and (fresh or prev is None or ends_sentence(prev.text))
    )


def _runs_on_into(nxt: Block, width: int) -> bool:
    """True if ``nxt``, the line after a headline-shaped one, follows it with no blank line and is no headline."""
    return (
        nxt.hints.get("blank_before", 1) == 0
        and not is_byline(nxt.text)
        and not (is_headline_like(nxt.text) and line_width(nxt) < column_measure(nxt, width) - 6)
    )


def _cut_off_before(prev: Block, b: Block, width: int) -> bool:
    """True if hard-wrapped body line ``prev`` stops short mid-sentence and a blank line parts it from ``b``.

    A wrap fills its line, and a blank line inside a paragraph comes after a
    full line; a short line left open before a blank line lost its rest (the
    paragraph is cut off), so the headline-shaped line after it is no part of it.
    """
    return (
        int(b.hints.get("blank_before", 0)) >= 1
        and _CLAUSE_MARK.search(prev.text) is not None  # running text (OCR cuts a headline into bits too)
        and not ends_continuing(prev.text)  # (after ，、： the sentence goes on past the blank line)
        and line_width(prev) < column_measure(prev, width) - 6
    )


def _goes_on_from(prev: Block, style: str) -> bool:
    """True if body line ``prev`` goes on into the line after it (no sentence end; or a word that needs more)."""
    if style == "fixed" and not ends_sentence(prev.text):
        return True
    return ends_continuing(prev.text) and not _is_kicker_line(prev.text)


def _wraps_line_by_line(nxt: Block) -> bool:
    """True if ``nxt`` is a short plain line that runs on, as lines of a narrow column wrapped one by one do."""
    return (
        ends_continuing(nxt.text)
        and not nxt.hints.get("md_level")
        and not is_headline_like(nxt.text)
        and len(nxt.text) < 40
    )


def _demote_labels_inside_text(blocks: Sequence[Block], roles: list[str]) -> None:
    """A label-shaped line between a line cut mid-sentence and a sentence's end glued under it is body text.

    OCR garbles the end of a paragraph into short spaced pieces (``…的诊`` /
    ``人 台`` / ``日且刀。``); a column label heads a story, it does not sit
    inside a sentence.
    """
    for i in range(1, len(blocks) - 1):
        if (
            roles[i] == "section"
            and not blocks[i].hints.get("role")
            and roles[i - 1] == "para"
            and not ends_sentence(blocks[i - 1].text)
            and int(blocks[i + 1].hints.get("blank_before", 0)) == 0
            and ends_sentence(blocks[i + 1].text)
        ):
            roles[i] = "para"


def _mark_column_labels(blocks: Sequence[Block], roles: list[str]) -> None:
    """An unspaced column label (要闻, 医患故事) directly over a headline, subtitle or byline becomes ``section``;
    so do labels stacked over it (简讯 then 名医风采: the labels of modules side by side, read one after the
    other, which the article builder gives to the next stories in order)."""
    i = 0
    while i < len(blocks) - 1:
        j = i
        while j < len(blocks) - 1 and _label_shaped(blocks[j], roles[j]):
            j += 1
        if (
            j > i
            and roles[j] == "head"
            and not is_short_label(blocks[j].text.strip("*# "))
            and (i == 0 or roles[i - 1] not in ("head", "section") or blocks[i].hints.get("after_furniture"))
            and _credits_below(roles, j)
        ):
            roles[i:j] = ["section"] * (j - i)
        i = j + 1 if j > i else i + 1


def _label_shaped(b: Block, role: str) -> bool:
    """A headline-role line shaped as an unspaced column label, not marked as a top-level Markdown heading."""
    return (
        role == "head"
        and not b.hints.get("role")
        and is_short_label(b.text.strip("*# "))
        and not 0 < int(b.hints.get("md_level") or 0) <= 2
    )


def _demote_comma_heads(blocks: Sequence[Block], roles: list[str], series: bool = True) -> None:
    """Headlines with a comma become body text unless they read as two balanced phrases and, where ``series``,
    the page shows a series of such ones.

    In a plain dump a comma inside a "headline" is more often a cut-off
    sentence: such lines stay headlines only when the page shows a series of
    them. In a Markdown dump only the lines no ``#`` marks are judged, one by one.
    """
    comma = [
        i
        for i, r in enumerate(roles)
        if r == "head"
        and not blocks[i].hints.get("role")
        and not (not series and blocks[i].hints.get("md_level"))
        and any(c in blocks[i].text for c in "，,")
    ]
    good = [i for i in comma if _balanced_comma_head(blocks[i].text)]
    for i in comma:
        if (series and len(good) < 2) or i not in good:
            roles[i] = "para"


def _set_apart(prev: Block | None, b: Block, nxt: Block | None) -> bool:
    """A reporter's byline set off by a blank line (above or below it), read in mid-sentence of body text.

    A byline printed across the columns, under a headline that spans them,
    comes out of OCR where the first column's text stops. The line before it
    is body text (clause marks inside): a headline's lines above a byline are
    its cluster's, read by the other rules.
    """
    return (
        prev is not None
        and nxt is not None
        and (int(b.hints.get("blank_before", 0)) >= 1 or int(nxt.hints.get("blank_before", 0)) >= 1)
        and bool(_CLAUSE_MARK.search(prev.text))
        and is_reporter_byline(b.text)
    )


def _credits_below(roles: Sequence[str], start: int, reach: int = 3) -> bool:
    """True if a byline or subtitle closes the headline lines from ``start`` on (a story's cluster, not a subhead)."""
    for k in range(start, min(len(roles), start + reach)):
        if roles[k] in ("byline", "subtitle"):
            return True
        if roles[k] != "head":
            return False
    return False


def _shape_role(text: str) -> str | None:
    """The head role a line has by its shape alone (section label, byline, dash-led subtitle, headline)."""
    if is_signoff(text):
        return "signoff"
    if section_label(text):
        return "section"
    if is_byline(text):
        return "byline"
    if dash_lead(text) and is_headline_like(text.lstrip("—一-─－"), max_len=48):
        return "subtitle"
    if is_headline_like(text, max_len=48) or stray_closer_lead(text):
        return "head"
    return None


_MAX_CLUSTER = 7  # lines a headline cluster (label, kicker, headline, subtitle, byline) can span


def head_clusters(blocks: Sequence[Block]) -> frozenset[int]:
    """Lines of a hard-wrapped dump that are headline clusters whatever their width.

    A wrapped column line without punctuation looks like a headline; a long
    headline looks like a full column line. The cue that settles it is the
    cluster: a run of headline-shaped lines that starts where a story ended
    (a sentence end, a signoff, the top of the text or page furniture) and
    either reaches a section label, byline or dash-led subtitle, or runs to
    the end of the text or to page furniture (headlines printed after the
    bodies). A body line cannot be that: it continues into a sentence.

    >>> from newsclean.readers import segment_lines
    >>> text = "他说完了。\\n我院召开2025年医疗质量安全推进会议\\n医患故事\\n■ 张磊 李娜\\n正文开始。"
    >>> sorted(head_clusters(list(segment_lines(text).blocks())))
    [1, 2, 3]
    """
    n = len(blocks)
    shapes = [_shape_role(b.text.strip()) if visible_len(b.text) <= 48 else None for b in blocks]
    forced: set[int] = set()

    def boundary_before(k: int) -> bool:
        if k == 0 or blocks[k].hints.get("after_furniture"):
            return True
        prev = blocks[k - 1].text
        return ends_sentence(prev) or shapes[k - 1] == "signoff"

    def walk_back(end: int) -> int | None:
        start = end
        while (
            start > 0
            and end - start < _MAX_CLUSTER
            and shapes[start - 1] not in (None, "signoff")
            and not blocks[start].hints.get("after_furniture")
        ):
            start -= 1
        while start <= end and not boundary_before(start):
            start += 1  # the cluster cannot start inside a sentence
        return start if start <= end else None

    for s, shape in enumerate(shapes):
        if shape in ("section", "byline", "subtitle"):
            start = walk_back(s)
            if start is not None and start < s:
                forced.update(range(start, s + 1))
            if shape == "section":
                forced.update(_walk_forward(s, blocks, shapes))
        elif shape == "head" and (s + 1 == n or blocks[s + 1].hints.get("after_furniture")):
            # a cluster closing the text or a page: nothing follows it that it could open
            start = walk_back(s)
            if start is not None and not _running_text(blocks[start : s + 1]):
                forced.update(range(start, s + 1))
    return frozenset(forced)


def _running_text(lines: Sequence[Block]) -> bool:
    """Two lines or more of a run with clause marks inside: a paragraph cut off at page furniture, no headlines.

    (OCR can read a page header's date after a column's foot: ``常驻专家每周在卫生院坐诊``
    ``不少于三天，重点帮助建设慢病`` ``管理、康复和急诊急救三个薄弱`` then ``2026年5月15日 星期五``.)
    """
    return sum(1 for b in lines if _CLAUSE_MARK.search(b.text.strip()[:-1])) >= 2


def _walk_forward(s: int, blocks: Sequence[Block], shapes: Sequence[str | None]) -> range:
    """Headline-shaped lines under a section label, each set off from the next line by a blank line.

    A column label opens a headline cluster: a headline as wide as the column
    right under it is not a wrapped body line when a blank line parts it from
    the lead below (a wrapped line runs on into the next line with none).
    """
    n = len(blocks)
    end = s + 1
    while (
        end + 1 < n
        and end - s <= _MAX_CLUSTER
        and shapes[end] in ("head", "subtitle", "byline")
        and not blocks[end].hints.get("after_furniture")
        and not blocks[end + 1].hints.get("after_furniture")
        and not is_news_lead(blocks[end].text)
        and int(blocks[end + 1].hints.get("blank_before", 0)) >= 1
    ):
        end += 1
    return range(s + 1, end)


def _balanced_comma_head(text: str) -> bool:
    """Two phrases of a headline either side of one comma (系统谋划，绘制…); a list (、) is a sentence's."""
    parts = [p for p in _COMMA.split(text.strip()) if p]
    return len(parts) == 2 and all(visible_len(p) >= 4 for p in parts) and not dangling_end(text) and "、" not in text


def _is_kicker_line(text: str) -> bool:
    t = text.strip()
    return bool(t) and t[-1] in "：:" and is_headline_like(t)
