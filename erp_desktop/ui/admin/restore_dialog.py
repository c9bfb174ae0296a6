"""File > Restore from backup (administrators, embedded database): choose one of the file's backups, or any
backup file, and put it in the database's place. The app then signs in again on the restored file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.errors import ErpError
from erp_desktop.services.admin import backup as backup_service
from erp_desktop.ui.errors import confirm, error_text
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import setup_table


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, round(size / 1024))} KB"


class RestoreBackupDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(560, 360)
        self._ctx = ctx
        self.result_restore: backup_service.RestoreResult | None = None
        kinds = {backup_service.DAILY: self.tr("daily"), backup_service.BEFORE_UPGRADE: self.tr("before an upgrade"),
                 backup_service.BEFORE_RESTORE: self.tr("before a restore"), backup_service.MANUAL: self.tr("by hand")}
        self.model = RowsTableModel([
            Column(self.tr("Taken"), lambda b: b.taken_at, text=lambda at: at.strftime("%Y-%m-%d %H:%M")),
            Column(self.tr("Kind"), lambda b: kinds.get(b.kind, b.kind)),
            Column(self.tr("Size"), lambda b: b.size, text=_size, align_right=True),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("backupsTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        note = QLabel(self.tr("The database file is replaced by the backup you choose: what was recorded after it "
                              "is not in it. The current file is kept as a backup. Everyone is signed out."))
        note.setWordWrap(True)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.other_button = QPushButton(self.tr("Other file..."))
        self.other_button.setObjectName("otherBackupButton")
        self.other_button.clicked.connect(self._choose_file)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_selected)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.table.selectionModel().hasSelection()))
        ctx.call(backup_service.backups_of, on_success=self._show_backups, on_error=self._failed, owner=self)

    def _show_backups(self, backups: list) -> None:
        self.model.set_rows(backups)
        if backups:
            self.table.selectRow(0)
        else:
            self.error.show_message(self.tr("There are no backups of this database yet. Choose a file with "
                                            "Other file..."))

    def _choose_file(self) -> None:
        path, _selected = QFileDialog.getOpenFileName(self, self.tr("Restore from backup"), "",
                                                      self.tr("Database backups (*.db);;All files (*)"))
        if path:
            self._restore(path, path)

    def _restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        chosen = self.model.row_at(rows[0].row()) if rows else None
        if chosen is not None:
            self._restore(chosen.path, self.tr("the backup of {0}").format(chosen.taken_at.strftime("%Y-%m-%d %H:%M")))

    def _restore(self, path: str, what: str) -> None:
        if not confirm(self, self.tr("Restore from backup"),
                       self.tr("Replace the database with {0}? What was recorded after it is lost.").format(what)):
            return
        self.error.clear_message()
        self.restore_button.setEnabled(False)
        self.other_button.setEnabled(False)
        self._ctx.call(backup_service.restore_backup, path, on_success=self._restored, on_error=self._failed,
                       write=True, owner=self)

    def _restored(self, result) -> None:
        self.result_restore = result
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.restore_button.setEnabled(self.table.selectionModel().hasSelection())
        self.other_button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))
