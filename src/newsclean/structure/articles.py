"""Build articles: read headline groups and body lines the way an editor reads the page.

Lines get roles (:mod:`newsclean.structure.roles`) and are grouped into head
groups and body lines (:mod:`newsclean.structure.head_groups`); a head group
is read into headline fields (:mod:`newsclean.structure.head`). A head group
either opens an article or, inside one, is a subhead (``heading`` block).
The evidence:

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
after a wide gap starts a new untitled story. Headlines printed *after* their
bodies are attached to the body before them: where every head group carries
a speaker line and the last one closes the text, here; single late headlines
by the story they name (:mod:`newsclean.structure.late_titles`). Body lines
are typed in :mod:`newsclean.structure.body`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

import regex

from newsclean.model import Article, Block, Change, Document, Flag, Furniture, Span, span_of
from newsclean.perf import gc_paused
from newsclean.registry import cleaner
from newsclean.structure.body import body_block, broken_off, in_note_after, join_across_byline
from newsclean.structure.build_context import NAME, BuildContext, blocks_spans
from newsclean.structure.cues import ends_sentence, ends_with_colon, ends_with_credit, is_news_lead, ocr_dash_lead
from newsclean.structure.dump_style import dump_style
from newsclean.structure.head import Head, join_lines_spaced, read_head, unbold
from newsclean.structure.head_groups import Item, group_lines, has_role, is_strong
from newsclean.structure.inline import split_inline_heads
from newsclean.structure.late_titles import claim_late_titles
from newsclean.structure.roles import classify_lines

_MID_COLON = regex.compile(r"^[^：:]{2,}[：:][^：:]{2,}$")


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
        return _build_articles(doc)


def _build_articles(doc: Document) -> Document:
    if any(any(a.head().values()) for a in doc.articles) or any(b.hints.get("built") for b in doc.blocks()):
        return doc
    blocks = [b for a in doc.articles for b in a.blocks]
    if not blocks:
        return doc
    style, width = dump_style(blocks)
    blocks, split_changes = split_inline_heads(blocks)
    roles = classify_lines(blocks, style, width)
    ctx = BuildContext(split_changes, list(doc.furniture), style)
    md_doc = any(b.hints.get("md_level") for b in blocks)
    items = group_lines(blocks, roles, md_doc)
    if not md_doc:
        items = claim_late_titles(items, blocks, roles, ctx)
    if _heads_trail(items, roles):
        articles = _build_trailing(items, blocks, roles, ctx)
    else:
        articles = _LeadingBuilder(items, blocks, roles, ctx, md_doc).build()
    ctx.furniture.sort(key=lambda f: f.spans[0].start if f.spans else -1)
    return replace(doc, articles=tuple(articles), furniture=tuple(ctx.furniture)).with_changes(ctx.changes)


def _heads_trail(items: Sequence[Item], roles: Sequence[str]) -> bool:
    """True if every story's head group follows its body: the text opens with body lines, a byline group closes it."""
    return (
        len(items) >= 2
        and items[-1][0] == "head"
        and has_role(items[-1][1], roles, "byline")
        and next((kind for kind, g in items if not all(roles[k] == "section" for k in g)), None) == "body"
        and sum(1 for kind, g in items if kind == "head" and has_role(g, roles, "byline")) >= 2
    )


def _build_trailing(
    items: Sequence[Item], blocks: Sequence[Block], roles: Sequence[str], ctx: BuildContext
) -> list[Article]:
    """Headlines and speaker lines printed after their bodies claim the text before them."""
    articles: list[Article] = []
    run: list[Block] = []
    leading: Article | None = None
    leading_blocks: list[Block] = []
    in_note = False
    for kind, group in items:
        if kind == "head":
            head = read_head([blocks[k] for k in group], [roles[k] for k in group], ctx)
            # labels stacked over this one whose stories are elsewhere stay content, each an empty item
            articles.extend(Head(section=label).article() for label in head.labels)
            if leading is not None:
                articles.append(replace(leading, blocks=tuple(leading_blocks)))
                leading, leading_blocks = None, []
            if head.byline is not None:
                articles.append(head.article(run))
            else:
                if run:
                    articles.append(Head().article(run))
                leading = head.article()
            run = []
            in_note = False
            continue
        b = blocks[group[0]]
        in_note = in_note_after(b, in_note)
        block = body_block(b, roles[group[0]], in_note)
        if leading is not None and in_note:
            leading_blocks.append(block)
        else:
            run.append(block)
    if leading is not None:
        articles.append(replace(leading, blocks=tuple(leading_blocks)))
    if run:
        articles.append(Head().article(run))
    return articles


