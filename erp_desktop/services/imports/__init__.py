"""Importing a plant's master data and opening stock from CSV and Excel files (issue 16).

    file = imports.read_file(path)
    sections = [imports.Section(kind, sheet, imports.guess_mapping(kind, sheet.headers)) for ...]
    report = imports.dry_run(db, actor, sections)          # every error at once; writes nothing
    report = imports.run_import(db, actor, sections, source=path)  # one transaction, all or nothing

Both take ``progress(done, total)`` (called from the calling thread) and ``cancelled()`` (polled; True stops
the work with ImportCancelled, nothing written).
"""

from __future__ import annotations

from pathlib import Path

from erp_desktop.db.engine import Database
from erp_desktop.services.actor import Actor
from erp_desktop.services.imports.apply import Writer
from erp_desktop.services.imports.dto import (
    Action,
    CellError,
    Change,
    ImportCancelled,
    ImportRefused,
    ImportReport,
    KindCount,
    PlannedRow,
    Section,
)
from erp_desktop.services.imports.kinds import FIELDS, Field, ImportKind, guess_kind, guess_mapping
from erp_desktop.services.imports.plan import Cancelled, Progress, make_plan
from erp_desktop.services.imports.readers import ImportFile, Sheet, read_csv_bytes, read_file
from erp_desktop.services.uow import UnitOfWork, run_read, run_write

__all__ = [
    "FIELDS", "Action", "CellError", "Change", "Field", "ImportCancelled", "ImportFile", "ImportKind",
    "ImportRefused", "ImportReport", "KindCount", "PlannedRow", "Section", "Sheet", "dry_run", "guess_kind",
    "guess_mapping", "read_csv_bytes", "read_file", "run_import",
]


def dry_run(db: Database, actor: Actor, sections: list[Section], *, progress: Progress | None = None,
            cancelled: Cancelled | None = None) -> ImportReport:
    """What importing ``sections`` would do, and every error in them; writes nothing."""

    def work(uow: UnitOfWork) -> ImportReport:
        return make_plan(uow, sections, progress=progress, cancelled=cancelled).report()

    return run_read(db, actor, work)


def run_import(db: Database, actor: Actor, sections: list[Section], *, source: str = "",
               progress: Progress | None = None, cancelled: Cancelled | None = None) -> ImportReport:
    """Check again and write everything in one transaction; any error: ImportRefused, nothing written."""
    source = Path(source).name if source else ""

    def work(uow: UnitOfWork) -> ImportReport:
        plan = make_plan(uow, sections, progress=progress, cancelled=cancelled)
        if plan.errors:
            raise ImportRefused(plan.report())
        documents = Writer(uow, plan, source=source, progress=progress, cancelled=cancelled).write()
        uow.audit("import", "", "import", after={
            "file": source, "counts": {c.kind.value: [c.created, c.updated, c.unchanged] for c in plan.report().counts},
            "documents": list(documents)})
        return plan.report(written=True, documents=documents)

    return run_write(db, actor, work)
