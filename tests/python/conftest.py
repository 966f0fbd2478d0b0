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


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """A throwaway PostgreSQL server for the session (tests/python/pg_server.py), stopped at the
    end; the test is skipped, saying how to install it, when PostgreSQL is absent."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from pg_server import PgServer

    server = PgServer.start()
    if server is None:
        pytest.skip(PgServer.skip_reason)
    try:
        yield server
    finally:
        server.remove()


_store_counter = [0]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh, empty case store is: a SQLite file, or a new database on the session's
    PostgreSQL server (skipped when PostgreSQL is absent). The store contract tests take it."""
    if request.param == "sqlite":
        return str(tmp_path / "cases.db")
    server = request.getfixturevalue("pg_server")
    _store_counter[0] += 1
    return str(server.create_database(f"py_{os.getpid()}_{_store_counter[0]}"))
