"""Shared bits of the materials UI: formatting, a report's preview/PDF buttons."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QWidget

from erp_desktop.errors import ErpError
from erp_desktop.ui.errors import show_error
from erp_desktop.ui.print_preview import save_pdf_with_dialog, show_print_preview
from erp_desktop.ui.stock.common import fmt_cost, fmt_value  # noqa: F401 (shared formatting)
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.tables import setup_table

translate = QCoreApplication.translate


def report_buttons(owner: QWidget, build, *, name: str) -> QHBoxLayout:
    """Preview... and Save as PDF... for a report ``build(ready)`` makes off the GUI thread."""
    preview = QPushButton(translate("materials", "Preview..."))
    preview.setObjectName(f"{name}Preview")
    pdf = QPushButton(translate("materials", "Save as PDF..."))
    pdf.setObjectName(f"{name}Pdf")
    preview.clicked.connect(lambda: build(lambda report: show_print_preview(owner, report)))

    def save(report) -> None:
        try:
            save_pdf_with_dialog(owner, report, f"{report.title} {date.today().isoformat()}")
        except ErpError as error:
            show_error(owner, error)

    pdf.clicked.connect(lambda: build(save))
    bar = QHBoxLayout()
    bar.addWidget(preview)
    bar.addWidget(pdf)
    return bar


def materials_table(model, name: str, title: str) -> QTableView:
    """A read-only table of rows with copy, CSV and Excel in its context menu."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    setup_table(table)
    install_table_actions(table, title=title)
    return table
