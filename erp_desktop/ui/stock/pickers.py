"""Product and lot fields for clerks: type or pick from a completer, or scan a barcode (the scanner
types a label code such as L000123, a SKU or a lot number and presses Enter, on any keyboard layout;
the code is resolved by the scan service's find_by_code)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from erp_desktop.errors import ErpError
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.forms import ErrorLabel
from erp_desktop.ui.stock.common import MUTED, Catalog, qty_with_unit, quality_label


def product_text(product) -> str:
    return f"{product.sku} \u2014 {product.name}"


class ProductField(QWidget):
    """A SKU/name line with completion. ``product`` is the chosen ProductDTO (None until resolved).

    Signals: product_changed(product or None); lot_scanned(LotDTO) when the code was a lot number
    (dialogs take its warehouse or the lot itself); resolved() after Enter found something, so a
    dialog moves the focus on.
    """

    product_changed = Signal(object)
    lot_scanned = Signal(object)
    resolved = Signal()

    def __init__(self, ctx, catalog: Catalog, parent: QWidget | None = None, *, object_name: str = "productField"):
        super().__init__(parent)
        self._ctx = ctx
        self._catalog = catalog
        self.product = None
        self.edit = QLineEdit()
        self.edit.setObjectName(object_name)
        self.edit.setPlaceholderText(self.tr("Scan or type a SKU, a name or a lot number"))
        self.edit.setClearButtonEnabled(True)
        self._by_text: dict[str, object] = {}
        self._completion = QStringListModel(self)
        completer = QCompleter(self._completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        completer.activated[str].connect(self._completed)
        self.edit.setCompleter(completer)
        self.info = QLabel()
        self.info.setObjectName("productInfo")
        self.info.setStyleSheet(f"color: {MUTED};")
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.returnPressed.connect(lambda: self.resolve(self.edit.text()))
        self.edit.textEdited.connect(self._edited)
        catalog.changed.connect(self._refill)
        self._refill()

    def _refill(self) -> None:
        products = self._catalog.active_products()
        self._by_text = {product_text(p): p for p in products}
        self._completion.setStringList(list(self._by_text))
        if self.product is not None:  # a renamed product keeps its choice, with the new text
            fresh = self._catalog.product(self.product.id)
            if fresh is not None and fresh != self.product:
                self.set_product(fresh)

    def _edited(self, _text: str) -> None:
        self.error.clear_message()
        if self.product is not None:
            self.product = None
            self.info.clear()
            self.product_changed.emit(None)

    def _completed(self, text: str) -> None:
        product = self._by_text.get(text)
        if product is not None:
            self.set_product(product)
            self.resolved.emit()

    def set_product(self, product) -> None:
        changed = product != self.product
        self.product = product
        self.error.clear_message()
        self.edit.setText(product_text(product) if product else "")
        self.info.setText(self._describe(product) if product else "")
        if changed:
            self.product_changed.emit(product)

    def set_product_id(self, product_id: int | None) -> None:
        self.set_product(self._catalog.product(product_id))

    def _describe(self, product) -> str:
        details = [product.unit.value]
        if product.grade:
            details.append(self.tr("grade {0}").format(product.grade))
        if product.size:
            details.append(self.tr("size {0}").format(product.size))
        if product.min_level:
            details.append(self.tr("minimum {0}").format(qty_with_unit(product.min_level, product.unit)))
        return ", ".join(details)

    def resolve(self, text: str) -> None:
        """Enter (or a scanner's Enter): the completion text, else a code for find_by_code."""
        text = text.strip()
        if self.product is not None and text == product_text(self.product):
            self.resolved.emit()
            return
        known = self._by_text.get(text)
        if known is not None:
            self.set_product(known)
            self.resolved.emit()
            return
        if not text:
            self.error.show_message(self.tr("Scan or type a SKU or a lot number."))
            return
        self._ctx.call(stock_service.find_by_code, text, on_success=self._found, on_error=self._not_found, owner=self)

    def _found(self, match) -> None:
        if match.product is None:
            self.error.show_message(self.tr("Lot {0} holds several products; choose the product.").format(match.code))
            return
        self.set_product(match.product)
        if match.lots:
            self.lot_scanned.emit(match.lots[0])
        self.resolved.emit()

    def _not_found(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))


