"""Plots return figures with data; the demo step writes its outputs on the example log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vaekit

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "analytics" / "eventlog.jsonl"


def test_plots_return_figures() -> None:
    pytest.importorskip("matplotlib")
    from vaekit.report import plots

    report = vaekit.EventLog.read(EXAMPLE).report(threshold=0)
    for fn in (plots.plot_funnel, plots.plot_durations, plots.plot_monthly, plots.plot_workload):
        fig = fn(report)
        ax = fig.axes[0]
        assert ax.patches or ax.lines, fn.__name__


def test_demo_step(tmp_path: Path) -> None:
    from vaekit.demo import analytics as demo_analytics

    lines = demo_analytics.run(tmp_path)
    assert lines and "événements" in lines[0]  # French by default (issue 14)
    doc = json.loads((tmp_path / "report.json").read_text())
    assert doc["schema"] == "ActivityReport.1" and doc["threshold"] == 11
    assert doc["protection"]["method"] == "cell-key"
    for name in ("funnel", "durations", "monthly", "workload"):
        text = (tmp_path / f"{name}.csv").read_text()
        # A line stating the protection, the header, the rows.
        assert text.startswith("# protection: cell-key, threshold 11")
        assert text.count("\n") == len(doc[name]) + 2


def test_schema_sample_reads() -> None:
    sample = Path(__file__).resolve().parents[1] / "data" / "schemas" / "ActivityReport.1.json"
    doc = json.loads(sample.read_text())
    assert doc["schema"] == "ActivityReport.1"
    assert set(doc) == {
        "schema",
        "threshold",
        "funnel",
        "durations",
        "monthly",
        "workload",
        "suppressed",
        "protection",
    }
    # Every suppressed cell is null in its table.
    for s in doc["suppressed"]:
        row = next(r for r in doc[s["table"]] if all(r[k] == v for k, v in s["row"].items()))
        assert row[s["column"]] is None
    state = Path(__file__).resolve().parents[1] / "data" / "schemas" / "ActivityReport.state-1.json"
    r = vaekit.ActivityReport.from_state_json(state.read_text())  # a state without record keys
    assert json.loads(r.publish(method="suppression").to_json()) == doc
