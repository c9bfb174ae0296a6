"""ZPL II for Zebra printers: one block per label at the roll's size in dots, the printer's own Code 128 and QR
code with the label's payload, control characters escaped; saved from the label dialog (rolls only)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QFileDialog

from erp_desktop.printing.labels import format_by_key, lot_label, product_label
from erp_desktop.printing.labels.content import Label
from erp_desktop.printing.labels.zpl import label_zpl, labels_zpl
from erp_desktop.ui.labels.print_dialog import LabelPrintDialog
from tests.ui.labels.labels_data import LOT, STEEL


def test_lot_label_in_zpl_is_58_by_40_mm_with_both_codes(qapp):
    zpl = label_zpl(lot_label(LOT, STEEL), format_by_key("roll-58x40"))
    assert zpl.startswith("^XA") and zpl.rstrip().endswith("^XZ") and "^CI28" in zpl
    assert "^PW464" in zpl and "^LL320" in zpl  # 58 x 40 mm at 203 dpi
    assert re.search(r"\^BCN,\d+,Y,N,N\^FH\^FDL000123\^FS", zpl)
    assert "^BQN,2," in zpl and "^FDQA,L000123^FS" in zpl
    assert "HEAT-2231" in zpl
    fields = re.findall(r"\^FO(\d+),(\d+)", zpl)
    assert all(0 <= int(x) < 464 and 0 <= int(y) < 320 for x, y in fields)


def test_zpl_escapes_control_characters_and_refuses_sheets(qapp):
    label = Label("P000007", "A^B~C_D", (("Name", "x^y"),))
    zpl = label_zpl(label, format_by_key("roll-100x50"), dpi=300)
    assert "A_5EB_7EC_5FD" in zpl and "x_5Ey" in zpl and "^PW1181" in zpl
    assert labels_zpl([label, label], format_by_key("roll-100x50")).count("^XA") == 2
    with pytest.raises(ValueError):
        labels_zpl([label], format_by_key("a4-3x8"))


def test_label_dialog_saves_zpl_for_rolls_only(qtbot, tmp_path, monkeypatch):
    dialog = LabelPrintDialog([product_label(STEEL)] * 2, "Labels")
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("a4-3x8"))
    assert not dialog.zpl_button.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("roll-100x50"))
    assert dialog.zpl_button.isEnabled()
    path = tmp_path / "labels.zpl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    assert dialog.save_zpl() == path
    assert path.read_text(encoding="utf-8").count("^XA") == 2