def lot_text(lot) -> str:
    return (f"{lot.lot_number} \u2014 {lot.warehouse_name}, {qty_with_unit(lot.on_hand, lot.unit)}, "
            f"{quality_label(lot.quality)}")


class LotPicker(QWidget):
    """Scan or type a lot number (Enter), then choose among the lots carrying it (a transfer keeps the
    number, so one number may be in several warehouses). ``lot`` is the chosen LotDTO."""

    lot_changed = Signal(object)
    resolved = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.lot = None
        self.edit = QLineEdit()
        self.edit.setObjectName("lotCode")
        self.edit.setPlaceholderText(self.tr("Scan or type the lot number"))
        self.edit.setClearButtonEnabled(True)
        self._numbers = QStringListModel(self)
        completer = QCompleter(self._numbers, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated[str].connect(self.resolve)
        self.edit.setCompleter(completer)
        self.choice = QComboBox()
        self.choice.setObjectName("lotChoice")
        self.choice.currentIndexChanged.connect(self._chosen)
        self.choice.hide()
        self.info = QLabel()
        self.info.setObjectName("lotInfo")
        self.info.setStyleSheet(f"color: {MUTED};")
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.choice, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.returnPressed.connect(lambda: self.resolve(self.edit.text()))
        ctx.call(stock_service.list_lots, has_stock=True, owner=self,
                 on_success=lambda lots: self._numbers.setStringList(sorted({lot.lot_number for lot in lots})))

    def set_lot(self, lot) -> None:
        self.edit.setText(lot.lot_number if lot else "")
        self._offer([lot] if lot else [])

    def resolve(self, text: str) -> None:
        text = text.strip()
        self.error.clear_message()
        if not text:
            self.error.show_message(self.tr("Scan or type the lot number."))
            return
        self._ctx.call(stock_service.find_by_code, text, on_success=self._found, on_error=self._failed, owner=self)

    def _found(self, match) -> None:
        if not match.lots:
            self.error.show_message(self.tr("{0} is a product SKU, not a lot number. Scan the lot's label.")
                                    .format(match.code))
            return
        self._offer(list(match.lots))
        self.resolved.emit()

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        self.error.show_message(error_text(error))

    def _offer(self, lots: list) -> None:
        self.choice.blockSignals(True)
        self.choice.clear()
        for lot in lots:
            self.choice.addItem(lot_text(lot), lot)
        self.choice.blockSignals(False)
        self.choice.setVisible(len(lots) > 1)
        self._chosen(0 if lots else -1)

    def _chosen(self, index: int) -> None:
        lot = self.choice.itemData(index) if index >= 0 else None
        self.lot = lot
        self.info.setText(self._describe(lot) if lot else "")
        self.lot_changed.emit(lot)

    def _describe(self, lot) -> str:
        return self.tr("{product} ({sku}) in {warehouse}: on hand {on_hand}, reserved {reserved}, {quality}").format(
            product=lot.product_name, sku=lot.sku, warehouse=lot.warehouse_name,
            on_hand=qty_with_unit(lot.on_hand, lot.unit), reserved=qty_with_unit(lot.reserved, lot.unit),
            quality=quality_label(lot.quality))


class PartCombo(QComboBox):
    """Parts still planned or in work (the part an issue or a reservation is for), or none."""

    def __init__(self, ctx, none_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("partCombo")
        self.addItem(none_text, None)
        from erp_desktop.services.production import parts as parts_service

        ctx.call(parts_service.list_parts, status=["planned", "in_progress"], sort="code", limit=1000, owner=self,
                 on_success=self._loaded)

    def _loaded(self, page) -> None:
        for part in page.rows:
            self.addItem(f"{part.code} \u2014 {part.name}", part.id)
