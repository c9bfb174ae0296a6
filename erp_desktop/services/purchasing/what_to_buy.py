"""What to buy (material requirements): per product, what open parts still need and the minimum level asks for,
against what is in stock, in the QC queue and on order in time; the net shortage with its pegging, and suggested
orders per supplier rounded up to the supplier's minimum order quantity.

Computed in ONE read transaction (one snapshot, no locks), from a fixed number of set-based queries (the BOMs of
open parts in one recursive query, then one grouped query each for stock, what the parts were issued,
reservations, open order lines, terms and last suppliers); the netting is Python's exact decimals over those rows.
What each part was issued less what it returned is read from part_issue_totals, the running totals the database
keeps with the journal (migration 0011: on PostgreSQL the issue procedure and a trigger, on SQLite a trigger; the
same table and the same query on both back ends), not summed from the journal (1.9 s at 1,000,000 movements).

Level by level: a made component's demand is first netted against its own free stock; only its net shortage
explodes into its components (low-level codes order the products, so every demand of a product is known before
it is netted). Where nothing in a made line's subtree has free stock or is credited to the part, the subtree's
bought totals are computed once per (path, order size) and summed into each part (see ``_compute``).
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from types import MappingProxyType

from sqlalchemy import Numeric, func, select, type_coerce

from erp_desktop.db.engine import Database
from erp_desktop.db.models import (
    Lot,
    Part,
    PartIssueTotal,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Reservation,
    Supplier,
    SupplierProduct,
)
from erp_desktop.db.types import QTY_SCALE, Qty
from erp_desktop.domain.materials import MAX_BOM_DEPTH, required_qty, round_requirement
from erp_desktop.domain.progress import ACTIVE_STATUSES
from erp_desktop.domain.purchasing import PoStatus
from erp_desktop.domain.stock import ZERO, Quality, ReservationStatus, Unit, exact_qty
from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.gc_pause import collector_paused
from erp_desktop.services.inputs import optional_id, record_id
from erp_desktop.services.materials.explosion import (
    TREE_OF_OPEN_PARTS_BOMS,
    TREE_OF_OPEN_PARTS_BOMS_AMONG,
    WHERE_USED,
)
from erp_desktop.services.purchasing.dto import (
    BuyLineDTO,
    NettedProduct,
    PurchaseOrderDTO,
    WhatToBuyDTO,
)
from erp_desktop.services.purchasing.orders import PoLineInput, create_order, order_input
from erp_desktop.services.uow import UnitOfWork, run_read, run_write

# orders whose open quantity counts as supply: drafts too (an order made from this list must take its lines off it)
SUPPLYING = (PoStatus.DRAFT.value, PoStatus.SENT.value, PoStatus.PARTLY_RECEIVED.value)
_UNITS = {u.value: u for u in Unit}


@dataclass
class _Demand:
    part_id: int
    qty: Decimal
    root: int
    path: str


@dataclass(frozen=True)
class SuggestionInput:
    """A ticked line: the product, the supplier to order from and the quantity."""

    product_id: int
    supplier_id: int
    qty: object
    unit_price: object = None  # None: the supplier's last price for the product


def _plain(result) -> list:
    """A result's rows as named tuples: the netting reads the parts', products' and BOM lines' fields some
    300,000 times for the whole plant, and a SQLAlchemy Row's attribute costs several times a named tuple's
    (a third of the Python time at 2,000 parts)."""
    row_type = namedtuple("Row", result.keys(), rename=True)
    return list(map(row_type._make, result.all()))  # fetched at once: row by row, each was a driver call


def _load(uow: UnitOfWork, product_id: int | None):
    session, org = uow.session.connection(), uow.org_id  # Core rows (plain tuples): no ORM result machinery
    if session.dialect.name == "postgresql":
        # the row-level policies' sub-plans inflate the estimates past the JIT thresholds: compiling the order
        # line and journal queries cost more (35 ms each at 100,000 movements) than running them; this read only
        session.exec_driver_sql("SET LOCAL jit = off")
    open_parts = select(Part.id, Part.code, Part.deadline, Part.planned_qty, Part.bom_id).where(
        Part.org_id == org, Part.bom_id.is_not(None), Part.status.in_([s.value for s in ACTIVE_STATUSES]))
    scope = None  # one product: only the BOMs using it, the parts released with them and their components matter
    if product_id is None:
        tree = _plain(session.execute(TREE_OF_OPEN_PARTS_BOMS, {"org_id": org, "max_depth": MAX_BOM_DEPTH}))
    else:
        using = sorted({row.bom_id for row in session.execute(
            WHERE_USED, {"product_id": product_id, "org_id": org, "max_depth": MAX_BOM_DEPTH})})
        tree = _plain(session.execute(TREE_OF_OPEN_PARTS_BOMS_AMONG, {"org_id": org, "max_depth": MAX_BOM_DEPTH,
                                                                      "boms": using})) if using else []
        open_parts = open_parts.where(Part.bom_id.in_(using))
        scope = sorted({row.component_id for row in tree} | {product_id})
    parts = {p.id: p for p in _plain(session.execute(open_parts))}

    def scoped(query, column):
        return query if scope is None else query.where(column.in_(scope))

    stock: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])  # product -> [free approved, pending QC]
    for pid, quality, on_hand, reserved in session.execute(scoped(
            select(Lot.product_id, Lot.quality, func.sum(Lot.on_hand), func.sum(Lot.reserved))
            .where(Lot.org_id == org, Lot.on_hand > 0,
                   Lot.quality.in_((Quality.APPROVED.value, Quality.PENDING.value))), Lot.product_id)
            .group_by(Lot.product_id, Lot.quality)).all():
        stock[pid][0 if quality == Quality.APPROVED.value else 1] += (on_hand or ZERO) - (reserved or ZERO)
    # The order lines' row-level policy (their order in the organisation: a hashed sub-plan) is estimated to keep
    # half the rows, and "received short" a third: 3,333 of 20,000 lines, so the planner walks the product
    # index and probes each line's order (a nested loop, 20,000 probes). For the whole plant every open line is
    # read: hash joins, for these two queries only (one product keeps its index lookups).
    whole_plant = scope is None and session.dialect.name == "postgresql"
    if whole_plant:
        session.exec_driver_sql("SET LOCAL enable_nestloop = off")
    lines: dict[int, list] = defaultdict(list)
    open_qty = PurchaseOrderLine.qty - PurchaseOrderLine.received_qty
    if session.dialect.name == "postgresql":  # NUMERIC(24, 3) comes as exact Decimals: no quantize per line
        open_qty = type_coerce(open_qty, Numeric(24, QTY_SCALE, asdecimal=True))
    for row in session.execute(scoped(
            select(PurchaseOrderLine.product_id, PurchaseOrder.id, PurchaseOrder.number,
                   PurchaseOrderLine.expected_date, open_qty
                   .label("open_qty"))
            .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.order_id)
            .where(PurchaseOrder.org_id == org, PurchaseOrder.status.in_(SUPPLYING),
                   PurchaseOrderLine.received_qty < PurchaseOrderLine.qty), PurchaseOrderLine.product_id)
            .order_by(PurchaseOrderLine.product_id, PurchaseOrderLine.expected_date, PurchaseOrder.id)).all():
        lines[row.product_id].append((row.id, row.number, row.expected_date, row.open_qty))
    terms: dict[int, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
    for supplier_id, pid, lead, moq in session.execute(scoped(
            select(SupplierProduct.supplier_id, SupplierProduct.product_id, SupplierProduct.lead_time_days,
                   SupplierProduct.min_order_qty)
            .join(Supplier, Supplier.id == SupplierProduct.supplier_id)
            .where(SupplierProduct.org_id == org, Supplier.is_active), SupplierProduct.product_id)).all():
        terms[pid][supplier_id] = (lead, moq)
    ranked = scoped(select(PurchaseOrderLine.product_id, PurchaseOrder.supplier_id,
                           func.row_number().over(partition_by=PurchaseOrderLine.product_id,
                                                  order_by=(PurchaseOrder.order_date.desc(), PurchaseOrder.id.desc()))
                           .label("n"))
                    .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.order_id)
                    .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
                    .where(PurchaseOrder.org_id == org, PurchaseOrder.status != PoStatus.CANCELLED.value,
                           Supplier.is_active), PurchaseOrderLine.product_id).subquery()
    last_supplier = dict(session.execute(select(ranked.c.product_id, ranked.c.supplier_id).where(ranked.c.n == 1)).all())
    if whole_plant:
        session.exec_driver_sql("SET LOCAL enable_nestloop TO DEFAULT")
    suppliers = dict(session.execute(select(Supplier.id, Supplier.name).where(Supplier.org_id == org)).all())
    products = {p.id: p for p in _plain(session.execute(scoped(
        select(Product.id, Product.sku, Product.name, Product.unit, Product.min_level)
        .where(Product.org_id == org, Product.is_active), Product.id)))}
    credit: dict[tuple[int, int], Decimal] = {}  # (part, product) -> issued (net) to or reserved for it already
    if parts:
        # the open parts are a semi-join on the server (not a list of 2,000 ids); each (part, product)'s net issue
        # (issued less returned, as plan.flows reads them) from the running totals the database keeps with the
        # journal (part_issue_totals, migration 0011; one row per warehouse): no aggregate of the journal
        part_ids = open_parts.with_only_columns(Part.id)
        for part_id, pid, net in session.execute(
                select(PartIssueTotal.part_id, PartIssueTotal.product_id,
                       type_coerce(func.sum(PartIssueTotal.issued) - func.sum(PartIssueTotal.returned), Qty()))
                .where(PartIssueTotal.org_id == org, PartIssueTotal.part_id.in_(part_ids))
                .group_by(PartIssueTotal.part_id, PartIssueTotal.product_id)):
            credit[(part_id, pid)] = net
        for part_id, pid, held in session.execute(
                select(Reservation.part_id, Reservation.product_id, func.sum(Reservation.qty))
                .where(Reservation.org_id == org, Reservation.part_id.in_(part_ids),
                       Reservation.status == ReservationStatus.OPEN.value)
                .group_by(Reservation.part_id, Reservation.product_id)):
            credit[(part_id, pid)] = credit.get((part_id, pid), ZERO) + held
    return tree, parts, stock, lines, terms, last_supplier, suppliers, products, credit


def _supplier_of(product_id: int, terms, last_supplier) -> tuple[int | None, int, Decimal]:
    """The product's last supplier (its latest order not cancelled), else the one with the shortest lead time."""
    offers = terms.get(product_id, {})
    chosen = last_supplier.get(product_id)
    if chosen is None and offers:
        chosen = min(offers, key=lambda s: (offers[s][0], s))
    lead, moq = offers.get(chosen, (0, ZERO))
    return chosen, lead, moq


