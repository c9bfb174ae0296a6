"""Keyboard right after switching area: focus lands in the area, Stock's F2-F8 and the journal's Alt+letters work."""

import warnings

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from erp_desktop.ui.main_window import MainWindow


def _activate(window) -> None:
    """Offscreen, a window loses activation when the Stock chart makes its hidden surface; on a desktop it keeps
    it (and its focus, which activation gives back)."""
    window.activateWindow()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)  # offscreen, activateWindow() alone does not
    QApplication.processEvents()


def _window(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _activate(window)
    window.nav.setFocus()
    return window


def test_going_to_an_area_puts_the_keyboard_into_it_and_f2_opens_receive(qtbot, make_ctx):
    window = _window(qtbot, make_ctx("supply"))
    position = window.area_keys().index("stock")
    go = [a for a in window.actions() if a.shortcut().toString() == f"Ctrl+{position + 1}"][0]
    go.trigger()
    stock = window.view("stock")
    _activate(window)
    assert stock.isAncestorOf(QApplication.focusWidget())
    opened = []
    stock.open_operation = lambda key, **_kw: opened.append(key)
    for action in stock.operation_actions.values():
        action.triggered.disconnect()
        action.triggered.connect(lambda _c=False, name=action.objectName(): opened.append(name))
    window.nav.setFocus()  # even with the focus still in the navigation list
    QTest.keyClick(window.nav, Qt.Key.Key_F2)
    QTest.keyClick(window.nav, Qt.Key.Key_F3)
    assert opened == ["receiveAction", "issueAction"]


def test_journal_alt_letters_reach_their_fields_right_after_switching(qtbot, make_ctx):
    window = _window(qtbot, make_ctx("master"))
    window.nav.setCurrentRow(window.area_keys().index("journal"))  # arrows in the list: focus stays there
    assert QApplication.focusWidget() is window.nav
    _activate(window)
    form = window.view("journal").form
    for letter, field in ((Qt.Key.Key_P, form.part), (Qt.Key.Key_D, form.qty_good), (Qt.Key.Key_I, form.shift),
                          (Qt.Key.Key_S, form.stage), (Qt.Key.Key_O, form.operator), (Qt.Key.Key_M, form.comment)):
        QTest.keyClick(QApplication.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is field, letter
    form.qty_good.setFocus()
    QTest.keyClick(form.qty_good, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.qty_scrap  # Tab still walks the fields, not their boxes


@pytest.fixture(params=["en", "ru"])
def language_of(request, qapp):
    from erp_desktop.ui import language

    if request.param == "ru":
        assert language.apply_language(language.RUSSIAN)
    yield request.param
    language.apply_language(language.ENGLISH)


def test_no_two_labels_or_menus_share_an_alt_letter_in_the_journal(qtbot, make_ctx, language_of):
    window = _window(qtbot, make_ctx("master"))
    journal = window.show_area("journal")
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [label.text() for label in journal.findChildren(QLabel) if "&" in label.text() and label.buddy()]
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) == len(set(letters)), texts
