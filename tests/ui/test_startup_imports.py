"""The way to the sign-in window stays light: importing the app (what runs before the window shows) must
not pull in the database stack or the charts; they load on the runner's thread and after sign-in."""

from __future__ import annotations

import subprocess
import sys

THIRD_PARTY = ("sqlalchemy", "alembic", "psycopg", "bcrypt", "pyqtgraph", "numpy")
# The signed-in user's frozen dataclass is the one piece of the services the sign-in window needs.
LIGHT = {"erp_desktop.services", "erp_desktop.services.actor"}


def _is_heavy(module: str) -> bool:
    if module.split(".")[0] in THIRD_PARTY:
        return True
    return module.startswith(("erp_desktop.services", "erp_desktop.db", "erp_desktop.printing")) and module not in LIGHT


def test_importing_the_app_loads_no_database_stack_or_charts():
    code = "import sys, erp_desktop.app; print(' '.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert [m for m in loaded if _is_heavy(m)] == []


def test_the_check_sees_a_heavy_import():
    code = "import sys, erp_desktop.app, erp_desktop.services.uow; print(' '.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "sqlalchemy" in [m for m in loaded if _is_heavy(m)]
