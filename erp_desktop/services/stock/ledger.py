"""The ledger mechanics every stock operation shares (internal to the stock services).

Locking protocol (PostgreSQL; SQLite has one writer at a time through BEGIN IMMEDIATE):
1. make sure the StockPosition rows of every (product, warehouse) touched exist
   (INSERT .. ON CONFLICT DO NOTHING), then
2. lock them with SELECT .. FOR UPDATE in (product_id, warehouse_id) order, then
3. lock the lots needed with SELECT .. FOR UPDATE ORDER BY received_at, id.
Every operation that changes a lot holds its position's lock first, so per position the
journal ids are in the order the operations happened, and FIFO decisions see committed stock.
Never SKIP LOCKED: it would consume a newer lot while an older one is locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, bindparam, func, insert, literal, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite

from erp_desktop.db.models import Lot, Part, Product, StockDocument, StockMovement, StockPosition, Warehouse
from erp_desktop.db.types import UtcDateTime, utcnow
from erp_desktop.domain.fifo import LotState
from erp_desktop.domain.stock import (
    ZERO,
    DocumentKind,
    MovementKind,
    Quality,
    Unit,
    document_number,
    shortage_message,
    value_of,
)
from erp_desktop.errors import QT_TRANSLATE_NOOP, InsufficientStock, NotFound, ValidationError
from erp_desktop.services.stock.dto import DocumentDTO, MovementDTO
from erp_desktop.services.uow import UnitOfWork

_LOTS = Lot.__table__
_POSITIONS = StockPosition.__table__
CLOCK_SKEW_ALLOWED = timedelta(minutes=5)


@dataclass
class Position:
    """A locked (product, warehouse) with the names messages and DTOs need."""

    id: int
    product_id: int
    warehouse_id: int
    on_hand: Decimal
    reserved: Decimal
    sku: str
    product_name: str
    unit: Unit
    product_active: bool
    warehouse_name: str
    warehouse_active: bool

    @property
    def key(self) -> tuple[int, int]:
        return (self.product_id, self.warehouse_id)


def aware(moment: datetime | None) -> datetime | None:
    """Aware UTC; a naive datetime is taken as this computer's local time."""
    if moment is None:
        return None
    return moment.astimezone() if moment.tzinfo is None else moment


def _key_filter(product_col, warehouse_col, keys):
    return or_(*[and_(product_col == p, warehouse_col == w) for p, w in keys])


def _position_select():
    return (
        select(
            StockPosition.id, StockPosition.product_id, StockPosition.warehouse_id, StockPosition.on_hand,
            StockPosition.reserved, Product.sku, Product.name, Product.unit, Product.is_active, Warehouse.name,
            Warehouse.is_active,
        )
        .join(Product, Product.id == StockPosition.product_id)
        .join(Warehouse, Warehouse.id == StockPosition.warehouse_id)
    )


_READ_ONE_POSITION = (
    _position_select()
    .where(StockPosition.org_id == bindparam("org_id"), StockPosition.product_id == bindparam("product_id"),
           StockPosition.warehouse_id == bindparam("warehouse_id"))
)
_LOCK_ONE_POSITION = _READ_ONE_POSITION.with_for_update(of=StockPosition)


