"""Writing to the append-only, hash-chained audit log, and checking the chain.

Each entry's hash covers its content and the previous entry's hash. Writers take the chain head
row's lock, so entries are appended one at a time in the order their transactions commit, and
the unique ``seq`` refuses a fork even if that lock were bypassed.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from app import iin as iin_rules
from app.database import get_locked, upsert_insert
from app.extensions import db
from app.models import AuditChainHead, AuditEntry, User
from app.models.base import utcnow

GENESIS = "0" * 64


def record(
    action: str,
    object_type: str,
    object_id: object = None,
    *,
    actor: User | None = None,
    actor_label: str | None = None,
    details: dict | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append an audit entry in the caller's transaction; it is committed with its change.

    For a commission action put ``before``, ``after`` and ``reason`` into ``details``.
    ``details`` must never hold a readable IIN (use a masked one, see ``app.iin.mask``); as a
    last guard, any twelve-digit number in its strings (an IIN typed into a free comment or
    reason) is masked before the entry is written.
    ``at`` defaults to now; it is part of the hashed content, so it cannot be changed later.
    """
    head = _chain_head()
    entry = AuditEntry(
        at=at or utcnow(),
        actor_id=actor.id if actor is not None else None,
        actor_label=actor_label or (f"user:{actor.id}" if actor is not None else "system"),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        details=without_iins(details or {}),
        seq=head.seq + 1,
        prev_hash=head.last_hash,
    )
    entry.entry_hash = entry_digest(entry)
    head.seq, head.last_hash = entry.seq, entry.entry_hash
    db.session.add(entry)
    return entry


def without_iins(value):
    """``value`` (JSON-like) with every stand-alone twelve-digit number in its strings masked."""
    if isinstance(value, str):
        return iin_rules.mask_iins(value)
    if isinstance(value, dict):
        return {key: without_iins(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [without_iins(item) for item in value]
    return value


def _chain_head() -> AuditChainHead:
    head = get_locked(AuditChainHead, 1)
    if head is None:
        # An empty database (migration 0004 creates the row; tests may truncate it): create it
        # once even if several writers get here together, then lock it like any other time.
        db.session.execute(
            upsert_insert(AuditChainHead)
            .values(id=1, seq=0, last_hash=GENESIS)
            .on_conflict_do_nothing(index_elements=["id"])
        )
        head = get_locked(AuditChainHead, 1)
    return head


def entry_digest(entry: AuditEntry) -> str:
    """SHA-256 over the previous hash and a canonical JSON form of the entry's content."""
    content = {
        "seq": entry.seq,
        "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "details": entry.details,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((entry.prev_hash + canonical).encode()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    #: ``altered`` (content no longer matches its hash), ``relinked`` (previous hash differs)
    #: or ``missing`` (a position is absent: a row was deleted).
    kind: str


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_break: ChainBreak | None
    #: The hash of the last entry checked: publishing it lets anyone detect a rewritten chain.
    last_hash: str = GENESIS

    @property
    def intact(self) -> bool:
        return self.first_break is None


_CHAIN_COLUMNS = (
    AuditEntry.seq,
    AuditEntry.at,
    AuditEntry.actor_id,
    AuditEntry.actor_label,
    AuditEntry.action,
    AuditEntry.object_type,
    AuditEntry.object_id,
    AuditEntry.details,
    AuditEntry.prev_hash,
    AuditEntry.entry_hash,
)


def verify_chain(batch: int = 5000) -> ChainReport:
    """Walk the chain in order and report the first entry where it breaks.

    The chain head is read first and the walk stops at its position, so entries appended while
    the walk runs are left for the next check. Reads plain rows (not ORM objects): what is
    checked is what the database holds now. Comparing the last entry with the head shows a
    deleted last entry, or a tail rewritten with fresh hashes.
    """
    head = db.session.execute(
        sa.select(AuditChainHead.seq, AuditChainHead.last_hash).where(AuditChainHead.id == 1)
    ).first()
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    while True:
        query = sa.select(*_CHAIN_COLUMNS).where(AuditEntry.seq > last_seq)
        if head is not None:
            query = query.where(AuditEntry.seq <= head.seq)
        rows = db.session.execute(query.order_by(AuditEntry.seq).limit(batch)).all()
        if not rows:
            break
        for entry in rows:
            if entry.seq != expected_seq:
                return ChainReport(checked, ChainBreak(expected_seq, "missing"), expected_prev)
            if entry.prev_hash != expected_prev:
                return ChainReport(checked, ChainBreak(entry.seq, "relinked"), expected_prev)
            if entry_digest(entry) != entry.entry_hash:
                return ChainReport(checked, ChainBreak(entry.seq, "altered"), expected_prev)
            expected_prev, expected_seq = entry.entry_hash, entry.seq + 1
            checked += 1
        last_seq = rows[-1].seq
    if head is not None and head.seq > checked:
        return ChainReport(checked, ChainBreak(expected_seq, "missing"), expected_prev)
    if head is not None and head.last_hash != expected_prev:
        return ChainReport(checked, ChainBreak(checked, "altered"), expected_prev)
    return ChainReport(checked, None, expected_prev)
