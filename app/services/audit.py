"""Writing to the append-only audit log, inside the caller's transaction."""

from app.extensions import db
from app.models import AuditEntry, User


def record(
    action: str,
    object_type: str,
    object_id: object = None,
    *,
    actor: User | None = None,
    actor_label: str | None = None,
    details: dict | None = None,
) -> AuditEntry:
    """Add an audit entry to the session; it is committed with the change it describes.

    ``details`` must never hold a readable IIN (use a masked one, see ``app.iin.mask``).
    """
    label = actor_label or (f"user:{actor.id}" if actor is not None else "system")
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        actor_label=label,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        details=details or {},
    )
    db.session.add(entry)
    return entry
