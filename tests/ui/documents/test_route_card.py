"""The route card with the ГОСТ 3.1118 columns, in English and in Russian."""

from __future__ import annotations

from erp_desktop.printing import save_pdf
from erp_desktop.printing.documents import route_card
from erp_desktop.printing.documents.route_card import operation_number
from erp_desktop.services.production import parts
from erp_desktop.ui import language
from tests.ui.production.production_setup import make_production


def _card(plant):
    setup = make_production(plant)
    return parts.route_card(plant.db, plant.manager, setup.p100.id)


def test_operations_are_numbered_in_steps_of_five():
    assert [operation_number(n) for n in (1, 2, 20)] == ["005", "010", "100"]


def test_route_card_in_english_on_one_landscape_page(qapp, ui_plant, tmp_path):
    data = _card(ui_plant)
    report = route_card(data, printed_by="Manager")
    text = report.document().toPlainText()
    for expected in ("Route card P-100", "Shop", "Op.", "Operation code and name", "Equipment code and name",
                     "Set-up time", "Piece time", "Batch size", "005", "010", "Sign-off by operation",
                     "Developed by", "Standards check"):
        assert expected in text, expected
    assert "ГОСТ" not in text
    assert report.landscape and save_pdf(report, tmp_path / "route.pdf") == 1


def test_route_card_in_russian_has_the_standards_columns(qapp, ui_plant, tmp_path):
    data = _card(ui_plant)
    assert language.apply_language(language.RUSSIAN)
    try:
        report = route_card(data, printed_by="Мастер")
    finally:
        language.apply_language(language.ENGLISH)
    text = report.document().toPlainText()
    for expected in ("Маршрутная карта P-100", "ГОСТ 3.1118-82 Форма 1", "Цех", "Уч.", "РМ", "Опер.",
                     "Код, наименование операции", "Обозначение документа", "Код, наименование оборудования",
                     "СМ", "Проф.", "КОИД", "ЕН", "ОП", "Кшт.", "Тпз.", "Тшт.", "005", "Годных", "Брак",
                     "Разработал", "Проверил", "Утвердил", "Н. контр."):
        assert expected in text, expected
    assert save_pdf(report, tmp_path / "route_ru.pdf") == 1
