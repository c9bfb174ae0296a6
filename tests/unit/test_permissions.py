"""The permission matrix, operation by operation and role by role."""

import pytest

from erp_desktop.domain.roles import OP_DESCRIPTIONS, PERMISSIONS, Op, Role, can, require
from erp_desktop.errors import PermissionDenied

# The expected matrix written out by hand: a change to roles.py must change this table too.
EXPECTED = {
    Op.MANAGE_USERS: {"admin"},
    Op.MANAGE_SESSIONS: {"admin"},
    Op.VIEW_AUDIT: {"admin"},
    Op.MANAGE_SETTINGS: {"admin"},
    Op.MANAGE_STAGES: {"admin", "technologist"},
    Op.EDIT_PARTS: {"admin", "manager", "master", "technologist"},
    Op.DELETE_PARTS: {"admin", "manager", "master"},
    Op.RECORD_OWN_FACTS: {"admin", "master", "operator"},
    Op.RECORD_FACTS_FOR_ANYONE: {"admin", "master"},
    Op.RECORD_QC_FACTS: {"admin", "master", "qc"},
    Op.CORRECT_FACTS: {"admin", "master"},
    Op.VIEW_REPORTS: {"admin", "manager", "master", "technologist", "qc", "supply", "viewer"},
    Op.CREATE_TASKS: {"admin", "manager", "master", "technologist", "supply"},
    Op.COMMENT_TASKS: {"admin", "manager", "master", "technologist", "operator", "qc", "supply"},
    Op.REVIEW_TASKS: {"admin", "manager", "master"},
    Op.MANAGE_STOCK_MASTER_DATA: {"admin", "supply"},
    Op.RECEIVE_STOCK: {"admin", "supply"},
    Op.ISSUE_STOCK: {"admin", "supply"},
    Op.TRANSFER_STOCK: {"admin", "supply"},
    Op.ADJUST_STOCK: {"admin", "supply"},
    Op.RESERVE_STOCK: {"admin", "manager", "master", "supply"},
    Op.CHANGE_QUALITY: {"admin", "qc"},
    Op.MANAGE_SUPPLIERS: {"admin", "supply"},
    Op.EDIT_PURCHASE_ORDERS: {"admin", "supply"},
    Op.MANAGE_BOMS: {"admin", "technologist"},
    Op.POST_OUTPUT: {"admin", "master", "supply"},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("op", list(Op))
def test_permission_matrix(op, role):
    expected_roles = EXPECTED.get(op)
    assert expected_roles is not None, f"{op} has no row in the expected matrix"
    assert can(role, op) is (role.value in expected_roles)
    if role.value in expected_roles:
        require(role, op)
    else:
        with pytest.raises(PermissionDenied, match=role.label):
            require(role, op)


def test_every_op_is_described_and_every_role_has_a_row():
    assert set(OP_DESCRIPTIONS) == set(Op)
    assert set(PERMISSIONS) == set(Role)


def test_viewer_changes_nothing():
    assert PERMISSIONS[Role.VIEWER] == frozenset({Op.VIEW_REPORTS})
