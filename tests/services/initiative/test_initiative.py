import hashlib
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, InitiativeMember, MemberRole, Petition
from app.rules.lifecycle import PetitionStatus as S
from app.services.audit import chain as audit
from app.services.initiative import start as initiative_start
from app.services.initiative.common import (
    InitiativeRefused,
    NoSuchPetition,
    NotInitiator,
    Refusal,
)
from app.services.initiative.group import (
    file_petition,
    get_group,
    get_invitation,
    join_initiative,
    renew_invitation,
    update_statement,
    withdraw_petition,
)
from app.services.initiative.start import start_check, start_petition
from tests.factories import make_deputy, make_member, make_petition, make_user, make_voter
from tests.support.citizen import citizen_of, seat

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
STATEMENT = "The deputy has not held a single meeting with voters."


@pytest.fixture
def deputy(app):
    deputy = seat()
    db.session.commit()
    return deputy


@pytest.fixture
def initiator(deputy):
    return citizen_of(deputy.constituency)


@pytest.fixture
def started(initiator):
    petition, token = start_petition(initiator.id, STATEMENT, now=NOW)
    return petition, token


def petitions():
    return db.session.scalars(sa.select(Petition)).all()


def actions(petition_id):
    return db.session.scalars(
        sa.select(AuditEntry.action)
        .where(AuditEntry.object_type == "petition", AuditEntry.object_id == str(petition_id))
        .order_by(AuditEntry.id)
    ).all()


def refusal_of(call, *args, **kwargs) -> InitiativeRefused:
    with pytest.raises(InitiativeRefused) as refused:
        call(*args, **kwargs)
    return refused.value


def test_a_verified_voter_starts_a_petition_that_forms_its_group(deputy, initiator):
    petition, token = start_petition(initiator.id, f"  {STATEMENT}\r\n", now=NOW)

    assert petition.status is S.GROUP_FORMING and petition.deputy_id == deputy.id
    assert (petition.rule_set_code, petition.rule_set_version) == ("kz-maslikhat-2023", 1)
    assert petition.statement == STATEMENT and petition.created_by_id == initiator.id
    [member] = db.session.scalars(sa.select(InitiativeMember)).all()
    assert member.role is MemberRole.INITIATOR and member.member_hash == initiator.voter_hash


def test_only_the_sha256_of_the_invitation_secret_is_stored(started):
    petition, token = started

    assert (
        len(token) >= 32
        and petition.invite_token_hash == hashlib.sha256(token.encode()).hexdigest()
    )
    assert get_invitation(petition.id, token, 0).petition.id == petition.id


def test_starting_is_audited_like_a_status_change(started, initiator):
    petition, _token = started

    assert actions(petition.id) == ["petition.created", "petition.status_changed"]
    change = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "petition.status_changed")
    ).one()
    assert change.actor_id == initiator.id
    assert change.details == {
        "from": "draft",
        "to": "group_forming",
        "reason": "initiative started",
        "at": NOW.isoformat(),
    }


def test_starting_in_the_first_year_is_refused_with_the_date_it_becomes_possible(app):
    deputy = seat(election_date=date(2026, 5, 20), mandate_start=date(2026, 6, 1))
    user = citizen_of(deputy.constituency)

    refused = refusal_of(start_petition, user.id, STATEMENT, now=NOW)

    assert refused.reason is Refusal.TIME_BAR and refused.available_from == date(2027, 6, 1)
    assert "first 12 months" in refused.message and "1 June 2027" in refused.message
    assert petitions() == []


def test_a_short_mandate_where_the_bars_meet_allows_no_recall_at_all(app):
    deputy = seat(mandate_start=date(2026, 6, 1), mandate_end=date(2028, 3, 1))
    user = citizen_of(deputy.constituency)

    refused = refusal_of(start_petition, user.id, STATEMENT, now=NOW)

    assert refused.reason is Refusal.TIME_BAR and refused.available_from is None
    assert "no recall can start in this mandate" in refused.message


def test_starting_in_the_last_year_of_the_mandate_is_refused(app):
    deputy = seat(mandate_end=date(2027, 6, 1))
    user = citizen_of(deputy.constituency)

    refused = refusal_of(start_petition, user.id, STATEMENT, now=NOW)

    assert refused.reason is Refusal.TIME_BAR and refused.available_from is None
    assert "last 12 months" in refused.message and "1 June 2027" in refused.message


def test_starting_soon_after_a_failed_recall_waits_for_the_cooldown(deputy, initiator):
    failed = make_petition(deputy=deputy, status=S.INSUFFICIENT)
    details = {
        "from": "verification",
        "to": "insufficient",
        "reason": "x",
        "at": "2026-10-01T06:00:00+00:00",
    }
    audit.record("petition.status_changed", "petition", failed.id, details=details)
    db.session.commit()

    refused = refusal_of(start_petition, initiator.id, STATEMENT, now=NOW)

    # 365 calendar days counted from the day after 1 October 2026.
    assert refused.available_from == date(2027, 10, 2) and "2 October 2027" in refused.message


