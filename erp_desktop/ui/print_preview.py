"""Preview, print and save-as-PDF with the usual dialogs, all painting through printing.render. Files are
offered in the user's Documents folder, and the app says where it saved them."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from erp_desktop.errors import ErpError
from erp_desktop.printing import Report, configure_printer, print_report, save_pdf
from erp_desktop.ui.errors import show_error

translate = QCoreApplication.translate


def _printer(report: Report) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, report)
    return printer


def _paint_or_report(parent: QWidget | None, report: Report, printer: QPrinter) -> bool:
    try:
        print_report(report, printer)
    except ErpError as error:
        show_error(parent, error)
        return False
    return True


def preview_dialog(parent: QWidget | None, report: Report) -> QPrintPreviewDialog:
    """The dialog, not yet shown (tests look at it without a modal loop)."""
    printer = _printer(report)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreviewDialog")
    dialog.setWindowTitle(translate("printing", "Print preview: {title}").format(title=report.title))
    dialog.paintRequested.connect(lambda target: _paint_or_report(dialog, report, target))
    dialog._printer = printer  # keep the printer alive as long as the dialog
    return dialog


def show_print_preview(parent: QWidget | None, report: Report) -> None:
    dialog = preview_dialog(parent, report)
    dialog.resize(1000, 800)
    dialog.exec()
    dialog.deleteLater()


def print_with_dialog(parent: QWidget | None, report: Report) -> bool:
    """The system print dialog, then print; False when cancelled or failed."""
    printer = _printer(report)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("printing", "Print: {title}").format(title=report.title))
    accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted and _paint_or_report(parent, report, printer)


def safe_file_name(name: str) -> str:
    """A file name every OS accepts, from a report title."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name).strip(" .")
    return re.sub(r"\s+", " ", cleaned) or "report"


def default_folder() -> str:
    """The user's Documents folder (made if the system names one that does not exist yet), else home."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents:
        try:
            Path(documents).mkdir(parents=True, exist_ok=True)
            return documents
        except OSError:
            pass
    return str(Path.home())


SAVED_MESSAGE_MS = 15000


def announce_saved(widget: QWidget | None, text: str) -> None:
    """Tell the user where a file went: in the main window's status bar (found through the dialogs above
    ``widget``), else in a message box."""
    current = widget
    while current is not None:
        window = current.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, SAVED_MESSAGE_MS)
            return
        current = window.parentWidget()
    QMessageBox.information(widget, translate("printing", "Saved"), text)


def ask_save_path(parent: QWidget | None, caption: str, suggested_name: str, suffix: str, filter_text: str) -> Path | None:
    """QFileDialog.getSaveFileName with a suggested name; the suffix is added if the user left it off."""
    suggested = Path(default_folder()) / f"{safe_file_name(suggested_name)}{suffix}"
    path, _selected = QFileDialog.getSaveFileName(parent, caption, str(suggested), filter_text)
    if not path:
        return None
    path = Path(path)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


def save_pdf_with_dialog(parent: QWidget | None, report: Report, suggested_name: str | None = None) -> Path | None:
    """Ask where to save, write the PDF; returns the path, or None when cancelled or failed."""
    path = ask_save_path(parent, translate("printing", "Save as PDF"), suggested_name or report.title, ".pdf", translate("printing", "PDF files (*.pdf)"))
    if path is None:
        return None
    try:
        save_pdf(report, path)
    except ErpError as error:
        show_error(parent, error)
        return None
    announce_saved(parent, translate("printing", "PDF saved to {path}").format(path=path))
    return path
