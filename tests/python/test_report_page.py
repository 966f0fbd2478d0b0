"""The report page of any event log (issue 14): sections, rates, suppression, French, Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vaekit

pytest.importorskip("matplotlib")
pytest.importorskip("jinja2")
pytest.importorskip("pyarrow")

from vaekit.report import page, plots  # noqa: E402
from vaekit.report.page import cross_rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "data" / "analytics" / "eventlog.jsonl"
REGISTRY = ROOT / "examples" / "data" / "registry" / "export-fiches-csv-2024-02-22-example.zip"
ARTEFACTS = ROOT / "build" / "test-artefacts" / "report-page"


def _ev(case: str, at: str, event: str, role: str, antenne: str = "A", **data: object) -> dict:
    rec: dict = {"case": case, "at": at, "event": event, "role": role, "antenne": antenne}
    if data:
        rec["data"] = data
    return rec


class _Text(HTMLParser):
    """The visible text of a page and its charts' text, without <code>, styles and metadata."""

    SKIP = ("code", "style", "script", "metadata")

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    return " ".join(p.parts)


@pytest.fixture(scope="module")
def example_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    log = vaekit.EventLog.read(EXAMPLE)
    out = tmp_path_factory.mktemp("page") / "report.html"
    return page(log, out=out, registry=vaekit.Registry.load(REGISTRY))


def test_page_of_a_network_log_has_every_section_with_chart_and_table(example_page: Path) -> None:
    html = example_page.read_text(encoding="utf-8")
    for section in ("funnel", "wait", "reception", "durations", "outcomes", "dropouts",
                    "backlog", "previous-year", "monthly", "workload"):  # fmt: skip
        m = re.search(f'<section id="{section}".*?</section>', html, re.S)
        assert m, section
        assert "<svg" in m.group(0) and '<table class="data"' in m.group(0), section
    # a network's own log: no simulation banner nor simulation/programme sections
    assert 'class="banner"' not in html
    assert 'data-section="simulation"' not in html and 'data-section="programme"' not in html
    # self-contained: nothing fetched from elsewhere
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)
    # the period covered and the disclosure method in the header
    header = re.search(r"<header>.*?</header>", html, re.S)
    assert header and "2017" in header.group(0) and "11" in header.group(0)


def test_outcomes_a_missing_title_is_no_withheld_count(example_page: Path) -> None:
    html = example_page.read_text(encoding="utf-8")
    m = re.search(r'<section id="outcomes".*?</section>', html, re.S)
    assert m
    unknown = re.search(r"<tr><td>inconnue \(absente du répertoire\)</td>(.*?)</tr>", m.group(0))
    assert unknown
    cells = re.findall(r"<td[^>]*>(.*?)</td>", unknown.group(1))
    assert cells[:3] == ["—", "—", "—"]  # title, level, certifiers: no value, not « s »


def test_training_indicators_in_french(tmp_path: Path) -> None:
    records = ROOT / "examples" / "data" / "training" / "records"

    def read(name: str) -> str:
        return (records / name).read_text(encoding="utf-8")

    table = vaekit.training_indicators(
        vaekit.AttendanceRecord.from_json(read("attendance-2025.json")),
        vaekit.EvaluationRecord.from_json(read("evaluations-2025.json")),
        vaekit.StaffRegister.from_json(read("staff-2025.json")),
    )
    recs = [_ev("C1", "2025-01-06", "received", "assistant", channel="phone")]
    html = page(
        vaekit.EventLog.from_records(recs), out=tmp_path / "p.html", threshold=0, training=table
    ).read_text(encoding="utf-8")
    m = re.search(r'<section id="training".*?</section>', html, re.S)
    assert m
    assert "satisfaction à chaud" in m.group(0) and "note de 1 à 5" in m.group(0)
    assert "part de l’équipe formée au moins 12 jours sur 16" in m.group(0)
    assert "hours_per_person" not in m.group(0)


def test_registry_changes_in_french(tmp_path: Path) -> None:
    old = vaekit.Registry.load(REGISTRY.with_name("export-fiches-csv-2015-06-01-example.zip"))
    changes = vaekit.registry_changes(old, vaekit.Registry.load(REGISTRY))
    recs = [_ev("C1", "2025-01-06", "received", "assistant", channel="phone")]
    html = page(
        vaekit.EventLog.from_records(recs),
        out=tmp_path / "p.html",
        threshold=0,
        registry_changes=changes,
    ).read_text(encoding="utf-8")
    m = re.search(r'<section id="registry".*?</section>', html, re.S)
    assert m
    for text in ("désactivée", "remplacée par", "RNCP25467", "fin d’enregistrement", "non"):
        assert text in m.group(0), text


