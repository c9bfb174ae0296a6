"""Materials on PostgreSQL (issue 13): explosion of a BOM 10 levels deep with 2,000 lines (target <= 50 ms),
release preview of a 50-line part (<= 200 ms), its material plan tab (<= 100 ms), and the shortage list over
2,000 open parts x 20 components (<= 500 ms). Medians of 7 after a warm-up, as the desktops' login.

    python tests/benchmarks/bench_materials.py

Data is loaded through the superuser (bulk inserts), the timings go through the services. Prints the figures;
the last line is one JSON object.
"""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal as D

from sqlalchemy import insert, select
from stock_data import scratch_database, seed_organization

from erp_desktop.db.models import (
    Bom,
    BomLine,
    Lot,
    Part,
    Product,
    StockDocument,
    StockMovement,
    StockPosition,
    Warehouse,
)
from erp_desktop.db.types import utcnow
from erp_desktop.services import materials
from tests.factories import admin_of

try:
    import timing  # run as a script: this folder is on sys.path
except ImportError:  # imported as tests.benchmarks.*
    from tests.benchmarks import timing

TARGETS = {"explosion_ms": 50, "release_preview_ms": 200, "plan_tab_ms": 100, "shortage_list_ms": 500}


def _load(db, org_id: int, user_id: int) -> dict:
    now = utcnow()
    with admin_of(db).sessions.begin() as s:
        store = Warehouse(org_id=org_id, code="MAIN", name="Main")
        s.add(store)
        s.flush()

        def products(prefix, n, unit="kg", category="metal"):
            rows = [{"org_id": org_id, "sku": f"{prefix}-{i:05d}", "name": f"{prefix} {i}", "unit": unit,
                     "category": category, "grade": "", "size": "", "min_level": D(0), "is_active": True,
                     "version": 1} for i in range(n)]
            s.execute(insert(Product), rows)
            return list(s.execute(select(Product.id).where(Product.org_id == org_id,
                                                           Product.sku.like(f"{prefix}-%"))
                                  .order_by(Product.sku)).scalars())

        raw = products("RAW", 400)
        made = products("MADE", 11, unit="pcs", category="component")
        # stock of every raw product: two lots, received through one document (the journal keeps the sums)
        doc = StockDocument(org_id=org_id, number="RCV-BENCH", kind="receipt", at=now, user_id=user_id)
        s.add(doc)
        s.flush()
        s.execute(insert(StockPosition), [{"org_id": org_id, "product_id": p, "warehouse_id": store.id,
                                           "on_hand": D(0), "reserved": D(0)} for p in raw])
        lots = []
        for p in raw:
            for k, cost in enumerate(("10.5", "12.25")):
                lots.append({"org_id": org_id, "product_id": p, "warehouse_id": store.id, "lot_number": f"L{p}-{k}",
                             "received_at": now - timedelta(days=30 - k), "qty_received": D(500), "on_hand": D(0),
                             "reserved": D(0), "unit_cost": D(cost), "quality": "APPROVED", "certificate": ""})
        s.execute(insert(Lot), lots)
        lot_rows = s.execute(select(Lot.id, Lot.product_id, Lot.unit_cost).where(Lot.org_id == org_id)).all()
        s.execute(insert(StockMovement), [
            {"org_id": org_id, "document_id": doc.id, "at": now, "kind": "receipt", "product_id": pid,
             "warehouse_id": store.id, "lot_id": lid, "qty": D(500), "reserved_delta": D(0), "unit_cost": cost,
             "value": D(500) * cost, "quality_to": "APPROVED", "user_id": user_id} for lid, pid, cost in lot_rows])

        def bom(product_id, lines):
            b = Bom(org_id=org_id, product_id=product_id, revision="A", is_active=True, note="", created_at=now,
                    updated_at=now)
            s.add(b)
            s.flush()
            s.execute(insert(BomLine), [{"bom_id": b.id, "position": i + 1, **line} for i, line in enumerate(lines)])
            return b.id

        # 10 levels: MADE-0 .. MADE-9 each one made line to the next and 199 bought lines = 2,000 lines
        deep = None
        for level in range(9, -1, -1):
            lines = [{"component_id": made[level + 1], "qty_per_unit": D(1), "fixed_qty": D(0),
                      "scrap_percent": D(0), "sourcing": "make"}]
            lines += [{"component_id": raw[(level * 37 + i) % 400], "qty_per_unit": D("0.125"), "fixed_qty": D("0.5"),
                       "scrap_percent": D("2"), "sourcing": "buy"} for i in range(199)]
            deep = bom(made[level], lines)
        # a 50-line part and 10 BOMs of 20 lines for 2,000 open parts
        products_50 = products("P50", 1, unit="pcs", category="finished")
        bom_50 = bom(products_50[0], [{"component_id": raw[i], "qty_per_unit": D("0.75"), "fixed_qty": D(0),
                                       "scrap_percent": D("5"), "sourcing": "buy"} for i in range(50)])
        part_50 = Part(org_id=org_id, code="PART-50", name="Fifty lines", planned_qty=40, product_id=products_50[0],
                       bom_id=bom_50, status="planned")
        s.add(part_50)
        finished = products("FIN", 10, unit="pcs", category="finished")
        boms_20 = [bom(p, [{"component_id": raw[(j * 20 + i) % 400], "qty_per_unit": D(3), "fixed_qty": D(0),
                            "scrap_percent": D(0), "sourcing": "buy"} for i in range(20)])
                   for j, p in enumerate(finished)]
        # every fourth job plans 400 (1,200 of each of its 20 components against 1,000 in stock): 10,000 shortage
        # rows, so the list is timed with the rows it builds (with 100 each no part alone was short: 0 rows)
        s.execute(insert(Part), [{"org_id": org_id, "code": f"JOB-{i:05d}", "name": "Job", "customer": "",
                                  "planned_qty": 400 if i % 4 == 0 else 100, "ready_qty": 0, "priority": 0, "status": "planned",
                                  "created_at": now, "updated_at": now, "product_id": finished[i % 10],
                                  "bom_id": boms_20[i % 10], "version": 1,
                                  "deadline": (now + timedelta(days=i % 60)).date()} for i in range(2000)])
        s.flush()
        return {"deep_bom": deep, "part_50": part_50.id, "warehouse": store.id}


