"""Live updates: SQLite in-process delivery; PostgreSQL LISTEN/NOTIFY between two engines, and reconnects."""

from __future__ import annotations

import queue
import time
import uuid

from sqlalchemy import text

from erp_desktop.db.engine import create_database
from erp_desktop.db.notify import PostgresListener
from erp_desktop.services.live import ChangeFeed, listener_conninfo
from erp_desktop.services.tasks import board as tasks
from tests.factories import admin_of, make_plant


class Recorder:
    def __init__(self):
        self.changes: queue.Queue = queue.Queue()
        self.states: queue.Queue = queue.Queue()

    def on_change(self, topic, ids):
        self.changes.put((topic, ids, time.monotonic()))

    def on_state(self, up):
        self.states.put(up)

    def next_change(self, timeout=3.0, topic=None):
        deadline = time.monotonic() + timeout
        while True:
            item = self.changes.get(timeout=max(0.01, deadline - time.monotonic()))
            if topic is None or item[0] == topic:
                return item

    def no_change(self, wait=0.3) -> bool:
        try:
            self.changes.get(timeout=wait)
        except queue.Empty:
            return True
        return False


def new_task(plant, title="Sharpen cutters"):
    return tasks.create_task(plant.db, plant.master, title=title, assignee_user_id=plant.operator.user_id)


def test_listener_conninfo_is_plain_libpq():
    url = "postgresql+psycopg://erp:s3cret@db.local:5433/plant"
    assert listener_conninfo(url) == "postgresql://erp:s3cret@db.local:5433/plant"


def test_sqlite_delivers_own_organisation_changes_after_commit(sqlite_db):
    plant = make_plant(sqlite_db)
    other = make_plant(sqlite_db, "Plant B", "b_")
    recorder = Recorder()
    feed = ChangeFeed(sqlite_db, plant.org_id)
    feed.start(recorder.on_change, recorder.on_state)
    assert recorder.states.get_nowait() is True
    card = new_task(plant)
    assert recorder.next_change(0.1)[:2] == ("tasks", [card.id])
    tasks.create_task(sqlite_db, other.master, title="Theirs", assignee_user_id=other.operator.user_id)
    assert recorder.no_change(0.05)
    feed.stop()
    new_task(plant)
    assert recorder.no_change(0.05)
    assert sqlite_db.local_listeners == []


def test_postgres_move_on_one_desktop_arrives_on_another_within_a_second(pg_db, pg_url):
    plant = make_plant(pg_db)
    other = make_plant(pg_db, "Plant B", "b_")
    second_desktop = create_database(pg_url)
    recorder = Recorder()
    feed = ChangeFeed(second_desktop, plant.org_id)
    try:
        feed.start(recorder.on_change, recorder.on_state)
        assert recorder.states.get(timeout=5) is True
        card = new_task(plant)
        assert recorder.next_change()[:2] == ("tasks", [card.id])
        sent = time.monotonic()
        tasks.accept_task(pg_db, plant.operator, card.id, version=card.version)
        topic, ids, arrived = recorder.next_change(timeout=1.0)
        assert (topic, ids) == ("tasks", [card.id]) and arrived - sent < 1.0
        # the second desktop sees the move when it re-fetches the card
        fresh = tasks.get_cards(second_desktop, plant.master, ids)[0]
        assert fresh.status.value == "accepted"
        # another organisation's changes are not delivered
        tasks.create_task(pg_db, other.master, title="Theirs", assignee_user_id=other.operator.user_id)
        assert recorder.no_change(0.3)
    finally:
        started = time.monotonic()
        feed.stop()
        assert time.monotonic() - started < 1.0  # stop is prompt
        second_desktop.dispose()


