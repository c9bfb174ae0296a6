"""Receiving against a 50-line purchase order on PostgreSQL, offscreen, among 20,000 open order lines.

    python tests/benchmarks/bench_purchasing.py [--orders 400] [--runs 7]

Creates a scratch database set up as a plant's (stock_data.scratch_database), 5,000 products, and ``orders``
sent purchase orders of 50 lines each (SQL bulk load through the superuser: 400 x 50 = 20,000 open lines), then
drives the real ReceiveAgainstPoDialog with the threaded Runner as the desktop does:
- dialog open: from creating the dialog with a scanned label to its open lines shown (target 200 ms);
- receiving one line of it (the service call: locks, lot, movement, receipt row; for the record);
Cold = first time; warm = median of the following runs. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import text  # noqa: E402
from stock_data import scratch_database, seed_organization  # noqa: E402

from erp_desktop.config import Settings  # noqa: E402
from erp_desktop.domain.codes import CodeKind, label_payload  # noqa: E402
from tests.factories import admin_of  # noqa: E402

TARGET_OPEN_MS = 200
LINES = 50
PRODUCTS = 5000

_BULK = """
INSERT INTO suppliers (org_id, name, contact, is_active, version)
SELECT :org, 'Supplier ' || g, '', true, 1 FROM generate_series(1, 20) g;
INSERT INTO warehouses (org_id, code, name, is_active, version) VALUES (:org, 'MAIN', 'Main store', true, 1);
INSERT INTO products (org_id, sku, name, unit, category, grade, size, min_level, is_active, version)
SELECT :org, 'SKU-' || lpad(g::text, 5, '0'), 'Product ' || g, 'kg', 'metal', '', '', 0, true, 1
FROM generate_series(1, :products) g;
INSERT INTO purchase_orders (id, org_id, number, supplier_id, warehouse_id, order_date, status, notes, cancel_reason,
                             created_by, created_at, sent_at, version)
SELECT nextval('purchase_orders_id_seq'), :org, 'PO-B' || lpad(g::text, 6, '0'),
       (SELECT min(id) FROM suppliers WHERE org_id = :org) + (g % 20),
       (SELECT id FROM warehouses WHERE org_id = :org), current_date - (g % 30), 'sent', '', '', :user,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 1
FROM generate_series(1, :orders) g;
INSERT INTO purchase_order_lines (order_id, position, product_id, qty, unit_price, expected_date, received_qty)
SELECT o.id, l, (SELECT min(id) FROM products WHERE org_id = :org) + ((o.id * 53 + l * 97) % :products),
       100 + l, 10 + l * 0.25, current_date + (l % 20), 0
FROM purchase_orders o CROSS JOIN generate_series(1, :lines) l WHERE o.org_id = :org;
"""


def wait_until(app, predicate, timeout: float = 60.0) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + timeout
    while not predicate():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)
        if time.perf_counter() > deadline:
            raise TimeoutError("the receive dialog did not show its lines in time")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=400)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from erp_desktop.services import purchasing
    from erp_desktop.ui.context import ChangeHub, UiContext
    from erp_desktop.ui.purchasing.receive import ReceiveAgainstPoDialog
    from erp_desktop.ui.runner import Runner

    app = QApplication.instance() or QApplication([])
    with scratch_database("erp_bench_po") as (db, _url):
        actors = seed_organization(db)
        started = time.perf_counter()
        with admin_of(db).engine.begin() as connection:
            for statement in filter(str.strip, _BULK.split(";\n")):
                connection.execute(text(statement), {"org": actors["admin"].org_id, "user": actors["supply"].user_id,
                                                     "products": PRODUCTS, "orders": args.orders, "lines": LINES})
            connection.execute(text("ANALYZE"))
            order_ids = [row[0] for row in connection.execute(text("SELECT id FROM purchase_orders ORDER BY id"))]
            open_lines = connection.execute(text("SELECT count(*) FROM purchase_order_lines")).scalar_one()
        print(f"loaded {len(order_ids)} orders, {open_lines} open lines, {PRODUCTS} products in "
              f"{time.perf_counter() - started:.1f} s")
        runner = Runner()
        ctx = UiContext(db=db, actor=actors["supply"], runner=runner, settings=Settings(), organization="Bench plant",
                        changes=ChangeHub())
        samples = []
        for run in range(args.runs + 1):
            order_id = order_ids[run * 7 % len(order_ids)]
            t0 = time.perf_counter()
            dialog = ReceiveAgainstPoDialog(ctx)
            dialog.show()
            dialog.find(label_payload(CodeKind.PURCHASE_ORDER, order_id))
            wait_until(app, lambda d=dialog: d.table.rowCount() == LINES or d.error.text())
            app.processEvents()
            samples.append((time.perf_counter() - t0) * 1000)
            if dialog.table.rowCount() != LINES:
                raise AssertionError(dialog.error.text())
            dialog.close()
            dialog.deleteLater()
        cold, warm = round(samples[0], 1), round(statistics.median(samples[1:]), 1)
        receive = []
        for run in range(args.runs):
            order = purchasing.get_purchase_order(db, actors["supply"], order_ids[-1 - run])
            t0 = time.perf_counter()
            purchasing.receive_against_order(db, actors["supply"], order.id,
                                             [purchasing.ReceiptInput(order.lines[0].id, order.lines[0].qty)])
            receive.append((time.perf_counter() - t0) * 1000)
        receive_ms = round(statistics.median(receive), 1)
        ok = warm <= TARGET_OPEN_MS
        print(f"receive dialog open, {LINES}-line order: cold {cold} ms, warm {warm} ms (target <= {TARGET_OPEN_MS} ms): "
              f"{'OK' if ok else 'SLOW'}")
        print(f"receiving one line (service call): {receive_ms} ms")
        runner.deleteLater()
    print(json.dumps({"benchmark": "purchasing", "orders": len(order_ids), "open_lines": open_lines,
                      "products": PRODUCTS, "receive_dialog_open_cold_ms": cold,
                      "receive_dialog_open_warm_ms": warm, "receive_one_line_ms": receive_ms,
                      "target_ms": TARGET_OPEN_MS, "ok": ok}))


if __name__ == "__main__":
    main()
