"""Demo tasks: about thirty tasks in every status, some for roles, blockers on parts, comments.

Everything goes through the task services, so the demo history, audit and read marks are real.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Part
from erp_desktop.domain.roles import Role
from erp_desktop.domain.tasks import Category, Move, TaskStatus
from erp_desktop.services.actor import Actor
from erp_desktop.services.tasks import board as tasks
from erp_desktop.services.uow import run_read

log = logging.getLogger(__name__)

_PATH = {
    TaskStatus.OPEN: (),
    TaskStatus.ACCEPTED: (Move.ACCEPT,),
    TaskStatus.IN_PROGRESS: (Move.ACCEPT, Move.START),
    TaskStatus.REVIEW: (Move.ACCEPT, Move.START, Move.SEND_TO_REVIEW),
    TaskStatus.DONE: (Move.ACCEPT, Move.START, Move.SEND_TO_REVIEW, Move.APPROVE),
    TaskStatus.CANCELLED: (Move.CANCEL,),
}
_REWORK = (Move.ACCEPT, Move.START, Move.SEND_TO_REVIEW, Move.SEND_BACK)

# creator, title, assignee (a username or a Role), blocker, due in days (None: no date), category,
# part slot (index into the plant's first parts, or None), final status, comments [(username, text)]
_TASKS = (
    ("kolchin", "Sharpen the form cutters for the housing run", "petrov", True, 1, Category.TOOLING, 0,
     TaskStatus.IN_PROGRESS, [("petrov", "Two of five are done, the rest after lunch.")]),
    ("kolchin", "Bring 40Kh round bar 60 mm to bay 2", Role.SUPPLY, True, 0, Category.MATERIAL, 0,
     TaskStatus.OPEN, [("kolchin", "Without it the turning stage stops tomorrow morning.")]),
    ("kolchin", "Replace coolant in lathe 16K20", "ivanov", False, -2, Category.EQUIPMENT, None,
     TaskStatus.ACCEPTED, []),
    ("volkova", "Update the drawing revision for the flange", "kolchin", False, 5, Category.DOCUMENTATION, 1,
     TaskStatus.REVIEW, [("kolchin", "Revision C attached to the route card.")]),
    ("kolchin", "Measure first article of the shaft batch", Role.QC, True, 1, Category.QUALITY, 1,
     TaskStatus.OPEN, []),
    ("orlov", "Check the delivery date of the bearing order", "sidorov", False, 3, Category.MATERIAL, 2,
     TaskStatus.DONE, [("sidorov", "Supplier confirmed delivery on Friday.")]),
    ("kolchin", "Calibrate the micrometer set", Role.QC, False, 7, Category.QUALITY, None,
     TaskStatus.ACCEPTED, []),
    ("admin", "Order spare inserts CNMG 120408", Role.SUPPLY, False, 10, Category.TOOLING, None,
     TaskStatus.IN_PROGRESS, [("sidorov", "Requested quotes from two suppliers.")]),
    ("kolchin", "Fix the chuck jaw on the milling machine", "ivanov", True, -1, Category.EQUIPMENT, 2,
     TaskStatus.IN_PROGRESS, [("ivanov", "Waiting for the replacement jaw."), ("kolchin", "Supply, please hurry.")]),
    ("volkova", "Write the setup sheet for the bracket", "kolchin", False, 4, Category.DOCUMENTATION, 3,
     TaskStatus.ACCEPTED, []),
    ("kolchin", "Deburr the returned gears", "petrov", False, -3, Category.OTHER, 3,
     TaskStatus.REVIEW, []),
    ("orlov", "Prepare a shipping box for the customer sample", "sidorov", False, 2, Category.OTHER, None,
     TaskStatus.CANCELLED, [("orlov", "Customer will pick it up themselves.")]),
    ("kolchin", "Re-inspect the rejected housings", Role.QC, True, -1, Category.QUALITY, 0,
     TaskStatus.IN_PROGRESS, []),
    ("sidorov", "Confirm material certificates for lot 2024-117", "smirnova", False, 6, Category.QUALITY, None,
     TaskStatus.DONE, []),
    ("kolchin", "Clean the workplace after the night shift", "petrov", False, 0, Category.OTHER, None,
     TaskStatus.DONE, []),
    ("admin", "Archive the old route cards", "volkova", False, 30, Category.DOCUMENTATION, None,
     TaskStatus.OPEN, []),
    ("kolchin", "Order new drill bits 8.5 mm", Role.SUPPLY, False, 5, Category.TOOLING, None,
     TaskStatus.REVIEW, []),
    ("kolchin", "Grease the conveyor bearings", "ivanov", False, 12, Category.EQUIPMENT, None,
     TaskStatus.OPEN, []),
    ("volkova", "Check the tolerance on operation 30", "kolchin", True, 2, Category.DOCUMENTATION, 4,
     TaskStatus.IN_PROGRESS, [("volkova", "See the note on sheet 2.")]),
    ("orlov", "Agree the priority of the pump order", "kolchin", False, 1, Category.OTHER, 4,
     TaskStatus.DONE, [("kolchin", "Agreed: pump order first, then the flanges.")]),
    ("kolchin", "Pick up the gauge from calibration", Role.QC, False, None, Category.QUALITY, None,
     TaskStatus.CANCELLED, []),
    ("sidorov", "Count the fasteners in rack B", "ivanov", False, 8, Category.MATERIAL, None,
     TaskStatus.ACCEPTED, []),
    ("kolchin", "Replace the worn collet", "petrov", False, None, Category.TOOLING, 5,
     TaskStatus.OPEN, []),
    ("admin", "Print new labels for the warehouse shelves", "sidorov", False, 14, Category.OTHER, None,
     TaskStatus.OPEN, []),
    ("kolchin", "Fixture for the bracket drilling", "volkova", True, 3, Category.TOOLING, 3,
     TaskStatus.ACCEPTED, []),
    ("orlov", "Report scrap causes for last week", Role.QC, False, -4, Category.QUALITY, None,
     TaskStatus.OPEN, []),
    ("kolchin", "Top up hydraulic oil on the press", "ivanov", False, 1, Category.EQUIPMENT, None,
     TaskStatus.DONE, []),
    ("volkova", "Check the heat treatment spec for the shaft", "smirnova", False, 9, Category.DOCUMENTATION, 1,
     TaskStatus.OPEN, []),
)
# (creator, title, assignee, part slot, rework comment): sent back once, in progress again
_REWORKED = (
    ("kolchin", "Re-grind the stamping die", "petrov", 5, "The edge is still chipped on the left side; redo it."),
    ("orlov", "Update the stock count for steel sheet", "sidorov", None, "The count misses bay 3; add it."),
)


def _part_ids(db: Database, actor: Actor) -> list[int]:
    """The plant's first parts still in work, or none if the production area is not loaded."""
    try:
        return run_read(db, actor, lambda uow: list(uow.session.execute(
            select(Part.id).where(Part.org_id == actor.org_id, Part.status.not_in(("done", "cancelled")))
            .order_by(Part.id).limit(8)).scalars()))
    except Exception:  # noqa: BLE001 - the demo works without parts
        log.info("no parts to link demo tasks to")
        return []


