"""Reports: document content, repeated table headers, PDF pages with header and footer, dialogs."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog

from erp_desktop.errors import ErpError
from erp_desktop.printing import Report, configure_printer, format_value, print_report, render, save_pdf
from erp_desktop.ui import print_preview


def _pdf_pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def _tables(document):
    cursor = QTextCursor(document)
    seen = []
    while True:
        table = cursor.currentTable()
        if table is not None and all(table is not t and table.firstPosition() != t.firstPosition() for t in seen):
            seen.append(table)
        if not cursor.movePosition(QTextCursor.MoveOperation.NextBlock):
            return seen


def _long_report(rows: int = 200) -> Report:
    report = Report("Stock movements", "Plant A", subtitle="May 2024", printed_by="Anna Admin",
                    printed_at=datetime(2024, 5, 31, 12, 0, tzinfo=UTC))
    report.add_table(["No.", "Product", "Quantity", "Date"],
                     [[i, f"Bolt M{i % 30 + 3}", Decimal("1.500") * i, date(2024, 5, i % 28 + 1)]
                      for i in range(1, rows + 1)],
                     totals=["", "Total", sum(Decimal("1.500") * i for i in range(1, rows + 1)), None])
    return report


def test_values_print_exactly_as_given(qapp):
    assert format_value(Decimal("12345.500")) == "12\u202f345.500"
    assert format_value(Decimal("0.0001")) == "0.0001"
    assert format_value(7) == "7"
    assert format_value(date(2024, 5, 1)) == "2024-05-01"
    assert format_value(None) == ""
    stamp = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert format_value(stamp) == stamp.astimezone().strftime("%Y-%m-%d %H:%M")


def test_report_document_holds_title_fields_table_and_signatures(qapp):
    report = Report("Route card RC-1", "Plant A", subtitle="Part 7712-04", printed_by="Ivan")
    report.add_fields([("Part", "7712-04 Shaft"), ("Quantity", Decimal("120.000")), ("Due", date(2024, 5, 30)),
                       ("Notes", None)], pairs_per_row=2)
    report.add_heading("Operations")
    report.add_table(["Op", "Machine", "Hours"], [[10, "Lathe", Decimal("1.25")], [20, "Mill", Decimal("0.50")]],
                     totals=["", "Total", Decimal("1.75")])
    report.add_paragraph("Rejects go to the isolator.")
    report.add_signoff_table(["Check"], [["Diameter"]])
    report.add_signatures(["Foreman", "Quality inspector"])

    text = report.document().toPlainText()
    for expected in ("Route card RC-1", "Part 7712-04", "Part:", "7712-04 Shaft", "120.000", "2024-05-30",
                     "Operations", "Lathe", "1.25", "1.75", "Total", "Rejects go to the isolator.",
                     "Diameter", "Signature", "Foreman", "Quality inspector"):
        assert expected in text, expected
    tables = _tables(report.document())
    operations = next(t for t in tables if t.cellAt(0, 0).firstCursorPosition().block().text() == "Op")
    assert operations.format().headerRowCount() == 1
    assert operations.rows() == 4  # header, two rows, totals
    # numbers right-aligned by default
    from PySide6.QtCore import Qt
    assert operations.cellAt(1, 2).firstCursorPosition().blockFormat().alignment() & Qt.AlignmentFlag.AlignRight


def test_long_table_pdf_has_many_pages_with_header_and_footer(qapp, tmp_path):
    path = tmp_path / "movements.pdf"
    pages = save_pdf(_long_report(), path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert pages > 1
    assert _pdf_pages(path) == pages


def test_landscape_report_is_wider_than_tall(qapp, tmp_path):
    report = Report("Wide", "Plant A", landscape=True)
    report.add_table([f"C{i}" for i in range(10)], [[i] * 10 for i in range(5)])
    path = tmp_path / "wide.pdf"
    save_pdf(report, path)
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", path.read_bytes())
    assert float(box.group(1)) > float(box.group(2))


def test_print_report_on_a_pdf_printer(qapp, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_report(_long_report(120), printer) > 1
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_save_pdf_to_an_unwritable_place_says_so(qapp, tmp_path):
    with pytest.raises(ErpError):
        save_pdf(_long_report(3), tmp_path / "no-such-folder" / "x.pdf")


def test_preview_paints_every_page(qtbot, tmp_path):
    report = _long_report()
    dialog = print_preview.preview_dialog(None, report)
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, report)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "p.pdf"))
    assert widget.pageCount() == render(report, printer) > 1


def test_save_pdf_with_dialog_adds_the_suffix(qtbot, tmp_path, monkeypatch):
    chosen = tmp_path / "route card"
    asked = {}

    def fake(parent, caption, suggested, filter_text):
        asked["suggested"] = suggested
        return str(chosen), filter_text

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    path = print_preview.save_pdf_with_dialog(None, _long_report(5), "Route card: RC/1")
    assert path == tmp_path / "route card.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    assert asked["suggested"].endswith("Route card RC 1.pdf")


def test_save_pdf_with_dialog_cancelled_writes_nothing(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    assert print_preview.save_pdf_with_dialog(None, _long_report(5)) is None


def test_print_with_dialog_prints_when_accepted(qtbot, tmp_path, monkeypatch):
    target = tmp_path / "dialog.pdf"

    def accept(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(target))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert print_preview.print_with_dialog(None, _long_report(5))
    assert target.read_bytes().startswith(b"%PDF")


def test_show_print_preview_runs_the_dialog(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda dialog: shown.append(dialog.windowTitle()) or 0)
    print_preview.show_print_preview(None, _long_report(5))
    assert shown and "Stock movements" in shown[0]


def _laid_out(report: Report):
    from PySide6.QtCore import QSizeF

    from erp_desktop.printing.report import lay_out_for_paper

    document = report.document().clone()
    lay_out_for_paper(document)
    document.setPageSize(QSizeF(900, 1200))
    document.pageCount()  # lays it out
    return document


def _lines_of(document, text: str) -> list[str]:
    """The printed lines of the block holding ``text``."""
    block = document.find(text).block()
    assert block.isValid(), text
    layout = block.layout()
    return [block.text()[line.textStart():line.textStart() + line.textLength()]
            for line in (layout.lineAt(i) for i in range(layout.lineCount()))]


def test_numbers_never_wrap_and_words_never_break_in_narrow_columns(qapp):
    report = Report("Narrow", "Plant A")
    report.add_table(["Corresponding account", "Value", "Note"],
                     [["x", Decimal("1000.00"), "a long explanation in a narrow column"]],
                     column_widths=[3, 3, 3])
    document = _laid_out(report)
    assert _lines_of(document, "1\u202f000.00") == ["1\u202f000.00"]
    for line in _lines_of(document, "Corresponding account") + _lines_of(document, "a long explanation"):
        assert line.strip() in {"Corresponding", "account", "a", "long", "explanation", "in", "narrow", "column",
                                "a long", "in a", "in a narrow", "narrow column"} or " " in line.strip(), line


def test_save_pdf_offers_the_documents_folder_and_says_where_it_saved(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QDialog, QMainWindow

    documents = tmp_path / "Documents"
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _where: str(documents)))
    asked = {}

    def fake(parent, caption, suggested, filter_text):
        asked["suggested"] = suggested
        return suggested, filter_text

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    window = QMainWindow()
    qtbot.addWidget(window)
    dialog = QDialog(window)  # saved from a dialog: the main window's status bar says where
    path = print_preview.save_pdf_with_dialog(dialog, _long_report(3), "Stock card")
    assert path == documents / "Stock card.pdf" and path.exists()
    assert asked["suggested"].startswith(str(documents))
    assert str(path) in window.statusBar().currentMessage()


def test_without_a_main_window_a_message_says_where_it_saved(qtbot, tmp_path, monkeypatch, _no_modal_boxes):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(tmp_path / "r.pdf"), "")))
    print_preview.save_pdf_with_dialog(None, _long_report(3))
    assert any(str(tmp_path / "r.pdf") in str(args) for kind, args in _no_modal_boxes if kind == "information")


def test_dates_stay_whole_and_times_break_only_after_the_date(qapp):
    report = Report("Narrow", "Plant A")
    at = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    report.add_table(["When", "Day", "Note"], [[at, date(2024, 5, 2), "text " * 40]], column_widths=[2, 2, 96])
    document = _laid_out(report)
    when = format_value(at)
    assert "".join(_lines_of(document, when)) == when
    assert [line.strip() for line in _lines_of(document, when)] in ([when], when.split(" ", 1))
    assert _lines_of(document, format_value(date(2024, 5, 2))) == [format_value(date(2024, 5, 2))]


def test_a_table_of_long_words_and_numbers_shrinks_to_the_page_instead_of_splitting_them(qapp):
    from erp_desktop.printing.report import SMALLEST_SCALE, table_font_scale

    headers = [f"Пользователь{i}" for i in range(10)]
    report = Report("Wide", "Plant A", landscape=True)
    report.add_table(headers, [[Decimal("1600000.00")] * 5 + ["boundaries"] * 5])
    document = report.document().clone()
    from PySide6.QtCore import QSizeF

    from erp_desktop.printing.report import lay_out_for_paper

    lay_out_for_paper(document)
    width = report._body_width()
    document.setPageSize(QSizeF(width, 2000))
    document.pageCount()
    assert document.size().width() <= width + 2  # nothing runs off the page
    assert _lines_of(document, "1\u202f600\u202f000.00") == ["1\u202f600\u202f000.00"]
    assert table_font_scale(["a"], [["1"]], set(), width) == 1.0
    assert table_font_scale(headers, [["x" * 400] * 10], set(), width) == SMALLEST_SCALE
    assert table_font_scale(headers, [[""] * 10], set(), width) < 1  # this table needed smaller text
