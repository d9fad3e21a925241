import random
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Petition, Signature, SignatureStatus, Voter
from app.rules.checks import Check, ReviewReason
from app.rules.eligibility import is_of_voting_age
from app.services.register.importer import import_register
from app.services.review.checks import apply_checks
from app.services.review.recheck import latest_birth_of_age, recheck_open_petitions
from tests.factories import (
    make_collecting_petition,
    make_constituency,
    make_officer,
    make_voter,
)
from tests.support.review import (
    activate_new_snapshot,
    active_snapshot,
    flagged,
    paper_signature,
    sign_as,
)

NOW = datetime(2027, 1, 20, 6, tzinfo=UTC)
SIGNED = datetime(2026, 12, 15, 8, tzinfo=UTC)  # 13:00 in Almaty, inside the period
ALL_LOST = Check.ON_REGISTER | Check.IN_CONSTITUENCY | Check.OF_AGE


@pytest.fixture
def petition(app):
    return make_collecting_petition()


def again(voter, snapshot, **kw):
    """The same person's row in ``snapshot``."""
    values = {
        "constituency": voter.constituency,
        "birth_date": voter.birth_date,
        "polling_station_id": voter.polling_station_id,
    }
    return make_voter(snapshot=snapshot, iin=voter.iin, **values | kw)


def reload(signature) -> Signature:
    return db.session.get(Signature, signature.id, populate_existing=True)


def test_a_voter_who_left_the_register_is_flagged_not_dropped(petition):
    voter = make_voter(constituency=petition.constituency)
    signature = sign_as(petition, voter, signed_at=SIGNED)
    new = activate_new_snapshot()
    db.session.commit()

    result = recheck_open_petitions(new.id, NOW)

    signature = reload(signature)
    assert signature.status is SignatureStatus.PENDING
    assert signature.failed_checks == ALL_LOST
    assert signature.checked_snapshot_id == new.id and signature.checked_at == NOW
    assert signature.voter_id == voter.id  # still points at the row it matched
    assert (result.checked, result.flagged, result.cleared) == (1, 1, 0)


def test_a_voter_who_moved_to_another_constituency_fails_that_check(petition):
    voter = make_voter(constituency=petition.constituency)
    signature = sign_as(petition, voter, signed_at=SIGNED)
    new = activate_new_snapshot()
    moved = again(voter, new, constituency=make_constituency())
    db.session.commit()

    recheck_open_petitions(new.id, NOW)

    signature = reload(signature)
    assert signature.failed_checks == Check.IN_CONSTITUENCY
    assert signature.status is SignatureStatus.PENDING and signature.voter_id == moved.id


def test_an_officers_decision_stands_unless_a_new_check_fails(petition):
    officer = make_officer()
    staying = make_voter(constituency=petition.constituency)
    leaving = make_voter(constituency=petition.constituency)
    decided = {"reviewed_by_id": officer.id, "reviewed_at": SIGNED, "signed_at": SIGNED}
    kept = sign_as(petition, staying, status=SignatureStatus.INVALID, **decided)
    reopened = sign_as(petition, leaving, **decided)
    new = activate_new_snapshot()
    again(staying, new)
    db.session.commit()

    recheck_open_petitions(new.id, NOW)

    kept, reopened = reload(kept), reload(reopened)
    assert kept.status is SignatureStatus.INVALID and kept.reviewed_by_id == officer.id
    assert reopened.status is SignatureStatus.PENDING and reopened.reviewed_by_id is None


def test_a_flag_clears_when_the_voter_is_back_in_the_constituency(petition):
    voter = make_voter(constituency=make_constituency())
    signature = flagged(petition, voter, Check.IN_CONSTITUENCY, signed_at=SIGNED)
    new = activate_new_snapshot()
    again(voter, new, constituency=petition.constituency)
    db.session.commit()

    result = recheck_open_petitions(new.id, NOW)

    assert reload(signature).status is SignatureStatus.VALID
    assert (result.flagged, result.cleared) == (0, 1)


def test_petitions_that_are_certified_are_left_alone(petition):
    voter = make_voter(constituency=petition.constituency)
    signature = sign_as(petition, voter, signed_at=SIGNED)
    db.session.execute(
        sa.update(Petition).where(Petition.id == petition.id).values(status="sufficient")
    )
    new = activate_new_snapshot()
    db.session.commit()

    result = recheck_open_petitions(new.id, NOW)

    assert reload(signature).status is SignatureStatus.VALID and result.checked == 0