def compute(uow: UnitOfWork, *, today: date, product_id: int | None = None) -> WhatToBuyDTO:
    with collector_paused():  # ~100,000 short-lived rows and tuples: the collector's passes were a third
        return _compute(uow, today=today, product_id=product_id)


def _compute(uow: UnitOfWork, *, today: date, product_id: int | None) -> WhatToBuyDTO:
    tree, parts, stock, po_lines, terms, last_supplier, suppliers, products, credit = _load(uow, product_id)
    by_parent: dict[tuple[int, str], list] = defaultdict(list)
    level: dict[int, int] = defaultdict(int)  # low-level code: the deepest level a product is used at
    for row in tree:
        by_parent[(row.root, row.parent_path)].append(row)
        level[row.component_id] = max(level[row.component_id], row.depth)
    make: dict[int, list[_Demand]] = defaultdict(list)
    buy: dict[int, dict[int, Decimal]] = defaultdict(dict)  # bought product -> part -> quantity
    free = {pid: values[0] + values[1] for pid, values in stock.items()}

    needs_of: dict[tuple[int, Decimal], Decimal] = {}  # (line, order size) -> requirement: parts repeat them
    # per (root, path): its lines as plain tuples (line, component, made further here?, path, the row)
    children = {key: [(r.line_id, r.component_id, (r.root, r.path) in by_parent, r.path, r) for r in rows]
                for key, rows in by_parent.items()}
    # A made line's subtree is "plain" for a part when no product in it (the made line's own product included)
    # has free stock and the part holds no credit for any of them: then every demand in it explodes whole, in
    # any order, so its bought totals depend on (root, path, order size) only and are computed once, summed in
    # for each part (parts of one BOM repeat a few order sizes). Other subtrees go level by level, as before.
    made = sorted({row.component_id for row in tree if (row.root, row.path) in by_parent},
                  key=lambda p: (level[p], p))
    stocked = {pid for pid in made if free.get(pid)}  # made items with free stock (bought items' is not taken here)
    below: dict[tuple[int, str], frozenset[int]] = {}  # (root, path) -> every product in its subtree

    def products_below(key: tuple[int, str]) -> frozenset[int]:
        found = below.get(key)
        if found is None:
            items = set()
            for _line, component_id, made_here, line_path, _row in children[key]:
                items.add(component_id)
                if made_here:
                    items |= products_below((key[0], line_path))
            found = below[key] = frozenset(items)
        return found

    stocked_below = {key: not stocked.isdisjoint(products_below(key)) for key in children}
    credited: dict[int, set[int]] = defaultdict(set)  # part -> the products it holds a (non-zero) credit for
    for (part_id, component_id), qty in credit.items():
        if qty:
            credited[part_id].add(component_id)
    totals_of: dict[tuple[int, str, Decimal], dict[int, Decimal]] = {}

    def need_of(line_id: int, order_qty: Decimal, row) -> Decimal:
        need = needs_of.get((line_id, order_qty))
        if need is None:
            need = needs_of[(line_id, order_qty)] = required_qty(
                per_unit=row.qty_per_unit, fixed=row.fixed_qty, scrap_percent=row.scrap_percent,
                order_qty=order_qty, unit=row.unit)
        return need

    def totals(root: int, path: str, order_qty: Decimal) -> dict[int, Decimal]:
        """What a plain subtree buys for an order size: per bought product, the sum of its lines."""
        key = (root, path, order_qty)
        found = totals_of.get(key)
        if found is None:
            found = totals_of[key] = {}
            for line_id, component_id, made_here, line_path, row in children[(root, path)]:
                need = need_of(line_id, order_qty, row)
                if not made_here:
                    found[component_id] = found.get(component_id, ZERO) + need
                elif need > 0:
                    for bought, qty in totals(root, line_path, need).items():
                        found[bought] = found.get(bought, ZERO) + qty
        return found

    def add(part_id: int, root: int, path: str, order_qty: Decimal) -> None:
        held_for = credited.get(part_id)
        for line_id, component_id, made_here, line_path, row in children.get((root, path), ()):
            need = need_of(line_id, order_qty, row)
            if held_for and component_id in held_for:
                key = (part_id, component_id)
                held_qty = credit[key]
                if held_qty:
                    taken = min(held_qty, need)
                    credit[key] = held_qty - taken
                    need -= taken
                    if need <= 0:
                        continue
            if made_here:
                sub = (root, line_path)
                if stocked_below[sub] or component_id in stocked or (
                        held_for and not held_for.isdisjoint(products_below(sub))):
                    make[component_id].append(_Demand(part_id, need, root, line_path))
                elif need > 0:
                    for bought, qty in totals(root, line_path, need).items():
                        needs = buy[bought]
                        needs[part_id] = needs.get(part_id, ZERO) + qty
            else:
                needs = buy[component_id]
                needs[part_id] = needs.get(part_id, ZERO) + need

    for pid, part in parts.items():
        add(pid, part.bom_id, "/", Decimal(part.planned_qty))
    for product in made:  # a made item's demands all come from lower levels: known before its turn
        demands = sorted(make.get(product, ()), key=lambda d: (parts[d.part_id].deadline or date.max, d.part_id))
        for demand in demands:  # its own free stock first (earliest deadline first), the rest explodes
            covered = min(free.get(product, ZERO), demand.qty)
            if covered > 0:
                free[product] -= covered
            rest = demand.qty - covered
            if rest > 0:
                add(demand.part_id, demand.root, demand.path, rest)

    wanted = set(buy) | {pid for pid, p in products.items() if p.min_level > 0}
    if product_id is not None:
        wanted &= {product_id}
    rows, pegs = [], {}
    part_order = {pid: (part.deadline or date.max, part.code) for pid, part in parts.items()}
    for pid in wanted:
        product = products.get(pid)
        if product is None:
            continue
        row, pegging = _net(pid, product, buy.get(pid, {}), parts, part_order, stock.get(pid, (ZERO, ZERO)),
                            free.get(pid, ZERO), po_lines.get(pid, []), terms, last_supplier, suppliers, today)
        if row is not None:
            rows.append(row)
            pegs[pid] = pegging
    rows.sort(key=lambda r: (r.supplier_name == "", r.supplier_name, r.sku))
    return WhatToBuyDTO(today, tuple(rows), MappingProxyType(pegs),
                        MappingProxyType({pid: (part.code, part.deadline) for pid, part in parts.items()}))


