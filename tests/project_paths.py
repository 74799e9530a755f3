"""Where the project's test data lives: the seeds and the gold documents.

A plain module rather than names in conftest.py: with several conftest.py files in the tree,
`from conftest import ...` resolves to whichever one pytest loaded first.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = sorted((ROOT / "fixtures" / "gold").glob("*.json"))
