"""Body blocks: a story's lines typed paragraph, caption, note or signoff.

An editor's note (编者按) runs on until a blank line; a caption is told by
its shape (:func:`~newsclean.structure.cues.is_caption`). A paragraph a
byline printed across the columns had cut mid-sentence is joined again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsclean.model import Block, Change, Flag, Span, merge_spans
from newsclean.structure.build_context import NAME, BuildContext
from newsclean.structure.cues import ends_sentence, is_caption, is_editor_note, is_news_lead, join_text
from newsclean.structure.head_groups import Item


def body_block(b: Block, role: str, note: bool) -> Block:
    """Line ``b`` of role ``role`` as a typed body block (``note``: it is inside an editor's note)."""
    btype = "paragraph"
    if role == "signoff":
        btype = "signoff"
    elif note:
        btype = "note"
    elif is_caption(b.text):
        btype = "caption"
    hints = {**b.hints, "built": True}
    return Block(btype, b.text.strip(), b.spans, b.flags, hints)


def in_note_after(b: Block, in_note: bool) -> bool:
    """Whether body line ``b`` is inside an editor's note: one opens it, a blank line before ``b`` ends it."""
    if is_editor_note(b.text):
        return True
    if int(b.hints.get("blank_before", 1)) > 0:
        return False
    return in_note


def broken_off(last: Block, nxt: Item | None, blocks: Sequence[Block], roles: Sequence[str], ctx: BuildContext) -> bool:
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


def join_across_byline(left: Block, right: Block, ctx: BuildContext) -> Block:
    """``left`` and ``right`` joined back into one paragraph where a byline had cut it (logged, flagged)."""
    text = join_text(left.text, right.text)
    seam = (
        Span(left.spans[-1].end, max(left.spans[-1].end, right.spans[0].start)) if left.spans and right.spans else None
    )
    ctx.changes.append(Change(NAME, seam, "", "", "paragraph cut by a byline read mid-sentence joined again"))
    flag = Flag("uncertain_join", "paragraph joined across a byline printed between its lines", seam)
    flags = left.flags + tuple(f for f in right.flags if f not in left.flags) + (flag,)
    return replace(left, text=text, spans=merge_spans(left.spans + right.spans), flags=flags)
