"""Objections of a petition, whether any is still open (certification waits for them), whether
objections are taken now, the officers' page, and the initiative group's page of invalidated
signatures it may still object to."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Objection,
    ObjectionStatus,
    Petition,
    RecallVote,
    Signature,
    SignatureStatus,
)
from app.rules.objections import corrects_certified_result, objection_deadline, objections_taken
from app.rules.ruleset import RuleSet
from app.services.initiative.common import NoSuchPetition, NotInitiator, is_initiator
from app.services.law import petition_rules

#: How far back the page looks for an invalidation still in time: far beyond any period.
_LONGEST_LOOKBACK = 400


PENDING = (ObjectionStatus.OPEN, ObjectionStatus.PROPOSED_UPHOLD)


def open_objections(petition_id: int) -> int:
    """How many objections of the petition wait for a decision (an uphold proposed included)."""
    return db.session.scalar(
        sa.select(sa.func.count(Objection.id)).where(
            Objection.petition_id == petition_id, Objection.status.in_(PENDING)
        )
    )


def taken_now(petition: Petition, now: datetime) -> bool:
    """Whether objections are filed and decided on the petition at ``now``: during collection
    and verification, and after certification until the recall vote is held."""
    voting_day = db.session.scalar(
        sa.select(RecallVote.voting_day).where(RecallVote.petition_id == petition.id)
    )
    today = now.astimezone(petition_rules(petition).zone).date()
    return objections_taken(petition.status, voting_day, today)


@dataclass(frozen=True)
class OfficerObjections:
    """The officer's objection page: every objection, and how they are decided now."""

    petition_id: int
    rows: list[Objection]
    #: Objections are decided now (before the recall vote is held).
    taken: bool
    #: The result is certified: upholding takes two officers (a proposal, then a confirmation).
    two_officers: bool


def officer_objections(petition_id: int, *, now: datetime) -> OfficerObjections:
    """The objections of the petition for the officers in scope, at ``now``."""
    petition = db.session.get(Petition, petition_id)
    return OfficerObjections(
        petition_id,
        objections_of(petition_id),
        taken_now(petition, now),
        corrects_certified_result(petition.status),
    )


def objections_of(petition_id: int) -> list[Objection]:
    """Every objection of the petition, open ones first, then newest first."""
    return list(
        db.session.scalars(
            sa.select(Objection)
            .where(Objection.petition_id == petition_id)
            .order_by(Objection.status.in_(PENDING).desc(), Objection.id.desc())
        )
    )


def _invalidated_at_sql():
    return sa.func.coalesce(Signature.reviewed_at, Signature.checked_at, Signature.signed_at)


def invalidated_at(signature: Signature) -> datetime:
    """When the signature was found invalid: the officer's decision, else the automatic checks,
    else (invalid from the start) its signing; the objection period runs from then."""
    return signature.reviewed_at or signature.checked_at or signature.signed_at


@dataclass(frozen=True)
class ObjectableSignature:
    """An invalidated signature the initiative group may still object to."""

    id: int
    signed_at: datetime
    #: The officer's reason (a ``ReviewReason`` code) and the automatic checks it failed.
    invalid_reason: str | None
    failed_checks: int
    #: The last moment to object to its invalidation.
    deadline: datetime
    #: The latest objection to it (open, or dismissed: a new one may then be filed in time).
    objection: Objection | None

    @property
    def objection_open(self) -> bool:
        return self.objection is not None and self.objection.is_pending


@dataclass(frozen=True)
class InitiatorObjections:
    """The initiator's objection page: what may still be objected to, and whether at all."""

    petition: Petition
    rows: list[ObjectableSignature]
    #: The rule set has an objection procedure (``objection_period``).
    has_procedure: bool
    zone: ZoneInfo
    #: Objections are taken now: during collection and verification, and after certification
    #: until the recall vote is held (``app.rules.objections.objections_taken``).
    taken: bool

    @property
    def open_now(self) -> bool:
        return self.has_procedure and self.taken


def initiator_objections(petition_id: int, user_id: int, *, now: datetime) -> InitiatorObjections:
    """The invalidated signatures of the petition that its initiator may still object to at
    ``now``, with their latest objection, numbers only (no signer is named): for the initiator
    only (NoSuchPetition, NotInitiator)."""
    petition = db.session.get(Petition, petition_id)
    if petition is None:
        raise NoSuchPetition(petition_id)
    if not is_initiator(petition_id, user_id):
        raise NotInitiator(petition_id)
    rule_set = petition_rules(petition)
    page = InitiatorObjections(
        petition,
        [],
        rule_set.objection_period is not None,
        rule_set.zone,
        taken_now(petition, now),
    )
    if page.open_now:
        page.rows.extend(_objectable(petition.id, rule_set, now))
    return page


def _objectable(petition_id: int, rule_set: RuleSet, now: datetime) -> list[ObjectableSignature]:
    deadlines = _DeadlinesByDay(rule_set)
    since = deadlines.earliest_in_time(now)
    signatures = db.session.scalars(
        sa.select(Signature)
        .where(
            Signature.petition_id == petition_id,
            Signature.status == SignatureStatus.INVALID,
            _invalidated_at_sql() >= since,
        )
        .order_by(Signature.id)
    ).all()
    in_time = [(s, deadlines.of(invalidated_at(s))) for s in signatures]
    in_time = [(s, deadline) for s, deadline in in_time if now <= deadline]
    latest = _latest_objections([s.id for s, _deadline in in_time])
    return [
        ObjectableSignature(
            s.id, s.signed_at, s.invalid_reason, s.failed_checks or 0, deadline, latest.get(s.id)
        )
        for s, deadline in in_time
    ]


def _latest_objections(signature_ids: list[int]) -> dict[int, Objection]:
    latest: dict[int, Objection] = {}
    for chunk in (signature_ids[i : i + 500] for i in range(0, len(signature_ids), 500)):
        for objection in db.session.scalars(
            sa.select(Objection).where(Objection.signature_id.in_(chunk)).order_by(Objection.id)
        ):
            latest[objection.signature_id] = objection
    return latest


class _DeadlinesByDay:
    """Objection deadlines by the local day of the invalidation (all that they depend on), each
    computed once however many signatures were invalidated that day."""

    def __init__(self, rule_set: RuleSet) -> None:
        self.rule_set = rule_set
        self._by_day: dict[date, datetime] = {}

    def of(self, moment: datetime) -> datetime:
        return self.on(moment.astimezone(self.rule_set.zone).date())

    def on(self, day: date) -> datetime:
        if day not in self._by_day:
            start = datetime.combine(day, time(12), tzinfo=self.rule_set.zone)
            self._by_day[day] = objection_deadline(self.rule_set, start)
        return self._by_day[day]

    def earliest_in_time(self, now: datetime) -> datetime:
        """The start of the earliest local day whose invalidations may still be objected to at
        ``now`` (deadlines only grow with the day), so the database leaves the older ones out."""
        day = now.astimezone(self.rule_set.zone).date()
        for _ in range(_LONGEST_LOOKBACK):
            if self.on(day - timedelta(days=1)) < now:
                break
            day -= timedelta(days=1)
        return datetime.combine(day, time(0), tzinfo=self.rule_set.zone)
