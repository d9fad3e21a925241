"""The register guard: a new active register must not silently drop most voters.

A register file with a header and no rows once became the active register: valid signatures
fell from 1,034 to 60 and every verified voter could no longer sign. So, before a snapshot
replaces the active one (by an import or ``register activate``), the voters of the active
snapshot still present in the new one (same IIN hash) are counted; the change is refused when
fewer than ``REGISTER_MIN_KEPT_SHARE`` of them (default 90 %) would stay, or when the new
snapshot has no voter at all, unless the operator says the shrink is intended
(``--allow-shrink``). The first register (nothing active yet) is only refused when empty.
"""

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_percent
from flask_babel import gettext as _

from app.extensions import db
from app.models import RegisterSnapshot, Voter
from app.services.register.reader import RegisterFileError


class RegisterShrinkRefused(RegisterFileError):
    """The new snapshot would drop too many voters of the active one; nothing is changed."""


@dataclass(frozen=True)
class Shrink:
    """How a new snapshot compares with the one in force."""

    #: The active snapshot (None: no register is in force yet).
    previous_id: int | None
    #: Voters of the active snapshot.
    previous: int
    #: Of them, voters also in the new snapshot.
    kept: int
    #: Voters of the new snapshot.
    accepted: int

    @property
    def share(self) -> float:
        """The share of the active register's voters that the new one keeps (1 if none)."""
        return self.kept / self.previous if self.previous else 1.0

    def audit_details(self, allowed: bool) -> dict:
        return {
            "previous_snapshot": self.previous_id,
            "previous_voters": self.previous,
            "kept_voters": self.kept,
            "shrink_allowed": allowed,
        }


def compare_with_active(new_snapshot_id: int) -> Shrink:
    """Count the voters of the active snapshot that ``new_snapshot_id`` keeps (one query)."""
    active_id = db.session.scalar(
        sa.select(RegisterSnapshot.id).where(
            RegisterSnapshot.is_active, RegisterSnapshot.id != new_snapshot_id
        )
    )
    accepted = db.session.scalar(
        sa.select(sa.func.count()).select_from(Voter).where(Voter.snapshot_id == new_snapshot_id)
    )
    if active_id is None:
        return Shrink(None, 0, 0, accepted)
    old, new = sa.orm.aliased(Voter), sa.orm.aliased(Voter)
    previous, kept = db.session.execute(
        sa.select(sa.func.count(old.id), sa.func.count(new.id))
        .select_from(old)
        .outerjoin(new, sa.and_(new.snapshot_id == new_snapshot_id, new.iin_hash == old.iin_hash))
        .where(old.snapshot_id == active_id)
    ).one()
    return Shrink(active_id, previous, kept, accepted)


def guard_replacement(new_snapshot_id: int, *, allow_shrink: bool) -> Shrink:
    """The comparison of ``new_snapshot_id`` with the active register, or
    ``RegisterShrinkRefused`` if it would empty or shrink the register and that is not allowed.

    Called inside the caller's transaction, before the switch: a refusal rolls it all back.
    """
    shrink = compare_with_active(new_snapshot_id)
    if allow_shrink:
        return shrink
    if shrink.accepted == 0:
        raise RegisterShrinkRefused(
            _(
                "The new register has no valid voter at all, so it would leave nobody able to "
                "sign. If that is really intended, repeat the command with --allow-shrink."
            )
        )
    minimum = Decimal(str(current_app.config["REGISTER_MIN_KEPT_SHARE"]))
    if shrink.previous and Decimal(shrink.kept) < minimum * shrink.previous:
        raise RegisterShrinkRefused(
            _(
                "The new register keeps only %(kept)d of the %(previous)d voters of the active "
                "register (%(share)s; at least %(minimum)s must stay). The others could no "
                "longer sign and their signatures would be flagged. If that is really intended, "
                "repeat the command with --allow-shrink.",
                kept=shrink.kept,
                previous=shrink.previous,
                share=format_percent(shrink.share, "#,##0.#%"),
                minimum=format_percent(float(minimum), "#,##0.#%"),
            )
        )
    return shrink
