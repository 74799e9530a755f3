"""Reassemble layout fragments and flag what cannot be repaired.

* **Continued stories.** A story whose last paragraph stops mid-sentence is
  continued by a later fragment that the dump printed under another
  headline: the fragment is the first paragraph after that headline and
  either follows a jump line (下转第N版 / 上接第N版), or cannot open a story
  (it starts with a character no sentence starts with, or the cut-off text
  ends in a word that needs a complement, such as an adverb or preposition).
  The fragment, and the paragraphs after it up to the one closed by a credit,
  move back to the story they belong to; the join is flagged ``reassembled``.
* **A headline cut into pieces.** OCR that cuts a page into column-wide
  blocks reads a piece of a headline set across two columns as the headline
  of the next column (``生院组建紧密型医`` of ``我院与五家乡镇卫…共体``):
  it goes back where both its seams make a word, with the column it headed.
* **Headlines stacked over both stories' text.** OCR can read the head of a
  story set beside another story's text before that text: a headline with
  no text, then the next story's headline, then paragraphs that name the
  first headline's words until one names the second's. They move back
  under the first headline (flagged ``reassembled``).
* **A column block printed before the lead.** A story that opens with a
  paragraph that is no lead while a later one is (a dateline), and whose
  last paragraph stops mid-sentence, was read out of column order: that
  first paragraph continues the last one (flagged ``reassembled``). Where
  the blocks' printed heights tell how the converter sorted the story's two
  columns by their tops (:mod:`~newsclean.structure.block_tops`), the blocks
  between are re-read column by column too; so for a paragraph's start
  printed after its story.
* **Interleaved columns.** Where a line break across a wide gap joined the
  lines of two narrow columns (A1 B1 A2 B2), the order A1 A2 B1 B2 is tried;
  it is taken only when the lexicon confirms the new seams and rejects the
  old ones, and the spot is flagged ``interleaved`` either way.
* **Lost text.** A paragraph that still ends mid-sentence is kept as it is
  and flagged ``lost_text``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

import regex

from newsclean.cleaners.base import until_stable
from newsclean.lexicon import segmentation_score, word_freq
from newsclean.model import Block, Change, Document, Flag, Span, merge_spans, span_of
from newsclean.perf import gc_paused
from newsclean.registry import cleaner
from newsclean.structure.block_tops import two_column_order
from newsclean.structure.cues import (
    content_words,
    crossing_word,
    dangling_end,
    ends_sentence,
    ends_with_credit,
    first_word,
    is_news_lead,
    is_signoff,
    join_text,
    starts_dangling,
    subjectless_start,
)
from newsclean.structure.interleave import joins_printed, printed_trigrams

NAME = "reassemble_fragments"
_CONTINUATION_WINDOW = 24  # stories after a cut-off one where its continuation is looked for


def _add_flag(block: Block, flag: Flag) -> Block:
    if any(f.kind == flag.kind for f in block.flags):
        return block
    return replace(block, flags=block.flags + (flag,))


def _unfinished(block: Block) -> bool:
    return block.type == "paragraph" and not ends_sentence(block.text) and not ends_with_credit(block.text)


def _continues(u: Block, p: Block) -> bool:
    if p.type != "paragraph" or is_news_lead(p.text):
        return False
    if u.hints.get("jump_out") and p.hints.get("jump_in"):
        return True
    return starts_dangling(p.text) or dangling_end(u.text) and subjectless_start(p.text)


@cleaner(NAME, family="structure")
def reassemble_fragments(doc: Document, options: Mapping[str, Any]) -> Document:
    """Rejoin stories continued elsewhere, re-order interleaved columns, flag lost text.

    >>> from newsclean.model import Article, Block, Document
    >>> a = Article(title="甲", blocks=(Block("paragraph", "当专业的操作与温柔的抚慰相伴,医疗不再"),))
    >>> b = Article(title="乙", blocks=(Block("paragraph", "是冰冷的技术。"), Block("paragraph", "乙的正文。")))
    >>> out = reassemble_fragments(Document(articles=(a, b)), {})
    >>> [blk.text for blk in out.articles[0].blocks], [blk.text for blk in out.articles[1].blocks]
    (['当专业的操作与温柔的抚慰相伴,医疗不再是冰冷的技术。'], ['乙的正文。'])
    """
    with gc_paused():
        # a fragment moved to an earlier story can leave the next one's rest for a story already passed
        return until_stable(lambda d: _reassemble_fragments(d, options), doc, _MAX_ROUNDS)


_MAX_ROUNDS = 3


def _reassemble_fragments(doc: Document, options: Mapping[str, Any]) -> Document:
    changes: list[Change] = []
    articles = [list(a.blocks) for a in doc.articles]
    heads = list(doc.articles)

    # 1. continued stories: a jump line names its target anywhere after; otherwise the
    # continuation is looked for among the next few stories only (linear in the dump)
    for i in range(len(articles) - 1):
        _headline_piece(articles, heads, i, changes)
    jump_targets = [j for j, blocks in enumerate(articles) if any(b.hints.get("jump_in") for b in blocks)]
    for i in range(len(articles)):
        # a story continued once may stop mid-sentence again and go on further down: repeat until it ends
        while articles[i] and _unfinished(articles[i][-1]) and _continue_story(articles, i, jump_targets, changes):
            pass
    for i in range(len(articles) - 1):
        _stacked_heads(articles, heads, i, changes)
    for i in range(len(articles)):
        _place_orphan(articles, heads, i, changes)
    for i in range(len(articles)):
        _signed_tail(articles, heads, i, changes)
    for i in range(len(articles)):
        _lead_out_of_order(articles, i, changes)

    # 2. interleaved columns, 3. lost text
    for i, blocks in enumerate(articles):
        out: list[Block] = []
        for b in blocks:
            for piece in _untangle(b, changes):
                out.append(piece)
        for m, b in enumerate(out):
            if _unfinished(b):
                out[m] = _add_flag(
                    b,
                    Flag(
                        "lost_text",
                        f"paragraph stops mid-sentence at …{b.text.rstrip()[-8:]}; the rest is not in the dump",
                        span_of(b.spans),
                    ),
                )
        articles[i] = out
    new_articles = tuple(
        replace(a, blocks=tuple(blocks)) for a, blocks in zip(heads, articles) if blocks or any(a.head().values())
    )
    if new_articles == doc.articles and not changes:
        return doc
    return replace(doc, articles=new_articles).with_changes(changes)


def _headline_piece(articles: list[list[Block]], heads: list[Any], i: int, changes: list[Change]) -> bool:
    """A piece of story ``i``'s headline read as the next story's headline goes back into it, and that story too.

    OCR that cuts a page into column-wide blocks cuts a headline set across
    two columns into pieces: ``我院与五家乡镇卫`` and its last line ``共体``
    open column 1, ``生院组建紧密型医`` opens column 2 as a headline of its
    own. The piece goes where both its seams make a word (卫|生院, 医|共体) and
    the seam it opens did not, a word being one of the lexicon's or three
    characters the story's text prints whole; the story it headed is the
    rest of story ``i``'s text (flagged ``reassembled``).
    """
    head, piece = heads[i], heads[i + 1]
    if not head.title or not piece.title or piece.kicker or piece.subtitle or piece.section:
        return False
    if piece.byline and head.byline or not _HEADLINE_PIECE.fullmatch(piece.title):
        return False
    printed = printed_trigrams(b.text for b in articles[i] + articles[i + 1])
    title, cut = head.title, None
    for k in range(1, len(title)):
        if _word_across(title[:k], title[k:], printed):
            continue
        if _word_across(title[:k], piece.title, printed) and _word_across(piece.title, title[k:], printed):
            if cut is not None:
                return False  # two places: no telling
            cut = k
    if cut is None:
        return False
    joined = title[:cut] + piece.title + title[cut:]
    spans = tuple(sorted(head.field_spans.get("title", ()) + piece.field_spans.get("title", ())))
    field_spans = {**head.field_spans, "title": spans}
    if piece.byline:
        field_spans["byline"] = piece.field_spans.get("byline", ())
    heads[i] = replace(
        head,
        title=joined,
        byline=head.byline or piece.byline,
        field_spans=field_spans,
        flags=head.flags + piece.flags,
    )
    heads[i + 1] = replace(piece, title=None, byline=None, field_spans={}, flags=())
    where = span_of(spans)
    note = f"headline piece {piece.title} read as a headline of its own: put back into {joined}"
    changes.append(Change(NAME, where, "", "", note))
    story, moved = articles[i], articles[i + 1]
    if moved and story and _unfinished(story[-1]) and moved[0].type == "paragraph" and not is_news_lead(moved[0].text):
        # the piece headed the story's next column, which goes on from the cut-off foot of the one before
        joined_block = _joined(story[-1], moved[0], note, where, _joined_hints(story[-1], moved[0]))
        story, moved = story[:-1], [joined_block, *moved[1:]]
    elif moved:
        moved = [_add_flag(moved[0], Flag("reassembled", note, where)), *moved[1:]]
    articles[i] = story + moved
    articles[i + 1] = []
    return True


_HEADLINE_PIECE = regex.compile(r"\p{Han}[\p{Han}\p{N}]{1,11}")


def _word_across(left: str, right: str, printed: frozenset[str]) -> bool:
    """Whether a word runs across ``left|right``: one of the lexicon's, or three Han characters the story
    prints (``printed``, :func:`~newsclean.structure.interleave.printed_trigrams`)."""
    if not (left[-1:].isalpha() and right[:1].isalpha()):
        return False
    return crossing_word(left, right, min_freq=1) is not None or joins_printed(left, right, printed)


def _continue_story(articles: list[list[Block]], i: int, jump_targets: list[int], changes: list[Change]) -> bool:
    """Move the fragment that continues story ``i``'s cut-off last paragraph back to it; True if one was found."""
    u = articles[i][-1]
    if u.hints.get("jump_out"):
        later = jump_targets[bisect_right(jump_targets, i) :]
    else:
        later = range(i + 1, min(len(articles), i + 1 + _CONTINUATION_WINDOW))
    for j in later:
        blocks_j = articles[j]
        if not blocks_j:
            continue
        start = 0
        if u.hints.get("jump_out"):
            # a jump line (下转第N版) names where the story goes on: take the block after 上接第N版
            start = next((m for m, b in enumerate(blocks_j) if b.hints.get("jump_in")), -1)
            if start < 0:
                continue
        p = blocks_j[start]
        if not _continues(u, p):
            continue
        k = next(
            (m for m, b in enumerate(blocks_j) if m >= start and (b.type == "signoff" or ends_with_credit(b.text))),
            None,
        )
        if start:
            run = blocks_j[start:]
        else:
            run = blocks_j[: k + 1] if k is not None and k < len(blocks_j) - 1 else blocks_j[:1]
        where = span_of(p.spans)
        merged = _joined(u, p, "story continued after other text", where, _joined_hints(u, p))
        changes.append(
            Change(NAME, where, "", "", f"fragment moved back to the story it continues ({len(run)} block(s))")
        )
        articles[i] = articles[i][:-1] + [merged] + run[1:]
        articles[j] = blocks_j[:start] + blocks_j[start + len(run) :]
        return True
    return False


