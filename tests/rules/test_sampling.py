"""Random-sample verification: California Elections Code §11225 and Cal. Code Regs. tit. 2
§§20530-20531, with the worked example of §20540 (recall-law.md §8.2)."""

from decimal import Decimal

import pytest

from app.rules.ruleset import Sampling
from app.rules.sampling import project_valid, sample_size, sampling_decision


def test_the_worked_example_of_regulation_20540():
    projection = project_valid(
        raw_count=24_034, sample=722, valid_in_sample=516, duplicates_in_sample=2
    )
    # §20530(c): 516 / 722 = 71.4681...% -> 71.47% (two decimals).
    assert projection.valid_rate_percent == Decimal("71.47")
    # §20530(d): 24,034 x 71.47% = 17,177.0998 -> rounded up to 17,178.
    assert projection.uncorrected_valid == 17_178
    # §20531(a): 24,034 / 722 = 33.28808... -> 33.2881; (b) 33.2881 x 32.2881 = 1,074.80950161.
    assert projection.duplicate_weight == Decimal("1074.80950161")
    # §20531(c): 2 x 1,074.80950161 = 2,149.619... -> rounded up to 2,150.
    assert projection.estimated_duplicates == 2_150
    # 17,178 - 2,150 = 15,028.
    assert projection.projected_valid == 15_028


def test_the_example_sample_of_722_is_3_percent_of_24_034_rounded_up():
    # §20540 uses a 3% sample (state petitions, §11105: 3% or 500): 3% of 24,034 = 721.02 -> 722.
    state = Sampling(min_sample=500, share="3%")
    assert sample_size(state, 24_034) == 722


@pytest.mark.parametrize(
    ("raw_count", "size"),
    [
        (400, 400),  # fewer than 500 signatures: every one is in the sample
        (500, 500),
        (9_999, 500),  # 5% = 499.95: 500 is greater
        (10_000, 500),  # 5% = 500
        (10_001, 501),  # 5% = 500.05 -> 501
        (20_000, 1_000),  # 5% = 1,000
        (24_034, 1_202),  # 5% = 1,201.7 -> 1,202
    ],
)
def test_a_local_sample_is_500_or_5_percent_whichever_is_greater(ca, raw_count, size):
    # §11225: "500 or 5 percent of the signatures, whichever is greater".
    assert sample_size(ca.sampling.value, raw_count) == size


@pytest.mark.parametrize(
    ("projected", "required", "decision"),
    [
        # Required 1,000: 110% = 1,100 and 90% = 900.
        (1_101, 1_000, "sufficient"),  # "greater than 110 percent"
        (1_100, 1_000, "full_count"),  # exactly 110% is not greater
        (900, 1_000, "full_count"),  # exactly 90% is examined in full
        (899, 1_000, "insufficient"),  # "less than 90 percent"
        # Required 2,401: 110% = 2,641.1 and 90% = 2,160.9.
        (2_642, 2_401, "sufficient"),
        (2_641, 2_401, "full_count"),
        (2_161, 2_401, "full_count"),
        (2_160, 2_401, "insufficient"),
    ],
)
def test_the_projection_decides_by_the_bands_of_section_11225(ca, projected, required, decision):
    assert sampling_decision(ca.sampling.value, projected, required) == decision


def test_the_regulation_example_against_a_california_requirement(ca):
    # 60,000 registered voters: 15% bracket of §11221, 9,000 required; 110% = 9,900 < 15,028.
    assert sampling_decision(ca.sampling.value, 15_028, 9_000) == "sufficient"
    # Against 14,000 required: 90% = 12,600 <= 15,028 <= 15,400 = 110% -> full count.
    assert sampling_decision(ca.sampling.value, 15_028, 14_000) == "full_count"


@pytest.mark.parametrize(
    ("raw_count", "sample", "valid", "duplicates"),
    [
        (1_000, 0, 0, 0),  # an empty sample
        (1_000, 1_001, 500, 0),  # a sample larger than the petition
        (1_000, 500, 450, 51),  # valid + duplicates > sample
        (1_000, 500, -1, 2),  # a negative count of valid signatures
        (1_000, 500, 10, -5),  # a negative count of duplicates
    ],
)
def test_impossible_sample_figures_are_refused(raw_count, sample, valid, duplicates):
    with pytest.raises(ValueError):
        project_valid(
            raw_count=raw_count,
            sample=sample,
            valid_in_sample=valid,
            duplicates_in_sample=duplicates,
        )
