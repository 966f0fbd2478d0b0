"""The import of a network's own spreadsheets (vaekit.analytics.tabular, issue 14 "Data in").

The example spreadsheet (examples/data/import/, written by make_antenne.py) has 200 fictitious
people and 7 rows wrong on purpose (make_antenne.BAD); the expected rejects below were worked out
by hand from those rows and the transition table (docs/pathway.md "One transition table").
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vaekit
from vaekit.analytics import ImportMapping, guess_mapping, import_table
from vaekit.analytics.tabular import date_format_to_strptime, detect_encoding, looks_personal

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "data" / "import"
MAPPING = EXAMPLE / "mapping.json"

# (spreadsheet row, column, start of the reason): row = person index + 2 (header on row 1).
EXPECTED_REJECTS = [
    # person 17: first appointment 3 days before reception → out of time order (table rule).
    (19, "Date 1er RDV", "case \"A24-0018\": event 'appointment_held'"),
    # person 41: 31/02/2024 does not exist (pyarrow alone would read it as 2 March).
    (43, "Date accueil", '"31/02/2024" is not a date written dd/mm/yyyy'),
    # person 63: "Ajourné" is not in values.result.
    (65, "Résultat", '"Ajourné" is not a result code'),
    # person 88: jury without a validation file → jury_scheduled not allowed in stage admissible.
    (90, "Date jury", "case \"A24-0089\": event 'jury_scheduled'"),
    # person 120: same case number as person 119 (row 121).
    (122, "N° dossier", "case already on row 121"),
    # person 150: no case number.
    (152, "N° dossier", "case: missing"),
    # person 177: oriented to VAE without a certification → guard has_certification.
    (179, "Date 1er RDV", "case \"A24-0178\": event 'oriented'"),
]


@pytest.fixture(autouse=True)
def _english_reasons() -> Iterator[None]:
    """The reasons below are the English catalog's (French by default: test_cli_lang.py)."""
    from vaekit.i18n import use_language

    with use_language("en"):
        yield


def _check_example(result: Any, sheet: str) -> None:
    assert result.rows_read == 200
    assert result.rows_read == result.rows_accepted + result.rows_rejected
    assert result.rows_rejected == len(EXPECTED_REJECTS)
    got = [(r.row, r.column, r.reason) for r in result.rejects]
    for (row, column, reason), (grow, gcol, greason) in zip(EXPECTED_REJECTS, got):
        assert (grow, gcol) == (row, column)
        assert greason.startswith(reason), greason
    assert all(r.sheet == sheet for r in result.rejects)
    log = result.log
    assert log.case_count == 193
    # Person 0 (row 2), worked by hand from the sheet: reception by phone on 01/05/2024, ... a
    # full validation at the jury of 28/12/2024.
    first = [e.to_dict() for e in log.events() if e.case == "A24-0001"]
    assert [e["event"] for e in first] == [
        "received",
        "appointment_held",
        "certification_chosen",
        "oriented",
        "admissibility_started",
        "admissibility_sent",
        "admissibility_decided",
        "validation_file_sent",
        "jury_scheduled",
        "jury_held",
    ]
    assert first[0]["at"] == "2024-05-01" and first[0]["data"] == {"channel": "phone"}
    assert first[2]["certification"] == "RNCP38565"
    assert first[6]["data"] == {"decision": "admissible"}
    assert first[-1]["at"] == "2024-12-28" and first[-1]["data"] == {"result": "full"}
    # The log replays through the transition table without a reject.
    states = vaekit.parse_case_states(log.to_jsonl() if hasattr(log, "to_jsonl") else _jsonl(log))
    assert len(states) == 193 and not states.rejects


def _jsonl(log: Any) -> str:
    return "\n".join(json.dumps(e.to_dict()) for e in log.events())


def test_example_csv_windows_1252_semicolons() -> None:
    raw = (EXAMPLE / "antenne-2024.csv").read_bytes()
    assert detect_encoding(raw[:4096]) == "cp1252"  # the example is what French Excel saves
    _check_example(import_table(EXAMPLE / "antenne-2024.csv", MAPPING), "antenne-2024.csv")


def test_example_xlsx() -> None:
    pytest.importorskip("python_calamine")
    _check_example(import_table(EXAMPLE / "antenne-2024.xlsx", MAPPING), "Suivi 2024")


