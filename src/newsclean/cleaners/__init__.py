"""Text-tier cleaners: each module registers its cleaners on import."""

from newsclean.cleaners import unicode  # noqa: F401
