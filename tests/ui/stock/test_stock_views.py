"""Stock views: overview (below minimum highlighted), lots (status colour), the lazy journal with
jump to the end, reservations, master data, live updates, role-dependent operation buttons."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from erp_desktop.services import stock
from erp_desktop.services.stock import reports
from erp_desktop.ui.stock import StockView, create_view
from erp_desktop.ui.stock import journal as journal_module
from erp_desktop.ui.stock.common import BELOW_MINIMUM_BACKGROUND, QUALITY_COLORS, Catalog
from erp_desktop.ui.stock.journal import JournalView
from erp_desktop.ui.stock.lots import LotsView
from erp_desktop.ui.stock.master_data import MasterDataView, ProductDialog
from erp_desktop.ui.stock.overview import StockOverview
from erp_desktop.ui.stock.reservations import ReservationsView
from erp_desktop.ui.table_model import ROW_ROLE
from tests.services.stock.stock_fixtures import make_shop

D = Decimal


@pytest.fixture
def shop(ui_plant):
    return make_shop(ui_plant)


def _find(model, predicate) -> int:
    return next(r for r in range(model.rowCount()) if predicate(model.index(r, 0).data(ROW_ROLE)))


def test_overview_highlights_below_minimum_and_refreshes_one_product(qtbot, qtmodeltester, make_ctx, shop):
    shop.lot("30", "10.0000", days=1)  # steel minimum is 50
    shop.lot("100", "2.5000", product=shop.bolt, days=2)
    ctx = make_ctx("viewer")
    view = StockOverview(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    view.show()  # live changes refetch what is shown
    qtmodeltester.check(view.model)
    steel = _find(view.model, lambda r: r.sku == "ST-40X-D40")
    bolt = _find(view.model, lambda r: r.sku == "BOLT-M8")
    background = view.model.index(steel, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color().name() == BELOW_MINIMUM_BACKGROUND
    assert view.model.index(bolt, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert view.model.index(steel, 12).data() == "300.00"  # FIFO value
    assert "1 product(s) below minimum" in view.summary.text()

    stock.issue_stock(shop.db, shop.admin, product_id=shop.bolt.id, warehouse_id=shop.main.id, qty=D("40"))
    calls = []
    real = stock.list_stock
    stock.list_stock = lambda *a, **k: calls.append(k) or real(*a, **k)
    try:
        ctx.changes.emit_change("stock", [shop.bolt.id])
    finally:
        stock.list_stock = real
    assert [c.get("product_id") for c in calls] == [(shop.bolt.id,)]  # only the named product is fetched
    assert view.model.index(bolt, 7).data() == "60.000"
    qtmodeltester.check(view.model)

    view.below_only.setChecked(True)
    assert [row.sku for row in view.model.rows] == ["ST-40X-D40"]


def test_lots_view_filters_and_colours_status(qtbot, qtmodeltester, make_ctx, shop):
    shop.lot("10", "1", lot_number="A-1")
    shop.lot("10", "1", lot_number="P-1", quality="PENDING")
    shop.lot("10", "1", lot_number="Q-1", quality="QUARANTINE", warehouse=shop.shop1)
    ctx = make_ctx("viewer")
    view = LotsView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    view.show()  # live changes refetch what is shown
    qtmodeltester.check(view.model)
    assert {row.lot_number for row in view.model.rows} == {"A-1", "P-1", "Q-1"}
    pending = _find(view.model, lambda r: r.lot_number == "P-1")
    assert view.model.index(pending, 4).data() == "Pending"
    assert view.model.index(pending, 4).data(Qt.ItemDataRole.ForegroundRole).color().name() == QUALITY_COLORS["PENDING"]
    view.quality.setCurrentIndex(view.quality.findData("QUARANTINE"))
    assert [row.lot_number for row in view.model.rows] == ["Q-1"]
    view.quality.setCurrentIndex(0)
    view.warehouse.set_warehouse(shop.main.id)
    assert {row.lot_number for row in view.model.rows} == {"A-1", "P-1"}

    lot = view.model.rows[_find(view.model, lambda r: r.lot_number == "P-1")]
    stock.change_quality(shop.db, shop.admin, lot_id=lot.id, quality="APPROVED")
    ctx.changes.emit_change("lots", [lot.id])
    assert view.model.index(pending, 4).data() == "Approved"


def test_journal_pages_lazily_and_jumps_to_the_end(qtbot, qtmodeltester, make_ctx, shop, monkeypatch):
    monkeypatch.setattr(journal_module, "PAGE_SIZE", 4)
    for n in range(11):
        shop.lot(str(n + 1), "1", days=n, lot_number=f"J-{n:02d}")
    ctx = make_ctx("viewer")
    view = JournalView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    view.show()  # live changes refetch what is shown
    view.resize(900, 300)
    view.show()
    model = view.model
    assert [row.lot_number for row in model.rows][:4] == ["J-10", "J-09", "J-08", "J-07"]  # newest first
    assert model.canFetchMore()
    qtmodeltester.check(model)
    view.count_button.click()
    assert "of 11 movements" in view.status.text()

    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # jump to the end
    assert model.tail_mode and not model.canFetchMore()
    assert [row.lot_number for row in model.rows] == ["J-03", "J-02", "J-01", "J-00"]  # the oldest page, directly
    assert view.table.selectionModel().selectedRows()[0].row() == 3
    model.fetch_earlier()  # scrolling up extends the list upwards
    assert [row.lot_number for row in model.rows][:4] == ["J-07", "J-06", "J-05", "J-04"]
    model.fetch_earlier()
    assert [row.lot_number for row in model.rows] == [f"J-{n:02d}" for n in range(10, -1, -1)]
    assert not model.can_fetch_earlier()
    qtmodeltester.check(model)

    view.jump_to_start()
    assert not model.tail_mode and model.rows[0].lot_number == "J-10"
    view.set_oldest_first(True)  # the time order is flipped in SQL
    assert [row.lot_number for row in model.rows][:4] == ["J-00", "J-01", "J-02", "J-03"]
    view.set_oldest_first(False)

    view.product.set_product(shop.bolt.id)
    assert model.rowCount() == 0
    view.product.setCurrentIndex(0)
    view.kind.setCurrentIndex(view.kind.findData("issue"))
    assert model.rowCount() == 0
    view.kind.setCurrentIndex(0)
    view.document.setText(model.rows[0].document_number)
    view.apply_filters()
    assert model.rowCount() == 1


def test_journal_live_update_reloads_only_at_the_top(qtbot, make_ctx, shop):
    shop.lot("1", "1", days=1)
    ctx = make_ctx("viewer")
    view = JournalView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    view.show()  # live changes refetch what is shown
    shop.lot("2", "1", days=2, lot_number="LIVE")
    ctx.changes.emit_change("stock", [shop.steel.id])
    assert view.model.rows[0].lot_number == "LIVE"
    view.jump_to_end()
    shop.lot("3", "1", days=3)
    ctx.changes.emit_change("stock", [shop.steel.id])
    assert view.model.tail_mode and "F5" in view.new_rows.text()


def test_reservations_view_releases_and_issues(qtbot, qtmodeltester, make_ctx, shop, _no_modal_boxes):
    shop.lot("50", "10")
    for order in ("Order 1", "Order 2"):
        stock.reserve_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("10"),
                            order_ref=order)
    ctx = make_ctx("supply")
    view = ReservationsView(ctx)
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 2
    view.table.selectRow(_find(view.model, lambda r: r.order_ref == "Order 1"))
    view.release_selected()
    view.table.selectRow(_find(view.model, lambda r: r.order_ref == "Order 2"))
    view.ask_issue_qty = lambda row: row.qty  # all of it
    view.issue_selected()
    assert view.model.rowCount() == 0
    assert any("REL-" in str(args) for _n, args in _no_modal_boxes)
    assert stock.list_stock(shop.db, shop.admin, product_id=shop.steel.id)[0].on_hand == D("40.000")


def test_master_data_creates_products_and_deactivates(qtbot, qtmodeltester, make_ctx, shop):
    ctx = make_ctx("supply")
    view = MasterDataView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    for records in (view.products, view.warehouses, view.suppliers):
        qtmodeltester.check(records.model)
    dialog = ProductDialog(ctx, None, view.products)
    qtbot.addWidget(dialog)
    dialog.sku.setText("ST-40X-D40")  # taken: the message shows under the SKU
    dialog.name.setText("Another steel")
    dialog.submit()
    assert "already used" in dialog._errors["sku"].text()
    dialog.sku.setText("NEW-1")
    dialog.min_level.setText("12.5")
    dialog.submit()
    assert dialog.result_record.sku == "NEW-1" and dialog.result_record.min_level == D("12.500")
    view.products.refresh()
    view.products.table.selectRow(_find(view.products.model, lambda r: r.sku == "NEW-1"))
    view.products.toggle_active()
    assert "NEW-1" not in [row.sku for row in view.products.model.rows]  # deactivated, hidden, never deleted
    view.products.show_inactive.setChecked(True)
    assert "NEW-1" in [row.sku for row in view.products.model.rows]

    viewer = MasterDataView(make_ctx("viewer"), Catalog(ctx))
    qtbot.addWidget(viewer)
    assert viewer.products.new_button.isHidden() and viewer.suppliers.new_button.isHidden()


@pytest.mark.parametrize(("role", "expected"), [
    ("supply", {"receive", "issue", "transfer", "adjust", "reserve"}),
    ("qc", {"quality"}),
    ("viewer", set()),
    ("admin", {"receive", "issue", "transfer", "adjust", "quality", "reserve"}),
])
def test_only_allowed_operations_are_offered(qtbot, make_ctx, role, expected):
    view = StockView(make_ctx(role))
    qtbot.addWidget(view)
    assert set(view.operation_actions) == expected
    assert view.toolbar.isHidden() if not expected else True


def test_operation_from_the_overview_is_preset_and_refreshes_views(qtbot, make_ctx, shop):
    shop.lot("80", "10")
    ctx = make_ctx("supply")
    view = create_view(ctx)
    qtbot.addWidget(view)
    view.overview.table.selectRow(_find(view.overview.model, lambda r: r.sku == "ST-40X-D40"))
    dialog = view.open_operation("issue", modal=False)
    assert dialog.product.product.id == shop.steel.id and dialog.warehouse.currentData() == shop.main.id
    dialog.qty.edit.setText("30")
    qtbot.waitUntil(lambda: dialog.submit_button.isEnabled(), timeout=3000)
    dialog.submit()
    QApplication.processEvents()
    row = view.overview.model.rows[_find(view.overview.model, lambda r: r.sku == "ST-40X-D40")]
    assert row.available == D("50.000")  # refreshed at once, live updates or not
    assert view.journal.model.rows[0].document_number == dialog.document.number


def test_stock_area_smoke_on_demo_data(qtbot, ui_db, qapp):
    from erp_desktop.config import Settings
    from erp_desktop.demo import plant as demo
    from erp_desktop.ui.context import ChangeHub, UiContext
    from erp_desktop.ui.runner import InlineRunner

    people = demo.load_demo_plant(ui_db, rounds=4)
    ctx = UiContext(db=ui_db, actor=people["admin"], runner=InlineRunner(), settings=Settings(),
                    organization="Demo Plant", changes=ChangeHub())
    errors = []
    ctx.runner.failed.connect(lambda error, trace: errors.append(trace))
    view = create_view(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    view.smoke()
    assert errors == []


def test_a_reservation_is_issued_in_part_from_the_view(qtbot, make_ctx, shop, _no_modal_boxes):
    from erp_desktop.ui.stock.reservations import IssueReservationDialog

    shop.lot("50", "10")
    res = stock.reserve_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id,
                              qty=D("10"), order_ref="Order 3")
    view = ReservationsView(make_ctx("supply"))
    qtbot.addWidget(view)
    view.table.selectRow(0)
    row = view.selected()
    dialog = IssueReservationDialog(row, view)
    qtbot.addWidget(dialog)
    assert dialog.qty() == D("10")  # all of it offered
    dialog.amount.edit.setText("11")
    dialog.submit()
    assert "holds only 10.000 kg" in dialog.error.text() and dialog.result() != dialog.DialogCode.Accepted
    dialog.amount.edit.setText("4")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    view.ask_issue_qty = lambda _row: dialog.qty()
    view.issue_selected()
    [left] = view.model.rows
    assert left.id == res.reservation_id and left.qty == D("6.000")
    assert stock.list_stock(shop.db, shop.admin, product_id=shop.steel.id)[0].on_hand == D("46.000")


def test_qc_approves_several_lots_from_the_lots_view(qtbot, make_ctx, shop, _no_modal_boxes):
    from PySide6.QtCore import QItemSelectionModel

    from erp_desktop.ui.stock.lots import LotsView

    ids = [shop.lot("5", "1", quality="PENDING", lot_number=f"QC-{n}") for n in range(3)]
    ctx = make_ctx("qc")
    view = LotsView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    assert not view.approve_button.isHidden()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for lot_id in ids[:2]:
        view.table.selectionModel().select(view.model.index(_find(view.model, lambda r, i=lot_id: r.id == i), 0), flags)
    view.approve_selected()
    assert [stock.get_lot(shop.db, shop.admin, i).quality for i in ids] == ["APPROVED", "APPROVED", "PENDING"]
    assert "Approved 2 lot(s)" in str(_no_modal_boxes[-1][1])
    supply = LotsView(make_ctx("supply"), Catalog(ctx))
    qtbot.addWidget(supply)
    assert supply.approve_button.isHidden()


def test_overview_of_one_category_fetches_nothing_for_stock_moved_in_another(qtbot, make_ctx, shop):
    """Issue 12 (refetch cost): a clerk's overview of one category is not refetched for every issue in the plant."""
    shop.lot("30", "10.0000", days=1)
    shop.lot("100", "2.5000", product=shop.bolt, days=2)
    ctx = make_ctx("viewer")
    catalog = Catalog(ctx)
    view = StockOverview(ctx, catalog)
    qtbot.addWidget(view)
    view.show()
    steel_category = catalog.product(shop.steel.id).category
    assert catalog.product(shop.bolt.id).category != steel_category
    view.category.setCurrentIndex(view.category.findData(str(steel_category)))
    assert [row.sku for row in view.model.rows] == ["ST-40X-D40"]
    calls = []
    real = stock.list_stock
    stock.list_stock = lambda *a, **k: calls.append(k) or real(*a, **k)
    try:
        ctx.changes.emit_change("stock", [shop.bolt.id])
        assert calls == []  # another category's stock: nothing fetched
        ctx.changes.emit_change("products", [shop.bolt.id])  # the product itself (its category may have changed)
        qtbot.wait(1100)
        ctx.changes.emit_change("stock", [shop.bolt.id, shop.steel.id])
        qtbot.waitUntil(lambda: len(calls) == 2, timeout=6000)
    finally:
        stock.list_stock = real
    assert [c.get("product_id") for c in calls] == [(shop.bolt.id,), (shop.steel.id,)]


