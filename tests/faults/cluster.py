"""A throwaway PostgreSQL cluster for fault tests: initdb on a free port in a temporary folder, stopped,
restarted and reconfigured by the tests, removed afterwards. The shared server on 5432 is never touched.

initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` user (``su postgres``).
"""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def postgres_bin() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ThrowawayCluster:
    bin_dir: Path
    folder: Path
    port: int
    run_as: str | None  # "postgres" when we are root

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            command = ["su", self.run_as, "-c", shlex.join(command)]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=60)

    def pg_ctl(self, action: str, *, check: bool = True) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-m", "fast", action,
                  check=check)

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def start(self) -> None:
        self.pg_ctl("start")

    def stop(self) -> None:
        self.pg_ctl("stop")

    def restart(self) -> None:
        self.pg_ctl("restart")

    def sql(self, *statements: str) -> None:
        """Statements as the cluster's superuser, each in its own transaction (ALTER SYSTEM needs that)."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            for statement in statements:
                c.execute(statement)

    @classmethod
    def create(cls) -> ThrowawayCluster:
        bin_dir = postgres_bin()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL's initdb is not installed")
        run_as = "postgres" if os.geteuid() == 0 else None
        folder = Path(tempfile.mkdtemp(prefix="erp-fault-cluster-"))
        if run_as:
            user = pwd.getpwnam(run_as)
            os.chown(folder, user.pw_uid, user.pw_gid)
        cluster = cls(bin_dir, folder, _free_port(), run_as)
        cluster._run("initdb", "-D", str(cluster.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync",
                     "--no-instructions")
        with open(cluster.data / "postgresql.conf", "a", encoding="utf-8") as conf:  # kept over stop and start
            conf.write(f"port = {cluster.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{folder}'\n"
                       "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 40\n"
                       "shared_buffers = 16MB\n")
        cluster.start()
        return cluster

    def remove(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
