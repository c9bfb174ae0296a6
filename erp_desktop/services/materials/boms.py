"""Bills of materials: revisions of a made product's BOM, their lines, the one active revision, and the
BOM a part is released with. A BOM that would contain its own product at any depth is refused with the path.

A revision a part was released with keeps its lines (the job runs on what it was released with): the
technologist makes a new revision (copying the lines) and activates it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from sqlalchemy import delete, func, select, update

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Bom, BomLine, Part, Product, StockDocument
from erp_desktop.db.types import utcnow
from erp_desktop.domain.inputs import REASON_MAX_LENGTH
from erp_desktop.domain.materials import MAX_SCRAP_PERCENT, Sourcing, cycle_error, find_cycle, next_revision
from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import Category, Unit, exact_qty
from erp_desktop.errors import (
    QT_TRANSLATE_NOOP,
    ConcurrentModification,
    InvalidTransition,
    NotFound,
    ValidationError,
)
from erp_desktop.services.actor import Actor
from erp_desktop.services.inputs import column_text, optional_id, record_id
from erp_desktop.services.materials.dto import BomDTO, BomLineDTO, BomSummaryDTO
from erp_desktop.services.uow import UnitOfWork, run_read, run_write

MAX_LINES = 500
_MADE = (Category.FINISHED.value, Category.COMPONENT.value)


def per_unit_qty(value, *, field: str = "qty_per_unit"):
    return exact_qty(value, field=field, label=QT_TRANSLATE_NOOP("errors", "quantity per unit"), allow_zero=True)


def fixed_order_qty(value, *, field: str = "fixed_qty"):
    return exact_qty(value, field=field, label=QT_TRANSLATE_NOOP("errors", "fixed quantity per order"),
                     allow_zero=True)


def scrap_percent(value, *, line: int, field: str = "scrap_percent"):
    scrap = exact_qty(value, field=field, label=QT_TRANSLATE_NOOP("errors", "scrap %"), allow_zero=True)
    if scrap > MAX_SCRAP_PERCENT:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Line {line}: scrap % is at most {limit}."), line=line,
                              limit=MAX_SCRAP_PERCENT, field=field)
    return scrap


def sourcing_of(value, *, line: int, field: str = "sourcing") -> Sourcing:
    try:
        return Sourcing(str(value).lower())
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Line {line}: choose make or buy."), line=line,
                              field=field) from None


def check_quantities(per_unit, fixed, *, line: int, field: str = "qty_per_unit") -> None:
    if per_unit == 0 and fixed == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Line {line}: enter a quantity per unit or a fixed quantity "
                                                          "per order."), line=line, field=field)


def check_made(sku: str, category: str) -> None:
    """A BOM belongs to a product the plant makes."""
    if category not in _MADE:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{sku} is not made by the plant (category {category}); a BOM "
                                                          "belongs to a finished product or a component."),
                              sku=sku, category=category, field="product_id")


def _line_values(raw: Mapping, position: int) -> dict:
    field = f"lines[{position}]"
    line = position + 1
    component_id = record_id(Product, raw.get("component_id"), QT_TRANSLATE_NOOP("errors", "component"))
    per_unit = per_unit_qty(raw.get("qty_per_unit", "0"), field=f"{field}.qty_per_unit")
    fixed = fixed_order_qty(raw.get("fixed_qty", "0"), field=f"{field}.fixed_qty")
    check_quantities(per_unit, fixed, line=line, field=f"{field}.qty_per_unit")
    scrap = scrap_percent(raw.get("scrap_percent", "0"), line=line, field=f"{field}.scrap_percent")
    sourcing = sourcing_of(raw.get("sourcing", Sourcing.BUY.value), line=line, field=f"{field}.sourcing")
    return {"component_id": component_id, "qty_per_unit": per_unit, "fixed_qty": fixed, "scrap_percent": scrap,
            "sourcing": sourcing.value, "position": position + 1}


def _products(uow: UnitOfWork, ids: Iterable[int]) -> dict[int, Product]:
    ids = sorted(set(ids))
    rows = uow.session.execute(select(Product).where(Product.id.in_(ids), Product.org_id == uow.org_id)).scalars()
    found = {p.id: p for p in rows}
    if len(found) != len(ids):
        raise NotFound(QT_TRANSLATE_NOOP("errors", "A component of this BOM does not exist (any more)."))
    return found


def active_edges(uow: UnitOfWork) -> dict[int, set[int]]:
    """product -> the products its active BOM's lines name (every line: a bought line naming the product
    itself is a loop as much as a made one)."""
    edges: dict[int, set[int]] = defaultdict(set)
    for product_id, component_id in uow.session.execute(
        select(Bom.product_id, BomLine.component_id).join(BomLine, BomLine.bom_id == Bom.id)
        .where(Bom.org_id == uow.org_id, Bom.is_active)
    ):
        edges[product_id].add(component_id)
    return edges


def _check_no_cycle(uow: UnitOfWork, product_id: int, components: Iterable[int]) -> None:
    edges = active_edges(uow)
    edges[product_id] = set(components)
    path = find_cycle(edges, product_id)
    if path is not None:
        skus = dict(uow.session.execute(select(Product.id, Product.sku).where(Product.id.in_(set(path)))).all())
        raise cycle_error([skus[p] for p in path])


def _parts_using(uow: UnitOfWork, bom_id: int) -> int:
    return uow.session.execute(select(func.count()).select_from(Part).where(Part.bom_id == bom_id)).scalar_one()


def released_error(revision: str, used: int) -> InvalidTransition:
    return InvalidTransition(QT_TRANSLATE_NOOP("errors", "Revision {revision} was released to {used} part(s); its "
                                                         "lines stay as they were. Make a new revision (copying "
                                                         "these lines) and change that."),
                             revision=revision, used=used)


def refuse_if_released(uow: UnitOfWork, bom: Bom) -> None:
    used = _parts_using(uow, bom.id)
    if used:
        raise released_error(bom.revision, used)


def insert_bom(uow: UnitOfWork, product_id: int, revision: str, rows: list[dict], *, note: str, active: bool,
               audit_extra: Mapping | None = None) -> Bom:
    """A new revision with ``rows`` (checked), audited as created."""
    now = utcnow()
    bom = Bom(org_id=uow.org_id, product_id=product_id, revision=revision, is_active=active, note=note,
              created_at=now, updated_at=now)
    uow.session.add(bom)
    uow.session.flush()
    uow.session.add_all([BomLine(bom_id=bom.id, **row) for row in rows])
    uow.session.flush()
    uow.audit("bom", bom.id, "create", after={"product_id": product_id, "revision": bom.revision,
                                              "lines": [_audit_line(r) for r in rows], **(audit_extra or {})})
    uow.changed("boms", bom.id)
    return bom


def bom_line_rows(uow: UnitOfWork, bom_id: int) -> list[dict]:
    return [{"component_id": line.component_id, "qty_per_unit": line.qty_per_unit, "fixed_qty": line.fixed_qty,
             "scrap_percent": line.scrap_percent, "sourcing": line.sourcing, "position": line.position}
            for line in uow.session.execute(select(BomLine).where(BomLine.bom_id == bom_id)
                                            .order_by(BomLine.position, BomLine.id)).scalars()]


def replace_lines(uow: UnitOfWork, bom: Bom, rows: list[dict], *, note: str | None = None,
                  audit_extra: Mapping | None = None) -> None:
    """Replace a revision's lines (checked: not released, components exist, no cycle), audited."""
    refuse_if_released(uow, bom)
    _products(uow, [r["component_id"] for r in rows])
    if bom.is_active or any(r["component_id"] == bom.product_id for r in rows):
        _check_no_cycle(uow, bom.product_id, [r["component_id"] for r in rows])
    before = [_audit_line(r) for r in bom_line_rows(uow, bom.id)]
    uow.session.execute(delete(BomLine).where(BomLine.bom_id == bom.id))
    uow.session.add_all([BomLine(bom_id=bom.id, **row) for row in rows])
    if note is not None:
        bom.note = note
    bom.updated_at = utcnow()
    bom.version += 1
    uow.session.flush()
    uow.audit("bom", bom.id, "set_lines", before={"lines": before},
              after={"lines": [_audit_line(r) for r in rows], **(audit_extra or {})})
    uow.changed("boms", bom.id)


