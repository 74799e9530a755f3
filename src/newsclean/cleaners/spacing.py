"""Spaces in Chinese text (SPEC 2.3): removed inside running text, kept where print sets them.

Column justification leaves spaces inside Chinese text (``始终 把牢``), and
dumps put spaces around numbers and Latin words (``投资 12000 万元``). In
running text a space next to a Han character or a full-width mark goes; a
space between two Latin or digit runs stays (``Sanmenxia Central Hospital``).

Print does set spaces in some places, and they are kept:

* headline fields and headings print two phrases side by side
  (``纲举目张 运笔开局``): a single space between Han characters stays,
  unless a lexicon word runs across it (``我院召 开``: OCR's, not print's);
* bylines, signoffs and credits in parentheses separate names and roles
  (``国晓宁 通讯员 段新歌``, ``（通讯员 段新歌）``);
* a label introducing its text (``编者按 7月27日下午…``);
* furniture lines separate their fields (``投稿电话 0398-3118011``).

Letter-spaced labels and names are closed up everywhere
(``医 患 故 事`` → ``医患故事``, ``【简 讯】`` → ``【简讯】``, ``刘 宽`` → ``刘宽``).
A line that is only Han words separated by spaces (a byline or a headline
not yet recognised as one) keeps its spaces, so the cleaner is safe to run
before the structure cleaners too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from newsclean.cleaners.base import (
    Edit,
    TextFix,
    apply_edits,
    edits_to_changes,
    log_joined_edits,
    node_starts,
    nodes_matching,
    pauses_gc,
    repeat_fix,
)
from newsclean.cleaners.chars import CJK, HAN, SPACE, is_cjk, is_han
from newsclean.lexicon import crossing_word, looks_like_name, segmentation_score, word_freq
from newsclean.model import Change, Document, Span, copy_with
from newsclean.registry import cleaner

_SPACES = re.compile(f"[{SPACE}]+")
_IN_WORD = 50  # lexicon frequency of a word across a headline's space that makes the space OCR's
# A run of single Han characters separated by single spaces: 医 患 故 事, 刘 宽.
_LETTER_SPACED = re.compile(f"(?<![{HAN}])[{HAN}](?:[{SPACE}][{HAN}](?![{HAN}]))+")
# The first space of such a run, found by a scan led by the space class (several times faster):
# a text without one has no letter-spaced run.
_LETTER_PAIR = re.compile(f"[{SPACE}](?<=[{HAN}][{SPACE}])(?<![{HAN}]{{2}}[{SPACE}])[{HAN}](?![{HAN}])")
# Credits in parentheses: （通讯员 段新歌）, （医疗发展部 陆家骏 高血压科 苏丽娜）.
_CREDIT = re.compile(f"[（(][{HAN}·]+(?:[{SPACE}]+[{HAN}·]+)+[）)]")
# A whole node of Han words separated by spaces: a byline, a headline pair, a name list.
_WORD_LIST = re.compile(f"[{HAN}·、]+(?:[{SPACE}]+[{HAN}·、]+)+")
_LABELS = (
    "编者按",
    "编者的话",
    "编后",
    "编后语",
    "记者手记",
    "短评",
    "链接",
    "相关链接",
    "小贴士",
    "延伸阅读",
    "本报讯",
    "本刊讯",
    "編者按",
    "編者的話",
    "編後語",
    "記者手記",
    "本報訊",
    "本刊訊",
)
_LABEL = re.compile(f"(?:{'|'.join(_LABELS)})[{SPACE}]+")
_SENTENCE = re.compile(r"[，。！？；,.!?;]")

# A run of spaces next to Chinese (before or after it) or at a line's edge. (Led by the space
# class, which the regex engine skips to in C; a pattern led by a lookbehind is tried at every character.)
_PLAIN_BODY_SPACE = re.compile(
    f"(?m)[{SPACE}](?:(?<=[{CJK}][{SPACE}])[{SPACE}]*|(?<=^[{SPACE}])[{SPACE}]*|[{SPACE}]*(?=[{CJK}]|$))"
)
_PLAIN_REASON = "space inside Chinese text (column justification or extraction)"
_EDGE_REASON = "space at the edge of a text"


def _is_plain_body(text: str) -> bool:
    if " " not in text and "\u3000" not in text and "\t" not in text and "\u00a0" not in text:
        return True
    return not ("(" in text or "（" in text or _LABEL.match(text) or (len(text) <= 60 and _WORD_LIST.fullmatch(text)))


BODY, HEADLINE, NAMES, FIELDS = "body", "headline", "names", "fields"


def _collapse_letter_spacing(text: str) -> list[Edit]:
    if not _LETTER_PAIR.search(text):
        return []
    edits = []
    for m in _LETTER_SPACED.finditer(text):
        s = m.group(0)
        for k, ch in enumerate(s):
            if ch in SPACE:
                edits.append(Edit(m.start() + k, m.start() + k + 1, ch, "", "letter-spaced label or name closed up"))
    return edits


def _inside_kept(keep: list[tuple[int, int]], start: int, end: int) -> bool:
    """True if ``[start, end)`` lies in one of ``keep`` (sorted, disjoint), after its first character.

    Only the last range starting before ``start`` can hold it: found by bisection.
    """
    k = bisect_left(keep, (start,)) - 1
    return k >= 0 and end <= keep[k][1]


def fix_spacing(text: str, mode: str = BODY) -> TextFix:
    """Remove the spaces ``mode`` does not keep (see the module docstring).

    ``mode`` is ``body`` (running text), ``headline`` (title, heading: a single
    space between Han characters stays), ``names`` (byline, signoff: spaces
    between words stay) or ``fields`` (furniture: only letter-spacing closed).

    >>> fix_spacing("今年以来,东昌府区卫健局始终 把牢党建工作方向,守好新冠肺炎疫 情防线").text
    '今年以来,东昌府区卫健局始终把牢党建工作方向,守好新冠肺炎疫情防线'
    >>> fix_spacing("“血压 90/60，心率 120！” 明女士表达感谢。 （通讯员 段新歌）").text
    '“血压90/60，心率120！”明女士表达感谢。（通讯员 段新歌）'
    >>> fix_spacing("编者按 7月27日下午，医 患 故 事").text
    '编者按 7月27日下午，医患故事'
    >>> fix_spacing("我院举办 2025 年干部管理能力提升培训班", "headline").text
    '我院举办2025年干部管理能力提升培训班'
    >>> fix_spacing("纲举目张 运笔开局", "headline").text, fix_spacing("我院召 开推进会", "headline").text
    ('纲举目张 运笔开局', '我院召开推进会')
    >>> fix_spacing("总策划：杨冬林 刘 宽 审核：李 峰", "fields").text
    '总策划：杨冬林 刘宽 审核：李峰'
    """
    # closing one gap can make a letter-spaced run of what is left (刘 宽  刘 → 刘 宽 刘): to a fixed point
    return repeat_fix(text, lambda t: _fix_spacing_once(t, mode), _MAX_PASSES)


_MAX_PASSES = 3


def _fix_spacing_once(text: str, mode: str) -> TextFix:
    """One pass of :func:`fix_spacing`."""
    if not _SPACES.search(text):
        return TextFix(text, ())
    letter = _collapse_letter_spacing(text)
    if mode == FIELDS:
        return apply_edits(text, letter)
    if mode == BODY and len(text) <= 60 and _WORD_LIST.fullmatch(text):
        mode = NAMES  # a byline or name list not yet lifted out of the body
    keep: list[tuple[int, int]] = []
    label = _LABEL.match(text) if mode in (BODY, HEADLINE) else None
    if label:  # in any text: once the body is closed up, a short one reads as a headline
        keep.append(label.span())
    if mode == BODY:
        if "(" in text or "（" in text:
            keep.extend(m.span() for m in _CREDIT.finditer(text) if m.end() - m.start() <= 60)
    edits = list(letter)
    collapsed = {e.start for e in letter}
    n = len(text)
    for m in _SPACES.finditer(text):
        s, e = m.span()
        if s in collapsed:
            continue
        if keep and _inside_kept(keep, s, e):
            continue
        left = text[s - 1] if s > 0 else ""
        right = text[e] if e < n else ""
        if not left or not right:
            edits.append(Edit(s, e, m.group(0), "", _EDGE_REASON))
            continue
        if not (is_cjk(left) or is_cjk(right)):
            continue  # between Latin words or numbers: print keeps it
        if mode == HEADLINE and is_han(left) and is_han(right) and _splits_headline_word(text, s, e):
            edits.append(Edit(s, e, m.group(0), "", "a space inside a word of a headline (OCR, or a wrap)"))
            continue
        if mode == NAMES and is_han(left) and is_han(right) or mode == HEADLINE and is_han(left) and is_han(right):
            if m.group(0) != " ":
                edits.append(Edit(s, e, m.group(0), " ", "one space between words of a headline or byline"))
            continue
        edits.append(Edit(s, e, m.group(0), "", _PLAIN_REASON))
    return apply_edits(text, edits)


_SPLIT_GAIN = 2.0  # log-probability the headline gains closed up: a word spans the space
_REACH = 8  # characters either side of a headline space that its tests read
_HAN_RUN_BEFORE = re.compile(f"[{HAN}]+$")
_HAN_RUN_AFTER = re.compile(f"[{HAN}]+")


def _splits_headline_word(text: str, s: int, e: int) -> bool:
    """True if the space ``text[s:e]`` between Han characters of a headline cuts a word, not two phrases.

    Two phrases side by side read the same with the space or without
    (``纲举目张 运笔开局``: no word spans it); a space an extractor left where
    the headline wrapped, or OCR put inside a word, splits one: a lexicon
    word spans it (``我院召 开推进会``, ``…义 诊活动``), or it cuts off a single
    character from its quotation or phrase (``“世界献血者 日”主题活动``).
    """
    if _wrapped_rest(text, s, e):
        return True
    # (each test reads a few characters either side: windows, not the whole text, so a long text stays linear)
    left, right = text[max(0, s - _REACH) : s], text[e : e + _REACH]
    if crossing_word(left, right, _IN_WORD):
        return True
    before = _HAN_RUN_BEFORE.search(left)
    after = _HAN_RUN_AFTER.match(right)
    if before and after and min(len(before.group(0)), len(after.group(0))) == 1:
        return True
    return segmentation_score(left + right) - segmentation_score(left) - segmentation_score(right) > _SPLIT_GAIN


_REST = 3  # characters: a headline's last piece this short, and no word, is the rest of a wrapped line


def _wrapped_rest(text: str, s: int, e: int) -> bool:
    """True if the space ``text[s:e]`` sets off the rest of a headline line that wrapped (``…紧密型医 共体``).

    Extractors that join a wrapped headline's lines with a space leave its
    last few characters behind the last space; no phrase of a headline is
    one to three characters that make no word, under a line three times as long.
    """
    end = len(text)
    while end > e and end - e <= _REST + 1 and text[end - 1].isspace():
        end -= 1  # (trailing spaces stepped over one by one: no copy of the text per space)
    if not 0 < end - e <= _REST:
        return False  # (checked before any slice: a long text stays linear)
    rest = text[e:end]
    return (
        bool(_HAN_RUN_AFTER.fullmatch(rest))
        and not word_freq(rest)
        and not looks_like_name(rest)  # (a byline read into a subtitle: ``…家庭醫學科 蔡明哲``)
        and len(text[:s].strip()) >= 3 * len(rest)
    )


def _ink_length(text: str) -> int:
    """The length of ``text`` without its spaces: what the cleaner's own edits leave unchanged."""
    return len(text) - sum(len(run) for run in _SPACES.findall(text))


