"""File > Import...: pick a file and say what each sheet holds, map its columns (remembered per kind), check it
(the dry run lists every bad cell and what would change), then import, with progress, cancellable.

Reading, checking and importing run on the runner: the window stays responsive; Cancel stops the check or the
import between batches (the import's transaction is rolled back: nothing is written).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.config import data_dir
from erp_desktop.paths import resources_dir
from erp_desktop.printing.values import label_text
from erp_desktop.services import imports
from erp_desktop.services.imports import ImportCancelled, ImportKind, ImportRefused, Section
from erp_desktop.ui.context import UiContext
from erp_desktop.ui.errors import user_text
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, setup_table

NOT_IN_FILE = -1


def import_settings() -> QSettings:
    return QSettings(str(data_dir() / "imports.ini"), QSettings.Format.IniFormat)


def allowed_kinds(actor) -> list[ImportKind]:
    return [kind for kind in ImportKind if actor.can(kind.op)]


def may_import(actor) -> bool:
    return bool(allowed_kinds(actor))


class _Progress(QObject):
    """Progress from the worker thread, delivered on the GUI thread (a queued signal)."""

    moved = Signal(int, int)


class ImportDialog(QDialog):
    finished_import = Signal(object)  # the ImportReport of a written import

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import"))
        self.resize(900, 600)
        self.ctx = ctx
        self.file: imports.ImportFile | None = None
        self.report: imports.ImportReport | None = None
        self.written: imports.ImportReport | None = None
        self._cancel = threading.Event()
        self._busy = False
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._check_page())

        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.back_button = QPushButton(self.tr("< &Back"))
        self.back_button.setObjectName("importBack")
        self.next_button = QPushButton(self.tr("&Next >"))
        self.next_button.setObjectName("importNext")
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("importRun")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("importCancel")
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch()
        for button in (self.back_button, self.next_button, self.import_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._update_buttons()

    # ------------------------------------------------------------------ pages

    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setReadOnly(True)
        browse = QPushButton(self.tr("&Choose file..."))
        browse.setObjectName("importBrowse")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.sheets = QTableWidget(0, 3)
        self.sheets.setObjectName("importSheets")
        self.sheets.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Rows"), self.tr("Holds")])
        self.sheets.horizontalHeader().setStretchLastSection(True)
        self.sheets.verticalHeader().hide()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("A CSV file (UTF-8 or Windows-1251, comma or semicolon) or an Excel workbook "
                                        "(.xlsx); in a workbook, one sheet per kind of data.")))
        layout.addLayout(row)
        layout.addWidget(self.sheets, 1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.mapping_tabs = QTabWidget()
        self.mapping_tabs.setObjectName("importMapping")
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Choose the column of the file for each field (* required). The choice is "
                                        "remembered for the next file of the same kind.")))
        layout.addWidget(self.mapping_tabs, 1)
        self._combos: list[tuple[int, ImportKind, dict[str, QComboBox]]] = []
        return page

    def _check_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.errors_model = RowsTableModel([
            Column(self.tr("Sheet"), lambda e: e.sheet),
            Column(self.tr("Row"), lambda e: e.row, align_right=True),
            Column(self.tr("Column"), lambda e: e.column),
            Column(self.tr("Value"), lambda e: e.value),
            Column(self.tr("What is wrong"), lambda e: e.message, text=user_text),
        ], self)
        self.errors_view = setup_table(QTableView())
        self.errors_view.setObjectName("importErrors")
        self.errors_view.setModel(self.errors_model)
        self.rows_model = RowsTableModel([
            Column(self.tr("Sheet"), lambda r: r.sheet),
            Column(self.tr("Row"), lambda r: r.row, align_right=True),
            Column(self.tr("Kind"), lambda r: r.kind, text=lambda k: label_text(k.label)),
            Column(self.tr("Code"), lambda r: r.key),
            Column(self.tr("Action"), lambda r: r.action, text=lambda a: label_text(a.label)),
            Column(self.tr("Changes"), lambda r: r.changes, text=self._changes_text),
        ], self)
        self.rows_view = setup_table(QTableView())
        self.rows_view.setObjectName("importRows")
        self.rows_view.setModel(self.rows_model)
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(self.errors_view)
        split.addWidget(self.rows_view)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        return page

    def _changes_text(self, changes) -> str:
        return "; ".join(self.tr("{0}: {1} -> {2}").format(label_text(c.field), c.before, c.after) for c in changes)

    # ------------------------------------------------------------------ step 1: the file

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import file"), "",
                                              self.tr("CSV and Excel files (*.csv *.txt *.xlsx)"))
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        self.path.setText(path)
        self._start(self.tr("Reading the file..."))
        self.ctx.runner.submit(lambda: imports.read_file(path), self._file_read, self._failed, owner=self)

    def _file_read(self, file: imports.ImportFile) -> None:
        self._stop("")
        self.file = file
        kinds = allowed_kinds(self.ctx.actor)
        self.sheets.setRowCount(len(file.sheets))
        for row, sheet in enumerate(file.sheets):
            self.sheets.setItem(row, 0, QTableWidgetItem(sheet.name))
            self.sheets.setItem(row, 1, QTableWidgetItem(str(len(sheet.rows))))
            combo = QComboBox()
            combo.setObjectName(f"sheetKind{row}")
            combo.addItem(self.tr("(do not import)"), None)
            for kind in kinds:
                combo.addItem(label_text(kind.label), kind.value)
            guessed = imports.guess_kind(sheet.name, sheet.headers)
            if guessed is None and len(file.sheets) == 1:
                guessed = self._remembered_kind()
            if guessed in kinds:
                combo.setCurrentIndex(combo.findData(guessed.value))
            combo.currentIndexChanged.connect(self._update_buttons)
            self.sheets.setCellWidget(row, 2, combo)
        self.sheets.resizeColumnsToContents()
        details = [self.tr("{0} sheet(s)").format(len(file.sheets))]
        if file.encoding:
            details.append(self.tr("encoding {0}, separator \"{1}\"").format(file.encoding, file.delimiter))
        self.status.setText(", ".join(details))
        self._update_buttons()

    def _remembered_kind(self) -> ImportKind | None:
        value = import_settings().value("last_kind", "")
        return ImportKind(value) if value in set(ImportKind) else None

    def sheet_kinds(self) -> list[tuple[int, ImportKind]]:
        chosen = []
        for row in range(self.sheets.rowCount()):
            kind = self.sheets.cellWidget(row, 2).currentData()
            if kind:
                chosen.append((row, ImportKind(kind)))
        return chosen

    def set_sheet_kind(self, row: int, kind: ImportKind | None) -> None:
        combo = self.sheets.cellWidget(row, 2)
        combo.setCurrentIndex(combo.findData(kind.value if kind else None))

    # ------------------------------------------------------------------ step 2: the columns

    def _build_mapping(self) -> None:
        self.mapping_tabs.clear()
        self._combos = []
        settings = import_settings()
        for row, kind in self.sheet_kinds():
            sheet = self.file.sheets[row]
            remembered = {f.name: str(settings.value(f"{kind.value}/{f.name}", "")) for f in imports.FIELDS[kind]}
            guessed = imports.guess_mapping(kind, sheet.headers, remembered)
            tab = QWidget()
            form = QFormLayout(tab)
            combos = {}
            for field in imports.FIELDS[kind]:
                combo = QComboBox()
                combo.setObjectName(f"map_{row}_{field.name}")
                combo.addItem(self.tr("(not in the file)"), NOT_IN_FILE)
                for index, header in enumerate(sheet.headers):
                    combo.addItem(header or self.tr("column {0}").format(index + 1), index)
                combo.setCurrentIndex(combo.findData(guessed.get(field.name, NOT_IN_FILE)))
                form.addRow(label_text(field.label) + (" *" if field.required else ""), combo)
                combos[field.name] = combo
            self._combos.append((row, kind, combos))
            self.mapping_tabs.addTab(tab, f"{sheet.name}: {label_text(kind.label)}")

    def sections(self) -> list[Section]:
        sections = []
        for row, kind, combos in self._combos:
            mapping = {name: combo.currentData() for name, combo in combos.items()
                       if combo.currentData() != NOT_IN_FILE}
            sections.append(Section(kind, self.file.sheets[row], mapping))
        return sections

    def _remember_mapping(self) -> None:
        settings = import_settings()
        for row, kind, combos in self._combos:
            headers = self.file.sheets[row].headers
            for name, combo in combos.items():
                index = combo.currentData()
                settings.setValue(f"{kind.value}/{name}", headers[index] if index != NOT_IN_FILE else "")
            settings.setValue("last_kind", kind.value)

    # ------------------------------------------------------------------ step 3: check and import

    def check(self) -> None:
        self._remember_mapping()
        sections = self.sections()
        self.report = None
        self._start(self.tr("Checking the file..."))
        progress, cancel = self._progress.moved.emit, self._cancel.is_set
        self.ctx.call(imports.dry_run, sections, progress=progress, cancelled=cancel, on_success=self._checked,
                      on_error=self._failed, owner=self)

    def _checked(self, report: imports.ImportReport) -> None:
        self._stop("")
        self.report = report
        self._show_report(report)
        self._update_buttons()

    def _show_report(self, report: imports.ImportReport) -> None:
        self.errors_model.set_rows(report.errors)
        self.rows_model.set_rows(report.rows)
        self.errors_view.setVisible(bool(report.errors))
        fit_columns(self.errors_view)
        fit_columns(self.rows_view)
        counts = "; ".join(self.tr("{0}: {1} new, {2} changed, {3} unchanged").format(
            label_text(c.kind.label), c.created, c.updated, c.unchanged) for c in report.counts)
        if report.written:
            head = self.tr("Imported.")
            if report.documents:
                head += " " + self.tr("Receipt documents: {0}.").format(", ".join(report.documents[:5]) +
                                                                       (" ..." if len(report.documents) > 5 else ""))
        elif report.errors:
            head = self.tr("{0} error(s) found; nothing can be imported until they are corrected in the file.").format(
                len(report.errors))
        elif report.changes_anything:
            head = self.tr("No errors. Nothing has been written yet: press Import.")
        else:
            head = self.tr("No errors, and nothing to change: everything in the file is already recorded.")
        self.summary.setText(f"{head}\n{counts}")

    def run_import(self) -> None:
        if self.report is None or not self.report.ok:
            return
        sections, source = self.sections(), self.path.text()
        self._start(self.tr("Importing..."))
        progress, cancel = self._progress.moved.emit, self._cancel.is_set
        self.ctx.call(imports.run_import, sections, source=source, progress=progress, cancelled=cancel,
                      on_success=self._imported, on_error=self._failed, write=True, owner=self)

    def _imported(self, report: imports.ImportReport) -> None:
        self._stop("")
        self.written = report
        self.report = report
        self._show_report(report)
        self._update_buttons()
        self.finished_import.emit(report)

    def _failed(self, error: Exception) -> None:
        self._stop("")
        if isinstance(error, ImportRefused):  # changed since the check: show the new findings
            self._checked(error.report)
        elif isinstance(error, ImportCancelled):
            self.status.setText(user_text(error.text))
        else:
            raise error  # the runner's default channel shows it
        self._update_buttons()

    # ------------------------------------------------------------------ navigation and state

    def back(self) -> None:
        self.pages.setCurrentIndex(max(0, self.pages.currentIndex() - 1))
        self._update_buttons()

    def next(self) -> None:
        page = self.pages.currentIndex()
        if page == 0:
            self._build_mapping()
        self.pages.setCurrentIndex(page + 1)
        if page == 1:
            self.check()
        self._update_buttons()

    def cancel(self) -> None:
        if self._busy:
            self._cancel.set()
            self.status.setText(self.tr("Cancelling..."))
            return
        self.reject()

    def _start(self, text: str) -> None:
        self._busy = True
        self._cancel.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(text)
        self._update_buttons()

    def _stop(self, text: str) -> None:
        self._busy = False
        self.progress.hide()
        self.status.setText(text)

    def _moved(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _update_buttons(self) -> None:
        page, busy = self.pages.currentIndex(), self._busy
        self.back_button.setEnabled(page > 0 and not busy and self.written is None)
        ready = {0: self.file is not None and bool(self.sheet_kinds()), 1: bool(self._combos), 2: False}[page]
        self.next_button.setEnabled(ready and not busy)
        self.next_button.setVisible(page < 2)
        self.import_button.setVisible(page == 2)
        self.import_button.setEnabled(page == 2 and not busy and self.report is not None and self.report.ok
                                      and not self.report.written and self.report.changes_anything)
        self.cancel_button.setText(self.tr("Cancel") if busy or self.written is None else self.tr("Close"))

    def done(self, result: int) -> None:  # noqa: D102 - closing while busy cancels the work first
        if self._busy:
            self._cancel.set()
            return
        super().done(result)


def open_import(ctx: UiContext, parent: QWidget | None = None) -> ImportDialog:
    dialog = ImportDialog(ctx, parent)
    dialog.show()
    return dialog


def sample_file() -> Path:
    """A workbook a new plant can start from (warehouses, suppliers, products, opening stock): the demo's."""
    return resources_dir() / "samples" / "opening_import.xlsx"