def test_only_one_active_petition_per_deputy_and_the_existing_one_is_offered(deputy, initiator):
    existing = make_petition(deputy=deputy, status=S.COLLECTING)
    db.session.commit()

    refused = refusal_of(start_petition, initiator.id, STATEMENT, now=NOW)

    assert refused.reason is Refusal.ACTIVE_PETITION and refused.petition.id == existing.id
    check = start_check(initiator.id, now=NOW)
    assert not check.allowed and check.existing_is_public and not check.existing_is_mine


def test_a_concurrent_start_is_caught_by_the_database(deputy, initiator, monkeypatch):
    existing = make_petition(deputy=deputy, status=S.GROUP_FORMING)
    db.session.commit()
    real = initiative_start._active_petition
    calls = []

    def not_seen_the_first_time(deputy_id):
        calls.append(deputy_id)
        return None if len(calls) == 1 else real(deputy_id)

    monkeypatch.setattr(initiative_start, "_active_petition", not_seen_the_first_time)

    refused = refusal_of(start_petition, initiator.id, STATEMENT, now=NOW)

    assert refused.reason is Refusal.ACTIVE_PETITION and refused.petition.id == existing.id
    assert len(petitions()) == 1


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        ("x" * 3001, Refusal.STATEMENT_TOO_LONG),
        ("", Refusal.STATEMENT_EMPTY),
        (" \r\n\t ", Refusal.STATEMENT_EMPTY),
        ("Reasons\x00 with a NUL byte", Refusal.STATEMENT_CHARACTERS),
        ("Reasons \x1b[31m in colour", Refusal.STATEMENT_CHARACTERS),
    ],
    ids=["too-long", "empty", "blank", "nul-byte", "escape-code"],
)
def test_a_bad_statement_is_refused_and_nothing_is_written(initiator, statement, reason):
    refused = refusal_of(start_petition, initiator.id, statement, now=NOW)

    assert refused.reason is reason
    assert petitions() == []


def test_the_limit_counts_characters_after_trimming(initiator):
    petition, _token = start_petition(initiator.id, "  " + "x" * 3000 + "\n", now=NOW)

    assert len(petition.statement) == 3000


def test_the_too_long_message_gives_the_count_and_the_limit(initiator):
    refused = refusal_of(start_petition, initiator.id, "x" * 3001, now=NOW)

    assert refused.message == "The statement has 3001 characters; the limit is 3000."


def test_an_unverified_citizen_cannot_start(app):
    user = make_user(email_confirmed_at=NOW)
    db.session.commit()

    check = start_check(user.id, now=NOW)

    assert check.refusal.reason is Refusal.NOT_VERIFIED


def test_a_constituency_without_a_serving_deputy_has_no_one_to_recall(app):
    deputy = seat()
    deputy.status = "ended"
    user = citizen_of(deputy.constituency)

    assert start_check(user.id, now=NOW).refusal.reason is Refusal.NO_DEPUTY


def test_a_voter_of_the_constituency_joins_by_the_invitation(started, deputy):
    petition, token = started
    member = citizen_of(deputy.constituency)

    join_initiative(petition.id, token, member.id, now=NOW)

    group = get_group(petition.id, petition.created_by_id)
    assert [m.user_id for m in group.members] == [petition.created_by_id, member.id]
    assert actions(petition.id)[-1] == "petition.member_joined"


def test_a_wrong_invitation_secret_is_no_such_petition(started, deputy):
    petition, token = started
    member = citizen_of(deputy.constituency)

    for wrong in ("", token[:-1], token + "x", "\x00" * 40, "é" * 500):
        with pytest.raises(NoSuchPetition):
            join_initiative(petition.id, wrong, member.id, now=NOW)
    with pytest.raises(NoSuchPetition):
        join_initiative(petition.id + 1, token, member.id, now=NOW)


def test_a_voter_of_another_constituency_cannot_join_and_is_told_theirs(started):
    petition, token = started
    elsewhere = make_deputy(full_name="Their Own Deputy")
    outsider = citizen_of(elsewhere.constituency)

    refused = refusal_of(join_initiative, petition.id, token, outsider.id, now=NOW)

    assert refused.reason is Refusal.OTHER_CONSTITUENCY
    assert refused.voter.constituency_id == elsewhere.constituency_id
    assert refused.deputy.full_name == "Their Own Deputy"


def test_joining_twice_is_refused(started, deputy):
    petition, token = started
    member = citizen_of(deputy.constituency)
    join_initiative(petition.id, token, member.id, now=NOW)

    refused = refusal_of(join_initiative, petition.id, token, member.id, now=NOW)

    assert refused.reason is Refusal.ALREADY_MEMBER
    initiator_refused = refusal_of(
        join_initiative, petition.id, token, petition.created_by_id, now=NOW
    )
    assert initiator_refused.reason is Refusal.ALREADY_MEMBER


