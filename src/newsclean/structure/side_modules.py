"""Stories set side by side, read row by row: each story's head and columns put back one story after the other.

An OCR tool that prints one text box per line sorted top to bottom (RapidOCR,
PaddleOCR) reads two stories laid out beside each other, each under its own
section label (a two-column story beside a one-column brief), as one stream:

* the two labels in a row (``医患故事`` ``简讯``);
* the lines of both heads mixed by their height on the page: kicker, headline
  lines, subtitle and byline of the left story, those of the right one, in
  any interleaving (``我院与…紧密型医`` ``春季过敏高发这些防护`` ``要做好``
  ``共体`` ``■变态反应科邵文清`` ``-专家下沉…`` …);
* the body lines of all their columns alternating, often with a first body
  line of the story whose head ended higher among the other head's lines.

:func:`read_side_modules` reads such a band back story by story. The head
lines are dealt to the stories by a small exhaustive parse: each story's head
is headline lines, an optional subtitle (a dash-led line), then one byline,
then body lines; a story's first line comes after the first line of the story
to its left; and among the deals that parse, the one whose headline lines
join best wins: a lexicon word across a wrapped line (``医|共体``), a quote
opened on one line and closed on the next (``世界献血者|日”``) and not a
closing quote with nothing to close. The band's body lines are then read as
columns by the row rhythm of :mod:`newsclean.structure.interleave`, and the
columns, left to right, dealt to the stories in turn: a story's first body
line seen among the head lines opens its first column, and the cut between
two stories is where a column's foot goes on least in the next column's head.

A band is read only when the parse closes every story (each has a headline
and a byline within :data:`_MAX_HEAD_LINES` lines) and its body reads as
columns; otherwise it is left as printed. The re-read band is flagged
``interleaved`` for the editor, as the deal is a reading, not a certainty.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

import regex

from newsclean.model import Block, Flag, Span, span_of
from newsclean.structure.block_width import display_width
from newsclean.structure.cues import (
    dash_lead,
    is_byline,
    is_caption,
    is_headline_like,
    is_profile_subtitle,
    is_short_label,
    open_quotes,
    section_label,
    unpaired_closers,
    visible_len,
)
from newsclean.structure.interleave import (
    MAX_ITEMS,
    MAX_LINE,
    Seams,
    best_columns,
    column_order,
    join_score,
    joins_printed,
    lexical_seam,
    mark_running_text,
    one_measure,
    printed_trigrams,
    simplified,
)

_MAX_MODULES = 3  # labels in a row read as stories side by side
_MAX_HEAD_LINES = 10  # lines under the labels within which every story's head must close
_MIN_TITLE = 4  # characters the first line of a headline has at least (a shorter one is a wrapped rest)
_REMAINDER = 3  # characters: a headline line this short is a wrapped rest, the headline's last line
# a wrapped headline's rest goes to the story further right where nothing else tells: a headline beside a
# wider one (in larger type) is the one set in the narrower measure, and its wrapped line is printed higher
_RIGHTWARD = 0.1
_ROW_STEP = 0.5  # a line dealt to the story right of the one before: the heads print row by row, left to right
_ECHO = 2.0  # a wrapped headline's rest that makes, with its line, what the story's text prints
_MIXED_MEASURES = -2.0  # per pair of neighbour columns of one story set to different measures
_SAME_MEASURE = 1.5  # ems two columns' full widths may differ by and still be one measure
_SHAPE_COST = -0.5  # a headline-shaped line read as body text of a story whose head has closed
_LATE_OPEN = 1.0  # per line a story's head opens later than side by side with the heads to its left
_MAX_DEALS = 4096  # deals of the head lines read at most
_GUTTER_SLACK = 2.0  # ems between two columns, and the room a head line may overhang its columns by
_TITLE_ROOM = 0.8  # of its columns' characters a headline line holds at most (larger type), before the overhang
_CLEAR_JOIN = 1.0  # a line's seam with a column's head that says it goes on there
_MIN_BODY = 6  # body lines the band needs before its columns are searched for
_QUOTE_JOIN = 3.0  # a quote opened on one headline line and closed on the next
_QUOTE_ORPHAN = -3.0  # a headline line opening with a closing quote that closes nothing above it
_CLAUSE_MARKS = regex.compile(r"[，。、；,;]")  # a line with them is running text, not a headline line
_NOTE = (
    "stories set side by side came out row by row (labels, heads and column lines mixed); "
    "re-read story by story, check the reading order"
)

# what a head line is: the parse's alphabet
_TITLE, _SUBTITLE, _BYLINE, _BODY = "title", "subtitle", "byline", "body"
_HEAD_ROLES = {_TITLE: "head", _SUBTITLE: "subtitle", _BYLINE: "byline"}  # the line roles the parse is sure of
# how far a story's head has got: nothing yet, headline lines, subtitle, byline (closed)
_OPEN, _TITLED, _SUBTITLED, _CLOSED = range(4)


class _Deal(NamedTuple):
    """Which story each head line goes to, how well the deal reads, and where the head zone ends."""

    score: float
    stories: tuple[int, ...]
    body: tuple[bool, ...]  # which of them are body text of a story whose head had closed
    end: int  # the head line after the one that closed the last story


def read_side_modules(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[Span, str, str]]]:
    """Blocks with every band of side-by-side stories read story by story (see the module docstring).

    Returns the new blocks and, per re-read band, its source span and its text before and after (lines
    joined by newlines) for the change log.

    The head lines of RapidOCR's reading of two stories side by side, dealt to the left (0) and right (1)
    story: ``要做好`` is the right headline's wrapped rest (the left one's, ``共体``, is printed lower: the left
    story's text prints 医共体 whole), the right story closes at its byline, and its first body line comes
    before the left story's byline:

    >>> heads = ["我院与五家乡镇卫生院组建紧密型医", "春季过敏高发这些防护", "要做好", "共体", "■变态反应科邵文清",
    ...          "-专家下沉、检查互认、双向转诊一体推进", "春季花粉浓度升高，过敏性鼻炎", "本报记者何嘉宁"]
    >>> printed = printed_trigrams(["5月9日，我院与东湖、石门、杨桥五家乡镇卫生院签订紧密型医共体合作协议。"])
    >>> deals = sorted(_deals(heads, [_kind(t) for t in heads], 2, printed), key=lambda d: -d.score)
    >>> deals[0].stories[:4], [d.stories[4:] for d in deals[:2]]
    ((0, 1, 1, 0), [(1, 0, 1, 0), (0, 1, 0, 1)])

    The two deals of the byline and subtitle part by the row rhythm (the lines of a row go to the stories
    left to right), and the subtitle's width, wider than the right story's one column, rules out the second
    (see :func:`_heads_fit`).
    """
    out: list[Block] = []
    moves: list[tuple[Span, str, str]] = []
    i, n = 0, len(blocks)
    while i < n:
        band = _read_band(blocks, i)
        if band is None:
            out.append(blocks[i])
            i += 1
            continue
        end, lines = band
        before = blocks[i:end]
        moves.append((_covering(before), "\n".join(b.text for b in before), "\n".join(b.text for b in lines)))
        out.extend(lines)
        i = end
    return out, moves


def _read_band(blocks: Sequence[Block], start: int) -> tuple[int, list[Block]] | None:
    """The end of the band of stories whose labels stand in a row at ``start`` and its lines story by story."""
    stories = _label_row(blocks, start)
    if stories < 2:
        return None
    head_start = start + stories
    texts = [b.text.strip() for b in _head_lines(blocks, head_start)]
    kinds = [_kind(t) for t in texts]
    after = head_start + len(texts)
    printed = printed_trigrams(b.text for b in blocks[after : after + MAX_ITEMS])
    deals = sorted(itertools.islice(_deals(texts, kinds, stories, printed), _MAX_DEALS), key=lambda d: -d.score)
    if not deals:
        return None
    zone = deals[0].end  # every deal closes at the same line: the byline that closes the last story
    band_end = _band_end(blocks, head_start + zone)
    body = list(range(head_start + zone, band_end))
    if not _MIN_BODY <= len(body) <= MAX_ITEMS:
        return None
    reading = _Columns.read([blocks[k].text for k in body])
    if reading is None or len(reading.order) < stories:
        return None
    for deal in deals:
        early = [k for k in range(zone) if deal.body[k]]
        tops = reading.tops([texts[k] for k in early], sure=stories < len(reading.order))
        opens: dict[int, int] = {}
        for k, col in zip(early, tops):
            if col is not None:
                opens.setdefault(deal.stories[k], col)
        owners = {col: deal.stories[k] for k, col in zip(early, tops) if col is not None}
        groups = _best_grouping(reading, stories, opens, owners)
        if groups is not None and _heads_fit(texts, kinds, deal, [reading.measure(g) for g in groups]):
            columns = {col: [body[i] for i, c in enumerate(reading.column) if c == col] for col in reading.order}
            above: dict[int, list[int]] = {}
            for k, col in zip(early, tops):
                # (a line no column's head clearly goes on from heads its story's first column)
                above.setdefault(groups[deal.stories[k]][0] if col is None else col, []).append(head_start + k)
            for col, lines in above.items():
                columns[col][:0] = lines  # in print order, over the column's own lines
            out = _band_lines(blocks, start, deal, kinds, [[columns[col] for col in g] for g in groups])
            out[0] = _flagged(out[0], _covering(blocks[start:band_end]))
            return band_end, out
    return None


def _band_lines(
    blocks: Sequence[Block], start: int, deal: _Deal, kinds: Sequence[str], stories: Sequence[Sequence[list[int]]]
) -> list[Block]:
    """The band's lines story by story: its label, its head lines, then its columns (``stories``: each
    story's columns left to right, each a list of line indices) in reading order."""
    head_start = start + len(stories)
    lines: list[Block] = []
    for story, columns in enumerate(stories):
        lines.append(_as_label(_opening(blocks[start + story], story > 0)))
        heads = [k for k in range(deal.end) if deal.stories[k] == story and not deal.body[k]]
        lines.extend(
            _moved(blocks[head_start + k], _HEAD_ROLES.get(kinds[k]), _is_rest(heads, n, kinds, blocks, head_start))
            for n, k in enumerate(heads)
        )
        moved = [_opening(blocks[k]) if n == 0 else _moved(blocks[k]) for col in columns for n, k in enumerate(col)]
        lines.extend(mark_running_text(moved, [c for c, col in enumerate(columns) for _ in col]))
    return lines


