"""Create or edit a part with its route: ordered stages, reordered with Up/Down or by dragging."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.errors import ErpError
from erp_desktop.services.production import parts as parts_service
from erp_desktop.services.production import stages as stages_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import date_edit_format
from erp_desktop.ui.forms import ConfirmDiscard, EnterMovesFocus, ErrorLabel, with_error

STAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class RouteEditor(QWidget):
    """Catalogue on the left, the route on the right; stages with facts are marked and stay in place."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = QListWidget()
        self.catalogue.setObjectName("stageCatalogue")
        self.route = QListWidget()
        self.route.setObjectName("routeList")
        self.route.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.route.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.add_button = QPushButton(self.tr("Add \u2192"))
        self.add_button.setObjectName("addStageButton")
        self.remove_button = QPushButton(self.tr("\u2190 Remove"))
        self.remove_button.setObjectName("removeStageButton")
        self.up_button = QPushButton(self.tr("Up"))
        self.up_button.setObjectName("stageUpButton")
        self.down_button = QPushButton(self.tr("Down"))
        self.down_button.setObjectName("stageDownButton")
        self.add_button.clicked.connect(self.add_selected)
        self.catalogue.itemDoubleClicked.connect(lambda _item: self.add_selected())
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Stage catalogue")), 0, 0)
        layout.addWidget(QLabel(self.tr("Route (in order)")), 0, 2)
        layout.addWidget(self.catalogue, 1, 0)
        layout.addLayout(buttons, 1, 1)
        layout.addWidget(self.route, 1, 2)
        self._stages: dict[int, object] = {}
        # Enter in the catalogue adds the stage; in either list it never presses the dialog's Save
        self.catalogue.installEventFilter(self)
        self.route.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if watched is self.catalogue:
                self.add_selected()
            return True
        return False

    def set_catalogue(self, stages) -> None:
        self.catalogue.clear()
        for stage in stages:
            self._stages[stage.id] = stage
            if stage.is_active:
                item = QListWidgetItem(self._label(stage), self.catalogue)
                item.setData(STAGE_ROLE, stage.id)

    def set_route(self, steps) -> None:
        """``steps``: StageProgressDTOs of an existing part (stages with facts are marked)."""
        self.route.clear()
        for step in steps:
            label = step.name
            if step.good or step.scrap:
                label = self.tr("{0}  (facts: {1} good)").format(step.name, step.good)
            item = QListWidgetItem(label, self.route)
            item.setData(STAGE_ROLE, step.stage_id)

    def _label(self, stage) -> str:
        marks = []
        if stage.needs_shift:
            marks.append(self.tr("per shift"))
        if stage.is_qc:
            marks.append(self.tr("QC"))
        return f"{stage.name}  ({', '.join(marks)})" if marks else stage.name

    def stage_ids(self) -> list[int]:
        return [self.route.item(row).data(STAGE_ROLE) for row in range(self.route.count())]

    def add_stage(self, stage_id: int) -> None:
        if stage_id in self.stage_ids():
            return
        stage = self._stages[stage_id]
        item = QListWidgetItem(stage.name, self.route)
        item.setData(STAGE_ROLE, stage_id)
        self.route.setCurrentItem(item)

    def add_selected(self) -> None:
        for item in self.catalogue.selectedItems() or ([self.catalogue.currentItem()]
                                                       if self.catalogue.currentItem() else []):
            self.add_stage(item.data(STAGE_ROLE))

    def remove_selected(self) -> None:
        row = self.route.currentRow()
        if row >= 0:
            self.route.takeItem(row)

    def move_selected(self, step: int) -> None:
        row = self.route.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.route.count():
            return
        item = self.route.takeItem(row)
        self.route.insertItem(target, item)
        self.route.setCurrentRow(target)


class PartDialog(QDialog):
    """``part`` None: a new part. Errors appear under the field the service names."""

    def __init__(self, ctx, part=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("partDialog")
        self._ctx, self._part = ctx, part
        self.saved = None
        ConfirmDiscard(self)
        self.setWindowTitle(self.tr("New part") if part is None else self.tr("Edit part {0}").format(part.code))
        self.code = QLineEdit(part.code if part else "")
        self.code.setObjectName("partCode")
        self.name = QLineEdit(part.name if part else "")
        self.name.setObjectName("partName")
        self.customer = QLineEdit(part.customer if part else "")
        self.customer.setObjectName("partCustomer")
        self.planned = QSpinBox()
        self.planned.setObjectName("partPlanned")
        self.planned.setRange(1, 10_000_000)
        self.planned.setValue(part.planned_qty if part else 100)
        self.has_deadline = QCheckBox()
        self.has_deadline.setToolTip(self.tr("The part has a deadline"))
        self.has_deadline.setObjectName("partHasDeadline")
        self.deadline = QDateEdit()
        self.deadline.setObjectName("partDeadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat(date_edit_format())
        deadline = part.deadline if part else None
        self.has_deadline.setChecked(deadline is not None)
        self.deadline.setDate(QDate(deadline) if deadline else QDate.currentDate().addDays(30))
        self.deadline.setEnabled(deadline is not None)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.priority = QSpinBox()
        self.priority.setObjectName("partPriority")
        self.priority.setRange(0, 9)
        self.priority.setValue(part.priority if part else 0)
        self.priority.setToolTip(self.tr("0 normal; higher numbers come first"))
        self.route_editor = RouteEditor()
        self.errors = {name: ErrorLabel() for name in ("code", "name", "customer", "planned_qty", "route")}
        self.error = ErrorLabel()
        self.error.setObjectName("partDialogError")

        form = QFormLayout()
        form.addRow(self.tr("Drawing number"), self._with_error(self.code, "code"))
        form.addRow(self.tr("Name"), self._with_error(self.name, "name"))
        form.addRow(self.tr("Customer"), self._with_error(self.customer, "customer"))
        form.addRow(self.tr("Planned quantity"), self._with_error(self.planned, "planned_qty"))
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline, 1)
        form.addRow(self.tr("Deadline"), deadline_row)
        form.addRow(self.tr("Priority"), self.priority)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("savePartButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.route_editor, 1)
        layout.addWidget(self.errors["route"])
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 560)
        EnterMovesFocus([self.code, self.name, self.customer, self.planned], None, self)
        ctx.call(stages_service.list_stages, include_inactive=True, on_success=self._stages_loaded, owner=self)

    def _with_error(self, field: QWidget, name: str) -> QWidget:
        return with_error(field, self.errors[name])

    def _stages_loaded(self, stages) -> None:
        self.route_editor.set_catalogue(stages)
        if self._part is not None:
            self.route_editor.set_route(self._part.stages)

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.error):
            label.clear_message()

    def submit(self) -> None:
        self.clear_errors()
        values = dict(code=self.code.text(), name=self.name.text(), customer=self.customer.text(),
                      planned_qty=self.planned.value(), priority=self.priority.value(),
                      deadline=self.deadline.date().toPython() if self.has_deadline.isChecked() else None)
        route = self.route_editor.stage_ids()
        self.save_button.setEnabled(False)
        if self._part is None:
            self._ctx.call(parts_service.create_part, route=route, **values, on_success=self._saved,
                           on_error=self._failed, write=True, owner=self)
        else:
            self._ctx.call(parts_service.update_part, self._part.id, version=self._part.version, route=route,
                           **values, on_success=self._saved, on_error=self._failed, write=True, owner=self)

    def _saved(self, part) -> None:
        self.saved = part
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        label = self.errors.get(getattr(error, "field", None) or "", self.error)
        label.show_message(error_text(error))
