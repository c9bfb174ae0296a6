"""The paper forms of stock documents, built from services.stock.get_document_sheet's DTO.

In Russian they follow the unified forms of Goskomstat (постановление от 30.10.97 № 71а): the goods receipt
note М-4 (приходный ордер, OKUD 0315003) for a receipt, the requisition-invoice М-11 (требование-накладная,
OKUD 0315006) for an issue or a transfer: the form's notice and OKUD code, the organisation, the document's
number and date in a header table, the table columns of the real form, signature lines. In English the same
content reads as a receipt note, an issue note or a transfer note.

What the app does not keep (VAT, corresponding accounts, operation codes, insurer) stays as empty cells to
fill in by hand, as on the printed blank. Each lot is its own line: the lot number stands in the form's
"number by the stock card index" column (a lot is what the app keeps a card for).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.stock import DocumentKind, MovementKind, Unit
from erp_desktop.printing.report import Report
from erp_desktop.printing.values import format_value, label_text, local_datetime, russian
from erp_desktop.services.stock.dto import DocumentLineDTO, StockDocumentSheet

translate = QCoreApplication.translate

CENT = Decimal("0.01")
NOTICE = "Утверждена постановлением Госкомстата России от 30.10.97 № 71а"
# OKEI (the all-Russian classifier of units) codes of the app's units
OKEI = {Unit.KG: "166", Unit.M: "006", Unit.PCS: "796", Unit.SHEET: "625", Unit.L: "112"}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def _joined(names) -> str:
    return ", ".join(dict.fromkeys(name for name in names if name))


def _form_top(report: Report, form: str, okud: str, organization: str) -> None:
    """The form's notice (Russian only: the English note is no unified form) and the organisation."""
    if russian():
        report.add_note(f"Типовая межотраслевая форма № {form}\n{NOTICE}", right=True)
        report.add_fields([(translate("documents", "Organisation"), organization),
                           ("Форма по ОКУД", okud)], pairs_per_row=2)
    else:
        report.add_fields([(translate("documents", "Organisation"), organization)])


def _unit_cells(unit: Unit) -> list:
    """The unit's OKEI code (Russian form only) and its name."""
    return ([OKEI.get(unit, "")] if russian() else []) + [label_text(unit.label)]


def _unit_headers() -> list[str]:
    return (([translate("documents", "Unit code (OKEI)")] if russian() else [])
            + [translate("documents", "Unit")])


def _one_unit_total(lines: list[DocumentLineDTO], qty) -> Decimal | None:
    """A quantity total only where every line has the same unit (kilograms and pieces do not add up)."""
    if len({line.movement.unit for line in lines}) != 1:
        return None
    return sum((qty(line) for line in lines), Decimal("0.000"))


def receipt_note(sheet: StockDocumentSheet, *, printed_by: str = "") -> Report:
    """Goods receipt note: М-4 (приходный ордер) in Russian, a receipt note in English."""
    document = sheet.document
    lines = [line for line in sheet.lines if line.movement.kind == MovementKind.RECEIPT]
    title = translate("documents", "Goods receipt note No. {number}").format(number=document.number)
    report = Report(title, sheet.organization, printed_by=printed_by, landscape=True,
                    subtitle=translate("documents", "Receipt of stock from a supplier"))
    _form_top(report, "М-4", "0315003", sheet.organization)
    warehouses = _joined(line.movement.warehouse_name for line in lines)
    suppliers = _joined(line.supplier_name for line in lines)
    report.add_table(
        [translate("documents", "Date"), translate("documents", "Operation code"),
         translate("documents", "Warehouse"), translate("documents", "Supplier"),
         translate("documents", "Insurer"), translate("documents", "Corresponding account"),
         translate("documents", "Accompanying document No.")],
        [[local_datetime(document.at).date(), None, warehouses, suppliers, None, None, document.reason or None]],
        align_right=set(), column_widths=[11, 9, 17, 21, 11, 11, 20])
    rows, total = [], Decimal(0)
    for line in lines:
        m = line.movement
        amount = _cents(m.value)
        total += m.value
        rows.append([m.product_name, m.sku, *_unit_cells(m.unit), m.qty, m.qty, m.unit_cost, amount, None, None,
                     line.certificate or None, m.lot_number])
    qty = _one_unit_total(lines, lambda line: line.movement.qty)
    unit_columns = len(_unit_headers())
    report.add_table(
        [translate("documents", "Item"), translate("documents", "Item No. (SKU)"), *_unit_headers(),
         translate("documents", "Quantity per document"), translate("documents", "Quantity accepted"),
         translate("documents", "Price"), translate("documents", "Amount excl. VAT"),
         translate("documents", "VAT"), translate("documents", "Amount incl. VAT"),
         translate("documents", "Certificate No."), translate("documents", "Lot (stock card No.)")],
        rows,
        align_right={c + unit_columns for c in (2, 3, 4, 5, 6, 7)},
        column_widths=[None, 10] + ([5] if unit_columns == 2 else []) + [9, 8, 8, 7, 8, 6, 7, 10, 10],
        totals=[translate("documents", "Total"), "", *[""] * unit_columns, qty, qty, None, _cents(total),
                None, None, "", ""])
    report.add_paragraph(translate("documents", "Lines: {count}; amount excluding VAT: {amount}.").format(
        count=len(lines), amount=_format_money(total)))
    report.add_signatures([translate("documents", "Received by (storekeeper)"),
                           translate("documents", "Handed over by (supplier, forwarder)")], per_row=2)
    return report