def test_the_page_of_an_imported_spreadsheet(tmp_path: Path) -> None:
    """A network's own spreadsheet (examples/data/import) → import → its page, in French."""
    from vaekit.analytics import import_table

    folder = ROOT / "examples" / "data" / "import"
    imported = import_table(folder / "antenne-2024.csv", folder / "mapping.json")
    log = imported.log
    assert len(log) > 0
    html = page(log, out=tmp_path / "p.html").read_text(encoding="utf-8")
    for section in ("funnel", "wait", "reception", "durations", "backlog", "monthly"):
        assert f'data-section="{section}"' in html, section
    assert "Entonnoir et taux de chaque étape" in html and 'class="banner"' not in html
    found = _words(visible_text(html)) & _english_only()
    assert not found, sorted(found)


def test_the_funnel_table_gives_the_rate_of_each_step() -> None:
    # Hand-worked: 4 people received at antenne A, 2 of them counselled (an appointment held):
    # the rate of "counselled" is 2 / 4 = 50 % (threshold 0: exact figures).
    recs = []
    for i in range(4):
        recs.append(_ev(f"C{i}", "2020-01-06", "received", "assistant", channel="walk_in"))
    for i in range(2):
        recs.append(_ev(f"C{i}", "2020-01-07", "appointment_booked", "assistant",
                        date="2020-01-10"))  # fmt: skip
        recs.append(_ev(f"C{i}", "2020-01-10", "appointment_held", "counsellor", minutes=60))
    log = vaekit.EventLog.from_records(recs)
    published = log.report(threshold=0).publish(method="none", threshold=0)
    from vaekit.report.page import _funnel_section

    section = _funnel_section(published)
    rates = section.tables[0]
    row = next(r for r in rates.rows if r["antenne"] == "A")
    assert row["received"] == 4 and row["counselled"].count == 2
    assert row["counselled"].rate == pytest.approx(0.5)
    assert str(row["counselled"]) == "2 (50,0\u00a0%)"  # Babel fr_FR: no-break space before %


def _generated_log(seed: int, cases: int) -> list[dict]:
    """Cases received at 3 antennes over 2 years by any channel (or none), some dropping out with
    or without a coded reason, some received twice (the first reception counts)."""
    import random

    rnd = random.Random(seed)
    channels = ["walk_in", "phone", "online", "info_session", None]
    reasons = ["inactivity", "funding_problem", "back_to_work", "other", None]
    recs: list[dict] = []
    for i in range(cases):
        day = f"{rnd.choice([2023, 2024])}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        ant = rnd.choice(["A", "B", "C"])
        ch = rnd.choice(channels)
        recs.append(
            _ev(f"C{i}", day, "received", "assistant", ant, **({"channel": ch} if ch else {}))
        )
        if rnd.random() < 0.1:  # a second reception later, elsewhere: not the cohort's
            recs.append(_ev(f"C{i}", "2025-06-01", "received", "assistant", "C", channel="phone"))
        if rnd.random() < 0.4:
            code = rnd.choice(reasons)
            recs.append(
                _ev(f"C{i}", "2025-07-01", "dropped_out", "counsellor", ant,
                    **({"reason_code": code} if code else {}))
            )  # fmt: skip
    return recs


