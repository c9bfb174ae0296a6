"""The main window: navigation between areas, menus, status bar, idle lock, session end, and what a scanned
label opens (ui/labels/scan.py: a scan anywhere outside a text field, or Ctrl+Shift+F to find a code)."""

from __future__ import annotations

import logging
import time
from datetime import datetime

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from erp_desktop import __version__
from erp_desktop.config import data_dir
from erp_desktop.domain.codes import CodeKind
from erp_desktop.domain.shifts import current_shift
from erp_desktop.errors import DatabaseUnavailable, SessionEnded
from erp_desktop.printing.values import label_text
from erp_desktop.services.access import auth
from erp_desktop.services.admin import backup
from erp_desktop.services.live import POLL_SECONDS
from erp_desktop.ui.access.idle_lock import IdleWatcher, LockDialog
from erp_desktop.ui.access.login import ChangePasswordDialog
from erp_desktop.ui.areas import Area, areas
from erp_desktop.ui.context import UiContext
from erp_desktop.ui.errors import error_text, inform, show_error
from erp_desktop.ui.imports import may_import, open_import
from erp_desktop.ui.language import LANGUAGES, current_language, remember_language, user_language

log = logging.getLogger(__name__)
BADGE_AREAS = ("tasks",)  # views with an unread_changed(int) signal, created at start
# a refresh the user asked for (F5) that finds the database out of reach within this time gets one message
ASKED_REFRESH_SECONDS = 30.0


