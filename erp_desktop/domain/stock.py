"""Stock vocabulary: units, categories, quality statuses, movement and document kinds,
exact quantities and costs, and the wording of stock refusals."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from erp_desktop.domain.inputs import parse_decimal, to_places
from erp_desktop.errors import QT_TRANSLATE_NOOP, Text, ValidationError

QTY_PLACES = 3
COST_PLACES = 4
QTY_QUANTUM = Decimal("0.001")
COST_QUANTUM = Decimal("0.0001")
VALUE_QUANTUM = Decimal("0.0000001")
# SQLite keeps exact decimals as scaled 64-bit integers; these limits keep every sum far inside them
MAX_QTY = Decimal("999999999.999")
MAX_UNIT_COST = Decimal("99999999.9999")
ZERO = Decimal("0.000")
MAX_MOVEMENT_VALUE = Decimal("100000000000")  # 1e11 per line


class Unit(StrEnum):
    KG = "kg"
    M = "m"
    PCS = "pcs"
    SHEET = "sheet"
    L = "l"

    @property
    def label(self) -> str:
        return UNIT_LABELS[self]


UNIT_LABELS = {
    Unit.KG: QT_TRANSLATE_NOOP("enums", "kg"),
    Unit.M: QT_TRANSLATE_NOOP("enums", "m"),
    Unit.PCS: QT_TRANSLATE_NOOP("enums", "pcs"),
    Unit.SHEET: QT_TRANSLATE_NOOP("enums", "sheet"),
    Unit.L: QT_TRANSLATE_NOOP("enums", "l"),
}


class Category(StrEnum):
    METAL = "metal"
    FASTENER = "fastener"
    TOOLING = "tooling"
    CONSUMABLE = "consumable"
    COMPONENT = "component"
    FINISHED = "finished"


class Quality(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    QUARANTINE = "QUARANTINE"


class MovementKind(StrEnum):
    RECEIPT = "receipt"
    ISSUE = "issue"
    ADJUSTMENT = "adjustment"
    TRANSFER_OUT = "transfer_out"
    TRANSFER_IN = "transfer_in"
    RESERVATION = "reservation"
    RELEASE = "release"
    QUALITY = "quality"
    RETURN = "return"  # unused material back from a part into the lot it came from
    OUTPUT = "output"  # a part's finished output received as a lot of the made product


class DocumentKind(StrEnum):
    """One user operation; its number is PREFIX-000123."""

    RECEIPT = "receipt"
    ISSUE = "issue"
    TRANSFER = "transfer"
    ADJUSTMENT = "adjustment"
    QUALITY = "quality"
    RESERVATION = "reservation"
    RELEASE = "release"
    RETURN = "return"
    OUTPUT = "output"
    SUPPLIER_RETURN = "supplier_return"  # goods sent back to their supplier (purchasing)

    @property
    def prefix(self) -> str:
        return DOCUMENT_PREFIXES[self]


DOCUMENT_PREFIXES = {
    DocumentKind.RECEIPT: "RCV",
    DocumentKind.ISSUE: "ISS",
    DocumentKind.TRANSFER: "TRF",
    DocumentKind.ADJUSTMENT: "ADJ",
    DocumentKind.QUALITY: "QC",
    DocumentKind.RESERVATION: "RES",
    DocumentKind.RELEASE: "REL",
    DocumentKind.RETURN: "RET",
    DocumentKind.OUTPUT: "OUT",
    DocumentKind.SUPPLIER_RETURN: "RTN",
}


class ReservationStatus(StrEnum):
    OPEN = "open"
    ISSUED = "issued"
    RELEASED = "released"


def document_number(kind: DocumentKind, serial: int) -> str:
    return f"{kind.prefix}-{serial:06d}"


def _exact(value, *, places: int, field: str, label: str, allow_zero: bool, maximum: Decimal) -> Decimal:
    """Parsed, then the sign and the size checked before any rounding (rounding 40 digits would fail)."""
    exact = parse_decimal(value, field=field, label=label)
    if exact < 0 or (exact == 0 and not allow_zero):
        raise ValidationError(
            (QT_TRANSLATE_NOOP("errors", "The {label} must be zero or more.") if allow_zero
             else QT_TRANSLATE_NOOP("errors", "The {label} must be more than zero.")), label=label, field=field
        )
    if exact > maximum:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The {label} is too large (at most {maximum})."), label=label, maximum=maximum, field=field)
    return to_places(exact, places=places, field=field, label=label)


def exact_qty(value, *, field: str = "qty", label: str = QT_TRANSLATE_NOOP("errors", "quantity"), allow_zero: bool = False) -> Decimal:
    """A quantity as an exact Decimal to 0.001; more than zero unless ``allow_zero``."""
    return _exact(value, places=QTY_PLACES, field=field, label=label, allow_zero=allow_zero, maximum=MAX_QTY)


def exact_cost(value, *, field: str = "unit_cost", label: str = QT_TRANSLATE_NOOP("errors", "unit cost")) -> Decimal:
    """A unit cost as an exact Decimal to 0.0001, zero or more."""
    return _exact(value, places=COST_PLACES, field=field, label=label, allow_zero=True, maximum=MAX_UNIT_COST)


def value_of(qty: Decimal, unit_cost: Decimal) -> Decimal:
    """qty x unit cost, exact at 7 places (0.001 x 0.0001)."""
    return (qty * unit_cost).quantize(VALUE_QUANTUM)


def format_qty(qty: Decimal, unit: str | Unit) -> str:
    return f"{qty.quantize(QTY_QUANTUM):.3f} {Unit(unit).value}"


def quantity_text(qty: Decimal, unit: str | Unit) -> Text:
    """``12.500 kg`` in English; the UI shows the number in the user's format and the unit translated."""
    return Text("{qty} {unit}", qty=qty.quantize(QTY_QUANTUM), unit=Unit(unit))


