"""Acceptance of issue 14: the example spreadsheet → import → the report page, the workbook and the
CSV files for French Excel, in French and in English; the page checked in headless Chromium, the
workbook read back with openpyxl, the CSV files with pandas (sep=";", decimal=","); no English word
in the French outputs."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import vaekit
from vaekit import cli
from vaekit.analytics import import_table
from vaekit.i18n import label, use_language
from vaekit.report import excel_csv, page, workbook

openpyxl = pytest.importorskip("openpyxl")
pd = pytest.importorskip("pandas")
pytest.importorskip("xlsxwriter")
pytest.importorskip("python_calamine")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "data" / "import"
ARTEFACTS = ROOT / "build" / "test-artefacts" / "report-end-to-end"

sys.path.insert(0, str(Path(__file__).parent))
from test_report_page import _english_only, _words, visible_text  # noqa: E402

KEYS = {"funnel": ("year", "antenne"), "durations": ("measure",), "monthly": ("antenne", "month"),
        "workload": ("staff", "month")}  # fmt: skip
TITLES = {
    "fr": ["Chiffres clés", "Entonnoir", "Durées", "Activité mensuelle", "Charge des conseillers",
           "Légende", "Période et méthode"],
    "en": ["Key figures", "Funnel", "Durations", "Monthly activity", "Counsellor workload",
           "Legend", "Period and method"],
}  # fmt: skip


def _sheets(published: vaekit.PublishedReport, lang: str) -> list[str]:
    """The four tables' sheets, the optional tables present (by channel...), legend, method."""
    from vaekit.report.cells import OPTIONAL_TABLES
    from vaekit.report.words import sheet_title

    with use_language(lang):
        extra = [sheet_title(t) for t in OPTIONAL_TABLES if len(published.table(t)) > 0]
    return [*TITLES[lang][:5], *extra, *TITLES[lang][5:]]


def _head(column: str) -> str:
    text = label("column", column)
    return text[:1].upper() + text[1:]


@pytest.fixture(scope="module")
def imported() -> Any:
    result = import_table(EXAMPLE / "antenne-2024.xlsx", EXAMPLE / "mapping.json")
    # Counts in = accepted + rejected (the example holds rows that break the transition table).
    assert result.rows_read == result.rows_accepted + result.rows_rejected
    assert result.rows_accepted > 100 and result.rows_rejected > 0
    return result


def _published(imported: Any) -> vaekit.PublishedReport:
    # Suppression alone: the published counts are the exact ones, or « s ».
    return imported.log.report(threshold=11).publish(method="suppression")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_spreadsheet_to_workbook(imported: Any, lang: str, tmp_path: Path) -> None:
    published = _published(imported)
    path = workbook(published, tmp_path / "rapport.xlsx", lang=lang)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == _sheets(published, lang)
    funnel = [list(r) for r in book[TITLES[lang][1]].iter_rows(values_only=True)]
    with use_language(lang):
        assert funnel[0] == [_head(c) for c in published.funnel.columns]
        received = funnel[0].index(_head("received"))
    # Every accepted row is one person received in 2024: the total row counts them all.
    total = [r for r in funnel[1:] if r[1] == "Total"]
    assert len(total) == 1 and total[0][0] == 2024
    assert total[0][received] == imported.rows_accepted
    # The antennes of the spreadsheet, each with a number or « s » — never blank, never 0 for s.
    antennes = {r[1]: r[received] for r in funnel[1:] if r[1] != "Total"}
    assert set(antennes) == {"IDF-75A", "IDF-93B"}
    # « s » exactly where the report withholds a cell, across the four tables.
    s_cells = sum(
        1
        for title in TITLES[lang][1:5]
        for row in book[title].iter_rows(min_row=2, values_only=True)
        for v in row
        if v == "s"
    )
    assert s_cells == len(published.suppressed) > 0
    # Durations: numbers, in days.
    durations = [list(r) for r in book[TITLES[lang][2]].iter_rows(values_only=True)]
    assert all(isinstance(r[1], int) and isinstance(r[3], int | float) for r in durations[1:])
    with use_language(lang):
        assert durations[1][0] == label("measure", "wait")
    # The method sheet: period (the spreadsheet's months), method, threshold, cells withheld.
    about = {r[0]: r[1] for r in book[TITLES[lang][6]].iter_rows(values_only=True) if r[0]}
    assert 11 in about.values() and published.summary.suppressed_cells in about.values()
    months = sorted(published.monthly.to_dict()["month"])
    first = dt.date.fromisoformat(months[0] + "-01")
    period = about["Période couverte" if lang == "fr" else "Period covered"]
    assert str(first.year) in period
    assert ("janvier" if lang == "fr" else "January") in period  # the first month: January 2024


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_spreadsheet_to_csv_for_french_excel(imported: Any, lang: str, tmp_path: Path) -> None:
    published = _published(imported)
    files = excel_csv(published, tmp_path, lang=lang)
    funnel = pd.read_csv(files["funnel"], sep=";", decimal=",", encoding="utf-8-sig")
    with use_language(lang):
        received, antenne, mean = _head("received"), _head("antenne"), _head("mean")
    total = funnel[funnel[antenne] == "Total"]
    assert int(total[received].iloc[0]) == imported.rows_accepted
    durations = pd.read_csv(files["durations"], sep=";", decimal=",", encoding="utf-8-sig")
    assert durations[mean].dtype.kind == "f"  # decimal comma read as numbers
    assert durations[mean].tolist() == pytest.approx(published.durations.to_dict()["mean"])
    text = files["funnel"].read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and b";s;" in text


