"""The example notebook runs from top to bottom (nbclient)."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["tour.ipynb"])
def test_notebook_executes(name: str) -> None:
    nb = nbformat.read(ROOT / "examples" / "notebooks" / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any(
        "image/png" in o.get("data", {}) or "text/plain" in o.get("data", {}) for o in outputs
    )