# a lot's quality and a reservation's status as refusals name them (their stored values), for lupdate
STATUS_WORDS = (QT_TRANSLATE_NOOP("errors", "PENDING"), QT_TRANSLATE_NOOP("errors", "APPROVED"),
                QT_TRANSLATE_NOOP("errors", "REJECTED"), QT_TRANSLATE_NOOP("errors", "QUARANTINE"),
                QT_TRANSLATE_NOOP("errors", "issued"), QT_TRANSLATE_NOOP("errors", "released"))
# the verbs a shortage names ("You asked to issue 5.000 kg"), marked for the UI's translation
SHORTAGE_VERBS = (QT_TRANSLATE_NOOP("errors", "issue"), QT_TRANSLATE_NOOP("errors", "transfer"),
                  QT_TRANSLATE_NOOP("errors", "reserve"))
# a product's category as a refusal names it (its stored value: "not made by the plant (category metal)")
CATEGORY_WORDS = (QT_TRANSLATE_NOOP("errors", "metal"), QT_TRANSLATE_NOOP("errors", "fastener"),
                  QT_TRANSLATE_NOOP("errors", "tooling"), QT_TRANSLATE_NOOP("errors", "consumable"))


def _and_join(items: list[Text]) -> Text:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return Text(QT_TRANSLATE_NOOP("errors", "{first} and {last}"), first=items[0], last=items[1])
    return Text(QT_TRANSLATE_NOOP("errors", "{first}, {second} and {last}"), first=items[0], second=items[1],
                last=items[2])


def shortage_message(
    *,
    requested: Decimal,
    available: Decimal,
    unit: str | Unit,
    product_name: str,
    sku: str,
    warehouse_name: str,
    pending: Decimal = ZERO,
    quarantine: Decimal = ZERO,
    reserved: Decimal = ZERO,
    verb: str = "issue",
) -> Text:
    """What a clerk reads when asking for more than is available, and what is held elsewhere
    (a Text: ``str()`` of it is English, the UI shows it translated)."""
    where = {"product": product_name, "sku": sku, "warehouse": warehouse_name}
    head = (
        Text(QT_TRANSLATE_NOOP("errors", "Only {available} of {product} (SKU {sku}) is available in {warehouse}"),
             available=quantity_text(available, unit), **where)
        if available > 0
        else Text(QT_TRANSLATE_NOOP("errors", "No {product} (SKU {sku}) is available in {warehouse}"), **where)
    )
    held = []
    if pending > 0:
        held.append(Text(QT_TRANSLATE_NOOP("errors", "{qty} more is PENDING"), qty=quantity_text(pending, unit)))
    if quarantine > 0:
        held.append(Text(QT_TRANSLATE_NOOP("errors", "{qty} in QUARANTINE"), qty=quantity_text(quarantine, unit)))
    if reserved > 0:
        held.append(Text(QT_TRANSLATE_NOOP("errors", "{qty} is reserved for other jobs"),
                         qty=quantity_text(reserved, unit)))
    asked = {"verb": verb, "requested": quantity_text(requested, unit)}
    if not held:
        return Text(QT_TRANSLATE_NOOP("errors", "{head}. You asked to {verb} {requested}. Lower the quantity."),
                    head=head, **asked)
    if pending > 0 or quarantine > 0:
        return Text(QT_TRANSLATE_NOOP("errors", "{head}; {held}. You asked to {verb} {requested}. Lower the "
                                                "quantity, or ask quality control to approve pending lots."),
                    head=head, held=_and_join(held), **asked)
    return Text(QT_TRANSLATE_NOOP("errors", "{head}; {held}. You asked to {verb} {requested}. Lower the quantity."),
                head=head, held=_and_join(held), **asked)
