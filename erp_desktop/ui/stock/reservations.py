"""Reservations: open ones by default; release one (stock back to available) or issue what it holds, all or part
(the oldest reserved lots first; the rest stays reserved)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import ReservationStatus
from erp_desktop.errors import ErpError
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.errors import confirm, error_text, inform, show_error
from erp_desktop.ui.formatting import fmt_datetime, fmt_qty
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.stock.common import MUTED, fmt_value, qty_with_unit, status_label
from erp_desktop.ui.stock.issue_dialog import QtyField, parse_qty
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, selected_row, setup_table


class IssueReservationDialog(QDialog):
    """Issue all of a reservation or part of it (the oldest reserved lots first; the rest stays reserved)."""

    def __init__(self, row, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("issueReservationDialog")
        self.setWindowTitle(self.tr("Issue reserved stock"))
        self.setMinimumWidth(440)
        self._row = row
        question = QLabel(self.tr("{number} holds {qty} of {product} for {holder}. How much to issue now? "
                                  "What is not issued stays reserved.").format(
            number=row.document_number, qty=qty_with_unit(row.qty, row.unit), product=row.product_name,
            holder=row.part_code or row.order_ref))
        question.setWordWrap(True)
        self.amount = QtyField("issueQty")
        self.amount.unit.setText(row.unit.value)
        self.amount.edit.setText(str(row.qty))
        self.amount.edit.selectAll()
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Issue"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.amount)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.amount.setFocus()

    def qty(self) -> Decimal | None:
        return parse_qty(self.amount.edit.text())

    def submit(self) -> None:
        try:
            qty = self.qty()
        except ErpError as error:
            self.error.show_message(error_text(error))
            return
        if qty is None:
            self.error.show_message(self.tr("Enter the quantity to issue."))
        elif qty > self._row.qty:
            self.error.show_message(self.tr("The reservation holds only {0}.").format(
                qty_with_unit(self._row.qty, self._row.unit)))
        else:
            self.accept()
            return
        self.amount.setFocus()


class ReservationsView(QWidget):
    completed = Signal(object)  # the DocumentDTO of a release or issue

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reservationsView")
        self._ctx = ctx
        columns = [
            Column(self.tr("Document"), lambda r: r.document_number),
            Column(self.tr("Created"), lambda r: r.created_at, text=fmt_datetime),
            Column(self.tr("SKU"), lambda r: r.sku),
            Column(self.tr("Product"), lambda r: r.product_name),
            Column(self.tr("Warehouse"), lambda r: r.warehouse_name),
            Column(self.tr("For"), lambda r: r.part_code or r.order_ref),
            Column(self.tr("Quantity"), lambda r: r.qty, text=fmt_qty, align_right=True),
            Column(self.tr("Unit"), lambda r: r.unit.value),
            Column(self.tr("Value"), lambda r: r.value, text=fmt_value, align_right=True),
            Column(self.tr("Lots"), lambda r: ", ".join(f"{line.lot_number} ({fmt_qty(line.qty)})" for line in r.lines)),
            Column(self.tr("Status"), lambda r: r.status, text=status_label,
                   color=lambda r: None if r.status == ReservationStatus.OPEN else MUTED),
            Column(self.tr("Closed"), lambda r: r.closed_at, text=fmt_datetime),
        ]
        self.model = RowsTableModel(columns, self)
        self.table = QTableView()
        self.table.setObjectName("reservationsTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.status = QComboBox()
        self.status.setObjectName("reservationStatus")
        self.status.addItem(self.tr("Open"), ReservationStatus.OPEN.value)
        self.status.addItem(self.tr("All"), None)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.release_button = QPushButton(self.tr("Release..."))
        self.release_button.setObjectName("releaseButton")
        self.release_button.clicked.connect(self.release_selected)
        self.issue_button = QPushButton(self.tr("Issue reserved stock..."))
        self.issue_button.setObjectName("issueReservationButton")
        self.issue_button.clicked.connect(self.issue_selected)
        self.release_button.setVisible(ctx.actor.can(Op.RESERVE_STOCK))
        self.issue_button.setVisible(ctx.actor.can(Op.ISSUE_STOCK))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.status)
        bar.addStretch(1)
        bar.addWidget(self.release_button)
        bar.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.actions = install_table_actions(self.table, title=self.tr("Reservations"))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        follow_changes(self, ctx.changes, self._on_change)
        self._fitted = False
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        self._ctx.call(stock_service.list_reservations, status=self.status.currentData(), on_success=self._loaded,
                       owner=self)

    def _loaded(self, rows) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if not self._fitted and rows:
            fit_columns(self.table)
            self._fitted = True
        if selected is not None:
            for position, row in enumerate(rows):
                if row.id == selected.id:
                    self.table.selectRow(position)
        self._update_buttons()

    def _on_change(self, topic: str, _ids: list) -> None:
        if topic in ("*", "reservations"):
            self.refresh()

    def selected(self):
        return selected_row(self.table)

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        open_ = row is not None and row.status == ReservationStatus.OPEN
        self.release_button.setEnabled(open_)
        self.issue_button.setEnabled(open_)

    def release_selected(self) -> None:
        row = self.selected()
        if row is None or not confirm(self, self.tr("Release reservation"), self.tr(
                "Release {number}: {qty} of {product} goes back to available stock?").format(
                number=row.document_number, qty=qty_with_unit(row.qty, row.unit), product=row.product_name)):
            return
        self._ctx.call(stock_service.release_reservation, row.id, write=True, owner=self,
                       on_success=self._done, on_error=self._failed)

    def issue_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        qty = self.ask_issue_qty(row)
        if qty is None:
            return
        self._ctx.call(stock_service.issue_reservation, row.id, qty=qty, write=True, owner=self,
                       on_success=self._done, on_error=self._failed)

    def ask_issue_qty(self, row) -> Decimal | None:
        """How much of the reservation to issue (all of it offered); None when cancelled."""
        dialog = IssueReservationDialog(row, self)
        return dialog.qty() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _done(self, document) -> None:
        self.refresh()
        self.completed.emit(document)
        inform(self, self.tr("Done"), self.tr("Saved as document {0}.").format(document.number))

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        show_error(self, error)
        self.refresh()
