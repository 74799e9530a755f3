"""Split head fields that OCR (or a line join) put on one line with the body.

Tesseract reads a headline, its byline and the story's first paragraph as one
line more often than not when they sit side by side or tight above each
other. Two cues are strong enough to cut a line:

* a byline with a reporter's role word (本报记者/本報記者/通讯员/通訊員/记者/
  記者) and a name of two or three characters, in mid-line, with a
  headline-shaped text before it (no sentence punctuation) and a lead after;
* a column label of two to four characters delimited by ``[ ] | 【】`` at the
  start of a line (``[要间``, ``简讯|``): OCR misreads stay as read.

Each cut is logged in the change log (a line break inserted, no character
lost); a cut whose name length was guessed from the lexicon is flagged.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from newsclean.lexicon import word_freq
from newsclean.model import Block, Change, Flag, Span
from newsclean.structure.cues import is_headline_like, visible_len

NAME = "build_articles"

_ROLE = regex.compile(r"本报记者|本報記者|本报通讯员|本報通訊員|通讯员|通訊員|记者|記者")
_SPACE = regex.compile(r"[ \t\u3000]*")
_HAN2 = regex.compile(r"\p{Han}{2,}")
_SENT = regex.compile(r"[。！？；;!?，,]")
# ``[要间``, ``[要闻]``, ``【简讯】``, ``简讯|``, ``[要间 |``: an opening bracket, or a bar or 】 closing it
LABEL_DELIMITED = (
    r"(?:[\[【][ \u3000]*(\p{Han}{2,4})[ \u3000]*[\]】|｜]?|(\p{Han}{2,4})[ \u3000]*[】|｜])[ \u3000]*[|｜]?"
)
_LABEL_AT_START = regex.compile(rf"^{LABEL_DELIMITED}[ \u3000]*(?=\S)")


def _piece_spans(b: Block, start: int, end: int) -> tuple[Span, ...]:
    """Source spans of ``b.text[start:end]`` (exact when the spans lay the text end to end)."""
    spans = b.spans
    if not spans:
        return ()
    total = sum(s.end - s.start for s in spans)
    if total != len(b.text):
        # text changed since it was read: locate the piece proportionally
        whole0, whole1 = spans[0].start, spans[-1].end
        scale = (whole1 - whole0) / max(1, len(b.text))
        s0 = whole0 + int(start * scale)
        s1 = max(s0, min(whole1, whole0 + int(end * scale)))
        return (Span(s0, s1),)
    out: list[Span] = []
    pos = 0
    for sp in spans:
        n = sp.end - sp.start
        lo, hi = max(start, pos), min(end, pos + n)
        if lo < hi:
            out.append(Span(sp.start + lo - pos, sp.start + hi - pos))
        pos += n
    return tuple(out)


def _seams(b: Block) -> set[int]:
    """Text offsets where lines of ``b`` were joined (from rejoin's hints)."""
    return {int(g[0]) for g in b.hints.get("gaps", ()) if isinstance(g, (list, tuple)) and g}


def _name_end(text: str, start: int, seams: set[int]) -> tuple[int, bool] | None:
    """End of a 2–3 character name at ``start`` and whether it was certain."""
    run = _HAN2.match(text, start)
    if not run:
        return None
    n = run.end() - start
    if n in (2, 3):
        return run.end(), True  # the name stands alone (space or punctuation after it)
    for k in (2, 3):
        if start + k in seams:
            return start + k, True
    # no space and no seam: the lead's first word decides (guess, flagged)
    rest2, rest3 = text[start + 2 : start + 4], text[start + 3 : start + 5]
    f2, f3 = word_freq(rest2), word_freq(rest3)
    return (start + 3 if f3 > f2 * 2 else start + 2), False


def _byline_cut(text: str, seams: set[int]) -> tuple[int, int, bool] | None:
    """(byline start, byline end, certain) of a mid-line byline between a headline and a lead."""
    m = _ROLE.search(text, 0, 100)  # a headline is short: the byline comes within the line's first 100 characters
    if not m or m.start() == 0:
        return None
    head = text[: m.start()]
    if _SENT.search(head) or visible_len(head) < 4 or not is_headline_like(head, max_len=48):
        return None
    pos, certain = m.end(), True
    while True:
        pos = _SPACE.match(text, pos).end()
        got = _name_end(text, pos, seams)
        if got is None:
            return None
        pos, sure = got
        certain = certain and sure
        nxt = _SPACE.match(text, pos).end()
        more = _ROLE.match(text, nxt)
        if more:
            pos = more.end()
            continue
        # a second name after a space (``本报记者 王五 刘洋``)
        if (
            nxt > pos
            and _HAN2.match(text, nxt)
            and len(_HAN2.match(text, nxt).group(0)) in (2, 3)
            and _SPACE.match(text, _HAN2.match(text, nxt).end()).end() > _HAN2.match(text, nxt).end()
        ):
            pos = _HAN2.match(text, nxt).end()
            continue
        break
    lead = text[pos:].strip()
    if visible_len(lead) < 8 or not _SENT.search(lead) or lead[0] in "，。、；：？！）》”’":
        return None
    return m.start(), pos, certain


def split_inline_heads(blocks: Sequence[Block]) -> tuple[list[Block], list[Change]]:
    """Cut line-start column labels and mid-line bylines out of body lines.

    The pieces carry their role in ``hints["role"]`` (``section``, ``head``,
    ``byline``, ``para``).

    >>> from newsclean.model import Block, Span
    >>> t = "时期儿童意外伤害上升 专家提醒做好防护本报记者 孙悦 进入暑期以来，儿科急诊接诊的病例明显增多。"
    >>> out, ch = split_inline_heads([Block("paragraph", t, (Span(0, len(t)),))])
    >>> [(b.hints["role"], b.text) for b in out]
    [('head', '时期儿童意外伤害上升 专家提醒做好防护'), ('byline', '本报记者 孙悦'), ('para', '进入暑期以来，儿科急诊接诊的病例明显增多。')]
    >>> [(b.hints["role"], b.text) for b in split_inline_heads([Block("paragraph", "简讯|我院开展义诊活动")])[0]]
    [('section', '简讯|'), ('head', '我院开展义诊活动')]
    """
    out: list[Block] = []
    changes: list[Change] = []
    for b in blocks:
        role = b.hints.get("role")
        if role not in (None, "para", "head") or b.type != "paragraph" or b.hints.get("md_level"):
            out.append(b)
            continue
        out.extend(_split(b, changes))
    return out, changes


def _piece(b: Block, start: int, end: int, role: str, flags=(), first: bool = True) -> Block:
    hints = dict(b.hints)
    hints["role"] = role
    hints.pop("gaps", None)
    if not first:
        hints["blank_before"] = 0
        hints.pop("after_furniture", None)
    return Block(b.type, b.text[start:end].strip(), _piece_spans(b, start, end), tuple(flags), hints)


def _split(b: Block, changes: list[Change]) -> list[Block]:
    text = b.text
    start = len(text) - len(text.lstrip())
    pieces: list[tuple[int, int, str]] = []
    m = _LABEL_AT_START.match(text, start)
    if m:
        pieces.append((start, m.end(), "section"))
        start = m.end()
    seams = {s - start for s in _seams(b) if s >= start}
    cut = _byline_cut(text[start:], seams)
    flag = None
    if cut is not None:
        bs, be, certain = cut
        pieces.append((start, start + bs, "head"))
        pieces.append((start + bs, start + be, "byline"))
        pieces.append((start + be, len(text), "para"))
        if not certain:
            flag = Flag(
                "uncertain_join",
                f"headline, byline and lead read as one line; cut after the name "
                f"{text[start + bs : start + be].strip()!r} by the lexicon, check the name's length",
                (_piece_spans(b, start + bs, start + be) or (None,))[0],
            )
    elif pieces:
        pieces.append((start, len(text), b.hints.get("role") or "head"))
    if not pieces:
        return [b]
    if pieces[-1][2] in ("head",) and not (cut is not None):
        # a label over a headline-shaped rest: the rest keeps the role the line would have had
        rest = text[pieces[-1][0] :].strip()
        if not is_headline_like(rest, max_len=48):
            pieces[-1] = (pieces[-1][0], pieces[-1][1], "para")
    out: list[Block] = []
    for k, (s, e, role) in enumerate(pieces):
        flags = tuple(b.flags) if k == len(pieces) - 1 else ()
        if role == "byline" and flag is not None:
            flags = flags + (flag,)
        out.append(_piece(b, s, e, role, flags, first=k == 0))
        if k:
            sp = _piece_spans(b, s, s)
            changes.append(
                Change(
                    NAME,
                    sp[0] if sp else None,
                    "",
                    "",
                    f"{role} read on one line with the text before it: line cut before {text[s:e].strip()[:12]!r}",
                )
            )
    return [p for p in out if p.text]