def lock_positions(uow: UnitOfWork, keys, *, create: bool, lock: bool = True) -> dict[tuple[int, int], Position]:
    """Lock the positions of ``keys`` (creating missing ones when ``create``) in sorted order.

    Missing products or warehouses of another organisation raise NotFound; with ``create=False``
    a position that does not exist yet is simply absent from the result. ``lock=False`` only reads them
    (a preview: every role may look, and on PostgreSQL only those who may change stock may lock it).
    """
    keys = sorted(set(keys))
    session = uow.session
    if create:
        dialect = postgresql if uow.db.is_postgres else sqlite
        for product_id, warehouse_id in keys:
            source = (
                select(Product.org_id, Product.id, Warehouse.id, literal(ZERO, _POSITIONS.c.on_hand.type),
                       literal(ZERO, _POSITIONS.c.reserved.type))
                .join(Warehouse, and_(Warehouse.id == warehouse_id, Warehouse.org_id == Product.org_id))
                .where(Product.id == product_id, Product.org_id == uow.org_id)
            )
            session.execute(
                dialect.insert(_POSITIONS)
                .from_select(["org_id", "product_id", "warehouse_id", "on_hand", "reserved"], source)
                .on_conflict_do_nothing(index_elements=["product_id", "warehouse_id"])
            )
    if len(keys) == 1:  # the common case, as one cached statement
        rows = session.connection().execute(_LOCK_ONE_POSITION if lock else _READ_ONE_POSITION,
                                            {"org_id": uow.org_id, "product_id": keys[0][0],
                                             "warehouse_id": keys[0][1]}).all()
    else:
        query = (_position_select().where(StockPosition.org_id == uow.org_id,
                                          _key_filter(StockPosition.product_id, StockPosition.warehouse_id, keys))
                 .order_by(StockPosition.product_id, StockPosition.warehouse_id))
        rows = session.connection().execute(query.with_for_update(of=StockPosition) if lock else query).all()
    found = {(r[1], r[2]): Position(r[0], r[1], r[2], r[3], r[4], r[5], r[6], Unit(r[7]), r[8], r[9], r[10])
             for r in rows}
    missing = [key for key in keys if key not in found]
    if missing and create:
        check_product_and_warehouse(uow, *missing[0])
    return found


def check_product_and_warehouse(uow: UnitOfWork, product_id: int, warehouse_id: int) -> tuple[Product, Warehouse]:
    return uow.get_owned(Product, product_id, QT_TRANSLATE_NOOP("errors", "product")), uow.get_owned(Warehouse, warehouse_id, QT_TRANSLATE_NOOP("errors", "warehouse"))


def empty_position(uow: UnitOfWork, product_id: int, warehouse_id: int) -> Position:
    """What an operation sees where no stock was ever recorded (not stored)."""
    product, warehouse = check_product_and_warehouse(uow, product_id, warehouse_id)
    return Position(0, product.id, warehouse.id, ZERO, ZERO, product.sku, product.name, Unit(product.unit),
                    product.is_active, warehouse.name, warehouse.is_active)


def _lot_state(row) -> LotState:
    return LotState(row.id, row.received_at, row.on_hand, row.reserved, row.unit_cost, row.quality, row.lot_number)


_LOT_COLUMNS = (Lot.id, Lot.received_at, Lot.on_hand, Lot.reserved, Lot.unit_cost, Lot.quality, Lot.lot_number)


_AVAILABLE_LOTS = (
    select(*_LOT_COLUMNS)
    .where(Lot.product_id == bindparam("product_id"), Lot.warehouse_id == bindparam("warehouse_id"),
           Lot.quality == Quality.APPROVED.value, Lot.on_hand > Lot.reserved)
    .order_by(Lot.received_at, Lot.id)
)
_LOCK_AVAILABLE_LOTS = _AVAILABLE_LOTS.with_for_update()


def lock_available_lots(uow: UnitOfWork, position: Position, *, lock: bool = True) -> list[LotState]:
    """The position's approved lots with stock not yet reserved, oldest first, locked."""
    statement = _LOCK_AVAILABLE_LOTS if lock else _AVAILABLE_LOTS
    rows = uow.session.connection().execute(statement, {"product_id": position.product_id,
                                                        "warehouse_id": position.warehouse_id})
    return [LotState(*row) for row in rows]


def lock_lots(uow: UnitOfWork, lot_ids) -> dict[int, LotState]:
    rows = uow.session.execute(
        select(*_LOT_COLUMNS).where(Lot.id.in_(sorted(set(lot_ids))), Lot.org_id == uow.org_id)
        .order_by(Lot.received_at, Lot.id).with_for_update()
    )
    return {row.id: _lot_state(row) for row in rows}


