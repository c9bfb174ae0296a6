"""Reports as QTextDocument: preview, print, PDF."""

from erp_desktop.printing.render import configure_printer, page_layout, print_report, render, save_pdf
from erp_desktop.printing.report import Report
from erp_desktop.printing.values import format_value

__all__ = ["Report", "configure_printer", "format_value", "page_layout", "print_report", "render", "save_pdf"]
