"""Stock reports: choose one, set its parameters, then preview, print or save as PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.errors import ErpError
from erp_desktop.printing import save_pdf
from erp_desktop.printing import stock_reports as builders
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.errors import error_text, show_error
from erp_desktop.ui.export import report_sheets, write_csv, write_xlsx
from erp_desktop.ui.formatting import date_edit_format
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.print_preview import (
    announce_saved,
    ask_save_path,
    print_with_dialog,
    save_pdf_with_dialog,
    show_print_preview,
)
from erp_desktop.ui.stock.common import MUTED, WarehouseCombo
from erp_desktop.ui.stock.pickers import ProductField

JOURNAL_LIMIT = 20000

# key: (needs product, needs period, needs as-of date)
REPORTS = {
    "availability": (False, False, False),
    "critical": (False, False, False),
    "stock_card": (True, True, False),
    "valuation": (False, False, True),
    "journal": (False, True, False),
}


class StockReportsView(QWidget):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stockReports")
        self._ctx = ctx
        self.titles = {"availability": self.tr("Availability with FIFO value"), "critical": self.tr("Critical stock"),
                       "stock_card": self.tr("Stock card (running balance)"), "valuation": self.tr("Valuation as of a date"),
                       "journal": self.tr("Movement journal for a period")}
        self.choice = QListWidget()
        self.choice.setObjectName("reportChoice")
        self.choice.addItems(list(self.titles.values()))
        self.choice.setMaximumWidth(260)
        self.product = ProductField(ctx, catalog, object_name="reportProduct")
        self.warehouse = WarehouseCombo(catalog, self.tr("All warehouses"), include_inactive=True)
        self.warehouse.setObjectName("reportWarehouse")
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30))
        self.date_to = QDateEdit(QDate.currentDate())
        self.as_of = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to, self.as_of):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
        self.form = QFormLayout()
        self.form.addRow(self.tr("Product"), self.product)
        self.form.addRow(self.tr("Warehouse"), self.warehouse)
        self.form.addRow(self.tr("From"), self.date_from)
        self.form.addRow(self.tr("To"), self.date_to)
        self.form.addRow(self.tr("As of (end of day)"), self.as_of)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED};")
        self.error = ErrorLabel()
        self.preview_button = QPushButton(self.tr("Preview..."))
        self.preview_button.setObjectName("reportPreview")
        self.print_button = QPushButton(self.tr("Print..."))
        self.pdf_button = QPushButton(self.tr("Save as PDF..."))
        self.pdf_button.setObjectName("reportPdf")
        self.preview_button.clicked.connect(lambda: self.build(self.current_key(), self._preview))
        self.print_button.clicked.connect(lambda: self.build(self.current_key(), lambda r: print_with_dialog(self, r)))
        self.pdf_button.clicked.connect(lambda: self.build(self.current_key(), self._save))
        self.csv_button = QPushButton(self.tr("Export to CSV..."))
        self.csv_button.setObjectName("reportCsv")
        self.xlsx_button = QPushButton(self.tr("Export to Excel..."))
        self.xlsx_button.setObjectName("reportXlsx")
        self.csv_button.clicked.connect(lambda: self.build(self.current_key(), lambda r: self.export(r, ".csv")))
        self.xlsx_button.clicked.connect(lambda: self.build(self.current_key(), lambda r: self.export(r, ".xlsx")))
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.pdf_button, self.csv_button, self.xlsx_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        self.title = QLabel()
        right.addWidget(self.title)
        right.addLayout(self.form)
        right.addWidget(self.hint)
        right.addWidget(self.error)
        right.addLayout(buttons)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.choice)
        layout.addLayout(right, 1)
        self.choice.currentRowChanged.connect(self._chosen)
        self.choice.setCurrentRow(0)

    def current_key(self) -> str:
        return list(self.titles)[max(self.choice.currentRow(), 0)]

    def _chosen(self, _row: int) -> None:
        key = self.current_key()
        product, period, as_of = REPORTS[key]
        self.title.setText(f"<h3>{self.titles[key]}</h3>")
        for widget, visible in ((self.product, product), (self.date_from, period), (self.date_to, period),
                                (self.as_of, as_of)):
            self.form.setRowVisible(widget, visible)
        self.hint.setText({
            "availability": self.tr("Available, reserved and on hand stock with its FIFO value, per product and "
                                    "warehouse; products below their minimum are marked."),
            "critical": self.tr("Products whose available stock is below their minimum level."),
            "stock_card": self.tr("Every movement of one product with the running balance."),
            "valuation": self.tr("Quantity and value per product and warehouse from the journal, as they stood at "
                                 "the end of the chosen day."),
            "journal": self.tr("Every stock movement of the period, oldest first."),
        }[key])
        self.error.clear_message()

    # --- building (data fetched off the GUI thread, the report built on it)
    def build(self, key: str, ready) -> None:
        self.error.clear_message()
        org, who = self._ctx.organization, self._ctx.actor.full_name
        warehouse_id = self.warehouse.currentData()
        warehouse_text = self.warehouse.currentText()
        date_from, date_to = self.date_from.date().toPython(), self.date_to.date().toPython()
        if key == "availability":
            self._ctx.call(stock_service.list_stock, warehouse_id=warehouse_id, owner=self, on_error=self._failed,
                           on_success=lambda rows: ready(builders.availability_report(
                               rows, organization=org, printed_by=who, subtitle=warehouse_text)))
        elif key == "critical":
            self._ctx.call(stock_service.list_critical_stock, warehouse_id=warehouse_id, owner=self,
                           on_error=self._failed, on_success=lambda rows: ready(builders.critical_stock_report(
                               rows, organization=org, printed_by=who, subtitle=warehouse_text)))
        elif key == "stock_card":
            product = self.product.product
            if product is None:
                self.error.show_message(self.tr("Choose the product (scan or type its SKU)."))
                return
            self._ctx.call(stock_service.get_stock_card, product_id=product.id, warehouse_id=warehouse_id,
                           date_from=date_from, date_to=date_to, owner=self, on_error=self._failed,
                           on_success=lambda card: ready(builders.stock_card_report(
                               card, organization=org, printed_by=who)))
        elif key == "valuation":
            as_of = self.as_of.date().toPython()
            self._ctx.call(stock_service.get_valuation, as_of=as_of, warehouse_id=warehouse_id, owner=self,
                           on_error=self._failed, on_success=lambda valuation: ready(builders.valuation_report(
                               valuation, organization=org, printed_by=who, subtitle=warehouse_text)))
        elif key == "journal":
            self._ctx.call(stock_service.get_journal, date_from=date_from, date_to=date_to, warehouse_id=warehouse_id,
                           limit=JOURNAL_LIMIT, owner=self, on_error=self._failed,
                           on_success=lambda rows: ready(builders.movement_journal_report(
                               rows, organization=org, date_from=date_from, date_to=date_to, printed_by=who,
                               truncated=len(rows) >= JOURNAL_LIMIT)))

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def _preview(self, report) -> None:
        show_print_preview(self, report)

    def _save(self, report) -> None:
        try:
            save_pdf_with_dialog(self, report, f"{report.title} {date.today().isoformat()}")
        except ErpError as error:
            show_error(self, error)

    def export(self, report, suffix: str, path: Path | None = None) -> Path | None:
        """The report's tables to a CSV file (for Excel, in the user's format) or an .xlsx workbook (a sheet
        per table); asks where unless ``path`` is given. Says where it saved."""
        if path is None:
            caption, filter_text = ((self.tr("Export to CSV"), self.tr("CSV files (*.csv)")) if suffix == ".csv"
                                    else (self.tr("Export to Excel"), self.tr("Excel workbooks (*.xlsx)")))
            path = ask_save_path(self, caption, f"{report.title} {date.today().isoformat()}", suffix, filter_text)
            if path is None:
                return None
        sheets = report_sheets(report)
        try:
            count = write_csv(path, sheets) if suffix == ".csv" else write_xlsx(path, sheets)
        except ErpError as error:
            show_error(self, error)
            return None
        announce_saved(self, self.tr("{count} rows written to {path}").format(count=count, path=path))
        return path

    def smoke(self, folder: Path) -> list[Path]:
        """Every report into a PDF in ``folder`` (the stock card of the first product with stock)."""
        written: list[Path] = []
        products = self.product._catalog.active_products()
        if products:
            self.product.set_product(products[0])
        self.date_from.setDate(QDate.fromString((date.today() - timedelta(days=365)).isoformat(), "yyyy-MM-dd"))
        for key in REPORTS:
            path = folder / f"{key}.pdf"
            self.build(key, lambda report, p=path: (save_pdf(report, p), written.append(p)))
        missing = [key for key in REPORTS if folder / f"{key}.pdf" not in written]
        if missing:
            raise AssertionError(f"stock reports not written: {', '.join(missing)}; {self.error.text()}")
        return written