def _is_rest(heads: Sequence[int], n: int, kinds: Sequence[str], blocks: Sequence[Block], head_start: int) -> bool:
    """Whether the ``n``-th of a story's head lines is the wrapped rest of the headline line dealt above it."""
    k = heads[n]
    if not n or kinds[k] != _TITLE or kinds[heads[n - 1]] != _TITLE:
        return False
    return _wrapped_rest(blocks[head_start + heads[n - 1]].text.strip(), blocks[head_start + k].text.strip())


def _heads_fit(texts: Sequence[str], kinds: Sequence[str], deal: _Deal, measures: Sequence[float]) -> bool:
    """Whether each headline and subtitle line fits the width of its story's columns.

    A subtitle is set in type no smaller than the body's, a headline in larger type, so a subtitle holding
    more characters than its story's columns hold side by side, or a headline line holding as many, belongs
    to a wider story.
    """
    for k, story in enumerate(deal.stories):
        if deal.body[k] or kinds[k] not in (_TITLE, _SUBTITLE):
            continue
        room = measures[story] * (_TITLE_ROOM if kinds[k] == _TITLE else 1.0) + _GUTTER_SLACK
        if display_width(texts[k]) > room:
            return False
    return True


def _label_row(blocks: Sequence[Block], start: int) -> int:
    """How many section labels stand one under the other at ``start``, printed with no blank line between."""
    count = 0
    while (
        start + count < len(blocks)
        and count < _MAX_MODULES + 1
        and _glued(blocks[start + count], first=count == 0)
        and _is_label(blocks[start + count].text)
    ):
        count += 1
    return count if count <= _MAX_MODULES else 0


