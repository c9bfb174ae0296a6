"""The purchasing area's service API: supplier terms and tolerances, purchase orders, receiving against them,
returns to the supplier, the QC queue and the purchasing reports.

Change notifications (``uow.changed`` topics): "purchase_orders" with order ids, and "stock" for the ledger
operations (receipts, returns, quality decisions).
"""

from erp_desktop.services.purchasing.orders import (
    PoLineInput,
    cancel_purchase_order,
    close_purchase_order,
    create_purchase_order,
    find_purchase_order,
    get_plant_tolerance,
    get_purchase_order,
    line_defaults,
    list_purchase_orders,
    list_supplier_terms,
    send_purchase_order,
    set_plant_tolerance,
    set_product_tolerance,
    set_supplier_terms,
    update_purchase_order,
)
from erp_desktop.services.purchasing.qc import decide_lots, list_qc_queue
from erp_desktop.services.purchasing.receiving import (
    ReceiptInput,
    get_receipt_note,
    list_order_receipts,
    order_for_receiving,
    receive_against_order,
    return_to_supplier,
)
from erp_desktop.services.purchasing.reports import list_late_lines, supplier_performance
from erp_desktop.services.purchasing.what_to_buy import (
    SuggestionInput,
    create_orders_from_suggestions,
    what_to_buy,
)

__all__ = [
    "PoLineInput", "ReceiptInput", "SuggestionInput", "create_orders_from_suggestions", "what_to_buy", "cancel_purchase_order", "close_purchase_order", "create_purchase_order",
    "decide_lots", "find_purchase_order", "get_plant_tolerance", "get_purchase_order", "get_receipt_note",
    "line_defaults", "list_late_lines", "list_order_receipts", "list_purchase_orders", "list_qc_queue", "list_supplier_terms",
    "order_for_receiving", "receive_against_order", "return_to_supplier", "send_purchase_order",
    "set_plant_tolerance", "set_product_tolerance", "set_supplier_terms", "supplier_performance",
    "update_purchase_order",
]
