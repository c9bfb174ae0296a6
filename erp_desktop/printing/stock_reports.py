"""Stock reports for print, PDF and preview: availability with FIFO value, critical stock, stock card,
valuation as of a date, movement journal of a period. Each builder takes the service's DTOs (the
caller fetched them off the GUI thread) and returns a Report. Quantities print with their three places,
unit costs with four, values to the cent (summed exactly, rounded once)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.stock import Category, MovementKind, Quality
from erp_desktop.printing.report import Report
from erp_desktop.printing.values import format_date, format_datetime
from erp_desktop.services.stock.dto import CriticalRow, MovementDTO, StockCard, StockRow, Valuation

ZERO_QTY = Decimal("0.000")
ZERO_VALUE = Decimal("0.0000000")
CENT = Decimal("0.01")


def money(value: Decimal | None) -> Decimal | None:
    """Values on paper to the cent (sums are taken exactly first, then rounded once)."""
    return None if value is None else value.quantize(CENT)


def _blank_zero(value: Decimal) -> Decimal | None:
    return value if value else None


translate = QCoreApplication.translate


def quality_label(quality: Quality | str | None) -> str:
    if not quality:
        return ""
    return {
        Quality.APPROVED: translate("stock", "Approved"),
        Quality.PENDING: translate("stock", "Pending"),
        Quality.QUARANTINE: translate("stock", "Quarantine"),
        Quality.REJECTED: translate("stock", "Rejected"),
    }[Quality(quality)]


def kind_label(kind: MovementKind | str) -> str:
    return {
        MovementKind.RECEIPT: translate("stock", "Receipt"),
        MovementKind.ISSUE: translate("stock", "Issue"),
        MovementKind.ADJUSTMENT: translate("stock", "Adjustment"),
        MovementKind.TRANSFER_OUT: translate("stock", "Transfer out"),
        MovementKind.TRANSFER_IN: translate("stock", "Transfer in"),
        MovementKind.RESERVATION: translate("stock", "Reservation"),
        MovementKind.RELEASE: translate("stock", "Release"),
        MovementKind.QUALITY: translate("stock", "Quality change"),
        MovementKind.RETURN: translate("stock", "Return from a part"),
        MovementKind.OUTPUT: translate("stock", "Part output"),
    }[MovementKind(kind)]


def category_label(category: Category | str) -> str:
    return {
        Category.METAL: translate("stock", "Metal"),
        Category.FASTENER: translate("stock", "Fastener"),
        Category.TOOLING: translate("stock", "Tooling"),
        Category.CONSUMABLE: translate("stock", "Consumable"),
        Category.COMPONENT: translate("stock", "Component"),
        Category.FINISHED: translate("stock", "Finished goods"),
    }[Category(category)]


def period_text(date_from: date | None, date_to: date | None) -> str:
    if date_from and date_to:
        return translate("stock", "{start} to {end}").format(start=format_date(date_from), end=format_date(date_to))
    if date_from:
        return translate("stock", "from {start}").format(start=format_date(date_from))
    if date_to:
        return translate("stock", "up to {end}").format(end=format_date(date_to))
    return translate("stock", "all time")


def availability_report(rows: Sequence[StockRow], *, organization: str, printed_by: str = "",
                        subtitle: str = "") -> Report:
    """Available, reserved, on hand and FIFO value per product (and warehouse); below-minimum marked."""
    report = Report(translate("stock", "Stock availability with FIFO value"), organization, subtitle=subtitle,
                    printed_by=printed_by, landscape=True)
    below = [r for r in rows if r.below_minimum]
    total = money(sum((r.fifo_value for r in rows), ZERO_VALUE))
    report.add_fields([(translate("stock", "Rows"), len(rows)), (translate("stock", "Products below minimum"), len({r.product_id for r in below})),
                       (translate("stock", "Total FIFO value"), total)], pairs_per_row=3)
    report.add_table(
        [translate("stock", "SKU"), translate("stock", "Product"), translate("stock", "Warehouse"), translate("stock", "Unit"), translate("stock", "Available"), translate("stock", "Reserved"),
         translate("stock", "On hand"), translate("stock", "Pending"), translate("stock", "Quarantine"), translate("stock", "FIFO value"), translate("stock", "Minimum"), translate("stock", "Below")],
        [[r.sku, r.product_name, r.warehouse_name or translate("stock", "all"), r.unit.value, r.available, _blank_zero(r.reserved),
          r.on_hand, _blank_zero(r.pending), _blank_zero(r.quarantine), money(r.fifo_value),
          _blank_zero(r.min_level), translate("stock", "yes") if r.below_minimum else ""]
         for r in rows],
        align_right={4, 5, 6, 7, 8, 9, 10}, column_widths=[10, None, 9, 4] + [None] * 7 + [5],
        totals=["", translate("stock", "Total"), "", "", None, None, None, None, None, total, None, ""])
    return report


def critical_stock_report(rows: Sequence[CriticalRow], *, organization: str, printed_by: str = "",
                          subtitle: str = "") -> Report:
    """Products whose available stock is below their minimum level, largest shortage first."""
    report = Report(translate("stock", "Critical stock"), organization, subtitle=subtitle, printed_by=printed_by)
    if not rows:
        report.add_paragraph(translate("stock", "No product is below its minimum level."))
        return report
    report.add_paragraph(translate("stock", "{count} product(s) below the minimum level. Pending stock is awaiting quality "
                             "control and becomes available once approved.").format(count=len(rows)))
    report.add_table(
        [translate("stock", "SKU"), translate("stock", "Product"), translate("stock", "Category"), translate("stock", "Unit"), translate("stock", "Minimum"), translate("stock", "Available"),
         translate("stock", "Shortage"), translate("stock", "Pending"), translate("stock", "On hand")],
        [[r.sku, r.product_name, category_label(r.category), r.unit.value, r.min_level, r.available, r.shortage,
          r.pending, r.on_hand] for r in rows],
        align_right={4, 5, 6, 7, 8})
    return report


def stock_card_report(card: StockCard, *, organization: str, printed_by: str = "") -> Report:
    """A product's movements in the period with the running balance (quantity and value)."""
    product = card.product
    report = Report(translate("stock", "Stock card: {sku}").format(sku=product.sku), organization,
                    subtitle=f"{product.name} \u2014 {card.warehouse_name or translate('stock', 'all warehouses')}, "
                             f"{period_text(card.date_from, card.date_to)}",
                    printed_by=printed_by, landscape=True)
    report.add_fields([
        (translate("stock", "Product"), f"{product.sku} {product.name}"), (translate("stock", "Unit"), product.unit.value),
        (translate("stock", "Warehouse"), card.warehouse_name or translate("stock", "all warehouses")),
        (translate("stock", "Period"), period_text(card.date_from, card.date_to)),
        (translate("stock", "Opening balance"), card.opening_qty), (translate("stock", "Opening value"), money(card.opening_value)),
        (translate("stock", "Received"), card.received_qty), (translate("stock", "Issued"), card.issued_qty),
        (translate("stock", "Closing balance"), card.closing_qty), (translate("stock", "Closing value"), money(card.closing_value)),
    ], pairs_per_row=2)
    one_warehouse = card.warehouse_id is not None
    rows = []
    for row in card.rows:
        m = row.movement
        rows.append([m.at, m.document_number, kind_label(m.kind)] + ([] if one_warehouse else [m.warehouse_name]) +
                    [m.lot_number, m.qty if m.qty > 0 else None, -m.qty if m.qty < 0 else None, m.unit_cost,
                     money(m.value), row.balance_qty, money(row.balance_value), m.username, m.reason])
    headers = [translate("stock", "Date"), translate("stock", "Document"), translate("stock", "Kind")] + ([] if one_warehouse else [translate("stock", "Warehouse")]) + [
        translate("stock", "Lot"), translate("stock", "In"), translate("stock", "Out"), translate("stock", "Unit cost"), translate("stock", "Value"), translate("stock", "Balance"), translate("stock", "Balance value"),
        translate("stock", "User"), translate("stock", "Reason")]
    shift = 0 if one_warehouse else 1
    # document and lot numbers never wrap; the reason takes what is left
    widths = [None, 9.5, 6.5] + ([] if one_warehouse else [8]) + [7] + [None] * 6 + [6, 10 - 3 * shift]
    report.add_table(
        headers, rows, align_right={c + shift for c in (4, 5, 6, 7, 8, 9)}, column_widths=widths,
        totals=["", translate("stock", "Closing"), ""] + ([] if one_warehouse else [""]) +
               ["", card.received_qty, card.issued_qty, None, None, card.closing_qty, money(card.closing_value),
                "", ""])
    if card.truncated:
        report.add_paragraph(translate("stock", "Only the first {count} movements are listed; the closing balance covers the "
                                 "whole period. Choose a shorter period to see every movement.")
                             .format(count=len(card.rows)))
    return report


