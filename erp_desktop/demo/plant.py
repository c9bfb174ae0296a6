"""The demo plant: users from SPEC.md and a plant's worth of data in every area."""

from __future__ import annotations

from sqlalchemy import select

from erp_desktop.config import DEMO_SIGN_IN_HINT
from erp_desktop.db.engine import Database
from erp_desktop.db.models import Organization, User
from erp_desktop.demo import materials as demo_materials
from erp_desktop.demo import production as demo_production
from erp_desktop.demo import purchasing as demo_purchasing
from erp_desktop.demo import stock as demo_stock
from erp_desktop.demo import tasks as demo_tasks
from erp_desktop.domain.roles import Role
from erp_desktop.services.access.auth import actor_for, hash_password
from erp_desktop.services.uow import run_write

DEMO_ORGANIZATION = "Demo Plant"
# (username, password, role, full name); the first four are the ones SPEC.md names
DEMO_USERS = (
    ("admin", "admin123", Role.ADMIN, "Administrator"),
    ("kolchin", "kolchin123", Role.MASTER, "Kolchin A. V."),
    ("petrov", "petrov123", Role.OPERATOR, "Petrov I. S."),
    ("sidorov", "sidorov123", Role.SUPPLY, "Sidorov P. N."),
    ("ivanov", "ivanov123", Role.OPERATOR, "Ivanov D. K."),
    ("smirnova", "smirnova123", Role.QC, "Smirnova E. A."),
    ("volkova", "volkova123", Role.TECHNOLOGIST, "Volkova N. P."),
    ("orlov", "orlov123", Role.MANAGER, "Orlov S. M."),
    ("guest", "guest1234", Role.VIEWER, "Guest viewer"),
)
SIGN_IN_HINT = DEMO_SIGN_IN_HINT  # the text lives in config, so the sign-in window shows it without importing services


def _create_people(db: Database, rounds: int) -> dict:
    def work(uow):
        if uow.session.execute(select(Organization.id).where(Organization.name == DEMO_ORGANIZATION)).first():
            raise RuntimeError("the demo plant is already loaded")
        org = Organization(name=DEMO_ORGANIZATION)
        uow.session.add(org)
        uow.session.flush()
        people = {}
        for username, password, role, full_name in DEMO_USERS:
            user = User(org_id=org.id, username=username, full_name=full_name, role=role.value,
                        password_hash=hash_password(password, rounds))
            uow.session.add(user)
            uow.session.flush()
            people[username] = actor_for(user)
        uow.actor = people["admin"]
        uow.audit("organization", org.id, "demo_loaded", after={"users": [u[0] for u in DEMO_USERS]})
        return people

    return run_write(db, None, work)


def load_demo_plant(db: Database, *, rounds: int = 10) -> dict:
    """Users, then production, stock and tasks through their own services. Returns the people."""
    people = _create_people(db, rounds)
    for area in _area_loaders():
        area(db, people)
    return people


def _area_loaders():
    return (demo_production.load, demo_stock.load, demo_purchasing.load, demo_tasks.load, demo_materials.load)
