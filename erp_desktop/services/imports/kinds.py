"""What can be imported and which columns each kind has; the first guess of the column mapping from headers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from erp_desktop.domain.roles import Op
from erp_desktop.domain.text import fold
from erp_desktop.errors import QT_TRANSLATE_NOOP


class ImportKind(StrEnum):
    # in the order an import applies them: what later kinds refer to comes first
    WAREHOUSES = "warehouses"
    SUPPLIERS = "suppliers"
    PRODUCTS = "products"
    BOMS = "boms"
    PARTS = "parts"
    OPENING_STOCK = "opening_stock"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def op(self) -> Op:
        return KIND_OPS[self]


KIND_LABELS = {
    ImportKind.WAREHOUSES: QT_TRANSLATE_NOOP("enums", "Warehouses"),
    ImportKind.SUPPLIERS: QT_TRANSLATE_NOOP("enums", "Suppliers"),
    ImportKind.PRODUCTS: QT_TRANSLATE_NOOP("enums", "Products"),
    ImportKind.BOMS: QT_TRANSLATE_NOOP("enums", "Bills of materials"),
    ImportKind.PARTS: QT_TRANSLATE_NOOP("enums", "Parts with routes"),
    ImportKind.OPENING_STOCK: QT_TRANSLATE_NOOP("enums", "Opening stock"),
}

KIND_OPS = {
    ImportKind.WAREHOUSES: Op.MANAGE_STOCK_MASTER_DATA,
    ImportKind.SUPPLIERS: Op.MANAGE_SUPPLIERS,
    ImportKind.PRODUCTS: Op.MANAGE_STOCK_MASTER_DATA,
    ImportKind.BOMS: Op.MANAGE_BOMS,
    ImportKind.PARTS: Op.EDIT_PARTS,
    ImportKind.OPENING_STOCK: Op.RECEIVE_STOCK,
}


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # QT_TRANSLATE_NOOP("enums", ...): the UI translates it
    required: bool
    aliases: tuple[str, ...]  # headers (folded) that name this field, English and Russian


def _f(name: str, label: str, required: bool, *aliases: str) -> Field:
    return Field(name, label, required, tuple(fold(a) for a in (name, *aliases)))


FIELDS: dict[ImportKind, tuple[Field, ...]] = {
    ImportKind.WAREHOUSES: (
        _f("code", QT_TRANSLATE_NOOP("enums", "Warehouse code"), True, "warehouse code", "код", "код склада"),
        _f("name", QT_TRANSLATE_NOOP("enums", "Warehouse name"), True, "warehouse", "склад", "название",
           "наименование"),
    ),
    ImportKind.SUPPLIERS: (
        _f("name", QT_TRANSLATE_NOOP("enums", "Supplier name"), True, "supplier", "поставщик", "название",
           "наименование"),
        _f("contact", QT_TRANSLATE_NOOP("enums", "Contact"), False, "контакт", "контакты", "phone", "телефон"),
    ),
    ImportKind.PRODUCTS: (
        _f("sku", QT_TRANSLATE_NOOP("enums", "SKU"), True, "артикул", "код", "code"),
        _f("name", QT_TRANSLATE_NOOP("enums", "Product name"), True, "product", "наименование", "название",
           "номенклатура"),
        _f("unit", QT_TRANSLATE_NOOP("enums", "Unit"), True, "ед.", "ед", "ед. изм.", "единица"),
        _f("category", QT_TRANSLATE_NOOP("enums", "Category"), True, "категория"),
        _f("grade", QT_TRANSLATE_NOOP("enums", "Material grade"), False, "марка", "марка материала"),
        _f("size", QT_TRANSLATE_NOOP("enums", "Size"), False, "размер", "типоразмер"),
        _f("min_level", QT_TRANSLATE_NOOP("enums", "Minimum level"), False, "minimum", "min", "минимум",
           "мин. остаток", "минимальный остаток"),
    ),
    ImportKind.BOMS: (
        _f("product", QT_TRANSLATE_NOOP("enums", "Product SKU"), True, "product sku", "made product", "изделие",
           "артикул изделия", "продукт"),
        _f("revision", QT_TRANSLATE_NOOP("enums", "Revision"), False, "rev", "ревизия", "редакция"),
        _f("component", QT_TRANSLATE_NOOP("enums", "Component SKU"), True, "component sku", "компонент",
           "артикул компонента", "материал"),
        _f("qty_per_unit", QT_TRANSLATE_NOOP("enums", "Quantity per unit"), False, "per unit", "qty per unit",
           "кол-во на ед.", "кол-во на ед", "количество на единицу", "на ед."),
        _f("fixed_qty", QT_TRANSLATE_NOOP("enums", "Fixed quantity per order"), False, "per order", "fixed",
           "на заказ", "кол-во на заказ", "постоянное количество"),
        _f("scrap_percent", QT_TRANSLATE_NOOP("enums", "Scrap %"), False, "scrap", "отход %", "отход", "отходы %",
           "потери %"),
        _f("sourcing", QT_TRANSLATE_NOOP("enums", "Make or buy"), False, "make/buy", "изготовить/купить",
           "источник", "обеспечение"),
        _f("note", QT_TRANSLATE_NOOP("enums", "Note"), False, "примечание", "комментарий"),
    ),
    ImportKind.PARTS: (
        _f("code", QT_TRANSLATE_NOOP("enums", "Drawing number"), True, "drawing", "part code", "код",
           "обозначение", "чертёж", "чертеж"),
        _f("name", QT_TRANSLATE_NOOP("enums", "Part name"), True, "part", "наименование", "название", "деталь"),
        _f("planned_qty", QT_TRANSLATE_NOOP("enums", "Planned quantity"), True, "planned", "qty", "quantity",
           "план", "количество", "кол-во"),
        _f("route", QT_TRANSLATE_NOOP("enums", "Route (stage codes)"), True, "stages", "маршрут", "этапы"),
        _f("customer", QT_TRANSLATE_NOOP("enums", "Customer"), False, "заказчик"),
        _f("deadline", QT_TRANSLATE_NOOP("enums", "Deadline"), False, "due", "срок"),
        _f("priority", QT_TRANSLATE_NOOP("enums", "Priority"), False, "приоритет"),
    ),
    ImportKind.OPENING_STOCK: (
        _f("sku", QT_TRANSLATE_NOOP("enums", "SKU"), True, "product", "артикул", "товар"),
        _f("warehouse", QT_TRANSLATE_NOOP("enums", "Warehouse code"), True, "warehouse code", "склад",
           "код склада"),
        _f("lot_number", QT_TRANSLATE_NOOP("enums", "Lot number"), True, "lot", "партия", "номер партии"),
        _f("received", QT_TRANSLATE_NOOP("enums", "Received date"), True, "received at", "received date", "date",
           "дата", "дата поступления", "дата прихода"),
        _f("qty", QT_TRANSLATE_NOOP("enums", "Quantity"), True, "quantity", "количество", "кол-во", "остаток"),
        _f("unit_cost", QT_TRANSLATE_NOOP("enums", "Unit cost"), True, "cost", "price", "цена", "себестоимость"),
        _f("quality", QT_TRANSLATE_NOOP("enums", "Quality"), False, "quality status", "качество", "статус"),
        _f("certificate", QT_TRANSLATE_NOOP("enums", "Certificate or heat number"), False, "certificate",
           "heat", "сертификат", "плавка"),
        _f("supplier", QT_TRANSLATE_NOOP("enums", "Supplier name"), False, "поставщик"),
    ),
}

# sheet names that say which kind a sheet holds (a workbook with one sheet per kind)
_SHEET_NAMES = {
    ImportKind.WAREHOUSES: ("warehouses", "warehouse", "склады", "склад"),
    ImportKind.SUPPLIERS: ("suppliers", "supplier", "поставщики"),
    ImportKind.PRODUCTS: ("products", "product", "номенклатура", "товары", "материалы"),
    ImportKind.BOMS: ("boms", "bom", "bill of materials", "bills of materials", "спецификации", "спецификация",
                      "состав изделий"),
    ImportKind.PARTS: ("parts", "детали"),
    ImportKind.OPENING_STOCK: ("opening stock", "opening_stock", "stock", "lots", "остатки", "начальные остатки",
                               "партии"),
}


def guess_kind(sheet_name: str, headers=()) -> ImportKind | None:
    """The kind a sheet's name says, else the kind whose required columns its headers all name (the one with
    most columns named when several do); None when neither tells."""
    name = fold(sheet_name.strip())
    for kind, names in _SHEET_NAMES.items():
        if name in names:
            return kind
    best, best_count = None, 0
    for kind, fields in FIELDS.items():
        mapping = guess_mapping(kind, headers)
        if all(f.name in mapping for f in fields if f.required) and len(mapping) > best_count:
            best, best_count = kind, len(mapping)
    return best


def guess_mapping(kind: ImportKind, headers, remembered: dict[str, str] | None = None) -> dict[str, int]:
    """field name -> column index: a header remembered for the field first, then its known names."""
    folded = [fold(str(h).strip()) for h in headers]
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for field in FIELDS[kind]:
        wanted = []
        if remembered and remembered.get(field.name):
            wanted.append(fold(remembered[field.name].strip()))
        wanted.extend(field.aliases)
        for name in wanted:
            if name in folded and folded.index(name) not in taken:
                mapping[field.name] = folded.index(name)
                taken.add(mapping[field.name])
                break
    return mapping