def lot_in_org(uow: UnitOfWork, lot_id: int) -> Lot:
    return uow.get_owned(Lot, lot_id, QT_TRANSLATE_NOOP("errors", "lot"))


def refuse_shortage(uow: UnitOfWork, position: Position, requested: Decimal, verb: str) -> InsufficientStock:
    """The InsufficientStock error for ``position``, saying what is available and what is held back."""
    by_quality = {
        quality: (on_hand or ZERO, reserved or ZERO)
        for quality, on_hand, reserved in uow.session.execute(
            select(Lot.quality, func.sum(Lot.on_hand), func.sum(Lot.reserved))
            .where(Lot.product_id == position.product_id, Lot.warehouse_id == position.warehouse_id)
            .group_by(Lot.quality)
        )
    }
    approved_on_hand, reserved = by_quality.get(Quality.APPROVED.value, (ZERO, ZERO))
    available = approved_on_hand - reserved
    pending = by_quality.get(Quality.PENDING.value, (ZERO, ZERO))[0]
    quarantine = by_quality.get(Quality.QUARANTINE.value, (ZERO, ZERO))[0]
    error = InsufficientStock(
        shortage_message(requested=requested, available=available, unit=position.unit,
                         product_name=position.product_name, sku=position.sku,
                         warehouse_name=position.warehouse_name, pending=pending, quarantine=quarantine,
                         reserved=reserved, verb=verb),
        field="qty",
    )
    error.requested, error.available, error.pending, error.quarantine = requested, available, pending, quarantine
    return error


def check_at(uow: UnitOfWork, at: datetime | None, keys) -> datetime:
    """The document time: now, or a given moment not in the future and not before the last
    movement of these positions (so every stock card stays in time order)."""
    now = utcnow()
    if at is None:
        return now
    if at > now + CLOCK_SKEW_ALLOWED:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The document date cannot be in the future."), field="at")
    latest = uow.session.execute(
        select(func.max(StockMovement.at)).where(_key_filter(StockMovement.product_id, StockMovement.warehouse_id,
                                                             sorted(set(keys))))
    ).scalar()
    if latest is not None and at < latest:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The document date cannot be earlier than the last movement of this stock "
            "({latest}). Record it with a later date."), latest=f"{latest.astimezone():%Y-%m-%d %H:%M}", field="at")
    return at


def check_part(uow: UnitOfWork, part_id: int | None) -> str:
    if part_id is None:
        return ""
    row = uow.session.execute(select(Part.code).where(Part.id == part_id, Part.org_id == uow.org_id)).first()
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "That part does not exist (any more)."))
    return row[0]


_NEW_DOCUMENT_SQL = (
    "INSERT INTO stock_documents (id, org_id, number, kind, at, user_id, part_id, reason) "
    "SELECT s.id, :org_id, :prefix || '-' || lpad(s.id::text, greatest(6, length(s.id::text)), '0'), "
    ":kind, :at, :user_id, :part_id, :reason FROM (SELECT nextval('stock_documents_id_seq') AS id) s "
    "RETURNING id, number"
)
_PG_NEW_DOCUMENT = text(_NEW_DOCUMENT_SQL).bindparams(bindparam("at", type_=UtcDateTime()))

