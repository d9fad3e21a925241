from datetime import date

import pytest
from werkzeug.exceptions import NotFound

from app.extensions import db
from app.models import DeputyStatus
from app.services.directory import queries as directory
from tests.factories import (
    make_body,
    make_constituency,
    make_deputy,
    make_region,
    make_snapshot,
)
from tests.support.sql import recorded_sql


@pytest.fixture
def statements(app):
    """The SQL statements run while the test body runs."""
    with recorded_sql() as seen:
        yield seen


def test_fetch_seats_orders_by_body_code_then_number(app):
    later_body = make_body(code="B2")
    first_body = make_body(code="B1")
    make_constituency(body=later_body, number=1, code="B2-1")
    make_constituency(body=first_body, number=2, code="B1-2")
    make_constituency(body=first_body, number=1, code="B1-1")

    codes = [seat.constituency.code for seat in directory.fetch_seats()]

    assert codes == ["B1-1", "B1-2", "B2-1"]


def test_fetch_seats_filters_by_body_and_region(app):
    body = make_body(code="B1")
    north, south = make_region(code="NORTH"), make_region(code="SOUTH")
    make_constituency(body=body, region=north, code="IN")
    make_constituency(body=body, region=south, code="OUT-REGION")
    make_constituency(region=north, code="OUT-BODY")

    seats = directory.fetch_seats(body_code="B1", region_code="NORTH")

    assert [seat.constituency.code for seat in seats] == ["IN"]


@pytest.mark.parametrize("field", ["body", "region"])
@pytest.mark.parametrize("value", ["NOPE", "x" * 500, "bad\x00code"])
def test_fetch_seats_raises_unknown_filter_for_a_code_that_names_nothing(app, field, value):
    make_constituency()

    with pytest.raises(directory.UnknownFilter) as raised:
        directory.fetch_seats(**{f"{field}_code": value})

    assert (raised.value.field, raised.value.value) == (field, value)


def test_fetch_seats_gives_the_serving_deputy_and_none_for_a_vacant_seat(app):
    held, vacant = make_constituency(number=1), make_constituency(number=2)
    make_deputy(constituency=held, full_name="Former One", status=DeputyStatus.RECALLED)
    make_deputy(constituency=held, full_name="Serving One", mandate_start=date(2024, 5, 1))
    make_deputy(constituency=vacant, full_name="Former Two", status=DeputyStatus.ENDED)

    deputies = {seat.constituency.id: seat.deputy for seat in directory.fetch_seats()}

    assert deputies[held.id].full_name == "Serving One"
    assert deputies[vacant.id] is None


def test_registered_voters_is_none_without_an_active_register(app):
    constituency = make_constituency()
    make_snapshot(active=False, counts={constituency: 500})

    assert directory.registered_voters([constituency.id]) is None


def test_registered_voters_reads_only_the_active_register(app):
    counted, uncounted = make_constituency(), make_constituency()
    make_snapshot(active=False, counts={counted: 999, uncounted: 999})
    make_snapshot(active=True, counts={counted: 120})

    voters = directory.registered_voters([counted.id, uncounted.id])

    assert voters == {counted.id: 120, uncounted.id: 0}


def test_fetch_seats_runs_the_same_number_of_queries_for_one_or_many_seats(app, statements):
    def queries_for_listing() -> int:
        db.session.expunge_all()
        statements.clear()
        seats = directory.fetch_seats()
        for seat in seats:  # touch everything a page shows
            _ = (seat.constituency.body.name, seat.constituency.region.name)
            _ = seat.deputy and seat.deputy.party and seat.deputy.party.name
        return len(statements)

    make_snapshot(counts={make_deputy().constituency: 10})
    one = queries_for_listing()
    for _ in range(4):
        make_deputy()
    many = queries_for_listing()

    assert one == many


def test_get_seat_detail_separates_the_serving_deputy_from_former_ones(app):
    constituency = make_constituency()
    make_deputy(
        constituency=constituency,
        full_name="Recalled Deputy",
        status=DeputyStatus.RECALLED,
        mandate_end=date(2024, 1, 10),
    )
    make_deputy(
        constituency=constituency, full_name="Current Deputy", mandate_start=date(2024, 5, 1)
    )

    seat = directory.get_seat_detail(constituency.code, date(2026, 12, 1))

    assert seat.deputy.full_name == "Current Deputy"
    assert [d.full_name for d in seat.former_deputies] == ["Recalled Deputy"]
    assert seat.rules_ended == ""


def test_a_mazhilis_seat_shows_that_the_chamber_ended_with_the_law_saying_so(app):
    constituency = make_constituency(body=make_body(rule_set_code="kz-mazhilis-2023"))

    before = directory.get_seat_detail(constituency.code, date(2026, 6, 30))
    after = directory.get_seat_detail(constituency.code, date(2026, 7, 1))

    assert before.rules_ended == ""
    assert after.rules_ended.startswith("These recall rules ended on July 1, 2026.")
    assert "Kurultai" in after.rules_ended
    assert after.rules_ended_source.short == "Constitution of 2026"


@pytest.mark.parametrize("code", ["NOPE", "y" * 100, "nul\x00"])
def test_get_constituency_is_404_for_an_unknown_code(app, code):
    with pytest.raises(NotFound):
        directory.get_constituency(code)


@pytest.mark.parametrize("deputy_id", [0, 12345, 2**31, 2**70])
def test_get_deputy_is_404_for_an_id_that_does_not_exist(app, deputy_id):
    make_deputy()

    with pytest.raises(NotFound):
        directory.get_deputy(deputy_id)


def test_fetch_deputies_filters_by_status_and_refuses_an_unknown_status(app):
    make_deputy(full_name="Serving Deputy")
    make_deputy(full_name="Recalled Deputy", status=DeputyStatus.RECALLED)

    recalled = directory.fetch_deputies(status="recalled")

    assert [d.full_name for d in recalled] == ["Recalled Deputy"]
    with pytest.raises(directory.UnknownFilter):
        directory.fetch_deputies(status="retired")


def test_fetch_body_summaries_counts_constituencies_including_empty_bodies(app):
    busy = make_body(code="B1")
    make_body(code="B2")
    make_constituency(body=busy)
    make_constituency(body=busy)

    summaries = [(s.body.code, s.constituencies) for s in directory.fetch_body_summaries()]

    assert summaries == [("B1", 2), ("B2", 0)]
