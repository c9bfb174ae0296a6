import pytest

from erp_desktop.config import Settings
from erp_desktop.ui.context import ChangeHub, UiContext
from erp_desktop.ui.runner import InlineRunner


@pytest.fixture
def ui_db(sqlite_db):
    """UI tests run on SQLite (the services below them are tested on both back ends)."""
    return sqlite_db


@pytest.fixture
def ui_plant(ui_db):
    from tests.factories import make_plant

    return make_plant(ui_db)


@pytest.fixture
def make_ctx(ui_plant, qapp):
    created = []

    def make(role: str = "admin", settings: Settings | None = None) -> UiContext:
        runner = InlineRunner()
        errors = []
        runner.failed.connect(lambda error, trace: errors.append(error))
        ctx = UiContext(db=ui_plant.db, actor=getattr(ui_plant, role), runner=runner, settings=settings or Settings(),
                        organization="Plant A", changes=ChangeHub(), database_label="test")
        ctx.errors = errors
        created.append(ctx)
        return ctx

    return make


@pytest.fixture(autouse=True)
def _no_modal_boxes(monkeypatch):
    """Message boxes would block offscreen; record them instead."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *args, _n=name, **kw: shown.append((_n, args)) or QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    return shown


@pytest.fixture(autouse=True)
def _refetch_at_once(monkeypatch):
    """Views refetch on every change at once here (what they refetch is what these tests check); the coalescing
    itself (at most once a second, visible views only) is tested in tests/ui/test_live_coalescing.py."""
    monkeypatch.setattr("erp_desktop.ui.live.REFETCH_INTERVAL_MS", 0)
