import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DatabaseError

from app.extensions import db
from app.models import AuditEntry
from app.models.audit import AuditLogIsAppendOnly
from app.services import audit


@pytest.fixture
def entry(app):
    entry = audit.record("test.done", "thing", 7, actor_label="cli", details={"n": 1})
    db.session.commit()
    return entry


def test_an_audit_entry_keeps_who_what_and_when(entry):
    stored = db.session.scalar(sa.select(AuditEntry))
    assert (stored.actor_label, stored.action, stored.object_type, stored.object_id) == (
        "cli",
        "test.done",
        "thing",
        "7",
    )
    assert stored.details == {"n": 1} and stored.at.tzinfo is not None


def test_the_orm_refuses_to_change_an_audit_entry(entry):
    entry.action = "forged"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET action = 'forged'",
        "DELETE FROM audit_log",
    ],
)
def test_the_database_refuses_to_change_or_delete_audit_entries(entry, statement):
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(sa.text(statement))
    db.session.rollback()
    assert db.session.scalar(sa.select(AuditEntry.action)) == "test.done"
