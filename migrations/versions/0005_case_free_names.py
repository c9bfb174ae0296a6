"""Case-free names, codes and search in any script: erp_fold() on PostgreSQL, unique indexes on folded keys

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
from alembic import op
from sqlalchemy import text

from erp_desktop.errors import SchemaMismatch

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Names, codes and searches compare through erp_fold(text) on both back ends (erp_desktop/db/text_match.py).
# SQLite: the application registers erp_fold on every connection (Python's str.lower); the file gets no
# index on it, because an index on an application function makes the table unwritable for any other tool
# (the sqlite3 shell, a backup restored with .dump, DB Browser: "unknown function erp_fold()"). The app's
# own duplicate checks run inside BEGIN IMMEDIATE, which serialises every writer of the file, so they
# cannot race. Nothing to do here for SQLite.
#
# PostgreSQL: erp_fold is a server function, and unique indexes on the folded keys back the app's checks
# against two desktops saving 'Вал-1' and 'ВАЛ-1' at the same moment. The server's own lower() depends on
# the database's LC_CTYPE (in a "C" database it folds only A-Z), so erp_fold does not use it:
# - with ICU (every mainstream build: Debian/Ubuntu, PGDG RPMs, the Windows installer, the Docker image),
#   lower() under ICU's root locale "und-x-icu": Unicode's lower-case mapping, the same as Python's, in
#   every database locale;
# - without ICU, translate() over the upper-case letters of Latin (ASCII and Latin-1) and Cyrillic
#   (U+0400-U+04FF): correct for those scripts in every locale, slower (it scans the letter list per
#   character) and blind to other scripts.
# A SQL function with one expression in its body is inlined by the planner, so a query's
# erp_fold(code) = erp_fold($1) matches the unique index on erp_fold(code).

_RANGES = ((0x41, 0x5A), (0xC0, 0xDE), (0x400, 0x4FF))
FALLBACK_UPPER = "".join(ch for lo, hi in _RANGES for ch in map(chr, range(lo, hi + 1))
                         if ch.lower() != ch and len(ch.lower()) == 1)
FALLBACK_LOWER = "".join(ch.lower() for ch in FALLBACK_UPPER)


def fold_function_sql(*, icu: bool, name: str = "erp_fold") -> str:
    if icu:
        body = 'SELECT pg_catalog.lower($1 COLLATE pg_catalog."und-x-icu")'
    else:
        body = f"SELECT pg_catalog.translate($1, '{FALLBACK_UPPER}', '{FALLBACK_LOWER}')"
    return (f"CREATE OR REPLACE FUNCTION {name}(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
            f"AS $fold$ {body} $fold$")


# (index, table, organisation scope or None for global, column, unique)
FOLDED_INDEXES = (
    ("ux_users_username_folded", "users", None, "username", True),
    ("ux_stages_org_code_folded", "stages", "org_id", "code", True),
    ("ux_parts_org_code_folded", "parts", "org_id", "code", True),
    ("ux_products_org_sku_folded", "products", "org_id", "sku", True),
    ("ux_warehouses_org_code_folded", "warehouses", "org_id", "code", True),
    ("ux_suppliers_org_name_folded", "suppliers", "org_id", "name", True),
    ("ix_lots_org_number_folded", "lots", "org_id", "lot_number", False),  # a scanned lot number
)


def _duplicates(bind) -> list[str]:
    found = []
    for _name, table, scope, column, unique in FOLDED_INDEXES:
        if not unique:
            continue
        keys = f"{scope}, erp_fold({column})" if scope else f"erp_fold({column})"
        rows = bind.execute(text(
            f"SELECT string_agg({column}, ' / ' ORDER BY id) FROM {table} GROUP BY {keys} HAVING count(*) > 1"))
        found += [f"{table}.{column}: {values}" for (values,) in rows]
    return found


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    icu = bind.execute(text("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')")).scalar()
    op.execute(fold_function_sql(icu=icu))
    duplicates = _duplicates(bind)
    if duplicates:
        raise SchemaMismatch(
            "These names or codes differ only in letter case, and from this version on they must be unique "
            "whatever the case. Rename one of each group with the version you have now, then run "
            "'erp-desktop db upgrade' again:\n  " + "\n  ".join(duplicates))
    for name, table, scope, column, unique in FOLDED_INDEXES:
        keys = f"{scope}, erp_fold({column})" if scope else f"erp_fold({column})"
        op.execute(f"CREATE {'UNIQUE ' if unique else ''}INDEX {name} ON {table} ({keys})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, *_rest in FOLDED_INDEXES:
        op.execute(f"DROP INDEX {name}")
    op.execute("DROP FUNCTION erp_fold(text)")
