"""Every area's ``to_pandas`` goes through its compiled ``to_table()`` (issue 13, one columnar
boundary): each DataFrame equals an independent computation from the objects' own properties
(the row builders below are the hand-written Python code these tables replaced), its columns are
typed (dates as datetime64, codes as categoricals listing every code of their enum), and the same
tables reach pyarrow through the Arrow PyCapsule stream without JSON text.
"""

from __future__ import annotations

import math
import pathlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import vaekit
from vaekit.registry import frames as registry_frames
from vaekit.simulation import frames as simulation_frames
from vaekit.training import frames as training_frames
from vaekit.training import records as training_records

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "data" / "registry"
DATA = ROOT / "tests" / "data"
RECORDS = DATA / "training" / "records"
PYTHON = ROOT / "python" / "vaekit"


def _plain(value: Any) -> Any:
    """A DataFrame cell as a plain Python value: None for NaN/NaT/NA, dates as datetime.date."""
    if isinstance(value, list):
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _rows(df: Any) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def _name(value: Any) -> str:
    return str(value.name).lower()


def _date(value: Any) -> Any:
    return None if value is None else value.to_date()


def _same(df: Any, expected: list[dict[str, Any]], columns: Iterable[str]) -> None:
    assert list(df.columns) == list(columns)
    assert _rows(df) == expected


# ------------------------------------------------------------------------------------- registry


@pytest.fixture(scope="module")
def registry() -> vaekit.Registry:
    return vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2024-02-22-example.zip")


def test_registry_to_pandas_equals_the_certifications(registry: vaekit.Registry) -> None:
    expected = []
    for c in registry:
        last = c.statistics[-1] if c.statistics else None
        expected.append(
            {
                "code": c.code,
                "kind": c.kind.name,
                "title": c.title,
                "short_type": c.short_type.code or None,
                "level": c.level,
                "old_level": c.old_level or None,
                "active": c.active,
                "vae_accessible": c.vae_accessible,
                "certifiers": [x.name for x in c.certifiers],
                "certifier_sirets": [x.siret for x in c.certifiers],
                "rome_codes": list(c.rome_codes),
                "nsf_codes": [x.code for x in c.nsf],
                "formacodes": [x.code for x in c.formacode],
                "blocks": [b.code for b in c.blocks],
                "access_routes": [r.name.lower() for r in c.access_routes],
                "decision_date": _date(c.decision_date),
                "effect_date": _date(c.effect_date),
                "registration_end": _date(c.registration_end),
                "delivery_deadline": _date(c.delivery_deadline),
                "partial_validation": c.partial_validation,
                "replaces": list(c.replaces),
                "replaced_by": list(c.replaced_by),
                "certified_by_vae_last_year": None if last is None else last.certified_by_vae,
            }
        )
    df = registry.to_pandas()
    _same(df, expected, expected[0].keys())
    assert list(df.index) == [c.code for c in registry]
    assert registry_frames.certification_rows(registry) == expected
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert list(df["kind"].cat.categories) == ["RNCP", "RS"]
    assert str(df["level"].dtype) == "Int64"  # RS certifications have no level
    assert df["registration_end"].dtype.kind == "M"  # datetime64
    assert str(df["partial_validation"].dtype) in {"bool", "boolean"}


def test_rejects_and_changes_to_pandas() -> None:
    lenient = vaekit.Registry.load(DATA / "registry" / "broken.xml", strict=False)
    assert lenient.rejects  # the fixture has bad records
    old = vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2015-06-01-example.zip")
    new = vaekit.Registry.load(EXAMPLES / "export-fiches-csv-2024-02-22-example.zip")
    for reg in (lenient, old, new):
        expected = [
            {
                "source": r.source,
                "line": r.line,
                "field": r.field,
                "code": r.record,
                "reason": r.reason,
            }
            for r in reg.rejects
        ]
        df = registry_frames.rejects_to_pandas(reg)
        assert list(df.columns) == ["source", "line", "field", "code", "reason"]
        assert _rows(df) == expected
    changes = vaekit.registry_changes(old, new)
    expected = []
    for kind in ("added", "withdrawn", "deactivated", "reactivated"):
        expected += [
            {"code": c, "change": kind, "field": None, "old": None, "new": None}
            for c in getattr(changes, kind)
        ]
    expected += [
        {
            "code": r.code,
            "change": "replaced",
            "field": "successors",
            "old": None,
            "new": ", ".join(r.successors),
        }
        for r in changes.replaced
    ]
    expected += [
        {
            "code": f.code,
            "change": "changed",
            "field": f.field,
            "old": f.old_value,
            "new": f.new_value,
        }
        for f in changes.changed
    ]
    df = registry_frames.changes_to_pandas(changes)
    _same(df, expected, ["code", "change", "field", "old", "new"])
    assert list(df["change"].cat.categories) == [
        "added",
        "withdrawn",
        "deactivated",
        "reactivated",
        "replaced",
        "changed",
    ]


