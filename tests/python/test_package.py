"""Package-level promises: docstrings everywhere, stubs up to date, the CLI and the examples."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import vaekit

ROOT = Path(__file__).resolve().parents[2]


def test_every_public_name_has_a_docstring() -> None:
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import check_docstrings
    finally:
        sys.path.pop(0)
    assert check_docstrings.main() == 0


def test_all_names_exist() -> None:
    for name in vaekit.__all__:
        assert hasattr(vaekit, name), name


def test_type_stubs_are_up_to_date() -> None:
    """The committed _vaekit.pyi must equal what pybind11-stubgen makes of the built module."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pybind11_stubgen",
                "vaekit._vaekit",
                "-o",
                tmp,
                "--numpy-array-remove-parameters",
            ],
            check=True,
            capture_output=True,
        )
        fresh = (Path(tmp) / "vaekit" / "_vaekit.pyi").read_text(encoding="utf-8")
    committed = (ROOT / "python" / "vaekit" / "_vaekit.pyi").read_text(encoding="utf-8")
    assert fresh == committed, (
        "stubs are stale: run scripts/stubs and commit python/vaekit/_vaekit.pyi"
    )


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vaekit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def test_cli_calendar() -> None:
    res = run_cli("calendar", "2024")
    assert res.returncode == 0
    assert "Lundi de Pentecôte" in res.stdout
    assert "jours ouvrés : 252" in res.stdout  # French by default (issue 14)


def test_cli_bad_input_is_one_line_and_non_zero() -> None:
    res = run_cli("calendar", "1975")
    assert res.returncode != 0
    assert res.stderr.strip().count("\n") == 0
    assert "Traceback" not in res.stderr


def test_demo_runs(tmp_path: Path) -> None:
    res = run_cli("demo", "--out", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out" / "calendar-2024.json").is_file()


EXAMPLES = sorted((ROOT / "examples" / "python").glob("*.py"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_python_examples_run(example: Path, tmp_path: Path) -> None:
    env = dict(os.environ, VAEKIT_EXAMPLE_OUT=str(tmp_path))
    res = subprocess.run(
        [sys.executable, str(example)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert res.returncode == 0, res.stdout + res.stderr
