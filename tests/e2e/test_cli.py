"""The command line end to end: smoke, db upgrade/current, create-admin, demo-data, plain errors."""

import subprocess
import sys

from erp_desktop.cli import main


def test_smoke_command_passes(capsys):
    assert main(["smoke"]) == 0
    out = capsys.readouterr().out
    assert "smoke OK" in out and "visited admin" in out


def test_db_upgrade_current_create_admin_and_demo_data(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["db", "current", "--database", url]) == 0
    assert "empty" in capsys.readouterr().out
    assert main(["db", "upgrade", "--database", url]) == 0
    assert main(["db", "current", "--database", url]) == 0
    assert "up to date" in capsys.readouterr().out
    monkeypatch.setenv("ERP_ADMIN_PASSWORD", "boss-password")
    assert main(["create-admin", "--database", url, "--username", "boss"]) == 0
    assert main(["demo-data", "--database", url]) == 2  # not into a database with users
    assert "empty database only" in capsys.readouterr().err


def test_unreachable_server_is_a_plain_message_not_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "erp_desktop", "db", "current", "--database", "postgresql://nobody@127.0.0.1:1/erp"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "Cannot reach the database server at 127.0.0.1:1" in result.stderr
    assert "Traceback" not in result.stderr
