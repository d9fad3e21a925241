"""The transparency log: an append-only Merkle tree of signature and petition events (RFC 9162).

``log_entries`` holds each leaf's input as published; ``log_nodes`` the hash of every complete
subtree (leaves are level 0), from which proofs are read without rebuilding anything; the single
``log_head`` row holds the size, root and frontier that appenders lock to take turns; signed tree
heads and the signing keys (with their validity, published as the key history) have their tables.
Entries and nodes are refused UPDATE and DELETE by database triggers (migration 0006) and by the
ORM, as the audit log is.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class LogEntry(Base):
    __tablename__ = "log_entries"

    #: The leaf's position in the tree, 0, 1, 2...
    leaf_index: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    #: Canonical JSON, exactly the bytes that are hashed and served.
    leaf_input: Mapped[str] = mapped_column(sa.Text)
    #: What happened (``app.services.transparency.leaves.LogEvent``), kept for queries.
    event: Mapped[str] = mapped_column(sa.String(32))
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"), index=True)
    #: The signature the event is about (never served: the leaf carries a pseudonym instead).
    signature_id: Mapped[int | None] = mapped_column(sa.ForeignKey("signatures.id"), index=True)
    appended_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LogNode(Base):
    """The hash of the complete subtree of ``2**level`` leaves from ``position * 2**level``.

    Its key is one integer, ``level * 2**32 + position`` (``app.rules.merkle.subtree_key``): a
    proof's few dozen subtrees are then one ``IN`` lookup on the primary key, which both SQLite
    and PostgreSQL answer from the index, and one level is one key range.
    """

    __tablename__ = "log_nodes"

    subtree: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True, autoincrement=False)
    hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32))


class LogHead(Base):
    """The single row holding the tree's size, root and frontier; appenders lock it in turn."""

    __tablename__ = "log_head"
    __table_args__ = (sa.CheckConstraint("id = 1", "single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tree_size: Mapped[int] = mapped_column(default=0)
    root_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32))
    #: The hashes of the complete subtrees covering the tree, largest first, concatenated.
    frontier: Mapped[bytes] = mapped_column(sa.LargeBinary, default=b"")


class LogKey(Base):
    """An Ed25519 key that signs tree heads; the current one has no ``valid_until``."""

    __tablename__ = "log_keys"
    __table_args__ = (
        sa.CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", "validity_order"),
        sa.CheckConstraint("(is_current IS NULL) = (valid_until IS NOT NULL)", "current_open"),
        sa.CheckConstraint("is_current IS NULL OR is_current = true", "current_true"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Lowercase hex SHA-256 of the raw public key (as RFC 9162 names a log by its key).
    key_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    public_key: Mapped[bytes] = mapped_column(sa.LargeBinary(32))
    #: The raw private key, AES-GCM encrypted under a key derived from ``DATA_KEY``.
    private_key_encrypted: Mapped[bytes] = mapped_column(sa.LargeBinary(128))
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: True for the current key, null for retired ones: the unique constraint allows one current.
    is_current: Mapped[bool | None] = mapped_column(unique=True)


class SignedTreeHead(Base):
    """A tree head as served: its values and the Ed25519 signature over them."""

    __tablename__ = "log_tree_heads"
    __table_args__ = (sa.UniqueConstraint("key_id", "tree_size"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[int] = mapped_column(sa.ForeignKey("log_keys.id"))
    tree_size: Mapped[int]
    root_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32))
    #: Milliseconds since the Unix epoch, as Certificate Transparency dates its heads.
    timestamp: Mapped[int] = mapped_column(sa.BigInteger)
    signature: Mapped[bytes] = mapped_column(sa.LargeBinary(64))


class LogIsAppendOnly(Exception):
    pass


@event.listens_for(LogEntry, "before_update")
@event.listens_for(LogEntry, "before_delete")
@event.listens_for(LogNode, "before_update")
@event.listens_for(LogNode, "before_delete")
def _refuse_change(mapper, connection, target):
    raise LogIsAppendOnly("the transparency log cannot be changed, only appended to")
