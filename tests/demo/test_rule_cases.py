"""The demo's rule-engine cases: real checks on petition 3, sampling (California) and a seat
vacated by the petition itself (UK), all reachable with the demo officer accounts."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.demo import constituencies
from app.demo.rule_cases import CA_CONSTITUENCY, UK_CONSTITUENCY
from app.demo.seed import seed_demo
from app.extensions import db
from app.models import (
    Certification,
    Constituency,
    DeputyStatus,
    Petition,
    ProposalStatus,
    RegisterSnapshot,
    SampleItem,
    Signature,
    SignatureStatus,
    User,
)
from app.rules.checks import Check
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification import commands as certification
from app.services.certification.queries import current_figures
from app.services.review.recheck import recheck_open_petitions
from app.services.sampling import commands as sampling

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
#: Each test gets its own copy of a database ``seed_demo(voters=3_000, now=NOW)`` loaded.
pytestmark = pytest.mark.seeded(voters=3_000, now=NOW)


def user(email: str) -> User:
    return db.session.scalar(sa.select(User).where(User.email == email))


def petition_in(code: str) -> Petition:
    return db.session.scalar(
        sa.select(Petition).join(Constituency).where(Constituency.code == code)
    )


def signature_states() -> dict[int, tuple]:
    return {
        row.id: (row.status, row.failed_checks, row.voter_id, row.duplicate_of_id)
        for row in db.session.execute(
            sa.select(
                Signature.id,
                Signature.status,
                Signature.failed_checks,
                Signature.voter_id,
                Signature.duplicate_of_id,
            )
        )
    }


def test_a_recheck_against_the_register_confirms_every_demo_signature(app):
    before = signature_states()
    snapshot = db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))

    result = recheck_open_petitions(snapshot.id, NOW + timedelta(hours=1), actor_label="test")

    assert (result.flagged, result.cleared) == (0, 0)
    assert signature_states() == before
    flagged = db.session.scalars(
        sa.select(Signature).where(Signature.petition_id == 3, Signature.failed_checks != 0)
    ).all()
    assert len(flagged) == 3
    assert all(s.failed_checks == Check.IN_CONSTITUENCY for s in flagged)
    assert all(s.status is SignatureStatus.PENDING for s in flagged)
    valid = db.session.scalar(
        sa.select(sa.func.count()).where(
            Signature.petition_id == 3, Signature.status == SignatureStatus.VALID
        )
    )
    assert valid == 57


def test_the_california_petition_is_sampled_and_certified_by_the_two_almaty_officers(app):
    petition = petition_in(CA_CONSTITUENCY)
    assert petition.rule_set_code == "ca-local" and petition.status is S.VERIFICATION
    assert petition.electorate == constituencies.FICTIONAL_ELECTORATE[CA_CONSTITUENCY]
    first = user("almaty-officer@demo.recall.kz")
    second = user("almaty-officer2@demo.recall.kz")
    karaganda = user("commission@demo.recall.kz")
    with pytest.raises(sampling.SamplingError):
        sampling.publish_seed(petition.id, karaganda.id, now=NOW)

    sampling.publish_seed(petition.id, first.id, now=NOW)
    drawn = sampling.draw(petition.id, first.id, now=NOW + timedelta(minutes=1))

    assert drawn.population == 810 and drawn.sample_size == 500
    assert petition.signatures_required < drawn.population
    items = db.session.scalars(sa.select(SampleItem).where(SampleItem.draw_id == drawn.id)).all()
    for item in items:
        signature = db.session.get(Signature, item.signature_id)
        if signature.status is SignatureStatus.VALID:
            verdict, reason = "valid", None
        elif signature.is_duplicate:
            verdict, reason = "invalid", "duplicate"
        else:
            verdict, reason = "invalid", "other_constituency"
        sampling.record_verdict(
            petition.id, item.id, second.id, verdict=verdict, reason=reason, now=NOW
        )
    figures = current_figures(petition)
    assert figures.method == "sampling" and figures.result.value == "sufficient"

    proposal = certification.propose(
        petition.id, first.id, result="sufficient", comment="", now=NOW + timedelta(hours=1)
    )
    certification.confirm(petition.id, proposal.id, second.id, now=NOW + timedelta(hours=2))

    db.session.refresh(petition)
    assert petition.status is S.SUFFICIENT  # California: a recall election follows


@pytest.mark.parametrize("confirmer", ["almaty-officer2@demo.recall.kz", "admin@demo.recall.kz"])
def test_confirming_the_uk_proposal_vacates_the_seat(app, confirmer):
    petition = petition_in(UK_CONSTITUENCY)
    assert petition.rule_set_code == "uk-2015" and petition.status is S.VERIFICATION
    [proposal] = db.session.scalars(
        sa.select(Certification).where(Certification.petition_id == petition.id)
    ).all()
    proposer = user("almaty-officer@demo.recall.kz")
    assert proposal.status is ProposalStatus.PROPOSED and proposal.proposed_by_id == proposer.id
    assert (proposal.valid_signatures, proposal.signatures_required) == (75, 60)
    with pytest.raises(certification.CertificationError):
        certification.confirm(petition.id, proposal.id, proposer.id, now=NOW)

    certification.confirm(petition.id, proposal.id, user(confirmer).id, now=NOW)

    db.session.refresh(petition)
    assert petition.status is S.SEAT_VACATED
    assert petition.deputy.status is DeputyStatus.RECALLED


def test_the_uk_petition_was_opened_by_the_petition_officer(app):
    petition = petition_in(UK_CONSTITUENCY)
    assert petition.opened_at == NOW - timedelta(days=60)
    invalid = db.session.scalars(
        sa.select(Signature).where(
            Signature.petition_id == petition.id, Signature.status == SignatureStatus.INVALID
        )
    ).all()
    assert len(invalid) == 3 and all(s.reviewed_by_id is not None for s in invalid)


def test_seeding_again_adds_no_rule_case(app, seed_report):
    again = seed_demo(voters=3_000, now=NOW)

    assert len(seed_report.rule_cases) == 2 and again.rule_cases == []
