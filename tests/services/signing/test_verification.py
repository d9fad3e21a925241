import json
import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from app import iin as iin_module
from app.extensions import db
from app.models import AuditEntry, User
from app.services.signing import verification
from app.services.signing.verification import (
    Outcome,
    lock_duration,
    parse_birth_date,
    verify_voter,
)
from tests.factories import make_snapshot, make_user, make_verified_citizen, make_voter
from tests.support.citizen import city_and_region, seat
from tests.support.sql import recorded_sql

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)  # 11:00 in Almaty
NO_MATCH = (
    "These details do not match any voter on the register that this account can be linked to."
    " If they are right, contact the election commission."
)
BAD_IIN = "This is not a valid IIN: check the 12 digits."
BORN = date(1985, 3, 14)


@pytest.fixture
def voter(app):
    deputy = seat()
    voter = make_voter(constituency=deputy.constituency, last_name="Йорданова", birth_date=BORN)
    db.session.commit()
    return voter


@pytest.fixture
def user(app):
    user = make_user(email_confirmed_at=datetime(2026, 1, 1, tzinfo=UTC))
    db.session.commit()
    return user


def attempt(user, voter, *, iin=None, last_name=None, born="1985-03-14", now=NOW):
    return verify_voter(user.id, iin or voter.iin, last_name or voter.last_name, born, now=now)


def audit_entries(action):
    return db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)).all()


def another_valid_iin() -> str:
    return iin_module.make(date(1970, 5, 5), iin_module.Sex.MALE, 4321)


def test_matching_details_bind_the_account_to_the_voter(user, voter):
    result = attempt(user, voter)

    assert result.verified and result.outcome is Outcome.VERIFIED
    assert voter.constituency.name in result.message
    db.session.refresh(user)
    assert user.voter_hash == voter.iin_hash and user.verified_at == NOW


def test_verification_is_audited_with_a_masked_iin_only(user, voter):
    attempt(user, voter)

    [entry] = audit_entries("voter.verified")
    assert entry.actor_id == user.id and entry.object_id == str(user.id)
    assert entry.details["iin"] == iin_module.mask(voter.iin)
    assert voter.iin not in json.dumps(entry.details)


@pytest.mark.parametrize(
    "last_name",
    ["  ЙОРДАНОВА ", unicodedata.normalize("NFD", "йорданова"), "Йорданова"],
    ids=["upper-case-and-spaces", "decomposed-letters", "exact"],
)
def test_the_surname_matches_whatever_its_case_spacing_or_unicode_form(user, voter, last_name):
    assert attempt(user, voter, last_name=last_name).verified


def test_the_birth_date_may_be_written_day_first(user, voter):
    assert attempt(user, voter, born="14.03.1985").verified


@pytest.mark.parametrize(
    "change",
    [
        {"last_name": "Иванова"},
        {"born": "1985-03-15"},
        {"iin": "unknown"},
    ],
    ids=["wrong-surname", "wrong-birth-date", "iin-not-on-register"],
)
def test_every_mismatch_gives_the_same_message_and_counts_a_failure(user, voter, change):
    if change.get("iin") == "unknown":
        change = {"iin": another_valid_iin()}

    result = attempt(user, voter, **change)

    assert result.outcome is Outcome.NO_MATCH and result.message == NO_MATCH
    db.session.refresh(user)
    assert user.voter_hash is None and user.verification_failures == 1


def test_a_voter_only_on_an_inactive_register_does_not_match(user, app):
    deputy = seat()
    old = make_snapshot(active=False)
    stale = make_voter(constituency=deputy.constituency, snapshot=old, birth_date=BORN)
    db.session.commit()

    assert attempt(user, stale).message == NO_MATCH


