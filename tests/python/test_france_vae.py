"""France VAE status histories into event logs, and the two-way mapping (issue 15).

The mapping is python/vaekit/pathway/france_vae_mapping.json (FranceVaeMapping.1); the values it
lists were read from SocialGouv/reva's prisma schema and migrations (docs/formats/france-vae.md
says which version has which). The hand-worked histories below give the events the mapping's
rows say, checked one by one.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vaekit
import vaekit.i18n
from vaekit.cli import main
from vaekit.pathway.france_vae import COLUMNS, FranceVaeMapping, history_of, import_france_vae

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "data" / "france-vae" / "status-history.csv"
MAPPING = FranceVaeMapping.default()
VOCABULARY = {f["name"]: f for f in vaekit.event_vocabulary()}
TABLE = vaekit.transition_table()
HEADER = (
    "candidacy_id,status,created_at,is_active,type_accompagnement,exam_result,archiving_reason\n"
)


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(r + "\n" for r in rows)).encode("utf-8")


def _events(result: Any) -> list[tuple[str, str, str, str, dict[str, Any]]]:
    return [(e.case, e.at, e.event, e.role, dict(e.data or {})) for e in result.log.events()]


# --------------------------------------------------------------------------- the mapping
def _value_pairs() -> list[tuple[str, str]]:
    """Every (table, value) the document records for France VAE's enumerations, any version."""
    doc = json.loads((ROOT / "python/vaekit/pathway/france_vae_mapping.json").read_text("utf-8"))
    return [
        (name, v)
        for name, table in doc["values"].items()
        for vs in table["in"].values()
        for v in vs
    ]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_value_pairs()))
def test_every_value_of_every_france_vae_enumeration_maps_to_a_vaekit_code(
    pair: tuple[str, str],
) -> None:
    name, value = pair
    table = MAPPING.values[name]
    code = MAPPING.code(name, value)
    if name == "feasibility_status" and value in ("PENDING", "COMPLETE", "DRAFT"):
        assert code is None  # not a decision (docs/formats/france-vae.md)
        return
    assert code in VOCABULARY[table["field"]]["values"], (name, value, code)


def test_every_status_of_every_version_has_a_row_and_its_events_are_allowed_to_their_roles() -> (
    None
):
    # The union of CandidacyStatusStep across the versions read (2023, 2024, later migrations).
    union = {
        "ARCHIVE", "PROJET", "VALIDATION", "PRISE_EN_CHARGE", "PARCOURS_ENVOYE",
        "PARCOURS_CONFIRME", "DOSSIER_FAISABILITE_ENVOYE", "DOSSIER_FAISABILITE_COMPLET",
        "DOSSIER_FAISABILITE_RECEVABLE", "DOSSIER_FAISABILITE_NON_RECEVABLE",
        "DOSSIER_FAISABILITE_INCOMPLET", "DOSSIER_DE_VALIDATION_ENVOYE",
        "DOSSIER_DE_VALIDATION_SIGNALE", "DEMANDE_FINANCEMENT_ENVOYE",
        "DEMANDE_PAIEMENT_ENVOYEE", "DOSSIER_PRO", "CERTIFICATION",
    }  # fmt: skip
    assert set(MAPPING.statuses) == union
    roles_of: dict[str, set[str]] = {}
    for row in TABLE:
        roles_of.setdefault(row["event"], set()).update(row["roles"])
    for status, specs in MAPPING.statuses.items():
        for spec in specs:
            for acc in ("accompanied", "autonomous"):
                assert spec.role_for(acc) in roles_of[spec.event], (status, spec.event, acc)


def test_the_two_way_mapping_round_trips_where_it_is_one_to_one() -> None:
    for status, specs in MAPPING.statuses.items():
        backs = {MAPPING.status_for(s.event, s.data) for s in specs} - {None}
        assert backs in (set(), {status}), status
    for event, status in MAPPING.back.items():
        statuses = status.values() if isinstance(status, dict) else [status]
        for s in statuses:
            if s is not None:
                assert event in {e.event for e in MAPPING.events_for(s)}, (event, s)
    for name, table in MAPPING.values.items():
        for value, code in table["map"].items():
            if code is None:
                continue
            one_to_one = sum(1 for c in table["map"].values() if c == code) == 1
            if one_to_one or code in table.get("back", {}):
                back = MAPPING.value(name, code)
                assert back is not None and MAPPING.code(name, back) == code, (name, value)
                if one_to_one:
                    assert back == value


