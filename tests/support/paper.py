"""Builders for the paper sheet tests: a collecting petition, a batch, keyed lines, the pages."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import RegisterCount, RegisterSnapshot
from app.rules.lifecycle import PetitionStatus
from app.services.paper.batches import register_batch
from app.services.paper.keying import KeyedLine
from app.services.petitions.commands import change_status
from tests.factories import make_collecting_petition, make_officer, make_petition, make_voter

OPENED = datetime(2026, 12, 10, 5, tzinfo=UTC)
#: Ten days into the collection of ``make_collecting_petition`` (opened 10 Dec 2026).
NOW = datetime(2026, 12, 20, 6, tzinfo=UTC)
SIGNED_ON = date(2026, 12, 15)


def paper_petition(*, opened: datetime = OPENED):
    """A collecting petition and two officers of its body; committed. The first one made also
    makes the active register; later ones share it."""
    snapshot_id = db.session.scalar(
        sa.select(RegisterSnapshot.id).where(RegisterSnapshot.is_active)
    )
    if snapshot_id is not None:
        petition = make_petition(status=PetitionStatus.FILED, filed_at=opened - timedelta(days=7))
        db.session.add(
            RegisterCount(
                snapshot_id=snapshot_id, constituency_id=petition.constituency_id, voters=1_000
            )
        )
        db.session.commit()
        petition = change_status(
            petition.id, PetitionStatus.COLLECTING, now=opened, reason="registered", actor_label="t"
        )
    else:
        petition = make_collecting_petition(opened_at=opened)
    body = petition.constituency.body
    first, second = make_officer(bodies=[body]), make_officer(bodies=[body])
    db.session.commit()
    return petition, first, second


def batch_of(petition, officer, *, first_sheet=1, last_sheet=1, received_on=None):
    """Sheets handed in (by default the day after collection opened, in any time zone)."""
    received_on = received_on or (petition.opened_at + timedelta(days=1)).date()
    return register_batch(
        petition.id,
        officer.id,
        collector="Asel Collector",
        received_on=received_on,
        first_sheet=first_sheet,
        last_sheet=last_sheet,
        now=max(NOW, datetime.now(UTC)),
    )


def signer(petition, **kw):
    """A voter of the petition's constituency on the active register; committed."""
    voter = make_voter(constituency=petition.constituency, **kw)
    db.session.commit()
    return voter


def line_of(number, voter, *, signed_on=SIGNED_ON, **changes) -> KeyedLine:
    """Line ``number`` of a sheet as the voter wrote it; ``changes`` misread or blank fields."""
    values = {
        "line_number": number,
        "iin": voter.iin,
        "last_name": voter.last_name,
        "first_name": voter.first_name,
        "birth_date": voter.birth_date,
        "signed_on": signed_on,
    }
    return KeyedLine(**values | changes)


def paper_url(petition, rest=""):
    """The path of ``petition``'s paper pages (``rest`` below them)."""
    return f"/commission/petitions/{petition.id}/paper{rest}"
