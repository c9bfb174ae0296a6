"""Bundle size and start time to the sign-in window: the PyInstaller bundle and the source install.

    python packaging/build.py                    # once
    python tests/benchmarks/bench_bundle.py      # [--runs 5] [--bundle dist/erp-desktop] [--no-source]

Start time = from launching the process to the sign-in window being shown: the app prints
"startup-ready <unix time>" from its event loop when ERP_STARTUP_PROBE=1 (erp_desktop/app.py) and quits.
Each variant gets one discarded warm-up run (it creates the embedded database and fills the OS file cache),
then the median of --runs runs. Targets: bundle <= 150 MB, start <= 1.5 s. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_MB = 150.0
TARGET_START_S = 1.5


def bundle_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1_000_000


def bundle_command(folder: Path) -> list[str]:
    # the windowed erp-desktop.exe has no stdout on Windows; the console twin runs the same code
    name = "erp-desktop-cli.exe" if sys.platform == "win32" else "erp-desktop"
    return [str(folder / name)]


def start_time(command: list[str], data_dir: Path, timeout: float = 60.0) -> float:
    env = dict(os.environ, ERP_STARTUP_PROBE="1", ERP_DATA_DIR=str(data_dir))
    env.pop("ERP_DATABASE_URL", None)
    if sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        while True:
            try:
                line = lines.get(timeout=max(0.0, started + timeout - time.time()))
            except queue.Empty:
                raise RuntimeError(f"{command[0]} did not report startup-ready within {timeout:.0f} s "
                                   "(built before the ERP_STARTUP_PROBE hook? rebuild the bundle)") from None
            if line.startswith("startup-ready"):
                parts = line.split()
                ready = float(parts[1]) if len(parts) > 1 else time.time()
                return ready - started
    finally:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def measure(label: str, command: list[str], runs: int) -> float:
    with tempfile.TemporaryDirectory(prefix="erp-bench-") as folder:
        warm_up = start_time(command, Path(folder))
        times = [start_time(command, Path(folder)) for _ in range(runs)]
    median = statistics.median(times)
    print(f"{label}: start to sign-in window {median:.3f} s median of {runs} "
          f"(runs {', '.join(f'{t:.3f}' for t in times)}; warm-up {warm_up:.3f} s)")
    return median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="bundle size and start time")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "erp-desktop")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-source", action="store_true", help="skip the source install for comparison")
    args = parser.parse_args(argv)

    result: dict[str, object] = {"benchmark": "bundle", "platform": platform.system(), "runs": args.runs,
                                 "target_mb": TARGET_MB, "target_start_s": TARGET_START_S}
    if not args.bundle.is_dir():
        print(f"no bundle at {args.bundle}; build it with: python packaging/build.py", file=sys.stderr)
        return 2
    size = bundle_size_mb(args.bundle)
    print(f"bundle {args.bundle}: {size:.1f} MB (target <= {TARGET_MB:.0f} MB)")
    result["bundle_mb"] = round(size, 1)
    result["bundle_start_s"] = round(measure("bundle", bundle_command(args.bundle), args.runs), 3)
    if not args.no_source:
        result["source_start_s"] = round(measure("source", [sys.executable, "-m", "erp_desktop"], args.runs), 3)
    result["within_targets"] = size <= TARGET_MB and result["bundle_start_s"] <= TARGET_START_S
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
