"""``make bench``: cleaning throughput in MB/s, documents/s per writer, batch speed-up.

Cleaning is timed on the seeds concatenated to the requested size (one core,
one process), after a warm-up that loads the cleaner modules and the lexicon
(its time is printed apart). It is timed in CPU time of the process, and the
fastest of a few runs is reported: on a shared machine wall time measures
the other jobs as much as ours (that run's wall time is printed too); writers are timed on each seed's cleaned document. The batch
figure converts a directory of seed copies with ``--jobs 1`` and then
``--jobs 2`` (pool start-up included) and prints the speed-up. ``--scale``
times cleaning at several sizes, to show that time grows linearly.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from newsclean.convert import render
from newsclean.pipeline import PipelineConfig, StepTiming, clean_text, run_pipeline
from newsclean.readers import read_path, segment_lines
from newsclean.writers import available_formats

# The cleaners of issue #3's speed target (>= 5 MB/s together on one core):
# the text tier, as opposed to the structure cleaners that read articles.
TEXT_CLEANERS: tuple[str, ...] = (
    "repair_mojibake",
    "normalize_unicode",
    "detect_script",
    "undouble",
    "dedupe",
    "rejoin_lines",
    "punctuation",
    "ocr_confusions",
    "cjk_spacing",
)


def corpus(seeds_dir: Path, megabytes: float) -> str:
    """The seeds concatenated (separated by blank lines) until ``megabytes`` of UTF-8."""
    texts = [read_path(p).text for p in sorted(seeds_dir.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"bench: no seeds in {seeds_dir}")
    target = int(megabytes * 1_000_000)
    unit = "\n\n".join(texts)
    copies = max(1, target // len(unit.encode("utf-8")) + 1)
    return "\n\n".join([unit] * copies)


def warm_up(seeds_dir: Path, config: PipelineConfig | None = None) -> float:
    """Seconds to load what a process loads once (cleaner modules, lexicon tables), by cleaning a small sample.

    Timed runs come after it, so that they measure cleaning, not start-up.
    """
    started = time.perf_counter()
    clean_text(corpus(seeds_dir, 0.05), source="warm-up", config=config)
    return time.perf_counter() - started


class CleaningRun(NamedTuple):
    """One timed pipeline run: the CPU seconds of each step, and the run's wall-clock seconds."""

    timings: list[StepTiming]
    wall: float

    @property
    def cpu(self) -> float:
        """CPU seconds of the whole run."""
        return sum(t.seconds for t in self.timings)


def bench_cleaning(text: str, config: PipelineConfig) -> CleaningRun:
    """Clean ``text`` once: each step timed in CPU time of the process, the run on the wall clock too."""
    timings: list[StepTiming] = []
    wall = time.perf_counter()
    started = time.process_time()
    doc = segment_lines(text, "bench")
    timings.append(StepTiming("segment_lines", time.process_time() - started))
    run_pipeline(doc, config, timings, time.process_time)
    return CleaningRun(timings, time.perf_counter() - wall)


def fastest_run(runs: list[CleaningRun]) -> CleaningRun:
    """The run with the least CPU time: the one least disturbed by other jobs on a shared machine.

    >>> fastest_run([CleaningRun([StepTiming("a", 2.0)], 2.5), CleaningRun([StepTiming("a", 1.5)], 3.0)]).wall
    3.0
    """
    return min(runs, key=lambda run: run.cpu)


def text_cleaners_rate(size: float, timings: list[StepTiming]) -> tuple[float, float]:
    """``(MB/s, seconds)`` of the :data:`TEXT_CLEANERS` together, from a pipeline run's timings on ``size`` MB.

    >>> text_cleaners_rate(10.0, [StepTiming("punctuation", 1.5), StepTiming("build_articles", 3.0), StepTiming("dedupe", 0.5)])
    (5.0, 2.0)
    """
    seconds = sum(t.seconds for t in timings if t.cleaner in TEXT_CLEANERS)
    return size / max(seconds, 1e-9), seconds


def bench_writers(seeds_dir: Path, rounds: int = 3) -> dict[str, float]:
    """Documents/s of every available writer over the cleaned seeds."""
    docs = [clean_text(read_path(p).text, source=p.name) for p in sorted(seeds_dir.glob("*.txt"))]
    rates = {}
    for fmt in available_formats():
        render(docs[0], [fmt])  # warm-up: imports, templates and fonts load once per process, not per document
        started = time.perf_counter()
        for _ in range(rounds):
            for doc in docs:
                render(doc, [fmt])
        rates[fmt] = rounds * len(docs) / (time.perf_counter() - started)
    return rates


