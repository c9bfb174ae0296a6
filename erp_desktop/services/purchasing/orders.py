"""Purchase orders: supplier terms, tolerances, creating and editing orders, sending, cancelling, closing.

A draft is edited freely; once sent, every change is still possible where goods allow it (a line keeps at
least what it received and its product once anything came in) and is recorded in the order's history (who,
when, what: purchase_order_events) as well as in the audit log. A price left empty is the supplier's last price
for the product (its latest order line not cancelled); an expected date left empty is the order date plus the
supplier's lead time for the product.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm.attributes import flag_modified

from erp_desktop.db.engine import Database
from erp_desktop.db.models import (
    Product,
    ProductTolerance,
    PurchaseOrder,
    PurchaseOrderEvent,
    PurchaseOrderLine,
    PurchaseReceipt,
    PurchasingSettings,
    Supplier,
    SupplierProduct,
    User,
    Warehouse,
)
from erp_desktop.db.text_match import contains_ignoring_case, equals_ignoring_case
from erp_desktop.db.types import utcnow
from erp_desktop.domain.codes import CodeKind, keys_as_latin, parse_label_code
from erp_desktop.domain.inputs import REASON_MAX_LENGTH, clean_search
from erp_desktop.domain.purchasing import (
    EDITABLE,
    MAX_TOLERANCE_PCT,
    OPEN,
    PO_MOVES,
    PoMove,
    PoStatus,
    can_move,
    po_number,
    receivable_limit,
    status_after_receiving,
    still_open,
)
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import ZERO, Unit, exact_cost, exact_qty, value_of
from erp_desktop.errors import (
    QT_TRANSLATE_NOOP,
    ConcurrentModification,
    InvalidTransition,
    NotFound,
    Text,
    ValidationError,
)
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import column_int, column_text, optional_id, record_id
from erp_desktop.services.purchasing.dto import (
    PoEventDTO,
    PoLineDTO,
    PoRowDTO,
    PurchaseOrderDTO,
    SupplierTermsDTO,
)
from erp_desktop.services.uow import UnitOfWork, _jsonable, run_read, run_write

MAX_LINES = 500
CHANGED = "purchase_orders"  # the change-notification topic (ids of orders)


@dataclass(frozen=True)
class PoLineInput:
    """A line as the editor sends it: ``line_id`` names an existing line (kept), None a new one."""

    product_id: int
    qty: object
    unit_price: object = None
    expected_date: date | None = None
    line_id: int | None = None


# --------------------------------------------------------------------------- settings and terms


def tolerance_pct(uow: UnitOfWork, product_id: int) -> Decimal:
    """The over-receipt tolerance for a product: its own, else the plant's, else 0 %."""
    own = uow.session.execute(select(ProductTolerance.over_receipt_pct).where(
        ProductTolerance.product_id == product_id, ProductTolerance.org_id == uow.org_id)).scalar()
    if own is not None:
        return own
    plant = uow.session.execute(select(PurchasingSettings.over_receipt_pct).where(
        PurchasingSettings.org_id == uow.org_id)).scalar()
    return plant if plant is not None else ZERO


def tolerances(uow: UnitOfWork, product_ids) -> dict[int, Decimal]:
    ids = sorted(set(product_ids))
    plant = uow.session.execute(select(PurchasingSettings.over_receipt_pct).where(
        PurchasingSettings.org_id == uow.org_id)).scalar()
    found = dict(uow.session.execute(select(ProductTolerance.product_id, ProductTolerance.over_receipt_pct).where(
        ProductTolerance.org_id == uow.org_id, ProductTolerance.product_id.in_(ids))).all()) if ids else {}
    return {pid: found.get(pid, plant if plant is not None else ZERO) for pid in ids}


def _pct(value) -> Decimal:
    pct = exact_qty(value, field="over_receipt_pct", label=QT_TRANSLATE_NOOP("errors", "over-receipt tolerance"), allow_zero=True)
    if pct > MAX_TOLERANCE_PCT:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The over-receipt tolerance can be at most {limit} %."),
                              limit=MAX_TOLERANCE_PCT, field="over_receipt_pct")
    return pct


def get_plant_tolerance(db: Database, actor: Actor) -> Decimal:
    def work(uow: UnitOfWork) -> Decimal:
        value = uow.session.execute(select(PurchasingSettings.over_receipt_pct).where(
            PurchasingSettings.org_id == uow.org_id)).scalar()
        return value if value is not None else ZERO

    return run_read(db, actor, work)


