"""Pathological sizes and repetition: no hang, no quadratic blow-up, nothing lost.

Each case runs under a hard time limit (SIGALRM), so a quadratic cleaner
fails the test instead of stalling the suite.
"""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager

import pytest

from newsclean.audit import audit_conservation
from newsclean.cli import main
from newsclean.pipeline import clean_text
from newsclean.readers import read_path
from project_paths import SEEDS


@contextmanager
def time_limit(seconds: int):
    def expire(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def seed_text() -> str:
    return "\n\n".join(read_path(p).text for p in SEEDS)


def clean_and_audit(text: str, seconds: int):
    with time_limit(seconds):
        started = time.perf_counter()
        doc = clean_text(text, source="big.txt")
        elapsed = time.perf_counter() - started
    report = audit_conservation(text, doc)
    assert report.ok, report.summary()
    return doc, elapsed


def test_a_5mb_line_without_newline_does_not_stall():
    line = seed_text().replace("\n", "")
    text = (line * (5_000_000 // len(line.encode()) + 1))[: 5_000_000 // 3]
    clean_and_audit(text, seconds=120)


def test_ten_thousand_tiny_articles():
    text = "".join(f"# 标题{i}\n\n正文第{i}段，内容很短。\n\n" for i in range(10_000))
    doc, _ = clean_and_audit(text, seconds=120)
    assert sum(1 for a in doc.articles if a.title) >= 9_000


@pytest.mark.parametrize(
    "text",
    [
        "AB" * 200_000,
        "聊城" * 200_000,
        "聊城市卫生健康系统聊城市卫生健康系统" * 20_000,
        "把学习作为终身课题，扛牢责任担当。\n" * 20_000,
        "把学习作为终身课题，扛牢责任担当，" * 20_000,
        "温热期盼。\n\n" * 20_000,
        "# " + "中国 人民 " * 100_000 + "\n\n正文。\n",  # (review) one headline of spaced phrases: a copy per space
    ],
    ids=["ABAB", "聊城聊城", "doubled-run", "sentence-lines", "clause-run", "repeated-paragraphs", "spaced-headline"],
)
def test_pathological_repetition_is_linear_and_conserved(text):
    clean_and_audit(text, seconds=60)


def test_cleaning_time_grows_linearly():
    base = seed_text()
    small = base * 4
    large = base * 16
    _, t_small = clean_and_audit(small, seconds=120)
    _, t_large = clean_and_audit(large, seconds=240)
    assert t_large < 8 * max(t_small, 0.05), f"4x input took {t_large / max(t_small, 1e-9):.1f}x the time"


def test_a_50mb_dump_through_the_cli(tmp_path):
    base = seed_text()
    big = tmp_path / "big.txt"
    copies = 50_000_000 // len(base.encode()) + 1
    with big.open("w", encoding="utf-8") as handle:
        for _ in range(copies):
            handle.write(base + "\n\n")
    with time_limit(400):
        assert main(["convert", str(big), "-o", str(tmp_path / "out"), "--to", "txt"]) == 0
    assert (tmp_path / "out" / "big.txt").stat().st_size > 20_000_000