def valuation_report(valuation: Valuation, *, organization: str, printed_by: str = "", subtitle: str = "") -> Report:
    """Quantity and value per product and warehouse from the journal up to the moment, with totals by
    warehouse."""
    as_of = valuation.as_of
    if valuation.as_of_date is not None:  # the day chosen, not the midnight after it that bounds the sums
        title = translate("stock", "Stock valuation at the end of {date}").format(
            date=format_date(valuation.as_of_date))
    else:
        title = translate("stock", "Stock valuation as of {moment}").format(moment=format_datetime(as_of))
    report = Report(title, organization, subtitle=subtitle, printed_by=printed_by, landscape=True)
    by_warehouse: dict[str, Decimal] = defaultdict(lambda: ZERO_VALUE)
    for row in valuation.rows:
        by_warehouse[row.warehouse_name] += row.value
    total = money(valuation.total_value)
    report.add_fields([(translate("stock", "Total value"), total), (translate("stock", "Rows"), len(valuation.rows))], pairs_per_row=2)
    report.add_heading(translate("stock", "By warehouse"))
    report.add_table([translate("stock", "Warehouse"), translate("stock", "Value")],
                     [[name, money(value)] for name, value in sorted(by_warehouse.items())],
                     totals=[translate("stock", "Total"), total], column_widths=[70, 30])
    report.add_heading(translate("stock", "By product"))
    report.add_table(
        [translate("stock", "SKU"), translate("stock", "Product"), translate("stock", "Category"), translate("stock", "Warehouse"), translate("stock", "Unit"), translate("stock", "Quantity"), translate("stock", "Value")],
        [[r.sku, r.product_name, category_label(r.category), r.warehouse_name, r.unit.value, r.qty, money(r.value)]
         for r in valuation.rows],
        align_right={5, 6},
        totals=["", translate("stock", "Total"), "", "", "", None, total])
    return report


