"""Use case: sign a petition with an electronic digital signature (EDS).

1. ``eds_challenges.issue_challenge``: the data to sign for a petition, valid for ten minutes
   and usable once.
2. ``sign_with_eds``: a CMS SignedData over that data (NCALayer, eGov Mobile or any signing app)
   is verified (``app.eds``: signature, digest, content, path to a trust anchor, validity, key
   usage, revocation, IIN), then the person named by the certificate is checked exactly as an
   online signer is (``commands.check_collecting`` and ``check_voter``: period, pause, register,
   constituency, age) and signs once: the same unique index on the petition and the IIN's HMAC
   decides between racers. No account is needed; the signature is linked to the account that
   asked for the challenge when that account is verified as the same voter.

The CMS is verified before the write transaction starts (it is the expensive part), and the
challenge is re-checked under its row lock inside it.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy.exc import IntegrityError

from app.crypto import vault
from app.database import get_locked, transaction
from app.eds.cms import VerifiedSignature, verify_cms
from app.eds.errors import EdsError
from app.eds.store import TrustConfigError, load_trust
from app.extensions import db
from app.models import (
    EdsChallenge,
    EdsSignature,
    Signature,
    SignatureProof,
    SignatureStatus,
    User,
)
from app.models.signature import Channel
from app.rules.log_leaves import LogEvent
from app.services.audit import chain as audit
from app.services.signing.commands import (
    SigningRefused,
    check_voter,
    standing_record,
)
from app.services.signing.eds_challenges import eds_petition, find_challenge
from app.services.signing.eds_refusals import (
    EdsCode,
    EdsRefused,
    refusal_for_problem,
    refusal_for_signing,
)
from app.services.signing.receipts import new_receipt_code, queue_receipt
from app.services.transparency.record import log_signature_now, pseudonym


@dataclass(frozen=True)
class EdsReceipt:
    receipt_code: str
    petition_id: int
    signed_at: datetime
    #: Whether the signature was linked to the signed-in account that asked for the challenge.
    linked: bool
    #: The signature's entry in the transparency log, and the pseudonym the log gives it.
    log_index: int
    pseudonym: str


def _usable(challenge: EdsChallenge | None, petition_id: int, now: datetime) -> EdsChallenge:
    if challenge is None or challenge.petition_id != petition_id:
        raise EdsRefused(EdsCode.UNKNOWN_CHALLENGE)
    if challenge.used_at is not None:
        raise EdsRefused(EdsCode.CHALLENGE_USED)
    if challenge.expires_at <= now:
        raise EdsRefused(EdsCode.CHALLENGE_EXPIRED)
    return challenge


def verify_for(challenge: EdsChallenge, cms_der: bytes, now: datetime) -> VerifiedSignature:
    """The CMS verified against the challenge and the configured trust (``EdsRefused``)."""
    config = current_app.config
    try:
        trust = load_trust(config.get("EDS_TRUST_ANCHORS"), config.get("EDS_CRL_DIR"))
    except TrustConfigError as error:
        current_app.logger.error("EDS verification unavailable: %s", error)
        raise EdsRefused(EdsCode.REVOCATION_UNAVAILABLE) from None
    try:
        return verify_cms(cms_der, expected_content=challenge.data_to_sign, trust=trust, at=now)
    except EdsError as error:
        raise refusal_for_problem(error.problem) from None


def sign_with_eds(petition_id: int, token: str, cms_der: bytes, *, now: datetime) -> EdsReceipt:
    """Verify ``cms_der`` for the challenge ``token`` and record the signature it makes."""
    challenge = _usable(find_challenge(token), petition_id, now)
    db.session.commit()  # end the read: verifying takes a while and must not hold a snapshot
    verified = verify_for(challenge, cms_der, now)
    signer_hash = vault().lookup_hash(verified.iin)
    try:
        with transaction():
            return _record(challenge.id, petition_id, verified, signer_hash, cms_der, now)
    except IntegrityError:
        if _usable_or_none(challenge.id, petition_id, now) is None:
            raise EdsRefused(EdsCode.CHALLENGE_USED) from None
        if standing_record(petition_id, signer_hash) is not None:
            raise EdsRefused(EdsCode.ALREADY_SIGNED) from None
        raise


def _usable_or_none(challenge_id: int, petition_id: int, now: datetime) -> EdsChallenge | None:
    try:
        return _usable(db.session.get(EdsChallenge, challenge_id), petition_id, now)
    except EdsRefused:
        return None


def _record(
    challenge_id: int,
    petition_id: int,
    verified: VerifiedSignature,
    signer_hash: bytes,
    cms_der: bytes,
    now: datetime,
) -> EdsReceipt:
    challenge = _usable(get_locked(EdsChallenge, challenge_id), petition_id, now)
    petition = eds_petition(petition_id, now)
    try:
        voter = check_voter(signer_hash, petition, now)
    except SigningRefused as refused:
        raise refusal_for_signing(refused.reason, refused.message) from None
    signature = standing_record(petition.id, signer_hash)
    if signature is not None and signature.status is not SignatureStatus.WITHDRAWN:
        raise EdsRefused(EdsCode.ALREADY_SIGNED)
    if signature is None:
        signature = Signature(petition_id=petition.id, signer_hash=signer_hash)
        db.session.add(signature)
    account = challenge.user if challenge.user_id is not None else None
    linked = account is not None and account.voter_hash == signer_hash
    signature.user_id = account.id if linked else None
    signature.voter_id = voter.id
    signature.channel = Channel.ONLINE
    signature.proof = SignatureProof.EDS
    signature.status = SignatureStatus.VALID
    signature.signed_at = now
    signature.withdrawn_at = None
    signature.receipt_code = new_receipt_code()
    signature.failed_checks = 0
    signature.checked_at = now
    signature.checked_snapshot_id = voter.snapshot_id
    db.session.flush()
    db.session.add(
        EdsSignature(
            signature_id=signature.id,
            challenge_id=challenge.id,
            certificate_serial=verified.serial_hex,
            certificate_issuer=verified.issuer[:1000],
            certificate_sha256=verified.sha256,
            cms=cms_der,
            verified_at=now,
        )
    )
    challenge.used_at = now
    challenge.signature_id = signature.id
    _audit(signature, challenge, verified, account if linked else None, now)
    leaf_index = log_signature_now(signature, LogEvent.SIGNED, at=now)
    if linked:
        queue_receipt(account, petition, signature, leaf_index)
    return EdsReceipt(
        signature.receipt_code, petition.id, now, linked, leaf_index, pseudonym(signature.id)
    )


def _audit(signature, challenge, verified, account: User | None, now: datetime) -> None:
    audit.record(
        "signature.eds_signed",
        "signature",
        signature.id,
        actor=account,
        actor_label=None if account is not None else f"eds:{verified.sha256[:16]}",
        details={
            "petition_id": signature.petition_id,
            "certificate_serial": verified.serial_hex,
            "certificate_issuer": verified.issuer,
            "certificate_sha256": verified.sha256,
            "challenge": challenge.id,
            "at": now.isoformat(),
        },
    )
