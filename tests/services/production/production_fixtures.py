"""Builders for production service tests: the default stage catalogue and parts on it."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from erp_desktop.services.production import parts, stages

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)


def make_line(plant) -> SimpleNamespace:
    """The default catalogue, as stage DTOs by code: line.machining, line.turning, line.qc ..."""
    created = stages.create_default_stages(plant.db, plant.technologist)
    return SimpleNamespace(**{stage.code: stage for stage in created})


def make_part(plant, line, *, code="P-100", planned=100, route=("machining", "turning", "fitting", "qc"),
              customer="Acme", deadline=None, actor=None):
    return parts.create_part(plant.db, actor or plant.master, code=code, name=f"Shaft {code}", planned_qty=planned,
                             route=[getattr(line, c).id for c in route], customer=customer, deadline=deadline)
