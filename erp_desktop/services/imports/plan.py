"""The dry run: every row checked with the rules of the app's forms, matched to what exists by its code, and
planned as create, update or unchanged. Every bad cell is reported at once; nothing is written here.

Matching (case-insensitive, as everywhere): products by SKU, warehouses by code, suppliers by name, parts by
drawing number, opening-stock lots by product, warehouse and lot number. Later sheets may refer to what earlier
ones create (a workbook's products sheet and its opening stock), in the order of ImportKind.

Decisions where the issue is silent:
- an empty cell in a mapped optional column clears the value; an unmapped column leaves it as it is;
- a product's unit changes only while it has no stock (as in the product form);
- a part's route is not changed by an import (facts hang on it): a different route is reported, and the
  route is changed in the part's window;
- an opening-stock lot already recorded with the same quantity, cost and received date is unchanged; with
  other values it is reported (stock is corrected by an adjustment, never by re-importing);
- deactivated records are matched, not reactivated, and receive no opening stock;
- a received date may not lie before the last movement of that product in that warehouse, nor in the future
  (the stock card stays in time order; the same rule as a dated document).

BOMs (one row per line, grouped by product and revision after the row loop; the checks are those of
services/materials/boms.py, called, not copied):
- a blank revision is the product's active one, or a new revision when it has none; a named revision that
  does not exist is created under that name (active only when the product has no active BOM yet);
- the file's lines replace the revision's lines; the same lines in the same order are unchanged;
- a revision released to parts is never changed in place (a part keeps its revision): a changed BOM of such a
  revision is reported as a row error, as the BOM window refuses it; the technologist names a new revision in
  the file (e.g. B) and activates it in the BOM window;
- cycles are checked over the file's BOMs together with every active BOM in the database, and reported with the
  path (SKU -> ... -> SKU); a blank make/buy is buy (as in the BOM window).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import func, select

from erp_desktop.db.models import (
    Bom,
    BomLine,
    Lot,
    Part,
    PartStage,
    Product,
    Stage,
    StockMovement,
    Supplier,
    Warehouse,
)
from erp_desktop.db.types import utcnow
from erp_desktop.domain.materials import Sourcing, cycle_error, find_cycle, next_revision
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import (
    MAX_MOVEMENT_VALUE,
    Category,
    Quality,
    Unit,
    exact_cost,
    exact_qty,
    value_of,
)
from erp_desktop.domain.text import fold
from erp_desktop.errors import QT_TRANSLATE_NOOP, ErpError, PermissionDenied, Text, ValidationError
from erp_desktop.services.imports.dto import (
    Action,
    CellError,
    Change,
    ImportCancelled,
    ImportReport,
    KindCount,
    PlannedRow,
    Section,
)
from erp_desktop.services.imports.kinds import FIELDS, ImportKind
from erp_desktop.services.inputs import column_text
from erp_desktop.services.materials import boms as bom_rules
from erp_desktop.services.production.parts import _code as part_code
from erp_desktop.services.production.parts import _customer as part_customer
from erp_desktop.services.production.parts import _name as part_name
from erp_desktop.services.production.parts import _planned as part_planned
from erp_desktop.services.production.parts import _priority as part_priority
from erp_desktop.services.stock.master import _enum
from erp_desktop.services.uow import UnitOfWork

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
_BAD = object()  # a cell that failed its rule (already reported)
_CHUNK = 900  # ids per IN (...) list (SQLite allows 32,766 parameters; PostgreSQL more)
_ROUTE_SPLIT = re.compile(r"\s*(?:>|→|,|;|\|)\s*")
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y")

# Russian and English words a plant's files use for units, categories and quality statuses
_UNIT_WORDS = {"кг": "kg", "м": "m", "шт": "pcs", "шт.": "pcs", "лист": "sheet", "л": "l", "pc": "pcs"}
_CATEGORY_WORDS = {"металл": "metal", "метизы": "fastener", "крепёж": "fastener", "крепеж": "fastener",
                   "инструмент": "tooling", "оснастка": "tooling", "расходник": "consumable",
                   "расходные материалы": "consumable", "комплектующие": "component", "готовая продукция": "finished"}
_SOURCING_WORDS = {"изготовить": "make", "изготовление": "make", "собств.": "make", "собств": "make",
                   "собственное": "make", "собственный": "make", "производство": "make", "делать": "make",
                   "купить": "buy", "покупка": "buy", "покуп.": "buy", "покуп": "buy", "покупное": "buy",
                   "покупной": "buy", "закупка": "buy", "": "buy"}
_QUALITY_WORDS = {"ожидает": "PENDING", "на проверке": "PENDING", "одобрено": "APPROVED", "годно": "APPROVED",
                  "отклонено": "REJECTED", "брак": "REJECTED", "карантин": "QUARANTINE"}


def chunks(values: list, size: int = _CHUNK):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def cell_text(cell) -> str:
    """A cell as the clerk sees it: Excel numbers without a spurious '.0', dates as dd.mm.yyyy."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else str(Decimal(repr(cell)))
    if isinstance(cell, datetime):
        return cell.strftime("%d.%m.%Y") if cell.time() == time(0) else cell.strftime("%d.%m.%Y %H:%M")
    if isinstance(cell, date):
        return cell.strftime("%d.%m.%Y")
    return str(cell)


