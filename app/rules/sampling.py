"""Random-sample verification (California Elections Code §11225; Cal. Code Regs. tit. 2
§§20530-20531, worked example §20540)."""

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Literal

from app.rules.ruleset import Sampling

Decision = Literal["sufficient", "full_count", "insufficient"]


def sample_size(sampling: Sampling, raw_count: int) -> int:
    """``max(min_sample, share x raw count)``, rounded up, and never more than the raw count."""
    return min(raw_count, max(sampling.min_sample, math.ceil(sampling.share * raw_count)))


@dataclass(frozen=True)
class Projection:
    valid_rate_percent: Decimal
    uncorrected_valid: int
    duplicate_weight: Decimal
    estimated_duplicates: int
    projected_valid: int


def _up(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def project_valid(
    *, raw_count: int, sample: int, valid_in_sample: int, duplicates_in_sample: int
) -> Projection:
    """The projected number of valid signatures, following the regulation step by step.

    §20530(c)-(d): the valid rate is a percentage to two decimals, applied to the raw count and
    rounded up. §20531: each duplicate found in the sample weighs f x (f - 1), where f is the raw
    count over the sample size to four decimals; the estimated duplicates are rounded up and
    subtracted.
    """
    if not 0 < sample <= raw_count:
        raise ValueError("need 0 < sample <= raw count")
    if valid_in_sample < 0 or duplicates_in_sample < 0:
        raise ValueError("counts in the sample cannot be negative")
    if valid_in_sample + duplicates_in_sample > sample:
        raise ValueError("valid and duplicate signatures cannot exceed the sample")
    rate = (Decimal(100 * valid_in_sample) / sample).quantize(Decimal("0.01"), ROUND_HALF_UP)
    uncorrected = _up(raw_count * rate / 100)
    factor = (Decimal(raw_count) / sample).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    weight = factor * (factor - 1)
    duplicates = _up(weight * duplicates_in_sample)
    return Projection(rate, uncorrected, weight, duplicates, max(uncorrected - duplicates, 0))


def sampling_decision(sampling: Sampling, projected_valid: int, required: int) -> Decision:
    """§11225: above 110% of the required number sufficient; 90% to 110% examine every
    signature; below 90% insufficient (the bands are the rule set's)."""
    if projected_valid > sampling.sufficient_above * required:
        return "sufficient"
    if projected_valid >= sampling.full_count_from * required:
        return "full_count"
    return "insufficient"
