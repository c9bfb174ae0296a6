"""The parts table: columns, server-side sorting keys, pages by offset, row updates by id."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal

from erp_desktop.domain.progress import PartStatus
from erp_desktop.ui.formatting import fmt_date, fmt_percent
from erp_desktop.ui.table_model import Column, KeysetTableModel, Page

OVERDUE_TEXT = "#b00020"
OVERDUE_FILL = "#fdecee"
STATUS_COLORS = {PartStatus.DONE: "#2e7d32", PartStatus.CANCELLED: "#8a8f96", PartStatus.IN_PROGRESS: "#1565c0"}


translate = QCoreApplication.translate


def status_text(status: PartStatus) -> str:
    return {PartStatus.PLANNED: translate("parts", "Planned"), PartStatus.IN_PROGRESS: translate("parts", "In progress"),
            PartStatus.DONE: translate("parts", "Done"), PartStatus.CANCELLED: translate("parts", "Cancelled")}[PartStatus(status)]


@dataclass(frozen=True)
class PartsPage(Page):
    total: int = 0


@dataclass(frozen=True)
class PartColumn:
    column: Column
    sort_key: str | None  # services.parts.SORT_COLUMNS key; None: not sortable


def part_columns() -> list[PartColumn]:
    def overdue_color(part):
        return OVERDUE_TEXT if part.overdue else None

    def overdue_fill(part):
        return OVERDUE_FILL if part.overdue else None

    return [
        PartColumn(Column(translate("parts", "Code"), lambda p: p.code), "code"),
        PartColumn(Column(translate("parts", "Name"), lambda p: p.name), "name"),
        PartColumn(Column(translate("parts", "Customer"), lambda p: p.customer), "customer"),
        PartColumn(Column(translate("parts", "Planned"), lambda p: p.planned_qty, align_right=True), "planned_qty"),
        PartColumn(Column(translate("parts", "Ready"), lambda p: p.ready_qty, align_right=True), "ready_qty"),
        PartColumn(Column(translate("parts", "% done"), lambda p: p.percent_done, text=fmt_percent, align_right=True),
                   "percent_done"),
        PartColumn(Column(translate("parts", "Deadline"), lambda p: p.deadline,
                          text=lambda d: fmt_date(d), color=overdue_color, background=overdue_fill), "deadline"),
        PartColumn(Column(translate("parts", "Status"), lambda p: p.status, text=status_text,
                          color=lambda p: STATUS_COLORS.get(p.status)), "status"),
        PartColumn(Column(translate("parts", "Blocker"), lambda p: p.has_blocker, text=lambda b: translate("parts", "blocked") if b else "",
                          color=lambda p: OVERDUE_TEXT if p.has_blocker else None), None),
        PartColumn(Column(translate("parts", "Route progress"),
                          lambda p: ", ".join(f"{s.name} {s.good}/{p.planned_qty}" for s in p.stages)), None),
    ]


PROGRESS_COLUMN = 9
OVERDUE_LABEL_COLUMN = 6


class PartsTableModel(KeysetTableModel):
    """Sorting asks the view to re-query (``sort_changed``); rows arrive in offset pages."""

    sort_changed = Signal()
    total_changed = Signal(int)

    def __init__(self, runner, fetch_page, parent=None):
        self.part_columns = part_columns()
        super().__init__([c.column for c in self.part_columns], runner, fetch_page, parent)
        self.sort_key = "deadline"
        self.descending = False
        self.total = 0

    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self.part_columns) and self.part_columns[column].sort_key is not None

    def sort_column(self) -> int:
        return next(i for i, c in enumerate(self.part_columns) if c.sort_key == self.sort_key)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not self.sortable(column):
            return
        key, descending = self.part_columns[column].sort_key, order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            self.sort_changed.emit()

    def _arrived(self, generation: int, page) -> None:
        if generation == self._generation and isinstance(page, PartsPage):
            self.total = page.total
            self.total_changed.emit(page.total)
        super()._arrived(generation, page)

    def position_of(self, part_id: int) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.id == part_id), None)

    def remove_row(self, position: int) -> None:
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        del self._texts[position]
        self.endRemoveRows()
