"""The collection time a pause took away, and the deadline that gives it back."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules.pauses import Span, extended_deadline, lost_collection_time

T0 = datetime(2026, 12, 1, 5, tzinfo=UTC)
H = timedelta(hours=1)
WINDOW = Span(T0, T0 + 100 * H)


def at(hours: float) -> datetime:
    return T0 + hours * H


def test_a_pause_inside_the_window_took_its_whole_length():
    assert lost_collection_time(Span(at(10), at(12)), WINDOW) == 2 * H


def test_a_pause_before_collection_opened_took_only_the_time_after_opening():
    assert lost_collection_time(Span(at(-5), at(3)), WINDOW) == 3 * H


def test_a_pause_that_outlasted_the_deadline_took_the_time_from_its_start_to_the_deadline():
    assert lost_collection_time(Span(at(99), at(130)), WINDOW) == 1 * H


def test_a_pause_after_the_deadline_took_nothing():
    assert lost_collection_time(Span(at(101), at(130)), WINDOW) == timedelta(0)


def test_minutes_already_given_back_for_another_pause_are_not_given_twice():
    site = Span(at(10), at(12))
    own = Span(at(11), at(13))
    assert lost_collection_time(own, WINDOW, [site]) == 1 * H
    assert lost_collection_time(Span(at(9), at(14)), WINDOW, [site, own]) == 2 * H


def test_the_deadline_moves_by_the_lost_time():
    assert extended_deadline(at(100), at(12), 2 * H) == at(102)


def test_after_a_pause_that_outlasted_the_deadline_the_lost_time_is_given_from_its_end():
    assert extended_deadline(at(100), at(130), 1 * H) == at(131)


def test_a_pause_of_seconds_moves_the_deadline_a_whole_minute():
    # Published to the minute: 20:00 -> 20:00:12 would read "20:00 instead of 20:00".
    assert extended_deadline(at(100), at(12), timedelta(seconds=12)) == at(100) + timedelta(
        minutes=1
    )
    assert extended_deadline(at(100), at(12), timedelta(minutes=3)) == at(100) + timedelta(
        minutes=3
    )


def test_no_lost_time_keeps_the_deadline():
    assert extended_deadline(at(100), at(130), timedelta(0)) == at(100)


hours = st.integers(min_value=-50, max_value=150)


@given(st.lists(st.tuples(hours, hours), min_size=1, max_size=5))
def test_pauses_ended_one_by_one_give_back_the_time_they_cover_together_once(pairs):
    spans = [Span(at(min(a, b)), at(max(a, b))) for a, b in pairs]
    given_back = timedelta(0)
    earlier: list[Span] = []
    for span in spans:
        given_back += lost_collection_time(span, WINDOW, earlier)
        earlier.append(span)
    covered = {h for s in spans for h in range(0, 100) if s.start <= at(h) < s.end}
    assert given_back == len(covered) * H


@given(hours, hours)
def test_the_lost_time_is_never_negative_nor_longer_than_the_pause(a, b):
    span = Span(at(min(a, b)), at(max(a, b)))
    lost = lost_collection_time(span, WINDOW)
    assert timedelta(0) <= lost <= span.length
