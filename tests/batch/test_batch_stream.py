"""iter_convert streams with a bounded window; clean() is safe from threads and processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from batch_helpers import ROOT, SEEDS, files_under, tiny

from newsclean.convert import iter_convert


@pytest.mark.parametrize(("jobs", "window"), [(1, None), (2, 2)])
def test_inputs_are_pulled_lazily_within_the_window(tmp_path, jobs, window):
    pulled = []

    pages = [tiny(tmp_path / "in" / f"p{i:02d}.txt", i) for i in range(12)]

    def paths():
        for i, page in enumerate(pages):
            pulled.append(i)
            yield page

    stream = iter_convert(paths(), tmp_path / "out", jobs=jobs, window=window)
    next(stream)
    limit = 1 if jobs == 1 else window + 1
    assert len(pulled) <= limit
    rest = list(stream)
    assert len(rest) == 11 and len(pulled) == 12


def test_parallel_and_serial_runs_write_the_same_bytes(tmp_path):
    serial = list(iter_convert([str(ROOT / "seeds")], tmp_path / "a", formats=("json", "md", "txt")))
    parallel = list(iter_convert([str(ROOT / "seeds")], tmp_path / "b", formats=("json", "md", "txt"), jobs=2))
    assert all(r.status == "ok" for r in serial + parallel) and len(parallel) == len(SEEDS)
    assert files_under(tmp_path / "a") == files_under(tmp_path / "b")


def test_clean_from_many_threads_on_a_cold_start_matches_serial():
    script = textwrap.dedent(
        """
        import sys
        from concurrent.futures import ThreadPoolExecutor
        from pathlib import Path
        import newsclean

        seeds = sorted(Path("seeds").glob("*.txt"))
        texts = [p.read_bytes() for p in seeds[::2]]
        with ThreadPoolExecutor(6) as pool:  # first use of every lazy cache happens concurrently
            threaded = list(pool.map(lambda b: newsclean.clean(b, source="x").to_json(), texts * 2))
        serial = [newsclean.clean(b, source="x").to_json() for b in texts]
        sys.exit(0 if threaded == serial * 2 else 1)
        """
    )

    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
