"""Signature counts, derived from the signature rows; public figures come from a short cache.

Signing only writes its own signature row. Nothing keeps a running total in a shared counter
row: the UK petitions site failed there, its petition row locked by "+1" updates while readers
waited (``perf-reliability.md`` A1). A count is one ``GROUP BY status`` over the index on
``(petition_id, status)``. Public pages may be ``SIGNATURE_COUNT_INTERVAL`` seconds behind
(0: exact), so each process counts a petition at most once per interval, however many readers
refresh the page. Commission pages call ``exact_counts``, which never uses the cache.
"""

import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from app.extensions import db
from app.models import Petition, Signature, SignatureStatus
from app.rules.lifecycle import PetitionStatus
from app.services.law import get_rule_set

DEFAULT_INTERVAL = 10
#: Signatures that count toward the threshold until verification decides otherwise.
COUNTED = (SignatureStatus.VALID, SignatureStatus.PENDING)
#: Where a rule set forbids a running count, the count is published once verification is over.
FINAL_COUNT_STATUSES = frozenset(
    {
        PetitionStatus.SUFFICIENT,
        PetitionStatus.INSUFFICIENT,
        PetitionStatus.VOTE_SCHEDULED,
        PetitionStatus.RECALLED,
        PetitionStatus.RETAINED,
        PetitionStatus.SEAT_VACATED,
    }
)
#: The order in which the proofs of signatures are reported.
PROOF_ORDER = ("eds", "register_match", "paper")
#: Local days per query when signatures are put into days (each day is one CASE branch).
DAYS_PER_QUERY = 100


@dataclass(frozen=True)
class Counts:
    """A petition's signatures by status, as counted at ``computed_at``."""

    valid: int
    pending: int
    invalid: int
    withdrawn: int
    computed_at: datetime
    #: Signatures that count (valid or pending), per proof (``eds``, ``register_match``,
    #: ``paper``), as pairs in that order.
    by_proof: tuple[tuple[str, int], ...] = ()
    #: Valid or pending signatures resting on a proof the rule set does not accept: they are
    #: in none of the figures above and do not count.
    unaccepted: int = 0

    @property
    def counted(self) -> int:
        """Signatures that count now: valid ones and those still waiting for a check."""
        return self.valid + self.pending

    def by_status(self, *, with_valid: bool = True) -> list[tuple[SignatureStatus, int]]:
        """The figures with their status, in the order pages list them."""
        figures = [
            (SignatureStatus.VALID, self.valid),
            (SignatureStatus.PENDING, self.pending),
            (SignatureStatus.INVALID, self.invalid),
            (SignatureStatus.WITHDRAWN, self.withdrawn),
        ]
        return figures if with_valid else figures[1:]


class TTLCache:
    """Values by key, each fresh for ``ttl`` seconds after its ``computed_at``; thread-safe.

    Misses are computed under one lock, so that readers arriving together while a value is
    stale cause one query, not one each. Entries beyond ``max_entries`` are dropped, oldest
    first.
    """

    def __init__(self, max_entries: int = 4096) -> None:
        self.max_entries = max_entries
        self._entries: dict[Hashable, tuple[datetime, object]] = {}
        self._lock = threading.Lock()
        self._refresh = threading.Lock()

    def _fresh(self, keys: Iterable[Hashable], now: datetime, ttl: timedelta) -> dict:
        with self._lock:
            found = {}
            for key in keys:
                entry = self._entries.get(key)
                if entry is not None and entry[0] <= now < entry[0] + ttl:
                    found[key] = entry[1]
            return found

    def _store(self, values: dict, now: datetime) -> None:
        with self._lock:
            for key, value in values.items():
                self._entries.pop(key, None)  # re-inserted last, so the oldest stay first
                self._entries[key] = (now, value)
            while len(self._entries) > self.max_entries:
                del self._entries[next(iter(self._entries))]

    def get_many(
        self,
        keys: Sequence[Hashable],
        now: datetime,
        ttl: timedelta,
        compute: Callable[[list], dict],
    ) -> dict:
        """The value of every key in ``keys``; ``compute(missing_keys)`` fills the gaps."""
        if ttl <= timedelta(0):
            return compute(list(keys))
        found = self._fresh(keys, now, ttl)
        if len(found) < len(keys):
            with self._refresh:
                found |= self._fresh([k for k in keys if k not in found], now, ttl)
                missing = [k for k in keys if k not in found]
                if missing:
                    computed = compute(missing)
                    self._store(computed, now)
                    found |= computed
        return found


def count_cache() -> TTLCache:
    """This app's cache in this process (each app has its own, so tests never share one)."""
    return current_app.extensions.setdefault("signature_counts", TTLCache())


def count_interval() -> timedelta:
    """How stale a public count may be: ``SIGNATURE_COUNT_INTERVAL`` seconds (0: exact)."""
    seconds = current_app.config.get("SIGNATURE_COUNT_INTERVAL", DEFAULT_INTERVAL)
    return timedelta(seconds=max(float(seconds), 0))


