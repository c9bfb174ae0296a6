"""Issue 11 points 8, 9 and 10: stock changes only through the journal (balances kept by the database from the
movements, whose rules it checks), every change of business data audited by the server under the real user,
and change notifications as hints only."""

from __future__ import annotations

import json
from decimal import Decimal

import psycopg
import pytest

from erp_desktop.errors import NotFound
from erp_desktop.services.production import parts
from tests.security.helpers import PRIVILEGE, as_admin, as_desktop, desktop_connect, refused, scalar

pytestmark = pytest.mark.pg_only

INVALID = "ERPIN"
STOCK_ROLES = ("supply", "qc", "manager", "master", "admin")


def _lot(admin, lot_id: int):
    return admin.execute("SELECT product_id, warehouse_id, org_id, unit_cost, on_hand, reserved, received_at "
                         "FROM lots WHERE id = %s", [lot_id]).fetchone()


def _position(conn, product_id: int, warehouse_id: int) -> tuple[Decimal, Decimal]:
    return conn.execute("SELECT on_hand, reserved FROM stock_positions WHERE product_id = %s AND warehouse_id = %s",
                        [product_id, warehouse_id]).fetchone()


@pytest.mark.parametrize("who", STOCK_ROLES)
def test_no_role_changes_a_quantity_except_by_a_journal_row(world, who):
    lot = world.a.data.lot_id
    with as_desktop(world.pg, getattr(world.a, who).token) as conn:
        for sql in ("UPDATE lots SET on_hand = on_hand + 1000 WHERE id = %s",
                    "UPDATE lots SET reserved = 0 WHERE id = %s",
                    "DELETE FROM lots WHERE id = %s",
                    "UPDATE stock_positions SET on_hand = on_hand + 1000 WHERE id = (SELECT min(id) FROM stock_positions) "
                    "AND %s > 0"):
            refused(conn, sql, [lot])
        refused(conn, "UPDATE stock_movements SET qty = 0 WHERE lot_id = %s", [lot])
        refused(conn, "DELETE FROM stock_movements WHERE lot_id = %s", [lot])


@pytest.mark.parametrize("who", STOCK_ROLES)
def test_balances_are_no_column_a_desktop_may_update_yet_it_locks_and_the_guard_refuses_the_rest(world, who):
    """The desktops' login holds UPDATE on a balance table's other columns only (so that SELECT ... FOR UPDATE
    may lock its rows): a balance is refused by privilege, any other column by the guard trigger."""
    lot = world.a.data.lot_id
    with as_admin(world.pg) as admin:
        product_id, warehouse_id, *_ = _lot(admin, lot)
        before = (_lot(admin, lot), _position(admin, product_id, warehouse_id))
    with as_desktop(world.pg, getattr(world.a, who).token) as conn:
        for table in ("lots", "stock_positions"):
            for column in ("on_hand", "reserved"):
                assert not scalar(conn, "SELECT has_column_privilege(%s, %s, 'UPDATE')", [table, column])
                refused(conn, f"UPDATE {table} SET {column} = {column} WHERE product_id = %s", [product_id])
            refused(conn, f"UPDATE {table} SET product_id = product_id WHERE product_id = %s", [product_id])
        assert scalar(conn, "SELECT count(*) FROM (SELECT id FROM lots WHERE id = %s FOR UPDATE) x", [lot]) == 1
        assert scalar(conn, "SELECT count(*) FROM (SELECT id FROM stock_positions WHERE product_id = %s "
                            "AND warehouse_id = %s FOR UPDATE) x", [product_id, warehouse_id]) == 1
        refused(conn, "UPDATE lots SET certificate = 'forged' WHERE id = %s", [lot])
    with as_admin(world.pg) as admin:
        assert (_lot(admin, lot), _position(admin, product_id, warehouse_id)) == before


def _hand_document(conn, org_id: int, user_id: int, number: str, kind: str, reason: str = "by hand") -> int:
    """A stock document typed by hand as the desktops' login (what a movement by hand hangs on)."""
    return scalar(conn, "INSERT INTO stock_documents (org_id, number, kind, at, user_id, reason) "
                        "VALUES (%s, %s, %s, now(), %s, %s) RETURNING id", [org_id, number, kind, user_id, reason])


