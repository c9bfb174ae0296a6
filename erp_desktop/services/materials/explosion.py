"""BOM explosion in ONE recursive query on both back ends (PostgreSQL and SQLite), and where-used.

The query walks the lines: those of the roots (a BOM, or the BOMs of open parts), then for every line made
here, the lines of its product's active BOM, to any depth (bounded by MAX_BOM_DEPTH, whatever the data).
Each row carries its path of line ids; the quantities (rounded level by level: a sub-assembly's requirement
is the order size of its own lines) and the costs are Python's exact decimals over those rows, because SQLite
keeps decimals as scaled integers that SQL must not multiply (db/types.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from operator import itemgetter

from sqlalchemy import Integer, String, bindparam, select, text

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Bom, Lot, Part, Product
from erp_desktop.db.types import Cost, Qty, Value
from erp_desktop.domain.materials import MAX_BOM_DEPTH, Sourcing, required_qty
from erp_desktop.domain.progress import ACTIVE_STATUSES
from erp_desktop.domain.stock import VALUE_QUANTUM, ZERO, Quality, Unit, exact_qty
from erp_desktop.errors import QT_TRANSLATE_NOOP, NotFound
from erp_desktop.services.actor import Actor
from erp_desktop.services.gc_pause import collector_paused
from erp_desktop.services.inputs import optional_id, record_id
from erp_desktop.services.materials.dto import (
    ExplosionDTO,
    ExplosionRow,
    WhereUsedDTO,
    WhereUsedPart,
    WhereUsedRow,
    explosion_row,
)
from erp_desktop.services.uow import UnitOfWork, not_found, run_read

_TREE = """
WITH RECURSIVE roots(root, bom_id, order_qty) AS ({roots}),
tree(root, depth, path, parent_path, line_id, position, component_id, qty_per_unit, fixed_qty, scrap_percent,
     sourcing) AS (
    SELECT r.root, 1, '/' || CAST(l.id AS TEXT) || '/', CAST('/' AS TEXT), l.id, l.position, l.component_id,
           l.qty_per_unit, l.fixed_qty, l.scrap_percent, l.sourcing
      FROM roots r JOIN bom_lines l ON l.bom_id = r.bom_id
    UNION ALL
    SELECT t.root, t.depth + 1, t.path || CAST(l.id AS TEXT) || '/', t.path, l.id, l.position, l.component_id,
           l.qty_per_unit, l.fixed_qty, l.scrap_percent, l.sourcing
      FROM tree t
      JOIN boms b ON b.product_id = t.component_id AND b.is_active AND b.org_id = :org_id
      JOIN bom_lines l ON l.bom_id = b.id
     WHERE t.sourcing = 'make' AND t.depth < :max_depth
)
SELECT t.root, t.depth, t.path, t.parent_path, t.line_id, t.position, t.component_id, t.qty_per_unit, t.fixed_qty,
       t.scrap_percent, t.sourcing, p.sku, p.name, p.unit
  FROM tree t JOIN products p ON p.id = t.component_id
