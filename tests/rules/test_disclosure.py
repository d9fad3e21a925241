"""Small stations merged into one row (rules/disclosure.py), and proof by brute force that no
merged station's count can be worked out of what the deputy sees: the shown rows, the merged
row's sum and the table's total (public through the per-day chart)."""

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.rules.disclosure import MIN_SHOWN, Merged, merge_small_counts

#: Small and borderline counts are the interesting ones: 0-12 often, larger ones sometimes.
count = st.one_of(st.integers(0, 12), st.integers(0, 30), st.sampled_from([9, 10]))
#: A table has at least two cells (a constituency's stations and the "elsewhere" cell).
tables = st.lists(count, min_size=2, max_size=5)


#: Generating tables is cheap, but the machine running the suite may be busy.
relaxed = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


def table(values: list[int]) -> list[tuple[str, int]]:
    return [(f"station-{index}", value) for index, value in enumerate(values)]


def published(values: list[int], rule=merge_small_counts) -> tuple:
    """What the reader sees: which cells are shown with what count, which are merged, the sum."""
    merged = rule(table(values))
    return tuple(merged.shown), tuple(merged.merged), merged.merged_count


def merge_below_ten_only(cells) -> Merged:
    """A leaky rule, for checking the check: small cells merged, nothing more."""
    return Merged(
        shown=[(key, value) for key, value in cells if value >= MIN_SHOWN],
        merged=[key for key, value in cells if value < MIN_SHOWN],
        merged_count=sum(value for _, value in cells if value < MIN_SHOWN),
    )


def splits(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way of writing ``total`` as ``parts`` counts (0 included), in order."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in splits(total - first, parts - 1):
            yield (first, *rest)


def likely_first(inside: list[int], total: int) -> Iterator[tuple[int, ...]]:
    """Every split of ``total`` over the merged cells, the likely witnesses first (the counts
    swapped, one count moved between two cells, all in one cell), then all of them in order:
    the search stops early when it can, and is complete when it cannot."""
    n = len(inside)
    yield from itertools.permutations(inside)
    for i, j in itertools.permutations(range(n), 2):
        for amount in range(1, inside[i] + 1):
            moved = list(inside)
            moved[i] -= amount
            moved[j] += amount
            yield tuple(moved)
    for i in range(n):
        yield tuple(total if k == i else 0 for k in range(n))
    yield from splits(total, n)


def possible_values(values: list[int], rule=merge_small_counts) -> dict[int, set[int]]:
    """For each merged cell, counts it could have had (at least two once found): the tables
    with the same shown cells and the same merged sum whose publication is this one's."""
    seen = published(values, rule)
    merged = [index for index, (key, _) in enumerate(table(values)) if key in seen[1]]
    found: dict[int, set[int]] = {index: set() for index in merged}
    inside = [values[index] for index in merged]
    for candidate in likely_first(inside, seen[2]):
        other = list(values)
        for index, value in zip(merged, candidate, strict=True):
            other[index] = value
        if published(other, rule) == seen:
            for index, value in zip(merged, candidate, strict=True):
                found[index].add(value)
        if all(len(options) >= 2 for options in found.values()):
            break  # every merged cell already has two possible counts
    return found


def test_stations_below_ten_are_merged_into_one_row_with_their_sum():
    merged = merge_small_counts(table([40, 3, 25, 8]))

    assert merged == Merged(
        shown=[("station-0", 40), ("station-2", 25)],
        merged=["station-1", "station-3"],
        merged_count=11,
    )


def test_a_lone_small_station_takes_the_next_smallest_with_it():
    merged = merge_small_counts(table([40, 3, 25, 12]))

    assert merged.merged == ["station-1", "station-3"] and merged.merged_count == 15
    assert merged.shown == [("station-0", 40), ("station-2", 25)]


def test_a_merged_row_under_ten_takes_the_next_smallest_station():
    merged = merge_small_counts(table([0, 5, 30, 14]))

    assert merged.merged == ["station-0", "station-1", "station-3"]
    assert merged.merged_count == 19


def test_small_stations_all_alike_take_the_next_smallest_so_none_is_pinned():
    # Three nines merged alone would add up to 27 = 3 x 9: each would be known.
    merged = merge_small_counts(table([9, 9, 12, 9, 40]))

    assert merged.merged == ["station-0", "station-1", "station-2", "station-3"]
    assert merged.shown == [("station-4", 40)]


def test_a_tie_at_the_threshold_merges_every_station_of_that_count():
    merged = merge_small_counts(table([18, 13, 13, 9]))

    assert merged.merged == ["station-1", "station-2", "station-3"]
    assert merged.shown == [("station-0", 18)]


def test_stations_of_ten_or_more_are_all_shown():
    assert merge_small_counts(table([10, 11, 50])) == Merged(
        shown=table([10, 11, 50]), merged=[], merged_count=0
    )


def test_a_negative_count_is_a_programming_error():
    with pytest.raises(ValueError):
        merge_small_counts(table([-1, 30]))


@relaxed
@given(tables)
def test_every_cell_is_shown_or_merged_once_and_the_rows_add_up_to_the_total(values):
    merged = merge_small_counts(table(values))

    keys = [key for key, _ in merged.shown] + merged.merged
    assert sorted(keys) == sorted(key for key, _ in table(values))
    assert sum(value for _, value in merged.shown) + merged.merged_count == sum(values)
    assert all(value >= MIN_SHOWN for _, value in merged.shown)


@relaxed
@given(tables)
def test_a_merged_row_short_of_the_whole_table_has_two_stations_ten_signatures_and_two_counts(
    values,
):
    merged = merge_small_counts(table(values))
    counts = dict(table(values))
    inside = [counts[key] for key in merged.merged]

    if merged.merged and len(merged.merged) < len(values):
        assert len(inside) >= 2 and sum(inside) >= MIN_SHOWN and len(set(inside)) >= 2


@relaxed
@given(tables, st.randoms(use_true_random=False))
def test_swapping_the_counts_of_merged_stations_publishes_the_same_table(values, random):
    merged = merge_small_counts(table(values))
    inside = [index for index, (key, _) in enumerate(table(values)) if key in merged.merged]
    shuffled = [values[index] for index in inside]
    random.shuffle(shuffled)
    other = list(values)
    for index, value in zip(inside, shuffled, strict=True):
        other[index] = value

    assert published(other) == published(values)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_no_merged_station_count_can_be_worked_out_from_the_table_and_its_total(values):
    merged = merge_small_counts(table(values))
    if merged.merged_count == 0:
        return  # nothing merged, or nobody signed at any merged station: 0 is the total's
    for index, options in possible_values(values).items():
        assert len(options) >= 2, f"station-{index} can only be {options}"


def test_the_brute_force_catches_a_rule_that_merges_small_stations_and_nothing_more():
    # Three nines merged alone add up to 27: each station can only have had 9.
    assert possible_values([9, 9, 9, 40], merge_below_ten_only) == {0: {9}, 1: {9}, 2: {9}}
    assert all(len(options) >= 2 for options in possible_values([9, 9, 9, 40]).values())
