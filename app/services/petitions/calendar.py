"""A petition's legal calendar from its recorded dates, and the open petitions with their next
step (the clock and the commission's queue read them)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import (
    Petition,
    RecallVote,
    RegisterCount,
    RegisterSnapshot,
)
from app.rules.lifecycle import ACTIVE
from app.rules.ruleset import RuleSet
from app.rules.timeline import Step, legal_calendar
from app.services.law import petition_rules


def registered_voters(constituency_id: int) -> int | None:
    """Voters of the constituency in the active register, or None without an active register."""
    return db.session.scalar(
        sa.select(RegisterCount.voters)
        .join(RegisterSnapshot, RegisterSnapshot.id == RegisterCount.snapshot_id)
        .where(RegisterSnapshot.is_active, RegisterCount.constituency_id == constituency_id)
    )


def petition_calendar(petition: Petition, registered: int | None = None) -> list[Step]:
    """The petition's legal calendar from its recorded dates and its rule set (the end of
    collection is the recorded deadline, so an extension for a pause moves it and what follows).

    Before collection opens the electorate is today's register count (``registered`` if the
    caller already has it); it only matters where periods depend on it (California). Once the
    commission has fixed the recall vote's day, the calendar shows that day.
    """
    rule_set = petition_rules(petition)
    electorate = (
        petition.electorate or registered or registered_voters(petition.constituency_id) or 1
    )
    return legal_calendar(
        rule_set,
        electorate=electorate,
        filed_at=petition.filed_at,
        opens_at=petition.opened_at,
        closes_at=petition.closes_at,
        closed_at=petition.closed_at,
        certified_at=petition.certified_at,
        voting_day=_voting_day(petition),
    )


def _voting_day(petition: Petition) -> date | None:
    if petition.certified_at is None:
        return None
    return db.session.scalar(
        sa.select(RecallVote.voting_day).where(RecallVote.petition_id == petition.id)
    )


@dataclass(frozen=True)
class OpenPetition:
    petition: Petition
    next_step: Step | None
    #: The whole legal calendar the next step was taken from.
    calendar: list[Step]


def registered_counts() -> dict[int, int]:
    """Voters per constituency in the active register, in one query (for lists of petitions)."""
    return dict(
        db.session.execute(
            sa.select(RegisterCount.constituency_id, RegisterCount.voters)
            .join(RegisterSnapshot, RegisterSnapshot.id == RegisterCount.snapshot_id)
            .where(RegisterSnapshot.is_active)
        ).all()
    )


def fetch_open_petitions(
    now: datetime | None = None, *, where: sa.ColumnElement[bool] | None = None
) -> list[OpenPetition]:
    """Every open petition (matching ``where``, if given) with the next step of its calendar,
    soonest deadline first."""
    now = now or datetime.now(UTC)
    query = (
        sa.select(Petition)
        .where(Petition.status.in_(ACTIVE))
        .options(joinedload(Petition.deputy), joinedload(Petition.constituency))
        .order_by(Petition.id)
    )
    if where is not None:
        query = query.where(where)
    registered = registered_counts()
    result = []
    for petition in db.session.scalars(query).all():
        calendar = petition_calendar(petition, registered.get(petition.constituency_id))
        upcoming = (s for s in calendar if s.deadline and s.deadline > now)
        result.append(OpenPetition(petition, next(upcoming, None), calendar))
    far_future = datetime.max.replace(tzinfo=UTC)
    return sorted(result, key=lambda row: row.next_step.deadline if row.next_step else far_future)


def local_deadline(petition: Petition, rule_set: RuleSet) -> datetime | None:
    """The end of collection in the rule set's zone (None before collection opens)."""
    if petition.closes_at is None:
        return None
    return petition.closes_at.astimezone(rule_set.zone)
