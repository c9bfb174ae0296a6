"""Label page rendering: one page of each label stock painted, as the preview, a printer and the PDF do.

    python tests/benchmarks/bench_labels.py

Target (issue 16): one label page rendered <= 100 ms. Prints the figures; the last line is one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from erp_desktop.printing.labels import FORMATS, lot_label, render_page_image, save_labels_pdf  # noqa: E402
from tests.benchmarks.timing import median_ms  # noqa: E402
from tests.ui.labels.labels_data import LOT, STEEL  # noqa: E402

TARGET_MS = 100
_SERIAL = iter(range(1, 10_000_000))


def page_of_new_lots(fmt):
    """A page of different lots: every code is new to the encoders' caches, as when printing for real."""
    return [lot_label(replace(LOT, id=next(_SERIAL)), STEEL) for _ in range(fmt.per_page)]


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication([])
    figures = {}
    with tempfile.TemporaryDirectory(prefix="erp-bench-labels-") as folder:
        for fmt in FORMATS:
            preview = median_ms(lambda f=fmt: render_page_image(f, page_of_new_lots(f), dpi=203))
            printer = median_ms(lambda f=fmt: render_page_image(f, page_of_new_lots(f), dpi=300))
            pdf = median_ms(lambda f=fmt: save_labels_pdf(Path(folder) / "page.pdf", f, page_of_new_lots(f)))
            figures[fmt.key] = {"labels_per_page": fmt.per_page, "preview_203dpi_ms": preview,
                                "page_300dpi_ms": printer, "pdf_page_ms": pdf}
            print(f"{fmt.key:12} {fmt.per_page:2} label(s)/page: preview 203 dpi {preview:6.1f} ms, "
                  f"300 dpi {printer:6.1f} ms, PDF page {pdf:6.1f} ms")
    worst = max(max(v for k, v in f.items() if k.endswith("_ms")) for f in figures.values())
    print(f"slowest page {worst:.1f} ms (target <= {TARGET_MS} ms): {'OK' if worst <= TARGET_MS else 'SLOW'}")
    del app
    print(json.dumps({"benchmark": "labels", "slowest_page_ms": worst, "target_ms": TARGET_MS,
                      "ok": worst <= TARGET_MS, "formats": figures}))


if __name__ == "__main__":
    main()
