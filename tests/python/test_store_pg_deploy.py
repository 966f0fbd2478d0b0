"""The network deployment of docs/store.md, on a test server (issue 16): the roles' SQL of the
page (run as written), TLS with ``sslmode=verify-full``, SCRAM passwords from a password file or
a service file, never in the URL. The writer role saves and imports; the analyst role reads,
exports and reports, and its saves are refused with a typed error."""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pg_harness import INSTALL_HINT, PgServer, find_bindir

import vaekit
from vaekit import cli

ROOT = Path(__file__).resolve().parents[2]
WRITER_PW = "wr1ter-Secret-7Q"
ANALYST_PW = "an4lyst-Secret-9Z"


def page_sql(first_line: str) -> str:
    """The SQL block of docs/store.md starting with @p first_line (the test runs the page's
    text, so that the page stays true)."""
    page = (ROOT / "docs" / "store.md").read_text("utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", page, re.S)
    [block] = [b for b in blocks if b.startswith(first_line)]
    return block


def _certificates(folder: Path) -> None:
    """A CA and a server certificate for DNS name ``localhost`` only (not 127.0.0.1)."""

    def ssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    ca = ["-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=vaekit test CA"]
    ssl("req", "-x509", *ec, *ca)
    ssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost\n", "utf-8")
    ssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext",
    )  # fmt: skip


@dataclass
class Deployment:
    """The test server set up as docs/store.md says."""

    server: PgServer
    ca: Path
    passfile: Path

    def url(self, user: str, host: str = "localhost", **extra: str) -> str:
        """A URL without password, TLS verify-full against the test CA."""
        params = {"sslmode": "verify-full", "sslrootcert": str(self.ca), **extra}
        return self.server.url("cases", user=user, host=host, **params)


HBA = """\
local     all    all                            trust
host      all    vaekit,vaekit_admin            127.0.0.1/32  trust
hostssl   cases  vaekit_writer,vaekit_analyst   127.0.0.1/32  scram-sha-256
"""


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """One server: TLS on, SCRAM for the two roles, the store created by its owner, the roles
    made by the page's SQL, their passwords in a 0600 password file (PGPASSFILE)."""
    if find_bindir() is None:
        pytest.skip(INSTALL_HINT)
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test certificates")
    server = PgServer(
        settings={"ssl": "on", "ssl_cert_file": "'server.crt'", "ssl_key_file": "'server.key'"},
        hba=HBA,
    )
    old = os.environ.get("PGPASSFILE")
    try:
        _certificates(server.data)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            for f in ("server.crt", "server.key"):
                os.chown(server.data / f, pw.pw_uid, pw.pw_gid)
        (server.data / "server.key").chmod(0o600)
        client = tmp_path_factory.mktemp("client")
        ca = client / "ca.crt"
        shutil.copy(server.data / "ca.crt", ca)
        passfile = client / "pgpass"
        passfile.write_text(
            f"localhost:{server.port}:cases:vaekit_writer:{WRITER_PW}\n"
            f"localhost:{server.port}:cases:vaekit_analyst:{ANALYST_PW}\n"
            f"127.0.0.1:{server.port}:cases:vaekit_writer:{WRITER_PW}\n",
            "utf-8",
        )
        passfile.chmod(0o600)
        os.environ["PGPASSFILE"] = str(passfile)  # libpq reads it when it connects
        server.start()
        for statement in page_sql("-- vaekit setup").split(";")[:-1]:
            server.psql(statement)  # CREATE DATABASE cannot run in a multi-statement string
        admin = vaekit.CaseStore(server.url("cases", user="vaekit_admin"))
        seed = vaekit.Case("D1")
        seed.record("received", "2024-03-04", "assistant", antenne="IDF-75A")
        seed.record("informed", "2024-03-04", "assistant")
        admin.save(seed)
        del admin
        server.psql(page_sql("-- vaekit grants"), db="cases", user="vaekit_admin")
        # The test sets the passwords by SQL; people use psql's \password (docs/store.md).
        server.psql(f"ALTER ROLE vaekit_writer PASSWORD '{WRITER_PW}'")
        server.psql(f"ALTER ROLE vaekit_analyst PASSWORD '{ANALYST_PW}'")
        yield Deployment(server, ca, passfile)
    finally:
        if old is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = old
        server.cleanup()


