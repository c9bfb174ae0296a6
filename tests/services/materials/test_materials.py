"""BOMs, the part's material plan, issue/return, output at the issued cost, cost sheet and shortages
(SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from erp_desktop.errors import InsufficientStock, InvalidTransition, PermissionDenied, ValidationError
from erp_desktop.services import materials, stock
from tests.services.materials.materials_fixtures import make_good, make_materials


@pytest.fixture
def m(plant):
    return make_materials(plant)


def _plan(plant, m, **kw):
    return {r.sku: r for r in materials.get_material_plan(plant.db, plant.viewer, m.part.id, **kw).rows}


def test_explosion_is_indented_with_rounded_quantities_and_fifo_cost(plant, m):
    exploded = materials.explode_bom(plant.db, plant.viewer, bom_id=m.gear_bom.id, order_qty=40)
    rows = [(r.level, r.sku, r.required, r.exploded) for r in exploded.rows]
    assert rows == [
        (1, "SHAFT-1", D("40.000"), True),
        (2, "BUSH-1", D("84.000"), True),  # 2 x 40 x 1.05
        (3, "SHEET-2", D("1.000"), False),  # 0.84 sheet -> a whole sheet
        (2, "ST-40X-D40", D("11.025"), False),  # (0.5 + 0.25 x 40) x 1.05
        (1, "BOLT-M8", D("162.000"), False),  # 4 x 40 + 2
    ]
    by_sku = {r.sku: r for r in exploded.rows}
    # steel: FIFO takes 10 kg at 2.50 and 1.025 at 3.10 -> 28.1775 / 11.025
    assert by_sku["ST-40X-D40"].cost == D("28.1775")
    assert by_sku["SHEET-2"].cost == D("120.0000")
    assert by_sku["SHAFT-1"].cost == by_sku["BUSH-1"].cost + by_sku["ST-40X-D40"].cost
    assert exploded.total_cost == by_sku["SHAFT-1"].cost + by_sku["BOLT-M8"].cost
    assert exploded.unknown_cost == ()


def test_no_stock_costs_at_the_last_receipt_price(plant, m):
    stock.issue_stock(plant.db, plant.supply, product_id=m.sheet.id, warehouse_id=m.shop.main.id, qty=D("3"))
    exploded = materials.explode_bom(plant.db, plant.viewer, product_id=m.bushing.id, order_qty=10)
    assert exploded.rows[0].unit_cost == D("120.0000")


def test_a_bom_containing_itself_at_any_depth_is_refused_naming_the_path(plant, m):
    with pytest.raises(ValidationError, match="BUSH-1 -> GEAR-ASM -> SHAFT-1 -> BUSH-1"):
        materials.set_bom_lines(plant.db, plant.technologist, m.bushing_bom.id, version=m.bushing_bom.version,
                                lines=[{"component_id": m.gear.id, "qty_per_unit": D("1"), "sourcing": "make"}])
    with pytest.raises(ValidationError, match="SHAFT-1 -> SHAFT-1"):
        materials.set_bom_lines(plant.db, plant.technologist, m.shaft_bom.id, version=m.shaft_bom.version,
                                lines=[{"component_id": m.shaft.id, "qty_per_unit": D("1")}])
    assert len(materials.get_bom(plant.db, plant.viewer, m.bushing_bom.id).lines) == 1


def test_a_released_revision_keeps_its_lines_and_a_new_revision_becomes_active(plant, m):
    with pytest.raises(InvalidTransition, match="new revision"):
        materials.set_bom_lines(plant.db, plant.technologist, m.gear_bom.id, version=m.gear_bom.version, lines=[])
    b = materials.create_bom(plant.db, plant.technologist, product_id=m.gear.id, copy_from_bom_id=m.gear_bom.id)
    assert (b.revision, b.is_active, len(b.lines)) == ("B", False, 2)
    b = materials.set_bom_lines(plant.db, plant.technologist, b.id, version=b.version,
                                lines=[{"component_id": m.shaft.id, "qty_per_unit": D("2"), "sourcing": "make"}])
    b = materials.activate_bom(plant.db, plant.technologist, b.id, version=b.version)
    assert b.is_active and not materials.get_bom(plant.db, plant.viewer, m.gear_bom.id).is_active
    # the running part keeps revision A: 162 bolts still required
    assert _plan(plant, m)["BOLT-M8"].required == D("162.000")


def test_only_the_technologist_and_admin_edit_boms(plant, m):
    for who in (plant.viewer, plant.supply, plant.master):
        with pytest.raises(PermissionDenied):
            materials.create_bom(plant.db, who, product_id=m.gear.id)


def test_where_used_names_direct_and_indirect_boms_and_open_parts(plant, m):
    used = materials.where_used(plant.db, plant.viewer, m.sheet.id)
    assert [(b.sku, b.level) for b in used.boms] == [("BUSH-1", 1), ("SHAFT-1", 2), ("GEAR-ASM", 3)]
    assert [p.code for p in used.parts] == ["GA-40"]


def test_done_when_reserve_issue_return_and_output_at_exactly_the_issued_cost(plant, m):
    db, main = plant.db, m.shop.main
    plan = _plan(plant, m)
    assert {k: v.required for k, v in plan.items()} == {
        "BOLT-M8": D("162.000"), "SHEET-2": D("1.000"), "ST-40X-D40": D("11.025")}
    preview = materials.preview_release(db, plant.viewer, m.part.id, warehouse_id=main.id)
    assert preview.short_count == 0 and preview.total_value == D("172.4775000")
    steel = next(r for r in preview.rows if r.sku == "ST-40X-D40")
    assert [(s.lot_id, s.qty) for s in steel.slices] == [(m.steel_old, D("10")), (m.steel_new, D("1.025"))]

    reserved = materials.reserve_plan(db, plant.supply, m.part.id, warehouse_id=main.id)
    assert reserved.shortages == () and reserved.document.number.startswith("RES-")
    assert _plan(plant, m)["ST-40X-D40"].reserved == D("11.025")
    with pytest.raises(ValidationError, match="nothing to reserve"):
        materials.reserve_plan(db, plant.supply, m.part.id, warehouse_id=main.id)

    issued = materials.issue_to_part(db, plant.supply, m.part.id, warehouse_id=main.id)
    assert issued.number.startswith("ISS-") and issued.part_id == m.part.id
    assert sum(-mv.value for mv in issued.movements) == D("172.4775")
    assert all(mv.reserved_delta == mv.qty for mv in issued.movements)  # all from the reserved slices
    plan = _plan(plant, m)
    assert all(r.to_issue == 0 and r.reserved == 0 for r in plan.values())
    assert stock.get_lot(db, plant.viewer, m.steel_new).reserved == 0

    with pytest.raises(ValidationError, match="1.025 kg of lot"):
        materials.return_to_lot(db, plant.supply, m.part.id, lot_id=m.steel_new, qty=D("2"))
    returned = materials.return_to_lot(db, plant.supply, m.part.id, lot_id=m.steel_new, qty=D("0.5"))
    assert returned.number.startswith("RET-") and returned.movements[0].value == D("1.55")
    lot = stock.get_lot(db, plant.viewer, m.steel_new)
    assert lot.on_hand == D("19.475") and lot.unit_cost == D("3.1")
    assert _plan(plant, m)["ST-40X-D40"].returned == D("0.5")

    with pytest.raises(ValidationError, match="no good quantity"):
        materials.post_output(db, plant.master, m.part.id, warehouse_id=main.id)
    make_good(plant, m, 40)
    first = materials.post_output(db, plant.master, m.part.id, warehouse_id=main.id, qty=15)
    assert sum(mv.value for mv in first.movements) == D("64.10")  # 170.9275 x 15 / 40, to the cent
    last = materials.post_output(db, plant.supply, m.part.id, warehouse_id=main.id)
    output = [*first.movements, *last.movements]
    assert sum(mv.qty for mv in output) == D(40)
    assert sum(mv.value for mv in output) == D("170.9275")  # issued 172.4775 - returned 1.55, exactly
    assert {mv.quality_to for mv in output} == {"PENDING"}
    gear_lots = stock.list_lots(db, plant.viewer, product_id=m.gear.id)
    assert sum(lt.on_hand for lt in gear_lots) == D(40)

    sheet = materials.get_cost_sheet(db, plant.viewer, m.part.id)
    assert (sheet.issued_value, sheet.returned_value, sheet.output_value) == (D("172.4775"), D("1.55"),
                                                                             D("170.9275"))
    assert sheet.not_carried == 0 and sheet.posted_qty == 40
    assert sheet.actual_unit_cost == D("4.2732")
    assert sheet.estimate_unit_cost is not None
    with pytest.raises(ValidationError, match="no good quantity"):
        materials.post_output(db, plant.supply, m.part.id, warehouse_id=main.id)
    with pytest.raises(InvalidTransition, match="already carries"):
        materials.return_to_lot(db, plant.supply, m.part.id, lot_id=m.steel_old, qty=D("1"))


def test_issue_without_reservation_takes_fifo_and_refuses_a_shortage_whole(plant, m):
    db, main = plant.db, m.shop.main
    with pytest.raises(InsufficientStock):
        materials.issue_to_part(db, plant.supply, m.part.id, warehouse_id=main.id,
                                quantities={m.shop.steel.id: D("31")})
    assert _plan(plant, m)["ST-40X-D40"].issued == 0
    doc = materials.issue_to_part(db, plant.supply, m.part.id, warehouse_id=main.id,
                                  quantities={m.shop.steel.id: D("12")})
    assert [(mv.lot_id, -mv.qty) for mv in doc.movements] == [(m.steel_old, D("10")), (m.steel_new, D("2"))]
    assert _plan(plant, m)["ST-40X-D40"].to_issue == 0


def test_partial_issue_of_a_reservation_shortens_it(plant, m):
    db, main = plant.db, m.shop.main
    materials.reserve_plan(db, plant.supply, m.part.id, warehouse_id=main.id)
    materials.issue_to_part(db, plant.supply, m.part.id, warehouse_id=main.id, quantities={m.shop.bolt.id: D("100")})
    plan = _plan(plant, m)["BOLT-M8"]
    assert (plan.issued, plan.reserved, plan.to_issue) == (D("100"), D("62"), D("62"))
    assert stock.get_lot(db, plant.viewer, m.bolts).reserved == D("62")


def test_reserve_plan_lists_shortages_and_shortage_list_names_the_part(plant, m):
    db = plant.db
    stock.issue_stock(db, plant.supply, product_id=m.shop.bolt.id, warehouse_id=m.shop.main.id, qty=D("100"))
    result = materials.reserve_plan(db, plant.supply, m.part.id, warehouse_id=m.shop.main.id)
    assert [(r.sku, r.short) for r in result.shortages] == [("BOLT-M8", D("62"))]
    shortages = materials.list_shortages(db, plant.viewer)
    assert [(r.code, r.sku, r.short) for r in shortages] == [("GA-40", "BOLT-M8", D("62"))]


def _estimate_with_allocate(uow, needs):
    """The estimate as domain.fifo.allocate computes it, lot by lot (the oracle of the lean paths)."""
    from sqlalchemy import select

    from erp_desktop.db.models import Lot
    from erp_desktop.domain.fifo import LotState, allocate

    rows = uow.session.execute(
        select(Lot.product_id, Lot.id, Lot.received_at, Lot.on_hand, Lot.reserved, Lot.unit_cost, Lot.quality)
        .where(Lot.org_id == uow.org_id, Lot.product_id.in_(sorted(needs)),
               Lot.source_lot_id.is_(None) | ((Lot.quality == "APPROVED") & (Lot.on_hand > Lot.reserved)))
        .order_by(Lot.product_id, Lot.received_at, Lot.id))
    lots, last = {}, {}
    for product_id, *state in rows:
        lots.setdefault(product_id, []).append(LotState(*state))
        last[product_id] = state[4]
    result = {}
    for product_id, need in needs.items():
        if need <= 0:
            result[product_id] = last.get(product_id)
            continue
        a = allocate(lots.get(product_id, ()), need)
        if a.shortfall > 0 and product_id not in last:
            result[product_id] = a.value / a.allocated if a.allocated else None
        else:
            result[product_id] = (a.value + a.shortfall * last.get(product_id, D(0))) / need
    return result


def test_cost_estimate_matches_fifo_allocation_digit_for_digit(plant, m):
    """Reserved and quarantined stock left out, needs inside one lot, across lots, beyond all stock, none."""
    from erp_desktop.services.materials.explosion import estimate_unit_costs
    from erp_desktop.services.uow import run_read

    m.shop.lot(5, "2.75", quality="QUARANTINE")
    stock.reserve_stock(plant.db, plant.supply, product_id=m.shop.steel.id, warehouse_id=m.shop.main.id, qty=D("4"),
                        order_ref="SO-1")
    steel, sheet, gear = m.shop.steel.id, m.sheet.id, m.gear.id
    cases = [{steel: D(q), sheet: D("2.000"), gear: D("1.000")}
             for q in ("0.000", "0.001", "6.000", "6.001", "25.999", "26.000", "40.500")]

    def work(uow):
        return [(estimate_unit_costs(uow, needs), _estimate_with_allocate(uow, needs)) for needs in cases]

    for lean, oracle in run_read(plant.db, plant.viewer, work):
        assert {k: str(v) for k, v in lean.items()} == {k: str(v) for k, v in oracle.items()}
