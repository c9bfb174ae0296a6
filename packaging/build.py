"""Builds the one-folder bundle dist/erp-desktop/ from packaging/erp_desktop.spec and checks what it carries.

    python packaging/build.py            # incremental (PyInstaller's cache in build/)
    python packaging/build.py --clean    # from scratch

Works the same on Windows and Linux (pathlib only). Exit code 0 when the bundle is complete.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import check_icu  # siblings of this script (packaging/ is not a package: `packaging` is a PyPI name)
import icu_data

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "erp_desktop.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "erp-desktop"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def bundle_size_mb(folder: Path = BUNDLE) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1_000_000


def executables(folder: Path = BUNDLE) -> dict[str, Path]:
    names = ("erp-desktop", "erp-desktop-cli") if sys.platform == "win32" else ("erp-desktop",)
    return {name: folder / f"{name}{EXE_SUFFIX}" for name in names}


def missing_parts(folder: Path = BUNDLE) -> list[str]:
    """What the frozen app needs at run time (see erp_desktop/paths.py) but the bundle lacks."""
    internal = folder / "_internal"
    package = internal / "erp_desktop"
    required = [
        *executables(folder).values(),
        package / "_migrations" / "env.py",
        package / "_migrations" / "script.py.mako",
        package / "_resources" / "style.qss",
        package / "_resources" / "icons" / "app.png",
    ]
    problems = [str(path.relative_to(folder)) for path in required if not path.exists()]
    versions = sorted((package / "_migrations" / "versions").glob("*.py"))
    if not [v for v in versions if v.name != "__init__.py"]:
        problems.append("_internal/erp_desktop/_migrations/versions/*.py")
    return problems


def strip_libraries(folder: Path = BUNDLE) -> None:
    """Linux: drop debug symbols, except from libraries that auditwheel vendored into `*.libs` folders
    (stripping numpy's OpenBLAS breaks it: "ELF load command address/offset not page-aligned")."""
    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return
    for library in (folder / "_internal").rglob("*.so*"):
        if library.is_file() and not library.is_symlink() and not any(p.endswith(".libs") for p in library.parts):
            subprocess.run(["strip", "--strip-unneeded", str(library)], check=False, capture_output=True)


def trim_icu(folder: Path = BUNDLE) -> list[str]:
    """Linux: Qt's ICU data library (32 MB) reduced to the data this app's Qt uses (see icu_data.py), then checked
    with Qt (check_icu.py). Windows: nothing to do, Qt uses the system's ICU there. Returns the problems found."""
    if not sys.platform.startswith("linux"):
        return []
    try:
        results = icu_data.trim_bundle(folder / "_internal")
    except icu_data.IcuTrimError as error:
        return [f"trimming Qt's ICU data failed: {error}"]
    found = []
    for result in results:
        problems = check_icu.check(result.library)
        print(f"{result}; Qt check (collation, case, time zones, encodings): {'FAILED' if problems else 'ok'}")
        found += problems
    return found


def build(clean: bool = False) -> int:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    if clean:
        command.insert(3, "--clean")
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        print(f"build failed (PyInstaller exit code {result.returncode})", file=sys.stderr)
        return result.returncode
    problems = trim_icu()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    strip_libraries()
    problems = missing_parts()
    if problems:
        print("the bundle lacks: " + ", ".join(problems), file=sys.stderr)
        return 1
    print(f"bundle {BUNDLE} built in {elapsed:.0f} s, {bundle_size_mb():.1f} MB")
    for name, path in executables().items():
        print(f"  {name}: {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache and build from scratch")
    return build(clean=parser.parse_args(argv).clean)


if __name__ == "__main__":
    raise SystemExit(main())
