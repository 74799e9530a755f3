"""Writers: functions from the document model to the bytes of one output format.

Each writer has the signature ``write_x(doc, options) -> bytes`` and is
registered here with its file extension; convert.py renders and stores
atomically (:func:`newsclean.writers.atomic.write_atomic`).

A registered writer receives the document already in the script edition that
``options.variant`` asks for (:func:`newsclean.variants.convert_document`), so
every format honours ``--variant`` the same way and no writer converts text
itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
PLANNED_FORMATS: tuple[str, ...] = ()


def register_writer(name: str, extension: str, summary: str) -> Callable[[WriterFunc], WriterFunc]:
    """Register ``func`` as the writer of format ``name``."""

    def register(func: WriterFunc) -> WriterFunc:
        _WRITERS[name] = Writer(name, extension, _in_variant(func), summary)
        return func

    return register


def _in_variant(func: WriterFunc) -> WriterFunc:
    """``func`` applied to the document converted to ``options.variant``."""

    @functools.wraps(func)
    def write(doc: Document, options: WriteOptions) -> bytes:
        return func(_variant_of(doc, options.variant), options)

    return write


def _variant_of(doc: Document, variant: str | None) -> Document:
    """``doc`` in the script edition ``variant`` (itself when it already is)."""
    if variant is None or variant == doc.lang:
        return doc
    from newsclean.variants import convert_document

    return convert_document(doc, variant)


def render(doc: Document, formats: Sequence[str], options: WriteOptions | None = None) -> dict[str, bytes]:
    """Render ``doc`` in every format of ``formats``, in memory.

    The script edition is converted once here, not once per format; each
    writer then finds the document already in ``options.variant``.
    """
    options = options or WriteOptions()
    doc = _variant_of(doc, options.variant)
    return {fmt: get_writer(fmt).func(doc, options) for fmt in formats}


def _load() -> None:
    from newsclean.writers import docx, jats, json_writer, markdown, pdf, text  # noqa: F401


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
