"""The sample drawn from a published seed: a pure function anyone can recompute."""

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.draw import draw_key, draw_sample, valid_interval

SEED = "ab" * 32
OTHER_SEED = "cd" * 32


def rederive(seed, ids, k):
    """The recipe of the module docstring, written out independently."""
    return sorted(ids, key=lambda i: (hashlib.sha256(f"{seed}:{i}".encode()).hexdigest(), i))[:k]


def test_the_draw_key_is_the_sha256_of_seed_colon_id():
    assert draw_key(SEED, 42) == hashlib.sha256(f"{SEED}:42".encode()).hexdigest()


def test_the_same_seed_and_population_always_give_the_same_sample():
    population = list(range(1, 1_001))
    assert draw_sample(SEED, population, 50) == draw_sample(SEED, reversed(population), 50)


@given(
    ids=st.sets(st.integers(min_value=1, max_value=10**9), max_size=300),
    k=st.integers(min_value=0, max_value=400),
)
def test_anyone_rederives_the_sample_from_the_published_recipe(ids, k):
    assert draw_sample(SEED, ids, k) == rederive(SEED, ids, k)


def test_different_seeds_draw_different_samples():
    population = range(1, 1_001)
    assert draw_sample(SEED, population, 50) != draw_sample(OTHER_SEED, population, 50)


def test_the_sample_has_the_size_asked_for_without_repeats():
    sample = draw_sample(SEED, list(range(1, 201)) * 2, 25)
    assert len(sample) == 25 and len(set(sample)) == 25


def test_a_population_smaller_than_the_sample_size_is_drawn_whole():
    assert sorted(draw_sample(SEED, [3, 1, 2], 10)) == [1, 2, 3]


@pytest.mark.parametrize("seed", ["", "AB" * 32, "ab" * 31, "zz" * 32])
def test_a_malformed_seed_is_refused(seed):
    with pytest.raises(ValueError):
        draw_sample(seed, [1, 2, 3], 2)


def test_a_sample_of_the_whole_petition_has_an_exact_interval():
    interval = valid_interval(raw_count=10, sample=10, valid_in_sample=7, estimated_duplicates=0)
    assert (interval.low, interval.high) == (7, 7)


def test_the_interval_contains_the_projection_and_narrows_as_the_sample_grows():
    small = valid_interval(
        raw_count=24_034, sample=722, valid_in_sample=516, estimated_duplicates=0
    )
    large = valid_interval(
        raw_count=24_034, sample=7_220, valid_in_sample=5_160, estimated_duplicates=0
    )
    assert small.low < 17_178 < small.high
    assert small.low < large.low < 17_178 < large.high < small.high


def test_the_interval_is_lowered_by_the_estimated_duplicates():
    plain = valid_interval(raw_count=1_000, sample=100, valid_in_sample=80, estimated_duplicates=0)
    less = valid_interval(raw_count=1_000, sample=100, valid_in_sample=80, estimated_duplicates=90)
    assert (less.low, less.high) == (plain.low - 90, plain.high - 90)