def test_a_mapping_naming_an_unknown_event_or_code_is_refused() -> None:
    doc = json.loads((ROOT / "python/vaekit/pathway/france_vae_mapping.json").read_text("utf-8"))
    doc["statuses"]["PROJET"]["events"] = [{"event": "no_such_event", "role": "candidate"}]
    with pytest.raises(vaekit.InvalidArgument, match="PROJET"):
        FranceVaeMapping.from_dict(doc)
    doc = json.loads((ROOT / "python/vaekit/pathway/france_vae_mapping.json").read_text("utf-8"))
    doc["values"]["typology"]["map"]["AUTRE"] = "astronaut"
    with pytest.raises(vaekit.InvalidArgument, match="AUTRE"):
        FranceVaeMapping.from_dict(doc)
    with pytest.raises(vaekit.ParseError):
        FranceVaeMapping.from_json(b"\xff{")


# --------------------------------------------------------------------- hand-worked imports
def test_an_accompanied_history_gives_the_events_of_the_mapping_rows_in_time_order() -> None:
    # Rows out of order (an export is in any order): the import orders by candidacy and time.
    data = _csv(
        "c1,PRISE_EN_CHARGE,2024-02-01T10:00:00Z,false,,,",
        "c1,PROJET,2024-01-10T09:00:00+01:00,false,,,",
        "c1,VALIDATION,2024-01-15T09:00:00.123+01:00,false,,,",
        "c1,PARCOURS_ENVOYE,2024-02-10T10:00:00Z,false,,,",
        "c1,PARCOURS_CONFIRME,2024-02-12T10:00:00Z,false,,,",
        "c1,DOSSIER_FAISABILITE_ENVOYE,2024-03-01T10:00:00Z,false,,,",
        "c1,DOSSIER_FAISABILITE_COMPLET,2024-03-05T10:00:00Z,false,,,",
        "c1,DOSSIER_FAISABILITE_RECEVABLE,2024-04-01T10:00:00Z,false,,,",
        "c1,DOSSIER_DE_VALIDATION_ENVOYE,2024-09-01T10:00:00Z,false,,,",
        "c1,CERTIFICATION,2024-11-01T10:00:00Z,true,,PARTIAL_SUCCESS,",
    )
    result = import_france_vae(data)
    assert result.rejects == []
    assert (result.rows_read, result.rows_accepted) == (10, 10)
    # PROJET and DOSSIER_FAISABILITE_COMPLET record nothing; accompaniment inferred from
    # PRISE_EN_CHARGE (no type_accompagnement column filled); CERTIFICATION with a result is the
    # jury scheduled then held (ExamResult PARTIAL_SUCCESS -> partial).
    assert [(e[2], e[3], e[4]) for e in _events(result)] == [
        ("candidacy_submitted", "candidate", {"accompaniment": "accompanied"}),
        ("candidacy_taken_charge", "aap", {}),
        ("pathway_proposed", "aap", {}),
        ("pathway_confirmed", "candidate", {}),
        ("feasibility_sent", "aap", {}),
        ("feasibility_decided", "certifier", {"decision": "admissible"}),
        ("validation_file_sent", "aap", {}),
        ("jury_scheduled", "certifier", {}),
        ("jury_held", "jury", {"result": "partial"}),
    ]
    assert _events(result)[0][1] == "2024-01-15T09:00:00+01:00"
    # The way back gives the statuses that have a vaekit event, the last one active.
    back = history_of(result.log)
    assert [r["status"] for r in back] == [
        "VALIDATION", "PRISE_EN_CHARGE", "PARCOURS_ENVOYE", "PARCOURS_CONFIRME",
        "DOSSIER_FAISABILITE_ENVOYE", "DOSSIER_FAISABILITE_RECEVABLE",
        "DOSSIER_DE_VALIDATION_ENVOYE", "CERTIFICATION",
    ]  # fmt: skip
    assert [r["is_active"] for r in back].count("true") == 1


def test_an_autonomous_history_is_submitted_with_its_first_step_and_sent_by_the_candidate() -> None:
    data = _csv(
        "c2,PROJET,2024-01-10T09:00:00Z,false,AUTONOME,,",
        "c2,DOSSIER_FAISABILITE_ENVOYE,2024-01-20T09:00:00Z,false,AUTONOME,,",
        "c2,DOSSIER_FAISABILITE_NON_RECEVABLE,2024-03-01T09:00:00Z,true,AUTONOME,,",
    )
    result = import_france_vae(data)
    assert result.rejects == []
    assert [(e[2], e[3], e[4]) for e in _events(result)] == [
        ("candidacy_submitted", "candidate", {"accompaniment": "autonomous"}),
        ("feasibility_sent", "candidate", {}),
        ("feasibility_decided", "certifier", {"decision": "not_admissible"}),
    ]


