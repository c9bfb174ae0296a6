"""The import wizard (File > Import...)."""

from erp_desktop.ui.imports.wizard import ImportDialog, may_import, open_import, sample_file

__all__ = ["ImportDialog", "may_import", "open_import", "sample_file"]
