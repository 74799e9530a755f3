"""Where batch inputs and outputs live: local paths through the OS, URLs through fsspec.

A location is a plain string. Anything with a ``scheme://`` other than
``file://`` is handed to fsspec (``s3://``, ``gs://``, ``memory://``...), which
is only imported when such a URL is used: the local batch needs no extra.

>>> is_url("s3://bucket/dumps"), is_url("archive/2024"), is_url("file:///tmp/x")
(True, False, False)
>>> join("s3://bucket/out", "2024/p1.json"), join("out", "2024/p1.json")
('s3://bucket/out/2024/p1.json', 'out/2024/p1.json')
"""

from __future__ import annotations

import glob as _glob
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from newsclean.errors import InputError, OutputError
from newsclean.readers.dump import check_input, input_errors, read_file_bytes
from newsclean.writers.atomic import write_atomic

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
# Object stores make a whole object visible at once on upload, so a direct
# write is already atomic; other fsspec backends write a temporary then move.
_OBJECT_STORES = {"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "memory", "oss", "r2"}


def is_url(location: str | Path) -> bool:
    """True if ``location`` needs fsspec (a scheme other than ``file://``)."""
    text = str(location)
    return bool(_SCHEME.match(text)) and not text.startswith("file://")


def local(location: str | Path) -> str:
    """A local location without its ``file://`` prefix, if any."""
    text = str(location)
    return text[len("file://") :] if text.startswith("file://") else text


def join(base: str | Path, relative: str) -> str:
    """``base`` + a POSIX ``relative`` path, keeping URLs as URLs."""
    if is_url(base):
        return str(base).rstrip("/") + "/" + relative
    return str(Path(local(base)) / relative)


def parent(location: str) -> str:
    """The folder holding ``location``."""
    if is_url(location):
        return location.rstrip("/").rsplit("/", 1)[0]
    return str(Path(location).parent)


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``url`` and the path inside it."""
    try:
        import fsspec
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise InputError(f"{url}: URLs need fsspec: pip install 'newsclean[dask]'") from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise InputError(f"{url}: no filesystem for this URL: {exc}") from None


def read_bytes(location: str) -> bytes:
    """The bytes of the input at ``location``; :class:`InputError` names it on failure."""
    if not is_url(location):
        return read_file_bytes(local(location), location)
    fs, path = filesystem(location)
    with input_errors(location):
        check_input(location, is_dir=fs.isdir(path), size=fs.size(path))
        return fs.cat_file(path)


def write_bytes(location: str, data: bytes) -> str:
    """Store ``data`` at ``location`` so readers see the old file or the whole new one."""
    if not is_url(location):
        return str(write_atomic(local(location), data))
    fs, path = filesystem(location)
    try:
        fs.makedirs(fs._parent(path), exist_ok=True)
        if fs.protocol and set(_protocols(fs)) & _OBJECT_STORES:
            fs.pipe_file(path, data)
        else:
            tmp = f"{path}.{uuid.uuid4().hex}.part"
            fs.pipe_file(tmp, data)
            fs.mv(tmp, path)
    except OSError as exc:
        raise OutputError(f"{location}: cannot write: {exc}") from None
    return location


def _protocols(fs: Any) -> tuple[str, ...]:
    return (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)


def remove(location: str) -> None:
    """Delete ``location`` if it exists."""
    try:
        if is_url(location):
            fs, path = filesystem(location)
            fs.rm_file(path)
        else:
            os.unlink(local(location))
    except (FileNotFoundError, OSError):
        pass


def mtime(location: str) -> float | None:
    """Modification time of ``location`` in seconds since the epoch; None if it is missing or unknown."""
    if not is_url(location):
        try:
            return os.stat(local(location)).st_mtime
        except OSError:
            return None
    fs, path = filesystem(location)
    try:
        return fs.modified(path).timestamp()
    except (OSError, NotImplementedError, AttributeError):
        return None


def is_dir(location: str) -> bool:
    """True if ``location`` is an existing directory (or URL prefix)."""
    if not is_url(location):
        return Path(local(location)).is_dir()
    fs, path = filesystem(location)
    try:
        return fs.isdir(path)
    except OSError:
        return False


def has_magic(location: str) -> bool:
    """True if ``location`` is a glob pattern."""
    return _glob.has_magic(location)


def walk_files(root: str, suffix: str = ".txt", *, skip: str | None = None) -> Iterator[str]:
    """Files under ``root`` whose name ends with ``suffix``, in sorted order, one directory at a time.

    Never lists the whole tree at once, so an archive of millions of dumps
    streams through in bounded memory. The local folder ``skip`` (the output
    folder, when it lies inside ``root``) is not entered.
    """
    if not is_url(root):
        top = local(root)
        pruned = os.path.abspath(local(skip)) if skip and not is_url(skip) else None
        for dirpath, dirnames, filenames in os.walk(top, onerror=None):
            if pruned:
                dirnames[:] = [d for d in dirnames if os.path.abspath(os.path.join(dirpath, d)) != pruned]
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(suffix) and not name.startswith("."):
                    path = os.path.join(dirpath, name)
                    if os.path.isfile(path):
                        yield path
        return
    fs, path = filesystem(root)
    for dirpath, dirnames, filenames in fs.walk(path):
        if isinstance(dirnames, list):
            dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(suffix) and not name.startswith("."):
                yield fs.unstrip_protocol(f"{dirpath.rstrip('/')}/{name}")


def glob_files(pattern: str) -> Iterator[str]:
    """Files matching ``pattern`` (``**`` crosses directories), sorted."""
    if not is_url(pattern):
        for match in sorted(_glob.glob(local(pattern), recursive=True)):
            if os.path.isfile(match):
                yield match
        return
    fs, path = filesystem(pattern)
    for match in sorted(fs.glob(path)):
        if fs.isfile(match):
            yield fs.unstrip_protocol(match)


def glob_base(pattern: str) -> str:
    """The leading part of ``pattern`` that has no wildcard: outputs mirror the tree below it.

    >>> glob_base("archive/**/*.txt"), glob_base("seeds/*.txt"), glob_base("*.txt")
    ('archive', 'seeds', '')
    """
    scheme = ""
    match = _SCHEME.match(pattern)
    if match and is_url(pattern):
        scheme, pattern = match.group(0), pattern[match.end() :]
    parts = PurePosixPath(pattern).parts
    fixed = []
    for part in parts:
        if has_magic(part):
            break
        fixed.append(part)
    if len(fixed) == len(parts):  # no wildcard: the pattern's folder
        fixed = fixed[:-1]
    return scheme + str(PurePosixPath(*fixed)) if fixed else scheme


def relative_to(location: str, base: str) -> str:
    """``location`` relative to ``base`` as a POSIX path."""
    if is_url(location):
        _, loc = filesystem(location)
        root = filesystem(base)[1].rstrip("/") if base and is_url(base) else ""
        if root and loc.startswith(root + "/"):
            return loc[len(root) + 1 :]
        return loc.rsplit("/", 1)[-1] if root else loc.lstrip("/")
    loc, root = local(location), local(base)
    if not root:
        return PurePosixPath(Path(loc)).as_posix()
    return Path(loc).relative_to(root).as_posix()
