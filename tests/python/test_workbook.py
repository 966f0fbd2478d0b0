"""The published report as an Excel workbook (issue 14, "Workbook and files for French Excel"):
one sheet per table, headers in the reader's language, numbers as numbers, withheld cells « s »
with a legend sheet, the totals rows « Total », a sheet stating the period and the method."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vaekit
from vaekit.i18n import label, use_language
from vaekit.report import workbook

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")

sys.path.insert(0, str(Path(__file__).parent))

from test_analytics import generate_log, to_jsonl  # noqa: E402


def _head(column: str) -> str:
    """The header of a column: its label, capitalised."""
    text = label("column", column)
    return text[:1].upper() + text[1:]


TABLES = ["funnel", "durations", "monthly", "workload"]
KEYS = {"funnel": ("year", "antenne"), "durations": ("measure",), "monthly": ("antenne", "month"),
        "workload": ("staff", "month")}  # fmt: skip


def _ev(case: str, at: str, event: str, antenne: str, **data: Any) -> dict[str, Any]:
    role = {"appointment_held": "counsellor", "jury_held": "jury"}.get(event, "assistant")
    return {"case": case, "at": at, "event": event, "role": role, "antenne": antenne, **data}


def _published(seed: int = 3, cases: int = 120, **kw: Any) -> vaekit.PublishedReport:
    log = vaekit.EventLog.parse(to_jsonl(generate_log(seed, cases, "pathway")))
    return log.report(threshold=11).publish(**kw)


def _sheet_rows(path: Path, title: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book[title].iter_rows(values_only=True)]


def _titles(lang: str, published: vaekit.PublishedReport | None = None) -> list[str]:
    """The sheets: the key figures, the four tables, the optional tables present in
    ``published`` (none without it), then the legend and the method."""
    from vaekit.report.cells import OPTIONAL_TABLES
    from vaekit.report.words import sheet_title

    optional = [t for t in OPTIONAL_TABLES if published and len(published.table(t)) > 0]
    present = [*TABLES, *optional]
    with use_language(lang):
        names = ["summary", *present, "legend", "about"]
        return [sheet_title(n) for n in names]


def test_one_sheet_per_table_in_french_then_legend_and_method(tmp_path: Path) -> None:
    out = workbook(_published(), tmp_path / "rapport.xlsx")
    assert out == tmp_path / "rapport.xlsx"
    names = openpyxl.load_workbook(out).sheetnames
    # French by default (the catalog's words, not the table codes); the generated log states
    # channels, so the reception by channel follows the four tables of every report.
    assert names[:6] == ["Chiffres clés", "Entonnoir", "Durées", "Activité mensuelle",
                         "Charge des conseillers", "Accueil par canal"]  # fmt: skip
    assert names[-2:] == ["Légende", "Période et méthode"]
    assert names == _titles("fr", _published())
    en = workbook(_published(), tmp_path / "report.xlsx", lang="en")
    assert openpyxl.load_workbook(en).sheetnames == _titles("en", _published())
    assert openpyxl.load_workbook(en).sheetnames[1] == "Funnel"
    # No temporary file left behind (written atomically).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.xlsx", "report.xlsx"]


def test_headers_are_labels_numbers_are_numbers_withheld_are_s(tmp_path: Path) -> None:
    published = _published()
    assert published.suppressed, "the fixture must withhold cells"
    path = workbook(published, tmp_path / "r.xlsx")
    withheld = {
        (s["table"], tuple(s["row"].get(k) for k in KEYS[s["table"]]), s["column"])
        for s in published.suppressed
        if s["table"] in KEYS  # the workbook's tables (not the report's by_channel, ...)
    }
    s_cells = 0
    for name, title in zip(TABLES, _titles("fr")[1:5], strict=True):
        table = published.table(name)
        rows = _sheet_rows(path, title)
        with use_language("fr"):
            assert rows[0] == [_head(c) for c in table.columns]
        assert len(rows) - 1 == len(table)
        for record, cells in zip(table.to_records(), rows[1:], strict=True):
            key = tuple(record[k] for k in KEYS[name])
            for column, cell in zip(table.columns, cells, strict=True):
                value = record[column]
                if (name, key, column) in withheld:
                    assert cell == "s", (name, key, column)
                    s_cells += 1
                elif column == "antenne" and value is None and name == "funnel":
                    assert cell == "Total"
                elif column == "month":
                    assert isinstance(cell, dt.datetime)
                    assert cell.strftime("%Y-%m") == value
                elif isinstance(value, int):
                    assert cell == value and isinstance(cell, int | float)  # a number, not text
                elif isinstance(value, float):
                    assert cell == pytest.approx(value)
                elif value is None:
                    assert cell is None  # no value: empty, and only then
                elif column == "measure":
                    with use_language("fr"):
                        assert cell == label("measure", value)
                else:
                    assert cell == value
    assert s_cells == sum(s["table"] in KEYS for s in published.suppressed)


def test_hand_worked_totals_and_suppression(tmp_path: Path) -> None:
    # Three people received in 2024 at antenne A, twelve at antenne B; threshold 11 with
    # suppression alone (docs/analytics.md, disclosure): A's count 3 < 11 is withheld, B's 12 is
    # published, and so is the total 15 — but then A = 15 - 12 could be recomputed, so the
    # secondary suppression withholds B too (or the total). Whatever is withheld shows « s ».
    events = [_ev(f"a{i}", "2024-03-01", "received", "A") for i in range(3)]
    events += [_ev(f"b{i}", "2024-03-02", "received", "B") for i in range(12)]
    published = (
        vaekit.EventLog.from_records(events).report(threshold=11).publish(method="suppression")
    )
    rows = _sheet_rows(workbook(published, tmp_path / "r.xlsx"), "Entonnoir")
    header = rows[0]
    received = header.index(_head("received"))
    antenne = header.index(_head("antenne"))
    by_antenne = {r[antenne]: r[received] for r in rows[1:]}
    assert set(by_antenne) == {"A", "B", "Total"}
    assert by_antenne["A"] == "s"
    assert "s" in (by_antenne["B"], by_antenne["Total"])  # secondary suppression
    # Exact figures (threshold 0, internal use): 3, 12 and the total 15, as numbers.
    exact = vaekit.EventLog.from_records(events).report(threshold=0).publish()
    rows = _sheet_rows(workbook(exact, tmp_path / "exact.xlsx"), "Entonnoir")
    assert {r[antenne]: r[received] for r in rows[1:]} == {"A": 3, "B": 12, "Total": 15}
    about = dict((r[0], r[1]) for r in _sheet_rows(tmp_path / "exact.xlsx", "Période et méthode"))
    assert about["Seuil de diffusion"] == 0
    assert about["Cellules supprimées (« s »)"] == 0
    assert about["Période couverte"] == "mars 2024 – mars 2024"


def test_method_sheet_states_period_method_threshold_and_withheld(tmp_path: Path) -> None:
    published = _published(key=b"a secret publication key, 32 bytes!")
    path = workbook(published, tmp_path / "r.xlsx")
    rows = _sheet_rows(path, "Période et méthode")
    about = {r[0]: r[1] for r in rows if r[0] is not None}
    assert about["Seuil de diffusion"] == 11
    assert about["Cellules supprimées (« s »)"] == published.summary.suppressed_cells
    assert about["Clé de publication"] == "secrète"
    assert "bruit" in about["Méthode de protection"]
    months = sorted(published.monthly.to_dict()["month"])
    first = dt.date.fromisoformat(months[0] + "-01")
    assert str(first.year) in about["Période couverte"]
    legend = {r[0]: r[1] for r in _sheet_rows(path, "Légende") if r[0] is not None}
    assert "secret statistique" in legend["s"] and "zéro" in legend["s"]
    assert "Total" in legend


def test_no_english_on_the_french_workbook(tmp_path: Path) -> None:
    # Every word of the French workbook comes from the catalog: no message left in English.
    path = workbook(_published(), tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    english = {"Funnel", "Durations", "Total cases", "Legend", "Period covered", "withheld",
               "threshold", "no value", "Key figures", "received", "counselled"}  # fmt: skip
    texts = [
        str(v)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    ]
    for text in texts:
        for word in english:
            assert word not in text.split(), (word, text)


def test_summary_sheet_total_row_and_missing_counts(tmp_path: Path) -> None:
    published = _published()
    rows = _sheet_rows(workbook(published, tmp_path / "r.xlsx"), "Chiffres clés")
    summary = published.summary.table().to_records()
    assert len(rows) - 1 == len(summary)
    assert rows[-1][0] == "Total"  # the all-years row
    for record, cells in zip(summary, rows[1:], strict=True):
        for column, cell in zip(published.summary.table().columns, cells, strict=True):
            if column == "year":
                continue
            assert cell == ("s" if record[column] is None else record[column])


def test_an_activity_report_is_published_once_at_its_threshold(tmp_path: Path) -> None:
    # An ActivityReport given instead of its publication is published with the defaults
    # (cell-key at its threshold), like the page: the same cells as report.publish().
    log = vaekit.EventLog.parse(to_jsonl(generate_log(3, 120, "pathway")))
    report = log.report(threshold=11)
    a = _sheet_rows(workbook(report, tmp_path / "a.xlsx"), "Entonnoir")
    b = _sheet_rows(workbook(report.publish(), tmp_path / "b.xlsx"), "Entonnoir")
    assert a == b


def test_a_text_like_a_formula_stays_text(tmp_path: Path) -> None:
    # An antenne named like a formula (the network's own data) is written as a text cell,
    # never as a formula Excel would run.
    events = [_ev(f"c{i}", "2024-03-01", "received", "=1+1") for i in range(12)]
    published = vaekit.EventLog.from_records(events).report(threshold=0).publish()
    book = openpyxl.load_workbook(workbook(published, tmp_path / "r.xlsx"))
    cells = [c for row in book["Entonnoir"].iter_rows(min_row=2) for c in row if c.value == "=1+1"]
    assert cells and all(c.data_type == "s" for c in cells)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), cases=st.integers(1, 60))
def test_s_cells_are_exactly_the_withheld_cells(tmp_path: Path, seed: int, cases: int) -> None:
    # Law: the « s » cells of the four table sheets are the report's withheld cells, one each.
    log = vaekit.EventLog.parse(to_jsonl(generate_log(seed, cases, "pathway")))
    published = log.report(threshold=11).publish()
    book = openpyxl.load_workbook(workbook(published, tmp_path / f"{seed}-{cases}.xlsx"))
    s_cells = sum(
        v == "s"
        for title in _titles("fr")[1:5]
        for row in book[title].iter_rows(min_row=2, values_only=True)
        for v in row
    )
    assert s_cells == sum(s["table"] in KEYS for s in published.suppressed)
