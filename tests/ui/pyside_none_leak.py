"""PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None on every call of a
void Qt method; after a few thousand calls CPython aborts ("none_dealloc"). Python 3.12+ is
immune (None is immortal) and 6.11.3 does not leak. Until the dependency is pinned, tests
that make many Qt calls (reports, exports) give None a huge reference count first.
"""

from __future__ import annotations

import ctypes
import sys


def pyside_leaks_none() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def guard_none_refcount() -> None:
    if sys.version_info < (3, 12) and pyside_leaks_none():
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
