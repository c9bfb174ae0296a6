"""Composition root: settings -> sign-in (which opens the database) -> main window.

Start-up: the sign-in window needs only Qt, the settings and the ui modules it shows. The services (and with
them SQLAlchemy, the ORM models, alembic, bcrypt) are imported where they are used: by the opener, on the
runner's thread, after the window is up; the main window (pyqtgraph, numpy) after sign-in.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from erp_desktop.config import DEMO_SIGN_IN_HINT, Settings, describe_url, load_settings, resolve_database_url
from erp_desktop.logging_setup import setup_logging
from erp_desktop.paths import resources_dir
from erp_desktop.ui.access.login import LoginDialog, OpenedDatabase
from erp_desktop.ui.context import ChangeHub, UiContext
from erp_desktop.ui.errors import show_error
from erp_desktop.ui.language import apply_language, current_language, signed_in_language, startup_language
from erp_desktop.ui.runner import Runner

log = logging.getLogger(__name__)


def make_opener(cli_url: str | None, demo_mode: bool):
    """What the sign-in window calls (off the GUI thread) to open the database."""

    def open_database(settings: Settings, password: str | None) -> OpenedDatabase:
        # imported here, on the runner's thread: SQLAlchemy, alembic and the models stay off the way to the window
        from erp_desktop.services.access import connection

        url = resolve_database_url(cli_url, settings, demo=demo_mode, password=password)
        db = connection.open_database(url, backup_in_background=True)  # the day's backup does not hold up sign-in
        has_users = not connection.is_empty(db)
        if demo_mode and not has_users:
            from erp_desktop.demo import plant as demo

            demo.load_demo_plant(db)
            has_users = True
        return OpenedDatabase(db, describe_url(url), has_users)

    return open_database


def style_sheet() -> str:
    """resources/style.qss with its images' folder filled in (a style sheet's url() is not relative to its file)."""
    resources = resources_dir()
    style = resources / "style.qss"
    if not style.exists():
        return ""
    return style.read_text(encoding="utf-8").replace("@ICONS@", (resources / "icons").as_posix())


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("erp-desktop")
    QCoreApplication.setApplicationName("erp-desktop")
    resources = resources_dir()
    icon = resources / "icons" / "app.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyleSheet(style_sheet())
    apply_language(startup_language())  # the sign-in window speaks the last user's language here
    if not hasattr(app, "digit_dates"):
        from erp_desktop.ui.dates import DigitDates

        app.digit_dates = DigitDates(app)  # every date field takes 03122026 / 031226
        app.installEventFilter(app.digit_dates)
    return app


def _probe_startup(login: LoginDialog) -> None:
    """ERP_STARTUP_PROBE=1 (tests/benchmarks/bench_bundle.py): report once the sign-in window is up, then quit."""

    def ready() -> None:
        print(f"startup-ready {time.time():.6f}", flush=True)
        login.reject()

    QTimer.singleShot(0, ready)  # runs from login.exec()'s event loop, i.e. after the window is shown


def run(cli_url: str | None = None, demo_mode: bool = False) -> int:
    log_path = setup_logging()
    app = create_application()
    settings = load_settings()
    runner = Runner(app)
    opener = make_opener(cli_url, demo_mode)
    state = {"window": None, "live": None, "again": False}

    def unexpected(error, trace):
        show_error(None, error, trace)

    runner.failed.connect(unexpected)
    login = LoginDialog(runner, opener, settings, demo_hint=DEMO_SIGN_IN_HINT if demo_mode else "")
    login.connect_database()
    if os.environ.get("ERP_STARTUP_PROBE"):
        _probe_startup(login)

    while True:
        if login.exec() != QDialog.DialogCode.Accepted:
            break
        runner.failed.disconnect(unexpected)
        signed = login.result_signed_in
        opened = login.opened
        language = signed_in_language(signed.actor.username)
        if language != current_language():
            apply_language(language)  # before the main window is made, so that it speaks it
        hub = ChangeHub()
        # the idle lock follows the plant's setting in the database, not this desktop's settings.ini
        settings = replace(login.settings, sign_in=replace(login.settings.sign_in,
                                                           idle_lock_minutes=signed.idle_lock_minutes))
        ctx = UiContext(db=opened.db, actor=signed.actor, runner=runner, settings=settings,
                        organization=signed.organization, changes=hub, database_label=opened.label)
        # the main window (and pyqtgraph/numpy below it) loads after sign-in: the sign-in window comes up first
        from erp_desktop.ui.live import LiveUpdates
        from erp_desktop.ui.main_window import MainWindow

        window = MainWindow(ctx)
        live = LiveUpdates(opened.db, signed.actor.org_id, hub)
        try:
            live.start()
        except Exception:  # noqa: BLE001 - the app works without live updates; the status bar says so
            log.exception("live updates unavailable")
            hub.live_state_changed.emit(False)
        app.installEventFilter(window.idle)
        window.idle.start()
        window.signed_out.connect(lambda _reason, flags=state: flags.update(again=True))
        state.update(window=window, live=live, again=False)
        window.show()
        app.exec()
        live.stop()
        app.removeEventFilter(window.idle)
        runner.failed.connect(unexpected)
        if not state["again"]:
            break
        login = LoginDialog(runner, opener, login.settings, demo_hint=DEMO_SIGN_IN_HINT if demo_mode else "",
                            prefill_user=signed.actor.username)
        login.connect_database()
    # results still on their way belong to windows that are gone: drop them quietly
    runner.failed.disconnect(unexpected)
    runner.wait(5000)
    QApplication.processEvents()
    runner.deleteLater()
    log.info("bye (log at %s)", log_path)
    return 0