def _net(pid, product, needs, parts, part_order, stock, free, po_lines, terms, last_supplier, suppliers, today):
    if sum(needs.values(), product.min_level) <= free:  # stock alone covers it (most products): no pegging built
        return None, None
    supplier_id, lead, moq = _supplier_of(pid, terms, last_supplier)
    unit = _UNITS[product.unit]
    approved, pending = stock
    on_hand = max(free, ZERO)  # free approved and pending QC left after the made items took theirs
    # an order line covers a part's demand if it is due by the part's deadline; the order for the rest must be
    # placed by the deadline less the supplier's lead time (the need date shown)
    remaining = [[oid, number, expected, qty] for oid, number, expected, qty in po_lines]
    used: dict[tuple[int, str, date], Decimal] = defaultdict(lambda: ZERO)
    short_total = ZERO
    # The lines come by expected date and the parts by deadline, so the lines due by a need date are a prefix of
    # the list and the lines used up are a prefix of that: ``first`` skips the used-up ones (no line is open
    # with nothing left: the query keeps only lines received short of their quantity).
    first = 0

    def from_orders(qty: Decimal, need_date: date | None) -> Decimal:
        """What the order lines due by ``need_date`` (any, if None) cover of ``qty``, taken off them; the rest."""
        nonlocal first
        for n in range(first, len(remaining)):
            line = remaining[n]
            oid, number, expected, left = line
            if need_date is not None and expected > need_date:
                break
            piece = min(left, qty)
            line[3] = left = left - piece
            used[(oid, number, expected)] += piece
            qty -= piece
            if left <= 0:
                first = n + 1
            if qty <= 0:
                break
        return qty

    netted = []  # (part, its demand, short): the pegging rows are made only when asked for (WhatToBuyDTO)
    for part_id in sorted(needs, key=part_order.__getitem__):
        qty = needs[part_id]
        taken = min(on_hand, qty)  # free stock first, then the orders due by the part's deadline
        on_hand -= taken
        short = qty - taken
        if short > 0 and first < len(remaining):
            short = from_orders(short, parts[part_id].deadline)
        short_total += short
        netted.append((part_id, qty, short))
    min_short = ZERO
    if product.min_level > 0:
        taken = min(on_hand, product.min_level)
        on_hand -= taken
        min_short = product.min_level - taken
        if min_short > 0 and first < len(remaining):
            min_short = from_orders(min_short, None)
    short_total += min_short
    if short_total <= 0:
        return None, None
    suggested = max(round_requirement(short_total, unit), moq)
    lead_time = timedelta(days=lead)
    # the earliest need date of a part still short: the parts come by deadline (none last), so the first short one
    order_by = today
    for part_id, _qty, short in netted:
        if short > 0:
            deadline = parts[part_id].deadline
            if deadline is not None:
                order_by = deadline - lead_time
            break
    demand = sum(needs.values(), ZERO)
    on_order = sum(used.values(), ZERO)
    row = BuyLineDTO(pid, product.sku, product.name, unit, supplier_id, suppliers.get(supplier_id, ""), lead, moq,
                     demand, product.min_level, approved, pending, on_order, short_total, min_short, suggested,
                     order_by, order_by < today)
    return row, NettedProduct(tuple(netted), lead_time, tuple(used.items()))


