"""Sign-in names, codes and searches ignore letter case in any script (Cyrillic with Ё/ё, Latin), and
searches take '%', '_' and '\\' literally: the same answers on SQLite and PostgreSQL (issue 15)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from decimal import Decimal as D

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from erp_desktop.db.models import Part
from erp_desktop.db.types import utcnow
from erp_desktop.domain.text import fold
from erp_desktop.errors import AccountLocked, AuthenticationFailed, ValidationError
from erp_desktop.services import stock
from erp_desktop.services.access import auth
from erp_desktop.services.admin import users
from erp_desktop.services.production import parts, stages
from erp_desktop.services.tasks import board as tasks
from tests.factories import PASSWORD, admin_of
from tests.services.migration_modules import migration_module
from tests.services.production.production_fixtures import make_line

# --------------------------------------------------------------------------- sign-in names


@pytest.mark.parametrize("typed", ["Иванова", "иванова", "ИВАНОВА", "  иВАНОВА "])
def test_a_cyrillic_user_signs_in_whatever_the_case_typed(plant, typed):
    users.create_user(plant.db, plant.admin, username="Иванова", full_name="Иванова А. П.", role="master",
                      password=PASSWORD)
    assert auth.sign_in(plant.db, typed, PASSWORD).actor.username == "Иванова"


def test_yo_folds_with_its_capital_in_sign_in_names(plant):
    users.create_user(plant.db, plant.admin, username="Ёлкин", full_name="", role="operator", password=PASSWORD)
    for typed in ("ёлкин", "ЁЛКИН"):
        assert auth.sign_in(plant.db, typed, PASSWORD).actor.username == "Ёлкин"
    with pytest.raises(AuthenticationFailed):  # е and ё are different letters, not different cases
        auth.sign_in(plant.db, "Елкин", PASSWORD)


def test_failed_sign_ins_count_against_one_name_whatever_the_case(plant):
    users.create_user(plant.db, plant.admin, username="Петрова", full_name="", role="operator", password=PASSWORD)
    for typed in ("Петрова", "ПЕТРОВА", "петрова", "пЕТРОВА", "ПеТрОвА"):
        with pytest.raises(AuthenticationFailed):
            auth.sign_in(plant.db, typed, "wrong-password")
    with pytest.raises(AccountLocked):
        auth.sign_in(plant.db, "петрова", PASSWORD)


# --------------------------------------------------------------------------- unique whatever the case


def _create_user(plant, name):
    return users.create_user(plant.db, plant.admin, username=name, full_name="", role="operator", password=PASSWORD)


def _create_part(plant, code):
    line = getattr(plant, "line", None) or make_line(plant)
    plant.line = line
    return parts.create_part(plant.db, plant.master, code=code, name="Вал", planned_qty=5, route=[line.turning.id])


def _create_product(plant, sku):
    return stock.create_product(plant.db, plant.admin, sku=sku, name="Круг", unit="kg", category="metal")


def _create_warehouse(plant, code):
    return stock.create_warehouse(plant.db, plant.admin, code=code, name="Склад")


def _create_supplier(plant, name):
    return stock.create_supplier(plant.db, plant.admin, name=name)


def _create_stage(plant, code):
    return stages.create_stage(plant.db, plant.admin, code=code, name="Этап")


UNIQUE_KINDS = [
    # (create, field, first, second): second differs from first only in letter case
    (_create_user, "username", "Иванова", "иВАНОВА"),
    (_create_user, "username", "Bracket", "BRACKET"),
    (_create_part, "code", "Вал-1", "ВАЛ-1"),
    (_create_part, "code", "Ёмкость-2", "ёМКОСТЬ-2"),
    (_create_product, "sku", "КРУГ-Ё45", "круг-ё45"),
    (_create_warehouse, "code", "Склад-1", "СКЛАД-1"),
    (_create_supplier, "name", "ООО «Ромашка»", "ооо «РОМАШКА»"),
    (_create_stage, "code", "Ёмкость", "ёМКОСТЬ"),
]


@pytest.mark.parametrize("create,field,first,second", UNIQUE_KINDS)
def test_names_and_codes_are_unique_whatever_the_case(plant, create, field, first, second):
    create(plant, first)
    with pytest.raises(ValidationError) as refused:
        create(plant, second)
    assert refused.value.field == field


def test_renaming_to_another_records_code_in_other_case_is_refused_but_own_case_change_is_not(plant):
    line = make_line(plant)
    first = parts.create_part(plant.db, plant.master, code="Вал-1", name="Вал", planned_qty=5, route=[line.turning.id])
    second = parts.create_part(plant.db, plant.master, code="Вал-2", name="Вал", planned_qty=5,
                               route=[line.turning.id])
    with pytest.raises(ValidationError) as refused:
        parts.update_part(plant.db, plant.master, second.id, version=second.version, code="ВАЛ-1")
    assert refused.value.field == "code"
    renamed = parts.update_part(plant.db, plant.master, first.id, version=first.version, code="ВАЛ-1")
    assert renamed.code == "ВАЛ-1"

    product = _create_product(plant, "ЛИСТ-2")
    _create_product(plant, "ЛИСТ-3")
    with pytest.raises(ValidationError) as refused:
        stock.update_product(plant.db, plant.admin, product.id, version=product.version, sku="лист-3")
    assert refused.value.field == "sku"
    assert stock.update_product(plant.db, plant.admin, product.id, version=product.version, sku="Лист-2").sku == "Лист-2"


def test_stage_codes_are_kept_folded(plant):
    assert _create_stage(plant, "ЁМКОСТЬ_Б").code == "ёмкость_б"


def test_the_database_behind_the_check(db, plant):
    """PostgreSQL: a unique index on the folded code refuses a case twin that bypasses the app (two desktops at
    once). SQLite: no index on the app's function, so another tool can still write and check the file; the
    app's own check runs under the file's write lock, where nothing can come in between."""
    _create_part(plant, "Вал-1")
    twin = {"org_id": plant.org_id, "code": "ВАЛ-1", "name": "Вал", "planned_qty": 5, "status": "planned",
            "priority": 0, "customer": "", "version": 1}
    if db.is_postgres:
        with pytest.raises(IntegrityError, match="ux_parts_org_code_folded"), admin_of(db).sessions.begin() as session:
            session.add(Part(**twin))
        return
    with sqlite3.connect(make_url(db.url).database) as other_tool:  # no erp_fold registered here
        other_tool.execute("UPDATE parts SET code = 'ВАЛ-1а' WHERE code = 'Вал-1'")
        assert other_tool.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [p.code for p in parts.list_parts(db, plant.viewer, search="вал-1").rows] == ["ВАЛ-1а"]


# --------------------------------------------------------------------------- search


@pytest.fixture
def shop_floor(plant):
    line = make_line(plant)

    def part(code, name, customer=""):
        return parts.create_part(plant.db, plant.master, code=code, name=name, customer=customer, planned_qty=5,
                                 route=[line.turning.id]).id

    return {
        "shaft": part("Д-17", "Вал ступенчатый", "ООО «Ромашка»"),
        "blank": part("ЧЕР-5", "Заготовка черновая"),
        "brush": part("ЁЖ-1", "Ёршик"),
        "bracket": part("BR-7", "Bracket"),
        "percent": part("100%", "Сито"),
        "underscore": part("A_1", "Шайба"),
        "backslash": part("B\\2", "Втулка"),
    }


@pytest.mark.parametrize("search,expected", [
    ("ступ", {"shaft"}), ("Вал", {"shaft"}), ("вал", {"shaft"}), ("ВАЛ", {"shaft"}),
    ("ЧЕР", {"blank"}), ("черн", {"blank"}), ("Ромашка", {"shaft"}), ("«РОМАШКА»", {"shaft"}),
    ("ёж", {"brush"}), ("ЁРШ", {"brush"}), ("Ёж-1", {"brush"}), ("brACK", {"bracket"}),
    ("%", {"percent"}), ("_", {"underscore"}), ("\\", {"backslash"}), ("0%", {"percent"}), ("A_", {"underscore"}),
    ("  вал  ", {"shaft"}), ("", {"shaft", "blank", "brush", "bracket", "percent", "underscore", "backslash"}),
])
def test_parts_search_ignores_case_in_any_script_and_takes_wildcards_literally(plant, shop_floor, search, expected):
    found = {p.id for p in parts.list_parts(plant.db, plant.viewer, search=search).rows}
    assert found == {shop_floor[name] for name in expected}


@pytest.fixture
def stores(plant):
    db, admin = plant.db, plant.admin
    warehouse = stock.create_warehouse(db, admin, code="Склад-1", name="Основной склад")

    def product(sku, name, grade=""):
        created = stock.create_product(db, admin, sku=sku, name=name, unit="kg", category="metal", grade=grade)
        stock.receive_stock(db, admin, product_id=created.id, warehouse_id=warehouse.id, qty=D("10"),
                            unit_cost=D("1"), quality="APPROVED", lot_number=f"ПАРТИЯ-{sku}",
                            received_at=utcnow() - timedelta(days=1))
        return created.id

    return {
        "round": product("КРУГ-45", "Круг стальной", grade="Ст45"),
        "sheet": product("ЛИСТ-2", "Лист оцинкованный"),
        "yo": product("ЁРШ-3", "Ёршик"),
        "latin": product("BOLT-M8", "Bolt M8x30"),
        "percent": product("CUT-2%", "Резец"),
        "underscore": product("PIN_4", "Штифт"),
        **{f"plain{n}": product(f"P-{n}", f"Прокат {n}") for n in range(3)},
    }


@pytest.mark.parametrize("search,expected", [
    ("круг", {"round"}), ("СТАЛЬН", {"round"}), ("ст45", {"round"}), ("ОЦИНК", {"sheet"}), ("ёрш", {"yo"}),
    ("bolt", {"latin"}), ("%", {"percent"}), ("_", {"underscore"}), ("\\", set()),
])
def test_product_and_stock_search_ignore_case_and_take_wildcards_literally(plant, stores, search, expected):
    want = {stores[name] for name in expected}
    assert {p.id for p in stock.list_products(plant.db, plant.viewer, search=search)} == want
    assert {row.product_id for row in stock.list_stock(plant.db, plant.viewer, search=search)} == want
    assert {row.product_id for row in stock.list_stock(plant.db, plant.viewer, search=search,
                                                       by_warehouse=False)} == want


def test_scanned_codes_are_found_whatever_the_case(plant, stores):
    assert stock.find_by_code(plant.db, plant.viewer, "ёрш-3").product.id == stores["yo"]
    match = stock.find_by_code(plant.db, plant.viewer, "партия-лист-2")
    assert [lot.product_id for lot in match.lots] == [stores["sheet"]]
    assert [lot.product_id for lot in stock.list_lots(plant.db, plant.viewer, lot_number="ПАРТИЯ-ЁРШ-3")] == [
        stores["yo"]]
    document = stock.list_movements(plant.db, plant.viewer, limit=1).rows[0]
    assert stock.get_document(plant.db, plant.viewer, number=document.document_number.lower()).id == \
        document.document_id


def test_task_search_ignores_case_in_any_script_and_takes_wildcards_literally(plant):
    def task(title, description=""):
        return tasks.create_task(plant.db, plant.master, title=title, description=description,
                                 assignee_role="operator").id

    made = {"yo": task("Ёмкость протекает"), "percent": task("Скидка 5%"), "underscore": task("Файл plan_b"),
            "desc": task("Станок", "Заменить РЕМЕНЬ привода")}

    def found(search):
        board = tasks.list_board(plant.db, plant.operator, text=search)
        return {card.id for column in board.columns.values() for card in column}

    assert found("ЁМКОСТЬ") == found("ёмк") == {made["yo"]}
    assert found("ремень") == {made["desc"]}
    assert found("%") == {made["percent"]}
    assert found("_") == {made["underscore"]}


# --------------------------------------------------------------------------- the server's fold


LETTERS = ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
           "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
           "ЄІЇЎҐЂЉЊЋЏєіїўґђљњћџ ÀÉÎÕÜÇÑ àéîõüçñ 0-9 %_\\ «»№")


def test_the_database_folds_exactly_as_the_app_does(db):
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT erp_fold(:s)"), {"s": LETTERS}).scalar_one() == fold(LETTERS)
        assert connection.execute(text("SELECT erp_fold(NULL)")).scalar_one() is None


def test_a_server_without_icu_folds_latin_and_cyrillic_the_same_way(pg_db):
    """The migration's fallback body (no ICU on the server): translate() over Latin and Cyrillic capitals."""
    fallback = migration_module("0005_case_free_names.py").fold_function_sql(icu=False, name="pg_temp.erp_fold_fallback")
    with admin_of(pg_db).engine.begin() as connection:
        connection.execute(text(fallback))
        assert connection.execute(text("SELECT pg_temp.erp_fold_fallback(:s)"), {"s": LETTERS}).scalar_one() == \
            fold(LETTERS)


@pytest.mark.parametrize("table,scope,column", [("users", None, "username"), ("parts", "org_id", "code"),
                                                ("products", "org_id", "sku"), ("lots", "org_id", "lot_number")])
def test_postgres_finds_a_name_through_the_folded_index(pg_db, table, scope, column):
    """The equality the services write (erp_fold(column) = erp_fold(value)) is one the folded unique index
    answers (as the table's owner sees it). Under row-level security PostgreSQL applies the policy before a
    function that is not LEAKPROOF, and only a superuser may mark erp_fold so: the desktops' lookups then scan
    the organisation's rows (users, codes: small tables), while the index still backs uniqueness."""
    where = (f"{scope} = 1 AND " if scope else "") + f"erp_fold({column}) = erp_fold(:value)"
    with admin_of(pg_db).engine.begin() as connection:
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(connection.execute(text(f"EXPLAIN SELECT id FROM {table} WHERE {where}"),
                                            {"value": "ИВАНОВА"}).scalars())
    assert f"_folded on {table}" in plan, plan