def test_lots_view_refetches_only_the_lots_of_the_products_a_change_names(qtbot, make_ctx, shop, monkeypatch):
    """Issue 12 (refetch cost): stock moved for one product reads that product's lots only and puts them in place;
    changed lots are read in one go; the list ends as a full reload would have it."""
    shop.lot("30", "10", days=1)
    shop.lot("20", "11", days=2, warehouse=shop.shop1)
    bolt_first = shop.lot("5", "2", product=shop.bolt, days=3)
    shop.lot("7", "3", product=shop.bolt, days=4)
    ctx = make_ctx("viewer")
    view = LotsView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    view.show()
    calls = []
    for name in ("list_lots", "get_lot", "get_lots"):
        real = getattr(stock, name)
        monkeypatch.setattr(stock, name, lambda *a, _real=real, _name=name, **k: calls.append(
            (_name, a[2:], k.get("product_ids"))) or _real(*a, **k))

    def full():  # what a full reload shows
        return reports.list_lots(shop.db, ctx.actor, has_stock=True)

    stock.issue_stock(shop.db, shop.admin, product_id=shop.bolt.id, warehouse_id=shop.main.id, qty=D("6"))
    ctx.changes.emit_change("stock", [shop.bolt.id])
    qtbot.waitUntil(lambda: calls != [], timeout=3000)
    assert calls == [("list_lots", (), [shop.bolt.id])]  # only the named product's lots
    assert bolt_first not in {row.id for row in view.model.rows}  # emptied: gone from "with stock only"
    assert view.model.rows == full()

    calls.clear()
    steel_lots = [row.id for row in view.model.rows if row.product_id == shop.steel.id]
    for lot_id in steel_lots:
        stock.change_quality(shop.db, shop.admin, lot_id=lot_id, quality="QUARANTINE")
    ctx.changes.emit_change("lots", steel_lots)
    qtbot.waitUntil(lambda: calls != [], timeout=6000)
    assert calls == [("get_lots", (steel_lots,), None)]  # the changed lots in one read
    assert view.model.rows == full()

    calls.clear()
    other = stock.create_product(shop.db, shop.admin, sku="AAA-1", name="New", unit="pcs", category="metal")
    shop.lot("4", "1", product=other)  # a product not listed before: its place is the server's to tell
    ctx.changes.emit_change("stock", [other.id])
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=6000)
    assert [(name, products) for name, _, products in calls] == [("list_lots", [other.id]), ("list_lots", None)]
    assert view.model.rows == full()
