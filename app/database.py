"""Engine-level settings that make SQLite behave like the database we need."""

from contextlib import contextmanager
from functools import partial

import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db

SYNCHRONOUS_LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")


def configure_engine(app: Flask) -> None:
    """Give every SQLite connection foreign keys, WAL, a busy timeout and the chosen durability."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        synchronous = str(app.config["SQLITE_SYNCHRONOUS"]).upper()
        if synchronous not in SYNCHRONOUS_LEVELS:
            raise RuntimeError(f"SQLITE_SYNCHRONOUS must be one of {', '.join(SYNCHRONOUS_LEVELS)}")
        event.listen(engine, "connect", partial(_sqlite_pragmas, synchronous=synchronous))


def _sqlite_pragmas(dbapi_connection, connection_record, *, synchronous: str) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    # WAL lets readers go on while a writer works. FULL makes each commit durable across power
    # loss; NORMAL only across application crashes (SQLite documentation), but is faster.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA synchronous = {synchronous}")
    cursor.close()


def get_locked(model, pk):
    """Load one row for a read-then-write use case so that concurrent ones take turns.

    PostgreSQL locks the row (SELECT ... FOR UPDATE). SQLite has no row locks and would only
    take its write lock at the first write, after both racers had read the same state; a no-op
    UPDATE takes the lock first (unless the transaction has written already), so the second
    racer waits and then reads the first one's result.
    """
    if db.session.get_bind().dialect.name == "sqlite" and not _sqlite_writing():
        db.session.execute(
            sa.update(model).where(model.id == pk).values(id=model.id),
            execution_options={"synchronize_session": False},
        )
    return db.session.get(model, pk, with_for_update=True, populate_existing=True)


def _sqlite_writing() -> bool:
    """Whether this transaction already holds SQLite's write lock: the driver begins a
    transaction only before the first write, and the lock is then kept until it ends (so the
    signing path, which inserts its signature first, saves the no-op UPDATE)."""
    return db.session.connection().connection.dbapi_connection.in_transaction


def upsert_insert(model):
    """``INSERT`` for the session's dialect, which offers ``on_conflict_do_nothing`` (SQLite and
    PostgreSQL spell it the same way): for writes that a unique key makes idempotent."""
    module = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    return module.insert(model)


@contextmanager
def transaction():
    """One use case, one transaction: commit when the block ends, roll back if it raises."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
