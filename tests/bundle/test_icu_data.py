"""packaging/icu_data.py: the reduced ICU data library the Linux bundle ships instead of the PySide6 wheel's 32 MB one.

Runs without a bundle: reduces the installed wheel's libicudata.so.NN into a temporary folder and lets
packaging/check_icu.py run Qt on it (collation, case mapping, time zones, encodings).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _load(name: str):
    # packaging/ is a folder of scripts, not a package (and `packaging` is a PyPI distribution's name)
    spec = importlib.util.spec_from_file_location(f"erp_packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


icu_data = _load("icu_data")
check_icu = _load("check_icu")


def _wheel_library() -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("Qt uses the system's ICU outside Linux; the bundle trims ICU data on Linux only")
    import PySide6

    libraries = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not libraries:
        pytest.skip("this PySide6 has no bundled ICU data library")
    return libraries[0]


@pytest.mark.parametrize(("item", "kept"), [
    ("root.res", True), ("en_US_POSIX.res", True), ("ru_RU.res", True), ("de.res", False), ("zh_Hant_TW.res", False),
    ("coll/ucadata.icu", True), ("coll/ru.res", True), ("coll/de.res", False), ("coll/pool.res", True),
    ("zone/ru.res", True), ("zone/fr.res", False), ("zone/res_index.res", True),
    ("supplementalData.res", True), ("likelySubtags.res", True), ("zoneinfo64.res", True), ("metaZones.res", True),
    ("timezoneTypes.res", True), ("windowsZones.res", True), ("plurals.res", True), ("pool.res", True),
    ("cnvalias.icu", True), ("ibm-5347_P100-1998.cnv", True), ("ibm-878_P100-1996.cnv", True),
    ("ibm-943_P15A-2003.cnv", False), ("gb18030.cnv", False),
    ("nfkc.nrm", True), ("uemoji.icu", True), ("unames.icu", False), ("rfc3491.spp", False),
    ("brkitr/word.brk", True), ("brkitr/cjdict.dict", False), ("brkitr/ru.res", True), ("translit/root.res", False),
])
def test_what_the_reduced_data_keeps(item, kept):
    assert icu_data.keep(item) is kept


def test_the_package_format_round_trips():
    """Parsing the wheel's data package and writing it back unfiltered gives the very same bytes."""
    library = _wheel_library()
    image = library.read_bytes()
    symbol, _soname = icu_data.symbol_and_soname(library)
    offset, size = icu_data._elf_symbol(image, symbol)
    blob = image[offset:offset + size]
    assert icu_data.Package.parse(blob).to_bytes() == blob


def test_qt_works_on_the_reduced_library(tmp_path):
    library = _wheel_library()
    if shutil.which("as") is None or shutil.which("ld") is None:
        pytest.skip("GNU binutils (as, ld) are needed to link the reduced library")
    result = icu_data.reduce_library(library, tmp_path / library.name)
    assert result.size_after < 8_000_000 < result.size_before
    assert check_icu.check(result.library) == []
