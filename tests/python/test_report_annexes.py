"""The employment and funding tables published with the activity report, in its one system.

``ActivityReport.publish(events=...)`` adds the employment table and the funding tables to the
report's cells: one protection, one audit, one list of withheld cells. Checked here: at threshold
0 they equal the stand-alone functions and an independent pandas computation; protected, every
withheld cell is listed, the audit passes, and no withheld cell is the difference of a published
total and published parts (the attack the stand-alone publications let through across tables).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import test_employment as emp
import test_funding as fund

import vaekit


def _log(tmp_path: Path, seed: int, n: int = 300) -> tuple[Path, list[dict[str, Any]]]:
    records = emp.generate(seed, n) + fund.generate(seed, n // 2)
    path = tmp_path / f"log{seed}.jsonl"
    lines = [json.dumps({"schema": "EventLog.1", "source": "generated"})]
    lines += [json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, records


@pytest.mark.parametrize("seed", [1, 2])
def test_exact_annexes_equal_the_functions_and_pandas(tmp_path: Path, seed: int) -> None:
    path, records = _log(tmp_path, seed)
    events = vaekit.read_event_log(path)
    by = ["outcome", "certification", "employment", "sex"]
    report = vaekit.EventLog.read(str(path)).report(threshold=0)
    published = report.publish(events=events, employment_by=by)
    # The employment table: as vaekit.employment_indicators, and as pandas counts it.
    alone = vaekit.employment_indicators(events, by, threshold=0).table.to_pandas()
    pd.testing.assert_frame_equal(published.employment.to_pandas(), alone)
    got = emp.sort_rows(emp.vaekit_counts(published.employment))
    want = emp.sort_rows(emp.reference(records, by))
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    # The funding tables: as vaekit.funding_report.
    f = vaekit.funding_report(events, method="none", threshold=0)
    pd.testing.assert_frame_equal(published.funding_mix.to_pandas(), f.mix.to_pandas())
    pd.testing.assert_frame_equal(published.funding_cost.to_pandas(), f.cost.to_pandas())
    # The report's own tables are unchanged by the annexes.
    plain = report.publish()
    for name in ("funnel", "durations", "monthly", "workload", "by_profile"):
        pd.testing.assert_frame_equal(
            published.table(name).to_pandas(), plain.table(name).to_pandas()
        )
    assert set(published.tables) >= {"employment", "funding_mix", "funding_cost"}


def _withheld(published: vaekit.PublishedReport, table: str) -> set[tuple[str, str]]:
    return {
        (json.dumps(c["row"], sort_keys=True), c["column"])
        for c in published.suppressed
        if c["table"] == table
    }


def _recoverable_by_difference(
    frame: pd.DataFrame, is_total: pd.Series, group: list[str], columns: list[str]
) -> list[tuple[Any, ...]]:
    """Cells withheld alone among the parts of a published total (total - parts = the cell)."""
    found = []
    totals = frame[is_total]
    parts = frame[~is_total]
    for _key, members in parts.groupby(group, dropna=False):
        for col in columns:
            total = totals.loc[(totals[group] == members.iloc[0][group]).all(axis=1), col]
            if total.empty or total.isna().any():
                continue
            if members[col].isna().sum() == 1:
                found.append((*members.iloc[0][group], col))
    return found


@pytest.mark.parametrize("method", ["suppression", "cell-key"])
def test_protected_annexes_list_every_withheld_cell_and_resist_differencing(
    tmp_path: Path, method: str
) -> None:
    path, _records = _log(tmp_path, 5, 260)
    events = vaekit.read_event_log(path)
    report = vaekit.EventLog.read(str(path)).report(threshold=11)
    published = report.publish(
        method=method, key=b"k" * 32, events=events, employment_by=["outcome", "sex"]
    )
    audit = published.audit()
    assert audit and all(a["safe"] for a in audit)
    # Every withheld count of the employment table is listed (by its row and column).
    e = published.employment.to_pandas()
    listed = _withheld(published, "employment")
    for _i, row in e.iterrows():
        key = json.dumps(
            {
                "by": row["by"],
                "months": int(row["months"]),
                "value": None if pd.isna(row["value"]) else row["value"],
            },
            sort_keys=True,
        )
        for col in emp.COUNTS:
            assert pd.isna(row[col]) == ((key, col) in listed), (key, col)
            if not pd.isna(row[col]):
                assert row[col] >= 11
    # With exact published figures, no group of a grouping is withheld alone beside its
    # published overall row (with cell-key noise, total - parts is not the cell: the audit above
    # bounds what the noisy figures give).
    for months in (6, 12) if method == "suppression" else ():
        rows = e[(e["months"] == months)]
        for by in ("outcome", "sex"):
            part = rows[rows["by"].isin(["all", by])].copy()
            part["months"] = months
            assert (
                _recoverable_by_difference(part, part["by"] == "all", ["months"], emp.COUNTS) == []
            )
    # Funding: no withheld sum is the total minus the published sums.
    mix = published.funding_mix.to_pandas()
    sums = ["requested_hours", "requested_amount", "granted_hours", "granted_amount"]
    mix["one"] = 1
    assert _recoverable_by_difference(mix, mix["funding"].isna(), ["one"], sums) == []
    # A rate over a withheld count is withheld.
    for rate, num, den in [
        ("response_rate", "answered", "followups_due"),
        ("employment_rate", "employed", "answered"),
    ]:
        assert e.loc[e[num].isna() | e[den].isna(), rate].isna().all()


def test_the_document_and_the_files_carry_the_annexes(tmp_path: Path) -> None:
    path, _records = _log(tmp_path, 3, 200)
    events = vaekit.read_event_log(path)
    published = vaekit.EventLog.read(str(path)).report(threshold=0).publish(events=events)
    doc = json.loads(published.to_json())
    assert len(doc["employment"]) == len(published.employment)
    assert len(doc["funding_mix"]) == len(published.funding_mix)
    published.write(str(tmp_path / "out"))
    for name in ("employment", "funding_mix", "funding_cost"):
        text = (tmp_path / "out" / f"{name}.csv").read_text(encoding="utf-8")
        assert text.startswith("# protection: none")
    # Without events, nothing of the kind.
    plain = vaekit.EventLog.read(str(path)).report(threshold=0).publish()
    assert "employment" not in json.loads(plain.to_json())
    assert len(plain.employment) == 0


def test_the_columnar_log_gives_employment_and_funding_counts_without_sums(tmp_path: Path) -> None:
    path, _records = _log(tmp_path, 4, 200)
    log = vaekit.EventLog.read(str(path))
    rows = log.report(threshold=0).publish(events=vaekit.read_event_log(path))
    columnar = log.report(threshold=0).publish(events=log)
    pd.testing.assert_frame_equal(
        columnar.employment.to_pandas(), rows.employment.to_pandas(), check_dtype=False
    )
    mix = columnar.funding_mix.to_pandas()
    assert mix["granted_amount"].isna().all()  # no number in the columnar log: no data, not 0
    pd.testing.assert_series_equal(
        mix["cases_granted"], rows.funding_mix.to_pandas()["cases_granted"]
    )


def test_event_counts_equal_pandas(tmp_path: Path) -> None:
    path, records = _log(tmp_path, 6, 120)
    counts = vaekit.EventLog.read(str(path)).event_counts()
    want = pd.Series([r["event"] for r in records]).value_counts().to_dict()
    assert counts == want
    assert vaekit.EventLog().event_counts() == {}


def test_the_page_shows_profile_employment_and_funding_in_french(tmp_path: Path) -> None:
    path, _records = _log(tmp_path, 8, 300)
    log = vaekit.EventLog.read(str(path))
    from vaekit.report import page as write_report_page

    page = write_report_page(
        log, out=tmp_path / "p.html", threshold=11, events=vaekit.read_event_log(path)
    )
    html = page.read_text(encoding="utf-8")
    for section in ("profile", "employment", "funding"):
        assert f'id="{section}"' in html
    assert "L’emploi après le jury" in html
    assert "Financements par financeur et par nature" in html


def test_the_command_publishes_the_annexes_with_the_amounts(tmp_path: Path) -> None:
    from vaekit.cli import main

    path, _records = _log(tmp_path, 9, 200)
    out = tmp_path / "rep"
    assert (
        main(
            [
                "--quiet",
                "report",
                str(path),
                "--out",
                str(out),
                "--threshold",
                "0",
                "--no-pseudonyms",
            ]
        )
        == 0
    )
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert doc["employment"] and doc["funding_mix"]
    total = doc["funding_mix"][-1]
    assert total["funding"] is None and total["granted_amount"] is not None


def test_the_workbook_and_the_excel_files_carry_the_annexes_in_french(tmp_path: Path) -> None:
    import openpyxl

    from vaekit.report import excel_csv, workbook

    path, _records = _log(tmp_path, 3, 300)
    published = (
        vaekit.EventLog.read(str(path))
        .report(threshold=11)
        .publish(events=vaekit.read_event_log(path), employment_by=["outcome", "sex"])
    )
    book = openpyxl.load_workbook(workbook(published, tmp_path / "r.xlsx"))
    for title in ("Selon le profil", "Emploi après le jury", "Financements"):
        assert title in book.sheetnames
    sheet = book["Emploi après le jury"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Regroupement", "Valeur", "Mois après le jury"]
    assert ["ensemble", "Total", 6] == values[1][:3]
    assert any(v == "s" for row in values for v in row)  # withheld cells, never blank or 0
    assert any(row[1] == "validation totale" for row in values[1:])
    files = excel_csv(published, tmp_path / "excel")
    text = files["employment"].read_text(encoding="utf-8-sig")
    assert "résultat du dernier jury" in text and "outcome" not in text
    # A log without profile, follow-up or funding has none of these sheets.
    plain = vaekit.EventLog.read(str(path)).report(threshold=11).publish()
    assert "employment" not in excel_csv(plain, tmp_path / "plain")


DATA = Path(__file__).resolve().parents[1] / "data" / "analytics"


def test_the_outcome_tables_published_with_the_report(tmp_path: Path) -> None:
    registry = vaekit.Registry.load(str(DATA / "outcomes_registry.json"))
    log = vaekit.EventLog.read(str(DATA / "outcomes_eventlog.jsonl"))
    exact = log.report(threshold=0).publish(events=log, registry=registry)
    for by in ("certification", "certifier"):
        alone = log.outcome_rates(registry, threshold=0, by=by).to_pandas()
        together = exact.table(f"outcomes_by_{by}").to_pandas()
        pd.testing.assert_frame_equal(together, alone, check_dtype=False)
    assert len(exact.outcomes_by_level) == 0  # not asked for
    by_level = log.report(threshold=0).publish(events=log, registry=registry, outcomes_by=["level"])
    pd.testing.assert_frame_equal(
        by_level.outcomes_by_level.to_pandas(),
        log.outcome_rates(registry, threshold=0, by="level").to_pandas(),
        check_dtype=False,
    )
    with pytest.raises(vaekit.InvalidArgument, match="events="):
        log.report(threshold=0).publish(registry=registry)


def test_the_outcome_rates_and_the_funnel_resist_differencing(tmp_path: Path) -> None:
    """A certification's withheld count is not the funnel's total minus the others'."""
    registry = vaekit.Registry.load(str(DATA / "outcomes_registry.json"))
    lines = [json.dumps({"schema": "EventLog.1"})]
    for i in range(33):
        code = "RNCP25467" if i < 30 else "RNCP34000"
        case = f"O{i}"
        lines.append(json.dumps({"case": case, "at": "2024-01-10", "event": "received",
                                 "role": "assistant", "antenne": "X"}))  # fmt: skip
        lines.append(json.dumps({"case": case, "at": "2024-03-10", "event": "admissibility_sent",
                                 "role": "candidate", "certification": code}))  # fmt: skip
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log = vaekit.EventLog.read(str(path))
    published = log.report(threshold=5).publish(method="suppression", events=log, registry=registry)
    funnel = published.funnel.to_pandas()
    total = funnel.loc[funnel["antenne"].isna(), "admissibility_sent"].dropna()
    rows = published.outcomes_by_certification.to_pandas()["admissibility_sent"]
    assert rows.isna().sum() >= 1
    if len(total) and rows.isna().sum() == 1:
        pytest.fail("the funnel total minus the published certifications gives the withheld one")
    assert all(a["safe"] for a in published.audit())


