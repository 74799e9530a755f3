"""The speed-ups of the text cleaners (issue 3) give what the plain computations they replace give."""

from __future__ import annotations

import random
import re

from newsclean.cleaners.base import _locator, node_starts
from newsclean.cleaners.chars import CJK, SPACE
from newsclean.cleaners.ocr import CONFUSABLE, _more_frequent_for
from newsclean.cleaners.punctuation import _QUOTE_PAIRS, _unbalanced_nodes
from newsclean.cleaners.spacing import _LETTER_PAIR, _LETTER_SPACED, _PLAIN_BODY_SPACE
from newsclean.lexicon import char_frequency_rank, char_rank_order
from newsclean.model import Span


def _plain_locate(spans: tuple[Span, ...], start: int, end: int) -> Span:
    """Offset by offset: the source position of each character of the spans laid end to end."""
    positions = [p for sp in spans for p in range(sp.start, sp.end)]

    def at(offset: int, closing: bool) -> int:
        if closing:
            return positions[offset - 1] + 1 if offset > 0 else spans[0].start
        return positions[offset] if offset < len(positions) else spans[-1].end

    return Span(at(start, False), at(end, True) if end > start else at(start, False))


def test_locator_matches_the_character_by_character_mapping():
    rng = random.Random(3)
    for _ in range(300):
        spans, pos = [], 0
        for _ in range(rng.randint(2, 4)):
            start = pos + rng.randint(0, 3)
            spans.append(Span(start, start + rng.randint(1, 4)))
            pos = spans[-1].end
        length = sum(sp.end - sp.start for sp in spans)
        locate = _locator(tuple(spans), length)
        for start in range(length + 1):
            for end in range(start, length + 1):
                assert locate(start, end) == _plain_locate(tuple(spans), start, end), (spans, start, end)
        assert locate(0, length + 1) is None


def test_char_rank_order_agrees_with_the_full_ranking():
    chars = "".join(CONFUSABLE) + "".join(CONFUSABLE.values()) + "的一是中国\U0010ffff"
    order = char_rank_order(chars)
    for a in chars:
        for b in chars:
            assert (order[a] > order[b]) == (char_frequency_rank(a) > char_frequency_rank(b)), (a, b)
    assert _more_frequent_for() == {
        ch: "".join(alt for alt in alts if char_frequency_rank(alt) > char_frequency_rank(ch))
        for ch, alts in CONFUSABLE.items()
    }


def test_unbalanced_nodes_counts_each_text():
    rng = random.Random(5)
    for _ in range(500):
        texts = [
            "".join(rng.choice("甲“”‘’「」『』") for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 6))
        ]
        expected = {k for k, t in enumerate(texts) if any(t.count(o) != t.count(c) for o, c in _QUOTE_PAIRS)}
        assert _unbalanced_nodes("\n".join(texts), node_starts(texts)) == expected, texts


def test_plain_body_space_pattern_finds_the_runs_of_its_plain_formulation():
    """The scan led by the space class matches exactly what the alternation it replaced matched."""
    plain = re.compile(f"(?<=[{CJK}])[{SPACE}]+|[{SPACE}]+(?=[{CJK}])|(?m:^[{SPACE}]+|[{SPACE}]+$)")
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice("中，a1 \t\u3000\u00a0\n.") for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _PLAIN_BODY_SPACE.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_letter_pair_prescreen_keeps_every_letter_spaced_text():
    rng = random.Random(13)
    for _ in range(20000):
        text = "".join(rng.choice("医患故事a1 \u3000（") for _ in range(rng.randint(0, 10)))
        if _LETTER_SPACED.search(text):
            assert _LETTER_PAIR.search(text), text