def _hand_lot(conn, org_id: int, product_id: int, warehouse_id: int, cost, lot_number: str, on_hand: str) -> int:
    """A new PENDING lot typed by hand, claiming ``on_hand`` (the server puts it in at zero)."""
    return scalar(conn, "INSERT INTO lots (org_id, product_id, warehouse_id, lot_number, received_at, qty_received, "
                        "on_hand, reserved, unit_cost, quality, certificate, created_at) VALUES (%s, %s, %s, %s, "
                        "now(), 5, %s, 0, %s, 'PENDING', '', now()) RETURNING id",
                  [org_id, product_id, warehouse_id, lot_number, on_hand, cost])


def _movement(doc_id, org_id, user_id, kind, product_id, warehouse_id, lot_id, qty, unit_cost, *, value=None,
              reserved_delta="0", quality_to=None):
    value = Decimal(qty) * Decimal(unit_cost) if value is None else Decimal(value)
    return ("INSERT INTO stock_movements (org_id, document_id, at, kind, product_id, warehouse_id, lot_id, qty, "
            "reserved_delta, unit_cost, value, quality_from, quality_to, user_id) "
            "VALUES (%s, %s, now(), %s, %s, %s, %s, %s, %s, %s, %s, NULL, %s, %s)",
            [org_id, doc_id, kind, product_id, warehouse_id, lot_id, qty, reserved_delta, unit_cost, value,
             quality_to, user_id])


def test_a_journal_row_moves_its_lot_and_position_exactly_and_nothing_else_does(world):
    a = world.a
    with as_admin(world.pg) as admin:
        product_id, warehouse_id, org_id, cost, on_hand, _reserved, _at = _lot(admin, a.data.lot_id)
    with as_desktop(world.pg, a.supply.token) as conn:
        position_before = _position(conn, product_id, warehouse_id)
        doc = _hand_document(conn, org_id, a.supply.user_id, "HAND-1", "adjustment")
        # a new lot goes in at zero whatever it says; only its receipt movement gives it stock
        lot = _hand_lot(conn, org_id, product_id, warehouse_id, cost, "HAND", "5000")
        assert scalar(conn, "SELECT on_hand FROM lots WHERE id = %s", [lot]) == 0
        sql, params = _movement(doc, org_id, a.supply.user_id, "receipt", product_id, warehouse_id, lot, "5", cost,
                                quality_to="PENDING")
        conn.execute(sql, params)
        assert scalar(conn, "SELECT on_hand FROM lots WHERE id = %s", [lot]) == Decimal("5.000")
        assert _position(conn, product_id, warehouse_id)[0] == position_before[0] + 5
        # a row that does not describe its lot, or breaks its kind's rules, is refused
        for kind, qty, extra in (("receipt", "5", {"value": "1"}),                     # value is not qty x cost
                                 ("receipt", "-5", {}),                                # a receipt takes nothing
                                 ("issue", "-1", {}),                                  # from a PENDING lot
                                 ("receipt", "5", {"quality_to": "APPROVED"})):        # approving needs QC
            sql, params = _movement(doc, org_id, a.supply.user_id, kind, product_id, warehouse_id, lot, qty, cost,
                                    **extra)
            refused(conn, sql, params, sqlstate=(INVALID, PRIVILEGE))
        sql, params = _movement(doc, org_id, a.supply.user_id, "receipt", product_id + 1000, warehouse_id, lot, "5",
                                cost, quality_to="PENDING")
        refused(conn, sql, params, sqlstate=INVALID)  # another product's movement on this lot


def test_a_desktop_that_sets_the_issue_procedures_flag_still_has_its_rows_applied_and_checked(world):
    """The issue procedure applies its own movements' balances and says so to the trigger with the setting
    erp.balances_applied, which counts only for the owner's statements: a desktop's rows are applied and
    checked whatever it sets."""
    a = world.a
    with as_admin(world.pg) as admin:
        product_id, warehouse_id, org_id, cost, _on_hand, _reserved, _at = _lot(admin, a.data.lot_id)
    with as_desktop(world.pg, a.supply.token) as conn:
        conn.execute("SET erp.balances_applied = 'on'")
        conn.execute("SELECT set_config('erp.balances_applied', 'on', true)")
        position_before = _position(conn, product_id, warehouse_id)
        doc = _hand_document(conn, org_id, a.supply.user_id, "HAND-3", "receipt")
        lot = _hand_lot(conn, org_id, product_id, warehouse_id, cost, "HAND-FLAG", "0")
        sql, params = _movement(doc, org_id, a.supply.user_id, "receipt", product_id, warehouse_id, lot, "5", cost,
                                quality_to="PENDING")
        conn.execute(sql, params)
        assert scalar(conn, "SELECT on_hand FROM lots WHERE id = %s", [lot]) == Decimal("5.000")
        assert _position(conn, product_id, warehouse_id)[0] == position_before[0] + 5
        sql, params = _movement(doc, org_id, a.supply.user_id, "receipt", product_id, warehouse_id, lot, "5", cost,
                                value="1", quality_to="PENDING")
        refused(conn, sql, params, sqlstate=INVALID)


