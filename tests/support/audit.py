"""Tampering with the audit log as someone with direct database access would."""

import sqlalchemy as sa

from app.extensions import db


def behind_the_triggers_back(statement: str) -> None:
    """Run ``statement`` as someone with direct database access who disables the
    append-only triggers (SQLite: drops them in this test's throwaway copy; PostgreSQL: replica
    mode in a separate connection, which skips triggers)."""
    db.session.commit()
    if db.engine.dialect.name == "sqlite":
        with db.engine.begin() as connection:
            connection.execute(sa.text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            connection.execute(sa.text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
            connection.execute(sa.text(statement))
        return
    engine = sa.create_engine(db.engine.url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("SET session_replication_role = replica"))
            connection.execute(sa.text(statement))
    finally:
        engine.dispose()
