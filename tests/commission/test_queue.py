"""The registration queue: countdown, due-soon and overdue filters, scope, and its page."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.extensions import db
from app.models import Role
from app.rules.lifecycle import PetitionStatus as S
from app.services.registration.queries import (
    Countdown,
    QueueFilter,
    countdown,
    countdown_words,
    fetch_queue,
    is_due_soon,
    matches,
)
from tests.factories import make_officer, make_petition, make_snapshot, make_user

ALMATY = ZoneInfo("Asia/Almaty")
KZ = "KZ"


def almaty(*args) -> datetime:
    return datetime(*args, tzinfo=ALMATY)


# 2 November 2026 is a Monday; no Kazakh public holiday falls in the first half of November.


def test_two_working_days_before_a_friday_deadline_is_due_soon():
    deadline, now = almaty(2026, 11, 6, 18), almaty(2026, 11, 4, 10)

    assert countdown(deadline, now, KZ) == Countdown(
        overdue=False, hours=56, calendar_days=2, working_days=2
    )
    assert is_due_soon(deadline, now, KZ)


def test_four_working_days_ahead_is_not_due_soon():
    deadline, now = almaty(2026, 11, 6, 18), almaty(2026, 11, 2, 10)

    assert countdown(deadline, now, KZ).working_days == 4
    assert not is_due_soon(deadline, now, KZ)


def test_a_weekend_does_not_count_as_working_days():
    deadline, now = almaty(2026, 11, 9, 18), almaty(2026, 11, 5, 10)  # Thursday to Monday

    count = countdown(deadline, now, KZ)

    assert (count.calendar_days, count.working_days) == (4, 2)
    assert is_due_soon(deadline, now, KZ)


def test_a_public_holiday_does_not_count_as_a_working_day():
    # 16 December is Independence Day: from Monday 14th to Thursday 17th is 2 working days.
    deadline, now = almaty(2026, 12, 17, 18), almaty(2026, 12, 14, 10)

    assert countdown(deadline, now, KZ).working_days == 2
    assert is_due_soon(deadline, now, KZ)


def test_a_deadline_that_has_passed_is_overdue_and_not_due_soon():
    deadline, now = almaty(2026, 11, 6, 18), almaty(2026, 11, 9, 9)

    count = countdown(deadline, now, KZ)

    assert count.overdue and count.calendar_days == 3 and count.working_days == 0
    assert not is_due_soon(deadline, now, KZ)
    assert matches(QueueFilter.OVERDUE, deadline, now, KZ)
    assert not matches(QueueFilter.DUE_SOON, deadline, now, KZ)


def test_the_deadline_moment_itself_counts_as_overdue():
    deadline = almaty(2026, 11, 6, 18)

    assert countdown(deadline, deadline, KZ).overdue
    assert not countdown(deadline, deadline - timedelta(seconds=1), KZ).overdue


def test_the_countdown_compares_moments_whatever_the_zone_of_now():
    deadline = almaty(2026, 11, 6, 18)
    now = datetime(2026, 11, 6, 12, 30, tzinfo=UTC)  # 17:30 in Almaty

    count = countdown(deadline, now, KZ)

    assert not count.overdue and count.calendar_days == 0 and count.hours == 0


def test_a_petition_without_a_statutory_deadline_is_only_in_all():
    now = almaty(2026, 11, 6, 10)

    assert matches(QueueFilter.ALL, None, now, KZ)
    assert not matches(QueueFilter.OVERDUE, None, now, KZ)
    assert not matches(QueueFilter.DUE_SOON, None, now, KZ)


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (Countdown(False, 98, 4, 2), "2 working days left (4 calendar days)"),
        (Countdown(False, 30, 1, 1), "1 working day left (1 calendar day)"),
        (Countdown(False, 8, 0, 0), "8 hours left"),
        (Countdown(False, 0, 0, 0), "Less than an hour left"),
        (Countdown(True, 3, 0, 0), "Overdue by 3 hours"),
        (Countdown(True, 40, 2, 0), "Overdue by 2 days"),
    ],
)
def test_the_countdown_reads_as_words(app, count, words):
    with app.test_request_context():
        assert countdown_words(count) == words


# The queue from the database: Kazakh maslikhat petitions, 5 working days to decide.


@pytest.fixture
def queue_petitions(app):
    """Three filed petitions of one body and one of another body, seen on Friday 6 November."""
    mine = make_petition(status=S.FILED, filed_at=almaty(2026, 11, 2, 10))  # due Mon 9th
    body = mine.constituency.body
    late = make_petition(
        deputy=_deputy_of(body), status=S.FILED, filed_at=almaty(2026, 10, 20, 10)
    )  # due 27 Oct (26th is a holiday)
    fresh = make_petition(
        deputy=_deputy_of(body), status=S.FILED, filed_at=almaty(2026, 11, 5, 10)
    )  # due Thu 12th
    elsewhere = make_petition(status=S.FILED, filed_at=almaty(2026, 11, 2, 10))
    collecting = make_petition(deputy=_deputy_of(body), status=S.DRAFT)
    make_snapshot(counts={mine.constituency: 1000, elsewhere.constituency: 1000})
    officer = make_officer(bodies=[body])
    db.session.commit()
    return {
        "mine": mine,
        "late": late,
        "fresh": fresh,
        "elsewhere": elsewhere,
        "draft": collecting,
        "officer": officer,
    }


def _deputy_of(body):
    from tests.factories import make_constituency, make_deputy

    return make_deputy(constituency=make_constituency(body=body))


NOW = almaty(2026, 11, 6, 10)


def ids(queue):
    return [row.petition.id for row in queue.rows]


def test_the_officer_sees_the_filed_petitions_of_their_body_soonest_deadline_first(
    queue_petitions,
):
    p = queue_petitions

    queue = fetch_queue(p["officer"], now=NOW)

    assert ids(queue) == [p["late"].id, p["mine"].id, p["fresh"].id]
    assert queue.rows[1].deadline == almaty(2026, 11, 9, 18)
    assert queue.counts == {QueueFilter.ALL: 3, QueueFilter.OVERDUE: 1, QueueFilter.DUE_SOON: 1}


def test_the_filters_keep_overdue_or_due_soon_petitions(queue_petitions):
    p = queue_petitions

    overdue = fetch_queue(p["officer"], now=NOW, show=QueueFilter.OVERDUE)
    due_soon = fetch_queue(p["officer"], now=NOW, show=QueueFilter.DUE_SOON)

    assert ids(overdue) == [p["late"].id] and overdue.rows[0].overdue
    assert ids(due_soon) == [p["mine"].id] and due_soon.rows[0].due_soon


def test_an_admin_sees_every_filed_petition_and_a_citizen_none(queue_petitions):
    p = queue_petitions
    admin, citizen = make_user(role=Role.ADMIN), make_user(role=Role.CITIZEN)
    db.session.commit()

    assert set(ids(fetch_queue(admin, now=NOW))) == {
        p[key].id for key in ("mine", "late", "fresh", "elsewhere")
    }
    assert ids(fetch_queue(citizen, now=NOW)) == []


def test_the_queue_page_shows_the_deadline_and_the_countdown(client, queue_petitions, auth):
    p = queue_petitions
    auth.sign_in_new(Role.COMMISSION, petition=p["mine"])

    page = client.get("/commission/queue").get_data(as_text=True)

    assert f"/commission/petitions/{p['mine'].id}" in page
    assert f"/commission/petitions/{p['elsewhere'].id}" not in page
    assert "Decision due" in page and "Astana time" in page
    assert "Overdue by" in page or "left" in page


def test_the_queue_page_filters_and_ignores_an_unknown_filter(client, app, auth):
    # The page counts from the real clock: one petition filed long ago, one filed just now.
    late = make_petition(status=S.FILED, filed_at=datetime.now(UTC) - timedelta(days=40))
    fresh = make_petition(status=S.FILED, filed_at=datetime.now(UTC))
    make_snapshot(counts={late.constituency: 100, fresh.constituency: 100})
    auth.sign_in_new(Role.ADMIN)

    all_rows = client.get("/commission/queue?show=nonsense").get_data(as_text=True)
    overdue = client.get("/commission/queue?show=overdue").get_data(as_text=True)

    assert f'/commission/petitions/{fresh.id}"' in all_rows
    assert f'/commission/petitions/{late.id}"' in all_rows
    assert f'/commission/petitions/{late.id}"' in overdue and "Overdue by" in overdue
    assert f'/commission/petitions/{fresh.id}"' not in overdue


def test_a_deadline_resting_on_an_unconfirmed_period_is_marked_provisional(client, app, auth):
    # The Kazakh registration-decision period is a project default (kz-maslikhat-2023.toml).
    petition = make_petition(status=S.FILED, filed_at=datetime.now(UTC))
    db.session.commit()
    auth.sign_in_new(Role.COMMISSION, petition=petition)

    page = client.get("/commission/queue").get_data(as_text=True)

    row = page[page.index(f"№ {petition.id}") :]
    assert "Provisional" in row[: row.index("</tr>")]
