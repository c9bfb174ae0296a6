"""What each part was issued and returned (part_issue_totals, migration 0011) is kept by the server from the
journal: no desktop writes it by any SQL (a stock clerk who may issue neither), another organisation's rows are
invisible, and whatever path a movement takes (the issue procedure, the services' statements, a movement typed
by hand, even one claiming the procedure's erp.balances_applied) the totals stay the journal's sums."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.security.helpers import as_admin, as_desktop, refused, scalar, writes_nothing

pytestmark = pytest.mark.pg_only

# per (part, product, warehouse): the journal's issues and returns of documents for a part
JOURNAL_SUMS = """
SELECT d.part_id, m.product_id, m.warehouse_id, m.org_id,
       sum(CASE WHEN m.kind = 'issue' THEN -m.qty ELSE 0 END), sum(CASE WHEN m.kind = 'return' THEN m.qty ELSE 0 END)
  FROM stock_movements m JOIN stock_documents d ON d.id = m.document_id
 WHERE d.part_id IS NOT NULL AND m.kind IN ('issue', 'return')
 GROUP BY d.part_id, m.product_id, m.warehouse_id, m.org_id
"""
TOTALS = "SELECT part_id, product_id, warehouse_id, org_id, issued, returned FROM part_issue_totals"


def _sums(conn, sql: str) -> set[tuple]:
    return {tuple(row) for row in conn.execute(sql).fetchall()}


def _journal_and_totals(conn) -> tuple[set, set]:
    return _sums(conn, JOURNAL_SUMS), _sums(conn, TOTALS)


@pytest.mark.parametrize("who", ["supply", "admin", "viewer"])
def test_no_desktop_writes_part_totals_by_any_sql(world, who):
    a = world.a
    part, steel, main = a.data.part.id, a.data.shop.steel.id, a.data.shop.main.id
    with as_desktop(world.pg, getattr(a, who).token) as conn:
        assert scalar(conn, "SELECT count(*) FROM part_issue_totals WHERE part_id = %s", [part]) == 1
        refused(conn, "INSERT INTO part_issue_totals (part_id, product_id, warehouse_id, org_id, issued, returned) "
                      "VALUES (%s, %s, %s, %s, 0, 1000)", [part, steel, main + 1000, a.org_id])
        writes_nothing(conn, "UPDATE part_issue_totals SET issued = 0 WHERE part_id = %s", [part])
        writes_nothing(conn, "DELETE FROM part_issue_totals WHERE part_id = %s", [part])
        refused(conn, "TRUNCATE part_issue_totals")
        assert scalar(conn, "SELECT issued FROM part_issue_totals WHERE part_id = %s", [part]) == Decimal("1.5")


def test_another_organisations_part_totals_are_invisible(world):
    theirs = world.b.data.part.id
    with as_admin(world.pg) as admin:
        assert scalar(admin, "SELECT count(*) FROM part_issue_totals WHERE part_id = %s", [theirs]) == 1
    with as_desktop(world.pg, world.a.admin.token) as conn:
        assert scalar(conn, "SELECT count(*) FROM part_issue_totals WHERE part_id = %s", [theirs]) == 0
        assert scalar(conn, "SELECT count(*) FROM part_issue_totals WHERE org_id <> %s", [world.a.org_id]) == 0


def test_every_path_of_a_movement_keeps_the_totals_equal_to_the_journal(world):
    a = world.a
    part, steel, main, lot = a.data.part.id, a.data.shop.steel.id, a.data.shop.main.id, a.data.lot_id
    with as_desktop(world.pg, a.supply.token) as conn:
        # the issue procedure's work, for the part and for no part (what CALL erp_issue_stock runs before it
        # commits; here in the test's transaction, rolled back with it)
        for part_id, qty in ((part, "0.25"), (None, "0.5")):
            assert scalar(conn, "SELECT r_document_id FROM erp_issue_stock_work(%s, %s, %s, %s, %s, 'test')",
                          [a.supply.token, steel, main, qty, part_id]) is not None
        # a return typed by hand, in a document for the part, claiming the procedure's setting: counted all the same
        conn.execute("SELECT set_config('erp.balances_applied', 'on', true)")
        doc = scalar(conn, "INSERT INTO stock_documents (org_id, number, kind, at, user_id, part_id, reason) "
                           "VALUES (%s, 'HAND-RET', 'return', now(), %s, %s, '') RETURNING id",
                     [a.org_id, a.supply.user_id, part])
        conn.execute("INSERT INTO stock_movements (org_id, document_id, at, kind, product_id, warehouse_id, lot_id, "
                     "qty, reserved_delta, unit_cost, value, user_id) SELECT l.org_id, %s, now(), 'return', "
                     "l.product_id, l.warehouse_id, l.id, 0.125, 0, l.unit_cost, round(0.125 * l.unit_cost, 7), %s "
                     "FROM lots l WHERE l.id = %s", [doc, a.supply.user_id, lot])
        assert scalar(conn, "SELECT issued - returned FROM part_issue_totals WHERE part_id = %s AND product_id = %s",
                      [part, steel]) == Decimal("1.625")  # 1.5 + 0.25 - 0.125
        journal, totals = _journal_and_totals(conn)
        assert totals == journal and totals
