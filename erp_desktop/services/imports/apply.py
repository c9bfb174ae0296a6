"""Writing a checked plan, inside the import's one transaction: all of it or nothing.

Records are inserted in bulk (one statement per thousand rows) and audited as the forms audit them
("create" with the record, "update" with before and after). Opening stock becomes receipt documents, one per
received date, each numbered like any receipt (RCV-...), dated the received day: the lots are inserted at zero
and each gets its receipt movement, which the database applies to the lot and its stock position (stock only
through the journal).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import func, insert, select, text
from sqlalchemy.dialects import sqlite

from erp_desktop.db.models import (
    Bom,
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
from erp_desktop.services.materials import boms as bom_rules
from erp_desktop.services.production.parts import PART_FIELDS
from erp_desktop.services.stock.ledger import Document, new_document
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


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


# PostgreSQL: the opening stock in a few statements however many lots (one round trip per statement, not per lot).
# A lot is inserted PENDING and its receipt movement sets its quality (as the server applies every movement): the
# server checks the quality right once per movement instead of once more per lot (issue 16's 30 s budget).
_PG_POSITIONS = text(
    "INSERT INTO stock_positions (org_id, product_id, warehouse_id, on_hand, reserved) "
    "SELECT :org_id, t.product, t.warehouse, 0, 0 FROM unnest(CAST(:product AS integer[]), "
    "CAST(:warehouse AS integer[])) AS t(product, warehouse) ON CONFLICT (product_id, warehouse_id) DO NOTHING")
_PG_LOT_IDS = text("SELECT nextval(pg_get_serial_sequence('lots', 'id')) FROM generate_series(1, :n)")
_PG_DOCUMENTS = text(
    "INSERT INTO stock_documents (id, org_id, number, kind, at, user_id, part_id, reason) "
    "SELECT s.id, :org_id, :prefix || '-' || lpad(s.id::text, greatest(6, length(s.id::text)), '0'), :kind, s.at, "
    ":user_id, NULL, :reason FROM (SELECT nextval('stock_documents_id_seq') AS id, t.at "
    "FROM unnest(CAST(:at AS timestamp[])) WITH ORDINALITY AS t(at, n) ORDER BY t.n) s RETURNING id, number, at")
_PG_LOTS = text(
    "INSERT INTO lots (id, org_id, product_id, warehouse_id, lot_number, received_at, qty_received, on_hand, "
    "reserved, unit_cost, supplier_id, quality, certificate, created_at) "
    "SELECT t.id, :org_id, t.product, t.warehouse, t.number, t.at, t.qty, 0, 0, t.cost, t.supplier, 'PENDING', "
    "t.certificate, t.at FROM unnest(CAST(:id AS integer[]), CAST(:at AS timestamp[]), CAST(:product AS integer[]), "
    "CAST(:warehouse AS integer[]), CAST(:number AS text[]), CAST(:qty AS numeric[]), CAST(:cost AS numeric[]), "
    "CAST(:supplier AS integer[]), CAST(:certificate AS text[])) "
    "AS t(id, at, product, warehouse, number, qty, cost, supplier, certificate)")
_PG_MOVEMENTS = text(
    "INSERT INTO stock_movements (org_id, document_id, at, kind, product_id, warehouse_id, lot_id, qty, "
    "reserved_delta, unit_cost, value, quality_from, quality_to, user_id) "
    "SELECT :org_id, t.document, t.at, 'receipt', t.product, t.warehouse, t.lot, t.qty, 0, t.cost, t.value, NULL, "
    "t.quality, :user_id FROM unnest(CAST(:document AS bigint[]), CAST(:at AS timestamp[]), "
    "CAST(:lot AS integer[]), CAST(:product AS integer[]), "
    "CAST(:warehouse AS integer[]), CAST(:qty AS numeric[]), CAST(:cost AS numeric[]), CAST(:value AS numeric[]), "
    "CAST(:quality AS text[])) WITH ORDINALITY AS t(document, at, lot, product, warehouse, qty, cost, value, quality, n) "
    "ORDER BY t.n")


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
            if kind == ImportKind.PRODUCTS:
                self._boms([p for p in self.plan.of(ImportKind.BOMS) if p.action != Action.UNCHANGED])
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

    # ------------------------------------------------------------------ BOMs

    def _boms(self, rows: list[Planned]) -> None:
        """Each BOM through the materials service's own writes (audited as the BOM window audits them)."""
        if not rows:
            return
        uow = self.uow

        def product_id(record: dict) -> int:
            return record["id"] if record.get("id") is not None else record["planned"].id

        for planned in rows:
            values = planned.values
            lines = [{"component_id": product_id(line["component"]), "qty_per_unit": line["qty_per_unit"],
                      "fixed_qty": line["fixed_qty"], "scrap_percent": line["scrap_percent"],
                      "sourcing": line["sourcing"], "position": position}
                     for position, line in enumerate(values["lines"], start=1)]
            extra = {"import": self.source}
            if planned.action == Action.CREATE:
                bom = bom_rules.insert_bom(uow, product_id(values["product"]), values["revision"], lines,
                                           note=values["note"] or "", active=values["active"], audit_extra=extra)
                planned.id = bom.id
            else:
                query = select(Bom).where(Bom.id == planned.id, Bom.org_id == uow.org_id)
                if uow.db.is_postgres:
                    query = query.with_for_update()
                bom = uow.session.execute(query).scalar_one()
                bom_rules.replace_lines(uow, bom, lines, note=values["note"], audit_extra=extra)
            self._advance(1)

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
        days = sorted(by_day)
        documents = (self._documents_postgres(days, reason) if uow.db.is_postgres else
                     [new_document(uow, DocumentKind.RECEIPT, moment, reason=reason) for moment in days])
        by_moment = dict(zip(days, documents, strict=True))
        ordered = [p for moment in days for p in by_day[moment]]
        audit_movements: dict[int, list] = defaultdict(list)
        for batch in chunks(ordered, _BATCH * 5):
            lots = []
            for p in batch:
                moment = p.values["received_at"]
                lots.append({
                    "org_id": uow.org_id, "product_id": p.values["product"]["id"],
                    "warehouse_id": p.values["warehouse"]["id"], "lot_number": p.values["lot_number"],
                    "received_at": moment, "qty_received": p.values["qty"], "on_hand": ZERO, "reserved": ZERO,
                    "unit_cost": p.values["unit_cost"],
                    "supplier_id": p.values["supplier"]["id"] if p.values["supplier"] else None,
                    "quality": p.values["quality"].value, "certificate": p.values["certificate"],
                    "created_at": moment, "document_id": by_moment[moment].id})
            for m in self._receive(lots):
                audit_movements[m["document_id"]].append([m["kind"], m["lot_id"], str(m["qty"]), "0",
                                                          str(m["unit_cost"])])
            self._advance(len(batch))
        for document in documents:
            self.documents.append(document.number)
            uow.audit("stock_document", document.id, DocumentKind.RECEIPT.value, after={
                "number": document.number, "reason": reason, "part_id": None,
                "movements": audit_movements[document.id], "import": self.source})
        uow.changed("stock", *sorted({product_id for product_id, _ in keys}))

    def _receive(self, lots: list[dict]) -> list[dict]:
        """The lots inserted (at zero) and their receipt movements, which bring their stock in."""
        uow = self.uow
        if uow.db.is_postgres:
            lot_ids = uow.session.execute(_PG_LOT_IDS, {"n": len(lots)}).scalars().all()
        else:
            lot_ids = uow.session.execute(insert(Lot).returning(Lot.id, sort_by_parameter_order=True),
                                          [{k: v for k, v in lot.items() if k != "document_id"} for lot in lots]
                                          ).scalars().all()
        movements = [{"org_id": uow.org_id, "document_id": lot["document_id"], "at": lot["received_at"],
                      "kind": MovementKind.RECEIPT.value, "product_id": lot["product_id"],
                      "warehouse_id": lot["warehouse_id"], "lot_id": lot_id, "qty": lot["qty_received"],
                      "reserved_delta": ZERO, "unit_cost": lot["unit_cost"],
                      "value": value_of(lot["qty_received"], lot["unit_cost"]), "quality_from": None,
                      "quality_to": lot["quality"], "user_id": uow.actor.user_id}
                     for lot, lot_id in zip(lots, lot_ids, strict=True)]
        if not uow.db.is_postgres:
            uow.session.execute(insert(StockMovement), movements)
            return movements
        connection = uow.session.connection()
        at = [_naive_utc(lot["received_at"]) for lot in lots]
        connection.execute(_PG_LOTS, {
            "org_id": uow.org_id, "at": at, "id": list(lot_ids), "product": [lot["product_id"] for lot in lots],
            "warehouse": [lot["warehouse_id"] for lot in lots], "number": [lot["lot_number"] for lot in lots],
            "qty": [lot["qty_received"] for lot in lots], "cost": [lot["unit_cost"] for lot in lots],
            "supplier": [lot["supplier_id"] for lot in lots], "certificate": [lot["certificate"] for lot in lots]})
        connection.execute(_PG_MOVEMENTS, {
            "org_id": uow.org_id, "at": at, "user_id": uow.actor.user_id,
            "document": [m["document_id"] for m in movements], "lot": list(lot_ids),
            "product": [m["product_id"] for m in movements], "warehouse": [m["warehouse_id"] for m in movements],
            "qty": [m["qty"] for m in movements], "cost": [m["unit_cost"] for m in movements],
            "value": [m["value"] for m in movements], "quality": [m["quality_to"] for m in movements]})
        return movements

    def _documents_postgres(self, days: list[datetime], reason: str) -> list[Document]:
        """One receipt document per received day, numbered from the documents' counter, in one statement."""
        uow = self.uow
        rows = uow.session.connection().execute(_PG_DOCUMENTS, {
            "org_id": uow.org_id, "user_id": uow.actor.user_id, "reason": reason, "kind": DocumentKind.RECEIPT.value,
            "prefix": DocumentKind.RECEIPT.prefix, "at": [_naive_utc(day) for day in days]}).all()
        by_at = {at: (doc_id, number) for doc_id, number, at in rows}
        return [Document(*by_at[_naive_utc(day)], DocumentKind.RECEIPT, day, None, reason) for day in days]

    def _lock_positions(self, keys: list[tuple[int, int]]) -> None:
        """Every (product, warehouse) position the opening stock goes to exists and is locked, in order; none has
        a movement dated after its opening lots (another desktop may have recorded one since the check)."""
        uow = self.uow
        if uow.db.is_postgres:
            uow.session.connection().execute(_PG_POSITIONS, {"org_id": uow.org_id, "product": [p for p, _ in keys],
                                                             "warehouse": [w for _, w in keys]})
        else:
            statement = sqlite.insert(_POSITIONS).on_conflict_do_nothing(index_elements=["product_id", "warehouse_id"])
            uow.session.execute(statement, [{"org_id": uow.org_id, "product_id": p, "warehouse_id": w,
                                             "on_hand": ZERO, "reserved": ZERO} for p, w in keys])
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
