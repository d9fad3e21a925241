"""Use cases: sign a petition online, exactly once, and withdraw a signature."""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.database import get_locked, transaction
from app.extensions import db
from app.i18n import localized
from app.models import Constituency, Deputy, Petition, Signature, SignatureStatus, User, Voter
from app.models.signature import Channel, SignatureProof
from app.rules.checks import Check
from app.rules.eligibility import is_of_voting_age
from app.rules.lifecycle import PetitionStatus
from app.rules.log_leaves import LogEvent
from app.rules.proofs import IdentityProof
from app.services.law import petition_rules
from app.services.notifications.preferences import add_follower
from app.services.petitions.status import active_pause
from app.services.signing.receipts import new_receipt_code, queue_receipt
from app.services.transparency.record import log_signature, log_signature_now
from app.services.voters import active_voter, constituency_in_body, serving_deputy

#: Built once: loader options cost as much to build as a small query on the hot path.
WITH_PLACE = (joinedload(Petition.deputy), joinedload(Petition.constituency))


class Refusal(enum.StrEnum):
    EMAIL_UNCONFIRMED = "email_unconfirmed"
    NOT_VERIFIED = "not_verified"
    NOT_COLLECTING = "not_collecting"
    NOT_ON_REGISTER = "not_on_register"
    OTHER_CONSTITUENCY = "other_constituency"
    UNDER_AGE = "under_age"
    PAUSED = "paused"
    WITHDRAWAL_CLOSED = "withdrawal_closed"
    NOT_YOURS = "not_yours"
    PROOF_NOT_ACCEPTED = "proof_not_accepted"


