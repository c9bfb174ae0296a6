"""Stock benchmark data on PostgreSQL: scratch databases and a fast, consistent journal generator.

    from stock_data import scratch_database, seed_organization, generate_journal

generate_journal() writes lots, documents, movements and positions with INSERT .. SELECT from
generate_series (a million movements in well under a minute). The data obeys the ledger's rules:
per product and warehouse, lots are received in time order as 90.000 and consumed by nine issues
of 10.000 each before the next lot is touched (FIFO), journal ids follow time, every lot's and
position's on hand equals the sum of its journal, and values are qty x unit cost.
Reused by the UI's journal-view benchmark.
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
from erp_desktop.db.models import User  # noqa: E402
from erp_desktop.services.actor import Actor  # noqa: E402
from erp_desktop.services.auth import actor_for  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def admin_url() -> str:
    return normalise_url(os.environ.get("ERP_TEST_PG_URL", DEFAULT_URL))


@contextmanager
def scratch_database(prefix: str = "erp_bench", *, pool_size: int = 5):
    """A new, migrated database for one benchmark run; dropped afterwards. Yields (Database, url)."""
    base = admin_url()
    name = f"{prefix}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    db = create_database(url, pool_size=pool_size)
    try:
        migrate.upgrade(db)
        yield db, url
    finally:
        db.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seed_organization(db: Database, name: str = "Bench plant", roles=("admin", "supply", "qc", "master", "viewer"),
                      *, with_sessions: bool = True) -> dict[str, Actor]:
    """An organisation with one user per role (and an open session each, as a signed-in desktop has)."""
    with db.engine.begin() as c:
        org_id = c.execute(text("INSERT INTO organizations (name, created_at) VALUES (:n, now()) RETURNING id"),
                           {"n": name}).scalar_one()
        actors = {}
        for role in roles:
            user_id = c.execute(text(
                "INSERT INTO users (org_id, username, full_name, role, password_hash, is_active, must_change_password,"
                " created_at, version) VALUES (:o, :u, :f, :r, 'x', true, false, now(), 1) RETURNING id"),
                {"o": org_id, "u": f"{role}_{org_id}", "f": role.title(), "r": role}).scalar_one()
            session_id = None
            if with_sessions:
                session_id = c.execute(text(
                    "INSERT INTO user_sessions (org_id, user_id, host, started_at, last_seen_at, end_reason) "
                    "VALUES (:o, :u, 'bench', now(), now(), '') RETURNING id"), {"o": org_id, "u": user_id}).scalar_one()
            actors[role] = (user_id, session_id)
    with db.sessions() as s:
        return {role: actor_for(s.get(User, user_id), session_id) for role, (user_id, session_id) in actors.items()}


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
    with db.engine.begin() as c:
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
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE stock_movements, lots, stock_documents, stock_positions"))
    return {"movements": movements, "products": products, "warehouses": warehouses,
            "load_s": round(time.perf_counter() - started, 1)}
