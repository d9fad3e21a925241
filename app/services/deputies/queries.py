"""Read-only queries of the deputy's portal: the petitions against the signed-in deputy, in
aggregate only.

A deputy sees every public petition against their own deputy record (``User.deputy_id``), past
ones too: its status as of now, its legal calendar, its counts, signatures per day and counted
signatures per polling station, small stations merged (``rules.disclosure``). A deputy never
sees a signer: no name, IIN, receipt code, email, signature id or signing time leaves this
module; the per-day chart is the public one. The status is the one shown at ``now``
(``petitions.status.shown_status``, built on ``lifecycle.status_at``): closed once the
deadline has passed even before the clock ran, unless a pause holds collection open.

The station table lists every polling station of the petition's constituency, 0 included, and
one more cell, always present, for the signatures of voters registered in another constituency
or not matched to the register: a station of another constituency never appears by name, since
its row would tell that somebody from there signed. It counts the signatures made before the
start of the day, so that a refresh cannot trace a new signature to its station. A known limit:
comparing the tables of successive days with the public per-day chart can still narrow a lone
signer to a station over days (a day with one new signature, a station whose cell changes);
suppression protects each table, not the sequence of them.

Counts follow the public rule: where the rule set forbids a running count (UK: "forecasts are
an offence"), the deputy does not see one either, nor the chart or the stations, until the
count is final.

A petition that is not the deputy's (or an account not linked to a deputy record) is a 404, not
a 403: the answer must not tell whether a petition id exists or what it is about.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import (
    DeputyReply,
    Pause,
    Petition,
    Role,
    Signature,
    User,
    Voter,
)
from app.rules.disclosure import merge_small_counts
from app.rules.lifecycle import PetitionStatus
from app.rules.ruleset import RuleSet
from app.rules.timeline import Step
from app.services.deputies.replies import reply_versions
from app.services.directory.queries import MAX_ID
from app.services.law import petition_rules
from app.services.petitions import counts as counting
from app.services.petitions.calendar import local_deadline, petition_calendar
from app.services.petitions.queries import PRIVATE_STATUSES
from app.services.petitions.status import active_pause, extends_deadline, shown_status
from app.services.voters import stations_of


def linked_deputy_id(user: User) -> int | None:
    """The deputy record ``user`` speaks for, or None (not a deputy, or not linked)."""
    if not user.is_authenticated or user.role is not Role.DEPUTY:
        return None
    return user.deputy_id


@dataclass(frozen=True)
class PortalRow:
    """A petition in the deputy's list."""

    petition: Petition
    rule_set: RuleSet
    #: The status as of now (collection reads closed once its deadline has passed).
    status: PetitionStatus
    closes_at: datetime | None
    #: None where the public does not see a running count.
    counts: counting.Counts | None


def _visible(deputy_id: int) -> sa.Select:
    return (
        sa.select(Petition)
        .where(Petition.deputy_id == deputy_id, Petition.status.not_in(PRIVATE_STATUSES))
        .options(joinedload(Petition.deputy), joinedload(Petition.constituency))
    )


def petitions_against(user: User, now: datetime) -> list[PortalRow]:
    """Every public petition against the deputy ``user`` speaks for, newest first."""
    deputy_id = linked_deputy_id(user)
    if deputy_id is None:
        return []
    found = db.session.scalars(_visible(deputy_id).order_by(Petition.id.desc())).all()
    # The public figures (same query, same short cache): the portal never disagrees with them.
    counts = counting.public_counts_for(found, now)
    rows = []
    for petition in found:
        rule_set = petition_rules(petition)
        rows.append(
            PortalRow(
                petition=petition,
                rule_set=rule_set,
                status=shown_status(petition, now),
                closes_at=local_deadline(petition, rule_set),
                counts=counts[petition.id],
            )
        )
    return rows


@dataclass(frozen=True)
class StationCount:
    """Counted signatures of one polling station, shown because it has at least 10."""

    #: The station's number in the register; None for the cell of signatures registered in
    #: another constituency or not matched to the register.
    number: str | None
    count: int


@dataclass(frozen=True)
class StationTable:
    #: The cells shown one by one (10 signatures or more), stations in the order of their
    #: numbers, then the cell of signers registered elsewhere or not matched.
    rows: list[StationCount]
    #: The numbers of the stations merged into the "other stations" row, in order.
    merged: list[str]
    #: Whether that row also holds the signers registered elsewhere or not matched.
    merged_elsewhere: bool
    #: The signatures of the merged row (0 when nothing is merged).
    merged_count: int
    #: Counted signatures made before the table's moment: the sum of every row.
    total: int


