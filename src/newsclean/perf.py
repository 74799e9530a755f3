"""Keep the cyclic garbage collector out of bulk model building.

Cleaners allocate one small frozen object per line of a dump and one per
logged change, and create no reference cycles; on a 10 MB dump CPython's
collector would re-scan the whole live document again and again and take a
third to a half of the time. :func:`gc_paused` switches it off while a
pipeline (or one cleaner called on its own, via :func:`pauses_gc`) runs and
back on after; nested and concurrent uses are counted, so the collector is
back on when the last one ends. Reference counting still frees everything.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off (reference counting still frees memory).

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def pauses_gc(func: Callable[..., T]) -> Callable[..., T]:
    """Decorate ``func`` to run inside :func:`gc_paused`."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        with gc_paused():
            return func(*args, **kwargs)

    return wrapper