def _pandas_cross(recs: list[dict], event: str, field: str, absent: str) -> dict:
    """Independent pandas computation: distinct cases by (cohort year, antenne of the first
    reception, value), the value being the ``field`` of the first reception (received) or of the
    last drop-out (dropped_out); totals rows under antenne None."""
    import pandas as pd

    df = pd.DataFrame(
        {
            "case": [r["case"] for r in recs],
            "at": [r["at"] for r in recs],
            "event": [r["event"] for r in recs],
            "antenne": [r["antenne"] for r in recs],
            "value": [(r.get("data") or {}).get(field) for r in recs],
        }
    )
    first = df[df["event"] == "received"].sort_values("at", kind="stable").groupby("case").head(1)
    first = first.set_index("case")
    cohort = pd.DataFrame({"year": first["at"].str[:4].astype(int), "antenne": first["antenne"]})
    if event == "received":
        cohort["v"] = first["value"].fillna(absent)
    else:
        last = df[df["event"] == event].sort_values("at", kind="stable").groupby("case").tail(1)
        last = last.set_index("case")
        cohort = cohort[cohort.index.isin(last.index)].copy()
        cohort["v"] = last["value"].reindex(cohort.index).fillna(absent)
    out: dict = {}
    for (y, a, v), n in cohort.groupby(["year", "antenne", "v"]).size().items():
        out[(int(y), a, v)] = int(n)
    for (y, v), n in cohort.groupby(["year", "v"]).size().items():
        out[(int(y), None, v)] = int(n)
    return out


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), cases=st.integers(1, 60))
def test_cross_tables_equal_pandas_at_threshold_0(seed: int, cases: int) -> None:
    recs = _generated_log(seed, cases)
    published = vaekit.EventLog.from_records(recs).report(threshold=0).publish()
    for table, column, kind, field, absent, event in (
        ("by_channel", "received", "channel", "channel", "not_stated", "received"),
        (
            "dropout_reasons",
            "dropped_out",
            "reason_code",
            "reason_code",
            "not_coded",
            "dropped_out",
        ),
    ):
        expected = _pandas_cross(recs, event, field, absent)
        values, rows = cross_rows(published, table, column, kind, absent)
        seen = {(r["year"], r["antenne"], v): r[v] for r in rows for v in values}
        assert {k: n for k, n in seen.items() if n} == expected
        # Each row's values add up to its total, the funnel's own count (exact figures).
        for r in rows:
            assert sum(r[v] for v in values) == r["total"]


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_every_withheld_cell_of_the_cross_tables_is_listed_by_the_report(seed: int) -> None:
    recs = _generated_log(seed, 80)
    published = vaekit.EventLog.from_records(recs).report(threshold=11).publish()
    listed = {
        (c["table"], c["row"]["year"], c["row"]["antenne"], c["row"].get("value", c["column"]))
        for c in published.suppressed
        if c["table"] in ("funnel", "by_channel", "dropout_reasons")
    }
    for table, column, kind, absent in (
        ("by_channel", "received", "channel", "not_stated"),
        ("dropout_reasons", "dropped_out", "reason_code", "not_coded"),
    ):
        values, rows = cross_rows(published, table, column, kind, absent)
        for r in rows:
            for v in values:
                if r[v] is None:  # « s » on the page: withheld by the report, listed
                    name = table if published.table(table).to_records() else "funnel"
                    key = v if name == table else column
                    assert (name, r["year"], r["antenne"], key) in listed
            if r["total"] is None:
                assert ("funnel", r["year"], r["antenne"], column) in listed
    assert all(a["safe"] for a in published.audit())


def test_plot_funnel_draws_a_suppressed_cell_as_suppressed_never_0() -> None:
    log = vaekit.EventLog.read(EXAMPLE)
    published = log.report(threshold=11).publish(method="suppression")
    rows = [r for r in published.funnel.to_records() if r["antenne"] is None]
    withheld = sum(r[s] is None for r in rows for s in plots.FUNNEL_STAGES)
    if not withheld:  # make one: a high threshold withholds the small steps
        published = log.report(threshold=400).publish(method="suppression")
        rows = [r for r in published.funnel.to_records() if r["antenne"] is None]
        withheld = sum(r[s] is None for r in rows for s in plots.FUNNEL_STAGES)
    assert withheld
    fig = plots.plot_funnel(published)
    ax = fig.axes[0]
    hatched = [p for p in ax.patches if p.get_hatch()]
    marks = [t for t in ax.texts if t.get_text() == plots.SUPPRESSED_MARK]
    assert len(hatched) == withheld and len(marks) == withheld
    # no bar of length 0 stands for a withheld count
    widths = [p.get_width() for p in ax.patches if not p.get_hatch()]
    assert all(w != 0 for w in widths if w == w)


def test_previous_year_only_when_the_log_covers_it(tmp_path: Path) -> None:
    def received(prefix: str, day: str, n: int) -> list[dict]:
        return [
            _ev(f"{prefix}{i}", day, "received", "assistant", channel="phone") for i in range(n)
        ]

    # March to May 2021: 5 + 1 + 1 = 7 people received; the log does not cover 2020.
    recs = received("A", "2021-03-01", 5) + received("B", "2021-04-01", 1)
    recs += received("C", "2021-05-03", 1)
    out = page(vaekit.EventLog.from_records(recs), out=tmp_path / "one.html", threshold=0)
    assert 'data-section="previous-year"' not in out.read_text(encoding="utf-8")
    # March to May 2020: 3 + 1 + 1 = 5; change (7 - 5) / 5 = +40 %. A month of late events in
    # 2022 (the tail of the log) is no period: 2021 is compared with 2020.
    recs += received("D", "2020-03-02", 3) + received("E", "2020-04-01", 1)
    recs += received("F", "2020-05-04", 1) + received("G", "2022-01-03", 1)
    out = page(vaekit.EventLog.from_records(recs), out=tmp_path / "two.html", threshold=0)
    html = out.read_text(encoding="utf-8")
    m = re.search(r'<section id="previous-year".*?</section>', html, re.S)
    assert m
    assert "40,0" in m.group(0) and "mars 2021" in m.group(0)


