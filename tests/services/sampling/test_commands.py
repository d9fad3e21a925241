"""Sampling verification: a seed published first, a re-derivable draw, verdicts, projection."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    AuditEntry,
    OfficerAssignment,
    Petition,
    SampleDraw,
    SampleItem,
    SignatureStatus,
    Verdict,
)
from app.rules.draw import draw_sample
from app.rules.lifecycle import PetitionStatus as S
from app.services.certification.commands import CertificationError, propose
from app.services.sampling.commands import SamplingError, draw, publish_seed, record_verdict
from app.services.sampling.queries import public_sample, sampling_state
from tests.support.certification import (
    NOW,
    add_signatures,
    make_closed_petition,
    two_officers,
)

LATER = NOW + timedelta(minutes=5)


@pytest.fixture
def ca_petition(app):
    petition = make_closed_petition(rule_set_code="ca-local", required=8)
    add_signatures(petition, 10)
    add_signatures(petition, 1, status=SignatureStatus.INVALID)
    add_signatures(petition, 1, status=SignatureStatus.WITHDRAWN)
    db.session.commit()
    return petition


def judge_all(petition, officer, verdicts):
    items = sampling_state(db.session.get(Petition, petition.id)).items
    for item, verdict in zip(items, verdicts, strict=True):
        reason = "not_on_register" if verdict == "invalid" else None
        record_verdict(petition.id, item.id, officer.id, verdict=verdict, reason=reason, now=LATER)


def test_the_seed_is_published_before_the_draw_and_the_draw_is_rederivable(ca_petition):
    officer, _ = two_officers(ca_petition)
    db.session.commit()

    with pytest.raises(SamplingError, match="Publish the seed first"):
        draw(ca_petition.id, officer.id, now=LATER)
    seeded = publish_seed(ca_petition.id, officer.id, now=NOW)
    assert len(seeded.seed) == 64 and public_sample(ca_petition.id)["sample"] == []
    with pytest.raises(SamplingError, match="after the seed"):
        draw(ca_petition.id, officer.id, now=NOW)

    done = draw(ca_petition.id, officer.id, now=LATER)

    # Withdrawn signatures are not in the population; invalid and duplicate records are.
    assert (done.population, done.sample_size) == (11, 11)
    published = public_sample(ca_petition.id, with_population=True)
    assert published["seed"] == seeded.seed and published["population_size"] == 11
    assert published["sample"] == draw_sample(seeded.seed, published["population"], 11)
    entries = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert "sampling.seed_published" in entries and "sampling.drawn" in entries


def test_the_seed_and_the_draw_happen_once(ca_petition):
    officer, _ = two_officers(ca_petition)
    db.session.commit()
    publish_seed(ca_petition.id, officer.id, now=NOW)
    with pytest.raises(SamplingError, match="already published"):
        publish_seed(ca_petition.id, officer.id, now=NOW)
    draw(ca_petition.id, officer.id, now=LATER)

    with pytest.raises(SamplingError, match="already drawn"):
        draw(ca_petition.id, officer.id, now=LATER + timedelta(minutes=1))

    assert db.session.scalar(sa.select(sa.func.count()).select_from(SampleItem)) == 11
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SampleDraw)) == 1


def test_a_large_petition_is_sampled_at_the_rule_sets_size_and_projected(app):
    petition = make_closed_petition(rule_set_code="ca-local", required=430)
    add_signatures(petition, 520)
    officer, _ = two_officers(petition)
    db.session.commit()
    publish_seed(petition.id, officer.id, now=NOW)

    done = draw(petition.id, officer.id, now=LATER)

    # §11225: 500 or 5%, whichever is greater: 5% of 520 is 26, so 500.
    assert (done.population, done.sample_size) == (520, 500)
    positions = db.session.scalars(sa.select(SampleItem.position)).all()
    assert sorted(positions) == list(range(1, 501))

    # Verdicts set in bulk (the service records one at a time): 450 valid, 48 invalid, 2 dup.
    for verdict, low, high in [("valid", 1, 450), ("invalid", 451, 498), ("duplicate", 499, 500)]:
        db.session.execute(
            sa.update(SampleItem)
            .where(SampleItem.position.between(low, high))
            .values(verdict=Verdict(verdict), verdict_by_id=officer.id, verdict_at=LATER)
        )
    db.session.commit()
    state = sampling_state(db.session.get(Petition, petition.id))
    # 90.00% of 520 = 468; f = 1.04, weight 0.0416, 2 duplicates -> 1; 468 - 1 = 467.
    assert state.projection.projected_valid == 467
    assert state.projection.estimated_duplicates == 1
    assert state.interval.low < 467 < state.interval.high
    # 90% of 430 = 387 <= 467 <= 473 = 110%: every signature is examined.
    assert state.decision == "full_count"
    proposal = propose(petition.id, officer.id, result="sufficient", comment="", now=LATER)
    assert (proposal.method, proposal.valid_signatures) == ("full_count", 520)


def test_a_full_count_rule_set_has_no_sampling(app):
    petition = make_closed_petition(rule_set_code="kz-maslikhat-2023")
    officer, _ = two_officers(petition)
    db.session.commit()
    with pytest.raises(SamplingError, match="no sampling"):
        publish_seed(petition.id, officer.id, now=NOW)


def test_sampling_waits_for_verification_to_start(app):
    petition = make_closed_petition(rule_set_code="ca-local", status=S.COLLECTION_CLOSED)
    officer, _ = two_officers(petition)
    db.session.commit()
    with pytest.raises(SamplingError, match="being verified"):
        publish_seed(petition.id, officer.id, now=NOW)


def test_verdicts_give_the_projection_its_interval_and_the_decision(ca_petition):
    officer, other = two_officers(ca_petition)
    db.session.commit()
    publish_seed(ca_petition.id, officer.id, now=NOW)
    draw(ca_petition.id, officer.id, now=LATER)

    judge_all(ca_petition, officer, ["valid"] * 9 + ["invalid", "duplicate"])

    state = sampling_state(db.session.get(Petition, ca_petition.id))
    assert (state.valid, state.invalid, state.duplicates, state.complete) == (9, 1, 1, True)
    # Fewer signatures than the minimum sample: every one was examined, so the count is exact
    # (no rounded-up rate, no duplicate penalty) and the bands do not apply: 9 >= 8 required.
    assert state.projection.projected_valid == 9
    assert (state.interval.low, state.interval.high) == (9, 9)
    assert state.decision == "sufficient"
    proposal = propose(ca_petition.id, other.id, result="sufficient", comment="", now=LATER)
    assert (proposal.method, proposal.valid_signatures) == ("sampling", 9)


def test_a_partly_judged_sample_gives_a_provisional_projection_but_no_decision(ca_petition):
    officer, _ = two_officers(ca_petition)
    db.session.commit()
    publish_seed(ca_petition.id, officer.id, now=NOW)
    draw(ca_petition.id, officer.id, now=LATER)
    first = sampling_state(db.session.get(Petition, ca_petition.id)).items[0]

    record_verdict(ca_petition.id, first.id, officer.id, verdict="valid", reason=None, now=LATER)

    state = sampling_state(db.session.get(Petition, ca_petition.id))
    assert state.judged == 1 and not state.complete and state.decision is None
    with pytest.raises(CertificationError, match="every signature in the sample"):
        propose(ca_petition.id, officer.id, result="sufficient", comment="", now=LATER)


def test_an_invalid_verdict_needs_a_reason_and_a_correction_is_audited(ca_petition):
    officer, _ = two_officers(ca_petition)
    db.session.commit()
    publish_seed(ca_petition.id, officer.id, now=NOW)
    draw(ca_petition.id, officer.id, now=LATER)
    item = sampling_state(db.session.get(Petition, ca_petition.id)).items[0]

    with pytest.raises(SamplingError, match="reason"):
        record_verdict(ca_petition.id, item.id, officer.id, verdict="invalid", reason="", now=LATER)
    with pytest.raises(SamplingError, match="valid, invalid or duplicate"):
        record_verdict(ca_petition.id, item.id, officer.id, verdict="maybe", reason=None, now=LATER)
    record_verdict(ca_petition.id, item.id, officer.id, verdict="valid", reason=None, now=LATER)
    record_verdict(
        ca_petition.id, item.id, officer.id, verdict="invalid", reason="under_age", now=LATER
    )

    db.session.expire_all()
    stored = db.session.get(SampleItem, item.id)
    assert (stored.verdict, stored.reason) == (Verdict.INVALID, "under_age")
    last = db.session.scalar(
        sa.select(AuditEntry)
        .where(AuditEntry.action == "sampling.verdict")
        .order_by(AuditEntry.id.desc())
    )
    assert last.details["before"]["verdict"] == "valid"
    assert last.details["after"] == {"verdict": "invalid", "reason": "under_age"}


def test_a_verdict_on_another_petitions_sample_is_refused(ca_petition):
    officer, _ = two_officers(ca_petition)
    other = make_closed_petition(rule_set_code="ca-local")
    add_signatures(other, 2)
    # The officer works on both petitions: only the item's petition is wrong.
    db.session.add(OfficerAssignment(user_id=officer.id, body_id=other.constituency.body_id))
    db.session.commit()
    publish_seed(other.id, officer.id, now=NOW)
    draw(other.id, officer.id, now=LATER)
    foreign = db.session.scalars(sa.select(SampleItem)).first()
    publish_seed(ca_petition.id, officer.id, now=NOW)

    with pytest.raises(SamplingError, match="No such signature"):
        record_verdict(
            ca_petition.id, foreign.id, officer.id, verdict="valid", reason=None, now=LATER
        )


def test_an_exact_count_below_the_requirement_is_insufficient(app):
    petition = make_closed_petition(rule_set_code="ca-local", required=9)
    add_signatures(petition, 10)
    officer, other = two_officers(petition)
    db.session.commit()
    publish_seed(petition.id, officer.id, now=NOW)
    draw(petition.id, officer.id, now=LATER)
    judge_all(petition, officer, ["valid"] * 8 + ["invalid"] * 2)

    state = sampling_state(db.session.get(Petition, petition.id))
    assert state.decision == "insufficient"  # 8 of 9 (a projection would say "full count")
    proposal = propose(petition.id, other.id, result="insufficient", comment="", now=LATER)
    assert (proposal.method, proposal.valid_signatures) == ("sampling", 8)