@pytest.mark.parametrize(
    "iin",
    [
        "850314300124",  # the check digit is wrong
        "12345",
        "abcdefghijkl",
        "８５０３１４３００１２３",  # full-width digits
        "8503143\x0001234",
        "9" * 10_000,
    ],
    ids=["checksum", "too-short", "letters", "full-width", "nul-byte", "very-long"],
)
def test_a_malformed_iin_is_refused_before_any_register_lookup(user, voter, iin):
    if iin == "850314300124":
        good = iin_module.make(BORN, iin_module.Sex.FEMALE, 3001)
        iin = good[:11] + str((int(good[11]) + 1) % 10)
        assert iin_module.problem(iin) is iin_module.IinProblem.CHECKSUM

    last_name = voter.last_name
    with recorded_sql() as statements:
        result = attempt(user, voter, iin=iin, last_name=last_name)

    assert result.outcome is Outcome.INVALID_IIN and result.message == BAD_IIN
    assert not [s for s in statements if "voters" in s]
    db.session.refresh(user)
    assert user.verification_failures == 1  # counted, against brute force


def test_a_malformed_iin_gets_the_same_answer_when_the_register_is_empty(user):
    assert verify_voter(user.id, "123456789012", "Anyone", "1985-03-14", now=NOW).message == BAD_IIN


@pytest.mark.parametrize(
    ("failures", "lock"),
    [(1, None), (4, None), (5, 5), (6, 10), (7, 20), (8, 40), (1000, 5 * 2**16)],
)
def test_the_lock_starts_at_the_fifth_failure_and_doubles_each_time(failures, lock):
    expected = None if lock is None else timedelta(minutes=lock)
    assert lock_duration(failures) == expected


def test_five_failures_lock_the_account_and_each_further_failure_doubles_the_lock(user, voter):
    for n in range(4):
        assert (
            attempt(user, voter, last_name="Wrong", now=NOW + timedelta(seconds=n)).locked_until
            is None
        )

    fifth = attempt(user, voter, last_name="Wrong", now=NOW)
    assert fifth.locked_until == NOW + timedelta(minutes=5)
    assert fifth.message.startswith(NO_MATCH) and "26 November 2026, 11:05" in fifth.message

    sixth = attempt(user, voter, last_name="Wrong", now=fifth.locked_until)
    assert sixth.locked_until == fifth.locked_until + timedelta(minutes=10)

    seventh = attempt(user, voter, last_name="Wrong", now=sixth.locked_until)
    assert seventh.locked_until == sixth.locked_until + timedelta(minutes=20)
    db.session.refresh(user)
    assert user.verification_failures == 7


def test_a_locked_account_is_refused_without_a_lookup_even_with_the_right_details(user, voter):
    user.verification_failures = 5
    user.verification_locked_until = NOW + timedelta(minutes=5)
    db.session.commit()

    last_name = voter.last_name
    with recorded_sql() as statements:
        result = attempt(user, voter, last_name=last_name, now=NOW + timedelta(minutes=4))

    assert result.outcome is Outcome.LOCKED and not result.verified
    assert "You can try again after 26 November 2026, 11:05" in result.message
    assert not [s for s in statements if "voters" in s]
    db.session.refresh(user)
    assert user.voter_hash is None and user.verification_failures == 5


def test_success_after_the_lock_ends_resets_the_failure_count(user, voter):
    user.verification_failures = 6
    user.verification_locked_until = NOW
    db.session.commit()

    assert attempt(user, voter, now=NOW).verified
    db.session.refresh(user)
    assert user.verification_failures == 0 and user.verification_locked_until is None


def test_a_second_account_claiming_the_same_voter_is_refused_and_audited(user, voter):
    holder = make_verified_citizen(voter)
    db.session.commit()

    result = attempt(user, voter)

    assert result.outcome is Outcome.CONFLICT
    assert result.message == NO_MATCH  # the same answer as wrong details: no account confirmed
    assert db.session.get(User, user.id).verification_failures == 1
    [entry] = audit_entries("voter.verification_conflict")
    assert entry.actor_id == user.id and entry.details["held_by"] == holder.id
    assert voter.iin not in json.dumps(entry.details)
    assert db.session.get(User, user.id).voter_hash is None


