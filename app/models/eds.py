"""Signing with an electronic digital signature (EDS): the challenges handed out to be signed,
and the verified CMS signatures kept as evidence beside the signature they made."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime
from app.models.petition import Petition
from app.models.signature import Signature
from app.models.user import User


class EdsChallenge(Base):
    """Data to sign for one petition, valid for a few minutes and usable once.

    Only the SHA-256 of the challenge id is stored (the id is a bearer secret in a QR code).
    ``user_id``: the signed-in account that asked for it, to which the signature is linked when
    the certificate names that account's voter.
    """

    __tablename__ = "eds_challenges"
    __table_args__ = (
        sa.CheckConstraint("expires_at > issued_at", "expires_after_issue"),
        sa.CheckConstraint("(used_at IS NULL) = (signature_id IS NULL)", "used_has_signature"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32), unique=True)
    petition_id: Mapped[int] = mapped_column(sa.ForeignKey("petitions.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: The canonical UTF-8 JSON the signer signs (its base64 is ``data_to_sign`` in the API).
    data_to_sign: Mapped[bytes] = mapped_column(sa.LargeBinary(1024))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signature_id: Mapped[int | None] = mapped_column(sa.ForeignKey("signatures.id"))

    petition: Mapped[Petition] = relationship()
    user: Mapped[User | None] = relationship()
    signature: Mapped[Signature | None] = relationship()


class EdsSignature(Base):
    """A verified CMS signature and its signer certificate's identity (never the IIN itself).

    One per challenge (the unique ``challenge_id`` makes a challenge single-use even under
    races). A signature withdrawn and signed again with EDS keeps its earlier evidence rows.
    """

    __tablename__ = "eds_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature_id: Mapped[int] = mapped_column(sa.ForeignKey("signatures.id"), index=True)
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("eds_challenges.id"), unique=True)
    #: The signer certificate's serial number (hex), issuer (RFC 4514) and SHA-256 (hex).
    certificate_serial: Mapped[str] = mapped_column(sa.String(64))
    certificate_issuer: Mapped[str] = mapped_column(sa.String(1000))
    certificate_sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    #: The CMS SignedData as received (DER), so that anyone can verify it again later.
    cms: Mapped[bytes] = mapped_column(sa.LargeBinary(65536))
    verified_at: Mapped[datetime] = mapped_column(UTCDateTime)

    signature: Mapped[Signature] = relationship()
    challenge: Mapped[EdsChallenge] = relationship()