def test_the_typology_is_the_profile_employment_recorded_with_the_submission() -> None:
    header = "candidacy_id;status;created_at;is_active;typology\n"
    data = _csv(
        "c5;PROJET;2024-01-10T09:00:00Z;false;",
        "c5;DOSSIER_FAISABILITE_ENVOYE;2024-01-20T09:00:00Z;true;AIDANTS_FAMILIAUX_AGRICOLES",
        header=header,
    )
    result = import_france_vae(data)
    assert result.rejects == []
    # Autonomous (no AAP status): submitted with its first step, with the profile; the
    # typology of a later row holds for the candidacy (docs/formats/france-vae.md).
    assert [(e[2], e[3], e[4]) for e in _events(result)] == [
        ("candidacy_submitted", "candidate", {"accompaniment": "autonomous"}),
        ("profile_recorded", "candidate", {"employment": "family_caregiver"}),
        ("feasibility_sent", "candidate", {}),
    ]


def test_archive_then_a_status_unarchives_and_a_draft_archived_makes_no_case() -> None:
    data = _csv(
        "c3,VALIDATION,2024-01-10T09:00:00Z,false,ACCOMPAGNE,,",
        "c3,PRISE_EN_CHARGE,2024-01-12T09:00:00Z,false,ACCOMPAGNE,,",
        "c3,ARCHIVE,2024-02-12T09:00:00Z,false,ACCOMPAGNE,,INACTIVITE_CANDIDAT",
        "c3,PRISE_EN_CHARGE,2024-03-12T09:00:00Z,false,ACCOMPAGNE,,",
        "c3,PARCOURS_ENVOYE,2024-03-13T09:00:00Z,true,ACCOMPAGNE,,",
        "d1,PROJET,2024-01-10T09:00:00Z,false,,,",
        "d1,ARCHIVE,2024-01-11T09:00:00Z,true,,,CANDIDATURE_CREEE_PAR_ERREUR",
    )
    result = import_france_vae(data)
    assert result.rejects == []
    assert result.rows_accepted == 7
    archived_code = MAPPING.code("archiving_reason", "INACTIVITE_CANDIDAT")
    assert [(e[0], e[2], e[4]) for e in _events(result)] == [
        ("c3", "candidacy_submitted", {"accompaniment": "accompanied"}),
        ("c3", "candidacy_taken_charge", {}),
        ("c3", "archived", {"reason_code": archived_code}),
        ("c3", "reactivated", {}),  # back to PRISE_EN_CHARGE: the status held before
        ("c3", "pathway_proposed", {}),
    ]


def test_a_step_the_table_refuses_is_a_reject_naming_the_rule_and_its_events_are_left_out() -> None:
    # The validation file before any feasibility decision: refused by the transition table.
    data = _csv(
        "c4,VALIDATION,2024-01-10T09:00:00Z,false,ACCOMPAGNE,,",
        "c4,DOSSIER_DE_VALIDATION_ENVOYE,2024-01-12T09:00:00Z,true,ACCOMPAGNE,,",
    )
    result = import_france_vae(data)
    assert [(r.row, r.column, r.case) for r in result.rejects] == [(3, "status", "c4")]
    assert "validation_file_sent" in result.rejects[0].reason
    assert [e[2] for e in _events(result)] == ["candidacy_submitted"]
    assert result.rows_read == result.rows_accepted + result.rows_rejected
    with pytest.raises(vaekit.ParseError, match=":3: status"):
        import_france_vae(data, strict=True)


# ------------------------------------------------------------------------------ the example
def test_the_example_imports_replays_and_reports_like_any_log(tmp_path: Path) -> None:
    result = import_france_vae(EXAMPLE)
    with EXAMPLE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert result.rejects == []
    assert result.rows_read == len(rows) == result.rows_accepted
    # Independent count of cases: candidacies with a status other than PROJET and ARCHIVE.
    cases = {r["candidacy_id"] for r in rows if r["status"] not in ("PROJET", "ARCHIVE")}
    assert result.log.case_count == len(cases)
    out = tmp_path / "log.jsonl"
    result.log.write(out)
    states = vaekit.read_case_states(out, strict=True)
    assert len(states.rejects) == 0
    report = vaekit.EventLog.read(out).report(threshold=0)
    assert report is not None
    # Every scenario of the example is there: autonomous, not admissible, partial jury, archive.
    kinds = {(e.event, json.dumps(e.data, sort_keys=True)) for e in result.log.events()}
    for needed in [
        ("candidacy_submitted", '{"accompaniment": "autonomous"}'),
        ("feasibility_decided", '{"decision": "not_admissible"}'),
        ("jury_held", '{"result": "partial"}'),
        ("jury_held", '{"result": "partial_certification"}'),
    ]:
        assert needed in kinds
    assert any(e.event == "archived" for e in result.log.events())


