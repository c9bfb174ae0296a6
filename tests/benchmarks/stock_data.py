"""Stock benchmark data on PostgreSQL: scratch databases and a fast, consistent journal generator.

    from stock_data import scratch_database, seed_organization, generate_journal

generate_journal() writes lots, documents, movements and positions with INSERT .. SELECT from
generate_series (a million movements in well under a minute). The data obeys the ledger's rules:
per product and warehouse, lots are received in time order as 90.000 and consumed by nine issues
of 10.000 each before the next lot is touched (FIFO), journal ids follow time, every lot's and
position's on hand equals the sum of its journal, and values are qty x unit cost.
Reused by the UI's journal-view benchmark.

scratch_database() sets the database up as a plant runs it (issue 11): ``db setup``'s three roles under a
unique prefix, the schema migrated by the migration login; the benchmarks' clients connect as the desktops'
login and act with session tokens (seed_organization writes the sessions as sign-in would), while seeding
and the bulk journal go through the superuser (``db.admin``).
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, when run as a script

from erp_desktop.config import normalise_url  # noqa: E402
from erp_desktop.db import migrate  # noqa: E402
from erp_desktop.db.engine import Database, create_database  # noqa: E402
from erp_desktop.db.models import Organization, User  # noqa: E402
from erp_desktop.db.roles_setup import run_setup  # noqa: E402
from erp_desktop.db.security import RoleNames  # noqa: E402
from erp_desktop.services.access.auth import actor_for  # noqa: E402
from erp_desktop.services.actor import Actor  # noqa: E402
from tests.factories import admin_of, open_session  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def admin_url() -> str:
    return normalise_url(os.environ.get("ERP_TEST_PG_URL", DEFAULT_URL))


@contextmanager
def scratch_database(prefix: str = "erp_bench", *, pool_size: int = 5):
    """A new database for one benchmark run, set up as a plant's is: its own owner role, migration login and
    desktops' login (``db setup``, under a unique prefix), migrated by the migration login. Yields the
    desktops' Database and URL; ``db.admin`` is the superuser on it, for seeding and bulk loads. The database
    and its three roles are dropped afterwards."""
    base = make_url(admin_url())
    token = uuid.uuid4().hex[:6]
    name, role_prefix = f"{prefix}_{token}", f"{prefix}_r{token}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", pool_pre_ping=True)  # a bench may restart the server
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    on_db = base.set(database=name)
    roles = RoleNames.from_prefix(role_prefix)
    db = superuser = None
    try:
        report = run_setup(on_db.render_as_string(hide_password=False), prefix=role_prefix, migrator_password=None,
                           desktop_password=None, lock_other_databases=False)
        if report.not_done:
            raise RuntimeError(f"db setup could not do: {report.not_done}")
        migrator = create_database(on_db.set(username=roles.migrator, password=None)
                                   .render_as_string(hide_password=False))
        try:
            migrate.upgrade(migrator)
        finally:
            migrator.dispose()
        url = on_db.set(username=roles.desktop, password=None).render_as_string(hide_password=False)
        superuser = create_database(on_db.render_as_string(hide_password=False))
        db = create_database(url, pool_size=pool_size)
        db.admin = superuser  # as the tests' fixtures have it (tests/factories.admin_of)
        yield db, url
    finally:
        for database in (db, superuser):
            if database is not None:
                database.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for role in (roles.desktop, roles.migrator, roles.owner):
                c.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def desktop_login(url: str) -> str:
    """The role name a desktops' URL connects as (pgbench -U)."""
    return make_url(url).username


def seed_organization(db: Database, name: str = "Bench plant", roles=("admin", "supply", "qc", "master", "viewer"),
                      ) -> dict[str, Actor]:
    """An organisation with one user per role, each signed in: a session written through the superuser as
    sign-in would (tests/factories.open_session), the actor carrying its token."""
    with admin_of(db).sessions.begin() as session:
        org = Organization(name=name)
        session.add(org)
        session.flush()
        users = [User(org_id=org.id, username=f"{role}_{org.id}", full_name=role.title(), role=role,
                      password_hash="x") for role in roles]
        session.add_all(users)
        session.flush()
        return {user.role: actor_for(user, *open_session(session, user)) for user in users}


_PLAN = """
CREATE TEMP TABLE plan ON COMMIT DROP AS
SELECT g AS id,
       (g - 1) % :positions AS pos,
       ((g - 1) / :positions) / 10 AS lot_no,
       ((g - 1) / :positions) % 10 AS step,
       (now() - make_interval(days => :days)) + ((g - 1) * (:days * 86400.0 / :movements)) * interval '1 second' AS at
FROM generate_series(1, :movements) g
"""


