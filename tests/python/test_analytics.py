"""The columnar event log and the activity report against the pandas reference implementation
(tests/python/reference_report.py), merge laws, readers' parity, disclosure control, pseudonyms
and exports."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vaekit

sys.path.insert(0, str(Path(__file__).parent))
from reference_report import events_frame, reference_report  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data" / "analytics"

KINDS = [
    "received", "informed", "appointment_booked", "appointment_held", "appointment_missed",
    "oriented", "admissibility_started", "admissibility_sent", "admissibility_decided",
    "support_started", "support_session", "validation_file_sent", "jury_scheduled", "jury_held",
    "dropped_out", "reactivated", "archived",
]  # fmt: skip
ROLE = {"received": "assistant", "jury_held": "jury", "admissibility_decided": "certifier"}


def _event(
    case: str, day: int, kind: str, antenne: str | None, staff: str | None, rnd: random.Random
) -> dict[str, Any]:
    import datetime as dt

    at = (dt.date(2015, 1, 1) + dt.timedelta(days=day)).isoformat()
    e: dict[str, Any] = {
        "case": case,
        "at": at,
        "event": kind,
        "role": ROLE.get(kind, "counsellor"),
    }
    if antenne:
        e["antenne"] = antenne
    if staff:
        e["staff"] = staff
    if kind == "oriented":
        e["data"] = {
            "to": rnd.choice(["vae", "vae", "vap", "training", "skills_assessment", "other"])
        }
    elif kind == "admissibility_decided":
        e["data"] = {
            "decision": rnd.choice(["admissible", "admissible", "not_admissible", "incomplete"])
        }
    elif kind == "jury_held":
        e["data"] = {"result": rnd.choice(["full", "partial", "refused", "absent"])}
    elif kind == "received":
        e["data"] = {"channel": rnd.choice(["walk_in", "phone", "online", "info_session"])}
    elif kind == "appointment_held":
        e["data"] = {"minutes": rnd.choice([30, 45, 60])}
    elif kind == "dropped_out" and rnd.random() < 0.5:  # issue 15: coded, or not
        e["data"] = {"reason_code": rnd.choice(["inactivity", "funding_problem", "other"])}
    return e


def generate_log(seed: int, cases: int, shape: str) -> list[dict[str, Any]]:
    """A random log: `pathway` (mostly ordered pathways), `chaos` (any kinds, ties, missing
    antennes, several receptions) or `sparse` (few events, long gaps); cases interleaved."""
    rnd = random.Random(seed)
    antennes = ["IDF-75A", "IDF-93B", "IDF-94C"][: rnd.randint(1, 3)]
    staff = [f"CO{i:02d}" for i in range(rnd.randint(1, 4))]
    per_case = []
    for c in range(cases):
        case = f"C{c:04d}"
        day = rnd.randint(0, 1500)
        ant = rnd.choice(antennes + [None] if shape == "chaos" else antennes)
        events = []
        if shape == "pathway":
            kinds = [
                "received",
                "appointment_held",
                "oriented",
                "admissibility_sent",
                "admissibility_decided",
                "support_started",
                "jury_held",
            ]
            kinds = kinds[: rnd.randint(1, len(kinds))]
            if rnd.random() < 0.2:
                kinds.append("dropped_out")
        elif shape == "sparse":
            kinds = rnd.sample(KINDS, rnd.randint(1, 3))
        else:
            kinds = [rnd.choice(KINDS) for _ in range(rnd.randint(1, 10))]
        for k in kinds:
            day += rnd.choice([0, 0, 1, 3, 14, 40]) if shape != "sparse" else rnd.randint(0, 400)
            a = ant if shape != "chaos" or rnd.random() < 0.8 else rnd.choice(antennes + [None])
            s = rnd.choice(staff + [None]) if k != "received" else None
            events.append(_event(case, day, k, a, s, rnd))
        per_case.append(events)
    # Interleave the cases, keeping each case's order.
    out: list[dict[str, Any]] = []
    queues = [list(reversed(e)) for e in per_case]
    while any(queues):
        q = rnd.choice([q for q in queues if q])
        out.append(q.pop())
    return out


def to_jsonl(records: list[dict[str, Any]], header: bool = True) -> str:
    lines = ['{"schema":"EventLog.1","source":"test"}'] if header else []
    lines += [json.dumps(r, separators=(",", ":")) for r in records]
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    cases=st.integers(0, 40),
    shape=st.sampled_from(["pathway", "chaos", "sparse"]),
)
def test_report_equals_pandas_reference(seed: int, cases: int, shape: str) -> None:
    records = generate_log(seed, cases, shape)
    log = vaekit.EventLog.parse(to_jsonl(records))
    assert len(log) == len(records)
    mine = json.loads(log.report(threshold=0).to_json())
    assert mine.pop("protection")["method"] == "none"  # exact figures: said so
    if not records:
        assert mine["funnel"] == [] and mine["monthly"] == [] and mine["workload"] == []
        return
    assert mine == reference_report(events_frame(records))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), parts=st.integers(1, 5))
def test_partitioned_then_merged_equals_whole(seed: int, parts: int) -> None:
    records = generate_log(seed, 30, "chaos")
    whole = vaekit.EventLog.parse(to_jsonl(records)).report(threshold=0)
    merged = vaekit.ActivityReport()
    merged.threshold = 0
    for p in range(parts):
        part = [
            r for r in records if int(hashlib.md5(r["case"].encode()).hexdigest(), 16) % parts == p
        ]
        merged = merged.merge(vaekit.EventLog.parse(to_jsonl(part)).report(threshold=0))
    assert merged == whole
    assert merged.to_json() == whole.to_json()
    # Merge is commutative and the empty report is neutral.
    empty = vaekit.ActivityReport()
    empty.threshold = 0
    assert empty.merge(whole) == whole


def test_state_round_trip_and_pickle() -> None:
    import pickle

    r = vaekit.EventLog.parse(to_jsonl(generate_log(7, 50, "pathway"))).report()
    assert vaekit.ActivityReport.from_state_json(r.state_json()) == r
    assert pickle.loads(pickle.dumps(r)) == r


def test_numbers_worked_by_hand() -> None:
    # Case A: received 2017-01-02 at X, appointment 2017-01-12 (wait 10), oriented vae,
    # admissibility sent 2017-03-01 (preparation 48), decided admissible 2017-04-01 (decision 31),
    # jury 2017-10-01 full (to_jury 183; whole 272).
    # Case B: received 2017-02-01 at X, appointment 2017-02-21 (wait 20), dropped out.
    # Case C: received 2018-01-05 at Y only.
    text = "\n".join([
        '{"case":"A","at":"2017-01-02","event":"received","role":"assistant","antenne":"X"}',
        '{"case":"B","at":"2017-02-01","event":"received","role":"assistant","antenne":"X"}',
        '{"case":"A","at":"2017-01-12","event":"appointment_held","role":"counsellor","antenne":"X","staff":"CO1"}',
        '{"case":"A","at":"2017-01-12","event":"oriented","role":"counsellor","data":{"to":"vae"}}',
        '{"case":"B","at":"2017-02-21","event":"appointment_held","role":"counsellor","antenne":"X","staff":"CO1"}',
        '{"case":"A","at":"2017-03-01","event":"admissibility_sent","role":"counsellor"}',
        '{"case":"B","at":"2017-03-02","event":"dropped_out","role":"candidate"}',
        '{"case":"A","at":"2017-04-01","event":"admissibility_decided","role":"certifier","data":{"decision":"admissible"}}',
        '{"case":"A","at":"2017-10-01","event":"jury_held","role":"jury","data":{"result":"full"}}',
        '{"case":"C","at":"2018-01-05","event":"received","role":"assistant","antenne":"Y"}',
    ])  # fmt: skip
    doc = json.loads(vaekit.EventLog.parse(text).report(threshold=0).to_json())
    f2017 = doc["funnel"][0]
    assert (f2017["year"], f2017["antenne"], f2017["received"], f2017["counselled"]) == (
        2017,
        None,
        2,
        2,
    )
    assert (
        f2017["oriented_vae"],
        f2017["admissible"],
        f2017["jury_full"],
        f2017["dropped_out"],
    ) == (1, 1, 1, 1)
    assert [r["antenne"] for r in doc["funnel"]] == [None, "X", None, "Y"]
    wait = doc["durations"][0]
    # numpy: mean(10, 20) = 15, median 15, percentile 90 = 10 + (20 - 10) * 0.9 = 19.0
    assert wait == {"measure": "wait", "count": 2, "mean": 15.0, "median": 15.0, "p90": 19.0}
    assert [d["count"] for d in doc["durations"]] == [2, 1, 1, 1, 1]
    assert doc["durations"][3]["median"] == 183.0 and doc["durations"][4]["median"] == 272.0
    assert doc["monthly"][0] == {
        "antenne": "X",
        "month": "2017-01",
        "received": 1,
        "appointment_held": 1,
        "median_wait": 10.0,
    }
    assert doc["workload"] == [
        {"staff": "CO1", "month": "2017-01", "appointment_held": 1},
        {"staff": "CO1", "month": "2017-02", "appointment_held": 1},
    ]


def test_lenient_rejects_match_the_pathway_reader() -> None:
    path = DATA / "bad_lines.jsonl"
    mine = vaekit.EventLog.read(path, strict=False)
    theirs = vaekit.read_event_log(path, strict=False)
    assert [(r.line, r.field, r.reason) for r in mine.rejects] == [
        (r.line, r.field, r.reason) for r in theirs.rejects
    ]
    assert len(mine.rejects) >= 10
    assert mine.records_read == len(mine) + len(mine.rejects)
    assert [e.to_dict()["case"] for e in mine.events()] == [
        e.to_dict()["case"] for e in theirs.events
    ]
    with pytest.raises(vaekit.ParseError) as err:
        vaekit.EventLog.read(path)
    assert err.value.line == mine.rejects[0].line


def test_from_pandas_and_records() -> None:
    import pandas as pd

    records = generate_log(3, 20, "pathway")
    df = pd.DataFrame(records)
    a = vaekit.EventLog.from_pandas(df)
    b = vaekit.EventLog.parse(to_jsonl(records))
    assert a.report(threshold=0) == b.report(threshold=0)
    back = a.to_pandas()
    assert list(back["case"]) == [r["case"] for r in records]
    bad = pd.DataFrame(
        [{"case": "X", "at": "2017-13-01", "event": "received", "role": "assistant"}]
    )
    with pytest.raises(vaekit.ParseError):
        vaekit.EventLog.from_pandas(bad)


def test_from_pathway_events_and_cases() -> None:
    records = generate_log(5, 10, "pathway")
    text = to_jsonl(records)
    rows = vaekit.parse_event_log(text)
    log = vaekit.EventLog.from_events(rows.events)
    assert log.report(threshold=0) == vaekit.EventLog.parse(text).report(threshold=0)


def test_tables_arrow_and_pandas() -> None:
    pa = pytest.importorskip("pyarrow")
    r = vaekit.EventLog.parse(to_jsonl(generate_log(11, 60, "pathway"))).report(threshold=11)
    for table in (r.funnel, r.durations, r.monthly, r.workload):
        t = pa.table(table)
        assert t.num_rows == len(table)
        assert t.column_names == table.columns
        assert t.to_pylist() == table.to_records()
        df = table.to_pandas()
        assert list(df.columns) == table.columns and len(df) == len(table)
    doc = json.loads(r.to_json())
    assert doc["funnel"] == r.funnel.to_records()
    # Every suppressed cell is null in its table.
    for s in doc["suppressed"]:
        rows = [row for row in doc[s["table"]] if all(row[k] == v for k, v in s["row"].items())]
        assert len(rows) == 1 and rows[0][s["column"]] is None


def test_disclosure_no_suppressed_cell_recomputable() -> None:
    r = vaekit.EventLog.parse(to_jsonl(generate_log(12, 120, "pathway"))).report(threshold=11)
    # Suppression alone: published figures are exact, so a lone suppressed cell in a column
    # would be recomputable (with cell-key noise the audit decides; see test_disclosure.py).
    doc = r.publish(method="suppression").to_dict()
    assert doc["threshold"] == 11
    # Each published count is >= 11 and the totals rows cannot reveal a suppressed cell.
    for row in doc["funnel"]:
        for k, v in row.items():
            if k not in ("year", "antenne") and v is not None:
                assert v >= 11
    for year in {row["year"] for row in doc["funnel"]}:
        rows = [row for row in doc["funnel"] if row["year"] == year]
        total = rows[0]
        for col in total:
            if col in ("year", "antenne"):
                continue
            cells = [total[col]] + [row[col] for row in rows[1:]]
            hidden = sum(c is None for c in cells)
            assert hidden != 1 or len(rows) == 1, (year, col)
    nothing = json.loads(r.to_json())  # the default publication: cell-key and suppression
    assert nothing["protection"]["method"] == "cell-key"
    r.threshold = 0
    assert json.loads(r.to_json())["suppressed"] == []
    assert nothing["suppressed"]


def _cycle_rule(rows: int, cols: int, sup: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Suppressed cells (margins included) that are NOT on a cycle of the bipartite graph."""
    import itertools

    bad = set()
    for cell in sup:
        # Edge (r, c) is on a cycle iff r and c stay connected without it.
        others = sup - {cell}
        adj: dict[tuple[str, int], set[tuple[str, int]]] = {}
        for r, c in others:
            adj.setdefault(("r", r), set()).add(("c", c))
            adj.setdefault(("c", c), set()).add(("r", r))
        start, goal = ("r", cell[0]), ("c", cell[1])
        seen, todo = {start}, [start]
        while todo:
            n = todo.pop()
            for m in adj.get(n, ()):
                if m not in seen:
                    seen.add(m)
                    todo.append(m)
        if goal not in seen:
            bad.add(cell)
    _ = itertools
    return bad


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_checker_agrees_with_the_cycle_rule(data: st.DataObject) -> None:
    rows = data.draw(st.integers(1, 4))
    cols = data.draw(st.integers(1, 4))
    # Extended table (rows+1) x (cols+1): last row and column are the margins.
    sys_ = vaekit.CellSystem()
    idx = {}
    for r in range(rows + 1):
        for c in range(cols + 1):
            idx[(r, c)] = sys_.add_cell(data.draw(st.integers(0, 30)))
    for r in range(rows + 1):
        sys_.add_relation(idx[(r, cols)], [idx[(r, c)] for c in range(cols)])
    for c in range(cols + 1):
        sys_.add_relation(idx[(rows, c)], [idx[(r, c)] for r in range(rows)])
    sup = set(data.draw(st.sets(st.sampled_from(sorted(idx)), max_size=8)))
    for cell in sup:
        sys_.suppress(idx[cell])
    expected = {idx[c] for c in _cycle_rule(rows, cols, sup)}
    assert set(sys_.recomputable()) == expected


