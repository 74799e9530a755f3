"""Headlines printed after their bodies go back to the story whose text they name.

A *late headline* is a head group of plain headline lines that heads
nothing: it comes after a finished sentence, a signoff or page furniture and
is followed by another headline cluster, by furniture or by the end of the
text. Which story it names is read from vocabulary: the headline's content
words (:func:`~newsclean.structure.cues.content_words`) and the phrases it
quotes whole are looked for in the body of each story printed before it; the
story that holds most of them claims it (a story with no headline of its own
first, then the nearer one). Its label becomes the section, its other head
lines the kicker. Late headlines no story claims are left where they are.

A story that has a headline of its own gets no second one: a late line it
claims is one of its subheads, printed out of place (pdftotext sorts a
subhead set at a column's head after the column's foot), and goes back before
the paragraph that holds most of its words, flagged ``reassembled``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import regex

from newsclean.model import Block, Change, Flag, span_of
from newsclean.structure.build_context import NAME, BuildContext, blocks_spans
from newsclean.structure.cues import (
    content_words,
    crossing_word,
    ends_sentence,
    ends_with_colon,
    is_parallel_slogan,
    is_short_label,
)
from newsclean.structure.head import join_lines_spaced, wrap_remainder
from newsclean.structure.head_groups import Item, is_strong

_TITLE_WINDOW = 8  # stories on either side of a late headline that may claim it
_BODY_CHARS = 4000  # body text of a story searched for a headline's words
_QUOTED = regex.compile(r"[“「『‘]([^“”「」『』‘’]{2,12})[”」』’]")

Rank = tuple[int, bool, float, int]  # (-words found, story has a headline, distance, story index): best first


@dataclass
class _Stories:
    """The stories of the page in order, each with the body text a late headline is matched against."""

    openers: list[int] = field(default_factory=list)  # item index of the opener or first body line
    bodies: list[list[int]] = field(default_factory=list)  # body item indices
    titled_only: set[int] = field(default_factory=set)  # no byline or subtitle: briefs under a label, never claim
    texts: list[str] = field(default_factory=list)
    titled: list[bool] = field(default_factory=list)  # the story has a headline of its own
    headed: list[bool] = field(default_factory=list)  # the story opens with a head group

    def rank(self, words: Sequence[str], at: int) -> list[Rank]:
        """Stories printed before story ``at`` whose text holds some of ``words``, the best first."""
        ranked = []
        # only stories printed before it: a headline above its story is not late
        for si in range(max(0, at - _TITLE_WINDOW), at):
            if si in self.titled_only or not self.headed[si]:
                continue
            hits = sum(1 for w in words if w in self.texts[si])
            if hits:
                ranked.append((-hits, self.titled[si], abs(at - 0.5 - si), si))
        return sorted(ranked)


def claim_late_titles(items: list[Item], blocks: list[Block], roles: list[str], ctx: BuildContext) -> list[Item]:
    """``items`` with each late headline moved into the head group of the story it names (roles set to
    ``title``), or, where that story has a headline of its own, before the paragraph that names it as a
    subhead (its block in ``blocks`` flagged)."""
    stories, orphans = _find_stories(items, blocks, roles)
    if not orphans or not stories.openers:
        return items
    _read_stories(stories, items, blocks, roles)
    units = _title_units(orphans, items, blocks, stories)
    claims = _claims(units, items, blocks, stories)
    if not claims:
        return items
    subheads: dict[int, list[int]] = {}  # the first line of the paragraph a subhead goes before -> its lines
    for si, opener in enumerate(stories.openers):
        unit = claims.get(opener)
        full = unit and stories.titled[si] and _kicker_and_title(items[opener][1], blocks, roles)
        at = _subhead_place(unit, stories.bodies[si], items, blocks) if full else None
        if at is not None:
            subheads[items[at][1][0]] = claims.pop(opener)
    items = _move_titles(items, claims, blocks, roles, ctx) if claims else items  # (claims: positions in items)
    return _move_subheads(items, subheads, blocks, ctx) if subheads else items


def _find_stories(items: Sequence[Item], blocks: Sequence[Block], roles: Sequence[str]) -> tuple[_Stories, list[int]]:
    """The stories opened by strong head groups (or by the text's first lines), and the late headlines' items."""
    stories = _Stories()
    orphans: list[int] = []
    for pos, (kind, group) in enumerate(items):
        if kind == "head":
            if _is_late_title(pos, items, blocks, roles):
                orphans.append(pos)
            elif is_strong(group, blocks, roles):
                stories.openers.append(pos)
                stories.bodies.append([])
                if not any(roles[k] in ("byline", "subtitle") for k in group):
                    stories.titled_only.add(len(stories.openers) - 1)
        elif not stories.openers:
            stories.openers.append(pos)
            stories.bodies.append([pos])
        else:
            stories.bodies[-1].append(pos)
    return stories, orphans


def _read_stories(stories: _Stories, items: Sequence[Item], blocks: Sequence[Block], roles: Sequence[str]) -> None:
    """Each story's body text (its first ``_BODY_CHARS`` or so) and whether it has a headline of its own."""
    for opener, body in zip(stories.openers, stories.bodies):
        text = ""
        for p in body:
            if len(text) >= _BODY_CHARS:
                break
            text += blocks[items[p][1][0]].text
        stories.texts.append(text)
        kind, group = items[opener]
        stories.headed.append(kind == "head")
        stories.titled.append(
            kind == "head"
            and any(roles[k] == "head" for k in group[1:])
            and not _label_only(group, blocks, roles)
            and not _kicker_only(group, blocks, roles)
        )


def _title_units(
    orphans: Sequence[int], items: Sequence[Item], blocks: Sequence[Block], stories: _Stories
) -> list[list[int]]:
    """The late headlines' lines cut into the headlines of single stories.

    A late cluster may hold the headlines of several stories (all printed at
    the page end): each line goes to the story it names best; a line naming
    none clearly, or wrapped from the line above, stays with the one above.
    """
    units: list[list[int]] = []
    for pos in orphans:
        at = bisect_right(stories.openers, pos)
        current: list[int] = []
        current_story: int | None = None
        prev_k = None
        for k in items[pos][1]:
            ranked = stories.rank(title_words(blocks[k].text), at)
            best = ranked[0][3] if ranked and (len(ranked) == 1 or ranked[0][:2] < ranked[1][:2]) else None
            wrapped = prev_k is not None and (
                crossing_word(blocks[prev_k].text, blocks[k].text, min_freq=1)
                or wrap_remainder(blocks[prev_k].text, blocks[k].text)
            )
            prev_k = k
            if current and (wrapped or ranked and (best is None or best == current_story)):
                current.append(k)
                continue
            if current:
                units.append(current)
            current, current_story = ([k], best) if ranked else ([], None)
        if current:
            units.append(current)
    return units


def _claims(
    units: Sequence[list[int]], items: Sequence[Item], blocks: Sequence[Block], stories: _Stories
) -> dict[int, list[int]]:
    """Opener item index -> the late headline lines its story claims: best matches first, one each."""
    pairs = []
    for u, unit in enumerate(units):
        words = title_words(join_lines_spaced([blocks[k] for k in unit]))
        at = bisect_right(stories.openers, items_pos_of(items, unit[0]))
        ranked = stories.rank(words, at)
        for neg, tit, dist, si in ranked:
            # a story that has a headline of its own must be named by more than one word
            if (neg == ranked[0][0] or -neg * 2 >= len(words)) and (-neg >= 2 or not tit or -neg * 2 >= len(words)):
                pairs.append((neg, tit, dist, u, si))
    pairs.sort()
    taken_u: set[int] = set()
    taken_s: set[int] = set()
    claims: dict[int, list[int]] = {}
    for _, _, _, u, si in pairs:
        if u in taken_u or si in taken_s:
            continue
        taken_u.add(u)
        taken_s.add(si)
        claims[stories.openers[si]] = units[u]
    return claims


def _move_titles(
    items: Sequence[Item], claims: dict[int, list[int]], blocks: Sequence[Block], roles: list[str], ctx: BuildContext
) -> list[Item]:
    """``items`` with each claimed headline moved over its story's byline or subtitle (logged)."""
    moved = {k for unit in claims.values() for k in unit}
    out: list[Item] = []
    for pos, (kind, group) in enumerate(items):
        left = [k for k in group if k not in moved] if kind == "head" else group
        late = claims.get(pos)
        if late is None:
            if left:
                out.append((kind, left))
            continue
        for k in late:
            roles[k] = "title"
        ctx.changes.append(
            Change(
                NAME,
                span_of(blocks_spans([blocks[k] for k in late])),
                "",
                "",
                "headline printed after its story moved to the story it names",
            )
        )
        if kind == "head":
            out.append(("head", _with_title(left, late, blocks, roles)))
        else:
            out.append(("head", list(late)))
            out.append((kind, group))
    return out


def _kicker_and_title(group: Sequence[int], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    """Whether head group ``group`` holds a kicker and a headline already: two headline lines, besides a label,
    neither wrapped from the other."""
    heads = [k for k in group if roles[k] == "head" and not is_short_label(blocks[k].text)]
    return len(heads) >= 2 and not any(
        crossing_word(blocks[a].text, blocks[b].text, min_freq=1) or wrap_remainder(blocks[a].text, blocks[b].text)
        for a, b in zip(heads, heads[1:])
    )


def _subhead_place(unit: list[int], body: Sequence[int], items: Sequence[Item], blocks: Sequence[Block]) -> int | None:
    """The item a subhead printed out of place goes before: the first line of the story's paragraph (in
    ``body``, its item positions) that holds most of its words, at least two; else None."""
    words = title_words(join_lines_spaced([blocks[k] for k in unit]))
    starts = [p for n, p in enumerate(body) if n == 0 or ends_sentence(blocks[items[body[n - 1]][1][-1]].text)]
    best: tuple[int, int] | None = None
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else None
        text = "".join(blocks[k].text for p in body if p >= start and (end is None or p < end) for k in items[p][1])
        hits = sum(1 for w in words if w in text)
        if hits >= 2 and (best is None or hits > best[0]):
            best = (hits, start)
    return best[1] if best else None


def _move_subheads(
    items: Sequence[Item], subheads: dict[int, list[int]], blocks: list[Block], ctx: BuildContext
) -> list[Item]:
    """``items`` with each subhead (the first line of a body item -> the subhead's lines) moved before that
    item, flagged and logged."""
    moved = {k for unit in subheads.values() for k in unit}
    out: list[Item] = []
    for kind, group in items:
        unit = subheads.get(group[0]) if kind == "body" and group else None
        if unit is not None:
            span = span_of(blocks_spans([blocks[k] for k in unit]))
            note = "a subhead printed after its story put back before the paragraph that names its words"
            ctx.changes.append(Change(NAME, span, "", "", note))
            flag = Flag("reassembled", note + "; check its place", span)
            blocks[unit[0]] = replace(blocks[unit[0]], flags=(*blocks[unit[0]].flags, flag))
            out.append(("head", list(unit)))
        left = [k for k in group if k not in moved]
        if left:
            out.append((kind, left))
    return out


def _with_title(left: list[int], late: list[int], blocks: Sequence[Block], roles: list[str]) -> list[int]:
    """Head group ``left`` with headline lines ``late`` put above its subtitle and byline; a short first line is its label."""
    cut = next((m for m, k in enumerate(left) if roles[k] in ("subtitle", "byline")), len(left))
    first = left[0] if left else None
    if first is not None and roles[first] == "head" and is_short_label(blocks[first].text):
        roles[first] = "section"
    return left[:cut] + late + left[cut:]


def title_words(text: str) -> tuple[str, ...]:
    """The words a late headline is matched by: its content words and each phrase it quotes whole.

    A quoted phrase (a nickname, a slogan, a campaign's name) is the
    headline's most specific word; found whole in a story's text it names
    that story, and counts once more than its words alone.

    >>> title_words("我院开展“护理周”活动")
    ('我院', '开展', '护理', '活动', '护理周')
    """
    words = content_words(text)
    return words + tuple(q for q in _QUOTED.findall(text) if q not in words)


def items_pos_of(items: Sequence[Item], k: int) -> int:
    """Index of the item holding block ``k`` (items are in block order)."""
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid][1][-1] < k:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _label_only(group: Sequence[int], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    heads = [k for k in group if roles[k] == "head"]
    return not heads or len(heads) == 1 and heads[0] == group[0] and is_short_label(blocks[heads[0]].text)


def _kicker_only(group: Sequence[int], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    """True if the group's last headline line ends in a colon: a kicker (引题) whose headline is printed elsewhere."""
    heads = [k for k in group if roles[k] == "head"]
    return bool(heads) and ends_with_colon(blocks[heads[-1]].text)


def _is_late_title(pos: int, items: Sequence[Item], blocks: Sequence[Block], roles: Sequence[str]) -> bool:
    """True if head group ``items[pos]`` is plain headline lines that head nothing (see the module docstring)."""
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
