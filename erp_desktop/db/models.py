"""The one canonical SQLAlchemy model module.

Every business table carries ``org_id``; services always filter on it.
Editable records carry ``version`` (optimistic locking: a second editor gets
ConcurrentModification, not a silent overwrite). The stock movement journal and the
audit log are append-only: migrations add triggers that refuse UPDATE and DELETE.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from erp_desktop.db.text_match import folded
from erp_desktop.db.types import Cost, Qty, UtcDateTime, Value, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

BigId = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --------------------------------------------------------------------------- organisation, users


class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    # deferred: on PostgreSQL the desktops' login may not read it (only the server's sign-in functions do)
    password_hash: Mapped[str] = mapped_column(String(100), deferred=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class SignInThrottle(Base):
    """Failed sign-ins per user name, known or not, so a lockout says nothing about existence."""

    __tablename__ = "sign_in_throttle"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class UserSession(Base):
    """A signed-in desktop. Ending it signs that desktop out at its next action."""

    __tablename__ = "user_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    host: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    end_reason: Mapped[str] = mapped_column(String(100), default="")
    # PostgreSQL: the SHA-256 of the session's secret token (the desktop holds the token, the server only
    # its hash) and when the session stops working unless renewed (sign-in, unlock)
    token_hash: Mapped[bytes | None] = mapped_column(LargeBinary, unique=True, deferred=True)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SecuritySettings(Base):
    """The plant's sign-in and password policy: one row, edited by an administrator, enforced by the server."""

    __tablename__ = "security_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    max_failed_attempts: Mapped[int] = mapped_column(Integer, default=5)
    lockout_minutes: Mapped[int] = mapped_column(Integer, default=15)
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=15)
    min_password_length: Mapped[int] = mapped_column(Integer, default=8)
    password_hash_cost: Mapped[int] = mapped_column(Integer, default=12)
    session_hours: Mapped[int] = mapped_column(Integer, default=24)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("id = 1", name="one_row"),
        CheckConstraint("max_failed_attempts BETWEEN 1 AND 100 AND lockout_minutes BETWEEN 1 AND 1440 "
                        "AND idle_lock_minutes BETWEEN 1 AND 480 AND min_password_length BETWEEN 8 AND 72 "
                        "AND password_hash_cost BETWEEN 4 AND 16 AND session_hours BETWEEN 1 AND 168",
                        name="ranges"),
    )


class ErpPermission(Base):
    """The server's copy of domain/roles.PERMISSIONS (PostgreSQL enforces it); rewritten at every upgrade."""

    __tablename__ = "erp_permissions"
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    op: Mapped[str] = mapped_column(String(40), primary_key=True)


class ErpTaskTransition(Base):
    """The server's copy of domain/tasks.TRANSITIONS, one row per move and source status; rewritten at every
    upgrade. A trigger on tasks checks every status change against it (db/security.py)."""

    __tablename__ = "erp_task_transitions"
    move: Mapped[str] = mapped_column(String(20), primary_key=True)
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    target: Mapped[str] = mapped_column(String(20))
    who: Mapped[str] = mapped_column(String(30))
    comment_required: Mapped[bool] = mapped_column(Boolean)


class AuditEntry(Base):
    """Append-only: who did what to which record, with before and after values."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # no foreign keys: organisations and users are never deleted, and a key would lock their rows for
    # every entry written (migration 0004)
    org_id: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    __table_args__ = (
        Index("ix_audit_org_at", "org_id", "at", "id"),
        Index("ix_audit_org_user_at", "org_id", "user_id", "at", "id"),
        Index("ix_audit_org_entity_at", "org_id", "entity", "at", "id"),
    )


# --------------------------------------------------------------------------- production


class Stage(Base):
    __tablename__ = "stages"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    needs_shift: Mapped[bool] = mapped_column(Boolean, default=False)
    is_qc: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("org_id", "code", name="uq_stages_org_code"),)


class Part(Base):
    __tablename__ = "parts"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    customer: Mapped[str] = mapped_column(String(200), default="")
    planned_qty: Mapped[int] = mapped_column(Integer)
    # cumulative good at the last route stage, kept with the facts in the same transaction
    ready_qty: Mapped[int] = mapped_column(Integer, default=0)
    deadline: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # materials (migration 0007): the stock product the part makes and the BOM revision it was released with
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    bom_id: Mapped[int | None] = mapped_column(ForeignKey("boms.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("org_id", "code", name="uq_parts_org_code"),
        Index("ix_parts_org_status_deadline", "org_id", "status", "deadline", "id"),
        CheckConstraint("planned_qty > 0", name="planned_positive"),
    )


class PartStage(Base):
    """One step of a part's route, with the cumulative good and scrap of its facts."""

    __tablename__ = "part_stages"
    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id", ondelete="CASCADE"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"))
    position: Mapped[int] = mapped_column(Integer)
    qty_good: Mapped[int] = mapped_column(Integer, default=0)
    qty_scrap: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (
        UniqueConstraint("part_id", "stage_id", name="uq_part_stages_part_stage"),
        Index("ix_part_stages_part_position", "part_id", "position"),
        CheckConstraint("qty_good >= 0 AND qty_scrap >= 0", name="non_negative"),
    )


