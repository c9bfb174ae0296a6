"""PostgreSQL: the FIFO issue in one round trip, through the procedure erp_issue_stock (migration 0006).

The procedure does what the Python issue does (identity and permission from the session token, the
position lock, then the lots it takes
in FIFO order, the document, movements, totals, audit row), commits, and then sends the change
notification. It writes nothing and returns no document when the issue would be refused; the caller then
runs the Python path, which words the refusal (stock short, unknown part, ended session...).
"""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal

from erp_desktop.db.engine import Database
from erp_desktop.domain.stock import ZERO, DocumentKind, MovementKind, Unit
from erp_desktop.services.actor import Actor
from erp_desktop.services.stock.dto import DocumentDTO, MovementDTO
from erp_desktop.services.uow import NOTIFY_CHANNEL, deliver_locally, run_direct

_ISSUE = "CALL erp_issue_stock($1::text, $2::bigint, $3::bigint, $4::numeric, $5::bigint, $6::text, $7::text)"


def issue_in_one_round_trip(db: Database, actor: Actor, *, product_id: int, warehouse_id: int, qty: Decimal,
                            part_id: int | None, reason: str) -> DocumentDTO | None:
    """The issue's DocumentDTO, committed and notified; or None (nothing written) when the Python path
    has to decide. The document time is the server's clock read under the locks."""
    row = run_direct(db, _ISSUE, (actor.token, product_id, warehouse_id, qty, part_id, reason, NOTIFY_CHANNEL))
    (doc_id, number, at, movement_ids, lot_ids, lot_numbers, takes, unit_costs, values, sku, product_name, unit,
     warehouse_name, _org_id, _user_id) = row
    if doc_id is None:
        return None
    deliver_locally(db, actor.org_id, {"stock": {product_id}})
    at = at.replace(tzinfo=UTC)
    unit = Unit(unit)
    movements = tuple(
        MovementDTO(
            id=movement_id, at=at, kind=MovementKind.ISSUE, document_id=doc_id, document_number=number,
            product_id=product_id, sku=sku, product_name=product_name, unit=unit, warehouse_id=warehouse_id,
            warehouse_name=warehouse_name, lot_id=lot_id, lot_number=lot_number, qty=-take, reserved_delta=ZERO,
            unit_cost=unit_cost, value=value, quality_from=None, quality_to=None, user_id=actor.user_id,
            username=actor.username, reason=reason, part_id=part_id,
        )
        for movement_id, lot_id, lot_number, take, unit_cost, value
        in zip(movement_ids, lot_ids, lot_numbers, takes, unit_costs, values, strict=True)
    )
    return DocumentDTO(doc_id, number, DocumentKind.ISSUE, at, actor.user_id, actor.username, part_id, reason,
                       movements, None)
