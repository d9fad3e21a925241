"""Signed tree heads: the log's size and root at a moment, signed with the current key.

A head is signed over the UTF-8 bytes of ``{"root_hash":…,"timestamp":…,"tree_size":…}`` (keys
sorted, no spaces), with the values exactly as served: the root as lowercase hex, the timestamp
in milliseconds since the epoch. Heads are stored (one per key and size), so serving one is a
read: a stored head is served while it covers every committed leaf, or while it is younger than
``SIGNATURE_COUNT_INTERVAL`` seconds, the staleness the public counts are allowed too (0: every
head is exact). Otherwise a new head is signed and stored; processes racing to sign the same
size store one head, which they all serve.
"""

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from app.database import transaction, upsert_insert
from app.extensions import db
from app.models import LogHead, LogKey, SignedTreeHead
from app.rules import merkle
from app.services.transparency.keys import current_key, signing_key

_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class TreeHead:
    """A signed tree head with its values as served."""

    tree_size: int
    root_hash: str
    timestamp: int
    signature: str
    key_id: str
    #: Whether it covered every committed leaf when it was served.
    exact: bool = True

    def as_served(self) -> dict:
        return {
            "tree_size": self.tree_size,
            "root_hash": self.root_hash,
            "timestamp": self.timestamp,
            "signature": self.signature,
        }

    @property
    def signed_at(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp / 1000, UTC)


def signed_content(tree_size: int, root_hash: str, timestamp: int) -> bytes:
    """The bytes a head's signature covers."""
    content = {"root_hash": root_hash, "timestamp": timestamp, "tree_size": tree_size}
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def staleness_window() -> timedelta:
    """``SIGNATURE_COUNT_INTERVAL``: how far behind the log a served head may be (0: exact)."""
    return timedelta(seconds=max(float(current_app.config["SIGNATURE_COUNT_INTERVAL"]), 0))


def milliseconds(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def _served(stored: SignedTreeHead, key: LogKey, size: int) -> TreeHead:
    return TreeHead(
        stored.tree_size,
        stored.root_hash.hex(),
        stored.timestamp,
        base64.b64encode(stored.signature).decode(),
        key.key_id,
        exact=stored.tree_size >= size,
    )


def _latest(key: LogKey) -> SignedTreeHead | None:
    return db.session.scalar(
        sa.select(SignedTreeHead)
        .where(SignedTreeHead.key_id == key.id)
        .order_by(SignedTreeHead.tree_size.desc())
        .limit(1)
    )


def signed_head(now: datetime, *, max_age: timedelta | None = None) -> TreeHead:
    """The head to serve at ``now``: at most ``max_age`` (default ``staleness_window()``)
    behind the committed log, exact when that is zero."""
    key = current_key(now)
    max_age = staleness_window() if max_age is None else max_age
    size, root = db.session.execute(
        sa.select(LogHead.tree_size, LogHead.root_hash).where(LogHead.id == 1)
    ).first() or (0, merkle.EMPTY_ROOT)
    latest = _latest(key)
    if latest is not None and (
        latest.tree_size >= size or milliseconds(now) - latest.timestamp < max_age / _MS
    ):
        return _served(latest, key, size)
    timestamp = milliseconds(now)
    if latest is not None:
        timestamp = max(timestamp, latest.timestamp + 1)  # heads of a key never go back in time
    return _served(_store(key, size, root, timestamp), key, size)


def _store(key: LogKey, size: int, root: bytes, timestamp: int) -> SignedTreeHead:
    signature = signing_key(key).sign(signed_content(size, root.hex(), timestamp))
    with transaction():
        db.session.execute(
            upsert_insert(SignedTreeHead)
            .values(
                key_id=key.id,
                tree_size=size,
                root_hash=root,
                timestamp=timestamp,
                signature=signature,
            )
            .on_conflict_do_nothing(index_elements=["key_id", "tree_size"])
        )
    return db.session.scalar(
        sa.select(SignedTreeHead).where(
            SignedTreeHead.key_id == key.id, SignedTreeHead.tree_size == size
        )
    )


def stored_heads() -> list[tuple[SignedTreeHead, LogKey]]:
    """Every stored head with its key, by key and size (``flask log verify`` checks them)."""
    rows = db.session.execute(
        sa.select(SignedTreeHead, LogKey)
        .join(LogKey, LogKey.id == SignedTreeHead.key_id)
        .order_by(LogKey.valid_from, SignedTreeHead.tree_size)
    )
    return [(stored, key) for stored, key in rows]
