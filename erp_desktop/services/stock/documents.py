"""A stock document as it is printed (goods receipt note, requisition-invoice): the document and its
movements with what the paper form also names - the organisation, each lot's supplier and certificate,
the part the stock went to, the full name of whoever recorded it."""

from __future__ import annotations

from sqlalchemy import select

from erp_desktop.db.engine import Database
from erp_desktop.db.models import Lot, Organization, Part, Supplier, User
from erp_desktop.domain.stock import DocumentKind
from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError
from erp_desktop.services.actor import Actor
from erp_desktop.services.stock.dto import DocumentLineDTO, StockDocumentSheet
from erp_desktop.services.stock.reports import document_in_org
from erp_desktop.services.uow import UnitOfWork, run_read

# documents that have a paper form: receipts (goods receipt note), issues and transfers (requisition-invoice)
PRINTABLE_KINDS = (DocumentKind.RECEIPT, DocumentKind.ISSUE, DocumentKind.TRANSFER)


def get_document_sheet(db: Database, actor: Actor, *, document_id: int | None = None,
                       number: str | None = None) -> StockDocumentSheet:
    """What the printed form of a receipt, issue or transfer shows (by document id or number)."""

    def work(uow: UnitOfWork) -> StockDocumentSheet:
        document = document_in_org(uow, document_id=document_id, number=number)
        if document.kind not in PRINTABLE_KINDS:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Only receipts, issues and transfers have a printed "
                                                                "document; choose a row of one of those."),
                                  field="document")
        organization = uow.session.get(Organization, uow.org_id).name
        lot_ids = {m.lot_id for m in document.movements}
        lots = {lot_id: (supplier or "", certificate or "") for lot_id, supplier, certificate in uow.session.execute(
            select(Lot.id, Supplier.name, Lot.certificate).outerjoin(Supplier, Supplier.id == Lot.supplier_id)
            .where(Lot.id.in_(lot_ids), Lot.org_id == uow.org_id))}
        lines = tuple(DocumentLineDTO(m, *lots.get(m.lot_id, ("", ""))) for m in document.movements)
        part_code = part_name = ""
        if document.part_id is not None:
            found = uow.session.execute(select(Part.code, Part.name).where(
                Part.id == document.part_id, Part.org_id == uow.org_id)).first()
            if found is not None:
                part_code, part_name = found
        full_name = uow.session.execute(select(User.full_name).where(User.id == document.user_id)).scalar() or ""
        return StockDocumentSheet(organization, document, lines, part_code, part_name, full_name or document.username)

    return run_read(db, actor, work)
