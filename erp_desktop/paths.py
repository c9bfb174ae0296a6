"""Where the migrations and resources are: source tree, installed package, or frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _locate(top_level: str, packaged: str) -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "erp_desktop" / packaged)
        candidates.append(Path(frozen_root) / top_level)
    candidates.append(_PACKAGE_DIR.parent / top_level)
    candidates.append(_PACKAGE_DIR / packaged)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the {top_level} folder (looked in {candidates})")


def migrations_dir() -> Path:
    return _locate("migrations", "_migrations")


def resources_dir() -> Path:
    return _locate("resources", "_resources")
