"""Odd input on both back ends: NUL bytes, unpaired surrogates, numbers no column holds, passwords bcrypt
cannot take, text longer than its column, ids no key can hold. Each is refused with a message naming the
field (NotFound for ids), never "Unexpected error" (a DataError, InvalidOperation or bcrypt's ValueError)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from erp_desktop.db.models import AuditEntry, Part, SignInThrottle
from erp_desktop.errors import AuthenticationFailed, NotFound, ValidationError
from erp_desktop.services import stock
from erp_desktop.services.access import auth
from erp_desktop.services.admin import users
from erp_desktop.services.production import facts, parts, stages
from erp_desktop.services.tasks import board as tasks
from erp_desktop.services.uow import run_read
from tests.factories import PASSWORD, admin_of
from tests.services.production.production_fixtures import YESTERDAY, make_line, make_part
from tests.services.stock.stock_fixtures import make_shop

D = Decimal
NUL, SURROGATE = "a\x00b", "a\ud800b"


@pytest.fixture
def shop(plant):
    shop = make_shop(plant)
    shop.line = make_line(plant)
    shop.job = make_part(plant, shop.line)
    return shop


def _text_inputs(shop):
    """(field, call with the odd text in that field) for every kind of text a service takes."""
    p, db = shop.plant, shop.db
    job, line = shop.job, shop.line
    route = [line.machining.id]
    return [
        ("code", lambda v: parts.create_part(db, p.master, code=v, name="Shaft", planned_qty=1, route=route)),
        ("name", lambda v: parts.create_part(db, p.master, code="X-1", name=v, planned_qty=1, route=route)),
        ("customer", lambda v: parts.update_part(db, p.master, job.id, version=job.version, customer=v)),
        ("search", lambda v: parts.list_parts(db, p.master, search=v)),
        ("customer", lambda v: parts.list_parts(db, p.master, customer=v)),
        ("reason", lambda v: parts.cancel_part(db, p.admin, job.id, version=job.version, reason=v)),
        ("code", lambda v: stages.create_stage(db, p.technologist, code=v, name="Lapping")),
        ("name", lambda v: stages.create_stage(db, p.technologist, code="lapping", name=v)),
        ("comment", lambda v: facts.create_fact(db, p.master, part_id=job.id, stage_id=line.fitting.id,
                                                fact_date=YESTERDAY, qty_good=1, comment=v)),
        ("title", lambda v: tasks.create_task(db, p.master, title=v, assignee_role="operator")),
        ("description", lambda v: tasks.create_task(db, p.master, title="Fix", description=v,
                                                    assignee_role="operator")),
        ("text", lambda v: tasks.list_board(db, p.master, text=v)),
        ("sku", lambda v: stock.create_product(db, p.admin, sku=v, name="Nut", unit="pcs", category="fastener")),
        ("name", lambda v: stock.create_product(db, p.admin, sku="NUT", name=v, unit="pcs", category="fastener")),
        ("grade", lambda v: stock.update_product(db, p.admin, shop.steel.id, version=shop.steel.version, grade=v)),
        ("code", lambda v: stock.create_warehouse(db, p.admin, code=v, name="Yard")),
        ("contact", lambda v: stock.create_supplier(db, p.admin, name="Bolts Ltd", contact=v)),
        ("search", lambda v: stock.list_products(db, p.admin, search=v)),
        ("search", lambda v: stock.list_stock(db, p.admin, search=v)),
        ("code", lambda v: stock.find_by_code(db, p.supply, v)),
        ("number", lambda v: stock.get_document(db, p.supply, number=v)),
        ("lot_number", lambda v: stock.list_lots(db, p.supply, lot_number=v)),
        ("lot_number", lambda v: stock.receive_stock(db, p.admin, product_id=shop.steel.id,
                                                     warehouse_id=shop.main.id, qty=1, unit_cost=1, lot_number=v)),
        ("reason", lambda v: stock.issue_stock(db, p.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                               qty=1, reason=v)),
        ("order_ref", lambda v: stock.reserve_stock(db, p.supply, product_id=shop.steel.id,
                                                    warehouse_id=shop.main.id, qty=1, order_ref=v)),
        ("username", lambda v: users.create_user(db, p.admin, username=v, full_name="", role="viewer",
                                                 password=PASSWORD)),
        ("full_name", lambda v: users.create_user(db, p.admin, username="newbie", full_name=v, role="viewer",
                                                  password=PASSWORD)),
        ("password", lambda v: users.create_user(db, p.admin, username="newbie", full_name="", role="viewer",
                                                 password=v + "-long-enough")),
    ]


@pytest.mark.parametrize(("odd", "named"), [(NUL, "NUL character"), (SURROGATE, "unpaired surrogate")])
def test_text_with_a_nul_or_a_lone_surrogate_is_refused_naming_the_field(shop, odd, named):
    for field, call in _text_inputs(shop):
        with pytest.raises(ValidationError) as refused:
            call(odd)
        assert refused.value.field == field, (field, refused.value.message)
        assert named in refused.value.message


def test_text_longer_than_its_column_is_refused_with_the_limit(shop):
    p, db = shop.plant, shop.db
    cases = [
        ("full_name", 200, lambda v: users.create_user(db, p.admin, username="newbie", full_name=v, role="viewer",
                                                       password=PASSWORD)),
        ("full_name", 200, lambda v: users.update_user(db, p.admin, p.viewer.user_id, version=1, full_name=v)),
        ("username", 64, lambda v: users.create_user(db, p.admin, username=v, full_name="", role="viewer",
                                                     password=PASSWORD)),
        ("name", 100, lambda v: stages.create_stage(db, p.technologist, code="lapping", name=v)),
        ("certificate", 100, lambda v: stock.receive_stock(db, p.admin, product_id=shop.steel.id,
                                                           warehouse_id=shop.main.id, qty=1, unit_cost=1,
                                                           certificate=v)),
        ("title", 200, lambda v: tasks.create_task(db, p.master, title=v, assignee_role="operator")),
    ]
    for field, limit, call in cases:
        call("я" * limit)  # exactly the limit fits (characters, not bytes)
        with pytest.raises(ValidationError) as refused:
            call("я" * (limit + 1))
        assert refused.value.field == field
        assert f"at most {limit} characters" in refused.value.message and str(limit + 1) in refused.value.message


@pytest.mark.parametrize("huge", ["1e999999999", "1" * 40, "-1e999999999", "1e-999999999", D("9" * 40)])
def test_quantities_and_costs_beyond_their_columns_are_refused_not_unexpected(shop, huge):
    p, db = shop.plant, shop.db
    cases = [
        ("qty", lambda v: stock.receive_stock(db, p.admin, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                              qty=v, unit_cost=1)),
        ("unit_cost", lambda v: stock.receive_stock(db, p.admin, product_id=shop.steel.id,
                                                    warehouse_id=shop.main.id, qty=1, unit_cost=v)),
        ("qty", lambda v: stock.issue_stock(db, p.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                                            qty=v)),
        ("min_level", lambda v: stock.create_product(db, p.admin, sku="NUT", name="Nut", unit="pcs",
                                                     category="fastener", min_level=v)),
        ("planned_qty", lambda v: parts.create_part(db, p.master, code="X-1", name="Shaft", planned_qty=v,
                                                    route=[shop.line.machining.id])),
        ("qty_good", lambda v: facts.create_fact(db, p.master, part_id=shop.job.id, stage_id=shop.line.machining.id,
                                                 fact_date=YESTERDAY, shift="day", operator_id=p.operator.user_id,
                                                 qty_good=v)),
    ]
    for field, call in cases:
        with pytest.raises(ValidationError) as refused:
            call(huge)
        assert refused.value.field == field, (field, refused.value.message)


def test_a_quantity_too_large_names_the_allowed_maximum(shop):
    with pytest.raises(ValidationError, match=r"at most 999999999\.999") as refused:
        stock.receive_stock(shop.db, shop.admin, product_id=shop.steel.id, warehouse_id=shop.main.id,
                            qty="1" * 40, unit_cost=1)
    assert refused.value.field == "qty"


@pytest.mark.parametrize("priority", [10**10, "1e10", -(2**31) - 1, D("1e10")])
def test_whole_numbers_outside_their_column_are_refused_with_the_range(shop, priority):
    p, db, job = shop.plant, shop.db, shop.job
    with pytest.raises(ValidationError, match="between -2147483648 and 2147483647") as refused:
        parts.update_part(db, p.master, job.id, version=job.version, priority=priority)
    assert refused.value.field == "priority"
    with pytest.raises(ValidationError, match="between -2147483648 and 2147483647") as refused:
        stages.create_stage(db, p.technologist, code="lapping", name="Lapping", sort_order=priority)
    assert refused.value.field == "sort_order"


def test_a_board_period_beyond_any_date_is_refused(plant):
    with pytest.raises(ValidationError, match="between 0 and 36500") as refused:
        tasks.list_board(plant.db, plant.master, done_days=10**10)
    assert refused.value.field == "done_days"


def test_the_largest_priority_the_column_holds_is_kept(shop):
    job = parts.update_part(shop.db, shop.plant.master, shop.job.id, version=shop.job.version, priority=2**31 - 1)
    assert parts.get_part(shop.db, shop.plant.master, job.id).priority == 2**31 - 1


CYRILLIC_42 = "пароль" * 7  # 42 letters, 84 bytes
CYRILLIC_36 = "пароль" * 6  # 36 letters, 72 bytes


def test_passwords_are_measured_in_bytes_and_refused_above_72(plant):
    db = plant.db
    for call in (
        lambda pw: users.create_user(db, plant.admin, username="ivan", full_name="", role="viewer", password=pw),
        lambda pw: users.reset_password(db, plant.admin, plant.viewer.user_id, pw),
        lambda pw: auth.create_admin(db, username="root2", password=pw, organization="Plant A"),
    ):
        with pytest.raises(ValidationError, match="at most 72 bytes") as refused:
            call(CYRILLIC_42)
        assert refused.value.field == "password" and "84" in refused.value.message
    users.create_user(db, plant.admin, username="ivan", full_name="", role="viewer", password=CYRILLIC_36)
    assert auth.sign_in(db, "ivan", CYRILLIC_36).actor.username == "ivan"
    with pytest.raises(AuthenticationFailed, match="Wrong user name or password"):
        auth.sign_in(db, "ivan", CYRILLIC_42)  # longer than any stored password: simply wrong


def test_a_password_of_only_spaces_is_refused(plant):
    with pytest.raises(ValidationError, match="only spaces") as refused:
        users.create_user(plant.db, plant.admin, username="ivan", full_name="", role="viewer", password=" " * 8)
    assert refused.value.field == "password"
    signed = auth.sign_in(plant.db, plant.master.username, PASSWORD)
    with pytest.raises(ValidationError, match="only spaces"):
        auth.change_own_password(plant.db, signed.actor, PASSWORD, "\t" * 4 + " " * 8)


def _throttle_rows_and_audit(db) -> tuple[int, int]:
    def work(uow):
        return (uow.session.execute(select(func.count()).select_from(SignInThrottle)).scalar_one(),
                uow.session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())

    return run_read(admin_of(db), None, work)  # the server's throttle: only the owner reads it


@pytest.mark.parametrize("name", ["a" * 65, "adm\x00in", "adm\udc00in", "я" * 65])
def test_a_sign_in_name_no_account_can_have_is_the_generic_failure_and_counts_nothing(plant, name):
    before = _throttle_rows_and_audit(plant.db)
    with pytest.raises(AuthenticationFailed) as refused:
        auth.sign_in(plant.db, name, PASSWORD)
    assert refused.value.message == auth.GENERIC_FAILURE
    assert _throttle_rows_and_audit(plant.db) == before


def test_a_known_name_of_64_letters_still_signs_in(plant):
    name = "u" * 64
    users.create_user(plant.db, plant.admin, username=name, full_name="", role="viewer", password=PASSWORD)
    assert auth.sign_in(plant.db, name, PASSWORD).actor.username == name


@pytest.mark.parametrize("bad_id", [2**31, 2**63, 2**64, -1, 0])
def test_ids_no_key_can_hold_are_not_found(shop, bad_id):
    p, db = shop.plant, shop.db
    calls = [
        lambda: parts.get_part(db, p.master, bad_id),
        lambda: parts.update_part(db, p.master, bad_id, version=1, name="X"),
        lambda: parts.get_part_detail(db, p.master, bad_id),
        lambda: stages.get_stage(db, p.master, bad_id),
        lambda: facts.get_fact(db, p.master, bad_id),
        lambda: facts.list_facts(db, p.master, part_id=bad_id),
        lambda: tasks.get_task(db, p.master, bad_id),
        lambda: tasks.list_board(db, p.master, part_id=bad_id),
        lambda: users.update_user(db, p.admin, bad_id, version=1, full_name="X"),
        lambda: users.end_session(db, p.admin, bad_id),
        lambda: stock.get_product(db, p.admin, bad_id),
        lambda: stock.get_lot(db, p.admin, bad_id),
        lambda: stock.get_reservation(db, p.admin, bad_id),
        lambda: stock.get_document(db, p.admin, document_id=bad_id),
        lambda: stock.get_stock_card(db, p.admin, product_id=bad_id),
        lambda: stock.list_critical_stock(db, p.admin, warehouse_id=bad_id),
        lambda: stock.list_movements(db, p.admin, lot_id=bad_id),
        lambda: stock.issue_stock(db, p.supply, product_id=bad_id, warehouse_id=shop.main.id, qty=1),
        lambda: stock.issue_stock(db, p.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=1,
                                  part_id=bad_id),
        lambda: stock.receive_stock(db, p.admin, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=1,
                                    unit_cost=1, supplier_id=bad_id),
        lambda: stock.release_reservation(db, p.supply, bad_id),
        lambda: stock.adjust_lot(db, p.admin, lot_id=bad_id, counted_qty=1, reason="count"),
    ]
    assert stock.list_stock(db, p.admin, warehouse_id=bad_id) == []  # a filter that matches nothing
    for number, call in enumerate(calls):
        with pytest.raises(NotFound, match="does not exist|No stock document"):
            call()
            pytest.fail(f"call {number} did not refuse {bad_id}")


def test_ids_no_key_can_hold_in_lists_are_left_out_or_refused(shop):
    p, db = shop.plant, shop.db
    task = tasks.create_task(db, p.master, title="Fix the jig", assignee_role="operator")
    assert [card.id for card in tasks.get_cards(db, p.master, [task.id, 2**31, 2**63])] == [task.id]
    assert tasks.open_blocker_counts(db, p.master, [2**31, 2**63]) == {}
    with pytest.raises(ValidationError, match="does not exist") as refused:
        parts.create_part(db, p.master, code="X-1", name="Shaft", planned_qty=1,
                          route=[shop.line.machining.id, 2**31])
    assert refused.value.field == "route"
    operator = facts.create_fact
    with pytest.raises(ValidationError) as refused:
        operator(db, p.master, part_id=shop.job.id, stage_id=shop.line.machining.id, fact_date=YESTERDAY,
                 shift="day", operator_id=2**31, qty_good=1)
    assert refused.value.field == "operator"


def test_a_database_refusal_of_odd_input_that_slips_past_a_service_is_worded_for_the_user(shop):
    """The last line of defence in the unit of work: the database's own "out of range" (PostgreSQL) or the
    driver's overflow (SQLite) for a value no service checked becomes a ValidationError, not a bug report."""
    with pytest.raises(ValidationError, match="outside the range the database can store"):
        run_read(shop.db, shop.plant.admin, lambda uow: uow.session.execute(
            select(Part.id).where(Part.priority == 2**64)).all())
    with pytest.raises(ValidationError, match="cannot be stored"):
        run_read(shop.db, shop.plant.admin, lambda uow: uow.session.execute(
            select(Part.id).where(Part.name == SURROGATE)).all())
