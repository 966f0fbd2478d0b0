"""The main job of the README (``vaekit demo``): a year of a counselling network, end to end.

On the embedded example data it: prints the French working-day calendar; tells the DEAES
replacement story on an example registry; plans the year's 16 professionalisation days exactly;
simulates the ``idf-2014`` network (seeded) and the same network in the France VAE era
(``idf-2025``), side by side; stores the simulated cases in a SQLite case store;
computes the activity report with disclosure control; runs a few cases through the pathway rules;
summarises the training records; and writes ``report.html`` — one self-contained page with the
charts and tables — beside ``report.json``, the CSV tables and the other outputs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import _vaekit
from .._data import example_data
from ..i18n import _, format_decimal, pgettext
from ..report import summary_lines

__all__ = ["example_data", "run"]


SCENARIO = "idf-2014"
SEED = 2014
THRESHOLD = 11


def run_calendar(out_dir: Path, year: int = 2024) -> list[str]:
    """Write the French working-day calendar of ``year`` to ``out_dir/calendar-<year>.json``."""
    cal = _vaekit.FrenchCalendar()
    months: list[dict[str, object]] = []
    total = 0
    for month in range(1, 13):
        ym = _vaekit.YearMonth(year, month)
        n = cal.working_days_in(_vaekit.DateRange(ym.first_day, ym.last_day))
        total += n
        months.append({"month": str(ym), "working_days": n})
    doc = {
        "schema": "WorkingCalendar.1",
        "year": year,
        "region": "metropolitan",
        "holidays": [{"date": str(h.date), "name": h.name} for h in cal.holidays(year)],
        "months": months,
        "working_days": total,
    }
    path = out_dir / f"calendar-{year}.json"
    _vaekit.write_file_atomic(str(path), json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    lines = [_("French public holidays {year} (metropolitan):").format(year=year)]
    lines += [
        f"  {h.date}  {pgettext('weekday', h.date.weekday.name.lower()):9}  {h.name}"
        for h in cal.holidays(year)
    ]
    lines.append(
        _("Working days in {year}: {days}  -> {path}").format(
            year=year, days=format_decimal(total), path=path
        )
    )
    return lines


class _Steps:
    """Runs the steps in order, printing each one's lines and time."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def run(self, name: str, step: Callable[[], tuple[Any, list[str]]]) -> Any:
        from ..cli import _progress

        start = time.perf_counter()
        with _progress.step(name):
            value, lines = step()
        self.times[name] = time.perf_counter() - start
        seconds = format_decimal(self.times[name], 2)
        print(_("== {step} ({seconds} s)").format(step=name, seconds=seconds), flush=True)
        for line in lines:
            print(line)
        print(flush=True)
        return value


def _store_cases(events_path: Path, store_path: Path) -> tuple[int, list[str]]:
    if store_path.exists():
        store_path.unlink()
    for extra in ("-wal", "-shm"):
        Path(str(store_path) + extra).unlink(missing_ok=True)
    records = _vaekit.read_event_log(str(events_path))
    cases, _rejects = records.cases()
    store = _vaekit.CaseStore(str(store_path), durable=False)
    batch = [(c.id, None, list(c.events)) for c in cases]
    store.append_batch(batch)
    stages: dict[str, int] = {}
    for c in cases:
        stages[str(c.stage)] = stages.get(str(c.stage), 0) + 1
    ranked = sorted(stages.items(), key=lambda kv: -kv[1])[:5]
    top = ", ".join(f"{_stage_label(k)} {format_decimal(v)}" for k, v in ranked)
    return len(store), [
        _(
            "{events} events replayed under the transition table, {cases} cases stored in "
            "{name} (SQLite, WAL)"
        ).format(
            events=format_decimal(len(records.events)),
            cases=format_decimal(len(store)),
            name=store_path.name,
        ),
        _("Stages at the end of the period: {stages}").format(stages=top),
    ]


def _stage_label(stage: str) -> str:
    """The label of a stage code (``Stage.RECEPTION`` or ``reception``) in the language."""
    from ..i18n import label

    return label("stage", stage.split(".")[-1].lower())


