"""The Shift journal area: facts with totals, the keyboard fact form, corrections, the shift report."""

from __future__ import annotations

from erp_desktop.ui.production.journal.journal_view import JournalView


def create_view(ctx, parent=None):
    return JournalView(ctx, parent)
