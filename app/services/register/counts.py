"""Voters per constituency of a register snapshot, through the station map.

A voter counts in their register row's constituency and in the constituency the station map
gives for their polling station in each other body. The counts are stored (``RegisterCount``)
because snapshots never change; they are redone when the map changes or a snapshot becomes
active again.
"""

import sqlalchemy as sa

from app.extensions import db
from app.models import PollingStation, RegisterCount, StationConstituency, Voter
from app.services.voters import station_map


def count_voters(snapshot_id: int, home: dict[int, int] | None = None) -> dict[int, int]:
    """Store and return the snapshot's voters per constituency, in the caller's transaction;
    ``home`` (voters per register-row constituency) is given by an import that counted them."""
    counts = dict(home) if home is not None else _per_row(snapshot_id)
    for constituency_id, voters in _mapped(snapshot_id).items():
        counts[constituency_id] = counts.get(constituency_id, 0) + voters
    db.session.execute(sa.delete(RegisterCount).where(RegisterCount.snapshot_id == snapshot_id))
    db.session.add_all(
        RegisterCount(snapshot_id=snapshot_id, constituency_id=cid, voters=n)
        for cid, n in counts.items()
    )
    db.session.flush()
    return counts


def _per_row(snapshot_id: int) -> dict[int, int]:
    return dict(
        db.session.execute(
            sa.select(Voter.constituency_id, sa.func.count())
            .where(Voter.snapshot_id == snapshot_id)
            .group_by(Voter.constituency_id)
        ).all()
    )


def _mapped(snapshot_id: int) -> dict[int, int]:
    """Voters the map places in constituencies of bodies other than their register row's."""
    if db.session.scalar(sa.select(StationConstituency.id).limit(1)) is None:
        return {}  # no map: one body per voter, and no join over the whole register
    return dict(
        db.session.execute(
            station_map()
            .with_only_columns(StationConstituency.constituency_id, sa.func.count())
            .join(Voter, Voter.polling_station_id == PollingStation.id)
            .where(Voter.snapshot_id == snapshot_id)
            .group_by(StationConstituency.constituency_id)
        ).all()
    )
