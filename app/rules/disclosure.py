"""Small-count suppression: counts per polling station that identify nobody.

A deputy sees how many counted signatures each polling station of the petition gave, but never
who signed (anchors-features.md, "Small-area suppression", item 8: show precinct counts only
when they reach a minimum k). Maslikhat constituencies are small and a village's polling station
may have a few dozen voters: "2 signatures from station 01507" can point at two households, and
recall signers must be protected from pressure by the very deputy they want to recall.

The reader is assumed to know everything else: the table's total (the public per-day chart adds
up to it), every shown cell, the list of stations, and this function. Hiding a small cell behind
"fewer than 10" fails against that reader: with one hidden cell, the total minus the shown ones
gives it back, and three hidden cells sharing 27 were 9 each. So small stations are **merged**:
every station at or below a threshold ``T`` goes into one "other stations" row that shows their
sum, and no station of the row is shown alone. ``T`` starts at ``minimum - 1`` (9) and rises to
the next count in the table until the merged row

* holds at least two cells,
* adds up to at least ``minimum`` (10), and
* holds at least two different counts,

or holds every cell. Because the row is "every cell at or below ``T``" and ``T`` depends only on
the multiset of the counts, swapping the counts of two merged cells gives the same output: any
merged cell may have had the count of any other, and the row holds two different counts, so none
can be pinned. A table merged whole is its total, which is public anyway (a total of 0 says
nobody signed anywhere). ``tests/rules/test_disclosure.py`` checks by brute force over random
tables that every merged cell has at least two values consistent with what is shown.

Differences between two looks at different times are not protected here: a deputy who sees a
station go from 12 to 13 learns that one more person there signed, as the public does from the
petition's total.

Pure: values in, values out.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

#: The smallest count shown for a single station.
MIN_SHOWN = 10

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Merged(Generic[K]):
    """The cells shown one by one, and the rest merged into one row."""

    #: (key, count) of each cell shown alone, in the input order.
    shown: list[tuple[K, int]]
    #: The keys of the merged cells, in the input order (empty: nothing merged).
    merged: list[K]
    #: The sum of the merged cells (0 when nothing is merged).
    merged_count: int


def _merged_up_to(counts: Sequence[int], threshold: int) -> list[int]:
    return [count for count in counts if count <= threshold]


def _safe(group: list[int], every: int, minimum: int) -> bool:
    if len(group) == every:
        return True
    return len(group) >= 2 and sum(group) >= minimum and len(set(group)) >= 2


def merge_small_counts(cells: Sequence[tuple[K, int]], *, minimum: int = MIN_SHOWN) -> Merged[K]:
    """Merge every cell below ``minimum`` (and, where needed, the next smallest ones) into one
    row that no single count can be worked out of; the others are shown as they are."""
    counts = [count for _, count in cells]
    if any(count < 0 for count in counts):
        raise ValueError("counts are never negative")
    if all(count >= minimum for count in counts):
        return Merged(shown=list(cells), merged=[], merged_count=0)
    threshold = minimum - 1
    while not _safe(_merged_up_to(counts, threshold), len(counts), minimum):
        threshold = min(count for count in counts if count > threshold)
    return Merged(
        shown=[(key, count) for key, count in cells if count > threshold],
        merged=[key for key, count in cells if count <= threshold],
        merged_count=sum(_merged_up_to(counts, threshold)),
    )
