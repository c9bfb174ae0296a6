"""Roles and the one permission matrix of the product."""

from __future__ import annotations

from enum import StrEnum

from erp_desktop.errors import QT_TRANSLATE_NOOP, PermissionDenied


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    MASTER = "master"
    TECHNOLOGIST = "technologist"
    OPERATOR = "operator"
    QC = "qc"
    SUPPLY = "supply"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: QT_TRANSLATE_NOOP("enums", "Administrator"),
    Role.MANAGER: QT_TRANSLATE_NOOP("enums", "Production manager"),
    Role.MASTER: QT_TRANSLATE_NOOP("enums", "Shop foreman"),
    Role.TECHNOLOGIST: QT_TRANSLATE_NOOP("enums", "Technologist"),
    Role.OPERATOR: QT_TRANSLATE_NOOP("enums", "Operator"),
    Role.QC: QT_TRANSLATE_NOOP("enums", "Quality inspector"),
    Role.SUPPLY: QT_TRANSLATE_NOOP("enums", "Supply clerk"),
    Role.VIEWER: QT_TRANSLATE_NOOP("enums", "Viewer"),
}


class Op(StrEnum):
    """Every operation a service checks. Reading is allowed to every role (viewer included)."""

    # administration
    MANAGE_USERS = "manage_users"
    MANAGE_SESSIONS = "manage_sessions"
    VIEW_AUDIT = "view_audit"
    MANAGE_SETTINGS = "manage_settings"
    # production
    MANAGE_STAGES = "manage_stages"
    EDIT_PARTS = "edit_parts"
    DELETE_PARTS = "delete_parts"
    RECORD_OWN_FACTS = "record_own_facts"
    RECORD_FACTS_FOR_ANYONE = "record_facts_for_anyone"
    RECORD_QC_FACTS = "record_qc_facts"
    CORRECT_FACTS = "correct_facts"
    VIEW_REPORTS = "view_reports"
    # tasks
    CREATE_TASKS = "create_tasks"
    COMMENT_TASKS = "comment_tasks"
    REVIEW_TASKS = "review_tasks"
    # stock
    MANAGE_STOCK_MASTER_DATA = "manage_stock_master_data"
    RECEIVE_STOCK = "receive_stock"
    ISSUE_STOCK = "issue_stock"
    TRANSFER_STOCK = "transfer_stock"
    ADJUST_STOCK = "adjust_stock"
    RESERVE_STOCK = "reserve_stock"
    CHANGE_QUALITY = "change_quality"
    MANAGE_SUPPLIERS = "manage_suppliers"
    # purchasing
    EDIT_PURCHASE_ORDERS = "edit_purchase_orders"
    # materials
    MANAGE_BOMS = "manage_boms"
    POST_OUTPUT = "post_output"


_ALL = frozenset(Op)
_STOCK_OPS = frozenset(
    {
        Op.MANAGE_STOCK_MASTER_DATA,
        Op.RECEIVE_STOCK,
        Op.ISSUE_STOCK,
        Op.TRANSFER_STOCK,
        Op.ADJUST_STOCK,
        Op.RESERVE_STOCK,
        Op.MANAGE_SUPPLIERS,
        Op.EDIT_PURCHASE_ORDERS,
    }
)

PERMISSIONS: dict[Role, frozenset[Op]] = {
    Role.ADMIN: _ALL,
    Role.MANAGER: frozenset(
        {
            Op.EDIT_PARTS,
            Op.DELETE_PARTS,
            Op.VIEW_REPORTS,
            Op.CREATE_TASKS,
            Op.COMMENT_TASKS,
            Op.REVIEW_TASKS,
            Op.RESERVE_STOCK,
        }
    ),
    Role.MASTER: frozenset(
        {
            Op.EDIT_PARTS,
            Op.DELETE_PARTS,
            Op.RECORD_OWN_FACTS,
            Op.RECORD_FACTS_FOR_ANYONE,
            Op.RECORD_QC_FACTS,
            Op.CORRECT_FACTS,
            Op.VIEW_REPORTS,
            Op.CREATE_TASKS,
            Op.COMMENT_TASKS,
            Op.REVIEW_TASKS,
            Op.RESERVE_STOCK,
            Op.POST_OUTPUT,
        }
    ),
    Role.TECHNOLOGIST: frozenset(
        {Op.MANAGE_STAGES, Op.EDIT_PARTS, Op.VIEW_REPORTS, Op.CREATE_TASKS, Op.COMMENT_TASKS, Op.MANAGE_BOMS}
    ),
    Role.OPERATOR: frozenset({Op.RECORD_OWN_FACTS, Op.COMMENT_TASKS}),
    Role.QC: frozenset({Op.CHANGE_QUALITY, Op.RECORD_QC_FACTS, Op.VIEW_REPORTS, Op.COMMENT_TASKS}),
    Role.SUPPLY: _STOCK_OPS | frozenset({Op.VIEW_REPORTS, Op.CREATE_TASKS, Op.COMMENT_TASKS, Op.POST_OUTPUT}),
    Role.VIEWER: frozenset({Op.VIEW_REPORTS}),
}