def test_the_command_publishes_the_outcome_rates_with_a_registry(tmp_path: Path) -> None:
    from vaekit.cli import main

    out = tmp_path / "rep"
    args = ["--quiet", "report", str(DATA / "outcomes_eventlog.jsonl"), "--out", str(out)]
    args += ["--threshold", "0", "--no-pseudonyms", "--html", str(tmp_path / "p.html")]
    assert main([*args, "--registry", str(DATA / "outcomes_registry.json")]) == 0
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert doc["outcomes_by_certification"] and doc["outcomes_by_certifier"]
    assert (out / "outcomes_by_certification.csv").exists()
    assert 'id="outcomes"' in (tmp_path / "p.html").read_text(encoding="utf-8")


def test_no_case_identifier_or_personal_field_in_the_annexes_outputs(tmp_path: Path) -> None:
    """Every file the report writes with its annexes, and the page, name no case and carry no
    personal field (the tables count cases; their rows are codes)."""
    from vaekit.report import excel_csv, workbook
    from vaekit.report import page as write_report_page

    path, records = _log(tmp_path, 12, 200)
    log = vaekit.EventLog.read(str(path))
    registry = vaekit.Registry.load(str(DATA / "outcomes_registry.json"))
    published = log.report(threshold=0).publish(
        events=vaekit.read_event_log(path), registry=registry, employment_by=["outcome", "sex"]
    )
    out = tmp_path / "out"
    published.write(str(out))
    excel_csv(published, out / "excel")
    write_report_page(log, out=out / "page.html", published=published)
    texts = [p.read_text(encoding="utf-8-sig") for p in out.rglob("*") if p.is_file()]
    import openpyxl

    book = openpyxl.load_workbook(workbook(published, out / "r.xlsx"))
    texts += [
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    ]
    blob = "\n".join(texts)
    cases = {r["case"] for r in records}
    assert not [c for c in cases if f'"{c}"' in blob or f";{c};" in blob or f">{c}<" in blob]
    for field in ("birth_date", "last_name", "first_name", "email", "address", "reason"):
        assert f'"{field}"' not in blob  # as a key or a column of any output
