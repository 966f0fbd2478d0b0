"""The case store on PostgreSQL from Python (issue 16): the commands with ``--store URL``, the
migration SQLite -> PostgreSQL -> SQLite byte for byte, typed retryable errors, passwords never
shown. Runs against the throwaway server of the ``pg_server`` fixture (conftest.py); skipped,
saying how to install PostgreSQL, when it is absent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import vaekit
from vaekit import cli

STEPS = [
    ("received", "assistant", ',"antenne":"IDF-75A","data":{"channel":"phone"}'),
    ("informed", "assistant", ""),
    ("appointment_booked", "assistant", ""),
    ("appointment_held", "counsellor", ',"staff":"a\\\\b\\t\\"c Île-de-France"'),
]


def _write_log(path: Path, cases: int = 20) -> Path:
    """An event log of ``cases`` cases whose events interleave (commit order is not case
    order), with a line COPY must escape (backslash, tab, quote, non-ASCII)."""
    lines = ['{"schema":"EventLog.1","source":"test"}']
    for step, (event, role, more) in enumerate(STEPS):
        for k in range(cases):
            day = f"2021-{1 + step:02d}-{1 + k % 28:02d}"
            lines.append(f'{{"case":"M{k}","at":"{day}","event":"{event}","role":"{role}"{more}}}')
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_commands_read_and_write_a_postgresql_store(
    pg_server: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_server.create_database("py_cli")
    LOG = _write_log(tmp_path / "in.jsonl")
    assert cli.main(["cases", "import", str(LOG), "--store", url]) == 0
    out = capsys.readouterr().out
    assert "80 événements écrits" in out and url in out  # French by default (issue 14)
    assert cli.main(["cases", "validate", "--store", url]) == 0
    assert "80 événements acceptés" in capsys.readouterr().out
    assert cli.main(["cases", "export", "--store", url, str(tmp_path / "out.jsonl")]) == 0
    capsys.readouterr()
    # The store's export holds the log's lines as read (grouped by case by the import).
    exported = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()[1:]
    assert sorted(exported) == sorted(LOG.read_text("utf-8").splitlines()[1:])
    assert (
        cli.main(
            ["report", "--store", url, "--no-pseudonyms", "--threshold", "0"]
            + ["--out", str(tmp_path / "rep")]
        )
        == 0
    )
    assert "80 événements" in capsys.readouterr().out
    assert (tmp_path / "rep" / "report.json").exists()
    assert (
        cli.main(["export", "csv", "--store", url, str(tmp_path / "e.csv"), "--no-pseudonyms"]) == 0
    )
    assert len((tmp_path / "e.csv").read_text().splitlines()) == 81
    # A log and --store together, or neither: refused as a usage error.
    assert cli.main(["cases", "validate", str(LOG), "--store", url]) == 2
    assert cli.main(["cases", "validate"]) == 2


def test_migrate_round_trip_is_byte_for_byte(
    pg_server: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = str(tmp_path / "a.db")
    b = f"sqlite://{tmp_path / 'b.db'}"
    p = pg_server.create_database("py_migrate")
    LOG = _write_log(tmp_path / "in.jsonl")
    store = vaekit.CaseStore(a)
    store.import_event_log(str(LOG), batch_cases=2)
    c = store.load("M1")
    c.record("appointment_missed", "2021-06-03", "assistant")
    store.save(c)  # a later write: commit order differs from the import's
    store.export_event_log(tmp_path / "a.jsonl")
    assert cli.main(["cases", "migrate", a, p]) == 0
    assert "créés" in capsys.readouterr().out
    rep = vaekit.CaseStore.migrate(p, b)
    assert (rep.cases, rep.events) == (store.case_count, store.event_count)
    assert rep.versions == store.event_count
    vaekit.CaseStore(p).export_event_log(tmp_path / "p.jsonl")
    vaekit.CaseStore(b).export_event_log(tmp_path / "b.jsonl")
    expected = (tmp_path / "a.jsonl").read_bytes()
    assert (tmp_path / "p.jsonl").read_bytes() == expected
    assert (tmp_path / "b.jsonl").read_bytes() == expected
    # A non-empty destination: refused unless --force (then merged: all unchanged).
    assert cli.main(["cases", "migrate", a, p]) == 1
    assert "refused" in capsys.readouterr().err
    assert cli.main(["cases", "migrate", a, p, "--force"]) == 0
    assert f"{store.case_count} inchangés" in capsys.readouterr().out


def test_a_stopped_server_gives_a_retryable_error(pg_server: Any) -> None:
    url = pg_server.create_database("py_restart")
    store = vaekit.CaseStore(url)
    c = vaekit.Case("R1")
    c.record("received", "2021-03-01", "assistant", antenne="IDF-75A")
    store.save(c)
    pg_server.stop()
    try:
        with pytest.raises(vaekit.TransientError) as err:
            store.version("R1")
        assert isinstance(err.value, vaekit.IoError)
        with pytest.raises(vaekit.TransientError):
            vaekit.CaseStore(url)  # nobody listens
    finally:
        pg_server.resume()
    assert store.version("R1") == 1  # reconnected; nothing acknowledged lost


def test_statement_timeout_is_a_transient_error_with_its_sqlstate(pg_server: Any) -> None:
    url = pg_server.create_database("py_timeout")
    vaekit.CaseStore(url)
    store = vaekit.CaseStore(url, statement_timeout_ms=100)
    import subprocess

    holder = subprocess.Popen(
        [
            str(pg_server.bin / "psql"), "-X", "-q", "-h", str(pg_server.dir), "-p",
            str(pg_server.port), "-U", "vaekit", "-d", "py_timeout", "-c",
            "BEGIN; LOCK TABLE cases IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3); COMMIT;",
        ],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(50):  # until the lock is held
            if "AccessExclusiveLock" in pg_server.psql(
                "py_timeout",
                "SELECT mode FROM pg_locks WHERE relation = 'cases'::regclass",
            ):
                break
        with pytest.raises(vaekit.TransientError) as err:
            store.version("X")
        assert err.value.sqlstate == "57014"
    finally:
        holder.wait(timeout=30)
    assert store.version("X") == 0


def test_the_password_is_never_shown(pg_server: Any, tmp_path: Path) -> None:
    LOG = _write_log(tmp_path / "in.jsonl")
    pg_server.create_database("py_secret")
    pg_server.psql(
        "postgres",
        "DROP ROLE IF EXISTS pystaff; CREATE ROLE pystaff LOGIN PASSWORD 'Py-S3cret-Pw'; "
        "GRANT ALL ON DATABASE py_secret TO pystaff",
    )
    pg_server.psql("py_secret", "GRANT ALL ON SCHEMA public TO pystaff")
    base = f"pystaff:{{}}@127.0.0.1:{pg_server.port}/py_secret"
    with pytest.raises(vaekit.IoError) as err:
        vaekit.CaseStore("postgresql://" + base.format("Wr0ng-Py-Pw"))
    assert "Wr0ng-Py-Pw" not in str(err.value) and "Wr0ng-Py-Pw" not in repr(err.value)
    assert not isinstance(err.value, vaekit.TransientError)
    store = vaekit.CaseStore("postgresql://" + base.format("Py-S3cret-Pw"))
    for shown in (repr(store), store.url, str(store.path)):
        assert "Py-S3cret-Pw" not in shown and "***" in shown
    assert store.backend == "postgresql"
    assert cli.main(["cases", "import", str(LOG), "--store", "postgresql://" + base.format(
        "Py-S3cret-Pw")]) == 0  # fmt: skip
