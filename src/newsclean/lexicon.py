"""A Chinese lexicon with word frequencies, loaded once per process.

The word list is jieba's ``dict.txt`` (349k words with corpus frequencies),
shipped inside the ``jieba`` package, so no download is needed. Cleaners use
it to judge joins and look-alike repairs; decoders use the derived character
ranks to tell GB18030 from Big5.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import wraps
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
def word_frequencies() -> dict[str, int]:
    """Map each lexicon word to its corpus frequency."""
    table: dict[str, int] = {}
    with open(_jieba_dict_path(), encoding="utf-8") as handle:
        for line in handle:
            word, freq, _ = line.split(" ", 2)
            table[word] = int(freq)
    return table


def word_freq(word: str) -> int:
    """Corpus frequency of ``word`` (0 if it is not in the lexicon).

    >>> word_freq("输入") > word_freq("输人")
    True
    """
    return word_frequencies().get(word, 0)


@_load_once
def _char_ranks() -> dict[str, int]:
    totals: dict[str, int] = {}
    for word, freq in word_frequencies().items():
        for ch in word:
            totals[ch] = totals.get(ch, 0) + freq
    ordered = sorted(totals, key=totals.__getitem__, reverse=True)
    return {ch: rank for rank, ch in enumerate(ordered)}


def char_frequency_rank(ch: str) -> int:
    """Rank of ``ch`` by frequency in the lexicon (0 = most frequent; unknown = 10**6)."""
    return _char_ranks().get(ch, 10**6)
