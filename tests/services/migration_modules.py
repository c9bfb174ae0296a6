"""A migration file as a module, for tests that need its DDL (Alembic loads them by path, not by import)."""

from __future__ import annotations

import importlib.util

from erp_desktop.paths import migrations_dir


def migration_module(filename: str):
    path = migrations_dir() / "versions" / filename
    spec = importlib.util.spec_from_file_location(f"erp_migration_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
