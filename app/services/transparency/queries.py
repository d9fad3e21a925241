"""What a signer's receipt shows of the transparency log."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import LogEntry
from app.rules.log_leaves import LogEvent
from app.services.transparency.proofs import tree_size
from app.services.transparency.record import pseudonym


@dataclass(frozen=True)
class ReceiptEntry:
    leaf_index: int
    event: LogEvent
    appended_at: datetime


@dataclass(frozen=True)
class LogReceipt:
    """The leaves about one signature, oldest first, with its pseudonym and the log's size."""

    pseudonym: str
    entries: list[ReceiptEntry]
    tree_size: int


def log_receipt(signature_id: int) -> LogReceipt:
    """The signature's leaves, its pseudonym and the current size of the log."""
    rows = db.session.execute(
        sa.select(LogEntry.leaf_index, LogEntry.event, LogEntry.appended_at)
        .where(LogEntry.signature_id == signature_id)
        .order_by(LogEntry.leaf_index)
    )
    entries = [ReceiptEntry(index, LogEvent(event), at) for index, event, at in rows]
    return LogReceipt(pseudonym(signature_id), entries, tree_size())
