"""The explosion's lean path (services/materials/explosion.py): the tree read as plain driver tuples on PostgreSQL
gives the same values (and Decimal exponents) as the typed SQLAlchemy rows, and the explosion built from either
is the same DTO (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from erp_desktop.domain.materials import MAX_BOM_DEPTH
from erp_desktop.services import materials
from erp_desktop.services.materials import explosion
from erp_desktop.services.uow import unit_of_work
from tests.services.materials.materials_fixtures import make_materials


@pytest.fixture
def m(plant):
    return make_materials(plant)


def _typed_rows(uow, bom_id):
    return uow.session.execute(explosion.TREE_OF_BOM, {"bom_id": bom_id, "org_id": uow.org_id,
                                                        "max_depth": MAX_BOM_DEPTH}).all()


def test_tree_rows_are_the_typed_rows_as_plain_sequences(plant, m):
    with unit_of_work(plant.db, plant.viewer) as uow:
        plain = explosion.tree_rows(uow, explosion.TREE_OF_BOM, {"bom_id": m.gear_bom.id, "org_id": uow.org_id,
                                                                 "max_depth": MAX_BOM_DEPTH})
        typed = _typed_rows(uow, m.gear_bom.id)
    key = explosion.itemgetter(explosion.PATH)
    plain, typed = sorted(plain, key=key), sorted(typed, key=key)
    assert len(plain) == len(typed) == 5
    for p, t in zip(plain, typed, strict=True):
        assert tuple(p) == tuple(t)
        assert [repr(v) for v in p] == [repr(v) for v in t]  # D("1.000") stays D("1.000")
        assert p[explosion.COMPONENT_ID] == t.component_id and p[explosion.SKU] == t.sku


def test_explosion_from_plain_tuples_equals_the_one_from_typed_rows(plant, m):
    exploded = materials.explode_bom(plant.db, plant.viewer, bom_id=m.gear_bom.id, order_qty=D("12.5"))
    with unit_of_work(plant.db, plant.viewer) as uow:
        lines = explosion.Lines(_typed_rows(uow, m.gear_bom.id), 0, D("12.5"))
        rows, total, unknown = explosion.explosion_rows(uow, lines)
    assert exploded.rows == rows
    assert [repr(r) for r in exploded.rows] == [repr(r) for r in rows]
    assert (exploded.total_cost, exploded.unknown_cost) == (total, unknown)
    assert [r.exploded for r in rows] == [True, True, False, False, False]
    assert rows[0].cost == rows[1].cost + rows[3].cost  # a parent's cost is its children's


def test_a_leaf_without_stock_or_receipt_is_unknown_and_out_of_the_total(plant, m):
    materials_dto = materials.explode_bom(plant.db, plant.viewer, bom_id=m.gear_bom.id, order_qty=1)
    known = [r.cost for r in materials_dto.rows if not r.exploded and r.cost is not None]
    assert materials_dto.total_cost == sum(known, D(0))
    assert set(materials_dto.unknown_cost) == {r.sku for r in materials_dto.rows if not r.exploded and r.cost is None}


def test_explosion_row_is_the_dataclass_built_by_its_constructor():
    from dataclasses import FrozenInstanceError, fields

    from erp_desktop.domain.materials import Sourcing
    from erp_desktop.domain.stock import Unit
    from erp_desktop.services.materials.dto import ExplosionRow, explosion_row

    values = (2, 7, "/3/7/", 11, "ST-1", "Steel", Unit("kg"), Sourcing("buy"), D("0.125"), D("0.500"), D("2.000"),
              D("11.025"), False, D("2.5000"), D("27.5625"))
    built, lean = ExplosionRow(*values), explosion_row(*values)
    assert lean == built and repr(lean) == repr(built) and hash(lean) == hash(built)
    assert [getattr(lean, f.name) for f in fields(ExplosionRow)] == list(values)
    with pytest.raises(FrozenInstanceError):
        lean.cost = D(0)


def test_a_bom_of_another_organisation_or_none_is_not_found(plant, m):
    from erp_desktop.errors import NotFound
    from tests.factories import make_plant

    other = make_plant(plant.db, "Plant B", prefix="b_")
    for actor, bom_id in ((other.viewer, m.gear_bom.id), (plant.viewer, m.gear_bom.id + 10_000)):
        with pytest.raises(NotFound) as refused:
            materials.explode_bom(plant.db, actor, bom_id=bom_id, order_qty=1)
        assert str(refused.value) == "That BOM does not exist (any more)."


def test_subtrees_followed_by_siblings_are_costed_and_ordered_as_a_plain_recursion(plant, m):
    """The backward costing pass against a plain recursion over the result: a made line twice at one level with
    bought lines after each, a component of unknown cost; parents first, each subtree right after its line."""
    from erp_desktop.services import stock

    db, tech = plant.db, plant.technologist

    nothing = stock.create_product(db, plant.admin, sku="NO-COST", name="No stock, no receipt", unit="kg",
                                   category="metal")
    top = stock.create_product(db, plant.admin, sku="TOP-1", name="Top", unit="pcs", category="finished")
    bom = materials.create_bom(db, tech, product_id=top.id, lines=[
        {"component_id": m.shaft.id, "qty_per_unit": D("1"), "sourcing": "make"},
        {"component_id": m.shop.bolt.id, "qty_per_unit": D("3"), "sourcing": "buy"},
        {"component_id": m.shaft.id, "qty_per_unit": D("2"), "fixed_qty": D("1"), "sourcing": "make"},
        {"component_id": nothing.id, "qty_per_unit": D("0.5"), "sourcing": "buy"},
        {"component_id": m.gear.id, "qty_per_unit": D("1"), "sourcing": "make"},
    ])
    exploded = materials.explode_bom(db, plant.viewer, bom_id=bom.id, order_qty=7)
    rows = exploded.rows
    assert [r.level for r in rows if r.level == 1] == [1] * 5

    def children(i):
        path, level = rows[i].path, rows[i].level
        return [j for j in range(i + 1, len(rows)) if rows[j].level == level + 1 and rows[j].path.startswith(path)]

    for i, row in enumerate(rows):
        subtree = [j for j in range(len(rows)) if j != i and rows[j].path.startswith(row.path)]
        assert subtree == list(range(i + 1, i + 1 + len(subtree)))  # parents first, the subtree right after
        assert row.exploded == bool(subtree)
        if row.exploded:
            known = [rows[j].cost for j in children(i) if rows[j].cost is not None]
            assert row.cost == (sum(known[1:], known[0]) if known else None)
    top_known = [r.cost for r in rows if r.level == 1 and r.cost is not None]
    assert exploded.total_cost == sum(top_known, D(0))
    assert "NO-COST" in exploded.unknown_cost
    assert [r.sku for r in rows if r.level == 1] == ["SHAFT-1", m.shop.bolt.sku, "SHAFT-1", "NO-COST", "GEAR-ASM"]
