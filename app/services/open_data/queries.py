"""The public figures in bulk, for the open data downloads; nothing personal.

Every figure here is one the public pages show already: petitions with their public counts
(null where the rule set forbids a running count), counted signatures per day, and per
constituency the number of public petitions and their counted signatures.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from app.rules.lifecycle import PetitionStatus
from app.services.directory.queries import Seat, fetch_seats
from app.services.law import get_rule_set
from app.services.petitions import counts as counting
from app.services.petitions.queries import Listing, fetch_listings, get_public_petition


@dataclass(frozen=True)
class DailyCounts:
    petition_id: int
    time_zone: str
    #: (day, signatures that day, running total); None where the count is not public.
    days: list[tuple[date, int, int]] | None


@dataclass(frozen=True)
class ConstituencyTotal:
    seat: Seat
    petitions: int
    collecting: int
    counted: int


def all_petitions(now: datetime) -> list[Listing]:
    """Every public petition, newest first, with its public counts."""
    return fetch_listings(now)


def daily_counts(petition_id: int, now: datetime) -> DailyCounts:
    """Counted signatures per local day of the public petition (404 if not public)."""
    petition = get_public_petition(petition_id)
    zone = get_rule_set(petition.rule_set_code).zone
    per_day = counting.public_signatures_per_day(petition, now)
    if per_day is None:
        return DailyCounts(petition.id, zone.key, None)
    days, total = [], 0
    for day, number in per_day:
        total += number
        days.append((day, number, total))
    return DailyCounts(petition.id, zone.key, days)


def constituency_totals(now: datetime) -> list[ConstituencyTotal]:
    """Every constituency with its public petitions and their counted signatures."""
    listings = fetch_listings(now)
    petitions = Counter(item.petition.constituency_id for item in listings)
    collecting = Counter(
        item.petition.constituency_id
        for item in listings
        if item.status is PetitionStatus.COLLECTING
    )
    counted: Counter = Counter()
    for item in listings:
        if item.counts is not None:
            counted[item.petition.constituency_id] += item.counts.counted
    return [
        ConstituencyTotal(
            seat,
            petitions[seat.constituency.id],
            collecting[seat.constituency.id],
            counted[seat.constituency.id],
        )
        for seat in fetch_seats()
    ]