@pytest.mark.parametrize(
    "table",
    [
        # One small cell per row and column: needs a rectangle of suppressions.
        [[3, 40, 50], [60, 70, 80], [90, 95, 99]],
        # A small cell whose row partner is a total: the margin must absorb it.
        [[1, 100], [100, 100]],
        # All cells small.
        [[1, 2], [3, 4]],
        # Zeros and a lone small cell in a single row.
        [[0, 50, 60, 70]],
        # Small cells on a diagonal (already a cycle with margins?).
        [[2, 30, 30], [30, 2, 30], [30, 30, 2]],
    ],
)
def test_protect_adversarial_tables(table: list[list[int]]) -> None:
    sys_ = vaekit.CellSystem()
    rows, cols = len(table), len(table[0])
    idx = {}
    for r in range(rows):
        for c in range(cols):
            idx[(r, c)] = sys_.add_cell(table[r][c])
        idx[(r, cols)] = sys_.add_cell(sum(table[r]))
    for c in range(cols + 1):
        idx[(rows, c)] = sys_.add_cell(
            sum(idx and (table[r][c] if c < cols else sum(table[r])) for r in range(rows))
        )
    for r in range(rows + 1):
        sys_.add_relation(idx[(r, cols)], [idx[(r, c)] for c in range(cols)])
    for c in range(cols + 1):
        sys_.add_relation(idx[(rows, c)], [idx[(r, c)] for r in range(rows)])
    sys_.protect(11)
    assert sys_.recomputable() == []
    sup = {k for k, i in idx.items() if sys_.suppressed(i)}
    assert not _cycle_rule(rows, cols, sup)
    for k, i in idx.items():
        v = table[k[0]][k[1]] if k[0] < rows and k[1] < cols else None
        if v is not None and v < 11:
            assert sys_.suppressed(i)


