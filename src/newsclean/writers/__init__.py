"""Writers: functions from the document model to the bytes of one output format.

Each writer has the signature ``write_x(doc, options) -> bytes`` and is
registered here with its file extension; :func:`write_document` renders and
stores atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from newsclean.errors import ConfigError
from newsclean.model import Document
from newsclean.writers.options import WriteOptions

WriterFunc = Callable[[Document, WriteOptions], bytes]


@dataclass(frozen=True)
class Writer:
    """A registered output format."""

    name: str
    extension: str
    func: WriterFunc
    summary: str


_WRITERS: dict[str, Writer] = {}
# Formats the CLI knows by name whose writer has not been built yet.
PLANNED_FORMATS: tuple[str, ...] = ("docx", "pdf", "jats")


def register_writer(name: str, extension: str, summary: str) -> Callable[[WriterFunc], WriterFunc]:
    """Register ``func`` as the writer of format ``name``."""

    def register(func: WriterFunc) -> WriterFunc:
        _WRITERS[name] = Writer(name, extension, func, summary)
        return func

    return register


def _load() -> None:
    from newsclean.writers import json_writer, markdown, text  # noqa: F401


def get_writer(name: str) -> Writer:
    """The writer of format ``name``; :class:`ConfigError` if unknown or not built yet."""
    _load()
    if name in _WRITERS:
        return _WRITERS[name]
    if name in PLANNED_FORMATS:
        raise ConfigError(f"output format {name!r} is not available yet in this version of newsclean")
    raise ConfigError(f"unknown output format {name!r} (available: {', '.join(available_formats())})")


def available_formats() -> list[str]:
    """Names of the formats that can be written."""
    _load()
    return list(_WRITERS)


__all__ = ["WriteOptions", "Writer", "available_formats", "get_writer", "register_writer"]
