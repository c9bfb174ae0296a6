"""Copy, export and print actions for any table view: context menu, shortcuts, toolbar."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QTableView

from erp_desktop.errors import ErpError
from erp_desktop.printing import Report
from erp_desktop.ui.errors import show_error
from erp_desktop.ui.export import copy_selection, export_csv, export_xlsx
from erp_desktop.ui.print_preview import (
    announce_saved,
    ask_save_path,
    print_with_dialog,
    save_pdf_with_dialog,
    show_print_preview,
)

translate = QCoreApplication.translate


@dataclass(frozen=True)
class TableActions:
    copy: QAction
    export_csv: QAction
    export_xlsx: QAction
    print_preview: QAction | None = None
    print: QAction | None = None
    save_pdf: QAction | None = None

    def __iter__(self) -> Iterator[QAction]:
        """The actions in menu order (for toolbar.addActions(list(actions)))."""
        for action in (self.copy, self.export_csv, self.export_xlsx, self.print_preview, self.print, self.save_pdf):
            if action is not None:
                yield action


class _CopyKeyFilter(QObject):
    """Ctrl+C on the view copies the whole selection, not just the current cell (the view's own
    behaviour), with or without the window being active."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and \
                isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                copy_selection(self._view)
            return True
        return False


def _busy(view: QTableView, work: Callable[[], object]):
    """Run ``work`` under a wait cursor; an ErpError is shown (after the cursor is back), giving None."""
    failure: ErpError | None = None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = work()
    except ErpError as error:
        result, failure = None, error
    finally:
        QGuiApplication.restoreOverrideCursor()
    if failure is not None:
        show_error(view, failure)
    return result


def _export(view: QTableView, title: str, suffix: str, caption: str, filter_text: str, write) -> None:
    name = f"{title} {date.today().isoformat()}"
    path = ask_save_path(view, caption, name, suffix, filter_text)
    if path is None:
        return
    count = _busy(view, lambda: write(view.model(), path))
    if count is not None:
        announce_saved(view, translate("table_actions", "{count} rows written to {path}").format(count=count, path=path))


def install_table_actions(view: QTableView, *, title: str,
                          report_builder: Callable[[], Report] | None = None) -> TableActions:
    """Right-click menu and shortcuts on ``view``: Copy (Ctrl+C), Export to CSV..., Export to Excel...,
    and with ``report_builder`` (called each time, so the report holds the rows of that moment)
    Print preview..., Print... (Ctrl+P), Save as PDF.... Returns the actions for a toolbar too."""

    def make(text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, view)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        return action

    copy = make(translate("table_actions", "Copy"), lambda: copy_selection(view), QKeySequence.StandardKey.Copy, "copyAction")
    to_csv = make(translate("table_actions", "Export to CSV..."), lambda: _export(
        view, title, ".csv", translate("table_actions", "Export to CSV"), translate("table_actions", "CSV files (*.csv)"), export_csv), name="exportCsvAction")
    to_xlsx = make(translate("table_actions", "Export to Excel..."), lambda: _export(
        view, title, ".xlsx", translate("table_actions", "Export to Excel"), translate("table_actions", "Excel workbooks (*.xlsx)"),
        lambda model, path: export_xlsx(model, path, title=title)), name="exportXlsxAction")
    preview = print_ = pdf = None
    if report_builder is not None:
        def build() -> Report | None:
            return _busy(view, report_builder)

        def on_preview() -> None:
            report = build()
            if report is not None:
                show_print_preview(view, report)

        def on_print() -> None:
            report = build()
            if report is not None:
                print_with_dialog(view, report)

        def on_pdf() -> None:
            report = build()
            if report is not None:
                save_pdf_with_dialog(view, report, f"{title} {date.today().isoformat()}")  # says where it saved

        preview = make(translate("table_actions", "Print preview..."), on_preview, name="printPreviewAction")
        print_ = make(translate("table_actions", "Print..."), on_print, QKeySequence.StandardKey.Print, "printAction")
        pdf = make(translate("table_actions", "Save as PDF..."), on_pdf, name="savePdfAction")

    actions = TableActions(copy, to_csv, to_xlsx, preview, print_, pdf)
    view.installEventFilter(_CopyKeyFilter(view))
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for position, action in enumerate(actions):
        if position in (1, 3):
            separator = QAction(view)
            separator.setSeparator(True)
            view.addAction(separator)
        view.addAction(action)
    return actions


__all__ = ["TableActions", "install_table_actions"]