def test_dropouts_without_a_coded_reason_are_not_coded(tmp_path: Path) -> None:
    recs = [_ev(f"C{i}", "2021-03-01", "received", "assistant", channel="phone") for i in range(3)]
    recs += [_ev(f"C{i}", "2021-04-01", "dropped_out", "counsellor") for i in range(3)]
    html = page(vaekit.EventLog.from_records(recs), out=tmp_path / "p.html", threshold=0).read_text(
        encoding="utf-8"
    )
    m = re.search(r'<section id="dropouts".*?</section>', html, re.S)
    assert m and "non codé" in m.group(0)


def _words(text: str) -> set[str]:
    text = re.sub(r"\{\w*\}|%\(\w+\)s", " ", text)  # placeholders are no words
    # A token with a digit or an underscore is an identifier or a code (a keyed pseudonym such
    # as 7847be6b1b35, VAEKIT_PSEUDONYM_KEY), not a word of the language.
    text = " ".join(t for t in text.split() if not re.search(r"[\d_]", t))
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _english_only() -> set[str]:
    """The words of the English messages and labels that no French message uses."""
    from vaekit import i18n

    french = i18n.messages("fr")
    english = i18n.messages("en")
    english_words = set()
    for (_ctx, msgid), _text in french.items():
        english_words |= _words(msgid.replace("_", " "))
    for text in english.values():
        english_words |= _words(text)
    french_words = set()
    for text in french.values():
        french_words |= _words(text)
    return english_words - french_words - {"a"}  # « a » is French too (« il a »)


def test_no_english_word_on_the_french_page(example_page: Path) -> None:
    """Every word of the French page is French: none of the words only the English messages use.

    The English words are those of the catalog's msgids and English labels; the ones that are
    also French words (the French catalog uses them: « date », « source », « total »...) do not
    count. Codes are in <code> and skipped; proper names (antennes, certifiers) are no catalog word.
    """
    only_english = _english_only()
    assert {"received", "funnel", "the", "of"} <= only_english  # the check can fail
    html = example_page.read_text(encoding="utf-8")
    found = _words(visible_text(html)) & only_english
    assert not found, sorted(found)
    # and the charts are in the page's text (SVG text, not paths): their labels are checked too
    assert "accueillis" in _words(visible_text(html))


def test_the_english_page_has_the_english_labels(tmp_path: Path) -> None:
    log = vaekit.EventLog.read(EXAMPLE)
    html = page(log, out=tmp_path / "en.html", lang="en").read_text(encoding="utf-8")
    expected = (
        "Funnel and rate of each step",
        "Reception by channel",
        "Drop-outs by reason",
        "people received",
        "information session",
        "Period covered: 1 January 2017",
    )
    for text in expected:
        assert text in html, text
    assert "Entonnoir" not in html and "accueillis" not in html


def test_dropouts_by_coded_reason_when_the_log_carries_it() -> None:
    # Hand-worked (threshold 0): 14 people received at A in 2024, all dropping out, 12 with the
    # coded reason "other" and 2 without: the row (2024, A) reads other 12, not coded 2, total 14
    # (the funnel's dropped_out).
    from vaekit.report.page import _cross_section

    recs = []
    for i in range(14):
        recs.append(_ev(f"C{i}", "2024-01-08", "received", "assistant", channel="phone"))
        data = {"reason_code": "other"} if i < 12 else {}
        recs.append(_ev(f"C{i}", "2024-03-01", "dropped_out", "counsellor", **data))
    published = vaekit.EventLog.from_records(recs).report(threshold=0).publish()
    section = _cross_section(
        published, id_="dropouts", title="t", intro="", table="dropout_reasons",
        funnel_column="dropped_out", kind="reason_code", absent="not_coded", xlabel="x",
    )  # fmt: skip
    assert section is not None
    rows = {r["antenne"]: r for r in section.tables[0].rows}
    assert rows["A"]["other"] == 12 and rows["A"]["not_coded"] == 2 and rows["A"]["total"] == 14
    assert section.tables[0].labels["not_coded"] == "non codé"
    # Without any coded reason the report publishes no such table: the column is the funnel's.
    plain = [r for r in recs if r["event"] == "received"] + [
        _ev(f"C{i}", "2024-03-01", "dropped_out", "counsellor") for i in range(14)
    ]
    published = vaekit.EventLog.from_records(plain).report(threshold=0).publish()
    assert published.dropout_reasons.to_records() == []
    values, rows2 = cross_rows(
        published, "dropout_reasons", "dropped_out", "reason_code", "not_coded"
    )
    assert values == ["not_coded"] and all(r["not_coded"] == r["total"] == 14 for r in rows2)


