"""The Shift journal: facts filtered by dates, shift, stage, operator and part with totals and
subtotals per shift; the keyboard fact form beside; correction and removal for masters; the shift report."""

from __future__ import annotations

import html
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.progress import scrap_percent
from erp_desktop.domain.roles import Op
from erp_desktop.domain.shifts import Shift, current_shift
from erp_desktop.errors import ErpError
from erp_desktop.printing import production_reports, save_pdf
from erp_desktop.services.production import facts as facts_service
from erp_desktop.services.production import parts as parts_service
from erp_desktop.services.production import stages as stages_service
from erp_desktop.services.production.dto import FactTotals
from erp_desktop.ui.errors import confirm, show_error
from erp_desktop.ui.export import model_report
from erp_desktop.ui.formatting import date_edit_format, fmt_percent
from erp_desktop.ui.forms import ConfirmDiscard
from erp_desktop.ui.live import follow_changes
from erp_desktop.ui.production.journal.fact_form import FactForm, load_parts_by_id
from erp_desktop.ui.production.journal.facts_model import FactFilter, FactsPage, FactsTableModel, shift_text
from erp_desktop.ui.refetch import each_or_none
from erp_desktop.ui.report_actions import build_report_now, report_button
from erp_desktop.ui.table_actions import install_table_actions
from erp_desktop.ui.tables import fit_columns, setup_table


def resolve_part(db, actor, text: str) -> tuple[int | None, bool]:
    """The part a typed code names (exact code, else the only code containing it): (id, unknown)."""
    text = text.strip()
    if not text:
        return None, False
    page = parts_service.list_parts(db, actor, search=text, sort="code", limit=50)
    exact = [p for p in page.rows if p.code.lower() == text.lower()]
    found = exact or [p for p in page.rows if text.lower() in p.code.lower()]
    return (found[0].id, False) if len(found) == 1 else (None, True)


load_facts = each_or_none(facts_service.get_fact)


