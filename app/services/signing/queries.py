"""What a person can do about signing a petition, for the petition page and "My signatures",
and the verified voter's page (``voter_page``).

Read-only: the eligibility check is the signing service's own (``signing.commands.check_signer``),
so the page never offers a signature that signing would refuse.
"""

import enum
from dataclasses import dataclass, replace
from datetime import datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Deputy,
    InitiativeMember,
    Petition,
    Role,
    Signature,
    SignatureStatus,
    User,
    Voter,
)
from app.rules.lifecycle import PetitionStatus
from app.rules.proofs import IdentityProof
from app.services.initiative.group import fetch_memberships
from app.services.law import get_rule_set
from app.services.petitions.status import active_pause, shown_status, shown_statuses
from app.services.signing.commands import (
    Refusal,
    SigningRefused,
    check_signer,
    fetch_user_signatures,
    withdrawal_open,
)
from app.services.signing.eds_challenges import eds_configured
from app.services.signing.verification import VoterPlace, voter_place


class SignKind(enum.StrEnum):
    ANONYMOUS = "anonymous"  #: sign in first
    NOT_CITIZEN = "not_citizen"  #: commission, deputy and admin accounts do not sign
    UNCONFIRMED = "unconfirmed"  #: confirm the email address first
    UNVERIFIED = "unverified"  #: verify as a voter first
    NOT_ON_REGISTER = "not_on_register"
    OTHER_CONSTITUENCY = "other_constituency"
    UNDER_AGE = "under_age"
    PAUSED = "paused"  #: an administrator paused signing (``message`` gives the reason)
    ELIGIBLE = "eligible"  #: show the signing form
    SIGNED = "signed"  #: show the receipt code
    CLOSED = "closed"  #: the petition is not collecting signatures now
    EDS_ONLY = "eds_only"  #: the rule set takes online signatures only with an EDS


_KIND_OF_REFUSAL = {
    Refusal.EMAIL_UNCONFIRMED: SignKind.UNCONFIRMED,
    Refusal.NOT_VERIFIED: SignKind.UNVERIFIED,
    Refusal.NOT_COLLECTING: SignKind.CLOSED,
    Refusal.NOT_ON_REGISTER: SignKind.NOT_ON_REGISTER,
    Refusal.OTHER_CONSTITUENCY: SignKind.OTHER_CONSTITUENCY,
    Refusal.UNDER_AGE: SignKind.UNDER_AGE,
    Refusal.PAUSED: SignKind.PAUSED,
    Refusal.PROOF_NOT_ACCEPTED: SignKind.EDS_ONLY,
}
#: Where the sign box also offers signing with an EDS: the certificate, not the account, is
#: the identity, so visitors without a (verified) account may use it.
_EDS_KINDS = frozenset(
    {
        SignKind.ANONYMOUS,
        SignKind.UNCONFIRMED,
        SignKind.UNVERIFIED,
        SignKind.ELIGIBLE,
        SignKind.EDS_ONLY,
    }
)


@dataclass(frozen=True)
class SignState:
    kind: SignKind
    #: SIGNED: the receipt code of the person's signature.
    receipt_code: str | None = None
    #: Why the person may not sign (the signing service's own words), if that is the case.
    message: str | None = None
    #: OTHER_CONSTITUENCY: the person's own register row (with constituency) and deputy.
    voter: Voter | None = None
    deputy: Deputy | None = None
    #: Whether the box offers signing with an EDS (NCALayer, eGov Mobile).
    eds: bool = False
    #: Whether the petition's rule set takes signatures of accounts matched to the register.
    register_match: bool = True
    #: PAUSED: when the pause began.
    paused_since: datetime | None = None


def is_collecting(petition: Petition, now: datetime) -> bool:
    return (
        petition.status is PetitionStatus.COLLECTING
        and petition.opened_at is not None
        and petition.opened_at <= now < petition.closes_at
    )


def sign_state(petition: Petition, user, now: datetime) -> SignState:
    """The call to action for ``user`` (``current_user``, maybe anonymous) on ``petition``."""
    state = _account_state(petition, user, now)
    rule_set = get_rule_set(petition.rule_set_code)
    eds = (
        state.kind in _EDS_KINDS and eds_configured() and rule_set.accepts_online(IdentityProof.EDS)
    )
    return replace(
        state, eds=eds, register_match=rule_set.accepts_online(IdentityProof.REGISTER_MATCH)
    )


def _account_state(petition: Petition, user, now: datetime) -> SignState:
    signed_in = bool(getattr(user, "is_authenticated", False))
    if signed_in and user.role is Role.CITIZEN and user.voter_hash is not None:
        signature = _standing_signature(petition.id, user.voter_hash)
        if signature is not None:
            return SignState(SignKind.SIGNED, receipt_code=signature.receipt_code)
    if not is_collecting(petition, now):
        return SignState(SignKind.CLOSED)
    # Everyone is told about a pause, not only those who could otherwise sign: no one is sent
    # to create an account for a form that is not there.
    pause = active_pause(petition.id, now)
    if pause is not None:
        return SignState(SignKind.PAUSED, message=pause.reason, paused_since=pause.started_at)
    if not signed_in:
        return SignState(SignKind.ANONYMOUS)
    if user.role is not Role.CITIZEN:
        return SignState(SignKind.NOT_CITIZEN)
    try:
        check_signer(user, petition, now)
    except SigningRefused as refused:
        return SignState(
            _KIND_OF_REFUSAL[refused.reason],
            message=refused.message,
            voter=refused.voter,
            deputy=refused.deputy,
        )
    return SignState(SignKind.ELIGIBLE)


def _standing_signature(petition_id: int, signer_hash: bytes) -> Signature | None:
    return db.session.scalar(
        sa.select(Signature).where(
            Signature.petition_id == petition_id,
            Signature.signer_hash == signer_hash,
            Signature.status != SignatureStatus.WITHDRAWN,
        )
    )


def user_signature(petition_id: int, user: User) -> Signature | None:
    """The verified user's signature on the petition, whatever its status (for the receipt)."""
    if user.voter_hash is None:
        return None
    return db.session.scalar(
        sa.select(Signature).where(
            Signature.petition_id == petition_id, Signature.signer_hash == user.voter_hash
        )
    )


@dataclass(frozen=True)
class SignatureRow:
    signature: Signature
    can_withdraw: bool
    #: The petition's status shown now (``petitions.status.shown_status``).
    petition_status: PetitionStatus


def my_signatures(user_id: int, now: datetime) -> list[SignatureRow]:
    """The user's signatures, newest first, each with whether it may be withdrawn now."""
    return [
        SignatureRow(
            s, s.counts and withdrawal_open(s.petition, now), shown_status(s.petition, now)
        )
        for s in fetch_user_signatures(user_id)
    ]


@dataclass(frozen=True)
class VoterPage:
    """What a verified voter's page shows: where they vote, their deputy and the petitions
    against that deputy, and the initiative groups they belong to."""

    place: VoterPlace
    memberships: list[InitiativeMember]
    #: What each petition reads at ``now`` (closed once past its deadline, before the clock ran).
    statuses: dict[int, PetitionStatus]


def voter_page(user: User, now: datetime) -> VoterPage:
    """The verified voter ``user``'s page as of ``now``."""
    place = voter_place(user)
    memberships = fetch_memberships(user.id)
    petitions = [*place.petitions, *(member.petition for member in memberships)]
    return VoterPage(place, memberships, shown_statuses(petitions, now))
