"""The journal table: facts newest first in keyset pages, totals of the filter, row updates by id."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal

from erp_desktop.domain.shifts import Shift
from erp_desktop.ui.formatting import fmt_date, fmt_datetime
from erp_desktop.ui.table_model import Column, KeysetTableModel, Page

translate = QCoreApplication.translate


def shift_text(shift: Shift | None) -> str:
    if shift is None:
        return translate("journal", "All shifts")
    return {Shift.DAY: translate("journal", "Day"), Shift.NIGHT: translate("journal", "Night"), Shift.NONE: translate("journal", "No shift")}[Shift(shift)]


@dataclass(frozen=True)
class FactsPage(Page):
    totals: object = None  # FactTotals on the first page
    per_shift: tuple = ()
    part_id: int | None = None  # the part the part filter resolved to
    part_unknown: bool = False  # a part code was typed that matches no part


@dataclass(frozen=True)
class FactFilter:
    """The journal's filter as plain values, read on the GUI thread."""

    date_from: object = None
    date_to: object = None
    shift: Shift | None = None
    stage_id: int | None = None
    operator_id: int | None = None
    part_text: str = ""

    def service_kwargs(self) -> dict:
        return dict(date_from=self.date_from, date_to=self.date_to, shift=self.shift, stage_id=self.stage_id,
                    operator_id=self.operator_id)

    def matches(self, fact, part_id: int | None) -> bool:
        if self.date_from is not None and fact.fact_date < self.date_from:
            return False
        if self.date_to is not None and fact.fact_date > self.date_to:
            return False
        if self.shift is not None and fact.shift != self.shift:
            return False
        if self.stage_id is not None and fact.stage_id != self.stage_id:
            return False
        if self.operator_id is not None and fact.operator_id != self.operator_id:
            return False
        return not (self.part_text and fact.part_id != part_id)


def fact_columns() -> list[Column]:
    return [
        Column(translate("journal", "Date"), lambda f: f.fact_date, text=fmt_date),
        Column(translate("journal", "Shift"), lambda f: f.shift, text=shift_text),
        Column(translate("journal", "Part"), lambda f: f.part_code),
        Column(translate("journal", "Part name"), lambda f: f.part_name),
        Column(translate("journal", "Stage"), lambda f: f.stage_name),
        Column(translate("journal", "Operator"), lambda f: f.operator_name),
        Column(translate("journal", "Good"), lambda f: f.qty_good, align_right=True),
        Column(translate("journal", "Scrap"), lambda f: f.qty_scrap, align_right=True,
               color=lambda f: "#b00020" if f.qty_scrap else None),
        Column(translate("journal", "Comment"), lambda f: f.comment),
        Column(translate("journal", "Recorded by"), lambda f: f.created_by_name),
        Column(translate("journal", "Changed"), lambda f: f.updated_at, text=fmt_datetime),
    ]


class FactsTableModel(KeysetTableModel):
    totals_changed = Signal(object, object)  # FactTotals | None, per-shift subtotals

    def __init__(self, runner, fetch_page, parent=None):
        super().__init__(fact_columns(), runner, fetch_page, parent)
        self.totals = None
        self.per_shift: tuple = ()
        self.part_id: int | None = None
        self.part_unknown = False

    def _arrived(self, generation: int, page) -> None:
        if generation == self._generation and isinstance(page, FactsPage) and page.totals is not None:
            self.part_id, self.part_unknown = page.part_id, page.part_unknown
            self.set_totals(page.totals, page.per_shift)
        super()._arrived(generation, page)

    def set_totals(self, totals, per_shift) -> None:
        self.totals, self.per_shift = totals, tuple(per_shift)
        self.totals_changed.emit(totals, self.per_shift)

    def position_of(self, fact_id: int) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.id == fact_id), None)

    def insert_sorted(self, fact) -> bool:
        """Newest first by (date, id); False when it belongs to a page not loaded yet."""
        key = fact.cursor
        position = next((i for i, row in enumerate(self.rows) if row.cursor < key), len(self.rows))
        if position == len(self.rows) and self.has_more:
            return False
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, fact)
        self._texts.insert(position, self._prepare(fact))
        self.endInsertRows()
        return True

    def remove_row(self, position: int) -> None:
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        del self._texts[position]
        self.endRemoveRows()
