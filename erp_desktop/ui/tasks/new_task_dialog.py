"""A new task: title, description, a person or a role, blocker, due date, category, part. The same dialog
edits a task (``task=`` its TaskDetails): the fields filled in, saved through update_task with the version seen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Role
from erp_desktop.domain.tasks import Category, TaskStatus
from erp_desktop.errors import ErpError
from erp_desktop.printing.values import label_text
from erp_desktop.services.admin import users as users_service
from erp_desktop.services.production import parts as parts_service
from erp_desktop.services.tasks import board as tasks_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import date_edit_format
from erp_desktop.ui.forms import ConfirmDiscard, EnterMovesFocus, ErrorLabel

TASK_ROLES = tuple(role for role in Role if role != Role.VIEWER)
OPEN_PART_STATUSES = ("planned", "in_progress")


class NewTaskDialog(QDialog):
    """``created(TaskCard)`` when the task is saved."""

    created = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None, *, part_id: int | None = None, task=None):
        super().__init__(parent)
        self.setObjectName("editTaskDialog" if task is not None else "newTaskDialog")
        self.setWindowTitle(self.tr("Edit task #{0}").format(task.card.id) if task is not None
                            else self.tr("New task"))
        self.setMinimumWidth(520)
        self._ctx = ctx
        self._task = task
        self._wanted_part = task.card.part_id if task is not None else part_id
        self._wanted_person = task.card.assignee_user_id if task is not None else None
        ConfirmDiscard(self)

        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.setMaxLength(tasks_service.MAX_TITLE)
        self.title.setPlaceholderText(self.tr("What needs to be done, in a few words"))
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)

        self.to_person = QRadioButton(self.tr("&Person"))
        self.to_person.setObjectName("toPerson")
        self.to_role = QRadioButton(self.tr("&Role (anyone in it may accept)"))
        self.to_role.setObjectName("toRole")
        group = QButtonGroup(self)
        group.addButton(self.to_person)
        group.addButton(self.to_role)
        self.person = QComboBox()
        self.person.setObjectName("person")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in TASK_ROLES:
            self.role.addItem(label_text(role.label), role.value)
        self.to_person.setChecked(True)
        self.to_person.toggled.connect(self._assignee_kind)
        assignee_kind = QHBoxLayout()
        assignee_kind.addWidget(self.to_person)
        assignee_kind.addWidget(self.to_role)
        assignee_kind.addStretch(1)

        self.blocker = QCheckBox(self.tr("It &blocks production of the part"))
        self.blocker.setObjectName("blocker")
        self.has_due = QCheckBox(self.tr("&Due by"))
        self.has_due.setObjectName("hasDue")
        self.due = QDateEdit()
        self.due.setObjectName("due")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_edit_format())
        self.due.setDate(QDate.currentDate().addDays(3))
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        self.category = QComboBox()
        self.category.setObjectName("category")
        for category in Category:
            self.category.addItem(label_text(category.label), category.value)
        self.category.setCurrentIndex(self.category.findData(Category.OTHER.value))
        self.part = QComboBox()
        self.part.setObjectName("part")
        self.part.addItem(self.tr("(no part)"), None)

        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save changes") if task is not None else self.tr("Create task"))
        self.ok_button.setObjectName("createButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("D&escription"), self.description)
        form.addRow(self.tr("Assign to"), assignee_kind)
        form.addRow(self.tr("Person"), self.person)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Part"), self.part)
        form.addRow("", self.blocker)
        form.addRow(self.tr("Due date"), due_row)
        self._form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fields = {"title": self.title, "description": self.description, "assignee": self.person,
                        "category": self.category, "part_id": self.part, "due_date": self.due}
        EnterMovesFocus([self.title, self.person, self.role, self.category, self.part], self.ok_button, self)
        self._assignee_kind()
        if task is not None:
            self._fill(task)
        self.title.setFocus()
        ctx.call(users_service.list_users, include_inactive=False, on_success=self._people, owner=self)
        ctx.call(parts_service.list_parts, status=OPEN_PART_STATUSES, sort="code", limit=1000,
                 on_success=self._parts, on_error=self._no_parts, owner=self)

    def _assignee_kind(self, *_args) -> None:
        person = self.to_person.isChecked()
        self.person.setEnabled(person)
        self.role.setEnabled(not person)
        self._fields["assignee"] = self.person if person else self.role

    def _fill(self, task) -> None:
        card = task.card
        self.title.setText(card.title)
        self.description.setPlainText(task.description)
        # a role task nobody accepted stays a role task; an accepted one shows the person doing it
        if card.assignee_user_id is None and card.assignee_role is not None:
            self.to_role.setChecked(True)
            self.role.setCurrentIndex(self.role.findData(card.assignee_role.value))
        elif card.status is not TaskStatus.OPEN:  # accepted already: it goes on with a person
            self.to_role.setEnabled(False)
        self.blocker.setChecked(card.is_blocker)
        if card.due_date is not None:
            self.has_due.setChecked(True)
            self.due.setDate(QDate(card.due_date))
        self.category.setCurrentIndex(self.category.findData(card.category.value))

    def _people(self, users) -> None:
        chosen = self.person.currentData() if self._wanted_person is None else self._wanted_person
        self.person.clear()
        for user in users:
            if user.role != Role.VIEWER and user.is_active:
                self.person.addItem(f"{user.display_name} - {label_text(Role(user.role).label)}", user.id)
        if self._task is not None and chosen is not None and self.person.findData(chosen) < 0:
            self.person.addItem(self._task.card.assignee_name, chosen)  # deactivated since: kept, not swapped
        if chosen is not None and self.person.findData(chosen) >= 0:
            self.person.setCurrentIndex(self.person.findData(chosen))

    def _parts(self, page) -> None:
        for part in page.rows:
            self.part.addItem(f"{part.code}  {part.name}", part.id)
        if self._task is not None and self._wanted_part is not None and self.part.findData(self._wanted_part) < 0:
            self.part.addItem(self._task.card.part_code, self._wanted_part)  # finished since: kept, not dropped
        if self._wanted_part is not None and self.part.findData(self._wanted_part) >= 0:
            self.part.setCurrentIndex(self.part.findData(self._wanted_part))

    def _no_parts(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error  # the task can still be made without a part

    def values(self) -> dict:
        person = self.to_person.isChecked()
        return dict(
            title=self.title.text(),
            description=self.description.toPlainText(),
            assignee_user_id=self.person.currentData() if person else None,
            assignee_role=None if person else self.role.currentData(),
            is_blocker=self.blocker.isChecked(),
            due_date=self.due.date().toPython() if self.has_due.isChecked() else None,
            category=self.category.currentData(),
            part_id=self.part.currentData(),
        )

    def submit(self) -> None:
        values = self.values()
        kept_due = self._task is not None and values["due_date"] == self._task.card.due_date
        if values["due_date"] is not None and values["due_date"] < date.today() and not kept_due:
            self._show(self.tr("The due date is in the past; choose today or later."), "due_date")
            return
        if self.to_person.isChecked() and values["assignee_user_id"] is None:
            self._show(self.tr("Choose the person to do it (or assign it to a role)."), "assignee")
            return
        self.ok_button.setEnabled(False)
        self.error.clear_message()
        if self._task is not None:
            self._ctx.call(tasks_service.update_task, self._task.card.id, version=self._task.card.version, **values,
                           on_success=self._created, on_error=self._failed, write=True, owner=self)
            return
        self._ctx.call(tasks_service.create_task, **values, on_success=self._created, on_error=self._failed,
                       write=True, owner=self)

    def _created(self, card) -> None:
        self.created.emit(card)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        self._show(error_text(error), getattr(error, "field", None))

    def _show(self, text: str, field: str | None) -> None:
        self.error.show_message(text)
        widget = self._fields.get(field or "")
        if widget is not None:
            widget.setFocus()