def _role_member(people: dict, role: Role) -> Actor | None:
    return next((p for p in people.values() if p.role == role), None)


def _mover(people: dict, card: tasks.TaskCard, move: Move, creator: Actor) -> Actor:
    if move in (Move.APPROVE, Move.SEND_BACK, Move.CANCEL):
        return creator
    if card.assignee_user_id is not None:
        return next(p for p in people.values() if p.user_id == card.assignee_user_id)
    return _role_member(people, card.assignee_role) or people["admin"]


def _create(db: Database, people: dict, creator: Actor, title: str, assignee, blocker: bool, due: int | None,
            category: Category, part_id: int | None) -> tasks.TaskCard:
    if isinstance(assignee, Role):
        who = {"assignee_role": assignee} if _role_member(people, assignee) else {"assignee_user_id":
                                                                                   people["admin"].user_id}
    else:
        who = {"assignee_user_id": (people.get(assignee) or people["admin"]).user_id}
    return tasks.create_task(
        db, creator, title=title, description=f"{title}.", is_blocker=blocker,
        due_date=date.today() + timedelta(days=due) if due is not None else None,
        category=category, part_id=part_id, **who)


def _walk(db: Database, people: dict, card: tasks.TaskCard, moves, creator: Actor, comment: str = "") -> None:
    for move in moves:
        mover = _mover(people, card, move, creator)
        card = tasks.move_task(db, mover, card.id, move, version=card.version,
                               comment=comment if move is Move.SEND_BACK else None)


def load(db: Database, people: dict) -> None:
    parts = _part_ids(db, people["admin"])

    def part(slot):
        return parts[slot] if slot is not None and slot < len(parts) else None

    for creator_key, title, assignee, blocker, due, category, slot, status, comments in _TASKS:
        creator = people.get(creator_key) or people["admin"]
        card = _create(db, people, creator, title, assignee, blocker, due, category, part(slot))
        _walk(db, people, card, _PATH[status], creator)
        for author_key, text in comments:
            tasks.add_comment(db, people.get(author_key) or people["admin"], card.id, text)
    for creator_key, title, assignee, slot, rework in _REWORKED:
        creator = people.get(creator_key) or people["admin"]
        card = _create(db, people, creator, title, assignee, False, 4, Category.TOOLING, part(slot))
        _walk(db, people, card, _REWORK, creator, rework)
    log.info("demo tasks loaded")