class StageFact(Base):
    __tablename__ = "stage_facts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"))
    fact_date: Mapped[date] = mapped_column(Date)
    shift: Mapped[str] = mapped_column(String(10))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    qty_good: Mapped[int] = mapped_column(Integer)
    qty_scrap: Mapped[int] = mapped_column(Integer, default=0)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_stage_facts_org_date", "org_id", "fact_date", "id"),
        Index("ix_stage_facts_part_stage_date", "part_id", "stage_id", "fact_date"),
        Index("ix_stage_facts_org_date_shift", "org_id", "fact_date", "shift"),
        CheckConstraint("qty_good >= 0 AND qty_scrap >= 0 AND qty_good + qty_scrap > 0", name="quantities"),
        CheckConstraint("shift IN ('day', 'night', 'none')", name="shift_kind"),
    )


# --------------------------------------------------------------------------- tasks


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    creator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assignee_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assignee_role: Mapped[str | None] = mapped_column(String(20))
    is_blocker: Mapped[bool] = mapped_column(Boolean, default=False)
    due_date: Mapped[date | None] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(20), default="other")
    part_id: Mapped[int | None] = mapped_column(ForeignKey("parts.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # the last comment or move; a user who has not read the task since then sees it unread
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    comment_count: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_tasks_org_status", "org_id", "status", "id"),
        Index("ix_tasks_part", "part_id"),
    )


class TaskEvent(Base):
    """History of a task's moves (who, when, from, to, comment)."""

    __tablename__ = "task_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")


class TaskComment(Base):
    __tablename__ = "task_comments"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)


class TaskRead(Base):
    __tablename__ = "task_reads"
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


# --------------------------------------------------------------------------- stock


class Warehouse(Base):
    __tablename__ = "warehouses"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("org_id", "code", name="uq_warehouses_org_code"),)


class Supplier(Base):
    __tablename__ = "suppliers"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("org_id", "name", name="uq_suppliers_org_name"),)


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(20))
    grade: Mapped[str] = mapped_column(String(60), default="")
    size: Mapped[str] = mapped_column(String(60), default="")
    min_level: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("org_id", "sku", name="uq_products_org_sku"),
        CheckConstraint("min_level >= 0", name="min_level_non_negative"),
    )


class StockPosition(Base):
    """Per product and warehouse: the lock row stock operations take first, and running totals.

    on_hand and reserved equal the sums over the position's lots (all quality statuses);
    kept in the same transaction as the lots and the journal.
    """

    __tablename__ = "stock_positions"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    on_hand: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    reserved: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    __table_args__ = (
        UniqueConstraint("product_id", "warehouse_id", name="uq_stock_positions_product_warehouse"),
        Index("ix_stock_positions_org", "org_id", "product_id"),
        CheckConstraint("on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand", name="quantities"),
    )


class Lot(Base):
    __tablename__ = "lots"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    lot_number: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the FIFO key, kept by transfers
    qty_received: Mapped[Decimal] = mapped_column(Qty())
    on_hand: Mapped[Decimal] = mapped_column(Qty())
    reserved: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    unit_cost: Mapped[Decimal] = mapped_column(Cost())
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"))
    quality: Mapped[str] = mapped_column(String(12), default="PENDING")
    certificate: Mapped[str] = mapped_column(String(100), default="")
    source_lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    __table_args__ = (
        Index("ix_lots_fifo", "product_id", "warehouse_id", "received_at", "id"),
        Index("ix_lots_org_number", "org_id", "lot_number"),
        CheckConstraint("on_hand >= 0", name="on_hand_non_negative"),
        CheckConstraint("reserved >= 0", name="reserved_non_negative"),
        CheckConstraint("reserved <= on_hand", name="reserved_within_on_hand"),
        CheckConstraint("unit_cost >= 0", name="unit_cost_non_negative"),
        CheckConstraint("quality IN ('PENDING', 'APPROVED', 'REJECTED', 'QUARANTINE')", name="quality_kind"),
    )


