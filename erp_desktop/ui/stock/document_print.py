"""Print a stock document's paper form (М-4 for a receipt, М-11 for an issue or a transfer; receipt, issue
and transfer notes in English): a Print document button with Preview / Print / Save as PDF, its data fetched
off the GUI thread (services.stock.get_document_sheet)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QToolButton, QWidget

from erp_desktop.domain.stock import DocumentKind
from erp_desktop.printing.documents import stock_document
from erp_desktop.services import stock as stock_service
from erp_desktop.ui.report_actions import report_button

translate = QCoreApplication.translate

PRINTABLE_KINDS = frozenset({DocumentKind.RECEIPT, DocumentKind.ISSUE, DocumentKind.TRANSFER})
# the movements whose document has a paper form
PRINTABLE_PREFIXES = tuple(kind.prefix + "-" for kind in PRINTABLE_KINDS)

# the chosen document: (id, number), or None when there is none to print
Chosen = Callable[[], tuple[int, str] | None]


def has_paper_form(document_number: str) -> bool:
    return document_number.upper().startswith(PRINTABLE_PREFIXES)


def document_request(chosen: Chosen):
    def request():
        document = chosen()
        if document is None:
            return None
        return stock_service.get_document_sheet, dict(document_id=document[0])
    return request


def document_builder(ctx):
    return lambda sheet: stock_document(sheet, printed_by=ctx.actor.full_name)


def document_button(ctx, owner: QWidget, chosen: Chosen, name: str = "printDocumentButton") -> QToolButton:
    """Print document: Print preview..., Print..., Save as PDF... of the chosen document's form."""
    button = report_button(ctx, owner, translate("stock_documents", "Print document"), name,
                           document_request(chosen), document_builder(ctx),
                           title=lambda: (chosen() or (0, "document"))[1])
    button.setToolTip(translate("stock_documents", "The document's paper form: goods receipt note (М-4) for "
                                                   "a receipt, requisition-invoice (М-11) for an issue or a "
                                                   "transfer"))
    return button
