"""A throwaway PostgreSQL server for the tests (the Python twin of tests/cpp/store/pg_server.hpp).

``initdb`` and ``pg_ctl`` from Debian's ``postgresql`` package run in a temporary folder as an
unprivileged user (PostgreSQL refuses to run as root: as root the server runs as ``nobody``, the
folder chowned to it), on a free 127.0.0.1 port and a unix socket in the folder; ``stop()``
removes it. ``PgServer.start()`` returns None (and ``skip_reason`` says how to install the
binaries: ``apt-get install postgresql``) when they are absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

NOBODY = 65534


def find_bin() -> Path | None:
    """The folder of initdb and pg_ctl: $VAEKIT_PG_BIN, the newest /usr/lib/postgresql/N/bin,
    then PATH."""
    env = os.environ.get("VAEKIT_PG_BIN")
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        versions = sorted(
            (p for p in root.iterdir() if (p / "bin" / "initdb").exists()),
            key=lambda p: int(p.name) if p.name.isdigit() else -1,
        )
        if versions:
            return versions[-1] / "bin"
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _drop() -> None:
    """preexec_fn: become nobody when root (PostgreSQL refuses to run as root)."""
    if os.getuid() == 0:
        os.setgid(NOBODY)
        os.setuid(NOBODY)


class PgServer:
    """A running throwaway server; ``url(db)`` gives a libpq URL over its unix socket."""

    skip_reason = (
        "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: install them with "
        "`apt-get install postgresql` (or point VAEKIT_PG_BIN at their folder)"
    )

    def __init__(self, bin_dir: Path, folder: Path, port: int) -> None:
        """A server of ``bin_dir``'s binaries in ``folder`` on ``port`` (see start())."""
        self.bin = bin_dir
        self.dir = folder
        self.port = port

    @classmethod
    def start(cls) -> PgServer | None:
        """initdb + pg_ctl start in a new temporary folder; None when the binaries are absent."""
        bin_dir = find_bin()
        if bin_dir is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="vaekit-pg-py-"))
        if os.getuid() == 0:
            os.chown(folder, NOBODY, NOBODY)
        folder.chmod(0o755)
        server = cls(bin_dir, folder, _free_port())
        server._run(
            "initdb", "-D", str(folder / "data"), "-U", "vaekit", "-A", "trust", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        (folder / "data" / "pg_hba.conf").write_text(
            "local all all trust\n"
            "host all vaekit 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
        )
        server.resume()
        return server

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [str(self.bin / tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_drop,
            cwd=self.dir,
            env={**os.environ, "LC_ALL": "C"},
        )

    def resume(self) -> None:
        """pg_ctl start (again)."""
        opts = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            "pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "server.log"),
            "-o", opts, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """pg_ctl stop -m mode ("fast", or "immediate": a crash)."""
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        """Stops the server and deletes its folder."""
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, db: str, role: str = "vaekit") -> str:
        """The URL of database ``db`` over the unix socket."""
        return f"postgresql://{role}@/{db}?host={self.dir}&port={self.port}"

    def psql(self, db: str, sql: str) -> str:
        """Runs ``sql`` in ``db`` as the superuser; its output (unaligned, tuples only)."""
        out = subprocess.run(
            [
                str(self.bin / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", str(self.dir), "-p", str(self.port), "-U", "vaekit", "-d", db, "-c", sql,
            ],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return out.stdout

    def create_database(self, name: str) -> str:
        """A fresh (dropped first) database ``name``; its URL."""
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.psql("postgres", f'CREATE DATABASE "{name}"')
        return self.url(name)
