import pytest

from erp_desktop.domain.roles import Op, Role, can
from erp_desktop.errors import ConcurrentModification, PermissionDenied, ValidationError
from erp_desktop.services.admin import audit
from erp_desktop.services.production import stages
from tests.factories import make_plant
from tests.services.production.production_fixtures import make_line


def test_default_catalogue_in_route_order_with_shift_stages(plant):
    created = stages.create_default_stages(plant.db, plant.technologist)
    codes = [s.code for s in stages.list_stages(plant.db, plant.viewer)]
    assert codes == [c[0] for c in stages.DEFAULT_STAGES] == [s.code for s in created]
    needs_shift = {s.code for s in created if s.needs_shift}
    assert needs_shift == {"machining", "turning", "milling", "grinding"}
    assert [s.code for s in created if s.is_qc] == ["qc"]
    assert stages.create_default_stages(plant.db, plant.admin) == []  # idempotent


@pytest.mark.parametrize("role", list(Role))
def test_only_technologist_and_admin_manage_stages(plant, role):
    actor = getattr(plant, role.value)
    if can(role, Op.MANAGE_STAGES):
        created = stages.create_stage(plant.db, actor, code="laser", name="Laser cutting", needs_shift=True)
        updated = stages.update_stage(plant.db, actor, created.id, version=created.version, name="Laser")
        stages.deactivate_stage(plant.db, actor, updated.id, version=updated.version)
    else:
        assert role in (Role.MANAGER, Role.MASTER, Role.OPERATOR, Role.QC, Role.SUPPLY, Role.VIEWER)
        with pytest.raises(PermissionDenied):
            stages.create_stage(plant.db, actor, code="laser", name="Laser cutting")
        with pytest.raises(PermissionDenied):
            stages.create_default_stages(plant.db, actor)


def test_create_update_deactivate_audited_and_versioned(plant):
    stage = stages.create_stage(plant.db, plant.technologist, code="Laser", name="Laser", needs_shift=True)
    assert stage.code == "laser" and stage.needs_shift and stage.sort_order == 10
    changed = stages.update_stage(plant.db, plant.technologist, stage.id, version=stage.version, name="Laser cut",
                                  is_qc=True)
    with pytest.raises(ConcurrentModification):
        stages.update_stage(plant.db, plant.technologist, stage.id, version=stage.version, name="Other")
    gone = stages.deactivate_stage(plant.db, plant.technologist, stage.id, version=changed.version)
    assert not gone.is_active
    assert stages.list_stages(plant.db, plant.viewer) == []
    assert [s.id for s in stages.list_stages(plant.db, plant.viewer, include_inactive=True)] == [stage.id]
    again = stages.reactivate_stage(plant.db, plant.admin, stage.id, version=gone.version)
    assert again.is_active
    entries = audit.list_audit(plant.db, plant.admin, entity="stage").rows
    update = next(e for e in entries if e.action == "update")
    assert update.before["name"] == "Laser" and update.after["name"] == "Laser cut" and update.after["is_qc"] is True


def test_stage_code_rules(plant):
    make_line(plant)
    with pytest.raises(ValidationError) as caught:
        stages.create_stage(plant.db, plant.technologist, code="machining", name="Again")
    assert caught.value.field == "code"
    with pytest.raises(ValidationError) as caught:
        stages.create_stage(plant.db, plant.technologist, code="two words", name="X")
    assert caught.value.field == "code"
    with pytest.raises(ValidationError) as caught:
        stages.create_stage(plant.db, plant.technologist, code="x", name=" ")
    assert caught.value.field == "name"


def test_stage_catalogues_are_per_organisation(plant):
    make_line(plant)
    other = make_plant(plant.db, "Plant B", "b_")
    assert stages.list_stages(plant.db, other.viewer) == []
    assert len(stages.create_default_stages(plant.db, other.technologist)) == len(stages.DEFAULT_STAGES)
    mine = stages.list_stages(plant.db, plant.viewer)[0]
    with pytest.raises(Exception, match="does not exist"):
        stages.update_stage(plant.db, other.admin, mine.id, version=mine.version, name="Stolen")
