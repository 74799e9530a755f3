"""Fixtures shared by the review-page tests: the demo dump with one of every change and flag, and a seed."""

from __future__ import annotations

import pytest
import review_demo


@pytest.fixture(scope="module")
def demo():
    return review_demo.demo()


@pytest.fixture(scope="module")
def seed_raw():
    return review_demo.seed_raw()