def _is_label(text: str) -> bool:
    """A section label: letter-spaced or bracketed, or (as OCR reads it) two to four characters alone."""
    return bool(section_label(text)) or is_short_label(text)


def _glued(block: Block, first: bool = False) -> bool:
    """A one-box line of an OCR stream: short, with its exact span, not yet re-read, no blank line before it."""
    return (
        0 < visible_len(block.text) <= MAX_LINE
        and len(block.spans) == 1
        and not block.hints.get("deinterleaved")
        and not block.hints.get("md_level")
        and (first or int(block.hints.get("blank_before", 0)) == 0)
    )


def _head_lines(blocks: Sequence[Block], start: int) -> list[Block]:
    """The glued lines under the labels in which the heads must close (none of them a label again)."""
    head: list[Block] = []
    for k in range(start, min(len(blocks), start + _MAX_HEAD_LINES)):
        if not _glued(blocks[k]) or section_label(blocks[k].text):
            break
        head.append(blocks[k])
    return head


def _band_end(blocks: Sequence[Block], start: int) -> int:
    """Where the band's body ends: at the next story's label, a blank line or a line that is no column line."""
    k = start
    while k < len(blocks) and _glued(blocks[k]) and not _label_over_head(blocks, k):
        k += 1
    return k


def _label_over_head(blocks: Sequence[Block], k: int) -> bool:
    """True if line ``k`` is a section label over a headline or byline (a short body line is over body text)."""
    if section_label(blocks[k].text):
        return True
    return is_short_label(blocks[k].text) and k + 1 < len(blocks) and _kind(blocks[k + 1].text) in (_TITLE, _BYLINE)