def set_plant_tolerance(db: Database, actor: Actor, pct) -> Decimal:
    """The plant's over-receipt tolerance in percent (default 0 %: never more than ordered)."""
    actor.require(Op.MANAGE_SETTINGS)
    pct = _pct(pct)

    def work(uow: UnitOfWork) -> Decimal:
        row = uow.session.execute(select(PurchasingSettings).where(
            PurchasingSettings.org_id == uow.org_id)).scalar_one_or_none()
        before = row.over_receipt_pct if row else ZERO
        if row is None:
            uow.session.add(PurchasingSettings(org_id=uow.org_id, over_receipt_pct=pct))
        else:
            row.over_receipt_pct = pct
        uow.audit("purchasing_settings", uow.org_id, "update", before={"over_receipt_pct": before},
                  after={"over_receipt_pct": pct})
        return pct

    return run_write(db, actor, work)


def set_product_tolerance(db: Database, actor: Actor, product_id: int, pct) -> Decimal | None:
    """A product's own over-receipt tolerance; None removes it (the plant's applies again)."""
    actor.require(Op.MANAGE_SETTINGS)
    product_id = record_id(Product, product_id, "product")
    pct = None if pct is None or pct == "" else _pct(pct)

    def work(uow: UnitOfWork):
        uow.get_owned(Product, product_id, "product")
        row = uow.session.execute(select(ProductTolerance).where(
            ProductTolerance.product_id == product_id)).scalar_one_or_none()
        before = row.over_receipt_pct if row else None
        if pct is None:
            if row is not None:
                uow.session.delete(row)
        elif row is None:
            uow.session.add(ProductTolerance(org_id=uow.org_id, product_id=product_id, over_receipt_pct=pct))
        else:
            row.over_receipt_pct = pct
        uow.audit("product_tolerance", product_id, "update", before={"over_receipt_pct": before},
                  after={"over_receipt_pct": pct})
        return pct

    return run_write(db, actor, work)


def _last_prices(uow: UnitOfWork, pairs) -> dict[tuple[int, int], Decimal]:
    """(supplier, product) -> the unit price of the supplier's latest order line for the product (not cancelled)."""
    pairs = sorted(set(pairs))
    if not pairs:
        return {}
    ranked = (
        select(PurchaseOrder.supplier_id, PurchaseOrderLine.product_id, PurchaseOrderLine.unit_price,
               func.row_number().over(partition_by=(PurchaseOrder.supplier_id, PurchaseOrderLine.product_id),
                                      order_by=(PurchaseOrder.order_date.desc(), PurchaseOrder.id.desc(),
                                                PurchaseOrderLine.id.desc())).label("n"))
        .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.order_id)
        .where(PurchaseOrder.org_id == uow.org_id, PurchaseOrder.status != PoStatus.CANCELLED.value,
               or_(*[and_(PurchaseOrder.supplier_id == s, PurchaseOrderLine.product_id == p) for s, p in pairs]))
        .subquery()
    )
    rows = uow.session.execute(select(ranked.c.supplier_id, ranked.c.product_id, ranked.c.unit_price)
                               .where(ranked.c.n == 1)).all()
    return {(s, p): price for s, p, price in rows}


def _terms_dto(row: SupplierProduct, supplier: Supplier, product: Product, last_price) -> SupplierTermsDTO:
    return SupplierTermsDTO(row.id, supplier.id, supplier.name, product.id, product.sku, product.name,
                            row.lead_time_days, row.min_order_qty, last_price, row.version)


