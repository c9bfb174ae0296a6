"""The demo stock loads through the services and leaves a consistent, interesting ledger."""

from __future__ import annotations

from erp_desktop.demo import stock as demo_stock
from erp_desktop.domain.stock import Quality
from erp_desktop.services import stock
from tests.services.stock.stock_invariants import check_stock_invariants


def test_demo_stock_is_consistent_and_shows_every_situation(plant):
    people = {"admin": plant.admin, "sidorov": plant.supply, "smirnova": plant.qc, "kolchin": plant.master}
    demo_stock.load(plant.db, people)
    assert check_stock_invariants(plant.db) == []
    assert {w.name for w in stock.list_warehouses(plant.db, plant.viewer)} == {
        "Main store", "Shop 1 store", "Quarantine area"}
    assert len(stock.list_products(plant.db, plant.viewer)) >= 20
    steel = stock.find_by_code(plant.db, plant.viewer, "ST-40X-D40").product
    assert (steel.name, steel.unit, steel.grade, steel.size) == ("40X steel", "kg", "40X", "d40")
    qualities = {lot.quality for lot in stock.list_lots(plant.db, plant.viewer, has_stock=True)}
    assert {Quality.APPROVED, Quality.PENDING, Quality.QUARANTINE} <= qualities
    kinds = {m.kind.value for m in stock.get_journal(plant.db, plant.viewer)}
    assert {"receipt", "issue", "transfer_out", "transfer_in", "adjustment", "reservation", "quality"} <= kinds
    assert len(stock.list_reservations(plant.db, plant.viewer)) >= 2
    critical = {row.sku for row in stock.list_critical_stock(plant.db, plant.viewer)}
    assert {"DRILL-D8.5", "COOL-EMUL", "BRG-6205"} <= critical
    journal = stock.get_journal(plant.db, plant.viewer)
    assert (journal[-1].at - journal[0].at).days >= 90  # months of history for the charts and reports
    receipts = {}
    for movement in journal:
        if movement.kind.value == "receipt":
            receipts.setdefault(movement.document_number, []).append(movement.lot_number)
    assert ["BM8-0412", "NM8-0412"] in receipts.values()  # one delivery note of several lines
    shafts = next(r for r in stock.list_reservations(plant.db, plant.viewer) if r.product_id == steel.id)
    assert shafts.qty == 80  # 120 reserved, 40 of it issued so far
