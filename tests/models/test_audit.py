import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DatabaseError

from app.extensions import db
from app.models import AuditEntry
from app.models.audit import AuditLogIsAppendOnly
from app.services.audit import chain as audit


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


def test_an_iin_typed_into_a_free_text_field_is_masked_in_the_audit_log(app):
    """A comment or reason is free text: an officer may paste an IIN into it."""
    from app.services.review.commands import Decision, decide
    from tests.factories import make_officer, make_petition, make_signature

    petition = make_petition(status="verification")
    signature = make_signature(petition, status="pending")
    officer = make_officer(bodies=[petition.constituency.body])
    db.session.commit()
    iin = "850314300124"
    seed = "ab" + "123456789012" + "cd" * 25

    decide(
        petition.id,
        signature.id,
        officer.id,
        Decision(valid=False, reason="identity_disputed", comment=f"IIN {iin} twice"),
        now=signature.signed_at,
    )
    audit.record("test.seed", "thing", 1, details={"seed": seed, "lines": [f"{iin}."]})
    db.session.commit()

    stored = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.seq)).all()
    text = str([entry.details for entry in stored])
    assert iin not in text
    assert "••••••••0124 twice" in stored[-2].details["comment"]
    assert stored[-1].details == {"seed": seed, "lines": ["••••••••0124."]}
    assert audit.verify_chain().intact