class _WaitingTitle(NamedTuple):
    """The second module's headline read with the first module's head (see ``_second_module_title``)."""

    title: tuple[str, tuple[Span, ...]]
    owner: int  # where the first module's story stands in ``articles`` once flushed
    flag: Flag  # the flag set on it for the reading, taken off if the headline goes back to it
    kept: tuple[Flag, ...]  # the kicker reading's flags, put back then


class _LeadingBuilder:
    """Articles opened by their head groups: one pass over the items, the article being built kept open."""

    def __init__(
        self, items: Sequence[Item], blocks: Sequence[Block], roles: Sequence[str], ctx: BuildContext, md_doc: bool
    ) -> None:
        self.items, self.blocks, self.roles, self.ctx, self.md_doc = items, blocks, roles, ctx, md_doc
        self.bare_are_subheads = _bare_groups_are_subheads(items, blocks, roles)
        self.articles: list[Article] = []
        self.current: Article | None = None
        self.cur_blocks: list[Block] = []
        self.pending_section: tuple[str, tuple[Span, ...]] | None = None
        # labels stacked with the pending one (a row of modules' labels read one after the other): the next
        # stories without a label of their own take them in order
        self.later_sections: list[tuple[str, tuple[Span, ...]]] = []
        # the headline of the second of two modules side by side, read with the first one's head: it opens
        # the story at that module's byline (see _second_module_title)
        self.waiting: _WaitingTitle | None = None
        self.prev_kind: str | None = None
        self.prev_body: Block | None = None
        self.prev_role: str | None = None
        self.in_note = False
        self.resume: Block | None = None  # a paragraph cut by a byline read mid-sentence: the next body line goes on

    def build(self) -> list[Article]:
        """The articles, in the order of the text."""
        for pos, (kind, group) in enumerate(self.items):
            if kind == "head":
                self._head_group(group, self.items[pos + 1] if pos + 1 < len(self.items) else None)
                self.prev_kind = "head"
            else:
                self._body_line(self.blocks[group[0]], self.roles[group[0]])
        self._flush()
        self._restore_next_title()
        # a column label with nothing under it stays content, as an empty item of that section
        self._drop_waiting_labels()
        return self.articles

    def _restore_next_title(self) -> None:
        """A second module's headline that no byline claimed was the first story's headline under its kicker."""
        waiting, self.waiting = self.waiting, None
        if waiting is None or waiting.owner >= len(self.articles):
            return
        owner = self.articles[waiting.owner]
        if owner.title is None:
            return
        spans = {**owner.field_spans, "kicker": owner.field_spans.get("title", ()), "title": waiting.title[1]}
        self.articles[waiting.owner] = replace(
            owner,
            kicker=owner.title,
            title=waiting.title[0],
            field_spans=spans,
            flags=tuple(f for f in owner.flags if f != waiting.flag) + waiting.kept,
        )

    def _drop_waiting_labels(self) -> None:
        """Labels no story took stay content, each as an empty item of its section."""
        for label in [self.pending_section, *self.later_sections]:
            if label is not None:
                self.articles.append(Head(section=label).article())
        self.pending_section, self.later_sections = None, []

    def _take_pending_section(self) -> tuple[str, tuple[Span, ...]] | None:
        """The label waiting for the next story; the one stacked after it waits next."""
        label = self.pending_section
        self.pending_section = self.later_sections.pop(0) if self.later_sections else None
        return label

    def _flush(self) -> None:
        if self.current is not None:
            self.articles.append(replace(self.current, blocks=tuple(self.cur_blocks)))
        self.current, self.cur_blocks = None, []

    def _open_untitled(self) -> None:
        """Open an article without a headline (under the pending section label) if none is open."""
        if self.current is None:
            self.current = Head(section=self._take_pending_section()).article()

    def _head_group(self, group: list[int], nxt: Item | None) -> None:
        gblocks = [self.blocks[k] for k in group]
        groles = [self.roles[k] for k in group]
        if all(r == "section" for r in groles):
            self._section_labels(gblocks, groles)
        elif (
            all(r == "byline" for r in groles)
            and self.prev_kind == "body"
            and self.current is not None
            and self.cur_blocks
        ):
            self._lone_byline(read_head(gblocks, groles, self.ctx), nxt)
        elif self._late_subtitle(gblocks, groles):
            self._subhead(gblocks[:-1])
            self._claim_subtitle(gblocks[-1])
        elif self._opens_article(group):
            self._headline(group, gblocks, groles, nxt)
        else:
            self._subhead(gblocks)

    def _late_subtitle(self, gblocks: Sequence[Block], groles: Sequence[str]) -> bool:
        """True if a subhead has the open story's subtitle under it, read there by OCR.

        OCR reads a subtitle set beside its headline late where the page is
        read block by block: it then comes under a subhead inside the story.
        The dash as OCR reads it (``一 ``) tells an OCR dump; the story has a
        headline but no subtitle, and is not closed by a credit.
        """
        story = self.current
        return (
            story is not None
            and story.title is not None
            and story.subtitle is None
            and bool(self.cur_blocks)
            and self.prev_kind == "body"
            and self.prev_role != "signoff"
            and not (self.prev_body is not None and ends_with_credit(self.prev_body.text))
            and len(groles) >= 2
            and groles[-1] == "subtitle"
            and all(r == "head" for r in groles[:-1])
            and ocr_dash_lead(gblocks[-1].text)
        )

    def _claim_subtitle(self, line: Block) -> None:
        """Give the open story its subtitle, read late (logged as a move, flagged ``reassembled``)."""
        head = read_head([line], ["subtitle"], self.ctx)
        text, spans = head.subtitle
        where = span_of(line.spans)
        note = f"subtitle {text!r} read under a subhead inside its story: moved to the headline"
        self.current = replace(
            self.current,
            subtitle=text,
            field_spans={**self.current.field_spans, "subtitle": spans},
            flags=self.current.flags + (Flag("reassembled", note, where),),
        )
        self.ctx.changes.append(Change(NAME, where, "", "", "subtitle read late moved to its story's headline"))

    def _section_labels(self, gblocks: Sequence[Block], groles: Sequence[str]) -> None:
        """Column labels on their own: the last one heads the next story."""
        self._flush()
        for b, r in zip(gblocks, groles):
            label = read_head([b], [r], self.ctx).section
            if self.pending_section is None:
                self.pending_section = label
            elif label is not None:
                # two labels in a row: the labels of modules side by side, read one after the other
                self.later_sections.append(label)

    def _lone_byline(self, head: Head, nxt: Item | None) -> None:
        """A byline after body text: a photo's credit, the story's byline, a signoff, or the next module's byline."""
        if self.waiting is not None and self.current is not None and self.current.byline is not None:
            # the second module's byline, after the first module's text: its story starts here
            self._flush()
            title, self.waiting = self.waiting.title, None
            self.current = Head(
                section=self._take_pending_section(), title=title, byline=head.byline, flags=list(head.flags)
            ).article()
            return
        last = self.cur_blocks[-1]
        if int(last.hints.get("blank_before", 0)) >= 2 or len(self.cur_blocks) == 1 and self.current.title is None:
            self.cur_blocks.pop()
            self._flush()
            self.current = Head(byline=head.byline).article()
            self.cur_blocks = [replace(last, type="caption")]
            self._flush()
        elif self.current.byline is None:
            self.current = replace(
                self.current,
                byline=head.byline[0],
                field_spans={**self.current.field_spans, "byline": head.byline[1]},
            )
            # a byline printed across the columns, read where the first column's text broke off
            self.resume = last if broken_off(last, nxt, self.blocks, self.roles, self.ctx) else None
        else:
            self.cur_blocks.append(Block("signoff", head.byline[0], head.byline[1], hints={"built": True}))

    def _headline(self, group: list[int], gblocks: Sequence[Block], groles: Sequence[str], nxt: Item | None) -> None:
        """A head group that opens an article, or a slogan banner where no body follows it."""
        mark = len(self.ctx.changes)
        head = read_head(gblocks, groles, self.ctx)
        for b in head.banners:
            self.ctx.furniture.append(Furniture("other", b.text.strip(), b.spans))
        if self._is_banner(head, group, nxt):
            del self.ctx.changes[mark:]  # the banner's lines go to the furniture as printed: no repair
            moved = {b.spans for b in head.banners}  # (read as slogan banners above: already there)
            for k in group:
                if self.roles[k] == "head" and self.blocks[k].spans not in moved:
                    self.ctx.furniture.append(Furniture("other", self.blocks[k].text.strip(), self.blocks[k].spans))
            return
        if self._headline_under_kicker(head, nxt):
            return
        self._flush()
        # the second module's headline waits for the next byline only until the next story opens
        self._restore_next_title()
        if head.labels and head.section is not None:
            # labels stacked over one headline: the labels of modules side by side, read one after the
            # other; the first heads this story, the others wait for the next stories without one
            stacked = [*head.labels, head.section]
            if self.pending_section is not None:
                stacked.insert(0, self._take_pending_section())
            head = replace(head, section=stacked[0], labels=[])
            self._drop_waiting_labels()
            self.later_sections = stacked[1:]
            self.pending_section = self.later_sections.pop(0)
            head = self._second_module_title(head)
        elif head.section is None and self.pending_section is not None:
            head.section = self._take_pending_section()
        elif self.pending_section is not None:
            # a label over a headline that has a label of its own: the waiting ones' stories are elsewhere
            self._drop_waiting_labels()
        self.current = head.article()
        self.in_note = False

    def _headline_under_kicker(self, head: Head, nxt: Item | None) -> bool:
        """A headline and byline read where the first column of a story headed only by its kicker broke off.

        OCR reads a story's kicker (``夜班护士的一天：``), its first column,
        then the headline and byline set beside it, then the second column,
        which goes on mid-sentence: the headline is that story's, under its
        kicker, and the paragraph goes on across it.
        """
        cur = self.current
        if cur is None or not self.cur_blocks or cur.kicker is not None or cur.byline is not None:
            return False
        if cur.title is None or not ends_with_colon(cur.title):
            return False
        if head.title is None or head.byline is None or head.kicker or head.section or head.labels or head.subtitle:
            return False
        last = self.cur_blocks[-1]
        if not broken_off(last, nxt, self.blocks, self.roles, self.ctx):
            return False
        spans = dict(cur.field_spans)
        spans["kicker"] = spans.pop("title", ())
        spans["title"], spans["byline"] = head.title[1], head.byline[1]
        self.current = replace(
            cur,
            kicker=cur.title,
            title=head.title[0],
            byline=head.byline[0],
            field_spans=spans,
            flags=cur.flags + tuple(f for f in head.flags if f not in cur.flags),
        )
        self.ctx.changes.append(
            Change(
                NAME,
                span_of(head.title[1]),
                "",
                "",
                "headline read after its story's first column moved under its kicker",
            )
        )
        self.resume = last
        return True

    def _second_module_title(self, head: Head) -> Head:
        """Under stacked labels, a kicker and headline read from two printed lines are the two modules' headlines.

        pdftotext reads a row of two modules' heads across the page: both
        labels, then both headlines, then the first module's subtitle and
        byline. The second headline waits for the second module's byline
        (see :meth:`_lone_byline`); if none comes, it is this story's
        headline under its kicker after all (:meth:`_restore_next_title`).
        """
        if head.kicker is None or head.title is None or ends_with_colon(head.kicker[0]) or head.byline is None:
            return head
        note = (
            f"two headlines under two column labels read as two modules' headlines: {head.kicker[0]!r} "
            f"over this story, {head.title[0]!r} over the next one"
        )
        flag = Flag("reassembled", note, span_of((*head.kicker[1], *head.title[1])))
        kept = tuple(f for f in head.flags if f.kind == "uncertain_join")
        # (this story goes to ``articles`` at the next flush: nothing is appended before it)
        self.waiting = _WaitingTitle(head.title, len(self.articles), flag, kept)
        flags = [f for f in head.flags if f.kind != "uncertain_join"] + [flag]
        return replace(head, title=head.kicker, kicker=None, flags=flags)

    def _is_banner(self, head: Head, group: Sequence[int], nxt: Item | None) -> bool:
        """True if a bare headline has no body of its own: a slogan banner."""
        if not (nxt is None or nxt[0] == "head" and not all(self.roles[k] == "byline" for k in nxt[1])):
            return False
        return bool(
            head.title
            and not head.byline
            and not head.subtitle
            and not head.section
            and not head.kicker
            and not any(self.blocks[k].hints.get("md_level") for k in group)
        )

    def _subhead(self, gblocks: Sequence[Block]) -> None:
        text = join_lines_spaced([unbold(b, self.ctx) for b in gblocks])
        self._open_untitled()
        flags = tuple(f for b in gblocks for f in b.flags)
        self.cur_blocks.append(Block("heading", text, blocks_spans(gblocks), flags, hints={"built": True}))
        self.in_note = False

    def _opens_article(self, group: list[int]) -> bool:
        """True if head group ``group`` opens an article rather than being a subhead (see the module docstring)."""
        blocks, roles = self.blocks, self.roles
        heads = [blocks[k] for k in group if roles[k] == "head"]
        if is_strong(group, blocks, roles):
            return True
        levels = [int(b.hints["md_level"]) for b in heads if b.hints.get("md_level")]
        if levels:
            return min(levels) <= 2
        at_start = self.current is None
        if self.md_doc:
            return at_start
        if at_start or blocks[group[0]].hints.get("after_furniture"):
            return True
        if self.prev_role == "signoff" or (self.prev_body is not None and ends_with_credit(self.prev_body.text)):
            return True
        if len(heads) >= 2 or any(_MID_COLON.match(b.text.strip()) for b in heads):
            return False
        return not self.bare_are_subheads

    def _body_line(self, b: Block, role: str) -> None:
        if self.resume is not None and self.cur_blocks and self.cur_blocks[-1] is self.resume:
            self.cur_blocks[-1] = join_across_byline(self.resume, b, self.ctx)
        elif self._starts_new_item(b, role):
            self._next_item()
            self._add_body_line(b, role)
        else:
            self._open_untitled()
            self._add_body_line(b, role)
        self.resume = None
        self.prev_kind, self.prev_body, self.prev_role = "body", b, role

    def _starts_new_item(self, b: Block, role: str) -> bool:
        """True if body line ``b`` opens a new untitled item: after a signoff, or a news lead after a wide gap."""
        if self.current is None or not self.cur_blocks or self.prev_kind != "body":
            return False
        if self.prev_role == "signoff" and role != "signoff":
            return True
        return (
            int(b.hints.get("blank_before", 0)) >= 2
            and self.prev_body is not None
            and ends_sentence(self.prev_body.text)
            and is_news_lead(b.text)
        )

    def _next_item(self) -> None:
        """Close the open article and open an untitled one under the same section label."""
        section = None
        if self.current.title is None and self.current.section is not None:
            section = (self.current.section, ())
            self.ctx.changes.append(
                Change(NAME, None, "", self.current.section, "section label repeated for the next item under it")
            )
        self._flush()
        self.current = Head(section=section).article()

    def _add_body_line(self, b: Block, role: str) -> None:
        if role == "signoff" and not self.cur_blocks and _open_story_before(self.articles):
            # a credit printed under the last column of the story before, read after this story's headline
            last = self.articles[-1]
            self.articles[-1] = replace(last, blocks=last.blocks + (body_block(b, role, False),))
            self.ctx.changes.append(
                Change(NAME, span_of(b.spans), "", "", "signoff read after the next headline goes to the story before")
            )
            return
        self.in_note = in_note_after(b, self.in_note)
        self.cur_blocks.append(body_block(b, role, self.in_note))


def _bare_groups_are_subheads(items: Sequence[Item], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    """The page's convention: True if most of the certain headlines carry bylines or subtitles."""
    strong = [g for kind, g in items if kind == "head" and is_strong(g, blocks, roles)]
    with_credit = sum(1 for g in strong if any(roles[k] in ("byline", "subtitle") for k in g))
    return bool(strong) and with_credit * 2 >= len(strong)


def _open_story_before(articles: Sequence[Article]) -> bool:
    """True if the last story built has a body that does not end with a signoff yet."""
    return bool(articles) and bool(articles[-1].blocks) and articles[-1].blocks[-1].type != "signoff"
