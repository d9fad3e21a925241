from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.demo.newcomers import NEWCOMERS
from app.demo.petitions import seed_demo_petition
from app.extensions import db
from app.models import (
    AuditEntry,
    Body,
    Certification,
    Constituency,
    InitiativeMember,
    MemberRole,
    OutboxMessage,
    Petition,
    ProposalStatus,
    RecallVote,
    RegisterSnapshot,
    Signature,
    SignatureStatus,
    User,
    Voter,
)
from app.rules.checks import Check
from app.rules.lifecycle import PetitionStatus
from app.rules.lifecycle import PetitionStatus as S
from app.services.law import rule_sets
from app.services.notifications.dispatch import dispatch_pending
from app.services.petitions.commands import change_status
from app.services.voters import active_voter

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)


@pytest.mark.seeded(voters=0, now=NOW)
def test_every_demo_body_uses_a_rule_set_that_exists(app):
    codes = set(db.session.scalars(sa.select(Body.rule_set_code)))
    assert codes and codes <= set(rule_sets())


@pytest.mark.seeded(voters=300, now=NOW)
def test_the_demo_petition_is_collecting_and_reached_its_state_through_audited_steps(app):
    petition = first_petition()
    assert petition.status is PetitionStatus.COLLECTING
    assert petition.constituency.code == "KARAGANDA-RM-01"
    assert petition.opened_at == NOW - timedelta(days=3)
    assert petition.closes_at > NOW and petition.statement_sha256 is not None
    steps = db.session.scalars(
        sa.select(AuditEntry.details).where(
            AuditEntry.object_type == "petition",
            AuditEntry.object_id == str(petition.id),
            AuditEntry.action == "petition.status_changed",
        )
    ).all()
    assert [step["to"] for step in steps] == ["group_forming", "filed", "collecting"]


@pytest.mark.seeded(voters=300, now=NOW)
def test_seeding_the_demo_petition_twice_creates_one(app):
    again = seed_demo_petition(NOW)

    assert not again.created and again.petition_id == first_petition().id
    # 1 + 4 commission cases + 2 on the fictional councils
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Petition)) == 7


@pytest.mark.seeded(voters=1_000, now=NOW)
def test_the_demo_citizen_is_a_verified_voter_of_the_petition_constituency_who_has_not_signed(app):
    petition = first_petition()
    citizen = db.session.scalar(sa.select(User).where(User.email == "citizen@demo.recall.kz"))
    assert citizen.email_confirmed_at is not None
    assert active_voter(citizen.voter_hash).constituency_id == petition.constituency_id
    signers = db.session.scalars(
        sa.select(Signature.signer_hash).where(Signature.petition_id == petition.id)
    ).all()
    # Forty voters of the constituency, and five registered elsewhere (app/demo/replies.py).
    assert len(signers) == min(40, voters_in(petition.constituency_id) - 1) + 5
    assert citizen.voter_hash not in signers
    assert all(s.signed_at <= NOW for s in db.session.scalars(sa.select(Signature)))


def first_petition():
    return db.session.scalar(sa.select(Petition).order_by(Petition.id).limit(1))


def voters_in(constituency_id):
    """The register rows naming the constituency, which the seed picks signers from (the
    newcomers it leaves; voters the station map brings in from Temirtau are not picked)."""
    code = db.session.get(Constituency, constituency_id).code
    newcomers = sum(1 for person in NEWCOMERS if person.constituency_code == code)
    registered = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Voter)
        .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
        .where(RegisterSnapshot.is_active, Voter.constituency_id == constituency_id)
    )
    return registered - newcomers


@pytest.mark.seeded(voters=3_000, now=NOW)
def test_the_commission_demo_has_filed_closed_and_vote_scheduled_petitions(app):
    rows = db.session.execute(
        sa.select(Petition.status, sa.func.count(Signature.id))
        .outerjoin(Signature, Signature.petition_id == Petition.id)
        .group_by(Petition.id, Petition.status)
        .order_by(Petition.id)
    ).all()
    statuses = [status for status, _ in rows]
    assert statuses[:5] == [
        S.COLLECTING,
        S.FILED,
        S.COLLECTION_CLOSED,
        S.VOTE_SCHEDULED,
        S.RETAINED,
    ]
    flagged = db.session.scalars(
        sa.select(Signature).where(
            Signature.status == SignatureStatus.PENDING, Signature.petition_id == 3
        )
    ).all()
    assert len(flagged) == 3 and all(s.failed_checks == Check.IN_CONSTITUENCY for s in flagged)
    # The register really places the three signers in another constituency.
    assert {s.voter.constituency.code for s in flagged} == {"KARAGANDA-RM-05"}


@pytest.mark.seeded(voters=3_000, now=NOW)
def test_the_filed_demo_petition_has_an_initiator_account_who_is_told_of_its_registration(app):
    initiator = db.session.scalar(sa.select(User).where(User.email == "initiator@demo.recall.kz"))
    filed = db.session.scalar(sa.select(Petition).where(Petition.status == S.FILED))
    member = db.session.scalar(
        sa.select(InitiativeMember).where(InitiativeMember.user_id == initiator.id)
    )
    assert member.petition_id == filed.id and member.role is MemberRole.INITIATOR
    assert active_voter(initiator.voter_hash).constituency_id == filed.constituency_id
    assert initiator.language == "ru"
    officer = db.session.scalar(sa.select(User).where(User.email == "commission@demo.recall.kz"))

    change_status(filed.id, S.COLLECTING, now=NOW, reason="registered", actor=officer)
    dispatch_pending(NOW)

    mail = db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.to_address == initiator.email)
    )
    assert mail.language == "ru" and f"/petitions/{filed.id}" in mail.body_text


@pytest.mark.seeded(voters=3_000, now=NOW)
def test_the_demo_vote_was_certified_by_two_officers_and_held_yesterday(app):
    [certification] = db.session.scalars(
        sa.select(Certification).where(Certification.petition_id == 4)
    ).all()
    assert certification.status is ProposalStatus.CONFIRMED
    assert certification.proposed_by_id != certification.decided_by_id
    vote = db.session.scalar(sa.select(RecallVote).where(RecallVote.petition_id == 4))
    assert vote.result is None and vote.voting_day == date(2026, 11, 25)  # NOW is 26 Nov, 11:00


@pytest.mark.seeded(voters=3_000, now=NOW)
def test_the_demo_has_a_petition_whose_vote_result_is_recorded_and_published(app, client):
    petition = db.session.get(Petition, 5)
    vote = db.session.scalar(sa.select(RecallVote).where(RecallVote.petition_id == 5))
    assert petition.status is S.RETAINED and vote.voting_day == date(2026, 10, 17)
    assert vote.recorded_by_id is not None and vote.turnout * 3 >= vote.electorate
    result = client.get("/api/v1/petitions/5").get_json()["result"]
    assert result["kind"] == "vote" and result["outcome"] == "retained" and result["valid"]
    assert (result["electorate"], result["turnout"]) == (vote.electorate, vote.turnout)
    page = client.get("/petitions/5").get_data(as_text=True)
    assert 'id="petition-result"' in page and 'datetime="2026-10-17"' in page