def test_dataframe_and_arrow_stream_give_the_same_log() -> None:
    m = ImportMapping.load(MAPPING)
    m.encoding = "cp1252"
    df = pd.read_csv(EXAMPLE / "antenne-2024.csv", sep=";", encoding="cp1252", dtype=str)
    from_csv = import_table(EXAMPLE / "antenne-2024.csv", m)
    from_df = import_table(df, m)
    assert _jsonl(from_df.log) == _jsonl(from_csv.log)
    assert [(r.row, r.column) for r in from_df.rejects] == [
        (r.row, r.column) for r in from_csv.rejects
    ]
    pl = pytest.importorskip("polars")
    from_pl = import_table(pl.from_pandas(df), m)
    assert _jsonl(from_pl.log) == _jsonl(from_csv.log)


def test_from_table_on_the_compiled_class_and_strict_mode() -> None:
    log = vaekit.EventLog.from_table(EXAMPLE / "antenne-2024.csv", MAPPING)
    assert log.case_count == 193
    with pytest.raises(vaekit.ParseError, match=r"antenne-2024.csv:19: Date 1er RDV"):
        vaekit.EventLog.from_table(EXAMPLE / "antenne-2024.csv", MAPPING, strict=True)


def test_personal_columns_are_never_read_nor_printed() -> None:
    result = import_table(EXAMPLE / "antenne-2024.csv", MAPPING)
    text = " ".join(str(r) for r in result.rejects) + _jsonl(result.log)
    df = pd.read_csv(EXAMPLE / "antenne-2024.csv", sep=";", encoding="cp1252", dtype=str)
    for name in set(df["Nom"]) | set(df["Prénom"]):
        assert name not in text
    assert "06 00 00" not in text
    # A mapping that names a personal column is refused.
    doc = json.loads(MAPPING.read_text(encoding="utf-8"))
    doc["columns"]["staff"] = "Nom"
    with pytest.raises(vaekit.InvalidArgument, match="looks personal"):
        ImportMapping.from_dict(doc)
    assert looks_personal("Date de naissance") and looks_personal("Téléphone")
    assert not looks_personal("Date 1er RDV") and not looks_personal("N° dossier")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schema": "ImportMapping.9"}, "upgrade vaekit"),
        ({"shape": "wide"}, "shape"),
        ({"date_format": "dd/mm"}, "needs dd, mm and yyyy"),
        ({"values": {"result": {"Validation totale": "total"}}}, "is not a result code"),
        ({"colour": 1}, "unknown field"),
    ],
)
def test_bad_mappings_are_refused_naming_the_field(change: dict[str, Any], message: str) -> None:
    doc = json.loads(MAPPING.read_text(encoding="utf-8"))
    doc.update(change)
    with pytest.raises(vaekit.InvalidArgument, match=message):
        ImportMapping.from_dict(doc)


def test_missing_column_is_named() -> None:
    doc = json.loads(MAPPING.read_text(encoding="utf-8"))
    doc["columns"]["antenne"] = "Site"
    with pytest.raises(vaekit.InvalidArgument, match='no column "Site"'):
        import_table(EXAMPLE / "antenne-2024.csv", doc)


def test_per_event_shape_utf8_commas_and_blank_rows() -> None:
    text = (
        "Dossier,Date,Étape,Canal\n"
        "D1,02/01/2024,Accueil,Accueil physique\n"
        "D1,05/01/2024,Premier RDV,\n"
        ",,,\n"  # blank row: not counted
        "D2,03/01/2024,Accueil,Pigeon voyageur\n"  # unmapped channel
        "D1,06/01/2024,Accueil,Téléphone\n"  # received twice: refused by the table
    )
    doc = {
        "schema": "ImportMapping.1",
        "shape": "per_event",
        "date_format": "dd/mm/yyyy",
        "columns": {"case": "Dossier", "at": "Date", "event": "Étape", "channel": "Canal"},
        "values": {
            "event": {"Accueil": "received", "Premier RDV": "appointment_held"},
            "channel": {"accueil physique": "walk_in", "Téléphone": "phone"},
        },
    }
    path = io.BytesIO(text.encode("utf-8"))
    df = pd.read_csv(path, dtype=str)
    r = import_table(df, doc)
    assert (r.rows_read, r.rows_accepted, r.rows_rejected) == (4, 2, 2)
    assert [(x.row, x.column) for x in r.rejects] == [(5, "Canal"), (6, "Étape")]
    assert "not allowed in this stage" in r.rejects[1].reason
    events = [e.to_dict() for e in r.log.events()]
    assert [e["role"] for e in events] == ["assistant", "counsellor"]  # the default roles
    assert events[0]["data"] == {"channel": "walk_in"}  # matched without case and accents


