"""Purchase order lines hold what their receipts say, whatever SQL a desktop sends (issue 14, Integrity): at
commit a line's received quantity equals its receipts less its returns and stays within its tolerance."""

from __future__ import annotations

import pytest

from tests.security.helpers import as_admin, as_desktop, refused, scalar

pytestmark = pytest.mark.pg_only
ERPIN = "ERPIN"


def _line(world) -> int:
    return world.a.data.order.lines[0].id


def test_a_clerk_cannot_forge_what_a_line_received(world):
    line = _line(world)
    with as_desktop(world.pg, world.a.supply.token) as conn:
        conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        refused(conn, "UPDATE purchase_order_lines SET received_qty = 0 WHERE id = %s", [line], ERPIN)
        refused(conn, "UPDATE purchase_order_lines SET received_qty = received_qty + 100 WHERE id = %s", [line], ERPIN)
        # a receipt row without the line following it, or both beyond the tolerance
        receipt = scalar(conn, "SELECT row_to_json(r)::text FROM purchase_receipts r WHERE line_id = %s "
                               "AND kind = 'receipt' LIMIT 1", [line])
        assert receipt
        refused(conn, "INSERT INTO purchase_receipts (org_id, line_id, lot_id, kind, qty, document_id, at, user_id) "
                      "SELECT org_id, line_id, %s, 'receipt', 1, document_id, at, user_id "
                      "FROM json_populate_record(NULL::purchase_receipts, %s::json)",
                [world.a.data.lot_id, receipt], ERPIN)
        with pytest.raises(Exception) as too_much:
            with conn.transaction():
                conn.execute("SET CONSTRAINTS ALL DEFERRED")  # both written, then checked together
                conn.execute("UPDATE purchase_order_lines SET received_qty = received_qty + 100 WHERE id = %s", [line])
                conn.execute("INSERT INTO purchase_receipts (org_id, line_id, lot_id, kind, qty, document_id, at, "
                             "user_id) SELECT org_id, line_id, %s, 'receipt', 100, document_id, at, user_id "
                             "FROM json_populate_record(NULL::purchase_receipts, %s::json)",
                             [world.a.data.lot_id, receipt])
                conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        assert getattr(too_much.value, "sqlstate", None) == ERPIN and "more than the ordered" in str(too_much.value)
    with as_admin(world.pg) as admin:
        held = admin.execute("SELECT received_qty FROM purchase_order_lines WHERE id = %s", [line]).fetchone()[0]
    assert held == 4  # 4 + 2 received, 2 returned (tests/security/conftest.py)
