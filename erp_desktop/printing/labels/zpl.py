"""ZPL II for Zebra label printers (optional output beside Qt printing): the same labels, laid out in printer dots.

One ``^XA ... ^XZ`` block per label, for roll stock only (a sheet of A4 labels goes through Qt). The printer draws
the Code 128 (``^BC``) and the QR code (``^BQ``) itself from the payload, so nothing is rasterised and the size is
exact at the printer's resolution. Text is UTF-8 (``^CI28``); field data escape ``^``, ``~`` and ``_`` as hex
(``^FH``). Cyrillic prints with the printer's scalable font 0 on printers that have a Unicode font (most current
Zebra models); others print what their font has.
"""

from __future__ import annotations

from collections.abc import Sequence

from erp_desktop.printing.labels.content import Label
from erp_desktop.printing.labels.formats import LabelFormat

DEFAULT_DPI = 203  # 8 dots/mm, the common thermal head; 300 dpi heads: pass dpi=300
_MARGIN_MM = 2.0


def _dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / 25.4)


def _field(text: str) -> str:
    """Field data with ZPL's control characters hex-escaped (used with ^FH, '_' as the escape)."""
    escaped = []
    for ch in text:
        if ch in "^~_":
            escaped.append(f"_{ord(ch):02X}")
        elif ch in "\r\n":
            escaped.append(" ")
        else:
            escaped.append(ch)
    return "^FH^FD" + "".join(escaped) + "^FS"


def _fit(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(1, chars - 1)] + "\u2026"


def label_zpl(label: Label, fmt: LabelFormat, dpi: int = DEFAULT_DPI) -> str:
    """One label as a ZPL block sized to ``fmt`` (a roll): title, caption/value lines, QR code at the right,
    Code 128 along the bottom."""
    width, height = _dots(fmt.label_w_mm, dpi), _dots(fmt.label_h_mm, dpi)
    margin = _dots(_MARGIN_MM, dpi)
    title_h = max(_dots(3.2, dpi), 18)
    line_h = max(_dots(2.5, dpi), 14)
    bar_h = max(_dots(min(10.0, fmt.label_h_mm * 0.2), dpi), 30)
    text_bottom = height - margin - bar_h - _dots(3.5, dpi)  # the bar code and its human-readable line below
    qr_mag = max(2, min(10, round((text_bottom - margin) / 29)))  # a short payload is QR version 1-2 (21-25 modules)
    qr_w = qr_mag * 25 + _dots(2, dpi)
    text_w = width - 2 * margin - qr_w
    out = ["^XA", "^CI28", f"^PW{width}", f"^LL{height}", "^LH0,0"]
    y = margin
    out.append(f"^FO{margin},{y}^A0N,{title_h},{title_h}^FB{text_w},1,0,L,0"
               + _field(_fit(label.title, max(4, text_w * 2 // title_h))))
    y += title_h + _dots(1, dpi)
    for caption, value in label.lines:
        if y + line_h > text_bottom:
            break
        out.append(f"^FO{margin},{y}^A0N,{line_h},{line_h}^FB{text_w},1,0,L,0"
                   + _field(_fit(f"{caption}: {value}", max(4, text_w * 2 // line_h))))
        y += line_h + 2
    out.append(f"^FO{width - margin - qr_w + _dots(2, dpi)},{margin}^BQN,2,{qr_mag}" + _field("QA," + label.payload))
    module = max(1, min(4, (width - 2 * margin) // (11 * (len(label.payload) + 3) + 35)))
    out.append(f"^BY{module},3,{bar_h}")
    out.append(f"^FO{margin},{height - margin - bar_h - _dots(3.5, dpi)}^BCN,{bar_h},Y,N,N" + _field(label.payload))
    out.append("^PQ1")
    out.append("^XZ")
    return "\n".join(out) + "\n"


def labels_zpl(labels: Sequence[Label], fmt: LabelFormat, dpi: int = DEFAULT_DPI) -> str:
    """Every label as its own ZPL block, ready to save as a .zpl file or send to the printer raw."""
    if not fmt.is_roll:
        raise ValueError("ZPL is for label rolls; print a sheet of labels through the printer dialog")
    return "".join(label_zpl(label, fmt, dpi) for label in labels)
