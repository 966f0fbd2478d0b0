"""Personal data in published outputs (issue 11, section 3).

A log whose staff and case identifiers are e-mail addresses and whose free-text and unknown fields
hold "Marie DUPONT 06 12 34 56 78": every output of ``vaekit report`` (report.json, the CSV
tables, the HTML page) and every export (XES, OCEL, CSV) is scanned for those strings and the raw
identifiers. Also: the XES log name, the key length, the command line's refusals.
"""

from __future__ import annotations

import hmac
import json
import os
import re
import subprocess
import sys
from hashlib import sha256
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vaekit

FREE_TEXT = "Marie DUPONT 06 12 34 56 78"
STAFF = ["marie.dupont@example.org", "jean.martin@example.org", "paul.durand@example.org"]
CASE_0 = "case-of-lea.petit@mail.fr"
RAW_IDS = [*STAFF, CASE_0]
PERSONAL = ["Marie", "DUPONT", "06 12 34 56 78", "marie.dupont", "lea.petit", "/home/"]
KEY = b"a python test key of 32 bytes!!!"[:32]


def personal_records(n_cases: int = 30) -> list[dict[str, object]]:
    """Four events per case; staff are e-mail addresses, free text holds a name and a phone."""
    out: list[dict[str, object]] = []
    for i in range(n_cases):
        case = CASE_0 if i == 0 else f"C{i}"
        staff = STAFF[i % 3]
        base = {"case": case, "antenne": "IDF-75A", "staff": staff}
        out += [
            {**base, "at": "2024-01-08", "event": "received", "role": "assistant",
             "data": {"channel": "phone"}},
            {**base, "at": "2024-01-15", "event": "appointment_held", "role": "counsellor",
             "data": {"minutes": 60, "comment": FREE_TEXT}, "note": FREE_TEXT},
            {**base, "at": "2024-01-16", "event": "admissibility_sent", "role": "counsellor",
             "data": {"certifier": FREE_TEXT}},
            {**base, "at": "2024-02-01", "event": "dropped_out", "role": "counsellor",
             "data": {"reason": FREE_TEXT}},
        ]  # fmt: skip
    return out


