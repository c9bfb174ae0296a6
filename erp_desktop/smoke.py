"""`erp-desktop smoke`: a throwaway SQLite file, migrated, the demo plant, signed in, every view visited
offscreen. Exit 0, or print what failed. The packaged build runs the same."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path


def run_smoke(keep: bool = False) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="erp-smoke-"))
    os.environ["ERP_DATA_DIR"] = str(folder)
    failures: list[str] = []
    started = time.perf_counter()
    try:
        _run(folder, failures)
    except Exception:  # noqa: BLE001
        failures.append("smoke aborted:\n" + traceback.format_exc())
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    elapsed = time.perf_counter() - started
    if failures:
        print(f"SMOKE FAILED ({len(failures)} problem(s), {elapsed:.1f} s):", file=sys.stderr)
        for failure in failures:
            print(" - " + failure, file=sys.stderr)
        return 1
    print(f"smoke OK in {elapsed:.1f} s")
    return 0


def _run(folder: Path, failures: list[str]) -> None:
    from PySide6.QtWidgets import QApplication

    from erp_desktop.app import create_application
    from erp_desktop.config import Settings, describe_url, sqlite_url
    from erp_desktop.demo import plant as demo
    from erp_desktop.services.access import auth, connection
    from erp_desktop.ui.context import ChangeHub, UiContext
    from erp_desktop.ui.main_window import MainWindow
    from erp_desktop.ui.runner import InlineRunner

    url = sqlite_url(folder / "smoke.db")
    db = connection.open_database(url)
    print(f"migrated {describe_url(url)}")
    demo.load_demo_plant(db, rounds=4)
    print("demo plant loaded")
    signed = auth.sign_in(db, "admin", "admin123")
    app = create_application()
    ctx = UiContext(db=db, actor=signed.actor, runner=InlineRunner(), settings=Settings(),
                    organization=signed.organization, changes=ChangeHub(), database_label=describe_url(url))
    errors: list = []
    ctx.runner.failed.connect(lambda error, trace: errors.append(f"{error}\n{trace}"))
    window = MainWindow(ctx)
    window.show()
    for key in window.area_keys():
        try:
            view = window.show_area(key)
            QApplication.processEvents()
            smoke = getattr(view, "smoke", None)
            if callable(smoke):
                smoke()
                QApplication.processEvents()
            print(f"visited {key}: {type(view).__name__}")
        except Exception:  # noqa: BLE001
            failures.append(f"view {key}:\n{traceback.format_exc()}")
    ctx.changes.emit_change("*", [])
    QApplication.processEvents()
    _import_wizard(window, failures)
    failures.extend(f"service call failed: {error}" for error in errors)
    window.close()
    _russian(db, ctx, failures)
    db.dispose()
    del app


def _import_wizard(window, failures: list[str]) -> None:
    """File > Import... with the sample workbook: its sheets recognised, the dry run finds no error (nothing
    imported: the demo plant stays as it is)."""
    from PySide6.QtWidgets import QApplication

    from erp_desktop.ui.imports import sample_file

    try:
        window.findChild(type(window.actions()[0]), "importAction").trigger()
        dialog = window.import_dialog
        dialog.open_file(str(sample_file()))
        dialog.next()
        dialog.next()
        QApplication.processEvents()
        report = dialog.report
        if report is None or not report.ok or not report.changes_anything:
            failures.append(f"import wizard: the sample's dry run: {report and report.errors[:3]}")
        else:
            print(f"visited import wizard: dry run of the sample, {len(report.rows)} rows, no errors")
        dialog.reject()
    except Exception:  # noqa: BLE001
        failures.append(f"import wizard:\n{traceback.format_exc()}")


def _russian(db, english_ctx, failures: list[str]) -> None:
    """Once more in Russian, signed in again (closing the window signed out): a main window and a report must
    read in Cyrillic (the .qm found and loaded)."""
    import re
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication, QMenu

    from erp_desktop.printing.production_reports import parts_progress
    from erp_desktop.services.access import auth
    from erp_desktop.services.production import parts
    from erp_desktop.ui.language import ENGLISH, RUSSIAN, apply_language
    from erp_desktop.ui.main_window import MainWindow

    cyrillic = re.compile("[А-Яа-яЁё]{3,}")
    if not apply_language(RUSSIAN):
        failures.append("Russian: resources/translations/erp_desktop_ru.qm not found")
        return
    signed = auth.sign_in(db, "admin", "admin123")
    ctx = replace(english_ctx, actor=signed.actor)
    try:
        window = MainWindow(ctx)
        window.show()
        QApplication.processEvents()
        menus = " ".join(menu.title() for menu in window.menuBar().findChildren(QMenu))
        if not cyrillic.search(menus) or not cyrillic.search(window.windowTitle() + menus):
            failures.append(f"Russian: the main window's menus are not Russian: {menus!r}")
        report = parts_progress(parts.parts_progress_report(ctx.db, ctx.actor), organization=ctx.organization)
        text = report.document().toPlainText()
        if not cyrillic.search(text) or "Active parts" in text:
            failures.append(f"Russian: the parts progress report is not Russian: {text[:200]!r}")
        else:
            print("visited in Russian: main window and parts progress report")
        _russian_documents(ctx, failures)
        window.close()
    finally:
        apply_language(ENGLISH)


def _russian_documents(ctx, failures: list[str]) -> None:
    """The demo's first receipt and issue print as the unified forms М-4 and М-11."""
    from erp_desktop.printing.documents import stock_document
    from erp_desktop.services import stock

    before = len(failures)
    for kind, expected in (("receipt", "ПРИХОДНЫЙ ОРДЕР"), ("issue", "ТРЕБОВАНИЕ-НАКЛАДНАЯ")):
        movement = next(iter(stock.get_journal(ctx.db, ctx.actor, kind=kind, limit=1)), None)
        if movement is None:
            failures.append(f"Russian: the demo has no {kind} to print")
            continue
        sheet = stock.get_document_sheet(ctx.db, ctx.actor, document_id=movement.document_id)
        text = stock_document(sheet).document().toPlainText()
        if expected not in text:
            failures.append(f"Russian: the {kind} does not print as {expected}: {text[:200]!r}")
    if len(failures) == before:
        print("visited in Russian: М-4 and М-11")