def _joined(u: Block, p: Block, what: str, where: Span | None, hints: dict[str, Any]) -> Block:
    """Cut-off paragraph ``u`` and the fragment ``p`` that continues it, as one paragraph flagged ``reassembled``."""
    flag = Flag("reassembled", f"{what}: …{u.text.rstrip()[-6:]} + {p.text.lstrip()[:8]}…", where)
    return replace(
        u,
        text=join_text(u.text, p.text),
        spans=merge_spans(u.spans + p.spans),
        flags=u.flags + p.flags + (flag,),
        hints=hints,
    )


def _continues_before(u: Block, p: Block) -> bool:
    """True if paragraph ``p`` cannot open a paragraph and goes on from the cut-off text ``u``."""
    if p.type != "paragraph" or is_news_lead(p.text):
        return False
    if starts_dangling(p.text):
        return True
    if subjectless_start(p.text) and dangling_end(u.text):
        return True
    # a word cut by the break (迅速完 + 成血栓): p's first character starts no word of its own in p
    return bool(crossing_word(u.text, p.text)) and len(first_word(p.text)) == 1


def _stacked_heads(articles: list[list[Block]], heads: list[Any], i: int, changes: list[Change]) -> bool:
    """Two headlines read one after the other, then both stories' text: the first story's text goes back to it.

    OCR reads the head of a story set beside another story's body before
    that body: story ``i`` has a headline and no text, and the text under
    story ``i + 1`` opens with paragraphs that name story ``i``'s headline,
    not its own, until one names its own. Those paragraphs move to story
    ``i`` (logged, flagged ``reassembled``).
    """
    if articles[i] or not heads[i].title or not heads[i + 1].title:
        return False
    body = articles[i + 1]
    mine, theirs = set(content_words(heads[i].title)), set(content_words(heads[i + 1].title))
    if not body or body[0].type != "paragraph" or not _names(body[0], mine - theirs) or _names(body[0], theirs - mine):
        return False
    own = next((m for m, b in enumerate(body) if m and b.type == "paragraph" and _names(b, theirs - mine)), None)
    if own is None:
        return False
    moved = body[:own]
    where = Span(moved[0].spans[0].start, moved[-1].spans[-1].end) if moved[0].spans and moved[-1].spans else None
    note = f"text of the story read after the next story's headline ({len(moved)} block(s)) moved back under its own"
    articles[i] = [_add_flag(moved[0], Flag("reassembled", note, where)), *moved[1:]]
    articles[i + 1] = body[own:]
    changes.append(Change(NAME, where, "", "", "story text read after the next headline moved back to its own"))
    return True


