"""PostgreSQL: the FIFO issue in one round trip, through erp_issue_stock_fifo (migration 0002).

The function does what the Python issue does (same locks in the same order, same FIFO, same
document, movements, totals and audit row); it writes nothing and returns no rows when the issue
would be refused, and the caller then runs the Python path, which words the refusal.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import bindparam, text

from erp_desktop.db.types import UtcDateTime
from erp_desktop.domain.stock import ZERO, DocumentKind, MovementKind, Unit
from erp_desktop.services.stock_dto import DocumentDTO, MovementDTO
from erp_desktop.services.uow import NOTIFY_CHANNEL, UnitOfWork

_ISSUE = text(
    "SELECT * FROM erp_issue_stock_fifo(:org_id, :user_id, :product_id, :warehouse_id, CAST(:qty AS numeric), "
    "CAST(:part_id AS bigint), CAST(:reason AS text), CAST(:at AS timestamp), :channel, :notify)"
).bindparams(bindparam("at", type_=UtcDateTime()))


def issue_in_one_round_trip(uow: UnitOfWork, *, product_id: int, warehouse_id: int, qty: Decimal,
                            part_id: int | None, reason: str, at: datetime | None = None) -> DocumentDTO | None:
    """The issue's DocumentDTO, or None (nothing written) when the Python path has to decide.
    Without ``at`` the document time is the server's clock read under the locks."""
    actor = uow.actor
    rows = uow.session.connection().execute(_ISSUE, {
        "org_id": actor.org_id, "user_id": actor.user_id, "product_id": product_id, "warehouse_id": warehouse_id,
        "qty": qty, "part_id": part_id, "reason": reason, "at": at,
        "channel": NOTIFY_CHANNEL, "notify": uow.notification_payload("stock", [product_id]),
    }).all()
    if not rows:
        return None
    doc_id, number, at = rows[0][0], rows[0][1], rows[0][-1].replace(tzinfo=UTC)
    movements = tuple(
        MovementDTO(
            id=movement_id, at=at, kind=MovementKind.ISSUE, document_id=doc_id, document_number=number,
            product_id=product_id, sku=sku, product_name=product_name, unit=Unit(unit), warehouse_id=warehouse_id,
            warehouse_name=warehouse_name, lot_id=lot_id, lot_number=lot_number, qty=lot_qty, reserved_delta=ZERO,
            unit_cost=unit_cost, value=value, quality_from=None, quality_to=None, user_id=actor.user_id,
            username=actor.username, reason=reason, part_id=part_id,
        )
        for (_, _, movement_id, lot_id, lot_number, lot_qty, unit_cost, value, sku, product_name, unit,
             warehouse_name, _) in rows
    )
    uow.changed_and_notified("stock", product_id)
    return DocumentDTO(doc_id, number, DocumentKind.ISSUE, at, actor.user_id, actor.username, part_id, reason,
                       movements, None)