def cell_number(cell):
    """An Excel float becomes the Decimal of its shortest form (0.1, not 0.1000000000000000055...)."""
    if isinstance(cell, float):
        return Decimal(repr(cell))
    if cell is None:
        return ""
    return cell if isinstance(cell, int | Decimal) else cell_text(cell)


def cell_date(cell, *, label: str) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = cell_text(cell).strip()
    if not text:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the {label}."), label=label)
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{value}' is not a date; enter it as dd.mm.yyyy."),
                          value=text)


def received_moment(day: date) -> datetime:
    """The FIFO key of an opening lot: the start of its received day, this computer's time."""
    return datetime.combine(day, time(0)).astimezone()


@dataclass
class Planned:
    """One row's plan: the record it matches (``id``, None when created) and the values to write."""

    kind: ImportKind
    sheet: str
    row: int
    key: str
    action: Action
    values: dict
    id: int | None = None
    before: dict = field(default_factory=dict)
    changes: tuple[Change, ...] = ()


@dataclass
class Plan:
    errors: list[CellError] = field(default_factory=list)
    rows: list[Planned] = field(default_factory=list)

    def of(self, kind: ImportKind, action: Action | None = None) -> list[Planned]:
        return [p for p in self.rows if p.kind == kind and (action is None or p.action == action)]

    def report(self, *, written: bool = False, documents: tuple[str, ...] = ()) -> ImportReport:
        counts = []
        for kind in ImportKind:
            rows = self.of(kind)
            if rows:
                counts.append(KindCount(kind, *(sum(1 for p in rows if p.action == a) for a in Action)))
        return ImportReport(
            tuple(self.errors),
            tuple(PlannedRow(p.kind, p.sheet, p.row, p.key, p.action, p.changes) for p in self.rows),
            tuple(counts), written, documents)


class _Row:
    """One sheet row's cells by field, and the errors found in them."""

    def __init__(self, planner: Planner, section: Section, number: int, cells: tuple):
        self.planner, self.section, self.number, self.cells = planner, section, number, cells

    def raw(self, name: str):
        index = self.section.mapping.get(name)
        return None if index is None or index >= len(self.cells) else self.cells[index]

    def mapped(self, name: str) -> bool:
        return name in self.section.mapping

    def header(self, name: str) -> str:
        index = self.section.mapping.get(name)
        return self.section.sheet.headers[index] if index is not None else name

    def error(self, name: str, message: Text | str, value=None) -> None:
        shown = cell_text(self.raw(name) if value is None else value)
        self.planner.plan.errors.append(CellError(self.section.sheet.name, self.number, self.header(name), shown,
                                                  message))

    def clean(self, name: str, rule: Callable, convert: Callable = cell_text):
        """``rule(value)`` or _BAD with the cell's error reported (the message of the app's form)."""
        try:
            return rule(convert(self.raw(name)))
        except ErpError as error:
            self.error(name, error.text)
            return _BAD


def _changes(kind: ImportKind, before: dict, after: dict) -> tuple[Change, ...]:
    labels = {f.name: f.label for f in FIELDS[kind]}
    return tuple(Change(labels.get(name, name), cell_text(before[name]), cell_text(value))
                 for name, value in after.items() if name in before and before[name] != value)


def _without_spaces(sku: str) -> str:
    if any(ch.isspace() for ch in sku):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A SKU cannot contain spaces (a barcode scanner types it)."), field="sku")
    return sku


def _word(words: dict[str, str]) -> Callable[[str], str]:
    def translate(text: str) -> str:
        text = text.strip()
        return words.get(fold(text), fold(text))
    return translate


