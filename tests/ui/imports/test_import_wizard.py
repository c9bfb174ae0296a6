"""The import wizard: file -> sheet kinds -> column mapping (remembered) -> dry run report -> import, cancellable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from erp_desktop.services import imports, stock
from erp_desktop.services.imports import ImportKind
from erp_desktop.services.materials.boms import list_boms
from erp_desktop.ui.imports import ImportDialog, sample_file
from erp_desktop.ui.imports.wizard import import_settings


class _AlwaysCancelled:
    def clear(self):
        pass

    def set(self):
        pass

    def is_set(self):
        return True


def _to_report(dialog: ImportDialog) -> None:
    dialog.next()  # sheets -> columns
    dialog.next()  # columns -> check (the dry run)


def test_sample_workbook_is_checked_imported_and_then_unchanged(make_ctx, qtbot, qtmodeltester):
    ctx = make_ctx("admin")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open_file(str(sample_file()))
    assert [kind for _, kind in dialog.sheet_kinds()] == [
        ImportKind.WAREHOUSES, ImportKind.SUPPLIERS, ImportKind.PRODUCTS, ImportKind.BOMS,
        ImportKind.OPENING_STOCK]
    assert dialog.next_button.isEnabled()
    _to_report(dialog)
    assert dialog.pages.currentIndex() == 2
    assert dialog.report.ok and dialog.import_button.isEnabled()
    qtmodeltester.check(dialog.rows_model)
    assert stock.list_products(ctx.db, ctx.actor) == []  # the check wrote nothing

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.written is not None and len(dialog.written.documents) == 5
    assert {p.sku for p in stock.list_products(ctx.db, ctx.actor)} >= {"KR-45-30", "GAIKA-M10"}
    assert {(b.sku, b.revision, b.is_active, b.line_count) for b in list_boms(ctx.db, ctx.actor)} == {
        ("VAL-45", "A", True, 1), ("PRIVOD-1", "A", True, 2)}
    assert not dialog.import_button.isEnabled() and dialog.cancel_button.text() == "Close"
    assert ctx.errors == []

    again = ImportDialog(ctx)
    qtbot.addWidget(again)
    again.open_file(str(sample_file()))
    _to_report(again)
    assert again.report.ok and not again.report.changes_anything and not again.import_button.isEnabled()
    assert "nothing to change" in again.summary.text()


def test_bad_csv_lists_every_bad_cell_and_cannot_be_imported(make_ctx, qtbot, tmp_path, qtmodeltester):
    ctx = make_ctx("supply")
    path = tmp_path / "склады.csv"
    path.write_bytes("Код;Склад\nMAIN;Главный\n;Без кода\nMAIN;Снова\n".encode("cp1251"))
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open_file(str(path))
    assert "cp1251" in dialog.status.text()
    assert dialog.sheet_kinds() == [(0, ImportKind.WAREHOUSES)]  # told by the headers
    _to_report(dialog)
    errors = dialog.errors_model.rows
    assert [(e.row, e.column) for e in errors] == [(3, "Код"), (4, "Код")]
    qtmodeltester.check(dialog.errors_model)
    text = dialog.errors_model.index(0, 4).data()
    assert "Enter the warehouse code" in text
    assert not dialog.import_button.isEnabled()
    assert import_settings().value("warehouses/code") == "Код"  # remembered for the next file of this kind


def test_remembered_mapping_is_offered_for_unknown_headers(make_ctx, qtbot, tmp_path):
    settings = import_settings()
    settings.setValue("suppliers/name", "Контрагент")
    settings.setValue("last_kind", "suppliers")
    settings.sync()
    path = tmp_path / "list.csv"
    path.write_text("Контрагент,Телефон\nАльфа,123\n", encoding="utf-8")
    dialog = ImportDialog(make_ctx("admin"))
    qtbot.addWidget(dialog)
    dialog.open_file(str(path))
    assert dialog.sheet_kinds() == [(0, ImportKind.SUPPLIERS)]
    dialog.next()
    (_, _, combos), = dialog._combos
    assert combos["name"].currentText() == "Контрагент" and combos["contact"].currentText() == "Телефон"


def test_cancelled_import_writes_nothing(make_ctx, qtbot):
    ctx = make_ctx("admin")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open_file(str(sample_file()))
    _to_report(dialog)
    dialog._cancel = _AlwaysCancelled()
    dialog.run_import()
    assert dialog.written is None and "cancelled" in dialog.status.text()
    assert stock.list_products(ctx.db, ctx.actor) == [] and ctx.errors == []


def test_roles_see_only_the_kinds_they_may_import(make_ctx, qtbot):
    from erp_desktop.ui.imports.wizard import allowed_kinds, may_import

    assert not may_import(make_ctx("viewer").actor) and not may_import(make_ctx("operator").actor)
    assert allowed_kinds(make_ctx("technologist").actor) == [ImportKind.BOMS, ImportKind.PARTS]
    assert ImportKind.OPENING_STOCK in allowed_kinds(make_ctx("supply").actor)
    assert imports.guess_kind("Остатки") == ImportKind.OPENING_STOCK
    assert imports.guess_kind("list", ("Артикул", "Склад", "Партия", "Дата", "Кол-во", "Цена")) == ImportKind.OPENING_STOCK
    assert imports.guess_kind("list", ("Артикул", "Наименование", "Ед.", "Категория")) == ImportKind.PRODUCTS
    assert imports.guess_kind("list", ("A", "B")) is None