def what_to_buy(db: Database, actor: Actor, *, product_id: int | None = None,
                today: date | None = None) -> WhatToBuyDTO:
    """The whole plant's list (or one product's line with its pegging), from one snapshot."""
    product_id = optional_id(Product, product_id, "product")
    today = today or date.today()
    return run_read(db, actor, lambda uow: compute(uow, today=today, product_id=product_id))


def create_orders_from_suggestions(db: Database, actor: Actor, *, warehouse_id: int, lines,
                                   order_date: date | None = None) -> list[PurchaseOrderDTO]:
    """The ticked lines as draft orders, one per supplier, in ONE unit of work (all or none)."""
    order_date = order_date or date.today()
    by_supplier: dict[int, list[PoLineInput]] = defaultdict(list)
    for n, raw in enumerate(lines, start=1):
        line = raw if isinstance(raw, SuggestionInput) else SuggestionInput(**raw)
        supplier_id = record_id(Supplier, line.supplier_id, "supplier")
        qty = exact_qty(line.qty, field=f"lines.{n}.qty", label=f"quantity of line {n}")
        by_supplier[supplier_id].append(PoLineInput(record_id(Product, line.product_id, "product"), qty,
                                                    line.unit_price))
    if not by_supplier:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Tick at least one line to order."), field="lines")
    inputs = [order_input(actor, supplier_id=s, warehouse_id=warehouse_id, lines=ls, order_date=order_date,
                          notes="") for s, ls in sorted(by_supplier.items())]

    def work(uow: UnitOfWork) -> list[PurchaseOrderDTO]:
        return [create_order(uow, *args) for args in inputs]

    return run_write(db, actor, work)
