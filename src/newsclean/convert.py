"""Convert dump files to output formats, one by one or as a parallel batch.

A failure on one input never stops a batch: it is reported in that input's
:class:`ConvertResult` and the batch goes on.

:func:`iter_convert` streams: inputs are planned lazily (see
:mod:`newsclean.batch.plan` for the output names), at most a small window of
them is in flight, and only a small summary of each comes back, so memory
stays bounded however big the archive. Engines: ``local`` (this process, or a
process pool with ``jobs > 1``) and ``dask`` (a Dask distributed cluster; the
``newsclean[dask]`` extra). :func:`run_batch` adds ``OUT/_report.json``.

>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = (tmp / "p1.txt").write_text("# 标题\\n\\n正文。", encoding="utf-8")
>>> [(r.status, pathlib.Path(r.outputs[0]).name) for r in iter_convert([tmp / "p1.txt"], tmp / "out")]
[('ok', 'p1.json')]
>>> [r.status for r in iter_convert([tmp / "p1.txt"], tmp / "out", resume=True)]
['skipped']
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsclean.batch import resume as _resume
from newsclean.batch import storage
from newsclean.batch.plan import Task, plan
from newsclean.batch.report import BatchReport
from newsclean.errors import ConfigError, NewscleanError
from newsclean.model import Document
from newsclean.pipeline import PipelineConfig, clean_text, make_config
from newsclean.readers import decode_bytes, read_path
from newsclean.writers import WriteOptions, get_writer, render

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class ConvertResult:
    """What happened to one input: a small summary, never the document itself.

    ``status`` is ``ok``, ``failed`` (``error`` says why) or ``skipped``
    (``note`` says why: its outputs were up to date, or it was a duplicate).
    ``timings`` holds the seconds spent reading, cleaning, rendering and
    writing; ``flags`` the editor flags raised (none for a skipped input).
    """

    source: str
    outputs: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0
    changes: int = 0
    flags: tuple[dict, ...] = field(default_factory=tuple)
    status: str = ""
    note: str | None = None
    size: int = 0
    timings: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # An error always means failed, also in a copy made with dataclasses.replace(result, error=...).
        if self.error is not None:
            object.__setattr__(self, "status", "failed")
        elif not self.status or self.status == "failed":
            object.__setattr__(self, "status", "ok")

    @property
    def ok(self) -> bool:
        """True unless the input failed (a skipped input is fine)."""
        return self.status != "failed"


def output_path(source: str | Path, out_dir: str | Path, fmt: str) -> Path:
    """Where the ``fmt`` output of a single named ``source`` goes: ``OUT/<stem><ext>``."""
    return Path(out_dir) / (Path(source).stem + get_writer(fmt).extension)


def output_locations(name: str, out_dir: str | Path, formats: Sequence[str], reports: Sequence[str] = ()) -> list[str]:
    """The outputs of the input named ``name`` (see :mod:`newsclean.batch.plan`): one per format, then per report."""
    from newsclean.review import REPORT_SUFFIXES

    suffixes = [get_writer(fmt).extension for fmt in formats] + [REPORT_SUFFIXES[kind] for kind in reports]
    return [storage.join(str(out_dir), name + suffix) for suffix in suffixes]


def clean_file(path: str | Path, config: PipelineConfig | None = None) -> Document:
    """Read, decode and clean the dump at ``path``."""
    decoded = read_path(path)
    source = "<stdin>" if str(path) == "-" else Path(path).name
    return clean_text(decoded.text, source=source, config=config)


def _display_name(location: str) -> str:
    return "<stdin>" if location == "-" else location.rstrip("/").replace("\\", "/").rsplit("/", 1)[-1]


def convert_one(
    path: str | Path,
    out_dir: str | Path,
    formats: Sequence[str] = ("json",),
    config: PipelineConfig | None = None,
    options: WriteOptions | None = None,
    *,
    name: str | None = None,
    since: float | None = None,
    resume: bool = False,
) -> ConvertResult:
    """Convert one dump; errors are returned in the result, never raised.

    Outputs go to ``OUT/<name><ext>`` (``name`` defaults to the input's stem).
    With ``resume``, an input whose outputs are all newer than it and than
    ``since`` (see :mod:`newsclean.batch.resume`) is skipped. Every format is
    rendered before anything is written, and a failed write removes what this
    call wrote, so a failure never leaves a partial set of outputs.
    """
    started = time.perf_counter()
    source = str(path)
    timings: dict[str, float] = {}
    size = 0
    written: list[str] = []

    def failed(message: str) -> ConvertResult:
        return ConvertResult(source, error=message, seconds=time.perf_counter() - started, size=size, timings=timings)

    try:
        options = options or WriteOptions()
        outputs = output_locations(name if name is not None else Path(source).stem, out_dir, formats, options.reports)
        if resume and _resume.is_fresh(source, outputs, since):
            return ConvertResult(
                source, tuple(outputs), status="skipped", note="up to date", seconds=time.perf_counter() - started
            )
        mark = time.perf_counter()
        decoded = read_path("-") if source == "-" else decode_bytes(storage.read_bytes(source), source)
        size = len(decoded.text.encode("utf-8"))
        timings["read"] = time.perf_counter() - mark
        mark = time.perf_counter()
        doc = clean_text(decoded.text, source=_display_name(source), config=config)
        raw = decoded.text if options.reports else ""
        del decoded  # at most one document per worker at a time
        timings["clean"] = time.perf_counter() - mark
        mark = time.perf_counter()
        rendered = list(render(doc, formats, options).values())
        if options.reports:
            from newsclean.review import render_reports

            rendered.extend(render_reports(doc, raw, options.reports).values())
            del raw
        timings["render"] = time.perf_counter() - mark
        mark = time.perf_counter()
        for location, data in zip(outputs, rendered, strict=True):
            storage.write_bytes(location, data)
            written.append(location)
        timings["write"] = time.perf_counter() - mark
    except NewscleanError as exc:
        for location in written:
            storage.remove(location)
        return failed(str(exc))
    except Exception as exc:  # a bug must not end a batch; it is reported as one
        for location in written:
            storage.remove(location)
        return failed(f"{source}: internal error: {type(exc).__name__}: {exc}")
    flags = tuple({**f.to_json(), "source": doc.source} for f in doc.flags())
    return ConvertResult(
        source, tuple(written), None, time.perf_counter() - started, len(doc.changes), flags, size=size, timings=timings
    )


def run_task(
    task: Task,
    out_dir: str,
    formats: Sequence[str],
    config: PipelineConfig | None,
    options: WriteOptions | None,
    since: float | None,
    resume: bool,
) -> ConvertResult:
    """Convert one planned input (what a worker process or a Dask worker runs)."""
    return convert_one(task.source, out_dir, formats, config, options, name=task.name, since=since, resume=resume)


def _planned_result(task: Task) -> ConvertResult | None:
    """The result of a task that needs no work (a name clash or a duplicate), else None."""
    if task.error is not None:
        return ConvertResult(task.source, error=task.error)
    if task.duplicate:
        return ConvertResult(task.source, status="skipped", note="duplicate input")
    return None


def iter_convert(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    formats: Sequence[str] = ("json",),
    config: PipelineConfig | str | Path | None = None,
    options: WriteOptions | None = None,
    jobs: int = 1,
    resume: bool = False,
    engine: str = "local",
    scheduler: Any = None,
    window: int | None = None,
) -> Iterator[ConvertResult]:
    """Convert ``paths`` (files, directories, globs, fsspec URLs) and yield one result per input as it finishes.

    Results come in the order inputs finish. With ``jobs > 1`` a process pool
    does the work; with ``engine="dask"`` a Dask cluster does (``scheduler``:
    an address such as ``tcp://host:8786``, a ``distributed.Client``, or None
    for a local cluster of ``jobs`` workers). At most ``window`` inputs
    (default ``2 * workers``) are in flight, so memory stays bounded however
    many paths come in; ``paths`` may be a lazy iterator. With ``resume``,
    inputs whose outputs are up to date are skipped.
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (available: {', '.join(ENGINES)})")
    formats = tuple(formats)
    for fmt in formats:
        get_writer(fmt)
    config = make_config(config)
    options = options or WriteOptions()
    out_dir = str(out_dir)
    since = _resume.prepare(out_dir, _resume.fingerprint(config, options))
    tasks = plan(paths if isinstance(paths, (list, tuple)) else iter(paths), out_dir)
    args = (out_dir, formats, config, options, since, resume)
    if engine == "dask":
        from newsclean.batch.dask_engine import iter_convert_dask

        yield from iter_convert_dask(tasks, args, scheduler=scheduler, jobs=jobs, window=window)
        return
    if jobs <= 1:
        for task in tasks:
            yield _planned_result(task) or run_task(task, *args)
        return
    limit = max(1, window or 2 * jobs)
    yield from _iter_pool(tasks, args, jobs, limit)


# A worker that dies (killed, out of memory) breaks the whole pool and fails
# every input in flight. Each of those is then run again alone in a pool of
# its own, so only the input that really kills its worker is reported.
_WORKER_DIED = (
    "{source}: the worker process died while converting it (killed, out of memory?; a script that calls "
    "newsclean with jobs > 1 must also run under `if __name__ == '__main__':`)"
)


def _iter_pool(tasks: Iterable[Task], args: tuple, jobs: int, limit: int) -> Iterator[ConvertResult]:
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context())
    in_flight: dict[Future[ConvertResult], Task] = {}

    def submit(task: Task) -> None:
        nonlocal pool
        try:
            in_flight[pool.submit(run_task, task, *args)] = task
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context())
            in_flight[pool.submit(run_task, task, *args)] = task

    def alone(task: Task) -> ConvertResult:
        with ProcessPoolExecutor(max_workers=1, mp_context=_pool_context()) as single:
            try:
                return single.submit(run_task, task, *args).result()
            except BrokenProcessPool:
                return ConvertResult(task.source, error=_WORKER_DIED.format(source=task.source))

    def drain() -> Iterator[ConvertResult]:
        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
        for future in done:
            task = in_flight.pop(future)
            try:
                yield future.result()
            except BrokenProcessPool:
                yield alone(task)
            except Exception as exc:  # a result that cannot be sent back, and the like
                yield ConvertResult(task.source, error=f"{task.source}: worker failed: {type(exc).__name__}: {exc}")

    try:
        for task in tasks:
            planned = _planned_result(task)
            if planned is not None:
                yield planned
                continue
            submit(task)
            while len(in_flight) >= limit:
                yield from drain()
        while in_flight:
            yield from drain()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _pool_context() -> multiprocessing.context.BaseContext:
    """How worker processes start.

    ``fork`` is the fastest (workers inherit what is loaded) and is safe while
    this process runs a single thread. With other threads about (the progress
    bar, a Dask client) a fork can inherit a lock held by one of them and
    deadlock, so workers then come from a fork server that has newsclean and
    its lexicon loaded (as with ``spawn``, a script calling newsclean must
    then guard its entry point with ``if __name__ == "__main__":``).
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsclean.batch.warm"])
    return context


def convert(paths: Iterable[str | Path], out_dir: str | Path, **kwargs: Any) -> list[ConvertResult]:
    """Convert every path (see :func:`iter_convert`) and return all results."""
    return list(iter_convert(paths, out_dir, **kwargs))


@dataclass
class BatchSummary:
    """What :func:`run_batch` did: the totals, where the report is, and the first errors."""

    totals: dict[str, Any]
    report: str
    errors: list[str]
    interrupted: bool = False


def run_batch(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    formats: Sequence[str] = ("json",),
    config: PipelineConfig | str | Path | None = None,
    options: WriteOptions | None = None,
    jobs: int = 1,
    resume: bool = True,
    engine: str = "local",
    scheduler: Any = None,
    on_result: Any = None,
    max_errors: int = 50,
) -> BatchSummary:
    """Convert a batch as the CLI does: resume by default, then write ``OUT/_report.json``.

    ``on_result`` is called with every :class:`ConvertResult` as it comes
    (the CLI's progress bar); only the first ``max_errors`` error messages are
    kept, the rest are in the report.
    """
    from newsclean import __version__

    config = make_config(config)
    options = options or WriteOptions()
    settings = {
        "newsclean": __version__,
        "fingerprint": _resume.fingerprint(config, options),
        "formats": list(formats),
        "cleaners": list(config.cleaners),
        "engine": engine,
        "jobs": jobs,
        "resume": resume,
        "out": str(out_dir),
    }
    report = BatchReport(str(out_dir), settings)
    errors: list[str] = []
    interrupted = False
    try:
        for result in iter_convert(
            paths,
            out_dir,
            formats=formats,
            config=config,
            options=options,
            jobs=jobs,
            resume=resume,
            engine=engine,
            scheduler=scheduler,
        ):
            report.add(result)
            if result.error is not None and len(errors) < max_errors:
                errors.append(result.error)
            if on_result is not None:
                on_result(result)
    except KeyboardInterrupt:
        interrupted = True
    except BaseException:
        report.discard()
        raise
    location = report.close(interrupted=interrupted)
    if interrupted:
        raise KeyboardInterrupt(location)
    return BatchSummary(report.final_totals, location, errors, interrupted)


def default_jobs() -> int:
    """One worker per available core."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
