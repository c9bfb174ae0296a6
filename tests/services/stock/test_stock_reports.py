"""Stock overview, critical stock, lots, journal pages, stock card, valuation, level series."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest

from erp_desktop.db.types import utcnow
from erp_desktop.domain.stock import MovementKind
from erp_desktop.services import stock
from tests.services.statements import statements_sent
from tests.services.stock.stock_fixtures import make_shop


@pytest.fixture
def shop(plant):
    return make_shop(plant)


def test_overview_shows_on_hand_reserved_available_and_exact_fifo_value(shop):
    shop.lot("10.001", "0.3333", days=1)
    shop.lot(20, "12.5", days=2)
    shop.lot(4, "9", quality="PENDING", days=3)
    shop.lot(1, "9", quality="QUARANTINE", days=4)
    stock.reserve_stock(shop.db, shop.plant.master, product_id=shop.steel.id, warehouse_id=shop.main.id,
                        qty=D("5"), order_ref="A")
    [row] = stock.list_stock(shop.db, shop.plant.viewer)
    assert (row.on_hand, row.reserved, row.available, row.pending, row.quarantine) == (
        D("35.001"), D("5"), D("25.001"), D("4"), D("1"))
    assert row.fifo_value == D("10.001") * D("0.3333") + 250 + 36 + 9  # 3.3333333 + 295
    assert row.below_minimum  # 25.001 available < 50 minimum
    assert stock.list_stock(shop.db, shop.plant.viewer, only_below_minimum=True) == [row]


def test_overview_per_warehouse_and_in_total(shop):
    shop.lot(30, "10", days=1)
    shop.lot(30, "20", days=2)
    stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                         to_warehouse_id=shop.shop1.id, qty=D("40"))
    rows = stock.list_stock(shop.db, shop.plant.viewer)
    assert [(r.warehouse_name, r.on_hand, r.fifo_value) for r in rows] == [
        ("Main store", D("20"), D("400")), ("Shop 1 store", D("40"), D("500"))]
    assert not any(r.below_minimum for r in rows)  # 60 in all warehouses >= 50
    [total] = stock.list_stock(shop.db, shop.plant.viewer, by_warehouse=False)
    assert total.warehouse_id is None and total.on_hand == D("60") and total.fifo_value == D("900")
    assert [r.warehouse_name for r in stock.list_stock(shop.db, shop.plant.viewer, warehouse_id=shop.shop1.id)] == [
        "Shop 1 store"]
    empty = stock.list_stock(shop.db, shop.plant.viewer, include_empty=True)
    assert {r.sku for r in empty} == {"ST-40X-D40", "BOLT-M8"}


def test_critical_stock_lists_available_below_minimum(shop):
    stock.update_product(shop.db, shop.admin, shop.bolt.id, version=shop.bolt.version, min_level=D("100"))
    shop.lot(60, "1", product=shop.bolt)
    shop.lot(500, "1", product=shop.bolt, quality="PENDING")
    shop.lot(70, "10")
    rows = stock.list_critical_stock(shop.db, shop.plant.viewer)
    assert [(r.sku, r.available, r.shortage, r.pending) for r in rows] == [("BOLT-M8", D("60"), D("40"), D("500"))]
    stock.issue_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("30"))
    assert [r.sku for r in stock.list_critical_stock(shop.db, shop.plant.viewer)] == ["BOLT-M8", "ST-40X-D40"]


def test_lots_filter_by_quality_and_stock(shop):
    used = shop.lot(5, "1", days=1)
    shop.lot(5, "1", days=2, quality="PENDING")
    stock.issue_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("5"))
    assert used not in {lot.id for lot in stock.list_lots(shop.db, shop.admin, has_stock=True)}
    assert len(stock.list_lots(shop.db, shop.admin)) == 2
    assert [lot.quality for lot in stock.list_lots(shop.db, shop.admin, quality=["pending"])] == ["PENDING"]



def test_lots_of_products_reads_only_those_under_the_filters_and_merges_as_a_full_reload(shop):
    """Issue 12: what a live lots list reads when stock of some products moved."""
    shop.lot(5, "1", days=1)
    shop.lot(5, "2", days=2, warehouse=shop.shop1, quality="PENDING")
    bolt_used = shop.lot(3, "1", product=shop.bolt, days=3)
    shop.lot(4, "1", product=shop.bolt, days=4, warehouse=shop.shop1)
    viewer = shop.plant.viewer
    before = stock.list_lots(shop.db, viewer, has_stock=True)
    assert {lot.product_id for lot in stock.list_lots(shop.db, viewer, product_ids=[shop.bolt.id])} == {shop.bolt.id}
    pending = stock.list_lots(shop.db, viewer, product_ids=[shop.steel.id], quality="PENDING", warehouse_id=shop.shop1.id)
    assert [lot.quality for lot in pending] == ["PENDING"] and pending[0].warehouse_id == shop.shop1.id
    assert stock.list_lots(shop.db, viewer, product_ids=[]) == []
    stock.issue_stock(shop.db, shop.plant.supply, product_id=shop.bolt.id, warehouse_id=shop.main.id, qty=D("3"))
    fetched = stock.list_lots(shop.db, viewer, product_ids=[shop.bolt.id], has_stock=True)
    assert bolt_used not in {lot.id for lot in fetched}
    after = stock.list_lots(shop.db, viewer, has_stock=True)
    assert stock.merge_product_lots(before, [shop.bolt.id], fetched) == after
    assert stock.list_lots(shop.db, viewer, product_ids=[shop.bolt.id, shop.steel.id], has_stock=True) == after
    other = stock.create_product(shop.db, shop.admin, sku="AAA-1", name="New", unit="pcs", category="metal")
    shop.lot(1, "1", product=other)
    fetched = stock.list_lots(shop.db, viewer, product_ids=[other.id], has_stock=True)
    assert len(fetched) == 1 and stock.merge_product_lots(after, [other.id], fetched) is None  # read whole

def _journal_fixture(shop, n=7):
    for i in range(n):
        shop.lot(i + 1, "1", days=i)


def test_journal_pages_newest_first_without_gaps_and_jump_to_the_end(shop):
    _journal_fixture(shop)
    stock.issue_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("4"))
    total = stock.count_movements(shop.db, shop.plant.viewer)
    assert total == 7 + 3  # 7 receipts, an issue from lots 1, 2 and 3 (1 + 2 + 1)
    seen, cursor = [], None
    while True:
        page = stock.list_movements(shop.db, shop.plant.viewer, after=cursor, limit=3)
        seen.extend(page.rows)
        if not page.has_more:
            break
        cursor = page.cursor
    assert len(seen) == total and len({m.id for m in seen}) == total
    assert [(m.at, m.id) for m in seen] == sorted([(m.at, m.id) for m in seen], reverse=True)
    oldest = stock.list_movements(shop.db, shop.plant.viewer, oldest_first=True, limit=2)
    assert [m.id for m in oldest.rows] == [seen[-1].id, seen[-2].id]
    assert stock.list_movements(shop.db, shop.plant.viewer, oldest_first=True, after=oldest.cursor,
                                limit=1).rows[0].id == seen[-3].id
    assert seen[0].kind == MovementKind.ISSUE and seen[0].document_number.startswith("ISS-")
    assert seen[0].username == "supply" and seen[0].sku == "ST-40X-D40"


def test_journal_filters(shop):
    _journal_fixture(shop, 3)
    shop.lot(1, "1", product=shop.bolt)
    doc = stock.issue_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                            qty=D("2"))
    viewer = shop.plant.viewer
    assert stock.count_movements(shop.db, viewer, product_id=shop.bolt.id) == 1
    assert stock.count_movements(shop.db, viewer, kind="issue") == 2
    assert stock.count_movements(shop.db, viewer, kind=["issue", "receipt"]) == 6
    assert stock.count_movements(shop.db, viewer, document_id=doc.id) == 2
    assert stock.count_movements(shop.db, viewer, warehouse_id=shop.shop1.id) == 0
    today = utcnow().astimezone().date()
    assert stock.count_movements(shop.db, viewer, date_from=today, date_to=today) == 6
    assert stock.count_movements(shop.db, viewer, date_to=today - timedelta(days=1)) == 0
    assert len(stock.get_journal(shop.db, viewer, date_from=today, kind="issue")) == 2


def _history(shop):
    """Receipts and issues dated over the past ten days (document dates only move forward)."""
    now = utcnow()
    supply = shop.plant.supply
    for days_ago, action, qty, cost in [(10, "in", 10, "10"), (8, "in", 10, "20"), (6, "out", 12, None),
                                        (4, "in", 5, "30"), (2, "out", 4, None)]:
        at = now - timedelta(days=days_ago)
        if action == "in":
            stock.receive_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                qty=D(qty), unit_cost=D(cost), quality="APPROVED", at=at)
        else:
            stock.issue_stock(shop.db, supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D(qty), at=at)
    return now


def test_valuation_as_of_a_moment_comes_from_the_journal(shop):
    now = _history(shop)
    viewer = shop.plant.viewer
    assert stock.get_valuation(shop.db, viewer, as_of=now - timedelta(days=9)).total_value == D("100")
    # after the first issue: 8 kg of the 20.00 lot left
    assert stock.get_valuation(shop.db, viewer, as_of=now - timedelta(days=5)).total_value == D("160")
    [row] = stock.get_valuation(shop.db, viewer, as_of=now).rows
    assert (row.qty, row.value) == (D("9"), D("4") * 20 + D("5") * 30)
    assert stock.get_valuation(shop.db, viewer, as_of=now - timedelta(days=30)).rows == ()
    assert stock.get_valuation(shop.db, viewer, as_of=now.date(), warehouse_id=shop.shop1.id).rows == ()


def test_stock_card_runs_the_balance_from_the_opening_of_the_period(shop):
    now = _history(shop)
    start = (now - timedelta(days=7)).astimezone().date()
    card = stock.get_stock_card(shop.db, shop.plant.viewer, product_id=shop.steel.id, date_from=start)
    assert card.opening_qty == D("20") and card.opening_value == D("300")
    # the issue took two slices: 10 kg at 10.00 and 2 kg at 20.00
    assert [r.balance_qty for r in card.rows] == [D("10"), D("8"), D("13"), D("9")]
    assert [r.balance_value for r in card.rows] == [D("200"), D("160"), D("310"), D("230")]
    assert (card.closing_qty, card.closing_value, card.issued_qty, card.received_qty) == (
        D("9"), D("230"), D("16"), D("5"))
    full = stock.get_stock_card(shop.db, shop.plant.viewer, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                limit=2)
    assert full.truncated and full.closing_qty == D("9") and full.warehouse_name == "Main store"


def test_stock_level_series_for_the_chart(shop):
    _history(shop)
    series = stock.get_stock_level_series(shop.db, shop.plant.viewer, product_id=shop.steel.id)
    assert [p.on_hand for p in series.points] == [D("10"), D("20"), D("8"), D("13"), D("9")]
    assert series.min_level == D("50")
    daily = stock.get_stock_level_series(shop.db, shop.plant.viewer, product_id=shop.steel.id, max_points=3)
    assert [p.on_hand for p in daily.points] == [D("10"), D("20"), D("8"), D("13"), D("9")]  # one per day anyway


def test_overview_reads_products_stock_and_warehouse_names_in_one_statement(shop):
    """Issue 12 (refetch cost): the stock overview, read again on every live change it follows, was three
    statements (products, every warehouse's name, the lots); the rows are the same from one."""
    shop.lot(30, "10", days=1)
    shop.lot(5, "2", product=shop.bolt, days=2, warehouse=shop.shop1)
    rows, sent = statements_sent(shop.db, lambda: stock.list_stock(shop.db, shop.plant.viewer,
                                                               product_id=(shop.steel.id, shop.bolt.id)))
    assert len(sent) == 1
    assert [(r.sku, r.warehouse_name, r.on_hand) for r in rows] == [
        (shop.bolt.sku, shop.shop1.name, D("5")), (shop.steel.sku, shop.main.name, D("30"))]
    empty, sent = statements_sent(shop.db, lambda: stock.list_stock(shop.db, shop.plant.viewer, include_empty=True))
    assert len(sent) == 2  # the positions without stock too
    assert {(r.sku, r.warehouse_name) for r in rows} <= {(r.sku, r.warehouse_name) for r in empty}