"""
_ONE_BOM = "SELECT 0, CAST(:bom_id AS INTEGER), 0"
# the BOMs of open parts, each once (root = the BOM id): parts sharing a BOM share its explosion
_OPEN_PARTS_BOMS = ("SELECT DISTINCT bom_id, bom_id, 0 FROM parts WHERE org_id = :org_id AND bom_id IS NOT NULL "
                    "AND status IN ('planned', 'in_progress')")
_ONE_PART = "SELECT id, bom_id, planned_qty FROM parts WHERE id = :part_id AND org_id = :org_id AND bom_id IS NOT NULL"


def _tree(roots: str):
    return text(_TREE.format(roots=roots)).columns(
        root=Integer(), depth=Integer(), path=String(), parent_path=String(), line_id=Integer(), position=Integer(),
        component_id=Integer(), qty_per_unit=Qty(), fixed_qty=Qty(), scrap_percent=Qty(), sourcing=String(),
        sku=String(), name=String(), unit=String())


TREE_OF_BOM = _tree(_ONE_BOM)
TREE_OF_OPEN_PARTS_BOMS = _tree(_OPEN_PARTS_BOMS)
# the same, only for the BOMs in :boms (what to buy for one product: the BOMs using it)
TREE_OF_OPEN_PARTS_BOMS_AMONG = _tree(_OPEN_PARTS_BOMS + " AND bom_id IN :boms").bindparams(
    bindparam("boms", expanding=True))
TREE_OF_PART = _tree(_ONE_PART)


_UNITS = {u.value: u for u in Unit}
_SOURCING = {s.value: s for s in Sourcing}
_MAKE = Sourcing.MAKE.value
_COST = Decimal("0.0001")
_UNSET = object()
# the tree's columns by position: rows are plain tuples on PostgreSQL (tree_rows) and Rows on SQLite, read alike
ROOT, DEPTH, PATH, PARENT_PATH, LINE_ID, POSITION, COMPONENT_ID, QTY_PER_UNIT, FIXED_QTY, SCRAP_PERCENT, \
    SOURCING, SKU, NAME, UNIT = range(14)
_LINE_ORDER = itemgetter(POSITION, LINE_ID)
_DRIVER_SQL: dict[object, str] = {}  # keyed by the statement itself: an id() may be reused once freed


def tree_rows(uow: UnitOfWork, statement, params: dict) -> list:
    """The rows of one of the TREE_* statements (without expanding parameters), as sequences read by position.

    PostgreSQL: plain tuples from the driver (driver_tuples), numerics as the driver's exact Decimals at the
    columns' scale; building SQLAlchemy Rows and running a type processor per value was a third of a 2,000-line
    explosion. SQLite: the Rows as before (its decimals are scaled integers that the column types convert)."""
    if not uow.db.is_postgres:
        return uow.session.connection().execute(statement, params).all()
    return driver_tuples(uow, statement, params)


def driver_tuples(uow: UnitOfWork, statement, params: dict) -> list[tuple]:
    """PostgreSQL only: the rows of a text statement (no expanding parameters) as the driver's plain tuples, on
    the unit of work's connection (same transaction and session token); its SQL compiled once per statement."""
    connection = uow.session.connection()
    sql = _DRIVER_SQL.get(statement)
    if sql is None:
        sql = _DRIVER_SQL[statement] = str(statement.compile(dialect=connection.dialect))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


class _Requirements(dict):
    """required_qty of a line for an order size, computed once per distinct (quantities, unit, order size): the
    lines of a BOM mostly repeat a few of them. Read inline by Lines._visit.

    Keyed by the quantities' text, not the Decimals: every row brings new Decimal objects and hashing one costs
    some 1.3 us (10 ** exponent modulo the hash prime), 3 per line were most of the walk's time, while str() and
    a string hash cost a tenth of it. Equal text is an equal value, so the result is the same; equal values in
    different exponents only miss the memo (required_qty quantizes: the same result either way). The order size
    is the parent's requirement, one Decimal object for all its lines, whose hash Python keeps."""

    def compute(self, key: tuple, row, order_qty: Decimal) -> Decimal:
        need = self[key] = required_qty(per_unit=row[QTY_PER_UNIT], fixed=row[FIXED_QTY],
                                        scrap_percent=row[SCRAP_PERCENT], order_qty=order_qty, unit=row[UNIT])
        return need


def _by_parent(rows: Iterable) -> dict[tuple[int, str], list]:
    by_parent: dict[tuple[int, str], list] = {}
    for row in rows:
        key = (row[ROOT], row[PARENT_PATH])
        siblings = by_parent.get(key)
        if siblings is None:
            by_parent[key] = [row]
        else:
            siblings.append(row)
    return by_parent


