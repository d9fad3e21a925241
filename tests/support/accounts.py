"""Reading what the account use cases left: queued mail, audit entries, links' tokens."""

import re

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, OutboxMessage, User


def outbox() -> list[OutboxMessage]:
    return db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def audit_actions(user: User) -> list[str]:
    return db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.object_id == str(user.id))
    ).all()


def token_in(message: OutboxMessage, prefix: str) -> str:
    return re.search(rf"{prefix}([A-Za-z0-9_.-]+)", message.body_text).group(1)
