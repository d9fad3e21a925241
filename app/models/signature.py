"""Signatures on a petition, and the initiative group that started it."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, FreeString, UTCDateTime, enum_column, utcnow
from app.models.petition import Petition
from app.models.register import Voter
from app.models.user import User


class SignatureStatus(enum.StrEnum):
    VALID = "valid"
    PENDING = "pending"  #: waiting for an officer (issue 5: review queue, paper keying)
    INVALID = "invalid"
    WITHDRAWN = "withdrawn"


class Channel(enum.StrEnum):
    ONLINE = "online"
    PAPER = "paper"


class SignatureProof(enum.StrEnum):
    """What the signer's identity rests on; the rule set names the proofs that count online."""

    EDS = "eds"  #: a CMS signature with a certificate naming the IIN (NCA RK)
    REGISTER_MATCH = "register_match"  #: an account verified by IIN, surname and birth date
    PAPER = "paper"  #: a line keyed from a paper sheet


def _default_proof(context) -> str:
    """A paper record rests on its sheet; an online one, unless told, on the register match
    (the only online proof before EDS)."""
    channel = context.get_current_parameters().get("channel")
    return SignatureProof.PAPER if channel == Channel.PAPER else SignatureProof.REGISTER_MATCH


class Signature(Base):
    __tablename__ = "signatures"
    __table_args__ = (
        # One counted signature per person per petition, whatever the channel: the database
        # decides, so two concurrent requests cannot both succeed. A second record of the same
        # person (a paper line after an online signature) is kept, but only as a duplicate
        # pointing at the first, and a duplicate is never valid.
        sa.Index(
            "uq_signatures_person",
            "petition_id",
            "signer_hash",
            unique=True,
            sqlite_where=sa.text("duplicate_of_id IS NULL"),
            postgresql_where=sa.text("duplicate_of_id IS NULL"),
        ),
        sa.CheckConstraint("duplicate_of_id IS NULL OR status = 'invalid'", "duplicate_invalid"),
        sa.CheckConstraint("failed_checks >= 0", "failed_checks_bits"),
        sa.CheckConstraint(
            "(reviewed_by_id IS NULL) = (reviewed_at IS NULL)", "review_has_officer_and_time"
        ),
        sa.CheckConstraint("channel = 'paper' OR paper_line_id IS NULL", "paper_line_only_paper"),
        sa.CheckConstraint("(channel = 'paper') = (proof = 'paper')", "proof_matches_channel"),
        sa.Index("ix_signatures_petition_status", "petition_id", "status"),
        sa.Index("ix_signatures_petition_signed_at", "petition_id", "signed_at"),
        sa.CheckConstraint(
            "(status = 'withdrawn') = (withdrawn_at IS NOT NULL)", "withdrawn_has_time"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"))
    #: HMAC of the signer's IIN (as ``Voter.iin_hash``): the person, across register snapshots.
    signer_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32))
    #: The account that signed online; null for paper signatures.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: The register row the signer matched when signing.
    voter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("voters.id"))
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "signature_channel"))
    #: What the identity rests on; counted only where the petition's rule set accepts it.
    proof: Mapped[SignatureProof] = mapped_column(
        enum_column(SignatureProof, "signature_proof"), default=_default_proof
    )
    status: Mapped[SignatureStatus] = mapped_column(
        enum_column(SignatureStatus, "signature_status")
    )
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Shown to the signer and mailed to them; lets them check their signature later.
    receipt_code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    #: Why an officer or an automatic check found it invalid (a ``ReviewReason`` code).
    invalid_reason: Mapped[str | None] = mapped_column(sa.String(64))
    #: The automatic checks it failed, as a bit set of ``app.rules.checks.Check`` (0: none).
    failed_checks: Mapped[int] = mapped_column(default=0, server_default="0")
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The register snapshot the checks last ran against.
    checked_snapshot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("register_snapshots.id"))
    #: The first signature of the same person on this petition, if this record repeats it.
    duplicate_of_id: Mapped[int | None] = mapped_column(sa.ForeignKey("signatures.id"))
    #: The officer's decision, if any: the status then comes from the officer, not the checks.
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_comment: Mapped[str | None] = mapped_column(FreeString(2000))
    #: IIN ciphertext for a paper signature (online signers are reached through ``voter``).
    iin_encrypted: Mapped[bytes | None] = mapped_column(sa.LargeBinary(64))
    #: The accepted paper line this signature was keyed from.
    paper_line_id: Mapped[int | None] = mapped_column(sa.ForeignKey("paper_lines.id"), unique=True)

    petition: Mapped[Petition] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    voter: Mapped[Voter | None] = relationship()
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of_id is not None

    @property
    def counts(self) -> bool:
        return self.status in (SignatureStatus.VALID, SignatureStatus.PENDING)

    @property
    def is_withdrawn(self) -> bool:
        """The signer withdrew it: nobody decides on it any more."""
        return self.status is SignatureStatus.WITHDRAWN


class MemberRole(enum.StrEnum):
    INITIATOR = "initiator"
    MEMBER = "member"


class InitiativeMember(Base):
    """A voter in the initiative group of a petition (the initiator included)."""

    __tablename__ = "initiative_members"
    __table_args__ = (
        sa.UniqueConstraint("petition_id", "user_id"),
        sa.UniqueConstraint("petition_id", "member_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: HMAC of the member's IIN: the same person cannot join twice with two accounts.
    member_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32))
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole, "member_role"))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    petition: Mapped[Petition] = relationship()
    user: Mapped[User] = relationship()