class Lines:
    """The lines under one root in display order (parents before their children, siblings by position then id),
    each with its required quantity and whether it is exploded further (parallel lists: no object per line),
    and ``totals``: what the job consumes, per component the requirements of the lines not exploded further,
    in order of first use.

    ``Lines(rows, root, order_qty)`` from the tree's rows; ``Lines(by_parent=..., ...)`` from rows already grouped
    by parent (LeafNeeds: one grouping for many roots)."""

    __slots__ = ("rows", "required", "exploded", "totals")

    def __init__(self, rows: Iterable = (), root: int = 0, order_qty: Decimal = ZERO, *, by_parent: dict | None = None,
                 need_of: _Requirements | None = None):
        if by_parent is None:
            by_parent = _by_parent(rows)
        self.rows: list = []
        self.required: list[Decimal] = []
        self.exploded: list[bool] = []
        self.totals: dict[int, Decimal] = {}
        top = by_parent.get((root, "/"))
        if top is not None:
            self._visit(by_parent, root, top, order_qty, _Requirements() if need_of is None else need_of)

    def _visit(self, by_parent: dict, root: int, siblings: list, order_qty: Decimal, memo: _Requirements) -> None:
        append_row, append_required, append_exploded = self.rows.append, self.required.append, self.exploded.append
        totals, make, known = self.totals, _MAKE, memo.get
        for row in sorted(siblings, key=_LINE_ORDER):  # the memo read inline: a call per line was a tenth
            key = (str(row[QTY_PER_UNIT]), str(row[FIXED_QTY]), str(row[SCRAP_PERCENT]), row[UNIT], order_qty)
            need = known(key)
            if need is None:
                need = memo.compute(key, row, order_qty)
            append_row(row)
            append_required(need)
            children = by_parent.get((root, row[PATH])) if row[SOURCING] == make else None
            if children is None:  # bought, or made without an active BOM (or below the depth bound)
                append_exploded(False)
                component_id = row[COMPONENT_ID]
                totals[component_id] = totals[component_id] + need if component_id in totals else need
            else:
                append_exploded(True)
                self._visit(by_parent, root, children, need, memo)


class LeafNeeds:
    """Per (root, order size): Lines' totals, computed once per pair over one grouping of the rows (the shortage
    list explodes each BOM of open parts once, then once per distinct planned quantity)."""

    def __init__(self, rows: Iterable):
        self.by_parent = _by_parent(rows)
        self._memo: dict[tuple[int, Decimal], dict[int, Decimal]] = {}
        self._need = _Requirements()

    def __call__(self, root: int, order_qty: Decimal) -> dict[int, Decimal]:
        key = (root, order_qty)
        totals = self._memo.get(key)
        if totals is None:
            totals = self._memo[key] = Lines(root=root, order_qty=order_qty, by_parent=self.by_parent,
                                             need_of=self._need).totals
        return totals


# PostgreSQL: the FIFO take of every product's lots in one statement (running sum of the available quantity in
# FIFO order, each lot giving what is still needed after the older ones), summed per product; with the last
# receipt price (the newest lot of all those read: the last of the same window, so one sort). numeric is exact:
# the same figures as the Python path.
_FIFO_TAKES = text("""
WITH need(product_id, qty) AS (SELECT * FROM unnest(CAST(:ids AS integer[]), CAST(:qtys AS numeric[]))),
lot AS (
    SELECT l.product_id, l.received_at, l.id, l.unit_cost, n.qty,
           CASE WHEN l.quality = :approved AND l.on_hand > l.reserved THEN l.on_hand - l.reserved ELSE 0 END AS avail
      FROM lots l JOIN need n ON n.product_id = l.product_id
     WHERE l.org_id = :org_id
       AND (l.source_lot_id IS NULL OR (l.quality = :approved AND l.on_hand > l.reserved))
),
taken AS (
    SELECT product_id, unit_cost,
           GREATEST(LEAST(avail, qty - (SUM(avail) OVER w - avail)), 0) AS take,
           LAST_VALUE(unit_cost) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_price
      FROM lot
    WINDOW w AS (PARTITION BY product_id ORDER BY received_at, id)
)
SELECT product_id, SUM(take * unit_cost) AS value, SUM(take) AS allocated, MIN(last_price) AS last_price
  FROM taken GROUP BY product_id
""").columns(product_id=Integer(), value=Value(), allocated=Qty(), last_price=Cost())
_NO_VALUE = Decimal(0).quantize(VALUE_QUANTUM)