class CorrectFactDialog(QDialog):
    def __init__(self, ctx, fact, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("correctFactDialog")
        self.setWindowTitle(self.tr("Correct fact: {0} {1}, {2}").format(fact.part_code, fact.stage_name,
                                                                         fact.fact_date.isoformat()))
        self.saved = None
        ConfirmDiscard(self)
        self.form = FactForm(ctx, fact, self)
        self.form.recorded.connect(self._saved)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("The correction is recorded in the audit log with the values before and after."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6670;")
        layout.addWidget(note)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(440, 520)
        self.form.start()

    def _saved(self, fact) -> None:
        self.saved = fact
        self.accept()


class JournalView(QWidget):
    PAGE = 200

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("journalView")
        self._ctx = ctx
        actor = ctx.actor
        shifts = ctx.settings.shifts
        slot = current_shift(datetime.now(), shifts.day_starts, shifts.night_starts)

        # --- filters
        self.date_from = QDateEdit(QDate(slot.date - timedelta(days=6)))
        self.date_from.setObjectName("journalFrom")
        self.date_to = QDateEdit(QDate(date.today()))  # after midnight the night shift's date is yesterday
        self.date_to.setObjectName("journalTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
        self.shift = QComboBox()
        self.shift.setObjectName("journalShift")
        self.shift.addItem(self.tr("All shifts"), None)
        for value in Shift:
            self.shift.addItem(shift_text(value), value.value)
        self.stage = QComboBox()
        self.stage.setObjectName("journalStage")
        self.stage.addItem(self.tr("All stages"), None)
        self.operator = QComboBox()
        self.operator.setObjectName("journalOperator")
        self.operator.addItem(self.tr("All operators"), None)
        self.part = QLineEdit()
        self.part.setObjectName("journalPart")
        self.part.setPlaceholderText(self.tr("Part code"))
        self.part.setClearButtonEnabled(True)
        self.part.setMaximumWidth(160)
        for combo in (self.shift, self.stage, self.operator):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(max(6, len(combo.itemText(0))))  # "All operators" whole, in Russian too
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(350)
        self._filter_timer.timeout.connect(self.apply_filters)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._filter_timer.start())
        self.part.textChanged.connect(lambda _t: self._filter_timer.start())
        self.part.returnPressed.connect(self.apply_filters)
        for combo in (self.shift, self.stage, self.operator):
            combo.currentIndexChanged.connect(self.apply_filters)
        filters = QToolBar()  # folds into its overflow menu in a narrow window
        filters.setObjectName("journalFilters")
        for label, widget in ((self.tr("From"), self.date_from), (self.tr("to"), self.date_to), (self.tr("Shift"), self.shift),
                              (self.tr("Stage"), self.stage), (self.tr("Operator"), self.operator), (self.tr("Part"), self.part)):
            filters.addWidget(QLabel(f" {label} "))
            filters.addWidget(widget)

        # --- table and totals
        self._filter = self.current_filter()
        self.model = FactsTableModel(ctx.runner, self._fetcher(), self)
        self.table = QTableView()
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.doubleClicked.connect(lambda _index: self.correct_fact())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self.model.totals_changed.connect(self._show_totals)
        self._columns_fitted = False
        self.model.rowsInserted.connect(self._fit_once)
        self.totals = QLabel()
        self.totals.setObjectName("journalTotals")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setStyleSheet("QLabel { background: #ffffff; border: 1px solid #d5d9de; padding: 6px; }")
        self.totals.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.totals)

        # --- the fact form
        self.form: FactForm | None = None
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("journalSplitter")
        splitter.addWidget(left)
        if actor.can(Op.RECORD_OWN_FACTS) or actor.can(Op.RECORD_QC_FACTS):
            self.form = FactForm(ctx, load_now=False)
            self.form.recorded.connect(self.apply_fact)
            box = QGroupBox(self.tr("Record a fact"))
            box.setObjectName("factFormBox")
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(self.form)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(box)
            scroll.setMinimumWidth(280)
            splitter.addWidget(scroll)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 1)
            splitter.setSizes([1000, 360])

        # --- toolbar
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("journalToolbar")
        self.correct_action = self.toolbar.addAction(self.tr("Correct..."), self.correct_fact)
        self.correct_action.setObjectName("correctFactAction")
        self.remove_action = self.toolbar.addAction(self.tr("Remove..."), self.remove_fact)
        self.remove_action.setObjectName("removeFactAction")
        for action in (self.correct_action, self.remove_action):
            action.setVisible(actor.can(Op.CORRECT_FACTS))
        self.toolbar.addSeparator()
        self.report_date = QDateEdit(QDate(slot.date))
        self.report_date.setObjectName("reportDate")
        self.report_date.setCalendarPopup(True)
        self.report_date.setDisplayFormat(date_edit_format())
        self.report_shift = QComboBox()
        self.report_shift.setObjectName("reportShift")
        for value, text in ((Shift.DAY, self.tr("Day")), (Shift.NIGHT, self.tr("Night")), (Shift.NONE, self.tr("No shift")),
                            (None, self.tr("Whole day"))):
            self.report_shift.addItem(text, value.value if value else None)
        self.report_shift.setCurrentIndex(self.report_shift.findData(slot.shift.value))
        self.shift_report_button = report_button(
            ctx, self, self.tr("Shift report"), "shiftReportButton", self._shift_report_request,
            self._build_shift_report, lambda: self.tr("Shift report {0}").format(
                self.report_date.date().toPython().isoformat()))
        if actor.can(Op.VIEW_REPORTS):
            self.toolbar.addWidget(QLabel(self.tr(" Shift report for ")))
            self.toolbar.addWidget(self.report_date)
            self.toolbar.addWidget(self.report_shift)
            self.toolbar.addWidget(self.shift_report_button)
            self.toolbar.addSeparator()
        else:
            self.shift_report_button.hide()
        self.table_actions = install_table_actions(self.table, title=self.tr("Shift journal"),
                                                   report_builder=self._table_report)
        self.toolbar.addActions([self.table_actions.export_csv, self.table_actions.export_xlsx,
                                 self.table_actions.print_preview])

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(filters)
        layout.addWidget(splitter, 1)
        follow_changes(self, ctx.changes, self._on_change)
        self._update_actions()
        self.load_lists()
        self.model.reload()
        if self.form is not None:
            # the form's part codes load after the journal's first page, not competing with it
            if self.model.loading:
                self.model.loading_changed.connect(self._first_page_in)
            else:
                self.form.load_choices()
            self.form.start()

    # ------------------------------------------------------------------ loading
    def _first_page_in(self, loading: bool) -> None:
        if not loading:
            self.model.loading_changed.disconnect(self._first_page_in)
            self.form.load_choices()

    def current_filter(self) -> FactFilter:
        shift = self.shift.currentData()
        return FactFilter(self.date_from.date().toPython(), self.date_to.date().toPython(),
                          Shift(shift) if shift else None, self.stage.currentData(), self.operator.currentData(),
                          self.part.text().strip())

    def _fetcher(self):
        """Reads the filters now, on the GUI thread; the returned function runs on a worker."""
        chosen = self.current_filter()
        ctx, limit = self._ctx, self.PAGE

        def fetch(cursor) -> FactsPage:
            db, actor = ctx.db, ctx.actor  # the actor of now: a new session after signing in again
            part_id, unknown = resolve_part(db, actor, chosen.part_text)
            if unknown:
                empty = FactTotals(0, 0, 0, scrap_percent(0, 0))
                return FactsPage((), False, None, empty, (), None, True)
            page = facts_service.list_facts(db, actor, after=cursor, limit=limit, part_id=part_id,
                                            **chosen.service_kwargs())
            return FactsPage(page.rows, page.has_more, page.next_cursor, page.totals, page.per_shift, part_id)

        return fetch

    def apply_filters(self) -> None:
        self._filter_timer.stop()
        self._filter = self.current_filter()
        self.model.set_fetcher(self._fetcher())

    def load_lists(self) -> None:
        self._ctx.call(stages_service.list_stages, include_inactive=True, on_success=self._stages_loaded, owner=self)
        self._ctx.call(facts_service.list_fact_operators, on_success=self._operators_loaded, owner=self)

    def _refill(self, combo: QComboBox, items) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _stages_loaded(self, stages) -> None:
        self._refill(self.stage, [(s.name, s.id) for s in stages])

    def _operators_loaded(self, people) -> None:
        self._refill(self.operator, [(p.display_name, p.id) for p in people])

    def _show_totals(self, totals, per_shift) -> None:
        if totals is None:
            self.totals.setText("")
            return
        if self.model.part_unknown:
            self.totals.setText(self.tr("<span style='color:#b00020'>No part has the code '{0}'.</span>").format(
                html.escape(self.part.text().strip())))
            return
        parts = [self.tr("<b>Shown: {0} facts</b> &nbsp; good <b>{1}</b> &nbsp; scrap <b>{2}</b> &nbsp; "
                    "scrap % <b>{3}</b>").format(totals.count, totals.good, totals.scrap,
                                                 fmt_percent(totals.scrap_pct))]
        for sub in per_shift:
            parts.append(self.tr("{0}: {1} facts, good {2}, scrap {3} ({4})").format(
                shift_text(sub.shift), sub.count, sub.good, sub.scrap, fmt_percent(sub.scrap_pct)))
        self.totals.setText(" &nbsp;&nbsp;|&nbsp;&nbsp; ".join(parts))

    def refresh_totals(self) -> None:
        chosen = self._filter
        part_id = self.model.part_id

        def totals(db, actor):
            return facts_service.list_facts(db, actor, limit=1, part_id=part_id, **chosen.service_kwargs())

        if not self.model.part_unknown:
            self._ctx.call(totals, on_success=lambda page: self.model.set_totals(page.totals, page.per_shift),
                           owner=self)

    def _fit_once(self, *_args) -> None:
        if not self._columns_fitted and self.model.rowCount():
            self._columns_fitted = True
            fit_columns(self.table, max_width=220)

    # ------------------------------------------------------------------ rows by id
    def selected_fact(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_fact(self, fact_id: int) -> bool:
        position = self.model.position_of(fact_id)
        if position is None:
            return False
        self.table.selectRow(position)
        self.table.scrollTo(self.model.index(position, 0))
        return True

    def apply_fact(self, fact) -> None:
        """A fact recorded or corrected here or elsewhere: replace, insert or drop its row; totals again."""
        self._apply_facts([(fact.id, fact)])

    def _apply_changed(self, changed) -> None:
        """A live update's facts and the filter's totals, read together (services.production.facts.changed_facts)."""
        self._apply_facts(changed.found, totals=False)
        if not self.model.part_unknown:
            self.model.set_totals(changed.totals, changed.per_shift)

    def _apply_facts(self, found, *, totals: bool = True) -> None:
        chosen = self._filter
        for fact_id, fact in found:
            position = self.model.position_of(fact_id)
            keep = fact is not None and chosen.matches(fact, self.model.part_id) and not self.model.part_unknown
            if position is not None:
                if keep:
                    self.model.replace_row(position, fact)
                else:
                    self.model.remove_row(position)
            elif keep:
                self.model.insert_sorted(fact)
        if totals:
            self.refresh_totals()
        self._update_actions()

    def _on_change(self, topic: str, ids: list) -> None:
        if topic == "*":
            self.load_lists()
            self.apply_filters()
            if self.form is not None:
                self.form.load_choices()
        elif topic == "facts":
            if ids and not self.model.part_unknown:
                self._ctx.call(facts_service.changed_facts, [int(i) for i in ids], part_id=self.model.part_id,
                               **self._filter.service_kwargs(), on_success=self._apply_changed, owner=self)
            elif ids:
                self._ctx.call(load_facts, [int(i) for i in ids], on_success=self._apply_facts, owner=self)
            else:
                self.apply_filters()
        elif topic in ("stages", "users"):
            self.load_lists()
            if self.form is not None and topic == "users":
                self.form.load_choices()
        elif topic == "parts" and self.form is not None:
            if ids:
                self._ctx.call(load_parts_by_id, [int(i) for i in ids], on_success=self.form.update_parts,
                               owner=self)
            else:
                self.form.load_choices()

    def _update_actions(self) -> None:
        selected = self.selected_fact() is not None
        self.correct_action.setEnabled(selected)
        self.remove_action.setEnabled(selected)

    # ------------------------------------------------------------------ correct and remove
    def correct_dialog(self, fact) -> CorrectFactDialog:
        return CorrectFactDialog(self._ctx, fact, self)

    def correct_fact(self) -> None:
        fact = self.selected_fact()
        if fact is None or not self._ctx.actor.can(Op.CORRECT_FACTS):
            return
        dialog = self.correct_dialog(fact)
        if dialog.exec() and dialog.saved is not None:
            self.apply_fact(dialog.saved)
            self.select_fact(dialog.saved.id)
        dialog.deleteLater()

    def remove_fact(self) -> None:
        fact = self.selected_fact()
        if fact is None or not self._ctx.actor.can(Op.CORRECT_FACTS):
            return
        question = self.tr("Remove the fact {0} {1} of {2} ({3} good, {4} scrap)? The removal is audited.").format(
            fact.part_code, fact.stage_name, fact.fact_date.isoformat(), fact.qty_good, fact.qty_scrap)
        if not confirm(self, self.tr("Remove fact"), question):
            return
        self._ctx.call(facts_service.remove_fact, fact.id, version=fact.version,
                       on_success=lambda _none: self._apply_facts([(fact.id, None)]),
                       on_error=self._command_failed, write=True, owner=self)

    def _command_failed(self, error: Exception) -> None:
        if not isinstance(error, ErpError):
            raise error
        show_error(self, error)
        fact = self.selected_fact()
        if fact is not None:
            self._ctx.call(load_facts, [fact.id], on_success=self._apply_facts, owner=self)

    # ------------------------------------------------------------------ reports
    def _shift_report_request(self):
        return facts_service.shift_report, dict(report_date=self.report_date.date().toPython(),
                                                shift=self.report_shift.currentData())

    def _build_shift_report(self, data):
        return production_reports.shift_report(data, organization=self._ctx.organization,
                                               printed_by=self._ctx.actor.display_name)

    def _table_report(self):
        chosen = self.current_filter()
        subtitle = self.tr("{0} to {1}, {2}").format(chosen.date_from.isoformat(), chosen.date_to.isoformat(),
                                                     shift_text(chosen.shift))
        report = model_report(self.model, title=self.tr("Shift journal"), organization=self._ctx.organization,
                              subtitle=subtitle, printed_by=self._ctx.actor.display_name, landscape=True)
        if self.model.totals is not None:
            totals = self.model.totals
            report.add_paragraph(self.tr("Good {0}, scrap {1}, scrap {2}").format(
                totals.good, totals.scrap, fmt_percent(totals.scrap_pct)))
        return report

    # ------------------------------------------------------------------ smoke
    def smoke(self) -> None:
        """Headless check on the demo plant: filters, totals, the form, the correction dialog, reports as PDF."""
        self.date_from.setDate(QDate(date.today() - timedelta(days=20)))
        self.apply_filters()
        if self.model.rowCount() == 0 or self.model.totals is None or self.model.totals.count == 0:
            raise AssertionError("the journal shows no facts for the last three weeks")
        first = self.model.row_at(0)
        for combo, value in ((self.shift, Shift.DAY.value), (self.stage, first.stage_id),
                             (self.operator, first.operator_id)):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.part.setText(first.part_code)
        self.apply_filters()
        if self.model.rowCount() == 0 and first.shift == Shift.DAY:
            raise AssertionError("filtering by a shown fact's values found nothing")
        for combo in (self.shift, self.stage, self.operator):
            combo.setCurrentIndex(0)
        self.part.clear()
        self.apply_filters()
        if self.model.canFetchMore():
            self.model.fetchMore()
        self.table.selectRow(0)
        dialog = self.correct_dialog(self.selected_fact())
        dialog.show()
        QApplication.processEvents()
        dialog.close()
        dialog.deleteLater()
        if self.form is not None:
            self.form.part.setText(first.part_code)
            self.form.resolve_part()
            self.form.part.clear()
        busiest = max(self.model.rows, key=lambda f: f.qty_good)
        self.report_date.setDate(QDate(busiest.fact_date))
        self.report_shift.setCurrentIndex(self.report_shift.findData(busiest.shift.value))
        folder = Path(tempfile.mkdtemp(prefix="erp-journal-smoke-"))
        shift_report = build_report_now(self._ctx, self, self._shift_report_request, self._build_shift_report)
        if busiest.part_code not in shift_report.document().toPlainText():
            raise AssertionError("the shift report misses a fact of that shift")
        for name, report in (("shift_report", shift_report), ("journal_table", self._table_report())):
            path = folder / f"{name}.pdf"
            save_pdf(report, path)
            if not path.read_bytes().startswith(b"%PDF"):
                raise AssertionError(f"{name} is not a PDF")
