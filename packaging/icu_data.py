"""Linux only: replace Qt's ICU data library (libicudata.so.NN from the PySide6 wheel, ~32 MB) in the bundle by
one that carries only the ICU data this app's Qt can use (~4 MB).

On Windows Qt uses the system's ICU, so there is nothing to trim there; build.py calls this on Linux only.

What Qt Core calls in ICU (`nm -D libQt6Core.so.6 | grep _73`): ucol_* (QCollator), u_strToUpper/Lower
(QLocale::toUpper/toLower), ucal_getTimeZoneDisplayName/getCanonicalTimeZoneID (QTimeZone) and ucnv_* (QStringConverter
for encodings Qt does not implement itself). QLocale's formatting of dates and numbers is Qt's own CLDR data, not ICU.
So the reduced data keeps:

- the locale data of root, English and Russian (every regional variant: en_*, ru_*) in each locale tree
  (top level, coll, zone, curr, lang, region, unit, rbnf, brkitr) and each tree's pool.res / res_index.res;
  other languages fall back to root data (root collation order; time zone names in the default locale's
  language if that is ru/en, else "GMT+03:00");
- collation: ucadata.icu (the root collation every tailoring builds on) + the root/en/ru tailorings;
- every non-locale item: supplemental data, likely subtags, time zones (zoneinfo64, metaZones, timezoneTypes,
  windowsZones), the converter alias table, normalization (*.nrm), character properties (*.icu);
- the converters (*.cnv) an ru/en office may meet: windows-1250/1251/1252, cp866, KOI8-R, KOI8-U, ISO-8859-5
  (UTF-8/16/32, US-ASCII and ISO-8859-1 are built into ICU's code and need no data);
- the break iterator rules (*.brk), without their dictionaries.

and leaves out what Qt never asks ICU for, or what only serves other scripts: the other languages' locale data,
the other ~200 converters (CJK, EBCDIC, ...), the break iterator dictionaries (CJK, Thai, Khmer, Lao, Burmese;
without them ICU's break iterator treats such runs as unbreakable), transliteration rules (translit/),
Unicode character names (unames.icu), spoof checking (confusables.cfu) and StringPrep profiles (*.spp).

The library is rebuilt from the wheel's own data (an ICU "common data" package exported as the symbol icudtNN_dat):
the package is filtered in pure Python and linked into a shared library with the same soname and symbol, using
GNU as + ld (binutils, which PyInstaller and the strip step need on Linux anyway).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

KEEP_LANGUAGES = frozenset({"root", "en", "ru"})
LOCALE_TREES = frozenset({"brkitr", "coll", "curr", "lang", "rbnf", "region", "unit", "zone"})
TREE_INDEXES = frozenset({"pool.res", "res_index.res"})
CONVERTERS = frozenset({
    "ibm-5346_P100-1998",  # windows-1250
    "ibm-5347_P100-1998",  # windows-1251
    "ibm-5348_P100-1997",  # windows-1252
    "ibm-866_P100-1995",  # cp866 (IBM866, DOS Cyrillic)
    "ibm-878_P100-1996",  # KOI8-R
    "ibm-1168_P100-2002",  # KOI8-U
    "ibm-915_P100-1995",  # ISO-8859-5
})
DROP_ITEMS = frozenset({"unames.icu", "confusables.cfu"})
DROP_SUFFIXES = (".dict", ".spp")
# A locale resource: language (2-3 letters, or root) with optional script/region/variant, e.g. en_US_POSIX.res.
# Non-locale resources have longer names (supplementalData.res, zoneinfo64.res, plurals.res, units.res, ...).
LOCALE_RESOURCE = re.compile(r"^([a-z]{2,3}|root)(_[A-Za-z0-9]+)*\.res$")
ALIGNMENT = 16  # ICU aligns every item of a common data package to 16 bytes (as icupkg does)


class IcuTrimError(RuntimeError):
    pass


def keep(item: str) -> bool:
    """Whether an item of the package (its name without the icudtNNl/ prefix, e.g. coll/ru.res) is kept."""
    tree, _, name = item.rpartition("/")
    if tree and tree not in LOCALE_TREES:
        return False  # translit/ (transliteration rules)
    if name in DROP_ITEMS or name.endswith(DROP_SUFFIXES):
        return False
    if name.endswith(".cnv"):
        return name.removesuffix(".cnv") in CONVERTERS
    if tree and name in TREE_INDEXES:
        return True
    locale = LOCALE_RESOURCE.match(name)
    if locale:
        return locale.group(1) in KEEP_LANGUAGES
    return True


# --- ELF: where the data symbol's bytes are -------------------------------------------------------------------


def _elf_symbol(image: bytes, symbol: str) -> tuple[int, int]:
    """File offset and size of a defined symbol in a little-endian 64-bit ELF shared library."""
    if image[:4] != b"\x7fELF" or image[4] != 2 or image[5] != 1:
        raise IcuTrimError("not a little-endian 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", image, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", image, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", image, shoff + i * shentsize) for i in range(shnum)]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind not in (2, 11):  # SHT_SYMTAB, SHT_DYNSYM
            continue
        strings_offset = sections[link][4]
        for at in range(offset, offset + size, entsize):
            st_name, _st_info, _st_other, st_shndx, st_value, st_size = struct.unpack_from("<IBBHQQ", image, at)
            end = image.index(b"\0", strings_offset + st_name)
            if image[strings_offset + st_name:end] == symbol.encode() and 0 < st_shndx < len(sections):
                section = sections[st_shndx]
                return section[4] + st_value - section[3], st_size
    raise IcuTrimError(f"no symbol {symbol} in the library")


# --- ICU common data package: header, table of contents, items ----------------------------------------------


@dataclass
class Package:
    header: bytes  # MappedData + UDataInfo ("CmnD") + copyright, copied unchanged
    items: list[tuple[str, bytes]]  # (full name such as icudt73l/coll/ru.res, data), sorted as ICU looks them up

    @classmethod
    def parse(cls, blob: bytes) -> Package:
        header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
        if (magic1, magic2) != (0xDA, 0x27):
            raise IcuTrimError("the data symbol is not an ICU data package")
        if blob[12:16] != b"CmnD" or blob[8] != 0:  # dataFormat "CmnD", isBigEndian == 0
            raise IcuTrimError(f"not a little-endian ICU common data package (format {blob[12:16]!r})")
        toc = blob[header_size:]
        count, = struct.unpack_from("<I", toc, 0)
        entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
        items = []
        for i, (name_offset, data_offset) in enumerate(entries):
            name = toc[name_offset:toc.index(b"\0", name_offset)].decode("ascii")
            end = entries[i + 1][1] if i + 1 < count else len(toc)
            items.append((name, toc[data_offset:end]))
        return cls(blob[:header_size], items)

    def to_bytes(self) -> bytes:
        names = b"".join(name.encode("ascii") + b"\0" for name, _data in self.items)
        names_start = 4 + 8 * len(self.items)
        data_start = _aligned(len(self.header) + names_start + len(names)) - len(self.header)
        toc, name_at, data_at, chunks = [struct.pack("<I", len(self.items))], names_start, data_start, []
        for name, data in self.items:
            toc.append(struct.pack("<II", name_at, data_at))
            name_at += len(name) + 1
            padded = data + b"\0" * (_aligned(len(data)) - len(data))
            chunks.append(padded)
            data_at += len(padded)
        body = b"".join(toc) + names
        body += b"\xaa" * (data_start - len(body))  # the padding byte icupkg uses
        return self.header + body + b"".join(chunks)

    def filtered(self) -> Package:
        return Package(self.header, [(name, data) for name, data in self.items if keep(name.split("/", 1)[1])])


def _aligned(size: int) -> int:
    return (size + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT


# --- the shared library ------------------------------------------------------------------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise IcuTrimError(f"`{name}` not found: trimming Qt's ICU data needs GNU binutils (as, ld); "
                           "on Debian/Ubuntu: apt-get install binutils")
    return path


def link_data_library(data: bytes, symbol: str, soname: str, target: Path) -> None:
    """A shared library `target` (soname `soname`) exporting `data` as the read-only object `symbol`."""
    assembler, linker = _tool("as"), _tool("ld")
    with tempfile.TemporaryDirectory(prefix="icudata-") as folder:
        work = Path(folder)
        (work / "data.bin").write_bytes(data)
        # '%' rather than '@' for the type arguments: '@' starts a comment in ARM assembly
        (work / "data.s").write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, %object\n\t.balign 16\n{symbol}:\n"
            f'\t.incbin "data.bin"\n\t.size {symbol}, . - {symbol}\n\t.section .note.GNU-stack,"",%progbits\n',
            encoding="ascii")
        for command in ([assembler, "-o", "data.o", "data.s"],
                        [linker, "-shared", "-soname", soname, "-z", "noexecstack", "-o", "lib.so", "data.o"]):
            result = subprocess.run(command, cwd=work, capture_output=True, text=True)
            if result.returncode != 0:
                raise IcuTrimError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
        shutil.copyfile(work / "lib.so", target)


def symbol_and_soname(library: Path) -> tuple[str, str]:
    """("icudt73_dat", "libicudata.so.73") for libicudata.so.73 (or libicudata.so.73.2)."""
    version = re.fullmatch(r"libicudata\.so\.(\d+)(\.[\d.]+)?", library.name)
    if version is None:
        raise IcuTrimError(f"unexpected ICU data library name {library.name}")
    return f"icudt{version.group(1)}_dat", f"libicudata.so.{version.group(1)}"


@dataclass
class TrimResult:
    library: Path
    size_before: int
    size_after: int
    items_before: int
    items_after: int

    def __str__(self) -> str:
        return (f"ICU data {self.library.name}: {self.size_before / 1e6:.1f} -> {self.size_after / 1e6:.1f} MB "
                f"({self.items_after} of {self.items_before} items: root/en/ru locales, "
                f"{len(CONVERTERS)} Cyrillic/Latin converters)")


def reduce_library(source: Path, target: Path) -> TrimResult:
    """Write to `target` the reduced version of the ICU data library `source` (the two may be the same path)."""
    image = source.read_bytes()
    symbol, soname = symbol_and_soname(source)
    offset, size = _elf_symbol(image, symbol)
    package = Package.parse(image[offset:offset + size])
    reduced = package.filtered()
    link_data_library(reduced.to_bytes(), symbol, soname, target)
    return TrimResult(target, len(image), target.stat().st_size, len(package.items), len(reduced.items))


def trim_bundle(bundle: Path) -> list[TrimResult]:
    """Replace every real (not symlinked) libicudata.so.* in the bundle by its reduced version."""
    results = []
    for library in sorted(bundle.rglob("libicudata.so.*")):
        if library.is_file() and not library.is_symlink():
            results.append(reduce_library(library, library))
    return results
