"""Printed task reports: open tasks and blockers by part and by assignee."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from erp_desktop.printing.report import Report
from erp_desktop.services.tasks import OpenTasksGroup, OpenTasksReport


def _tr(text: str) -> str:
    return QCoreApplication.translate("task_reports", text)


def _group_rows(groups: tuple[OpenTasksGroup, ...]) -> list[list]:
    return [[group.label, group.open_count, group.blocker_count, group.overdue_count] for group in groups]


def open_tasks_report(data: OpenTasksReport, *, organization: str, printed_by: str = "",
                      scope: str = "") -> Report:
    """Summary, the counts by part and by assignee, then every open task (blockers first within a part).
    ``scope`` names a filter the data was made with (e.g. one part) for the subtitle."""
    subtitle = _tr("Open tasks and blockers as of {0}").format(
        data.generated_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    if scope:
        subtitle += f" - {scope}"
    report = Report(_tr("Open tasks and blockers"), organization, subtitle, printed_by, landscape=True,
                    printed_at=None)
    report.add_fields([
        (_tr("Open tasks"), data.open_count),
        (_tr("Blockers"), data.blocker_count),
        (_tr("Overdue"), data.overdue_count),
    ], pairs_per_row=3)
    headers = [_tr("Open"), _tr("Blockers"), _tr("Overdue")]
    totals = [_tr("Total"), data.open_count, data.blocker_count, data.overdue_count]
    report.add_heading(_tr("By part"))
    report.add_table([_tr("Part")] + headers, _group_rows(data.by_part), totals=totals,
                     column_widths=[None, 12, 12, 12])
    report.add_heading(_tr("By assignee"))
    report.add_table([_tr("Assignee")] + headers, _group_rows(data.by_assignee), totals=totals,
                     column_widths=[None, 12, 12, 12])
    report.add_heading(_tr("Open tasks"))
    if data.lines:
        rows = [[
            line.part_code or _tr("no part"),
            f"#{line.id}",
            line.title,
            _tr(line.status.label),
            line.assignee_label or _tr("nobody"),
            _tr(line.category.label),
            line.due_date,
            (_tr("overdue") if line.is_overdue else ""),
            (_tr("BLOCKER") if line.is_blocker else ""),
        ] for line in data.lines]
        report.add_table([_tr("Part"), _tr("No."), _tr("Title"), _tr("Status"), _tr("Assignee"), _tr("Category"),
                          _tr("Due"), "", _tr("Blocks")], rows, align_right={1})
    else:
        report.add_paragraph(_tr("No open tasks."))
    return report