def exact_counts_for(petition_ids: Sequence[int], now: datetime) -> dict[int, Counts]:
    """Every petition's counts by status, in one grouped query (a petition without rows: 0s).

    A signature counts only if its proof is one the petition's rule set accepts (online: the
    rule set's ``online_identity``; paper always); others are tallied apart (``unaccepted``).
    """
    if not petition_ids:
        return {}
    rows = db.session.execute(
        sa.select(
            Signature.petition_id,
            Petition.rule_set_code,
            Signature.status,
            Signature.proof,
            sa.func.count(),
        )
        .join(Petition, Petition.id == Signature.petition_id)
        .where(Signature.petition_id.in_(set(petition_ids)))
        .group_by(Signature.petition_id, Petition.rule_set_code, Signature.status, Signature.proof)
    )
    tallies: dict[int, dict[SignatureStatus, int]] = {pid: {} for pid in petition_ids}
    proofs: dict[int, dict[str, int]] = {pid: {} for pid in petition_ids}
    unaccepted: dict[int, int] = dict.fromkeys(petition_ids, 0)
    for petition_id, code, status, proof, number in rows:
        status, proof = SignatureStatus(status), str(proof)
        counting = status in COUNTED
        if counting and proof not in get_rule_set(code).accepted_proofs:
            unaccepted[petition_id] += number
            continue
        tallies[petition_id][status] = tallies[petition_id].get(status, 0) + number
        if counting:
            proofs[petition_id][proof] = proofs[petition_id].get(proof, 0) + number
    return {
        pid: Counts(
            valid=tally.get(SignatureStatus.VALID, 0),
            pending=tally.get(SignatureStatus.PENDING, 0),
            invalid=tally.get(SignatureStatus.INVALID, 0),
            withdrawn=tally.get(SignatureStatus.WITHDRAWN, 0),
            computed_at=now,
            by_proof=tuple((proof, proofs[pid].get(proof, 0)) for proof in PROOF_ORDER),
            unaccepted=unaccepted[pid],
        )
        for pid, tally in tallies.items()
    }


def exact_counts(petition_id: int, now: datetime | None = None) -> Counts:
    """The counts as they are now, bypassing the cache (for the commission)."""
    return exact_counts_for([petition_id], now or datetime.now(UTC))[petition_id]


def cached_counts_for(petition_ids: Sequence[int], now: datetime) -> dict[int, Counts]:
    """Counts at most ``count_interval()`` old; the stale or missing ones in one query."""

    def compute(keys: list) -> dict:
        counted = exact_counts_for([pid for _, pid in keys], now)
        return {("counts", pid): value for pid, value in counted.items()}

    keys = [("counts", pid) for pid in dict.fromkeys(petition_ids)]
    found = count_cache().get_many(keys, now, count_interval(), compute)
    return {pid: found[("counts", pid)] for _, pid in keys}


def counts_are_public(petition: Petition) -> bool:
    """Whether anyone may see the petition's count now (under its rule set)."""
    if get_rule_set(petition.rule_set_code).running_count_public.value:
        return True
    return petition.status in FINAL_COUNT_STATUSES


def public_counts_for(petitions: Sequence[Petition], now: datetime) -> dict[int, Counts | None]:
    """Each petition's public counts (None where hidden), the missing ones in one query."""
    shown = [p.id for p in petitions if counts_are_public(p)]
    found = cached_counts_for(shown, now)
    return {p.id: found.get(p.id) for p in petitions}


def public_counts(petition: Petition, now: datetime) -> Counts | None:
    """The petition's counts for the public, or None where its rule set forbids a running
    count and verification is not over (UK: "forecasts are an offence")."""
    return public_counts_for([petition], now)[petition.id]


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def _days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _count_days(petition_id: int, days: list[date], zone: ZoneInfo) -> dict[date, int]:
    """Counted signatures per local day in ``days`` (consecutive), in one query.

    The day is found by comparing with each local midnight, so the SQL is the same on SQLite
    and PostgreSQL and time zones with summer time are right.
    """
    bounds = [_local_midnight(day, zone) for day in days]
    bounds.append(_local_midnight(days[-1] + timedelta(days=1), zone))
    bucket = sa.case(
        *((Signature.signed_at < bound, index) for index, bound in enumerate(bounds[1:])),
    ).label("bucket")
    inner = (
        sa.select(bucket)
        .where(
            Signature.petition_id == petition_id,
            Signature.status.in_(COUNTED),
            Signature.signed_at >= bounds[0],
            Signature.signed_at < bounds[-1],
        )
        .subquery()
    )
    rows = db.session.execute(
        sa.select(inner.c.bucket, sa.func.count()).group_by(inner.c.bucket)
    ).all()
    return {days[index]: number for index, number in rows}


def exact_signatures_per_day(petition_id: int, zone: ZoneInfo) -> list[tuple[date, int]]:
    """Counted (valid and pending) signatures per local day in ``zone``, from the first
    signature's day to the last one's, days without signatures included as 0."""
    first, last = db.session.execute(
        sa.select(sa.func.min(Signature.signed_at), sa.func.max(Signature.signed_at)).where(
            Signature.petition_id == petition_id, Signature.status.in_(COUNTED)
        )
    ).one()
    if first is None:
        return []
    days = _days_between(first.astimezone(zone).date(), last.astimezone(zone).date())
    totals: dict[date, int] = {}
    for start in range(0, len(days), DAYS_PER_QUERY):
        totals |= _count_days(petition_id, days[start : start + DAYS_PER_QUERY], zone)
    return [(day, totals.get(day, 0)) for day in days]


def signatures_per_day(
    petition_id: int, zone: ZoneInfo | str, now: datetime | None = None
) -> list[tuple[date, int]]:
    """``exact_signatures_per_day``, at most ``count_interval()`` old (a public figure)."""
    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    key = ("per_day", petition_id, zone.key)
    found = count_cache().get_many(
        [key],
        now or datetime.now(UTC),
        count_interval(),
        lambda keys: {key: exact_signatures_per_day(petition_id, zone)},
    )
    return found[key]


def public_signatures_per_day(petition: Petition, now: datetime) -> list[tuple[date, int]] | None:
    """Signatures per day in the rule set's zone, or None where the count is not public."""
    if not counts_are_public(petition):
        return None
    zone = get_rule_set(petition.rule_set_code).zone
    return signatures_per_day(petition.id, zone, now)