class StockDocument(Base):
    """One user operation: one document number, however many lots it touches."""

    __tablename__ = "stock_documents"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    org_id: Mapped[int] = mapped_column(Integer)  # organisations and users are never deleted (migration 0004)
    number: Mapped[str] = mapped_column(String(30))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int] = mapped_column(Integer)
    part_id: Mapped[int | None] = mapped_column(ForeignKey("parts.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        UniqueConstraint("org_id", "number", name="uq_stock_documents_org_number"),
        Index("ix_stock_documents_org_at", "org_id", "at"),
    )


class StockMovement(Base):
    """Append-only journal. qty is the signed change of the lot's on hand,
    reserved_delta the signed change of its reservation; value = qty x unit_cost."""

    __tablename__ = "stock_movements"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # org_id and user_id copy the document's, product_id and warehouse_id the lot's: only those two keys are
    # checked (migration 0004)
    org_id: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("stock_documents.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(20))
    product_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    reserved_delta: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    unit_cost: Mapped[Decimal] = mapped_column(Cost())
    value: Mapped[Decimal] = mapped_column(Value(), default=Decimal(0))
    quality_from: Mapped[str | None] = mapped_column(String(12))
    quality_to: Mapped[str | None] = mapped_column(String(12))
    user_id: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        Index("ix_stock_movements_org_at", "org_id", "at", "id"),
        Index("ix_stock_movements_product_at", "product_id", "at", "id"),
        Index("ix_stock_movements_lot", "lot_id", "id"),
        Index("ix_stock_movements_document", "document_id"),
    )


class PartIssueTotal(Base):
    """What the journal issued to a part and took back from it, per product and warehouse: the running totals of
    its issue and return movements (issued is the sum of -qty of the issues, returned the sum of qty of the
    returns), kept by the database in the same transaction as the movement (PostgreSQL: the issue procedure and
    erp_apply_movement, db/security.py; SQLite: a trigger, migration 0011). Nobody writes it directly. Per
    warehouse so a row is only ever changed under its stock position's lock (no new lock order). No foreign
    keys, as stock_movements' product and warehouse: the rows come only from movements whose keys were checked."""

    __tablename__ = "part_issue_totals"
    part_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(Integer)
    issued: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    returned: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))


class Reservation(Base):
    __tablename__ = "reservations"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("stock_documents.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    part_id: Mapped[int | None] = mapped_column(ForeignKey("parts.id"))
    order_ref: Mapped[str] = mapped_column(String(100), default="")
    qty: Mapped[Decimal] = mapped_column(Qty())
    status: Mapped[str] = mapped_column(String(12), default="open")  # open, issued, released
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    __table_args__ = (Index("ix_reservations_org_status", "org_id", "status", "id"),)


class ReservationLine(Base):
    """The lot slices a reservation holds (FIFO at the time of reserving)."""

    __tablename__ = "reservation_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    qty: Mapped[Decimal] = mapped_column(Qty())
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)


# --------------------------------------------------------------------------- materials


class Bom(Base):
    """A bill of materials of a product the plant makes, one revision (A, B, ...); one active per product.
    A part keeps the revision it was released with (parts.bom_id)."""

    __tablename__ = "boms"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    revision: Mapped[str] = mapped_column(String(4))
    is_active: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("org_id", "product_id", "revision", name="uq_boms_org_product_revision"),
        Index("ux_boms_one_active", "product_id", unique=True, sqlite_where=text("is_active"),
              postgresql_where=text("is_active")),
    )


class BomLine(Base):
    """A component of a BOM: per unit, fixed per order (set-up), scrap %, made (exploded further) or bought."""

    __tablename__ = "bom_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    bom_id: Mapped[int] = mapped_column(ForeignKey("boms.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    component_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty_per_unit: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    fixed_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    scrap_percent: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    sourcing: Mapped[str] = mapped_column(String(4), default="buy")
    __table_args__ = (
        Index("ix_bom_lines_bom_position", "bom_id", "position", "id"),
        Index("ix_bom_lines_component", "component_id"),
        CheckConstraint("qty_per_unit >= 0 AND fixed_qty >= 0 AND (qty_per_unit > 0 OR fixed_qty > 0)",
                        name="quantities"),
        CheckConstraint("scrap_percent >= 0", name="scrap_non_negative"),  # the upper bound: the service
        CheckConstraint("sourcing IN ('make', 'buy')", name="sourcing_kind"),
    )


APPEND_ONLY_TABLES = ("audit_log", "stock_movements")


