"""The embedded file's own backups and its start-up check; pg_dump for PostgreSQL; damaged files met in use."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from erp_desktop.db import migrate, sqlite_file
from erp_desktop.db.engine import create_database
from erp_desktop.errors import (
    ConfigurationError,
    DatabaseDamaged,
    DatabaseUnavailable,
    PermissionDenied,
    ValidationError,
)
from erp_desktop.services.access import auth, connection
from erp_desktop.services.admin import backup, users
from erp_desktop.services.stock import master as stock_master
from tests.factories import make_plant
from tests.sqlite_files import checkpoint, damage_table, file_of


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _usernames(path: Path) -> set[str]:
    reader = sqlite3.connect(path)
    try:
        return {row[0] for row in reader.execute("SELECT username FROM users")}
    finally:
        reader.close()


@pytest.fixture
def plant_file(sqlite_template, tmp_path):
    """A migrated embedded file with a plant in it, as the app leaves it (closed)."""
    path = tmp_path / "erp.db"
    path.write_bytes(sqlite_template.read_bytes())
    db = create_database(_url(path))
    make_plant(db)
    db.dispose()
    return path


# --------------------------------------------------------------------------- refusing files it cannot read


def test_zero_length_file_is_refused_not_made_a_new_database(tmp_path):
    path = tmp_path / "erp.db"
    path.write_bytes(b"")
    with pytest.raises(DatabaseDamaged) as refused:
        connection.open_database(_url(path))
    assert "is empty (0 bytes)" in str(refused.value) and "nothing in it has been changed" in str(refused.value)
    assert refused.value.latest_backup is None and "No backup of it was found" in str(refused.value)
    assert path.stat().st_size == 0  # no schema, no first administrator: the file is left as it was


def test_zero_length_file_offers_its_latest_backup(plant_file):
    backup.take_backup(plant_file, backup.DAILY, now=datetime(2026, 1, 1, 8))
    newest = backup.take_backup(plant_file, backup.DAILY, now=datetime(2026, 1, 2, 8))
    plant_file.write_bytes(b"")
    with pytest.raises(DatabaseDamaged) as refused:
        connection.open_database(_url(plant_file))
    assert refused.value.latest_backup == newest.path
    assert "taken 2026-01-02 08:00" in str(refused.value) and "Restore from backup" in str(refused.value)


def test_the_offer_passes_over_a_damaged_backup(plant_file):
    good = backup.take_backup(plant_file, backup.DAILY, now=datetime(2026, 1, 1, 8))
    newer = backup.take_backup(plant_file, backup.DAILY, now=datetime(2026, 1, 2, 8))
    damage_table(Path(newer.path), "users")
    plant_file.write_bytes(b"")
    with pytest.raises(DatabaseDamaged) as refused:
        connection.open_database(_url(plant_file))
    assert refused.value.latest_backup == good.path


def test_a_file_that_is_not_a_database_gets_a_plain_message(tmp_path):
    path = tmp_path / "erp.db"
    path.write_bytes(b"PK\x03\x04 a spreadsheet saved over the database " * 100)
    before = path.read_bytes()
    for attempt in (connection.open_database, connection.upgrade_database, connection.schema_status):
        with pytest.raises(DatabaseDamaged) as refused:
            attempt(_url(path))
        message = str(refused.value)
        assert "is not a database file" in message
        assert "sqlalche.me" not in message and "sqlite3." not in message and "http" not in message
    assert path.read_bytes() == before


def test_a_damaged_page_is_found_at_start(plant_file):
    damage_table(plant_file, "users")
    with pytest.raises(DatabaseDamaged) as refused:
        connection.open_database(_url(plant_file))
    assert "is damaged (SQLite's integrity check" in str(refused.value)


def test_a_damaged_page_deep_in_a_table_is_found_at_start(plant_file):
    """Garbage over a leaf page the check itself reads through (not the table's first page)."""
    db = create_database(_url(plant_file))
    plant = make_plant(db, "Plant B", prefix="b_")
    for n in range(400):  # several pages of products
        stock_master.create_product(db, plant.admin, sku=f"SKU-{n:04d}", name=f"Steel bar {n} " + "x" * 40,
                                    unit="kg", category="metal")
    db.dispose()
    checkpoint(plant_file)
    reader = sqlite3.connect(plant_file)
    leaves = [row[0] for row in reader.execute(
        "SELECT pageno FROM dbstat WHERE name = 'products' AND pagetype = 'leaf' ORDER BY pageno")]
    reader.close()
    assert len(leaves) > 2
    with open(plant_file, "r+b") as handle:  # a leaf in the middle of the table, past its page header
        handle.seek((leaves[len(leaves) // 2] - 1) * 4096 + 8)
        handle.write(b"\xff" * 4000)
    assert sqlite_file.quick_check(plant_file)
    with pytest.raises(DatabaseDamaged):
        connection.open_database(_url(plant_file))


def test_a_missing_file_is_still_made_into_a_new_database(tmp_path):
    db = connection.open_database(_url(tmp_path / "new" / "erp.db"))
    try:
        assert connection.is_empty(db)
        assert migrate.current_revision(db) == migrate.head_revision()
    finally:
        db.dispose()


def test_a_healthy_file_passes_the_check(plant_file):
    assert sqlite_file.file_problem(plant_file) is None
    assert sqlite_file.quick_check(plant_file) == []


# --------------------------------------------------------------------------- a damaged file met in use


def test_a_damaged_page_met_in_use_is_a_plain_error_naming_the_restore(plant_file):
    db = connection.open_database(_url(plant_file))
    admin = auth.sign_in(db, "admin", "secret-pass-1").actor
    stock_master.create_product(db, admin, sku="BAR-1", name="Steel bar", unit="kg", category="metal")
    db.dispose()
    damage_table(plant_file, "products")  # the start-up check would find it; this desktop was already running
    with pytest.raises(DatabaseDamaged) as refused:
        stock_master.list_products(db, admin)
    message = str(refused.value)
    assert "The database file is damaged" in message and "File > Restore from backup" in message
    assert "sqlalche.me" not in message and "malformed" not in message
    assert [u.username for u in users.list_users(db, admin)]  # the rest of the file still reads
    db.dispose()


# --------------------------------------------------------------------------- taking backups


def test_online_backup_copies_what_is_committed_while_a_write_is_open(plant_file):
    db = create_database(_url(plant_file))
    with db.engine.connect() as busy, busy.begin():  # a thread of the app in the middle of a write
        busy.exec_driver_sql("UPDATE users SET full_name = 'not committed' WHERE username = 'admin'")
        info = backup.take_backup(plant_file)
        busy.rollback()
    db.dispose()
    copy = Path(info.path)
    assert copy.parent == plant_file.parent / "backups" and info.kind == backup.MANUAL
    assert sqlite_file.quick_check(copy) == [] and _usernames(copy) == _usernames(plant_file)
    reader = sqlite3.connect(copy)
    assert reader.execute("SELECT full_name FROM users WHERE username = 'admin'").fetchone()[0] != "not committed"
    assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    reader.close()
    assert not Path(f"{copy}-wal").exists()
    assert [b.path for b in backup.list_backups(plant_file)] == [info.path]


def test_daily_backup_once_a_day_seven_kept(plant_file):
    first = datetime(2026, 3, 1, 9, 30)
    for day in range(10):
        assert backup.take_daily_backup(plant_file, now=first + timedelta(days=day)) is not None
        assert backup.take_daily_backup(plant_file, now=first + timedelta(days=day, hours=5)) is None
    daily = [b for b in backup.list_backups(plant_file) if b.kind == backup.DAILY]
    assert [b.taken_at.day for b in daily] == [10, 9, 8, 7, 6, 5, 4]
    manual = backup.take_backup(plant_file)  # asked for by hand: never rotated away
    backup.take_daily_backup(plant_file, now=first + timedelta(days=11))
    assert manual.path in [b.path for b in backup.list_backups(plant_file)]


def test_opening_the_file_takes_the_days_backup_once(plant_file):
    for _ in range(2):
        connection.open_database(_url(plant_file)).dispose()
    daily = [b for b in backup.list_backups(plant_file) if b.kind == backup.DAILY]
    assert len(daily) == 1 and daily[0].taken_at.date() == datetime.now().date()
    assert _usernames(Path(daily[0].path)) == _usernames(plant_file)


def test_the_app_takes_the_days_backup_on_a_thread_of_its_own(plant_file, monkeypatch):
    entered, release, threads = threading.Event(), threading.Event(), []
    real_take = backup.take_daily_backup

    def slow_take(path, **kwargs):
        threads.append(threading.current_thread())
        entered.set()
        release.wait(30)  # a big file: seconds
        return real_take(path, **kwargs)

    monkeypatch.setattr(backup, "take_daily_backup", slow_take)
    connection.open_database(_url(plant_file), backup_in_background=True).dispose()  # returns meanwhile
    assert backup.list_backups(plant_file) == []
    assert entered.wait(30)
    release.set()
    threads[0].join(30)
    assert threads[0] is not threading.current_thread() and threads[0].daemon
    (daily,) = backup.list_backups(plant_file)
    assert daily.kind == backup.DAILY and _usernames(Path(daily.path)) == _usernames(plant_file)


def test_an_empty_new_database_is_not_backed_up(tmp_path):
    path = tmp_path / "erp.db"
    connection.open_database(_url(path)).dispose()
    assert backup.list_backups(path) == []


def test_a_file_on_an_older_schema_is_backed_up_before_it_upgrades_itself(tmp_path):
    path = tmp_path / "erp.db"
    old = create_database(_url(path))
    migrate.upgrade(old, "0003")
    old.dispose()
    writer = sqlite3.connect(path)  # a plant recorded by the older version
    writer.execute("INSERT INTO organizations (name, created_at) VALUES ('Old plant', '2025-01-01 00:00:00')")
    writer.commit()
    writer.close()
    db = connection.open_database(_url(path))  # migrates itself to the head
    db.dispose()
    before = [b for b in backup.list_backups(path) if b.kind == backup.BEFORE_UPGRADE]
    assert len(before) == 1
    assert sqlite_file.schema_revision(Path(before[0].path)) == "0003"
    reader = sqlite3.connect(before[0].path)
    assert reader.execute("SELECT name FROM organizations").fetchall() == [("Old plant",)]
    reader.close()
    connection.open_database(_url(path)).dispose()  # up to date now: no second copy
    assert len([b for b in backup.list_backups(path) if b.kind == backup.BEFORE_UPGRADE]) == 1


def test_db_upgrade_backs_up_the_embedded_file_too(tmp_path):
    path = tmp_path / "erp.db"
    old = create_database(_url(path))
    migrate.upgrade(old, "0002")
    old.dispose()
    assert connection.upgrade_database(_url(path)) == migrate.head_revision()
    (before,) = backup.list_backups(path)
    assert before.kind == backup.BEFORE_UPGRADE and sqlite_file.schema_revision(Path(before.path)) == "0002"


def test_before_upgrade_backups_keep_the_last_five(plant_file):
    for n in range(7):
        backup.take_backup(plant_file, backup.BEFORE_UPGRADE, now=datetime(2026, 1, 1 + n))
    kept = [b.taken_at.day for b in backup.list_backups(plant_file) if b.kind == backup.BEFORE_UPGRADE]
    assert kept == [7, 6, 5, 4, 3]


# --------------------------------------------------------------------------- restoring


def test_restore_puts_the_backup_in_place_and_keeps_the_file_it_replaced(plant_file):
    taken = backup.take_backup(plant_file)
    db = create_database(_url(plant_file))
    users.create_user(db, auth.sign_in(db, "admin", "secret-pass-1").actor, username="late", full_name="After the backup",
                      role="viewer", password="later-pass-1")
    db.dispose()
    result = backup.restore_file(plant_file, Path(taken.path))
    assert "late" not in _usernames(plant_file)
    assert result.restored_from.path == taken.path
    kept = Path(result.previous_kept_as)
    assert kept.name.startswith("erp-before-restore-") and "late" in _usernames(kept)
    assert kept.as_posix() in [Path(b.path).as_posix() for b in backup.list_backups(plant_file)]
    assert sqlite_file.quick_check(plant_file) == []
    assert not list(plant_file.parent.glob(".erp.db*"))  # no staging file left behind
    db = connection.open_database(_url(plant_file))
    assert auth.sign_in(db, "admin", "secret-pass-1").actor.username == "admin"
    db.dispose()


def test_restoring_over_a_damaged_file_keeps_it_aside_and_never_offers_it(plant_file):
    taken = backup.take_backup(plant_file)
    damage_table(plant_file, "users")
    result = backup.restore_file(plant_file, Path(taken.path))
    assert Path(result.previous_kept_as).name.startswith("erp-damaged-")
    assert Path(result.previous_kept_as).exists()
    assert [b.path for b in backup.list_backups(plant_file)] == [taken.path]
    assert sqlite_file.file_problem(plant_file) is None
    assert _usernames(plant_file) == _usernames(Path(taken.path))


def test_restoring_over_an_empty_file(plant_file):
    taken = backup.take_backup(plant_file)
    plant_file.write_bytes(b"")
    backup.restore_file(plant_file, Path(taken.path))
    assert "admin" in _usernames(plant_file)


def test_a_damaged_or_foreign_backup_is_refused_and_the_file_left_alone(plant_file, tmp_path):
    before = plant_file.read_bytes()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x00" * 8192)
    foreign = tmp_path / "foreign.db"
    other = sqlite3.connect(foreign)
    other.execute("CREATE TABLE notes (text)")
    other.close()
    damaged = Path(backup.take_backup(plant_file).path)
    damage_table(damaged, "users")
    for candidate, words in ((garbage, "is not a database file"), (foreign, "is not an erp-desktop database"),
                             (damaged, "is damaged"), (tmp_path / "missing.db", "There is no backup file")):
        with pytest.raises(ValidationError) as refused:
            backup.restore_file(plant_file, candidate)
        assert words in str(refused.value) and refused.value.field == "backup"
    assert plant_file.read_bytes() == before


def test_a_backup_from_a_newer_version_is_refused(plant_file):
    newer = Path(backup.take_backup(plant_file).path)
    writer = sqlite3.connect(newer)
    writer.execute("UPDATE alembic_version SET version_num = '0999_future'")
    writer.commit()
    writer.close()
    with pytest.raises(ValidationError, match="newer version of erp-desktop"):
        backup.restore_file(plant_file, newer)


def test_restore_waits_for_other_connections_to_the_file(plant_file):
    taken = backup.take_backup(plant_file)
    other = create_database(_url(plant_file))  # another window on the same file
    with other.engine.connect() as connected:
        connected.exec_driver_sql("SELECT count(*) FROM users").all()
        with pytest.raises(DatabaseUnavailable, match="is in use: by another erp-desktop window"):
            backup.restore_file(plant_file, Path(taken.path))
    other.dispose()
    backup.restore_file(plant_file, Path(taken.path))


def test_restore_in_the_app_is_for_administrators_of_the_embedded_file(db, plant):
    assert backup.can_restore(db, plant.admin) is (db.backend == "sqlite")
    assert not backup.can_restore(db, plant.master)
    with pytest.raises(PermissionDenied):
        backup.restore_backup(db, plant.master, "whatever.db")
    with pytest.raises(PermissionDenied):
        backup.backups_of(db, plant.supply)
    if db.is_postgres:
        with pytest.raises(ValidationError, match="pg_restore"):
            backup.restore_backup(db, plant.admin, "whatever.dump")
        assert backup.backups_of(db, plant.admin) == []


def test_restore_in_the_app_closes_its_connections_and_reopens_on_the_restored_file(sqlite_db):
    plant = make_plant(sqlite_db)
    path = file_of(sqlite_db)
    taken = backup.take_backup(path)
    users.create_user(sqlite_db, plant.admin, username="late", full_name="After the backup", role="viewer",
                      password="later-pass-1")
    assert [b.path for b in backup.backups_of(sqlite_db, plant.admin)] == [taken.path]
    result = backup.restore_backup(sqlite_db, plant.admin, taken.path)
    assert result.database == str(path)
    names = {u.username for u in users.list_users(sqlite_db, plant.admin)}  # the same handle, the restored file
    assert "late" not in names and "admin" in names


# --------------------------------------------------------------------------- PostgreSQL


def test_pg_backup_is_a_custom_format_dump(pg_db, pg_test_database, tmp_path):
    make_plant(pg_db.admin)
    written = Path(backup.backup_database(pg_test_database.admin, tmp_path / "plant.dump"))  # as a superuser
    assert written.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    listing = subprocess.run(["pg_restore", "--list", str(written)], capture_output=True, text=True, check=True)
    assert "TABLE DATA public users" in listing.stdout
    assert not list(tmp_path.glob(".*part"))


def test_pg_backup_as_the_desktops_login_is_refused_in_pg_dumps_words(pg_db, tmp_path):
    with pytest.raises(DatabaseUnavailable) as refused:
        backup.backup_database(pg_db.url, tmp_path / "plant.dump")
    assert "pg_dump failed: query failed: ERROR:  permission denied" in str(refused.value)
    assert "Back up as a superuser" in str(refused.value) and not list(tmp_path.iterdir())


def test_pg_backup_without_pg_dump_says_so(monkeypatch, tmp_path):
    monkeypatch.setattr(backup.shutil, "which", lambda _name: None)
    with pytest.raises(ConfigurationError, match="pg_dump is not installed on this computer"):
        backup.backup_database("postgresql+psycopg://erp@server/erp", tmp_path / "x.dump")


def test_pg_backup_failure_is_pg_dumps_own_words_and_leaves_no_file(tmp_path):
    target = tmp_path / "x.dump"
    with pytest.raises(DatabaseUnavailable, match="pg_dump failed") as failed:
        backup.backup_database("postgresql+psycopg://nobody:secret@127.0.0.1:1/erp", target)
    assert "secret" not in str(failed.value)
    assert not target.exists() and not list(tmp_path.iterdir())