def test_the_example_is_what_its_generator_writes(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "status-history.csv"
    script = EXAMPLE.with_name("generate.py")
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, timeout=60)
    assert out.read_bytes() == EXAMPLE.read_bytes()


def test_command_line_import_france_vae(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_path, rejects = tmp_path / "log.jsonl", tmp_path / "rejects.csv"
    argv = ["import", "--format", "france-vae", str(EXAMPLE), "-o", str(log_path)]
    with vaekit.i18n.use_language("en"):
        assert main([*argv, "--rejects", str(rejects)]) == 0
    assert "0 rejected" in capsys.readouterr().out
    assert vaekit.EventLog.read(log_path).case_count > 0
    assert rejects.read_text().startswith("sheet,row,column,case,reason")
    assert main([*argv, "--mapping", "m.json"]) == 2


def test_a_key_names_candidacies_by_pseudonym_in_the_log_and_the_rejects() -> None:
    key = vaekit.PseudonymKey(b"k" * 32)
    data = _csv(
        "raw-candidacy-1,VALIDATION,2024-01-10T09:00:00Z,false,ACCOMPAGNE,,",
        "raw-candidacy-1,DOSSIER_DE_VALIDATION_ENVOYE,2024-01-12T09:00:00Z,true,ACCOMPAGNE,,",
    )
    result = import_france_vae(data, key=key)
    alias = key.pseudonym("case", "raw-candidacy-1")
    assert {e.case for e in result.log.events()} == {alias}
    assert result.rejects[0].case == alias
    assert "raw-candidacy-1" not in str(result.rejects[0])


# ----------------------------------------------------------------------------- hostile input
PERSONAL = "Jeanne Dupont jeanne.dupont@example.org 06 12 34 56 78"


def test_hostile_rows_are_rejects_with_row_and_column_never_crashes_nor_personal_data() -> None:
    data = (
        HEADER
        + "h1,VALIDATION,2024-01-10T09:00:00Z,false,,,\n"  # row 2: fine
        + "h1,PAS_UN_STATUT,2024-01-11T09:00:00Z,false,,,\n"  # 3: bad status
        + f"h1,{PERSONAL},2024-01-11T09:00:00Z,false,,,\n"  # 4: personal text as status
        + "h1,PRISE_EN_CHARGE,le 12 janvier,false,,,\n"  # 5: bad date
        + "h1,PRISE_EN_CHARGE,2024-01-12T09:00:00,false,,,\n"  # 6: no UTC offset
        + "h1,PRISE_EN_CHARGE,2024-02-30T09:00:00Z,false,,,\n"  # 7: no such day
        + "h1,VALIDATION,2024-01-10T09:00:00Z,false,,,\n"  # 8: duplicate of row 2
        + "jeanne.dupont@example.org,VALIDATION,2024-01-10T09:00:00Z,true,,,\n"  # 9: e-mail id
        + "h1,PRISE_EN_CHARGE,2024-01-13T09:00:00Z,maybe,,,\n"  # 10: bad boolean
        + "h1,PRISE_EN_CHARGE,2024-01-13T09:00:00Z\n"  # 11: too few fields
        + 'h1,"PRISE_EN_CHARGE,2024-01-13T09:00:00Z,false,,,\n'  # 12: quote left open
        + "h1,CERTIFICATION,2024-06-13T09:00:00Z,false,,BRAVO,\n"  # 13: bad exam result
        + "h2,VALIDATION,2024-01-10T09:00:00Z,true,,,\n"  # 14: fine
        + "h2,PRISE_EN_CHARGE,2024-01-11T09:00:00Z,true,,,\n"  # 15: second active status
    ).encode() + b"h1,PRISE_EN_CHARGE,2024-01-14T09:00:00Z,false,\xff\xfe,,\n"  # 16: not UTF-8
    result = import_france_vae(data)
    got = {r.row: r.column for r in result.rejects}
    assert got == {
        3: "status", 4: "status", 5: "created_at", 6: "created_at", 7: "created_at",
        8: "", 9: "candidacy_id", 10: "is_active", 11: "", 12: "", 13: "exam_result",
        15: "is_active", 16: "",
    }  # fmt: skip
    assert result.rows_read == 15 == result.rows_accepted + result.rows_rejected
    text = "\n".join(str(r) for r in result.rejects)
    for piece in ("Jeanne", "Dupont", "jeanne.dupont", "06 12 34"):
        assert piece not in text
    assert "PAS_UN_STATUT" in text  # a code-like value is named
    assert "duplicate of row 2" in text


def test_a_file_without_the_columns_of_the_history_is_refused_naming_them() -> None:
    with pytest.raises(vaekit.InvalidArgument, match="created_at"):
        import_france_vae(b"candidacy_id;status;nom\nc1;PROJET;Dupont\n")
    with pytest.raises(vaekit.ParseError):
        import_france_vae(b"")
    with pytest.raises(vaekit.IoError):
        import_france_vae(ROOT / "no-such-history.csv")


def test_personal_columns_are_never_read(tmp_path: Path) -> None:
    header = "candidacy_id;status;created_at;is_active;email;lastname\n"
    path = tmp_path / "h.csv"
    path.write_text(header + f"c1;VALIDATION;2024-01-10T09:00:00Z;true;x@example.org;{PERSONAL}\n")
    result = import_france_vae(path)
    assert result.rejects == [] and result.log.case_count == 1
    assert "Dupont" not in json.dumps([e.to_dict() for e in result.log.events()])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.binary(max_size=80), max_size=12))
