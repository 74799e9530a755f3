"""OCR confusions: look-alike characters, the dash read as 一, letters in numbers, stray words.

A look-alike (人/入, 己/已/巳, 未/末, 曰/日, 担/推) is replaced only where the
jieba lexicon (:mod:`newsclean.lexicon`, 349k words with corpus frequencies)
makes it certain: no word of two to four characters holds the printed
character in its context, or the words that do are rare, while the
look-alike forms a word at least :data:`RATIO` times more frequent
(``外防输人`` → ``外防输入``, ``自已`` → ``自己``). A second, document-level
rule uses the document's own spelling: where the printed character makes no
word with its right (or left) neighbour and the look-alike's three-character
form is printed elsewhere in the same document, the look-alike is taken
(``两个人冠口`` → ``两个入冠口`` when ``入冠口`` occurs elsewhere).

The dash read as the character 一 is repaired in two certain places only:
between numbers (``8月19日一21日`` → ``8月19日—21日``) and leading a
subtitle line under a headline (``一东昌府区…走笔`` → ``——东昌府区…走笔``)
when 一 makes no word with what follows. The numeral 一 is never touched.

Inside numbers, O/o read for 0 and l/I read for 1 are repaired
(``2O25`` → ``2025``). A lowercase English word between Chinese characters
is a stray word: ``with``/``and`` are repaired (``将健康管理 with 医疗指导`` →
``将健康管理与医疗指导``), any other is flagged ``stray_word``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from newsclean.cleaners.base import (
    Edit,
    TextFix,
    apply_edits,
    apply_text_fixer,
    compose,
    edits_to_changes,
    node_starts,
    node_texts,
    nodes_matching,
    pauses_gc,
)
from newsclean.cleaners.chars import HAN, SPACE, is_han
from newsclean.lexicon import char_rank_order, corpus_words, segmentation_score, word_frequencies, word_tag
from newsclean.model import Article, Change, Document
from newsclean.registry import cleaner

# Printed character -> characters it may be a misreading of.
CONFUSABLE: dict[str, str] = {
    "人": "入",
    "入": "人",
    "己": "已",
    "已": "己",
    "巳": "已己",
    "未": "末",
    "末": "未",
    "曰": "日",
    "担": "推",
}
RATIO = 20  # the look-alike's best word must be this much more frequent
MIN_FREQ = 50  # ... and at least this frequent
STRONG = 5000  # a printed word this frequent is never replaced (RATIO x STRONG exceeds any look-alike word)

_CANDIDATE = re.compile(f"[{''.join(CONFUSABLE)}]")
_RANGE_DASH = re.compile(r"(?:(?<=\d)|(?<=\d[年月日号时点]))一(?=\d)")
_LETTER_IN_NUMBER = re.compile(r"(?<![A-Za-z0-9])[0-9OolI]*(?:\d[OolI]|[OolI]\d)[0-9OolI]*(?![A-Za-z0-9])")
_NUMBER_FIX = str.maketrans("OolI", "0011")
_STRAY_WORD = re.compile(f"(?<=[{HAN}])[{SPACE}]*([a-z]{{2,12}})[{SPACE}]*(?=[{HAN}])")
_STRAY_REPAIR = {"with": "与", "and": "和"}
# Lowercase Latin that does occur inside Chinese text.
_LATIN_OK = frozenset("mg ml kg cm mm km ug g app vs ok pm am".split())
_SUBTITLE_DASH_BLOCKERS = re.compile(r"[。！？，,!?；;]")


def _words_at(text: str, i: int, ch: str, freqs: Mapping[str, int]) -> Iterator[tuple[int, int, int]]:
    """Lexicon words ``(freq, start, end)`` of 2–4 Han characters covering ``i`` when it reads ``ch``."""
    n = len(text)
    for a in range(max(0, i - 3), i + 1):
        if not all(is_han(c) for c in text[a:i]):
            continue
        for b in range(max(i + 1, a + 2), min(n, a + 4) + 1):
            if not is_han(text[b - 1]) and b - 1 != i:
                break
            f = freqs.get(text[a:i] + ch + text[i + 1 : b], 0)
            if f:
                yield f, a, b


def _best_word(text: str, i: int, ch: str, freqs: Mapping[str, int]) -> int:
    """The frequency of the most frequent word of 2–4 characters covering position ``i`` when it reads ``ch``."""
    return max((f for f, _, _ in _words_at(text, i, ch, freqs)), default=0)


def _conflicts(text: str, i: int, start: int, end: int, freq: int, freqs: Mapping[str, int]) -> bool:
    """True if a neighbour the word ``text[start:end]`` borrows belongs to a stronger word without ``i``.

    ``正常入园`` does not become ``正常人园``: 常人 would take 常 from 正常.
    """
    n = len(text)
    for p in range(start, end):
        if p == i:
            continue
        for a in range(max(0, p - 3), p + 1):
            for b in range(max(p + 1, a + 2), min(n, a + 4) + 1):
                if a <= i < b:
                    continue
                seg = text[a:b]
                if all(is_han(c) for c in seg) and freqs.get(seg, 0) * 4 >= freq:
                    return True
    return False


def _from_evidence(text: str, i: int, ch: str, lb: int, rb: int, evidence: frozenset[str]) -> str | None:
    n = len(text)
    for alt in _MORE_FREQUENT_FOR[ch]:
        if rb == 0 and i + 3 <= n and is_han(text[i + 2]) and alt + text[i + 1 : i + 3] in evidence:
            return alt
        if lb == 0 and i >= 2 and is_han(text[i - 2]) and text[i - 2 : i] + alt in evidence:
            return alt
    return None


@lru_cache(maxsize=1)
def _more_frequent_for() -> dict[str, str]:
    # OCR turns a glyph it is unsure of into the more frequent character, so
    # the document's own spelling is trusted in that direction only:
    # a printed 人 may be a misread 入, a printed 入 is not taken for 人.
    rank = char_rank_order("".join(CONFUSABLE) + "".join(CONFUSABLE.values()))
    return {ch: "".join(alt for alt in alts if rank[alt] > rank[ch]) for ch, alts in CONFUSABLE.items()}


class _LazyDirections(dict):
    def __missing__(self, key: str) -> str:
        self.update(_more_frequent_for())
        return self[key]


_MORE_FREQUENT_FOR: dict[str, str] = _LazyDirections()


def fix_lookalikes(text: str, evidence: frozenset[str] = frozenset()) -> TextFix:
    """Repair look-alike characters where the lexicon (or the document's own spelling) is certain.

    ``evidence`` holds three-character forms printed elsewhere in the document.

    >>> fix_lookalikes("坚持外防输人、内防反弹,东昌府区担进优质医疗资源,为自已").text
    '坚持外防输入、内防反弹,东昌府区推进优质医疗资源,为自己'
    >>> fix_lookalikes("在济聊馆高速两个人冠口", frozenset({"入冠口"})).text
    '在济聊馆高速两个入冠口'
    >>> fix_lookalikes("人民群众的收入、个人所得、深入基层、未来一年").text
    '人民群众的收入、个人所得、深入基层、未来一年'
    """
    original = text
    changed: dict[int, Edit] = {}
    for _ in range(3):  # a repair can make the context of another: repeat until nothing changes
        text, found = _lookalike_pass(text, evidence)
        for e in found:
            # Repairs replace one character by one, so positions stay put;
            # a position repaired twice is one edit of the original character.
            first = changed.get(e.start)
            changed[e.start] = (
                e if first is None else Edit(e.start, e.end, first.before, e.after, f"{first.reason}; {e.reason}")
            )
        if not found:
            break
    if text == original:
        return TextFix(original, ())
    return TextFix(text, tuple(changed[k] for k in sorted(changed) if changed[k].before != changed[k].after))


def _lookalike_pass(text: str, evidence: frozenset[str]) -> tuple[str, list[Edit]]:
    freqs = word_frequencies()
    edits = []
    n = len(text)
    # Repairs replace one character by one, in place, and later candidates see
    # them; each rule reads at most REACH characters either side of its candidate.
    chars = list(text)
    for m in _CANDIDATE.finditer(text):
        i = m.start()
        ch = chars[i]
        if not _verdict(chars[i - 1] if i else "", ch, chars[i + 1] if i + 1 < n else "") & 3:
            continue  # KEPT: neither rule can act on it, whatever the wider context (memoised)
        lo = i - REACH if i > REACH else 0
        repair = _repair_at("".join(chars[lo : i + REACH + 1]), i - lo, ch, freqs, evidence)
        if repair is not None:
            alt, reason = repair
            edits.append(Edit(i, i + 1, ch, alt, reason))
            chars[i] = alt
    return "".join(chars), edits


def _repair_at(
    text: str, i: int, ch: str, freqs: Mapping[str, int], evidence: frozenset[str]
) -> tuple[str, str] | None:
    """The look-alike to put at ``i`` instead of ``ch`` and why, or None (``text``: the candidate's window)."""
    n = len(text)
    left_han = i > 0 and is_han(text[i - 1])
    right_han = i + 1 < n and is_han(text[i + 1])
    lb = freqs.get(text[i - 1 : i + 1], 0) if left_han else -1
    rb = freqs.get(text[i : i + 2], 0) if right_han else -1
    if evidence and (lb == 0 or rb == 0):
        alt = _from_evidence(text, i, ch, lb, rb, evidence)
        # The document's spelling is taken only if the lexicon would not
        # turn it back (`东昌府区人民` next to a printed `东昌府区入冠口`
        # keeps 人民): otherwise the two rules disagree and nothing is certain.
        if (
            alt
            and _lexicon_choice(
                text[max(0, i - REACH) : i] + alt + text[i + 1 : i + REACH + 1], min(i, REACH), alt, freqs
            )
            is None
        ):
            return alt, f"OCR look-alike: {ch}→{alt} (spelt so elsewhere in the document)"
    choice = _lexicon_choice(text, i, ch, freqs, lb, rb)
    if choice is not None:
        alt, alt_best, orig = choice
        return alt, f"OCR look-alike: {ch}→{alt} (lexicon: {alt_best} vs {orig})"
    corpus = _corpus_choice(text[i - 1] if i else "", ch, text[i + 1] if i + 1 < n else "")
    if corpus is not None and _best_word(text, i, ch, freqs) == 0:
        alt, word = corpus
        return alt, f"OCR look-alike: {ch}→{alt} (wordfreq lists {word}, neither lexicon {ch}{word[1:]})"
    return None


@lru_cache(maxsize=65536)
def _corpus_choice(left: str, ch: str, right: str) -> tuple[str, str] | None:
    """The look-alike the wider corpus lexicon puts between ``left`` and ``right``, and its word; or None.

    Only for a noun opening a clause (``、人厂区``) that jieba knows in no
    word with the character after it, nor a common word of its look-alike:
    then wordfreq's corpus list decides by presence, the look-alike's pair
    listed and the printed one's not (入厂 is, 人厂 is not). Anywhere else
    absence proves nothing: 让人, 等人 are two words, listed by neither
    lexicon, and an adverb opening a clause (未学过) makes none with the
    verb after it. Only in the direction OCR misreads (see
    :func:`_more_frequent_for`).
    """
    if (left and is_han(left)) or not (right and is_han(right)) or not _MORE_FREQUENT_FOR[ch]:
        return None
    if not word_tag(ch).startswith("n"):
        return None
    freqs = word_frequencies()
    if freqs.get(ch + right, 0):
        return None
    corpus = corpus_words()
    if ch + right in corpus:
        return None
    for alt in _MORE_FREQUENT_FOR[ch]:
        word = alt + right
        if word in corpus and freqs.get(word, 0) < MIN_FREQ:
            return alt, word
    return None


REACH = 6  # _lexicon_choice reads at most this many characters either side of ``i``


def _lexicon_choice(
    text: str, i: int, ch: str, freqs: Mapping[str, int], lb: int | None = None, rb: int | None = None
) -> tuple[str, int, int] | None:
    """The look-alike the lexicon puts at ``i`` instead of ``ch``: ``(alt, its word's frequency, the printed one's)``, or None.

    The verdict depends only on the characters within :data:`REACH` of
    ``i`` (words of two to four characters covering ``i``, and the words
    their other characters belong to), so it is memoised on that window:
    the same phrase recurs across a dump. (``lb``/``rb`` are the printed
    character's two-character word frequencies, read from the same window.)
    """
    del lb, rb
    lo = i - REACH if i > REACH else 0
    if freqs is not word_frequencies():
        return _lexicon_choice_at(text[lo : i + REACH + 1], i - lo, ch, freqs)
    return _lexicon_choice_memo(text[lo : i + REACH + 1], i - lo, ch)


@lru_cache(maxsize=1 << 16)
def _lexicon_choice_memo(window: str, i: int, ch: str) -> tuple[str, int, int] | None:
    return _lexicon_choice_at(window, i, ch, word_frequencies())


def _lexicon_choice_at(text: str, i: int, ch: str, freqs: Mapping[str, int]) -> tuple[str, int, int] | None:
    n = len(text)
    left_han = i > 0 and is_han(text[i - 1])
    right_han = i + 1 < n and is_han(text[i + 1])
    if not (left_han or right_han):
        return None
    lb = freqs.get(text[i - 1 : i + 1], 0) if left_han else -1
    rb = freqs.get(text[i : i + 2], 0) if right_han else -1
    if max(lb, rb) >= STRONG:
        return None  # the printed character makes a common word: no look-alike can beat it by RATIO
    alts = [
        alt
        for alt in CONFUSABLE.get(ch, "")
        if max(freqs.get(text[i - 1] + alt, 0) if left_han else 0, freqs.get(alt + text[i + 1], 0) if right_han else 0)
        >= MIN_FREQ
    ]
    if not alts:
        return None  # the look-alike makes no common word with a neighbour either
    orig = _best_word(text, i, ch, freqs)
    for alt in alts:
        alt_best, a, b = max(_words_at(text, i, alt, freqs), default=(0, 0, 0))
        if (
            alt_best >= MIN_FREQ
            and alt_best >= RATIO * (orig + 1)
            and not _conflicts(text, i, a, b, alt_best, freqs)
            and _reads_better(text, i, alt)
        ):
            return alt, alt_best, orig
    return None


def _reads_better(text: str, i: int, alt: str) -> bool:
    """True if ``text`` with ``alt`` at ``i`` segments better than as printed.

    A word count alone misleads where the lexicon lists a pair rarely as one
    word because it is usually two (没人 3 against 没入 138 in jieba): the best
    segmentation weighs the single characters too (没|人|照看 beats 没入|照看).
    """
    return segmentation_score(text[:i] + alt + text[i + 1 :]) > segmentation_score(text)


def fix_numbers_and_dashes(text: str, *, ranges: bool = True, numbers: bool = True, stray: bool = True) -> TextFix:
    """O/l read inside numbers, a range dash read as 一, stray ``with``/``and`` between Chinese words.

    >>> fix_numbers_and_dashes("8月19日一21日,2O25年,一串串数字,将健康管理 with 医疗指导").text
    '8月19日—21日,2025年,一串串数字,将健康管理与医疗指导'
    """
    edits: list[Edit] = []
    if ranges and "一" in text:
        edits.extend(
            Edit(m.start(), m.end(), "一", "—", "range dash read as the character 一")
            for m in _RANGE_DASH.finditer(text)
        )
    if numbers and any(c in text for c in "OolI"):
        for m in _LETTER_IN_NUMBER.finditer(text):
            run = m.group(0)
            letters = sum(1 for c in run if c in "OolI")
            if letters <= len(run) - letters:
                edits.append(
                    Edit(m.start(), m.end(), run, run.translate(_NUMBER_FIX), "letter O/l read inside a number")
                )
    for m in _STRAY_WORD.finditer(text) if stray else ():
        word = m.group(1)
        if word in _STRAY_REPAIR:
            edits.append(
                Edit(
                    m.start(),
                    m.end(),
                    m.group(0),
                    _STRAY_REPAIR[word],
                    f"stray English word {word!r} inside Chinese text",
                )
            )
    return apply_edits(text, edits)


def stray_words(text: str) -> list[tuple[str, str, int, int]]:
    """Flags for lowercase Latin words standing between Chinese words.

    >>> stray_words("将健康管理 from 医疗指导")
    [('stray_word', "English word 'from' inside Chinese text", 5, 11)]
    """
    out = []
    for m in _STRAY_WORD.finditer(text):
        word = m.group(1)
        if word not in _LATIN_OK and word not in _STRAY_REPAIR:
            out.append(("stray_word", f"English word {word!r} inside Chinese text", m.start(), m.end()))
    return out


def _subtitle_dash(article: Article, changes: list[Change]) -> Article:
    freqs = word_frequencies()
    blocks = list(article.blocks)
    changed = False
    for k in range(1, len(blocks)):
        text = blocks[k].text
        if not text.startswith("一") or len(text) > 50 or len(text) < 4 or _SUBTITLE_DASH_BLOCKERS.search(text):
            continue
        if not all(is_han(c) for c in text[1:4]) or any(freqs.get(text[:j], 0) for j in (2, 3, 4)):
            continue  # 一 starts a word (一串串, 一名): the numeral
        prev = blocks[k - 1].text
        if len(prev) > 40 or re.search(r"[。！？，,]", prev):
            continue  # a subtitle follows a headline
        edit = Edit(0, 1, "一", "——", "subtitle dash read as the character 一")
        changes.extend(edits_to_changes("ocr_confusions", [edit], blocks[k].spans))
        blocks[k] = replace(blocks[k], text="——" + text[1:])
        changed = True
    return replace(article, blocks=tuple(blocks)) if changed else article


KEPT, MAYBE, BY_EVIDENCE = 0, 1, 2
LEFT_UNKNOWN, RIGHT_UNKNOWN = 4, 8  # verdict bits: the printed character makes no word with that neighbour


@lru_cache(maxsize=65536)
def _verdict(left: str, ch: str, right: str) -> int:
    """What the first look-alike pass can do with ``ch`` between ``left`` and ``right`` ('' at an edge).

    :data:`KEPT`: nothing, whatever the rest of the text; :data:`MAYBE`: the
    lexicon rule must look further; :data:`BY_EVIDENCE`: only the document's
    own spelling could change it. :data:`LEFT_UNKNOWN` / :data:`RIGHT_UNKNOWN`
    tell which neighbour makes no word with it. The same three characters
    recur all over a text (and across texts), so the look-ups are memoised.
    """
    freqs = word_frequencies()
    left_han = bool(left) and is_han(left)
    right_han = bool(right) and is_han(right)
    if not (left_han or right_han):
        return KEPT
    lb = freqs.get(left + ch, 0) if left_han else -1
    rb = freqs.get(ch + right, 0) if right_han else -1
    bits = (LEFT_UNKNOWN if lb == 0 else 0) | (RIGHT_UNKNOWN if rb == 0 else 0)
    if max(lb, rb) < STRONG and any(
        max(freqs.get(left + alt, 0) if left_han else 0, freqs.get(alt + right, 0) if right_han else 0) >= MIN_FREQ
        for alt in CONFUSABLE[ch]
    ):
        return MAYBE | bits
    if bits and _MORE_FREQUENT_FOR[ch]:
        return BY_EVIDENCE | bits
    return KEPT | bits


def _scan(joined: str) -> tuple[list[tuple[int, int]], frozenset[str]]:
    """One pass over the look-alike candidates of the whole document.

    Returns the candidates ``(position, verdict)`` the first look-alike pass
    may act on, and the document's evidence: the three-character forms with
    a look-alike that it prints and that would support a repair (see
    :func:`_from_evidence`).
    """
    # All a candidate tells (its verdict, the forms it prints and those it
    # would want printed) depends on the two characters either side of it
    # only, and the same few hundred such windows make up a whole document:
    # each distinct window is judged once (in this call: nothing is shared).
    judged: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {}
    at_start = []  # candidates with fewer than two characters before them
    found = []
    for m in _CANDIDATE.finditer(joined):
        i = m.start()
        if i < 2:
            at_start.append(_judge(joined, i))
            v = at_start[-1][0]
        else:
            window = joined[i - 2 : i + 3]
            verdict = judged.get(window)
            if verdict is None:
                verdict = judged[window] = _judge(window, 2)
            v = verdict[0]
        if v & 3:
            found.append((i, v))
    wanted: set[str] = set()
    printed: set[str] = set()
    for _, forms_printed, forms_wanted in (*judged.values(), *at_start):
        printed.update(forms_printed)
        wanted.update(forms_wanted)
    # A look-alike that is itself a candidate was seen above; any other is looked for.
    alt_chars = set("".join(_more_frequent_for().values()))
    others = {
        f
        for f in wanted
        if not (f[0] in alt_chars and f[0] in CONFUSABLE or f[-1] in alt_chars and f[-1] in CONFUSABLE)
    }
    return found, frozenset(wanted & printed) | _evidence(joined, others)


def _judge(text: str, i: int) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """The candidate ``text[i]``, from ``text[i - 2 : i + 3]`` only: its verdict, the forms it prints, those it wants.

    The printed forms are the three characters from (and up to) a look-alike
    of another candidate; the wanted ones, the candidate's look-alike with
    the two characters after (before) it where it makes no word with that
    neighbour (see :func:`_from_evidence`).
    """
    n = len(text)
    ch = text[i]
    more = _more_frequent_for()
    printed = []
    if ch in set("".join(more.values())):
        printed.append(text[i : i + 3])
        if i >= 2:
            printed.append(text[i - 2 : i + 1])
    v = _verdict(text[i - 1] if i else "", ch, text[i + 1] if i + 1 < n else "")
    wanted = []
    if v & (LEFT_UNKNOWN | RIGHT_UNKNOWN) and more[ch]:
        for alt in more[ch]:
            if v & RIGHT_UNKNOWN and i + 2 < n and is_han(text[i + 2]):
                wanted.append(alt + text[i + 1 : i + 3])
            if v & LEFT_UNKNOWN and i >= 2 and is_han(text[i - 2]):
                wanted.append(text[i - 2 : i] + alt)
    return v, tuple(printed), tuple(wanted)


def _evidence(doc_text: str, wanted: set[str]) -> frozenset[str]:
    """The three-character forms of ``wanted`` that ``doc_text`` prints."""
    if not wanted:
        return frozenset()
    pattern = re.compile("|".join(sorted(wanted)))
    return frozenset(m.group(0) for m in pattern.finditer(doc_text))


# Scans of the whole document that pick the texts the number/word step and the
# stray-word flagger may act on. They may pick more texts than those steps act
# on, never fewer; each starts with a rare character class (a pattern led by
# the Han class tries a match at every Han character: several times slower).
_HAN_THEN_LATIN = re.compile(
    f"[a-z][a-z](?:(?<=[{HAN}][a-z][a-z])|(?<=[{HAN}][{SPACE}][a-z][a-z])|(?<=[{SPACE}][{SPACE}][a-z][a-z]))"
)
# (separate scans: an alternation of patterns led by different classes is tried at every position)
_DASH_PROBE = re.compile("一(?:(?<=\\d一)|(?<=\\d[年月日号时点]一))\\d")
_LETTER_PROBE = re.compile(r"[OolI](?:(?<=\d[OolI])|(?=\d))")


def _may_have_numbers_or_words(text: str) -> bool:
    """True if the number/word step may change ``text``: the three probes, one scan each (see above)."""
    return bool(_DASH_PROBE.search(text) or _LETTER_PROBE.search(text) or _HAN_THEN_LATIN.search(text))


@cleaner("ocr_confusions", family="stray characters")
@pauses_gc
def ocr_confusions(doc: Document, options: Mapping[str, Any]) -> Document:
    """Look-alike characters (人/入, 己/已, 未/末, 曰/日) where the lexicon is certain; 一 read for a dash; O/l in numbers."""
    del options
    for _ in range(_MAX_ROUNDS):
        repaired, twins = _ocr_pass(doc)
        # A look-alike the lexicon repaired is the document's own spelling for the next round (``人场情``
        # once repaired to ``入场情`` is evidence for another ``人场情``): another round where such a form,
        # unrepaired, is still printed.
        if repaired is doc or not twins or not _printed_any(repaired, twins):
            return repaired
        doc = repaired
    return doc


_MAX_ROUNDS = 3


def _printed_any(doc: Document, forms: set[str]) -> bool:
    joined = "\n".join(node_texts(doc))
    return any(form in joined for form in forms)


def _repaired_twins(fix: TextFix) -> set[str]:
    """The forms a next round could read as evidence: each three-character form around a look-alike
    repair of ``fix`` with one of its look-alikes spelt the other way (the repaired one as before the
    repair, or another candidate the repair now gives a neighbour).
    """
    out: set[str] = set()
    for e in fix.edits:
        if e.end - e.start != 1 or len(e.after) != 1:
            continue
        i = e.start
        for a in (i - 2, i - 1, i):
            form = fix.text[max(0, a) : a + 3]
            if len(form) != 3:
                continue
            out.add(form[: i - a] + e.before + form[i - a + 1 :])
            for j, ch in enumerate(form):
                for other in CONFUSABLE.get(ch, ()):
                    out.add(form[:j] + other + form[j + 1 :])
    return out


def _ocr_pass(doc: Document) -> tuple[Document, set[str]]:
    """One round of :func:`ocr_confusions`, and the forms its look-alike repairs left unrepaired elsewhere."""
    changes: list[Change] = []
    articles = tuple(_subtitle_dash(a, changes) for a in doc.articles)
    if changes:
        doc = replace(doc, articles=articles).with_changes(changes)
    texts = node_texts(doc)
    joined = "\n".join(texts)
    starts = node_starts(texts)
    # Which texts need which step is found by scans of the whole document;
    # a look-alike is judged in Python only where its neighbours leave the
    # lexicon in doubt.
    found, evidence = _scan(joined) if _CANDIDATE.search(joined) else ([], frozenset())
    lookalike_nodes: set[int] = set()
    # A form of the evidence is a look-alike and the two characters after (or
    # before) it: a candidate printed without either pair is passed over cheaply.
    after_alt = {form[1:] for form in evidence}
    before_alt = {form[:-1] for form in evidence}
    for i, v in found:
        if v & 3 == BY_EVIDENCE:
            if _corpus_choice(joined[i - 1] if i else "", joined[i], joined[i + 1 : i + 2]):
                lookalike_nodes.add(bisect_right(starts, i) - 1)
                continue
            if joined[i + 1 : i + 3] not in after_alt and joined[i - 2 : i] not in before_alt:
                continue
            ch = joined[i]
            lb = 0 if v & LEFT_UNKNOWN else 1
            rb = 0 if v & RIGHT_UNKNOWN else 1
            if not evidence or not _from_evidence(joined, i, ch, lb, rb, evidence):
                continue
        lookalike_nodes.add(bisect_right(starts, i) - 1)
    # The number/word step acts only where its own trigger matches, and the
    # stray-word flagger only after a Han character: one scan each, moving
    # to the next text at the first hit (English text has a hit per word).
    latin_nodes = nodes_matching(texts, _HAN_THEN_LATIN, joined, starts)
    number_nodes = nodes_matching(texts, _LETTER_PROBE, joined, starts) | latin_nodes
    if "一" in joined:
        number_nodes |= nodes_matching(texts, _DASH_PROBE, joined, starts)

    twins: set[str] = set()

    def fixer(node: str) -> TextFix:
        first = fix_numbers_and_dashes(node) if _may_have_numbers_or_words(node) else TextFix(node, ())
        second = fix_lookalikes(first.text, evidence)
        if second.edits:
            twins.update(_repaired_twins(second))
        if first.edits and second.edits:
            return TextFix(second.text, tuple(compose(node, first.text, first.edits, second.edits)))
        return second if second.edits else first

    def flagger(node: str) -> list[tuple[str, str, int, int]]:
        return stray_words(node) if re.search("[a-z]", node) else []

    fixed = apply_text_fixer(
        doc, "ocr_confusions", fixer, flagger=flagger, only=lookalike_nodes | number_nodes, flag_only=latin_nodes
    )
    return fixed, twins


__all__ = ["CONFUSABLE", "fix_lookalikes", "fix_numbers_and_dashes", "ocr_confusions", "stray_words"]