def test_postgres_reconnects_after_losing_the_connection_and_asks_for_full_refresh(pg_db, pg_url):
    plant = make_plant(pg_db)
    recorder = Recorder()
    feed = ChangeFeed(pg_db, plant.org_id, retry_delays=(0.2, 0.5))
    try:
        feed.start(recorder.on_change, recorder.on_state)
        assert recorder.states.get(timeout=5) is True
        with admin_of(pg_db).engine.connect() as connection:
            # this feed's own listener (another test's, closed a moment ago, may not have left the server yet)
            killed = connection.execute(text("SELECT pg_terminate_backend(:pid)"),
                                        {"pid": feed.listener.backend_pid}).scalar_one()
        assert killed
        assert recorder.states.get(timeout=5) is False
        assert recorder.states.get(timeout=5) is True
        assert recorder.next_change(timeout=2, topic="*")[:2] == ("*", [])
        card = new_task(plant)  # and it is listening again
        assert recorder.next_change(timeout=2, topic="tasks")[:2] == ("tasks", [card.id])
    finally:
        feed.stop()


def _backends_named(pg_db, application_name: str) -> list[int]:
    with admin_of(pg_db).engine.connect() as connection:
        return connection.execute(text("SELECT pid FROM pg_stat_activity WHERE application_name = :app"),
                                  {"app": application_name}).scalars().all()


def _settled(read, expected, timeout=5.0):
    """``read()`` once it equals ``expected`` (a closed connection's server process leaves a moment later)."""
    deadline = time.monotonic() + timeout
    while (value := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


def test_a_reconnecting_listener_leaves_no_connection_behind(pg_db, pg_url):
    """CI once saw two listener connections of one database: every reconnect must close the lost connection, so
    a listener holds one server connection however often it lost one, and none once stopped."""
    name = f"erp-test-listen-{uuid.uuid4().hex[:8]}"
    states: queue.Queue = queue.Queue()
    listener = PostgresListener(listener_conninfo(pg_url), lambda *a: None, states.put, retry_delays=(0.05,),
                                connect_options={"connect_timeout": 5, "application_name": name})
    try:
        listener.start()
        assert states.get(timeout=5) is True
        for _ in range(3):
            [pid] = _backends_named(pg_db, name)
            assert pid == listener.backend_pid
            with admin_of(pg_db).engine.connect() as connection:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            assert states.get(timeout=5) is False
            assert states.get(timeout=5) is True
            assert len(_settled(lambda: _backends_named(pg_db, name), [listener.backend_pid])) == 1
    finally:
        listener.stop()
    assert _settled(lambda: _backends_named(pg_db, name), []) == []


def test_unreachable_server_reports_down_and_stops_promptly():
    states = queue.Queue()
    listener = PostgresListener("postgresql://postgres@127.0.0.1:1/none", lambda *a: None, states.put,
                                retry_delays=(30,))
    listener.start()
    assert states.get(timeout=5) is False
    started = time.monotonic()
    listener.stop()
    assert time.monotonic() - started < 1.0


def test_a_listener_that_hears_nothing_says_so_and_says_when_it_hears_again(pg_url):
    """LISTEN through PgBouncer in transaction mode connects and answers its ping, yet hears nothing: the status
    bar kept saying 'live'. Its own notification, sent the way changes come, must come back."""
    states: queue.Queue = queue.Queue()
    heard = {"on": False}
    sender = create_database(pg_url)

    def send_ping(channel, payload):
        if heard["on"]:
            sender.execute_direct("SELECT pg_notify($1, $2)", (channel, payload))

    listener = PostgresListener(listener_conninfo(pg_url), lambda *a: None, states.put, send_ping=send_ping,
                                heard_within=0.5, ping_interval=0.5)
    try:
        listener.start()
        assert states.get(timeout=5) is True
        assert states.get(timeout=5) is False  # connected, but its ping never came back
        heard["on"] = True
        assert states.get(timeout=5) is True
    finally:
        listener.stop()
        sender.dispose()


def test_behind_a_transaction_pooler_without_a_direct_address_live_updates_say_they_are_off_and_poll(pg_url):
    db = create_database(pg_url + "?erp_pooler=transaction")
    states, changes = [], queue.Queue()
    feed = ChangeFeed(db, 1, poll_seconds=0.2)
    try:
        feed.start(lambda topic, ids: changes.put(topic), states.append)
        assert states == [False] and feed.listener is None
        assert changes.get(timeout=2) == "*"  # what is shown refreshes every poll_seconds instead
    finally:
        feed.stop()
        db.dispose()
    assert create_database(pg_url + "?erp_pooler=transaction&erp_listen_port=5432").listen_url is not None