def test_date_formats() -> None:
    assert date_format_to_strptime("dd/mm/yyyy") == "%d/%m/%Y"
    assert date_format_to_strptime("yyyy-mm-dd") == "%Y-%m-%d"
    assert date_format_to_strptime("dd.mm.yy") == "%d.%m.%y"
    with pytest.raises(vaekit.InvalidArgument):
        date_format_to_strptime("dd/mm/yyyy hh")


def test_guess_proposes_the_example_mapping() -> None:
    doc = guess_mapping(EXAMPLE / "antenne-2024.csv")
    assert doc["schema"] == "ImportMapping.1" and doc["shape"] == "per_person"
    assert doc["date_format"] == "dd/mm/yyyy"
    assert doc["columns"]["case"] == "N° dossier"
    assert doc["columns"]["antenne"] == "Antenne" and doc["columns"]["staff"] == "Conseiller"
    events = [s["event"] for s in doc["steps"]]
    assert events == [
        "received",
        "appointment_held",
        "certification_chosen",
        "oriented",
        "admissibility_started",
        "admissibility_sent",
        "admissibility_decided",
        "validation_file_sent",
        "jury_scheduled",
        "jury_held",
    ]
    jury = next(s for s in doc["steps"] if s["event"] == "jury_held")
    assert jury["data"] == {"result": "Résultat"}
    assert doc["values"]["result"]["Validation totale"] == "full"
    assert doc["values"]["result"]["Ajourné"] == ""  # to fill in
    for personal in ("Nom", "Prénom", "Date de naissance", "Téléphone"):
        assert personal in doc["comment"]
        assert personal not in json.dumps(doc["columns"], ensure_ascii=False)
    # Once its one blank code is filled (or removed), the guess imports the example like the
    # hand-written mapping.
    del doc["values"]["result"]["Ajourné"]
    guessed = import_table(EXAMPLE / "antenne-2024.csv", doc)
    by_hand = import_table(EXAMPLE / "antenne-2024.csv", MAPPING)
    assert _jsonl(guessed.log) == _jsonl(by_hand.log)
    assert [(r.row, r.column) for r in guessed.rejects] == [
        (r.row, r.column) for r in by_hand.rejects
    ]


# ------------------------------------------------------------------------------- property
_CHANNELS = {"walk_in": "Sur place", "phone": "Tél.", "online": "Web", "info_session": "Réunion"}
_RESULTS = {"full": "Totale", "partial": "Partielle", "refused": "Refus", "absent": "Absent"}
_DECISIONS = {"admissible": "Oui", "not_admissible": "Non", "incomplete": "Incomplet"}
_PATH = [
    ("received", "assistant"),
    ("appointment_held", "counsellor"),
    ("certification_chosen", "counsellor"),
    ("oriented", "counsellor"),
    ("admissibility_started", "counsellor"),
    ("admissibility_sent", "counsellor"),
    ("admissibility_decided", "certifier"),
    ("support_started", "counsellor"),
    ("validation_file_sent", "candidate"),
    ("jury_scheduled", "certifier"),
    ("jury_held", "jury"),
]


