"""Engine-level settings that make SQLite behave like the database we need."""

from functools import partial

from flask import Flask
from sqlalchemy import event

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
