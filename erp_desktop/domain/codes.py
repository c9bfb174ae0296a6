"""Label codes: what a printed barcode carries, and reading it back from a keyboard-wedge scanner.

A payload is one upper-case Latin prefix letter for the kind of thing, then its database id as at least
six digits: ``L000123`` is lot 123. Only digits and upper-case Latin letters, so Code 128 and QR carry it
compactly and every scanner and keyboard layout can type it.

    L  lot (a batch in one warehouse)     P  stock product
    T  part traveller (a production job)  W  warehouse (shelf label)
    D  stock document                     O  purchase order

A scanner types like a keyboard: with the Russian layout active the key that makes ``L`` makes ``Д``,
so ``L000123`` arrives as ``Д000123``. ``keys_as_latin`` maps such text back by key position
(ЙЦУКЕН -> QWERTY); digits sit on the same keys in both layouts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

ID_DIGITS = 6  # at least; a larger id simply has more digits


class CodeKind(StrEnum):
    LOT = "lot"
    PRODUCT = "product"
    PART = "part"
    WAREHOUSE = "warehouse"
    DOCUMENT = "document"
    PURCHASE_ORDER = "purchase_order"

    @property
    def prefix(self) -> str:
        return CODE_PREFIXES[self]


CODE_PREFIXES = {
    CodeKind.LOT: "L",
    CodeKind.PRODUCT: "P",
    CodeKind.PART: "T",
    CodeKind.WAREHOUSE: "W",
    CodeKind.DOCUMENT: "D",
    CodeKind.PURCHASE_ORDER: "O",
}
_KIND_BY_PREFIX = {prefix: kind for kind, prefix in CODE_PREFIXES.items()}
_PAYLOAD = re.compile(rf"([{''.join(_KIND_BY_PREFIX)}])([0-9]{{{ID_DIGITS},18}})")

# The Russian (ЙЦУКЕН) letter on each key of a US (QWERTY) keyboard, upper case; lower case follows.
_RU_KEYS = "ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ"
_US_KEYS = "`QWERTYUIOP[]ASDFGHJKL;'ZXCVBNM,."
_RU_TO_US = str.maketrans(_RU_KEYS + _RU_KEYS.lower(), _US_KEYS + _US_KEYS.lower())


@dataclass(frozen=True)
class LabelCode:
    kind: CodeKind
    id: int

    @property
    def payload(self) -> str:
        return label_payload(self.kind, self.id)


def label_payload(kind: CodeKind | str, record_id: int) -> str:
    """``label_payload("lot", 123) == "L000123"``."""
    if record_id < 0:
        raise ValueError(f"a record id is never negative: {record_id}")
    return f"{CodeKind(kind).prefix}{record_id:0{ID_DIGITS}d}"


def keys_as_latin(text: str) -> str:
    """What the same keys type on a US layout: Russian letters become the Latin letter on their key."""
    return text.translate(_RU_TO_US)


def parse_label_code(text: str) -> LabelCode | None:
    """The label code in what a scanner (or a person) typed, whatever layout and Caps Lock were active;
    None when the text is not a label code (then it may still be a SKU, lot number, document number...)."""
    match = _PAYLOAD.fullmatch(keys_as_latin((text or "").strip()).upper())
    if match is None:
        return None
    return LabelCode(_KIND_BY_PREFIX[match.group(1)], int(match.group(2)))


def looks_like_label_code_start(char: str) -> bool:
    """Whether a typed character may start a label code on any layout (a scan detector's first key)."""
    return len(char) == 1 and keys_as_latin(char).upper() in _KIND_BY_PREFIX