# ----------------------------------------------------------------------------------- simulation


@pytest.fixture(scope="module")
def simulation() -> vaekit.SimulationResult:
    return vaekit.simulate(vaekit.Scenario.builtin("idf-2014"), seed=1, record_log=False)


def test_simulation_tables_equal_the_queue_and_targets(
    simulation: vaekit.SimulationResult,
) -> None:
    q = simulation.queue
    expected = [
        {
            "staff": c.staff,
            "antenne": c.antenne,
            "appointments": c.appointments,
            "busy_hours": c.busy_hours,
            "available_hours": c.available_hours,
            "utilisation": c.utilisation,
        }
        for c in q.counsellors
    ]
    _same(q.to_pandas(), expected, expected[0].keys())
    assert simulation_frames.counsellor_rows(q) == expected
    assert isinstance(q.to_pandas()["antenne"].dtype, pd.CategoricalDtype)
    waits = q.waits_to_pandas()
    assert list(waits.columns) == ["case", "wait_days"]
    assert list(waits["case"]) == [int(x) for x in q.wait_case]
    assert list(waits["wait_days"]) == [float(x) for x in q.waits]
    targets = [
        {
            "metric": t.metric,
            "target": t.target,
            "tolerance": t.tolerance,
            "measured": t.measured,
            "ok": t.ok,
            "source": t.source,
        }
        for t in simulation.check_targets()
    ]
    assert targets
    _same(simulation.targets_to_pandas(), targets, targets[0].keys())
    assert simulation.targets_to_pandas()["ok"].dtype == bool


# ------------------------------------------------------------------------------------- training


