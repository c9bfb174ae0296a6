"""Stages: name, order, whether facts need a shift and an operator, QC; new, edit, deactivate."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Op
from erp_desktop.errors import ErpError
from erp_desktop.services.production import stages as stages_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.forms import ErrorLabel, with_error
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, setup_table


class StagesDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stagesDialog")
        self.setWindowTitle(self.tr("Stage catalogue"))
        self._ctx = ctx
        self._editing = None  # the StageDTO in the form; None: a new stage
        yes, no = self.tr("yes"), self.tr("no")  # the lambdas below must not hold self
        self.model = RowsTableModel([
            Column(self.tr("Order"), lambda s: s.sort_order, align_right=True),
            Column(self.tr("Code"), lambda s: s.code),
            Column(self.tr("Name"), lambda s: s.name),
            Column(self.tr("Shift and operator"), lambda s: s.needs_shift, text=lambda v: yes if v else ""),
            Column(self.tr("QC"), lambda s: s.is_qc, text=lambda v: yes if v else ""),
            Column(self.tr("In use"), lambda s: s.is_active, text=lambda v: yes if v else no,
                   color=lambda s: None if s.is_active else "#8a8f96"),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("stagesTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        install_table_actions(self.table, title=self.tr("Stage catalogue"))

        self.code = QLineEdit()
        self.code.setObjectName("stageCode")
        self.name = QLineEdit()
        self.name.setObjectName("stageName")
        self.sort_order = QSpinBox()
        self.sort_order.setObjectName("stageOrder")
        self.sort_order.setRange(0, 100_000)
        self.needs_shift = QCheckBox(self.tr("Facts need a shift and an operator"))
        self.needs_shift.setObjectName("stageNeedsShift")
        self.is_qc = QCheckBox(self.tr("Quality check (QC inspectors record it)"))
        self.is_qc.setObjectName("stageIsQc")
        self.errors = {name: ErrorLabel() for name in ("code", "name")}
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(self.tr("Code"), self._with_error(self.code, "code"))
        form.addRow(self.tr("Name"), self._with_error(self.name, "name"))
        form.addRow(self.tr("Order"), self.sort_order)
        form.addRow("", self.needs_shift)
        form.addRow("", self.is_qc)
        self.save_button = QPushButton(self.tr("Save stage"))
        self.save_button.setObjectName("saveStageButton")
        self.save_button.setDefault(True)
        self.new_button = QPushButton(self.tr("New stage"))
        self.new_button.setObjectName("newStageButton")
        self.active_button = QPushButton(self.tr("Take out of use"))
        self.active_button.setObjectName("stageActiveButton")
        self.defaults_button = QPushButton(self.tr("Add the usual stages"))
        self.defaults_button.setObjectName("defaultStagesButton")
        for button in (self.new_button, self.active_button, self.defaults_button):
            button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new_stage)
        self.active_button.clicked.connect(self.toggle_active)
        self.defaults_button.clicked.connect(self.add_defaults)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.defaults_button)
        self.form_box = QGroupBox(self.tr("New stage"))
        box_layout = QVBoxLayout(self.form_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.error)
        box_layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form_box)
        layout.addWidget(close)
        self.resize(640, 560)
        editable = ctx.actor.can(Op.MANAGE_STAGES)
        self.form_box.setEnabled(editable)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        follow_changes(self, ctx.changes, self._on_change)
        self.new_stage()
        self.refresh()

    def _with_error(self, field: QWidget, name: str) -> QWidget:
        return with_error(field, self.errors[name])

    def _on_change(self, topic: str, _ids: list) -> None:
        if topic in ("stages", "*"):
            self.refresh()

    def refresh(self) -> None:
        self._ctx.call(stages_service.list_stages, include_inactive=True, on_success=self._loaded, owner=self)

    def _loaded(self, stages) -> None:
        editing = self._editing.id if self._editing else None
        self.model.set_rows(stages)
        fit_columns(self.table)
        for position, stage in enumerate(stages):
            if stage.id == editing:
                self.table.selectRow(position)
        if self._editing is None and not self.code.text():
            self.sort_order.setValue(max((s.sort_order for s in stages), default=0) + 10)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected(self, *_args) -> None:
        stage = self.selected()
        if stage is not None:
            self._fill(stage)

    def _fill(self, stage) -> None:
        self._editing = stage
        self._clear_errors()
        self.form_box.setTitle(self.tr("Stage {0}").format(stage.name) if stage else self.tr("New stage"))
        self.code.setText(stage.code if stage else "")
        self.name.setText(stage.name if stage else "")
        last = max((s.sort_order for s in self.model.rows), default=0)
        self.sort_order.setValue(stage.sort_order if stage else last + 10)
        self.needs_shift.setChecked(stage.needs_shift if stage else False)
        self.is_qc.setChecked(stage.is_qc if stage else False)
        self.active_button.setEnabled(stage is not None)
        if stage is not None:
            self.active_button.setText(self.tr("Take out of use") if stage.is_active else self.tr("Put back in use"))

    def new_stage(self) -> None:
        self.table.clearSelection()
        self._fill(None)
        self.code.setFocus()

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.error):
            label.clear_message()

    def save(self) -> None:
        self._clear_errors()
        values = dict(code=self.code.text(), name=self.name.text(), sort_order=self.sort_order.value(),
                      needs_shift=self.needs_shift.isChecked(), is_qc=self.is_qc.isChecked())
        if self._editing is None:
            self._ctx.call(stages_service.create_stage, **values, on_success=self._saved, on_error=self._failed,
                           write=True, owner=self)
        else:
            self._ctx.call(stages_service.update_stage, self._editing.id, version=self._editing.version, **values,
                           on_success=self._saved, on_error=self._failed, write=True, owner=self)

    def _saved(self, stage) -> None:
        self._editing = stage
        self.refresh()
        self._fill(stage)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.errors.get(error.field or "", self.error).show_message(error_text(error))

    def toggle_active(self) -> None:
        stage = self._editing
        if stage is None:
            return
        call = stages_service.deactivate_stage if stage.is_active else stages_service.reactivate_stage
        self._ctx.call(call, stage.id, version=stage.version, on_success=self._saved, on_error=self._failed,
                       write=True, owner=self)

    def add_defaults(self) -> None:
        self._ctx.call(stages_service.create_default_stages, on_success=lambda _created: self.refresh(),
                       on_error=self._failed, write=True, owner=self)