@st.composite
def _cases(draw: Any) -> list[dict[str, Any]]:
    """Valid cases along the pathway, cut at a random step, with random dates and codes."""
    events: list[dict[str, Any]] = []
    for c in range(draw(st.integers(1, 6))):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=draw(st.integers(0, 2000)))
        case = draw(st.sampled_from(["C", "x-", 'Dossier "7"', "é/", "a\\b\t"])) + str(c)
        ante = draw(st.sampled_from([None, "IDF-75A", "Lyon;2"]))
        for event, role in _PATH[: draw(st.integers(1, len(_PATH)))]:
            day += dt.timedelta(days=draw(st.integers(0, 40)))
            e: dict[str, Any] = {"case": case, "at": day.isoformat(), "event": event, "role": role}
            if ante:
                e["antenne"] = ante
            if event == "received":
                e["data"] = {"channel": draw(st.sampled_from(sorted(_CHANNELS)))}
            if event == "certification_chosen":
                e["certification"] = draw(st.sampled_from(["RNCP4495", "RS6117"]))
            if event == "oriented":
                e["data"] = {"to": "vae"}
            if event == "admissibility_decided":
                e["data"] = {"decision": "admissible"}
            if event == "support_started":
                e["data"] = {"funding": draw(st.sampled_from(["cpf", "region"]))}
            if event == "jury_held":
                e["data"] = {"result": draw(st.sampled_from(sorted(_RESULTS)))}
            events.append(e)
    return events


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases(), st.sampled_from(["dd/mm/yyyy", "yyyy-mm-dd", "dd.mm.yyyy"]))
def test_export_to_per_event_table_and_back_gives_the_same_events(
    records: list[dict[str, Any]], fmt: str
) -> None:
    log = vaekit.EventLog.from_records(records)
    # The log exported to the per-event table shape, with local labels and local dates.
    rows = []
    for e in log.events():
        d = e.to_dict()
        data = d.get("data", {})
        at = dt.date.fromisoformat(d["at"])
        local = {"yyyy-mm-dd": "%Y-%m-%d", "dd/mm/yyyy": "%d/%m/%Y", "dd.mm.yyyy": "%d.%m.%Y"}
        rows.append(
            {
                "Dossier": d["case"],
                "Jour": at.strftime(local[fmt]),
                "Étape": d["event"],
                "Qui": d["role"],
                "Antenne": d.get("antenne"),
                "Certification": d.get("certification"),
                "Canal": _CHANNELS.get(data.get("channel", "")),
                "Orientation": data.get("to"),
                "Recevabilité": _DECISIONS.get(data.get("decision", "")),
                "Financement": data.get("funding"),
                "Résultat": _RESULTS.get(data.get("result", "")),
            }
        )
    df = pd.DataFrame(rows)
    mapping = {
        "schema": "ImportMapping.1",
        "shape": "per_event",
        "date_format": fmt,
        "columns": {
            "case": "Dossier",
            "at": "Jour",
            "event": "Étape",
            "role": "Qui",
            "antenne": "Antenne",
            "certification": "Certification",
            "channel": "Canal",
            "to": "Orientation",
            "decision": "Recevabilité",
            "funding": "Financement",
            "result": "Résultat",
        },
        "values": {
            "channel": {v: k for k, v in _CHANNELS.items()},
            "decision": {v: k for k, v in _DECISIONS.items()},
            "result": {v: k for k, v in _RESULTS.items()},
        },
    }
    result = import_table(df, mapping)
    assert not result.rejects
    assert result.rows_read == len(rows) == len(result.log)
    assert [e.to_dict() for e in result.log.events()] == [e.to_dict() for e in log.events()]


