"""Read-only queries for the public directory: bodies, regions, constituencies and deputies.

Every function here only reads. Filters take codes as given in a URL; an unknown code raises
``UnknownFilter`` so that each caller can answer in its own way (an empty page, or a 400).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import contains_eager, joinedload

from app.extensions import db
from app.models import (
    Body,
    Constituency,
    Deputy,
    DeputyStatus,
    Region,
    RegisterCount,
    RegisterSnapshot,
)
from app.routing import MAX_ID

#: Codes are short identifiers; anything longer or unprintable cannot match and is not sent
#: to the database (PostgreSQL refuses NUL bytes in text with an error, not an empty result).
MAX_CODE_LENGTH = 32


class UnknownFilter(LookupError):
    """A filter value names nothing, e.g. ``?body=NOPE``."""

    def __init__(self, field: str, value: str) -> None:
        super().__init__(f"unknown {field}: {value!r}")
        self.field = field
        self.value = value


@dataclass(frozen=True)
class BodySummary:
    body: Body
    constituencies: int


@dataclass(frozen=True)
class Seat:
    """A constituency with its serving deputy (None: vacant) and its registered voters.

    ``registered_voters`` is None when no voter register is loaded.
    """

    constituency: Constituency
    deputy: Deputy | None
    registered_voters: int | None


@dataclass(frozen=True)
class SeatDetail(Seat):
    snapshot: RegisterSnapshot | None
    former_deputies: list[Deputy]


def _plausible_code(code: str) -> bool:
    return 0 < len(code) <= MAX_CODE_LENGTH and code.isprintable()


def _resolve(model: type[Body] | type[Region], field_name: str, code: str | None) -> int | None:
    """The id of the body or region with ``code``; None when no filter was given."""
    if not code:
        return None
    found = None
    if _plausible_code(code):
        found = db.session.scalar(sa.select(model.id).where(model.code == code))
    if found is None:
        raise UnknownFilter(field_name, code)
    return found


def _status(value: str | None) -> DeputyStatus | None:
    if not value:
        return None
    try:
        return DeputyStatus(value)
    except ValueError:
        raise UnknownFilter("status", value) from None


def fetch_bodies() -> list[Body]:
    return list(db.session.scalars(sa.select(Body).order_by(Body.code)))


def fetch_regions() -> list[Region]:
    return list(db.session.scalars(sa.select(Region).order_by(Region.code)))


def fetch_body_summaries() -> list[BodySummary]:
    """Every body with its number of constituencies, in one grouped query."""
    statement = (
        sa.select(Body, sa.func.count(Constituency.id))
        .outerjoin(Constituency, Constituency.body_id == Body.id)
        .group_by(Body.id)
        .order_by(Body.code)
    )
    return [BodySummary(body, count) for body, count in db.session.execute(statement)]


def get_active_snapshot() -> RegisterSnapshot | None:
    return db.session.scalar(sa.select(RegisterSnapshot).where(RegisterSnapshot.is_active))


def registered_voters(constituency_ids: list[int]) -> dict[int, int] | None:
    """Voters per constituency in the active register; None when no register is active.

    A constituency without a count row in the active register has no voters on it (0).
    """
    statement = (
        sa.select(RegisterCount.constituency_id, RegisterCount.voters)
        .select_from(RegisterSnapshot)
        .outerjoin(
            RegisterCount,
            sa.and_(
                RegisterCount.snapshot_id == RegisterSnapshot.id,
                RegisterCount.constituency_id.in_(constituency_ids),
            ),
        )
        .where(RegisterSnapshot.is_active)
    )
    rows = db.session.execute(statement).all()
    if not rows:
        return None
    counts = {constituency_id: voters for constituency_id, voters in rows if voters is not None}
    return {constituency_id: counts.get(constituency_id, 0) for constituency_id in constituency_ids}


def serving_deputies(constituency_ids: list[int]) -> dict[int, Deputy]:
    """The serving deputy of each constituency that has one, with the party loaded."""
    statement = (
        sa.select(Deputy)
        .where(
            Deputy.constituency_id.in_(constituency_ids),
            Deputy.status == DeputyStatus.SERVING,
        )
        .options(joinedload(Deputy.party))
    )
    return {deputy.constituency_id: deputy for deputy in db.session.scalars(statement)}


def constituency_key(constituency: Constituency) -> tuple[str, int, int]:
    """The sort key of the constituency lists (a page starts after such a key)."""
    return constituency.body.code, constituency.number, constituency.id


def fetch_constituencies(
    body_code: str | None = None,
    region_code: str | None = None,
    *,
    after: tuple | None = None,
    limit: int | None = None,
) -> list[Constituency]:
    """Constituencies with body and region, by body code then number; with ``after`` (a
    ``constituency_key``) only those that come after it, and at most ``limit``.

    Raises ``UnknownFilter`` when ``body_code`` or ``region_code`` names nothing.
    """
    body_id = _resolve(Body, "body", body_code)
    region_id = _resolve(Region, "region", region_code)
    sort_key = (Body.code, Constituency.number, Constituency.id)
    statement = (
        sa.select(Constituency)
        .join(Constituency.body)
        .options(contains_eager(Constituency.body), joinedload(Constituency.region))
        .order_by(*sort_key)
        .limit(limit)
    )
    if body_id is not None:
        statement = statement.where(Constituency.body_id == body_id)
    if region_id is not None:
        statement = statement.where(Constituency.region_id == region_id)
    if after is not None:
        statement = statement.where(sa.tuple_(*sort_key) > sa.tuple_(*after))
    return list(db.session.scalars(statement))


def fetch_seats(
    body_code: str | None = None, region_code: str | None = None, **page: object
) -> list[Seat]:
    """``fetch_constituencies`` with each seat's serving deputy and registered voters."""
    constituencies = fetch_constituencies(body_code, region_code, **page)
    ids = [constituency.id for constituency in constituencies]
    deputies = serving_deputies(ids)
    voters = registered_voters(ids)
    return [
        Seat(c, deputies.get(c.id), None if voters is None else voters[c.id])
        for c in constituencies
    ]