def test_pseudonyms_match_python_hmac(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = b"0123456789abcdef-KEYMATERIAL-32b"
    k = vaekit.PseudonymKey(key)
    expect = hmac.new(key, b"case:C0001", hashlib.sha256).hexdigest()[:32]
    assert k.pseudonym("case", "C0001") == expect
    assert "KEYMATERIAL" not in repr(k)
    (tmp_path / "key").write_bytes(key + b"\n")
    assert vaekit.PseudonymKey.from_file(tmp_path / "key").pseudonym("staff", "CO1") == k.pseudonym(
        "staff", "CO1"
    )
    monkeypatch.setenv("VAEKIT_PSEUDONYM_KEY", key.decode())
    assert vaekit.PseudonymKey.from_env().pseudonym("case", "X") == k.pseudonym("case", "X")
    with pytest.raises(vaekit.InvalidArgument):
        vaekit.PseudonymKey(b"short")


def test_exports_carry_no_raw_identifier(tmp_path: Path) -> None:
    records = generate_log(21, 40, "pathway")
    log = vaekit.EventLog.parse(to_jsonl(records))
    key = b"an export key of 32 bytes-------"
    p = log.pseudonymised(key)
    assert p.is_pseudonymised and len(p) == len(log)
    assert p.report(threshold=0).funnel.to_records() == log.report(threshold=0).funnel.to_records()
    p.to_xes(tmp_path / "log.xes")
    p.to_ocel(tmp_path / "log.ocel.json")
    p.write(tmp_path / "log.jsonl")
    p.report().write(tmp_path / "report")
    raw = {r["case"] for r in records} | {r["staff"] for r in records if r.get("staff")}
    files = [f for f in tmp_path.rglob("*") if f.is_file()]
    assert len(files) == 10  # with by_channel.csv and dropout_reasons.csv (issue 15)
    for f in files:
        text = f.read_text(encoding="utf-8")
        for ident in raw:
            assert (
                f'"{ident}"' not in text and f">{ident}<" not in text and f",{ident}," not in text
            ), (f, ident)
        assert key.decode() not in text
    staff_pseudo = vaekit.PseudonymKey(key).pseudonym("staff", "CO00")
    assert staff_pseudo in (tmp_path / "log.jsonl").read_text() or "CO00" not in raw


def test_xes_read_by_pm4py(tmp_path: Path) -> None:
    pm4py = pytest.importorskip("pm4py")
    records = generate_log(4, 25, "pathway")
    # Strictly increasing times within a case so that pm4py's sort keeps the order.
    for i, r in enumerate(records):
        r["at"] = r["at"] + f"T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z"
    log = vaekit.EventLog.parse(to_jsonl(records))
    log.to_xes(tmp_path / "log.xes")
    df = pm4py.read_xes(str(tmp_path / "log.xes"))
    assert df["case:concept:name"].nunique() == log.case_count
    assert len(df) == len(log)
    dfg, _, _ = pm4py.discover_dfg(df)
    mine = {(r["from"], r["to"]): r["count"] for r in log.directly_follows().to_records()}
    assert dict(dfg) == mine


def test_ocel_is_valid(tmp_path: Path) -> None:
    log = vaekit.EventLog.parse(to_jsonl(generate_log(8, 10, "pathway")))
    log.to_ocel(tmp_path / "log.json")
    doc = json.loads((tmp_path / "log.json").read_text())
    assert {t["name"] for t in doc["objectTypes"]} == {"case", "certification", "antenne", "staff"}
    assert len(doc["events"]) == len(log)
    ids = {o["id"] for o in doc["objects"]}
    assert all(rel["objectId"] in ids for e in doc["events"] for rel in e["relationships"])
    pm4py = pytest.importorskip("pm4py")
    ocel = pm4py.read_ocel2_json(str(tmp_path / "log.json"))
    assert len(ocel.events) == len(log)


def test_process_views() -> None:
    text = "\n".join([
        '{"case":"A","at":"2017-01-01","event":"received","role":"assistant"}',
        '{"case":"B","at":"2017-01-01","event":"received","role":"assistant"}',
        '{"case":"A","at":"2017-01-11","event":"appointment_held","role":"counsellor"}',
        '{"case":"B","at":"2017-01-05","event":"appointment_held","role":"counsellor"}',
        '{"case":"C","at":"2017-01-05","event":"appointment_held","role":"counsellor"}',
        '{"case":"C","at":"2017-01-06","event":"received","role":"assistant"}',
    ])  # fmt: skip
    log = vaekit.EventLog.parse(text)
    v = log.variants().to_records()
    assert v[0] == {"variant": "received,appointment_held", "length": 2, "count": 2}
    dfg = log.directly_follows().to_records()
    # received -> appointment_held: A 10 days, B 4 days: mean 7, median 7.
    assert {
        "from": "received",
        "to": "appointment_held",
        "count": 2,
        "mean_days": 7.0,
        "median_days": 7.0,
    } in dfg
    conf = {r["case"]: r for r in log.conformance().to_records()}
    assert conf["A"]["fits"] == 1 and conf["C"]["reordered"] == 1 and conf["C"]["fits"] == 0
