"""A product's stock level over time (pyqtgraph step chart) with its minimum level."""

from __future__ import annotations

from datetime import datetime

import pyqtgraph as pg
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from erp_desktop.services import stock as stock_service
from erp_desktop.ui.formatting import date_edit_format
from erp_desktop.ui.live import AGGREGATE_INTERVAL_MS, AGGREGATE_MAX_INTERVAL_MS, follow_changes
from erp_desktop.ui.stock.common import MUTED, WarehouseCombo, qty_with_unit
from erp_desktop.ui.stock.pickers import ProductField


class StockChart(QWidget):
    def __init__(self, ctx, catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stockChart")
        self._ctx = ctx
        self.series = None
        self.product = ProductField(ctx, catalog, object_name="chartProduct")
        self.warehouse = WarehouseCombo(catalog, self.tr("All warehouses"), include_inactive=True)
        self.warehouse.setObjectName("chartWarehouse")
        self.date_from = QDateEdit(QDate.currentDate().addDays(-180))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
        show = QPushButton(self.tr("Show"))
        show.setObjectName("chartShow")
        show.clicked.connect(self.load)
        self.product.product_changed.connect(lambda p: self.load() if p else None)
        self.warehouse.currentIndexChanged.connect(lambda _i: self.load())
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.setObjectName("chartPlot")
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setMenuEnabled(False)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setPen(pg.mkPen("#555"))
            self.plot.getAxis(axis).setTextPen(pg.mkPen("#333"))
        self.caption = QLabel(self.tr("Choose a product to see its stock level over time."))
        self.caption.setObjectName("chartCaption")
        self.caption.setStyleSheet(f"color: {MUTED};")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Product")))
        bar.addWidget(self.product, 3)
        bar.addWidget(self.warehouse, 1)
        bar.addWidget(QLabel(self.tr("From")))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.date_to)
        bar.addWidget(show)
        bar.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)
        follow_changes(self, ctx.changes, self._on_change, interval_ms=AGGREGATE_INTERVAL_MS,
                       max_interval_ms=AGGREGATE_MAX_INTERVAL_MS)

    def load(self) -> None:
        product = self.product.product
        if product is None:
            return
        self._ctx.call(stock_service.get_stock_level_series, product_id=product.id,
                       warehouse_id=self.warehouse.currentData(), date_from=self.date_from.date().toPython(),
                       date_to=self.date_to.date().toPython(), owner=self, on_success=self._draw)

    def _draw(self, series) -> None:
        self.series = series
        self.plot.clear()
        product = self.product.product
        if not series.points:
            self.caption.setText(self.tr("No movements of this product in the period."))
            return
        # floats only to draw: the figures shown as text stay exact Decimals
        edges = [p.at.timestamp() for p in series.points] + [datetime.now().astimezone().timestamp()]
        levels = [float(p.on_hand) for p in series.points]
        self.plot.plot(edges, levels, stepMode="center", pen=pg.mkPen("#1d4ed8", width=2))
        if series.min_level:
            line = pg.InfiniteLine(pos=float(series.min_level), angle=0,
                                   pen=pg.mkPen("#b00020", width=1, style=Qt.PenStyle.DashLine),
                                   label=self.tr("minimum {0}").format(qty_with_unit(series.min_level, series.unit)),
                                   labelOpts={"position": 0.05, "color": "#b00020", "anchors": [(0, 1), (0, 1)]})
            self.plot.addItem(line)
        self.plot.setLabel("left", series.unit.value)
        last = series.points[-1]
        self.caption.setText(self.tr("{name}: {level} now; lowest {low}, highest {high} in the period.").format(
            name=product.name if product else "", level=qty_with_unit(last.on_hand, series.unit),
            low=qty_with_unit(min(p.on_hand for p in series.points), series.unit),
            high=qty_with_unit(max(p.on_hand for p in series.points), series.unit)))

    def _on_change(self, topic: str, ids: list) -> None:
        product = self.product.product
        if product is not None and (topic == "*" or (topic == "stock" and (not ids or product.id in ids))):
            self.load()

    def smoke(self) -> None:
        products = self.product._catalog.active_products()
        if products:
            self.product.set_product(products[0])
        if self.series is None:
            raise AssertionError("the stock chart drew nothing")