class SigningRefused(Exception):
    """The signature (or withdrawal) is refused; ``reason`` says why, ``message`` for people."""

    def __init__(
        self,
        reason: Refusal,
        message: str,
        *,
        voter: Voter | None = None,
        deputy: Deputy | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        #: For a voter of another constituency: their own constituency and deputy.
        self.voter = voter
        self.deputy = deputy


class AlreadySigned(Exception):
    """The person has signed this petition before; the answer is the same every time."""

    def __init__(self, signature: Signature) -> None:
        super().__init__("already signed")
        self.signature = signature


def check_signer(user: User, petition: Petition, now: datetime) -> Voter:
    """The user's register row, if their account may sign ``petition`` online at ``now`` by
    the register match; else ``SigningRefused`` saying why."""
    if user.email_confirmed_at is None:
        raise SigningRefused(Refusal.EMAIL_UNCONFIRMED, _("Confirm your email address first."))
    if user.voter_hash is None:
        raise SigningRefused(
            Refusal.NOT_VERIFIED, _("Verify that you are a voter before you sign.")
        )
    check_collecting(petition, now)
    rule_set = petition_rules(petition)
    if not rule_set.accepts_online(IdentityProof.REGISTER_MATCH):
        raise SigningRefused(
            Refusal.PROOF_NOT_ACCEPTED,
            _("This petition takes online signatures only with an electronic digital signature."),
        )
    return check_voter(user.voter_hash, petition, now)


def check_collecting(petition: Petition, now: datetime) -> None:
    """Refuse unless ``petition`` collects signatures at ``now`` and signing is not paused."""
    if not (
        petition.status is PetitionStatus.COLLECTING
        and petition.opened_at <= now < petition.closes_at
    ):
        raise SigningRefused(
            Refusal.NOT_COLLECTING, _("This petition is not collecting signatures now.")
        )
    pause = active_pause(petition.id, now)
    if pause is not None:
        raise SigningRefused(
            Refusal.PAUSED, _("Signing is paused: %(reason)s", reason=pause.reason)
        )


def check_voter(voter_hash: bytes, petition: Petition, now: datetime) -> Voter:
    """The register row of the person ``voter_hash`` if they may sign ``petition`` at ``now``:
    on the active register, of its constituency, of age on the signing day. Whatever proves who
    the person is (an account, an EDS certificate) has been checked by the caller."""
    voter = active_voter(voter_hash, with_place=False)
    if voter is None:
        raise SigningRefused(
            Refusal.NOT_ON_REGISTER, _("You are not on the active voter register.")
        )
    # Where the person votes for the petition's body (their row's own place if they do not).
    place = constituency_in_body(voter, petition.constituency) or voter.constituency
    if place.id != petition.constituency_id:
        raise SigningRefused(
            Refusal.OTHER_CONSTITUENCY,
            _(
                "Only voters of %(petition_place)s may sign. You vote in %(your_place)s.",
                petition_place=localized(petition.constituency),
                your_place=localized(place),
            ),
            voter=voter,
            deputy=serving_deputy(place.id),
        )
    rule_set = petition_rules(petition)
    signing_day = now.astimezone(rule_set.zone).date()
    if not is_of_voting_age(voter.birth_date, signing_day, rule_set.signer_min_age.value):
        raise SigningRefused(
            Refusal.UNDER_AGE,
            _(
                "Signers must be %(age)d or older on the day they sign.",
                age=rule_set.signer_min_age.value,
            ),
        )
    return voter


def standing_record(petition_id: int, signer_hash: bytes) -> Signature | None:
    """The person's signature that counts (or counted) on the petition: not a duplicate record
    (a paper line of the same person), of which there may be several."""
    return db.session.scalar(
        sa.select(Signature).where(
            Signature.petition_id == petition_id,
            Signature.signer_hash == signer_hash,
            Signature.duplicate_of_id.is_(None),
        )
    )


def sign_petition(
    petition_id: int, user_id: int, *, now: datetime, follow: bool = False
) -> Signature:
    """Record the user's signature; one transaction, one signature per person per petition.

    ``follow``: the signer asked for updates about the petition (a ``PetitionFollower``).

    Raises ``SigningRefused`` when the user may not sign, and ``AlreadySigned`` (with the first
    signature) when they did before; a concurrent duplicate is caught by the unique constraint
    and answered the same way.
    """
    try:
        with transaction():
            user = db.session.get(User, user_id)
            # The deputy and constituency come with the petition: the receipt names them, and a
            # lazy load between the insert and the commit would hold SQLite's write lock longer.
            petition = db.session.get(Petition, petition_id, options=WITH_PLACE)
            if petition is None or user is None:
                raise SigningRefused(Refusal.NOT_COLLECTING, _("No such petition."))
            voter = check_signer(user, petition, now)
            signature = standing_record(petition.id, user.voter_hash)
            if signature is not None and signature.status is not SignatureStatus.WITHDRAWN:
                raise AlreadySigned(signature)
            if signature is None:
                signature = Signature(petition_id=petition.id, signer_hash=user.voter_hash)
                db.session.add(signature)
            # A withdrawn signature is signed again in place: the person still has one row.
            signature.user_id = user.id
            signature.voter_id = voter.id
            signature.channel = Channel.ONLINE
            signature.proof = SignatureProof.REGISTER_MATCH
            signature.status = SignatureStatus.VALID
            signature.signed_at = now
            signature.withdrawn_at = None
            signature.receipt_code = new_receipt_code()
            # check_signer has just run every automatic check against the active register.
            signature.failed_checks = 0
            signature.checked_at = now
            signature.checked_snapshot_id = voter.snapshot_id
            if follow:
                add_follower(petition.id, user.id, now)
            db.session.flush()  # the id the log's pseudonym is made from
            leaf_index = log_signature_now(signature, LogEvent.SIGNED, at=now)
            queue_receipt(user, petition, signature, leaf_index)
    except IntegrityError:
        signature = standing_record(petition_id, db.session.get(User, user_id).voter_hash)
        if signature is None:
            raise
        raise AlreadySigned(signature) from None
    return signature


def withdrawal_open(petition: Petition, now: datetime) -> bool:
    """Whether signers of ``petition`` may still withdraw (the rule set's withdrawal rule).

    Both kinds of limit end with collection at the latest: "until collection ends", and "until
    the petition is filed" (California §11303), which cannot come later than the deadline.
    """
    rule = petition_rules(petition).withdrawal.value
    return (
        rule.allowed
        and petition.status is PetitionStatus.COLLECTING
        and petition.closes_at is not None
        and now < petition.closes_at
    )


def withdraw_signature(signature_id: int, user_id: int, *, now: datetime) -> Signature:
    """Withdraw the user's own signature while the rule set allows it; the count goes down."""
    with transaction():
        # Locked: a paper sheet accepted at the same moment may revive or duplicate this row.
        signature = get_locked(Signature, signature_id)
        if signature is None or signature.user_id != user_id:
            raise SigningRefused(Refusal.NOT_YOURS, _("This is not your signature."))
        if signature.status not in (SignatureStatus.VALID, SignatureStatus.PENDING):
            raise SigningRefused(Refusal.WITHDRAWAL_CLOSED, _("This signature no longer counts."))
        if not withdrawal_open(signature.petition, now):
            raise SigningRefused(
                Refusal.WITHDRAWAL_CLOSED,
                _("Signatures on this petition can no longer be withdrawn."),
            )
        signature.status = SignatureStatus.WITHDRAWN
        signature.withdrawn_at = now
        # The stored checks say why it no longer counts, as the re-check would.
        signature.failed_checks |= Check.NOT_WITHDRAWN
        signature.checked_at = now
        log_signature(signature, LogEvent.WITHDRAWN, at=now)
    return signature


def fetch_user_signatures(user_id: int) -> list[Signature]:
    """The user's signatures with their petitions, newest first ("My signatures")."""
    return db.session.scalars(
        sa.select(Signature)
        .where(Signature.user_id == user_id)
        .options(
            joinedload(Signature.petition)
            .joinedload(Petition.constituency)
            .joinedload(Constituency.body),
            joinedload(Signature.petition).joinedload(Petition.deputy),
        )
        .order_by(Signature.signed_at.desc())
    ).all()
