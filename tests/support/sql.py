"""Seeing the SQL a piece of code runs (for N+1 checks and 'no lookup happened' checks)."""

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
