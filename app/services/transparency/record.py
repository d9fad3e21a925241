"""What the use cases call to put their events into the transparency log.

Each call stages a leaf in the caller's transaction (``appender.stage``); it is appended when the
transaction commits. The leaf's content is built by the pure rules (``app.rules.log_leaves``);
here the signature's pseudonym gets its key, an instance secret derived from ``DATA_KEY``.
"""

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from app.models import Signature, SignatureStatus
from app.rules import log_leaves
from app.rules.checks import ReviewReason
from app.rules.lifecycle import PetitionStatus
from app.rules.log_leaves import LogEvent
from app.services.transparency.appender import Leaf, append_now, stage

_REASONS = frozenset(reason.value for reason in ReviewReason)


def pseudonym_key() -> bytes:
    """The key of the signatures' pseudonyms, derived once per app from ``DATA_KEY``."""
    extensions = current_app.extensions
    if "log_pseudonym_key" not in extensions:
        extensions["log_pseudonym_key"] = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"recall/log-pseudonym/v1"
        ).derive(current_app.config["DATA_KEY"].encode())
    return extensions["log_pseudonym_key"]


def pseudonym(signature_id: int) -> str:
    """The pseudonym the log gives the signature (shown on its receipt)."""
    return log_leaves.pseudonym(pseudonym_key(), signature_id)


def signature_event(
    event: LogEvent,
    *,
    petition_id: int,
    signature_id: int,
    status: SignatureStatus | str,
    at: datetime,
    reason: str | None = None,
) -> Leaf:
    """The leaf of a signature event; a reason code only for an invalid status (and only a
    known code: a leaf never carries free text)."""
    status = SignatureStatus(status)
    known = reason if status is SignatureStatus.INVALID and reason in _REASONS else None
    text = log_leaves.signature_leaf(
        event,
        petition_id=petition_id,
        pseudonym=pseudonym(signature_id),
        status=status.value,
        at=at,
        reason=known,
    )
    return Leaf(text, str(event), petition_id, signature_id)


def _of(signature: Signature, event: LogEvent, at: datetime) -> Leaf:
    return signature_event(
        event,
        petition_id=signature.petition_id,
        signature_id=signature.id,
        status=signature.status,
        at=at,
        reason=signature.invalid_reason,
    )


def log_signature(signature: Signature, event: LogEvent, *, at: datetime) -> None:
    """Log ``event`` with the status it left ``signature`` in (it must have an id: flushed)."""
    stage(_of(signature, event, at))


def log_signature_now(signature: Signature, event: LogEvent, *, at: datetime) -> int:
    """``log_signature``, appended at once; the leaf's index (for the signer's receipt)."""
    return append_now(_of(signature, event, at))


def log_signatures(leaves: Iterable[Leaf]) -> None:
    """Stage leaves built with ``signature_event`` (bulk decisions, the register re-check)."""
    for leaf in leaves:
        stage(leaf)


def log_rechecked(connection: sa.Connection, work: sa.Table, *, at: datetime) -> None:
    """Log every signature whose status the register re-check changed: ``work`` is its work
    table, with the ``signature_id`` and the ``old_status`` before the re-check."""
    s = Signature.__table__
    rows = connection.execute(
        sa.select(s.c.id, s.c.petition_id, s.c.status, s.c.invalid_reason)
        .join(work, work.c.signature_id == s.c.id)
        .where(s.c.status != work.c.old_status)
        .order_by(s.c.id)
    ).all()
    log_signatures(
        signature_event(
            LogEvent.RECHECKED,
            petition_id=row.petition_id,
            signature_id=row.id,
            status=row.status,
            at=at,
            reason=row.invalid_reason,
        )
        for row in rows
    )


def log_transition(
    petition_id: int, previous: PetitionStatus, status: PetitionStatus, *, at: datetime
) -> None:
    """Log a petition's move to ``status`` if it is public (``log_leaves.logs_transition``)."""
    if log_leaves.logs_transition(previous, status):
        text = log_leaves.petition_leaf(petition_id=petition_id, status=status, at=at)
        stage(Leaf(text, str(LogEvent.PETITION_STATUS), petition_id))