def load_bom(uow: UnitOfWork, bom_id: int) -> BomDTO:
    bom = uow.get_owned(Bom, bom_id, QT_TRANSLATE_NOOP("errors", "BOM"))
    product = uow.session.get(Product, bom.product_id)
    lines = uow.session.execute(
        select(BomLine, Product).join(Product, Product.id == BomLine.component_id)
        .where(BomLine.bom_id == bom.id).order_by(BomLine.position, BomLine.id)
    ).all()
    return BomDTO(
        bom.id, product.id, product.sku, product.name, Unit(product.unit), bom.revision, bom.is_active, bom.note,
        bom.version,
        tuple(BomLineDTO(line.id, line.position, p.id, p.sku, p.name, Unit(p.unit), line.qty_per_unit,
                         line.fixed_qty, line.scrap_percent, Sourcing(line.sourcing)) for line, p in lines),
        _parts_using(uow, bom.id),
    )


def create_bom(db: Database, actor: Actor, *, product_id: int, lines: Iterable[Mapping] = (), note: str = "",
               copy_from_bom_id: int | None = None) -> BomDTO:
    """The next revision of ``product_id``'s BOM (A for the first, which is active at once), with ``lines``
    or a copy of another revision's lines."""
    actor.require(Op.MANAGE_BOMS)
    product_id = record_id(Product, product_id, "product")
    note = column_text(Bom.note, note, label=QT_TRANSLATE_NOOP("errors", "note"), max_len=REASON_MAX_LENGTH)
    values = [_line_values(raw, i) for i, raw in enumerate(lines)]
    copy_from = optional_id(Bom, copy_from_bom_id, QT_TRANSLATE_NOOP("errors", "BOM"))
    if len(values) > MAX_LINES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A BOM holds at most {limit} lines."), limit=MAX_LINES,
                              field="lines")

    def work(uow: UnitOfWork):
        product = uow.get_owned(Product, product_id, "product")
        check_made(product.sku, product.category)
        rows = values
        if copy_from is not None:
            source = uow.get_owned(Bom, copy_from, QT_TRANSLATE_NOOP("errors", "BOM"))
            if source.product_id != product_id:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Copy lines from a revision of the same product."),
                                      field="copy_from_bom_id")
            rows = bom_line_rows(uow, source.id)
        _products(uow, [r["component_id"] for r in rows])
        existing = list(uow.session.execute(
            select(Bom.revision, Bom.is_active).where(Bom.org_id == uow.org_id, Bom.product_id == product_id)).all())
        first = not any(active for _, active in existing)
        if first:
            _check_no_cycle(uow, product_id, [r["component_id"] for r in rows])
        bom = insert_bom(uow, product_id, next_revision(r for r, _ in existing), rows, note=note, active=first)
        return load_bom(uow, bom.id)

    return run_write(db, actor, work)


