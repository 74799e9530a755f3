"""Options shared by the writers."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone

from newsclean.errors import ConfigError

VARIANTS = ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")
ARTICLE_BREAKS = ("page", "section", "none")
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")


@dataclass(frozen=True)
class WriteOptions:
    """How to render a document.

    ``include_furniture``: also render page furniture (headers, credits...).
    ``include_changes``: JSON carries the change log.
    ``variant``: script edition written (:data:`VARIANTS`); the document is
    converted with OpenCC before any writer sees it (:mod:`newsclean.variants`).
    ``timestamp``: creation time stamped into DOCX and PDF metadata; fixing it
    makes those outputs byte-for-byte reproducible. ``None`` means the
    ``SOURCE_DATE_EPOCH`` environment variable if set, else now.
    ``article_break``: start each article on a new ``page`` (default), in a new
    DOCX ``section`` (a new page in PDF), or ``none``.
    ``font``: a CJK font file for the PDF, tried before fontconfig and the
    bundled font (:func:`newsclean.writers.fonts.resolve_cjk_font`).
    ``pdf_variant``: ``pdf/a-3b`` or ``pdf/ua-1`` (tagged), or ``None``.
    ``docx_serif_font`` / ``docx_sans_font``: East Asian font names for DOCX
    body text (a Song face) and headlines (a Hei face).
    ``reports``: editor's reports written beside the outputs from the same
    cleaned document: ``html`` (``<name>.review.html``, the review page) and
    ``json`` (``<name>.changes.json``, the change log and flags).
    """

    include_furniture: bool = False
    include_changes: bool = True
    variant: str | None = None
    timestamp: datetime | None = None
    article_break: str = "page"
    font: str | None = None
    pdf_variant: str | None = None
    docx_serif_font: str = "宋体"
    docx_sans_font: str = "黑体"
    reports: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.variant is not None and self.variant not in VARIANTS:
            raise ConfigError(f"unknown variant {self.variant!r} (choose from {', '.join(VARIANTS)})")
        if self.article_break not in ARTICLE_BREAKS:
            raise ConfigError(f"unknown article break {self.article_break!r} (choose from {', '.join(ARTICLE_BREAKS)})")
        if not set(self.reports) <= {"html", "json"}:
            raise ConfigError(f"unknown report kind in {self.reports!r} (choose from html, json)")
        if self.pdf_variant is not None and self.pdf_variant not in PDF_VARIANTS:
            raise ConfigError(f"unknown PDF variant {self.pdf_variant!r} (choose from {', '.join(PDF_VARIANTS)})")

    def created(self) -> datetime:
        """The creation time to stamp into outputs, timezone-aware, whole seconds."""
        return resolve_timestamp(self.timestamp)


def resolve_timestamp(value: datetime | None = None) -> datetime:
    """``value``, else ``SOURCE_DATE_EPOCH`` (reproducible builds), else now; UTC-aware.

    >>> resolve_timestamp(datetime(2025, 10, 30, 8, 0)).isoformat()
    '2025-10-30T08:00:00+00:00'
    """
    if value is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch:
            try:
                value = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
            except (ValueError, OverflowError, OSError):
                raise ConfigError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {epoch!r}") from None
        else:
            value = datetime.now(timezone.utc)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.replace(microsecond=0)


def parse_timestamp(text: str) -> datetime:
    """Parse a fixed timestamp given on the command line: ISO 8601 or seconds since 1970.

    >>> parse_timestamp("2025-10-30").isoformat()
    '2025-10-30T00:00:00+00:00'
    >>> parse_timestamp("0").year
    1970
    """
    text = text.strip()
    try:
        if text.isdigit():
            return datetime.fromtimestamp(int(text), tz=timezone.utc)
        return resolve_timestamp(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"not a timestamp (ISO 8601 or seconds since 1970): {text!r}") from None
