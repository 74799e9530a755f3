"""How the property tests draw their examples.

`make test` (and CI) runs them derandomized: the same examples on every run,
so that a landing never hangs on a lucky draw. `make fuzz` sets
``NEWSCLEAN_FUZZ``: that many times the examples, from fresh random seeds,
to hunt for the rare input a fixed draw misses (what it finds becomes a
regression test).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings


def fuzz_factor() -> int:
    """The ``NEWSCLEAN_FUZZ`` factor; 0 when unset (a fixed, derandomized run)."""
    return max(0, int(os.environ.get("NEWSCLEAN_FUZZ", "0") or 0))


def property_settings(examples: int) -> settings:
    """Settings for a property test of ``examples`` examples (times the fuzz factor, when set)."""
    factor = fuzz_factor()
    return settings(
        max_examples=examples * max(1, factor),
        derandomize=factor == 0,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
