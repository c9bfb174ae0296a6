"""Russian, completely: every user-visible string translated (lupdate finds nothing new), placeholders kept,
the .qm current, Russian formats and plurals, service refusals translated with their numbers, the language
chosen per user."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from erp_desktop.domain.roles import Op, Role, require
from erp_desktop.domain.stock import shortage_message
from erp_desktop.errors import InsufficientStock, PermissionDenied
from erp_desktop.ui import language


def _load_tool():
    """packaging/translations.py (a script: the folder name clashes with the PyPI package 'packaging')."""
    path = Path(__file__).resolve().parents[2] / "packaging" / "translations.py"
    spec = importlib.util.spec_from_file_location("erp_translations_tool", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
LANGUAGES, ROOT, TRANSLATIONS, lrelease, lupdate = tool.LANGUAGES, tool.ROOT, tool.TRANSLATIONS, tool.lrelease, tool.lupdate

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def russian():
    assert language.apply_language(language.RUSSIAN)
    yield
    language.apply_language(language.ENGLISH)


def _messages(ts_file: Path):
    for context in ET.parse(ts_file).getroot():
        for message in context.findall("message"):
            yield context.find("name").text, message


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_user_visible_string_is_translated(tmp_path, lang):
    """lupdate over today's code into a copy of the committed .ts: a new or changed string comes in
    unfinished, a removed one obsolete; either fails here (fix: packaging/translations.py update, translate)."""
    committed = TRANSLATIONS / f"erp_desktop_{lang}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    lupdate(fresh, no_obsolete=False)
    untranslated = [(context, message.find("source").text) for context, message in _messages(fresh)
                    if message.find("translation").get("type") in ("unfinished", "obsolete", "vanished")]
    assert untranslated == []
    assert len(list(_messages(fresh))) > 900


def test_translations_keep_every_placeholder():
    problems = []
    for context, message in _messages(TRANSLATIONS / "erp_desktop_ru.ts"):
        source = message.find("source").text
        translation = message.find("translation")
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        for text in forms:
            for pattern in (r"\{\w*\}", r"%n", r"</?\w+"):
                if sorted(re.findall(pattern, source)) != sorted(re.findall(pattern, text or "")):
                    problems.append((context, source, text))
    assert problems == []


def test_compiled_translation_matches_its_source(tmp_path):
    qm = tmp_path / "erp_desktop_ru.qm"
    lrelease(TRANSLATIONS / "erp_desktop_ru.ts", qm)
    assert qm.read_bytes() == (TRANSLATIONS / "erp_desktop_ru.qm").read_bytes(), \
        "run: python packaging/translations.py release"


def test_no_translatable_text_hides_from_lupdate():
    """lupdate sees self.tr("..."), translate("ctx", "...") and QT_TRANSLATE_NOOP("ctx", "..."); a literal given
    to a wrapper such as _tr("...") or a local tr = self.tr would never reach the .ts (and stay English)."""
    hidden = []
    for path in sorted((ROOT / "erp_desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tr", "_tr")
                    and node.args and isinstance(node.args[0], ast.Constant | ast.JoinedStr)):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr"
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self")):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hidden == []


def test_the_app_speaks_russian_with_qts_own_dialogs(russian):
    assert QCoreApplication.translate("areas", "Stock") == "Склад"
    assert QCoreApplication.translate("enums", "Shop foreman") == "Мастер участка"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"  # qtbase_ru


@pytest.mark.parametrize(("n", "text"), [(1, "1 деталь"), (2, "2 детали"), (5, "5 деталей"), (21, "21 деталь"),
                                         (12, "12 деталей")])
def test_counts_take_the_russian_plural(russian, n, text):
    assert QCoreApplication.translate("PartsView", "%n part(s)", "", n) == text


def test_russian_formats(russian):
    from erp_desktop.printing.values import format_value
    from erp_desktop.ui.formatting import fmt_date, fmt_datetime, fmt_money, fmt_qty

    assert fmt_money(Decimal("1234567.5")) == "1\u202f234\u202f567,50"
    assert fmt_qty(Decimal("12345.5")) == "12\u202f345,500"
    assert fmt_date(date(2026, 3, 7)) == "07.03.2026"
    assert re.fullmatch(r"0[67]\.03\.2026 \d\d:\d\d", fmt_datetime(datetime(2026, 3, 7, 12, 0, tzinfo=UTC)))
    assert format_value(Decimal("1000.25")) == "1\u202f000,25"
    assert format_value(date(2026, 1, 2)) == "02.01.2026"
    assert format_value(Role.MASTER) == "Мастер участка"


def test_english_formats_stay_as_they_were():
    from erp_desktop.ui.formatting import fmt_date, fmt_money

    assert fmt_money(Decimal("1234567.5")) == "1\u202f234\u202f567.50"
    assert fmt_date(date(2026, 3, 7)) == "2026-03-07"


def test_stock_refusal_reads_in_russian_with_its_numbers(russian):
    from erp_desktop.ui.errors import error_text

    error = InsufficientStock(shortage_message(
        requested=Decimal("1200"), available=Decimal("95"), unit="kg", product_name="Круг 40Х", sku="ST-40X",
        warehouse_name="Основной склад", pending=Decimal("20"), quarantine=Decimal("5")), field="qty")
    assert str(error).startswith("Only 95.000 kg of Круг 40Х")  # services and logs keep English
    assert error_text(error) == (
        "На складе «Основной склад» доступно только 95,000 кг «Круг 40Х» (артикул ST-40X); ещё 20,000 кг "
        "ожидает ОТК и 5,000 кг в карантине. Вы хотите отпустить 1\u202f200,000 кг. Уменьшите количество "
        "или попросите ОТК допустить ожидающие партии.")


def test_permission_and_flow_refusals_read_in_russian(russian):
    from erp_desktop.domain.progress import StageTotals, check_flow
    from erp_desktop.errors import FlowRuleViolation
    from erp_desktop.ui.errors import error_text

    with pytest.raises(PermissionDenied) as refused:
        require(Role.OPERATOR, Op.MANAGE_USERS)
    assert error_text(refused.value) == ("Ваша роль (Оператор) не может управлять пользователями. "
                                         "Если это нужно, обратитесь к администратору.")
    with pytest.raises(FlowRuleViolation) as broken:
        check_flow([StageTotals("Токарная", 5), StageTotals("Фрезерная", 7)])
    assert error_text(broken.value) == ("На операции «Фрезерная» стало бы всего 7 годных, но на предыдущей "
                                        "операции «Токарная» их только 5.")


def test_sign_in_refusal_reads_in_russian(russian, sqlite_db):
    from erp_desktop.errors import AuthenticationFailed
    from erp_desktop.services.access import auth
    from erp_desktop.ui.errors import error_text

    with pytest.raises(AuthenticationFailed) as failed:
        auth.sign_in(sqlite_db, "никто", "wrong-password")
    assert error_text(failed.value) == "Неверное имя пользователя или пароль."


def test_language_is_remembered_per_user_name(monkeypatch):
    monkeypatch.setattr(language, "system_language", lambda: language.ENGLISH)
    assert language.user_language("Иванова") == language.ENGLISH
    language.remember_language("Иванова", language.RUSSIAN)
    assert language.user_language("иванова") == language.RUSSIAN  # the name as signed in, any case
    assert language.user_language("petrov") == language.ENGLISH
    assert language.startup_language() == language.RUSSIAN
    assert language.signed_in_language("petrov") == language.ENGLISH
    assert language.startup_language() == language.ENGLISH  # the sign-in window follows the last user


def test_language_defaults_to_the_system_locale(monkeypatch):
    monkeypatch.setattr(language, "system_language", lambda: language.RUSSIAN)
    assert language.user_language("kolchin") == language.RUSSIAN


def test_choosing_a_language_in_the_menu_says_when_it_applies(qtbot, make_ctx, _no_modal_boxes):
    from erp_desktop.ui.main_window import MainWindow

    ctx = make_ctx()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    action = next(a for a in window.actions() if a.objectName() == "language_ru")
    action.trigger()
    assert language.user_language(ctx.actor.username) == language.RUSSIAN
    assert action.isChecked()
    assert _no_modal_boxes and "next time you sign in" in _no_modal_boxes[-1][1][2]
