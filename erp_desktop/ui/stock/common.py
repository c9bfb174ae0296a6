"""Shared bits of the stock area: labels and colours of statuses, the catalogue the pickers use,
field errors next to their inputs."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from erp_desktop.domain.stock import Quality, ReservationStatus, Unit
from erp_desktop.printing.stock_reports import category_label, kind_label, quality_label  # noqa: F401 (shared labels)
from erp_desktop.printing.values import label_text
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.formatting import fmt_decimal, fmt_qty
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.live import follow_changes

QUALITY_COLORS = {
    Quality.APPROVED: "#1b7f3b",
    Quality.PENDING: "#a05a00",
    Quality.QUARANTINE: "#7a3db8",
    Quality.REJECTED: "#b00020",
}
BELOW_MINIMUM_BACKGROUND = "#fde4e2"
MUTED = "#6b7280"
WARNING = "#b45309"


translate = QCoreApplication.translate


def quality_color(quality: Quality | str | None) -> str | None:
    return QUALITY_COLORS.get(Quality(quality)) if quality else None


def status_label(status: ReservationStatus | str) -> str:
    return {
        ReservationStatus.OPEN: translate("stock", "Open"),
        ReservationStatus.ISSUED: translate("stock", "Issued"),
        ReservationStatus.RELEASED: translate("stock", "Released"),
    }[ReservationStatus(status)]


def qty_with_unit(qty: Decimal | None, unit: Unit | str) -> str:
    return "" if qty is None else f"{fmt_qty(qty)} {label_text(Unit(unit).label)}"


def fmt_cost(value: Decimal | None) -> str:
    return fmt_decimal(value, 4)


def fmt_value(value: Decimal | None) -> str:
    """Stock values to the cent on screen; exports and reports keep every place (RAW_ROLE)."""
    return fmt_decimal(value, 2)


class Catalog(QObject):
    """Products, warehouses and suppliers for pickers and filters, kept fresh from ctx.changes."""

    changed = Signal()

    def __init__(self, ctx, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.products: list = []
        self.warehouses: list = []
        self.suppliers: list = []
        follow_changes(self, ctx.changes, self._on_change)
        self.refresh()

    def refresh(self, topics=("products", "warehouses", "suppliers")) -> None:
        calls = {"products": (stock_service.list_products, "products"),
                 "warehouses": (stock_service.list_warehouses, "warehouses"),
                 "suppliers": (stock_service.list_suppliers, "suppliers")}
        for topic in topics:
            fn, attribute = calls[topic]
            self._ctx.call(fn, include_inactive=True, owner=self,
                           on_success=lambda rows, a=attribute: self._loaded(a, rows))

    def _loaded(self, attribute: str, rows) -> None:
        setattr(self, attribute, list(rows))
        self.changed.emit()

    def _on_change(self, topic: str, _ids: list) -> None:
        if topic == "*":
            self.refresh()
        elif topic in ("products", "warehouses", "suppliers"):
            self.refresh((topic,))

    def active_products(self) -> list:
        return [p for p in self.products if p.is_active]

    def active_warehouses(self) -> list:
        return [w for w in self.warehouses if w.is_active]

    def active_suppliers(self) -> list:
        return [s for s in self.suppliers if s.is_active]

    def product(self, product_id: int | None):
        return next((p for p in self.products if p.id == product_id), None)

    def warehouse(self, warehouse_id: int | None):
        return next((w for w in self.warehouses if w.id == warehouse_id), None)


def fill_combo(combo: QComboBox, items: list[tuple[str, object]], *, keep: object = None) -> None:
    """Replace a combo's items, keeping the selected data if it is still offered."""
    current = combo.currentData() if keep is None else keep
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)
    if combo.currentData() != current:
        combo.currentIndexChanged.emit(combo.currentIndex())


class WarehouseCombo(QComboBox):
    """Active warehouses (plus an "all" entry when ``all_text`` is given), refreshed with the catalog."""

    def __init__(self, catalog: Catalog, all_text: str | None = None, parent: QWidget | None = None,
                 include_inactive: bool = False):
        super().__init__(parent)
        self._catalog = catalog
        self._all_text = all_text
        self._include_inactive = include_inactive
        self._excluded: int | None = None
        catalog.changed.connect(self._refill)
        self._refill()

    def _refill(self) -> None:
        warehouses = self._catalog.warehouses if self._include_inactive else self._catalog.active_warehouses()
        items = ([(self._all_text, None)] if self._all_text is not None else []) + [
            (w.name, w.id) for w in warehouses if w.id != self._excluded]
        fill_combo(self, items)

    def exclude(self, warehouse_id: int | None) -> None:
        """Leave this warehouse out (a transfer's target never offers its source)."""
        if warehouse_id != self._excluded:
            self._excluded = warehouse_id
            self._refill()

    def set_warehouse(self, warehouse_id: int | None) -> None:
        index = self.findData(warehouse_id)
        if index >= 0:
            self.setCurrentIndex(index)


def with_error(widget: QWidget) -> tuple[QWidget, ErrorLabel]:
    """A field with its own message line under it (a refusal shows next to the input it is about)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    error = ErrorLabel()
    layout.addWidget(error)
    return box, error
