from PySide6.QtGui import QTextDocument

from erp_desktop.printing import production_reports, save_pdf
from erp_desktop.printing.documents import route_card
from erp_desktop.services.production import facts, parts
from erp_desktop.ui.production.journal import create_view as create_journal
from erp_desktop.ui.production.parts import create_view as create_parts
from erp_desktop.ui.report_actions import build_report_now
from tests.ui.production.production_setup import make_production


def _text(report) -> str:
    document: QTextDocument = report.document()
    return document.toPlainText()


def test_shift_report_by_stage_and_operator_with_totals(qapp, ui_plant, tmp_path):
    setup = make_production(ui_plant)
    data = facts.shift_report(ui_plant.db, ui_plant.manager, report_date=setup.yesterday, shift="night")
    report = production_reports.shift_report(data, organization="Plant A", printed_by="Manager")
    text = _text(report)
    for expected in ("Shift report", f"{setup.yesterday.isoformat()}, night shift", "Machining", "Turning",
                     "P-100", "Shaft", "Operator", "Shop foreman", "By operator", "Stage total",
                     "Quality inspector", "Production manager", "Name, signature, date"):
        assert expected in text, expected
    assert "P-300" not in text  # fitting has no shift: not in the night shift
    assert "35" in text and "2.8" in text  # 35 good, 1 scrap = 2.8 % of the shift
    assert save_pdf(report, tmp_path / "shift.pdf") >= 1
    assert (tmp_path / "shift.pdf").read_bytes().startswith(b"%PDF")

    empty = facts.shift_report(ui_plant.db, ui_plant.manager, report_date=setup.today, shift="day")
    assert "No facts were recorded" in _text(production_reports.shift_report(empty, organization="Plant A"))


def test_parts_progress_report_lists_active_parts_late_first(qapp, ui_plant, tmp_path):
    make_production(ui_plant)
    data = parts.parts_progress_report(ui_plant.db, ui_plant.manager)
    report = production_reports.parts_progress(data, organization="Plant A")
    text = _text(report)
    assert text.index("P-100") < text.index("P-200")
    for expected in ("Parts progress", "Late", "Machining 50, Turning 15, QC 0", "Uralmash", "Days left",
                     "Active parts"):
        assert expected in text, expected
    assert "P-300" not in text  # done
    assert report.landscape
    save_pdf(report, tmp_path / "progress.pdf")
    assert (tmp_path / "progress.pdf").read_bytes().startswith(b"%PDF")


def test_route_card_has_the_route_with_empty_sign_off_cells(qapp, ui_plant, tmp_path):
    setup = make_production(ui_plant)
    data = parts.route_card(ui_plant.db, ui_plant.manager, setup.p100.id)
    report = route_card(data, printed_by="Manager")
    text = _text(report)
    for expected in ("Route card P-100", "Shaft", "Uralmash", "Batch size", "Machining", "Turning", "QC",
                     "per shift and operator", "quality check", "Signature", "Operator", "Developed by",
                     "Workpl.", "Equipment code and name", "Set-up time", "Piece time", "005", "010", "015"):
        assert expected in text, expected
    assert text.index("Machining") < text.index("Turning") < text.index("quality check")
    save_pdf(report, tmp_path / "route.pdf")
    assert (tmp_path / "route.pdf").read_bytes().startswith(b"%PDF")


def test_reports_are_reachable_from_the_views(qtbot, make_ctx, ui_plant):
    setup = make_production(ui_plant)
    ctx = make_ctx("master")
    parts_view = create_parts(ctx)
    qtbot.addWidget(parts_view)
    progress = build_report_now(ctx, parts_view, parts_view._progress_request, parts_view._build_progress_report)
    assert "P-100" in _text(progress)
    parts_view.select_part(setup.p200.id)
    card = build_report_now(ctx, parts_view, parts_view._route_card_request, parts_view._build_route_card)
    assert "Route card P-200" in _text(card) and "Packing" in _text(card)
    menu = parts_view.route_card_button.menu()
    assert [a.text() for a in menu.actions()] == ["Print preview...", "Print...", "Save as PDF..."]
    assert "P-100" in _text(parts_view._table_report())

    journal = create_journal(ctx)
    qtbot.addWidget(journal)
    journal.report_date.setDate(setup.yesterday)
    journal.report_shift.setCurrentIndex(journal.report_shift.findData("day"))
    shift = build_report_now(ctx, journal, journal._shift_report_request, journal._build_shift_report)
    assert "day shift" in _text(shift) and "30" in _text(shift)
    table = _text(journal._table_report())
    assert "Shift journal" in table and "P-300" in table and "Good 75, scrap 3" in table


def test_operators_see_no_report_buttons(qtbot, make_ctx, ui_plant):
    make_production(ui_plant)
    view = create_parts(make_ctx("operator"))
    qtbot.addWidget(view)
    view.show()
    assert not view.progress_report_button.isVisible() and not view.route_card_button.isVisible()
    journal = create_journal(make_ctx("operator"))
    qtbot.addWidget(journal)
    journal.show()
    assert not journal.shift_report_button.isVisible()
