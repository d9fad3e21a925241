"""Engine-level settings that make SQLite behave like the database we need."""

import sqlalchemy as sa
from sqlalchemy import event

_configured = False


def configure_engine_events() -> None:
    """Turn on foreign keys, WAL and a busy timeout for every SQLite connection (once only)."""
    global _configured
    if _configured:
        return
    event.listen(sa.engine.Engine, "connect", _sqlite_pragmas)
    _configured = True


def _sqlite_pragmas(dbapi_connection, connection_record):
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    # WAL lets readers go on while the register import writes; NORMAL is durable across
    # application crashes (the SQLite documentation), which is what a single host needs.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()