# ---------------------------------------------------------------------------- the command
def test_command_line_import_and_guess(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vaekit.cli import main

    log_path, rejects = tmp_path / "log.jsonl", tmp_path / "rejects.csv"
    code = main(
        [
            "import",
            str(EXAMPLE / "antenne-2024.xlsx"),
            "--mapping",
            str(MAPPING),
            "-o",
            str(log_path),
            "--rejects",
            str(rejects),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "200 rows read, 193 accepted, 7 rejected" in out
    assert "reject Suivi 2024:43: Date accueil:" in out
    assert vaekit.EventLog.read(str(log_path)).case_count == 193
    table = pd.read_csv(rejects)
    assert list(table.columns) == ["sheet", "row", "column", "case", "reason"]
    assert list(table["row"]) == [row for row, _, _ in EXPECTED_REJECTS]

    assert main(["import", str(EXAMPLE / "antenne-2024.csv"), "--guess"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "ImportMapping.1" and doc["columns"]["case"] == "N° dossier"

    # Strict: the first bad row stops the import, one line on stderr, exit status 1.
    code = main(
        [
            "import",
            str(EXAMPLE / "antenne-2024.csv"),
            "--mapping",
            str(MAPPING),
            "-o",
            str(tmp_path / "strict.jsonl"),
            "--strict",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and "antenne-2024.csv:19: Date 1er RDV" in err
    assert not (tmp_path / "strict.jsonl").exists()
    # Without a mapping: refused as a usage error.
    assert main(["import", str(EXAMPLE / "antenne-2024.csv"), "-o", str(log_path)]) == 2


def test_rows_of_the_wrong_shape_are_rejects_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    # Line 3 has 4 fields, line 4 is empty (not a row), line 6 is blank cells (not a row): the
    # rows after them keep the numbers the spreadsheet shows (Z is on line 7).
    path = tmp_path / "t.csv"
    path.write_text(
        "a;b;c\nX;2024-01-02;received\nX;2024-01-03;informed;extra\n\n"
        "Y;2024-01-04;received\n;;\nZ;2024-01-05;nope\n",
        encoding="utf-8",
    )
    doc = {
        "schema": "ImportMapping.1",
        "shape": "per_event",
        "columns": {"case": "a", "at": "b", "event": "c"},
    }
    r = import_table(path, doc)
    assert (r.rows_read, r.rows_accepted, r.rows_rejected) == (4, 2, 2)
    assert [(x.row, x.column) for x in r.rejects] == [(3, ""), (7, "c")]
    assert r.rejects[0].reason == "4 fields where the header has 3"
    assert "extra" not in r.rejects[0].reason  # the row's cells are never quoted
    assert r.rejects[1].reason.startswith('"nope" is not an event code')


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.csv", b""),
        ("noise.csv", bytes(range(256)) * 8),
        ("noise.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4),
        ("header-only.csv", "N° dossier;Antenne\n".encode("cp1252")),
    ],
)
def test_hostile_sources_give_one_typed_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(vaekit.Error):
        import_table(path, MAPPING)
    # The guess proposes a mapping or raises a typed error, nothing else.
    try:
        assert guess_mapping(path)["schema"] == "ImportMapping.1"
    except vaekit.Error:
        pass


def test_dataframe_timestamps_become_days_or_instants() -> None:
    # A naive timestamp is a local time whose offset is unknown: its day is kept. A zoned one is
    # an instant, written in UTC with "Z" (the event log wants an offset).
    df = pd.DataFrame(
        {
            "case": ["A", "B"],
            "at": pd.to_datetime(["2024-03-01 10:30:00", "2024-03-02 00:00:00"]),
            "event": ["received", "received"],
        }
    )
    doc = {
        "schema": "ImportMapping.1",
        "shape": "per_event",
        "columns": {"case": "case", "at": "at", "event": "event"},
    }
    r = import_table(df, doc)
    assert [e.to_dict()["at"] for e in r.log.events()] == ["2024-03-01", "2024-03-02"]
    df["at"] = df["at"].dt.tz_localize("Europe/Paris")
    r = import_table(df, doc)
    assert [e.to_dict()["at"] for e in r.log.events()] == [
        "2024-03-01T09:30:00Z",
        "2024-03-01T23:00:00Z",
    ]


def test_the_import_vocabulary_is_the_transition_tables() -> None:
    # tabular.py lists the events, roles and default roles to check a mapping before reading
    # any row; they must stay those of the transition table (src/pathway/transitions.cpp).
    from vaekit.analytics import tabular

    table = vaekit.transition_table()
    assert set(tabular.EVENTS) == {t["event"] for t in table}
    assert {r for t in table for r in t["roles"]} <= set(tabular.ROLES)
    for event, role in tabular.DEFAULT_ROLE.items():
        assert any(t["event"] == event and role in t["roles"] for t in table), event


def test_xlsx_rows_are_numbered_as_the_sheet_shows_them(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Feuil1"
    ws["A2"] = "Dossier"  # row 1 left blank, the header on row 2
    ws["B2"] = "Date"
    ws["C2"] = "Étape"
    ws.append(["K1", dt.date(2024, 1, 2), "received"])
    ws.append(["K1", dt.date(2024, 1, 1), "appointment_held"])  # row 4: before reception
    wb.save(tmp_path / "t.xlsx")
    doc = {
        "schema": "ImportMapping.1",
        "shape": "per_event",
        "columns": {"case": "Dossier", "at": "Date", "event": "Étape"},
    }
    r = import_table(tmp_path / "t.xlsx", doc)
    assert r.sheet == "Feuil1"
    assert [(x.row, x.column) for x in r.rejects] == [(4, "Étape")]
    assert [e.to_dict()["at"] for e in r.log.events()] == ["2024-01-02"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases())
def test_per_person_sheet_and_back_gives_the_same_events(records: list[dict[str, Any]]) -> None:
    # Each case of _cases() takes each step at most once, in the pathway's order: written as a
    # sheet of one row a person (a date column per step, French labels), imported back with the
    # matching per-person mapping, it gives the same events in the same order.
    log = vaekit.EventLog.from_records(records)
    people: dict[str, dict[str, Any]] = {}
    for e in log.events():
        d = e.to_dict()
        row = people.setdefault(d["case"], {"N°": d["case"], "Antenne": d.get("antenne")})
        row[f"Date {d['event']}"] = dt.date.fromisoformat(d["at"]).strftime("%d/%m/%Y")
        data = d.get("data", {})
        if "channel" in data:
            row["Canal"] = _CHANNELS[data["channel"]]
        if "result" in data:
            row["Résultat"] = _RESULTS[data["result"]]
        if "funding" in data:
            row["Financement"] = data["funding"]
        if "certification" in d:
            row["RNCP"] = d["certification"]
    steps: list[dict[str, Any]] = []
    for event, role in _PATH:
        step: dict[str, Any] = {"event": event, "date": f"Date {event}", "role": role}
        if event == "received":
            step["data"] = {"channel": "Canal"}
        if event == "certification_chosen":
            step["certification"] = "RNCP"
        if event == "oriented":
            step["constants"] = {"to": "vae"}
        if event == "admissibility_decided":
            step["constants"] = {"decision": "admissible"}
        if event == "support_started":
            step["data"] = {"funding": "Financement"}
        if event == "jury_held":
            step["data"] = {"result": "Résultat"}
        steps.append(step)
    columns = ["N°", "Antenne", "Canal", "RNCP", "Financement", "Résultat"]
    columns += [f"Date {event}" for event, _ in _PATH]
    df = pd.DataFrame(list(people.values()), columns=columns)
    mapping = {
        "schema": "ImportMapping.1",
        "shape": "per_person",
        "date_format": "dd/mm/yyyy",
        "columns": {"case": "N°", "antenne": "Antenne"},
        "steps": steps,
        "values": {
            "channel": {v: k for k, v in _CHANNELS.items()},
            "result": {v: k for k, v in _RESULTS.items()},
        },
    }
    result = import_table(df, mapping)
    assert not result.rejects and result.rows_read == len(people)
    want = sorted((e.to_dict() for e in log.events()), key=lambda d: d["case"])
    got = sorted((e.to_dict() for e in result.log.events()), key=lambda d: d["case"])
    assert got == want


def test_guess_date_format_and_blank_codes() -> None:
    from vaekit.analytics.tabular import guess_date_format

    assert guess_date_format(["2024-01-02", "2024-12-31"]) == "yyyy-mm-dd"
    assert guess_date_format(["02/01/2024", "2024-01-03", "31/12/2024"]) == "dd/mm/yyyy"
    assert guess_date_format(["02.01.2024"] * 19 + ["31.02.2024"]) == "dd.mm.yyyy"  # 95 %
    assert guess_date_format(["lundi", "mardi"]) is None
    doc = guess_mapping(EXAMPLE / "antenne-2024.xlsx")
    assert doc["sheet"] == "Suivi 2024" and doc["date_format"] == "dd/mm/yyyy"
    with pytest.raises(vaekit.InvalidArgument, match=r'values.result."Ajourné": no code'):
        ImportMapping.from_dict(doc)


def test_a_mapping_document_is_read_like_every_vaekit_document():
    # Bytes must be UTF-8, a key may not repeat, deep nesting is refused: a vaekit.ParseError each
    # (the hostile-input suite's atheris run found b"\xed" raising UnicodeDecodeError).
    from vaekit.analytics import ImportMapping

    for bad in (b"\xed", '{"schema": "ImportMapping.1", "schema": "x"}', "[" * 100000):
        with pytest.raises(vaekit.ParseError):
            ImportMapping.from_json(bad)


def test_a_folder_as_source_is_a_typed_error(tmp_path: Path) -> None:
    folder = tmp_path / "antenne.csv"
    folder.mkdir()
    with pytest.raises(vaekit.Error):
        import_table(folder, MAPPING)
