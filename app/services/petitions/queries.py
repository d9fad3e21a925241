"""Read-only queries for the public petition pages and the API: lists, one petition, figures.

Only filed petitions are public (``PRIVATE_STATUSES`` are the initiators' drafts). Filters take
codes as given in a URL; an unknown one raises ``directory.queries.UnknownFilter``, as the directory
does.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import contains_eager, joinedload

from app.extensions import db
from app.models import (
    Body,
    Constituency,
    Deputy,
    Pause,
    Petition,
    Region,
)
from app.rules.lifecycle import NOT_YET_PUBLIC, PetitionStatus
from app.rules.ruleset import RuleSet
from app.rules.timeline import Step
from app.services.directory.queries import MAX_CODE_LENGTH, MAX_ID, UnknownFilter
from app.services.law import get_rule_set
from app.services.petitions import counts as counting
from app.services.petitions.calendar import local_deadline, petition_calendar
from app.services.petitions.search import search_clause
from app.services.petitions.status import active_pause, shown_status, status_shown_at

#: A petition becomes public when it is filed with the commission; drafts are the initiators'.
PRIVATE_STATUSES = NOT_YET_PUBLIC
#: The statuses a public petition can be in, in lifecycle order (the status filter's choices).
PUBLIC_STATUSES = tuple(status for status in PetitionStatus if status not in PRIVATE_STATUSES)


def _resolve(model: type[Body] | type[Region] | type[Constituency], field: str, code: str | None):
    if not code:
        return None
    found = None
    if len(code) <= MAX_CODE_LENGTH and code.isprintable():
        found = db.session.scalar(sa.select(model.id).where(model.code == code))
    if found is None:
        raise UnknownFilter(field, code)
    return found


def public_status(value: str | None) -> PetitionStatus | None:
    """The status named by ``value``; None for no filter. A draft's status is unknown here."""
    if not value:
        return None
    if value in PUBLIC_STATUSES:
        return PetitionStatus(value)
    raise UnknownFilter("status", value)


def _public_statement() -> sa.Select:
    return (
        sa.select(Petition)
        .join(Petition.constituency)
        .where(Petition.status.not_in(PRIVATE_STATUSES))
        .options(
            joinedload(Petition.deputy).joinedload(Deputy.party),
            contains_eager(Petition.constituency).joinedload(Constituency.body),
            contains_eager(Petition.constituency).joinedload(Constituency.region),
        )
    )


def fetch_petitions(
    *,
    query: str | None = None,
    body_code: str | None = None,
    region_code: str | None = None,
    constituency_code: str | None = None,
    status: str | None = None,
    now: datetime | None = None,
    before_id: int | None = None,
    limit: int | None = None,
) -> list[Petition]:
    """Public petitions with deputy, constituency, body and region; newest first (with
    ``before_id``, only older ones than that petition; at most ``limit``).

    ``query`` searches names and the constituency number (``search_clause``).
    With ``now``, the status filter reads the status shown at ``now`` (``status_shown_at``):
    a petition past its deadline is closed, whether or not the clock has run.
    Raises ``UnknownFilter`` when a code or the status names nothing public.
    """
    body_id = _resolve(Body, "body", body_code)
    region_id = _resolve(Region, "region", region_code)
    constituency_id = _resolve(Constituency, "constituency", constituency_code)
    wanted = public_status(status)
    statement = _public_statement().order_by(Petition.id.desc()).limit(limit)
    if query and (matching := search_clause(query)) is not None:
        statement = statement.where(matching)
    if before_id is not None:
        statement = statement.where(Petition.id < before_id)
    if body_id is not None:
        statement = statement.where(Constituency.body_id == body_id)
    if region_id is not None:
        statement = statement.where(Constituency.region_id == region_id)
    if constituency_id is not None:
        statement = statement.where(Petition.constituency_id == constituency_id)
    if wanted is not None and now is not None:
        statement = statement.where(status_shown_at(wanted, now))
    elif wanted is not None:
        statement = statement.where(Petition.status == wanted)
    return list(db.session.scalars(statement))


def get_public_petition(petition_id: int) -> Petition:
    """The filed petition with ``petition_id`` and its deputy and places; 404 otherwise."""
    if not 0 < petition_id <= MAX_ID:
        abort(404)
    return db.first_or_404(_public_statement().where(Petition.id == petition_id))


