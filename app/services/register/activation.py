"""Use case: make an earlier register snapshot the active register again.

Snapshots are never changed or deleted, so returning to an earlier register (after a wrong
import, or to undo one) is a switch of the active flag, guarded like an import
(``app.services.register.guard``), audited, with the signatures of open petitions re-checked
against the snapshot in the same transaction.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from app.database import transaction
from app.extensions import db
from app.models import RegisterSnapshot
from app.models.base import utcnow
from app.services.audit import chain as audit
from app.services.register.counts import count_voters
from app.services.register.guard import Shrink, guard_replacement
from app.services.register.reader import RegisterFileError
from app.services.review.recheck import RecheckResult, recheck_in_transaction


@dataclass(frozen=True)
class ActivationResult:
    snapshot: RegisterSnapshot
    #: False when the snapshot was already the active register (nothing changed).
    changed: bool
    shrink: Shrink | None = None
    recheck: RecheckResult | None = None


def switch_active(snapshot: RegisterSnapshot) -> None:
    """Make ``snapshot`` the active register, in the caller's transaction."""
    # The old register must be switched off first: a partial unique index allows one active row.
    db.session.execute(
        sa.update(RegisterSnapshot).where(RegisterSnapshot.is_active).values(is_active=False)
    )
    snapshot.is_active = True
    db.session.flush()


def activate_in_transaction(
    snapshot: RegisterSnapshot, *, allow_shrink: bool, actor_label: str, now: datetime
) -> ActivationResult:
    """Guard, switch, re-check and audit, inside the caller's transaction."""
    if snapshot.is_active:
        return ActivationResult(snapshot, changed=False)
    shrink = guard_replacement(snapshot.id, allow_shrink=allow_shrink)
    switch_active(snapshot)
    count_voters(snapshot.id)  # the station map may have changed since it was imported
    recheck = recheck_in_transaction(snapshot.id, now, actor_label=actor_label)
    audit.record(
        "register.activated",
        "register_snapshot",
        snapshot.id,
        actor_label=actor_label,
        details={
            "before": {"active_snapshot": shrink.previous_id},
            "after": {"active_snapshot": snapshot.id},
            "snapshot_date": snapshot.snapshot_date.isoformat(),
            "file": snapshot.source_name,
            "rechecked": recheck.checked,
            "flagged": recheck.flagged,
            "cleared": recheck.cleared,
            **shrink.audit_details(allow_shrink),
        },
    )
    return ActivationResult(snapshot, changed=True, shrink=shrink, recheck=recheck)


def activate_snapshot(
    snapshot_id: int,
    *,
    allow_shrink: bool = False,
    actor_label: str = "cli",
    now: datetime | None = None,
) -> ActivationResult:
    """Make snapshot ``snapshot_id`` the active register; one transaction.

    ``RegisterFileError`` (``RegisterShrinkRefused`` for the guard) when it cannot be; then
    nothing is changed.
    """
    with transaction():
        # Row-lock the snapshot so that two activations or an import take turns.
        snapshot = db.session.get(RegisterSnapshot, snapshot_id, with_for_update=True)
        if snapshot is None:
            raise RegisterFileError(_("There is no register snapshot %(id)d.", id=snapshot_id))
        return activate_in_transaction(
            snapshot, allow_shrink=allow_shrink, actor_label=actor_label, now=now or utcnow()
        )


def same_file(
    checksum: str, snapshot_date: date, allow_shrink: bool, actor_label: str, now: datetime | None
) -> tuple[RegisterSnapshot, bool] | None:
    """What importing a file imported before does: ``(its snapshot, reactivated)``, or None if
    the file (its SHA-256) is new.

    A file is never loaded twice. If its snapshot is the active register, nothing changes; if
    another register was activated since, its snapshot becomes the active one again (as
    ``register activate``: guarded, re-checked, audited). Given with another snapshot date than
    its first import it is refused: a register of another date is another file.
    """
    existing = db.session.scalar(
        sa.select(RegisterSnapshot).where(RegisterSnapshot.source_checksum == checksum)
    )
    if existing is None:
        return None
    if existing.is_active:
        return existing, False
    if existing.snapshot_date != snapshot_date:
        raise RegisterFileError(
            _(
                "This file was imported as snapshot %(id)d of %(day)s. To make that register "
                "active again, run: register activate %(id)d",
                id=existing.id,
                day=existing.snapshot_date.isoformat(),
            )
        )
    activate_snapshot(existing.id, allow_shrink=allow_shrink, actor_label=actor_label, now=now)
    return existing, True
