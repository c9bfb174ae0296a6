"""A rotating log file in the user data dir."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from erp_desktop.config import data_dir


def setup_logging(level: int = logging.INFO) -> str:
    path = data_dir() / "erp-desktop.log"
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return str(path)
