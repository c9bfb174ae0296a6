"""The paper forms of stock documents: М-4 and М-11 in Russian, receipt/issue/transfer notes in English,
with their numbers, lots, quantities and totals; real PDFs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from erp_desktop.errors import ValidationError
from erp_desktop.printing import save_pdf
from erp_desktop.printing.documents import stock_document
from erp_desktop.services import stock
from erp_desktop.ui import language
from tests.services.stock.stock_fixtures import make_shop

D = Decimal


@pytest.fixture
def russian(qapp):
    assert language.apply_language(language.RUSSIAN)
    yield
    language.apply_language(language.ENGLISH)


@pytest.fixture
def shop(ui_plant):
    shop = make_shop(ui_plant)
    shop.lot("1200", "10.5000", days=1, lot_number="ПЛ-1")
    shop.lot("50", "12.2500", days=2, lot_number="NEW-2")
    return shop


def _text(report) -> str:
    return report.document().toPlainText()


def _sheet(shop, document):
    return stock.get_document_sheet(shop.db, shop.admin, document_id=document.id)


def _receipt(shop):
    return stock.receive_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id,
                               qty=D("1234.5"), unit_cost=D("2.5000"), supplier_id=shop.supplier.id,
                               lot_number="Партия-7", certificate="Плавка 4471", quality="APPROVED",
                               reason="ТН 15 от 01.12")


def _issue(shop):
    part_id = shop.part("ВАЛ-100")
    return stock.issue_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id,
                             qty=D("1210"), part_id=part_id, reason="на валы")


def test_receipt_note_in_english(qapp, shop, tmp_path):
    doc = _receipt(shop)
    report = stock_document(_sheet(shop, doc), printed_by="Anna")
    text = _text(report)
    for expected in (f"Goods receipt note No. {doc.number}", "Plant", "Main store", "Steel Trade LLC",
                     "ST-40X-D40", "40X steel", "Партия-7", "Плавка 4471", "ТН 15 от 01.12",
                     "1\u202f234.500", "2.5000", "3\u202f086.25", "Amount excl. VAT", "Received by (storekeeper)"):
        assert expected in text, expected
    assert "М-4" not in text and "ОКУД" not in text
    assert save_pdf(report, tmp_path / "receipt.pdf") == 1


def test_receipt_is_form_m4_in_russian(russian, shop, tmp_path):
    doc = _receipt(shop)
    text = _text(stock_document(_sheet(shop, doc)))
    for expected in ("Типовая межотраслевая форма № М-4", "0315003", f"ПРИХОДНЫЙ ОРДЕР № {doc.number}",
                     "Поставщик", "Steel Trade LLC", "Партия-7", "Плавка 4471", "166", "кг",
                     "1\u202f234,500", "2,5000", "3\u202f086,25", "Сумма без учёта НДС", "Принял"):
        assert expected in text, expected
    save_pdf(stock_document(_sheet(shop, doc)), tmp_path / "m4.pdf")


def test_issue_note_lists_every_lot_taken_with_totals(qapp, shop):
    doc = _issue(shop)
    text = _text(stock_document(_sheet(shop, doc)))
    # FIFO: 1200 kg of ПЛ-1 at 10.50 (12 600.00), then 10 kg of NEW-2 at 12.25 (122.50)
    for expected in (f"Issue note No. {doc.number}", "ВАЛ-100", "на валы", "ПЛ-1", "NEW-2",
                     "1\u202f200.000", "10.000", "12\u202f600.00", "122.50", "1\u202f210.000", "12\u202f722.50",
                     "Released by", "Received by"):
        assert expected in text, expected


def test_issue_is_form_m11_in_russian(russian, shop, tmp_path):
    doc = _issue(shop)
    report = stock_document(_sheet(shop, doc))
    text = _text(report)
    for expected in ("Типовая межотраслевая форма № М-11", "0315006", f"ТРЕБОВАНИЕ-НАКЛАДНАЯ № {doc.number}",
                     "Отправитель", "Получатель", "ВАЛ-100", "затребовано", "отпущено", "ПЛ-1",
                     "1\u202f200,000", "12\u202f722,50", "Отпустил", "Получил"):
        assert expected in text, expected
    assert save_pdf(report, tmp_path / "m11.pdf") == 1


def test_transfer_note_names_both_warehouses(qapp, shop):
    doc = stock.transfer_stock(shop.db, shop.admin, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                               to_warehouse_id=shop.shop1.id, qty=D("5"))
    text = _text(stock_document(_sheet(shop, doc)))
    assert f"Transfer note No. {doc.number}" in text
    assert "Main store" in text and "Shop 1 store" in text and "5.000" in text and "52.50" in text
    assert text.count("ПЛ-1") == 1  # the lot leaving, not its arrival again


def test_adjustments_have_no_printed_form(qapp, shop):
    lot = stock.list_lots(shop.db, shop.admin)[0]
    doc = stock.adjust_lot(shop.db, shop.admin, lot_id=lot.id, counted_qty=D("1"), reason="count")
    with pytest.raises(ValidationError, match="Only receipts, issues and transfers"):
        _sheet(shop, doc)


def test_transfer_in_russian_is_form_m11_between_warehouses(russian, shop):
    doc = stock.transfer_stock(shop.db, shop.admin, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                               to_warehouse_id=shop.shop1.id, qty=D("5"))
    text = _text(stock_document(_sheet(shop, doc)))
    for expected in (f"ТРЕБОВАНИЕ-НАКЛАДНАЯ № {doc.number}", "Перемещение", "Main store", "Shop 1 store",
                     "5,000", "52,50", "ПЛ-1"):
        assert expected in text, expected
