"""Counts follow the rule set's accepted proofs: a signature resting on another proof does
not count toward the threshold, and the counted ones are split by proof."""

from datetime import UTC, datetime

from app.extensions import db
from app.models import SignatureStatus
from app.models.signature import Channel, SignatureProof
from app.services.certification.queries import current_figures
from app.services.petitions.counts import exact_counts
from tests.factories import make_collecting_petition, make_signature

OPENED = datetime(2026, 12, 10, 5, tzinfo=UTC)


def test_counted_signatures_are_split_by_proof(app):
    petition = make_collecting_petition(opened_at=OPENED)
    make_signature(petition, proof=SignatureProof.EDS)
    make_signature(petition, proof=SignatureProof.EDS, status=SignatureStatus.PENDING)
    make_signature(petition)
    make_signature(petition, channel=Channel.PAPER)
    make_signature(petition, proof=SignatureProof.EDS, status=SignatureStatus.INVALID)
    db.session.commit()

    counts = exact_counts(petition.id)

    assert counts.by_proof == (("eds", 2), ("register_match", 1), ("paper", 1))
    assert (counts.valid, counts.pending, counts.invalid, counts.unaccepted) == (3, 1, 1, 0)


def test_a_proof_the_rule_set_does_not_accept_does_not_count(app):
    # California's set (in this project) takes online signatures by register match only.
    petition = make_collecting_petition(opened_at=OPENED, rule_set_code="ca-local")
    make_signature(petition, proof=SignatureProof.EDS)
    make_signature(petition)
    db.session.commit()

    counts = exact_counts(petition.id)

    assert (counts.valid, counts.counted, counts.unaccepted) == (1, 1, 1)
    assert counts.by_proof == (("eds", 0), ("register_match", 1), ("paper", 0))


def test_certification_figures_leave_out_unaccepted_proofs(app):
    petition = make_collecting_petition(opened_at=OPENED, rule_set_code="ca-local")
    for _ in range(3):
        make_signature(petition, proof=SignatureProof.EDS)
    make_signature(petition)
    db.session.commit()

    assert current_figures(petition).valid == 1
