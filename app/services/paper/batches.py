"""Paper signature sheets: when paper work is open, and registering batches of sheets.

What the sheet pages show is in ``app.services.paper.queries``; keying, resolution and acceptance
are in ``app.services.paper.keying``.

When paper work is allowed: collectors hand sheets in while the petition collects and after
collection has closed (sheets signed in time but handed in at the deadline); once verification
starts the set of signatures is what the commission verifies (a sample is drawn from it), so no
batch is registered, keyed or accepted from then on. Paper work is therefore open exactly while
the petition is ``collecting`` or ``collection_closed``; a line signed outside the collection
period still becomes a signature, which fails the period check.
"""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.database import get_locked, transaction
from app.extensions import db
from app.models import (
    PaperBatch,
    PaperSheet,
    Petition,
    User,
)
from app.services.accounts.officers import staff_in_scope
from app.services.audit import chain as audit
from app.services.law import petition_rules

#: The petition statuses in which sheets are registered, keyed and accepted (see above).
#: More sheets than this in one batch is taken for a typing error.
MAX_SHEETS_PER_BATCH = 2_000


class PaperError(Exception):
    """Bad input for a paper use case; ``line_errors`` maps line numbers to their problem."""

    def __init__(self, message: str, line_errors: dict[int, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line_errors = line_errors or {}


def locked_petition(petition_id: int) -> Petition:
    """The petition, locked, if paper work is open on it; else ``PaperError``."""
    petition = get_locked(Petition, petition_id)
    if petition is None:
        raise PaperError(_("No such petition."))
    if not petition.accepts_paper:
        raise PaperError(
            _(
                "Paper sheets are handled only while the petition collects signatures or "
                "after collection has closed, before verification starts."
            )
        )
    return petition


def officer_in_scope(officer_id: int, petition_id: int) -> User:
    """The officer, if they may work on the petition; else ``PaperError``."""
    officer = staff_in_scope(officer_id, petition_id)
    if officer is None:
        raise PaperError(_("This petition is outside your assignments."))
    return officer


def register_batch(
    petition_id: int,
    officer_id: int,
    *,
    collector: str,
    received_on: date,
    first_sheet: int,
    last_sheet: int,
    now: datetime,
) -> PaperBatch:
    """Register the sheets ``first_sheet``..``last_sheet`` a collector handed in on
    ``received_on``; a sheet number already registered for the petition refuses the batch."""
    collector = " ".join((collector or "").split())
    if not collector:
        raise PaperError(_("Enter the collector's name."))
    if not 0 < first_sheet <= last_sheet:
        raise PaperError(_("The first sheet number must be positive and not above the last."))
    if last_sheet - first_sheet + 1 > MAX_SHEETS_PER_BATCH:
        raise PaperError(_("A batch has at most %(count)d sheets.", count=MAX_SHEETS_PER_BATCH))
    try:
        with transaction():
            petition = locked_petition(petition_id)
            zone = petition_rules(petition).zone
            opened_on = petition.opened_at.astimezone(zone).date()
            if not opened_on <= received_on <= now.astimezone(zone).date():
                raise PaperError(
                    _("The date received must lie between the opening of collection and today.")
                )
            _refuse_overlap(petition.id, first_sheet, last_sheet)
            officer = officer_in_scope(officer_id, petition.id)
            batch = PaperBatch(
                petition_id=petition.id,
                collector=collector,
                received_on=received_on,
                first_sheet=first_sheet,
                last_sheet=last_sheet,
                registered_by_id=officer.id,
                registered_at=now,
            )
            db.session.add(batch)
            db.session.flush()
            db.session.add_all(
                PaperSheet(petition_id=petition.id, batch_id=batch.id, number=number)
                for number in range(first_sheet, last_sheet + 1)
            )
            db.session.flush()
            audit.record(
                "paper.batch_registered",
                "petition",
                petition.id,
                actor=officer,
                details={
                    "before": None,
                    "after": {
                        "batch": batch.id,
                        "collector": collector,
                        "received_on": received_on.isoformat(),
                        "sheets": [first_sheet, last_sheet],
                    },
                    "reason": "sheets handed in",
                },
            )
    except IntegrityError:
        # A concurrent batch took some of the numbers between the check and the insert.
        raise PaperError(_overlap_message(first_sheet, last_sheet)) from None
    return batch


def _refuse_overlap(petition_id: int, first: int, last: int) -> None:
    taken = db.session.scalars(
        sa.select(PaperSheet.number)
        .where(
            PaperSheet.petition_id == petition_id,
            PaperSheet.number.between(first, last),
        )
        .order_by(PaperSheet.number)
    ).all()
    if taken:
        raise PaperError(_overlap_message(taken[0], taken[-1]))


def _overlap_message(first: int, last: int) -> str:
    return _(
        "Sheet numbers %(first)d to %(last)d overlap sheets already registered for this "
        "petition; each sheet number is registered once.",
        first=first,
        last=last,
    )
