"""Writing to the append-only, hash-chained audit log, and checking the chain.

Each entry's hash covers its content and the previous entry's hash. Writers take the chain head
row's lock, so entries are appended one at a time in the order their transactions commit, and
the unique ``seq`` refuses a fork even if that lock were bypassed.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

import sqlalchemy as sa

from app.database import get_locked
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
) -> AuditEntry:
    """Append an audit entry in the caller's transaction; it is committed with its change.

    For a commission action put ``before``, ``after`` and ``reason`` into ``details``.
    ``details`` must never hold a readable IIN (use a masked one, see ``app.iin.mask``).
    """
    head = _chain_head()
    entry = AuditEntry(
        at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        actor_label=actor_label or (f"user:{actor.id}" if actor is not None else "system"),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        details=details or {},
        seq=head.seq + 1,
        prev_hash=head.last_hash,
    )
    entry.entry_hash = entry_digest(entry)
    head.seq, head.last_hash = entry.seq, entry.entry_hash
    db.session.add(entry)
    return entry


def _chain_head() -> AuditChainHead:
    head = get_locked(AuditChainHead, 1)
    if head is None:  # an empty database (migration 0004 creates the row; tests may truncate)
        head = AuditChainHead(id=1, seq=0, last_hash=GENESIS)
        db.session.add(head)
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

    @property
    def intact(self) -> bool:
        return self.first_break is None


def verify_chain(batch: int = 5000) -> ChainReport:
    """Walk the chain in order and report the first entry where it breaks."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    while True:
        rows = db.session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.seq > last_seq)
            .order_by(AuditEntry.seq)
            .limit(batch)
        ).all()
        if not rows:
            return ChainReport(checked, None)
        for entry in rows:
            if entry.seq != expected_seq:
                return ChainReport(checked, ChainBreak(expected_seq, "missing"))
            if entry.prev_hash != expected_prev:
                return ChainReport(checked, ChainBreak(entry.seq, "relinked"))
            if entry_digest(entry) != entry.entry_hash:
                return ChainReport(checked, ChainBreak(entry.seq, "altered"))
            expected_prev, expected_seq = entry.entry_hash, entry.seq + 1
            checked += 1
        last_seq = rows[-1].seq
        db.session.expire_all()