def _audit_line(row: Mapping) -> list:
    return [row["component_id"], str(row["qty_per_unit"]), str(row["fixed_qty"]), str(row["scrap_percent"]),
            row["sourcing"]]


def _locked_bom(uow: UnitOfWork, bom_id: int, version: int) -> Bom:
    query = select(Bom).where(Bom.id == bom_id, Bom.org_id == uow.org_id)
    if uow.db.is_postgres:
        query = query.with_for_update()
    bom = uow.session.execute(query).scalar_one_or_none()
    if bom is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "That BOM does not exist (any more)."))
    if bom.version != version:
        raise ConcurrentModification(QT_TRANSLATE_NOOP("errors", "This BOM was changed by someone else meanwhile. The "
                                                                    "latest values have been loaded; check them and "
                                                                    "make your change again."))
    return bom


def set_bom_lines(db: Database, actor: Actor, bom_id: int, *, version: int, lines: Iterable[Mapping],
                  note: str | None = None) -> BomDTO:
    """Replace the revision's lines (in the order given). Refused for a revision a part was released with."""
    actor.require(Op.MANAGE_BOMS)
    bom_id = record_id(Bom, bom_id, QT_TRANSLATE_NOOP("errors", "BOM"))
    values = [_line_values(raw, i) for i, raw in enumerate(lines)]
    if len(values) > MAX_LINES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A BOM holds at most {limit} lines."), limit=MAX_LINES,
                              field="lines")
    note = None if note is None else column_text(Bom.note, note, label=QT_TRANSLATE_NOOP("errors", "note"), max_len=REASON_MAX_LENGTH)

    def work(uow: UnitOfWork):
        bom = _locked_bom(uow, bom_id, version)
        replace_lines(uow, bom, values, note=note)
        return load_bom(uow, bom.id)

    return run_write(db, actor, work)


