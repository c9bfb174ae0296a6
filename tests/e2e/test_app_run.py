"""The composition root end to end: `erp-desktop --demo` connects in the background, loads the demo plant,
signs in through the real sign-in window, opens the main window with live updates, and quits cleanly."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from erp_desktop import app as app_module
from erp_desktop.ui.access.login import LoginDialog
from erp_desktop.ui.main_window import MainWindow


def test_demo_run_signs_in_and_quits(qapp, monkeypatch):
    seen = {"signed_in": False, "title": None, "live": None}
    errors = []
    monkeypatch.setattr(app_module, "show_error", lambda parent, error, trace="": errors.append((error, trace)))
    deadline = {"ticks": 0}

    def drive():
        deadline["ticks"] += 1
        if deadline["ticks"] > 900:  # 90 s: give up, close everything so the test fails instead of hanging
            for widget in QApplication.topLevelWidgets():
                widget.close()
            return
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen["title"] = widget.windowTitle()
                seen["live"] = widget.connection_label.text()
                widget.close()
                return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog) and dialog.sign_in_button.isEnabled() and not seen["signed_in"]:
            dialog.username.setText("admin")
            dialog.password.setText("admin123")
            dialog.sign_in_button.click()
            seen["signed_in"] = True
        QTimer.singleShot(100, drive)

    QTimer.singleShot(100, drive)
    assert app_module.run(None, demo_mode=True) == 0
    assert seen["title"] == "erp-desktop - Demo Plant"
    assert seen["live"] in ("connected", "connected, live")
    assert errors == []
