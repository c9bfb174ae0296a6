"""What an import takes (sections: a sheet, its kind and its column mapping) and what it reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from erp_desktop.errors import QT_TRANSLATE_NOOP, ErpError, Text
from erp_desktop.services.imports.kinds import ImportKind
from erp_desktop.services.imports.readers import Sheet


@dataclass(frozen=True)
class Section:
    """One sheet to import as ``kind``; ``mapping`` is field name -> column index in the sheet."""

    kind: ImportKind
    sheet: Sheet
    mapping: Mapping[str, int]


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int  # the row number in the file (the header is row 1)
    column: str  # the file's header of the cell ("" for a problem of the whole sheet)
    value: str
    message: Text | str


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.CREATE: QT_TRANSLATE_NOOP("enums", "create"),
    Action.UPDATE: QT_TRANSLATE_NOOP("enums", "update"),
    Action.UNCHANGED: QT_TRANSLATE_NOOP("enums", "unchanged"),
}


@dataclass(frozen=True)
class Change:
    field: str  # the field's label (QT_TRANSLATE_NOOP "enums")
    before: str
    after: str


@dataclass(frozen=True)
class PlannedRow:
    kind: ImportKind
    sheet: str
    row: int
    key: str  # the code the row is matched by (SKU, warehouse code, supplier name, drawing number, lot)
    action: Action
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class KindCount:
    kind: ImportKind
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ImportReport:
    """A dry run's findings, or what an import did (``written``): every error at once, and per row
    what is (or would be) created, updated or left as it is."""

    errors: tuple[CellError, ...]
    rows: tuple[PlannedRow, ...]
    counts: tuple[KindCount, ...]
    written: bool = False
    documents: tuple[str, ...] = ()  # receipt documents of the opening stock (after an import)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changes_anything(self) -> bool:
        return any(c.created or c.updated for c in self.counts)


class ImportRefused(ErpError):
    """The file has errors: nothing was written. ``report`` lists them all."""

    title = QT_TRANSLATE_NOOP("errors", "Import not possible")

    def __init__(self, report: ImportReport):
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The file has {count} errors; nothing was imported. Run the check and correct them."),
            count=len(report.errors))
        self.report = report


class ImportCancelled(ErpError):
    title = QT_TRANSLATE_NOOP("errors", "Import cancelled")

    def __init__(self):
        super().__init__(QT_TRANSLATE_NOOP("errors", "The import was cancelled; nothing was imported."))
