"""Labels with Code 128 and QR codes for lots, parts (travellers), products and warehouses (shelves)."""

from erp_desktop.printing.labels.content import Label, lot_label, part_label, product_label, warehouse_label
from erp_desktop.printing.labels.formats import DEFAULT_FORMAT, FORMATS, LabelFormat, format_by_key
from erp_desktop.printing.labels.render import (
    configure_label_printer,
    page_layout,
    print_labels,
    render_page_image,
    save_labels_pdf,
)

__all__ = [
    "DEFAULT_FORMAT", "FORMATS", "Label", "LabelFormat", "configure_label_printer", "format_by_key", "lot_label",
    "page_layout", "part_label", "print_labels", "product_label", "render_page_image", "save_labels_pdf",
    "warehouse_label",
]