def _names(block: Block, words: set[str]) -> bool:
    """True if ``block``'s first sentence holds one of the headline ``words`` (two characters or more)."""
    first = block.text[:60]
    return any(len(w) >= 2 and w in first for w in words)


def _lead_out_of_order(articles: list[list[Block]], i: int, changes: list[Change]) -> bool:
    """A story's cut-off last paragraph continued by the paragraph printed before its lead.

    A dump that reads a story's column blocks out of order (pymupdf4llm) can
    print the top of the second column, which goes on mid-sentence from the
    foot of the first, before the story's lead: the story then opens with a
    paragraph that is no lead while a later one is (a dateline, ``11月3日，``),
    and its last paragraph stops mid-sentence. That first paragraph moves to
    the end and continues the cut-off one; the join is flagged ``reassembled``.
    """
    blocks = articles[i]
    if len(blocks) < 3 or not _unfinished(blocks[-1]):
        return False
    first = next((m for m, b in enumerate(blocks) if b.type == "paragraph"), None)
    if first is None or first == len(blocks) - 1:
        return False
    p, u = blocks[first], blocks[-1]
    if is_news_lead(p.text) or not ends_sentence(p.text) or starts_dangling(u.text):
        return False
    if not any(b.type == "paragraph" and is_news_lead(b.text) for b in blocks[first + 1 : -1]):
        return False
    where = span_of(p.spans)
    merged = _joined(u, p, "story's first paragraph printed before its lead", where, _joined_hints(u, p))
    changes.append(Change(NAME, where, "", "", "paragraph printed before the story's lead moved back after it"))
    articles[i] = _columns_reread(blocks, first, len(blocks) - 1, merged, changes) or (
        blocks[:first] + blocks[first + 1 : -1] + [merged]
    )
    return True


