"""A toolbar button with Preview / Print / Save as PDF for a report whose data a service fetches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from erp_desktop.printing import Report
from erp_desktop.ui.print_preview import print_with_dialog, save_pdf_with_dialog, show_print_preview

# request() -> (service_fn, kwargs) or None when there is nothing to print (e.g. no part selected)
Request = Callable[[], tuple[Callable, dict] | None]
Build = Callable[[object], Report]


translate = QCoreApplication.translate


def fetch_report(ctx, owner: QWidget, request: Request, build: Build, then: Callable[[Report], None]) -> bool:
    """Fetch the data off the GUI thread, build the report on it, hand it to ``then``. False: nothing asked."""
    asked = request()
    if asked is None:
        return False
    service, kwargs = asked
    ctx.call(service, on_success=lambda data: then(build(data)), owner=owner, **kwargs)
    return True


def build_report_now(ctx, owner: QWidget, request: Request, build: Build) -> Report:
    """For the smoke check and tests (InlineRunner): the report, built at once."""
    built: list[Report] = []
    if not fetch_report(ctx, owner, request, build, built.append) or not built:
        raise AssertionError("the report could not be built")
    return built[0]


def report_button(ctx, owner: QWidget, text: str, name: str, request: Request, build: Build,
                  title: Callable[[], str]) -> QToolButton:
    """A drop-down button: Print preview..., Print..., Save as PDF..."""
    button = QToolButton(owner)
    button.setObjectName(name)
    button.setText(text)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    menu.addAction(translate("production_reports", "Print preview..."),
                   lambda: fetch_report(ctx, owner, request, build, lambda r: show_print_preview(owner, r)))
    menu.addAction(translate("production_reports", "Print..."),
                   lambda: fetch_report(ctx, owner, request, build, lambda r: print_with_dialog(owner, r)))
    menu.addAction(translate("production_reports", "Save as PDF..."), lambda: fetch_report(
        ctx, owner, request, build,
        lambda r: save_pdf_with_dialog(owner, r, f"{title()} {date.today().isoformat()}")))
    button.setMenu(menu)
    return button
