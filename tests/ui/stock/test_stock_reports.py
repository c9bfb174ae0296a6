"""Stock reports: the figures in the document text, and real PDFs."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from erp_desktop.printing import save_pdf
from erp_desktop.printing import stock_reports as reports
from erp_desktop.services import stock
from erp_desktop.ui.stock.common import Catalog
from erp_desktop.ui.stock.reports import REPORTS, StockReportsView
from tests.services.stock.stock_fixtures import make_shop

D = Decimal


@pytest.fixture
def shop(ui_plant):
    shop = make_shop(ui_plant)
    shop.lot("60", "10.0000", days=1, lot_number="OLD-1")
    shop.lot("50", "12.5000", days=2, lot_number="NEW-2")
    shop.lot("7", "3.0000", product=shop.bolt, days=3)
    stock.issue_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("80"),
                      reason="for shafts")
    return shop


def _text(report) -> str:
    return report.document().toPlainText()


def _pdf(report, tmp_path, name: str):
    path = tmp_path / f"{name}.pdf"
    assert save_pdf(report, path) >= 1
    assert path.read_bytes().startswith(b"%PDF")
    return path


def test_availability_and_critical_stock(qapp, shop, tmp_path):
    rows = stock.list_stock(shop.db, shop.admin)
    report = reports.availability_report(rows, organization="Plant A", printed_by="Anna")
    text = _text(report)
    # steel: 30 kg left of lot NEW-2 at 12.5 = 375.00; bolts 7 x 3 = 21
    assert "ST-40X-D40" in text and "30.000" in text and "375.00" in text
    assert "396.00" in text  # total FIFO value
    assert "yes" in text  # steel is below its minimum of 50
    _pdf(report, tmp_path, "availability")

    critical = reports.critical_stock_report(stock.list_critical_stock(shop.db, shop.admin), organization="Plant A")
    text = _text(critical)
    assert "ST-40X-D40" in text and "50.000" in text and "20.000" in text  # minimum, shortage
    assert "BOLT-M8" not in text
    _pdf(critical, tmp_path, "critical")


def test_stock_card_has_running_balance(qapp, shop, tmp_path):
    card = stock.get_stock_card(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id)
    report = reports.stock_card_report(card, organization="Plant A")
    text = _text(report)
    for figure in ("60.000", "110.000", "30.000", "375.00", "for shafts", "OLD-1"):
        assert figure in text
    _pdf(report, tmp_path, "card")


def test_valuation_and_journal_reports(qapp, shop, tmp_path):
    valuation = stock.get_valuation(shop.db, shop.admin, as_of=date.today())
    report = reports.valuation_report(valuation, organization="Plant A")
    text = _text(report)
    assert "396.00" in text and "Main store" in text
    _pdf(report, tmp_path, "valuation")

    early = stock.get_valuation(shop.db, shop.admin, as_of=date.today() - timedelta(days=365))
    assert "Total value:\n0.00" in _text(reports.valuation_report(early, organization="Plant A"))

    movements = stock.get_journal(shop.db, shop.admin)
    journal = reports.movement_journal_report(movements, organization="Plant A", date_from=None, date_to=date.today())
    text = _text(journal)
    assert "Receipt" in text and "Issue" in text and "-60.000" in text and "-20.000" in text
    assert "up to " + date.today().isoformat() in text
    _pdf(journal, tmp_path, "journal")


def test_reports_tab_builds_every_report(qtbot, make_ctx, shop, tmp_path):
    ctx = make_ctx("viewer")
    view = StockReportsView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    written = view.smoke(tmp_path)
    assert sorted(p.stem for p in written) == sorted(REPORTS)
    assert all(p.read_bytes().startswith(b"%PDF") for p in written)

    view.choice.setCurrentRow(list(REPORTS).index("stock_card"))
    view.product.set_product(None)
    built = []
    view.build("stock_card", built.append)
    assert built == [] and "product" in view.error.text()


def test_valuation_title_shows_the_day_chosen(qapp, shop):
    day = date.today() - timedelta(days=3)
    valuation = stock.get_valuation(shop.db, shop.admin, as_of=day)
    assert valuation.as_of_date == day
    report = reports.valuation_report(valuation, organization="Plant A")
    assert report.title == f"Stock valuation at the end of {day.isoformat()}"
    assert (day + timedelta(days=1)).isoformat() not in report.title  # not the midnight after it


def test_reports_tab_exports_csv_and_excel(qtbot, make_ctx, shop, tmp_path):
    from openpyxl import load_workbook

    ctx = make_ctx("viewer")
    view = StockReportsView(ctx, Catalog(ctx))
    qtbot.addWidget(view)
    written = []
    view.build("valuation", lambda r: written.append(view.export(r, ".csv", tmp_path / "valuation.csv")))
    view.build("valuation", lambda r: written.append(view.export(r, ".xlsx", tmp_path / "valuation.xlsx")))
    assert written == [tmp_path / "valuation.csv", tmp_path / "valuation.xlsx"]
    text = (tmp_path / "valuation.csv").read_text(encoding="utf-8-sig")
    assert "By warehouse" in text and "Main store,396.00" in text and "ST-40X-D40" in text
    book = load_workbook(tmp_path / "valuation.xlsx")
    assert book.sheetnames == ["By warehouse", "By product"]
    products = book["By product"]
    header = [c.value for c in products[1]]
    steel = next(row for row in products.iter_rows(min_row=2) if row[0].value == "ST-40X-D40")
    assert steel[header.index("Quantity")].number_format == "#,##0.000"
    assert steel[header.index("Value")].number_format == "#,##0.00"
    assert view.csv_button.text() == "Export to CSV..." and view.xlsx_button.text() == "Export to Excel..."
