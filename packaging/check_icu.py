"""Linux: checks that Qt still does its ICU work with a given (reduced) ICU data library.

    python packaging/check_icu.py                      # the bundle's dist/erp-desktop/.../libicudata.so.*
    python packaging/check_icu.py path/libicudata.so.73

Runs PySide6 from this Python in a child process whose loader picks the given libicudata.so.NN first
(LD_LIBRARY_PATH holds only that library), and checks: QCollator sorting for ru (Cyrillic before Latin, ё after е)
and en (Latin first) and its numeric mode, locale-aware upper/lower case, ru dates and numbers, QTimeZone for
Europe/Moscow with its ru/en display names, and the Cyrillic and Latin-1 encodings. About half a second.
build.py runs it on the bundle after trimming; tests/bundle/test_icu_data.py on a freshly reduced library.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_QT_LIB = ROOT / "dist" / "erp-desktop" / "_internal" / "PySide6" / "Qt" / "lib"
WORDS = ["яблоко", "ёж", "жук", "еда", "Apple", "banana", "арбуз", "Zebra", "item10", "item2"]
CYRILLIC = ["арбуз", "еда", "ёж", "жук", "яблоко"]
LATIN = ["Apple", "banana", "item10", "item2", "Zebra"]
ENCODINGS = ("windows-1251", "KOI8-R", "IBM866", "windows-1252", "ISO-8859-5")


def probe() -> dict[str, object]:
    """Runs in the child: what Qt answers (needs no display, QtCore only)."""
    import functools

    from PySide6.QtCore import QCollator, QDate, QDateTime, QLocale, QStringDecoder, QTime, QTimeZone

    def collated(locale: str, numeric: bool = False) -> list[str]:
        collator = QCollator(QLocale(locale))
        collator.setNumericMode(numeric)
        return sorted(WORDS, key=functools.cmp_to_key(collator.compare))

    ru, en = QLocale("ru_RU"), QLocale("en_US")
    moscow = QTimeZone(b"Europe/Moscow")
    summer = QDateTime(QDate(2024, 7, 1), QTime(12, 0), moscow)
    standard, long_name = QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName
    with open("/proc/self/maps", encoding="utf-8") as maps:
        loaded = sorted({line.split()[-1] for line in maps if "libicudata" in line})
    return {
        "sort ru": collated("ru_RU"),
        "sort en": collated("en_US"),
        "sort ru numeric": collated("ru_RU", numeric=True),
        "upper ru": ru.toUpper("ёлка"),
        "lower ru": ru.toLower("ЁЛКА"),
        "upper tr": QLocale("tr_TR").toUpper("i"),
        "date ru": ru.toString(QDate(2024, 3, 8), "d MMMM yyyy"),
        "number ru": ru.toString(1234567.891, "f", 2).replace("\u00a0", " ").replace("\u202f", " "),
        "moscow valid": moscow.isValid(),
        "moscow offset": moscow.offsetFromUtc(summer),
        "moscow ru": moscow.displayName(standard, long_name, ru),
        "moscow en": moscow.displayName(standard, long_name, en),
        "encodings": {name: QStringDecoder(name).isValid() for name in ENCODINGS},
        "loaded": loaded,
    }


def problems(answers: dict[str, object], library: Path) -> list[str]:
    expected = {
        "sort ru": CYRILLIC + LATIN,  # the ru tailoring puts Cyrillic first; ё sorts right after е
        "sort en": LATIN + CYRILLIC,
        "sort ru numeric": CYRILLIC + ["Apple", "banana", "item2", "item10", "Zebra"],
        "upper ru": "ЁЛКА",
        "lower ru": "ёлка",
        "upper tr": "İ",  # locale-specific case mapping: ICU is in use
        "date ru": "8 марта 2024",
        "number ru": "1 234 567,89",
        "moscow valid": True,
        "moscow offset": 3 * 3600,
        "moscow en": "Moscow Standard Time",
        "encodings": dict.fromkeys(ENCODINGS, True),
    }
    found = [f"{key}: {answers.get(key)!r}, expected {value!r}" for key, value in expected.items()
             if answers.get(key) != value]
    if "Москва" not in str(answers.get("moscow ru")):
        found.append(f"moscow ru: {answers.get('moscow ru')!r}, expected a Russian name (Москва...)")
    if answers.get("loaded") != [str(library)]:
        found.append(f"Qt loaded {answers.get('loaded')}, not {library}")
    return found


def check(library: Path) -> list[str]:
    """What is wrong with Qt running on the ICU data library `library` (an empty list: nothing)."""
    library = library.resolve()
    soname = "libicudata.so." + library.name.split(".so.", 1)[1].split(".")[0]
    with tempfile.TemporaryDirectory(prefix="icu-check-") as folder:
        (Path(folder) / soname).symlink_to(library)
        env = dict(os.environ, LD_LIBRARY_PATH=folder, QT_QPA_PLATFORM="offscreen")
        result = subprocess.run([sys.executable, __file__, "--probe"], env=env, capture_output=True,
                                text=True, encoding="utf-8", timeout=120)
        if result.returncode != 0:
            return [f"the Qt probe failed (exit code {result.returncode}): {result.stderr.strip()[-2000:]}"]
        answers = json.loads(result.stdout.strip().splitlines()[-1])
    answers["loaded"] = [str(Path(path).resolve()) for path in answers["loaded"]]
    return problems(answers, library)


def main(argv: list[str]) -> int:
    if argv == ["--probe"]:
        print(json.dumps(probe(), ensure_ascii=False))
        return 0
    if not sys.platform.startswith("linux"):
        print("check_icu: Linux only (Qt on Windows uses the system's ICU)")
        return 0
    libraries = [Path(arg) for arg in argv] or sorted(BUNDLE_QT_LIB.glob("libicudata.so.*"))
    if not libraries:
        print(f"check_icu: no libicudata.so.* in {BUNDLE_QT_LIB}; build the bundle first", file=sys.stderr)
        return 2
    failed = 0
    for library in libraries:
        found = check(library)
        failed += bool(found)
        print(f"ICU check {library}: " + ("ok" if not found else "FAILED\n  " + "\n  ".join(found)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