def set_supplier_terms(db: Database, actor: Actor, *, supplier_id: int, product_id: int, lead_time_days,
                       min_order_qty) -> SupplierTermsDTO:
    """A supplier's lead time (days) and minimum order quantity for a product (created or replaced)."""
    if not (actor.can(Op.MANAGE_SUPPLIERS) or actor.can(Op.EDIT_PURCHASE_ORDERS)):
        actor.require(Op.MANAGE_SUPPLIERS)
    supplier_id = record_id(Supplier, supplier_id, "supplier")
    product_id = record_id(Product, product_id, "product")
    lead = column_int(SupplierProduct.lead_time_days, lead_time_days, label=QT_TRANSLATE_NOOP("errors", "lead time in days"))
    if not 0 <= lead <= 3650:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The lead time must be between 0 and 3650 days."),
                              field="lead_time_days")
    moq = exact_qty(min_order_qty, field="min_order_qty", label=QT_TRANSLATE_NOOP("errors", "minimum order quantity"), allow_zero=True)

    def work(uow: UnitOfWork) -> SupplierTermsDTO:
        supplier = uow.get_owned(Supplier, supplier_id, "supplier")
        product = uow.get_owned(Product, product_id, "product")
        row = uow.session.execute(select(SupplierProduct).where(
            SupplierProduct.supplier_id == supplier_id, SupplierProduct.product_id == product_id)).scalar_one_or_none()
        before = None if row is None else {"lead_time_days": row.lead_time_days, "min_order_qty": row.min_order_qty}
        if row is None:
            row = SupplierProduct(org_id=uow.org_id, supplier_id=supplier_id, product_id=product_id)
            uow.session.add(row)
        row.lead_time_days, row.min_order_qty = lead, moq
        uow.session.flush()
        uow.audit("supplier_product", row.id, "update" if before else "create", before=before,
                  after={"supplier_id": supplier_id, "product_id": product_id, "lead_time_days": lead,
                         "min_order_qty": moq})
        uow.changed("suppliers", supplier_id)
        return _terms_dto(row, supplier, product, _last_prices(uow, [(supplier_id, product_id)]).get(
            (supplier_id, product_id)))

    return run_write(db, actor, work)


def list_supplier_terms(db: Database, actor: Actor, *, supplier_id: int | None = None,
                        product_id: int | None = None) -> list[SupplierTermsDTO]:
    """Every supplier's terms (with the last price paid), by supplier and SKU."""
    supplier_id = optional_id(Supplier, supplier_id, "supplier")
    product_id = optional_id(Product, product_id, "product")

    def work(uow: UnitOfWork) -> list[SupplierTermsDTO]:
        query = (select(SupplierProduct, Supplier, Product)
                 .join(Supplier, Supplier.id == SupplierProduct.supplier_id)
                 .join(Product, Product.id == SupplierProduct.product_id)
                 .where(SupplierProduct.org_id == uow.org_id).order_by(Supplier.name, Product.sku))
        if supplier_id is not None:
            query = query.where(SupplierProduct.supplier_id == supplier_id)
        if product_id is not None:
            query = query.where(SupplierProduct.product_id == product_id)
        rows = uow.session.execute(query).all()
        prices = _last_prices(uow, [(s.id, p.id) for _, s, p in rows])
        return [_terms_dto(row, s, p, prices.get((s.id, p.id))) for row, s, p in rows]

    return run_read(db, actor, work)


@dataclass(frozen=True)
class LineDefaults:
    unit_price: Decimal | None
    lead_time_days: int
    min_order_qty: Decimal
    expected_date: date


def line_defaults(db: Database, actor: Actor, *, supplier_id: int, product_id: int,
                  order_date: date | None = None) -> LineDefaults:
    """What a new line for this supplier and product starts with: the last price, and the expected date from
    the lead time."""
    supplier_id = record_id(Supplier, supplier_id, "supplier")
    product_id = record_id(Product, product_id, "product")
    order_date = order_date or date.today()

    def work(uow: UnitOfWork) -> LineDefaults:
        terms = _terms(uow, supplier_id, [product_id]).get(product_id)
        lead, moq = terms if terms else (0, ZERO)
        price = _last_prices(uow, [(supplier_id, product_id)]).get((supplier_id, product_id))
        return LineDefaults(price, lead, moq, order_date + timedelta(days=lead))

    return run_read(db, actor, work)


def _terms(uow: UnitOfWork, supplier_id: int, product_ids) -> dict[int, tuple[int, Decimal]]:
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    return {pid: (lead, moq) for pid, lead, moq in uow.session.execute(
        select(SupplierProduct.product_id, SupplierProduct.lead_time_days, SupplierProduct.min_order_qty)
        .where(SupplierProduct.supplier_id == supplier_id, SupplierProduct.product_id.in_(ids)))}


# --------------------------------------------------------------------------- reading orders


def _line_dto(line: PurchaseOrderLine, product: Product, pct: Decimal) -> PoLineDTO:
    limit = receivable_limit(line.qty, pct)
    return PoLineDTO(line.id, line.position, product.id, product.sku, product.name, Unit(product.unit), line.qty,
                     line.unit_price, line.expected_date, line.received_qty, still_open(line.qty, line.received_qty),
                     value_of(line.qty, line.unit_price), limit, max(limit - line.received_qty, ZERO))