class Planner:
    """Checks sections against the database as it is in ``uow`` (and against what earlier sections create)."""

    def __init__(self, uow: UnitOfWork, *, progress: Progress | None = None, cancelled: Cancelled | None = None):
        self.uow = uow
        self.plan = Plan()
        self.progress = progress
        self.cancelled = cancelled
        self._done = 0
        self._total = 0
        # folded key -> (id or None for a planned record, extra)
        self.products: dict[str, dict] = {}
        self.warehouses: dict[str, dict] = {}
        self.suppliers: dict[str, dict] = {}
        self._keys_seen: dict[tuple, int] = {}

    # ------------------------------------------------------------------ driving

    def run(self, sections: list[Section]) -> Plan:
        actor = self.uow.actor
        for kind in {s.kind for s in sections}:
            actor.require(kind.op)
        ordered = sorted(sections, key=lambda s: list(ImportKind).index(s.kind))
        self._total = sum(len(s.sheet.rows) for s in ordered)
        kinds = {s.kind for s in ordered}
        if kinds & {ImportKind.WAREHOUSES, ImportKind.OPENING_STOCK}:
            self._load_warehouses()
        if kinds & {ImportKind.SUPPLIERS, ImportKind.OPENING_STOCK}:
            self._load_suppliers()
        if kinds & {ImportKind.PRODUCTS, ImportKind.OPENING_STOCK, ImportKind.BOMS}:
            self._load_products()
        for section in ordered:
            if not self._check_mapping(section):
                continue
            handle = getattr(self, f"_{section.kind.value}")
            if section.kind == ImportKind.PARTS:
                self._load_parts()
            if section.kind == ImportKind.OPENING_STOCK:
                self._load_lots(section)
            for number, cells in section.sheet.rows:
                handle(_Row(self, section, number, cells))
                self._step()
            if section.kind == ImportKind.BOMS:
                self._plan_boms(section)
        return self.plan

    def _step(self) -> None:
        self._done += 1
        if self._done % 500 == 0 or self._done == self._total:
            if self.cancelled is not None and self.cancelled():
                raise ImportCancelled()
            if self.progress is not None:
                self.progress(self._done, self._total)

    def _check_mapping(self, section: Section) -> bool:
        missing = [f for f in FIELDS[section.kind] if f.required and f.name not in section.mapping]
        for f in missing:
            self.plan.errors.append(CellError(section.sheet.name, 1, "", "", Text(QT_TRANSLATE_NOOP(
                "errors", "No column is chosen for \"{field}\"; choose the column that holds it."), field=f.label)))
        return not missing

    def _duplicate(self, row: _Row, name: str, kind: ImportKind, key: str) -> bool:
        seen = self._keys_seen.setdefault((kind, key), row.number)
        if seen != row.number:
            row.error(name, Text(QT_TRANSLATE_NOOP(
                "errors", "{value} is already in row {row} of this sheet; each code may appear only once."),
                value=cell_text(row.raw(name)), row=seen))
            return True
        return False

    def _add(self, row: _Row, key: str, values: dict, existing: dict | None, *, id_key: str = "id") -> Planned:
        if existing is None or existing.get(id_key) is None:
            planned = Planned(row.section.kind, row.section.sheet.name, row.number, key, Action.CREATE, values)
        else:
            before = {name: existing[name] for name in values if name in existing}
            changes = _changes(row.section.kind, before, values)
            action = Action.UPDATE if changes else Action.UNCHANGED
            planned = Planned(row.section.kind, row.section.sheet.name, row.number, key, action, values,
                              existing[id_key], before, changes)
        self.plan.rows.append(planned)
        return planned

    # ------------------------------------------------------------------ what exists

    def _load_products(self) -> None:
        session, org = self.uow.session, self.uow.org_id
        with_lots = set(session.execute(select(Lot.product_id).where(Lot.org_id == org).distinct()).scalars())
        for p in session.execute(select(Product).where(Product.org_id == org)).scalars():
            self.products[fold(p.sku)] = {
                "id": p.id, "sku": p.sku, "name": p.name, "unit": p.unit, "category": p.category, "grade": p.grade,
                "size": p.size, "min_level": p.min_level, "is_active": p.is_active, "has_lots": p.id in with_lots}

    def _load_warehouses(self) -> None:
        for w in self.uow.session.execute(select(Warehouse).where(Warehouse.org_id == self.uow.org_id)).scalars():
            self.warehouses[fold(w.code)] = {"id": w.id, "code": w.code, "name": w.name, "is_active": w.is_active}

    def _load_suppliers(self) -> None:
        for s in self.uow.session.execute(select(Supplier).where(Supplier.org_id == self.uow.org_id)).scalars():
            self.suppliers[fold(s.name)] = {"id": s.id, "name": s.name, "contact": s.contact,
                                            "is_active": s.is_active}

    def _load_parts(self) -> None:
        if hasattr(self, "parts"):
            return
        session, org = self.uow.session, self.uow.org_id
        self.stages = {fold(s.code): s for s in session.execute(select(Stage).where(Stage.org_id == org)).scalars()}
        routes: dict[int, list[str]] = {}
        for part_id, code in session.execute(
                select(PartStage.part_id, Stage.code).join(Stage, Stage.id == PartStage.stage_id)
                .join(Part, Part.id == PartStage.part_id).where(Part.org_id == org)
                .order_by(PartStage.part_id, PartStage.position)):
            routes.setdefault(part_id, []).append(code)
        self.parts = {}
        for p in session.execute(select(Part).where(Part.org_id == org)).scalars():
            self.parts[fold(p.code)] = {"id": p.id, "code": p.code, "name": p.name, "customer": p.customer,
                                        "planned_qty": p.planned_qty, "deadline": p.deadline, "priority": p.priority,
                                        "route": tuple(fold(c) for c in routes.get(p.id, ()))}

    def _load_lots(self, section: Section) -> None:
        if hasattr(self, "lots"):
            return
        session, org = self.uow.session, self.uow.org_id
        self.lots = {}
        for lot in session.execute(select(Lot.product_id, Lot.warehouse_id, Lot.lot_number, Lot.qty_received,
                                          Lot.unit_cost, Lot.received_at)
                                   .where(Lot.org_id == org, Lot.source_lot_id.is_(None)).order_by(Lot.id)):
            self.lots.setdefault((lot.product_id, lot.warehouse_id, fold(lot.lot_number)), lot)
        self.last_movement = {
            (product_id, warehouse_id): at
            for product_id, warehouse_id, at in session.execute(
                select(StockMovement.product_id, StockMovement.warehouse_id, func.max(StockMovement.at))
                .where(StockMovement.org_id == org)
                .group_by(StockMovement.product_id, StockMovement.warehouse_id))}

    # ------------------------------------------------------------------ kinds

    def _warehouses(self, row: _Row) -> None:
        code = row.clean("code", lambda v: column_text(Warehouse.code, v, label=QT_TRANSLATE_NOOP("errors", "warehouse code"), required=True))
        values = {}
        if row.mapped("name"):
            values["name"] = row.clean("name", lambda v: column_text(Warehouse.name, v, label=QT_TRANSLATE_NOOP("errors", "warehouse name"),
                                                                     required=True))
        if code is _BAD or _BAD in values.values() or self._duplicate(row, "code", ImportKind.WAREHOUSES, fold(code)):
            return
        existing = self.warehouses.get(fold(code))
        planned = self._add(row, code, {"code": code, **values} if existing is None else values, existing)
        if existing is None:
            self.warehouses[fold(code)] = {"id": None, "planned": planned, "code": code, "is_active": True,
                                           "name": values.get("name", "")}

    def _suppliers(self, row: _Row) -> None:
        name = row.clean("name", lambda v: column_text(Supplier.name, v, label=QT_TRANSLATE_NOOP("errors", "supplier name"), required=True))
        values = {}
        if row.mapped("contact"):
            values["contact"] = row.clean("contact", lambda v: column_text(Supplier.contact, v, label=QT_TRANSLATE_NOOP("errors", "contact")))
        if name is _BAD or _BAD in values.values() or self._duplicate(row, "name", ImportKind.SUPPLIERS, fold(name)):
            return
        existing = self.suppliers.get(fold(name))
        planned = self._add(row, name, {"name": name, **values} if existing is None else values, existing)
        if existing is None:
            self.suppliers[fold(name)] = {"id": None, "planned": planned, "name": name, "is_active": True}

    def _products(self, row: _Row) -> None:
        sku = row.clean("sku", lambda v: _without_spaces(column_text(Product.sku, v, label=QT_TRANSLATE_NOOP("errors", "SKU"), required=True)))
        values = {
            "name": row.clean("name", lambda v: column_text(Product.name, v, label=QT_TRANSLATE_NOOP("errors", "product name"), required=True)),
            "unit": row.clean("unit", lambda v: _enum(Unit, _word(_UNIT_WORDS)(v), field="unit", label=QT_TRANSLATE_NOOP("errors", "unit")).value),
            "category": row.clean("category", lambda v: _enum(Category, _word(_CATEGORY_WORDS)(v), field="category",
                                                               label=QT_TRANSLATE_NOOP("errors", "category")).value),
        }
        if row.mapped("grade"):
            values["grade"] = row.clean("grade", lambda v: column_text(Product.grade, v, label=QT_TRANSLATE_NOOP("errors", "material grade")))
        if row.mapped("size"):
            values["size"] = row.clean("size", lambda v: column_text(Product.size, v, label=QT_TRANSLATE_NOOP("errors", "size")))
        if row.mapped("min_level"):
            values["min_level"] = row.clean(
                "min_level", lambda v: exact_qty(v or "0", field="min_level", label=QT_TRANSLATE_NOOP("errors", "minimum level"), allow_zero=True),
                cell_number)
        if sku is _BAD or self._duplicate(row, "sku", ImportKind.PRODUCTS, fold(sku)):
            return
        existing = self.products.get(fold(sku))
        if (existing is not None and existing["id"] is not None and values["unit"] is not _BAD
                and values["unit"] != existing["unit"] and existing["has_lots"]):
            row.error("unit", f"{existing['name']} already has stock recorded in {existing['unit']}; its unit cannot "
                              "change. Create a new product for the other unit.")
            return
        if _BAD in values.values():
            return
        planned = self._add(row, sku, {"sku": sku, **values} if existing is None else values, existing)
        if existing is None:
            self.products[fold(sku)] = {"id": None, "planned": planned, "sku": sku, "is_active": True, **values}
        else:  # a BOM sheet of the same import sees the category the product will have
            existing["category"] = values["category"]

    def _route(self, text: str) -> tuple[int, ...]:
        codes = [c for c in _ROUTE_SPLIT.split(text.strip()) if c]
        if not codes:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A part needs at least one stage in its route."), field="route")
        ids = []
        for code in codes:
            stage = self.stages.get(fold(code))
            if stage is None:
                raise ValidationError(Text(QT_TRANSLATE_NOOP(
                    "errors", "There is no stage with the code {code}. Stage codes: {codes}."), code=code,
                    codes=", ".join(s.code for s in self.stages.values() if s.is_active)))
            if not stage.is_active:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "The stage {name} is no longer in use and cannot be added to a route."), name=stage.name)
            ids.append(stage.id)
        if len(set(ids)) != len(ids):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A stage can appear only once in a route."), field="route")
        return tuple(ids)

    def _parts(self, row: _Row) -> None:
        code = row.clean("code", part_code)
        values = {
            "name": row.clean("name", part_name),
            "planned_qty": row.clean("planned_qty", part_planned, cell_number),
        }
        route = row.clean("route", self._route)
        if row.mapped("customer"):
            values["customer"] = row.clean("customer", part_customer)
        if row.mapped("deadline"):
            values["deadline"] = row.clean("deadline", lambda v: None if v in (None, "") else
                                           cell_date(v, label=QT_TRANSLATE_NOOP("errors", "deadline")), lambda v: v)
        if row.mapped("priority"):
            values["priority"] = row.clean("priority", part_priority, cell_number)
        if code is _BAD or _BAD in values.values() or route is _BAD:
            return
        if self._duplicate(row, "code", ImportKind.PARTS, fold(code)):
            return
        existing = self.parts.get(fold(code))
        if existing is not None:
            by_id = {s.id: fold(s.code) for s in self.stages.values()}
            if tuple(by_id[i] for i in route) != existing["route"]:
                row.error("route", Text(QT_TRANSLATE_NOOP(
                    "errors", "Part {code} already has another route; an import does not change routes. Change it "
                              "in the part's window."), code=existing["code"]))
                return
            self._add(row, code, values, existing)
            return
        self._add(row, code, {"code": code, "route": route, **values}, None)
        self.parts[fold(code)] = {"id": None}

    def _opening_stock(self, row: _Row) -> None:
        actor = self.uow.actor
        product = row.clean("sku", self._find(self.products, QT_TRANSLATE_NOOP(
            "errors", "There is no product with the SKU {value}: add it to the products sheet or create it first.")))
        warehouse = row.clean("warehouse", self._find(self.warehouses, QT_TRANSLATE_NOOP(
            "errors", "There is no warehouse with the code {value}: add it to the warehouses sheet or create it "
                      "first.")))
        supplier = None
        if row.mapped("supplier") and cell_text(row.raw("supplier")).strip():
            supplier = row.clean("supplier", self._find(self.suppliers, QT_TRANSLATE_NOOP(
                "errors", "There is no supplier named {value}: add it to the suppliers sheet or create it first.")))
        lot_number = row.clean("lot_number", lambda v: column_text(Lot.lot_number, v, label=QT_TRANSLATE_NOOP("errors", "lot number"),
                                                                   required=True))
        day = row.clean("received", lambda v: self._received_day(v), lambda v: v)
        qty = row.clean("qty", lambda v: exact_qty(v), cell_number)
        unit_cost = row.clean("unit_cost", lambda v: exact_cost(v), cell_number)
        quality = Quality.PENDING
        if row.mapped("quality") and cell_text(row.raw("quality")).strip():
            quality = row.clean("quality", self._quality)
        certificate = ""
        if row.mapped("certificate"):
            certificate = row.clean("certificate", lambda v: column_text(Lot.certificate, v,
                                                                         label=QT_TRANSLATE_NOOP("errors", "certificate or heat number")))
        if _BAD in (product, warehouse, supplier, lot_number, day, qty, unit_cost, quality, certificate):
            return
        if value_of(qty, unit_cost) > MAX_MOVEMENT_VALUE:
            row.error("qty", "The value of this receipt is too large; split it into several lots.")
            return
        if not product["is_active"]:
            row.error("sku", f"{product['name']} is deactivated; reactivate it before receiving stock.")
            return
        if not warehouse["is_active"]:
            row.error("warehouse", f"{warehouse['name']} is deactivated and cannot receive stock.")
            return
        if quality != Quality.PENDING and not actor.can(Op.CHANGE_QUALITY):
            try:
                actor.require(Op.CHANGE_QUALITY)
            except PermissionDenied as error:
                row.error("quality", error.text)
            return
        key = f"{product['sku']} / {warehouse['code']} / {lot_number}"
        if self._duplicate(row, "lot_number", ImportKind.OPENING_STOCK, fold(key)):
            return
        moment = received_moment(day)
        stock_key = (product["id"], warehouse["id"])
        existing = self.lots.get((*stock_key, fold(lot_number))) if None not in stock_key else None
        values = {"product": product, "warehouse": warehouse, "supplier": supplier, "lot_number": lot_number,
                  "received_at": moment, "qty": qty, "unit_cost": unit_cost, "quality": quality,
                  "certificate": certificate}
        if existing is not None:
            differs = [name for name, old, new in (
                ("qty", existing.qty_received, qty), ("unit_cost", existing.unit_cost, unit_cost),
                ("received", existing.received_at.astimezone().date(), day)) if old != new]
            if differs:
                row.error(differs[0], Text(QT_TRANSLATE_NOOP(
                    "errors", "Lot {lot} was already recorded with other values (quantity {qty}, unit cost {cost}, "
                              "received {received}); stock is corrected with an adjustment, not by importing it "
                              "again."), lot=lot_number, qty=existing.qty_received, cost=existing.unit_cost,
                    received=existing.received_at.astimezone().date()))
                return
            self.plan.rows.append(Planned(ImportKind.OPENING_STOCK, row.section.sheet.name, row.number, key,
                                          Action.UNCHANGED, values))
            return
        latest = self.last_movement.get(stock_key) if None not in stock_key else None
        if latest is not None and moment < latest:
            row.error("received", Text(QT_TRANSLATE_NOOP(
                "errors", "The received date cannot be earlier than the last movement of this stock ({latest})."),
                latest=latest.astimezone().date()))
            return
        self.plan.rows.append(Planned(ImportKind.OPENING_STOCK, row.section.sheet.name, row.number, key,
                                      Action.CREATE, values))

    # ------------------------------------------------------------------ BOMs

    def _boms(self, row: _Row) -> None:
        groups = self.__dict__.setdefault("_bom_groups", {})
        no_product = QT_TRANSLATE_NOOP("errors", "There is no product with the SKU {value}: add it to the products sheet "
                                              "or create it first.")
        product = row.clean("product", self._find(self.products, no_product))
        if product is not _BAD:
            try:
                bom_rules.check_made(product["sku"], product.get("category", ""))
            except ErpError as error:
                row.error("product", error.text)
                product = _BAD
        revision = ""
        if row.mapped("revision"):
            revision = row.clean("revision", lambda v: column_text(Bom.revision, v.upper(), label=QT_TRANSLATE_NOOP(
                "errors", "revision")))
        component = row.clean("component", self._find(self.products, no_product))

        def number(name: str, rule: Callable):
            return row.clean(name, lambda v: rule(v or "0"), cell_number) if row.mapped(name) else Decimal(0)

        per_unit = number("qty_per_unit", bom_rules.per_unit_qty)
        fixed = number("fixed_qty", bom_rules.fixed_order_qty)
        scrap = number("scrap_percent", lambda v: bom_rules.scrap_percent(v, line=row.number))
        sourcing = (row.clean("sourcing", lambda v: bom_rules.sourcing_of(_word(_SOURCING_WORDS)(v), line=row.number))
                    if row.mapped("sourcing") else Sourcing.BUY)
        if per_unit is not _BAD and fixed is not _BAD:
            try:
                bom_rules.check_quantities(per_unit, fixed, line=row.number)
            except ErpError as error:
                row.error("qty_per_unit" if row.mapped("qty_per_unit") else "fixed_qty", error.text)
                per_unit = _BAD
        note = None
        if row.mapped("note"):
            note = row.clean("note", lambda v: column_text(Bom.note, v, label=QT_TRANSLATE_NOOP("errors", "note")))
        if product is _BAD or revision is _BAD:
            return
        group = groups.setdefault((fold(product["sku"]), fold(revision)), {
            "product": product, "revision": revision, "row": row.number, "sheet": row.section.sheet.name,
            "lines": [], "note": None, "bad": False, "rows": []})
        group["rows"].append(row)
        if note not in (None, _BAD) and note and group["note"] is None:
            group["note"] = note
        if _BAD in (component, per_unit, fixed, scrap, sourcing, note):
            group["bad"] = True
            return
        group["lines"].append({"component": component, "qty_per_unit": per_unit, "fixed_qty": fixed,
                               "scrap_percent": scrap, "sourcing": sourcing.value})

    def _plan_boms(self, section: Section) -> None:
        groups = self.__dict__.pop("_bom_groups", {})
        if not groups:
            return
        session, org = self.uow.session, self.uow.org_id
        sku_of = {v["id"]: key for key, v in self.products.items() if v.get("id") is not None}
        product_ids = sorted({g["product"]["id"] for g in groups.values() if g["product"].get("id") is not None})
        existing: dict[int, list[Bom]] = {}
        lines: dict[int, list[tuple]] = {}
        released: dict[int, int] = {}
        for batch in chunks(product_ids):
            for bom in session.execute(select(Bom).where(Bom.org_id == org, Bom.product_id.in_(batch))).scalars():
                existing.setdefault(bom.product_id, []).append(bom)
        bom_ids = sorted(b.id for boms in existing.values() for b in boms)
        for batch in chunks(bom_ids):
            for line in session.execute(select(BomLine).where(BomLine.bom_id.in_(batch))
                                        .order_by(BomLine.bom_id, BomLine.position, BomLine.id)).scalars():
                lines.setdefault(line.bom_id, []).append((sku_of.get(line.component_id), line.qty_per_unit,
                                                          line.fixed_qty, line.scrap_percent, line.sourcing))
            released.update(session.execute(select(Part.bom_id, func.count()).where(Part.bom_id.in_(batch))
                                            .group_by(Part.bom_id)).all())
        # product key -> component keys of its active BOM, as it will be after the import
        edges: dict[str, set[str]] = {}
        for product_id, components in bom_rules.active_edges(self.uow).items():
            if product_id in sku_of:
                edges[sku_of[product_id]] = {sku_of[c] for c in components if c in sku_of}
        # a blank revision is the active one (or a new one): rows naming it and blank rows are one BOM
        merged: dict[tuple[str, str], dict] = {}
        for (key, _rev), group in sorted(groups.items(), key=lambda item: item[1]["row"]):
            product = group["product"]
            boms = existing.get(product.get("id"), []) if product.get("id") is not None else []
            revision = group["revision"]
            if revision:
                target = next((b for b in boms if fold(b.revision) == fold(revision)), None)
            else:
                target = next((b for b in boms if b.is_active), None)
                revision = target.revision if target is not None else next_revision(b.revision for b in boms)
            into = merged.get((key, fold(revision)))
            if into is None:
                merged[(key, fold(revision))] = {**group, "revision": revision, "target": target, "boms": boms}
            else:
                into["lines"] = into["lines"] + group["lines"]
                into["rows"] = into["rows"] + group["rows"]
                into["bad"] = into["bad"] or group["bad"]
                if into["note"] is None:
                    into["note"] = group["note"]
        groups = merged
        planned_boms = []
        new_active: set[str] = set()
        for (key, _rev), group in sorted(groups.items(), key=lambda item: item[1]["row"]):
            if group["bad"]:
                continue
            product, revision, target, boms = group["product"], group["revision"], group["target"], group["boms"]
            after = [(fold(line["component"]["sku"]), line["qty_per_unit"], line["fixed_qty"],
                      line["scrap_percent"], line["sourcing"]) for line in group["lines"]]
            values = {"product": product, "revision": revision, "lines": group["lines"], "note": group["note"]}
            shown = f"{product['sku']} {revision}"
            first = group["rows"][0]
            if len(after) > bom_rules.MAX_LINES:
                first.error("product", Text(QT_TRANSLATE_NOOP("errors", "A BOM holds at most {limit} lines."),
                                            limit=bom_rules.MAX_LINES))
                continue
            if target is None:
                active = not any(b.is_active for b in boms) and key not in new_active
                if active:
                    new_active.add(key)
                planned = Planned(ImportKind.BOMS, group["sheet"], group["row"], shown, Action.CREATE,
                                  {**values, "active": active})
            else:
                before = lines.get(target.id, [])
                changes = tuple(
                    Change(QT_TRANSLATE_NOOP("enums", "BOM lines"),
                           f"{i + 1}: {_line_text(before[i])}" if i < len(before) else "",
                           f"{i + 1}: {_line_text(after[i])}" if i < len(after) else "")
                    for i in range(max(len(before), len(after)))
                    if i >= len(before) or i >= len(after) or before[i] != after[i])
                if group["note"] is not None and group["note"] != target.note:
                    changes += (Change(QT_TRANSLATE_NOOP("enums", "Note"), target.note, group["note"]),)
                if changes and released.get(target.id):
                    error = bom_rules.released_error(target.revision, released[target.id])
                    first.error("revision" if first.mapped("revision") else "product", error.text)
                    continue
                active = target.is_active
                planned = Planned(ImportKind.BOMS, group["sheet"], group["row"], shown,
                                  Action.UPDATE if changes else Action.UNCHANGED, {**values, "active": active},
                                  target.id, {}, changes)
            if active:
                edges[key] = {c[0] for c in after}
            elif key in {c[0] for c in after}:  # an inactive revision naming its own product
                first.error("component", cycle_error([product["sku"], product["sku"]]).text)
                continue
            planned_boms.append((key, planned))
        reported: set[frozenset] = set()
        for key, planned in planned_boms:
            if planned.values["active"]:
                path = find_cycle(edges, key)
                if path is not None:
                    if frozenset(path) not in reported:
                        reported.add(frozenset(path))
                        skus = [self.products[p]["sku"] for p in path]
                        row = groups[(key, fold(planned.values["revision"]))]["rows"][0] if (
                            key, fold(planned.values["revision"])) in groups else None
                        self.plan.errors.append(CellError(
                            planned.sheet, planned.row, row.header("component") if row else "", " -> ".join(skus),
                            cycle_error(skus).text))
                    continue
            self.plan.rows.append(planned)

    def _find(self, records: dict, message: str) -> Callable[[str], dict]:
        def find(text: str) -> dict:
            text = text.strip()
            if not text:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "This cell is required; fill it in."))
            found = records.get(fold(text))
            if found is None:
                raise ValidationError(message, value=text)
            return found
        return find

    def _received_day(self, value) -> date:
        day = cell_date(value, label=QT_TRANSLATE_NOOP("errors", "received date"))
        if day > utcnow().astimezone().date():
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The received date cannot be in the future."))
        return day

    def _quality(self, text: str) -> Quality:
        text = text.strip()
        word = _QUALITY_WORDS.get(fold(text), text.upper())
        try:
            return Quality(word)
        except ValueError:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "Unknown quality status '{value}'. Choose one of: {choices}."), value=text,
                choices=", ".join(q.value for q in Quality)) from None


def _line_text(line: tuple) -> str:
    component, per_unit, fixed, scrap, sourcing = line
    return f"{component or '?'} {cell_text(per_unit)}/{cell_text(fixed)} +{cell_text(scrap)}% {sourcing}"


def make_plan(uow: UnitOfWork, sections: list[Section], *, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> Plan:
    return Planner(uow, progress=progress, cancelled=cancelled).run(sections)
