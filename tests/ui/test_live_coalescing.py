"""Live updates cost refetches in proportion to what people look at: a burst of notifications gives a view at
most about one refetch per second, and a hidden view none until it is shown (issue 12: 355 notifications/s
became 111 refetch queries/s against 10.4 reads/s people asked for)."""

from __future__ import annotations

import time
from itertools import pairwise

from PySide6.QtWidgets import QTabWidget, QWidget

from erp_desktop.services import stock
from erp_desktop.ui import live as live_module
from erp_desktop.ui.context import ChangeHub
from erp_desktop.ui.live import CoalescedChanges, follow_changes


def _burst(qtbot, hub: ChangeHub, count: int, seconds: float, topic: str = "stock") -> None:
    for n in range(count):
        hub.emit_change(topic, [n % 7])
        qtbot.wait(int(seconds * 1000 / count))


def test_a_burst_gives_a_visible_view_at_most_one_refetch_a_second_with_every_id(qtbot):
    hub = ChangeHub()
    view = QWidget()
    qtbot.addWidget(view)
    view.show()
    got = []
    follow_changes(view, hub, lambda topic, ids: got.append((time.monotonic(), topic, ids)), interval_ms=400)
    started = time.monotonic()
    _burst(qtbot, hub, 60, 1.2)
    qtbot.wait(500)
    elapsed = time.monotonic() - started
    assert 2 <= len(got) <= elapsed / 0.4 + 1  # the first at once, then one per interval
    assert got[0][0] - started < 0.1
    assert all(later[0] - earlier[0] >= 0.39 for earlier, later in pairwise(got))
    assert set().union(*(ids for _t, _topic, ids in got)) == set(range(7))  # nothing lost


def test_a_hidden_view_refetches_nothing_and_catches_up_once_when_shown(qtbot):
    hub = ChangeHub()
    tabs = QTabWidget()
    shown, hidden = QWidget(), QWidget()
    tabs.addTab(shown, "shown")
    tabs.addTab(hidden, "hidden")
    qtbot.addWidget(tabs)
    tabs.show()
    got = {"shown": [], "hidden": []}
    visible = follow_changes(shown, hub, lambda topic, ids: got["shown"].append((topic, ids)), interval_ms=200)
    coalesced = follow_changes(hidden, hub, lambda topic, ids: got["hidden"].append((topic, ids)), interval_ms=200)
    _burst(qtbot, hub, 30, 0.3)
    hub.emit_change("tasks", [])  # "all of a topic" swallows its ids
    hub.emit_change("tasks", [5])
    qtbot.wait(300)
    assert got["hidden"] == [] and coalesced.stale
    assert 1 <= visible.deliveries <= 4  # 0.6 s at most once per 0.2 s
    tabs.setCurrentWidget(hidden)
    qtbot.waitUntil(lambda: got["hidden"] != [], timeout=1000)
    qtbot.wait(300)
    assert got["hidden"] == [("stock", list(range(7))), ("tasks", [])] and not coalesced.stale
    hub.emit_change("*", [])  # "refresh everything" swallows the rest
    hub.emit_change("stock", [1])
    qtbot.wait(400)
    assert got["hidden"][-2:] == [("*", []), ("stock", [1])]  # after "*" only what came later


def test_the_main_window_refetches_only_the_area_shown_once_a_second(qtbot, make_ctx, ui_plant, monkeypatch):
    from erp_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(live_module, "REFETCH_INTERVAL_MS", 1000)  # as the app runs
    ctx = make_ctx("admin")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    for key in window.area_keys():
        window.show_area(key)
    window.show_area("stock")
    calls = []
    for name in ("list_stock", "list_lots", "list_movements", "list_movements_page", "list_reservations"):
        if hasattr(stock, name):
            real = getattr(stock, name)
            monkeypatch.setattr(stock, name, lambda *a, _real=real, _name=name, **k: calls.append(_name) or
                                _real(*a, **k))
    before = {id(c): c.deliveries for c in window.findChildren(CoalescedChanges)}
    started = time.monotonic()
    _burst(qtbot, ctx.changes, 40, 1.0)  # 40 notifications in a second, as a busy plant sends them
    qtbot.wait(1100)
    seconds = time.monotonic() - started  # longer than 2.1 s on a loaded machine: one delivery a second
    delivered = {id(c): c.deliveries - before[id(c)] for c in window.findChildren(CoalescedChanges)}
    assert max(delivered.values()) <= int(seconds) + 1  # per view and second, not per notification (40)
    stale = [c for c in window.findChildren(CoalescedChanges) if c.stale]
    assert stale  # the areas not shown wait
    assert len(calls) <= sum(delivered.values())  # one query per delivery (the overview: all products named)


