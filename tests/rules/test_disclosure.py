"""Small-count suppression of the counts per polling station (rules/disclosure.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.disclosure import MIN_SHOWN, suppress_small_counts

counts = st.lists(st.integers(min_value=0, max_value=40), max_size=8)


def table(values: list[int]) -> list[tuple[str, int]]:
    return [(f"station-{index}", value) for index, value in enumerate(values)]


def pattern(cells) -> list[bool]:
    return [value is None for _, value in cells]


def test_a_station_with_fewer_than_ten_signatures_is_hidden_with_the_next_smallest():
    shown = suppress_small_counts(table([40, 3, 25, 12]))

    assert shown == [("station-0", 40), ("station-1", None), ("station-2", 25), ("station-3", None)]


def test_a_station_with_no_signature_is_hidden_too():
    shown = suppress_small_counts(table([0, 5, 30]))

    assert [value for _, value in shown] == [None, None, 30]


def test_two_small_stations_hide_each_other_and_nothing_else():
    assert suppress_small_counts(table([2, 50, 7])) == [
        ("station-0", None),
        ("station-1", 50),
        ("station-2", None),
    ]


def test_without_a_shown_total_one_hidden_station_is_enough():
    shown = suppress_small_counts(table([3, 50, 70]), total_shown=False)

    assert [value for _, value in shown] == [None, 50, 70]


def test_a_tie_for_the_next_smallest_hides_the_first_in_order():
    shown = suppress_small_counts(table([20, 4, 20]))

    assert [value for _, value in shown] == [None, None, 20]


def test_a_negative_count_is_a_programming_error():
    with pytest.raises(ValueError):
        suppress_small_counts(table([-1, 30]))


@given(counts)
def test_keys_and_order_are_kept_and_every_shown_count_is_at_least_ten(values):
    shown = suppress_small_counts(table(values))

    assert [key for key, _ in shown] == [key for key, _ in table(values)]
    for (_, value), original in zip(shown, values, strict=True):
        assert value is None or value == original >= MIN_SHOWN
        if original < MIN_SHOWN:
            assert value is None


@given(counts)
def test_never_exactly_one_hidden_station_when_the_total_is_shown(values):
    hidden = pattern(suppress_small_counts(table(values)))

    assert hidden.count(True) != 1 or len(values) == 1


@given(counts)
def test_no_hidden_station_with_one_to_eight_signatures_can_be_pinned(values):
    """Another table with the same shown cells and total, and so the same page, gives each
    hidden station with 1 to 8 signatures a different value (bounds may pin 0, 9 or a hidden
    count of 10 or more, and a table of one station is the public total: documented)."""
    if len(values) == 1:
        return
    shown = suppress_small_counts(table(values))
    hidden = [index for index, (_, value) in enumerate(shown) if value is None]
    for index in hidden:
        if 1 <= values[index] < MIN_SHOWN - 1:
            assert any(
                suppress_small_counts(table(other)) == shown
                for other in _alternatives(values, hidden, index)
            ), (values, index)


def _alternatives(values: list[int], hidden: list[int], index: int):
    """Tables that move signatures between ``index`` and another hidden station."""
    for other in hidden:
        if other == index:
            continue
        for moved in range(-values[index], values[other] + 1):
            if moved:
                changed = list(values)
                changed[index] += moved
                changed[other] -= moved
                yield changed
