"""Accounts and roles."""

import enum
import hashlib
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.models.base import Base, FreeString, UTCDateTime, enum_column, utcnow
from app.models.deputy import Deputy


class Role(enum.StrEnum):
    CITIZEN = "citizen"
    COMMISSION = "commission"
    DEPUTY = "deputy"
    ADMIN = "admin"


#: The languages messages can be written in (``LANGUAGES`` in the config).
LANGUAGES = ("en", "ru", "kk")
_LANGUAGES_SQL = ", ".join(f"'{code}'" for code in LANGUAGES)


class User(UserMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("email = lower(email)", "email_lowercase"),
        sa.CheckConstraint("role = 'deputy' OR deputy_id IS NULL", "deputy_link_only_for_deputies"),
        sa.CheckConstraint(f"language IN ({_LANGUAGES_SQL})", "language_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"))
    display_name: Mapped[str] = mapped_column(FreeString(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The deputy this account speaks for (deputy role only).
    deputy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("deputies.id"), unique=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: HMAC of the IIN of the voter this account was verified as: one voter, one account.
    voter_hash: Mapped[bytes | None] = mapped_column(sa.LargeBinary(32), unique=True)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Failed voter verifications in a row; from the 5th, each locks the account for longer.
    verification_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    verification_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Part of every session's key: raised to end the account's sessions on the server.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    #: Failed sign-ins in a row; from ``LOGIN_LOCK_AFTER`` on, each locks sign-in for longer.
    login_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    login_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The account's language: of its pages once signed in and of its mail (chosen at sign-up,
    #: with the switcher or on the account page); Kazakh until chosen, like the site.
    language: Mapped[str] = mapped_column(sa.String(8), default="kk", server_default="kk")

    deputy: Mapped[Deputy | None] = relationship()

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_verified_voter(self) -> bool:
        return self.voter_hash is not None

    @property
    def session_key(self) -> str:
        """Changes with the password and the session version, so a new password, a sign-out or
        "sign out everywhere" ends every session made before (a copied cookie included)."""
        material = f"{self.password_hash}:{self.session_version or 0}"
        return hashlib.sha256(material.encode()).hexdigest()[:16]

    def get_id(self) -> str:
        """What Flask-Login keeps in the session: the id and the current session key."""
        return f"{self.id}:{self.session_key}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
