"""Errors newsclean raises on bad input: each names the file and the problem."""

from __future__ import annotations


class NewscleanError(Exception):
    """Base class: a problem the user can act on, reported without a traceback."""


class InputError(NewscleanError):
    """The input cannot be read or decoded (binary, unknown encoding, unreadable)."""


class SchemaError(NewscleanError):
    """JSON that is not a well-formed ``newsclean/1`` document."""


class ConfigError(NewscleanError):
    """A bad pipeline configuration: unknown cleaner, malformed TOML, bad option."""


class OutputError(NewscleanError):
    """An output cannot be written (directory not writable, disk full...)."""
