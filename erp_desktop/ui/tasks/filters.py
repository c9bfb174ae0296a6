"""The board's filters: what the user chose, the same test in Python for cards a live update brings,
and the bar of widgets that edits them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from erp_desktop.domain.roles import Role
from erp_desktop.domain.tasks import Category, TaskStatus
from erp_desktop.printing.values import label_text
from erp_desktop.services.actor import Actor
from erp_desktop.services.tasks.board import DONE_DAYS, TaskCard

DONE_CHOICES = (14, 30, 90, None)


@dataclass(frozen=True)
class BoardFilters:
    mine: bool = False
    my_role: bool = False
    blockers_only: bool = False
    overdue: bool = False
    category: Category | None = None
    part_id: int | None = None
    text: str = ""
    done_days: int | None = DONE_DAYS

    def service_kwargs(self) -> dict:
        """Keyword arguments for services.tasks.list_board."""
        return asdict(self)

    def matches(self, card: TaskCard, actor: Actor, *, shown: bool = False, now: datetime | None = None) -> bool:
        """Whether list_board would show this card. ``shown``: it is on the board already (a text match
        may have been on the description, which cards do not carry)."""
        if card.status == TaskStatus.CANCELLED:
            return False
        if card.status == TaskStatus.DONE and self.done_days is not None:
            now = now or datetime.now(UTC)
            if card.done_at is None or card.done_at < now - timedelta(days=self.done_days):
                return False
        whose = []
        if self.mine:
            whose.append(card.assignee_user_id == actor.user_id)
        if self.my_role:
            whose.append(card.assignee_role == Role(actor.role))
        if whose and not any(whose):
            return False
        if self.blockers_only and not card.is_blocker:
            return False
        if self.overdue and not card.is_overdue:
            return False
        if self.category is not None and card.category != self.category:
            return False
        if self.part_id is not None and card.part_id != self.part_id:
            return False
        text = self.text.strip()
        if text and not shown:
            number = text.lstrip("#")
            if text.casefold() not in card.title.casefold() and not (number.isdigit() and int(number) == card.id):
                return False
        return True

    @property
    def any_active(self) -> bool:
        return self != BoardFilters(done_days=self.done_days)


class FilterBar(QWidget):
    """Mine, my role, blockers only, overdue, category, part, free text, how far back done goes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("taskFilters")
        self.mine = QCheckBox(self.tr("&Mine"))
        self.mine.setObjectName("filterMine")
        self.my_role = QCheckBox(self.tr("My &role"))
        self.my_role.setObjectName("filterMyRole")
        self.blockers = QCheckBox(self.tr("&Blockers"))
        self.blockers.setObjectName("filterBlockers")
        self.overdue = QCheckBox(self.tr("O&verdue"))
        self.overdue.setObjectName("filterOverdue")
        self.category = QComboBox()
        self.category.setObjectName("filterCategory")
        self.category.addItem(self.tr("All categories"), None)
        for category in Category:
            self.category.addItem(label_text(category.label), category.value)
        self.part = QComboBox()
        self.part.setObjectName("filterPart")
        self.part.setMinimumContentsLength(10)
        self.part.addItem(self.tr("All parts"), None)
        self.done = QComboBox()
        self.done.setObjectName("filterDone")
        for days in DONE_CHOICES:
            self.done.addItem(self.tr("Done: last {0} days").format(days) if days else self.tr("Done: all"), days)
        self.text = QLineEdit()
        self.text.setObjectName("filterText")
        self.text.setPlaceholderText(self.tr("Search title, description or #number (Ctrl+F)"))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(200)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.changed)
        self.text.textChanged.connect(lambda _text: self._typing.start())
        self.text.returnPressed.connect(self._typed)
        for box in (self.mine, self.my_role, self.blockers, self.overdue):
            box.toggled.connect(lambda _on: self.changed.emit())
        for combo in (self.category, self.part, self.done):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(QLabel(self.tr("Show:")))
        for widget in (self.mine, self.my_role, self.blockers, self.overdue, self.category, self.part, self.done):
            layout.addWidget(widget)
        for box in (self.mine, self.my_role, self.blockers, self.overdue):
            box.setMinimumWidth(box.sizeHint().width())  # never cut (the Russian labels are longer)
        for combo in (self.category, self.done):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(self.text, 1)

    def _typed(self) -> None:
        if self._typing.isActive():
            self._typing.stop()
            self.changed.emit()

    def filters(self) -> BoardFilters:
        category = self.category.currentData()
        return BoardFilters(
            mine=self.mine.isChecked(),
            my_role=self.my_role.isChecked(),
            blockers_only=self.blockers.isChecked(),
            overdue=self.overdue.isChecked(),
            category=Category(category) if category else None,
            part_id=self.part.currentData(),
            text=self.text.text().strip(),
            done_days=self.done.currentData(),
        )

    def set_parts(self, parts: list[tuple[int, str]]) -> None:
        """(id, code) pairs; the chosen part stays chosen."""
        chosen = self.part.currentData()
        self.part.blockSignals(True)
        self.part.clear()
        self.part.addItem(self.tr("All parts"), None)
        for part_id, code in parts:
            self.part.addItem(code, part_id)
        position = self.part.findData(chosen) if chosen is not None else 0
        self.part.setCurrentIndex(max(0, position))
        self.part.blockSignals(False)
        if chosen is not None and position < 0:
            self.changed.emit()