def run(out_dir: Path) -> int:
    """Run the main job, writing everything under ``out_dir``; return 0 on success."""
    from ..report import page
    from . import analytics as demo_analytics
    from . import pathway as demo_pathway
    from . import registry as demo_registry
    from . import simulation as demo_simulation
    from . import training as demo_training

    out_dir.mkdir(parents=True, exist_ok=True)
    steps = _Steps()
    steps.run(pgettext("demo", "calendar"), lambda: (None, run_calendar(out_dir)))
    steps.run(pgettext("demo", "registry"), lambda: (lines := demo_registry.run(out_dir), lines))
    programme, plan = steps.run(
        pgettext("demo", "professionalisation days"),
        lambda: ((pp := demo_training.plan_year()), demo_training.describe(*pp)),
    )
    _vaekit.write_file_atomic(str(out_dir / "training-plan.json"), plan.to_json(indent=2) + "\n")
    result = steps.run(
        _("simulation ({scenario}, seed {seed})").format(scenario=SCENARIO, seed=SEED),
        lambda: ((r := demo_simulation.simulate()), demo_simulation.describe(r)),
    )
    events_path = out_dir / "simulated-events.jsonl"
    result.write_jsonl(str(events_path))
    result_2025 = steps.run(
        _("simulation ({scenario}, seed {seed})").format(
            scenario=demo_simulation.SCENARIO_2025, seed=demo_simulation.SEED_2025
        ),
        lambda: (
            (r := demo_simulation.simulate_2025()),
            [*demo_simulation.describe(r), *demo_simulation.compare_eras(result, r)],
        ),
    )
    result_2025.write_jsonl(str(out_dir / "simulated-events-2025.jsonl"))
    steps.run(
        pgettext("demo", "case store"), lambda: _store_cases(events_path, out_dir / "cases.sqlite")
    )

    key, key_note = demo_analytics.demo_key()

    registry = _vaekit.Registry.load(demo_registry.example_dir() / demo_registry.NEW)

    def report_step() -> tuple[Any, list[str]]:
        # Cell-key noise and suppression over every table in one system, the outcome rates by
        # certification and certifier (joined with the registry) among them.
        report = result.log.report(threshold=THRESHOLD, key=key).publish(
            events=result.log, registry=registry
        )
        report.write(str(out_dir))
        head, *figures = summary_lines(report)
        lines = [
            _("Activity report of {events} events, {head} -> report.json, CSV tables").format(
                events=format_decimal(len(result.log)), head=head
            ),
            *figures,
            f"  {key_note}",
        ]
        return report, lines

    report = steps.run(pgettext("demo", "activity report"), report_step)

    def report_2025_step() -> tuple[Any, list[str]]:
        # The France VAE era's report, under the same disclosure control, in its own folder.
        era_dir = out_dir / demo_simulation.SCENARIO_2025
        era_dir.mkdir(parents=True, exist_ok=True)
        # With its employment and funding tables, in the report's one disclosure system.
        published = result_2025.log.report(threshold=THRESHOLD, key=key).publish(
            events=result_2025.log, registry=registry
        )
        published.write(str(era_dir))
        head, *_rest = summary_lines(published)
        return published, [f"{demo_simulation.SCENARIO_2025}: {head} -> {era_dir}"]

    report_2025 = steps.run(
        f"{pgettext('demo', 'activity report')} ({demo_simulation.SCENARIO_2025})",
        report_2025_step,
    )
    steps.run(pgettext("demo", "pathway rules"), lambda: (None, demo_pathway.run(out_dir)))
    records_lines: list[str] = []
    try:
        from . import training_records as demo_training_records
    except ModuleNotFoundError:
        pass
    else:
        records_lines = steps.run(
            pgettext("demo", "training records"),
            lambda: (lines := demo_training_records.run(out_dir), lines),
        )

    def page_step() -> tuple[Path, list[str]]:
        # The page of any log (vaekit.report.page), here with the demo's optional sections.
        training: Any = records_lines or None
        if records_lines:  # the indicators as a table (labels from the catalog), not as text
            from . import training_records as tr

            data = tr._data_dir()
            training = _vaekit.training_indicators(
                _vaekit.AttendanceRecord.from_json((data / tr._DATA_NAMES[1]).read_text("utf-8")),
                _vaekit.EvaluationRecord.from_json((data / tr._DATA_NAMES[2]).read_text("utf-8")),
                _vaekit.StaffRegister.from_json((data / tr._DATA_NAMES[3]).read_text("utf-8")),
            )
        path = page(
            result.log,
            out=out_dir / "report.html",
            published=report,
            registry=registry,
            simulation=result,
            programme=programme,
            plan=plan,
            training=training,
            registry_changes=_vaekit.RegistryChanges.from_json(
                (out_dir / "registry-changes.json").read_text(encoding="utf-8")
            ),
            pseudonym_note=key_note,
            eras=[(result.scenario.name, report), (result_2025.scenario.name, report_2025)],
        )
        return path, [_("Self-contained page -> {path}").format(path=path)]

    steps.run(pgettext("demo", "HTML report"), page_step)

    def workbook_step() -> tuple[None, list[str]]:
        from ..report import excel_csv, workbook

        book = workbook(report, out_dir / "report.xlsx")
        files = excel_csv(report, out_dir / "excel")
        return None, [
            _("Workbook -> {path}").format(path=book),
            _("written: {path} ({count} CSV files for French Excel)").format(
                path=out_dir / "excel", count=len(files)
            ),
        ]

    steps.run(pgettext("demo", "workbook and CSV for Excel"), workbook_step)
    total = sum(steps.times.values())
    print(
        _("Done in {seconds} s. Open {path} in a browser.").format(
            seconds=format_decimal(total, 1), path=out_dir / "report.html"
        )
    )
    return 0
