"""Labels on paper: exact page sizes in the PDF, and the barcodes a scanner would read are really on the
rendered page (read back from the PDF rendered by PDFium and compared with the encoders' patterns)."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest
import segno
from barcode import Code128

from erp_desktop.errors import ErpError
from erp_desktop.printing.labels import (
    FORMATS,
    format_by_key,
    lot_label,
    part_label,
    product_label,
    render_page_image,
    save_labels_pdf,
    warehouse_label,
)
from erp_desktop.printing.labels.barcodes import QR_MASK
from tests.ui.labels.labels_data import LOT, PART, STEEL, WAREHOUSE

MM_PER_POINT = 25.4 / 72
RENDER_DPI = 600


def _pages(path) -> list[np.ndarray]:
    """Each page rendered by PDFium as a grey image (0 black .. 255 white), rows top to bottom."""
    pdf = pdfium.PdfDocument(str(path))
    pages = []
    for page in pdf:
        bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
        pages.append(bitmap.to_numpy().reshape(bitmap.height, bitmap.width).copy())
    pdf.close()
    return pages


def _page_sizes_mm(path) -> list[tuple[float, float]]:
    pdf = pdfium.PdfDocument(str(path))
    sizes = [(w * MM_PER_POINT, h * MM_PER_POINT) for w, h in (page.get_size() for page in pdf)]
    pdf.close()
    return sizes


def _modules_in_row(row: np.ndarray) -> str:
    """The 1/0 module string of the bars crossing one pixel row (narrowest bar or space = one module)."""
    dark = row < 128
    columns = np.flatnonzero(dark)
    dark = dark[columns[0]:columns[-1] + 1]
    runs, current, length = [], dark[0], 0
    for value in dark:
        if value == current:
            length += 1
        else:
            runs.append((current, length))
            current, length = value, 1
    runs.append((current, length))
    module = min(length for _, length in runs)
    return "".join(("1" if is_dark else "0") * round(length / module) for is_dark, length in runs)


def _barcode_row(page: np.ndarray) -> np.ndarray:
    """The most inked pixel row in the lower part of the page: through the Code 128's bars (text rows
    carry far less ink)."""
    lower = page[page.shape[0] * 6 // 10:]
    return lower[int(np.argmax((lower < 128).sum(axis=1)))]


def _qr_matrix(region: np.ndarray, size: int) -> list[list[bool]]:
    """The QR symbol found in ``region`` sampled at its modules' centres."""
    rows, cols = np.nonzero(region < 128)
    top, left = rows.min(), cols.min()
    module = (cols.max() - left + 1) / size
    return [[bool(region[int(top + (y + 0.5) * module), int(left + (x + 0.5) * module)] < 128)
             for x in range(size)] for y in range(size)]


def test_lot_label_pdf_is_58_by_40_mm_with_readable_code128_and_qr(tmp_path, qapp):
    path = tmp_path / "lot.pdf"
    save_labels_pdf(path, format_by_key("roll-58x40"), [lot_label(LOT, STEEL)])
    ((width, height),) = _page_sizes_mm(path)
    assert width == pytest.approx(58, abs=0.5) and height == pytest.approx(40, abs=0.5)
    (page,) = _pages(path)
    assert _modules_in_row(_barcode_row(page)) == Code128("L000123").build()[0]
    expected = [[bool(m) for m in row] for row in segno.make_qr("L000123", error="m", boost_error=False,
                                                                            mask=QR_MASK).matrix]
    upper_right = page[: page.shape[0] * 6 // 10, page.shape[1] * 6 // 10:]
    assert _qr_matrix(upper_right, len(expected)) == expected


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.key)
def test_every_format_prints_at_its_page_size(tmp_path, qapp, fmt):
    path = tmp_path / f"{fmt.key}.pdf"
    labels = [product_label(STEEL)] * (fmt.per_page + 1)
    save_labels_pdf(path, fmt, labels)
    sizes = _page_sizes_mm(path)
    assert len(sizes) == fmt.page_count(len(labels)) == 2
    for width, height in sizes:
        assert width == pytest.approx(fmt.page_w_mm, abs=0.5) and height == pytest.approx(fmt.page_h_mm, abs=0.5)


def test_a4_sheet_puts_24_labels_in_a_3_by_8_grid(tmp_path, qapp):
    fmt = format_by_key("a4-3x8")
    path = tmp_path / "sheet.pdf"
    save_labels_pdf(path, fmt, [warehouse_label(WAREHOUSE)] * 24)
    (page,) = _pages(path)
    px_per_mm = RENDER_DPI / 25.4
    inked = [[(page[int((0.5 + row * 37) * px_per_mm):int((0.5 + (row + 1) * 37) * px_per_mm),
                    int(column * 70 * px_per_mm):int((column + 1) * 70 * px_per_mm)] < 128).any()
              for column in range(3)] for row in range(8)]
    assert all(all(row) for row in inked)


def test_label_texts_say_what_the_thing_is():
    lot = lot_label(LOT, STEEL)
    assert lot.payload == "L000123" and lot.title == "ST-40X-D40 \u2014 40X steel round bar"
    assert dict(lot.lines) == {"Lot": "HEAT-2231", "Grade, size": "40X d40", "Received": "2026-03-01",
                               "Quantity": "125.500 kg", "Quality": "Approved", "Certificate": "CERT-5531",
                               "Supplier": "Steel Trade LLC"}
    part = part_label(PART)
    assert part.payload == "T000045" and dict(part.lines)["Deadline"] == "2026-06-30"
    assert product_label(STEEL).payload == "P000007" and warehouse_label(WAREHOUSE).payload == "W000003"


def test_preview_image_is_the_page_at_printer_resolution(qapp):
    image = render_page_image(format_by_key("roll-58x40"), [lot_label(LOT, STEEL)], dpi=203)
    assert (image.width(), image.height()) == (round(58 * 203 / 25.4), round(40 * 203 / 25.4))


def test_nothing_to_print_is_refused(tmp_path, qapp):
    with pytest.raises(ErpError, match="at least one"):
        save_labels_pdf(tmp_path / "none.pdf", format_by_key("roll-58x40"), [])