def _kind(text: str) -> str:
    """What a line under the labels is: a byline, a dash-led subtitle, a headline line, or body text."""
    text = text.strip()
    if is_byline(text):
        return _BYLINE
    if dash_lead(text) or is_profile_subtitle(text):
        return _SUBTITLE
    if is_headline_like(text) and not is_caption(text) and not _CLAUSE_MARKS.search(text):
        return _TITLE
    return _BODY


def _deals(
    texts: Sequence[str], kinds: Sequence[str], stories: int, printed: frozenset[str] = frozenset()
) -> Iterator[_Deal]:
    """Every deal of the head lines that parses, up to the line that closes the last story, with its score
    (``printed``: the three-character strings the text after the heads prints, which a headline's wrap that
    makes one of them joins: 教育|讲座 where the story tells of a 教育讲座)."""
    stage = [_OPEN] * stories
    last_title: list[str | None] = [None] * stories
    dealt: list[int] = []
    as_body: list[bool] = []

    def walk(k: int, score: float) -> Iterator[_Deal]:
        if all(s == _CLOSED for s in stage):
            yield _Deal(score, tuple(dealt), tuple(as_body), k)
            return
        if k == len(texts):
            return
        for story in range(stories):
            if stage[story] == _OPEN and any(stage[s] == _OPEN for s in range(story)):
                break  # a story's first line comes after the first line of every story to its left
            gain = _fit(texts[k], kinds[k], stage[story], last_title[story])
            if gain is None:
                continue
            if stage[story] == _OPEN:
                gain -= _LATE_OPEN * (k - story)  # the heads' top lines stand side by side, printed first
            elif kinds[k] == _TITLE and _wrapped_rest(last_title[story], texts[k]):
                gain += _RIGHTWARD * story * (len(texts) - k)  # the higher the rest, the more it counts
                gain += _ECHO if joins_printed(last_title[story] or "", texts[k], printed) else 0.0
            if dealt and story == (dealt[-1] + 1) % stories:
                gain += _ROW_STEP
            saved = stage[story], last_title[story]
            stage[story] = _advance(kinds[k], stage[story])
            if kinds[k] == _TITLE and saved[0] != _CLOSED:
                last_title[story] = texts[k]
            dealt.append(story)
            as_body.append(saved[0] == _CLOSED)
            yield from walk(k + 1, score + gain)
            dealt.pop()
            as_body.pop()
            stage[story], last_title[story] = saved

    return walk(0, 0.0)


