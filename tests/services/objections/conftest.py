"""A petition under verification, or certified, with an invalidated signature, for the
objection tests."""

import pytest

from app.extensions import db
from app.models import Signature, SignatureStatus
from tests.support.certification import (
    INVALIDATED,
    add_signatures,
    certified_with_invalidated,
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
    """``certified_with_invalidated``: a certified petition with an invalidation in time."""
    return certified_with_invalidated
