"""Lots: filter by product, warehouse and quality status (in colour), FIFO order per product."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.roles import Op
from erp_desktop.domain.stock import Quality
from erp_desktop.errors import ErpError
from erp_desktop.printing.labels import lot_label
from erp_desktop.printing.values import label_text
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.errors import confirm, inform, show_error, user_text
from erp_desktop.ui.export import model_report
from erp_desktop.ui.formatting import fmt_date, fmt_qty
from erp_desktop.ui.labels.print_dialog import open_label_dialog, selected_rows
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.stock.common import (
    MUTED,
    WarehouseCombo,
    fill_combo,
    fmt_cost,
    fmt_value,
    quality_color,
    quality_label,
)
from erp_desktop.ui.stock.pickers import product_text
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, selected_row, setup_table


class ProductFilter(QComboBox):
    """All products or one; type to find (SKU or name)."""

    def __init__(self, catalog, all_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._catalog = catalog
        self._all_text = all_text
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(24)
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        catalog.changed.connect(self._refill)
        self._refill()

    def _refill(self) -> None:
        fill_combo(self, [(self._all_text, None)] + [(product_text(p), p.id) for p in self._catalog.products])

    def set_product(self, product_id: int | None) -> None:
        index = self.findData(product_id)
        if index >= 0:
            self.setCurrentIndex(index)


class LotsView(QWidget):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lotsView")
        self._ctx = ctx
        self._catalog = catalog
        quality = lambda lot: quality_color(lot.quality)  # noqa: E731
        columns = [
            Column(self.tr("Lot"), lambda lot: lot.lot_number),
            Column(self.tr("SKU"), lambda lot: lot.sku),
            Column(self.tr("Product"), lambda lot: lot.product_name),
            Column(self.tr("Warehouse"), lambda lot: lot.warehouse_name),
            Column(self.tr("Status"), lambda lot: lot.quality, text=quality_label, color=quality),
            Column(self.tr("Received"), lambda lot: lot.received_at.astimezone().date(), text=fmt_date),
            Column(self.tr("Unit"), lambda lot: label_text(lot.unit.label)),
            Column(self.tr("Received qty"), lambda lot: lot.qty_received, text=fmt_qty, align_right=True),
            Column(self.tr("On hand"), lambda lot: lot.on_hand, text=fmt_qty, align_right=True),
            Column(self.tr("Reserved"), lambda lot: lot.reserved, text=lambda v: fmt_qty(v) if v else "",
                   align_right=True),
            Column(self.tr("Available"), lambda lot: lot.available, text=fmt_qty, align_right=True, color=quality),
            Column(self.tr("Unit cost"), lambda lot: lot.unit_cost, text=fmt_cost, align_right=True),
            Column(self.tr("Value"), lambda lot: lot.value, text=fmt_value, align_right=True),
            Column(self.tr("Supplier"), lambda lot: lot.supplier_name),
            Column(self.tr("Certificate"), lambda lot: lot.certificate),
        ]
        self.model = RowsTableModel(columns, self)
        self.table = QTableView()
        self.table.setObjectName("lotsTable")
        self.table.setModel(self.model)
        setup_table(self.table, single=False)  # several lots at once for labels

        self.product = ProductFilter(catalog, self.tr("All products"))
        self.product.setObjectName("lotsProduct")
        self.warehouse = WarehouseCombo(catalog, self.tr("All warehouses"), include_inactive=True)
        self.warehouse.setObjectName("lotsWarehouse")
        self.quality = QComboBox()
        self.quality.setObjectName("lotsQuality")
        self.quality.addItem(self.tr("All statuses"), None)
        for status in Quality:
            self.quality.addItem(quality_label(status), status.value)
            self.quality.setItemData(self.quality.count() - 1, QBrush(QColor(quality_color(status))),
                                     Qt.ItemDataRole.ForegroundRole)
        self.with_stock = QCheckBox(self.tr("With stock only"))
        self.with_stock.setObjectName("lotsWithStock")
        self.with_stock.setChecked(True)
        for combo in (self.product, self.warehouse, self.quality):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.with_stock.toggled.connect(lambda _c: self.refresh())
        self.summary = QLabel()
        self.summary.setStyleSheet(f"color: {MUTED};")
        bar = QHBoxLayout()
        bar.addWidget(self.product, 2)
        bar.addWidget(self.warehouse, 1)
        bar.addWidget(self.quality, 1)
        bar.addWidget(self.with_stock)
        bar.addStretch(1)
        self.labels_button = QPushButton(self.tr("Print labels..."))
        self.labels_button.setObjectName("printLotLabels")
        self.labels_button.setToolTip(self.tr("Labels with barcodes for the selected lots"))
        self.labels_button.clicked.connect(self.print_labels)
        bar.addWidget(self.labels_button)
        self.approve_button = QPushButton(self.tr("Approve selected..."))
        self.approve_button.setObjectName("approveLots")
        self.approve_button.setToolTip(self.tr("Quality control: approve the selected lots at once (each lot gets "
                                               "its own QC document)"))
        self.approve_button.clicked.connect(self.approve_selected)
        self.approve_button.setVisible(ctx.actor.can(Op.CHANGE_QUALITY))
        bar.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.actions = install_table_actions(self.table, title=self.tr("Lots"), report_builder=self.build_report)
        follow_changes(self, ctx.changes, self._on_change)
        self._fitted = False
        self._select_when_loaded: int | None = None
        self.refresh()

    def show_product(self, product_id: int | None, warehouse_id: int | None, *, lot=None) -> None:
        """Filter to a product and/or warehouse; with ``lot`` (a LotDTO), that lot is selected once listed."""
        self._select_when_loaded = lot.id if lot is not None else None
        if lot is not None and lot.on_hand == 0:
            self.with_stock.blockSignals(True)
            self.with_stock.setChecked(False)
            self.with_stock.blockSignals(False)
        self.quality.blockSignals(True)
        self.quality.setCurrentIndex(0)
        self.quality.blockSignals(False)
        self.product.blockSignals(True)
        self.warehouse.blockSignals(True)
        self.product.set_product(product_id)
        self.warehouse.set_warehouse(warehouse_id)
        self.product.blockSignals(False)
        self.warehouse.blockSignals(False)
        self.refresh()

    def _filters(self) -> dict:
        return dict(product_id=self.product.currentData(), warehouse_id=self.warehouse.currentData(),
                    quality=self.quality.currentData(), has_stock=self.with_stock.isChecked())

    def refresh(self) -> None:
        self._ctx.call(stock_service.list_lots, **self._filters(), on_success=self._loaded, owner=self)

    def _loaded(self, lots) -> None:
        selected = self.selected()
        self.model.set_rows(lots)
        if not self._fitted and lots:
            fit_columns(self.table)
            self._fitted = True
        if self._select_when_loaded is not None:
            self._select_id(self._select_when_loaded)
            self._select_when_loaded = None
        elif selected is not None:
            self._select_id(selected.id)
        self.summary.setText(self.tr("{count} lots").format(count=len(lots)))

    LIMIT = 5000  # list_lots' limit: a list that long may lack lots, and is read whole

    def _on_change(self, topic: str, ids: list) -> None:
        """A change naming products (stock moved) reads only their lots and puts them in place; one naming lots
        (quality, adjustments) reads the shown ones among them in one go; "all" or a change naming nothing reads
        the list."""
        if topic == "*" or (topic in ("stock", "lots") and not ids):
            self.refresh()
        elif topic == "stock":
            product_filter = self.product.currentData()
            products = sorted(ids) if product_filter is None else [p for p in ids if p == product_filter]
            if not products:
                return
            if len(self.model.rows) >= self.LIMIT:
                self.refresh()
                return
            filters = self._filters()
            read = {k: v for k, v in filters.items() if k != "product_id"}
            self._ctx.call(stock_service.list_lots, product_ids=products, **read, owner=self,
                           on_success=lambda lots: self._merge(products, filters, lots))
        elif topic == "lots":
            shown = {lot.id for lot in self.model.rows}
            named = [lot_id for lot_id in ids if lot_id in shown]
            if named:
                self._ctx.call(stock_service.get_lots, named, on_success=self._replace_lots, owner=self)

    def _merge(self, products: list, filters: dict, lots) -> None:
        if self._filters() != filters:
            return  # the filters changed meanwhile: their own read fills the list
        merged = stock_service.merge_product_lots(list(self.model.rows), products, lots)
        if merged is None:
            self.refresh()  # a product not listed before has lots now: its place is the server's to tell
        else:
            self._loaded(merged)

    def _replace_lots(self, lots) -> None:
        for lot in lots:
            self._replace(lot)

    def _replace(self, lot) -> None:
        for position, row in enumerate(self.model.rows):
            if row.id == lot.id:
                self.model.replace_row(position, lot)

    def selected(self):
        return selected_row(self.table)

    def print_labels(self):
        """The label dialog for the selected lots (all shown lots when none is selected)."""
        lots = selected_rows(self.table) or list(self.model.rows)
        if not lots:
            return None
        labels = [lot_label(lot, self._catalog.product(lot.product_id)) for lot in lots]
        return open_label_dialog(self, labels, self.tr("Lot labels"))

    def approve_selected(self) -> None:
        """Approve every selected lot not approved yet: one QC- document per lot; refused lots are listed."""
        lots = [lot for lot in selected_rows(self.table) if lot.quality != Quality.APPROVED]
        if not lots:
            inform(self, self.tr("Approve lots"), self.tr("Select the pending or quarantined lots to approve."))
            return
        numbers = ", ".join(lot.lot_number for lot in lots)
        if not confirm(self, self.tr("Approve lots"), self.tr(
                "Approve {count} lot(s): {numbers}? Approved stock can be issued.").format(
                count=len(lots), numbers=numbers)):
            return
        self.approve_button.setEnabled(False)
        self._approving = {lot.id: lot.lot_number for lot in lots}
        self._ctx.call(stock_service.change_quality_of_lots, lot_ids=[lot.id for lot in lots],
                       quality=Quality.APPROVED.value, write=True, owner=self, on_success=self._approved,
                       on_error=self._approve_failed)

    def _approved(self, result) -> None:
        self.approve_button.setEnabled(True)
        self.refresh()
        numbers = self._approving
        lines = [self.tr("Approved {count} lot(s): {documents}.").format(
            count=len(result.documents), documents=", ".join(d.number for d in result.documents) or "-")]
        for lot_id, reason in result.refused:
            lines.append(self.tr("Not approved: lot {lot}: {reason}").format(
                lot=numbers.get(lot_id, f"#{lot_id}"), reason=user_text(reason)))
        inform(self, self.tr("Approve lots"), "\n".join(lines))

    def _approve_failed(self, error: Exception) -> None:
        self.approve_button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        show_error(self, error)

    def _select_id(self, lot_id: int) -> None:
        for position, row in enumerate(self.model.rows):
            if row.id == lot_id:
                self.table.selectRow(position)
                self.table.scrollTo(self.model.index(position, 0))
                return

    def build_report(self):
        subtitle = ", ".join(c.currentText() for c in (self.product, self.warehouse, self.quality))
        return model_report(self.model, title=self.tr("Lots"), organization=self._ctx.organization,
                            subtitle=subtitle, printed_by=self._ctx.actor.full_name, landscape=True)