def _place_orphan(articles: list[list[Block]], heads: list[Any], i: int, changes: list[Change]) -> bool:
    """Put an untitled fragment cut off mid-sentence back before the paragraph that continues it.

    A dump that reads a column out of order can print the first half of a
    paragraph after the story, as an untitled one-paragraph item, when the
    second half already stands earlier as a paragraph that cannot open one
    (``…迅速完`` and, earlier, ``成血栓抽吸…``). The fragment is looked for
    in the stories just before it; the join is flagged ``reassembled``.
    """
    if len(articles[i]) != 1 or any(heads[i].head().values()) or not _unfinished(articles[i][0]):
        return False
    u = articles[i][0]
    for j in range(i - 1, max(-1, i - 1 - _CONTINUATION_WINDOW), -1):
        for m, p in enumerate(articles[j]):
            if m and not ends_sentence(articles[j][m - 1].text):
                continue  # the paragraph before it is cut off itself: p may be its continuation
            if not _continues_before(u, p):
                continue
            where = span_of(u.spans)
            merged = _joined(u, p, "paragraph start printed after its story", where, {**u.hints, "gaps": ()})
            changes.append(Change(NAME, where, "", "", "fragment moved before the paragraph it opens"))
            story = articles[j]
            articles[j] = _columns_reread([*story, u], m, len(story), merged, changes) or [
                *story[:m],
                merged,
                *story[m + 1 :],
            ]
            articles[i] = []
            return True
    return False


