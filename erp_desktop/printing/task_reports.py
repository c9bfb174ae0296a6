"""Printed task reports: open tasks and blockers by part and by assignee."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from erp_desktop.printing.report import Report
from erp_desktop.printing.values import label_text
from erp_desktop.services.tasks.board import OpenTasksGroup, OpenTasksReport

translate = QCoreApplication.translate


def _group_rows(groups: tuple[OpenTasksGroup, ...]) -> list[list]:
    return [[group.label, group.open_count, group.blocker_count, group.overdue_count] for group in groups]


def open_tasks_report(data: OpenTasksReport, *, organization: str, printed_by: str = "",
                      scope: str = "") -> Report:
    """Summary, the counts by part and by assignee, then every open task (blockers first within a part).
    ``scope`` names a filter the data was made with (e.g. one part) for the subtitle."""
    subtitle = translate("task_reports", "Open tasks and blockers as of {0}").format(
        data.generated_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    if scope:
        subtitle += f" - {scope}"
    report = Report(translate("task_reports", "Open tasks and blockers"), organization, subtitle, printed_by, landscape=True,
                    printed_at=None)
    report.add_fields([
        (translate("task_reports", "Open tasks"), data.open_count),
        (translate("task_reports", "Blockers"), data.blocker_count),
        (translate("task_reports", "Overdue"), data.overdue_count),
    ], pairs_per_row=3)
    headers = [translate("task_reports", "Open"), translate("task_reports", "Blockers"), translate("task_reports", "Overdue")]
    totals = [translate("task_reports", "Total"), data.open_count, data.blocker_count, data.overdue_count]
    report.add_heading(translate("task_reports", "By part"))
    report.add_table([translate("task_reports", "Part")] + headers, _group_rows(data.by_part), totals=totals,
                     column_widths=[None, 12, 12, 12])
    report.add_heading(translate("task_reports", "By assignee"))
    report.add_table([translate("task_reports", "Assignee")] + headers, _group_rows(data.by_assignee), totals=totals,
                     column_widths=[None, 12, 12, 12])
    report.add_heading(translate("task_reports", "Open tasks"))
    if data.lines:
        rows = [[
            line.part_code or translate("task_reports", "no part"),
            f"#{line.id}",
            line.title,
            label_text(line.status.label),
            line.assignee_label or translate("task_reports", "nobody"),
            label_text(line.category.label),
            line.due_date,
            (translate("task_reports", "overdue") if line.is_overdue else ""),
            (translate("task_reports", "BLOCKER") if line.is_blocker else ""),
        ] for line in data.lines]
        report.add_table([translate("task_reports", "Part"), translate("task_reports", "No."), translate("task_reports", "Title"), translate("task_reports", "Status"), translate("task_reports", "Assignee"), translate("task_reports", "Category"),
                          translate("task_reports", "Due"), "", translate("task_reports", "Blocks")], rows, align_right={1})
    else:
        report.add_paragraph(translate("task_reports", "No open tasks."))
    return report