def get_constituency(code: str) -> Constituency:
    """The constituency with ``code``, with its body and region; 404 when there is none."""
    if not _plausible_code(code):
        abort(404)
    statement = (
        sa.select(Constituency)
        .where(Constituency.code == code)
        .options(joinedload(Constituency.body), joinedload(Constituency.region))
    )
    return db.first_or_404(statement)


def get_seat_detail(code: str) -> SeatDetail:
    """A constituency with its serving and former deputies and the active register's count."""
    constituency = get_constituency(code)
    deputies = db.session.scalars(
        sa.select(Deputy)
        .where(Deputy.constituency_id == constituency.id)
        .options(joinedload(Deputy.party))
        .order_by(Deputy.mandate_start.desc(), Deputy.id.desc())
    ).all()
    serving = next((d for d in deputies if d.status == DeputyStatus.SERVING), None)
    snapshot = get_active_snapshot()
    voters = registered_voters([constituency.id])
    return SeatDetail(
        constituency=constituency,
        deputy=serving,
        registered_voters=None if voters is None else voters[constituency.id],
        snapshot=snapshot,
        former_deputies=[d for d in deputies if d is not serving],
    )


def _deputies_statement() -> sa.Select:
    return (
        sa.select(Deputy)
        .join(Deputy.constituency)
        .join(Constituency.body)
        .options(
            contains_eager(Deputy.constituency).contains_eager(Constituency.body),
            contains_eager(Deputy.constituency).joinedload(Constituency.region),
            joinedload(Deputy.party),
        )
    )


def get_deputy(deputy_id: int) -> Deputy:
    """The deputy with ``deputy_id``, with party, constituency, body and region; else 404."""
    if not 0 < deputy_id <= MAX_ID:
        abort(404)
    return db.first_or_404(_deputies_statement().where(Deputy.id == deputy_id))


def deputy_key(deputy: Deputy) -> tuple:
    """The sort key of the deputy list (a page starts after such a key)."""
    place = deputy.constituency
    return place.body.code, place.number, deputy.mandate_start, deputy.id


def fetch_deputies(
    body_code: str | None = None,
    status: str | None = None,
    *,
    after: tuple | None = None,
    limit: int | None = None,
) -> list[Deputy]:
    """Deputies, by body code, constituency number and mandate start; with ``after`` (a
    ``deputy_key``) only those after it, and at most ``limit``.

    Raises ``UnknownFilter`` for an unknown body code or status.
    """
    body_id = _resolve(Body, "body", body_code)
    wanted_status = _status(status)
    sort_key = (Body.code, Constituency.number, Deputy.mandate_start, Deputy.id)
    statement = _deputies_statement().order_by(*sort_key).limit(limit)
    if body_id is not None:
        statement = statement.where(Constituency.body_id == body_id)
    if wanted_status is not None:
        statement = statement.where(Deputy.status == wanted_status)
    if after is not None:
        statement = statement.where(sa.tuple_(*sort_key) > sa.tuple_(*after))
    return list(db.session.scalars(statement).unique())
