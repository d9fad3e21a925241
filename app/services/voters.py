"""Finding people on the active voter register."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Constituency, Deputy, DeputyStatus, RegisterSnapshot, Voter


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


def serving_deputy(constituency_id: int) -> Deputy | None:
    return db.session.scalar(
        sa.select(Deputy).where(
            Deputy.constituency_id == constituency_id, Deputy.status == DeputyStatus.SERVING
        )
    )
