"""What each kind of label says: a title, caption/value lines and the code its barcodes carry.

Builders take the services' DTOs (lot + its product, part, product, warehouse) and return plain Labels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.codes import CodeKind, label_payload
from erp_desktop.printing.stock_reports import quality_label
from erp_desktop.printing.values import format_value

translate = QCoreApplication.translate


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
        (translate("labels", "Lot"), lot.lot_number),
        (translate("labels", "Grade, size"), grade_size),
        (translate("labels", "Received"), lot.received_at.date() if lot.received_at else None),
        (translate("labels", "Quantity"), _qty(lot.on_hand, lot.unit)),
        (translate("labels", "Quality"), quality_label(lot.quality)),
        (translate("labels", "Certificate"), lot.certificate),
        (translate("labels", "Supplier"), lot.supplier_name),
    ))


def part_label(part) -> Label:
    """A part traveller (PartDTO): it goes with the job through its route."""
    route = " \u2192 ".join(stage.name for stage in part.stages)
    return Label(label_payload(CodeKind.PART, part.id), f"{part.code} \u2014 {part.name}", _lines(
        (translate("labels", "Customer"), part.customer),
        (translate("labels", "Planned"), translate("labels", "{0} pcs").format(format_value(part.planned_qty))),
        (translate("labels", "Deadline"), part.deadline),
        (translate("labels", "Route"), route),
    ))


def product_label(product) -> Label:
    grade_size = " ".join(x for x in (product.grade, product.size) if x)
    return Label(label_payload(CodeKind.PRODUCT, product.id), product.sku, _lines(
        (translate("labels", "Name"), product.name),
        (translate("labels", "Grade, size"), grade_size),
        (translate("labels", "Unit"), product.unit.value),
    ))


def warehouse_label(warehouse) -> Label:
    """A shelf or location label."""
    return Label(label_payload(CodeKind.WAREHOUSE, warehouse.id), warehouse.code, _lines(
        (translate("labels", "Location"), warehouse.name),
    ))
