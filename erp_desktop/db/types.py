"""Column types that behave the same on SQLite and PostgreSQL.

``ExactDecimal(scale)`` is NUMERIC on PostgreSQL and a scaled 64-bit integer on SQLite
(which has no exact decimal), so sums and comparisons in SQL stay exact on both.
Do not multiply two ExactDecimal columns in SQL: on SQLite the scales would compound.
Store the product (e.g. a movement's value) as its own column instead.

``UtcDateTime`` stores naive UTC and always returns timezone-aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from sqlalchemy import BigInteger, DateTime, Numeric
from sqlalchemy.types import TypeDecorator

QTY_SCALE = 3
COST_SCALE = 4
VALUE_SCALE = 7  # quantity (0.001) x unit cost (0.0001) is exact at 7 places


class ExactDecimal(TypeDecorator):
    impl = Numeric
    cache_ok = True

    def __init__(self, scale: int, precision: int = 24):
        super().__init__()
        self.scale = scale
        self.precision = precision
        self._quantum = Decimal(1).scaleb(-scale)
        self._factor = 10**scale

    def __repr__(self) -> str:
        return f"ExactDecimal(scale={self.scale}, precision={self.precision})"

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def _exact(self, value) -> Decimal:
        if isinstance(value, float):
            raise TypeError("floats are not accepted for exact decimal columns")
        try:
            exact = Decimal(value)
        except (InvalidOperation, TypeError) as error:
            raise TypeError(f"not a decimal: {value!r}") from error
        quantized = exact.quantize(self._quantum, rounding=ROUND_HALF_EVEN)
        if quantized != exact:
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return quantized

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        exact = self._exact(value)
        if dialect.name == "sqlite":
            return int(exact.scaleb(self.scale))
        return exact

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-self.scale).quantize(self._quantum)
        return Decimal(value).quantize(self._quantum)

    def result_processor(self, dialect, coltype):
        """process_result_value as one closure per column (the generic TypeDecorator wrapper, called per value,
        was a tenth of a 2,000-line BOM explosion); the generic path wherever the dialect converts first."""
        if self.impl_instance.result_processor(dialect, coltype) is not None:
            return super().result_processor(dialect, coltype)
        quantum = self._quantum
        if dialect.name == "sqlite":
            scale = -self.scale

            def process(value):
                return None if value is None else Decimal(int(value)).scaleb(scale).quantize(quantum)
        else:
            def process(value):
                return None if value is None else Decimal(value).quantize(quantum)
        return process

    def coerce_compared_value(self, op, value):
        return self

    @property
    def python_type(self):
        return Decimal


def Qty() -> ExactDecimal:  # noqa: N802 - reads as a type in column declarations
    return ExactDecimal(QTY_SCALE)


def Cost() -> ExactDecimal:  # noqa: N802
    return ExactDecimal(COST_SCALE)


def Value() -> ExactDecimal:  # noqa: N802
    return ExactDecimal(VALUE_SCALE, precision=28)


class UtcDateTime(TypeDecorator):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)
