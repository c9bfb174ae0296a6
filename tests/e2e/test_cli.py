"""The command line end to end: smoke, db upgrade/current, create-admin, demo-data, plain errors."""

import subprocess
import sys

from erp_desktop.cli import main


def test_smoke_command_passes(capsys):
    assert main(["smoke"]) == 0
    out = capsys.readouterr().out
    assert "smoke OK" in out and "visited admin" in out
    assert "visited in Russian: main window and parts progress report" in out


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


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "erp_desktop", *args], capture_output=True, text=True, timeout=120)


def test_db_backup_and_restore_of_the_embedded_file(tmp_path, monkeypatch):
    path = tmp_path / "erp.db"
    url = f"sqlite:///{path}"
    monkeypatch.setenv("ERP_ADMIN_PASSWORD", "boss-password")
    assert main(["create-admin", "--database", url, "--username", "boss"]) == 0
    backed_up = _cli("db", "backup", "--database", url)
    assert backed_up.returncode == 0, backed_up.stderr
    (copy,) = (tmp_path / "backups").glob("erp-manual-*.db")
    assert f"backed up to {copy}" in backed_up.stdout
    assert _cli("db", "backup", "--database", url, "--to", str(tmp_path / "elsewhere.db")).returncode == 0
    assert (tmp_path / "elsewhere.db").stat().st_size > 0
    assert main(["create-admin", "--database", url, "--username", "late"]) == 0

    path.write_bytes(b"")  # a crash while copying: the file is refused, not made a new database
    refused = _cli("db", "current", "--database", url)
    assert refused.returncode == 2 and "is empty (0 bytes)" in refused.stderr and "Traceback" not in refused.stderr
    restored = _cli("db", "restore", str(copy), "--database", url)
    assert restored.returncode == 0, restored.stderr
    assert f"restored from {copy}" in restored.stdout and "erp-damaged-" in restored.stdout
    import sqlite3

    reader = sqlite3.connect(path)
    assert {row[0] for row in reader.execute("SELECT username FROM users")} == {"boss"}
    reader.close()
    bad = _cli("db", "restore", str(tmp_path / "nothing.db"), "--database", url)
    assert bad.returncode == 2 and "There is no backup file" in bad.stderr


def test_db_backup_of_postgresql_writes_a_pg_dump(pg_test_database, tmp_path):
    pg_url = pg_test_database.admin  # a superuser, as README says
    target = tmp_path / "plant.dump"
    done = _cli("db", "backup", "--database", pg_url, "--to", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes()[:5] == b"PGDMP" and f"backed up to {target}" in done.stdout
    restore = _cli("db", "restore", str(target), "--database", pg_url)
    assert restore.returncode == 2 and "pg_restore" in restore.stderr


def test_a_plant_server_set_up_from_the_command_line_as_the_readme_says(capsys, monkeypatch):
    """db setup (superuser) -> db upgrade (migration login) -> create-admin and demo-data (migration login)
    -> the desktops' login signs in and works, owns nothing and cannot read a password hash."""
    import os
    import uuid

    import psycopg
    import pytest
    from sqlalchemy.engine import make_url

    from erp_desktop.db.engine import create_database
    from erp_desktop.services.access import auth
    from erp_desktop.services.production import parts

    admin_url = os.environ.get("ERP_TEST_PG_URL")
    if not admin_url:
        pytest.skip("ERP_TEST_PG_URL not set")
    name, prefix = f"erp_cli_{uuid.uuid4().hex[:8]}", f"erp_c{uuid.uuid4().hex[:8]}"
    server = make_url(admin_url).set(drivername="postgresql")
    with psycopg.connect(server.render_as_string(hide_password=False), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        monkeypatch.setenv("ERP_MIGRATOR_PASSWORD", "migrate-secret")
        monkeypatch.setenv("ERP_DESKTOP_PASSWORD", "desktop-secret")
        on_db = server.set(database=name)
        assert main(["db", "setup", "--database", on_db.render_as_string(hide_password=False),
                     "--prefix", prefix, "--leave-other-databases"]) == 0  # the test server is shared
        out = capsys.readouterr().out
        assert f"{prefix}_desktop / desktop-secret" in out and "NOT DONE" not in out
        migrator = on_db.set(username=f"{prefix}_migrator").render_as_string(hide_password=False)
        desktop = on_db.set(username=f"{prefix}_desktop").render_as_string(hide_password=False)
        assert main(["db", "upgrade", "--database", migrator]) == 0
        monkeypatch.setenv("ERP_ADMIN_PASSWORD", "boss-password")
        assert main(["create-admin", "--database", migrator, "--username", "boss"]) == 0
        db = create_database(desktop)
        try:
            signed = auth.sign_in(db, "boss", "boss-password")
            assert signed.actor.token and parts.list_parts(db, signed.actor).total == 0
        finally:
            db.dispose()
        with psycopg.connect(desktop) as connection:
            owned = connection.execute(
                "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
            ).fetchone()[0]
            assert owned == 0
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute("SELECT password_hash FROM users")
    finally:
        with psycopg.connect(server.render_as_string(hide_password=False), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in ("desktop", "migrator", "owner"):
                admin.execute(f'DROP ROLE IF EXISTS "{prefix}_{role}"')
