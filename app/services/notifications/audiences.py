"""Who hears about a petition event, and whether the message is one they may refuse.

Required messages (``category`` None) are those the procedure makes someone's business: the
registration decision and the certification to the initiators, the deputy's notices of
registration, certification and the vote, an invalidated signature to its signer, the officers'
filings and deadlines. They always go out. Optional ones (milestones, closing soon, a published
reply, the signers' final result, followers' updates) carry an unsubscribe link and are skipped
for a user who opted out of their category (``MailOptOut``).

A user in several audiences of one event gets one message: the first audience in
``PRIORITY`` whose message they have not refused decides its wording and link.
"""

import enum
from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Certification,
    CertifiedResult,
    InitiativeMember,
    MailOptOut,
    Petition,
    PetitionEvent,
    PetitionFollower,
    ProposalStatus,
    Role,
    Signature,
    SignatureStatus,
    User,
)
from app.models.signature import Channel
from app.rules.lifecycle import PetitionStatus
from app.services.accounts.officers import staff_in_scope
from app.services.events import EventKind
from app.services.law import petition_rules


class Audience(enum.StrEnum):
    OFFICER = "officer"
    DEPUTY = "deputy"
    INITIATOR = "initiator"
    SIGNER = "signer"
    FOLLOWER = "follower"


#: Which audience's message a user in several audiences gets.
PRIORITY = (
    Audience.OFFICER,
    Audience.DEPUTY,
    Audience.INITIATOR,
    Audience.SIGNER,
    Audience.FOLLOWER,
)


class Category(enum.StrEnum):
    """Optional messages a user may refuse (``MailOptOut.category``)."""

    PROGRESS = "progress"  #: milestones, closing soon, replies (initiators, the deputy)
    RESULTS = "results"  #: the final result of a petition the user signed
    UPDATES = "updates"  #: updates about petitions the user follows


REQUIRED = None
K, A, C = EventKind, Audience, Category

#: kind -> {audience: category, or REQUIRED}.
RULES: dict[EventKind, dict[Audience, Category | None]] = {
    K.FILED: {A.INITIATOR: REQUIRED, A.OFFICER: REQUIRED},
    K.REGISTERED: {A.INITIATOR: REQUIRED, A.DEPUTY: REQUIRED},
    K.REFUSED: {A.INITIATOR: REQUIRED},
    K.MILESTONE: {A.INITIATOR: C.PROGRESS, A.DEPUTY: C.PROGRESS, A.FOLLOWER: C.UPDATES},
    K.CLOSING_SOON: {A.INITIATOR: C.PROGRESS, A.FOLLOWER: C.UPDATES},
    K.CLOSED: {A.INITIATOR: REQUIRED, A.FOLLOWER: C.UPDATES},
    K.DEADLINE_EXTENDED: {A.INITIATOR: REQUIRED, A.DEPUTY: REQUIRED, A.FOLLOWER: C.UPDATES},
    K.CERTIFIED: {
        A.INITIATOR: REQUIRED,
        A.DEPUTY: REQUIRED,
        A.FOLLOWER: C.UPDATES,
        A.SIGNER: C.RESULTS,  # only when the certification ends the matter (final_certification)
    },
    K.VOTE_SCHEDULED: {A.DEPUTY: REQUIRED, A.INITIATOR: REQUIRED, A.FOLLOWER: C.UPDATES},
    K.VOTE_RESULT: {A.INITIATOR: REQUIRED, A.DEPUTY: REQUIRED, A.SIGNER: C.RESULTS},
    K.SIGNATURE_INVALIDATED: {A.SIGNER: REQUIRED},  # the one signer of the event
    K.OBJECTION_DECIDED: {A.SIGNER: REQUIRED, A.INITIATOR: REQUIRED},
    K.REPLY_PUBLISHED: {A.INITIATOR: C.PROGRESS, A.FOLLOWER: C.UPDATES},
    K.TASK_DUE_SOON: {A.OFFICER: REQUIRED},
    K.TASK_OVERDUE: {A.OFFICER: REQUIRED},
}


@dataclass(frozen=True)
class Recipient:
    user: User
    audience: Audience
    category: Category | None

    @property
    def required(self) -> bool:
        return self.category is None


def _users(query: sa.Select) -> list[User]:
    return list(db.session.scalars(query.where(User.active.is_(True))).unique().all())