def ui_settings() -> QSettings:
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    signed_out = Signal(str)  # reason; the app shows the sign-in window again

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.setWindowTitle(self.tr("erp-desktop - {0}").format(ctx.organization))
        self._areas = [a for a in areas() if a.requires is None or ctx.actor.can(a.requires)]
        self._views: dict[str, QWidget] = {}
        self._signing_out = False
        self._live: bool | None = None  # None: no live updates (SQLite) or not heard of yet
        self._reachable = True
        self._outage_told = False  # this outage's one message was shown
        self._refresh_asked_at: float | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(200)  # "Администрирование" whole, with the style sheet's padding
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for area in self._areas:
            QListWidgetItem(area.title, self.nav)
        self.stack = QStackedWidget()
        for _area in self._areas:
            self.stack.addWidget(QWidget())  # real views are created on first visit
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self.show_area_at)
        # a click or Enter on an area (and Ctrl+1..5) puts the keyboard into it; arrows keep walking the list
        self.nav.itemClicked.connect(lambda _item: self.focus_area())
        self.nav.itemActivated.connect(lambda _item: self.focus_area())

        self._build_menus()
        self._build_status_bar()
        ctx.runner.failed.connect(self.handle_error)
        ctx.runner.session_ended.connect(lambda error: self.session_ended(error_text(error)))
        ctx.runner.refresh_failed.connect(self.refresh_failed)
        ctx.runner.database_reachable.connect(self._database_reachable)
        ctx.changes.live_state_changed.connect(self._live_state)

        self.idle = IdleWatcher(max(1, ctx.settings.sign_in.idle_lock_minutes) * 60_000, self)
        self.idle.idle.connect(self.lock)
        self._lock_dialog: LockDialog | None = None
        self._restore_layout()
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)
        for key in BADGE_AREAS:  # the navigation shows their unread count from the start
            if key in self.area_keys():
                self.view(key)
        from erp_desktop.ui.labels.scan import ScanDetector

        self.scan_detector = ScanDetector(self)
        self.scan_detector.scanned.connect(self.open_code)
        QApplication.instance().installEventFilter(self.scan_detector)

    # ------------------------------------------------------------------ areas
    def area_keys(self) -> list[str]:
        return [area.key for area in self._areas]

    def show_area(self, key: str) -> QWidget:
        position = self.area_keys().index(key)
        self.nav.setCurrentRow(position)
        return self.view(key)

    def show_area_at(self, position: int) -> None:
        if 0 <= position < len(self._areas):
            self.stack.setCurrentIndex(position)
            self.view(self._areas[position].key)

    def go_to_area_at(self, position: int) -> None:
        self.nav.setCurrentRow(position)
        self.focus_area()

    def focus_area(self) -> None:
        """The keyboard goes into the area shown: its first field or list that takes focus by click and by Tab
        (not a tab bar or a tool bar)."""
        view = self.stack.currentWidget()
        if view is None:
            return
        widget = view.nextInFocusChain()
        while widget is not None and widget is not view:
            if (view.isAncestorOf(widget) and widget.isVisibleTo(view) and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.StrongFocus == Qt.FocusPolicy.StrongFocus):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            widget = widget.nextInFocusChain()
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def view(self, key: str) -> QWidget:
        if key not in self._views:
            position = self.area_keys().index(key)
            area: Area = self._areas[position]
            view = area.module.create_view(self.ctx, None)
            placeholder = self.stack.widget(position)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.insertWidget(position, view)
            self.stack.setCurrentIndex(self.nav.currentRow())
            self._views[key] = view
            unread = getattr(view, "unread_changed", None)
            if unread is not None:
                unread.connect(lambda count, k=key: self._show_unread(k, count))
                self._show_unread(key, getattr(view, "unread", 0))
        return self._views[key]

    def _show_unread(self, key: str, count: int) -> None:
        position = self.area_keys().index(key)
        title = self._areas[position].title
        self.nav.item(position).setText(self.tr("{0} ({1})").format(title, count) if count else title)

    # ------------------------------------------------------------------ menus and status
    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("Change &password..."), self.change_password, name="changePasswordAction"))
        file_menu.addAction(self._action(self.tr("&Lock"), self.lock, "Ctrl+L", "lockAction"))
        file_menu.addAction(self._action(self.tr("Sign &out"), lambda: self.sign_out(""), "Ctrl+Shift+Q", "signOutAction"))
        language_menu = file_menu.addMenu(self.tr("Lan&guage"))
        language_menu.setObjectName("languageMenu")
        chosen = user_language(self.ctx.actor.username)
        for code, name in LANGUAGES.items():
            action = self._action(name, lambda _=False, c=code: self.choose_language(c), name=f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == chosen)
            language_menu.addAction(action)
        if may_import(self.ctx.actor):
            file_menu.addSeparator()
            file_menu.addAction(self._action(self.tr("&Import..."), self.open_import, name="importAction"))
        if backup.can_restore(self.ctx.db, self.ctx.actor):
            file_menu.addSeparator()
            file_menu.addAction(self._action(self.tr("&Restore from backup..."), self.restore_from_backup,
                                             name="restoreBackupAction"))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, "quitAction"))
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for position, area in enumerate(self._areas):
            go_menu.addAction(self._action(area.title, lambda _=False, p=position: self.go_to_area_at(p), area.shortcut))
        go_menu.addSeparator()
        go_menu.addAction(self._action(self.tr("&Find by code or scan..."), self.find_code, "Ctrl+Shift+F",
                                       "findCodeAction"))
        go_menu.addAction(self._action(self.tr("&Refresh"), self.refresh_current, QKeySequence.StandardKey.Refresh))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About"), self.about))

    def _build_status_bar(self) -> None:
        actor = self.ctx.actor
        self.user_label = QLabel(f"{actor.display_name} ({actor.username})")
        self.role_label = QLabel(label_text(actor.role.label))
        self.shift_label = QLabel()
        self.shift_label.setObjectName("shiftLabel")
        self.database_label = QLabel(self.ctx.database_label)
        self.connection_label = QLabel(self.tr("connected"))
        self.connection_label.setObjectName("connectionLabel")
        for label in (self.user_label, self.role_label, self.shift_label, self.database_label, self.connection_label):
            self.statusBar().addPermanentWidget(label)
        self._update_shift()
        self._shift_timer = QTimer(self)
        self._shift_timer.timeout.connect(self._update_shift)
        self._shift_timer.start(30_000)

    def _update_shift(self) -> None:
        shifts = self.ctx.settings.shifts
        slot = current_shift(datetime.now(), shifts.day_starts, shifts.night_starts)
        name = self.tr("day shift") if slot.shift == "day" else self.tr("night shift")
        self.shift_label.setText(self.tr("{0} of {1}").format(name, slot.date.isoformat()))

    def _live_state(self, on: bool) -> None:
        self._live = on
        self._show_connection()

    def _database_reachable(self, reachable: bool) -> None:
        self._reachable = reachable
        if reachable:
            self._outage_told = False
            self.statusBar().showMessage(self.tr("The database answers again."), 10_000)
        self._show_connection()

    def _show_connection(self, detail: str = "") -> None:
        if not self._reachable:
            text, warn = self.tr("database unreachable, retrying"), True
        elif self._live is None:
            text, warn = self.tr("connected"), False
        else:
            text, warn = (self.tr("connected, live"), False) if self._live else (self.tr("live updates off"), True)
        self.connection_label.setText(text)
        if self._reachable and self._live is False:
            detail = self.tr("Changes made on other desktops are not arriving as they happen (a connection pooler "
                             "without a direct address for live updates, or the connection for them is lost): the "
                             "views shown refresh every {0} seconds, and F5 refreshes now.").format(int(POLL_SECONDS))
        self.connection_label.setToolTip(detail if not self._reachable or self._live is False else "")
        self.connection_label.setStyleSheet("color: #b00020;" if warn else "")

    # ------------------------------------------------------------------ scanned labels
    def find_code(self):
        from erp_desktop.ui.labels.scan import FindCodeDialog

        dialog = FindCodeDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.found.connect(self.open_scanned)
        dialog.open()
        return dialog

    def open_code(self, code: str) -> None:
        """A label scanned outside a text field: open what it names."""
        from erp_desktop.services.labels.scan import resolve_code

        self.statusBar().showMessage(self.tr("Scanned {0}").format(code), 5000)
        self.ctx.call(resolve_code, code, owner=self, on_success=self.open_scanned,
                      on_error=lambda error: self.handle_error(error))

    def open_scanned(self, thing) -> None:
        """A part opens in Parts; a purchase order in Purchasing; a lot, product, warehouse or stock document in
        Stock."""
        if thing.part is not None:
            self.show_area("parts").show_part(thing.part)
        elif thing.kind == CodeKind.PURCHASE_ORDER:
            if "purchasing" in self.area_keys():
                self.show_area("purchasing").show_order(thing.id)
        elif "stock" in self.area_keys():
            self.show_area("stock").show_scanned(thing)

    def refresh_current(self) -> None:
        self._refresh_asked_at = time.monotonic()
        self.ctx.changes.emit_change("*", [])

    def choose_language(self, code: str) -> None:
        remember_language(self.ctx.actor.username, code)
        for action in self.findChild(QMenu, "languageMenu").actions():
            action.setChecked(action.objectName() == f"language_{code}")
        if code != current_language():
            inform(self, self.tr("Language"),
                   self.tr("The program will speak {0} the next time you sign in (File > Sign out, then sign in "
                           "again). Nothing else changes.").format(LANGUAGES[code]))

    def refresh_failed(self, error: Exception) -> None:
        """A refresh found the database out of reach: the status bar says so, and no dialog opens, except one
        per outage when the user asked for the refresh (F5) a moment ago; the next refresh tries again."""
        self._reachable = False
        self._show_connection(error_text(error))
        self.statusBar().showMessage(error_text(error), 15_000)
        asked = self._refresh_asked_at is not None and time.monotonic() - self._refresh_asked_at < ASKED_REFRESH_SECONDS
        if asked and not self._outage_told:
            self._outage_told = True  # before the box: the other views' failures arrive while it is open
            self._refresh_asked_at = None
            show_error(self, error)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About erp-desktop"),
                          self.tr("erp-desktop {0}\nProduction control and FIFO stock.\nDatabase: {1}")
                          .format(__version__, self.ctx.database_label))

    # ------------------------------------------------------------------ errors, sessions, lock
    def handle_error(self, error: Exception, trace: str = "") -> None:
        if isinstance(error, SessionEnded):
            self.session_ended(error_text(error))
            return
        if isinstance(error, DatabaseUnavailable):
            self._reachable = False
            self._show_connection(error_text(error))
            self._outage_told = True  # a save's own message told of this outage
        show_error(self, error, trace)

    def change_password(self) -> None:
        ChangePasswordDialog(self.ctx.runner, self.ctx.db, self.ctx.actor, self.ctx.settings, parent=self).exec()

    def open_import(self) -> None:
        self.import_dialog = open_import(self.ctx, self)

    def restore_from_backup(self) -> None:
        from erp_desktop.ui.admin.restore_dialog import RestoreBackupDialog

        dialog = RestoreBackupDialog(self.ctx, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_restore is None:
            return
        # the restored file has its own users and sessions: this window's session is not in it. Sign in again
        # (the sign-in window opens the database afresh).
        taken = dialog.result_restore.restored_from.taken_at.strftime("%Y-%m-%d %H:%M")
        self.sign_out(self.tr("The database was restored from the backup of {0}. Sign in again.").format(taken),
                      already_ended=True)

    def lock(self, *, ended_reason: str | None = None) -> None:
        if self._lock_dialog is not None or self._signing_out:
            return
        self.idle.stop()
        self.idle.paused = True
        self._lock_dialog = dialog = LockDialog(self.ctx, self, ended_reason=ended_reason)
        dialog.session_ended.connect(lambda reason: self.sign_out(reason, already_ended=dialog.ended))
        dialog.signed_in_again.connect(self._signed_in_again)
        dialog.finished.connect(self._unlocked)
        dialog.open()
        self._pause_refetch()

    def session_ended(self, reason: str) -> None:
        """The session is gone (ended by an administrator, or found ended): sign in again in place, over whatever
        forms and dialogs are open; they stay as they are."""
        if self._signing_out:
            return
        if self._lock_dialog is not None:
            self._lock_dialog.session_gone(reason)
        else:
            self.lock(ended_reason=reason)

    def _signed_in_again(self, signed) -> None:
        self.ctx.actor = signed.actor
        self.statusBar().showMessage(self.tr("Signed in again; nothing on screen was lost."), 10_000)
        self.ctx.changes.emit_change("*", [])  # what failed meanwhile is read again

    def _unlocked(self, result: int) -> None:
        self._lock_dialog = None
        self._pause_refetch()
        self.idle.paused = False
        if result == QDialog.DialogCode.Accepted:
            self.idle.start()

    @property
    def is_locked(self) -> bool:
        return self._lock_dialog is not None

    def _pause_refetch(self) -> None:
        """Live updates refetch nothing while nobody can look (minimized, locked); the views catch up after."""
        self.ctx.changes.set_paused(self.isMinimized() or self.is_locked)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self._pause_refetch()

    def sign_out(self, reason: str = "", *, already_ended: bool = False) -> None:
        if self._signing_out:
            return
        self._signing_out = True
        if reason:
            QMessageBox.information(self, self.tr("Signed out"), reason)
        if not already_ended:
            try:
                auth.sign_out(self.ctx.db, self.ctx.actor)
            except Exception:  # noqa: BLE001 - signing out must never trap the user
                log.exception("sign-out failed")
        self.signed_out.emit(reason)
        self.close()

    # ------------------------------------------------------------------ layout memory
    def _restore_layout(self) -> None:
        settings = ui_settings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        area = settings.value("main/area")
        if area in self.area_keys():
            self.nav.setCurrentRow(self.area_keys().index(area))

    def save_layout(self) -> None:
        settings = ui_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        position = self.nav.currentRow()
        if 0 <= position < len(self._areas):
            settings.setValue("main/area", self._areas[position].key)
        settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        QApplication.instance().removeEventFilter(self.scan_detector)
        self.save_layout()
        if not self._signing_out:
            self._signing_out = True
            try:
                auth.sign_out(self.ctx.db, self.ctx.actor)
            except Exception:  # noqa: BLE001
                log.exception("sign-out at close failed")
        super().closeEvent(event)

