"""Enter in the new-part dialog's stage lists adds a stage and never saves the part."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from erp_desktop.ui.production.parts.part_dialog import PartDialog


def test_enter_in_the_stage_catalogue_adds_the_stage_instead_of_saving(qtbot, make_ctx, ui_plant):
    from erp_desktop.services.production import stages

    stages.create_stage(ui_plant.db, ui_plant.admin, code="TRN", name="Turning")
    ctx = make_ctx("master")
    dialog = PartDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setText("P-1")
    dialog.name.setText("Shaft")
    editor = dialog.route_editor
    assert editor.catalogue.count() >= 1
    editor.catalogue.setFocus()
    editor.catalogue.setCurrentRow(0)
    QTest.keyClick(editor.catalogue, Qt.Key.Key_Return)
    assert editor.route.count() == 1 and dialog.isVisible() and dialog.saved is None
    editor.route.setFocus()
    QTest.keyClick(editor.route, Qt.Key.Key_Enter)
    assert dialog.isVisible() and dialog.saved is None


def test_escape_on_a_changed_dialog_asks_before_discarding(qtbot, make_ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    answer = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a) or answer[0]))
    dialog = PartDialog(make_ctx("master"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("loaded by the dialog itself")  # before the user's first key: not a change
    QTest.keyClick(dialog.code, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not asked  # unchanged: closes at once

    dialog = PartDialog(make_ctx("master"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setFocus()
    QTest.keyClicks(dialog.code, "P-7")
    QTest.keyClick(dialog.code, Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(asked) == 1 and dialog.code.text() == "P-7"  # "Cancel": the form stays
    answer[0] = QMessageBox.StandardButton.Discard
    QTest.keyClick(dialog.code, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(asked) == 2
