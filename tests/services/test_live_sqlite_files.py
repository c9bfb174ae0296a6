"""SQLite: a second window (another connection, as another process would have) on the same file is heard."""

from __future__ import annotations

import time

from erp_desktop.db.engine import create_database
from erp_desktop.services.live import ChangeFeed
from tests.factories import make_plant
from tests.services.test_live import Recorder, new_task


def test_a_change_from_another_window_on_the_same_file_asks_for_a_refresh_within_seconds(sqlite_db):
    plant = make_plant(sqlite_db)
    other_window = create_database(sqlite_db.url)  # its own engine and connections, like another process
    try:
        recorder = Recorder()
        feed = ChangeFeed(sqlite_db, plant.org_id, poll_interval=0.2)
        feed.start(recorder.on_change, recorder.on_state)
        try:
            assert recorder.states.get_nowait() is True  # the status bar may say "live"
            plant.db = other_window
            started = time.monotonic()
            new_task(plant, "From the other window")
            topic, ids, at = recorder.next_change(5.0)
            assert (topic, ids) == ("*", []) and at - started < 3.0

            plant.db = sqlite_db  # this window's own change: its own notice, no full refresh on top
            card = new_task(plant, "From this window")
            assert recorder.next_change(1.0)[:2] == ("tasks", [card.id])
            assert recorder.no_change(0.8)
        finally:
            feed.stop()
    finally:
        other_window.dispose()


def test_without_a_file_to_watch_live_updates_are_reported_off(tmp_path):
    memory = create_database("sqlite://")
    try:
        recorder = Recorder()
        feed = ChangeFeed(memory, 1)
        feed.start(recorder.on_change, recorder.on_state)
        assert recorder.states.get_nowait() is False
        feed.stop()
    finally:
        memory.dispose()