def _columns_reread(
    blocks: list[Block], tail: int, head: int, merged: Block, changes: list[Change]
) -> list[Block] | None:
    """``blocks`` re-read as two columns sorted by their tops (see :mod:`~newsclean.structure.block_tops`).

    ``blocks[head]``, the foot of column 1, and ``blocks[tail]``, the top of
    column 2, become ``merged``; None if the printed heights give no clear
    reading. Logged; the blocks that changed place are counted in the joined paragraph's flag.
    """
    order = two_column_order(blocks, tail, head)
    if order is None:
        return None
    printed = [i for i in range(len(blocks)) if i not in (tail, head)]
    moved = sum(1 for a, b in zip(printed, (i for i in order if i not in (tail, head))) if a != b)
    where = span_of(tuple(s for b in blocks[tail:head] for s in b.spans))
    note = f"story's blocks printed by height across its two columns: re-read column by column ({moved} moved)"
    changes.append(Change(NAME, where, "", "", note))
    flag = Flag("reassembled", note, where)
    merged = replace(merged, flags=merged.flags + (flag,))  # beside the join's own ``reassembled`` flag
    return [merged if i == head else blocks[i] for i in order if i != tail]


def _signed_tail(articles: list[list[Block]], heads: list[Any], i: int, changes: list[Change]) -> bool:
    """Put an untitled item back at the end of the story its sign-off names.

    A dump that reads a story's last column after the brief set beside it
    prints that column as an untitled item after the brief: the brief ends
    with its own sign-off, the item with the story's (``（耳鼻喉科）``), and the
    story, which has none, names that department in its text. The item goes
    back to the end of the nearest such story before it (flagged
    ``reassembled``).
    """
    blocks = articles[i]
    if not blocks or any(heads[i].head().values()) or i < 2 or not is_signoff(blocks[-1].text):
        return False
    before = articles[i - 1]
    if not before or not is_signoff(before[-1].text):
        return False
    department = _SIGNOFF_NAME.sub("", blocks[-1].text)
    if len(department) < 2:
        return False
    for j in range(i - 2, max(-1, i - 1 - _CONTINUATION_WINDOW), -1):
        story = articles[j]
        if not story or any(is_signoff(b.text) for b in story) or not any(heads[j].head().values()):
            continue
        if department not in "".join(b.text for b in story):
            continue
        where = span_of(tuple(s for b in blocks for s in b.spans))
        note = (
            f"a column printed after the story beside it, signed {blocks[-1].text.strip()}: put back at its story's end"
        )
        changes.append(Change(NAME, where, "", "", note))
        articles[j] = [*story, _add_flag(blocks[0], Flag("reassembled", note, where)), *blocks[1:]]
        articles[i] = []
        return True
    return False


