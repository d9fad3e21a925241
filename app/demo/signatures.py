"""Demo signatures that go through the real automatic checks (``apply_checks``).

A signature is stored with the voter it names and its signing time, then checked against the
active register exactly as a live signature would be: a voter of another constituency fails
IN_CONSTITUENCY and waits for an officer, a second record of the same person is an invalid
duplicate. Re-running the checks (``flask register recheck``) therefore gives the same answer.
"""

import hashlib
from datetime import date, datetime

import sqlalchemy as sa

from app.demo import newcomers
from app.extensions import db
from app.models import (
    Channel,
    Constituency,
    Petition,
    RegisterSnapshot,
    Signature,
    SignatureStatus,
    Voter,
)
from app.services.review.checks import apply_checks

#: The demo register (snapshot of 1 October 2026) lists adults born up to 1 October 2008; those
#: born before 1 October 2007 were of age on every day from 1 October 2025 on, so a demo signature
#: dated after that never fails the age check by accident.
ADULT_BORN_BEFORE = date(2007, 10, 1)


def active_voters(
    constituency_code: str, limit: int, *, born_before: date | None = None
) -> list[Voter]:
    """The first ``limit`` voters (by id) of ``constituency_code`` in the active register; with
    ``born_before``, only those born before that day (adults on any day of the demo)."""
    query = (
        sa.select(Voter)
        .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
        .join(Constituency, Constituency.id == Voter.constituency_id)
        .where(
            RegisterSnapshot.is_active,
            Constituency.code == constituency_code,
            newcomers.excluded(),
        )
    )
    if born_before is not None:
        query = query.where(Voter.birth_date < born_before)
    return list(db.session.scalars(query.order_by(Voter.id).limit(limit)))


def add_checked(
    petition: Petition,
    voter: Voter,
    *,
    signed_at: datetime,
    checked_at: datetime,
    prefix: str,
    channel: Channel = Channel.ONLINE,
    duplicate_of: Signature | None = None,
) -> Signature:
    """Add one signature of ``voter`` and run the automatic checks on it (not flushed)."""
    tag = b"dup" if duplicate_of is not None else b""
    digest = hashlib.sha256(voter.iin_hash + str(petition.id).encode() + tag).hexdigest()
    signature = Signature(
        petition=petition,
        signer_hash=voter.iin_hash,
        voter=voter,
        channel=channel,
        status=SignatureStatus.VALID,
        signed_at=signed_at,
        receipt_code=prefix + digest[:8].upper(),
        duplicate_of_id=duplicate_of.id if duplicate_of is not None else None,
    )
    if duplicate_of is not None:
        signature.status = SignatureStatus.INVALID
    db.session.add(signature)
    apply_checks(signature, petition, voter=voter, snapshot_id=voter.snapshot_id, now=checked_at)
    return signature
