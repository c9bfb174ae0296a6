"""Print labels: choose the printer and the label stock (remembered per printer), see the page, then print
at exact size or save as PDF."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.config import data_dir
from erp_desktop.errors import ErpError
from erp_desktop.printing.labels import (
    FORMATS,
    Label,
    configure_label_printer,
    format_by_key,
    print_labels,
    render_page_image,
    save_labels_pdf,
)
from erp_desktop.printing.labels.zpl import labels_zpl
from erp_desktop.ui.errors import show_error
from erp_desktop.ui.print_preview import ask_save_path

PREVIEW_DPI = 203  # what a thermal label printer prints
NO_PRINTER = ""  # settings key for "save as PDF only"


def label_settings() -> QSettings:
    return QSettings(str(data_dir() / "labels.ini"), QSettings.Format.IniFormat)


def _printer_key(name: str) -> str:
    return "format/" + ("".join(c if c.isalnum() else "_" for c in name) or "pdf")


class LabelPrintDialog(QDialog):
    def __init__(self, labels: Sequence[Label], title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("labelPrintDialog")
        self.setWindowTitle(title)
        self.labels = list(labels)
        self.printer = QComboBox()
        self.printer.setObjectName("labelPrinter")
        names = QPrinterInfo.availablePrinterNames()
        for name in names:
            self.printer.addItem(name, name)
        if not names:
            self.printer.addItem(self.tr("(no printer installed: save as PDF)"), NO_PRINTER)
        self.format = QComboBox()
        self.format.setObjectName("labelFormat")
        for fmt in FORMATS:
            self.format.addItem(fmt.title, fmt.key)
        self.page = QSpinBox()
        self.page.setObjectName("labelPage")
        self.preview = QLabel()
        self.preview.setObjectName("labelPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(420, 300)
        self.preview.setStyleSheet("background: #e5e7eb;")
        self.summary = QLabel()
        self.summary.setObjectName("labelSummary")
        form = QFormLayout()
        form.addRow(self.tr("Printer"), self.printer)
        form.addRow(self.tr("Labels"), self.format)
        form.addRow(self.tr("Page"), self.page)
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.setObjectName("printLabels")
        self.print_button.setEnabled(bool(names))
        self.pdf_button = QPushButton(self.tr("Save as PDF..."))
        self.pdf_button.setObjectName("saveLabelsPdf")
        self.preview_button = QPushButton(self.tr("Print preview..."))
        self.preview_button.setObjectName("previewLabels")
        self.zpl_button = QPushButton(self.tr("Save ZPL..."))
        self.zpl_button.setObjectName("saveLabelsZpl")
        self.zpl_button.setToolTip(self.tr("For Zebra label printers: the printer draws the codes itself"))
        for button in (self.print_button, self.pdf_button, self.preview_button, self.zpl_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.print_button.clicked.connect(self.print_now)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.preview_button.clicked.connect(self.show_preview)
        self.zpl_button.clicked.connect(self.save_zpl)
        self.printer.currentIndexChanged.connect(lambda _i: self._printer_chosen())
        self.format.currentIndexChanged.connect(lambda _i: self._format_chosen())
        self.page.valueChanged.connect(lambda _v: self._show_page())
        last = label_settings().value("printer", "")
        if self.printer.findData(last) >= 0:
            self.printer.setCurrentIndex(self.printer.findData(last))
        self._printer_chosen()

    # ------------------------------------------------------------------ choices
    @property
    def label_format(self):
        return format_by_key(self.format.currentData())

    def _printer_chosen(self) -> None:
        key = label_settings().value(_printer_key(self.printer.currentData() or ""), None)
        self.format.blockSignals(True)
        self.format.setCurrentIndex(max(0, self.format.findData(key)))
        self.format.blockSignals(False)
        self._format_chosen(remember=False)

    def _format_chosen(self, remember: bool = True) -> None:
        if remember:
            settings = label_settings()
            settings.setValue(_printer_key(self.printer.currentData() or ""), self.format.currentData())
            settings.setValue("printer", self.printer.currentData() or "")
            settings.sync()
        pages = self.label_format.page_count(len(self.labels))
        self.page.blockSignals(True)
        self.page.setRange(1, pages)
        self.page.setValue(1)
        self.page.blockSignals(False)
        self.page.setEnabled(pages > 1)
        self.zpl_button.setEnabled(self.label_format.is_roll)
        self.summary.setText(self.tr("{0} label(s) on {1} page(s)").format(len(self.labels), pages))
        self._show_page()

    def _show_page(self) -> None:
        image = render_page_image(self.label_format, self.labels, self.page.value() - 1, PREVIEW_DPI)
        pixmap = QPixmap.fromImage(image)
        box = self.preview.size()
        if pixmap.width() > box.width() or pixmap.height() > box.height():
            pixmap = pixmap.scaled(box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pixmap)

    # ------------------------------------------------------------------ output
    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.printer.currentData():
            printer.setPrinterName(self.printer.currentData())
        configure_label_printer(printer, self.label_format)
        return printer

    def print_now(self) -> bool:
        try:
            print_labels(self._printer(), self.label_format, self.labels)
        except ErpError as error:
            show_error(self, error)
            return False
        self.summary.setText(self.tr("Sent {0} label(s) to {1}.").format(len(self.labels), self.printer.currentText()))
        return True

    def save_pdf(self):
        path = ask_save_path(self, self.tr("Save labels as PDF"), self.windowTitle(), ".pdf",
                             self.tr("PDF files (*.pdf)"))
        if path is None:
            return None
        try:
            save_labels_pdf(path, self.label_format, self.labels)
        except ErpError as error:
            show_error(self, error)
            return None
        self.summary.setText(self.tr("Saved {0}.").format(path))
        return path

    def save_zpl(self):
        """The labels as ZPL II for a Zebra printer (rolls only), to copy or send to the printer raw."""
        path = ask_save_path(self, self.tr("Save labels as ZPL"), self.windowTitle(), ".zpl",
                             self.tr("ZPL files (*.zpl)"))
        if path is None:
            return None
        try:
            path.write_text(labels_zpl(self.labels, self.label_format), encoding="utf-8")
        except OSError as error:
            show_error(self, ErpError(self.tr("The file could not be saved: {0}").format(error.strerror or error)))
            return None
        self.summary.setText(self.tr("Saved {0}.").format(path))
        return path

    def preview_dialog(self) -> QPrintPreviewDialog:
        printer = self._printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setObjectName("labelPreviewDialog")
        dialog.paintRequested.connect(lambda target: print_labels(target, self.label_format, self.labels))
        dialog._printer = printer  # keep the printer alive as long as the dialog
        return dialog

    def show_preview(self) -> None:
        dialog = self.preview_dialog()
        dialog.exec()
        dialog.deleteLater()


def selected_rows(view) -> list:
    """The DTOs of every selected row of a view on a RowsTableModel, top to bottom."""
    rows = sorted(index.row() for index in view.selectionModel().selectedRows())
    return [view.model().row_at(row) for row in rows]


def open_label_dialog(parent: QWidget | None, labels: Sequence[Label], title: str) -> LabelPrintDialog:
    dialog = LabelPrintDialog(labels, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
