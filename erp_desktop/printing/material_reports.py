"""Materials reports for print, PDF and preview: the material requisition of a part (lots, quantities, costs,
signature lines), the part's cost sheet, the shortage list of open parts, the BOM indented with cost, and
where-used. Each builder takes the service's DTOs (fetched off the GUI thread) and returns a Report."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from erp_desktop.printing.report import Report
from erp_desktop.printing.stock_reports import kind_label, money
from erp_desktop.printing.values import label_text
from erp_desktop.services.materials.dto import (
    CostSheetDTO,
    ExplosionDTO,
    ReleasePreviewDTO,
    ShortageRow,
    WhereUsedDTO,
)

translate = QCoreApplication.translate
INDENT = "\u00a0\u00a0\u00a0"


def requisition_report(preview: ReleasePreviewDTO, *, part_code: str, part_name: str, warehouse: str,
                       organization: str, printed_by: str = "") -> Report:
    """What the store hands out for a part: per component the lots (reserved first, then FIFO), quantities and
    costs; signature lines for who issues and who receives."""
    report = Report(translate("materials", "Material requisition: {code}").format(code=part_code), organization,
                    subtitle=f"{part_name} \u2014 {warehouse}", printed_by=printed_by, landscape=True)
    report.add_fields([(translate("materials", "Part"), f"{part_code} {part_name}"),
                       (translate("materials", "Warehouse"), warehouse),
                       (translate("materials", "Components"), len(preview.rows)),
                       (translate("materials", "Total value"), money(preview.total_value))], pairs_per_row=2)
    rows = []
    for row in preview.rows:
        if not row.slices:
            rows.append([row.sku, row.name, row.unit.value, row.to_issue, "", None, None, None, row.short or None])
        for n, piece in enumerate(row.slices):
            first = n == 0
            rows.append([row.sku if first else "", row.name if first else "", row.unit.value if first else "",
                         row.to_issue if first else None, piece.lot_number, piece.qty, piece.unit_cost,
                         money(piece.value), (row.short or None) if first else None])
    report.add_table([translate("materials", "SKU"), translate("materials", "Component"),
                      translate("materials", "Unit"), translate("materials", "To issue"),
                      translate("materials", "Lot"), translate("materials", "Quantity"),
                      translate("materials", "Unit cost"), translate("materials", "Value"),
                      translate("materials", "Short")], rows, align_right={3, 5, 6, 7, 8},
                     totals=["", translate("materials", "Total"), "", None, "", None, None,
                             money(preview.total_value), None])
    report.add_signatures([translate("materials", "Issued by (store)"), translate("materials", "Received by"),
                           translate("materials", "Shop foreman")])
    return report


def cost_sheet_report(sheet: CostSheetDTO, *, organization: str, printed_by: str = "") -> Report:
    """Material issued to the part by lot, returns, output lots, and cost per unit against the BOM estimate."""
    report = Report(translate("materials", "Part cost sheet: {code}").format(code=sheet.code), organization,
                    subtitle=sheet.name, printed_by=printed_by, landscape=True)
    report.add_fields([
        (translate("materials", "Planned"), sheet.planned_qty), (translate("materials", "Posted"), sheet.posted_qty),
        (translate("materials", "Issued"), money(sheet.issued_value)),
        (translate("materials", "Returned"), money(sheet.returned_value)),
        (translate("materials", "Material cost"), money(sheet.net_value)),
        (translate("materials", "Carried by output"), money(sheet.output_value)),
        (translate("materials", "Not carried yet"), money(sheet.not_carried)),
        (translate("materials", "Cost per unit"), sheet.actual_unit_cost),
        (translate("materials", "BOM estimate per unit"), sheet.estimate_unit_cost),
    ], pairs_per_row=3)
    headers = [translate("materials", "Date"), translate("materials", "Document"), translate("materials", "Kind"),
               translate("materials", "SKU"), translate("materials", "Product"), translate("materials", "Lot"),
               translate("materials", "Quantity"), translate("materials", "Unit cost"), translate("materials", "Value")]

    def lines(items):
        return [[c.at.date().isoformat(), c.document_number, kind_label(c.kind), c.sku, c.name, c.lot_number, c.qty,
                 c.unit_cost, money(c.value)] for c in items]

    report.add_heading(translate("materials", "Material"))
    report.add_table(headers, lines(sheet.materials), align_right={6, 7, 8},
                     totals=["", "", "", "", translate("materials", "Total"), "", None, None, money(sheet.net_value)])
    report.add_heading(translate("materials", "Output"))
    report.add_table(headers, lines(sheet.outputs), align_right={6, 7, 8},
                     totals=["", "", "", "", translate("materials", "Total"), "", None, None,
                             money(sheet.output_value)])
    return report


def shortage_report(rows: Sequence[ShortageRow], *, organization: str, printed_by: str = "",
                    subtitle: str = "") -> Report:
    """What is missing, for which part, by when (the part's deadline)."""
    report = Report(translate("materials", "Material shortages of open parts"), organization, subtitle=subtitle,
                    printed_by=printed_by, landscape=True)
    if not rows:
        report.add_paragraph(translate("materials", "No open part is short of material."))
        return report
    report.add_table([translate("materials", "Deadline"), translate("materials", "Part"),
                      translate("materials", "SKU"), translate("materials", "Component"),
                      translate("materials", "Unit"), translate("materials", "To issue"),
                      translate("materials", "Reserved"), translate("materials", "Available"),
                      translate("materials", "Short")],
                     [[r.deadline.isoformat() if r.deadline else "", r.code, r.sku, r.name, r.unit.value, r.to_issue,
                       r.reserved, r.available, r.short] for r in rows], align_right={5, 6, 7, 8})
    return report


def bom_report(exploded: ExplosionDTO, *, organization: str, printed_by: str = "") -> Report:
    """The BOM indented level by level for an order size, with the cost rolled up from FIFO lots."""
    report = Report(translate("materials", "Bill of materials: {sku} rev. {revision}").format(
        sku=exploded.sku, revision=exploded.revision), organization, subtitle=exploded.name, printed_by=printed_by,
        landscape=True)
    report.add_fields([(translate("materials", "Order size"), exploded.order_qty),
                       (translate("materials", "Estimated cost"), money(exploded.total_cost)),
                       (translate("materials", "Per unit"), exploded.unit_cost),
                       (translate("materials", "Without a cost"), ", ".join(exploded.unknown_cost) or "-")],
                      pairs_per_row=2)
    report.add_table([translate("materials", "Level"), translate("materials", "SKU"),
                      translate("materials", "Component"), translate("materials", "Make/buy"),
                      translate("materials", "Per unit"), translate("materials", "Fixed"),
                      translate("materials", "Scrap %"), translate("materials", "Required"),
                      translate("materials", "Unit"), translate("materials", "Unit cost"),
                      translate("materials", "Cost")],
                     [[r.level, INDENT * (r.level - 1) + r.sku, r.name, label_text(r.sourcing.label), r.qty_per_unit,
                       r.fixed_qty or None, r.scrap_percent or None, r.required, r.unit.value, r.unit_cost,
                       money(r.cost)] for r in exploded.rows], align_right={0, 4, 5, 6, 7, 9, 10},
                     totals=["", "", translate("materials", "Total"), "", None, None, None, None, "", None,
                             money(exploded.total_cost)])
    return report


def where_used_report(used: WhereUsedDTO, *, organization: str, printed_by: str = "") -> Report:
    report = Report(translate("materials", "Where used: {sku}").format(sku=used.sku), organization,
                    subtitle=used.name, printed_by=printed_by)
    report.add_heading(translate("materials", "Bills of materials"))
    report.add_table([translate("materials", "Level"), translate("materials", "SKU"), translate("materials", "Product"),
                      translate("materials", "Revision"), translate("materials", "Active"),
                      translate("materials", "Per unit")],
                     [[b.level, b.sku, b.name, b.revision, translate("materials", "yes") if b.is_active else "",
                       b.qty_per_unit] for b in used.boms], align_right={0, 5})
    report.add_heading(translate("materials", "Open parts"))
    report.add_table([translate("materials", "Part"), translate("materials", "Name"),
                      translate("materials", "Deadline")],
                     [[p.code, p.name, p.deadline.isoformat() if p.deadline else ""] for p in used.parts])
    return report