def pdf_pages_per_document(seeds_dir: Path) -> float:
    """Mean A4 pages of the cleaned seeds' PDFs, to turn PDF documents/s into pages/s."""
    from newsclean.writers.pdf import page_count

    docs = [clean_text(read_path(p).text, source=p.name) for p in sorted(seeds_dir.glob("*.txt"))]
    return sum(page_count(doc) for doc in docs) / max(1, len(docs))


def run_bench(seeds_dir: Path, megabytes: float = 10.0, runs: int = 5) -> None:
    """Print the benchmark report."""
    text = corpus(seeds_dir, megabytes)
    size = len(text.encode("utf-8")) / 1_000_000
    startup = warm_up(seeds_dir, PipelineConfig())
    all_runs = [bench_cleaning(text, PipelineConfig()) for _ in range(runs)]
    best = fastest_run(all_runs)
    timings = best.timings
    print(f"start-up: {startup:.2f} s (cleaner modules and lexicon, loaded once per process; not counted below)")
    print(
        f"cleaning: {size / best.cpu:.2f} MB/s over {size:.1f} MB (seeds concatenated, one core; CPU time of the"
        f" fastest of {runs} runs, whose wall time gives {size / best.wall:.2f} MB/s)"
    )
    tier = sorted(text_cleaners_rate(size, run.timings)[1] for run in all_runs)
    print(
        f"text cleaners (issue #3 set, marked *): {size / tier[0]:.2f} MB/s ({tier[0]:.2f} s CPU, the fastest"
        f" of the {runs} runs; median {size / tier[len(tier) // 2]:.2f} MB/s)"
    )
    for t in timings:
        mark = " *" if t.cleaner in TEXT_CLEANERS else ""
        print(f"  {t.cleaner:24s} {t.seconds:7.3f} s  {size / max(t.seconds, 1e-9):9.1f} MB/s{mark}")
    for fmt, docs_per_s in bench_writers(seeds_dir).items():
        pages = f" {docs_per_s * pdf_pages_per_document(seeds_dir):8.1f} pages/s" if fmt == "pdf" else ""
        print(f"writer {fmt:5s}: {docs_per_s:8.1f} documents/s{pages}")


def bench_jobs(seeds_dir: Path, files: int = 80, jobs: tuple[int, ...] = (1, 2)) -> dict[int, float]:
    """Files/s of a batch (JSON output) over ``files`` copies of the seeds, for each worker count."""
    from newsclean.convert import iter_convert

    seeds = sorted(seeds_dir.glob("*.txt"))
    for seed in seeds:  # one-time loads (lexicon, tokenizer) happen before timing; forked workers inherit them
        clean_text(read_path(seed).text, source=seed.name)
    rates = {}
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as tmp:
        src = Path(tmp) / "in"
        for i in range(files):
            seed = seeds[i % len(seeds)]
            target = src / f"{i // len(seeds):04d}" / seed.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(seed, target)
        for n in jobs:
            out = Path(tmp) / f"out{n}"
            started = time.perf_counter()
            results = list(iter_convert([str(src)], out, jobs=n))
            seconds = time.perf_counter() - started
            if not all(r.ok for r in results):
                raise SystemExit(f"bench: batch failed: {next(r.error for r in results if not r.ok)}")
            rates[n] = len(results) / seconds
    return rates


def bench_scaling(
    seeds_dir: Path, sizes: list[float], config: PipelineConfig | None = None
) -> list[tuple[float, float]]:
    """``(MB, seconds)`` to clean one dump of each size (the seeds concatenated)."""
    rows = []
    warm_up(seeds_dir, config)
    for megabytes in sizes:
        text = corpus(seeds_dir, megabytes)
        started = time.perf_counter()
        clean_text(text, source="bench", config=config)
        rows.append((len(text.encode("utf-8")) / 1_000_000, time.perf_counter() - started))
    return rows


def run_batch_bench(seeds_dir: Path, files: int = 80, scale: list[float] | None = None) -> None:
    """Print the batch speed-up from --jobs 1 to 2 and, if asked, cleaning time against size."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if files > 0:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        rates = bench_jobs(seeds_dir, files)
        print(f"batch of {files} files (JSON, pool start-up included, {cores} cores, load average {load:.1f} before):")
        for n, rate in rates.items():
            print(f"  --jobs {n}: {rate:8.1f} files/s")
        if 1 in rates and 2 in rates:
            print(f"  speed-up --jobs 1 -> 2: {rates[2] / rates[1]:.2f}x")
    if scale:
        print("cleaning time against size (one dump, one core):")
        base = None
        for size, seconds in bench_scaling(seeds_dir, scale):
            base = base or seconds / size
            print(
                f"  {size:6.1f} MB  {seconds:8.2f} s  {size / seconds:6.2f} MB/s  ({seconds / size / base:.2f}x the s/MB of the smallest)"
            )
