"""At 1366x768 in Russian no label, check box or button of a main area is cut off, nor any table's column title.

ERP_SHOTS=<folder> also saves every area and tab as a PNG (widget.grab()) to look at."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTableView, QTabWidget, QToolBar, QWidget

from erp_desktop.app import style_sheet
from erp_desktop.ui import language
from erp_desktop.ui.main_window import MainWindow
from erp_desktop.ui.tables import header_width


@pytest.fixture
def russian(qapp):
    assert language.apply_language(language.RUSSIAN)
    yield
    language.apply_language(language.ENGLISH)


def _in_toolbar(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QToolBar):
            return True  # a tool bar folds what does not fit into its ">>" menu
        parent = parent.parentWidget()
    return False


def cut_off(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or _in_toolbar(widget):
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 2:
                    found.append(f"label {widget.text()[:50]!r}: {widget.height()} px high, needs "
                                 f"{widget.heightForWidth(widget.width())}")
            elif widget.width() + 1 < widget.sizeHint().width():
                found.append(f"label {widget.text()[:50]!r}: {widget.width()} of {widget.sizeHint().width()} px")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() + 1 < widget.sizeHint().width():
                found.append(f"button {widget.text()[:50]!r}: {widget.width()} of {widget.sizeHint().width()} px")
        elif isinstance(widget, QTableView) and widget.model() is not None:
            header = widget.horizontalHeader()
            last = header.count() - 1
            for column in range(header.count()):
                if header.isSectionHidden(column) or (column == last and header.stretchLastSection()):
                    continue
                if header.sectionSize(column) < header_width(widget, column) - 2:
                    title = widget.model().headerData(column, Qt.Orientation.Horizontal)
                    found.append(f"column {title!r}: {header.sectionSize(column)} px")
    return found


def test_nothing_is_cut_off_at_1366x768_in_russian(qtbot, make_ctx, russian):
    shots = os.environ.get("ERP_SHOTS")
    window = MainWindow(make_ctx("admin"))
    window.setStyleSheet(style_sheet())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    problems = []
    for key in window.area_keys():
        view = window.show_area(key)
        pages = [(None, 0)] + [(tabs, i) for tabs in view.findChildren(QTabWidget) for i in range(tabs.count())]
        for tabs, index in pages:
            if tabs is not None:
                if not tabs.isVisible():
                    continue
                tabs.setCurrentIndex(index)
            for _ in range(3):
                QApplication.processEvents()
            name = key + (f"_{tabs.objectName()}_{index}" if tabs is not None else "")
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                window.grab().save(str(Path(shots) / f"{name}.png"))
            problems += [f"{name}: {problem}" for problem in cut_off(window)]
    assert not sorted(set(problems))


def test_the_navigation_shows_every_area_name_whole_in_russian(qtbot, make_ctx, russian):
    window = MainWindow(make_ctx("admin"))
    window.setStyleSheet(style_sheet())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    QApplication.processEvents()
    nav = window.nav
    metrics = QFontMetrics(nav.font())  # the style sheet's 14 px, once polished
    for row in range(nav.count()):
        text = nav.item(row).text()
        assert metrics.horizontalAdvance(text) + 2 * 14 + 4 <= nav.viewport().width(), text
    assert not nav.horizontalScrollBar().isVisible()
