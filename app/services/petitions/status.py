"""The status of a petition at a moment: collection ends at its deadline, unless an open pause
under a rule set that extends deadlines holds it open. One definition, in Python (``shown_status``)
and in SQL (``status_shown_at``), for every page, list, filter, the API and the clock."""

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import Pause, Petition
from app.models.pause import SITE_SCOPE, petition_scope
from app.rules.lifecycle import PetitionStatus, status_at
from app.rules.ruleset import RuleSet
from app.services.law import petition_rules, rule_sets, versions_of


def active_pause(petition_id: int, now: datetime) -> Pause | None:
    """The open pause that stops signing on the petition at ``now`` (its own or site-wide)."""
    return db.session.scalar(
        sa.select(Pause)
        .where(
            Pause.scope_key.in_((SITE_SCOPE, petition_scope(petition_id))),
            Pause.started_at <= now,
            Pause.ended_at.is_(None),
        )
        .order_by(Pause.started_at)
        .limit(1)
    )


def extends_deadline(rule_set: RuleSet) -> bool:
    """Whether a pause extends the deadline of petitions under this rule-set version."""
    param = rule_set.pause_extends_deadline
    return bool(param and param.value)


def held_open(petition: Petition, now: datetime) -> bool:
    """Collection stays open past the deadline: an extending pause that began before the
    deadline is open on the petition (one begun after it took no collection time away)."""
    if not extends_deadline(petition_rules(petition)) or petition.closes_at is None:
        return False
    pause = active_pause(petition.id, now)
    return pause is not None and pause.started_at < petition.closes_at


def shown_status(petition: Petition, now: datetime) -> PetitionStatus:
    """The status to show at ``now`` (``lifecycle.status_at``), unless an extending pause holds
    collection open past the deadline."""
    status = status_at(petition.status, petition.closes_at, now)
    if status is not petition.status and held_open(petition, now):
        return petition.status
    return status


def held_open_clause(now: datetime) -> sa.ColumnElement[bool]:
    """SQL for ``held_open``: an open pause covers the petition (site-wide or its own) and its
    rule set extends deadlines; for list filters."""
    extending = [code for code in rule_sets() if any(map(extends_deadline, versions_of(code)))]
    return sa.and_(
        Petition.rule_set_code.in_(extending),
        sa.exists().where(
            Pause.ended_at.is_(None),
            Pause.started_at <= now,
            Pause.started_at < Petition.closes_at,
            sa.or_(Pause.petition_id.is_(None), Pause.petition_id == Petition.id),
        ),
    )


def status_shown_at(wanted: PetitionStatus, now: datetime) -> sa.ColumnElement[bool]:
    """SQL for "the status shown at ``now`` is ``wanted``" (``shown_status``): collection
    ends at the deadline unless an open pause holds it (its rule set decides when it ends)."""
    collecting = Petition.status == PetitionStatus.COLLECTING
    still_open = sa.or_(
        Petition.closes_at.is_(None), Petition.closes_at > now, held_open_clause(now)
    )
    if wanted is PetitionStatus.COLLECTING:
        return sa.and_(collecting, still_open)
    if wanted is PetitionStatus.COLLECTION_CLOSED:
        return sa.or_(Petition.status == wanted, sa.and_(collecting, sa.not_(still_open)))
    return Petition.status == wanted


def shown_statuses(petitions: Iterable[Petition], now: datetime) -> dict[int, PetitionStatus]:
    """The status to show at ``now`` of each petition (``shown_status``), by id: for
    pages listing petitions, which must not show a collection still open past its deadline."""
    return {petition.id: shown_status(petition, now) for petition in petitions}