# PostgreSQL: the whole write of an operation in one round trip (data-modifying CTEs): the document
# (unless it was created first) and the movements in order. The lots' and positions' totals follow from the
# movements in the database (stock only through the journal: migration 0006, db/security.py).
_PG_WRITE_TEMPLATE = (
    "WITH doc AS ({document}), "
    "moves AS (SELECT * FROM unnest(CAST(:m_kind AS text[]), CAST(:m_product AS bigint[]), "
    "  CAST(:m_warehouse AS bigint[]), CAST(:m_lot AS bigint[]), CAST(:m_qty AS numeric[]), "
    "  CAST(:m_reserved AS numeric[]), CAST(:m_cost AS numeric[]), CAST(:m_value AS numeric[]), "
    "  CAST(:m_from AS text[]), CAST(:m_to AS text[])) WITH ORDINALITY "
    "  AS t(kind, product_id, warehouse_id, lot_id, qty, reserved_delta, unit_cost, value, q_from, q_to, n)), "
    "inserted AS (INSERT INTO stock_movements (org_id, document_id, at, kind, product_id, warehouse_id, lot_id, "
    "  qty, reserved_delta, unit_cost, value, quality_from, quality_to, user_id) "
    "  SELECT :org_id, doc.id, :at, m.kind, m.product_id, m.warehouse_id, m.lot_id, m.qty, m.reserved_delta, "
    "  m.unit_cost, m.value, m.q_from, m.q_to, :user_id FROM doc, moves m ORDER BY m.n RETURNING id) "
    "SELECT doc.id, doc.number, ARRAY(SELECT id FROM inserted ORDER BY id) FROM doc"
)
_PG_WRITE_NEW = text(_PG_WRITE_TEMPLATE.format(document=_NEW_DOCUMENT_SQL)).bindparams(
    bindparam("at", type_=UtcDateTime()))
_PG_WRITE_EXISTING = text(_PG_WRITE_TEMPLATE.format(
    document="SELECT CAST(:doc_id AS bigint) AS id, CAST(:doc_number AS text) AS number"
)).bindparams(bindparam("at", type_=UtcDateTime()))


@dataclass
class Document:
    id: int
    number: str
    kind: DocumentKind
    at: datetime
    part_id: int | None
    reason: str


def new_document(uow: UnitOfWork, kind: DocumentKind, at: datetime, *, part_id: int | None = None,
                 reason: str = "") -> Document:
    """A document written now, for operations that need its id or number before their movements
    (a receipt's default lot number, a reservation's row). Its number comes from the document id
    (one counter for all, never reused, no lock shared between operations on different products)."""
    params = {"org_id": uow.org_id, "kind": kind.value, "at": at, "user_id": uow.actor.user_id,
              "part_id": part_id, "reason": reason}
    if uow.db.is_postgres:
        doc_id, number = uow.session.execute(_PG_NEW_DOCUMENT, {**params, "prefix": kind.prefix}).one()
    else:  # the write lock is held since BEGIN IMMEDIATE
        doc_id = uow.session.execute(select(func.coalesce(func.max(StockDocument.id), 0) + 1)).scalar_one()
        number = document_number(kind, doc_id)
        uow.session.execute(insert(StockDocument).values(id=doc_id, number=number, **params))
    return Document(doc_id, number, kind, at, part_id, reason)


_INSERT_MOVEMENTS = insert(StockMovement.__table__).returning(StockMovement.__table__.c.id,
                                                              sort_by_parameter_order=True)


