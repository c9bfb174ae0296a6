"""What a printed stock document shows (services.stock.get_document_sheet), on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from erp_desktop.errors import NotFound, ValidationError
from erp_desktop.services import stock
from tests.services.stock.stock_fixtures import make_shop


@pytest.fixture
def shop(plant):
    return make_shop(plant)


def test_receipt_sheet_names_the_organisation_supplier_and_certificate(shop):
    shop.lot("10", "2.5000", lot_number="Партия-1")
    doc = stock.list_movements(shop.db, shop.plant.viewer).rows[0]
    sheet = stock.get_document_sheet(shop.db, shop.plant.viewer, number=doc.document_number)
    assert sheet.organization and sheet.document.number == doc.document_number
    [line] = sheet.lines
    assert (line.movement.lot_number, line.supplier_name, line.certificate) == ("Партия-1", "Steel Trade LLC",
                                                                                line.certificate)
    assert line.certificate.startswith("HEAT-") and line.movement.qty == D("10.000")
    assert sheet.recorded_by


def test_issue_sheet_names_the_part_and_every_lot(shop):
    shop.lot("5", "1.0000", days=1, lot_number="A")
    shop.lot("5", "2.0000", days=2, lot_number="B")
    part_id = shop.part("ВАЛ-7")
    doc = stock.issue_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("7"),
                            part_id=part_id)
    sheet = stock.get_document_sheet(shop.db, shop.admin, document_id=doc.id)
    assert (sheet.part_code, sheet.part_name) == ("ВАЛ-7", "Shaft ВАЛ-7")
    assert [(line.movement.lot_number, line.movement.qty) for line in sheet.lines] == [("A", D("-5.000")),
                                                                                      ("B", D("-2.000"))]


def test_documents_without_a_form_and_other_organisations_are_refused(shop, db):
    lot = shop.lot("5", "1.0000")
    adjustment = stock.adjust_lot(shop.db, shop.admin, lot_id=lot, counted_qty=D("4"), reason="count")
    with pytest.raises(ValidationError):
        stock.get_document_sheet(shop.db, shop.admin, document_id=adjustment.id)
    from tests.factories import make_plant

    other = make_plant(db, "Plant B", prefix="b_")
    receipt = stock.list_movements(shop.db, shop.admin, kind="receipt").rows[0]
    with pytest.raises(NotFound):
        stock.get_document_sheet(db, other.admin, document_id=receipt.document_id)