def movement_journal_report(movements: Sequence[MovementDTO], *, organization: str, date_from: date | None = None,
                            date_to: date | None = None, printed_by: str = "", subtitle: str = "",
                            truncated: bool = False) -> Report:
    """Every movement of the period, oldest first, with receipts and issues totalled."""
    report = Report(translate("stock", "Stock movement journal"), organization,
                    subtitle=subtitle or period_text(date_from, date_to), printed_by=printed_by, landscape=True)
    received = sum((m.value for m in movements if m.qty > 0), ZERO_VALUE)
    issued = -sum((m.value for m in movements if m.qty < 0), ZERO_VALUE)
    report.add_fields([(translate("stock", "Period"), period_text(date_from, date_to)), (translate("stock", "Movements"), len(movements)),
                       (translate("stock", "Value in"), money(received)), (translate("stock", "Value out"), money(issued))], pairs_per_row=2)
    report.add_table(
        [translate("stock", "Date"), translate("stock", "Document"), translate("stock", "Kind"), translate("stock", "SKU"), translate("stock", "Product"), translate("stock", "Warehouse"), translate("stock", "Lot"),
         translate("stock", "Quantity"), translate("stock", "Unit"), translate("stock", "Unit cost"), translate("stock", "Value"), translate("stock", "User")],
        [[m.at, m.document_number, kind_label(m.kind) + _quality_change(m), m.sku, m.product_name, m.warehouse_name,
          m.lot_number, m.qty if m.qty else (m.reserved_delta or None), m.unit.value, m.unit_cost,
          money(m.value) if m.qty else None, m.username] for m in movements],
        align_right={7, 9, 10}, column_widths=[None, 9, 8, 9, None, 8, 8, None, 4, None, None, 7])
    if truncated:
        report.add_paragraph(translate("stock", "The period holds more movements than one report lists; choose a shorter period."))
    return report


def _quality_change(m: MovementDTO) -> str:
    if m.kind == MovementKind.QUALITY and m.quality_to:
        return f" {quality_label(m.quality_from)} \u2192 {quality_label(m.quality_to)}"
    if m.kind in (MovementKind.RESERVATION, MovementKind.RELEASE):
        return " " + translate("stock", "(reserved)")
    return ""
