"""Options shared by the writers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WriteOptions:
    """How to render a document.

    ``include_furniture``: also render page furniture (headers, credits...).
    ``include_changes``: JSON carries the change log.
    """

    include_furniture: bool = False
    include_changes: bool = True
