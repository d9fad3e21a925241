"""Every model, imported here so that Alembic autogenerate sees all tables."""

from app.models.audit import AuditChainHead, AuditEntry
from app.models.certification import (
    Certification,
    CertifiedResult,
    ProposalStatus,
    RecallVote,
    VoteResult,
)
from app.models.commission import OfficerAssignment
from app.models.deputy import Deputy, DeputyStatus, Party
from app.models.eds import EdsChallenge, EdsSignature
from app.models.geography import (
    Body,
    BodyKind,
    Constituency,
    PollingStation,
    Region,
    RegionKind,
    StationConstituency,
)
from app.models.notification import MailOptOut, PetitionEvent, PetitionFollower
from app.models.objection import CertificationCorrection, Objection, ObjectionStatus, Objector
from app.models.outbox import OutboxMessage
from app.models.paper import (
    KeyingRound,
    PaperBatch,
    PaperKeying,
    PaperLine,
    PaperSheet,
    SheetStatus,
)
from app.models.pause import DeadlineExtension, Pause
from app.models.petition import IllegalTransition, Petition
from app.models.register import RegisterCount, RegisterSnapshot, Voter
from app.models.reply import DeputyReply
from app.models.rules import RuleSetVersion
from app.models.sampling import SampleDraw, SampleItem, Verdict
from app.models.signature import (
    Channel,
    InitiativeMember,
    MemberRole,
    Signature,
    SignatureProof,
    SignatureStatus,
)
from app.models.transparency import LogEntry, LogHead, LogKey, LogNode, SignedTreeHead
from app.models.user import Role, User

__all__ = [
    "AuditChainHead",
    "AuditEntry",
    "Body",
    "BodyKind",
    "Certification",
    "CertificationCorrection",
    "CertifiedResult",
    "Channel",
    "Constituency",
    "DeadlineExtension",
    "Deputy",
    "DeputyReply",
    "DeputyStatus",
    "EdsChallenge",
    "EdsSignature",
    "IllegalTransition",
    "InitiativeMember",
    "KeyingRound",
    "LogEntry",
    "LogHead",
    "LogKey",
    "LogNode",
    "MailOptOut",
    "MemberRole",
    "Objection",
    "ObjectionStatus",
    "Objector",
    "OfficerAssignment",
    "OutboxMessage",
    "PaperBatch",
    "PaperKeying",
    "PaperLine",
    "PaperSheet",
    "Party",
    "Pause",
    "Petition",
    "PetitionEvent",
    "PetitionFollower",
    "PollingStation",
    "ProposalStatus",
    "RecallVote",
    "Region",
    "RegionKind",
    "RegisterCount",
    "RegisterSnapshot",
    "Role",
    "RuleSetVersion",
    "StationConstituency",
    "SampleDraw",
    "SampleItem",
    "SheetStatus",
    "SignedTreeHead",
    "Signature",
    "SignatureProof",
    "SignatureStatus",
    "User",
    "Verdict",
    "VoteResult",
    "Voter",
]
