"""Looks: the style sheet's drop-down highlight and spin-box arrows are drawn; dialogs grow to show an error."""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox, QVBoxLayout, QWidget

from erp_desktop.app import style_sheet
from erp_desktop.ui.access.idle_lock import LockDialog

HIGHLIGHT = QColor("#1976d2")


def _count(image, color, rect=None) -> int:
    x0, y0, x1, y1 = rect or (0, 0, image.width(), image.height())
    return sum(1 for x in range(x0, x1) for y in range(y0, y1) if QColor(image.pixel(x, y)) == color)


def test_spin_box_arrows_are_drawn(qtbot):
    box = QWidget()
    box.setStyleSheet(style_sheet())
    spin = QSpinBox(box)
    spin.setValue(5)
    QVBoxLayout(box).addWidget(spin)
    qtbot.addWidget(box)
    box.resize(200, 60)
    box.show()
    image = spin.grab().toImage()
    assert "@ICONS@" not in style_sheet()
    dark = sum(1 for x in range(image.width() - 16, image.width() - 2) for y in range(2, image.height() - 2)
               if QColor(image.pixel(x, y)).lightness() < 140)
    assert dark >= 12  # two arrows' worth of dark pixels in the buttons' strip


def test_the_highlighted_row_of_a_drop_down_list_is_visible(qtbot):
    box = QWidget()
    box.setStyleSheet(style_sheet())
    combo = QComboBox(box)
    combo.addItems(["Один", "Два", "Три"])
    qtbot.addWidget(box)
    box.show()
    combo.showPopup()
    view = combo.view()
    view.setCurrentIndex(combo.model().index(1, 0))
    QApplication.processEvents()
    image = view.grab().toImage()
    row = view.visualRect(combo.model().index(1, 0))
    assert _count(image, HIGHLIGHT, (row.left(), row.top(), row.right(), row.bottom())) > row.width() * row.height() // 3
    combo.hidePopup()


def test_the_lock_dialog_grows_when_an_error_appears(qtbot, make_ctx):
    dialog = LockDialog(make_ctx("master"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.minimumWidth(), dialog.minimumSizeHint().height())
    before = dialog.height()
    dialog.error.show_message("A long message that wraps over several lines of the narrow dialog, " * 3)
    layout = dialog.layout()
    assert dialog.height() > before and dialog.height() >= layout.totalHeightForWidth(dialog.width())


def test_the_sign_in_dialog_grows_when_the_lockout_message_appears(qtbot, ui_plant):
    from erp_desktop.config import Settings
    from erp_desktop.ui.access.login import LoginDialog, OpenedDatabase
    from erp_desktop.ui.runner import InlineRunner
    from tests.factories import set_security

    set_security(ui_plant.db, max_failed_attempts=1, lockout_minutes=15)
    dialog = LoginDialog(InlineRunner(), lambda s, p: OpenedDatabase(ui_plant.db, "test db", True), Settings())
    qtbot.addWidget(dialog)
    dialog.connect_database()
    dialog.show()
    dialog.resize(dialog.minimumWidth(), dialog.minimumSizeHint().height())
    before = dialog.height()
    dialog.username.setText("master")
    dialog.password.setText("wrong-password")
    dialog.sign_in_button.click()
    assert "locked" in dialog.error.text()
    assert dialog.height() > before
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())
