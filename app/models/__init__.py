"""Every model, imported here so that Alembic autogenerate sees all tables."""

from app.models.audit import AuditEntry
from app.models.deputy import Deputy, DeputyStatus, Party
from app.models.geography import Body, BodyKind, Constituency, PollingStation, Region, RegionKind
from app.models.outbox import OutboxMessage
from app.models.petition import IllegalTransition, Petition
from app.models.register import RegisterCount, RegisterSnapshot, Voter
from app.models.signature import (
    Channel,
    InitiativeMember,
    MemberRole,
    Signature,
    SignatureStatus,
)
from app.models.user import Role, User

__all__ = [
    "AuditEntry",
    "Channel",
    "InitiativeMember",
    "MemberRole",
    "OutboxMessage",
    "Signature",
    "SignatureStatus",
    "Body",
    "BodyKind",
    "Constituency",
    "Deputy",
    "DeputyStatus",
    "IllegalTransition",
    "Party",
    "Petition",
    "PollingStation",
    "RegisterCount",
    "RegisterSnapshot",
    "Region",
    "RegionKind",
    "Role",
    "User",
    "Voter",
]
