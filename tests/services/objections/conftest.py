"""A petition under verification, or certified, with an invalidated signature, for the
objection tests."""

import pytest

from app.extensions import db
from app.models import Petition, Signature, SignatureStatus
from app.services.certification.commands import confirm, propose
from tests.support.certification import (
    INVALIDATED,
    NOW,
    add_signatures,
    make_closed_petition,
    two_officers,
)


@pytest.fixture
def case(app):
    """A petition under verification with two valid signatures and one invalidated yesterday."""
    petition = make_closed_petition(required=3)
    add_signatures(petition, 2)
    [signature_id] = add_signatures(petition, 1, status=SignatureStatus.INVALID)
    signature = db.session.get(Signature, signature_id)
    signature.invalid_reason, signature.checked_at = "not_on_register", INVALIDATED
    officer, _other = two_officers(petition)
    db.session.commit()
    return petition, signature, officer


@pytest.fixture
def certified_case(app):
    """A petition certified at ``NOW`` (3 required) with ``valid`` valid signatures and one
    invalidated the day before, still within its objection period; the two officers who
    certified it (``result``: ``insufficient`` with 2 valid, ``sufficient`` with 3)."""

    def build(result="insufficient"):
        petition = make_closed_petition(required=3)
        add_signatures(petition, 2 if result == "insufficient" else 3)
        [signature_id] = add_signatures(petition, 1, status=SignatureStatus.INVALID)
        signature = db.session.get(Signature, signature_id)
        signature.invalid_reason, signature.checked_at = "not_on_register", INVALIDATED
        first, second = two_officers(petition)
        db.session.commit()
        proposal = propose(petition.id, first.id, result=result, comment="", now=NOW)
        confirm(petition.id, proposal.id, second.id, now=NOW)
        return db.session.get(Petition, petition.id), signature, first, second

    return build
