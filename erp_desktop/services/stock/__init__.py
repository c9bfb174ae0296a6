"""The stock area's service API in one place: master data, operations, queries and reports.

    from erp_desktop.services import stock
    doc = stock.issue_stock(db, actor, product_id=..., warehouse_id=..., qty=Decimal("12.5"))

Change notifications (``uow.changed`` topics): "stock" with product ids for every ledger operation,
"reservations" with reservation ids, "lots" with a lot id on a quality change, and "products",
"warehouses", "suppliers" for master data.
"""

from erp_desktop.services.labels.scan import find_by_code
from erp_desktop.services.stock.documents import get_document_sheet
from erp_desktop.services.stock.master import (
    create_product,
    create_supplier,
    create_warehouse,
    get_product,
    get_supplier,
    get_warehouse,
    list_products,
    list_suppliers,
    list_warehouses,
    set_product_active,
    set_supplier_active,
    set_warehouse_active,
    update_product,
    update_supplier,
    update_warehouse,
)
from erp_desktop.services.stock.ops import (
    ReceiptLine,
    adjust_lot,
    change_quality,
    change_quality_of_lots,
    issue_reservation,
    issue_stock,
    preview_issue,
    receive_lines,
    receive_stock,
    release_reservation,
    reserve_stock,
    transfer_stock,
)
from erp_desktop.services.stock.reports import (
    count_movements,
    get_document,
    get_journal,
    get_lot,
    get_lots,
    get_reservation,
    get_stock_card,
    get_stock_level_series,
    get_valuation,
    list_critical_stock,
    list_lots,
    list_movements,
    list_reservations,
    list_stock,
    merge_product_lots,
)

__all__ = [
    "ReceiptLine", "adjust_lot", "change_quality", "change_quality_of_lots", "count_movements", "create_product",
    "create_supplier", "create_warehouse", "find_by_code", "get_document", "get_document_sheet", "get_journal",
    "get_lot", "get_lots", "get_product", "get_reservation", "get_stock_card",
    "get_stock_level_series", "get_supplier", "get_valuation", "get_warehouse", "issue_reservation", "issue_stock",
    "list_critical_stock", "list_lots", "merge_product_lots", "list_movements",
    "list_products", "list_reservations", "list_stock",
    "list_suppliers", "list_warehouses", "preview_issue", "receive_lines", "receive_stock", "release_reservation", "reserve_stock",
    "set_product_active", "set_supplier_active", "set_warehouse_active", "transfer_stock", "update_product",
    "update_supplier", "update_warehouse",
]
