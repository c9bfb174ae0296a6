"""Writing a checked plan, inside the import's one transaction: all of it or nothing.

Records are inserted in bulk (one statement per thousand rows) and audited as the forms audit them
("create" with the record, "update" with before and after). Opening stock becomes receipt documents, one per
received date, each numbered like any receipt (RCV-...), dated the received day: the lots are inserted at zero
and each gets its receipt movement, which the database applies to the lot and its stock position (stock only
through the journal).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from erp_desktop.db.models import (
    Lot,
    Part,
    PartStage,
    Product,
    StockMovement,
    StockPosition,
    Supplier,
    Warehouse,
)
from erp_desktop.db.types import utcnow
from erp_desktop.domain.progress import PartStatus
from erp_desktop.domain.stock import ZERO, DocumentKind, MovementKind, value_of
from erp_desktop.errors import QT_TRANSLATE_NOOP, ConcurrentModification
from erp_desktop.services.imports.dto import Action, ImportCancelled
from erp_desktop.services.imports.kinds import ImportKind
from erp_desktop.services.imports.plan import Cancelled, Plan, Planned, Progress, chunks
from erp_desktop.services.production.parts import PART_FIELDS
from erp_desktop.services.stock.ledger import new_document
from erp_desktop.services.stock.master import PRODUCT_FIELDS, SUPPLIER_FIELDS, WAREHOUSE_FIELDS
from erp_desktop.services.uow import UnitOfWork, snapshot

_BATCH = 1000
_POSITIONS = StockPosition.__table__
_TOPICS = {ImportKind.WAREHOUSES: "warehouses", ImportKind.SUPPLIERS: "suppliers", ImportKind.PRODUCTS: "products",
           ImportKind.PARTS: "parts"}
_MODELS = {ImportKind.WAREHOUSES: (Warehouse, "warehouse", WAREHOUSE_FIELDS),
           ImportKind.SUPPLIERS: (Supplier, "supplier", SUPPLIER_FIELDS),
           ImportKind.PRODUCTS: (Product, "product", PRODUCT_FIELDS),
           ImportKind.PARTS: (Part, "part", PART_FIELDS)}


class Writer:
    def __init__(self, uow: UnitOfWork, plan: Plan, *, source: str, progress: Progress | None,
                 cancelled: Cancelled | None):
        self.uow, self.plan, self.source = uow, plan, source
        self.progress, self.cancelled = progress, cancelled
        self.total = sum(1 for p in plan.rows if p.action != Action.UNCHANGED)
        self.done = 0
        self.documents: list[str] = []

    def _advance(self, count: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()
        self.done += count
        if self.progress is not None:
            self.progress(self.done, max(self.total, 1))

    def write(self) -> tuple[str, ...]:
        for kind in (ImportKind.WAREHOUSES, ImportKind.SUPPLIERS, ImportKind.PRODUCTS, ImportKind.PARTS):
            self._create(kind, self.plan.of(kind, Action.CREATE))
            self._update(kind, self.plan.of(kind, Action.UPDATE))
        self._opening_stock(self.plan.of(ImportKind.OPENING_STOCK, Action.CREATE))
        return tuple(self.documents)

    # ------------------------------------------------------------------ master data

    def _create(self, kind: ImportKind, rows: list[Planned]) -> None:
        if not rows:
            return
        model, entity, fields = _MODELS[kind]
        uow, now = self.uow, utcnow()
        extra = {"org_id": uow.org_id, "version": 1}
        if kind == ImportKind.PARTS:
            extra.update(ready_qty=0, status=PartStatus.PLANNED.value, created_at=now, updated_at=now)
        else:
            extra["is_active"] = True
        defaults = {ImportKind.PRODUCTS: {"grade": "", "size": "", "min_level": ZERO},
                    ImportKind.SUPPLIERS: {"contact": ""}, ImportKind.PARTS: {"customer": "", "deadline": None,
                                                                              "priority": 0}}.get(kind, {})
        statement = insert(model).returning(model.id, sort_by_parameter_order=True)
        for batch in chunks(rows, _BATCH):
            records = [{**defaults, **{k: v for k, v in p.values.items() if k != "route"}, **extra} for p in batch]
            ids = uow.session.execute(statement, records).scalars().all()
            for planned, record, new_id in zip(batch, records, ids, strict=True):
                planned.id = new_id
                uow.audit(entity, new_id, "create", after={
                    **{name: record.get(name) for name in fields},
                    **({"route": list(planned.values["route"])} if kind == ImportKind.PARTS else {}),
                    "import": self.source})
            if kind == ImportKind.PARTS:
                uow.session.execute(insert(PartStage), [
                    {"part_id": p.id, "stage_id": stage_id, "position": position, "qty_good": 0, "qty_scrap": 0}
                    for p in batch for position, stage_id in enumerate(p.values["route"])])
            uow.changed(_TOPICS[kind], *ids)
            self._advance(len(batch))

    def _update(self, kind: ImportKind, rows: list[Planned]) -> None:
        if not rows:
            return
        model, entity, fields = _MODELS[kind]
        uow = self.uow
        for batch in chunks(rows, _BATCH):
            records = {r.id: r for r in uow.session.execute(
                select(model).where(model.id.in_([p.id for p in batch]), model.org_id == uow.org_id)
                .with_for_update()).scalars()}
            for planned in batch:
                record = records.get(planned.id)
                if record is None or any(getattr(record, name) != value for name, value in planned.before.items()):
                    raise ConcurrentModification(QT_TRANSLATE_NOOP(
                        "errors", "{key} was changed by someone else during the import. Nothing was imported; "
                                  "check the file again and import it."), key=planned.key)
                before = snapshot(record, fields)
                for name, value in planned.values.items():
                    setattr(record, name, value)
                if kind == ImportKind.PARTS:
                    record.updated_at = utcnow()
                uow.audit(entity, record.id, "update", before, {**snapshot(record, fields), "import": self.source})
            uow.session.flush()
            uow.changed(_TOPICS[kind], *records)
            self._advance(len(batch))

    # ------------------------------------------------------------------ opening stock

    def _opening_stock(self, rows: list[Planned]) -> None:
        if not rows:
            return
        uow = self.uow
        for planned in rows:  # the ids of records this import has just created
            values = planned.values
            for name in ("product", "warehouse", "supplier"):
                record = values[name]
                if record is not None and record["id"] is None:
                    record["id"] = record["planned"].id
        keys = sorted({(p.values["product"]["id"], p.values["warehouse"]["id"]) for p in rows})
        self._lock_positions(keys)
        by_day: dict[datetime, list[Planned]] = defaultdict(list)
        for planned in rows:
            by_day[planned.values["received_at"]].append(planned)
        reason = f"Opening stock: {self.source}" if self.source else "Opening stock"
        lot_insert = insert(Lot).returning(Lot.id, sort_by_parameter_order=True)
        for moment in sorted(by_day):
            day_rows = by_day[moment]
            document = new_document(uow, DocumentKind.RECEIPT, moment, reason=reason)
            self.documents.append(document.number)
            audit_movements = []
            for batch in chunks(day_rows, _BATCH):
                lots = [{"org_id": uow.org_id, "product_id": p.values["product"]["id"],
                         "warehouse_id": p.values["warehouse"]["id"], "lot_number": p.values["lot_number"],
                         "received_at": moment, "qty_received": p.values["qty"], "on_hand": ZERO, "reserved": ZERO,
                         "unit_cost": p.values["unit_cost"],
                         "supplier_id": p.values["supplier"]["id"] if p.values["supplier"] else None,
                         "quality": p.values["quality"].value, "certificate": p.values["certificate"],
                         "created_at": moment} for p in batch]
                lot_ids = uow.session.execute(lot_insert, lots).scalars().all()
                movements = [{"org_id": uow.org_id, "document_id": document.id, "at": moment,
                              "kind": MovementKind.RECEIPT.value, "product_id": lot["product_id"],
                              "warehouse_id": lot["warehouse_id"], "lot_id": lot_id, "qty": lot["qty_received"],
                              "reserved_delta": ZERO, "unit_cost": lot["unit_cost"],
                              "value": value_of(lot["qty_received"], lot["unit_cost"]), "quality_from": None,
                              "quality_to": lot["quality"], "user_id": uow.actor.user_id}
                             for lot, lot_id in zip(lots, lot_ids, strict=True)]
                uow.session.execute(insert(StockMovement), movements)
                audit_movements.extend([m["kind"], m["lot_id"], str(m["qty"]), "0", str(m["unit_cost"])]
                                       for m in movements)
                self._advance(len(batch))
            uow.audit("stock_document", document.id, DocumentKind.RECEIPT.value, after={
                "number": document.number, "reason": reason, "part_id": None, "movements": audit_movements,
                "import": self.source})
        uow.changed("stock", *sorted({product_id for product_id, _ in keys}))

    def _lock_positions(self, keys: list[tuple[int, int]]) -> None:
        """Every (product, warehouse) position the opening stock goes to exists and is locked, in order; none has
        a movement dated after its opening lots (another desktop may have recorded one since the check)."""
        uow = self.uow
        dialect = postgresql if uow.db.is_postgres else sqlite
        statement = dialect.insert(_POSITIONS).on_conflict_do_nothing(index_elements=["product_id", "warehouse_id"])
        for batch in chunks(keys, _BATCH):
            uow.session.execute(statement, [{"org_id": uow.org_id, "product_id": p, "warehouse_id": w,
                                             "on_hand": ZERO, "reserved": ZERO} for p, w in batch])
        product_ids = sorted({p for p, _ in keys})
        for batch in chunks(product_ids):
            uow.session.execute(select(StockPosition.id).where(StockPosition.org_id == uow.org_id,
                                                               StockPosition.product_id.in_(batch))
                                .order_by(StockPosition.product_id, StockPosition.warehouse_id)
                                .with_for_update()).all()
        earliest: dict[tuple[int, int], datetime] = {}
        for planned in self.plan.of(ImportKind.OPENING_STOCK, Action.CREATE):
            key = (planned.values["product"]["id"], planned.values["warehouse"]["id"])
            moment = planned.values["received_at"]
            earliest[key] = min(moment, earliest.get(key, moment))
        for batch in chunks(product_ids):
            for product_id, warehouse_id, latest in uow.session.execute(
                    select(StockMovement.product_id, StockMovement.warehouse_id, func.max(StockMovement.at))
                    .where(StockMovement.org_id == uow.org_id, StockMovement.product_id.in_(batch))
                    .group_by(StockMovement.product_id, StockMovement.warehouse_id)):
                first = earliest.get((product_id, warehouse_id))
                if first is not None and latest > first:
                    raise ConcurrentModification(QT_TRANSLATE_NOOP(
                        "errors", "Stock of the file was moved by someone else during the import. Nothing was "
                                  "imported; check the file again and import it."))