def _read(name: str) -> str:
    return (RECORDS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def programme() -> vaekit.Programme:
    return vaekit.Programme.from_json(_read("programme.json"))


@pytest.fixture(scope="module")
def plan() -> vaekit.Plan:
    return vaekit.Plan.from_json((DATA / "schemas" / "Plan.1.json").read_text("utf-8"))


def test_plan_and_priorities_equal_the_sessions(
    plan: vaekit.Plan, programme: vaekit.Programme
) -> None:
    for p in (plan, vaekit.make_plan(programme, programme.sessions)):
        prog = p.programme
        titles = {t.id: t.title for t in prog.proposals}
        scores = {x.topic: x.score for x in prog.priorities(p.constraints.rule)}
        expected = [
            {
                "session": s.id,
                "date": s.date.to_date(),
                "weekday": s.date.weekday.name.lower(),
                "topic": ", ".join(s.topics),
                "title": " / ".join(titles.get(t, "") for t in s.topics),
                "audience": s.audience.name.lower(),
                "format": s.format.name.lower(),
                "speakers": ", ".join(s.speakers),
                "speaker_kinds": ", ".join(
                    next((sp.kind_label(s.date) for sp in prog.speakers if sp.id == i), "")
                    for i in s.speakers
                ),
                "venue": s.venue or None,
                "phone_bridge": s.phone_bridge,
                "half_days": s.half_days,
                "priority": sum(scores.get(t, 0) for t in s.topics),
            }
            for s in p.sessions
        ]
        assert expected
        df = p.to_pandas()
        _same(df, expected, expected[0].keys())
        assert training_frames.plan_rows(p) == expected
        assert df["date"].dtype.kind == "M"
        assert list(df["format"].cat.categories) == [
            "speaker_meeting",
            "peer_exchange",
            "site_visit",
            "phone_meeting",
            "workshop",
        ]
    for rule in (vaekit.AggregationRule.BORDA, vaekit.AggregationRule.APPROVAL):
        titles = {t.id: t.title for t in programme.proposals}
        expected = sorted(
            (
                {
                    "topic": x.topic,
                    "title": titles[x.topic],
                    "score": x.score,
                    "rank": x.rank,
                    "ballots": x.ballots,
                }
                for x in programme.priorities(rule)
            ),
            key=lambda r: (r["rank"], r["topic"]),
        )
        _same(
            training_frames.priorities_to_pandas(programme, rule),
            expected,
            ["topic", "title", "score", "rank", "ballots"],
        )


def _totals(t: Any) -> dict[str, float]:
    return {
        "planned": t.planned,
        "attended": t.attended,
        "remote": t.remote,
        "unproven": t.unproven,
        "excused": t.excused,
        "absent": t.absent,
        "unrecorded": t.unrecorded,
        "rate": t.rate,
    }


def test_attendance_tables_equal_the_records(programme: vaekit.Programme) -> None:
    record = vaekit.AttendanceRecord.from_json(_read("attendance.json"))
    expected = [
        {
            "session": e.session,
            "date": e.date.to_date(),
            "half_day": _name(e.half_day),
            "member": e.member,
            "presence": _name(e.presence),
            "evidence": _name(e.evidence),
            "evidence_ref": e.evidence_ref,
            "hours": record.hours_of(e),
        }
        for e in record.entries
    ]
    df = record.to_pandas()
    _same(df, expected, expected[0].keys())
    assert list(df["presence"].cat.categories) == ["present", "remote", "absent", "excused"]
    report = vaekit.attendance_report(programme, record)
    persons = [
        {
            "member": p.member,
            "role": _name(p.role),
            "sessions_planned": p.sessions_planned,
            "sessions_attended": p.sessions_attended,
            **_totals(p.totals),
        }
        for p in report.persons
    ]
    _same(report.to_pandas(), persons, persons[0].keys())
    sessions = [
        {
            "session": s.session,
            "date": s.date.to_date(),
            "audience": _name(s.audience),
            "expected": s.expected,
            "attendees": s.attendees,
            **_totals(s.totals),
        }
        for s in report.sessions
    ]
    _same(report.to_pandas("session"), sessions, sessions[0].keys())
    audiences = [
        {"audience": _name(a.audience), "members": a.members, **_totals(a.totals)}
        for a in report.audiences
    ]
    _same(
        training_records.attendance_report_to_pandas(report, "audience"),
        audiences,
        audiences[0].keys(),
    )
    with pytest.raises(ValueError, match="antenne"):
        report.to_pandas("antenne")  # type: ignore[arg-type]


def test_evaluation_tables_equal_the_responses(programme: vaekit.Programme) -> None:
    record = vaekit.EvaluationRecord.from_json(_read("evaluations.json"))
    for comments in (False, True):
        expected = []
        for r in record.responses:
            base = {
                "response": r.id,
                "session": r.session,
                "member": r.member,
                "respondent": _name(r.respondent),
                "timing": _name(r.timing),
                "date": r.date.to_date(),
            }
            items = r.comments if comments else r.scores
            for question, value in items.items():
                expected.append(
                    {**base, "question": question, ("text" if comments else "score"): value}
                )
        assert expected
        _same(record.to_pandas(comments=comments), expected, expected[0].keys())
    aggregates = vaekit.aggregate_evaluations(programme, record)
    expected = [
        {
            "grouping": _name(a.grouping),
            "key": a.key,
            "timing": _name(a.timing),
            "question": a.question,
            "count": a.count,
            "mean": a.mean,
            **{f"n{i + 1}": a.distribution[i] for i in range(5)},
            "respondents": a.respondents,
            "expected": a.expected,
            "response_rate": a.response_rate,
        }
        for a in aggregates
    ]
    assert expected
    _same(training_records.aggregates_to_pandas(aggregates), expected, expected[0].keys())
    _same(training_records.aggregates_to_pandas(iter(aggregates)), expected, expected[0].keys())


# ------------------------------------------------------------------------------ the boundary


def test_the_tables_reach_pyarrow_typed(registry: vaekit.Registry) -> None:
    pa = pytest.importorskip("pyarrow")
    t = pa.table(registry.to_table())
    assert t.num_rows == len(registry)
    assert pa.types.is_dictionary(t.schema.field("kind").type)
    assert t.schema.field("registration_end").type == pa.date32()
    assert t.schema.field("rome_codes").type == pa.list_(pa.string())
    assert t.schema.field("active").type == pa.bool_()
    rows = t.to_pylist()
    assert [r["rome_codes"] for r in rows] == [list(c.rome_codes) for c in registry]
    assert [r["registration_end"] for r in rows] == [_date(c.registration_end) for c in registry]
    assert [r["kind"] for r in rows] == [c.kind.name for c in registry]
    empty = pa.table(vaekit.registry_changes(registry, registry).to_table())
    assert empty.num_rows == 0 and empty.column_names == ["code", "change", "field", "old", "new"]


def test_no_json_text_on_a_table_path() -> None:
    """No module building a table reads JSON text back (json.loads) to get at its values."""
    table_modules = [
        PYTHON / "registry" / "frames.py",
        PYTHON / "simulation" / "frames.py",
        PYTHON / "training" / "frames.py",
        PYTHON / "training" / "records.py",
    ]
    for path in table_modules:
        text = pathlib.Path(path).read_text(encoding="utf-8")
        code = [line for line in text.splitlines() if "json.loads" in line]
        allowed = [line for line in code if "scenario.to_json" in line]  # a document, not a table
        assert code == allowed, path
