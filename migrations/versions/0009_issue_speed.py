"""The stock issue's session check in one call: erp_issue_stock_work checks the token itself

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-03

0006's erp_issue_stock_work read its identity through erp_current(), the function every statement of a
desktop reaches through the policies: a SECURITY DEFINER call with its own search_path (a setting saved and
restored per call), and its answer read through a function scan. The issue's work function runs as the
owner already, with that search_path, so it now asks the same two questions itself: a trusted login (the
migration login, the trusted command line) gets no fast issue, as erp_current's NULL role gave it none; any
other caller's token is checked by erp_checked_session(false) (db/security.py: READ COMMITTED only, the
session open, not expired, its user active, no password change pending; raises otherwise), exactly as
erp_current() did for it. Nothing else of the function changes. PostgreSQL only.
"""
import importlib.util
from pathlib import Path

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_OLD_IDENTITY = """    SELECT * INTO v_me FROM erp_current();
"""
_NEW_IDENTITY = """    IF erp_trusted_login() THEN
        RETURN;  -- as erp_current()'s NULL role: the Python path decides
    END IF;
    v_me := erp_checked_session(false);  -- raises when the session has ended
"""


def _work_0006() -> str:
    path = Path(__file__).with_name("0006_server_enforced_security.py")
    spec = importlib.util.spec_from_file_location("erp_migration_0006", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._CREATE_WORK.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def _work_0009() -> str:
    work = _work_0006()
    assert work.count(_OLD_IDENTITY) == 1
    return work.replace(_OLD_IDENTITY, _NEW_IDENTITY)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_work_0009())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_work_0006())
