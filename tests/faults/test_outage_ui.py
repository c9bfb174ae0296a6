"""The desktop during an outage, on the throwaway cluster: refreshes that find the server gone open no dialog
(the status bar says so, however many views refresh), one message per outage when the user pressed F5, a save
says what became of it, and the status bar shows when the database answers again."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from erp_desktop.config import Settings
from erp_desktop.services import stock
from erp_desktop.ui import main_window as main_window_module
from erp_desktop.ui.context import ChangeHub, UiContext
from erp_desktop.ui.main_window import MainWindow
from erp_desktop.ui.runner import InlineRunner
from tests.factories import make_plant


@pytest.fixture
def boxes(monkeypatch):
    """Every dialog the window would show: through show_error, or any static QMessageBox."""
    shown = []
    monkeypatch.setattr(main_window_module, "show_error", lambda parent, error, trace="": shown.append(str(error)))
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(
            lambda *args, **kw: shown.append(str(args[2]) if len(args) > 2 else "") or QMessageBox.StandardButton.Ok))
    return shown


@pytest.fixture
def window(qtbot, fault_db, cluster):
    plant = make_plant(fault_db)
    runner = InlineRunner()
    ctx = UiContext(db=fault_db, actor=plant.admin, runner=runner, settings=Settings(), organization="Plant A",
                    changes=ChangeHub(), database_label="test")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    for key in window.area_keys():  # every area open: each refreshes on a change
        window.show_area(key)
    refresh_failures = []
    runner.refresh_failed.connect(refresh_failures.append)
    window.refresh_failures = refresh_failures
    yield window
    if not cluster.running():
        cluster.start()


def test_refreshes_against_a_dead_server_open_no_dialog_f5_gives_one_message_per_outage(window, cluster, boxes):
    ctx = window.ctx
    cluster.stop()
    ctx.changes.emit_change("*", [])  # a background refresh (live update, reconnect)
    assert len(window.refresh_failures) >= 2  # the views shown tried (hidden ones catch up when shown)
    assert boxes == []
    assert window.connection_label.text() == "database unreachable, retrying"
    assert "Cannot reach the database server" in window.connection_label.toolTip()

    window.refresh_current()  # F5: one message for the outage, however many views fail
    window.refresh_current()
    assert len(boxes) == 1 and "Cannot reach the database server" in boxes[0]

    ctx.call(stock.create_warehouse, code="W9", name="Nine", write=True)  # a save says what became of it
    assert len(boxes) == 2 and "Nothing was saved" in boxes[1]

    cluster.start()
    ctx.changes.emit_change("*", [])  # the next refresh tries again and works
    assert window.connection_label.text() == "connected"
    assert window.statusBar().currentMessage() == "The database answers again."
    assert len(boxes) == 2

    cluster.stop()  # a new outage may be told once more
    window.refresh_current()
    window.refresh_current()
    assert len(boxes) == 3
