"""What the embedded file's start-up check and its backups cost: PRAGMA quick_check (done at every start),
integrity_check (for comparison), an online backup (once a day at start, before upgrades) and a restore, on
the demo plant and on a big file (5,000 parts / 500,000 facts, production_data.generate).

    python tests/benchmarks/bench_sqlite_check_backup.py [--facts 500000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, when run as a script
sys.path.insert(0, str(Path(__file__).resolve().parent))

from production_data import generate  # noqa: E402

from erp_desktop.db import migrate, sqlite_file  # noqa: E402
from erp_desktop.db.engine import create_database  # noqa: E402
from erp_desktop.demo import plant as demo  # noqa: E402
from erp_desktop.services.access import connection
from erp_desktop.services.admin import backup


def _best_of(runs: int, work) -> float:
    """Milliseconds, best of ``runs`` (the file in the OS cache, as at a desktop's second start of the day)."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def _integrity_check(path: Path) -> None:
    reader = sqlite_file.connect_existing(path)
    try:
        assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        reader.close()


def measure(name: str, path: Path, runs: int) -> dict:
    checkpointed = sqlite3.connect(path)
    checkpointed.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpointed.close()
    figures = {"db": name, "size_mb": round(path.stat().st_size / 1_048_576, 1)}
    figures["quick_check_ms"] = _best_of(runs, lambda: sqlite_file.quick_check(path))
    figures["integrity_check_ms"] = _best_of(runs, lambda: _integrity_check(path))
    figures["open_database_ms"] = _best_of(runs, lambda: connection.open_database(f"sqlite:///{path}").dispose())
    target = path.parent / "bench-copy.db"
    figures["online_backup_ms"] = _best_of(runs, lambda: sqlite_file.online_backup(path, target))
    figures["restore_ms"] = _best_of(runs, lambda: backup.restore_file(path, target))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--facts", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="erp_bench_backup_"))
    results = []
    try:
        demo_path = folder / "demo.db"
        db = connection.open_database(f"sqlite:///{demo_path}")
        demo.load_demo_plant(db)
        db.dispose()
        results.append(measure("demo plant", demo_path, args.runs))
        big_path = folder / "big.db"
        db = create_database(f"sqlite:///{big_path}")
        migrate.upgrade(db)
        generated = generate(db, parts=5000, facts=args.facts)
        db.dispose()
        results.append(measure(f"{generated.parts} parts / {generated.facts} facts", big_path, args.runs))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for row in results:
        print(f"{row['db']:>32}: {row['size_mb']:7.1f} MB  quick_check {row['quick_check_ms']:8.1f} ms  "
              f"integrity_check {row['integrity_check_ms']:8.1f} ms  open {row['open_database_ms']:8.1f} ms  "
              f"backup {row['online_backup_ms']:8.1f} ms  restore {row['restore_ms']:8.1f} ms")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