def test_one_audit_entry_gives_the_counts(petition):
    voter = make_voter(constituency=petition.constituency)
    sign_as(petition, voter, signed_at=SIGNED)
    new = activate_new_snapshot()
    db.session.commit()

    recheck_open_petitions(new.id, NOW, actor_label="test")

    [entry] = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "signatures.rechecked")
    ).all()
    assert entry.object_id == str(new.id)
    assert entry.details | {"petitions": None} == {
        "petitions": None,
        "checked": 1,
        "flagged": 1,
        "cleared": 0,
        "reason": "new register snapshot",
    }


def test_a_disputed_identity_survives_a_recheck(petition):
    """Identity is judged when the sheet is accepted; a new register does not clear it."""
    staying = make_voter(constituency=petition.constituency)
    moving = make_voter(constituency=petition.constituency)
    disputed = paper_signature(
        petition,
        staying,
        signed_on=date(2026, 12, 15),
        status=SignatureStatus.PENDING,
        failed_checks=int(Check.IDENTITY),
    )
    also_moved = paper_signature(
        petition,
        moving,
        signed_on=date(2026, 12, 15),
        status=SignatureStatus.PENDING,
        failed_checks=int(Check.IDENTITY),
    )
    new = activate_new_snapshot()
    again(staying, new)
    again(moving, new, constituency=make_constituency())
    db.session.commit()

    result = recheck_open_petitions(new.id, NOW)

    disputed, also_moved = reload(disputed), reload(also_moved)
    assert disputed.failed_checks == Check.IDENTITY
    assert disputed.status is SignatureStatus.PENDING
    assert also_moved.failed_checks == Check.IDENTITY | Check.IN_CONSTITUENCY
    assert (result.flagged, result.cleared) == (1, 0)


@pytest.mark.parametrize(
    "day",
    [date(2026, 12, 16), date(2027, 2, 28), date(2028, 2, 29), date(2027, 3, 1), date(2026, 1, 1)],
)
def test_the_latest_birth_date_of_age_is_exactly_the_rules_boundary(day):
    born = latest_birth_of_age(day, 18)
    assert is_of_voting_age(born, day, 18)
    assert not is_of_voting_age(born + timedelta(days=1), day, 18)


def _copy(signature: Signature) -> Signature:
    columns = Signature.__table__.columns.keys()
    return Signature(**{name: getattr(signature, name) for name in columns})


def _cases(petition, rng: random.Random) -> list[tuple]:
    """Signatures of every kind: (signature, voter, what becomes of the voter in the new
    register, the paper sheet's date or None)."""
    elsewhere = make_constituency()
    officer = make_officer()
    cases = []
    signing_days = [SIGNED + timedelta(days=d, hours=h) for d in (0, 3, 30) for h in (-8, 0, 11)]
    signing_days += [
        datetime(2026, 12, 10, 4, 59, tzinfo=UTC),
        datetime(2026, 2, 28, 10, tzinfo=UTC),
    ]
    for n in range(60):
        signed_at = rng.choice(signing_days)
        local_day = (signed_at + timedelta(hours=5)).date()
        born = rng.choice(
            [
                date(1970, 5, 5),
                date(local_day.year - 18, local_day.month, min(local_day.day, 28)),
                date(local_day.year - 18, 12, 31),
                date(2008, 2, 29),
                date(2008, 3, 1),
            ]
        )
        voter = make_voter(
            constituency=rng.choice([petition.constituency, elsewhere]), birth_date=born
        )
        fate = rng.choice(["stays", "left", "moved", "older", "back"])
        status = rng.choice(
            [SignatureStatus.VALID, SignatureStatus.PENDING, SignatureStatus.INVALID]
        )
        kw = {
            "signed_at": signed_at,
            "status": status,
            # 64 (IDENTITY) is kept by both sides: apply_checks without the keyed line as the SQL.
            "failed_checks": rng.choice([0, 1, 2, 6, 8, 64, 66]),
        }
        if status is SignatureStatus.INVALID or rng.random() < 0.3:
            kw |= {"reviewed_by_id": officer.id, "reviewed_at": signed_at}
            kw["invalid_reason"] = (
                ReviewReason.INCOMPLETE.value if status is SignatureStatus.INVALID else None
            )
        if n % 11 == 0:
            kw |= {
                "status": SignatureStatus.WITHDRAWN,
                "withdrawn_at": signed_at + timedelta(hours=1),
            }
        paper_day = date(2026, 12, 20) if n % 7 == 0 else None
        if paper_day:
            signature = paper_signature(petition, voter, signed_on=paper_day, **kw)
        else:
            signature = sign_as(petition, voter, **kw)
        cases.append((signature, voter, fate, paper_day))
    original, person = cases[1][0], cases[1][1]
    duplicate = sign_as(
        petition,
        person,
        signed_at=SIGNED,
        status=SignatureStatus.INVALID,
        duplicate_of_id=original.id,
        invalid_reason=ReviewReason.DUPLICATE.value,
    )
    cases.append((duplicate, person, cases[1][2], None))
    return cases


