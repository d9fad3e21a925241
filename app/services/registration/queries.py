"""The registration queue: filed petitions waiting for the commission's decision.

Each petition has a statutory decision deadline (the ``registration_decision`` step of its legal
calendar, from the rule set's ``registration_decision_period``; for Kazakhstan a project default
of 5 working days, not yet confirmed against the law). The queue shows how much time is left and
filters on overdue petitions and on those due within two working days. The counting functions
are pure: values in (with ``now``), values out.
"""

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Petition, User
from app.rules.calendar import add_working_days, is_working_day
from app.rules.lifecycle import PetitionStatus
from app.rules.ruleset import RuleSet
from app.rules.timeline import Step
from app.services.accounts.officers import scope_filter
from app.services.audit.queries import HistoryEntry, petition_history
from app.services.law import petition_rules
from app.services.petitions.calendar import (
    fetch_open_petitions,
    petition_calendar,
    registered_counts,
)
from app.services.petitions.counts import Counts, exact_counts
from app.services.petitions.queries import get_petition
from app.services.petitions.status import shown_status

#: "Due soon": the deadline falls within this many working days from today.
DUE_SOON_WORKING_DAYS = 2


class QueueFilter(enum.StrEnum):
    ALL = "all"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


@dataclass(frozen=True)
class Countdown:
    """Time to a deadline (or past it, when ``overdue``), seen from one moment."""

    overdue: bool
    #: Whole hours left (or overdue by).
    hours: int
    #: Calendar days from today to the deadline's day (or from it to today), local dates.
    calendar_days: int
    #: Working days after today up to and including the deadline's day (0 when overdue).
    working_days: int


def working_days_between(start: date, end: date, calendar: str) -> int:
    """Working days ``d`` with ``start < d <= end``."""
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(days=offset), calendar)
    )


