from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import AuditEntry, IllegalTransition, Petition
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions.calendar import petition_calendar
from app.services.petitions.commands import PetitionError, change_status
from tests.factories import make_petition, make_snapshot, make_user

# 10 December 2026, 10:00 in Almaty (UTC+5).
NOW = datetime(2026, 12, 10, 5, 0, tzinfo=UTC)


def filed_petition(voters=27_500):
    petition = make_petition(status=S.FILED, filed_at=datetime(2026, 12, 3, 5, 0, tzinfo=UTC))
    make_snapshot(counts={petition.constituency: voters})
    db.session.commit()
    return petition


def test_registering_opens_collection_with_denominator_threshold_and_deadline(app):
    petition = filed_petition()
    officer = make_user()

    change_status(petition.id, S.COLLECTING, now=NOW, reason="documents complete", actor=officer)

    db.session.expire_all()
    petition = db.session.get(Petition, petition.id)
    assert petition.status is S.COLLECTING and petition.opened_at == NOW
    # 10% (provisional) of 27,500 voters; 30 days counting 10 December end on 8 January 18:00.
    assert (petition.electorate, petition.signatures_required) == (27_500, 2_750)
    assert petition.closes_at == datetime(2027, 1, 8, 13, 0, tzinfo=UTC)


def test_every_transition_is_audited_with_who_when_and_why(app):
    petition = filed_petition()
    officer = make_user()

    change_status(
        petition.id, S.REFUSED, now=NOW, reason="initiative group too small", actor=officer
    )

    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.object_type == "petition"))
    assert entry.actor_id == officer.id and entry.action == "petition.status_changed"
    assert entry.details == {
        "from": "filed",
        "to": "refused",
        "reason": "initiative group too small",
        "at": NOW.isoformat(),
    }


def test_an_illegal_move_is_refused_and_changes_nothing(app):
    petition = filed_petition()

    with pytest.raises(IllegalTransition):
        change_status(petition.id, S.RECALLED, now=NOW, reason="skip ahead")

    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.FILED
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0


def test_collection_cannot_open_without_an_active_register(app):
    petition = make_petition(status=S.FILED)
    db.session.commit()

    with pytest.raises(PetitionError, match="no active voter register"):
        change_status(petition.id, S.COLLECTING, now=NOW, reason="x")

    db.session.expire_all()
    assert db.session.get(Petition, petition.id).status is S.FILED


def test_the_database_allows_one_open_petition_per_deputy(app):
    first = make_petition()
    db.session.commit()

    db.session.add(
        Petition(
            deputy=first.deputy,
            constituency=first.constituency,
            rule_set_code=first.rule_set_code,
            rule_set_version=1,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_a_finished_petition_does_not_block_a_new_one(app):
    first = make_petition(status=S.WITHDRAWN)
    db.session.commit()

    make_petition(deputy=first.deputy)
    db.session.commit()

    assert db.session.scalar(sa.select(sa.func.count()).select_from(Petition)) == 2


def test_the_calendar_follows_the_recorded_dates(app):
    petition = filed_petition()
    change_status(petition.id, S.COLLECTING, now=NOW, reason="registered")

    steps = {step.key: step.deadline for step in petition_calendar(petition)}

    # Filed Thursday 3 December 2026 (10:00 Almaty): 5 working days -> Thursday 10 December.
    assert steps["registration_decision"].isoformat() == "2026-12-10T18:00:00+05:00"
    assert steps["collection_closes"].isoformat() == "2027-01-08T18:00:00+05:00"
    # 10 working days after Friday 8 January 2027 -> Friday 22 January.
    assert steps["verification"].isoformat() == "2027-01-22T18:00:00+05:00"


def test_the_calendar_closes_collection_at_the_recorded_deadline_after_an_extension(app):
    petition = filed_petition()
    change_status(petition.id, S.COLLECTING, now=NOW, reason="registered")
    petition.closes_at += timedelta(days=5)  # pauses gave five days back
    db.session.commit()

    steps = {step.key: step.deadline for step in petition_calendar(petition)}

    assert steps["collection_closes"].isoformat() == "2027-01-13T18:00:00+05:00"
    # Counted from the extended end: 10 working days after Wednesday 13 January 2027.
    assert steps["verification"].isoformat() == "2027-01-27T18:00:00+05:00"


def test_filing_freezes_the_statement_and_records_its_sha256(app):
    petition = make_petition(status=S.GROUP_FORMING, statement="Lost our confidence.")
    db.session.commit()

    change_status(petition.id, S.FILED, now=NOW, reason="group complete")

    # printf 'Lost our confidence.' | sha256sum
    assert petition.statement_sha256 == (
        "d912d6c1eafdabd4ba966d55cb695c16c7add5982d973452e00cfe24ab513a34"
    )
    with pytest.raises(ValueError, match="frozen"):
        petition.statement = "Another text"