def write_log(path: Path, records: list[dict[str, object]] | None = None) -> Path:
    header = {
        "schema": "EventLog.1",
        "source": "/home/marie.dupont/exports/log.jsonl",
        "owner": FREE_TEXT,
    }
    lines = [json.dumps(header)] + [json.dumps(r) for r in records or personal_records()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def leaks(text: str) -> list[str]:
    """Every raw identifier or personal string found in ``text``."""
    return [s for s in RAW_IDS + PERSONAL if s in text]


def staff_pseudonym(staff: str, key: bytes = KEY) -> str:
    """The documented pseudonym, computed with Python's hmac (not with vaekit)."""
    return hmac.new(key, f"staff:{staff}".encode(), sha256).hexdigest()[:32]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vaekit", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture()
def log_path(tmp_path: Path) -> Path:
    return write_log(tmp_path / "log.jsonl")


@pytest.fixture()
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "pseudonym.key"
    path.write_bytes(KEY + b"\n")
    return path


def test_the_input_holds_what_the_outputs_must_not(log_path: Path) -> None:
    # Guards every scan below: the log does contain each string looked for.
    assert leaks(log_path.read_text(encoding="utf-8")) == RAW_IDS + PERSONAL


# ---------------------------------------------------------------------------- key length
@pytest.mark.parametrize("size", [0, 1, 16, 31])
def test_keys_shorter_than_32_bytes_are_refused(
    size: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = b"s" * size
    with pytest.raises(vaekit.InvalidArgument, match="at least 32 bytes"):
        vaekit.PseudonymKey(short)
    (tmp_path / "k").write_bytes(short + b"\n")
    if size:
        with pytest.raises(vaekit.InvalidArgument, match="key file"):
            vaekit.PseudonymKey.from_file(tmp_path / "k")
        monkeypatch.setenv("VAEKIT_PSEUDONYM_KEY", short.decode())
        with pytest.raises(vaekit.InvalidArgument, match="VAEKIT_PSEUDONYM_KEY"):
            vaekit.PseudonymKey.from_env()
    assert vaekit.PseudonymKey(b"k" * 32).pseudonym("staff", "x") == staff_pseudonym("x", b"k" * 32)


def test_cli_refuses_a_short_key_without_showing_it(log_path: Path, tmp_path: Path) -> None:
    short = tmp_path / "short.key"
    short.write_text("my-secret-16-byt\n", encoding="utf-8")
    for args in (
        ("report", str(log_path), "--key-file", str(short), "--out", str(tmp_path / "r")),
        ("export", "xes", str(log_path), str(tmp_path / "x.xes"), "--key-file", str(short)),
    ):
        res = run_cli(*args)
        assert res.returncode == 1, args
        assert "at least 32 bytes" in res.stderr and "my-secret" not in res.stderr
        assert "Traceback" not in res.stderr
    assert not (tmp_path / "r").exists() and not (tmp_path / "x.xes").exists()


# --------------------------------------------------------------------------- the report
def test_report_refuses_raw_identifiers_unless_asked(log_path: Path, tmp_path: Path) -> None:
    res = run_cli("report", str(log_path), "--out", str(tmp_path / "r"))
    assert res.returncode == 2
    assert "--key-file" in res.stderr and "--no-pseudonyms" in res.stderr
    assert not (tmp_path / "r").exists()
    ok = run_cli("report", str(log_path), "--no-pseudonyms", "--out", str(tmp_path / "raw"))
    assert ok.returncode == 0, ok.stderr
    assert "identifiants EN CLAIR" in ok.stdout  # French by default (issue 14)
    # Internal use: the raw ids are there, so the scans below would see them.
    assert leaks((tmp_path / "raw" / "workload.csv").read_text(encoding="utf-8"))
    # A header claiming pseudonyms is the file's own word: still refused without a key.
    claimed = tmp_path / "claimed.jsonl"
    text = log_path.read_text(encoding="utf-8").splitlines()
    text[0] = json.dumps({"schema": "EventLog.1", "pseudonymised": True})
    claimed.write_text("\n".join(text) + "\n", encoding="utf-8")
    res = run_cli("report", str(claimed), "--out", str(tmp_path / "c"))
    assert res.returncode == 2 and not (tmp_path / "c").exists()
    ok = run_cli("report", str(claimed), "--no-pseudonyms", "--out", str(tmp_path / "c"))
    assert ok.returncode == 0 and "son en-tête le dit pseudonymisé" in ok.stdout


@pytest.mark.parametrize("threshold", ["0", "11"])
def test_every_report_output_names_staff_by_pseudonym(
    threshold: str, log_path: Path, key_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r"
    res = run_cli(
        "report", str(log_path), "--key-file", str(key_file), "--threshold", threshold,
        "--out", str(out),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "pseudonyme à clé" in res.stdout
    assert not leaks(res.stdout + res.stderr)
    files = sorted(p.name for p in out.iterdir())
    assert files == [
        "by_channel.csv",  # the log states channels (issue 15)
        "durations.csv",
        "funnel.csv",
        "monthly.csv",
        "report.json",
        "workload.csv",
    ]
    for name in files:
        assert not leaks((out / name).read_text(encoding="utf-8")), name
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {r["staff"] for r in doc["workload"]} == {staff_pseudonym(s) for s in STAFF}
    assert all(s["row"]["staff"] in {staff_pseudonym(x) for x in STAFF}
               for s in doc["suppressed"] if s["table"] == "workload")  # fmt: skip


def test_report_key_from_the_environment(log_path: Path, tmp_path: Path) -> None:
    env = {"MY_KEY": KEY.decode()}
    res = run_cli(
        "report", str(log_path), "--key-env", "MY_KEY", "--out", str(tmp_path / "r"), env=env
    )
    assert res.returncode == 0, res.stderr
    text = (tmp_path / "r" / "workload.csv").read_text(encoding="utf-8")
    assert staff_pseudonym(STAFF[0]) in text and not leaks(text)


def test_the_html_page_names_staff_by_pseudonym(log_path: Path, tmp_path: Path) -> None:
    from vaekit.report.page import build_page

    log = vaekit.EventLog.read(log_path)
    report = log.report(threshold=0, key=KEY)
    assert report == log.report(threshold=0).pseudonymised(vaekit.PseudonymKey(KEY))
    result = SimpleNamespace(
        queue=SimpleNamespace(mean_wait=1.0),
        check_targets=list,
        scenario=SimpleNamespace(name="test"),
        seed=1,
        log=log,
    )
    programme = SimpleNamespace(proposals=[], venues=[])
    plan = SimpleNamespace(sessions=[], objective=0.0, bound=0.0)
    page = build_page(
        tmp_path / "report.html", report=report, result=result, programme=programme, plan=plan,
        pseudonym_note="staff named by keyed pseudonym (key read from VAEKIT_PSEUDONYM_KEY)",
    )  # fmt: skip
    html = page.read_text(encoding="utf-8")
    assert staff_pseudonym(STAFF[0]) in html  # the workload table and its chart
    assert "Staff named by keyed pseudonym (key read from VAEKIT_PSEUDONYM_KEY)" in html
    assert not leaks(html)
    # Without the key, the same page would have shown the addresses.
    raw = build_page(
        tmp_path / "raw.html", report=log.report(threshold=0), result=result,
        programme=programme, plan=plan,
    )  # fmt: skip
    assert leaks(raw.read_text(encoding="utf-8"))


def test_the_demo_step_uses_a_key_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vaekit.demo import analytics as demo_analytics

    monkeypatch.delenv("VAEKIT_PSEUDONYM_KEY", raising=False)
    lines = demo_analytics.run(tmp_path / "a")
    assert any("clé aléatoire créée pour cette exécution" in line for line in lines)
    doc = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    staff = {r["staff"] for r in doc["workload"]}
    assert staff and all(len(s) == 32 and int(s, 16) >= 0 for s in staff)
    monkeypatch.setenv("VAEKIT_PSEUDONYM_KEY", KEY.decode())
    lines = demo_analytics.run(tmp_path / "b")
    assert any("clé lue dans VAEKIT_PSEUDONYM_KEY" in line for line in lines)
    raw = vaekit.EventLog.read(demo_analytics._example_log()).report()
    expected = {staff_pseudonym(r["staff"]) for r in raw.to_dict()["workload"]}
    doc = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert {r["staff"] for r in doc["workload"]} == expected


@settings(max_examples=25, deadline=None)
@given(st.lists(st.booleans(), min_size=12, max_size=12))
def test_pseudonymised_parts_merge_into_the_pseudonymised_whole(side: list[bool]) -> None:
    # Law: pseudonymise(report(A ∪ B)) == pseudonymise(report(A)) + pseudonymise(report(B))
    # for logs A, B holding disjoint cases (one key: a staff member has one pseudonym).
    records = personal_records(12)
    parts: list[list[dict[str, object]]] = [[], []]
    for r in records:
        i = 0 if r["case"] == CASE_0 else int(str(r["case"])[1:])
        parts[side[i]].append(r)
    a, b = (vaekit.analytics.event_log_from_records(p) for p in parts)
    whole = vaekit.analytics.event_log_from_records(records)
    assert a.report(threshold=0, key=KEY).merge(b.report(threshold=0, key=KEY)) == whole.report(
        threshold=0, key=KEY
    )


# ------------------------------------------------------------------------------ exports
def test_export_refuses_raw_identifiers_unless_asked(log_path: Path, tmp_path: Path) -> None:
    for fmt in ("xes", "ocel", "csv"):
        out = tmp_path / f"log.{fmt}"
        res = run_cli("export", fmt, str(log_path), str(out))
        assert res.returncode == 2, fmt
        assert "--no-pseudonyms" in res.stderr and not out.exists()
        ok = run_cli("export", fmt, str(log_path), str(out), "--no-pseudonyms")
        assert ok.returncode == 0, ok.stderr
        # Raw ids on request, but still no free text nor unknown field.
        text = out.read_text(encoding="utf-8")
        assert STAFF[0] in text and FREE_TEXT not in text and "comment" not in text


@pytest.mark.parametrize("fmt", ["xes", "ocel", "csv"])
def test_every_export_carries_pseudonyms_and_the_vocabulary_only(
    fmt: str, log_path: Path, key_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / f"log.{fmt}"
    res = run_cli("export", fmt, str(log_path), str(out), "--key-file", str(key_file))
    assert res.returncode == 0, res.stderr
    text = out.read_text(encoding="utf-8")
    assert not leaks(text)
    assert staff_pseudonym(STAFF[0]) in text
    for name in ("comment", "note", "certifier", "reason", "owner"):
        # As a whole word: the coded `reason_code` (issue 15) is of the vocabulary, not free text.
        assert re.search(rf"\b{name}\b", text) is None, name
    # The allow-list: every field written is one of the event vocabulary's.
    allowed = {"case", "at", "event", "role", "antenne", "staff", "certification"}
    allowed |= set(vaekit.export_data_fields)
    if fmt == "xes":
        xes_keys = {"concept:name", "time:timestamp", "lifecycle:transition", "org:role"}
        xes_keys |= {"org:resource"} | allowed
        assert set(re.findall(r' key="([^"]+)"', text)) <= xes_keys
    elif fmt == "ocel":
        doc = json.loads(text)
        names = {a["name"] for e in doc["events"] for a in e["attributes"]}
        names |= {a["name"] for t in doc["eventTypes"] for a in t["attributes"]}
        assert names <= allowed and "channel" in names
    else:
        assert set(text.splitlines()[0].split(",")) <= allowed
    # Asked for explicitly, the free text is exported (identifiers stay pseudonymised).
    out2 = tmp_path / f"text.{fmt}"
    res = run_cli(
        "export", fmt, str(log_path), str(out2), "--key-file", str(key_file),
        "--include-free-text",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    text = out2.read_text(encoding="utf-8")
    assert FREE_TEXT in text and "data.comment" in text and "reason" in text
    assert not [s for s in RAW_IDS if s in text]


def test_free_text_needs_the_events_in_the_api(log_path: Path, tmp_path: Path) -> None:
    log = vaekit.EventLog.read(log_path)
    with pytest.raises(vaekit.InvalidArgument, match="events"):
        log.to_xes(tmp_path / "x.xes", include_free_text=True)
    rows = vaekit.read_event_log(log_path)
    log.to_ocel(tmp_path / "x.json", include_free_text=True, events=rows.events)
    assert FREE_TEXT in (tmp_path / "x.json").read_text(encoding="utf-8")
    assert vaekit.free_text_fields(rows.events[3]) == [("reason", FREE_TEXT)]
    assert "reason" not in vaekit.export_data_fields and "channel" in vaekit.export_data_fields


def test_xes_log_name_is_never_a_path(tmp_path: Path) -> None:
    def name(header: dict[str, object] | None) -> str:
        line = json.dumps({"case": "C1", "at": "2024-01-08", "event": "received",
                           "role": "assistant"})  # fmt: skip
        text = (json.dumps(header) + "\n" if header else "") + line + "\n"
        vaekit.EventLog.parse(text).to_xes(tmp_path / "n.xes")
        xes = (tmp_path / "n.xes").read_text(encoding="utf-8")
        tag = '\n<string key="concept:name" value="'
        start = xes.index(tag) + len(tag)
        return xes[start : xes.index('"', start)]

    assert name({"schema": "EventLog.1", "source": "/home/marie.dupont/log.jsonl"}) == (
        "vaekit event log"
    )
    assert name({"schema": "EventLog.1", "source": "exports\\mdupont"}) == "vaekit event log"
    assert name(None) == "vaekit event log"
    assert name({"schema": "EventLog.1", "source": "vaekit.store"}) == "vaekit.store"


def test_the_page_workbook_and_excel_files_carry_no_personal_field(
    log_path: Path, key_file: Path, tmp_path: Path
) -> None:
    # Issue 14's outputs of `vaekit report`: the page, the workbook (every XML part of the xlsx
    # zip) and the CSV files for French Excel, with staff e-mails and free text in the log.
    import zipfile

    out = tmp_path / "r"
    res = run_cli(
        "report", str(log_path), "--key-file", str(key_file), "--threshold", "0",
        "--out", str(out), "--html", str(out / "report.html"), "--xlsx", str(out / "report.xlsx"),
        "--excel",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert not leaks(res.stdout + res.stderr)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert staff_pseudonym(STAFF[0]) in html and not leaks(html)
    with zipfile.ZipFile(out / "report.xlsx") as book:
        parts = {n: book.read(n).decode("utf-8") for n in book.namelist()}
    assert any(staff_pseudonym(STAFF[0]) in text for text in parts.values())
    for name, text in parts.items():
        assert not leaks(text), name
    excel = sorted((out / "excel").iterdir())
    assert excel
    for path in excel:
        assert not leaks(path.read_text(encoding="utf-8-sig")), path.name
