"""Date fields take dates typed as digits."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateEdit

from erp_desktop.ui.dates import DigitDates, parse_digits


def test_digits_read_as_day_month_year():
    assert parse_digits("03122026") == date(2026, 12, 3)
    assert parse_digits("031226") == date(2026, 12, 3)
    assert parse_digits("20261203") == date(2026, 12, 3)
    assert parse_digits("31022026") is None and parse_digits("0312") is None


@pytest.fixture
def digit_dates(qapp):
    digits = DigitDates()
    QApplication.instance().installEventFilter(digits)
    yield digits
    QApplication.instance().removeEventFilter(digits)


@pytest.mark.parametrize("display", ["yyyy-MM-dd", "dd.MM.yyyy"])
@pytest.mark.parametrize("typed, leave", [("03122026", None), ("031226", Qt.Key.Key_Return),
                                          ("031226", Qt.Key.Key_Tab)])
def test_a_date_field_takes_digits(qtbot, digit_dates, display, typed, leave):
    edit = QDateEdit(QDate(2020, 1, 1))
    edit.setDisplayFormat(display)
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    edit.setCurrentSectionIndex(0)
    QTest.keyClicks(edit, typed)
    if leave is not None:
        QTest.keyClick(edit, leave)
    assert edit.date().toPython() == date(2026, 12, 3)


def test_no_date_leaves_the_field_as_it_was(qtbot, digit_dates):
    edit = QDateEdit(QDate(2020, 1, 1))
    qtbot.addWidget(edit)
    edit.show()
    edit.setCurrentSectionIndex(0)
    QTest.keyClicks(edit, "999999")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert edit.date().toPython() == date(2020, 1, 1)


def test_date_fields_show_dates_the_russian_way_in_russian(qtbot):
    """Every date field of the app takes its display format from ui/formatting (dd.MM.yyyy in Russian)."""
    from erp_desktop.ui import language
    from erp_desktop.ui.formatting import date_edit_format
    from erp_desktop.ui.tasks.new_task_dialog import NewTaskDialog

    assert date_edit_format() == "yyyy-MM-dd"
    assert language.apply_language(language.RUSSIAN)
    try:
        assert date_edit_format() == "dd.MM.yyyy"
        edit = QDateEdit()
        qtbot.addWidget(edit)
        edit.setDisplayFormat(date_edit_format())
        edit.setDate(QDate(2026, 12, 3))
        assert edit.text() == "03.12.2026"
    finally:
        language.apply_language(language.ENGLISH)
    source = Path(NewTaskDialog.__module__.replace(".", "/") + ".py")
    assert "date_edit_format()" in (Path(__file__).parents[2] / source).read_text(encoding="utf-8")


def test_no_date_field_hard_codes_its_format():
    root = Path(__file__).parents[2] / "erp_desktop" / "ui"
    fixed = [str(path) for path in root.rglob("*.py") if 'setDisplayFormat("' in path.read_text(encoding="utf-8")
             and ('yyyy-MM-dd")' in path.read_text(encoding="utf-8")
                  or 'dd.MM.yyyy")' in path.read_text(encoding="utf-8"))]
    assert fixed == []
