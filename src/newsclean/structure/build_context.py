"""What the ``build_articles`` cleaner carries through its steps: the change log, the furniture, the dump style.

The head reader, the late-headline pass, the body typer and the article
builder all log their repairs under the cleaner's name (:data:`NAME`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsclean.model import Block, Change, Furniture, Span, merge_spans

NAME = "build_articles"


@dataclass
class BuildContext:
    """The change log and furniture ``build_articles`` adds to, and the dump's style (``fixed`` or ``lines``)."""

    changes: list[Change]
    furniture: list[Furniture]
    style: str


def blocks_spans(blocks: Sequence[Block]) -> tuple[Span, ...]:
    """The source spans of ``blocks``, merged."""
    return merge_spans(s for b in blocks for s in b.spans)
