"""Text-tier cleaners: each module registers its cleaners on import."""

from newsclean.cleaners import dedupe, mojibake, ocr, punctuation, script, spacing, undouble, unicode  # noqa: F401
