from decimal import Decimal

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from erp_desktop.db.types import ExactDecimal


def test_sqlite_stores_scaled_integers_and_reads_them_back_exactly():
    qty = ExactDecimal(3)
    dialect = sqlite.dialect()
    assert qty.process_bind_param(Decimal("120.125"), dialect) == 120125
    assert qty.process_result_value(120125, dialect) == Decimal("120.125")


def test_postgres_keeps_numeric():
    cost = ExactDecimal(4)
    assert cost.process_bind_param(Decimal("1.5"), postgresql.dialect()) == Decimal("1.5000")


def test_floats_and_excess_places_are_refused():
    qty = ExactDecimal(3)
    with pytest.raises(TypeError):
        qty.process_bind_param(0.1, sqlite.dialect())
    with pytest.raises(ValueError):
        qty.process_bind_param(Decimal("0.0001"), sqlite.dialect())
