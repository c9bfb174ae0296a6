"""`erp-desktop db setup`: the owner role, the migration login and the desktops' login for one database.

Run with a superuser, or a role with CREATEROLE that owns the database. What the connecting role may not
do is reported, not hidden: the caller prints it with the SQL a DBA can run instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from erp_desktop.db.security import RoleNames, _ident, _literal


@dataclass
class SetupReport:
    roles: RoleNames
    done: list[str] = field(default_factory=list)
    not_done: list[tuple[str, str]] = field(default_factory=list)  # (statement, why)


def setup_statements(roles: RoleNames, database: str, *, migrator_password: str | None,
                     desktop_password: str | None, previous_owner: str | None = None,
                     other_databases: list[str] = (), existing_roles: set[str] = frozenset()) -> list[str]:
    """The SQL, in order. Passwords are stored as SCRAM verifiers (password_encryption = scram-sha-256)."""
    owner, migrator, desktop = _ident(roles.owner), _ident(roles.migrator), _ident(roles.desktop)
    db = _ident(database)

    def password(value: str | None) -> str:
        return f"PASSWORD {_literal(value)}" if value else "PASSWORD NULL"

    statements = ["SET password_encryption = 'scram-sha-256'"]
    if roles.owner not in existing_roles:
        statements.append(f"CREATE ROLE {owner} NOLOGIN")
    if roles.migrator not in existing_roles:
        statements.append(f"CREATE ROLE {migrator} LOGIN {password(migrator_password)}")
    if roles.desktop not in existing_roles:
        statements.append(f"CREATE ROLE {desktop} LOGIN NOINHERIT {password(desktop_password)}")
    statements += [
        f"GRANT {owner} TO {migrator}",
        f"ALTER DATABASE {db} OWNER TO {owner}",
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {migrator}",
        f"GRANT CONNECT ON DATABASE {db} TO {desktop}",
        f"ALTER SCHEMA public OWNER TO {owner}",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {desktop}",
    ]
    if previous_owner:
        # an existing plant's database: what its old login owned (the whole schema) goes to the owner role
        statements.append(f"REASSIGN OWNED BY {_ident(previous_owner)} TO {owner}")
    # all desktops share one login, so without this one desktop could end another's connection
    statements += [
        "REVOKE EXECUTE ON FUNCTION pg_terminate_backend(integer, bigint) FROM PUBLIC",
        "REVOKE EXECUTE ON FUNCTION pg_cancel_backend(integer) FROM PUBLIC",
    ]
    statements += [f"REVOKE CONNECT ON DATABASE {_ident(name)} FROM PUBLIC" for name in other_databases]
    return statements


def run_setup(admin_url: str, *, prefix: str = "erp", migrator_password: str | None,
              desktop_password: str | None, previous_owner: str | None = None,
              lock_other_databases: bool = True) -> SetupReport:
    """Run the set-up through ``admin_url`` (connected to the plant's database). Each statement on its own,
    so one the role may not run is reported and the rest still happens."""
    roles = RoleNames.from_prefix(prefix)
    report = SetupReport(roles)
    url = make_url(admin_url)
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            existing = {name for (name,) in connection.execute(
                text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
                {"names": [roles.owner, roles.migrator, roles.desktop]})}
            others = []
            if lock_other_databases:
                others = [name for (name,) in connection.execute(text(
                    "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> current_database() "
                    "AND has_database_privilege('public', oid, 'CONNECT')"))]
            for statement in setup_statements(roles, url.database, migrator_password=migrator_password,
                                              desktop_password=desktop_password, previous_owner=previous_owner,
                                              other_databases=others, existing_roles=existing):
                try:
                    connection.exec_driver_sql(statement)
                    report.done.append(statement)
                except DBAPIError as error:
                    report.not_done.append((statement, str(error.orig).strip().splitlines()[0]))
    finally:
        engine.dispose()
    return report