def order_dto(uow: UnitOfWork, order: PurchaseOrder, *, events: bool = True) -> PurchaseOrderDTO:
    supplier = uow.session.get(Supplier, order.supplier_id)
    warehouse = uow.session.get(Warehouse, order.warehouse_id)
    rows = uow.session.execute(
        select(PurchaseOrderLine, Product).join(Product, Product.id == PurchaseOrderLine.product_id)
        .where(PurchaseOrderLine.order_id == order.id).order_by(PurchaseOrderLine.position, PurchaseOrderLine.id)
    ).all()
    pcts = tolerances(uow, [p.id for _, p in rows])
    history: tuple[PoEventDTO, ...] = ()
    if events:
        history = tuple(
            PoEventDTO(e.at, e.user_id, username or "", e.action, e.details or {})
            for e, username in uow.session.execute(
                select(PurchaseOrderEvent, User.username).outerjoin(User, User.id == PurchaseOrderEvent.user_id)
                .where(PurchaseOrderEvent.order_id == order.id).order_by(PurchaseOrderEvent.id)).all())
    return PurchaseOrderDTO(
        order.id, order.number, supplier.id, supplier.name, supplier.contact, warehouse.id, warehouse.name,
        order.order_date, PoStatus(order.status), order.notes, order.cancel_reason, order.created_by, order.sent_at,
        order.version, tuple(_line_dto(line, product, pcts[product.id]) for line, product in rows), history)


def get_purchase_order(db: Database, actor: Actor, order_id: int) -> PurchaseOrderDTO:
    order_id = record_id(PurchaseOrder, order_id, "purchase order")
    return run_read(db, actor, lambda uow: order_dto(uow, uow.get_owned(PurchaseOrder, order_id, "purchase order")))


def order_by_code(uow: UnitOfWork, code: str) -> PurchaseOrder:
    """The order a scanned label (O000123) or a typed number (PO-000123, or just 123) names."""
    label = parse_label_code(code)
    if label is not None:
        if label.kind != CodeKind.PURCHASE_ORDER:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{code} is not a purchase order label; scan the order's label "
                                                              "or type its number."), code=code, field="code")
        return uow.get_owned(PurchaseOrder, label.id, "purchase order")
    for text in dict.fromkeys([code, keys_as_latin(code)]):
        candidates = [text, po_number(int(text))] if text.isdigit() and len(text) <= 12 else [text]
        for candidate in candidates:
            order = uow.session.execute(select(PurchaseOrder).where(
                PurchaseOrder.org_id == uow.org_id, equals_ignoring_case(PurchaseOrder.number, candidate))
            ).scalar_one_or_none()
            if order is not None:
                return order
    raise NotFound(QT_TRANSLATE_NOOP("errors", "No purchase order '{code}' is known. Check the number and try again."),
                   code=code)


def find_purchase_order(db: Database, actor: Actor, code: str) -> PurchaseOrderDTO:
    """The order a scanned label or typed number names."""
    code = clean_search(code, field="code", label=QT_TRANSLATE_NOOP("errors", "purchase order number"))
    if not code:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Scan the purchase order's label or type its number."),
                              field="code")
    return run_read(db, actor, lambda uow: order_dto(uow, order_by_code(uow, code)))


