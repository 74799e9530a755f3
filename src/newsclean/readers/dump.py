"""Read a raw dump from a path or stdin, with errors that name the file."""

from __future__ import annotations

import sys
from pathlib import Path

from newsclean.errors import InputError
from newsclean.readers.decode import Decoded, decode_bytes, normalise_newlines

# A dump larger than this is almost certainly not a page dump; refuse it rather
# than exhaust memory. Override with NEWSCLEAN_MAX_INPUT_MB.
MAX_INPUT_BYTES = 512 * 1024 * 1024


def read_path(path: str | Path) -> Decoded:
    """Read and decode the dump at ``path`` (``-`` reads stdin)."""
    if str(path) == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a text dump")
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: larger than {MAX_INPUT_BYTES // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_bytes(data, str(path))


def read_dump(data: bytes | str, name: str = "<input>") -> Decoded:
    """Decode in-memory input: bytes are sniffed, text only has its newlines normalised."""
    if isinstance(data, str):
        return Decoded(normalise_newlines(data), "utf-8")
    return decode_bytes(data, name)