class Journal:
    """One operation's writes: its document and its movements. The database applies each movement to its lot
    and position (quantities, and the quality a movement sets): stock changes only through the journal.

    ``finish()`` writes them (on PostgreSQL in one statement), audits the document, tells the other
    desktops and returns the DocumentDTO. Pass ``document`` when it had to exist first (new_document).
    """

    def __init__(self, uow: UnitOfWork, kind: DocumentKind, at: datetime, *, part_id: int | None = None,
                 reason: str = "", document: Document | None = None):
        self.uow = uow
        self.kind, self.at, self.part_id, self.reason = kind, at, part_id, reason
        self.document = document
        self._rows: list[tuple[dict, Position, str]] = []

    def add(self, position: Position, kind: MovementKind, lot_id: int, lot_number: str, unit_cost: Decimal, *,
            qty: Decimal = ZERO, reserved_delta: Decimal = ZERO, quality_from: str | None = None,
            quality_to: str | None = None) -> None:
        row = {
            "kind": kind.value, "product_id": position.product_id, "warehouse_id": position.warehouse_id,
            "lot_id": lot_id, "qty": qty, "reserved_delta": reserved_delta, "unit_cost": unit_cost,
            "value": value_of(qty, unit_cost), "quality_from": quality_from, "quality_to": quality_to,
        }
        self._rows.append((row, position, lot_number))

    def _write_postgres(self) -> list[int]:
        rows = [row for row, _, _ in self._rows]
        params = {
            "org_id": self.uow.org_id, "at": self.at, "user_id": self.uow.actor.user_id,
            "m_kind": [r["kind"] for r in rows], "m_product": [r["product_id"] for r in rows],
            "m_warehouse": [r["warehouse_id"] for r in rows], "m_lot": [r["lot_id"] for r in rows],
            "m_qty": [r["qty"] for r in rows], "m_reserved": [r["reserved_delta"] for r in rows],
            "m_cost": [r["unit_cost"] for r in rows], "m_value": [r["value"] for r in rows],
            "m_from": [r["quality_from"] for r in rows], "m_to": [r["quality_to"] for r in rows],
        }
        if self.document is None:
            statement = _PG_WRITE_NEW
            params.update(kind=self.kind.value, prefix=self.kind.prefix, part_id=self.part_id, reason=self.reason)
        else:
            statement = _PG_WRITE_EXISTING
            params.update(doc_id=self.document.id, doc_number=self.document.number)
        doc_id, number, ids = self.uow.session.connection().execute(statement, params).one()
        if self.document is None:
            self.document = Document(doc_id, number, self.kind, self.at, self.part_id, self.reason)
        return list(ids)

    def _write_sqlite(self) -> list[int]:
        if self.document is None:
            self.document = new_document(self.uow, self.kind, self.at, part_id=self.part_id, reason=self.reason)
        connection = self.uow.session.connection()
        common = {"org_id": self.uow.org_id, "document_id": self.document.id, "at": self.at,
                  "user_id": self.uow.actor.user_id}
        return list(connection.execute(_INSERT_MOVEMENTS, [{**row, **common} for row, _, _ in self._rows])
                    .scalars())

    def finish(self, *, reservation_id: int | None = None, audit_after: dict | None = None) -> DocumentDTO:
        """Write everything, audit the document, tell the other desktops; the operation's result."""
        ids = self._write_postgres() if self.uow.db.is_postgres else self._write_sqlite()
        actor, doc = self.uow.actor, self.document
        movements = tuple(
            MovementDTO(
                id=movement_id, at=doc.at, kind=MovementKind(row["kind"]), document_id=doc.id,
                document_number=doc.number, product_id=pos.product_id, sku=pos.sku, product_name=pos.product_name,
                unit=pos.unit, warehouse_id=pos.warehouse_id, warehouse_name=pos.warehouse_name,
                lot_id=row["lot_id"], lot_number=lot_number, qty=row["qty"], reserved_delta=row["reserved_delta"],
                unit_cost=row["unit_cost"], value=row["value"],
                quality_from=Quality(row["quality_from"]) if row["quality_from"] else None,
                quality_to=Quality(row["quality_to"]) if row["quality_to"] else None,
                user_id=actor.user_id, username=actor.username, reason=doc.reason, part_id=doc.part_id,
            )
            for movement_id, (row, pos, lot_number) in zip(ids, self._rows, strict=True)
        )
        self.uow.audit("stock_document", doc.id, doc.kind.value, after={
            "number": doc.number, "reason": doc.reason, "part_id": doc.part_id,
            "movements": [[m.kind.value, m.lot_id, str(m.qty), str(m.reserved_delta), str(m.unit_cost)]
                          for m in movements],
            **(audit_after or {}),
        })
        self.uow.changed("stock", *sorted({m.product_id for m in movements}))
        if reservation_id is not None:
            self.uow.changed("reservations", reservation_id)
        return DocumentDTO(doc.id, doc.number, doc.kind, doc.at, actor.user_id, actor.username, doc.part_id,
                           doc.reason, movements, reservation_id)