def list_purchase_orders(db: Database, actor: Actor, *, status: PoStatus | str | None = None,
                         open_only: bool = False, supplier_id: int | None = None, search: str = "",
                         today: date | None = None, limit: int = 1000) -> list[PoRowDTO]:
    """Orders newest first, with their totals, next expected date and whether a line is late."""
    statuses = [PoStatus(status).value] if status else [s.value for s in OPEN] if open_only else None
    supplier_id = optional_id(Supplier, supplier_id, "supplier")
    search = clean_search(search)
    today = today or date.today()

    def work(uow: UnitOfWork) -> list[PoRowDTO]:
        open_qty = PurchaseOrderLine.qty - PurchaseOrderLine.received_qty
        lines = (
            select(PurchaseOrderLine.order_id, func.count().label("n"),
                   func.sum(PurchaseOrderLine.qty * PurchaseOrderLine.unit_price).label("total"),
                   func.min(PurchaseOrderLine.expected_date).filter(open_qty > 0).label("next_expected"))
            .group_by(PurchaseOrderLine.order_id).subquery()
        )
        query = (
            select(PurchaseOrder.id, PurchaseOrder.number, Supplier.name, PurchaseOrder.order_date,
                   PurchaseOrder.status, lines.c.n, lines.c.total, lines.c.next_expected, PurchaseOrder.version)
            .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
            .outerjoin(lines, lines.c.order_id == PurchaseOrder.id)
            .where(PurchaseOrder.org_id == uow.org_id)
            .order_by(PurchaseOrder.order_date.desc(), PurchaseOrder.id.desc()).limit(limit)
        )
        if statuses:
            query = query.where(PurchaseOrder.status.in_(statuses))
        if supplier_id is not None:
            query = query.where(PurchaseOrder.supplier_id == supplier_id)
        if search:
            query = query.where(contains_ignoring_case([PurchaseOrder.number, Supplier.name], search))
        result = []
        for oid, number, supplier, order_date, st, n, total, next_expected, version in uow.session.execute(query):
            status_ = PoStatus(st)
            late = status_ in OPEN and next_expected is not None and next_expected < today
            result.append(PoRowDTO(oid, number, supplier, order_date, status_, n or 0,
                                   Decimal(total or 0).quantize(Decimal("0.0001")), next_expected, late, version))
        return result

    return run_read(db, actor, work)


# --------------------------------------------------------------------------- writing orders


def record_event(uow: UnitOfWork, order: PurchaseOrder, action: str, details: dict | None = None) -> None:
    """The order's history (and the audit log): who did what, when."""
    details = _jsonable(details or {})
    uow.session.add(PurchaseOrderEvent(order_id=order.id, at=utcnow(), user_id=uow.actor.user_id, action=action,
                                       details=details))
    uow.audit("purchase_order", order.id, action, after={"number": order.number, **details})
    uow.changed(CHANGED, order.id)


def _notes(value) -> str:
    return column_text(PurchaseOrder.notes, value, label=QT_TRANSLATE_NOOP("errors", "notes"), max_len=REASON_MAX_LENGTH)


def _clean_lines(lines) -> list[PoLineInput]:
    cleaned = []
    for n, raw in enumerate(lines, start=1):
        line = raw if isinstance(raw, PoLineInput) else PoLineInput(**raw)
        qty = exact_qty(line.qty, field=f"lines.{n}.qty", label=Text(QT_TRANSLATE_NOOP("errors", "quantity of line {line}"), line=n))
        price = None if line.unit_price in (None, "") else exact_cost(
            line.unit_price, field=f"lines.{n}.unit_price", label=Text(QT_TRANSLATE_NOOP("errors", "unit price of line {line}"), line=n))
        if line.expected_date is not None and not isinstance(line.expected_date, date):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Line {line} needs an expected date."), line=n,
                                  field=f"lines.{n}.expected_date")
        cleaned.append(PoLineInput(record_id(Product, line.product_id, "product"), qty, price, line.expected_date,
                                   optional_id(PurchaseOrderLine, line.line_id, QT_TRANSLATE_NOOP("errors", "order line"))))
    if not cleaned:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A purchase order needs at least one line."), field="lines")
    if len(cleaned) > MAX_LINES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A purchase order can have at most {limit} lines."),
                              limit=MAX_LINES, field="lines")
    return cleaned


def _check_supplier(uow: UnitOfWork, supplier_id: int) -> Supplier:
    supplier = uow.get_owned(Supplier, supplier_id, "supplier")
    if not supplier.is_active:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Supplier {name} is deactivated."), name=supplier.name,
                              field="supplier_id")
    return supplier


def _check_warehouse(uow: UnitOfWork, warehouse_id: int) -> Warehouse:
    warehouse = uow.get_owned(Warehouse, warehouse_id, "warehouse")
    if not warehouse.is_active:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{name} is deactivated and cannot receive goods."),
                              name=warehouse.name, field="warehouse_id")
    return warehouse


