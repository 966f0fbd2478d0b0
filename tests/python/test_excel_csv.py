"""CSV for French Excel (issue 14): `;` separator, decimal comma, UTF-8 with BOM, withheld cells
« s » (never blank: blank means no value), the totals rows « Total »; read back by pandas with
sep=";", decimal=","."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vaekit
from vaekit.i18n import label, use_language
from vaekit.report import excel_csv

pd = pytest.importorskip("pandas")

sys.path.insert(0, str(Path(__file__).parent))

from test_analytics import generate_log, to_jsonl  # noqa: E402


def _head(column: str) -> str:
    """The header of a column: its label, capitalised."""
    text = label("column", column)
    return text[:1].upper() + text[1:]


KEYS = {"funnel": ("year", "antenne"), "durations": ("measure",), "monthly": ("antenne", "month"),
        "workload": ("staff", "month")}  # fmt: skip


def _published(seed: int = 3, cases: int = 120, **kw: Any) -> vaekit.PublishedReport:
    log = vaekit.EventLog.parse(to_jsonl(generate_log(seed, cases, "pathway")))
    return log.report(threshold=11).publish(**kw)


def _read(path: Path) -> Any:
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype=object,
                       keep_default_na=False)  # fmt: skip


def test_files_bom_separator_crlf_and_french_names(tmp_path: Path) -> None:
    from vaekit.report.cells import OPTIONAL_TABLES

    published = _published()
    files = excel_csv(published, tmp_path / "excel")
    present = {t for t in OPTIONAL_TABLES if len(published.table(t)) > 0}
    assert "by_channel" in present  # the generated log states channels
    assert (
        set(files)
        == {
            "summary",
            "funnel",
            "durations",
            "monthly",
            "workload",
            "legend",
            "about",
        }
        | present
    )
    assert files["funnel"].name == "entonnoir.csv"
    assert files["durations"].name == "durees.csv"
    for path in files.values():
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: French Excel reads « é »
        assert b"\r\n" in raw
        header = raw[3:].split(b"\r\n")[0].decode("utf-8")
        assert ";" in header and "," not in header
    en = excel_csv(_published(), tmp_path / "en", lang="en")
    assert en["funnel"].name == "funnel.csv"


def test_withheld_cells_are_s_never_blank_and_values_read_back(tmp_path: Path) -> None:
    published = _published()
    files = excel_csv(published, tmp_path)
    withheld = {
        (s["table"], tuple(s["row"].get(k) for k in KEYS[s["table"]]), s["column"])
        for s in published.suppressed
        if s["table"] in KEYS  # the workbook's tables (not the report's by_channel, ...)
    }
    seen = 0
    for name in KEYS:
        table = published.table(name)
        frame = _read(files[name])
        with use_language("fr"):
            assert list(frame.columns) == [_head(c) for c in table.columns]
        for record, (_, row) in zip(table.to_records(), frame.iterrows(), strict=True):
            key = tuple(record[k] for k in KEYS[name])
            for column, cell in zip(table.columns, row.tolist(), strict=True):
                value = record[column]
                if (name, key, column) in withheld:
                    assert cell == "s"
                    seen += 1
                elif value is None:
                    assert cell == ("Total" if column == "antenne" else "")
                elif isinstance(value, float):
                    assert "." not in cell  # decimal comma
                    assert float(cell.replace(",", ".")) == pytest.approx(value)
                elif isinstance(value, int):
                    assert cell == str(value)  # no thousands separator
                elif column == "measure":
                    with use_language("fr"):
                        assert cell == label("measure", value)
                else:
                    assert cell == value
    assert seen == sum(s["table"] in KEYS for s in published.suppressed)


def test_pandas_reads_numbers_as_numbers(tmp_path: Path) -> None:
    # Exact figures (threshold 0): no « s », so pandas reads every count column as integers and
    # the durations as floats with sep=";", decimal=",".
    log = vaekit.EventLog.parse(to_jsonl(generate_log(5, 300, "pathway")))
    published = log.report(threshold=0).publish()
    files = excel_csv(published, tmp_path)
    frame = pd.read_csv(files["durations"], sep=";", decimal=",", encoding="utf-8-sig")
    with use_language("fr"):
        mean = _head("mean")
        count = _head("count")
    assert frame[mean].dtype.kind == "f"
    assert frame[count].dtype.kind == "i"
    expected = published.durations.to_dict()
    assert frame[mean].tolist() == pytest.approx(expected["mean"])
    funnel = pd.read_csv(files["funnel"], sep=";", decimal=",", encoding="utf-8-sig")
    with use_language("fr"):
        received = _head("received")
    assert funnel[received].tolist() == published.funnel.to_dict()["received"]


def test_machine_csv_of_write_is_unchanged(tmp_path: Path) -> None:
    # PublishedReport.write stays the machine format: comma, decimal point, codes, a
    # « # protection: » first line.
    published = _published()
    published.write(str(tmp_path))
    lines = (tmp_path / "durations.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# protection:")
    assert lines[1] == "measure,count,mean,median,p90"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10_000),
    cases=st.integers(1, 80),
    method=st.sampled_from(["cell-key", "suppression"]),
)
def test_every_withheld_cell_is_s_and_no_other_cell_is(
    tmp_path: Path, seed: int, cases: int, method: str
) -> None:
    # Law: in the four tables, the « s » cells are exactly the report's withheld cells.
    log = vaekit.EventLog.parse(to_jsonl(generate_log(seed, cases, "pathway")))
    published = log.report(threshold=11).publish(method=method)
    files = excel_csv(published, tmp_path / f"{seed}-{cases}-{method}")
    s_cells = sum(int((_read(files[name]) == "s").to_numpy().sum()) for name in KEYS)
    assert s_cells == sum(s["table"] in KEYS for s in published.suppressed)


def test_a_text_excel_would_run_as_a_formula_is_quoted(tmp_path: Path) -> None:
    # CSV injection (OWASP): a cell starting with =, +, -, @ is a formula for Excel. An antenne
    # name comes from the network's own data: it is written as text, with a leading « ' ».
    events = [
        {
            "case": f"c{i}",
            "at": "2024-03-01",
            "event": "received",
            "role": "assistant",
            "antenne": '=HYPERLINK("http://x")',
        }  # fmt: skip
        for i in range(12)
    ]
    published = vaekit.EventLog.from_records(events).report(threshold=0).publish()
    files = excel_csv(published, tmp_path)
    text = files["funnel"].read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
    assert not any(line.split(";")[1].startswith("=") for line in text.splitlines()[1:])
