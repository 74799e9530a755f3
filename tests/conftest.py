"""Shared fixtures: paths of the seeds and gold documents."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = sorted((ROOT / "fixtures" / "gold").glob("*.json"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
