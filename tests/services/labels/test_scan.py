"""The scan service: a label code (any keyboard layout) or a typed code resolves to the thing it names,
only in the user's own organisation. Runs on SQLite and PostgreSQL."""

from decimal import Decimal as D

import pytest

from erp_desktop.domain.codes import CodeKind, label_payload
from erp_desktop.errors import NotFound, ValidationError
from erp_desktop.services import stock
from erp_desktop.services.labels.scan import resolve_code
from tests.factories import make_plant
from tests.services.stock.stock_fixtures import make_shop


@pytest.fixture
def shop(plant):
    return make_shop(plant)


def test_lot_label_names_its_lot_product_and_warehouse(shop):
    lot_id = shop.lot(12, "3.5")
    found = resolve_code(shop.db, shop.plant.operator, label_payload(CodeKind.LOT, lot_id))
    assert (found.kind, found.id) == (CodeKind.LOT, lot_id)
    assert found.lot.id == lot_id and found.lot.warehouse_id == shop.main.id
    assert found.product.id == shop.steel.id


def test_lot_label_scanned_with_russian_layout_finds_the_lot(shop):
    lot_id = shop.lot(5, "1")
    russian = "Д" + f"{lot_id:06d}"
    found = stock.find_by_code(shop.db, shop.plant.supply, russian)
    assert found.lots[0].id == lot_id and found.product.id == shop.steel.id


def test_lot_label_of_a_transferred_lot_offers_the_lot_with_stock_first(shop):
    lot_id = shop.lot(10, "1", lot_number="HEAT-77")
    stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                         to_warehouse_id=shop.shop1.id, qty=D("10"))
    found = resolve_code(shop.db, shop.plant.viewer, label_payload("lot", lot_id))
    assert [lot.warehouse_id for lot in found.lots] == [shop.shop1.id, shop.main.id]
    assert found.lots[1].id == lot_id


def test_scanned_lot_comes_first_while_it_has_stock(shop):
    first = shop.lot(10, "1", lot_number="HEAT-88")
    stock.transfer_stock(shop.db, shop.plant.supply, product_id=shop.steel.id, from_warehouse_id=shop.main.id,
                         to_warehouse_id=shop.shop1.id, qty=D("4"))
    found = resolve_code(shop.db, shop.plant.viewer, label_payload("lot", first))
    assert found.lots[0].id == first and len(found.lots) == 2


def test_product_warehouse_part_and_document_labels(shop):
    viewer = shop.plant.viewer
    assert resolve_code(shop.db, viewer, label_payload("product", shop.bolt.id)).product.sku == "BOLT-M8"
    assert resolve_code(shop.db, viewer, "Ц" + f"{shop.shop1.id:06d}").warehouse.code == "SHOP1"
    part_id = shop.part("DRW-7")
    assert resolve_code(shop.db, viewer, "е" + f"{part_id:06d}").part.code == "DRW-7"  # Caps Lock, Russian
    doc = stock.receive_stock(shop.db, shop.admin, product_id=shop.bolt.id, warehouse_id=shop.main.id, qty=D("5"),
                              unit_cost=D("1"))
    found = resolve_code(shop.db, viewer, label_payload("document", doc.id))
    assert found.document.number == doc.number and found.document.movements[0].lot_id == doc.movements[0].lot_id


def test_typed_codes_find_sku_lot_number_part_warehouse_and_document(shop):
    viewer = shop.plant.viewer
    shop.lot(3, "2", lot_number="HEAT-99")
    part_id = shop.part("DRW-8")
    doc = stock.receive_stock(shop.db, shop.admin, product_id=shop.bolt.id, warehouse_id=shop.main.id, qty=D("1"),
                              unit_cost=D("1"), lot_number="B-1")  # (an unnamed lot takes the document's number)
    assert resolve_code(shop.db, viewer, "bolt-m8").kind == CodeKind.PRODUCT
    assert resolve_code(shop.db, viewer, "heat-99").lot.lot_number == "HEAT-99"
    assert resolve_code(shop.db, viewer, "drw-8").id == part_id
    assert resolve_code(shop.db, viewer, "shop1").warehouse.id == shop.shop1.id
    assert resolve_code(shop.db, viewer, doc.number.lower()).document.id == doc.id
    # a SKU's own barcode scanned with the Russian layout: ИЩДЕ-Ь8 are the keys of BOLT-M8
    assert resolve_code(shop.db, viewer, "ИЩДЕ-Ь8").product.id == shop.bolt.id


def test_stock_fields_refuse_a_part_label_and_say_what_to_scan(shop):
    part_id = shop.part("DRW-9")
    with pytest.raises(ValidationError, match="part label; scan a product or a lot"):
        stock.find_by_code(shop.db, shop.plant.supply, label_payload("part", part_id))


def test_unknown_label_and_empty_code_are_refused(shop):
    with pytest.raises(NotFound, match="L999999 names a lot that does not exist"):
        resolve_code(shop.db, shop.plant.viewer, "L999999")
    with pytest.raises(NotFound, match="Nothing is known by 'NOPE'"):
        resolve_code(shop.db, shop.plant.viewer, "NOPE")
    with pytest.raises(ValidationError):
        resolve_code(shop.db, shop.plant.viewer, "  ")


def test_labels_of_another_organisation_name_nothing(shop):
    lot_id = shop.lot(1, "1")
    part_id = shop.part("DRW-10")
    other = make_plant(shop.db, "Plant B", prefix="b_")
    for payload in (label_payload("lot", lot_id), label_payload("product", shop.steel.id),
                    label_payload("part", part_id), label_payload("warehouse", shop.main.id)):
        with pytest.raises(NotFound):
            resolve_code(shop.db, other.viewer, payload)
    with pytest.raises(NotFound):
        resolve_code(shop.db, other.viewer, "DRW-10")
