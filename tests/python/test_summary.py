"""The one disclosure-aware summary of a published report, and the demo publishing once.

Hand-worked log: cohort 2023 has 5 people received at antenne A, cohort 2024 has 2. Published
with suppression alone (no noise) at threshold 3, the 2024 counts (2 < 3) are withheld; the
old page summed ``r["received"] or 0`` over the cohorts and said 5 people received. The summary
(computed in C++, src/analytics/report.cpp) says "suppressed" (None): a sum with a withheld term
is withheld.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vaekit


def _log(tmp_path: Path, counts: dict[tuple[int, str], int]) -> vaekit.EventLog:
    """A log with ``counts[(year, antenne)]`` people received at that antenne in that year."""
    lines = [json.dumps({"schema": "EventLog.1"})]
    for (year, antenne), n in sorted(counts.items()):
        for i in range(n):
            lines.append(
                json.dumps(
                    {
                        "case": f"C{year}-{antenne}-{i}",
                        "at": f"{year}-03-01",
                        "event": "received",
                        "role": "assistant",
                        "antenne": antenne,
                        "staff": "S1",
                        "data": {"channel": "walk_in"},
                    }
                )
            )
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return vaekit.EventLog.read(path)


def test_a_suppressed_cohort_total_is_suppressed_in_the_summary(tmp_path: Path) -> None:
    from vaekit.report import summary_lines
    from vaekit.report.page import key_figures

    log = _log(tmp_path, {(2023, "A"): 5, (2024, "A"): 2})
    published = log.report(threshold=3).publish(method="suppression")
    summary = published.summary
    assert [k.year for k in summary.cohorts] == [2023, 2024]
    assert summary.cohorts[0].received == 5
    assert summary.cohorts[1].received is None
    assert summary.all.received is None  # the old page said 5 (a withheld 2 counted as 0)
    assert key_figures(published)["people received"] is None
    table = published.summary.table()
    assert isinstance(table, vaekit.Table)
    assert table.to_dict()["received"] == [5, None, None]
    assert table.to_dict()["year"] == [2023, 2024, None]
    lines = summary_lines(published)
    assert "cohorte 2024 : accueillis masqué" in "\n".join(lines)  # French by default
    assert summary.suppressed_cells == len(published.suppressed) > 0


@settings(max_examples=25, deadline=None)
@given(
    counts=st.dictionaries(
        st.tuples(st.integers(2020, 2022), st.sampled_from(["A", "B"])),
        st.integers(1, 6),
        min_size=1,
        max_size=6,
    ),
    threshold=st.integers(0, 5),
)
def test_the_summary_is_the_published_totals_and_their_sum(
    tmp_path_factory: pytest.TempPathFactory, counts: dict[tuple[int, str], int], threshold: int
) -> None:
    # Law: each cohort figure is the published totals cell (None iff withheld); the all-years
    # figure is their sum when none is withheld, else None; threshold 0 gives the true counts.
    log = _log(tmp_path_factory.mktemp("log"), counts)
    published = log.report(threshold=threshold).publish(method="suppression")
    totals = [r for r in published.funnel.to_records() if r["antenne"] is None]
    summary = published.summary
    assert [k.year for k in summary.cohorts] == [r["year"] for r in totals]
    for k, row in zip(summary.cohorts, totals):
        assert k.received == row["received"]
        assert k.jury_held == row["jury_held"]
    cells = [r["received"] for r in totals]
    expected = None if None in cells else sum(cells)
    assert summary.all.received == expected
    if threshold == 0:
        assert summary.all.received == sum(counts.values())


def test_the_published_tables_are_tables_of_the_one_publication(tmp_path: Path) -> None:
    log = _log(tmp_path, {(2023, "A"): 12, (2023, "B"): 14})
    published = log.report(threshold=11).publish(method="suppression")
    # The four of every report, and by_channel: the log states channels (issue 15).
    assert set(published.tables) == {"funnel", "durations", "monthly", "workload", "by_channel"}
    funnel = published.table("funnel")
    assert isinstance(funnel, vaekit.Table)
    del published  # the table keeps its publication alive
    assert funnel.to_dict()["received"] == [26, 12, 14]
    with pytest.raises(vaekit.NotFound):
        log.report().publish().table("nope")


def test_the_demo_publishes_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every way to publish an ActivityReport from Python is counted: publish() and the shortcuts
    # that publish again on each call (tables, summary, documents, write). The demo has two
    # reports, one per era (idf-2014, idf-2025): each is published once.
    calls: list[str] = []
    published_reports: list[vaekit.ActivityReport] = []
    cls = vaekit.ActivityReport
    publish = cls.publish

    def counted_publish(self: vaekit.ActivityReport, *a: object, **k: object) -> object:
        calls.append("publish")
        published_reports.append(self)  # kept alive: two live objects never share an id()
        return publish(self, *a, **k)

    monkeypatch.setattr(cls, "publish", counted_publish)
    for name in ("funnel", "durations", "monthly", "workload", "summary", "suppressed", "tables"):
        monkeypatch.setattr(cls, name, property(lambda self, n=name: calls.append(n)))
    for name in ("table", "to_json", "to_dict", "write"):
        monkeypatch.setattr(cls, name, lambda self, *a, n=name, **k: calls.append(n))

    from vaekit.demo import run

    assert run(tmp_path / "out") == 0
    assert calls == ["publish", "publish"]
    assert len({id(r) for r in published_reports}) == 2
    assert (tmp_path / "out" / "report.html").is_file()