def _resolve_lines(uow: UnitOfWork, supplier_id: int, order_date: date, lines: list[PoLineInput]) -> list[dict]:
    """Prices, expected dates and terms filled in and checked: one dict of column values per line."""
    products = {p.id: p for p in uow.session.execute(select(Product).where(
        Product.id.in_({line.product_id for line in lines}), Product.org_id == uow.org_id)).scalars()}
    terms = _terms(uow, supplier_id, products)
    prices = _last_prices(uow, [(supplier_id, pid) for pid in products])
    resolved = []
    for n, line in enumerate(lines, start=1):
        product = products.get(line.product_id)
        if product is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "The product of line {line} does not exist (any more)."), line=n)
        lead, moq = terms.get(product.id, (0, ZERO))
        price = line.unit_price if line.unit_price is not None else prices.get((supplier_id, product.id))
        if price is None:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the unit price of line {line} ({sku}): this supplier "
                                                              "has no earlier price for it."),
                                  line=n, sku=product.sku, field=f"lines.{n}.unit_price")
        if line.qty < moq:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Line {line}: the supplier's minimum order of {sku} is {moq} "
                                                              "{unit}; order at least that much."),
                                  line=n, sku=product.sku, moq=moq, unit=Unit(product.unit), field=f"lines.{n}.qty")
        resolved.append({"line_id": line.line_id, "product_id": product.id, "qty": line.qty, "unit_price": price,
                         "expected_date": line.expected_date or order_date + timedelta(days=lead), "sku": product.sku})
    return resolved


def _next_number(uow: UnitOfWork) -> tuple[int, str]:
    if uow.db.is_postgres:
        serial = uow.session.execute(select(func.nextval("purchase_orders_id_seq"))).scalar_one()
    else:  # the write lock is held since BEGIN IMMEDIATE
        serial = uow.session.execute(select(func.coalesce(func.max(PurchaseOrder.id), 0) + 1)).scalar_one()
    return serial, po_number(serial)


def order_input(actor: Actor, *, supplier_id: int, warehouse_id: int, lines, order_date: date | None,
                notes: str) -> tuple:
    """A new order's plain values checked (the permission, ids, notes and lines): the arguments of create_order."""
    actor.require(Op.EDIT_PURCHASE_ORDERS)
    return (record_id(Supplier, supplier_id, "supplier"), record_id(Warehouse, warehouse_id, "warehouse"),
            order_date or date.today(), _notes(notes), _clean_lines(lines))


def create_order(uow: UnitOfWork, supplier_id: int, warehouse_id: int, order_date: date, notes: str,
                 lines: list[PoLineInput]) -> PurchaseOrderDTO:
    """A draft order inside the caller's unit of work."""
    _check_supplier(uow, supplier_id)
    _check_warehouse(uow, warehouse_id)
    resolved = _resolve_lines(uow, supplier_id, order_date, lines)
    serial, number = _next_number(uow)
    order = PurchaseOrder(id=serial, org_id=uow.org_id, number=number, supplier_id=supplier_id,
                          warehouse_id=warehouse_id, order_date=order_date, status=PoStatus.DRAFT.value,
                          notes=notes, cancel_reason="", created_by=uow.actor.user_id, created_at=utcnow())
    uow.session.add(order)
    uow.session.flush()
    for position, line in enumerate(resolved, start=1):
        uow.session.add(PurchaseOrderLine(order_id=order.id, position=position, product_id=line["product_id"],
                                          qty=line["qty"], unit_price=line["unit_price"],
                                          expected_date=line["expected_date"], received_qty=ZERO))
    record_event(uow, order, "created", {"supplier_id": supplier_id, "lines": [_line_picture(r) for r in resolved]})
    uow.session.flush()
    return order_dto(uow, order)


def create_purchase_order(db: Database, actor: Actor, *, supplier_id: int, warehouse_id: int, lines,
                          order_date: date | None = None, notes: str = "") -> PurchaseOrderDTO:
    """A draft order (number PO-000123)."""
    args = order_input(actor, supplier_id=supplier_id, warehouse_id=warehouse_id, lines=lines,
                       order_date=order_date, notes=notes)
    return run_write(db, actor, lambda uow: create_order(uow, *args))


def _line_picture(line) -> dict:
    if isinstance(line, dict):
        return {"sku": line["sku"], "qty": line["qty"], "unit_price": line["unit_price"],
                "expected_date": line["expected_date"]}
    return {"qty": line.qty, "unit_price": line.unit_price, "expected_date": line.expected_date}


