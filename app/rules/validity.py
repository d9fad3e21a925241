"""Rule sets in time: which version of a rule set a petition opens under, and when none may.

A rule set (a body's recall procedure) has versions; each version is in force from its
``valid_from`` day until the next version's ``valid_from`` or its own ``valid_until`` (the first
day it no longer applies). A petition keeps the version it opened under to its end: a later
version (an official value entered by the commission, a law change) applies only to petitions
opened from its first day.

The Mazhilis rule set ends on 1 July 2026: the Constitution adopted at the referendum of
15 March 2026 ended the powers of the Parliament formed under the 1995 Constitution on that day,
and the unicameral Kurultai is elected by party lists in one nationwide constituency, so it has
no single-mandate seat to recall (reported by Kazinform, inform.kz).
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.rules.ruleset import Citation, EndReason, RuleSet


class Closed(enum.StrEnum):
    """Why no petition may open under a rule set on a given day."""

    NOT_YET = "not_yet"  #: before the first version's ``valid_from``
    ENDED = "ended"  #: on or after the rule set's ``valid_until``


@dataclass(frozen=True)
class InForce:
    """The answer for one day: the version in force, or why there is none."""

    version: RuleSet | None
    closed: Closed | None = None
    #: The day the rule set starts (NOT_YET) or ended (ENDED).
    since: date | None = None
    end_reason: EndReason | None = None
    #: The citation of the end (the law that ended the rule set).
    end_citation: Citation | None = None


def version_window(versions: list[RuleSet], version: RuleSet) -> tuple[date, date | None]:
    """``[valid_from, until)`` of ``version`` among ``versions`` (sorted by ``valid_from``):
    it ends where the next version starts, or on its own ``valid_until``."""
    later = [v.valid_from for v in versions if v.valid_from > version.valid_from]
    ends = [day for day in (min(later, default=None), version.valid_until) if day is not None]
    return version.valid_from, min(ends, default=None)


def in_force_on(versions: Iterable[RuleSet], day: date) -> InForce:
    """The version a petition opening on ``day`` (local date) is governed by.

    The latest version whose ``valid_from`` is on or before ``day`` applies, unless its
    ``valid_until`` is on or before ``day``: then the rule set has ended and no petition opens
    (with the reason and citation the rule set gives).
    """
    ordered = sorted(versions, key=lambda v: (v.valid_from, v.version))
    if not ordered:
        raise ValueError("a rule set has at least one version")
    started = [v for v in ordered if v.valid_from <= day]
    if not started:
        return InForce(None, Closed.NOT_YET, since=ordered[0].valid_from)
    current = started[-1]
    if current.valid_until is not None and current.valid_until <= day:
        return InForce(
            None,
            Closed.ENDED,
            since=current.valid_until,
            end_reason=current.end_reason,
            end_citation=current.citations.get(current.end_cite or ""),
        )
    return InForce(current)


def ends_on(versions: Iterable[RuleSet]) -> RuleSet | None:
    """The latest version when it carries an end (the chamber's end, for seats to show)."""
    latest = max(versions, key=lambda v: (v.valid_from, v.version), default=None)
    return latest if latest is not None and latest.valid_until is not None else None