def test_command_line_writes_workbook_and_excel_csv(
    imported: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "antenne-2024.jsonl"
    mapping = str(EXAMPLE / "mapping.json")
    assert cli.main(["import", str(EXAMPLE / "antenne-2024.xlsx"), "--mapping", mapping,
                     "-o", str(log)]) == 0  # fmt: skip
    out = tmp_path / "out"
    monkeypatch.setenv("VAEKIT_TEST_PSEUDONYM_KEY", "k" * 32)
    args = ["report", str(log), "--out", str(out), "--method", "suppression",
            "--key-env", "VAEKIT_TEST_PSEUDONYM_KEY"]  # fmt: skip
    html = tmp_path / "rapport.html"
    assert cli.main([*args, "--xlsx", str(tmp_path / "rapport.xlsx"), "--excel",
                     "--html", str(html)]) == 0  # fmt: skip
    assert '<html lang="fr">' in html.read_text(encoding="utf-8")
    # The imported log's report (the same sheets as published from Python, the same log).
    expected = _sheets(_published(imported), "fr")
    assert openpyxl.load_workbook(tmp_path / "rapport.xlsx").sheetnames == expected
    assert (out / "excel" / "entonnoir.csv").exists()
    assert (out / "funnel.csv").exists()  # the machine CSV files are still written
    # English on request (VAEKIT_LANG, as the process's language).
    monkeypatch.setenv("VAEKIT_LANG", "en")
    assert cli.main([*args, "--xlsx", str(tmp_path / "report.xlsx"), "--excel"]) == 0
    assert openpyxl.load_workbook(tmp_path / "report.xlsx").sheetnames == _sheets(
        _published(imported), "en"
    )
    assert (out / "excel" / "funnel.csv").exists()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_spreadsheet_to_page(imported: Any, lang: str, tmp_path: Path) -> None:
    published = _published(imported)
    out = page(imported.log, out=tmp_path / "rapport.html", published=published, lang=lang)
    html = out.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    for section in ("funnel", "durations", "monthly"):
        assert f'<section id="{section}"' in html, section
    text = visible_text(html)
    if lang == "fr":
        assert "Entonnoir" in text or "entonnoir" in text
        assert not (_words(text) & _english_only()), sorted(_words(text) & _english_only())
    if shutil.which("chromium") is None:
        pytest.skip("headless Chromium not installed")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / f"spreadsheet-{lang}.png"
    shot.unlink(missing_ok=True)
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1280,2400", f"--screenshot={shot}", out.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_no_english_word_in_the_french_workbook_and_csv(imported: Any, tmp_path: Path) -> None:
    # Every word a user reads in the French files is French: none of the words only the English
    # messages use (the page's test, on the workbook's and CSV files' texts). Antennes, staff
    # pseudonyms and the version are names, not words of the catalog.
    published = _published(imported)
    book = openpyxl.load_workbook(workbook(published, tmp_path / "r.xlsx"))
    texts = [ws.title for ws in book.worksheets]
    texts += [
        v for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
        if isinstance(v, str)
    ]  # fmt: skip
    texts += [p.read_text(encoding="utf-8-sig") for p in excel_csv(published, tmp_path).values()]
    english = _english_only()
    found = {w for t in texts for w in _words(re.sub(r"vaekit [\d.]+", "", t)) if w in english}
    assert not found, sorted(found)