def lock_order(uow: UnitOfWork, order_id: int, *, version: int | None = None) -> PurchaseOrder:
    """The order, its row locked (PostgreSQL) until the transaction ends: every change of an order or of its
    lines' received quantities takes this lock first, then the lines', then the stock positions'."""
    order = uow.session.execute(
        select(PurchaseOrder).where(PurchaseOrder.id == order_id, PurchaseOrder.org_id == uow.org_id)
        .with_for_update().execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if order is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "That purchase order does not exist (any more)."))
    if version is not None and order.version != version:
        raise ConcurrentModification(QT_TRANSLATE_NOOP("errors", "This purchase order was changed by someone else "
                                                                    "meanwhile. The latest values have been loaded; "
                                                                    "check them and make your change again."))
    return order


def update_purchase_order(db: Database, actor: Actor, order_id: int, *, version: int, lines,
                          notes: str | None = None, supplier_id: int | None = None, warehouse_id: int | None = None,
                          order_date: date | None = None) -> PurchaseOrderDTO:
    """Replace the order's lines (and notes, supplier, warehouse, date). A draft changes freely. A sent order keeps
    its supplier; a line that received goods keeps its product and at least what it received; every change is
    recorded in the order's history with before and after."""
    actor.require(Op.EDIT_PURCHASE_ORDERS)
    order_id = record_id(PurchaseOrder, order_id, "purchase order")
    lines = _clean_lines(lines)
    notes = None if notes is None else _notes(notes)
    supplier_id = optional_id(Supplier, supplier_id, "supplier")
    warehouse_id = optional_id(Warehouse, warehouse_id, "warehouse")

    def work(uow: UnitOfWork) -> PurchaseOrderDTO:
        order = lock_order(uow, order_id, version=version)
        status = PoStatus(order.status)
        if status not in EDITABLE:
            raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Purchase order {number} is {status}; it can no longer be "
                                                            "changed."), number=order.number, status=status.value)
        changes: dict = {}
        if supplier_id is not None and supplier_id != order.supplier_id:
            if status != PoStatus.DRAFT:
                raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Purchase order {number} was sent to its supplier; the "
                                                                    "supplier can no longer change. Cancel it and order "
                                                                    "from the other supplier."), number=order.number)
            _check_supplier(uow, supplier_id)
            changes["supplier_id"] = [order.supplier_id, supplier_id]
            order.supplier_id = supplier_id
        if warehouse_id is not None and warehouse_id != order.warehouse_id:
            _check_warehouse(uow, warehouse_id)
            changes["warehouse_id"] = [order.warehouse_id, warehouse_id]
            order.warehouse_id = warehouse_id
        if order_date is not None and order_date != order.order_date:
            if status != PoStatus.DRAFT:
                raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Purchase order {number} was sent; its order date stays."),
                                        number=order.number)
            changes["order_date"] = [order.order_date, order_date]
            order.order_date = order_date
        if notes is not None and notes != order.notes:
            changes["notes"] = [order.notes, notes]
            order.notes = notes
        existing = {line.id: line for line in uow.session.execute(
            select(PurchaseOrderLine).where(PurchaseOrderLine.order_id == order.id)
            .order_by(PurchaseOrderLine.id).with_for_update()).scalars()}
        resolved = _resolve_lines(uow, order.supplier_id, order.order_date, lines)
        kept = {r["line_id"] for r in resolved if r["line_id"] is not None}
        if unknown := kept - set(existing):
            raise NotFound(QT_TRANSLATE_NOOP("errors", "Order line {line} is not a line of {number} (any more)."),
                           line=min(unknown), number=order.number)
        line_changes = []
        for line_id in sorted(set(existing) - kept):
            line = existing[line_id]
            if line.received_qty > 0 or _has_receipts(uow, line.id):
                raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Line {line} of {number} has received goods; it cannot be "
                                                                    "removed."), line=line.position, number=order.number)
            line_changes.append({"line": line.position, "removed": _line_picture(line)})
            uow.session.delete(line)
        for position, r in enumerate(resolved, start=1):
            line = existing.get(r["line_id"])
            if line is None:
                uow.session.add(PurchaseOrderLine(order_id=order.id, position=position, product_id=r["product_id"],
                                                  qty=r["qty"], unit_price=r["unit_price"],
                                                  expected_date=r["expected_date"], received_qty=ZERO))
                line_changes.append({"line": position, "added": _line_picture(r)})
                continue
            before = {"product_id": line.product_id, **_line_picture(line)}
            if line.product_id != r["product_id"] and (line.received_qty > 0 or _has_receipts(uow, line.id)):
                raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Line {line} of {number} has received goods; its product "
                                                                    "cannot change."), line=line.position,
                                        number=order.number)
            if r["qty"] < line.received_qty:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Line {line} already received {received}; the ordered "
                                                                  "quantity cannot be lower than that."),
                                      line=line.position, received=line.received_qty, field=f"lines.{position}.qty")
            line.position, line.product_id, line.qty = position, r["product_id"], r["qty"]
            line.unit_price, line.expected_date = r["unit_price"], r["expected_date"]
            after = {"product_id": line.product_id, **_line_picture(line)}
            if after != before:
                line_changes.append({"line": position, "before": before, "after": after})
        if line_changes:
            changes["lines"] = line_changes
        if not changes:
            return order_dto(uow, order)
        uow.session.flush()
        if status != PoStatus.DRAFT:
            current = uow.session.execute(select(PurchaseOrderLine.qty, PurchaseOrderLine.received_qty).where(
                PurchaseOrderLine.order_id == order.id)).all()
            order.status = status_after_receiving(status, [tuple(row) for row in current]).value
        flag_modified(order, "notes")  # a change of lines alone is a new version of the order too
        record_event(uow, order, "edited" if status == PoStatus.DRAFT else "changed_after_sending", changes)
        uow.session.flush()
        return order_dto(uow, order)

    return run_write(db, actor, work)