def countdown(deadline: datetime, now: datetime, calendar: str) -> Countdown:
    """How long until ``deadline`` (aware, in the rule set's zone) at ``now``."""
    today = now.astimezone(deadline.tzinfo).date()
    overdue = now >= deadline
    seconds = abs((deadline - now).total_seconds())
    return Countdown(
        overdue=overdue,
        hours=int(seconds // 3600),
        calendar_days=abs((deadline.date() - today).days),
        working_days=0 if overdue else working_days_between(today, deadline.date(), calendar),
    )


def is_due_soon(deadline: datetime, now: datetime, calendar: str) -> bool:
    """Not yet overdue, and the deadline's day is at most two working days after today."""
    if now >= deadline:
        return False
    today = now.astimezone(deadline.tzinfo).date()
    return deadline.date() <= add_working_days(today, DUE_SOON_WORKING_DAYS, calendar)


def matches(show: QueueFilter, deadline: datetime | None, now: datetime, calendar: str) -> bool:
    """Whether a petition with ``deadline`` (None: the rule set sets none) is shown by ``show``."""
    if show is QueueFilter.ALL:
        return True
    if deadline is None:
        return False
    if show is QueueFilter.OVERDUE:
        return now >= deadline
    return is_due_soon(deadline, now, calendar)


def countdown_words(count: Countdown) -> str:
    """The countdown in words, e.g. "3 working days left (5 calendar days)"."""
    if count.overdue:
        if count.calendar_days:
            return ngettext(
                "Overdue by %(num)d day", "Overdue by %(num)d days", count.calendar_days
            )
        return ngettext("Overdue by %(num)d hour", "Overdue by %(num)d hours", count.hours)
    if count.hours < 1:
        return _("Less than an hour left")
    if count.calendar_days == 0:
        return ngettext("%(num)d hour left", "%(num)d hours left", count.hours)
    working = ngettext("%(num)d working day left", "%(num)d working days left", count.working_days)
    calendar = ngettext("%(num)d calendar day", "%(num)d calendar days", count.calendar_days)
    return f"{working} ({calendar})"


@dataclass(frozen=True)
class QueueRow:
    petition: Petition
    #: None when the petition's rule set sets no decision period.
    deadline: datetime | None
    countdown: Countdown | None
    due_soon: bool
    #: The period behind the deadline is a project default, not confirmed from the law.
    provisional: bool = False

    @property
    def overdue(self) -> bool:
        return self.countdown is not None and self.countdown.overdue

    @property
    def countdown_text(self) -> str:
        return countdown_words(self.countdown) if self.countdown else "—"


@dataclass(frozen=True)
class Queue:
    rows: list[QueueRow]
    #: How many petitions each filter shows (for the filter links).
    counts: dict[QueueFilter, int]


def fetch_queue(user: User, *, now: datetime, show: QueueFilter = QueueFilter.ALL) -> Queue:
    """The filed petitions in ``user``'s scope, soonest deadline first, filtered by ``show``."""
    petitions = db.session.scalars(
        sa.select(Petition)
        .where(Petition.status == PetitionStatus.FILED, scope_filter(user))
        .options(joinedload(Petition.deputy), joinedload(Petition.constituency))
        .order_by(Petition.id)
    ).all()
    registered = registered_counts()
    rows = []
    for petition in petitions:
        rule_set = petition_rules(petition)
        calendar = rule_set.holiday_calendar
        steps = petition_calendar(petition, registered.get(petition.constituency_id))
        step = next((s for s in steps if s.key == "registration_decision" and s.deadline), None)
        deadline = step.deadline if step else None
        rows.append(
            QueueRow(
                petition,
                deadline,
                countdown(deadline, now, calendar) if deadline else None,
                bool(deadline) and is_due_soon(deadline, now, calendar),
                provisional=step is not None and step.parameter in rule_set.provisional,
            )
        )
    far_future = datetime.max.replace(tzinfo=UTC)
    rows.sort(key=lambda row: (row.deadline or far_future, row.petition.id))

    def shown(row: QueueRow, which: QueueFilter) -> bool:
        code = petition_rules(row.petition).holiday_calendar
        return matches(which, row.deadline, now, code)

    counts = {which: sum(shown(row, which) for row in rows) for which in QueueFilter}
    return Queue([row for row in rows if shown(row, show)], counts)


#: The step of the legal calendar a petition in each status waits for.
STEP_OF_STATUS = {
    PetitionStatus.FILED: "registration_decision",
    PetitionStatus.COLLECTING: "collection_closes",
    PetitionStatus.COLLECTION_CLOSED: "verification",
    PetitionStatus.VERIFICATION: "verification",
    PetitionStatus.SUFFICIENT: "recall_vote",
    PetitionStatus.VOTE_SCHEDULED: "recall_vote",
}


@dataclass(frozen=True)
class Deadline:
    """The statutory deadline a petition now waits for, with the time left in words."""

    key: str
    at: datetime
    overdue: bool
    words: str
    #: The period behind it is a project default, not confirmed from the law.
    provisional: bool = False


def current_deadline(petition: Petition, calendar: list[Step], now: datetime) -> Deadline | None:
    """The deadline of the step the petition's status waits for (None if there is none)."""
    key = STEP_OF_STATUS.get(petition.status)
    step = next((s for s in calendar if s.key == key and s.deadline), None)
    if step is None:
        return None
    rule_set = petition_rules(petition)
    count = countdown(step.deadline, now, rule_set.holiday_calendar)
    provisional = step.parameter in rule_set.provisional
    return Deadline(key, step.deadline, count.overdue, countdown_words(count), provisional)


@dataclass(frozen=True)
class OpenRow:
    petition: Petition
    next_step: Step | None
    deadline: Deadline | None
    #: The status shown now (``petitions.status.shown_status``: closed at the deadline even
    #: before the clock ran).
    status: PetitionStatus


def open_petitions_in_scope(user: User, *, now: datetime) -> list[OpenRow]:
    """The open petitions (any active status) that ``user`` may work on, with the deadline each
    now waits for."""
    return [
        OpenRow(
            row.petition,
            row.next_step,
            current_deadline(row.petition, row.calendar, now),
            shown_status(row.petition, now),
        )
        for row in fetch_open_petitions(now, where=scope_filter(user))
    ]


@dataclass(frozen=True)
class PetitionPage:
    """What the commission's page of one petition shows: where it stands, its legal calendar and
    the deadline it now waits for, its exact counts, and its history."""

    petition: Petition
    #: The status shown at ``now`` (``petitions.status.shown_status``).
    shown_status: PetitionStatus
    rule_set: RuleSet
    calendar: list[Step]
    deadline: Deadline | None
    counts: Counts
    history: list[HistoryEntry]


def petition_page(petition_id: int, now: datetime) -> PetitionPage:
    """The petition ``petition_id`` as the commission sees it at ``now``; 404 if there is none."""
    petition = get_petition(petition_id)
    calendar = petition_calendar(petition)
    return PetitionPage(
        petition=petition,
        shown_status=shown_status(petition, now),
        rule_set=petition_rules(petition),
        calendar=calendar,
        deadline=current_deadline(petition, calendar, now),
        counts=exact_counts(petition.id, now),
        history=petition_history(petition.id),
    )
