"""The keyboard-first fact form: Enter moves to the next field, Enter on the last one records.

Defaults: the date and shift of the current shift, the last stage used, the user as operator.
The part is picked by typing its code (a completer over the codes of parts in work). Every
rule's message appears under the field it concerns; the same form corrects a recorded fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QDate, QEvent, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.codes import CodeKind, parse_label_code
from erp_desktop.domain.facts import check_fact
from erp_desktop.domain.progress import PartStatus
from erp_desktop.domain.roles import Op
from erp_desktop.domain.shifts import Shift, current_shift
from erp_desktop.errors import ErpError, ValidationError
from erp_desktop.services.production import facts as facts_service
from erp_desktop.services.production import parts as parts_service
from erp_desktop.ui.errors import error_text
from erp_desktop.ui.formatting import date_edit_format
from erp_desktop.ui.forms import EnterMovesFocus, ErrorLabel, with_error
from erp_desktop.ui.refetch import each_or_none

FIELDS = ("fact_date", "part", "stage", "shift", "operator", "qty_good", "qty_scrap", "comment")
ACTIVE = [PartStatus.PLANNED.value, PartStatus.IN_PROGRESS.value]


PART_PAGE = 500


@dataclass(frozen=True)
class FactChoices:
    parts: tuple  # PartDTOs of parts in work (planned, in progress), with their routes
    operators: tuple  # PersonDTOs


def load_part_page(db, actor, offset: int):
    """Runs on a worker: one page of the parts in work, by code."""
    return parts_service.list_parts(db, actor, status=ACTIVE, sort="code", offset=offset, limit=PART_PAGE)


def load_fact_choices(db, actor) -> FactChoices:
    """Every part in work and the operators at once (benchmarks and scripts; the form loads page by page)."""
    parts, offset = [], 0
    while True:
        page = load_part_page(db, actor, offset)
        parts.extend(page.rows)
        offset += len(page.rows)
        if not page.has_more or not page.rows:
            break
    return FactChoices(tuple(parts), tuple(facts_service.list_fact_operators(db, actor)))


load_parts_by_id = each_or_none(parts_service.get_part)


class FactForm(QWidget):
    """``fact`` None: a new fact. With a FactDTO: its correction (the part stays)."""

    recorded = Signal(object)  # the FactDTO created or corrected

    def __init__(self, ctx, fact=None, parent: QWidget | None = None, *, load_now: bool = True):
        super().__init__(parent)
        self.setObjectName("factForm")
        self._ctx = ctx
        self._fact = fact
        self._parts: dict[str, object] = {}  # code (lower case) -> PartDTO
        self._part = None  # the PartDTO the part field names
        self.last_stage_id: int | None = fact.stage_id if fact else None
        shifts = ctx.settings.shifts
        slot = current_shift(datetime.now(), shifts.day_starts, shifts.night_starts)

        self.fact_date = QDateEdit(QDate(fact.fact_date if fact else slot.date))
        self.fact_date.setObjectName("factDate")
        self.fact_date.setDisplayFormat(date_edit_format())
        self.fact_date.setCalendarPopup(True)
        self.part = QLineEdit(fact.part_code if fact else "")
        self.part.setObjectName("factPart")
        self.part.setPlaceholderText(self.tr("Type the part code"))
        self.part.setReadOnly(fact is not None)
        self.part_hint = QLabel()
        self.part_hint.setObjectName("factPartHint")
        self.part_hint.setStyleSheet("color: #5f6670;")
        self.part_hint.setWordWrap(True)
        self.part_hint.hide()
        self._codes = QStringListModel(self)
        self.completer = QCompleter(self._codes, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        if fact is None:
            self.part.setCompleter(self.completer)
        self.stage = QComboBox()
        self.stage.setObjectName("factStage")
        self.shift = QComboBox()
        self.shift.setObjectName("factShift")
        for value in (Shift.DAY, Shift.NIGHT):
            self.shift.addItem(self.tr("Day") if value == Shift.DAY else self.tr("Night"), value.value)
        self.shift.addItem(self.tr("No shift"), Shift.NONE.value)
        self._default_shift = Shift(fact.shift) if fact and fact.shift != Shift.NONE else slot.shift
        self.shift.setCurrentIndex(self.shift.findData(self._default_shift.value))
        self.operator = QComboBox()
        self.operator.setObjectName("factOperator")
        self.operator.addItem(self.tr("(no operator)"), None)
        self.qty_good = QLineEdit(str(fact.qty_good) if fact else "")
        self.qty_good.setObjectName("factGood")
        self.qty_good.setPlaceholderText("0")
        self.qty_scrap = QLineEdit(str(fact.qty_scrap) if fact else "")
        self.qty_scrap.setObjectName("factScrap")
        self.qty_scrap.setPlaceholderText("0")
        for edit in (self.qty_good, self.qty_scrap):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaxLength(10)
        self.comment = QLineEdit(fact.comment if fact else "")
        self.comment.setObjectName("factComment")
        self.comment.setMaxLength(500)
        self.submit_button = QPushButton(self.tr("Record fact") if fact is None else self.tr("Save correction"))
        self.submit_button.setObjectName("factSubmit")
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        self.errors = {name: ErrorLabel() for name in FIELDS}
        for name, label in self.errors.items():
            label.setObjectName(f"{name}Error")
        self.error = ErrorLabel()
        self.error.setObjectName("factError")
        self.done_label = QLabel()
        self.done_label.setObjectName("factDone")
        self.done_label.setStyleSheet("color: #2e7d32;")
        self.done_label.setWordWrap(True)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Da&te"), self._with_error(self.fact_date, "fact_date"))
        part_box = self._with_error(self.part, "part")
        part_box.layout().addWidget(self.part_hint)
        form.addRow(self.tr("&Part"), part_box)
        form.addRow(self.tr("&Stage"), self._with_error(self.stage, "stage"))
        form.addRow(self.tr("Sh&ift"), self._with_error(self.shift, "shift"))
        form.addRow(self.tr("&Operator"), self._with_error(self.operator, "operator"))
        form.addRow(self.tr("Goo&d"), self._with_error(self.qty_good, "qty_good"))
        form.addRow(self.tr("Sc&rap"), self._with_error(self.qty_scrap, "qty_scrap"))
        form.addRow(self.tr("Co&mment"), self._with_error(self.comment, "comment"))
        # Alt+letter: every label's letter is its own and none is a menu's (File, Go, Help); English and Russian
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.submit_button)
        layout.addWidget(self.done_label)
        layout.addStretch(1)

        self.order = [self.fact_date, self.part, self.stage, self.shift, self.operator, self.qty_good,
                      self.qty_scrap, self.comment]
        for first, second in zip(self.order, self.order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.order[-1], self.submit_button)
        self.enter = EnterMovesFocus(self.order, self.submit_button, self)
        self.part.installEventFilter(self)  # after EnterMovesFocus: runs first
        # with the completer's list open (keyboard grabbed), Return reaches the field past its event filters
        self.part.returnPressed.connect(self._part_return)
        self.part.textChanged.connect(self._part_text_changed)
        self.part.editingFinished.connect(self.resolve_part)
        self.stage.currentIndexChanged.connect(self._stage_changed)
        self.fact_date.dateChanged.connect(self._date_changed)
        self.shift.activated.connect(self._shift_chosen)
        self.completer.activated.connect(lambda _text: self.resolve_part())
        self._loading_generation = 0
        if load_now:
            self.load_choices()

    # ------------------------------------------------------------------ building
    def _with_error(self, field: QWidget, name: str) -> QWidget:
        return with_error(field, self.errors[name])

    def load_choices(self) -> None:
        if self._fact is not None:
            self._ctx.call(load_parts_by_id, [self._fact.part_id], on_success=self._correction_part_loaded,
                           owner=self)
            self._ctx.call(facts_service.list_fact_operators, on_success=self._set_operators, owner=self)
        else:
            # parts arrive page by page: typing can start with the first page's codes
            self._loading_generation += 1
            self._ctx.call(facts_service.list_fact_operators, on_success=self._set_operators, owner=self)
            self._request_parts(self._loading_generation, 0, {})

    def _request_parts(self, generation: int, offset: int, collected: dict) -> None:
        self._ctx.call(load_part_page, offset, owner=self,
                       on_success=lambda page: self._part_page_loaded(generation, offset, collected, page))

    def _part_page_loaded(self, generation: int, offset: int, collected: dict, page) -> None:
        if generation != self._loading_generation:
            return  # a newer full load has started
        collected.update((part.code.lower(), part) for part in page.rows)
        more = page.has_more and bool(page.rows)
        if more:
            self._parts.update(collected)  # old codes stay usable until the last page is in
        else:
            self._parts = dict(collected)
        self._codes.setStringList(sorted(part.code for part in self._parts.values()))
        self._part_text_changed(self.part.text())
        if more:
            self._request_parts(generation, offset + len(page.rows), collected)

    def _correction_part_loaded(self, found) -> None:
        part = found[0][1]
        if part is not None:
            self._parts[part.code.lower()] = part
            self._set_part(part)

    def _set_operators(self, operators) -> None:
        actor = self._ctx.actor
        chosen = self.operator.currentData()
        if self._fact is not None and chosen is None:
            chosen = self._fact.operator_id
        elif chosen is None and self._fact is None:
            chosen = actor.user_id
        self.operator.blockSignals(True)
        self.operator.clear()
        self.operator.addItem(self.tr("(no operator)"), None)
        for person in operators:
            self.operator.addItem(person.display_name, person.id)
        if self._fact is not None and self._fact.operator_id is not None and \
                self.operator.findData(self._fact.operator_id) < 0:
            self.operator.addItem(self._fact.operator_name, self._fact.operator_id)
        position = self.operator.findData(chosen)
        self.operator.setCurrentIndex(max(position, 0))
        self.operator.blockSignals(False)
        if self._fact is None and not actor.can(Op.RECORD_FACTS_FOR_ANYONE):
            # own facts only: the operator is the signed-in user
            own = self.operator.findData(actor.user_id)
            if own < 0:
                self.operator.addItem(actor.display_name, actor.user_id)
                own = self.operator.count() - 1
            self.operator.setCurrentIndex(own)
            self.operator.setEnabled(False)

    # ------------------------------------------------------------------ parts
    def update_parts(self, found) -> None:
        """Live update: (part_id, PartDTO | None) pairs; the form's values stay."""
        if self._fact is not None:
            return
        for part_id, part in found:
            for code, known in list(self._parts.items()):
                if known.id == part_id:
                    del self._parts[code]
            if part is not None and part.status in (PartStatus.PLANNED, PartStatus.IN_PROGRESS):
                self._parts[part.code.lower()] = part
        self._codes.setStringList(sorted(part.code for part in self._parts.values()))
        if self._part is not None:
            current = self._parts.get(self._part.code.lower())
            if current is not None:
                self._part = current
                self._show_part_hint(current)

    def known_part_ids(self) -> set[int]:
        return {part.id for part in self._parts.values()}

    def _match(self, text: str):
        text = text.strip().lower()
        if not text:
            return None
        if text in self._parts:
            return self._parts[text]
        found = [part for code, part in self._parts.items() if text in code]
        return found[0] if len(found) == 1 else None

    def _part_text_changed(self, text: str) -> None:
        part = self._parts.get(text.strip().lower())
        if part is not None:
            self._set_part(part)
        elif self._part is not None:
            self._set_part(None)

    def resolve_part(self) -> None:
        """Editing finished: a unique partial code becomes the whole code."""
        if self._fact is not None:
            return
        if self._scanned_traveller():
            return
        part = self._match(self.part.text())
        if part is not None and self.part.text() != part.code:
            self.part.setText(part.code)
        if part is None and self.part.text().strip():
            self.errors["part"].show_message(self.tr("No part in work has the code '{0}'. Type a code from the "
                                                     "list.").format(self.part.text().strip()))
        elif part is not None:
            self.errors["part"].clear_message()

    def _scanned_traveller(self) -> bool:
        """A scanned label in the part field (any keyboard layout): a traveller names its part by id."""
        label = parse_label_code(self.part.text())
        if label is None:
            return False
        if label.kind != CodeKind.PART:
            self.errors["part"].show_message(self.tr("{0} is not a part traveller. Scan the traveller that goes "
                                                     "with the job, or type the part code.").format(label.payload))
            return True
        part = next((p for p in self._parts.values() if p.id == label.id), None)
        if part is None:
            self.errors["part"].show_message(self.tr("Traveller {0} is not for a part in work (done, cancelled or "
                                                     "another plant's).").format(label.payload))
            return True
        self.part.setText(part.code)
        self.errors["part"].clear_message()
        return True

    def _part_return(self) -> None:
        self.resolve_part()
        if self._part is not None:
            self.stage.setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """On the part field: Enter resolves the typed code first and stays there while it names no part."""
        if watched is self.part and self._fact is None:
            if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.completer.popup().hide()
                self.resolve_part()
                if self._part is None:
                    if not self.part.text().strip():
                        self.errors["part"].show_message(self.tr("Type the code of the part."))
                    return True
            elif event.type() == QEvent.Type.FocusOut and event.reason() != Qt.FocusReason.PopupFocusReason:
                self.resolve_part()
        return super().eventFilter(watched, event)

    def _set_part(self, part) -> None:
        if part is not None and self._part is not None and part.id == self._part.id and \
                self.stage.count() == len(part.stages):
            self._part = part
            self._show_part_hint(part)
            return
        self._part = part
        wanted = self.stage.currentData() or self.last_stage_id
        self.stage.blockSignals(True)
        self.stage.clear()
        if part is not None:
            for step in part.stages:
                self.stage.addItem(step.name, step.stage_id)
            position = self.stage.findData(wanted)
            self.stage.setCurrentIndex(max(position, 0))
            self.errors["part"].clear_message()
        self.stage.blockSignals(False)
        self._show_part_hint(part)
        self._stage_changed()

    def _show_part_hint(self, part) -> None:
        self.part_hint.setVisible(part is not None)
        if part is None:
            self.part_hint.setText("")
            return
        steps = ", ".join(f"{s.name} {s.good}" for s in part.stages)
        self.part_hint.setText(self.tr("{0} ({1}): planned {2}; good so far {3}").format(
            part.name, part.customer or "-", part.planned_qty, steps))

    # ------------------------------------------------------------------ stage and shift
    def current_step(self):
        if self._part is None:
            return None
        stage_id = self.stage.currentData()
        return next((s for s in self._part.stages if s.stage_id == stage_id), None)

    def _stage_changed(self, *_args) -> None:
        step = self.current_step()
        needs_shift = step is None or step.needs_shift
        if needs_shift:
            if self.shift.currentData() == Shift.NONE.value:
                self.shift.setCurrentIndex(self.shift.findData(self._default_shift.value))
        else:
            self.shift.setCurrentIndex(self.shift.findData(Shift.NONE.value))
        self.shift.setEnabled(needs_shift)
        self.errors["shift"].clear_message()

    def _shift_chosen(self, _index: int) -> None:
        if self.shift.currentData() != Shift.NONE.value:
            self._default_shift = Shift(self.shift.currentData())  # kept for the next facts

    def _date_changed(self, value: QDate) -> None:
        if value.toPython() > date.today():
            self.errors["fact_date"].show_message(self.tr(
                "The date {0} is in the future; facts are recorded for work already done.").format(
                value.toPython().isoformat()))
        else:
            self.errors["fact_date"].clear_message()

    # ------------------------------------------------------------------ submit
    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.error):
            label.clear_message()

    def show_error(self, error: ErpError) -> None:
        field = error.field if error.field in self.errors else None
        (self.errors[field] if field else self.error).show_message(error_text(error))
        widget = dict(zip(FIELDS, self.order, strict=True)).get(field or "")
        if widget is not None and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> dict:
        return dict(fact_date=self.fact_date.date().toPython(), shift=self.shift.currentData(),
                    operator_id=self.operator.currentData(), qty_good=self.qty_good.text().strip(),
                    qty_scrap=self.qty_scrap.text().strip(), comment=self.comment.text())

    def submit(self) -> None:
        self.clear_errors()
        self.done_label.clear()
        self.resolve_part()
        if self._part is None:
            if not self.errors["part"].text():
                self.show_error(ValidationError(self.tr("Type the code of a part in work (planned or in progress)."),
                                                field="part"))
            self.part.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        step = self.current_step()
        if step is None:
            self.show_error(ValidationError(self.tr("Choose the stage of the route."), field="stage"))
            return
        values = self.values()
        try:  # the same rules the service applies, at once and without a round trip
            check_fact(stage_name=step.name, needs_shift=step.needs_shift, qty_good=values["qty_good"],
                       qty_scrap=values["qty_scrap"], fact_date=values["fact_date"], shift=values["shift"],
                       operator_id=values["operator_id"], today=date.today())
        except ValidationError as error:
            self.show_error(error)
            return
        self.submit_button.setEnabled(False)
        if self._fact is None:
            self._ctx.call(facts_service.create_fact, part_id=self._part.id, stage_id=step.stage_id, **values,
                           on_success=self._done, on_error=self._failed, write=True, owner=self)
        else:
            self._ctx.call(facts_service.correct_fact, self._fact.id, version=self._fact.version,
                           stage_id=step.stage_id, **values, on_success=self._done, on_error=self._failed,
                           write=True, owner=self)

    def _done(self, fact) -> None:
        self.submit_button.setEnabled(True)
        self.last_stage_id = fact.stage_id
        self.recorded.emit(fact)
        if self._fact is not None:
            self._fact = fact
            return
        self.done_label.setText(self.tr("Recorded: {0} {1}, {2} good, {3} scrap.").format(
            fact.part_code, fact.stage_name, fact.qty_good, fact.qty_scrap))
        # date, shift, stage and operator stay for the next line of the paper journal
        for edit in (self.qty_good, self.qty_scrap, self.comment):
            edit.clear()
        self.part.clear()
        self.part.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, error: Exception) -> None:
        self.submit_button.setEnabled(True)
        if not isinstance(error, ErpError):
            raise error
        self.show_error(error)

    def start(self) -> None:
        """Focus where typing starts: the date of a new fact, the good quantity of a correction."""
        (self.qty_good if self._fact is not None else self.fact_date).setFocus(Qt.FocusReason.OtherFocusReason)