def test_arbitrary_lines_give_rejects_or_events_never_anything_else(lines: list[bytes]) -> None:
    data = ",".join(COLUMNS).encode() + b"\n" + b"\n".join(lines)
    try:
        result = import_france_vae(data)
    except vaekit.Error:
        return
    assert result.rows_read == result.rows_accepted + result.rows_rejected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b"]),
            st.sampled_from(sorted(MAPPING.statuses)),
            st.integers(0, 400),
            st.sampled_from(["", "SUCCESS", "PARTIAL_SUCCESS", "FAILURE"]),
        ),
        max_size=14,
    )
)
def test_any_history_of_valid_statuses_gives_a_log_that_replays(
    rows: list[tuple[str, str, int, str]],
) -> None:
    body = io.StringIO()
    w = csv.writer(body, lineterminator="\n")
    for case, status, day, exam in rows:
        at = (
            "2024-01-01T00:00:00Z"
            if day == 0
            else f"2024-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}T10:00:00Z"
        )
        w.writerow([case, status, at, "false", "", exam, ""])
    result = import_france_vae(_csv(*body.getvalue().splitlines()))
    assert result.rows_read == result.rows_accepted + result.rows_rejected == len(rows)
    text = "".join(json.dumps(e.to_dict()) + "\n" for e in result.log.events())
    assert len(vaekit.parse_case_states(text, strict=False).rejects) == 0


@pytest.mark.skipif(os.environ.get("VAEKIT_SKIP_SLOW") == "1", reason="slow")
def test_france_vae_fuzz_target_runs_briefly() -> None:
    pytest.importorskip("atheris")
    import subprocess
    import sys

    target = ROOT / "fuzz" / "python" / "fuzz_france_vae.py"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run(
        [sys.executable, str(target), "-runs=400", "-max_len=4096", "-seed=1"],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]


def test_the_format_page_holds_the_generated_mapping_tables() -> None:
    from vaekit.pathway.france_vae import mapping_markdown

    text = (ROOT / "docs" / "formats" / "france-vae.md").read_text(encoding="utf-8")
    begin = "<!-- generated:france-vae-mapping begin -->\n"
    end = "<!-- generated:france-vae-mapping end -->"
    generated = text[text.index(begin) + len(begin) : text.index(end)]
    assert generated == mapping_markdown(), (
        "docs/formats/france-vae.md is out of date: paste "
        "vaekit.pathway.france_vae.mapping_markdown() between its markers"
    )


def test_a_folder_an_empty_file_and_hostile_mapping_documents_are_typed_errors(
    tmp_path: Path,
) -> None:
    # The promises of every vaekit reader, for the France VAE history and its mapping document.
    with pytest.raises(vaekit.IoError, match="not a file"):
        import_france_vae(tmp_path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(vaekit.ParseError, match="no header row"):
        import_france_vae(empty)
    hostile = {
        b'{"schema": "FranceVaeMapping.1", "schema": "x"}': "duplicate key",
        b"\xff\xfe{}": "not UTF-8",
        b"[" * 100_000: "nested deeper",
        b"": "not JSON",
    }
    for text, reason in hostile.items():
        with pytest.raises(vaekit.ParseError, match=reason):
            FranceVaeMapping.from_json(text)
