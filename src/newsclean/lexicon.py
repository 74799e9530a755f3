"""A Chinese lexicon with word frequencies, loaded once per process.

The word list is jieba's ``dict.txt`` (349k words with corpus frequencies),
shipped inside the ``jieba`` package, so no download is needed. Cleaners use
it to judge joins and look-alike repairs; decoders use the derived character
ranks to tell GB18030 from Big5.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")


def _load_once(func: Callable[[], T]) -> Callable[[], T]:
    """Cache a loader's value; threads that ask at once wait for a single load.

    (``lru_cache`` is thread-safe too, but lets threads that arrive together
    each run the loader: a second 349k-word table in memory for nothing.)
    """
    lock = threading.Lock()
    value: list[T] = []

    @wraps(func)
    def load() -> T:
        if not value:
            with lock:
                if not value:
                    value.append(func())
        return value[0]

    load.cache_clear = value.clear  # type: ignore[attr-defined]
    return load


def _jieba_dict_path() -> str:
    # Found without importing jieba: its import alone costs most of a second.
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed: the lexicon comes from its dict.txt")
    return os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")


@_load_once
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    # One pass over the 5 MB dict.txt gives both tables: frequencies and part-of-speech tags.
    freqs: dict[str, int] = {}
    tags: dict[str, str] = {}
    with open(_jieba_dict_path(), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) < 2:
                continue
            freqs[parts[0]] = int(parts[1])
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
    return freqs, tags


def word_frequencies() -> dict[str, int]:
    """Map each lexicon word to its corpus frequency."""
    return _dictionary()[0]


def word_tags() -> dict[str, str]:
    """Map each lexicon word to its part-of-speech tag (jieba's ICTCLAS-style tags: n, v, d, p, c, u…)."""
    return _dictionary()[1]


def word_tag(word: str) -> str:
    """Part-of-speech tag of ``word`` ("" if it is not in the lexicon).

    >>> word_tag("不再"), word_tag("医院")
    ('d', 'n')
    """
    return _dictionary()[1].get(word, "")


word_frequencies.cache_clear = _dictionary.cache_clear  # type: ignore[attr-defined]


def word_freq(word: str) -> int:
    """Corpus frequency of ``word`` (0 if it is not in the lexicon).

    >>> word_freq("输入") > word_freq("输人")
    True
    """
    return word_frequencies().get(word, 0)


@_load_once
def corpus_words() -> frozenset[str]:
    """The words of wordfreq's large Chinese list (334k, from many corpora: web, subtitles, books, Wikipedia).

    A second opinion for what jieba's narrower lexicon lacks (入厂, 入园), used
    for presence only: its sources print common misspellings too (自已, 己经),
    so its frequencies never outweigh jieba's.
    """
    from wordfreq import get_frequency_dict

    return frozenset(get_frequency_dict("zh", wordlist="large"))


# the commonest Chinese surnames (simplified and traditional forms): a name run together with its
# department or with the next name is only read as a name when it opens with one
SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林罗羅高郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭"
    "田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱"
    "江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬"
    "伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂"
    "成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項"
    "连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺"
)
_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,3}")


def looks_like_name(text: str) -> bool:
    """Two or three Han characters opening with a common surname, and no lexicon word of another kind.

    >>> looks_like_name("蔡明哲"), looks_like_name("共体"), looks_like_name("要做好")
    (True, False, False)
    """
    if not _NAME.fullmatch(text) or text[0] not in SURNAMES:
        return False
    tag = word_tag(text)
    return not word_freq(text) or tag.startswith("nr")