_SIGNOFF_NAME = regex.compile(r"[\s()（）《》〈〉\[\]【】]")


def _joined_hints(u: Block, p: Block) -> dict[str, Any]:
    # the jump that led here is used up; one printed at the end of the fragment leads further on
    hints = {k: v for k, v in u.hints.items() if k != "jump_out"}
    hints["gaps"] = ()
    if p.hints.get("jump_out"):
        hints["jump_out"] = p.hints["jump_out"]
    return hints


def _seam(left: str, right: str) -> int:
    word = crossing_word(left, right, min_freq=1)
    return word_freq(word) if word else 0


def _untangle(block: Block, changes: list[Change]) -> list[Block]:
    """Try A1 B1 A2 B2 -> A1 A2 B1 B2 on a segment joined across a wide gap."""
    gaps = [g for g in block.hints.get("gaps", ()) if isinstance(g, (list, tuple)) and len(g) == 2]
    text = block.text
    for idx, (offset, blank) in enumerate(gaps):
        if blank < 2 or not (0 < offset < len(text)):
            continue
        end = gaps[idx + 1][0] if idx + 1 < len(gaps) else len(text)
        if not offset < end <= len(text) or end - offset > 240 or end - offset < 24:
            continue
        seg = text[offset:end]
        best = _best_reorder(seg)
        if best is None:
            continue
        new_text = text[:offset] + best + text[end:]
        where = span_of(block.spans)
        changes.append(Change(NAME, where, seg, best, "lines of two columns interleaved; re-ordered A1 A2 B1 B2"))
        flag = Flag(
            "interleaved",
            "lines of two narrow columns were interleaved; re-ordered where the lexicon confirms the seams",
            where,
        )
        first = replace(block, text=new_text[:end], flags=block.flags + (flag,), hints={**block.hints, "gaps": ()})
        if end < len(new_text):
            rest = new_text[end:]
            second = Block(
                block.type, rest.strip(), block.spans[-1:], (), {k: v for k, v in block.hints.items() if k != "gaps"}
            )
            first = replace(first, spans=block.spans[:-1] or block.spans)
            return [first, second]
        return [first]
    return [block]


@lru_cache(maxsize=4096)
def _best_reorder(seg: str) -> str | None:
    """The best A1 A2 B1 B2 order of an A1 B1 A2 B2 segment, or None.

    Bounded: the segment is at most 240 characters, the column lines are at
    least a quarter of it (A1 B1 A2 B2 with the last piece no longer than
    the first) and two line lengths differ by at most 3, so the candidates
    are a few hundred at most; memoised, since dumps repeat their segments.
    """
    n = len(seg)
    candidates: list[str] = []
    # len(c3) = n - c - l1 - l2 <= c + 3 with l1, l2 <= c + 3  =>  c >= (n - 9) / 4
    for c in range(max(8, -(-(n - 9) // 4)), n // 3 + 1):
        c0 = seg[:c]
        if ends_sentence(c0):
            continue
        for l1 in range(max(4, c - 3), c + 4):
            c1 = seg[c : c + l1]
            if _seam(c0, c1) or ends_sentence(c1):
                continue
            for l2 in range(max(4, c - 3), c + 4):
                if c + l1 + l2 > n:
                    break
                c2 = seg[c + l1 : c + l1 + l2]
                c3 = seg[c + l1 + l2 :]
                if len(c3) > c + 3:
                    continue
                if _seam(c1, c2) or (c3 and _seam(c2, c3)):
                    continue
                if not _seam(c2, c1) or (c3 and not _seam(c1, c3)):
                    continue
                candidates.append(c0 + c2 + c1 + c3)
    if not candidates:
        return None
    # the same characters in every candidate: the one the lexicon reads best wins
    return max(candidates, key=segmentation_score)
