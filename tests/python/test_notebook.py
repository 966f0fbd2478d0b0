"""Notebooks (issue 14): the tour runs from top to bottom on the example spreadsheet through the
import, with public names only; its figures show as images without ``%matplotlib inline``; Table,
PublishedReport, Plan and Case show themselves as French HTML (« s », « Total », bounded rows)."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import vaekit
from vaekit.i18n import label, use_language

ROOT = Path(__file__).resolve().parents[2]
TOUR = ROOT / "examples" / "notebooks" / "tour.ipynb"

sys.path.insert(0, str(Path(__file__).parent))

from test_analytics import generate_log, to_jsonl  # noqa: E402


def _head(column: str) -> str:
    """The header of a column: its label, capitalised."""
    text = label("column", column)
    return text[:1].upper() + text[1:]


def _code_cells() -> list[str]:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(TOUR, as_version=4)
    return ["".join(c.source) for c in nb.cells if c.cell_type == "code"]


def _private_imports(source: str) -> list[str]:
    """The private modules (a part starting with ``_``) a cell imports."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [("." * node.level) + (node.module or "")]
            names += [f"{names[0]}.{a.name}" for a in node.names]
        found += [n for n in names if any(p.startswith("_") for p in n.split(".") if p)]
    return found


def test_private_import_detector() -> None:
    assert _private_imports("from vaekit._data import example_data") == [
        "vaekit._data",
        "vaekit._data.example_data",
    ]
    assert _private_imports("import vaekit._vaekit as v")
    assert _private_imports("from vaekit import _data")
    assert not _private_imports("from vaekit.demo import example_data\nimport vaekit")


def test_tour_uses_the_spreadsheet_and_public_names_only() -> None:
    cells = _code_cells()
    assert not [p for c in cells for p in _private_imports(c)]
    joined = "\n".join(cells)
    assert "antenne-2024.xlsx" in joined
    assert "import_table" in joined and "EventLog.from_table" in joined
    assert "%matplotlib" not in joined


def test_notebook_figure_displays_without_pyplot() -> None:
    # A Figure built without pyplot has no manager: IPython showed "<Figure size 700x400>".
    pytest.importorskip("matplotlib")
    from vaekit.report import plots

    log = vaekit.EventLog.parse(to_jsonl(generate_log(3, 60, "pathway")))
    fig = plots.plot_funnel(log.report(threshold=0).publish())
    png = fig._repr_png_()
    assert png.startswith(b"\x89PNG")
    assert "<svg" in fig._repr_svg_()


def test_notebook_executes_and_shows_images_and_html() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("python_calamine")
    nb = nbformat.read(TOUR, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    data: list[dict[str, Any]] = [o.get("data", {}) for o in outputs]
    # The last cell's figure is an image, not "<Figure size 700x400 with 1 Axes>".
    last = nb.cells[-1].outputs
    assert any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
               for o in last)  # fmt: skip
    assert not any(re.match(r"<Figure size", d.get("text/plain", "")) and len(d) == 1 for d in data)
    html = [d["text/html"] for d in data if "text/html" in d]
    # The published report of the spreadsheet, in French, with its withheld cells as « s ».
    assert any('class="s">s</td>' in h and "Total" in h and "Entonnoir" in h for h in html)


def _published(**kw: Any) -> vaekit.PublishedReport:
    log = vaekit.EventLog.parse(to_jsonl(generate_log(3, 120, "pathway")))
    return log.report(threshold=11).publish(**kw)


def test_published_report_html_shows_s_and_total() -> None:
    published = _published()
    html = published._repr_html_()
    # One « s » per withheld cell of the four tables, plus the missing key figures.
    summary_missing = sum(
        v is None
        for r in published.summary.table().to_records()
        for k, v in r.items()
        if k != "year"
    )
    assert html.count('class="s">s</td>') == len(published.suppressed) + summary_missing or (
        "lignes non affichées" in html
    )
    assert "<td>Total</td>" in html
    with use_language("fr"):
        assert _head("received") in html
    with use_language("en"):
        english = published._repr_html_()
    assert "Funnel" in english and "Entonnoir" not in english


def test_table_html_is_bounded_and_labelled() -> None:
    table = _published(threshold=0).monthly
    assert len(table) > 20
    html = table._repr_html_()
    assert html.count("<tr>") <= 1 + 20 + 1  # header, 20 rows, the line of rows left out
    assert "lignes non affichées" in html
    with use_language("fr"):
        assert f"<th>{_head('month')}</th>" in html


def test_case_html_leaves_free_text_out() -> None:
    case = vaekit.Case("C-1")
    case.record("received", "2024-03-01", "assistant", antenne="A")
    case.record("dropped_out", "2024-04-01", "counsellor", reason="Déménage chez sa sœur Ginette")
    html = case._repr_html_()
    assert "C-1" in html and "2024-03-01" in html
    assert "Ginette" not in html
    with use_language("fr"):
        assert label("event", "dropped_out") in html


def test_plan_html() -> None:
    data = ROOT / "examples" / "data" / "training" / "records" / "plan-2025.json"
    plan = vaekit.Plan.from_json(data.read_text(encoding="utf-8"))
    html = plan._repr_html_()
    assert "<table" in html and "séances" in html


def test_names_are_escaped_in_the_html() -> None:
    # An antenne name comes from the network's own data: it is text, never markup.
    events = [
        {
            "case": f"c{i}",
            "at": "2024-03-01",
            "event": "received",
            "role": "assistant",
            "antenne": "<script>alert(1)</script>",
        }  # fmt: skip
        for i in range(12)
    ]
    published = vaekit.EventLog.from_records(events).report(threshold=0).publish()
    for html in (published._repr_html_(), published.funnel._repr_html_()):
        assert "<script>" not in html and "&lt;script&gt;" in html
