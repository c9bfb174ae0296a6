"""Command line: run the app (default), db upgrade/current/backup/restore, create-admin, demo-data, smoke."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from erp_desktop import __version__
from erp_desktop.config import describe_url, load_settings, resolve_database_url
from erp_desktop.errors import ErpError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="erp-desktop", description="Production control and FIFO stock for a machining plant.")
    parser.add_argument("--version", action="version", version=f"erp-desktop {__version__}")
    parser.add_argument("--database", metavar="URL", help="database URL (beats ERP_DATABASE_URL and the saved connection)")
    parser.add_argument("--demo", action="store_true", help="use the embedded demo database with the demo plant")
    commands = parser.add_subparsers(dest="command")
    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    for name, text in (("upgrade", "bring the schema to this version"), ("current", "show the schema revision")):
        sub = db_commands.add_parser(name, help=text)
        sub.add_argument("--database", metavar="URL", dest="sub_database")
    backup = db_commands.add_parser("backup", help="back up the database (SQLite: online copy; PostgreSQL: pg_dump)")
    backup.add_argument("--database", metavar="URL", dest="sub_database")
    backup.add_argument("--to", metavar="PATH", default=None,
                        help="file to write (default: the embedded file's backups folder; a PostgreSQL dump: here)")
    restore = db_commands.add_parser("restore", help="replace the embedded database file with a backup of it")
    restore.add_argument("path", metavar="PATH", help="the backup file")
    restore.add_argument("--database", metavar="URL", dest="sub_database")
    setup = db_commands.add_parser(
        "setup", help="create the owner role, the migration login and the desktops' login (PostgreSQL)")
    setup.add_argument("--database", metavar="URL", dest="sub_database", required=True,
                       help="a superuser (or CREATEROLE role owning the database) on the plant's database")
    setup.add_argument("--prefix", default="erp", help="role names <prefix>_owner, _migrator, _desktop")
    setup.add_argument("--previous-owner", metavar="LOGIN",
                       help="an existing plant's login that owns the schema today: its objects go to the owner role")
    setup.add_argument("--print-sql", action="store_true", help="print the SQL for a DBA instead of running it")
    setup.add_argument("--leave-other-databases", action="store_true",
                       help="do not take CONNECT on the cluster's other databases away from PUBLIC (a shared cluster)")
    admin = commands.add_parser("create-admin", help="create an administrator")
    admin.add_argument("--database", metavar="URL", dest="sub_database")
    admin.add_argument("--username", default=None)
    admin.add_argument("--full-name", default="")
    admin.add_argument("--organization", default="My plant")
    admin.add_argument("--password", default=None, help="(prompted when omitted; or ERP_ADMIN_PASSWORD)")
    demo = commands.add_parser("demo-data", help="load the demo plant into an empty database")
    demo.add_argument("--database", metavar="URL", dest="sub_database")
    smoke = commands.add_parser("smoke", help="headless end-to-end check on a throwaway database")
    smoke.add_argument("--keep", action="store_true", help="keep the throwaway folder")
    return parser


def _url(args) -> str:
    return resolve_database_url(getattr(args, "sub_database", None) or args.database, load_settings(), demo=args.demo)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command is None:
            from erp_desktop.app import run

            return run(args.database, args.demo)
        if args.command == "db":
            return _db(args)
        if args.command == "create-admin":
            return _create_admin(args)
        if args.command == "demo-data":
            return _demo_data(args)
        if args.command == "smoke":
            from erp_desktop.smoke import run_smoke

            return run_smoke(keep=args.keep)
    except ErpError as error:
        print(f"erp-desktop: {error}", file=sys.stderr)
        return 2
    return 1


def _passwords(args) -> tuple[str, str]:
    """From ERP_MIGRATOR_PASSWORD / ERP_DESKTOP_PASSWORD, else new random ones (shown once)."""
    import secrets

    return (os.environ.get("ERP_MIGRATOR_PASSWORD") or secrets.token_urlsafe(18),
            os.environ.get("ERP_DESKTOP_PASSWORD") or secrets.token_urlsafe(18))


def _db_setup(args) -> int:
    from erp_desktop.services.access import connection

    migrator_password, desktop_password = _passwords(args)
    if args.print_sql:
        for statement in connection.server_setup_sql(args.sub_database, prefix=args.prefix,
                                                     migrator_password=migrator_password,
                                                     desktop_password=desktop_password,
                                                     previous_owner=args.previous_owner):
            print(statement + ";")
        return 0
    report = connection.set_up_server(args.sub_database, prefix=args.prefix, migrator_password=migrator_password,
                                      desktop_password=desktop_password, previous_owner=args.previous_owner,
                                      lock_other_databases=not args.leave_other_databases)
    for statement in report.done:
        print(f"done: {statement.split(' PASSWORD ')[0]}")
    for statement, why in report.not_done:
        print(f"NOT DONE ({why}): {statement.split(' PASSWORD ')[0]}")
    roles = report.roles
    print(f"\nMigration login (never save it on a desktop): {roles.migrator} / {migrator_password}")
    print(f"Desktops' login (Connection... on each desktop): {roles.desktop} / {desktop_password}")
    print("Next: erp-desktop db upgrade --database postgresql://" + roles.migrator + ":PASSWORD@SERVER/DATABASE")
    if report.not_done:
        print("\nAsk the database administrator to run what was not done (erp-desktop db setup --print-sql).")
        return 2
    return 0


def _db(args) -> int:
    from erp_desktop.services.access import connection

    if args.db_command == "setup":
        return _db_setup(args)
    url = _url(args)
    if args.db_command in ("backup", "restore"):
        return _backup_or_restore(args, url)
    if args.db_command == "upgrade":
        revision = connection.upgrade_database(url)
        print(f"{describe_url(url)}: schema at revision {revision} (up to date)")
        return 0
    current, head = connection.schema_status(url)
    state = "up to date" if current == head else ("empty" if current is None else f"needs upgrade to {head}")
    print(f"{describe_url(url)}: revision {current or '-'} ({state})")
    return 0


def _backup_or_restore(args, url: str) -> int:
    from pathlib import Path

    from erp_desktop.services.admin import backup

    if args.db_command == "backup":
        written = backup.backup_database(url, Path(args.to) if args.to else None)
        print(f"{describe_url(url)}: backed up to {written}")
        return 0
    database = backup.embedded_file(url)
    if database is None:
        print("erp-desktop: a PostgreSQL database is restored on the server with pg_restore, as a superuser, into a "
              "new database:\n    sudo -u postgres createdb erp_restored\n"
              "    sudo -u postgres pg_restore --dbname=erp_restored FILE.dump\n(see README: Backups).", file=sys.stderr)
        return 2
    result = backup.restore_file(database, Path(args.path))
    kept = f"; the file it replaced is kept as {result.previous_kept_as}" if result.previous_kept_as else ""
    print(f"{database}: restored from {result.restored_from.path}{kept}")
    return 0


def _create_admin(args) -> int:
    from erp_desktop.services.access import auth, connection

    url = _url(args)
    db = connection.open_database(url)
    username = args.username or input("Administrator user name: ").strip()
    password = args.password or os.environ.get("ERP_ADMIN_PASSWORD")
    if not password:
        password = getpass.getpass("Password (at least 8 characters): ")
        if getpass.getpass("Repeat: ") != password:
            print("erp-desktop: the passwords differ; nothing was created.", file=sys.stderr)
            return 2
    user_id = auth.create_admin(db, username=username, password=password, full_name=args.full_name,
                                organization=args.organization)
    print(f"Administrator '{username}' created (id {user_id}) in organisation '{args.organization}'.")
    db.dispose()
    return 0


def _demo_data(args) -> int:
    from erp_desktop.demo import plant as demo
    from erp_desktop.services.access import connection

    url = _url(args)
    db = connection.open_database(url)
    if not connection.is_empty(db):
        print("erp-desktop: the database already has users; the demo plant goes into an empty database only.",
              file=sys.stderr)
        return 2
    demo.load_demo_plant(db)
    print(f"Demo plant loaded into {describe_url(url)}. Sign in as {demo.SIGN_IN_HINT}.")
    db.dispose()
    return 0
