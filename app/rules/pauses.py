"""Deadline extension for a pause of signing: how much collection time a pause took away.

Kazakhstan's rule sets extend the deadline by the paused time (``pause_extends_deadline``, a
project default pending legal confirmation: the law gives voters the whole collection period, so
time in which nobody could sign is given back). Other rule sets keep their deadline (UK s.9,
California §11220, British Columbia s.20 fix the period).

Values in, values out: aware datetimes, no database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

ZERO = timedelta(0)


@dataclass(frozen=True)
class Span:
    """A half-open stretch of time ``[start, end)``; empty when ``end <= start``."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return max(self.end - self.start, ZERO)

    def clip(self, other: "Span") -> "Span":
        return Span(max(self.start, other.start), min(self.end, other.end))


def _union_length(spans: Iterable[Span]) -> timedelta:
    """The total time covered by ``spans``, overlaps counted once."""
    total = ZERO
    reach: datetime | None = None
    for span in sorted((s for s in spans if s.length > ZERO), key=lambda s: s.start):
        if reach is None or span.start >= reach:
            total += span.length
            reach = span.end
        elif span.end > reach:
            total += span.end - reach
            reach = span.end
    return total


def lost_collection_time(
    pause: Span, window: Span, already_extended: Iterable[Span] = ()
) -> timedelta:
    """Collection time ``pause`` took from the window ``[opened_at, closes_at)``.

    The overlap of the pause with the window; a pause that outlasted the deadline took
    ``closes_at - max(started_at, opened_at)``. Minutes already given back for other pauses
    (``already_extended``: their spans) are not counted twice.
    """
    lost = pause.clip(window)
    if lost.length == ZERO:
        return ZERO
    earlier = [span.clip(lost) for span in already_extended]
    return lost.length - _union_length(earlier)


def extended_deadline(closes_at: datetime, pause_end: datetime, lost: timedelta) -> datetime:
    """The new deadline: the lost time, given back after the later of the old deadline and the
    pause's end (a pause that outlasted the deadline restores the time it left when it began,
    counted from its end, so the restored time is still ahead of the voters). Rounded up to
    the whole minute: deadlines are read and published to the minute, so a pause of seconds
    moves the deadline a visible minute rather than to 20:00:12 shown as 20:00."""
    if lost <= ZERO:
        return closes_at
    extended = max(closes_at, pause_end) + lost
    seconds = timedelta(seconds=extended.second, microseconds=extended.microsecond)
    return extended if seconds == ZERO else extended - seconds + timedelta(minutes=1)
