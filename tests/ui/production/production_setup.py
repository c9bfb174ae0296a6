"""A small production setup for the Parts and Shift journal UI tests (through the services)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from erp_desktop.services.production import facts, parts, stages


def make_production(plant) -> SimpleNamespace:
    """The default catalogue; P-100 (machining, turning, QC; 100 planned, overdue) with facts,
    P-200 (fitting, packing; no facts), P-300 for another customer, done."""
    catalogue = {s.code: s for s in stages.create_default_stages(plant.db, plant.technologist)}
    today = date.today()
    yesterday = today - timedelta(days=1)
    p100 = parts.create_part(plant.db, plant.master, code="P-100", name="Shaft", customer="Uralmash",
                             planned_qty=100, deadline=today - timedelta(days=2),
                             route=[catalogue[c].id for c in ("machining", "turning", "qc")])
    p200 = parts.create_part(plant.db, plant.master, code="P-200", name="Flange", customer="Uralmash",
                             planned_qty=40, deadline=today + timedelta(days=20),
                             route=[catalogue[c].id for c in ("fitting", "packing")])
    p300 = parts.create_part(plant.db, plant.master, code="P-300", name="Bushing", customer="Nordtrak",
                             planned_qty=10, route=[catalogue["fitting"].id])
    operator_id = plant.operator.user_id
    recorded = [
        facts.create_fact(plant.db, plant.master, part_id=p100.id, stage_id=catalogue["machining"].id,
                          fact_date=yesterday, shift="day", operator_id=operator_id, qty_good=30, qty_scrap=2),
        facts.create_fact(plant.db, plant.master, part_id=p100.id, stage_id=catalogue["machining"].id,
                          fact_date=yesterday, shift="night", operator_id=plant.master.user_id, qty_good=20),
        facts.create_fact(plant.db, plant.master, part_id=p100.id, stage_id=catalogue["turning"].id,
                          fact_date=yesterday, shift="night", operator_id=operator_id, qty_good=15, qty_scrap=1),
        facts.create_fact(plant.db, plant.master, part_id=p300.id, stage_id=catalogue["fitting"].id,
                          fact_date=yesterday, qty_good=10),
    ]
    return SimpleNamespace(stages=catalogue, p100=p100, p200=p200, p300=p300, facts=recorded, today=today,
                           yesterday=yesterday)


def wire_live_updates(ctx, db) -> None:
    """As the app does on SQLite: committed changes reach the context's ChangeHub."""
    db.local_listeners.append(lambda _org, topic, ids: ctx.changes.emit_change(topic, list(ids)))