def test_simulated_data_gets_a_banner_and_the_english_page_english_labels(tmp_path: Path) -> None:
    result = vaekit.simulate(vaekit.Scenario.builtin("idf-2014"), seed=7)
    fr = page(result.log, out=tmp_path / "fr.html", simulation=result).read_text(encoding="utf-8")
    en = page(result.log, out=tmp_path / "en.html", simulation=result, lang="en").read_text(
        encoding="utf-8"
    )
    assert 'class="banner"' in fr and "simulé" in fr.lower()
    assert '<html lang="fr">' in fr and '<html lang="en">' in en
    assert "Simulated data" in en and "Funnel" in en
    assert "Entonnoir" in fr


def test_cli_report_writes_the_page(tmp_path: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "vaekit", "report", str(EXAMPLE), "--no-pseudonyms",
         "--out", str(tmp_path / "r"), "--html", str(tmp_path / "r" / "report.html"),
         "--lang", "en"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and 'data-section="funnel"' in html


# ----------------------------------------------------------------------- headless Chromium
CHECK = """
<script>
window.addEventListener('load', () => {
  const bad = [];
  for (const el of document.querySelectorAll(
      'h1, h2, p, th, td, caption, figcaption, .kpi, nav a, .banner, footer')) {
    if (el.scrollWidth > el.clientWidth + 1)
      bad.push(el.tagName + ':' + el.textContent.slice(0, 40));
  }
  for (const el of document.querySelectorAll('table.data, figure svg')) {
    const box = el.closest('section').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (r.right > box.right + 1) bad.push('wide ' + el.tagName + ':' + (el.dataset.table || ''));
  }
  const out = document.createElement('pre');
  out.id = 'overflow-check';
  out.textContent = JSON.stringify(bad);
  document.body.appendChild(out);
});
</script>
"""

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium not installed")
def test_page_in_headless_chromium_no_overflow_and_a_screenshot_per_section(
    example_page: Path, tmp_path: Path
) -> None:
    html = example_page.read_text(encoding="utf-8")
    checked = tmp_path / "checked.html"
    checked.write_text(html.replace("</body>", CHECK + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [*CHROMIUM, "--window-size=1280,2000", "--virtual-time-budget=5000", "--dump-dom",
         checked.as_uri()],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert dom.returncode == 0, dom.stderr[-2000:]
    m = re.search(r'<pre id="overflow-check">(.*?)</pre>', dom.stdout, re.S)
    assert m, "the check did not run"
    assert m.group(1) == "[]", m.group(1)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    sections = re.findall(r'<section id="([^"]+)"', html)
    for sid in sections:
        alone = tmp_path / f"{sid}.html"
        style = f"<style>section:not(#{sid}), .summary, nav {{ display: none; }}</style>"
        alone.write_text(html.replace("</head>", style + "</head>"), encoding="utf-8")
        shot = ARTEFACTS / f"{sid}.png"
        res = subprocess.run(
            [*CHROMIUM, "--window-size=1280,1800", f"--screenshot={shot}", alone.as_uri()],
            capture_output=True, text=True, timeout=240,
        )  # fmt: skip
        assert res.returncode == 0, res.stderr[-2000:]
        assert shot.stat().st_size > 10_000, sid
    # Printed (the page is printed and sent): A4 pages (595 x 842 points), the print stylesheet.
    pdf = ARTEFACTS / "report.pdf"
    res = subprocess.run(
        [*CHROMIUM, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", example_page.as_uri()],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr[-2000:]
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert len(boxes) > 1  # several pages
    assert all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes), boxes[:3]
