"""The main job (``vaekit demo``), its page, and the ``vaekit`` command's handling of bad input."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "build" / "test-artefacts"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vaekit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=900,
    )


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "out"
    res = run_cli("demo", "--out", str(out))
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return out


def test_demo_writes_what_a_user_looks_at(demo_out: Path) -> None:
    for name in (
        "report.html",
        "report.json",
        "simulated-events.jsonl",
        "cases.sqlite",
        "training-plan.json",
        "calendar-2024.json",
    ):
        assert (demo_out / name).is_file(), name
    assert list(demo_out.glob("*.csv")), "CSV tables"


def test_page_is_self_contained_with_every_chart_and_table(demo_out: Path) -> None:
    html = (demo_out / "report.html").read_text(encoding="utf-8")
    # The demo's page is vaekit.report.page of the simulated log, with its optional sections.
    assert html.count("<svg") >= 9
    for section in ("funnel", "wait", "reception", "durations", "outcomes", "dropouts", "backlog",
                    "monthly", "workload", "simulation", "programme", "registry"):  # fmt: skip
        assert f'data-section="{section}"' in html, section
    assert html.count('<table class="data"') >= 12
    assert 'class="banner"' in html and "Données simulées" in html  # simulated: said on top
    # nothing fetched from elsewhere: no external scripts, styles or images
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)


def test_no_english_word_on_the_demo_s_french_page(demo_out: Path) -> None:
    # The demo's page (both eras, calibration sources, programme, training, registry) is French:
    # the check of tests/python/test_report_page.py (words only the English catalog uses).
    from test_report_page import _english_only, _words, visible_text

    text = visible_text((demo_out / "report.html").read_text(encoding="utf-8"))
    found = _words(text) & _english_only()
    assert not found, sorted(found)
    assert "Les deux époques côte à côte" in text


def test_exports_carry_no_personal_field(demo_out: Path) -> None:
    text = (demo_out / "report.json").read_text(encoding="utf-8")
    text += (demo_out / "simulated-events.jsonl").read_text(encoding="utf-8")[:200_000]
    for field in ("birth", "naissance", "email", "phone_number", "telephone", "first_name"):
        assert field not in text


@pytest.mark.skipif(
    shutil.which("chromium") is None, reason="headless Chromium (Debian chromium) not installed"
)
def test_page_renders_in_headless_chromium(demo_out: Path) -> None:
    """Open the page in Chromium, check the rendered DOM, keep a screenshot as an artefact."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page = (demo_out / "report.html").resolve()
    base = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    dom = subprocess.run(
        [*base, "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count("<svg") >= 4
    assert dom.stdout.count('<table class="data"') >= 6
    shot = ARTEFACTS / "report.png"
    res = subprocess.run(
        [*base, "--window-size=1280,4000", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert shot.stat().st_size > 20_000  # a real picture, not a blank page


def test_cli_rejects_a_malformed_scenario(tmp_path: Path) -> None:
    bad = tmp_path / "scenario.json"
    bad.write_text('{"schema": "Scenario.1", "name": 3}', encoding="utf-8")
    res = run_cli("simulate", "--scenario", str(bad), "--out", str(tmp_path / "e.jsonl"))
    assert res.returncode == 1
    assert res.stderr.startswith("vaekit : erreur [")
    assert res.stderr.strip().count("\n") == 0
    assert "Traceback" not in res.stderr


def test_cli_rejects_a_malformed_event_log(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text(
        '{"case":"C1","at":"2017-01-09","event":"received","role":"assistant"}\n'
        '{"case":"C1","at":"2017-02-30","event":"informed","role":"assistant"}\n',
        encoding="utf-8",
    )
    for args in (
        ("report", str(log), "--no-pseudonyms", "--out", str(tmp_path / "r")),
        ("cases", "validate", str(log)),
    ):
        res = run_cli(*args)
        assert res.returncode == 1, args
        assert res.stderr.strip().count("\n") == 0
        assert "ligne 2" in res.stderr  # the line number
        assert "Traceback" not in res.stderr


def test_cli_validates_a_log_leniently(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text(
        '{"case":"C1","at":"2017-01-09","event":"received","role":"assistant"}\n'
        '{"case":"C1","at":"2017-02-30","event":"informed","role":"assistant"}\n'
        '{"case":"C1","at":"2017-03-01","event":"jury_held","role":"jury",'
        '"data":{"result":"full"}}\n'
        '{"case":"C2","at":"2017-03-02","event":"received","role":"assistant"}\n',
        encoding="utf-8",
    )
    res = run_cli("cases", "validate", "--lenient", str(log))
    assert res.returncode == 1  # rejects, not allowed
    assert (
        "4 enregistrements, 3 événements acceptés, 1 rejetés ; 2 dossiers ; "
        "1 événements refusés" in res.stdout
    )
    assert "line 2" not in res.stderr and "ligne 2" not in res.stderr
    ok = run_cli("cases", "validate", "--lenient", "--allow-rejects", str(log))
    assert ok.returncode == 0


def test_cli_rejects_a_malformed_registry(tmp_path: Path) -> None:
    bad = tmp_path / "export.zip"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("export_fiches_CSV_Standard_2024_02_22.csv", '"Numero_Fiche";"Intitule"\n')
    res = run_cli("registry", "load", str(bad))
    assert res.returncode == 1
    assert res.stderr.startswith("vaekit : erreur [")
    assert res.stderr.strip().count("\n") == 0
    assert "Traceback" not in res.stderr
