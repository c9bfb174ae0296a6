from erp_desktop.printing import save_pdf
from erp_desktop.printing.documents import route_card
from erp_desktop.services.production import parts
from erp_desktop.ui import language
from tests.ui.production.production_setup import make_production


def test_visual(qapp, ui_plant):
    setup = make_production(ui_plant)
    data = parts.route_card(ui_plant.db, ui_plant.manager, setup.p100.id)
    save_pdf(route_card(data, printed_by="Manager"), "/tmp/route_en.pdf")
    language.apply_language(language.RUSSIAN)
    try:
        save_pdf(route_card(data, printed_by="Manager"), "/tmp/route_ru.pdf")
    finally:
        language.apply_language(language.ENGLISH)
