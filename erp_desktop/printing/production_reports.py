"""The production area's printed documents, built from the services' report DTOs:
the shift report, the parts progress report and a part's route card."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.progress import DeadlineRisk
from erp_desktop.domain.shifts import Shift
from erp_desktop.printing.report import Report
from erp_desktop.services.production_dto import (
    PartDTO,
    PartsProgressReportDTO,
    RouteCardDTO,
    ShiftReportDTO,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("production_reports", text)


def shift_label(shift: Shift | None) -> str:
    if shift is None:
        return _tr("whole day")
    return {Shift.DAY: _tr("day shift"), Shift.NIGHT: _tr("night shift"), Shift.NONE: _tr("no shift")}[Shift(shift)]


def risk_label(risk: DeadlineRisk) -> str:
    return {
        DeadlineRisk.DONE: _tr("Done"),
        DeadlineRisk.LATE: _tr("Late"),
        DeadlineRisk.AT_RISK: _tr("At risk"),
        DeadlineRisk.ON_TRACK: _tr("On track"),
        DeadlineRisk.NO_DEADLINE: _tr("No deadline"),
    }[DeadlineRisk(risk)]


def route_progress_text(part: PartDTO) -> str:
    """'Machining 40, Turning 30, QC 0' (good per route stage)."""
    return ", ".join(f"{stage.name} {stage.good}" for stage in part.stages)


def shift_report(data: ShiftReportDTO, *, organization: str, printed_by: str = "") -> Report:
    """Facts of one date and shift by stage and operator, totals and scrap %, signature lines."""
    when = f"{data.report_date.isoformat()}, {shift_label(data.shift)}"
    report = Report(_tr("Shift report"), organization, subtitle=when, printed_by=printed_by)
    totals = data.totals
    report.add_fields([
        (_tr("Date"), data.report_date),
        (_tr("Shift"), shift_label(data.shift)),
        (_tr("Facts"), totals.count),
        (_tr("Stages worked"), len(data.stages)),
        (_tr("Good"), totals.good),
        (_tr("Scrap"), totals.scrap),
        (_tr("Scrap %"), totals.scrap_pct),
        (_tr("Operators"), len(data.operators)),
    ], pairs_per_row=2)
    if not data.stages:
        report.add_paragraph(_tr("No facts were recorded for this shift."))
    headers = [_tr("Operator"), _tr("Part"), _tr("Part name"), _tr("Facts"), _tr("Good"), _tr("Scrap"),
               _tr("Scrap %")]
    for stage in data.stages:
        report.add_heading(stage.stage_name)
        rows = [[line.operator_name or _tr("(no operator)"), line.part_code, line.part_name, line.fact_count,
                 line.good, line.scrap, line.scrap_pct] for line in stage.lines]
        report.add_table(headers, rows, align_right={3, 4, 5, 6},
                         totals=[_tr("Stage total"), "", "", sum(line.fact_count for line in stage.lines),
                                 stage.good, stage.scrap, stage.scrap_pct])
    if data.operators:
        report.add_heading(_tr("By operator"))
        report.add_table([_tr("Operator"), _tr("Good"), _tr("Scrap"), _tr("Scrap %")],
                         [[o.operator_name or _tr("(no operator)"), o.good, o.scrap, o.scrap_pct]
                          for o in data.operators],
                         align_right={1, 2, 3},
                         totals=[_tr("Total"), totals.good, totals.scrap, totals.scrap_pct])
    report.add_signatures([_tr("Shift foreman"), _tr("Quality inspector"), _tr("Production manager")])
    return report


def parts_progress(data: PartsProgressReportDTO, *, organization: str, printed_by: str = "") -> Report:
    """Active parts with per-stage progress and deadline risk, late ones first."""
    report = Report(_tr("Parts progress"), organization,
                    subtitle=_tr("Active parts on {date}").format(date=data.generated_on.isoformat()),
                    printed_by=printed_by, landscape=True)
    fields = [(_tr("Active parts"), len(data.rows))]
    fields += [(risk_label(risk), count) for risk, count in data.risk_counts]
    report.add_fields(fields, pairs_per_row=3)
    headers = [_tr("Code"), _tr("Name"), _tr("Customer"), _tr("Deadline"), _tr("Days left"), _tr("Planned"),
               _tr("Ready"), _tr("Done %"), _tr("Work %"), _tr("Risk"), _tr("Blocked"), _tr("Good per stage")]
    rows = []
    for row in data.rows:
        part = row.part
        rows.append([part.code, part.name, part.customer, part.deadline, row.days_left, part.planned_qty,
                     part.ready_qty, part.percent_done, row.work_done_pct, risk_label(row.risk),
                     _tr("blocked") if part.has_blocker else "", route_progress_text(part)])
    if rows:
        report.add_table(headers, rows, align_right={4, 5, 6, 7, 8},
                         column_widths=[8, 9, 10, 8.5, 5.5, 6.5, 6, 6, 6, 6.5, 6.5, 21.5],
                         totals=[_tr("Total"), "", "", None, None, sum(r.part.planned_qty for r in data.rows),
                                 sum(r.part.ready_qty for r in data.rows), None, None, "", "", ""])
    else:
        report.add_paragraph(_tr("There are no active parts."))
    report.add_paragraph(_tr("Late: the deadline has passed. At risk: at the pace so far the remaining work "
                             "does not fit in the days left. Work %: all stages' good up to the plan, "
                             "stages weighed equally."))
    return report


def route_card(data: RouteCardDTO, *, printed_by: str = "") -> Report:
    """The part's data and its route with empty cells to sign off each stage by hand."""
    part = data.part
    report = Report(_tr("Route card {code}").format(code=part.code), data.organization,
                    subtitle=f"{part.code} {part.name}", printed_by=printed_by)
    report.add_fields([
        (_tr("Drawing number"), part.code),
        (_tr("Part name"), part.name),
        (_tr("Customer"), part.customer),
        (_tr("Planned quantity"), part.planned_qty),
        (_tr("Deadline"), part.deadline),
        (_tr("Priority"), part.priority),
        (_tr("Status"), part.status.label),
        (_tr("Ready so far"), part.ready_qty),
    ], pairs_per_row=2)
    report.add_heading(_tr("Route"))
    rows = []
    for step in data.steps:
        notes = _tr("per shift and operator") if step.needs_shift else (_tr("quality check") if step.is_qc else "")
        rows.append([step.position, step.name, notes])
    report.add_signoff_table([_tr("No."), _tr("Stage"), _tr("Recording")], rows,
                             blank_headers=[_tr("Good"), _tr("Scrap"), _tr("Operator"), _tr("Signature"),
                                            _tr("Date")],
                             align_right={0},
                             column_widths=[6, 20, 18, 10, 10, 14, 12, 10])
    report.add_paragraph(_tr("Each stage passes on no more good parts than it received from the stage before."))
    report.add_signatures([_tr("Technologist"), _tr("Shop foreman"), _tr("Quality inspector")])
    return report
