"""Challenges for signing with an electronic digital signature (EDS): the data a signer signs
for a petition, valid for ten minutes and usable once, and what a signing app (or the page
waiting for it) learns about one.

The data to sign is a canonical UTF-8 JSON of the petition id, the statement's SHA-256, the
constituency code, a random nonce and the issue time. The challenge id is a bearer secret (it
stands in a QR code's link), so only its SHA-256 is stored. ``eds`` verifies the CMS signature
made over the data and records the signature.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from app.database import transaction
from app.extensions import db
from app.models import EdsChallenge, Petition
from app.rules.proofs import IdentityProof
from app.services.law import get_rule_set
from app.services.petitions.queries import PUBLIC_STATUSES
from app.services.signing.commands import SigningRefused, check_collecting
from app.services.signing.eds_refusals import EdsCode, EdsRefused, refusal_for_signing

CHALLENGE_LIFETIME = timedelta(minutes=10)
#: Unused challenges are deleted this long after they expired.
CHALLENGE_RETENTION = timedelta(days=1)


@dataclass(frozen=True)
class Challenge:
    token: str
    petition_id: int
    data_to_sign: bytes
    issued_at: datetime
    expires_at: datetime
    #: ``open``, ``signed`` or ``expired``.
    state: str = "open"
    receipt_code: str | None = None


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def eds_configured() -> bool:
    """Whether this site can verify EDS signatures (trust anchors configured)."""
    return bool(current_app.config.get("EDS_TRUST_ANCHORS"))


def data_to_sign(petition: Petition, nonce: str, issued_at: datetime) -> bytes:
    """The canonical JSON a signer signs: sorted keys, no spaces, UTF-8, seconds in UTC."""
    document = {
        "constituency": petition.constituency.code,
        "issued_at": issued_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "nonce": nonce,
        "petition_id": petition.id,
        "statement_sha256": petition.statement_sha256,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def eds_petition(petition_id: int, now: datetime) -> Petition:
    """The petition, if it takes an EDS signature at ``now`` (else ``EdsRefused``)."""
    petition = db.session.get(Petition, petition_id, options=[joinedload(Petition.constituency)])
    if petition is None or petition.status not in PUBLIC_STATUSES:
        raise EdsRefused(EdsCode.NOT_COLLECTING)
    if not eds_configured() or not get_rule_set(petition.rule_set_code).accepts_online(
        IdentityProof.EDS
    ):
        raise EdsRefused(EdsCode.PROOF_NOT_ACCEPTED)
    try:
        check_collecting(petition, now)
    except SigningRefused as refused:
        raise refusal_for_signing(refused.reason, refused.message) from None
    return petition


def issue_challenge(petition_id: int, *, user_id: int | None, now: datetime) -> Challenge:
    """A new challenge for ``petition_id`` (``EdsRefused`` if it takes no EDS signature now).
    ``user_id``: the signed-in account asking, if any."""
    with transaction():
        petition = eds_petition(petition_id, now)
        token = secrets.token_urlsafe(24)
        issued_at = now.replace(microsecond=0)
        data = data_to_sign(petition, secrets.token_urlsafe(16), issued_at)
        challenge = EdsChallenge(
            token_hash=token_hash(token),
            petition_id=petition.id,
            user_id=user_id,
            data_to_sign=data,
            issued_at=issued_at,
            expires_at=issued_at + CHALLENGE_LIFETIME,
        )
        db.session.add(challenge)
        db.session.execute(
            sa.delete(EdsChallenge).where(
                EdsChallenge.used_at.is_(None),
                EdsChallenge.expires_at < now - CHALLENGE_RETENTION,
            )
        )
    return Challenge(token, petition.id, data, issued_at, challenge.expires_at)


def find_challenge(token: str) -> EdsChallenge | None:
    """The stored challenge of ``token`` (only its hash is stored), or None."""
    if not isinstance(token, str) or not 0 < len(token) <= 100:
        return None
    return db.session.scalar(
        sa.select(EdsChallenge).where(EdsChallenge.token_hash == token_hash(token))
    )


def challenge_state(token: str, now: datetime) -> Challenge | None:
    """What a signing app (or the page waiting for it) needs to know about a challenge."""
    found = find_challenge(token)
    if found is None:
        return None
    state, receipt = "open", None
    if found.used_at is not None:
        state, receipt = "signed", found.signature.receipt_code
    elif found.expires_at <= now:
        state = "expired"
    return Challenge(
        token,
        found.petition_id,
        found.data_to_sign,
        found.issued_at,
        found.expires_at,
        state,
        receipt,
    )