def _block_mode(block_type: str, text: str, hints: Mapping[str, Any]) -> str:
    if block_type == "heading":
        return HEADLINE
    if block_type == "signoff":
        return NAMES
    # A short line with no sentence punctuation reads as a headline. Its length is counted
    # without spaces, so that closing up a letter-spaced run cannot change the mode on a
    # second run (the cleaner stays idempotent).
    if block_type == "paragraph" and (
        hints.get("md_level") or (_ink_length(text) <= 30 and not _SENTENCE.search(text))
    ):
        return HEADLINE
    return BODY


_FIELD_MODES = {"title": HEADLINE, "subtitle": HEADLINE, "kicker": HEADLINE, "section": HEADLINE, "byline": NAMES}


def _has_space(text: str) -> bool:
    return " " in text or "\u3000" in text or "\t" in text or "\u00a0" in text


@cleaner("cjk_spacing", family="spacing")
@pauses_gc
def cjk_spacing(doc: Document, options: Mapping[str, Any]) -> Document:
    """Spaces removed inside Chinese text; kept in headline pairs, bylines, credits and furniture fields."""
    changes: list[Change] = []

    def fix(text: str, mode: str, spans: tuple[Span, ...]) -> str:
        if not _has_space(text):
            return text
        result = fix_spacing(text, mode)
        if result.edits:
            changes.extend(edits_to_changes("cjk_spacing", result.edits, spans, len(text)))
        return result.text

    # Plain running text (no credits in parentheses, no label, not a name
    # list) is done in one regex pass over all such blocks at once, edited
    # and logged at its matches only; the other texts one by one.
    modes: list[list[str]] = []
    plain: list[str] = []
    plain_spans: list[tuple[Span, ...]] = []
    for article in doc.articles:
        row = []
        for b in article.blocks:
            mode = _block_mode(b.type, b.text, b.hints) if _has_space(b.text) else ""
            if mode == BODY and _is_plain_body(b.text):
                mode = "plain"
                plain.append(b.text)
                plain_spans.append(b.spans)
            row.append(mode)
        modes.append(row)
    fast: dict[int, str] = {}
    if plain:
        joined = "\n".join(plain)
        end = len(joined)

        def spaces() -> Iterator[tuple[int, int, str, str]]:
            for m in _PLAIN_BODY_SPACE.finditer(joined):
                s, e = m.span()
                edge = s == 0 or e == end or joined[s - 1] == "\n" or joined[e] == "\n"
                yield s, e, "", _EDGE_REASON if edge else _PLAIN_REASON

        edited, logged = log_joined_edits("cjk_spacing", plain, plain_spans, node_starts(plain), spaces())
        changes.extend(logged)
        # (the pattern finds in a text alone what it finds in it within the join: it never reaches past a newline)
        fast = {i: _PLAIN_BODY_SPACE.sub("", plain[i]) for i in edited}
    k = -1
    articles = []
    touched = False
    for article, row in zip(doc.articles, modes):
        blocks = None
        for j, (b, mode) in enumerate(zip(article.blocks, row)):
            if not mode:
                continue
            if mode == "plain":
                k += 1
                new = fast.get(k)
                if new is None:
                    continue
            else:
                new = fix(b.text, mode, b.spans)
                if new == b.text:
                    continue
            if blocks is None:
                blocks = list(article.blocks)
            blocks[j] = copy_with(b, text=new)
        head = {}
        for name, value in article.head().items():
            if value:
                new = fix(value, _FIELD_MODES[name], tuple(article.field_spans.get(name, ())))
                if new != value:
                    head[name] = new
        if blocks is not None or head:
            article = replace(article, blocks=tuple(blocks) if blocks is not None else article.blocks, **head)
            touched = True
        articles.append(article)
    furniture = list(doc.furniture)
    # Furniture only has letter-spacing closed up: one scan of it all picks the
    # lines with a letter-spaced run (the pattern never reaches past a newline).
    furniture_texts = [f.text for f in furniture]
    for j in sorted(nodes_matching(furniture_texts, _LETTER_PAIR)):
        f = furniture[j]
        new = fix(f.text, FIELDS, f.spans)
        if new != f.text:
            touched = True
            furniture[j] = copy_with(f, text=new)
    if not changes and not touched:
        return doc
    return replace(doc, articles=tuple(articles), furniture=tuple(furniture)).with_changes(changes)


__all__ = ["cjk_spacing", "fix_spacing"]