def _fifo_takes_sql(uow: UnitOfWork, needs: dict[int, Decimal]):
    """Per product: (value, allocated) of the FIFO take of its positive need, and its last receipt price.

    The driver's tuples: allocated and the price come as exact Decimals at their columns' scale; only the value,
    a sum of products, is brought to its 7 places (as the Value column type would)."""
    ids = sorted(needs)
    takes: dict[int, tuple[Decimal, Decimal]] = {}
    last_price: dict[int, Decimal] = {}
    # the arrays as their text literals (str() of ints and Decimals, in C): the driver's dumping element by
    # element in Python was a tenth of the statement's time on the client
    qtys = (str(max(needs[i], ZERO)) for i in ids)
    for product_id, value, allocated, price in driver_tuples(uow, _FIFO_TAKES, {
            "ids": "{" + ",".join(map(str, ids)) + "}", "qtys": "{" + ",".join(qtys) + "}", "org_id": uow.org_id,
            "approved": Quality.APPROVED.value}):
        takes[product_id] = (value.quantize(VALUE_QUANTUM), allocated)
        last_price[product_id] = price
    return takes, last_price


def _fifo_takes_python(uow: UnitOfWork, needs: dict[int, Decimal]):
    """The same as _fifo_takes_sql, with allocate()'s arithmetic (slices valued at 7 places, summed, oldest lot
    first) over plain (available, unit cost) pairs: SQLite keeps decimals as scaled integers SQL must not
    multiply."""
    lots: dict[int, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    last_price: dict[int, Decimal] = {}
    approved = Quality.APPROVED.value
    rows = uow.session.execute(
        select(Lot.product_id, Lot.on_hand, Lot.reserved, Lot.unit_cost, Lot.quality)
        .where(Lot.org_id == uow.org_id, Lot.product_id.in_(sorted(needs)), Lot.source_lot_id.is_(None)
               | ((Lot.quality == approved) & (Lot.on_hand > Lot.reserved)))
        .order_by(Lot.product_id, Lot.received_at, Lot.id))  # FIFO order: received_at, then id
    for product_id, on_hand, reserved, unit_cost, quality in rows:
        last_price[product_id] = unit_cost  # ordered by received_at: the last one stays
        if quality == approved and on_hand > reserved:
            lots[product_id].append((on_hand - reserved, unit_cost))
    takes: dict[int, tuple[Decimal, Decimal]] = {}
    for product_id, need in needs.items():
        value, allocated, remaining = Decimal(0), ZERO, need
        for available, unit_cost in lots.get(product_id, ()) if need > 0 else ():
            if remaining == 0:
                break
            take = remaining if remaining < available else available  # as min(available, remaining)
            value += (take * unit_cost).quantize(VALUE_QUANTUM)
            allocated += take
            remaining -= take
        takes[product_id] = (value.quantize(VALUE_QUANTUM), allocated)
    return takes, last_price


def estimate_unit_costs(uow: UnitOfWork, needs: dict[int, Decimal]) -> dict[int, Decimal | None]:
    """Per product: the average cost of the lots FIFO would take now for ``needs`` (all warehouses), the rest
    at the last receipt price; None where there is neither stock nor a receipt.

    Building a LotState, a Slice and an Allocation per lot (domain.fifo.allocate) was a third of a 2,000-line
    explosion's time: PostgreSQL takes in one statement, SQLite over plain pairs, with the same figures."""
    if not needs:
        return {}
    takes, last_price = (_fifo_takes_sql if uow.db.is_postgres else _fifo_takes_python)(uow, needs)
    result: dict[int, Decimal | None] = {}
    for product_id, need in needs.items():
        if need <= 0:
            result[product_id] = last_price.get(product_id)
            continue
        value, allocated = takes.get(product_id, (_NO_VALUE, ZERO))
        rest = need - allocated
        if rest > 0 and product_id not in last_price:
            result[product_id] = value / allocated if allocated else None
            continue
        value += rest * last_price.get(product_id, ZERO)
        result[product_id] = value / need  # exact enough (28 digits): costs multiply it back
    return result


def explosion_rows(uow: UnitOfWork, lines: Lines) -> tuple[tuple[ExplosionRow, ...], Decimal, tuple[str, ...]]:
    """The rows of ``lines`` with their costs: a leaf's from the lots FIFO would take now, a made line's the sum
    of its children's known costs; the total of the top level's, and the SKUs of unknown cost.

    One pass from the last line to the first: a line's subtree comes right after it, so when the pass reaches a
    made line, the known cost summed at the level below (``known[depth + 1]``) is exactly its children's; it
    takes that sum and clears it for the next made line of its level."""
    costs = estimate_unit_costs(uow, lines.totals)
    shown = {product_id: None if exact is None else exact.quantize(_COST) for product_id, exact in costs.items()}
    unknown: set[str] = set()
    leaf_cost: dict[tuple[int, Decimal], Decimal | None] = {}  # a component needed in the same quantity again
    units, sourcings, new_row = _UNITS, _SOURCING, explosion_row
    known: list[Decimal | None] = [None] * (MAX_BOM_DEPTH + 2)  # per level: its lines' known cost so far
    out: list[ExplosionRow] = []
    append = out.append
    tree, required_of, exploded_of = lines.rows, lines.required, lines.exploded
    for i in range(len(tree) - 1, -1, -1):
        r = tree[i]
        required = required_of[i]
        depth = r[DEPTH]
        component_id = r[COMPONENT_ID]
        if exploded_of[i]:
            cost = known[depth + 1]
            known[depth + 1] = None
            unit_cost = (cost / required).quantize(_COST) if cost is not None and required else None
            exploded = True
        else:
            key = (component_id, required)
            cost = leaf_cost.get(key, _UNSET)
            if cost is _UNSET:
                exact = costs.get(component_id)
                cost = leaf_cost[key] = None if exact is None else (required * exact).quantize(_COST)
            unit_cost = shown.get(component_id)
            if cost is None:
                unknown.add(r[SKU])
            exploded = False
        if cost is not None:
            so_far = known[depth]
            known[depth] = cost if so_far is None else so_far + cost
        append(new_row(depth, r[LINE_ID], r[PATH], component_id, r[SKU], r[NAME], units[r[UNIT]],
                       sourcings[r[SOURCING]], r[QTY_PER_UNIT], r[FIXED_QTY], r[SCRAP_PERCENT], required, exploded,
                       unit_cost, cost))
    out.reverse()
    total = known[1]
    return tuple(out), ZERO if total is None else total, tuple(sorted(unknown))


_BOM_HEAD = (select(Bom.revision, Bom.product_id, Product.sku, Product.name)
             .join(Product, Product.id == Bom.product_id)
             .where(Bom.id == bindparam("bom_id"), Bom.org_id == bindparam("org_id")))


def explode(uow: UnitOfWork, bom_id: int, order_qty: Decimal) -> ExplosionDTO:
    head = uow.session.execute(_BOM_HEAD, {"bom_id": bom_id, "org_id": uow.org_id}).one_or_none()
    if head is None:  # as uow.get_owned would say, in one statement with the product instead of two ORM loads
        raise not_found(QT_TRANSLATE_NOOP("errors", "BOM"))
    tree = tree_rows(uow, TREE_OF_BOM, {"bom_id": bom_id, "org_id": uow.org_id, "max_depth": MAX_BOM_DEPTH})
    rows, total, unknown = explosion_rows(uow, Lines(tree, 0, order_qty))
    return ExplosionDTO(bom_id, head.product_id, head.sku, head.name, head.revision, order_qty, rows, total, unknown)


def explode_bom(db: Database, actor: Actor, *, bom_id: int | None = None, product_id: int | None = None,
                order_qty=1) -> ExplosionDTO:
    """The indented multi-level BOM of a revision (or of a product's active one) for ``order_qty`` units."""
    bom_id = optional_id(Bom, bom_id, QT_TRANSLATE_NOOP("errors", "BOM"))
    product_id = optional_id(Product, product_id, "product")
    order_qty = exact_qty(order_qty, field="order_qty", label=QT_TRANSLATE_NOOP("errors", "order size"))

    def work(uow: UnitOfWork):
        chosen = bom_id
        if chosen is None:
            if product_id is None:
                raise ValueError("name a BOM or a product")
            chosen = uow.session.execute(select(Bom.id).where(Bom.org_id == uow.org_id, Bom.product_id == product_id,
                                                              Bom.is_active)).scalar_one_or_none()
            if chosen is None:
                raise NotFound(QT_TRANSLATE_NOOP("errors", "This product has no active BOM."))
        return explode(uow, chosen, order_qty)

    # some 10,000 short-lived tuples, Decimals and rows per 2,000 lines, in no cycle: no collector pass over them;
    # the first pass after the pause (one, at the next allocations) finds the result alone, the rest freed
    with collector_paused():
        return run_read(db, actor, work)


WHERE_USED = text("""
WITH RECURSIVE used(bom_id, product_id, depth, qty_per_unit) AS (
    SELECT b.id, b.product_id, 1, l.qty_per_unit
      FROM bom_lines l JOIN boms b ON b.id = l.bom_id
     WHERE l.component_id = :product_id AND b.org_id = :org_id
    UNION ALL
    SELECT b.id, b.product_id, u.depth + 1, l.qty_per_unit
      FROM used u
      JOIN boms ub ON ub.id = u.bom_id AND ub.is_active
      JOIN bom_lines l ON l.component_id = u.product_id AND l.sourcing = 'make'
      JOIN boms b ON b.id = l.bom_id AND b.org_id = :org_id
     WHERE u.depth < :max_depth
)
SELECT u.bom_id, u.product_id, p.sku, p.name, b.revision, b.is_active, min(u.depth) AS depth,
       max(CASE WHEN u.depth = 1 THEN u.qty_per_unit END) AS qty_per_unit
  FROM used u JOIN boms b ON b.id = u.bom_id JOIN products p ON p.id = u.product_id
 GROUP BY u.bom_id, u.product_id, p.sku, p.name, b.revision, b.is_active
 ORDER BY min(u.depth), p.sku, b.revision
""").columns(bom_id=Integer(), product_id=Integer(), sku=String(), name=String(), revision=String(),
             is_active=Integer(), depth=Integer(), qty_per_unit=Qty())


def where_used(db: Database, actor: Actor, product_id: int) -> WhereUsedDTO:
    """The BOMs that use a product, directly (level 1) or through active sub-assemblies (level 2 and more), and
    the open parts released with any of them."""
    product_id = record_id(Product, product_id, "product")

    def work(uow: UnitOfWork):
        product = uow.get_owned(Product, product_id, "product")
        rows = uow.session.execute(WHERE_USED, {"product_id": product_id, "org_id": uow.org_id,
                                                 "max_depth": MAX_BOM_DEPTH}).all()
        boms = tuple(WhereUsedRow(r.bom_id, r.product_id, r.sku, r.name, r.revision, bool(r.is_active), r.depth,
                                  r.qty_per_unit) for r in rows)
        bom_ids = sorted({b.bom_id for b in boms})
        parts = ()
        if bom_ids:
            parts = tuple(WhereUsedPart(*row) for row in uow.session.execute(
                select(Part.id, Part.code, Part.name, Part.status, Part.deadline)
                .where(Part.org_id == uow.org_id, Part.bom_id.in_(bom_ids),
                       Part.status.in_([s.value for s in ACTIVE_STATUSES]))
                .order_by(Part.deadline, Part.code)))
        return WhereUsedDTO(product.id, product.sku, product.name, boms, parts)

    return run_read(db, actor, work)

