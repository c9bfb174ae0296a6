"""Bills of materials under the server's rules (issue 13): a viewer (or a clerk) cannot write them by any SQL,
another organisation's BOMs and lines are invisible, and the new movement kinds keep the ledger's rules."""

from __future__ import annotations

import pytest

from erp_desktop.db.security import INVALID_INPUT
from tests.security.helpers import as_desktop, outcome, refused, scalar, writes_nothing

pytestmark = pytest.mark.pg_only


@pytest.mark.parametrize("who", ["viewer", "supply", "operator"])
def test_only_bom_managers_write_boms(world, who):
    bom = world.a.data.bom
    with as_desktop(world.pg, getattr(world.a, who).token) as conn:
        writes_nothing(conn, "UPDATE boms SET revision = 'Z' WHERE id = %s", [bom.id])
        writes_nothing(conn, "UPDATE bom_lines SET qty_per_unit = 99 WHERE bom_id = %s", [bom.id])
        writes_nothing(conn, "DELETE FROM bom_lines WHERE bom_id = %s", [bom.id])
        refused(conn, "INSERT INTO boms (org_id, product_id, revision, is_active, note, created_at, updated_at, "
                      "version) SELECT org_id, product_id, 'Q', false, '', now(), now(), 1 FROM boms WHERE id = %s",
                [bom.id])
    with as_desktop(world.pg, world.a.technologist.token) as conn:
        assert outcome(conn, "UPDATE boms SET note = 'checked' WHERE id = %s", [bom.id]) == 1


def test_another_organisations_boms_and_lines_are_invisible(world):
    theirs = world.b.data.bom
    with as_desktop(world.pg, world.a.admin.token) as conn:
        assert scalar(conn, "SELECT count(*) FROM boms WHERE id = %s", [theirs.id]) == 0
        assert scalar(conn, "SELECT count(*) FROM bom_lines WHERE bom_id = %s", [theirs.id]) == 0
        writes_nothing(conn, "UPDATE bom_lines SET qty_per_unit = 99 WHERE bom_id = %s", [theirs.id])
        refused(conn, "INSERT INTO bom_lines (bom_id, position, component_id, qty_per_unit, fixed_qty, "
                      "scrap_percent, sourcing) VALUES (%s, 9, %s, 1, 0, 0, 'buy')",
                [theirs.id, world.a.data.shop.steel.id])


def test_a_return_or_output_movement_must_fit_the_ledgers_rules(world):
    """A 'return' adds to a lot (never reserves); an 'output' adds a PENDING receipt: the server refuses other
    shapes whatever a desktop sends."""
    a = world.a
    lot = a.data.lot_id
    with as_desktop(world.pg, a.supply.token) as conn:
        doc = scalar(conn, "INSERT INTO stock_documents (org_id, number, kind, at, user_id, reason) "
                           "VALUES (%s, 'FORGED-RET', 'return', now(), %s, '') RETURNING id",
                     [a.org_id, a.supply.user_id])
        base = ("INSERT INTO stock_movements (org_id, document_id, at, kind, product_id, warehouse_id, lot_id, qty, "
                "reserved_delta, unit_cost, value, quality_to, user_id) SELECT l.org_id, %s, now(), %s, l.product_id, "
                "l.warehouse_id, l.id, %s, %s, l.unit_cost, round(%s * l.unit_cost, 7), %s, %s FROM lots l "
                "WHERE l.id = %s")
        for params in ([doc, "return", -1, 0, -1, None, a.supply.user_id, lot],  # takes stock away
                       [doc, "return", 1, 1, 1, None, a.supply.user_id, lot],  # reserves
                       [doc, "output", 1, 0, 1, "APPROVED", a.supply.user_id, lot]):  # not PENDING
            refused(conn, base, params, sqlstate=INVALID_INPUT)
    with as_desktop(world.pg, a.viewer.token) as conn:
        refused(conn, base, [doc, "return", 1, 0, 1, None, a.viewer.user_id, lot])
