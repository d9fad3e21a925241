"""Appending leaves to the log, in the transaction of the event they record.

Use cases stage leaves (``stage``) while they work; a ``before_commit`` hook on the session
appends them just before the transaction commits, so they are committed with their event or not
at all. Appending takes the lock of the single ``log_head`` row (as the audit chain's head is
locked), so concurrent appenders take turns and each leaf gets the next index; because the hook
runs last, the lock is held only for the append and the commit, and always after every other
lock the use case took (the audit chain's among them): two use cases cannot wait for each other
in opposite orders. ``append_now`` appends at once, for the signing receipt that must name its
leaf before the transaction ends.

An append reads the frontier from the head row, hashes the new leaves and the subtrees they
complete (``app.rules.merkle.append``), inserts those rows and updates the head: O(log n) per
leaf, never a rebuild.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.database import get_locked, upsert_insert
from app.extensions import db
from app.models import LogEntry, LogHead, LogNode
from app.models.base import utcnow
from app.rules import merkle

#: ``session.info`` key: the leaves staged in the session's transaction, in order.
STAGED = "transparency_leaves"


@dataclass(frozen=True)
class Leaf:
    """A leaf waiting to be appended: its input and what it is about (kept for queries)."""

    leaf_input: str
    event: str
    petition_id: int
    signature_id: int | None = None


def stage(leaf: Leaf) -> None:
    """Append ``leaf`` when the current transaction commits."""
    # Begin the transaction if nothing has yet: a rollback of a transaction that never began
    # is no rollback to the session, and the leaf would wait for the next commit.
    db.session.connection()
    db.session.info.setdefault(STAGED, []).append(leaf)


def append_now(leaf: Leaf) -> int:
    """Append the staged leaves and ``leaf`` now, in the current transaction; ``leaf``'s index."""
    stage(leaf)
    return append_staged(db.session)[-1]


def append_staged(session: Session) -> list[int]:
    """Append the session's staged leaves; their indexes."""
    leaves = session.info.pop(STAGED, None)
    if not leaves:
        return []
    # The event's own rows first: a constraint they break must fail before the lock is taken.
    session.flush()
    return append(leaves)


def append(leaves: list[Leaf]) -> list[int]:
    """Append ``leaves`` in order under the head row's lock; their indexes."""
    head = locked_head()
    start = head.tree_size
    hashes = [merkle.leaf_hash(leaf.leaf_input.encode()) for leaf in leaves]
    frontier, nodes = merkle.append(start, split_frontier(head.frontier), hashes)
    now = utcnow()
    db.session.execute(
        sa.insert(LogEntry),
        [
            {
                "leaf_index": start + offset,
                "leaf_input": leaf.leaf_input,
                "event": leaf.event,
                "petition_id": leaf.petition_id,
                "signature_id": leaf.signature_id,
                "appended_at": now,
            }
            for offset, leaf in enumerate(leaves)
        ],
    )
    db.session.execute(
        sa.insert(LogNode),
        [
            {"subtree": merkle.subtree_key(level, position), "hash": digest}
            for level, position, digest in nodes
        ],
    )
    head.tree_size = start + len(leaves)
    head.frontier = b"".join(frontier)
    head.root_hash = merkle.root(frontier)
    return list(range(start, head.tree_size))


def split_frontier(packed: bytes) -> list[bytes]:
    size = merkle.HASH_SIZE
    return [packed[i : i + size] for i in range(0, len(packed), size)]


def locked_head() -> LogHead:
    """The head row, locked until the transaction ends (appenders and key changes take turns)."""
    head = get_locked(LogHead, 1)
    if head is None:
        # An empty database (migration 0006 creates the row; tests may truncate it): create it
        # once even if several writers get here together, then lock it like any other time.
        db.session.execute(
            upsert_insert(LogHead)
            .values(id=1, tree_size=0, root_hash=merkle.EMPTY_ROOT, frontier=b"")
            .on_conflict_do_nothing(index_elements=["id"])
        )
        head = get_locked(LogHead, 1)
    return head


@event.listens_for(Session, "before_commit")
def _append_before_commit(session: Session) -> None:
    if session.info.get(STAGED):
        append_staged(session)


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session: Session, previous_transaction) -> None:
    session.info.pop(STAGED, None)