# PostgreSQL: names and codes unique whatever their letter case, and scanned lot numbers found through an
# index (migration 0005). SQLite has none of these: see db/text_match.py.
def _folded_index(name: str, table, scope: str | None, column: str, *, unique: bool = True) -> None:
    keys = ([table.c[scope]] if scope else []) + [folded(table.c[column])]
    Index(name, *keys, unique=unique).ddl_if(dialect="postgresql")  # attaches itself to ``table``


_folded_index("ux_users_username_folded", User.__table__, None, "username")
_folded_index("ux_stages_org_code_folded", Stage.__table__, "org_id", "code")
_folded_index("ux_parts_org_code_folded", Part.__table__, "org_id", "code")
_folded_index("ux_products_org_sku_folded", Product.__table__, "org_id", "sku")
_folded_index("ux_warehouses_org_code_folded", Warehouse.__table__, "org_id", "code")
_folded_index("ux_suppliers_org_name_folded", Supplier.__table__, "org_id", "name")
_folded_index("ix_lots_org_number_folded", Lot.__table__, "org_id", "lot_number", unique=False)


# --------------------------------------------------------------------------- purchasing


class SupplierProduct(Base):
    """A supplier's terms for one product: lead time and minimum order quantity."""

    __tablename__ = "supplier_products"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    lead_time_days: Mapped[int] = mapped_column(Integer, default=0)
    min_order_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("supplier_id", "product_id", name="uq_supplier_products_supplier_product"),
        Index("ix_supplier_products_org_product", "org_id", "product_id"),
        CheckConstraint("lead_time_days >= 0 AND lead_time_days <= 3650 AND min_order_qty >= 0", name="terms"),
    )


class PurchasingSettings(Base):
    """The plant's purchasing settings (one row per organisation): the over-receipt tolerance in percent."""

    __tablename__ = "purchasing_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), unique=True)
    over_receipt_pct: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (CheckConstraint("over_receipt_pct >= 0", name="pct_non_negative"),)


class ProductTolerance(Base):
    """A product's own over-receipt tolerance in percent (overrides the plant's)."""

    __tablename__ = "product_tolerances"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), unique=True)
    over_receipt_pct: Mapped[Decimal] = mapped_column(Qty())
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (CheckConstraint("over_receipt_pct >= 0", name="pct_non_negative"),)


class PurchaseOrder(Base):
    __tablename__ = "purchase_orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    number: Mapped[str] = mapped_column(String(30))
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))  # where the goods are delivered
    order_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    notes: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("org_id", "number", name="uq_purchase_orders_org_number"),
        Index("ix_purchase_orders_org_status", "org_id", "status", "id"),
        Index("ix_purchase_orders_supplier", "supplier_id", "order_date"),
        CheckConstraint("status IN ('draft', 'sent', 'partly_received', 'received', 'closed', 'cancelled')",
                        name="status_kind"),
    )


class PurchaseOrderLine(Base):
    """A line of a purchase order. received_qty = its receipts minus its returns (purchase_receipts), kept in the
    same transaction under the line's row lock; never above qty x (1 + tolerance)."""

    __tablename__ = "purchase_order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[Decimal] = mapped_column(Qty())
    unit_price: Mapped[Decimal] = mapped_column(Cost())
    expected_date: Mapped[date] = mapped_column(Date)
    received_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    __table_args__ = (
        Index("ix_purchase_order_lines_order", "order_id", "position"),
        Index("ix_purchase_order_lines_product", "product_id", "expected_date"),
        CheckConstraint("qty > 0 AND unit_price >= 0 AND received_qty >= 0", name="quantities"),
    )


class PurchaseOrderEvent(Base):
    """A purchase order's history: who did what when (created, edited with the changes, sent, received ...)."""

    __tablename__ = "purchase_order_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(30))
    details: Mapped[dict | None] = mapped_column(JSON)


class PurchaseReceipt(Base):
    """Append-only: a lot received against a PO line (kind 'receipt') or sent back to the supplier ('return').
    A lot is received against at most one line and returned at most once."""

    __tablename__ = "purchase_receipts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    org_id: Mapped[int] = mapped_column(Integer)
    line_id: Mapped[int] = mapped_column(ForeignKey("purchase_order_lines.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    kind: Mapped[str] = mapped_column(String(10))
    qty: Mapped[Decimal] = mapped_column(Qty())
    document_id: Mapped[int] = mapped_column(ForeignKey("stock_documents.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        UniqueConstraint("lot_id", "kind", name="uq_purchase_receipts_lot_kind"),
        Index("ix_purchase_receipts_line", "line_id", "id"),
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("kind IN ('receipt', 'return')", name="kind"),
    )
