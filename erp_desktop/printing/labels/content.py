"""What each kind of label says: a title, caption/value lines and the code its barcodes carry.

Builders take the services' DTOs (lot + its product, part, product, warehouse) and return plain Labels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.codes import CodeKind, label_payload
from erp_desktop.printing.stock_reports import quality_label
from erp_desktop.printing.values import format_value


def _tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


@dataclass(frozen=True)
class Label:
    payload: str  # what the Code 128 and the QR code carry, e.g. L000123
    title: str
    lines: tuple[tuple[str, str], ...]  # (caption, value); empty values are left off


def _lines(*pairs: tuple[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple((caption, text) for caption, value in pairs if (text := format_value(value).strip()))


def _qty(qty, unit) -> str:
    return f"{format_value(qty)} {unit.value}"


def lot_label(lot, product=None) -> Label:
    """A lot (LotDTO); ``product`` (ProductDTO) adds grade and size."""
    grade_size = " ".join(x for x in ((product.grade, product.size) if product else ()) if x)
    return Label(label_payload(CodeKind.LOT, lot.id), f"{lot.sku} \u2014 {lot.product_name}", _lines(
        (_tr("Lot"), lot.lot_number),
        (_tr("Grade, size"), grade_size),
        (_tr("Received"), lot.received_at.date() if lot.received_at else None),
        (_tr("Quantity"), _qty(lot.on_hand, lot.unit)),
        (_tr("Quality"), quality_label(lot.quality)),
        (_tr("Certificate"), lot.certificate),
        (_tr("Supplier"), lot.supplier_name),
    ))


def part_label(part) -> Label:
    """A part traveller (PartDTO): it goes with the job through its route."""
    route = " \u2192 ".join(stage.name for stage in part.stages)
    return Label(label_payload(CodeKind.PART, part.id), f"{part.code} \u2014 {part.name}", _lines(
        (_tr("Customer"), part.customer),
        (_tr("Planned"), _tr("{0} pcs").format(format_value(part.planned_qty))),
        (_tr("Deadline"), part.deadline),
        (_tr("Route"), route),
    ))


def product_label(product) -> Label:
    grade_size = " ".join(x for x in (product.grade, product.size) if x)
    return Label(label_payload(CodeKind.PRODUCT, product.id), product.sku, _lines(
        (_tr("Name"), product.name),
        (_tr("Grade, size"), grade_size),
        (_tr("Unit"), product.unit.value),
    ))


def warehouse_label(warehouse) -> Label:
    """A shelf or location label."""
    return Label(label_payload(CodeKind.WAREHOUSE, warehouse.id), warehouse.code, _lines(
        (_tr("Location"), warehouse.name),
    ))
