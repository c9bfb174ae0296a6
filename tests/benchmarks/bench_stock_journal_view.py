"""The stock movement journal view over 1,000,000 movements on PostgreSQL, offscreen.

    python tests/benchmarks/bench_stock_journal_view.py [--movements 1000000] [--runs 5]

Generates a consistent journal with stock_data.generate_journal, then drives the real JournalView
(KeysetTableModel subclass + QTableView) with the threaded Runner, as the desktop does:
- first rows shown: from creating the view to the end of the table's first paint that shows rows, and
  for a view that exists (F5 or a filter change) from the request to that paint (target 200 ms). The
  paint is the one the view does itself (watched by an event filter), not an extra forced repaint;
- jump to the last row: from pressing "Jump to end" to the oldest movement selected and painted (200 ms);
- scrolling: pages fetched as the view is scrolled to its bottom, ms per page;
- a product filter (SQL) and the time order flipped (SQL), first rows each;
- peak memory above the empty app: the process's peak RSS (VmHWM, reset after the empty app is up
  through /proc/self/clear_refs) minus the RSS of the empty app (target 150 MB).
Cold = first time; warm = median of the following runs. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from stock_data import generate_journal, scratch_database, seed_organization  # noqa: E402

from erp_desktop.config import Settings  # noqa: E402

TARGET_FIRST_MS, TARGET_JUMP_MS, TARGET_MEMORY_MB = 200, 200, 150


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def reset_peak_rss() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def wait_until(app, predicate, timeout: float = 60.0) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + timeout
    while not predicate():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() > deadline:
            raise TimeoutError("the journal view did not get its rows in time")
        time.sleep(0.0002)


class RowsPainted(QObject):
    """Sees the table's viewport paint the rows that arrived: ``seen`` turns true when a paint starts with
    rows loaded and none loading; the wait loop notices once that paint is done (the event was handled)."""

    def __init__(self, view):
        super().__init__(view)
        self.view, self.seen = view, False
        view.table.viewport().installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.view.model.rowCount() > 0 and not self.view.model.loading:
            self.seen = True
        return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--movements", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication, QMainWindow

    from erp_desktop.services import stock
    from erp_desktop.ui.context import ChangeHub, UiContext
    from erp_desktop.ui.runner import Runner
    from erp_desktop.ui.stock.common import Catalog
    from erp_desktop.ui.stock.journal import JournalView

    app = QApplication.instance() or QApplication([])
    with scratch_database("erp_bench_journal_view") as (db, _url):
        actors = seed_organization(db)
        loaded = generate_journal(db, actors, movements=args.movements)
        print(f"generated {loaded['movements']:,} movements in {loaded['load_s']} s")
        viewer = actors["viewer"]
        oldest = stock.list_movements(db, viewer, oldest_first=True, limit=1).rows[0]
        newest = stock.list_movements(db, viewer, limit=1).rows[0]

        # the empty app: window up, connection pool warm, catalogue of the area loaded
        runner = Runner()
        ctx = UiContext(db=db, actor=viewer, runner=runner, settings=Settings(), organization="Bench plant",
                        changes=ChangeHub())
        errors: list = []
        runner.failed.connect(lambda error, trace: errors.append(trace))
        window = QMainWindow()
        window.resize(1400, 900)
        window.show()
        catalog = Catalog(ctx)
        wait_until(app, lambda: catalog.products and catalog.warehouses and runner.pending == 0)
        stock.list_movements(db, viewer, limit=1)  # a pooled connection, as a signed-in app has
        app.processEvents()
        empty_rss_kb = _status_kb("VmRSS")
        peak_reset = reset_peak_rss()

        def first_rows() -> tuple[float, JournalView]:
            started = time.perf_counter()
            view = JournalView(ctx, catalog)
            view.paints = RowsPainted(view)
            window.setCentralWidget(view)
            wait_until(app, lambda: view.paints.seen)
            elapsed = (time.perf_counter() - started) * 1000
            assert view.model.rows[0].id == newest.id, "the newest movement comes first"
            return elapsed, view

        def jump(view: JournalView) -> float:
            view.jump_to_start()
            wait_until(app, lambda: not view.model.loading and not view.model.tail_mode)
            app.processEvents()
            started = time.perf_counter()
            view.end_button.click()
            wait_until(app, lambda: view.model.tail_mode and not view.model.loading and not view._pending_end)
            view.table.viewport().repaint()
            elapsed = (time.perf_counter() - started) * 1000
            last = view.model.rowCount() - 1
            assert view.model.rows[last].id == oldest.id, "the last row is the oldest movement"
            assert view.table.selectionModel().selectedRows()[0].row() == last
            assert view.table.rowAt(view.table.viewport().height() - 2) in (last, -1) or \
                view.table.verticalScrollBar().value() == view.table.verticalScrollBar().maximum()
            return elapsed

        def refresh(view: JournalView) -> float:
            """The view exists (the tab was built with the area): F5 or a changed filter."""
            view.jump_to_start()
            wait_until(app, lambda: not view.model.loading)
            app.processEvents()
            started = time.perf_counter()
            view.paints.seen = False
            view.apply_filters()
            wait_until(app, lambda: view.paints.seen)
            return (time.perf_counter() - started) * 1000

        first_samples, jump_samples, refresh_samples = [], [], []
        view = None
        for _ in range(max(2, args.runs + 1)):
            if view is not None:
                view.deleteLater()
                app.processEvents()
            elapsed, view = first_rows()
            first_samples.append(elapsed)
            jump_samples.append(jump(view))
            refresh_samples.append(refresh(view))

        # scrolling down page by page, as a clerk dragging the scroll bar to the bottom does
        view.jump_to_start()
        wait_until(app, lambda: not view.model.loading and view.model.rowCount() > 0)
        pages = 50
        started = time.perf_counter()
        for _ in range(pages):
            before = view.model.rowCount()
            bar = view.table.verticalScrollBar()
            app.processEvents()  # the scroll range follows the rows that arrived
            bar.setValue(bar.maximum())
            if not view.model.loading and view.model.rowCount() == before:
                view.model.fetchMore()  # already at the bottom: what the view does on its next layout
            wait_until(app, lambda b=before: view.model.rowCount() > b and not view.model.loading)
        view.table.viewport().repaint()
        scroll_ms_per_page = (time.perf_counter() - started) * 1000 / pages
        scrolled_rows = view.model.rowCount()

        def filtered_first_rows(change) -> float:
            started = time.perf_counter()
            change()
            wait_until(app, lambda: not view.model.loading and view.model.rowCount() > 0)
            view.table.viewport().repaint()
            return (time.perf_counter() - started) * 1000

        product_id = catalog.products[len(catalog.products) // 2].id
        product_ms = filtered_first_rows(lambda: view.product.setCurrentIndex(view.product.findData(product_id)))
        assert all(row.product_id == product_id for row in view.model.rows)
        oldest_first_ms = filtered_first_rows(lambda: view.set_oldest_first(True))
        product_jump_started = time.perf_counter()
        view.set_oldest_first(False)
        wait_until(app, lambda: not view.model.loading)
        view.end_button.click()
        wait_until(app, lambda: view.model.tail_mode and not view.model.loading and not view._pending_end)
        product_jump_ms = (time.perf_counter() - product_jump_started) * 1000
        runner.wait()
        app.processEvents()

        peak_kb = _status_kb("VmHWM")
        memory_mb = (peak_kb - empty_rss_kb) / 1024 if peak_reset else float("nan")
        if errors:
            raise SystemExit("errors in the view:\n" + "\n".join(errors))

    first_cold, jump_cold = first_samples[0], jump_samples[0]
    first_warm, jump_warm = statistics.median(first_samples[1:]), statistics.median(jump_samples[1:])
    refresh_warm = statistics.median(refresh_samples[1:])
    load = os.getloadavg()[0]
    print(f"machine load average {load:.1f} on {os.cpu_count()} CPUs")
    print(f"first rows shown : new view (built, laid out, painted) cold {first_cold:7.1f} ms, warm median "
          f"{first_warm:7.1f} ms; existing view refreshed {refresh_warm:7.1f} ms (target {TARGET_FIRST_MS} ms)")
    print(f"jump to last row : cold {jump_cold:7.1f} ms, warm median {jump_warm:7.1f} ms "
          f"(target {TARGET_JUMP_MS} ms)")
    print(f"scrolling        : {scroll_ms_per_page:.1f} ms per page of 200 ({scrolled_rows:,} rows loaded)")
    print(f"product filter   : first rows {product_ms:.1f} ms, back to newest first and jump to its oldest row "
          f"{product_jump_ms:.1f} ms; oldest first {oldest_first_ms:.1f} ms")
    print(f"peak memory above the empty app: {memory_mb:.1f} MB (target {TARGET_MEMORY_MB} MB; empty app "
          f"{empty_rss_kb / 1024:.0f} MB RSS)")
    ok = max(first_cold, first_warm) <= TARGET_FIRST_MS and max(jump_cold, jump_warm) <= TARGET_JUMP_MS and \
        memory_mb <= TARGET_MEMORY_MB
    print(json.dumps({
        "benchmark": "stock_journal_view", "backend": "postgresql", "movements": loaded["movements"],
        "first_rows_ms_cold": round(first_cold, 1), "first_rows_ms_warm": round(first_warm, 1),
        "first_rows_refresh_ms": round(refresh_warm, 1), "load_average": round(load, 1),
        "jump_to_end_ms_cold": round(jump_cold, 1), "jump_to_end_ms_warm": round(jump_warm, 1),
        "scroll_ms_per_page": round(scroll_ms_per_page, 1), "product_filter_first_rows_ms": round(product_ms, 1),
        "oldest_first_first_rows_ms": round(oldest_first_ms, 1), "peak_memory_above_empty_mb": round(memory_mb, 1),
        "targets": {"first_rows_ms": TARGET_FIRST_MS, "jump_to_end_ms": TARGET_JUMP_MS,
                    "memory_mb": TARGET_MEMORY_MB},
        "ok": ok,
    }))


if __name__ == "__main__":
    main()
