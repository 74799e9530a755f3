"""Which inputs a batch converts and where each one's outputs go.

Inputs are files, directories and glob patterns (local paths or fsspec
URLs). Output names follow one rule, so two inputs never write the same file:

* a file named on its own goes to ``OUT/<stem><ext>``;
* the files of a directory walk (``*.txt``, recursively) mirror their path
  below that directory: ``archive/2024/05/p1.txt`` converted with
  ``convert archive -o OUT`` goes to ``OUT/2024/05/p1.json``;
* the matches of a glob mirror their path below the glob's fixed prefix:
  ``archive/**/*.txt`` behaves like the directory ``archive``.

If two inputs still map to the same name (``a/x.txt b/x.txt`` named
explicitly, or two directories holding the same relative path), the later one
fails with an error naming the clash instead of overwriting the first; the
same file reached twice is converted once. ``OUT/_report.json`` is reserved.

Planning is lazy: directories are walked one folder at a time, so an archive
of millions of dumps is never listed in memory. Clashes can only happen when
there is more than one input argument or a glob; only then is a set of the
names seen kept (one small hash per input).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from newsclean.batch import storage

REPORT_NAME = "_report"


@dataclass(frozen=True)
class Task:
    """One input of a batch: where to read it and the output name (POSIX, relative to OUT, no extension)."""

    source: str
    name: str
    error: str | None = None
    duplicate: bool = False


def output_name(relative: str) -> str:
    """The output name of an input at ``relative``: the same path without its extension.

    >>> output_name("2024/05/p1.txt"), output_name("p1")
    ('2024/05/p1', 'p1')
    """
    path = PurePosixPath(relative)
    return str(path.with_suffix("")) if path.suffix else str(path)


def _stem(location: str) -> str:
    return output_name(location.rstrip("/").replace("\\", "/").rsplit("/", 1)[-1])


def expand(item: str, out_dir: str | None = None) -> Iterator[tuple[str, str]]:
    """``(source, output name)`` for each input that the argument ``item`` stands for.

    A directory walk does not enter ``out_dir``: ``.txt`` outputs written
    inside the input tree are never taken for inputs.
    """
    if item == "-":
        yield item, "stdin"
    elif storage.is_dir(item):
        for location in storage.walk_files(item, skip=out_dir):
            yield location, output_name(storage.relative_to(location, item))
    elif storage.has_magic(item) and not _exists(item):
        base = storage.glob_base(item)
        found = False
        for location in storage.glob_files(item):
            found = True
            yield location, output_name(storage.relative_to(location, base))
        if not found:
            yield item, _stem(item)  # reported as missing, like a plain path
    else:
        yield item, _stem(item)


def _exists(location: str) -> bool:
    return storage.mtime(location) is not None


def plan(inputs: Iterable[str | object], out_dir: str | None = None) -> Iterator[Task]:
    """The tasks of a batch, in input order, with output-name clashes resolved (see the module docstring)."""
    if isinstance(inputs, (list, tuple)):
        items: Iterable[str] = [str(item) for item in inputs]
        track = len(items) > 1 or any(storage.has_magic(item) for item in items)
    else:  # a stream of paths (library use): its length is unknown, so names are always tracked
        items, track = (str(item) for item in inputs), True
    yield from _checked((pair for item in items for pair in expand(item, out_dir)), track=track)


def _checked(pairs: Iterable[tuple[str, str]], *, track: bool) -> Iterator[Task]:
    seen: dict[int, int] = {}
    for source, name in pairs:
        if name == REPORT_NAME:
            yield Task(
                source,
                name,
                error=f"{source}: its output would overwrite the batch report {REPORT_NAME}.json; rename the input",
            )
            continue
        if track:
            key, origin = hash(name), hash(source if storage.is_url(source) else os.path.abspath(storage.local(source)))
            if key in seen:
                if seen[key] == origin:
                    yield Task(source, name, duplicate=True)
                else:
                    yield Task(
                        source,
                        name,
                        error=(
                            f"{source}: output name {name!r} is already used by another input of this batch; "
                            "convert their common parent directory to mirror the folder layout"
                        ),
                    )
                continue
            seen[key] = origin
        yield Task(source, name)
