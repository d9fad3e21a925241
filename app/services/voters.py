"""Finding people on the active voter register, and the constituency they vote in per body.

A register row names one constituency, of the body the register was drawn up for; the station
map (``StationConstituency``, loaded by ``flask register stations``) gives the voter's
constituency in every other body through their polling station. ``constituency_in_body`` is the
one answer to "where does this voter vote for that body", used by signing, the initiative
group, the review checks and the register's counts (their set-based SQL twins are
``in_constituency_sql`` and ``stations_of``).
"""

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload

from app.extensions import db
from app.models import (
    Body,
    Constituency,
    Deputy,
    DeputyStatus,
    PollingStation,
    RegisterSnapshot,
    StationConstituency,
    Voter,
)


def active_voter(voter_hash: bytes, *, with_place: bool = True) -> Voter | None:
    """The person's row in the active register, if any; ``with_place`` loads its constituency
    and body in the same query (the signing path only needs the constituency id)."""
    query = (
        sa.select(Voter)
        .join(RegisterSnapshot, RegisterSnapshot.id == Voter.snapshot_id)
        .where(RegisterSnapshot.is_active, Voter.iin_hash == voter_hash)
    )
    if with_place:
        query = query.options(joinedload(Voter.constituency).joinedload(Constituency.body))
    return db.session.scalar(query)


def constituency_in_body(voter: Voter, constituency: Constituency) -> Constituency | None:
    """The voter's constituency in ``constituency``'s body: their register row's own when it is
    of that body, else the one the station map gives for their polling station (None: the
    station is not mapped for that body, so the voter does not vote in it)."""
    if voter.constituency_id == constituency.id:
        return constituency
    home = voter.constituency
    if home.body_id == constituency.body_id:
        return home
    mapped = _mapped_from(voter.polling_station_id).where(
        StationConstituency.body_id == constituency.body_id
    )
    return db.session.scalar(sa.select(Constituency).where(Constituency.id.in_(mapped)))


def constituencies_of(voter: Voter) -> list[Constituency]:
    """Every constituency the voter votes in, one per body: their register row's own first, then
    those the station map gives in the other bodies, by body code (bodies loaded). Without a map,
    the register row's alone."""
    mapped = db.session.scalars(
        sa.select(Constituency)
        .join(Body, Body.id == Constituency.body_id)
        .where(Constituency.id.in_(_mapped_from(voter.polling_station_id)))
        .order_by(Body.code)
        .options(joinedload(Constituency.body))
    )
    return [voter.constituency, *mapped]


def station_map() -> sa.Select:
    """Each polling station with the constituencies the map gives its voters in the bodies
    other than its own constituency's: ``(polling_station_id, constituency_id)`` rows. A map
    row matches a station of the same region and number; one for the station's own body is
    ignored (the register row decides there)."""
    home = aliased(Constituency)
    return (
        sa.select(PollingStation.id, StationConstituency.constituency_id)
        .join(home, home.id == PollingStation.constituency_id)
        .join(
            StationConstituency,
            sa.and_(
                StationConstituency.region_id == home.region_id,
                StationConstituency.station == PollingStation.number,
                StationConstituency.body_id != home.body_id,
            ),
        )
    )


def _mapped_from(station_id: int) -> sa.Select:
    """The ids of the constituencies the map gives the station in other bodies."""
    return (
        station_map()
        .with_only_columns(StationConstituency.constituency_id)
        .where(PollingStation.id == station_id)
    )


def mapped_into(constituency_id) -> sa.Select:
    """Polling stations mapped into ``constituency_id`` (a value or a SQL column) from another
    body's constituencies: ``(polling_station_id, constituency_id)`` rows, for correlating."""
    return station_map().where(StationConstituency.constituency_id == constituency_id)


def in_constituency_sql(voter_constituency_id, station_id, constituency_id) -> sa.ColumnElement:
    """SQL twin of ``constituency_in_body`` over columns: the register row's constituency is
    the petition's, or the row's polling station is mapped into it."""
    mapped = mapped_into(constituency_id).where(PollingStation.id == station_id)
    return sa.or_(voter_constituency_id == constituency_id, mapped.exists())


def stations_of(constituency_id: int) -> sa.Select:
    """The polling stations whose voters vote in the constituency: its own and those the map
    brings in from another body's constituencies; ``(id, number)`` rows by number."""
    own = sa.select(PollingStation.id, PollingStation.number).where(
        PollingStation.constituency_id == constituency_id
    )
    brought = mapped_into(constituency_id).with_only_columns(
        PollingStation.id, PollingStation.number
    )
    return sa.union(own, brought).order_by("number")


def serving_deputy(constituency_id: int) -> Deputy | None:
    """The deputy serving the constituency now, if any (a unique index keeps it to one)."""
    return db.session.scalar(
        sa.select(Deputy).where(
            Deputy.constituency_id == constituency_id, Deputy.status == DeputyStatus.SERVING
        )
    )
