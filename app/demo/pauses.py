"""The demo pause: two hours of planned maintenance of the register link, two days ago.

A site-wide pause started by the demo administrator at 10:00 Almaty time two days before
``now`` and ended two hours later, through the real services: the demo petition (Kazakh rules,
``pause_extends_deadline``) and any other petition collecting under Kazakh rules then have their
deadline extended by two hours; petitions under rules that keep their deadline are listed as not
extended. Nobody could sign online during the pause, so demo online signatures that the other
demo modules spread over that window are moved to just after it. All of it is on ``/pauses``.
Idempotent: nothing is done once a pause with this reason exists.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from app.database import transaction
from app.demo.people import DEMO_ACCOUNTS
from app.extensions import db
from app.models import Channel, Pause, Role, Signature, User
from app.services.pauses.commands import end_pause, start_pause

REASON = "Planned maintenance of the register link"
LENGTH = timedelta(hours=2)
DAYS_AGO = 2
LOCAL_START = time(10, 0)
ZONE = ZoneInfo("Asia/Almaty")


@dataclass
class PauseOutcome:
    pause_id: int | None = None
    created: bool = False
    extended: list[int] = field(default_factory=list)
    not_extended: list[int] = field(default_factory=list)


def pause_window(now: datetime) -> tuple[datetime, datetime]:
    """The demo pause's start and end: 10:00-12:00 Almaty time, two days before ``now``."""
    day = now.astimezone(ZONE).date() - timedelta(days=DAYS_AGO)
    start = datetime.combine(day, LOCAL_START, tzinfo=ZONE)
    return start, start + LENGTH


def _admin() -> User | None:
    email = next(a.email for a in DEMO_ACCOUNTS if a.role is Role.ADMIN)
    return db.session.scalar(sa.select(User).where(User.email == email))


def _move_signatures_out_of(start: datetime, end: datetime) -> None:
    """Online signatures are impossible during a site-wide pause: move the demo's to after it,
    one minute apart, keeping their order."""
    with transaction():
        inside = db.session.scalars(
            sa.select(Signature)
            .where(
                Signature.channel == Channel.ONLINE,
                Signature.signed_at >= start,
                Signature.signed_at < end,
            )
            .order_by(Signature.signed_at, Signature.id)
        ).all()
        for index, signature in enumerate(inside):
            signature.signed_at = end + timedelta(minutes=1 + index)


def seed_demo_pause(now: datetime) -> PauseOutcome:
    """Record the demo's past site-wide pause unless it exists (needs the demo admin)."""
    existing = db.session.scalar(sa.select(Pause.id).where(Pause.reason == REASON))
    admin = _admin()
    if existing is not None or admin is None:
        return PauseOutcome(pause_id=existing)
    start, end = pause_window(now)
    if end > now:
        return PauseOutcome()
    _move_signatures_out_of(start, end)
    pause = start_pause(admin.id, REASON, now=start)
    result = end_pause(pause.id, admin.id, now=end)
    return PauseOutcome(
        pause_id=pause.id,
        created=True,
        extended=[e.petition_id for e in result.extended],
        not_extended=[p.id for p in result.not_extended],
    )
