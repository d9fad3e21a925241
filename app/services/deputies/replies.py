"""The deputy's formal reply to a petition: one reply per petition, every edit a new version.

Only the deputy account linked to the petition's deputy may publish, and only while the petition
is public (filed or later). A version is never changed or deleted: an edit adds version n + 1,
so the public page can show what the deputy said before. The unique (petition, version) key
decides between two edits saved at the same moment: the second is refused with a message asking
to reload, never silently merged. An edit made from a page showing an older version is refused
the same way (``expected_version``).
"""

import unicodedata
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.database import get_locked, transaction
from app.extensions import db
from app.models import DeputyReply, Petition, Role, User
from app.models.reply import REPLY_MAX_CHARS
from app.services.audit import chain as audit
from app.services.events import EventKind, record_event

CONCURRENT_EDIT = _l(
    "Someone else saved a version of this reply at the same time. Reload the page, check the "
    "current text and save again."
)


#: Control characters a reply may contain: line breaks and tabs.
_ALLOWED_CONTROLS = frozenset("\n\t")


class ReplyError(Exception):
    """A reply that cannot be published; the message says why, for the deputy."""


class NotTheDeputy(ReplyError):
    """The user does not speak for the petition's deputy, or the petition is not public (or
    does not exist): the portal answers 404, as for any petition that is not the deputy's."""


def may_reply(user: User | None, petition: Petition | None) -> bool:
    """Whether ``user`` speaks for the deputy of ``petition`` and the petition is public."""
    return (
        user is not None
        and petition is not None
        and user.is_active
        and user.role is Role.DEPUTY
        and user.deputy_id is not None
        and user.deputy_id == petition.deputy_id
        and petition.is_public
    )


def clean_body(body: str | None) -> str:
    """The reply's text with unified line ends and without surrounding blanks; ``ReplyError``
    if empty, too long or holding control characters (a NUL cannot even be stored)."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ReplyError(_("Write the text of the reply."))
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in _ALLOWED_CONTROLS for c in text):
        raise ReplyError(_("The reply contains control characters; remove them and try again."))
    if len(text) > REPLY_MAX_CHARS:
        raise ReplyError(_("A reply has at most %(max)d characters.", max=REPLY_MAX_CHARS))
    return text


def _latest(petition_id: int) -> DeputyReply | None:
    return db.session.scalar(
        sa.select(DeputyReply)
        .where(DeputyReply.petition_id == petition_id)
        .order_by(DeputyReply.version.desc())
        .limit(1)
    )


def publish_reply(
    petition_id: int,
    user_id: int,
    body: str | None,
    *,
    now: datetime,
    expected_version: int | None = None,
) -> DeputyReply:
    """Publish the reply of ``user_id`` to ``petition_id`` as its next version.

    ``expected_version`` is the version the deputy was editing (0: none yet); when given and
    another version has been saved since, the edit is refused. Raises ``ReplyError`` and changes
    nothing for an empty, too long or unchanged text or a concurrent edit; ``NotTheDeputy`` (checked
    first) for a user who does not speak for the petition's deputy or a petition that is not
    public.
    """
    try:
        with transaction():
            petition = get_locked(Petition, petition_id)
            user = db.session.get(User, user_id)
            if not may_reply(user, petition):
                raise NotTheDeputy(_("Only the deputy concerned may reply to this petition."))
            text = clean_body(body)
            current = _latest(petition_id)
            current_version = current.version if current is not None else 0
            if expected_version is not None and expected_version != current_version:
                raise ReplyError(CONCURRENT_EDIT)
            if current is not None and current.body == text:
                raise ReplyError(_("This is the text already published; change it first."))
            reply = DeputyReply(
                petition_id=petition_id,
                deputy_id=petition.deputy_id,
                version=current_version + 1,
                body=text,
                author_id=user.id,
                published_at=now,
            )
            db.session.add(reply)
            db.session.flush()
            audit.record(
                "reply.published",
                "petition",
                petition_id,
                actor=user,
                details={
                    "before": None if current is None else {"version": current.version},
                    "after": {"version": reply.version, "reply_id": reply.id},
                    "reason": "deputy reply published" if current is None else "reply edited",
                },
                at=now,
            )
            record_event(
                petition_id, EventKind.REPLY_PUBLISHED, now=now, detail=f"version:{reply.version}"
            )
    except IntegrityError:
        raise ReplyError(CONCURRENT_EDIT) from None
    return reply


def current_reply(petition_id: int) -> DeputyReply | None:
    """The reply as it reads now (its highest version), or None."""
    return _latest(petition_id)


def reply_versions(petition_id: int) -> list[DeputyReply]:
    """Every version of the petition's reply, newest first (the first is the current one)."""
    return list(
        db.session.scalars(
            sa.select(DeputyReply)
            .where(DeputyReply.petition_id == petition_id)
            .order_by(DeputyReply.version.desc())
        )
    )
