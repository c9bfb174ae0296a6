"""A throwaway PgBouncer in transaction mode on a free port, in front of a PostgreSQL server (the shared test
server), as a plant would put one between its desktops and the server. Debian's pgbouncer (1.18: no
protocol-level prepared statements). PgBouncer will not run as root: as root it runs as ``postgres`` (-u).
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.faults.cluster import _free_port


def pgbouncer_bin() -> str | None:
    return shutil.which("pgbouncer") or next((p for p in ("/usr/sbin/pgbouncer",) if os.path.exists(p)), None)


@dataclass
class ThrowawayBouncer:
    folder: Path
    port: int
    process: subprocess.Popen
    server_port: int

    def url_for(self, url: str, *, listen_direct: bool = True) -> str:
        """``url`` (a login on the server) through the pooler, with the app's pooler parameters."""
        through = make_url(url).set(host="127.0.0.1", port=self.port)
        query = {"erp_pooler": "transaction"}
        if listen_direct:
            query["erp_listen_port"] = str(self.server_port)
        return through.update_query_dict(query).render_as_string(hide_password=False)

    @classmethod
    def start(cls, server_url: str, users: list[str], *, pool_size: int = 20,
              max_client_conn: int = 400) -> ThrowawayBouncer:
        binary = pgbouncer_bin()
        if binary is None:
            raise RuntimeError("pgbouncer is not installed (apt-get install pgbouncer)")
        server = make_url(server_url)
        folder = Path(tempfile.mkdtemp(prefix="erp-bouncer-"))
        port = _free_port()
        (folder / "users.txt").write_text("".join(f'"{user}" ""\n' for user in users), encoding="utf-8")
        (folder / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"* = host={server.host or '127.0.0.1'} port={server.port or 5432}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {folder / 'users.txt'}\n"
            f"pool_mode = transaction\ndefault_pool_size = {pool_size}\nmax_client_conn = {max_client_conn}\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
            f"logfile = {folder / 'pgbouncer.log'}\npidfile = {folder / 'pgbouncer.pid'}\n"
            "server_check_delay = 0\nlog_connections = 0\nlog_disconnections = 0\n",
            encoding="utf-8",
        )
        command = [binary, str(folder / "pgbouncer.ini")]
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(folder, user.pw_uid, user.pw_gid)
            for name in ("users.txt", "pgbouncer.ini"):
                os.chown(folder / name, user.pw_uid, user.pw_gid)
            command[1:1] = ["-u", "postgres"]
        # its log goes to a file: a pipe nobody reads fills up and stops PgBouncer at its next log line
        with open(folder / "stderr.log", "wb") as stderr:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        bouncer = cls(folder, port, process, server.port or 5432)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log = (folder / "pgbouncer.log").read_text(errors="replace") if (folder / "pgbouncer.log").exists() else ""
                told = (folder / "stderr.log").read_text(errors="replace")
                raise RuntimeError(f"pgbouncer did not start: {told} {log}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return bouncer
            except OSError:
                time.sleep(0.05)
        bouncer.stop()
        raise RuntimeError("pgbouncer did not listen within 10 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # immediate shutdown (SIGINT would wait for clients)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)
