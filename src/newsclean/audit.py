"""Conservation audit: every input character is accounted for.

Each non-whitespace character of the input must be in an article, in the
furniture, or in the change log as text a cleaner removed or replaced. With
``before``/``after`` recorded exactly, the multisets must balance::

    input  ==  output (articles + furniture)  -  inserted (after)  +  removed (before)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsclean.model import Document


def _visible(texts) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(ch for ch in text if not ch.isspace())
    return counts


@dataclass(frozen=True)
class AuditReport:
    """Characters the output cannot account for (``missing``) or cannot explain (``unexplained``)."""

    missing: Counter[str]
    unexplained: Counter[str]
    input_chars: int
    article_chars: int = 0
    furniture_chars: int = 0
    removed_chars: int = 0
    inserted_chars: int = 0

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unexplained

    def summary(self) -> str:
        if self.ok:
            return (
                f"ok: all {self.input_chars} input characters accounted for: {self.article_chars} in articles, "
                f"{self.furniture_chars} in furniture, {self.removed_chars} removed and {self.inserted_chars} "
                f"inserted per the change log"
            )
        return (
            f"{sum(self.missing.values())} input characters unaccounted for "
            f"{dict(self.missing.most_common(10))}; {sum(self.unexplained.values())} output characters "
            f"unexplained {dict(self.unexplained.most_common(10))}"
        )


def audit_conservation(source_text: str, doc: Document) -> AuditReport:
    """Check ``doc`` accounts for every non-whitespace character of ``source_text``.

    >>> from newsclean.pipeline import clean_text
    >>> audit_conservation("# 标题\\n\\n正文,好。", clean_text("# 标题\\n\\n正文,好。")).ok
    True
    """
    expected = _visible([source_text])
    articles = _visible(doc.content_texts())
    furniture = _visible(f.text for f in doc.furniture)
    removed = _visible(c.before for c in doc.changes)
    inserted = _visible(c.after for c in doc.changes)
    produced = articles + furniture + removed
    produced.subtract(inserted)
    missing = +(expected - +produced)
    unexplained = +(+produced - expected)
    return AuditReport(
        missing, unexplained, expected.total(), articles.total(), furniture.total(), removed.total(), inserted.total()
    )
