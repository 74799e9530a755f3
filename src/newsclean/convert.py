"""Convert dump files to output formats, one by one or as a parallel batch.

A failure on one input never stops a batch: it is reported in that input's
:class:`ConvertResult` and the batch goes on.
"""

from __future__ import annotations

import os
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from newsclean.errors import NewscleanError
from newsclean.model import Document
from newsclean.pipeline import PipelineConfig, clean_text, make_config
from newsclean.readers import read_path
from newsclean.writers import WriteOptions, get_writer
from newsclean.writers.atomic import write_atomic


@dataclass(frozen=True)
class ConvertResult:
    """What happened to one input."""

    source: str
    outputs: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0
    changes: int = 0
    flags: tuple[dict, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.error is None


def output_path(source: str | Path, out_dir: str | Path, fmt: str) -> Path:
    """Where the ``fmt`` output of ``source`` goes: ``OUT/<stem><ext>``."""
    return Path(out_dir) / (Path(source).stem + get_writer(fmt).extension)


def render(doc: Document, formats: Sequence[str], options: WriteOptions | None = None) -> dict[str, bytes]:
    """Render ``doc`` in every format of ``formats``, in memory."""
    options = options or WriteOptions()
    return {fmt: get_writer(fmt).func(doc, options) for fmt in formats}


def clean_file(path: str | Path, config: PipelineConfig | None = None) -> Document:
    """Read, decode and clean the dump at ``path``."""
    decoded = read_path(path)
    source = "<stdin>" if str(path) == "-" else Path(path).name
    return clean_text(decoded.text, source=source, config=config)


def convert_one(
    path: str | Path,
    out_dir: str | Path,
    formats: Sequence[str] = ("json",),
    config: PipelineConfig | None = None,
    options: WriteOptions | None = None,
) -> ConvertResult:
    """Convert one dump; errors are returned in the result, never raised.

    Every format is rendered before anything is written, so a failing writer
    leaves no partial set of outputs either.
    """
    started = time.perf_counter()
    try:
        for fmt in formats:
            get_writer(fmt)
        doc = clean_file(path, config)
        rendered = render(doc, formats, options)
        written = [str(write_atomic(output_path(path, out_dir, fmt), data)) for fmt, data in rendered.items()]
    except NewscleanError as exc:
        return ConvertResult(str(path), error=str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug must not end a batch; it is reported as one
        return ConvertResult(str(path), error=f"{path}: internal error: {type(exc).__name__}: {exc}",
                             seconds=time.perf_counter() - started)
    flags = tuple({**f.to_json(), "source": doc.source} for f in doc.flags())
    return ConvertResult(str(path), tuple(written), None, time.perf_counter() - started, len(doc.changes), flags)


def iter_convert(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    formats: Sequence[str] = ("json",),
    config: PipelineConfig | str | Path | None = None,
    options: WriteOptions | None = None,
    jobs: int = 1,
) -> Iterator[ConvertResult]:
    """Convert ``paths`` and yield one result per input as it finishes.

    With ``jobs > 1`` a process pool does the work; at most ``2 * jobs``
    inputs are in flight, so memory stays bounded however many paths come in.
    """
    config = make_config(config)
    if jobs <= 1:
        for path in paths:
            yield convert_one(path, out_dir, formats, config, options)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        window: deque[Future[ConvertResult]] = deque()
        for path in paths:
            window.append(pool.submit(convert_one, path, out_dir, tuple(formats), config, options))
            if len(window) >= 2 * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def convert(paths: Iterable[str | Path], out_dir: str | Path, **kwargs) -> list[ConvertResult]:
    """Convert every path (see :func:`iter_convert`) and return all results."""
    return list(iter_convert(paths, out_dir, **kwargs))


def default_jobs() -> int:
    """One worker per available core."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
