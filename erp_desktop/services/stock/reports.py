"""Stock queries and reports: availability with FIFO value, lots, the movement journal in keyset
pages, stock card, valuation as of a moment, critical stock, stock level over time, reservations.

Reading is allowed to every role. Values are exact: on hand x unit cost is summed in Python over
lots, or taken from the journal's stored ``value`` column (never multiplied in SQL).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, select, tuple_

from erp_desktop.db.engine import Database
from erp_desktop.db.models import (
    Lot,
    Part,
    Product,
    Reservation,
    ReservationLine,
    StockDocument,
    StockMovement,
    StockPosition,
    Supplier,
    User,
    Warehouse,
)
from erp_desktop.db.text_match import equals_ignoring_case
from erp_desktop.domain.inputs import clean_search
from erp_desktop.domain.stock import (
    ZERO,
    Category,
    DocumentKind,
    MovementKind,
    Quality,
    ReservationStatus,
    Unit,
)
from erp_desktop.errors import QT_TRANSLATE_NOOP, NotFound, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import optional_id, record_id, storable_ids
from erp_desktop.services.stock.dto import (
    CriticalRow,
    DocumentDTO,
    LevelPoint,
    LevelSeries,
    LotDTO,
    MovementDTO,
    MovementPage,
    ReservationDTO,
    ReservationLineDTO,
    StockCard,
    StockCardRow,
    StockRow,
    Valuation,
    ValuationRow,
)
from erp_desktop.services.stock.rows import product_dto, product_matches
from erp_desktop.services.uow import UnitOfWork, run_read

VALUE_ZERO = Decimal("0.0000000")


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


def _period(query, column, date_from: date | None, date_to: date | None):
    """Dates are local calendar days; ``date_to`` is included."""
    if date_from is not None:
        query = query.where(column >= local_midnight(date_from))
    if date_to is not None:
        query = query.where(column < local_midnight(date_to + timedelta(days=1)))
    return query


# --------------------------------------------------------------------------- lots


def _lot_dto(lot: Lot, sku: str, product_name: str, unit: str, warehouse_name: str, supplier_name: str | None) -> LotDTO:
    return LotDTO(lot.id, lot.product_id, sku, product_name, Unit(unit), lot.warehouse_id, warehouse_name,
                  lot.lot_number, lot.received_at, lot.qty_received, lot.on_hand, lot.reserved, lot.unit_cost,
                  Quality(lot.quality), lot.certificate, lot.supplier_id, supplier_name or "", lot.source_lot_id)


def lot_rows(uow: UnitOfWork, *, product_id: int | None = None, warehouse_id: int | None = None,
             quality: Quality | str | Iterable | None = None, has_stock: bool = False, lot_number: str | None = None,
             lot_ids: Iterable[int] | None = None, product_ids: Iterable[int] | None = None,
             limit: int = 5000) -> list[LotDTO]:
    query = (
        select(Lot, Product.sku, Product.name, Product.unit, Warehouse.name, Supplier.name)
        .join(Product, Product.id == Lot.product_id)
        .join(Warehouse, Warehouse.id == Lot.warehouse_id)
        .outerjoin(Supplier, Supplier.id == Lot.supplier_id)
        .where(Lot.org_id == uow.org_id)
        .order_by(Product.sku, Warehouse.name, Lot.received_at, Lot.id)
        .limit(limit)
    )
    if product_id is not None:
        query = query.where(Lot.product_id == optional_id(Product, product_id, QT_TRANSLATE_NOOP("errors", "product")))
    if warehouse_id is not None:
        query = query.where(Lot.warehouse_id == optional_id(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse")))
    if quality:
        qualities = [quality] if isinstance(quality, str) else list(quality)
        query = query.where(Lot.quality.in_([Quality(str(q).upper()).value for q in qualities]))
    if has_stock:
        query = query.where(Lot.on_hand > 0)
    lot_number = clean_search(lot_number, field="lot_number", label=QT_TRANSLATE_NOOP("errors", "lot number"))
    if lot_number:
        query = query.where(equals_ignoring_case(Lot.lot_number, lot_number.strip()))
    if lot_ids is not None:
        query = query.where(Lot.id.in_(storable_ids(Lot, lot_ids)))
    if product_ids is not None:
        query = query.where(Lot.product_id.in_(storable_ids(Product, product_ids)))
    return [_lot_dto(*row) for row in uow.session.execute(query)]


def list_lots(db: Database, actor: Actor, *, product_id: int | None = None, warehouse_id: int | None = None,
              quality: Quality | str | Iterable | None = None, has_stock: bool = False,
              lot_number: str | None = None, product_ids: Iterable[int] | None = None,
              limit: int = 5000) -> list[LotDTO]:
    """Lots in FIFO order per product and warehouse; ``has_stock`` keeps those with on hand > 0.

    ``product_ids``: the lots of these products only, under the other filters and in the same order: what a live
    update of the list reads when a change names the products whose stock moved (one statement, rows of those
    products only; merge_product_lots puts them in place). An empty collection reads nothing."""
    if product_ids is not None:
        product_ids = sorted({record_id(Product, product, "product") for product in product_ids})
        if not product_ids:
            return []
    return run_read(db, actor, lambda uow: lot_rows(uow, product_id=product_id, warehouse_id=warehouse_id,
                                                    quality=quality, has_stock=has_stock, lot_number=lot_number,
                                                    product_ids=product_ids, limit=limit))


def merge_product_lots(rows: list[LotDTO], product_ids, fetched: list[LotDTO]) -> list[LotDTO] | None:
    """``rows`` (a lots list in list_lots order: one product's lots together) with each named product's lots
    replaced by ``fetched`` (list_lots with ``product_ids``). None when the place of a product's lots cannot be
    told without the server's collation (a product not listed before now has lots): the caller reads the whole
    list then."""
    named = set(product_ids)
    by_product: dict[int, list[LotDTO]] = {}
    for lot in fetched:
        by_product.setdefault(lot.product_id, []).append(lot)
    listed = {lot.product_id for lot in rows}
    if any(product_id not in listed for product_id in by_product):
        return None
    merged: list[LotDTO] = []
    done: set[int] = set()
    for lot in rows:
        if lot.product_id not in named:
            merged.append(lot)
        elif lot.product_id not in done:
            done.add(lot.product_id)
            merged.extend(by_product.get(lot.product_id, ()))
    return merged


def get_lot(db: Database, actor: Actor, lot_id: int) -> LotDTO:
    def work(uow: UnitOfWork):
        rows = lot_rows(uow, lot_ids=[lot_id])
        if not rows:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "That lot does not exist (any more)."))
        return rows[0]

    return run_read(db, actor, work)


def get_lots(db: Database, actor: Actor, lot_ids) -> list[LotDTO]:
    """These lots in the order asked (a receipt's lots for their labels); gone ones are left out."""
    lot_ids = [record_id(Lot, lot_id, "lot") for lot_id in lot_ids]

    def work(uow: UnitOfWork):
        found = {row.id: row for row in lot_rows(uow, lot_ids=lot_ids)} if lot_ids else {}
        return [found[lot_id] for lot_id in lot_ids if lot_id in found]

    return run_read(db, actor, work)


# --------------------------------------------------------------------------- availability


class _Totals:
    __slots__ = ("on_hand", "reserved", "available", "pending", "quarantine", "rejected", "value")

    def __init__(self):
        self.on_hand = self.reserved = self.available = self.pending = self.quarantine = self.rejected = ZERO
        self.value = VALUE_ZERO

    def add(self, quality: str, on_hand: Decimal, reserved: Decimal, unit_cost: Decimal) -> None:
        self.on_hand += on_hand
        self.reserved += reserved
        self.value += on_hand * unit_cost
        if quality == Quality.APPROVED:
            self.available += on_hand - reserved
        elif quality == Quality.PENDING:
            self.pending += on_hand
        elif quality == Quality.QUARANTINE:
            self.quarantine += on_hand
        else:
            self.rejected += on_hand


def _is_product(column, product_id):
    """``product_id``: one id, or several (a tuple or list: a view refetching the products a live update named)."""
    if isinstance(product_id, (tuple, list)):
        return column.in_([optional_id(Product, one, QT_TRANSLATE_NOOP("errors", "product")) for one in product_id])
    return column == optional_id(Product, product_id, QT_TRANSLATE_NOOP("errors", "product"))


def _stock_totals(uow: UnitOfWork, *, product_id=None, warehouse_id=None):
    """Per (product, warehouse) totals from the lots with stock, exact (Python sums)."""
    query = (
        select(Lot.product_id, Lot.warehouse_id, Lot.quality, Lot.on_hand, Lot.reserved, Lot.unit_cost)
        .where(Lot.org_id == uow.org_id, Lot.on_hand > 0)
    )
    if product_id is not None:
        query = query.where(_is_product(Lot.product_id, product_id))
    if warehouse_id is not None:
        query = query.where(Lot.warehouse_id == optional_id(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse")))
    totals: dict[tuple[int, int], _Totals] = defaultdict(_Totals)
    for p, w, quality, on_hand, reserved, unit_cost in uow.session.execute(query):
        totals[(p, w)].add(quality, on_hand, reserved, unit_cost)
    return totals


def _product_filters(query, *, product_id=None, category=None, search: str = "", include_inactive=True):
    if product_id is not None:
        query = query.where(_is_product(Product.id, product_id))
    if category:
        query = query.where(Product.category == Category(category).value)
    if not include_inactive:
        query = query.where(Product.is_active.is_(True))
    matches = product_matches(clean_search(search))
    if matches is not None:
        query = query.where(matches)
    return query


def _products(uow: UnitOfWork, *, product_id=None, category=None, search: str = "", include_inactive=True):
    query = _product_filters(select(Product).where(Product.org_id == uow.org_id), product_id=product_id,
                             category=category, search=search, include_inactive=include_inactive)
    return {p.id: p for p in uow.session.execute(query).scalars()}


def _products_with_stock(uow: UnitOfWork, *, product_id=None, category=None, search: str = ""):
    """The products a stock list shows with their lots that hold stock and those lots' warehouse names, in one
    statement (it was three: products, every warehouse's name, the lots; a live refetch of the stock overview
    pays it for every change it follows): (products by id, totals per (product, warehouse), warehouse names)."""
    query = _product_filters(
        select(Product, Lot.warehouse_id, Warehouse.name, Lot.quality, Lot.on_hand, Lot.reserved, Lot.unit_cost)
        .outerjoin(Lot, and_(Lot.product_id == Product.id, Lot.org_id == uow.org_id, Lot.on_hand > 0))
        .outerjoin(Warehouse, Warehouse.id == Lot.warehouse_id)
        .where(Product.org_id == uow.org_id),
        product_id=product_id, category=category, search=search)
    products: dict[int, Product] = {}
    totals: dict[tuple[int, int], _Totals] = defaultdict(_Totals)
    names: dict[int, str] = {}
    for product, w, warehouse_name, quality, on_hand, reserved, unit_cost in uow.session.execute(query):
        products[product.id] = product
        if w is not None:
            names[w] = warehouse_name
            totals[(product.id, w)].add(quality, on_hand, reserved, unit_cost)
    return products, totals, names


def _warehouse_names(uow: UnitOfWork) -> dict[int, str]:
    return dict(uow.session.execute(select(Warehouse.id, Warehouse.name).where(Warehouse.org_id == uow.org_id)).all())


def list_stock(db: Database, actor: Actor, *, product_id: int | tuple[int, ...] | None = None, warehouse_id: int | None = None,
               category: Category | str | None = None, search: str = "", only_below_minimum: bool = False,
               include_empty: bool = False, by_warehouse: bool = True) -> list[StockRow]:
    """Availability per product and warehouse (or per product with ``by_warehouse=False``):
    on hand, reserved, available, pending, quarantine, FIFO value, and the below-minimum flag
    (the product's available stock in all warehouses is under its minimum level)."""

    def work(uow: UnitOfWork):
        products, totals, names = _products_with_stock(uow, product_id=product_id, category=category, search=search)
        available_everywhere: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for (p, _w), t in totals.items():
            available_everywhere[p] += t.available
        keys = set(totals)
        if include_empty:
            for p, w, name in uow.session.execute(
                    select(StockPosition.product_id, StockPosition.warehouse_id, Warehouse.name)
                    .join(Warehouse, Warehouse.id == StockPosition.warehouse_id)
                    .where(StockPosition.org_id == uow.org_id)):
                keys.add((p, w))
                names[w] = name
        if warehouse_id is not None:
            keys = {k for k in keys if k[1] == warehouse_id}
        grouped: dict[tuple[int, int | None], _Totals] = {}
        for p, w in keys:
            if p not in products:
                continue
            group_key = (p, w if by_warehouse else None)
            target = grouped.setdefault(group_key, _Totals())
            source = totals.get((p, w))
            if source is not None:
                for name in _Totals.__slots__:
                    setattr(target, name, getattr(target, name) + getattr(source, name))
        if include_empty and warehouse_id is None:
            seen = {p for p, _ in grouped}
            for p in products:
                if p not in seen and products[p].is_active:
                    grouped[(p, None)] = _Totals()
        rows = []
        for (p, w), t in grouped.items():
            product = products[p]
            below = product.min_level > 0 and available_everywhere[p] < product.min_level
            if only_below_minimum and not below:
                continue
            rows.append(StockRow(
                product.id, product.sku, product.name, Unit(product.unit), Category(product.category), product.grade,
                product.size, w, names.get(w, "") if w is not None else "", t.on_hand, t.reserved, t.available,
                t.pending, t.quarantine, t.rejected, t.value.quantize(VALUE_ZERO), product.min_level, below))
        rows.sort(key=lambda r: (r.sku, r.warehouse_name))
        return rows

    return run_read(db, actor, work)


def list_critical_stock(db: Database, actor: Actor, *, warehouse_id: int | None = None,
                        category: Category | str | None = None) -> list[CriticalRow]:
    """Active products whose available stock (in all warehouses, or the one given) is below their minimum;
    largest shortage first."""

    def work(uow: UnitOfWork):
        products = {p_id: p for p_id, p in _products(uow, category=category, include_inactive=False).items()
                    if p.min_level > 0}
        totals = _stock_totals(uow, warehouse_id=warehouse_id)
        per_product: dict[int, _Totals] = defaultdict(_Totals)
        for (p, _w), t in totals.items():
            for name in _Totals.__slots__:
                setattr(per_product[p], name, getattr(per_product[p], name) + getattr(t, name))
        rows = []
        for p, product in products.items():
            t = per_product.get(p) or _Totals()
            if t.available < product.min_level:
                rows.append(CriticalRow(p, product.sku, product.name, Unit(product.unit), Category(product.category),
                                        product.min_level, t.available, t.on_hand, t.pending,
                                        product.min_level - t.available))
        rows.sort(key=lambda r: (-(r.shortage / r.min_level), r.sku))
        return rows

    return run_read(db, actor, work)


# --------------------------------------------------------------------------- journal


def _movement_select():
    return (
        select(StockMovement, StockDocument.number, StockDocument.reason, StockDocument.part_id, Product.sku,
               Product.name, Product.unit, Warehouse.name, Lot.lot_number, User.username)
        .join(StockDocument, StockDocument.id == StockMovement.document_id)
        .join(Product, Product.id == StockMovement.product_id)
        .join(Warehouse, Warehouse.id == StockMovement.warehouse_id)
        .join(Lot, Lot.id == StockMovement.lot_id)
        .join(User, User.id == StockMovement.user_id)
    )


def _movement_dto(row) -> MovementDTO:
    m, number, reason, part_id, sku, product_name, unit, warehouse_name, lot_number, username = row
    return MovementDTO(
        m.id, m.at, MovementKind(m.kind), m.document_id, number, m.product_id, sku, product_name, Unit(unit),
        m.warehouse_id, warehouse_name, m.lot_id, lot_number, m.qty, m.reserved_delta, m.unit_cost, m.value,
        Quality(m.quality_from) if m.quality_from else None, Quality(m.quality_to) if m.quality_to else None,
        m.user_id, username, reason, part_id)


def _journal_filters(query, org_id: int, *, date_from=None, date_to=None, product_id=None, warehouse_id=None,
                     kind=None, document_id=None, lot_id=None):
    query = query.where(StockMovement.org_id == org_id)
    query = _period(query, StockMovement.at, date_from, date_to)
    if product_id is not None:
        query = query.where(StockMovement.product_id == optional_id(Product, product_id, QT_TRANSLATE_NOOP("errors", "product")))
    if warehouse_id is not None:
        query = query.where(StockMovement.warehouse_id == optional_id(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse")))
    if kind:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        query = query.where(StockMovement.kind.in_([MovementKind(k).value for k in kinds]))
    if document_id is not None:
        query = query.where(StockMovement.document_id == optional_id(StockDocument, document_id, "stock document"))
    if lot_id is not None:
        query = query.where(StockMovement.lot_id == optional_id(Lot, lot_id, QT_TRANSLATE_NOOP("errors", "lot")))
    return query


def list_movements(db: Database, actor: Actor, *, date_from: date | None = None, date_to: date | None = None,
                   product_id: int | None = None, warehouse_id: int | None = None,
                   kind: MovementKind | str | Iterable | None = None, document_id: int | None = None,
                   lot_id: int | None = None, after: tuple[datetime, int] | None = None, oldest_first: bool = False,
                   limit: int = 200) -> MovementPage:
    """One keyset page of the journal, newest first (``oldest_first`` for jumping to the end).

    ``after`` is the (at, id) of the last row already shown (``page.cursor``); the next page continues past it.
    """
    limit = max(1, min(int(limit), 5000))

    def work(uow: UnitOfWork):
        query = _journal_filters(_movement_select(), uow.org_id, date_from=date_from, date_to=date_to,
                                 product_id=product_id, warehouse_id=warehouse_id, kind=kind,
                                 document_id=document_id, lot_id=lot_id)
        key = tuple_(StockMovement.at, StockMovement.id)
        if after is not None:
            at, last_id = after
            if oldest_first:
                query = query.where(StockMovement.at >= at, key > tuple_(at, last_id))
            else:
                query = query.where(StockMovement.at <= at, key < tuple_(at, last_id))
        order = (StockMovement.at, StockMovement.id) if oldest_first else (StockMovement.at.desc(),
                                                                           StockMovement.id.desc())
        rows = uow.session.execute(query.order_by(*order).limit(limit + 1)).all()
        return MovementPage(tuple(_movement_dto(row) for row in rows[:limit]), len(rows) > limit)

    return run_read(db, actor, work)


def count_movements(db: Database, actor: Actor, *, date_from: date | None = None, date_to: date | None = None,
                    product_id: int | None = None, warehouse_id: int | None = None,
                    kind: MovementKind | str | Iterable | None = None, document_id: int | None = None,
                    lot_id: int | None = None) -> int:
    """How many journal rows match (for a row count or a scroll bar)."""

    def work(uow: UnitOfWork):
        query = _journal_filters(select(func.count()).select_from(StockMovement), uow.org_id, date_from=date_from,
                                 date_to=date_to, product_id=product_id, warehouse_id=warehouse_id, kind=kind,
                                 document_id=document_id, lot_id=lot_id)
        return uow.session.execute(query).scalar_one()

    return run_read(db, actor, work)


def get_journal(db: Database, actor: Actor, *, date_from: date | None = None, date_to: date | None = None,
                product_id: int | None = None, warehouse_id: int | None = None,
                kind: MovementKind | str | Iterable | None = None, limit: int = 50000) -> list[MovementDTO]:
    """The movement journal of a period, oldest first (for the printed report)."""

    def work(uow: UnitOfWork):
        query = _journal_filters(_movement_select(), uow.org_id, date_from=date_from, date_to=date_to,
                                 product_id=product_id, warehouse_id=warehouse_id, kind=kind)
        query = query.order_by(StockMovement.at, StockMovement.id).limit(limit)
        return [_movement_dto(row) for row in uow.session.execute(query)]

    return run_read(db, actor, work)


def get_document(db: Database, actor: Actor, *, document_id: int | None = None,
                 number: str | None = None) -> DocumentDTO:
    """A stock document with its movements (by id or by number, e.g. "ISS-000042")."""
    number = clean_search(number, field="number", label=QT_TRANSLATE_NOOP("errors", "document number"))
    if document_id is None and not number:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter a document number."), field="number")
    return run_read(db, actor, lambda uow: document_in_org(uow, document_id=document_id, number=number))


def document_in_org(uow: UnitOfWork, *, document_id: int | None = None, number: str | None = None) -> DocumentDTO:
    """The organisation's document by id, else by number; NotFound otherwise."""
    query = select(StockDocument, User.username).join(User, User.id == StockDocument.user_id).where(
        StockDocument.org_id == uow.org_id)
    if document_id is not None:
        query = query.where(StockDocument.id == optional_id(StockDocument, document_id, "stock document"))
    else:
        # numbers are made upper-case (domain.stock.document_number): an exact lookup, by the unique index
        query = query.where(StockDocument.number == (number or "").strip().upper())
    found = uow.session.execute(query).first()
    if found is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No stock document with that number exists."))
    doc, username = found
    movements = tuple(_movement_dto(row) for row in uow.session.execute(
        _movement_select().where(StockMovement.document_id == doc.id).order_by(StockMovement.id)))
    reservation_id = uow.session.execute(
        select(Reservation.id).where(Reservation.document_id == doc.id)).scalar()
    return DocumentDTO(doc.id, doc.number, DocumentKind(doc.kind), doc.at, doc.user_id, username, doc.part_id,
                       doc.reason, movements, reservation_id)


# --------------------------------------------------------------------------- stock card, valuation, level


def _product_in_org(uow: UnitOfWork, product_id: int) -> Product:
    return uow.get_owned(Product, product_id, QT_TRANSLATE_NOOP("errors", "product"))


def _sums_before(uow: UnitOfWork, product_id: int, warehouse_id: int | None, bound: datetime | None):
    if bound is None:
        return ZERO, VALUE_ZERO
    query = select(func.sum(StockMovement.qty), func.sum(StockMovement.value)).where(
        StockMovement.product_id == product_id, StockMovement.at < bound)
    if warehouse_id is not None:
        query = query.where(StockMovement.warehouse_id == optional_id(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse")))
    qty, value = uow.session.execute(query).one()
    return qty or ZERO, value or VALUE_ZERO


def get_stock_card(db: Database, actor: Actor, *, product_id: int, warehouse_id: int | None = None,
                   date_from: date | None = None, date_to: date | None = None,
                   include_non_stock: bool = False, limit: int = 10000) -> StockCard:
    """A product's movements with running balance (qty and value) from the opening balance of the period.
    Reservations and quality changes (which do not change on hand) only with ``include_non_stock``."""

    def work(uow: UnitOfWork):
        product = _product_in_org(uow, product_id)
        warehouse_name = ""
        if warehouse_id is not None:
            warehouse_name = uow.get_owned(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse")).name
        start = local_midnight(date_from) if date_from else None
        end = local_midnight(date_to + timedelta(days=1)) if date_to else None
        opening_qty, opening_value = _sums_before(uow, product_id, warehouse_id, start)
        query = _journal_filters(_movement_select(), uow.org_id, date_from=date_from, date_to=date_to,
                                 product_id=product_id, warehouse_id=warehouse_id)
        if not include_non_stock:
            query = query.where(StockMovement.qty != 0)
        rows = uow.session.execute(query.order_by(StockMovement.at, StockMovement.id).limit(limit + 1)).all()
        truncated = len(rows) > limit
        qty, value = opening_qty, opening_value
        card_rows = []
        for row in rows[:limit]:
            movement = _movement_dto(row)
            qty += movement.qty
            value += movement.value
            card_rows.append(StockCardRow(movement, qty, value))
        if truncated:  # the closing balance still covers the whole period
            qty, value = (_sums_before(uow, product_id, warehouse_id, end) if end
                          else _current_sums(uow, product_id, warehouse_id))
        return StockCard(product_dto(product), warehouse_id, warehouse_name, date_from, date_to, opening_qty,
                         opening_value, tuple(card_rows), qty, value, truncated)

    return run_read(db, actor, work)


def _current_sums(uow: UnitOfWork, product_id: int, warehouse_id: int | None):
    query = select(func.sum(StockMovement.qty), func.sum(StockMovement.value)).where(
        StockMovement.product_id == product_id)
    if warehouse_id is not None:
        query = query.where(StockMovement.warehouse_id == optional_id(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse")))
    qty, value = uow.session.execute(query).one()
    return qty or ZERO, value or VALUE_ZERO


def _as_of_bound(as_of: date | datetime) -> datetime:
    """A date means the end of that local day; a datetime is taken as is."""
    if isinstance(as_of, datetime):
        return as_of if as_of.tzinfo else as_of.astimezone()
    return local_midnight(as_of + timedelta(days=1))


def get_valuation(db: Database, actor: Actor, *, as_of: date | datetime, warehouse_id: int | None = None,
                  category: Category | str | None = None, product_id: int | None = None) -> Valuation:
    """Quantity and value per product and warehouse from the journal up to ``as_of`` (exclusive of later
    movements; a date includes the whole day). One aggregate over the stored ``value`` column."""

    def work(uow: UnitOfWork):
        bound = _as_of_bound(as_of)
        query = (
            select(StockMovement.product_id, StockMovement.warehouse_id, func.sum(StockMovement.qty),
                   func.sum(StockMovement.value))
            .where(StockMovement.org_id == uow.org_id, StockMovement.at < bound, StockMovement.qty != 0)
            .group_by(StockMovement.product_id, StockMovement.warehouse_id)
        )
        if warehouse_id is not None:
            query = query.where(StockMovement.warehouse_id == optional_id(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse")))
        if product_id is not None:
            query = query.where(StockMovement.product_id == optional_id(Product, product_id, QT_TRANSLATE_NOOP("errors", "product")))
        sums = uow.session.execute(query).all()
        products = _products(uow, product_id=product_id, category=category)
        names = _warehouse_names(uow)
        rows = []
        for p, w, qty, value in sums:
            product = products.get(p)
            if product is None or (not qty and not value):
                continue
            rows.append(ValuationRow(p, product.sku, product.name, Unit(product.unit), Category(product.category), w,
                                     names.get(w, ""), qty, value))
        rows.sort(key=lambda r: (r.sku, r.warehouse_name))
        return Valuation(bound, tuple(rows), None if isinstance(as_of, datetime) else as_of)

    return run_read(db, actor, work)


def get_stock_level_series(db: Database, actor: Actor, *, product_id: int, warehouse_id: int | None = None,
                           date_from: date | None = None, date_to: date | None = None,
                           max_points: int = 2000) -> LevelSeries:
    """On hand after each document that changed it (a step chart). Beyond ``max_points`` the level
    is given once per day (the day's closing level)."""

    def work(uow: UnitOfWork):
        product = _product_in_org(uow, product_id)
        start = local_midnight(date_from) if date_from else None
        level, _ = _sums_before(uow, product_id, warehouse_id, start)
        query = _period(
            select(StockMovement.at, func.sum(StockMovement.qty))
            .where(StockMovement.product_id == product_id, StockMovement.qty != 0),
            StockMovement.at, date_from, date_to,
        )
        if warehouse_id is not None:
            query = query.where(StockMovement.warehouse_id == optional_id(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse")))
        query = query.group_by(StockMovement.document_id, StockMovement.at).order_by(StockMovement.at,
                                                                                      StockMovement.document_id)
        points = [LevelPoint(start, level)] if start else []
        for at, qty in uow.session.execute(query):
            level += qty
            if points and points[-1].at == at:
                points[-1] = LevelPoint(at, level)
            else:
                points.append(LevelPoint(at, level))
        if len(points) > max_points:
            by_day: dict[date, LevelPoint] = {}
            for point in points:
                by_day[point.at.astimezone().date()] = point
            points = list(by_day.values())
        return LevelSeries(product_id, Unit(product.unit), warehouse_id, tuple(points), product.min_level)

    return run_read(db, actor, work)


# --------------------------------------------------------------------------- reservations


def _reservation_dtos(uow: UnitOfWork, query) -> list[ReservationDTO]:
    found = uow.session.execute(
        query.add_columns(StockDocument.number, Product.sku, Product.name, Product.unit, Warehouse.name, Part.code)
        .join(StockDocument, StockDocument.id == Reservation.document_id)
        .join(Product, Product.id == Reservation.product_id)
        .join(Warehouse, Warehouse.id == Reservation.warehouse_id)
        .outerjoin(Part, Part.id == Reservation.part_id)
    ).all()
    lines: dict[int, list[ReservationLineDTO]] = defaultdict(list)
    if found:
        for line, lot_number, received_at, unit_cost in uow.session.execute(
            select(ReservationLine, Lot.lot_number, Lot.received_at, Lot.unit_cost)
            .join(Lot, Lot.id == ReservationLine.lot_id)
            .where(ReservationLine.reservation_id.in_([row[0].id for row in found]))
            .order_by(Lot.received_at, Lot.id)
        ):
            lines[line.reservation_id].append(
                ReservationLineDTO(line.lot_id, lot_number, received_at, line.qty, unit_cost))
    return [
        ReservationDTO(r.id, r.document_id, number, r.product_id, sku, name, Unit(unit), r.warehouse_id,
                       warehouse_name, r.part_id, part_code or "", r.order_ref, r.qty, ReservationStatus(r.status),
                       r.created_at, r.closed_at, tuple(lines[r.id]))
        for r, number, sku, name, unit, warehouse_name, part_code in found
    ]


def list_reservations(db: Database, actor: Actor, *, status: ReservationStatus | str | None = ReservationStatus.OPEN,
                      product_id: int | None = None, warehouse_id: int | None = None, part_id: int | None = None,
                      limit: int = 2000) -> list[ReservationDTO]:
    """Reservations, newest first; open ones by default (``status=None`` for all)."""

    def work(uow: UnitOfWork):
        query = (select(Reservation).where(Reservation.org_id == uow.org_id)
                 .order_by(Reservation.created_at.desc(), Reservation.id.desc()).limit(limit))
        if status:
            query = query.where(Reservation.status == ReservationStatus(status).value)
        if product_id is not None:
            query = query.where(Reservation.product_id == optional_id(Product, product_id, QT_TRANSLATE_NOOP("errors", "product")))
        if warehouse_id is not None:
            query = query.where(Reservation.warehouse_id == optional_id(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse")))
        if part_id is not None:
            query = query.where(Reservation.part_id == optional_id(Part, part_id, QT_TRANSLATE_NOOP("errors", "part")))
        return _reservation_dtos(uow, query)

    return run_read(db, actor, work)


def get_reservation(db: Database, actor: Actor, reservation_id: int) -> ReservationDTO:
    def work(uow: UnitOfWork):
        rows = _reservation_dtos(uow, select(Reservation).where(Reservation.id == record_id(Reservation, reservation_id, QT_TRANSLATE_NOOP("errors", "reservation")),
                                                                Reservation.org_id == uow.org_id))
        if not rows:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "That reservation does not exist (any more)."))
        return rows[0]

    return run_read(db, actor, work)

