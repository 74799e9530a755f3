"""``make bench``: cleaning throughput in MB/s and documents/s per writer.

Cleaning is timed on the seeds concatenated to the requested size (one core,
one process); writers are timed on each seed's cleaned document.
"""

from __future__ import annotations

import time
from pathlib import Path

from newsclean.convert import render
from newsclean.pipeline import PipelineConfig, StepTiming, clean_text, run_pipeline
from newsclean.readers import read_path, segment_lines
from newsclean.writers import available_formats


def corpus(seeds_dir: Path, megabytes: float) -> str:
    """The seeds concatenated (separated by blank lines) until ``megabytes`` of UTF-8."""
    texts = [read_path(p).text for p in sorted(seeds_dir.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"bench: no seeds in {seeds_dir}")
    target = int(megabytes * 1_000_000)
    unit = "\n\n".join(texts)
    copies = max(1, target // len(unit.encode("utf-8")) + 1)
    return "\n\n".join([unit] * copies)


def bench_cleaning(text: str, config: PipelineConfig) -> tuple[float, list[StepTiming]]:
    """MB/s of the whole pipeline on ``text``, with the time of each cleaner."""
    size = len(text.encode("utf-8")) / 1_000_000
    timings: list[StepTiming] = []
    started = time.perf_counter()
    doc = segment_lines(text, "bench")
    timings.append(StepTiming("segment_lines", time.perf_counter() - started))
    run_pipeline(doc, config, timings)
    return size / (time.perf_counter() - started), timings


def bench_writers(seeds_dir: Path, rounds: int = 3) -> dict[str, float]:
    """Documents/s of every available writer over the cleaned seeds."""
    docs = [clean_text(read_path(p).text, source=p.name) for p in sorted(seeds_dir.glob("*.txt"))]
    rates = {}
    for fmt in available_formats():
        started = time.perf_counter()
        for _ in range(rounds):
            for doc in docs:
                render(doc, [fmt])
        rates[fmt] = rounds * len(docs) / (time.perf_counter() - started)
    return rates


def run_bench(seeds_dir: Path, megabytes: float = 10.0) -> None:
    """Print the benchmark report."""
    text = corpus(seeds_dir, megabytes)
    size = len(text.encode("utf-8")) / 1_000_000
    rate, timings = bench_cleaning(text, PipelineConfig())
    print(f"cleaning: {rate:.2f} MB/s over {size:.1f} MB (seeds concatenated, one core)")
    for t in timings:
        print(f"  {t.cleaner:24s} {t.seconds:7.3f} s  {size / max(t.seconds, 1e-9):9.1f} MB/s")
    for fmt, docs_per_s in bench_writers(seeds_dir).items():
        print(f"writer {fmt:5s}: {docs_per_s:8.1f} documents/s")
