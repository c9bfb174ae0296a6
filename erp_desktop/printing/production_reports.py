"""The production area's printed documents, built from the services' report DTOs:
the shift report and the parts progress report (a part's route card is in printing/documents)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.progress import DeadlineRisk
from erp_desktop.domain.shifts import Shift
from erp_desktop.printing.report import Report
from erp_desktop.services.production.dto import (
    PartDTO,
    PartsProgressReportDTO,
    ShiftReportDTO,
)

translate = QCoreApplication.translate


def shift_label(shift: Shift | None) -> str:
    if shift is None:
        return translate("production_reports", "whole day")
    return {Shift.DAY: translate("production_reports", "day shift"), Shift.NIGHT: translate("production_reports", "night shift"), Shift.NONE: translate("production_reports", "no shift")}[Shift(shift)]


def risk_label(risk: DeadlineRisk) -> str:
    return {
        DeadlineRisk.DONE: translate("production_reports", "Done"),
        DeadlineRisk.LATE: translate("production_reports", "Late"),
        DeadlineRisk.AT_RISK: translate("production_reports", "At risk"),
        DeadlineRisk.ON_TRACK: translate("production_reports", "On track"),
        DeadlineRisk.NO_DEADLINE: translate("production_reports", "No deadline"),
    }[DeadlineRisk(risk)]


def route_progress_text(part: PartDTO) -> str:
    """'Machining 40, Turning 30, QC 0' (good per route stage)."""
    return ", ".join(f"{stage.name} {stage.good}" for stage in part.stages)


def shift_report(data: ShiftReportDTO, *, organization: str, printed_by: str = "") -> Report:
    """Facts of one date and shift by stage and operator, totals and scrap %, signature lines."""
    when = f"{data.report_date.isoformat()}, {shift_label(data.shift)}"
    report = Report(translate("production_reports", "Shift report"), organization, subtitle=when, printed_by=printed_by)
    totals = data.totals
    report.add_fields([
        (translate("production_reports", "Date"), data.report_date),
        (translate("production_reports", "Shift"), shift_label(data.shift)),
        (translate("production_reports", "Facts"), totals.count),
        (translate("production_reports", "Stages worked"), len(data.stages)),
        (translate("production_reports", "Good"), totals.good),
        (translate("production_reports", "Scrap"), totals.scrap),
        (translate("production_reports", "Scrap %"), totals.scrap_pct),
        (translate("production_reports", "Operators"), len(data.operators)),
    ], pairs_per_row=2)
    if not data.stages:
        report.add_paragraph(translate("production_reports", "No facts were recorded for this shift."))
    headers = [translate("production_reports", "Operator"), translate("production_reports", "Part"), translate("production_reports", "Part name"), translate("production_reports", "Facts"), translate("production_reports", "Good"), translate("production_reports", "Scrap"),
               translate("production_reports", "Scrap %")]
    for stage in data.stages:
        report.add_heading(stage.stage_name)
        rows = [[line.operator_name or translate("production_reports", "(no operator)"), line.part_code, line.part_name, line.fact_count,
                 line.good, line.scrap, line.scrap_pct] for line in stage.lines]
        report.add_table(headers, rows, align_right={3, 4, 5, 6},
                         totals=[translate("production_reports", "Stage total"), "", "", sum(line.fact_count for line in stage.lines),
                                 stage.good, stage.scrap, stage.scrap_pct])
    if data.operators:
        report.add_heading(translate("production_reports", "By operator"))
        report.add_table([translate("production_reports", "Operator"), translate("production_reports", "Good"), translate("production_reports", "Scrap"), translate("production_reports", "Scrap %")],
                         [[o.operator_name or translate("production_reports", "(no operator)"), o.good, o.scrap, o.scrap_pct]
                          for o in data.operators],
                         align_right={1, 2, 3},
                         totals=[translate("production_reports", "Total"), totals.good, totals.scrap, totals.scrap_pct])
    report.add_signatures([translate("production_reports", "Shift foreman"), translate("production_reports", "Quality inspector"), translate("production_reports", "Production manager")])
    return report


def parts_progress(data: PartsProgressReportDTO, *, organization: str, printed_by: str = "") -> Report:
    """Active parts with per-stage progress and deadline risk, late ones first."""
    report = Report(translate("production_reports", "Parts progress"), organization,
                    subtitle=translate("production_reports", "Active parts on {date}").format(date=data.generated_on.isoformat()),
                    printed_by=printed_by, landscape=True)
    fields = [(translate("production_reports", "Active parts"), len(data.rows))]
    fields += [(risk_label(risk), count) for risk, count in data.risk_counts]
    report.add_fields(fields, pairs_per_row=3)
    headers = [translate("production_reports", "Code"), translate("production_reports", "Name"), translate("production_reports", "Customer"), translate("production_reports", "Deadline"), translate("production_reports", "Days left"), translate("production_reports", "Planned"),
               translate("production_reports", "Ready"), translate("production_reports", "Done %"), translate("production_reports", "Work %"), translate("production_reports", "Risk"), translate("production_reports", "Blocked"), translate("production_reports", "Good per stage")]
    rows = []
    for row in data.rows:
        part = row.part
        rows.append([part.code, part.name, part.customer, part.deadline, row.days_left, part.planned_qty,
                     part.ready_qty, part.percent_done, row.work_done_pct, risk_label(row.risk),
                     translate("production_reports", "blocked") if part.has_blocker else "", route_progress_text(part)])
    if rows:
        report.add_table(headers, rows, align_right={4, 5, 6, 7, 8},
                         column_widths=[8, 9, 10, 8.5, 5.5, 6.5, 6, 6, 6, 6.5, 6.5, 21.5],
                         totals=[translate("production_reports", "Total"), "", "", None, None, sum(r.part.planned_qty for r in data.rows),
                                 sum(r.part.ready_qty for r in data.rows), None, None, "", "", ""])
    else:
        report.add_paragraph(translate("production_reports", "There are no active parts."))
    report.add_paragraph(translate("production_reports", "Late: the deadline has passed. At risk: at the pace so far the remaining work "
                             "does not fit in the days left. Work %: all stages' good up to the plan, "
                             "stages weighed equally."))
    return report
