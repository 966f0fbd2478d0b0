"""Shared fixtures of the Python tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEST_DATA = ROOT / "tests" / "data"
SHARED_DATA = Path(os.environ.get("VAEKIT_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def test_data() -> Path:
    """vaekit's own fixtures (tests/data)."""
    return TEST_DATA


@pytest.fixture
def shared_data() -> Path:
    """The real samples in ../shared/data; the test is skipped when the folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real samples not available ({SHARED_DATA} is absent)")
    return SHARED_DATA
