"""The right-hand panel of the parts view: per-stage figures, the cumulative chart against the plan,
the part's facts and its tasks."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from erp_desktop.printing.values import label_text
from erp_desktop.services.production import parts as parts_service
from erp_desktop.services.tasks import board as tasks_service
from erp_desktop.ui.formatting import fmt_date, fmt_percent
from erp_desktop.ui.production.parts.parts_model import OVERDUE_TEXT, status_text
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, setup_table

SERIES_COLORS = ("#1e88e5", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41", "#3949ab", "#c0ca33", "#d81b60")
RISK_COLORS = {"late": "#b00020", "at_risk": "#e65100", "on_track": "#2e7d32", "done": "#2e7d32"}


@dataclass(frozen=True)
class PartPanelData:
    detail: object  # PartDetailDTO
    tasks: tuple  # TaskCards of the part


def load_part_panel(db, actor, part_id: int) -> PartPanelData:
    """Runs on a worker: the part's detail and its tasks (unfinished and finished)."""
    detail = parts_service.get_part_detail(db, actor, part_id)
    board = tasks_service.list_board(db, actor, part_id=part_id, done_days=None, include_cancelled=True)
    cards = tuple(card for column in board.columns.values() for card in column)
    return PartPanelData(detail, cards)


def _timestamp(day) -> float:
    return datetime.combine(day, time(12), tzinfo=UTC).timestamp()