OP_DESCRIPTIONS = {
    Op.MANAGE_USERS: QT_TRANSLATE_NOOP("errors", "manage users"),
    Op.MANAGE_SESSIONS: QT_TRANSLATE_NOOP("errors", "end other users' sessions"),
    Op.VIEW_AUDIT: QT_TRANSLATE_NOOP("errors", "read the audit log"),
    Op.MANAGE_SETTINGS: QT_TRANSLATE_NOOP("errors", "change settings"),
    Op.MANAGE_STAGES: QT_TRANSLATE_NOOP("errors", "edit the stage catalogue"),
    Op.EDIT_PARTS: QT_TRANSLATE_NOOP("errors", "create or edit parts"),
    Op.DELETE_PARTS: QT_TRANSLATE_NOOP("errors", "delete or cancel parts"),
    Op.RECORD_OWN_FACTS: QT_TRANSLATE_NOOP("errors", "record stage facts"),
    Op.RECORD_FACTS_FOR_ANYONE: QT_TRANSLATE_NOOP("errors", "record facts for other operators"),
    Op.RECORD_QC_FACTS: QT_TRANSLATE_NOOP("errors", "record QC-stage facts"),
    Op.CORRECT_FACTS: QT_TRANSLATE_NOOP("errors", "correct or remove stage facts"),
    Op.VIEW_REPORTS: QT_TRANSLATE_NOOP("errors", "print reports"),
    Op.CREATE_TASKS: QT_TRANSLATE_NOOP("errors", "create tasks"),
    Op.COMMENT_TASKS: QT_TRANSLATE_NOOP("errors", "comment on tasks"),
    Op.REVIEW_TASKS: QT_TRANSLATE_NOOP("errors", "review tasks"),
    Op.MANAGE_STOCK_MASTER_DATA: QT_TRANSLATE_NOOP("errors", "edit products and warehouses"),
    Op.RECEIVE_STOCK: QT_TRANSLATE_NOOP("errors", "receive stock"),
    Op.ISSUE_STOCK: QT_TRANSLATE_NOOP("errors", "issue stock"),
    Op.TRANSFER_STOCK: QT_TRANSLATE_NOOP("errors", "transfer stock"),
    Op.ADJUST_STOCK: QT_TRANSLATE_NOOP("errors", "adjust stock"),
    Op.RESERVE_STOCK: QT_TRANSLATE_NOOP("errors", "reserve or release stock"),
    Op.CHANGE_QUALITY: QT_TRANSLATE_NOOP("errors", "change a lot's quality status"),
    Op.MANAGE_SUPPLIERS: QT_TRANSLATE_NOOP("errors", "edit suppliers"),
    Op.EDIT_PURCHASE_ORDERS: QT_TRANSLATE_NOOP("errors", "create, edit or send purchase orders"),
    Op.MANAGE_BOMS: QT_TRANSLATE_NOOP("errors", "edit bills of materials"),
    Op.POST_OUTPUT: QT_TRANSLATE_NOOP("errors", "post a part's finished output to stock"),
}


def can(role: Role | str, op: Op) -> bool:
    return op in PERMISSIONS[Role(role)]


def require(role: Role | str, op: Op) -> None:
    if not can(role, op):
        role = Role(role)
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("errors", "Your role ({role}) may not {operation}. Ask an administrator if you need to."),
            role=role, operation=OP_DESCRIPTIONS[op],
        )
