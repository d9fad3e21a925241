"""Declarative base shared by every model, and column types used across them."""

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

from app.iin import mask_iins

#: Deterministic constraint names, so Alembic sees the same schema on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(sa.types.TypeDecorator):
    """A timestamp stored in UTC that always comes back timezone-aware.

    SQLite keeps no zone, so without this a value read back would be naive and compare wrongly
    with ``datetime.now(UTC)``.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class FreeString(sa.types.TypeDecorator):
    """A ``String(length)`` of free text people type (comments, reasons): any IIN-like number in
    it is masked on its way into the database (``app.iin.mask_iins``), whatever the write path
    (ORM, bulk UPDATE, command line), so an IIN typed into it is never stored readable."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return mask_iins(value) if isinstance(value, str) else value


class FreeText(FreeString):
    """As ``FreeString``, for long text (``TEXT``): replies."""

    impl = sa.Text
    cache_ok = True


def utcnow() -> datetime:
    return datetime.now(UTC)


def enum_column(enum_cls: type, name: str) -> sa.Enum:
    """A portable enum: VARCHAR plus a CHECK constraint, storing the member values."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