class PartDetailPanel(QWidget):
    def __init__(self, ctx=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("partDetail")
        self.data: PartPanelData | None = None
        self.header = QLabel(self.tr("Select a part to see its progress."))
        self.header.setObjectName("partDetailHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setStyleSheet("QLabel { background: #ffffff; border: 1px solid #d5d9de; padding: 8px; }")

        self.stages_model = RowsTableModel([
            Column(self.tr("Stage"), lambda s: s.name),
            Column(self.tr("Good"), lambda s: s.good, align_right=True),
            Column(self.tr("Scrap"), lambda s: s.scrap, align_right=True),
            Column(self.tr("Scrap %"), lambda s: s.scrap_pct, text=fmt_percent, align_right=True),
            Column(self.tr("Remaining"), lambda s: s.remaining, align_right=True),
            Column(self.tr("% of plan"), lambda s: s.percent, text=fmt_percent, align_right=True),
        ], self)
        self.stages_table = self._table(self.stages_model, "partStagesTable", self.tr("Part stages"))

        self.facts_model = RowsTableModel([
            Column(self.tr("Date"), lambda f: f.fact_date, text=fmt_date),
            Column(self.tr("Shift"), lambda f: f.shift.value),
            Column(self.tr("Stage"), lambda f: f.stage_name),
            Column(self.tr("Operator"), lambda f: f.operator_name),
            Column(self.tr("Good"), lambda f: f.qty_good, align_right=True),
            Column(self.tr("Scrap"), lambda f: f.qty_scrap, align_right=True),
            Column(self.tr("Comment"), lambda f: f.comment),
        ], self)
        self.facts_table = self._table(self.facts_model, "partFactsTable", self.tr("Part facts"))

        blocker = self.tr("blocker")  # the lambdas below must not hold self
        self.tasks_model = RowsTableModel([
            Column(self.tr("No."), lambda t: t.id, text=lambda v: f"#{v}", align_right=True),
            Column(self.tr("Title"), lambda t: t.title),
            Column(self.tr("Status"), lambda t: label_text(t.status.label)),
            Column(self.tr("Assignee"), lambda t: t.assignee_label),
            Column(self.tr("Due"), lambda t: t.due_date, text=fmt_date,
                   color=lambda t: OVERDUE_TEXT if t.is_overdue else None),
            Column(self.tr("Blocker"), lambda t: t.is_blocker, text=lambda b: blocker if b else "",
                   color=lambda t: OVERDUE_TEXT if t.is_blocker else None),
        ], self)
        self.tasks_table = self._table(self.tasks_model, "partTasksTable", self.tr("Part tasks"))

        self.chart = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.chart.setObjectName("partChart")
        self.chart.setBackground("w")
        self.chart.showGrid(x=True, y=True, alpha=0.25)
        self.chart.setLabel("left", self.tr("Cumulative good"))
        self.chart.setMenuEnabled(False)
        self.legend = self.chart.addLegend(offset=(10, 10))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("partDetailTabs")
        self.tabs.addTab(self.stages_table, self.tr("Stages"))
        self.tabs.addTab(self.chart, self.tr("Chart"))
        self.tabs.addTab(self.facts_table, self.tr("Facts"))
        self.tabs.addTab(self.tasks_table, self.tr("Tasks"))
        self.materials = None
        if ctx is not None:  # the part's material plan and supply actions (ui/materials)
            from erp_desktop.ui.materials.part_materials import PartMaterialsTab

            self.materials = PartMaterialsTab(ctx)
            self.tabs.addTab(self.materials, self.tr("Materials"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.tabs.setEnabled(False)

    @staticmethod
    def _table(model, name: str, title: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        setup_table(table)
        install_table_actions(table, title=title)  # copy, CSV, Excel from the context menu
        return table

    def clear(self) -> None:
        self.data = None
        self.header.setText(self.tr("Select a part to see its progress."))
        for model in (self.stages_model, self.facts_model, self.tasks_model):
            model.set_rows([])
        self.chart.clear()
        if self.materials is not None:
            self.materials.show_part(None)
        self.tabs.setTabText(2, self.tr("Facts"))
        self.tabs.setTabText(3, self.tr("Tasks"))
        self.tabs.setEnabled(False)

    @property
    def part_id(self) -> int | None:
        return self.data.detail.part.id if self.data else None

    def show_data(self, data: PartPanelData) -> None:
        self.data = data
        detail = data.detail
        part = detail.part
        self.tabs.setEnabled(True)
        self.header.setText(self._header_html(detail))
        self.stages_model.set_rows(part.stages)
        self.facts_model.set_rows(detail.facts)
        self.tasks_model.set_rows(data.tasks)
        self.tabs.setTabText(2, self.tr("Facts ({0})").format(len(detail.facts)))
        self.tabs.setTabText(3, self.tr("Tasks ({0})").format(len(data.tasks)))
        for table in (self.stages_table, self.facts_table, self.tasks_table):
            fit_columns(table)
        self._draw_chart(detail)
        if self.materials is not None and self.materials.part_id != part.id:
            self.materials.show_part(part.id)

    def _header_html(self, detail) -> str:
        part = detail.part
        risk_color = RISK_COLORS.get(detail.risk.value, "#37474f")
        deadline = fmt_date(part.deadline) or self.tr("none")
        if part.overdue:
            deadline = f"<span style='color:{OVERDUE_TEXT}; font-weight:600'>{deadline}</span>"
        lines = [
            f"<b style='font-size:13pt'>{html.escape(part.code)}</b> &nbsp; {html.escape(part.name)}",
            self.tr("Customer: {0} &nbsp;&middot;&nbsp; Status: {1} &nbsp;&middot;&nbsp; Priority: {2}").format(
                html.escape(part.customer or "-"), status_text(part.status), part.priority),
            self.tr("Ready {0} of {1} ({2}) &nbsp;&middot;&nbsp; Deadline: {3} &nbsp;&middot;&nbsp; "
               "<span style='color:{4}; font-weight:600'>{5}</span>").format(
                part.ready_qty, part.planned_qty, fmt_percent(part.percent_done), deadline, risk_color,
                label_text(detail.risk.label)),
        ]
        for blocker in detail.blockers:
            lines.append(f"<span style='color:{OVERDUE_TEXT}'>" + self.tr("Blocked by task #{0}: {1}").format(
                blocker.task_id, html.escape(blocker.title)) + "</span>")
        return "<br>".join(lines)

    def _draw_chart(self, detail) -> None:
        self.chart.clear()
        self.legend.clear()
        first, last = detail.first_fact_date, detail.last_fact_date
        for number, series in enumerate(detail.chart):
            if not series.points:
                continue
            xs = [_timestamp(point.fact_date) for point in series.points]
            ys = [point.good for point in series.points]
            color = SERIES_COLORS[number % len(SERIES_COLORS)]
            self.chart.plot(xs, ys, pen=pg.mkPen(color, width=2), symbol="o", symbolSize=5,
                            symbolBrush=color, symbolPen=color, name=series.stage_name)
        plan = pg.InfiniteLine(pos=detail.plan, angle=0,
                               pen=pg.mkPen("#b00020", width=1.5, style=Qt.PenStyle.DashLine),
                               label=self.tr("Plan {0}").format(detail.plan),
                               labelOpts={"position": 0.92, "color": "#b00020", "anchors": [(0, 1), (0, 1)]})
        self.chart.addItem(plan)
        if first is None or last is None:
            first = last = date.today()
        self.chart.setXRange(_timestamp(first) - 43200, _timestamp(last) + 43200, padding=0.02)
        self.chart.setYRange(0, max(detail.plan, max((s.good for s in detail.part.stages), default=0)) * 1.08)