def test_an_unverified_citizen_cannot_join(started):
    petition, token = started
    user = make_user(email_confirmed_at=NOW)
    db.session.commit()

    assert (
        refusal_of(join_initiative, petition.id, token, user.id, now=NOW).reason
        is Refusal.NOT_VERIFIED
    )


def test_a_minor_on_the_register_cannot_join(started, deputy):
    petition, token = started
    minor = citizen_of(deputy.constituency, birth_date=date(2009, 1, 1))

    assert (
        refusal_of(join_initiative, petition.id, token, minor.id, now=NOW).reason
        is Refusal.UNDER_AGE
    )


def grow_group(petition, token, constituency, size):
    """Bring the group (initiator included) to ``size`` verified members."""
    for _ in range(size - 1):
        join_initiative(petition.id, token, citizen_of(constituency).id, now=NOW)


def test_filing_is_refused_below_the_group_minimum(started, deputy):
    petition, token = started
    grow_group(petition, token, deputy.constituency, 9)

    refused = refusal_of(file_petition, petition.id, petition.created_by_id, now=NOW)

    assert refused.reason is Refusal.GROUP_TOO_SMALL and "9 members" in refused.message
    assert db.session.get(Petition, petition.id).status is S.GROUP_FORMING


def test_filing_with_ten_members_freezes_the_statement_and_records_its_sha256(started, deputy):
    petition, token = started
    grow_group(petition, token, deputy.constituency, 10)

    filed = file_petition(petition.id, petition.created_by_id, now=NOW)

    assert filed.status is S.FILED and filed.filed_at == NOW
    assert filed.statement_sha256 == hashlib.sha256(STATEMENT.encode()).hexdigest()
    refused = refusal_of(update_statement, petition.id, petition.created_by_id, "New", now=NOW)
    assert refused.reason is Refusal.NOT_GROUP_FORMING
    late = citizen_of(deputy.constituency)
    assert (
        refusal_of(join_initiative, petition.id, token, late.id, now=NOW).reason
        is Refusal.NOT_GROUP_FORMING
    )


def test_only_the_initiator_sees_and_runs_the_group(started, deputy):
    petition, token = started
    member = citizen_of(deputy.constituency)
    join_initiative(petition.id, token, member.id, now=NOW)

    for call in (get_group, renew_invitation, file_petition, withdraw_petition):
        with pytest.raises(NotInitiator):
            if call is get_group:
                call(petition.id, member.id)
            else:
                call(petition.id, member.id, now=NOW)
    with pytest.raises(NoSuchPetition):
        get_group(petition.id + 100, petition.created_by_id)


def test_a_new_invitation_link_replaces_the_old_one(started, deputy):
    petition, old = started

    new = renew_invitation(petition.id, petition.created_by_id, now=NOW)

    assert new != old
    with pytest.raises(NoSuchPetition):
        get_invitation(petition.id, old, 0)
    join_initiative(petition.id, new, citizen_of(deputy.constituency).id, now=NOW)


def test_the_initiator_edits_the_statement_while_the_group_forms(started):
    petition, _token = started

    update_statement(petition.id, petition.created_by_id, "Better reasons.", now=NOW)

    assert db.session.get(Petition, petition.id).statement == "Better reasons."
    assert actions(petition.id)[-1] == "petition.statement_changed"
    refused = refusal_of(update_statement, petition.id, petition.created_by_id, "y" * 3001, now=NOW)
    assert refused.reason is Refusal.STATEMENT_TOO_LONG


def test_the_initiator_withdraws_until_collection_ends(started):
    petition, _token = started

    withdrawn = withdraw_petition(petition.id, petition.created_by_id, now=NOW)

    assert withdrawn.status is S.WITHDRAWN
    refused = refusal_of(withdraw_petition, petition.id, petition.created_by_id, now=NOW)
    assert refused.reason is Refusal.NOT_WITHDRAWABLE


def test_a_member_added_directly_counts_toward_the_minimum(started, deputy):
    petition, _token = started
    for _ in range(9):
        make_member(petition=petition, user=citizen_of(deputy.constituency))
    db.session.commit()

    group = get_group(petition.id, petition.created_by_id)

    assert len(group.members) == 10 and group.can_file


def test_the_voter_of_a_stale_account_is_not_on_the_register(app):
    deputy = seat()
    user = make_user(email_confirmed_at=NOW, voter_hash=b"\x01" * 32)
    make_voter(constituency=deputy.constituency)
    db.session.commit()

    assert start_check(user.id, now=NOW).refusal.reason is Refusal.NOT_ON_REGISTER


def test_no_petition_starts_under_the_mazhilis_rules_after_the_chamber_ended(app):
    deputy = seat()
    deputy.constituency.body.rule_set_code = "kz-mazhilis-2023"
    db.session.commit()
    voter = citizen_of(deputy.constituency)

    refusal = refusal_of(start_petition, voter.id, STATEMENT, now=NOW)

    assert refusal.reason is Refusal.RULES_NOT_IN_FORCE
    assert "These recall rules ended on July 1, 2026." in str(refusal)
    assert "The chamber ended its powers" in str(refusal)
    assert petitions() == []