def generate_journal(db: Database, actors: dict[str, Actor], *, movements: int = 1_000_000, products: int = 200,
                     warehouses: int = 3, days: int = 730) -> dict:
    """Products, warehouses and a consistent FIFO journal of ``movements`` rows spread over ``days``."""
    org_id = actors["admin"].org_id
    user_id = actors["supply"].user_id
    positions = products * warehouses
    started = time.perf_counter()
    with admin_of(db).engine.begin() as c:  # the superuser: the bulk load writes balances and skips triggers
        c.execute(text("SET LOCAL session_replication_role = replica"))  # skip FK triggers during the bulk load
        c.execute(text("SET LOCAL synchronous_commit = off"))
        first_warehouse = c.execute(text(
            "INSERT INTO warehouses (org_id, code, name, is_active, version) "
            "SELECT :o, 'W' || g, (ARRAY['Main store','Shop 1 store','Quarantine area'])[1 + (g - 1) % 3] "
            "|| CASE WHEN g > 3 THEN ' ' || g ELSE '' END, true, 1 FROM generate_series(1, :n) g RETURNING id"),
            {"o": org_id, "n": warehouses}).scalars().all()[0]
        first_product = c.execute(text(
            "INSERT INTO products (org_id, sku, name, unit, category, grade, size, min_level, is_active, version) "
            "SELECT :o, 'SKU-' || lpad(g::text, 5, '0'), 'Product ' || g, "
            "(ARRAY['kg','m','pcs','sheet','l'])[1 + g % 5], "
            "(ARRAY['metal','fastener','tooling','consumable','component','finished'])[1 + g % 6], "
            "'', '', (g % 4) * 25, true, 1 FROM generate_series(1, :n) g RETURNING id"),
            {"o": org_id, "n": products}).scalars().all()[0]
        c.execute(text(_PLAN), {"positions": positions, "movements": movements, "days": days})
        c.execute(text("ALTER TABLE plan ADD COLUMN lot_id bigint"))
        c.execute(text("CREATE TEMP TABLE lot_ids ON COMMIT DROP AS SELECT pos, lot_no, "
                       "row_number() OVER (ORDER BY pos, lot_no) AS id FROM (SELECT DISTINCT pos, lot_no FROM plan) x"))
        lot_base = c.execute(text("SELECT coalesce(max(id), 0) FROM lots")).scalar_one()
        c.execute(text("UPDATE plan SET lot_id = l.id + :b FROM lot_ids l WHERE l.pos = plan.pos AND l.lot_no = plan.lot_no"),
                  {"b": lot_base})
        c.execute(text(
            "INSERT INTO lots (id, org_id, product_id, warehouse_id, lot_number, received_at, qty_received, on_hand,"
            " reserved, unit_cost, supplier_id, quality, certificate, source_lot_id, created_at) "
            "SELECT p.lot_id, :o, :fp + p.pos / :w, :fw + p.pos % :w, 'LOT-' || p.lot_id, min(p.at), 90, "
            "90 - 10 * (count(*) - 1), 0, 10 + ((p.lot_id * 37) % 9000) / 100.0, NULL, 'APPROVED', '', NULL, min(p.at) "
            "FROM plan p GROUP BY p.lot_id, p.pos"),
            {"o": org_id, "fp": first_product, "fw": first_warehouse, "w": warehouses})
        doc_base = c.execute(text("SELECT coalesce(max(id), 0) FROM stock_documents")).scalar_one()
        c.execute(text(
            "INSERT INTO stock_documents (id, org_id, number, kind, at, user_id, part_id, reason) "
            "SELECT :b + id, :o, CASE WHEN step = 0 THEN 'RCV-' ELSE 'ISS-' END || lpad((:b + id)::text, 7, '0'), "
            "CASE WHEN step = 0 THEN 'receipt' ELSE 'issue' END, at, :u, NULL, '' FROM plan"),
            {"b": doc_base, "o": org_id, "u": user_id})
        c.execute(text(
            "INSERT INTO stock_movements (id, org_id, document_id, at, kind, product_id, warehouse_id, lot_id, qty,"
            " reserved_delta, unit_cost, value, quality_from, quality_to, user_id) "
            "SELECT :mb + p.id, :o, :b + p.id, p.at, CASE WHEN p.step = 0 THEN 'receipt' ELSE 'issue' END, "
            ":fp + p.pos / :w, :fw + p.pos % :w, p.lot_id, q.qty, 0, l.unit_cost, q.qty * l.unit_cost, NULL, "
            "CASE WHEN p.step = 0 THEN 'APPROVED' END, :u "
            "FROM plan p JOIN lots l ON l.id = p.lot_id "
            "CROSS JOIN LATERAL (SELECT CASE WHEN p.step = 0 THEN 90.000 ELSE -10.000 END AS qty) q ORDER BY p.id"),
            {"mb": c.execute(text("SELECT coalesce(max(id), 0) FROM stock_movements")).scalar_one(), "b": doc_base,
             "o": org_id, "u": user_id, "fp": first_product, "fw": first_warehouse, "w": warehouses})
        c.execute(text(
            "INSERT INTO stock_positions (org_id, product_id, warehouse_id, on_hand, reserved) "
            "SELECT :o, product_id, warehouse_id, sum(on_hand), 0 FROM lots WHERE org_id = :o "
            "GROUP BY product_id, warehouse_id"), {"o": org_id})
        for table in ("lots", "stock_documents", "stock_movements", "stock_positions", "products", "warehouses"):
            c.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    with admin_of(db).engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE stock_movements, lots, stock_documents, stock_positions"))
    return {"movements": movements, "products": products, "warehouses": warehouses,
            "load_s": round(time.perf_counter() - started, 1)}