def _new_row(voter, fate, new, petition, elsewhere) -> Voter | None:
    if fate == "stays":
        return again(voter, new)
    if fate == "moved":
        return again(voter, new, constituency=elsewhere)
    if fate == "older":
        return again(voter, new, birth_date=voter.birth_date - timedelta(days=1))
    if fate == "back":
        return again(voter, new, constituency=petition.constituency)
    return None  # left the register


def test_the_sql_recheck_agrees_with_the_pure_checks_on_a_varied_set(petition):
    rng = random.Random(5)
    cases = _cases(petition, rng)
    old_snapshot = active_snapshot()
    new = activate_new_snapshot()
    elsewhere = make_constituency()
    expected = {}
    rows = {}
    for signature, voter, fate, paper_day in cases:
        if voter.id not in rows:
            rows[voter.id] = _new_row(voter, fate, new, petition, elsewhere)
        row = rows[voter.id]
        copy = _copy(signature)
        apply_checks(copy, petition, voter=row, snapshot_id=new.id, now=NOW, signed_on=paper_day)
        expected[signature.id] = (
            copy.failed_checks,
            copy.status,
            copy.invalid_reason,
            copy.reviewed_by_id,
            copy.voter_id,
        )
    assert old_snapshot.id != new.id
    db.session.commit()

    recheck_open_petitions(new.id, NOW)

    db.session.expire_all()
    actual = {
        s.id: (s.failed_checks, s.status, s.invalid_reason, s.reviewed_by_id, s.voter_id)
        for s in db.session.scalars(
            sa.select(Signature).where(Signature.petition_id == petition.id)
        )
    }
    assert actual == expected
    assert {bits for bits, *_ in actual.values()} >= {0, int(Check.IN_CONSTITUENCY)}
    assert any(bits & Check.IDENTITY for bits, *_ in actual.values())


def test_importing_a_new_register_rechecks_the_open_petitions(petition, tmp_path):
    from tests.support.register import row, write

    staying = make_voter(constituency=petition.constituency)
    leaving = make_voter(constituency=petition.constituency)
    kept, lost = (
        sign_as(petition, staying, signed_at=SIGNED),
        sign_as(petition, leaving, signed_at=SIGNED),
    )
    db.session.commit()
    born = staying.birth_date.isoformat()
    path = write(
        tmp_path / "new.csv", [row(staying.iin, born=born, code=petition.constituency.code)]
    )

    result = import_register(path, date(2027, 1, 15), now=NOW, allow_shrink=True)

    assert result.imported == 1
    assert reload(kept).status is SignatureStatus.VALID
    assert reload(kept).checked_snapshot_id == result.snapshot.id
    assert reload(lost).status is SignatureStatus.PENDING
    assert reload(lost).failed_checks & Check.ON_REGISTER


def test_the_register_recheck_command_runs_against_the_active_register(petition, runner):
    voter = make_voter(constituency=petition.constituency)
    signature = sign_as(petition, voter, signed_at=SIGNED)
    new = activate_new_snapshot()
    db.session.commit()

    result = runner.invoke(args=["register", "recheck"])

    assert result.exit_code == 0 and "1 newly flagged" in result.output
    assert reload(signature).checked_snapshot_id == new.id
