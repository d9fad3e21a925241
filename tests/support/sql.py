"""Seeing the SQL a piece of code runs (for N+1 checks and 'no lookup happened' checks), and
counting every table's rows in one query."""

import functools
from contextlib import contextmanager

import sqlalchemy as sa

from app.extensions import db


@contextmanager
def recorded_sql():
    """Collects every SQL statement the app's engine runs inside the block."""
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)


@functools.cache
def _counting() -> tuple[tuple[str, ...], sa.Select]:
    # Built once: the fuzz and the garbage test count around each of thousands of requests, and
    # building this select of ~40 subqueries costs more CPU than running it.
    tables = db.metadata.sorted_tables
    statement = sa.select(
        *(sa.select(sa.func.count()).select_from(t).scalar_subquery() for t in tables)
    )
    return tuple(t.name for t in tables), statement


def row_counts() -> dict[str, int]:
    """The number of rows of every table, by name, in one query."""
    names, statement = _counting()
    return dict(zip(names, db.session.execute(statement).one(), strict=True))
