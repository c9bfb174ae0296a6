"""Importing a plant's opening position on PostgreSQL: 5,000 products + 20,000 opening lots.

    python tests/benchmarks/bench_import.py [--products 5000] [--lots 20000]

Targets (issue 16): the dry run <= 10 s, the import <= 30 s. The file is generated as CSV text (semicolons,
decimal commas, dd.mm.yyyy, as a Russian Excel saves it) and read by the import's own reader; the lots spread
over a year of received dates (one receipt document per date) in 3 warehouses, from 20 suppliers. Also timed:
reading the CSV, and the dry run of the same file after the import (everything unchanged). Checks the ledger
sums in SQL afterwards. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date, timedelta

from sqlalchemy import text
from stock_data import scratch_database, seed_organization

from erp_desktop.services import imports
from erp_desktop.services.imports import ImportKind, Section
from tests.factories import admin_of


def _csv(rows: list[tuple]) -> bytes:
    return "\n".join(";".join(str(cell) for cell in row) for row in rows).encode("utf-8")


def generate(products: int, lots: int) -> dict[ImportKind, bytes]:
    start = date.today() - timedelta(days=400)
    return {
        ImportKind.WAREHOUSES: _csv([("Код", "Склад")] + [(f"W{w}", f"Склад {w}") for w in range(1, 4)]),
        ImportKind.SUPPLIERS: _csv([("Поставщик", "Контакт")] + [(f"Поставщик {s}", f"+7 900 {s:07d}")
                                                               for s in range(1, 21)]),
        ImportKind.PRODUCTS: _csv([("Артикул", "Наименование", "Ед.", "Категория", "Марка", "Размер", "Минимум")] + [
            (f"SKU-{p:05d}", f"Материал {p}", ("кг", "шт", "м")[p % 3], ("металл", "fastener", "consumable")[p % 3],
             f"{p % 50}Х", f"d{p % 90}", f"{p % 7},5") for p in range(1, products + 1)]),
        ImportKind.OPENING_STOCK: _csv([("Артикул", "Склад", "Партия", "Дата поступления", "Количество", "Цена",
                                         "Качество", "Сертификат", "Поставщик")] + [
            (f"SKU-{n % products + 1:05d}", f"W{n % 3 + 1}", f"LOT-{n:06d}",
             (start + timedelta(days=n % 365)).strftime("%d.%m.%Y"), f"{n % 500 + 1},250", f"{n % 90 + 10},1234",
             "APPROVED", f"HEAT-{n}", f"Поставщик {n % 20 + 1}") for n in range(lots)]),
    }


def sections_of(files: dict[ImportKind, bytes]) -> list[Section]:
    sections = []
    for kind, data in files.items():
        sheet = imports.read_csv_bytes(data, kind.value).sheets[0]
        sections.append(Section(kind, sheet, imports.guess_mapping(kind, sheet.headers)))
    return sections


def ledger_mismatches(db) -> int:
    with admin_of(db).engine.connect() as c:
        return c.execute(text(
            "SELECT count(*) FROM stock_positions p "
            "FULL JOIN (SELECT product_id, warehouse_id, sum(on_hand) AS on_hand FROM lots GROUP BY 1, 2) l "
            "  USING (product_id, warehouse_id) "
            "FULL JOIN (SELECT product_id, warehouse_id, sum(qty) AS qty FROM stock_movements GROUP BY 1, 2) m "
            "  USING (product_id, warehouse_id) "
            "WHERE p.on_hand IS DISTINCT FROM l.on_hand OR p.on_hand IS DISTINCT FROM m.qty")).scalar_one()


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, round(time.perf_counter() - started, 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--lots", type=int, default=20000)
    args = parser.parse_args()
    files = generate(args.products, args.lots)
    sections, read_s = timed(lambda: sections_of(files))
    with scratch_database("erp_bench_import") as (db, _url):
        admin = seed_organization(db)["admin"]
        report, dry_run_s = timed(lambda: imports.dry_run(db, admin, sections))
        assert report.ok, report.errors[:5]
        done, import_s = timed(lambda: imports.run_import(db, admin, sections, source="bench.csv"))
        again, second_dry_run_s = timed(lambda: imports.dry_run(db, admin, sections))
        figures = {
            "products": args.products, "opening_lots": args.lots,
            "read_csv_s": read_s, "dry_run_s": dry_run_s, "import_s": import_s,
            "dry_run_after_import_s": second_dry_run_s,
            "receipt_documents": len(done.documents),
            "reimport_changes_anything": again.changes_anything,
            "ledger_mismatches": ledger_mismatches(db),
            "dry_run_target_met": dry_run_s <= 10, "import_target_met": import_s <= 30,
        }
    for key, value in figures.items():
        print(f"{key:28} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
