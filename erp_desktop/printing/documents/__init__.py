"""Documents a Russian plant's office files: the goods receipt note М-4, the requisition-invoice М-11 and the
route card of ГОСТ 3.1118 (in English: receipt, issue and transfer notes, the route card)."""

from erp_desktop.printing.documents.route_card import route_card
from erp_desktop.printing.documents.stock_forms import receipt_note, requisition_invoice, stock_document

__all__ = ["receipt_note", "requisition_invoice", "route_card", "stock_document"]
