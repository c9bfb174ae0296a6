"""What a scanned (or typed) code names, in the signed-in user's organisation.

Label codes (``L000123``, see domain/codes.py) name one record by id, whatever keyboard layout typed them.
Other text is tried as a product SKU, a lot number, a part code, a warehouse code and a stock document
number, in that order (case-insensitive), first as typed, then as the same keys on a US layout (a SKU's
barcode scanned with the Russian layout active).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Lot, Part, Product, PurchaseOrder, Warehouse
from erp_desktop.db.text_match import equals_ignoring_case
from erp_desktop.domain.codes import CodeKind, keys_as_latin, label_payload, parse_label_code
from erp_desktop.domain.inputs import clean_search
from erp_desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.production.dto import PartDTO
from erp_desktop.services.production.parts import load_part_dto
from erp_desktop.services.stock.dto import CodeMatch, DocumentDTO, LotDTO, ProductDTO, WarehouseDTO
from erp_desktop.services.stock.reports import document_in_org, lot_rows
from erp_desktop.services.stock.rows import product_dto, warehouse_dto
from erp_desktop.services.uow import UnitOfWork, run_read

LOTS_PER_NUMBER = 200


@dataclass(frozen=True)
class ScannedThing:
    """One record a code names. ``lots``: for a lot, the lots carrying its number and product (a transfer
    keeps both), the scanned one first while it has stock, then those with stock, then the rest."""

    kind: CodeKind
    id: int
    code: str  # what was scanned, as typed
    product: ProductDTO | None = None
    lots: tuple[LotDTO, ...] = ()
    part: PartDTO | None = None
    warehouse: WarehouseDTO | None = None
    document: DocumentDTO | None = None

    @property
    def lot(self) -> LotDTO | None:
        return self.lots[0] if self.lots else None

    @property
    def payload(self) -> str:
        return label_payload(self.kind, self.id)


_KIND_NAMES = {
    CodeKind.LOT: QT_TRANSLATE_NOOP("errors", "lot"), CodeKind.PRODUCT: QT_TRANSLATE_NOOP("errors", "product"),
    CodeKind.PART: QT_TRANSLATE_NOOP("errors", "part"), CodeKind.WAREHOUSE: QT_TRANSLATE_NOOP("errors", "warehouse"),
    CodeKind.DOCUMENT: QT_TRANSLATE_NOOP("errors", "stock document"),
    CodeKind.PURCHASE_ORDER: QT_TRANSLATE_NOOP("errors", "purchase order"),
}


def _not_on_file(code: str, kind: CodeKind) -> NotFound:
    return NotFound(QT_TRANSLATE_NOOP("errors", "Label {code} names a {kind} that does not exist in this organisation. "
                    "Check that the label is one of ours."), code=code, kind=_KIND_NAMES[kind])


def _clean(code: str) -> str:
    code = clean_search(code, field="code", label=QT_TRANSLATE_NOOP("errors", "scanned code"))
    if not code:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Scan a label or type a code."), field="code")
    return code


def _lot_family(uow: UnitOfWork, lot_id: int) -> tuple[LotDTO, ...]:
    scanned = uow.session.get(Lot, lot_id)
    if scanned is None or scanned.org_id != uow.org_id:
        return ()
    lots = [lot for lot in lot_rows(uow, product_id=scanned.product_id, lot_number=scanned.lot_number,
                                    limit=LOTS_PER_NUMBER) if lot.lot_number == scanned.lot_number]
    if not any(lot.id == lot_id for lot in lots):  # more than LOTS_PER_NUMBER share the number
        lots = lot_rows(uow, lot_ids=[lot_id]) + lots
    lots.sort(key=lambda lot: (lot.on_hand == 0, lot.id != lot_id, lot.received_at, lot.id))
    return tuple(lots)


def _by_label(uow: UnitOfWork, code: str) -> ScannedThing | None:
    label = parse_label_code(code)
    if label is None:
        return None
    kind, record_id = label.kind, label.id
    found: ScannedThing | None = None
    if kind == CodeKind.LOT:
        lots = _lot_family(uow, record_id)
        if lots:
            found = ScannedThing(kind, record_id, code, product=product_dto(uow.session.get(Product, lots[0].product_id)),
                                 lots=lots)
    elif kind == CodeKind.PRODUCT:
        product = uow.session.get(Product, record_id)
        if product is not None and product.org_id == uow.org_id:
            found = ScannedThing(kind, record_id, code, product=product_dto(product))
    elif kind == CodeKind.WAREHOUSE:
        warehouse = uow.session.get(Warehouse, record_id)
        if warehouse is not None and warehouse.org_id == uow.org_id:
            found = ScannedThing(kind, record_id, code, warehouse=warehouse_dto(warehouse))
    elif kind == CodeKind.PURCHASE_ORDER:
        order = uow.session.get(PurchaseOrder, record_id)
        if order is not None and order.org_id == uow.org_id:
            found = ScannedThing(kind, record_id, code)
    elif kind == CodeKind.PART:
        try:
            found = ScannedThing(kind, record_id, code, part=load_part_dto(uow, record_id, date.today()))
        except NotFound:
            found = None
    else:
        try:
            found = ScannedThing(kind, record_id, code, document=document_in_org(uow, document_id=record_id))
        except NotFound:
            found = None
    if found is None:
        raise _not_on_file(code, kind)
    return found


def _by_product_or_lot_number(uow: UnitOfWork, code: str, text: str) -> ScannedThing | None:
    product = uow.session.execute(
        select(Product).where(Product.org_id == uow.org_id, equals_ignoring_case(Product.sku, text))
    ).scalar_one_or_none()
    if product is not None:
        return ScannedThing(CodeKind.PRODUCT, product.id, code, product=product_dto(product))
    lots = lot_rows(uow, lot_number=text, limit=LOTS_PER_NUMBER)
    if not lots:
        return None
    lots.sort(key=lambda lot: (lot.on_hand == 0, lot.received_at, lot.id))
    products = {lot.product_id for lot in lots}
    single = product_dto(uow.session.get(Product, lots[0].product_id)) if len(products) == 1 else None
    return ScannedThing(CodeKind.LOT, lots[0].id, code, product=single, lots=tuple(lots))


def _by_other_code(uow: UnitOfWork, code: str, text: str) -> ScannedThing | None:
    part_id = uow.session.execute(
        select(Part.id).where(Part.org_id == uow.org_id, equals_ignoring_case(Part.code, text))).scalar()
    if part_id is not None:
        return ScannedThing(CodeKind.PART, part_id, code, part=load_part_dto(uow, part_id, date.today()))
    warehouse = uow.session.execute(
        select(Warehouse).where(Warehouse.org_id == uow.org_id, equals_ignoring_case(Warehouse.code, text))
    ).scalar_one_or_none()
    if warehouse is not None:
        return ScannedThing(CodeKind.WAREHOUSE, warehouse.id, code, warehouse=warehouse_dto(warehouse))
    try:
        document = document_in_org(uow, number=text)
    except NotFound:
        return None
    return ScannedThing(CodeKind.DOCUMENT, document.id, code, document=document)


def _spellings(code: str) -> list[str]:
    latin = keys_as_latin(code)
    return [code] if latin == code else [code, latin]


def _resolve(uow: UnitOfWork, code: str, *, stock_only: bool) -> ScannedThing:
    found = _by_label(uow, code)
    if found is not None:
        return found
    for lookup in (_by_product_or_lot_number,) if stock_only else (_by_product_or_lot_number, _by_other_code):
        for text in _spellings(code):
            found = lookup(uow, code, text)
            if found is not None:
                return found
    if stock_only:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No product SKU or lot number '{code}' is known. Check the label and scan again."), code=code)
    raise NotFound(QT_TRANSLATE_NOOP("errors", "Nothing is known by '{code}': no label, SKU, lot number, part code, warehouse code or document number. Check the label and scan again."), code=code)


def resolve_code(db: Database, actor: Actor, code: str) -> ScannedThing:
    """The lot, product, part, warehouse or stock document a scanned label (or typed code) names."""
    code = _clean(code)
    return run_read(db, actor, lambda uow: _resolve(uow, code, stock_only=False))


def find_by_code(db: Database, actor: Actor, code: str) -> CodeMatch:
    """What a clerk scanned into a stock field: a product (label or SKU) or lots (label or lot number).

    A lot label names its lot first; a lot number may name several lots (a transfer keeps the number),
    those with stock first. A part, warehouse or document label is refused with what to scan instead.
    """
    code = _clean(code)

    def work(uow: UnitOfWork) -> CodeMatch:
        found = _resolve(uow, code, stock_only=True)
        if found.kind not in (CodeKind.PRODUCT, CodeKind.LOT):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{code} is a {kind} label; scan a product or a lot label."), code=code, kind=_KIND_NAMES[found.kind],
                                  field="code")
        return CodeMatch(code, found.product, found.lots)

    return run_read(db, actor, work)
