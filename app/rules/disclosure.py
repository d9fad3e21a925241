"""Small-count suppression: counts per polling station that identify nobody.

A deputy sees how many counted signatures each polling station of the petition gave, but never
who signed (anchors-features.md, "Small-area suppression", item 8: show precinct counts only
when they reach a minimum k). Maslikhat constituencies are small and a village's polling station
may have a few dozen voters: "2 signatures from station 01507" can point at two households, and
recall signers must be protected from pressure by the very deputy they want to recall.

Two rules, the usual ones of statistical disclosure control:

* **Primary suppression.** A station with fewer than ``MIN_SHOWN`` counted signatures (0
  included, so that a hidden cell does not mean "someone signed here") is shown as "fewer than
  10" (``None``).
* **Secondary suppression.** The total of the table is shown (it is the petition's count). If
  exactly one station were hidden, subtracting the shown stations from the total would give its
  value back; the next-smallest shown station is then hidden too, so that at least two hidden
  cells share the remainder and neither can be pinned.

A table of a single station is the total itself (which is public) and is hidden like any other
small cell. Bounds can still narrow a hidden station, but never to a small count: the reader
knows each hidden station is below 10 or is the one hidden beside it, so three hidden stations
sharing 27 had 9 each, two sharing 0 had nobody, and a station hidden beside a 9 may be pinned
at its own value of 10 or more; a count from 1 to 8 is never pinned (the tests check this).
Differences between two looks at different times are not protected here: a deputy
who sees a station go from 12 to 13 learns that one more person there signed, as the public
does from the petition's total.

Pure: values in, values out.
"""

from collections.abc import Hashable, Sequence
from typing import TypeVar

#: The smallest count shown as a number.
MIN_SHOWN = 10

K = TypeVar("K", bound=Hashable)


def suppress_small_counts(
    cells: Sequence[tuple[K, int]], *, total_shown: bool = True, minimum: int = MIN_SHOWN
) -> list[tuple[K, int | None]]:
    """``cells`` (key, count) in the same order, each count replaced by None where it is hidden.

    Counts below ``minimum`` are hidden; when ``total_shown`` and exactly one cell would be
    hidden, the smallest shown count (the first in order on a tie) is hidden as well.
    """
    if any(count < 0 for _, count in cells):
        raise ValueError("counts are never negative")
    hidden = {index for index, (_, count) in enumerate(cells) if count < minimum}
    if total_shown and len(hidden) == 1:
        shown = [index for index in range(len(cells)) if index not in hidden]
        if shown:
            hidden.add(min(shown, key=lambda index: (cells[index][1], index)))
    return [(key, None if index in hidden else count) for index, (key, count) in enumerate(cells)]