def main() -> None:
    with scratch_database("erp_bench_materials") as (db, _url):
        actors = seed_organization(db)
        viewer, supply = actors["viewer"], actors["supply"]
        data = _load(db, viewer.org_id, supply.user_id)
        exploded = materials.explode_bom(db, viewer, bom_id=data["deep_bom"], order_qty=40)
        preview = materials.preview_release(db, viewer, data["part_50"], warehouse_id=data["warehouse"])
        plan = materials.get_material_plan(db, viewer, data["part_50"])
        shortages = materials.list_shortages(db, viewer)
        print(f"explosion: {len(exploded.rows)} rows, {max(r.level for r in exploded.rows)} levels, "
              f"cost {exploded.total_cost}")
        print(f"release preview: {len(preview.rows)} components, value {preview.total_value}, "
              f"short {preview.short_count}; plan: {len(plan.rows)} rows; shortages: {len(shortages)} rows")
        figures = {
            "explosion_ms": timing.median_ms(lambda: materials.explode_bom(db, viewer, bom_id=data["deep_bom"],
                                                                           order_qty=40)),
            "release_preview_ms": timing.median_ms(lambda: materials.preview_release(
                db, viewer, data["part_50"], warehouse_id=data["warehouse"])),
            "plan_tab_ms": timing.median_ms(lambda: materials.get_material_plan(db, viewer, data["part_50"])),
            "shortage_list_ms": timing.median_ms(lambda: materials.list_shortages(db, viewer), runs=5),
        }
        for key, value in figures.items():
            print(f"{key}: {value} ms (target <= {TARGETS[key]} ms){'' if value <= TARGETS[key] else '  OVER'}")
        figures.update(explosion_rows=len(exploded.rows), shortage_rows=len(shortages),
                       within_targets=all(figures[k] <= v for k, v in TARGETS.items()))
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