def test_nothing_is_refetched_while_the_window_is_locked_or_minimized_and_it_catches_up_after(
        qtbot, make_ctx, ui_plant, monkeypatch):
    from erp_desktop.ui.main_window import MainWindow

    ctx = make_ctx("admin")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    view = window.show_area("stock")
    coalesced = view.findChildren(CoalescedChanges)
    assert coalesced
    before = sum(c.deliveries for c in coalesced)
    window.lock()
    assert ctx.changes.paused
    for n in range(20):
        ctx.changes.emit_change("stock", [n])
    qtbot.wait(50)
    assert sum(c.deliveries for c in coalesced) == before and any(c.stale for c in coalesced)
    window._lock_dialog.done(0)  # unlocked (as the dialog does after the password)
    assert not ctx.changes.paused
    qtbot.waitUntil(lambda: sum(c.deliveries for c in coalesced) > before, timeout=1000)
    assert not any(c.stale for c in coalesced if not isinstance(c.parent(), QWidget) or c.parent().isVisible())
    window.showMinimized()
    qtbot.wait(50)
    if window.isMinimized():  # the offscreen platform may not minimize
        assert ctx.changes.paused
        window.showNormal()
        qtbot.wait(50)
    assert not ctx.changes.paused


def test_under_sustained_change_the_interval_grows_and_a_quiet_interval_brings_it_back(qtbot, monkeypatch):
    """Issue 12 (refetch cost): 0.1 s, then 0.2, 0.4, capped at 0.4 while changes keep coming; after a quiet
    interval the first change goes at once and the next after the base interval again. On a clock the test moves
    (with real time a loaded machine stalled the burst for 0.2 s, which is a quiet interval, and CI failed)."""
    now = [100.0]
    monkeypatch.setattr(live_module.time, "monotonic", lambda: now[0])
    hub = ChangeHub()
    view = QWidget()
    qtbot.addWidget(view)
    view.show()
    got = []
    coalesced = follow_changes(view, hub, lambda topic, ids: got.append((now[0], ids)), interval_ms=100,
                               max_interval_ms=400)

    started = [None]

    def change_at(t: float, product: int) -> None:
        now[0] = 100.0 + t
        waiting = coalesced._timer.isActive()
        hub.emit_change("stock", [product])
        if not waiting and coalesced._timer.isActive():
            started[0] = now[0]

    def timer_fires_at(t: float) -> None:
        assert coalesced._timer.isActive()  # a refetch is waiting for its interval, due at t
        assert abs(started[0] + coalesced._timer.interval() / 1000 - (100.0 + t)) < 0.003
        coalesced._timer.stop()
        now[0] = 100.0 + t
        coalesced.flush()

    change_at(0.0, 1)  # the first change goes at once
    change_at(0.03, 2)
    change_at(0.06, 3)
    timer_fires_at(0.1)  # after the base interval; changes kept coming: the next waits 0.2
    change_at(0.13, 4)
    timer_fires_at(0.3)
    change_at(0.33, 5)
    timer_fires_at(0.7)  # 0.4
    change_at(0.73, 6)
    timer_fires_at(1.1)  # capped at 0.4
    assert [round(t - 100.0, 2) for t, _ids in got] == [0.0, 0.1, 0.3, 0.7, 1.1]
    assert [ids for _t, ids in got] == [[1], [2, 3], [4], [5], [6]]  # every change delivered, none twice
    change_at(1.6, 7)  # 0.5 s without a change: a quiet interval, goes at once
    assert len(got) == 6 and not coalesced._timer.isActive()
    change_at(1.62, 8)
    timer_fires_at(1.7)  # the base interval again
    assert [round(t - 100.0, 2) for t, _ids in got[5:]] == [1.6, 1.7]
