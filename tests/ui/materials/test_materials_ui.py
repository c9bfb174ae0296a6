"""The Materials area and the part's Materials tab, driven offscreen (SQLite, inline runner)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from erp_desktop.printing import material_reports, save_pdf
from erp_desktop.services import materials
from erp_desktop.ui.materials import MaterialsView
from erp_desktop.ui.materials.part_materials import PartMaterialsTab
from tests.services.materials.materials_fixtures import make_good, make_materials


@pytest.fixture
def m(ui_plant):
    return make_materials(ui_plant)


def test_boms_view_lists_revisions_explodes_with_cost_and_shows_where_used(qtbot, make_ctx, m, qtmodeltester):
    ctx = make_ctx("technologist")
    view = MaterialsView(ctx)
    qtbot.addWidget(view)
    boms = view.boms
    assert boms.list_model.rowCount() == 3
    qtmodeltester.check(boms.list_model)
    gear_row = next(i for i, b in enumerate(boms.list_model.rows) if b.sku == "GEAR-ASM")
    boms.list.selectRow(gear_row)
    boms.order_qty.setText("40")
    boms.explode()
    assert [r.sku for r in boms.explosion_model.rows] == ["SHAFT-1", "BUSH-1", "SHEET-2", "ST-40X-D40", "BOLT-M8"]
    qtmodeltester.check(boms.explosion_model)
    assert "GEAR-ASM" in boms.summary.text()
    boms.explosion.selectRow(2)  # the sheet
    assert [b.sku for b in boms.used_model.rows] == ["BUSH-1", "SHAFT-1", "GEAR-ASM"]
    assert boms.new_button.isVisible() or not view.isVisible()
    assert not boms.edit_button.isEnabled()  # revision A was released to a part


def test_viewer_sees_no_bom_editing_buttons(qtbot, make_ctx, m):
    view = MaterialsView(make_ctx("viewer"))
    qtbot.addWidget(view)
    view.show()
    assert not view.boms.new_button.isVisible() and not view.boms.activate_button.isVisible()


def _editor_of_a_new_gear_revision(qtbot, make_ctx, m):
    ctx = make_ctx("technologist")
    view = MaterialsView(ctx)
    qtbot.addWidget(view)
    bom = materials.create_bom(ctx.db, ctx.actor, product_id=m.gear.id, copy_from_bom_id=m.gear_bom.id)
    return ctx, view, view.boms.edit(bom)  # the view too: the dialog dies with it


def test_bom_editor_saves_a_new_revision_of_lines(qtbot, make_ctx, m):
    ctx, _view, dialog = _editor_of_a_new_gear_revision(qtbot, make_ctx, m)
    assert dialog.lines.rowCount() == 2
    dialog.lines.removeRow(1)
    dialog.save()
    assert dialog.result_bom is not None and len(dialog.result_bom.lines) == 1


def test_part_materials_tab_reserves_issues_and_posts_output(qtbot, make_ctx, m, monkeypatch, ui_plant):
    ctx = make_ctx("admin")
    tab = PartMaterialsTab(ctx)
    qtbot.addWidget(tab)
    tab.show_part(m.part.id)
    assert {r.sku: r.required for r in tab.plan_model.rows}["ST-40X-D40"] == D("11.025")
    assert tab.lots_model.rowCount() == 4  # steel in two lots, bolts, the sheet
    tab.reserve()
    assert all(r.reserved == r.to_issue for r in tab.plan_model.rows)
    tab.issue()
    assert all(r.to_issue == 0 for r in tab.plan_model.rows)
    make_good(ui_plant, m, 40)
    tab.reload()
    tab.show()
    dialog = tab.post()
    assert dialog.qty.value() == 40 and dialog.qty.maximum() == 40  # all good pieces not yet posted
    assert dialog.warehouse.currentData() == tab.warehouse.currentData()
    dialog.qty.setValue(15)
    qtbot.keyClick(dialog.qty, Qt.Key.Key_Return)  # keyboard only: Enter posts
    assert dialog.result_document is not None and dialog.result_document.number.startswith("OUT-")
    assert tab.plan.posted_qty == 15
    dialog = tab.post()
    assert dialog.qty.value() == 25
    dialog.submit()
    assert tab.plan.posted_qty == 40 and tab.plan.carried_value == tab.plan.issued_value
    assert tab.post() is None  # nothing left to post: said so, no dialog
    assert ctx.errors == []


def test_post_output_dialog_keeps_a_refusal_in_the_dialog_and_asks_before_discarding(qtbot, make_ctx, m, ui_plant,
                                                                                    monkeypatch):
    from erp_desktop.ui import forms
    from erp_desktop.ui.materials.output_dialog import PostOutputDialog

    ctx = make_ctx("admin")
    tab = PartMaterialsTab(ctx)
    qtbot.addWidget(tab)
    make_good(ui_plant, m, 10)
    tab.show_part(m.part.id)
    dialog = tab.post()
    assert isinstance(dialog, PostOutputDialog) and dialog.qty.value() == 10
    monkeypatch.setattr(dialog.qty, "value", lambda: 99)
    dialog.submit()
    assert dialog.result_document is None and "99" in dialog.error.text() and dialog.isVisible()
    asked = []
    monkeypatch.setattr(forms.QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a) or forms.QMessageBox.StandardButton.Cancel))
    qtbot.keyClicks(dialog.reason, "rework")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()  # changed: asked, and kept on Cancel
    assert ctx.errors == []


def test_return_dialog_previews_the_lot_and_returns_part_of_an_issue(qtbot, make_ctx, m):
    ctx = make_ctx("admin")
    tab = PartMaterialsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_part(m.part.id)
    tab.reserve()
    tab.issue()
    tab.return_()
    dialog = tab.return_dialog
    assert dialog is not None and dialog.lot.count() == 4  # steel in two lots, bolts, the sheet
    hint = dialog.reason.placeholderText()  # shown whole, not cut off by a narrow dialog
    assert dialog.reason.width() >= dialog.reason.fontMetrics().horizontalAdvance(hint) + 20
    steel = next(i for i, (line, _left) in enumerate(dialog.lots) if line.sku == "ST-40X-D40")
    dialog.lot.setCurrentIndex(steel)
    line, left = dialog.lots[steel]
    assert line.lot_number in dialog.preview.text() and D(dialog.qty.text()) == left  # all that is left
    dialog.qty.setText("abc")
    dialog.submit()
    assert dialog.result_document is None and dialog.error.text()  # not a number: said, nothing sent
    dialog.qty.setText(f"{left + 1}")
    dialog.submit()
    assert dialog.result_document is None and dialog.error.text()  # more than issued: the service refuses
    dialog.qty.setText("0,5")
    qtbot.keyClick(dialog.qty, Qt.Key.Key_Return)
    assert dialog.result_document is not None and dialog.result_document.number.startswith("RET-")
    tab.return_()
    again = dict((ln.lot_id, rest) for ln, rest in tab.return_dialog.lots)
    assert again[line.lot_id] == left - D("0.5")
    assert ctx.errors == []


def test_materials_reports_build_as_pdfs(tmp_path, make_ctx, m, ui_plant):
    db, viewer = ui_plant.db, ui_plant.viewer
    preview = materials.preview_release(db, viewer, m.part.id, warehouse_id=m.shop.main.id)
    materials.issue_to_part(db, ui_plant.supply, m.part.id, warehouse_id=m.shop.main.id)
    reports = [
        material_reports.requisition_report(preview, part_code="GA-40", part_name="Gear", warehouse="Main store",
                                            organization="Plant A"),
        material_reports.cost_sheet_report(materials.get_cost_sheet(db, viewer, m.part.id), organization="Plant A"),
        material_reports.shortage_report(materials.list_shortages(db, viewer), organization="Plant A"),
        material_reports.bom_report(materials.explode_bom(db, viewer, bom_id=m.gear_bom.id, order_qty=40),
                                    organization="Plant A"),
        material_reports.where_used_report(materials.where_used(db, viewer, m.shop.steel.id), organization="Plant A"),
    ]
    assert "Material requisition: GA-40" in reports[0].document().toPlainText()
    assert "172.48" in reports[1].document().toPlainText()
    for n, report in enumerate(reports):
        path = tmp_path / f"r{n}.pdf"
        save_pdf(report, path)
        assert path.read_bytes().startswith(b"%PDF")


def test_bom_editor_component_is_scanned_or_typed_like_stock_products(qtbot, make_ctx, m):
    ctx, _view, dialog = _editor_of_a_new_gear_revision(qtbot, make_ctx, m)
    existing = dialog.lines.cellWidget(0, 0)
    assert existing.product is not None and existing.edit.objectName() == "bomComponent"
    dialog.add_line()
    row = dialog.lines.rowCount() - 1
    component = dialog.lines.cellWidget(row, 0)
    component.edit.setText("no such thing")
    dialog.save()  # unresolved: refused in the dialog, nothing saved
    assert dialog.result_bom is None and f"Line {row + 1}" in dialog.error.text()
    component.edit.clear()
    qtbot.keyClicks(component.edit, "SHEET-2")  # a scanner types the SKU and presses Enter
    qtbot.keyClick(component.edit, Qt.Key.Key_Return)
    assert component.product is not None and component.product.sku == "SHEET-2"
    assert dialog.lines.currentRow() == row and dialog.lines.currentColumn() == 1  # on to the quantity
    dialog.save()
    assert dialog.result_bom is not None
    assert "SHEET-2" in [line.sku for line in dialog.result_bom.lines]
    assert ctx.errors == []