def _fit(text: str, kind: str, stage: int, above: str | None) -> float | None:
    """What a line of ``kind`` adds to a story whose head has reached ``stage`` (None: it cannot go there)."""
    if stage == _CLOSED:
        if kind == _TITLE:
            return _SHAPE_COST  # a short body line with no clause mark, but more often a head line
        return 0.0 if kind == _BODY else None
    if kind == _TITLE:
        if stage == _OPEN:
            return 0.0 if visible_len(text) >= _MIN_TITLE else None
        if stage != _TITLED or above is None or visible_len(above) <= _REMAINDER:
            return None  # nothing goes on under a headline's wrapped last characters
        return _title_join(above, text)
    if kind == _SUBTITLE:
        return 0.0 if stage == _TITLED else None
    if kind == _BYLINE:
        return 0.0 if stage in (_TITLED, _SUBTITLED) else None
    return None


def _advance(kind: str, stage: int) -> int:
    """The stage a story's head reaches with a line of ``kind``."""
    if stage == _CLOSED:
        return stage
    return {_TITLE: _TITLED, _SUBTITLE: _SUBTITLED, _BYLINE: _CLOSED}.get(kind, stage)


def _wrapped_rest(upper: str | None, lower: str) -> bool:
    """True if headline line ``lower`` is shorter than half ``upper``: the rest of a wrapped line."""
    return upper is not None and 2 * visible_len(lower) < visible_len(upper)


@lru_cache(maxsize=1024)
def _title_join(upper: str, lower: str) -> float:
    """How well headline line ``lower`` goes on from ``upper``, the story's headline line above it."""
    upper_s, lower_s = simplified([upper, lower])
    score = lexical_seam(upper_s, lower_s)
    if unpaired_closers(lower):
        score += _QUOTE_JOIN if open_quotes(upper) else _QUOTE_ORPHAN
    return score


class _Columns(NamedTuple):
    """The band's body lines read as columns: each line's column, the columns left to right (one turn of the
    row rhythm), each column's first and last line, how its foot goes on in another's head, and its width."""

    column: list[int]
    order: list[int]
    heads: dict[int, int]
    tails: dict[int, int]
    seams: Seams
    widths: dict[int, float]
    first_lines: dict[int, str]

    @classmethod
    def read(cls, lines: Sequence[str]) -> _Columns | None:
        """The columns of ``lines`` by :func:`newsclean.structure.interleave.best_columns`, or None."""
        texts = simplified(lines)
        seams = Seams(texts, texts, one_measure(texts))
        column = best_columns(texts, texts, seams)
        if not column:
            return None
        order = column_order(column, seams)
        heads = {col: column.index(col) for col in order}
        tails = {col: len(column) - 1 - column[::-1].index(col) for col in order}
        widths = {col: _full_width([t for t, c in zip(lines, column) if c == col]) for col in order}
        return cls(column, order, heads, tails, seams, widths, {col: texts[heads[col]] for col in order})

    def goes_on(self, left: int, right: int) -> float:
        """How well column ``left``'s last line goes on in column ``right``'s first."""
        return self.seams(self.tails[left], self.heads[right])

    def tops(self, lines: Sequence[str], sure: bool = True) -> list[int | None]:
        """The column each of ``lines`` (body lines printed above the band's, among the heads) stands on top of:
        the one whose first line it clearly goes on in, else, in print order, the free column that starts
        highest (its first line printed first); where every story has one column (not ``sure``), None
        instead: its story's column."""
        free = sorted(self.order, key=self.heads.__getitem__)
        out: list[int | None] = []
        for text in lines:
            if not free:
                free = sorted(self.order, key=self.heads.__getitem__)
            clear = [col for col in free if join_score(text, self.first_lines[col]) >= _CLEAR_JOIN]
            if not clear and not sure:
                out.append(None)
                continue
            col = max(clear, key=lambda c: join_score(text, self.first_lines[c])) if clear else free[0]
            free.remove(col)
            out.append(col)
        return out

    def measure(self, columns: Sequence[int]) -> float:
        """The width in ems of ``columns`` side by side."""
        return sum(self.widths[c] for c in columns) + _GUTTER_SLACK * (len(columns) - 1)


