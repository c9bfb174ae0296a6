"""Purchasing documents and reports: the purchase order for the supplier, the receipt note (goods receipt),
open orders with late deliveries, and supplier on-time and quantity performance. Builders take the services'
DTOs (fetched off the GUI thread) and return a Report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.purchasing import PoStatus
from erp_desktop.printing.report import Report
from erp_desktop.printing.stock_reports import money, quality_label
from erp_desktop.services.purchasing.dto import (
    LateLineDTO,
    PoRowDTO,
    PurchaseOrderDTO,
    ReceiptNoteDTO,
    SupplierPerformanceDTO,
    WhatToBuyDTO,
)

translate = QCoreApplication.translate


def status_label(status: PoStatus | str) -> str:
    return translate("enums", PoStatus(status).label)


def purchase_order_document(order: PurchaseOrderDTO, *, organization: str, printed_by: str = "") -> Report:
    """The purchase order as the supplier receives it (PDF)."""
    report = Report(translate("purchasing", "Purchase order {number}").format(number=order.number), organization,
                    subtitle=status_label(order.status), printed_by=printed_by)
    report.add_fields([
        (translate("purchasing", "Supplier"), order.supplier_name),
        (translate("purchasing", "Contact"), order.supplier_contact),
        (translate("purchasing", "Order date"), order.order_date),
        (translate("purchasing", "Deliver to"), order.warehouse_name),
    ], pairs_per_row=2)
    report.add_table(
        [translate("purchasing", "No."), translate("purchasing", "SKU"), translate("purchasing", "Product"),
         translate("purchasing", "Unit"), translate("purchasing", "Quantity"), translate("purchasing", "Unit price"),
         translate("purchasing", "Amount"), translate("purchasing", "Expected")],
        [[line.position, line.sku, line.product_name, line.unit.value, line.qty, line.unit_price, money(line.value),
          line.expected_date] for line in order.lines],
        align_right={0, 4, 5, 6},
        totals=["", translate("purchasing", "Total"), "", "", None, None, money(order.total), None])
    if order.notes:
        report.add_heading(translate("purchasing", "Notes"))
        report.add_paragraph(order.notes)
    report.add_signatures([translate("purchasing", "Buyer"), translate("purchasing", "Approved by")], per_row=2)
    return report


def receipt_note(note: ReceiptNoteDTO, *, organization: str, printed_by: str = "") -> Report:
    """A goods receipt against a purchase order: the lots, quantities and prices, with signatures."""
    returning = bool(note.lots) and note.lots[0].kind == "return"
    title = (translate("purchasing", "Return to supplier {number}") if returning
             else translate("purchasing", "Goods receipt note {number}")).format(number=note.document.number)
    report = Report(title, organization, printed_by=printed_by)
    report.add_fields([
        (translate("purchasing", "Purchase order"), note.order_number),
        (translate("purchasing", "Supplier"), note.supplier_name),
        (translate("purchasing", "Warehouse"), note.warehouse_name),
        (translate("purchasing", "Date"), note.document.at.astimezone().date()),
        (translate("purchasing", "Recorded by"), note.received_by),
        (translate("purchasing", "Comment"), note.document.reason),
    ], pairs_per_row=2)
    report.add_table(
        [translate("purchasing", "Lot"), translate("purchasing", "SKU"), translate("purchasing", "Product"),
         translate("purchasing", "Unit"), translate("purchasing", "Quantity"), translate("purchasing", "Unit price"),
         translate("purchasing", "Amount"), translate("purchasing", "Certificate"), translate("purchasing", "Quality")],
        [[lot.lot_number, lot.sku, lot.product_name, lot.unit.value, lot.qty, lot.unit_price,
          money(lot.qty * lot.unit_price), lot.certificate, quality_label(lot.quality)] for lot in note.lots],
        align_right={4, 5, 6},
        totals=["", translate("purchasing", "Total"), "", "", None, None, money(note.total), "", ""])
    report.add_signatures([translate("purchasing", "Delivered by"), translate("purchasing", "Received by"),
                           translate("purchasing", "Quality inspector")])
    return report


def open_orders_report(orders: Sequence[PoRowDTO], late: Sequence[LateLineDTO], *, organization: str,
                       printed_by: str = "", today: date | None = None) -> Report:
    """Open purchase orders, then the lines whose delivery is late."""
    today = today or date.today()
    report = Report(translate("purchasing", "Open purchase orders and late deliveries"), organization,
                    subtitle=translate("purchasing", "as of {day}").format(day=today.isoformat()),
                    printed_by=printed_by, landscape=True)
    report.add_table(
        [translate("purchasing", "Order"), translate("purchasing", "Supplier"), translate("purchasing", "Order date"),
         translate("purchasing", "Status"), translate("purchasing", "Lines"), translate("purchasing", "Amount"),
         translate("purchasing", "Next expected"), translate("purchasing", "Late")],
        [[o.number, o.supplier_name, o.order_date, status_label(o.status), o.line_count, money(o.total),
          o.next_expected, translate("purchasing", "yes") if o.late else ""] for o in orders],
        align_right={4, 5},
        totals=["", translate("purchasing", "Total"), None, "", None,
                money(sum((o.total for o in orders), Decimal(0))), None, ""])
    report.add_heading(translate("purchasing", "Late deliveries"))
    if not late:
        report.add_paragraph(translate("purchasing", "No delivery is late."))
        return report
    report.add_table(
        [translate("purchasing", "Order"), translate("purchasing", "Supplier"), translate("purchasing", "SKU"),
         translate("purchasing", "Product"), translate("purchasing", "Ordered"), translate("purchasing", "Received"),
         translate("purchasing", "Still open"), translate("purchasing", "Expected"), translate("purchasing", "Days late")],
        [[x.order_number, x.supplier_name, x.sku, x.product_name, x.qty, x.received_qty, x.open_qty, x.expected_date,
          x.days_late] for x in late],
        align_right={4, 5, 6, 8})
    return report


def supplier_performance_report(rows: Sequence[SupplierPerformanceDTO], *, organization: str, printed_by: str = "",
                                subtitle: str = "") -> Report:
    """Per supplier: lines ordered, received on time, delivered in full, lots returned."""
    report = Report(translate("purchasing", "Supplier on-time and quantity performance"), organization,
                    subtitle=subtitle, printed_by=printed_by)
    report.add_paragraph(translate("purchasing", "On time: the first receipt of a line came by its expected date. "
                                                 "In full: the line received its ordered quantity."))
    report.add_table(
        [translate("purchasing", "Supplier"), translate("purchasing", "Lines"), translate("purchasing", "Received"),
         translate("purchasing", "On time"), translate("purchasing", "On time %"), translate("purchasing", "In full"),
         translate("purchasing", "In full %"), translate("purchasing", "Lots returned")],
        [[r.supplier_name, r.lines, r.lines_received, r.on_time_lines, r.on_time_pct, r.ordered_qty_lines_full,
          r.fill_pct, r.returned_lots] for r in rows],
        align_right={1, 2, 3, 4, 5, 6, 7})
    return report


def what_to_buy_report(result: WhatToBuyDTO, *, organization: str, printed_by: str = "") -> Report:
    """What to buy, per supplier: demand, supply, shortage and the suggested order; then the parts causing each."""
    report = Report(translate("purchasing", "What to buy"), organization,
                    subtitle=translate("purchasing", "as of {day}").format(day=result.as_of.isoformat()),
                    printed_by=printed_by, landscape=True)
    if not result.rows:
        report.add_paragraph(translate("purchasing", "Nothing to buy: stock and open orders cover every need."))
        return report
    no_supplier = translate("purchasing", "(no supplier)")
    suppliers: dict[str, list] = {}
    for row in result.rows:
        suppliers.setdefault(row.supplier_name or no_supplier, []).append(row)
    for name, rows in suppliers.items():
        report.add_heading(name)
        report.add_table(
            [translate("purchasing", "SKU"), translate("purchasing", "Product"), translate("purchasing", "Unit"),
             translate("purchasing", "Parts need"), translate("purchasing", "Min. level"),
             translate("purchasing", "Available"), translate("purchasing", "Pending QC"),
             translate("purchasing", "On order"), translate("purchasing", "Short"),
             translate("purchasing", "Suggested"), translate("purchasing", "Order by")],
            [[r.sku, r.name, r.unit.value, r.parts_demand, r.min_level, r.available, r.pending_qc, r.on_order,
              r.short, r.suggested_qty, r.order_by] for r in rows],
            align_right={3, 4, 5, 6, 7, 8, 9})
    report.add_heading(translate("purchasing", "Parts causing the shortage"))
    names = {r.product_id: r.sku for r in result.rows}
    report.add_table(
        [translate("purchasing", "SKU"), translate("purchasing", "Part"), translate("purchasing", "Deadline"),
         translate("purchasing", "Need"), translate("purchasing", "Covered"), translate("purchasing", "Short")],
        [[names[pid], p.code, p.deadline, p.qty, p.covered, p.short]
         for pid, (parts, _orders) in result.pegging if pid in names for p in parts],
        align_right={3, 4, 5})
    return report
