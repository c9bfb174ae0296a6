"""Demo production data through the production services: the stage catalogue, about 25 parts for a few
customers, two weeks of day and night facts that keep the flow rule, one correction, one cancelled part."""

from __future__ import annotations

import random
from datetime import date, timedelta

from erp_desktop.db.engine import Database
from erp_desktop.services.actor import Actor
from erp_desktop.services.production import facts, parts, stages

CUSTOMERS = ("Uralmash", "Baltic Pumps", "Volga Hydraulics", "Nordtrak")
PART_NAMES = ("Shaft", "Flange", "Bushing", "Gear wheel", "Housing", "Sleeve", "Bracket", "Valve body", "Axle",
              "Coupling", "Pin", "Cover")
# routes as stage codes; 3 to 7 stages, in catalogue order
ROUTES = (
    ("machining", "turning", "qc"),
    ("machining", "turning", "grinding", "qc", "packing"),
    ("machining", "milling", "fitting", "qc"),
    ("turning", "heat_treatment", "grinding", "qc"),
    ("machining", "turning", "milling", "heat_treatment", "galvanic", "qc", "packing"),
    ("milling", "fitting", "galvanic", "qc", "packing"),
    ("machining", "fitting", "qc", "packing"),
)
PART_COUNT = 25
DAYS = 14


def _person(people: dict[str, Actor], *names: str) -> Actor:
    for name in names:
        if name in people:
            return people[name]
    return people["admin"]


def load(db: Database, people: dict[str, Actor], *, seed: int = 7, today: date | None = None) -> None:
    today = today or date.today()
    rng = random.Random(seed)
    technologist = _person(people, "volkova")
    master = _person(people, "kolchin")
    inspector = _person(people, "smirnova", "kolchin")
    operators = [people[name] for name in ("petrov", "ivanov") if name in people] or [master]

    catalogue = {stage.code: stage for stage in stages.create_default_stages(db, technologist)}
    if not catalogue:
        catalogue = {stage.code: stage for stage in stages.list_stages(db, technologist)}

    created = []
    for number in range(PART_COUNT):
        route = ROUTES[number % len(ROUTES)]
        planned = rng.choice((20, 30, 40)) if number < 4 else rng.choice((40, 60, 80, 100, 150, 200, 300))
        deadline = today + timedelta(days=rng.randint(-6, 30)) if number % 6 else None
        part = parts.create_part(
            db, _person(people, "volkova", "kolchin") if number % 2 else master,
            code=f"DRW-{1040 + number * 7}", name=f"{PART_NAMES[number % len(PART_NAMES)]} {number + 1:02d}",
            customer=CUSTOMERS[number % len(CUSTOMERS)], planned_qty=planned, deadline=deadline,
            priority=rng.choice((0, 0, 1, 2)), route=[catalogue[code].id for code in route])
        created.append(part)

    # the last few parts stay planned; the others start on different days of the fortnight
    working = created[: PART_COUNT - 4]
    started = {part.id: 0 if index < 6 else rng.randint(0, DAYS - 3) for index, part in enumerate(working)}
    good: dict[tuple[int, int], int] = {}
    recorded = []
    for day_index in range(DAYS):
        day = today - timedelta(days=DAYS - day_index)
        for shift in ("day", "night"):
            active = [p for p in working if started[p.id] <= day_index]
            for part in rng.sample(active, min(len(active), 7)):
                fact = _work_one_shift(db, rng, part, day, shift, good, master, inspector, operators)
                if fact is not None:
                    recorded.append(fact)

    if recorded:
        # a foreman's correction, so the audit log shows one
        fact = rng.choice(recorded)
        try:
            facts.correct_fact(db, master, fact.id, version=fact.version,
                               comment=(fact.comment + " (count checked by the foreman)").strip())
        except Exception:  # noqa: BLE001 - demo data is best effort past this point
            pass
    cancelled = created[-1]
    parts.cancel_part(db, master, cancelled.id, version=cancelled.version, reason="Order withdrawn by the customer")


def _work_one_shift(db, rng, part, day, shift, good, master, inspector, operators):
    """Advance up to three stages of the part by what the previous stage has passed on."""
    previous = None
    last = None
    moves = 0
    for step in part.stages:
        key = (part.id, step.stage_id)
        done = good.get(key, 0)
        available = (part.planned_qty + part.planned_qty // 20 if previous is None else previous) - done
        previous = done
        if available <= 0 or moves >= 3 or (not step.needs_shift and shift == "night"):
            continue
        if rng.random() < 0.25:
            continue
        qty = min(available, rng.randint(max(part.planned_qty // 6, 5), max(part.planned_qty // 2, 10)))
        scrap = rng.choice((0, 0, 0, 1, 2)) if qty > 10 else 0
        operator = rng.choice(operators)
        actor = inspector if step.is_qc else (operator if rng.random() < 0.3 else master)
        last = facts.create_fact(
            db, actor, part_id=part.id, stage_id=step.stage_id, fact_date=day,
            shift=shift if step.needs_shift else None,
            operator_id=(actor.user_id if actor is operator else operator.user_id) if step.needs_shift else None,
            qty_good=qty, qty_scrap=scrap,
            comment=rng.choice(("", "", "", "tool changed", "new batch of blanks", "setup took an hour")))
        good[key] = done + qty
        previous = good[key]
        moves += 1
    return last
