"""Read a raw dump from a path or stdin, with errors that name the file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsclean.errors import InputError
from newsclean.readers.decode import Decoded, decode_bytes, normalise_newlines

# A dump larger than this is almost certainly not a page dump; refuse it rather
# than exhaust memory. Override with NEWSCLEAN_MAX_INPUT_MB.
MAX_INPUT_BYTES = 512 * 1024 * 1024


@contextmanager
def input_errors(location: str) -> Iterator[None]:
    """Turn the OS errors of reading ``location`` into :class:`InputError` naming it."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{location}: no such file") from None
    except PermissionError:
        raise InputError(f"{location}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{location}: is a directory, not a text dump") from None
    except OSError as exc:
        raise InputError(f"{location}: cannot read: {exc.strerror or exc}") from None


def check_input(location: str, *, is_dir: bool, size: int | None) -> None:
    """Refuse a directory or an input over :data:`MAX_INPUT_BYTES`."""
    if is_dir:
        raise InputError(f"{location}: is a directory, not a text dump")
    if size is not None and size > MAX_INPUT_BYTES:
        raise InputError(f"{location}: larger than {MAX_INPUT_BYTES // 2**20} MB")


def read_file_bytes(path: str | Path, location: str | None = None) -> bytes:
    """The bytes of the local file ``path``; errors name ``location`` (default: the path)."""
    path = Path(path)
    location = location or str(path)
    with input_errors(location):
        check_input(location, is_dir=path.is_dir(), size=path.stat().st_size)
        return path.read_bytes()


def read_path(path: str | Path) -> Decoded:
    """Read and decode the dump at ``path`` (``-`` reads stdin)."""
    if str(path) == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    return decode_bytes(read_file_bytes(path), str(path))


def read_dump(data: bytes | str, name: str = "<input>") -> Decoded:
    """Decode in-memory input: bytes are sniffed, text only has its newlines normalised."""
    if isinstance(data, str):
        return Decoded(normalise_newlines(data), "utf-8")
    return decode_bytes(data, name)