def test_an_issue_by_hand_must_take_the_oldest_approved_stock_first(world):
    a = world.a
    with as_admin(world.pg) as admin:
        product_id, warehouse_id, org_id, cost, _on_hand, _reserved, _at = _lot(admin, a.data.lot_id)
        newer = admin.execute(
            "SELECT id, unit_cost FROM lots WHERE product_id = %s AND warehouse_id = %s AND quality = 'APPROVED' "
            "AND id <> %s ORDER BY received_at DESC, id DESC LIMIT 1", [product_id, warehouse_id, a.data.lot_id]
        ).fetchone()
    if newer is None:  # give the older lot a younger sibling to skip
        newer = (a.data.shop.lot(10, "9.00"), Decimal("9.0000"))
    with as_desktop(world.pg, a.supply.token) as conn:
        doc = _hand_document(conn, org_id, a.supply.user_id, "HAND-2", "issue", reason="")
        sql, params = _movement(doc, org_id, a.supply.user_id, "issue", product_id, warehouse_id, newer[0], "-1",
                                newer[1])
        error = refused(conn, sql, params, sqlstate=INVALID)
        assert "oldest first" in str(error)


def test_a_change_by_hand_is_in_the_audit_log_under_the_real_user(world):
    a = world.a
    count = "SELECT count(*) FROM audit_log WHERE entity = 'parts' AND entity_id = %s"
    with as_desktop(world.pg, a.master.token) as conn, as_admin(world.pg) as admin:
        before_count = admin.execute(count, [str(a.data.part.id)]).fetchone()[0]
        conn.execute("UPDATE parts SET name = 'Renamed by hand' WHERE id = %s", [a.data.part.id])
        # written in the change's own transaction: nobody sees it before the commit
        assert admin.execute(count, [str(a.data.part.id)]).fetchone()[0] == before_count
        conn.commit()
        assert admin.execute(count, [str(a.data.part.id)]).fetchone()[0] == before_count + 1
        user_id, action, before, after = admin.execute(
            "SELECT user_id, action, before, after FROM audit_log WHERE entity = 'parts' AND entity_id = %s "
            "ORDER BY id DESC LIMIT 1", [str(a.data.part.id)]).fetchone()
    assert (user_id, action) == (a.master.user_id, "row_update")
    assert after["name"] == "Renamed by hand" and before["name"] != "Renamed by hand" and set(after) <= {"name",
                                                                                                          "version"}


def test_a_forged_notification_shows_nothing_the_listener_may_not_see(world, monkeypatch):
    """Change notifications are hints: one desktop can send any payload, and the others re-read what it names
    under their own rights."""
    a, b = world.a, world.b
    listener = desktop_connect(world.pg, autocommit=True)
    try:
        listener.execute("LISTEN erp_changes")
        with desktop_connect(world.pg, autocommit=True) as forger:  # no session needed to send one
            forger.execute("SELECT pg_notify('erp_changes', %s)",
                           [json.dumps({"org": a.org_id, "topic": "parts", "ids": [b.data.part.id]})])
        heard = [json.loads(n.payload) for n in listener.notifies(timeout=2.0, stop_after=1)]
    finally:
        listener.close()
    assert heard and heard[0]["ids"] == [b.data.part.id]
    with pytest.raises(NotFound):  # what a desktop of plant A does with it: re-read under its own rights
        parts.get_part(world.db, a.viewer, b.data.part.id)
    with pytest.raises(psycopg.Error):  # and the forger learnt nothing: no session, no rows
        with as_desktop(world.pg) as conn:
            conn.execute("SELECT name FROM parts WHERE id = %s", [b.data.part.id])