def _has_receipts(uow: UnitOfWork, line_id: int) -> bool:
    return uow.session.execute(select(PurchaseReceipt.id).where(PurchaseReceipt.line_id == line_id).limit(1)).first() \
        is not None


# how a refusal says the move ("it cannot <be sent>"), marked for the UI's translation
_PAST = {PoMove.SEND: QT_TRANSLATE_NOOP("errors", "be sent"), PoMove.CANCEL: QT_TRANSLATE_NOOP("errors", "be cancelled"),
         PoMove.CLOSE: QT_TRANSLATE_NOOP("errors", "be closed")}


def _move(db: Database, actor: Actor, order_id: int, move: PoMove, *, version: int, reason: str = "") -> PurchaseOrderDTO:
    actor.require(Op.EDIT_PURCHASE_ORDERS)
    order_id = record_id(PurchaseOrder, order_id, "purchase order")
    reason = column_text(PurchaseOrder.cancel_reason, reason, label="reason", field="reason",
                         required=move == PoMove.CANCEL, max_len=REASON_MAX_LENGTH)

    def work(uow: UnitOfWork) -> PurchaseOrderDTO:
        order = lock_order(uow, order_id, version=version)
        if not can_move(move, order.status):
            raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Purchase order {number} is {status}; it cannot {move}."),
                                    number=order.number, status=PoStatus(order.status).value, move=_PAST[move])
        if move == PoMove.CANCEL:
            received = uow.session.execute(
                select(func.count()).select_from(PurchaseReceipt)
                .join(PurchaseOrderLine, PurchaseOrderLine.id == PurchaseReceipt.line_id)
                .where(PurchaseOrderLine.order_id == order.id)).scalar_one()
            if received:
                raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Goods were received against {number}; it cannot be "
                                                                    "cancelled. Close it instead."), number=order.number)
            order.cancel_reason = reason
        if move == PoMove.SEND:
            order.sent_at = utcnow()
        before = order.status
        order.status = PO_MOVES[move][1].value
        record_event(uow, order, move.value, {"from": before, "to": order.status, **({"reason": reason} if reason
                                                                                     else {})})
        uow.session.flush()
        return order_dto(uow, order)

    return run_write(db, actor, work)


def send_purchase_order(db: Database, actor: Actor, order_id: int, *, version: int) -> PurchaseOrderDTO:
    """Draft -> sent: the order goes to the supplier (print it as PDF); from now on changes are recorded."""
    return _move(db, actor, order_id, PoMove.SEND, version=version)


def cancel_purchase_order(db: Database, actor: Actor, order_id: int, *, version: int, reason: str) -> PurchaseOrderDTO:
    """Draft or sent -> cancelled, with a reason; refused once anything was received."""
    return _move(db, actor, order_id, PoMove.CANCEL, version=version, reason=reason)


def close_purchase_order(db: Database, actor: Actor, order_id: int, *, version: int, reason: str = "") -> PurchaseOrderDTO:
    """The order expects nothing more (what was not delivered will not be)."""
    return _move(db, actor, order_id, PoMove.CLOSE, version=version, reason=reason)
