"""The app's translations: Qt Linguist sources resources/translations/erp_desktop_<lang>.ts, compiled to .qm.

    python packaging/translations.py update    # pyside6-lupdate over erp_desktop/ (new strings come in
                                               # unfinished; translate them in Qt Linguist or the .ts itself)
    python packaging/translations.py release   # pyside6-lrelease: the .qm files the app loads and ships

What lupdate sees: ``self.tr("...")`` in QObject classes (context: the class), ``translate("ctx", "...")``
(``translate = QCoreApplication.translate``) elsewhere, and ``QT_TRANSLATE_NOOP("ctx", "...")`` (from
erp_desktop.errors, Qt-free) for texts services and domain hand to the UI (context "errors" for message
templates, "enums" for enum labels). Plurals: ``self.tr("%n lot(s)", "", n)``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ru",)


def _tool(name: str) -> str:
    """pyside6-<name> from PATH, else the binary inside the PySide6 package (PySide6-Essentials ships it)."""
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6

    return str(Path(PySide6.__file__).parent / name)


def sources(root: Path = ROOT) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in (root / "erp_desktop").rglob("*.py"))


def lupdate(ts_file: Path, *, root: Path = ROOT, no_obsolete: bool = True) -> str:
    """Extracts every translatable text of erp_desktop/ into ts_file (kept translations stay); lupdate's report."""
    args = [_tool("lupdate"), "-locations", "none", *(["-no-obsolete"] if no_obsolete else []),
            *sources(root), "-ts", str(ts_file)]
    return subprocess.run(args, cwd=root, check=True, capture_output=True, text=True).stdout


def lrelease(ts_file: Path, qm_file: Path) -> str:
    args = [_tool("lrelease"), str(ts_file), "-qm", str(qm_file)]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"erp_desktop_{language}.ts"
        if command == "update":
            print(lupdate(ts_file))
        elif command == "release":
            print(lrelease(ts_file, ts_file.with_suffix(".qm")))
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
