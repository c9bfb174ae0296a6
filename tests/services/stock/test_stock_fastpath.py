"""The FIFO issue's one-round-trip path on PostgreSQL (the procedure erp_issue_stock) writes exactly what
the Python path writes; both back ends run the same scenario."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal as D

import psycopg
import pytest
from sqlalchemy import select, text

from erp_desktop.db.models import AuditEntry, Lot, Part, Product, StockDocument, StockMovement, StockPosition
from erp_desktop.errors import InsufficientStock, NotFound, SessionEnded
from erp_desktop.services import stock
from erp_desktop.services.access.auth import sign_in
from erp_desktop.services.admin import users
from erp_desktop.services.stock import ops as stock_ops
from erp_desktop.services.uow import NOTIFY_CHANNEL
from tests.factories import PASSWORD, admin_of, make_plant
from tests.services.stock.stock_fixtures import make_shop


def _scenario(plant):
    """Lots out of id order, a quarantined older lot, an issue over two lots, one for a part that does not
    exist, one that empties the stock, a refused one and one where no stock was ever recorded."""
    shop = make_shop(plant)
    shop.lot("50", "1.0000", days=0, quality="QUARANTINE", lot_number="Q-OLD")
    shop.lot("30", "300.0000", days=5, lot_number="NEWEST")
    shop.lot("10", "100.1234", days=1, lot_number="OLDEST")
    shop.lot("5.250", "200.5000", days=2, lot_number="MIDDLE")
    part = shop.part("P-7")
    docs = [
        stock.issue_stock(shop.db, plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                          qty=D("12.500"), part_id=part, reason="for shaft P-7"),
    ]
    with pytest.raises(NotFound):
        stock.issue_stock(shop.db, plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                          qty=D("1"), part_id=2**31 - 1)  # an id a part could have, but none has
    docs += [
        stock.issue_stock(shop.db, plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                          qty=D("0.001")),
        stock.issue_stock(shop.db, plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id,
                          qty=D("32.749")),
    ]
    with pytest.raises(InsufficientStock) as refused:
        stock.issue_stock(shop.db, plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("1"))
    with pytest.raises(InsufficientStock):  # no position at all
        stock.issue_stock(shop.db, plant.supply, product_id=shop.bolt.id, warehouse_id=shop.main.id, qty=D("1"))
    return shop, docs, refused.value


def _journal(db, org_id: int) -> dict:
    """What the issues wrote, with ids replaced by lot numbers (typed selects: SQLite stores scaled ints)."""
    m, d, lot, pos = StockMovement, StockDocument, Lot, StockPosition
    with admin_of(db).sessions() as session:
        lots = dict(session.execute(select(lot.id, lot.lot_number).where(lot.org_id == org_id)).all())
        movements = [
            (kind, lots[lot_id], *rest)
            for kind, lot_id, *rest in session.execute(
                select(m.kind, m.lot_id, m.qty, m.reserved_delta, m.unit_cost, m.value, m.quality_from,
                       m.quality_to, d.reason, Part.code)
                .join(d, d.id == m.document_id).outerjoin(Part, Part.id == d.part_id)
                .where(m.org_id == org_id, m.kind == "issue").order_by(m.id))
        ]
        totals = sorted(session.execute(select(lot.lot_number, lot.on_hand, lot.reserved)
                                        .where(lot.org_id == org_id)).all())
        positions = sorted(session.execute(select(Product.sku, pos.on_hand, pos.reserved)
                                           .join(Product, Product.id == pos.product_id)
                                           .where(pos.org_id == org_id)).all())
        numbers = dict(session.execute(select(d.id, d.number).where(d.org_id == org_id)).all())
        audit = []
        for entity_id, after in session.execute(
                select(AuditEntry.entity_id, AuditEntry.after)
                .where(AuditEntry.org_id == org_id, AuditEntry.entity == "stock_document",
                       AuditEntry.action == "issue").order_by(AuditEntry.id)):
            after = dict(after)
            assert after.pop("number") == numbers[int(entity_id)] == f"ISS-{int(entity_id):06d}"
            after["part_id"] = after["part_id"] is not None
            after["movements"] = [[kind, lots[lot_id], *rest] for kind, lot_id, *rest in after["movements"]]
            audit.append(after)
    return {"movements": movements, "lots": totals, "positions": positions, "audit": audit}


EXPECTED_SLICES = [
    [("OLDEST", D("-10.000"), D("100.1234")), ("MIDDLE", D("-2.500"), D("200.5000"))],
    [("MIDDLE", D("-0.001"), D("200.5000"))],
    [("MIDDLE", D("-2.749"), D("200.5000")), ("NEWEST", D("-30.000"), D("300.0000"))],
]


def test_issue_scenario_on_both_back_ends(plant):
    shop, docs, refused = _scenario(plant)
    assert [[(m.lot_number, m.qty, m.unit_cost) for m in doc.movements] for doc in docs] == EXPECTED_SLICES
    first = docs[0]
    assert first.number == f"ISS-{first.id:06d}" and first.reason == "for shaft P-7" and first.part_id
    assert [m.value for m in first.movements] == [D("-1001.2340000"), D("-501.2500000")]
    assert all(m.sku == "ST-40X-D40" and m.warehouse_name == "Main store" and m.username == plant.supply.username
               for doc in docs for m in doc.movements)
    assert refused.available == D("0.000") and refused.quarantine == D("50.000")
    journal = _journal(shop.db, plant.org_id)
    assert [(lot, qty, cost) for _, lot, qty, _, cost, *_ in journal["movements"]] == [
        piece for doc in EXPECTED_SLICES for piece in doc]
    assert ("OLDEST", D("0.000"), D("0.000")) in journal["lots"]
    assert journal["positions"] == [("ST-40X-D40", D("50.000"), D("0.000"))]
    assert journal["audit"][0] == {"reason": "for shaft P-7", "part_id": True, "movements": [
        ["issue", "OLDEST", "-10.000", "0.000", "100.1234"], ["issue", "MIDDLE", "-2.500", "0.000", "200.5000"]]}
    assert [m.id for doc in docs for m in doc.movements] == sorted(m.id for doc in docs for m in doc.movements)


def test_fast_path_writes_what_the_python_path_writes(pg_db, monkeypatch):
    fast = make_plant(pg_db, "Fast plant", "f_")
    python = make_plant(pg_db, "Python plant", "p_")
    used = []

    def spy(*args, **kwargs):
        result = fast_issue(*args, **kwargs)
        used.append(result is not None)
        return result

    fast_issue = stock_ops.issue_in_one_round_trip
    monkeypatch.setattr(stock_ops, "issue_in_one_round_trip", spy)
    _, fast_docs, _ = _scenario(fast)
    assert used == [True, False, True, True, False, False]  # refusals go to the Python path

    monkeypatch.setattr(stock_ops, "issue_in_one_round_trip", lambda *a, **k: None)
    _, python_docs, _ = _scenario(python)

    assert _journal(pg_db, fast.org_id) == _journal(pg_db, python.org_id)

    def shape(doc):
        return [(m.kind, m.lot_number, m.qty, m.reserved_delta, m.unit_cost, m.value, m.quality_from, m.quality_to,
                 m.sku, m.product_name, m.unit, m.warehouse_name, m.reason, m.part_id is not None) for m in doc.movements]

    assert [shape(d) for d in fast_docs] == [shape(d) for d in python_docs]
    with admin_of(pg_db).engine.connect() as c:
        for doc in fast_docs:  # the DTO is what was stored
            stored = c.execute(text("SELECT id, lot_id, qty, value FROM stock_movements WHERE document_id = :d "
                                    "ORDER BY id"), {"d": doc.id}).all()
            assert [tuple(r) for r in stored] == [(m.id, m.lot_id, m.qty, m.value) for m in doc.movements]
            stored_at = c.execute(text("SELECT at FROM stock_documents WHERE id = :d"), {"d": doc.id}).scalar_one()
            assert doc.at.tzinfo is not None and stored_at == doc.at.replace(tzinfo=None)


def test_fast_path_notifies_once_after_the_commit_and_locally(pg_db):
    """The notification goes out in its own transaction after the issue committed (migration 0004): a desktop
    that hears it and reads at once sees the issue."""
    plant = make_plant(pg_db)
    shop = make_shop(plant)
    shop.lot("10", "5.0000")
    heard_here = []
    pg_db.local_listeners.append(lambda org, topic, ids: heard_here.append((org, topic, ids)))
    listener = psycopg.connect(pg_db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
                               autocommit=True)
    try:
        listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
        stock.issue_stock(pg_db, plant.supply, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("1"))
        heard = [json.loads(n.payload) for n in listener.notifies(timeout=1.0, stop_after=2)]
    finally:
        listener.close()
    with admin_of(pg_db).engine.connect() as c:  # the desktops' login reads nothing without a session
        on_hand = c.execute(text("SELECT on_hand FROM lots")).scalar_one()
    assert heard == [{"org": plant.org_id, "topic": "stock", "ids": [shop.steel.id]}]
    assert heard_here == [(plant.org_id, "stock", [shop.steel.id])]
    assert on_hand == D("9.000")


def test_an_ended_session_cannot_issue_on_the_fast_path(pg_db, monkeypatch):
    plant = make_plant(pg_db)
    shop = make_shop(plant)
    shop.lot("10", "5.0000")
    used = []

    def spy(*args, **kwargs):
        result = fast_issue(*args, **kwargs)
        used.append(result)
        return result

    fast_issue = stock_ops.issue_in_one_round_trip
    monkeypatch.setattr(stock_ops, "issue_in_one_round_trip", spy)
    clerk = sign_in(pg_db, plant.supply.username, PASSWORD).actor
    users.end_session(pg_db, plant.admin, clerk.session_id)
    with pytest.raises(SessionEnded):
        stock.issue_stock(pg_db, clerk, product_id=shop.steel.id, warehouse_id=shop.main.id, qty=D("1"))
    assert used == []  # the server itself refused: identity comes from the token, checked on the fast path too
    with admin_of(pg_db).engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM stock_documents WHERE kind = 'issue'")).scalar_one() == 0
        assert c.execute(text("SELECT on_hand FROM lots")).scalar_one() == D("10.000")


def test_the_fast_path_locks_only_the_lots_it_takes(pg_db):
    """Another desktop holding the newest lot does not hold up an issue served by the oldest one."""
    plant = make_plant(pg_db)
    shop = make_shop(plant)
    shop.lot("10", "5.0000", days=1, lot_number="OLD")
    shop.lot("10", "6.0000", days=2, lot_number="NEW")
    with ThreadPoolExecutor(1) as pool, admin_of(pg_db).engine.connect() as other:
        other.execute(text("SELECT id FROM lots WHERE lot_number = 'NEW' FOR UPDATE"))
        issuing = pool.submit(stock.issue_stock, pg_db, plant.supply, product_id=shop.steel.id,
                              warehouse_id=shop.main.id, qty=D("4"))
        try:
            doc = issuing.result(timeout=5)
        finally:
            other.rollback()  # lets a wrongly waiting issue finish, so the test ends either way
    assert [(m.lot_number, m.qty) for m in doc.movements] == [("OLD", D("-4.000"))]
