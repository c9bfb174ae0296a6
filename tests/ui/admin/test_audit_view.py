"""The audit view: readable field changes, failed sign-ins of unknown names, F5 and live reloads."""

import pytest
from PySide6.QtCore import Qt

from erp_desktop.errors import AuthenticationFailed
from erp_desktop.services.access import auth
from erp_desktop.services.admin import users
from erp_desktop.ui.admin.audit_view import AuditView


def _texts(view, column):
    model = view.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_audit_view_shows_field_changes_and_unknown_names_and_reloads(qtbot, make_ctx, ui_plant):
    ctx = make_ctx("admin")
    view = AuditView(ctx)
    qtbot.addWidget(view)
    before = view.model.rowCount()
    target = next(u for u in users.list_users(ui_plant.db, ui_plant.admin) if u.username == "viewer")
    users.update_user(ui_plant.db, ui_plant.admin, target.id, version=target.version, role="qc")
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(ui_plant.db, "Петрова", "whatever-1")
    ctx.changes.emit_change("*", [])  # what F5 sends
    qtbot.waitUntil(lambda: view.model.rowCount() == before + 2, timeout=3000)
    assert "Петрова (no such user)" in _texts(view, 1)
    assert any("role: viewer -> qc" in text for text in _texts(view, 5))
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert headers[5] == "Changes" and "Before" not in headers

    users.update_user(ui_plant.db, ui_plant.admin, target.id, version=target.version + 1, role="viewer")
    ctx.changes.emit_change("users", [target.id])  # a live change while the newest rows are in view
    qtbot.waitUntil(lambda: view.model.rowCount() == before + 3, timeout=3000)
    assert "role: qc -> viewer" in _texts(view, 5)[0]


def test_every_record_and_action_of_the_demo_plant_reads_as_words(qtbot, ui_db, qapp):
    """No stored code (stock document kinds, task moves, purchasing actions) shows raw in the Audit view."""
    from sqlalchemy import select

    from erp_desktop.config import Settings
    from erp_desktop.db.models import AuditEntry
    from erp_desktop.demo import plant as demo
    from erp_desktop.ui.context import ChangeHub, UiContext
    from erp_desktop.ui.runner import InlineRunner

    demo.load_demo_plant(ui_db, rounds=2)
    with ui_db.sessions() as session:
        pairs = set(session.execute(select(AuditEntry.entity, AuditEntry.action)).all())
    ctx = UiContext(db=ui_db, actor=None, runner=InlineRunner(), settings=Settings(), organization="Plant",
                    changes=ChangeHub(), database_label="test")
    view = AuditView(ctx)
    qtbot.addWidget(view)
    raw = sorted((entity, action) for entity, action in pairs
                 if entity not in view._entities or action not in view._actions)
    assert len(pairs) > 20 and raw == []