def requisition_invoice(sheet: StockDocumentSheet, *, printed_by: str = "") -> Report:
    """Issue or transfer: М-11 (требование-накладная) in Russian; an issue note or a transfer note in English."""
    document = sheet.document
    transfer = document.kind == DocumentKind.TRANSFER
    out_kind = MovementKind.TRANSFER_OUT if transfer else MovementKind.ISSUE
    lines = [line for line in sheet.lines if line.movement.kind == out_kind and line.movement.qty]
    if transfer:
        title = translate("documents", "Transfer note No. {number}").format(number=document.number)
        subtitle = translate("documents", "Transfer of stock between warehouses")
        receiver = _joined(line.movement.warehouse_name for line in sheet.lines
                           if line.movement.kind == MovementKind.TRANSFER_IN)
    else:
        title = translate("documents", "Issue note No. {number}").format(number=document.number)
        subtitle = translate("documents", "Issue of stock to production")
        receiver = (f"{sheet.part_code} {sheet.part_name}".strip() if sheet.part_code
                    else translate("documents", "Production"))
    report = Report(title, sheet.organization, printed_by=printed_by, landscape=True, subtitle=subtitle)
    _form_top(report, "М-11", "0315006", sheet.organization)
    report.add_table(
        [translate("documents", "Date"), translate("documents", "Operation code"),
         translate("documents", "Sender (warehouse)"), translate("documents", "Receiver"),
         translate("documents", "Corresponding account"), translate("documents", "Output accounting unit")],
        [[local_datetime(document.at).date(), None, _joined(line.movement.warehouse_name for line in lines),
          receiver, None, sheet.part_code or None]],
        align_right=set(), column_widths=[12, 10, 22, 26, 14, 16])
    report.add_fields([
        (translate("documents", "Through"), ""),
        (translate("documents", "Requested by"), sheet.recorded_by),
        (translate("documents", "Authorised by"), ""),
        (translate("documents", "Comment"), document.reason),
    ], pairs_per_row=2)
    rows, total = [], Decimal(0)
    for line in lines:
        m = line.movement
        total += -m.value
        rows.append([None, m.product_name, m.sku, *_unit_cells(m.unit), -m.qty, -m.qty, m.unit_cost,
                     _cents(-m.value), m.lot_number])
    qty = _one_unit_total(lines, lambda line: -line.movement.qty)
    unit_columns = len(_unit_headers())
    report.add_table(
        [translate("documents", "Corr. account"), translate("documents", "Item"),
         translate("documents", "Item No. (SKU)"), *_unit_headers(),
         translate("documents", "Quantity requested"), translate("documents", "Quantity released"),
         translate("documents", "Price"), translate("documents", "Amount excl. VAT"),
         translate("documents", "Lot (stock card No.)")],
        rows,
        align_right={c + unit_columns for c in (3, 4, 5, 6)},
        column_widths=[8, None, 11] + ([6] if unit_columns == 2 else []) + [6, 9, 9, 9, 10, 11],
        totals=["", translate("documents", "Total"), "", *[""] * unit_columns, qty, qty, None, _cents(total), ""])
    report.add_paragraph(translate("documents", "Lines: {count}; amount excluding VAT: {amount}.").format(
        count=len(lines), amount=_format_money(total)))
    report.add_signatures([translate("documents", "Released by"), translate("documents", "Received by")],
                          per_row=2)
    return report


def _format_money(value: Decimal) -> str:
    return format_value(_cents(value))


def stock_document(sheet: StockDocumentSheet, *, printed_by: str = "") -> Report:
    """The form that fits the document: a receipt note for a receipt, else a requisition-invoice."""
    if sheet.document.kind == DocumentKind.RECEIPT:
        return receipt_note(sheet, printed_by=printed_by)
    return requisition_invoice(sheet, printed_by=printed_by)
