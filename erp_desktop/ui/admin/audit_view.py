"""The audit log: newest first, filtered in SQL, fetched in keyset pages as the table scrolls; each entry's
before/after as field changes (``role: viewer -> qc``); F5 and every change another desktop or this one makes
reload it (a live change only while the first page is in view, so reading further down is not disturbed)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain.audit import changes_text
from erp_desktop.services.admin import audit as audit_service
from erp_desktop.services.admin import users as users_service
from erp_desktop.ui.formatting import date_edit_format, fmt_datetime
from erp_desktop.ui.table_model import Column, KeysetTableModel, Page
from erp_desktop.ui.tables import setup_table


class AuditView(QWidget):
    PAGE = 200

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("auditView")
        self._ctx = ctx
        self._entities = {
            "user": self.tr("user"), "session": self.tr("session"), "sign_in": self.tr("sign-in"),
            "stage": self.tr("stage"), "part": self.tr("part"), "fact": self.tr("fact"), "task": self.tr("task"),
            "product": self.tr("product"), "warehouse": self.tr("warehouse"), "supplier": self.tr("supplier"),
            "lot": self.tr("lot"), "stock_document": self.tr("stock document"), "reservation": self.tr("reservation"),
            "settings": self.tr("settings"), "organization": self.tr("organisation"), "bom": self.tr("BOM"),
            "purchase_order": self.tr("purchase order"), "supplier_product": self.tr("supplier terms"),
            "product_tolerance": self.tr("tolerance"), "purchasing_settings": self.tr("purchasing settings"),
        }
        self._actions = {
            "create": self.tr("created"), "update": self.tr("changed"), "delete": self.tr("deleted"),
            "remove": self.tr("removed"), "activate": self.tr("activated"), "deactivate": self.tr("deactivated"),
            "cancel": self.tr("cancelled"), "reopen": self.tr("reopened"), "correct": self.tr("corrected"),
            "comment": self.tr("commented"), "failed": self.tr("failed"), "locked": self.tr("locked out"),
            "sign_in": self.tr("signed in"), "sign_out": self.tr("signed out"), "end": self.tr("ended"),
            "unlock_failed": self.tr("wrong password at unlock"), "change_password": self.tr("password changed"),
            "reset_password": self.tr("password reset"), "create_admin": self.tr("administrator created"),
            "row_insert": self.tr("row inserted"), "row_update": self.tr("row updated"),
            "row_delete": self.tr("row deleted"),
            # stock documents: the kind of document recorded
            "receipt": self.tr("receipt"), "issue": self.tr("issue"), "transfer": self.tr("transfer"),
            "adjustment": self.tr("adjustment"), "quality": self.tr("quality decision"),
            "reservation": self.tr("reservation"), "release": self.tr("reservation released"),
            "return": self.tr("returned from a part"), "output": self.tr("output posted"),
            "supplier_return": self.tr("returned to the supplier"),
            # task moves
            "accept": self.tr("accepted"), "start": self.tr("started"), "send_to_review": self.tr("sent to review"),
            "approve": self.tr("approved"), "send_back": self.tr("sent back"), "edit": self.tr("edited"),
            # purchasing, materials, the demo
            "created": self.tr("created"), "send": self.tr("sent"), "close": self.tr("closed"),
            "received": self.tr("received"), "returned": self.tr("returned"), "set_bom": self.tr("BOM set"),
            "unlock": self.tr("unlocked"), "demo_loaded": self.tr("demo plant loaded"),
        }
        columns = [
            Column(self.tr("When"), lambda e: e.at, text=fmt_datetime),
            Column(self.tr("User"), self._user_text),
            Column(self.tr("Record"), lambda e: self._entities.get(e.entity, e.entity)),
            Column(self.tr("Id"), lambda e: e.entity_id, align_right=True),
            Column(self.tr("Action"), lambda e: self._actions.get(e.action, e.action)),
            Column(self.tr("Changes"), lambda e: changes_text(e.before, e.after)),
        ]
        self.model = KeysetTableModel(columns, ctx.runner, self._fetcher(), self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        setup_table(self.table)
        for column, width in enumerate((130, 150, 90, 60, 110)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.user = QComboBox()
        self.user.setObjectName("auditUser")
        self.user.addItem(self.tr("All users"), None)
        self.entity = QComboBox()
        self.entity.setObjectName("auditEntity")
        self.entity.addItem(self.tr("All records"), None)
        for entity in audit_service.ENTITIES:
            self.entity.addItem(self._entities.get(entity, entity), entity)
        self.row_changes = QCheckBox(self.tr("Row changes"))
        self.row_changes.setObjectName("auditRowChanges")
        self.row_changes.setToolTip(self.tr("Also the server's own entry for every row a desktop changed, which shows "
                                       "changes made outside the app too (shared server only)"))
        self.row_changes.toggled.connect(self.apply_filters)
        self.use_dates = QCheckBox(self.tr("From"))
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
        apply_button = QPushButton(self.tr("Apply"))
        apply_button.clicked.connect(self.apply_filters)
        for combo in (self.user, self.entity):
            combo.currentIndexChanged.connect(self.apply_filters)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("User")))
        bar.addWidget(self.user)
        bar.addWidget(QLabel(self.tr("Record")))
        bar.addWidget(self.entity)
        bar.addWidget(self.row_changes)
        bar.addWidget(self.use_dates)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.date_to)
        bar.addWidget(apply_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        ctx.call(users_service.list_users, on_success=self._users_loaded, owner=self)
        self._reload_soon = QTimer(self)  # a burst of changes reloads once
        self._reload_soon.setSingleShot(True)
        self._reload_soon.setInterval(300)
        self._reload_soon.timeout.connect(self.model.reload)
        ctx.changes.changed.connect(self._on_change)
        self.model.reload()

    def _user_text(self, entry) -> str:
        if entry.username or not entry.typed_name:
            return entry.username
        return self.tr("{0} (no such user)").format(entry.typed_name)

    def _on_change(self, topic: str, _ids: list) -> None:
        """Every change writes an audit entry: reload on F5 ("*"), and on a change while the newest rows are
        in view."""
        if topic == "*" or self.table.verticalScrollBar().value() == 0:
            self._reload_soon.start()

    def _users_loaded(self, users) -> None:
        for user in users:
            self.user.addItem(user.display_name, user.id)

    def apply_filters(self) -> None:
        self.model.set_fetcher(self._fetcher())

    def _fetcher(self):
        """Reads the filter widgets now, on the GUI thread; the returned function runs on a worker."""
        dates = self.use_dates.isChecked() if hasattr(self, "use_dates") else False
        filters = dict(
            user_id=self.user.currentData() if hasattr(self, "user") else None,
            entity=self.entity.currentData() if hasattr(self, "entity") else None,
            date_from=self.date_from.date().toPython() if dates else None,
            date_to=self.date_to.date().toPython() if dates else None,
            row_changes=self.row_changes.isChecked() if hasattr(self, "row_changes") else False,
        )
        ctx, limit = self._ctx, self.PAGE

        def fetch(cursor) -> Page:
            db, actor = ctx.db, ctx.actor  # the actor of now: a new session after signing in again
            page = audit_service.list_audit(db, actor, after=cursor, limit=limit, **filters)
            last = page.rows[-1] if page.rows else None
            return Page(page.rows, page.has_more, (last.at, last.id) if last else cursor)

        return fetch
