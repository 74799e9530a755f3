"""The cleaner registry: cleaners are plain functions registered by name.

A cleaner maps a :class:`~newsclean.model.Document` to a new one, appending
to the change log every change it makes and flagging every spot it is unsure
of. Pipelines are lists of cleaner names (see :mod:`newsclean.pipeline`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from newsclean.errors import ConfigError
from newsclean.model import Document

CleanerFunc = Callable[[Document, Mapping[str, Any]], Document]


@dataclass(frozen=True)
class Cleaner:
    """A registered cleaner: its name, function, one-line summary and family."""

    name: str
    func: CleanerFunc
    summary: str
    family: str

    def __call__(self, doc: Document, options: Mapping[str, Any] | None = None) -> Document:
        return self.func(doc, options or {})


_REGISTRY: dict[str, Cleaner] = {}


def cleaner(name: str, *, family: str) -> Callable[[CleanerFunc], CleanerFunc]:
    """Register ``func`` as the cleaner ``name``; its docstring's first line is its summary."""

    def register(func: CleanerFunc) -> CleanerFunc:
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise ValueError(f"cleaner {name!r} registered twice")
        summary = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else name
        _REGISTRY[name] = Cleaner(name, func, summary, family)
        return func

    return register


def get_cleaner(name: str) -> Cleaner:
    """The cleaner registered as ``name``; :class:`ConfigError` if there is none."""
    _load_builtin_cleaners()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ConfigError(f"unknown cleaner {name!r} (known: {known})") from None


def all_cleaners() -> list[Cleaner]:
    """Every registered cleaner, sorted by family then name."""
    _load_builtin_cleaners()
    return sorted(_REGISTRY.values(), key=lambda c: (c.family, c.name))


def _load_builtin_cleaners() -> None:
    # Importing the packages registers their cleaners.
    import newsclean.cleaners  # noqa: F401
    import newsclean.structure  # noqa: F401