@dataclass(frozen=True)
class PortalPetition:
    petition: Petition
    rule_set: RuleSet
    status: PetitionStatus
    calendar: list[Step]
    closes_at: datetime | None
    #: Time until the end of collection while collecting and not paused, else None.
    time_left: timedelta | None
    #: The open pause stopping signing on the petition, and whether it moves the deadline.
    pause: Pause | None
    pause_extends: bool
    counts: counting.Counts | None
    #: Whole percent of the required number reached, past 100 when exceeded.
    progress: int | None
    #: Counted signatures per local day (the public chart's figures); None where hidden.
    per_day: list[tuple[date, int]] | None
    #: The station table; None where the counts are hidden.
    stations: StationTable | None
    #: The station table counts signatures made before this moment (local midnight).
    stations_as_of: datetime
    #: Every version of the deputy's reply, newest first (the first is the current one).
    reply_versions: list[DeputyReply]


def get_own_petition(user: User, petition_id: int) -> Petition:
    """The public petition ``petition_id`` against the deputy ``user`` speaks for; 404 for any
    other petition, any private one, or an account not linked to a deputy record."""
    deputy_id = linked_deputy_id(user)
    if deputy_id is None or not 0 < petition_id <= MAX_ID:
        abort(404)
    return db.first_or_404(_visible(deputy_id).where(Petition.id == petition_id))


def petition_for_deputy(user: User, petition_id: int, now: datetime) -> PortalPetition:
    """What the portal shows of one of the deputy's petitions (404 as ``get_own_petition``)."""
    petition = get_own_petition(user, petition_id)
    rule_set = petition_rules(petition)
    public = counting.counts_are_public(petition)
    counts = counting.public_counts(petition, now)
    status = shown_status(petition, now)
    collecting = status is PetitionStatus.COLLECTING
    pause = active_pause(petition.id, now) if collecting else None
    open_for = petition.closes_at - now if petition.closes_at is not None else None
    running = collecting and pause is None and open_for and open_for.total_seconds() > 0
    as_of = start_of_day(now, rule_set)
    table = station_table(petition, as_of=as_of) if public else None
    return PortalPetition(
        petition=petition,
        rule_set=rule_set,
        status=status,
        calendar=petition_calendar(petition),
        closes_at=local_deadline(petition, rule_set),
        time_left=open_for if running else None,
        pause=pause,
        pause_extends=extends_deadline(petition_rules(petition)),
        counts=counts,
        progress=None if counts is None else counts.percent_of(petition.signatures_required),
        per_day=counting.signatures_per_day(petition.id, rule_set.zone, now) if public else None,
        stations=table,
        stations_as_of=as_of,
        reply_versions=reply_versions(petition.id),
    )


def start_of_day(now: datetime, rule_set: RuleSet) -> datetime:
    """Local midnight of ``now``'s day in the rule set's zone: the station table's cut-off."""
    return datetime.combine(now.astimezone(rule_set.zone).date(), time(0), tzinfo=rule_set.zone)


def _counted_by_station(petition_id: int, before: datetime) -> dict[int | None, int]:
    """Counted (valid) signatures made before ``before`` per polling station of the
    signer's register row, paper ones included; None: signatures without a register row."""
    rows = db.session.execute(
        sa.select(Voter.polling_station_id, sa.func.count(Signature.id))
        .select_from(Signature)
        .outerjoin(Voter, Voter.id == Signature.voter_id)
        .where(
            Signature.petition_id == petition_id,
            Signature.status.in_(counting.COUNTED),
            Signature.signed_at < before,
        )
        .group_by(Voter.polling_station_id)
    ).all()
    return dict(rows)


def station_table(petition: Petition, *, as_of: datetime) -> StationTable:
    """Every polling station of the petition's constituency (0 included), then one cell, always
    present, for signers registered in another constituency or not matched to the register;
    small ones merged into one row (``rules.disclosure``). The rows add up to the counted
    signatures made before ``as_of``.

    The table moves once a day (``as_of`` is the start of the day): a deputy refreshing the
    page while one person signs would otherwise see which station that person votes at, and
    when they signed. Another constituency's station is never named: a row for it would only
    exist because somebody from there signed.
    """
    counted = _counted_by_station(petition.id, as_of)
    stations = db.session.execute(stations_of(petition.constituency_id)).all()
    home = {station_id for station_id, _number in stations}
    cells: list[tuple[str | None, int]] = [
        (number, counted.get(station_id, 0)) for station_id, number in stations
    ]
    cells.append((None, sum(count for key, count in counted.items() if key not in home)))
    table = merge_small_counts(cells)
    return StationTable(
        rows=[StationCount(number, count) for number, count in table.shown],
        merged=[number for number in table.merged if number is not None],
        merged_elsewhere=None in table.merged,
        merged_count=table.merged_count,
        total=sum(counted.values()),
    )
