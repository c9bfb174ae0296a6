"""Label stock in millimetres: rolls (one label per page, the page is the label) and an A4 sheet of 3x8."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True)
class LabelFormat:
    key: str  # remembered per printer
    label_w_mm: float
    label_h_mm: float
    page_w_mm: float
    page_h_mm: float
    columns: int = 1
    rows: int = 1
    left_mm: float = 0.0  # where the first label starts on the page
    top_mm: float = 0.0

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def is_roll(self) -> bool:
        return self.per_page == 1

    @property
    def title(self) -> str:
        tr = QCoreApplication.translate
        if self.is_roll:
            return tr("labels", "Roll {0} \u00d7 {1} mm").format(_mm(self.label_w_mm), _mm(self.label_h_mm))
        return tr("labels", "A4 sheet {0} \u00d7 {1} ({2} \u00d7 {3} mm)").format(
            self.columns, self.rows, _mm(self.label_w_mm), _mm(self.label_h_mm))

    def page_count(self, labels: int) -> int:
        return max(1, -(-labels // self.per_page))

    def slot_mm(self, index: int) -> tuple[float, float]:
        """Top-left corner (mm) of the index-th label on its page."""
        slot = index % self.per_page
        column, row = slot % self.columns, slot // self.columns
        return self.left_mm + column * self.label_w_mm, self.top_mm + row * self.label_h_mm


def _mm(value: float) -> str:
    return f"{value:g}"


def _roll(w: float, h: float) -> LabelFormat:
    return LabelFormat(f"roll-{w:g}x{h:g}", w, h, w, h)


FORMATS: tuple[LabelFormat, ...] = (
    _roll(58, 40),
    _roll(100, 50),
    _roll(100, 150),
    # the common 70 x 37 mm sheet (24 per A4): no side margins, 0.5 mm top and bottom
    LabelFormat("a4-3x8", 70, 37, 210, 297, columns=3, rows=8, left_mm=0, top_mm=0.5),
)
DEFAULT_FORMAT = FORMATS[0]


def format_by_key(key: str | None) -> LabelFormat:
    return next((f for f in FORMATS if f.key == key), DEFAULT_FORMAT)
