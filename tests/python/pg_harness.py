"""A throw-away PostgreSQL server for the store tests and benchmarks (issue 16).

``initdb`` and ``pg_ctl`` from Debian's ``postgresql`` package, in a temporary folder, on a free
port, as an unprivileged user: PostgreSQL refuses to run as root, so when the tests run as root
the server runs as the ``postgres`` account the Debian package creates (else as the current
user). The superuser of the cluster is ``vaekit`` (trusted on the Unix socket and on 127.0.0.1);
``psql`` runs SQL as it. :func:`find_bindir` returns ``None`` when the binaries are absent: the
callers skip with :data:`INSTALL_HINT`.

The session's server (tests/python/pg_server.py, the ``pg_server`` fixture) serves the contract
tests; this one is for the fault and deployment tests and the benchmarks, which need a durable
server (``fsync`` and ``synchronous_commit`` on), their own ``pg_hba.conf`` and TLS settings, and
restarts in both modes.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import quote

import pg_server

INSTALL_HINT = pg_server.PgServer.skip_reason

SUPERUSER = "vaekit"


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (as the session's server finds it:
    ``$VAEKIT_PG_BIN``, the newest ``/usr/lib/postgresql/N/bin``, ``PATH``); ``None``."""
    return pg_server.find_bin()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One PostgreSQL cluster in its own temporary folder: start, stop, restart, SQL."""

    def __init__(
        self,
        settings: Mapping[str, str] | None = None,
        hba: str | None = None,
        bindir: Path | None = None,
    ) -> None:
        """Creates the cluster (``initdb``) without starting it. @p settings are extra
        ``postgresql.conf`` lines; @p hba replaces ``pg_hba.conf``."""
        found = bindir or find_bindir()
        if found is None:
            raise RuntimeError(INSTALL_HINT)
        self.bindir = found
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="vaekit-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self._run_as: str | None = None
        if os.geteuid() == 0:
            self._run_as = "postgres"
            pw = pwd.getpwnam("postgres")
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
        self.base.chmod(0o755)  # the socket is reached by the test processes
        try:
            self._init(settings, hba)
        except BaseException:
            shutil.rmtree(self.base, ignore_errors=True)
            raise

    def _init(self, settings: Mapping[str, str] | None, hba: str | None) -> None:
        self._pg(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        conf = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.base}'",
            "max_connections": "60",
            "fsync": "on",
            "synchronous_commit": "on",
        }
        conf.update(settings or {})
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as f:
            f.write("\n# vaekit test server\n")
            f.writelines(f"{k} = {v}\n" for k, v in conf.items())
        if hba is not None:
            (self.data / "pg_hba.conf").write_text(hba, "utf-8")

    # ------------------------------------------------------------------ processes
    def _pg(self, binary: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bindir / binary), *args],
            user=self._run_as,
            group=self._run_as,
            cwd=self.base,
            capture_output=True,
            text=True,
            check=check,
            timeout=120,
        )

    def start(self) -> None:
        """Starts the server and waits until it accepts connections."""
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stops the server (``fast``: sessions terminated; ``immediate``: like a crash)."""
        self._pg("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)

    def restart(self, mode: str = "fast", down_for: float = 0.0) -> None:
        """Stops the server (@p mode), waits @p down_for seconds, starts it again."""
        self.stop(mode)
        time.sleep(down_for)
        self.start()

    def cleanup(self) -> None:
        """Stops the server and removes its folder."""
        self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)

    # ------------------------------------------------------------------ clients
    def url(
        self, db: str = "postgres", user: str = SUPERUSER, host: str = "127.0.0.1", **params: str
    ) -> str:
        """A ``postgresql://`` URL to @p db as @p user, with query @p params (no password)."""
        query = "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
        return f"postgresql://{user}@{host}:{self.port}/{db}" + (f"?{query}" if query else "")

    def psql(self, sql: str, db: str = "postgres", user: str = SUPERUSER) -> str:
        """Runs @p sql with ``psql`` over the Unix socket; returns the unaligned output."""
        done = subprocess.run(
            [
                str(self.bindir / "psql") if (self.bindir / "psql").exists() else "psql",
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.base),
                "-p",
                str(self.port),
                "-U",
                user,
                "-d",
                db,
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def psql_session(self, db: str = "postgres", user: str = SUPERUSER) -> subprocess.Popen[str]:
        """An interactive ``psql`` (stdin/stdout pipes) to hold locks across a test step."""
        return subprocess.Popen(
            ["psql", "-X", "-q", "-A", "-t", "-h", str(self.base), "-p", str(self.port)]
            + ["-U", user, "-d", db],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def create_database(self, name: str) -> str:
        """Creates database @p name; returns its URL for the superuser."""
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextlib.contextmanager
def running_server(**kwargs: object) -> Iterator[PgServer]:
    """A started :class:`PgServer`, stopped and removed at the end."""
    server = PgServer(**kwargs)  # type: ignore[arg-type]
    try:
        server.start()
        yield server
    finally:
        server.cleanup()


_databases = iter(range(1, 1_000_000))


def fresh_database(server: PgServer, prefix: str = "t") -> str:
    """A new empty database on @p server; returns its URL."""
    return server.create_database(f"{prefix}{next(_databases)}_{os.getpid()}")