def activate_bom(db: Database, actor: Actor, bom_id: int, *, version: int) -> BomDTO:
    """Make this revision the product's active one (the one new parts and sub-assemblies use)."""
    actor.require(Op.MANAGE_BOMS)
    bom_id = record_id(Bom, bom_id, QT_TRANSLATE_NOOP("errors", "BOM"))

    def work(uow: UnitOfWork):
        bom = _locked_bom(uow, bom_id, version)
        if bom.is_active:
            raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Revision {revision} is already the active one."),
                                    revision=bom.revision)
        components = list(uow.session.execute(select(BomLine.component_id).where(BomLine.bom_id == bom.id)).scalars())
        if not components:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Add lines to this revision before making it active."))
        _check_no_cycle(uow, bom.product_id, components)
        uow.session.execute(update(Bom).where(Bom.product_id == bom.product_id, Bom.org_id == uow.org_id,
                                              Bom.is_active).values(is_active=False, version=Bom.version + 1))
        uow.session.flush()
        bom.is_active = True
        bom.version += 1
        bom.updated_at = utcnow()
        uow.session.flush()
        uow.audit("bom", bom.id, "activate", after={"product_id": bom.product_id, "revision": bom.revision})
        uow.changed("boms", bom.id)
        return load_bom(uow, bom.id)

    return run_write(db, actor, work)


def get_bom(db: Database, actor: Actor, bom_id: int) -> BomDTO:
    bom_id = record_id(Bom, bom_id, QT_TRANSLATE_NOOP("errors", "BOM"))
    return run_read(db, actor, lambda uow: load_bom(uow, bom_id))


def list_boms(db: Database, actor: Actor, *, product_id: int | None = None) -> tuple[BomSummaryDTO, ...]:
    """Every revision of every BOM (or of one product), by SKU then revision."""
    product_id = optional_id(Product, product_id, "product")

    def work(uow: UnitOfWork):
        lines = select(BomLine.bom_id, func.count().label("n")).group_by(BomLine.bom_id).subquery()
        query = (select(Bom.id, Bom.product_id, Product.sku, Product.name, Bom.revision, Bom.is_active,
                        func.coalesce(lines.c.n, 0))
                 .join(Product, Product.id == Bom.product_id).outerjoin(lines, lines.c.bom_id == Bom.id)
                 .where(Bom.org_id == uow.org_id).order_by(Product.sku, Bom.revision))
        if product_id is not None:
            query = query.where(Bom.product_id == product_id)
        return tuple(BomSummaryDTO(*row) for row in uow.session.execute(query))

    return run_read(db, actor, work)


def set_part_bom(db: Database, actor: Actor, part_id: int, *, product_id: int | None, bom_id: int | None = None
                 ) -> int | None:
    """The product a part makes and the BOM revision it is released with (the product's active one unless
    named). Refused once material was issued to the part (its plan would no longer match what it got).
    Returns the BOM id kept."""
    actor.require(Op.EDIT_PARTS)
    part_id = record_id(Part, part_id, "part")
    product_id = optional_id(Product, product_id, "product")
    bom_id = optional_id(Bom, bom_id, QT_TRANSLATE_NOOP("errors", "BOM"))

    def work(uow: UnitOfWork):
        part = uow.get_owned(Part, part_id, "part")
        issued = uow.session.execute(select(func.count()).select_from(StockDocument).where(
            StockDocument.part_id == part.id, StockDocument.kind.in_(("issue", "return", "output")))).scalar_one()
        chosen = bom_id
        if product_id is None:
            chosen = None
        else:
            uow.get_owned(Product, product_id, "product")
            if chosen is None:
                chosen = uow.session.execute(select(Bom.id).where(
                    Bom.org_id == uow.org_id, Bom.product_id == product_id, Bom.is_active)).scalar_one_or_none()
            else:
                bom = uow.get_owned(Bom, chosen, QT_TRANSLATE_NOOP("errors", "BOM"))
                if bom.product_id != product_id:
                    raise ValidationError(QT_TRANSLATE_NOOP("errors", "That BOM revision is not one of this product's."),
                                          field="bom_id")
        if (part.product_id, part.bom_id) == (product_id, chosen):
            return chosen
        if issued:
            raise InvalidTransition(QT_TRANSLATE_NOOP("errors", "Material was already issued to part {code}; its product and "
                                                                "BOM stay as they were released."), code=part.code)
        before = {"product_id": part.product_id, "bom_id": part.bom_id}
        part.product_id, part.bom_id = product_id, chosen
        uow.session.flush()
        uow.audit("part", part.id, "set_bom", before=before, after={"product_id": product_id, "bom_id": chosen})
        uow.changed("parts", part.id)
        return chosen

    return run_write(db, actor, work)

