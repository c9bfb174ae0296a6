"""A part's route card (маршрутная карта) with the columns of ГОСТ 3.1118 (form 1): the operation lines
(service symbol А: shop, section, workplace, operation number, operation code and name, documents) merged with
the equipment lines (Б: equipment, degree of mechanisation, profession, grade, working conditions, workers,
parts per operation, unit of rating, batch size, piece-time coefficient, set-up time, piece time).

What the app keeps fills its columns (operation numbers 005, 010... in steps of five as the standard counts
them, the stage code and name, the batch = the planned quantity, unit of rating 1); the rest is left to the
technologist's pen, as on the printed blank. Under it, the shop's sign-off table (good, scrap, operator,
signature, date per operation) and the ГОСТ title block's signatures.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from erp_desktop.printing.report import Report
from erp_desktop.printing.values import label_text, russian
from erp_desktop.services.production.dto import RouteCardDTO

translate = QCoreApplication.translate

OPERATION_STEP = 5  # operation numbers 005, 010, 015 (ГОСТ 3.1118: numbered in steps of five)


def operation_number(position: int) -> str:
    """The 1-based route position as the standard's operation number: 1 -> '005'."""
    return f"{position * OPERATION_STEP:03d}"


def route_card(data: RouteCardDTO, *, printed_by: str = "") -> Report:
    """The route card of a part, landscape A4."""
    part = data.part
    report = Report(translate("documents", "Route card {code}").format(code=part.code), data.organization,
                    subtitle=f"{part.code} {part.name}", printed_by=printed_by, landscape=True)
    if russian():
        report.add_note("ГОСТ 3.1118-82 Форма 1", right=True)
    report.add_fields([
        (translate("documents", "Organisation"), data.organization),
        (translate("documents", "Drawing number"), part.code),
        (translate("documents", "Part name"), part.name),
        (translate("documents", "Customer"), part.customer),
        (translate("documents", "Batch size"), part.planned_qty),
        (translate("documents", "Deadline"), part.deadline),
        (translate("documents", "Material"), ""),
        (translate("documents", "Status"), label_text(part.status.label)),
    ], pairs_per_row=3)
    headers = [
        translate("documents", "Shop"), translate("documents", "Sect."), translate("documents", "Workpl."),
        translate("documents", "Op."), translate("documents", "Operation code and name"),
        translate("documents", "Documents"), translate("documents", "Equipment code and name"),
        translate("documents", "Mech."), translate("documents", "Prof."), translate("documents", "Grade"),
        translate("documents", "Cond."), translate("documents", "Workers"), translate("documents", "Parts/op."),
        translate("documents", "Rating unit"), translate("documents", "Batch"), translate("documents", "Coef."),
        translate("documents", "Set-up time"), translate("documents", "Piece time"),
    ]
    rows = [[None, None, None, operation_number(step.position), f"{step.code} {step.name}".strip(), None, None,
             None, None, None, None, None, None, 1, part.planned_qty, None, None, None] for step in data.steps]
    report.add_table(headers, rows, align_right={13, 14},
                     column_widths=[4.5, 4, 5, 4.5, 19, 8, 14, 4, 4.5, 4, 4, 4.5, 4.5, 4.5, 5, 4, 5, 5])
    report.add_heading(translate("documents", "Sign-off by operation"))
    signoff = []
    for step in data.steps:
        notes = (translate("documents", "per shift and operator") if step.needs_shift
                 else translate("documents", "quality check") if step.is_qc else "")
        signoff.append([operation_number(step.position), step.name, notes])
    report.add_signoff_table(
        [translate("documents", "Op."), translate("documents", "Operation"), translate("documents", "Recording")],
        signoff,
        blank_headers=[translate("documents", "Good"), translate("documents", "Scrap"),
                       translate("documents", "Operator"), translate("documents", "Signature"),
                       translate("documents", "Date")],
        align_right=set(), column_widths=[6, 22, 18, 9, 9, 14, 12, 10])
    report.add_paragraph(translate("documents", "Each operation passes on no more good parts than it received "
                                                "from the operation before."))
    report.add_signatures([translate("documents", "Developed by"), translate("documents", "Checked by"),
                           translate("documents", "Approved by"), translate("documents", "Standards check")],
                          per_row=4)
    return report
