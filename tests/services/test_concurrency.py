"""Read-then-write use cases under real concurrency (threads, each with its own session)."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from app import iin
from app.extensions import db
from app.models import AuditEntry, Petition, User
from app.rules.lifecycle import PetitionStatus as S
from app.services.initiative.group import file_petition, withdraw_petition
from app.services.signing.verification import verify_voter
from tests.factories import make_member, make_petition, make_user, make_verified_citizen, make_voter
from tests.support.concurrency import in_parallel

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def test_thirty_simultaneous_failed_verifications_count_five_and_lock(app):
    user = make_user(email_confirmed_at=NOW)
    db.session.commit()
    user_id = user.id
    wrong = iin.make(date(1980, 1, 1), iin.Sex.MALE, 1234)

    def attempt():
        verify_voter(user_id, wrong, "Nobody", "1980-01-01", now=NOW)

    assert in_parallel(app, *[attempt] * 30) == [None] * 30

    db.session.expire_all()
    stored = db.session.get(User, user_id)
    failures = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.action == "voter.verification_failed")
    )
    assert (stored.verification_failures, failures) == (5, 5)
    assert stored.verification_locked_until is not None


def test_filing_and_withdrawing_at_once_never_leave_a_withdrawn_petition_filed(app):
    petition = make_petition(status=S.GROUP_FORMING)
    initiator = make_verified_citizen(make_voter(constituency=petition.constituency))
    make_member(petition=petition, user=initiator, role="initiator")
    for _ in range(9):  # the provisional Kazakh minimum is 10 members
        member = make_verified_citizen(make_voter(constituency=petition.constituency))
        make_member(petition=petition, user=member)
    db.session.commit()
    petition_id, user_id = petition.id, initiator.id

    in_parallel(
        app,
        lambda: file_petition(petition_id, user_id, now=NOW),
        lambda: withdraw_petition(petition_id, user_id, now=NOW),
    )

    db.session.expire_all()
    trail = [
        entry.details["to"]
        for entry in db.session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.action == "petition.status_changed")
            .order_by(AuditEntry.id)
        )
    ]
    assert db.session.get(Petition, petition_id).status is S.WITHDRAWN
    assert trail in (["withdrawn"], ["filed", "withdrawn"])
