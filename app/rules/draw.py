"""The random sample of a petition's signatures, drawn from a published seed, and what the
sample tells about the whole petition (California Elections Code §11225; Cal. Code Regs. tit. 2
§§20530-20531).

How anyone re-derives a sample
------------------------------
The commission publishes a seed (64 hexadecimal characters) before it draws. The population is
the list of signature ids the commission publishes with the sample. For every id compute::

    sha256(f"{seed}:{id}".encode("ascii")).hexdigest()

(the seed as published, a colon, the id in decimal without leading zeros). Sort the ids by that
hexadecimal digest, smallest first (ties, which do not occur in practice, by the smaller id),
and keep the first ``k``; ``k`` is the sample size the rule set gives for the population size.
The order is the position of each signature in the sample. In Python::

    sorted(ids, key=lambda i: (hashlib.sha256(f"{seed}:{i}".encode()).hexdigest(), i))[:k]

Nobody can choose the sample: the seed is fixed before the draw, and the draw is a pure function
of the seed and the population.
"""

import hashlib
import heapq
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

SEED_PATTERN = re.compile(r"^[0-9a-f]{64}$")
#: The normal quantile of a two-sided 95% interval.
Z_95 = 1.959963984540054


def draw_key(seed: str, signature_id: int) -> str:
    """The sort key of one signature: ``sha256(seed + ":" + str(id))`` in hexadecimal."""
    return hashlib.sha256(f"{seed}:{int(signature_id)}".encode("ascii")).hexdigest()


def draw_sample(seed: str, population: Iterable[int], k: int) -> list[int]:
    """The ``k`` ids of ``population`` with the smallest draw keys, smallest first.

    A population smaller than ``k`` is drawn whole (still in draw order). Repeated ids count
    once. Raises ValueError for a malformed seed or a negative ``k``.
    """
    if not SEED_PATTERN.match(seed):
        raise ValueError("the seed must be 64 lower-case hexadecimal characters")
    if k < 0:
        raise ValueError("the sample size cannot be negative")
    ids = set(population)
    return heapq.nsmallest(k, ids, key=lambda i: (draw_key(seed, i), i))


@dataclass(frozen=True)
class Interval:
    low: int
    high: int


def valid_interval(
    *, raw_count: int, sample: int, valid_in_sample: int, estimated_duplicates: int
) -> Interval:
    """A 95% confidence interval for the number of valid signatures in the whole petition.

    This is not part of the regulation, which decides on the point estimate alone (§20530); it
    shows how far that estimate may be from the true figure. Wilson score interval for the
    valid rate, with the finite population correction (sampling without replacement; a sample
    of the whole petition has no uncertainty), scaled to the raw count, less the estimated
    duplicates (§20531), and kept within 0..raw count.
    """
    if not 0 < sample <= raw_count or not 0 <= valid_in_sample <= sample:
        raise ValueError("need 0 < sample <= raw count and 0 <= valid <= sample")
    if sample == raw_count:
        exact = max(valid_in_sample - estimated_duplicates, 0)
        return Interval(exact, exact)
    p = valid_in_sample / sample
    # The effective sample size grows as the sample covers more of the population.
    n = sample * (raw_count - 1) / (raw_count - sample)
    z2 = Z_95 * Z_95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    low, high = max(centre - half, 0.0), min(centre + half, 1.0)
    return Interval(
        low=max(math.floor(low * raw_count) - estimated_duplicates, 0),
        high=max(min(math.ceil(high * raw_count), raw_count) - estimated_duplicates, 0),
    )
