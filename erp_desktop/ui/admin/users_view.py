"""Users: list, create, change role, deactivate, reset password."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Role
from erp_desktop.errors import ErpError
from erp_desktop.printing.values import label_text
from erp_desktop.services.admin import users as users_service
from erp_desktop.ui.admin.prompts import NewPasswordDialog
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import fmt_datetime
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import selected_row, set_rows_keeping_selection, setup_table

translate = QCoreApplication.translate


def _columns() -> list[Column]:
    return [
        Column(translate("users", "User name"), lambda u: u.username),
        Column(translate("users", "Full name"), lambda u: u.full_name),
        Column(translate("users", "Role"), lambda u: u.role, text=lambda r: label_text(Role(r).label)),
        Column(translate("users", "Active"), lambda u: u.is_active, text=lambda v: translate("users", "yes") if v else translate("users", "no"),
               color=lambda u: None if u.is_active else "#888888"),
        Column(translate("users", "Must change password"), lambda u: u.must_change_password, text=lambda v: translate("users", "yes") if v else ""),
        Column(translate("users", "Last sign-in"), lambda u: u.last_sign_in_at, text=fmt_datetime),
        Column(translate("users", "Locked out until"), lambda u: u.locked_until, text=fmt_datetime,
               color=lambda u: "#b00020" if u.locked_until else None),
    ]


class UserDialog(QDialog):
    """New user (with a first password) or edit of name and role."""

    def __init__(self, ctx, user=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.setWindowTitle(self.tr("New user") if user is None else self.tr("Edit user {0}").format(user.username))
        self._ctx, self._user = ctx, user
        self.username = QLineEdit(user.username if user else "")
        self.username.setObjectName("username")
        self.username.setEnabled(user is None)
        self.full_name = QLineEdit(user.full_name if user else "")
        self.full_name.setObjectName("fullName")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(label_text(role.label), role.value)
        # a new user starts with the least a role can do; the admin raises it on purpose
        self.role.setCurrentIndex(self.role.findData((user.role if user else Role.VIEWER).value))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Role"), self.role)
        if user is None:
            form.addRow(self.tr("First password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _submit(self) -> None:
        self.ok_button.setEnabled(False)
        role = self.role.currentData()
        if self._user is None:
            call = (users_service.create_user, dict(username=self.username.text(), full_name=self.full_name.text(),
                                                    role=role, password=self.password.text()))
            args = ()
        else:
            call = (users_service.update_user, dict(version=self._user.version, full_name=self.full_name.text(), role=role))
            args = (self._user.id,)
        self._ctx.call(call[0], *args, **call[1], on_success=lambda _: self.accept(), on_error=self._failed,
                       write=True, owner=self)

    def _failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))


class UsersView(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("usersView")
        self._ctx = ctx
        self.model = RowsTableModel(_columns(), self)
        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.doubleClicked.connect(lambda _: self.edit_user())

        self.new_button = QPushButton(self.tr("New user..."))
        self.new_button.setObjectName("newUserButton")
        self.edit_button = QPushButton(self.tr("Edit..."))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.active_button.setObjectName("activeButton")
        self.reset_button = QPushButton(self.tr("Reset password..."))
        self.reset_button.setObjectName("resetPasswordButton")
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setToolTip(self.tr("Let a user locked out after failed sign-ins sign in again now"))
        self.unlock_button.clicked.connect(self.unlock)
        self.new_button.clicked.connect(self.new_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        bar = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.active_button, self.reset_button, self.unlock_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        follow_changes(self, ctx.changes, self._on_change)
        self._update_buttons()
        self.refresh()

    def _on_change(self, topic: str, _ids: list) -> None:
        if topic in ("users", "*"):
            self.refresh()

    def refresh(self) -> None:
        self._ctx.call(users_service.list_users, on_success=self._loaded, owner=self)

    def _loaded(self, rows) -> None:
        set_rows_keeping_selection(self.table, rows)
        self._update_buttons()

    def selected_user(self):
        return selected_row(self.table)

    def _update_buttons(self, *_args) -> None:
        user = self.selected_user()
        for button in (self.edit_button, self.active_button, self.reset_button):
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.locked_until is not None)
        if user is not None:
            self.active_button.setText(self.tr("Deactivate") if user.is_active else self.tr("Activate"))

    def new_user(self) -> None:
        if UserDialog(self._ctx, None, self).exec():
            self.refresh()

    def edit_user(self) -> None:
        user = self.selected_user()
        if user is not None and UserDialog(self._ctx, user, self).exec():
            self.refresh()

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        self._ctx.call(users_service.set_user_active, user.id, not user.is_active, version=user.version,
                       on_success=lambda _: self.refresh(), write=True, owner=self)

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = NewPasswordDialog(user.username, self)
        if dialog.exec():
            self._ctx.call(users_service.reset_password, user.id, dialog.password.text(),
                           on_success=lambda _: self.refresh(), write=True, owner=self)

    def unlock(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._ctx.call(users_service.unlock_user, user.id, on_success=lambda _: self.refresh(), write=True,
                           owner=self)

    def select_username(self, username: str) -> None:
        for position, row in enumerate(self.model.rows):
            if row.username == username:
                self.table.selectRow(position)
                self.table.scrollTo(self.model.index(position, 0), QTableView.ScrollHint.EnsureVisible)
                return
        raise LookupError(username)

