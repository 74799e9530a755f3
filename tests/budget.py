"""How many examples the property tests try.

The suite's own figure keeps `make test` quick; `make fuzz` multiplies it by
``NEWSCLEAN_FUZZ`` (and draws new random seeds) to hunt for the rare input
a short run misses.
"""

from __future__ import annotations

import os


def examples(default: int) -> int:
    """``default`` times the ``NEWSCLEAN_FUZZ`` factor (1 when unset)."""
    return default * max(1, int(os.environ.get("NEWSCLEAN_FUZZ", "1")))
