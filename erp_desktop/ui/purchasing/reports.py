"""Purchasing reports: open orders with late deliveries, supplier performance; preview or PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.errors import ErpError
from erp_desktop.printing import purchasing_reports, save_pdf
from erp_desktop.services import purchasing as purchasing_service
from erp_desktop.ui.errors import error_text, show_error
from erp_desktop.ui.formatting import date_edit_format
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.print_preview import save_pdf_with_dialog, show_print_preview

REPORTS = ("open_orders", "supplier_performance")


class PurchasingReportsView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("purchasingReports")
        self.ctx = ctx
        self.titles = {"open_orders": self.tr("Open orders and late deliveries"),
                       "supplier_performance": self.tr("Supplier on-time and quantity performance")}
        self.choice = QListWidget()
        self.choice.setObjectName("purchasingReportChoice")
        self.choice.addItems(list(self.titles.values()))
        self.choice.setMaximumWidth(300)
        self.choice.setCurrentRow(0)
        self.date_from = QDateEdit(QDate.currentDate().addDays(-180))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
        form = QFormLayout()
        form.addRow(self.tr("Orders from"), self.date_from)
        form.addRow(self.tr("to"), self.date_to)
        self.error = ErrorLabel()
        preview = QPushButton(self.tr("Preview..."))
        preview.setObjectName("purchasingPreview")
        pdf = QPushButton(self.tr("Save as PDF..."))
        preview.clicked.connect(lambda: self.build(self.current_key(), lambda r: show_print_preview(self, r)))
        pdf.clicked.connect(lambda: self.build(self.current_key(), self._save))
        buttons = QHBoxLayout()
        buttons.addWidget(preview)
        buttons.addWidget(pdf)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.error)
        right.addLayout(buttons)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.choice)
        layout.addLayout(right, 1)

    def current_key(self) -> str:
        return REPORTS[max(self.choice.currentRow(), 0)]

    def build(self, key: str, ready) -> None:
        self.error.clear_message()
        org, who = self.ctx.organization, self.ctx.actor.full_name
        if key == "open_orders":
            def with_late(orders):
                self.ctx.call(purchasing_service.list_late_lines, owner=self, on_error=self._failed,
                              on_success=lambda late: ready(purchasing_reports.open_orders_report(
                                  orders, late, organization=org, printed_by=who)))

            self.ctx.call(purchasing_service.list_purchase_orders, open_only=True, owner=self, on_success=with_late,
                          on_error=self._failed)
        else:
            date_from, date_to = self.date_from.date().toPython(), self.date_to.date().toPython()
            subtitle = f"{date_from:%d.%m.%Y} \u2013 {date_to:%d.%m.%Y}"
            self.ctx.call(purchasing_service.supplier_performance, date_from=date_from, date_to=date_to, owner=self,
                          on_error=self._failed, on_success=lambda rows: ready(
                              purchasing_reports.supplier_performance_report(rows, organization=org, printed_by=who,
                                                                             subtitle=subtitle)))

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def _save(self, report) -> None:
        try:
            save_pdf_with_dialog(self, report, f"{report.title} {date.today().isoformat()}")
        except ErpError as error:
            show_error(self, error)

    def smoke(self, folder: Path) -> list[Path]:
        written: list[Path] = []
        self.date_from.setDate(QDate.fromString((date.today() - timedelta(days=365)).isoformat(), "yyyy-MM-dd"))
        for key in REPORTS:
            path = folder / f"{key}.pdf"
            self.build(key, lambda report, p=path: (save_pdf(report, p), written.append(p)))
        return written
