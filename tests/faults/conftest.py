"""Fault tests: a throwaway PostgreSQL cluster per test run (per xdist worker), set up as a plant's server
would be (tests/conftest.py _create_pg_test_database: owner role, migration login, desktops' login; services
run as the desktops' login with session tokens)."""

from __future__ import annotations

import pytest

from tests.conftest import ON_CI, _create_pg_test_database, _dispose, _pg_db
from tests.faults.cluster import ThrowawayCluster, postgres_bin


@pytest.fixture(scope="session")
def cluster():
    if postgres_bin() is None:
        if ON_CI:
            pytest.fail("PostgreSQL's initdb is needed for the fault tests on CI")
        pytest.skip("PostgreSQL's initdb is not installed")
    cluster = ThrowawayCluster.create()
    try:
        cluster.database = _create_pg_test_database(cluster.admin_url)
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def fault_db(cluster):
    """The throwaway cluster's database, emptied, as the desktops' login; the server is running at the start
    and put back to its normal settings afterwards, whatever the test did to it."""
    database = _pg_db(cluster.database)
    yield database
    _dispose(database)
    if not cluster.running():
        cluster.start()
    cluster.sql("ALTER SYSTEM RESET ALL", "SELECT pg_reload_conf()")


@pytest.fixture(scope="session")
def bouncer(pg_test_database):
    """A throwaway PgBouncer (transaction mode, Debian's 1.18) in front of the shared test server."""
    from tests.faults.bouncer import ThrowawayBouncer, pgbouncer_bin

    if pgbouncer_bin() is None:
        if ON_CI:
            pytest.fail("pgbouncer is needed for the pooler tests on CI (.ci/run installs it)")
        pytest.skip("pgbouncer is not installed")
    roles = pg_test_database.roles
    bouncer = ThrowawayBouncer.start(pg_test_database.admin, [roles.desktop, roles.migrator, "postgres"])
    try:
        yield bouncer
    finally:
        bouncer.stop()


@pytest.fixture
def pooled_db(pg_test_database, bouncer):
    """The shared test database, emptied, as the desktops' login through PgBouncer (erp_pooler=transaction,
    LISTEN straight to the server); fixtures write through ``admin`` (the superuser, direct)."""
    from erp_desktop.db.engine import create_database
    from tests.conftest import _truncate_all

    admin = create_database(pg_test_database.admin, shared_connections=None)
    _truncate_all(admin)
    database = create_database(bouncer.url_for(pg_test_database.desktop), shared_connections=None)
    database.admin = admin
    yield database
    _dispose(database)


@pytest.fixture(autouse=True)
def _refetch_at_once(monkeypatch):
    """Views refetch on every change at once here (what they refetch is what these tests check); the coalescing
    itself (at most once a second, visible views only) is tested in tests/ui/test_live_coalescing.py."""
    monkeypatch.setattr("erp_desktop.ui.live.REFETCH_INTERVAL_MS", 0)