def initiators(petition_id: int) -> list[User]:
    return _users(
        sa.select(User)
        .join(InitiativeMember, InitiativeMember.user_id == User.id)
        .where(InitiativeMember.petition_id == petition_id)
    )


def deputies(petition: Petition) -> list[User]:
    return _users(
        sa.select(User).where(User.role == Role.DEPUTY, User.deputy_id == petition.deputy_id)
    )


def followers(petition_id: int) -> list[User]:
    return _users(
        sa.select(User)
        .join(PetitionFollower, PetitionFollower.user_id == User.id)
        .where(PetitionFollower.petition_id == petition_id)
    )


def signers(petition_id: int) -> list[User]:
    """Online signers whose signature counts or was counted; not those who withdrew."""
    return _users(
        sa.select(User)
        .join(Signature, Signature.user_id == User.id)
        .where(
            Signature.petition_id == petition_id,
            Signature.channel == Channel.ONLINE,
            Signature.status != SignatureStatus.WITHDRAWN,
        )
    )


def officers(petition_id: int) -> list[User]:
    """Commission officers whose assignments cover the petition (admins are not mailed)."""
    staff = _users(sa.select(User).where(User.role == Role.COMMISSION).order_by(User.id))
    return [user for user in staff if staff_in_scope(user.id, petition_id) is not None]


def invalidated_signer(event: PetitionEvent) -> list[User]:
    """The signer of an invalidated online signature, if it is still invalid."""
    signature = db.session.get(Signature, event.signature_id) if event.signature_id else None
    if (
        signature is None
        or signature.user is None
        or signature.status is not SignatureStatus.INVALID
        or not signature.user.active
    ):
        return []
    return [signature.user]


def event_signer(event: PetitionEvent) -> list[User]:
    """The online signer of the event's signature (an objection was decided on it)."""
    signature = db.session.get(Signature, event.signature_id) if event.signature_id else None
    if signature is None or signature.user is None or not signature.user.active:
        return []
    return [signature.user]


def confirmed_certification(petition_id: int) -> Certification | None:
    return db.session.scalar(
        sa.select(Certification)
        .where(
            Certification.petition_id == petition_id,
            Certification.status == ProposalStatus.CONFIRMED,
        )
        .order_by(Certification.id.desc())
        .limit(1)
    )


def final_certification(petition: Petition) -> bool:
    """Whether the certification ends the petition: insufficient, or the seat is vacated."""
    certification = confirmed_certification(petition.id)
    if certification is not None and certification.result is CertifiedResult.INSUFFICIENT:
        return True
    if petition.status in (PetitionStatus.INSUFFICIENT, PetitionStatus.SEAT_VACATED):
        return True
    return petition_rules(petition).outcome.value.kind == "vacate"


def _members(event: PetitionEvent, audience: Audience) -> list[User]:
    petition = event.petition
    if audience is Audience.OFFICER:
        return officers(petition.id)
    if audience is Audience.DEPUTY:
        return deputies(petition)
    if audience is Audience.INITIATOR:
        return initiators(petition.id)
    if audience is Audience.FOLLOWER:
        return followers(petition.id)
    if event.kind == EventKind.SIGNATURE_INVALIDATED:
        return invalidated_signer(event)
    if event.kind == EventKind.OBJECTION_DECIDED:
        return event_signer(event)
    if event.kind == EventKind.CERTIFIED and not final_certification(petition):
        return []
    return signers(petition.id)


def opt_outs(user_ids: set[int]) -> set[tuple[int, str]]:
    if not user_ids:
        return set()
    rows = db.session.execute(
        sa.select(MailOptOut.user_id, MailOptOut.category).where(MailOptOut.user_id.in_(user_ids))
    ).all()
    return {(row[0], row[1]) for row in rows}


def recipients(event: PetitionEvent) -> list[Recipient]:
    """One recipient per user, by ``PRIORITY``, leaving out refused optional messages."""
    rules = RULES.get(EventKind(event.kind), {})
    candidates: dict[int, list[tuple[Audience, User]]] = {}
    for audience in PRIORITY:
        if audience not in rules:
            continue
        for user in _members(event, audience):
            candidates.setdefault(user.id, []).append((audience, user))
    refused = opt_outs(set(candidates))
    chosen = []
    for user_id, options in candidates.items():
        for audience, user in options:
            category = rules[audience]
            if category is None or (user_id, category.value) not in refused:
                chosen.append(Recipient(user, audience, category))
                break
    return sorted(chosen, key=lambda recipient: recipient.user.id)