def _ranks(words: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Rank of each character of ``words`` by the summed frequency of the words holding it (ties: first seen first)."""
    totals: dict[str, int] = {}
    for word, freq in words:
        for ch in word:
            totals[ch] = totals.get(ch, 0) + freq
    ordered = sorted(totals, key=totals.__getitem__, reverse=True)
    return {ch: rank for rank, ch in enumerate(ordered)}


@_load_once
def _char_ranks() -> dict[str, int]:
    return _ranks(word_frequencies().items())


UNKNOWN_RANK = 10**6


def char_frequency_rank(ch: str) -> int:
    """Rank of ``ch`` by frequency in the lexicon (0 = most frequent; unknown = 10**6)."""
    return _char_ranks().get(ch, UNKNOWN_RANK)


def char_rank_order(chars: str) -> dict[str, int]:
    """A number for each of ``chars`` that orders them as :func:`char_frequency_rank` does.

    Ranked from only the words holding one of them: a few thousand words
    instead of the whole lexicon, for a caller that compares a handful of
    characters. (Each one's summed frequency is complete and the words keep
    their order, so the order among ``chars``, ties included, is the full ranking's.)

    >>> order = char_rank_order("人入")
    >>> order["人"] < order["入"], char_frequency_rank("人") < char_frequency_rank("入")
    (True, True)
    """
    freqs = word_frequencies()
    holds_one = re.compile(f"[{re.escape(chars)}]").search
    ranks = _ranks((word, freqs[word]) for word in filter(holds_one, freqs))
    return {ch: ranks.get(ch, UNKNOWN_RANK) for ch in chars}


MAX_WORD_LEN = 6  # longer lexicon words are rare names and idioms; the segmentation score ignores them


@_load_once
def _log_model() -> tuple[dict[str, float], float]:
    import math

    freqs = word_frequencies()
    log_total = math.log(sum(freqs.values()) or 1)
    logp = {w: math.log(f) - log_total for w, f in freqs.items() if f > 0 and len(w) <= MAX_WORD_LEN}
    # an unknown character costs as much as a word seen once, minus a penalty
    return logp, -log_total - 4.0


_segment_memo: dict[str, float] = {}


def segmentation_score(text: str) -> float:
    """Log-probability of the best segmentation of ``text`` into lexicon words (higher reads better).

    A small Viterbi over ``log(freq / total)`` with words of at most
    :data:`MAX_WORD_LEN` characters; a character no word covers is scored as an
    unknown one-character word. Linear in ``len(text)``; memoised.

    >>> segmentation_score("冰冷的技术") > segmentation_score("冰技的冷术")
    True
    """
    cached = _segment_memo.get(text)
    if cached is not None:
        return cached
    logp, unknown = _log_model()
    n = len(text)
    best = [0.0] + [float("-inf")] * n
    for i in range(n):
        base = best[i]
        if text[i].isspace():
            if base > best[i + 1]:
                best[i + 1] = base
            continue
        single = logp.get(text[i], unknown)
        if base + single > best[i + 1]:
            best[i + 1] = base + single
        for k in range(2, min(MAX_WORD_LEN, n - i) + 1):
            lp = logp.get(text[i : i + k])
            if lp is not None and base + lp > best[i + k]:
                best[i + k] = base + lp
    if len(_segment_memo) > 50_000:
        _segment_memo.clear()
    _segment_memo[text] = best[n]
    return best[n]


def crossing_word(left: str, right: str, min_freq: int = 20) -> str | None:
    """The most frequent lexicon word (of Han characters) that spans the seam between ``left`` and ``right``, if any.

    >>> crossing_word("开展行", "政查房"), crossing_word("淅淅沥沥的秋", "此次义诊")
    ('行政', None)
    """
    return _crossing_word(left.rstrip()[-3:], right.lstrip()[:3], min_freq)


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=65536)
def _crossing_word(left: str, right: str, min_freq: int) -> str | None:
    best, best_freq = None, 0
    for i in range(1, len(left) + 1):
        for j in range(1, min(len(right), 4 - i) + 1):
            word = left[-i:] + right[:j]
            freq = word_freq(word)
            if freq >= min_freq and freq > best_freq and _HAN_RUN.fullmatch(word):
                best, best_freq = word, freq
    return best