def _full_width(lines: Sequence[str]) -> float:
    """A column's width in ems: the median width of its lines with clause marks (its full lines), else its widest."""
    marked = sorted(display_width(t) for t in lines if _CLAUSE_MARKS.search(t))
    if marked:
        return marked[len(marked) // 2]
    return max((display_width(t) for t in lines), default=0.0)


def _best_grouping(
    reading: _Columns, stories: int, opens: dict[int, int], owners: dict[int, int]
) -> list[list[int]] | None:
    """The columns cut into ``stories`` runs of neighbours, left to right.

    Any turn of the rhythm may be the left one. A story whose first body line is known (``opens``: story ->
    its column) starts at that column, and a column topped by a story's body line (``owners``: column ->
    story) is that story's; among the cuts that agree, the one whose columns go on into each other within a
    story and least across a cut between stories wins.
    """
    best: tuple[float, list[list[int]]] | None = None
    for groups in _groupings(reading, stories):
        if any(groups[s][0] != col for s, col in opens.items()) or any(
            col not in groups[s] for col, s in owners.items()
        ):
            continue
        score = sum(reading.goes_on(g[j], g[j + 1]) for g in groups for j in range(len(g) - 1))
        score -= sum(reading.goes_on(a[-1], b[0]) for a, b in zip(groups, groups[1:]))
        # a story's columns share its measure: columns of two measures are two modules
        score += _MIXED_MEASURES * sum(
            1 for g in groups for a, b in zip(g, g[1:]) if abs(reading.widths[a] - reading.widths[b]) > _SAME_MEASURE
        )
        if best is None or score > best[0]:
            best = (score, groups)
    return best[1] if best else None


def _groupings(reading: _Columns, stories: int) -> Iterator[list[list[int]]]:
    """Every cut of the columns into ``stories`` runs of neighbours, left to right: each turn of the rhythm
    cut at every place."""
    order = reading.order
    count = len(order)
    for turn in range(count):
        cols = list(order[turn:]) + list(order[:turn])
        for cuts in _cut_points(count, stories):
            yield [cols[a:b] for a, b in zip((0, *cuts), (*cuts, count))]


def _cut_points(count: int, stories: int) -> list[tuple[int, ...]]:
    """Every way to cut ``count`` columns into ``stories`` non-empty runs: the cut positions."""
    if stories == 1:
        return [()]
    return [
        (first, *(first + c for c in rest))
        for first in range(1, count - stories + 2)
        for rest in _cut_points(count - first, stories - 1)
    ]


def _moved(block: Block, role: str | None = None, rest: bool = False) -> Block:
    """``block`` marked as re-read, so that the column passes after this one leave it where it is, with the
    head role the parse read it in, if any (and, for a headline's wrapped rest, ``headline_rest``: the head
    grouping opens no cluster at it, :func:`newsclean.structure.head_groups.group_lines`)."""
    hints = {**block.hints, "deinterleaved": True}
    if role:
        hints["role"] = role
    if rest:
        hints["headline_rest"] = True
    return Block(block.type, block.text, block.spans, block.flags, hints)


def _opening(block: Block, apart: bool = True) -> Block:
    """``block`` re-read as the first line of a text block (a story's label, a column's head)."""
    hints = {**block.hints, "deinterleaved": True}
    if apart:
        hints["blank_before"] = max(2, int(block.hints.get("blank_before", 0)))
    return Block(block.type, block.text, block.spans, block.flags, hints)


def _as_label(block: Block) -> Block:
    """``block`` given the ``section`` role: the parse read it as a story's label."""
    return Block(block.type, block.text, block.spans, block.flags, {**block.hints, "role": "section"})


def _flagged(block: Block, span: Span) -> Block:
    """``block`` with the band's ``interleaved`` flag."""
    return Block(block.type, block.text, block.spans, block.flags + (Flag("interleaved", _NOTE, span),), block.hints)


def _covering(blocks: Sequence[Block]) -> Span:
    """The source span covering ``blocks``."""
    covering = span_of(sp for b in blocks for sp in b.spans)
    assert covering is not None  # (a band's lines all have spans: see _glued)
    return covering