@dataclass(frozen=True)
class Listing:
    """A petition in a list, with its public counts (None: counted at close)."""

    petition: Petition
    rule_set: RuleSet
    counts: counting.Counts | None
    closes_at: datetime | None
    #: The status shown at the moment of the query (``petitions.status.shown_status``).
    status: PetitionStatus


def fetch_listings(now: datetime, **filters: str | int | None) -> list[Listing]:
    """``fetch_petitions(**filters)`` with their public counts, all counted in one query."""
    found = fetch_petitions(now=now, **filters)
    counts = counting.public_counts_for(found, now)
    result = []
    for petition in found:
        rule_set = get_rule_set(petition.rule_set_code)
        result.append(
            Listing(
                petition,
                rule_set,
                counts[petition.id],
                local_deadline(petition, rule_set),
                shown_status(petition, now),
            )
        )
    return result


@dataclass(frozen=True)
class Collecting:
    """A petition on the home page: its listing, progress and whole days left to sign."""

    listing: Listing
    progress: int | None
    days_left: int | None


def collecting_listings(now: datetime) -> list[Collecting]:
    """The petitions collecting signatures at ``now``, closest to their deadline first."""
    found = []
    for item in fetch_listings(now, status=PetitionStatus.COLLECTING.value):
        valid = item.counts.valid if item.counts is not None else None
        progress = (
            None if valid is None else progress_percent(valid, item.petition.signatures_required)
        )
        closes = item.petition.closes_at
        found.append(Collecting(item, progress, closes and max((closes - now).days, 0)))
    far = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(found, key=lambda c: c.listing.petition.closes_at or far)


def public_petitions_of(deputy_id: int, now: datetime) -> list[tuple[Petition, PetitionStatus]]:
    """The deputy's public petitions (``fetch_public_petitions``), each with the status
    shown at ``now``."""
    found = fetch_public_petitions(deputy_id)
    return [(petition, shown_status(petition, now)) for petition in found]


def progress_percent(valid: int, required: int | None) -> int | None:
    """Whole percent of the required signatures reached, at most 100 (None: no threshold yet)."""
    if not required:
        return None
    return min(100, valid * 100 // required)


@dataclass(frozen=True)
class PetitionPage:
    """What the public petition page shows."""

    petition: Petition
    rule_set: RuleSet
    calendar: list[Step]
    #: None where the rule set forbids a running count (shown as "counted at close").
    counts: counting.Counts | None
    per_day: list[tuple[date, int]] | None
    #: The end of collection in the rule set's zone.
    closes_at: datetime | None
    #: Time until the end of collection while the petition is collecting, else None.
    time_left: timedelta | None
    progress: int | None
    #: The status shown at ``now``: collection ends at its deadline even before the clock ran.
    status: PetitionStatus
    #: The open pause stopping signing on this petition (site-wide or its own), if any.
    pause: Pause | None


def petition_page(petition_id: int, now: datetime) -> PetitionPage:
    """The public petition ``petition_id`` with its figures as of ``now``; 404 if not public."""
    petition = get_public_petition(petition_id)
    rule_set = get_rule_set(petition.rule_set_code)
    counts = counting.public_counts(petition, now)
    closes_at = local_deadline(petition, rule_set)
    status = shown_status(petition, now)
    collecting = status is PetitionStatus.COLLECTING
    time_left = closes_at - now if collecting and closes_at and closes_at > now else None
    progress = (
        None if counts is None else progress_percent(counts.valid, petition.signatures_required)
    )
    return PetitionPage(
        petition=petition,
        rule_set=rule_set,
        calendar=petition_calendar(petition),
        counts=counts,
        per_day=counting.public_signatures_per_day(petition, now),
        closes_at=closes_at,
        time_left=time_left,
        progress=progress,
        status=status,
        pause=active_pause(petition.id, now) if collecting else None,
    )


def get_petition(petition_id: int) -> Petition:
    """The petition with its deputy and constituency, or 404."""
    return db.first_or_404(
        sa.select(Petition)
        .where(Petition.id == petition_id)
        .options(
            joinedload(Petition.deputy).joinedload(Deputy.party),
            joinedload(Petition.constituency).joinedload(Constituency.body),
        )
    )


def fetch_public_petitions(deputy_id: int) -> list[Petition]:
    """The deputy's petitions that have been filed, newest first."""
    return db.session.scalars(
        sa.select(Petition)
        .where(Petition.deputy_id == deputy_id, Petition.status.not_in(PRIVATE_STATUSES))
        .order_by(Petition.id.desc())
    ).all()
