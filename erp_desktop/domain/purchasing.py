"""Purchase orders: their statuses and moves, the over-receipt tolerance and what a receipt may still take.

    draft -> sent -> partly received -> received -> closed
    draft | sent -> cancelled (with a reason; never once anything was received)

Receiving moves a sent order to partly received or received (from what its lines hold); a return to the supplier
reopens a received line (received -> partly received). Closing ends an order that will get no more goods.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from erp_desktop.domain.stock import QTY_QUANTUM, ZERO
from erp_desktop.errors import QT_TRANSLATE_NOOP

PO_PREFIX = "PO"
HUNDRED = Decimal(100)
MAX_TOLERANCE_PCT = HUNDRED


class PoStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    PARTLY_RECEIVED = "partly_received"
    RECEIVED = "received"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return PO_STATUS_LABELS[self]


PO_STATUS_LABELS = {
    PoStatus.DRAFT: QT_TRANSLATE_NOOP("enums", "Draft"),
    PoStatus.SENT: QT_TRANSLATE_NOOP("enums", "Sent"),
    PoStatus.PARTLY_RECEIVED: QT_TRANSLATE_NOOP("enums", "Partly received"),
    PoStatus.RECEIVED: QT_TRANSLATE_NOOP("enums", "Received"),
    PoStatus.CLOSED: QT_TRANSLATE_NOOP("enums", "Closed"),
    PoStatus.CANCELLED: QT_TRANSLATE_NOOP("enums", "Cancelled"),
}
# an order's status as a refusal names it (its stored value: "Purchase order PO-7 is sent; ..."), for lupdate;
# "cancelled" is marked already (domain/tasks.STATUS_WORDS)
PO_STATUS_WORDS = (QT_TRANSLATE_NOOP("errors", "draft"), QT_TRANSLATE_NOOP("errors", "sent"),
                   QT_TRANSLATE_NOOP("errors", "partly_received"), QT_TRANSLATE_NOOP("errors", "received"),
                   QT_TRANSLATE_NOOP("errors", "closed"))


class PoMove(StrEnum):
    SEND = "send"
    CANCEL = "cancel"
    CLOSE = "close"


# move -> the statuses it may start from, and where it leads
PO_MOVES: dict[PoMove, tuple[frozenset[PoStatus], PoStatus]] = {
    PoMove.SEND: (frozenset({PoStatus.DRAFT}), PoStatus.SENT),
    PoMove.CANCEL: (frozenset({PoStatus.DRAFT, PoStatus.SENT}), PoStatus.CANCELLED),
    PoMove.CLOSE: (frozenset({PoStatus.SENT, PoStatus.PARTLY_RECEIVED, PoStatus.RECEIVED}), PoStatus.CLOSED),
}

# an order whose lines may be changed (a draft freely; after sending every change is recorded)
EDITABLE = frozenset({PoStatus.DRAFT, PoStatus.SENT, PoStatus.PARTLY_RECEIVED, PoStatus.RECEIVED})
# an order that goods can be received against
RECEIVABLE = frozenset({PoStatus.SENT, PoStatus.PARTLY_RECEIVED, PoStatus.RECEIVED})
# an order still expecting goods (open POs, late deliveries, supply for what to buy)
OPEN = frozenset({PoStatus.SENT, PoStatus.PARTLY_RECEIVED})


def can_move(move: PoMove, status: PoStatus | str) -> bool:
    return PoStatus(status) in PO_MOVES[move][0]


def po_number(serial: int) -> str:
    return f"{PO_PREFIX}-{serial:06d}"


def receivable_limit(ordered: Decimal, tolerance_pct: Decimal) -> Decimal:
    """The most a line may hold: ordered x (1 + tolerance), rounded down to 0.001 (exact: at 0 % it is the
    ordered quantity itself, never 100.002 of 100)."""
    return (ordered * (HUNDRED + tolerance_pct) / HUNDRED).quantize(QTY_QUANTUM, rounding=ROUND_FLOOR)


def still_open(ordered: Decimal, received: Decimal) -> Decimal:
    """What the supplier still owes on a line (never below zero)."""
    return max(ordered - received, ZERO)


def status_after_receiving(status: PoStatus | str, lines: list[tuple[Decimal, Decimal]]) -> PoStatus:
    """The order's status from its lines' (ordered, received) once goods came in or went back. A closed order
    stays closed; an order with nothing held any more is sent again."""
    status = PoStatus(status)
    if status in (PoStatus.CLOSED, PoStatus.CANCELLED, PoStatus.DRAFT):
        return status
    if lines and all(received >= ordered for ordered, received in lines):
        return PoStatus.RECEIVED
    if any(received > 0 for _, received in lines):
        return PoStatus.PARTLY_RECEIVED
    return PoStatus.SENT
