"""The stage catalogue editor (technologist, admin), reached from the Parts toolbar."""

from erp_desktop.ui.production.stages.stages_dialog import StagesDialog

__all__ = ["StagesDialog"]
