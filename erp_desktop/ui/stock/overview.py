"""Stock overview: available, reserved, on hand and FIFO value per product and warehouse;
products below their minimum highlighted. Live: only the products a change names are fetched again."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.stock import Category
from erp_desktop.printing.stock_reports import availability_report
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.formatting import fmt_qty
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.stock.common import (
    BELOW_MINIMUM_BACKGROUND,
    MUTED,
    WarehouseCombo,
    category_label,
    fmt_value,
)
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.table_model import Column, RowsTableModel
from erp_desktop.ui.tables import fit_columns, selected_row, setup_table

PARTIAL_REFRESH_LIMIT = 20  # more products changed at once: fetch the whole table


def _below(row) -> str | None:
    return BELOW_MINIMUM_BACKGROUND if row.below_minimum else None


def _key(row) -> tuple:
    return (row.product_id, row.warehouse_id)


class StockOverview(QWidget):
    open_lots = Signal(int, object)  # product id, warehouse id or None

    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stockOverview")
        self._ctx = ctx
        self._catalog = catalog
        everywhere = self.tr("all")  # the lambdas below must not hold self
        below_color = lambda r: "#b00020" if r.below_minimum else None  # noqa: E731
        columns = [
            Column(self.tr("SKU"), lambda r: r.sku, background=_below),
            Column(self.tr("Product"), lambda r: r.product_name, background=_below),
            Column(self.tr("Category"), lambda r: r.category, text=category_label, background=_below),
            Column(self.tr("Grade"), lambda r: r.grade, background=_below),
            Column(self.tr("Size"), lambda r: r.size, background=_below),
            Column(self.tr("Warehouse"), lambda r: r.warehouse_name or everywhere, background=_below),
            Column(self.tr("Unit"), lambda r: r.unit.value, background=_below),
            Column(self.tr("Available"), lambda r: r.available, text=fmt_qty, align_right=True, color=below_color,
                   background=_below),
            Column(self.tr("Reserved"), lambda r: r.reserved, text=_blank_zero, align_right=True, background=_below),
            Column(self.tr("On hand"), lambda r: r.on_hand, text=fmt_qty, align_right=True, background=_below),
            Column(self.tr("Pending QC"), lambda r: r.pending, text=_blank_zero, align_right=True,
                   color=lambda r: "#a05a00" if r.pending else None, background=_below),
            Column(self.tr("Quarantine"), lambda r: r.quarantine, text=_blank_zero, align_right=True,
                   color=lambda r: "#7a3db8" if r.quarantine else None, background=_below),
            Column(self.tr("FIFO value"), lambda r: r.fifo_value, text=fmt_value, align_right=True, background=_below),
            Column(self.tr("Minimum"), lambda r: r.min_level, text=_blank_zero, align_right=True, background=_below),
        ]
        self.model = RowsTableModel(columns, self)
        self.table = QTableView()
        self.table.setObjectName("stockTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.doubleClicked.connect(self._double_clicked)

        self.search = QLineEdit()
        self.search.setObjectName("stockSearch")
        self.search.setPlaceholderText(self.tr("Search SKU, name, grade"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.refresh)
        self.search.textChanged.connect(lambda text: self.refresh() if not text else None)
        self.warehouse = WarehouseCombo(catalog, self.tr("All warehouses"), include_inactive=True)
        self.warehouse.setObjectName("stockWarehouse")
        self.category = QComboBox()
        self.category.setObjectName("stockCategory")
        self.category.addItem(self.tr("All categories"), None)
        for category in Category:
            self.category.addItem(category_label(category), category.value)
        self.below_only = QCheckBox(self.tr("Below minimum only"))
        self.below_only.setObjectName("belowOnly")
        self.per_warehouse = QCheckBox(self.tr("Per warehouse"))
        self.per_warehouse.setObjectName("perWarehouse")
        self.per_warehouse.setChecked(True)
        for combo in (self.warehouse, self.category):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for box in (self.below_only, self.per_warehouse):
            box.toggled.connect(lambda _c: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("stockSummary")
        self.summary.setStyleSheet(f"color: {MUTED};")

        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.warehouse, 1)
        bar.addWidget(self.category, 1)
        bar.addWidget(self.below_only)
        bar.addWidget(self.per_warehouse)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.actions = install_table_actions(self.table, title=self.tr("Stock availability"),
                                             report_builder=self.build_report)
        follow_changes(self, ctx.changes, self._on_change)
        self._fitted = False
        self.refresh()

    # --- data
    def _filters(self) -> dict:
        return dict(warehouse_id=self.warehouse.currentData(), category=self.category.currentData(),
                    search=self.search.text().strip(), only_below_minimum=self.below_only.isChecked(),
                    by_warehouse=self.per_warehouse.isChecked())

    def refresh(self) -> None:
        self._ctx.call(stock_service.list_stock, **self._filters(), on_success=self._loaded, owner=self)

    def _loaded(self, rows) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if not self._fitted and rows:
            fit_columns(self.table)
            self._fitted = True
        self._reselect(selected)
        self._update_summary()

    def _update_summary(self) -> None:
        rows = self.model.rows
        value = sum((r.fifo_value for r in rows), Decimal(0))
        below = len({r.product_id for r in rows if r.below_minimum})
        self.summary.setText(self.tr("{rows} rows, FIFO value {value}; {below} product(s) below minimum "
                                     "(highlighted)").format(rows=len(rows), value=fmt_value(value), below=below))

    def _on_change(self, topic: str, ids: list) -> None:
        if topic in ("*", "warehouses") or (topic in ("stock", "products") and
                                            (not ids or len(ids) > PARTIAL_REFRESH_LIMIT)):
            self.refresh()
        elif topic in ("stock", "products"):
            changed = tuple(sorted(self._could_show(topic, ids)))
            if not changed:
                return  # stock moved of products this view does not show (another category): nothing to fetch  # one query for all the products named (coalesced per second)
            self._ctx.call(stock_service.list_stock, product_id=changed, **self._filters(), owner=self,
                           on_success=lambda rows: self._merge(changed, rows))

    def _could_show(self, topic: str, ids: list) -> set[int]:
        """The changed products this view could show: a stock movement does not change a product's category, so
        with a category chosen the others' stock changes are none of its business (a product the catalog does not
        know yet, or a change of the product itself, is fetched)."""
        category = self.category.currentData()
        if topic != "stock" or category is None:
            return set(ids)
        return {i for i in ids if getattr(self._catalog.product(i), "category", category) == category}

    def _merge(self, product_ids: tuple[int, ...], fresh) -> None:
        """Swap in the products' fresh rows; unchanged positions are updated in place."""
        old = self.model.rows
        rows = sorted([r for r in old if r.product_id not in product_ids] + list(fresh),
                      key=lambda r: (r.sku, r.warehouse_name))
        if [_key(r) for r in rows] == [_key(r) for r in old]:
            for position, row in enumerate(rows):
                if row != old[position]:
                    self.model.replace_row(position, row)
        else:
            selected = self.selected()
            self.model.set_rows(rows)
            self._reselect(selected)
        self._update_summary()

    # --- selection
    def selected(self):
        return selected_row(self.table)

    def _reselect(self, row) -> None:
        if row is None:
            return
        for position, candidate in enumerate(self.model.rows):
            if _key(candidate) == _key(row):
                self.table.selectRow(position)
                return

    def _double_clicked(self, index) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_lots.emit(row.product_id, row.warehouse_id)

    def build_report(self):
        parts = [self.warehouse.currentText()]
        if self.category.currentData():
            parts.append(self.category.currentText())
        if self.search.text().strip():
            parts.append(self.tr("search \u201c{0}\u201d").format(self.search.text().strip()))
        if self.below_only.isChecked():
            parts.append(self.tr("below minimum only"))
        return availability_report(self.model.rows, organization=self._ctx.organization,
                                   printed_by=self._ctx.actor.full_name, subtitle=", ".join(parts))


def _blank_zero(value: Decimal | None) -> str:
    return "" if not value else fmt_qty(value)
