"""PostgreSQL: the FIFO issue as one statement in its own transaction, through erp_issue_stock
(migration 0003): one round trip for the whole unit of work.

The function does what the Python issue does (session check, the position lock, then the lots it
takes in FIFO order, the document, movements, totals, audit row and change notification); it writes
nothing and returns no rows when the issue would be refused, and the caller then runs the Python path,
which words the refusal (stock short, unknown part, ended session...).
"""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal

from erp_desktop.db.engine import Database
from erp_desktop.domain.stock import ZERO, DocumentKind, MovementKind, Unit
from erp_desktop.services.actor import Actor
from erp_desktop.services.stock_dto import DocumentDTO, MovementDTO
from erp_desktop.services.uow import NOTIFY_CHANNEL, deliver_locally, notification_payload, run_one_statement

_ISSUE = (
    "SELECT * FROM erp_issue_stock(%(session)s, %(org)s, %(user)s, %(product)s, %(warehouse)s, "
    "%(qty)s::numeric, %(part)s::bigint, %(reason)s::text, %(channel)s, %(notify)s)"
)


def issue_in_one_round_trip(db: Database, actor: Actor, *, product_id: int, warehouse_id: int, qty: Decimal,
                            part_id: int | None, reason: str) -> DocumentDTO | None:
    """The issue's DocumentDTO, committed and notified; or None (nothing written) when the Python path
    has to decide. The document time is the server's clock read under the locks."""
    rows = run_one_statement(db, _ISSUE, {
        "session": actor.session_id, "org": actor.org_id, "user": actor.user_id, "product": product_id,
        "warehouse": warehouse_id, "qty": qty, "part": part_id, "reason": reason, "channel": NOTIFY_CHANNEL,
        "notify": notification_payload(actor.org_id, "stock", [product_id]),
    })
    if not rows:
        return None
    deliver_locally(db, actor.org_id, {"stock": {product_id}})
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
    return DocumentDTO(doc_id, number, DocumentKind.ISSUE, at, actor.user_id, actor.username, part_id, reason,
                       movements, None)
