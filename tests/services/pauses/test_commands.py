"""Pausing signing and extending deadlines by the collection time a pause took away."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, DeadlineExtension, Pause, Petition, PetitionEvent
from app.rules.lifecycle import PetitionStatus as S
from app.services.events import EventKind
from app.services.pauses.commands import PauseError, end_pause, start_pause
from app.services.petitions.status import shown_status
from app.services.signing import commands as signing
from tests.factories import (
    make_collecting_petition,
    make_user,
    make_verified_citizen,
    make_voter,
)

H = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture
def admin(app):
    user = make_user(role="admin")
    db.session.commit()
    return user


def reloaded(petition_id: int) -> Petition:
    db.session.expire_all()
    return db.session.get(Petition, petition_id)


def test_signing_is_refused_while_the_petition_is_paused(app, admin):
    petition = make_collecting_petition()
    citizen = make_verified_citizen(make_voter(constituency=petition.constituency))
    db.session.commit()
    now = petition.opened_at + 2 * H
    start_pause(admin.id, "Court order of 1 December", petition_id=petition.id, now=now)
    with pytest.raises(signing.SigningRefused) as refused:
        signing.sign_petition(petition.id, citizen.id, now=now + H)
    assert refused.value.reason is signing.Refusal.PAUSED
    assert "Court order of 1 December" in str(refused.value.message)


def test_ending_a_pause_extends_a_kazakh_deadline_by_the_paused_time_once(app, admin):
    petition = make_collecting_petition()
    deadline = petition.closes_at
    start = petition.opened_at + 24 * H
    pause = start_pause(admin.id, "Register link outage", now=start)
    result = end_pause(pause.id, admin.id, now=start + 2 * H)
    assert [e.petition_id for e in result.extended] == [petition.id]
    # Two hours given back make 20:00; the deadline then moves to 18:00 on the next day the
    # (calendar-day) period counts.
    assert reloaded(petition.id).closes_at == deadline + DAY
    [extension] = db.session.scalars(sa.select(DeadlineExtension)).all()
    assert (extension.previous_closes_at, extension.new_closes_at) == (deadline, deadline + DAY)
    [event] = db.session.scalars(
        sa.select(PetitionEvent).where(PetitionEvent.kind == str(EventKind.DEADLINE_EXTENDED))
    ).all()
    assert event.detail == f"pause:{pause.id}"
    with pytest.raises(PauseError):
        end_pause(pause.id, admin.id, now=start + 3 * H)
    assert reloaded(petition.id).closes_at == deadline + DAY
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-3:] == ["pause.started", "petition.deadline_extended", "pause.ended"]


def test_a_rule_set_that_keeps_its_deadline_is_listed_as_not_extended(app, admin):
    petition = make_collecting_petition(rule_set_code="bc-1996")
    deadline = petition.closes_at
    start = petition.opened_at + 24 * H
    pause = start_pause(admin.id, "Register link outage", now=start)
    result = end_pause(pause.id, admin.id, now=start + 2 * H)
    assert result.extended == []
    assert [p.id for p in result.not_extended] == [petition.id]
    assert reloaded(petition.id).closes_at == deadline


def test_a_pause_that_outlasted_the_deadline_gives_back_the_time_left_after_it_ends(app, admin):
    petition = make_collecting_petition()
    deadline = petition.closes_at
    pause = start_pause(admin.id, "Register link outage", now=deadline - H)
    end_pause(pause.id, admin.id, now=deadline + 5 * H)
    # The hour left is given back after the pause's end (deadline + 6 h), then moved to the
    # deadline hour of the next day.
    assert reloaded(petition.id).closes_at == deadline + DAY
    assert shown_status(reloaded(petition.id), deadline + 5 * H) is S.COLLECTING


def test_overlapping_site_and_petition_pauses_extend_each_minute_once(app, admin):
    petition = make_collecting_petition()
    deadline = petition.closes_at
    t = petition.opened_at + 24 * H
    site = start_pause(admin.id, "Register link outage", now=t)
    own = start_pause(admin.id, "Court order", petition_id=petition.id, now=t + H)
    end_pause(site.id, admin.id, now=t + 2 * H)
    end_pause(own.id, admin.id, now=t + 3 * H)
    # Each extension lands on a valid deadline: the site pause's two hours move it to the next
    # day's 18:00; the one hour of the petition's own pause not already given back moves it on
    # to the day after (each minute counted once, each landing on the deadline hour).
    assert reloaded(petition.id).closes_at == deadline + 2 * DAY


def test_only_one_pause_may_be_open_per_scope(app, admin):
    petition = make_collecting_petition()
    now = petition.opened_at + H
    start_pause(admin.id, "Register link outage", now=now)
    with pytest.raises(PauseError):
        start_pause(admin.id, "A second outage", now=now + H)
    start_pause(admin.id, "Court order", petition_id=petition.id, now=now + H)
    with pytest.raises(PauseError):
        start_pause(admin.id, "Another court order", petition_id=petition.id, now=now + H)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Pause)) == 2


@pytest.mark.parametrize("reason", ["", "   ", "shrt", "x" * 1001])
def test_a_missing_or_overlong_reason_is_refused(app, admin, reason):
    with pytest.raises(PauseError):
        start_pause(admin.id, reason, now=make_collecting_petition().opened_at)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Pause)) == 0


def test_only_a_collecting_petition_can_be_paused(app, admin):
    petition = make_collecting_petition()
    with pytest.raises(PauseError):
        start_pause(admin.id, "Court order", petition_id=petition.id, now=petition.closes_at)
    with pytest.raises(PauseError):
        start_pause(admin.id, "Court order", petition_id=10_000, now=petition.opened_at)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Pause)) == 0