def test_a_concurrent_claim_caught_by_the_unique_constraint_is_a_conflict(user, voter, monkeypatch):
    make_verified_citizen(voter)
    db.session.commit()
    real_holder = verification._holder
    calls = []

    def holder_not_seen_yet(lookup_hash, user_id):
        calls.append(user_id)
        return None if len(calls) == 1 else real_holder(lookup_hash, user_id)

    monkeypatch.setattr(verification, "_holder", holder_not_seen_yet)

    result = attempt(user, voter)

    assert result.outcome is Outcome.CONFLICT
    assert len(audit_entries("voter.verification_conflict")) == 1
    assert audit_entries("voter.verified") == []
    assert db.session.get(User, user.id).voter_hash is None


def test_an_unconfirmed_email_is_refused_first_and_not_counted(voter):
    user = make_user()
    db.session.commit()

    result = attempt(user, voter)

    assert result.outcome is Outcome.EMAIL_UNCONFIRMED
    db.session.refresh(user)
    assert user.verification_failures == 0 and user.voter_hash is None


def test_an_account_already_verified_is_not_verified_again(voter):
    user = make_verified_citizen(voter)
    db.session.commit()

    assert attempt(user, voter).outcome is Outcome.ALREADY_VERIFIED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985-03-14", date(1985, 3, 14)),
        (" 14.03.1985 ", date(1985, 3, 14)),
        ("31.02.1985", None),
        ("1985/03/14", None),
        ("14-03-1985", None),
        ("\x00", None),
        ("9" * 5_000, None),
        ("", None),
        (None, None),
    ],
)
def test_birth_dates_are_read_in_two_formats_only(text, expected):
    assert parse_birth_date(text) == expected


def test_an_unreadable_birth_date_changes_nothing(user, voter):
    result = attempt(user, voter, born="yesterday")

    assert result.outcome is Outcome.BAD_BIRTH_DATE
    db.session.refresh(user)
    assert user.verification_failures == 0


def test_the_place_of_a_verified_voter_shows_deputy_and_public_petitions_only(app):
    from app.rules.lifecycle import PetitionStatus as S
    from tests.factories import make_petition

    deputy = seat()
    user = make_verified_citizen(make_voter(constituency=deputy.constituency))
    withdrawn = make_petition(deputy=deputy, status=S.WITHDRAWN)
    make_petition(deputy=deputy, status=S.GROUP_FORMING)
    db.session.commit()

    place = verification.voter_place(user)

    [only] = place.seats
    assert place.voter.constituency_id == deputy.constituency_id and only.deputy.id == deputy.id
    assert [p.id for p in place.petitions] == [withdrawn.id]


def test_a_voter_of_two_bodies_sees_a_seat_in_each_with_its_deputy_and_public_petitions(app):
    from app.rules.lifecycle import PetitionStatus as S
    from tests.factories import make_petition

    city, regional = city_and_region()
    user = make_verified_citizen(make_voter(constituency=city.constituency))
    collecting = make_petition(deputy=regional, status=S.COLLECTING)
    make_petition(deputy=city, status=S.GROUP_FORMING)
    db.session.commit()

    place = verification.voter_place(user)

    assert [(s.constituency.id, s.deputy.id) for s in place.seats] == [
        (city.constituency_id, city.id),
        (regional.constituency_id, regional.id),
    ]
    assert [[p.id for p in s.petitions] for s in place.seats] == [[], [collecting.id]]
    assert [p.id for p in place.petitions] == [collecting.id]


def test_a_vacant_seat_of_another_body_is_listed_without_a_deputy(app):
    city, regional = city_and_region()
    regional.status = "ended"
    user = make_verified_citizen(make_voter(constituency=city.constituency))
    db.session.commit()

    place = verification.voter_place(user)

    assert [s.deputy and s.deputy.id for s in place.seats] == [city.id, None]