def _log(path: Path, case_id: str) -> Path:
    lines = [{"schema": "EventLog.1", "source": "test"}]
    lines += [
        {"case": case_id, "at": "2024-04-02", "event": "received", "role": "assistant"},
        {"case": case_id, "at": "2024-04-02", "event": "informed", "role": "assistant"},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    return path


def test_writer_saves_and_imports_over_verified_tls(
    deployment: Deployment, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = deployment.url("vaekit_writer")
    store = vaekit.CaseStore(url)
    case = store.load("D1")
    case.record("appointment_missed", "2024-03-11", "assistant")
    assert store.save(case) == 3
    new = vaekit.Case("W1")
    new.record("received", "2024-03-05", "assistant", antenne="IDF-94C")
    assert store.save(new) == 1
    # The connection is encrypted (seen from the server).
    ssl = deployment.server.psql(
        "SELECT bool_and(s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) "
        "WHERE a.usename = 'vaekit_writer'"
    )
    assert ssl == "t"
    # The staff command with the same URL: bulk import (COPY through a temporary table).
    assert cli.main(["cases", "import", str(_log(tmp_path / "l.jsonl", "W2")), "--store", url]) == 0
    assert "1 cases created" in capsys.readouterr().out or store.version("W2") == 2
    assert store.version("W2") == 2
    # A batch over many existing cases (their rows go through a temporary table: the grant of
    # TEMPORARY on the database).
    ids = [f"M{i}" for i in range(12)]
    store.append_batch(
        [(c, 0, [vaekit.Event(c, "received", "2024-04-03", "assistant")]) for c in ids]
    )
    store.append_batch(
        [(c, 1, [vaekit.Event(c, "informed", "2024-04-03", "assistant")]) for c in ids]
    )
    assert {store.version(c) for c in ids} == {2}
    assert WRITER_PW not in repr(store) and WRITER_PW not in str(store.path)


def test_analyst_reads_exports_reports_and_cannot_write(
    deployment: Deployment, tmp_path: Path
) -> None:
    reader = vaekit.CaseStore(deployment.url("vaekit_analyst"), read_only=True)
    assert [r.case_id for r in reader.query(antenne="IDF-75A")] == ["D1"]
    out = tmp_path / "export.jsonl"
    n = reader.export_event_log(out)
    assert n == reader.event_count and n >= 2
    report = vaekit.EventLog.read(out).report()
    assert report is not None
    before = reader.version("D1")
    case = reader.load("D1")
    case.record("informed", "2024-03-20", "assistant")
    with pytest.raises(vaekit.IoError):
        reader.save(case)  # refused by the store itself (read-only)
    # Opened read-write, the server refuses: permission denied, typed, nothing written.
    rw = vaekit.CaseStore(deployment.url("vaekit_analyst"))
    case = rw.load("D1")
    case.record("informed", "2024-03-20", "assistant")
    with pytest.raises(vaekit.IoError, match="permission denied") as err:
        rw.save(case)
    assert not isinstance(err.value, vaekit.ConflictError)
    assert ANALYST_PW not in str(err.value)
    with pytest.raises(vaekit.IoError, match="permission denied"):
        rw.append("D9", [vaekit.Event("D9", "received", "2024-03-20", "assistant")], 0)
    assert reader.version("D1") == before and "D9" not in reader


def test_verify_full_refuses_a_name_the_certificate_does_not_carry(
    deployment: Deployment,
) -> None:
    """The certificate names ``localhost``; 127.0.0.1 is the same server but not that name."""
    with pytest.raises(vaekit.IoError) as err:
        vaekit.CaseStore(deployment.url("vaekit_writer", host="127.0.0.1"))
    assert WRITER_PW not in str(err.value)
    # sslmode=require would have accepted it: that is why the page says verify-full.
    require = deployment.server.url(
        "cases", user="vaekit_writer", host="127.0.0.1", sslmode="require"
    )
    assert vaekit.CaseStore(require).version("D1") >= 2


def test_service_file_and_password_file_keep_the_password_out_of_the_url(
    deployment: Deployment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = tmp_path / "pg_service.conf"
    services.write_text(
        "[vaekit-staff]\nhost=localhost\n"
        f"port={deployment.server.port}\ndbname=cases\nuser=vaekit_writer\n"
        f"sslmode=verify-full\nsslrootcert={deployment.ca}\n",
        "utf-8",
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    store = vaekit.CaseStore("postgresql:///cases?service=vaekit-staff")
    assert store.version("D1") >= 2
    # Without the password file the same URL is refused, typed and not retryable.
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "absent"))
    with pytest.raises(vaekit.IoError) as err:
        vaekit.CaseStore("postgresql:///cases?service=vaekit-staff")
    assert not isinstance(err.value, vaekit.TransientError)
