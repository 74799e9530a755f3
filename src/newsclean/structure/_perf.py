"""Keep the cyclic garbage collector out of bulk model building.

The structure cleaners allocate one small frozen object per line of a dump
and free none of them in cycles; on a 10 MB dump CPython's collector then
re-scans the whole live document again and again and takes a third of the
time. :func:`gc_paused` switches it off for the duration of a cleaner and
back on after (nested and concurrent uses are counted, so the collector is
back on when the last one ends).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
