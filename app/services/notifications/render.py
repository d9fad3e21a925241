"""One notice for one recipient, written in the recipient's language.

The body comes from ``templates/email/notices/<kind>.txt`` (``_()`` inside), the subject from
``_subject``; both are rendered under ``force_locale(user.language)``. Dates are shown in the
rule set's time zone, with month names in the recipient's language.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from app.extensions import db
from app.i18n import shown_date, shown_moment
from app.labels import (
    calendar_step_label,
    certified_consequence,
    petition_status_label,
    refusal_reason_label,
    review_reason_label,
)
from app.models import (
    AuditEntry,
    DeadlineExtension,
    DeputyReply,
    Objection,
    ObjectionStatus,
    PetitionEvent,
    RecallVote,
    Signature,
)
from app.routing import external_url
from app.services.events import EventKind
from app.services.law import petition_rules
from app.services.notifications.audiences import (
    Audience,
    Recipient,
    confirmed_certification,
    final_certification,
)
from app.services.notifications.preferences import make_token
from app.services.petitions.calendar import petition_calendar

K = EventKind


@dataclass(frozen=True)
class Notice:
    to: str
    subject: str
    body: str
    language: str
    unsubscribe_url: str | None


def _subject(kind: EventKind, audience: Audience, petition_id: int, detail: str) -> str:
    n = petition_id
    if kind is K.FILED and audience is Audience.OFFICER:
        return _("New filing: recall petition № %(id)s", id=n)
    subjects = {
        K.FILED: lambda: _("Recall petition № %(id)s was filed with the commission", id=n),
        K.REGISTERED: lambda: _("Recall petition № %(id)s is registered", id=n),
        K.REFUSED: lambda: _("Recall petition № %(id)s was not registered", id=n),
        K.MILESTONE: lambda: _(
            "Recall petition № %(id)s reached %(percent)s%% of the signatures needed",
            id=n,
            percent=detail,
        ),
        K.CLOSING_SOON: lambda: _("Recall petition № %(id)s: collection closes soon", id=n),
        K.CLOSED: lambda: _("Recall petition № %(id)s: collection is closed", id=n),
        K.DEADLINE_EXTENDED: lambda: _("Recall petition № %(id)s: the deadline moved", id=n),
        K.CERTIFIED: lambda: _("Recall petition № %(id)s: the result is certified", id=n),
        K.VOTE_SCHEDULED: lambda: _("Recall petition № %(id)s: a recall vote is scheduled", id=n),
        K.VOTE_RESULT: lambda: _("Recall petition № %(id)s: the result of the recall vote", id=n),
        K.SIGNATURE_INVALIDATED: lambda: _(
            "Your signature on recall petition № %(id)s was found invalid", id=n
        ),
        K.OBJECTION_DECIDED: lambda: _(
            "Recall petition № %(id)s: an objection to an invalidation was decided", id=n
        ),
        K.REPLY_PUBLISHED: lambda: _("Recall petition № %(id)s: the deputy replied", id=n),
        K.TASK_DUE_SOON: lambda: _("Recall petition № %(id)s: a deadline is near", id=n),
        K.TASK_OVERDUE: lambda: _("Recall petition № %(id)s: a deadline has passed", id=n),
    }
    return subjects[kind]()


def _link(event: PetitionEvent, recipient: Recipient) -> str:
    petition_id = event.petition_id
    if recipient.audience is Audience.OFFICER:
        return external_url("commission.petition", petition_id=petition_id)
    if recipient.audience is Audience.DEPUTY:
        return external_url("deputy.petition", petition_id=petition_id)
    if event.kind == K.OBJECTION_DECIDED and recipient.audience is Audience.INITIATOR:
        return external_url("citizen.objections_page", petition_id=petition_id)
    if event.kind in (K.SIGNATURE_INVALIDATED, K.OBJECTION_DECIDED):
        return external_url("citizen.receipt", petition_id=petition_id)
    return external_url("public.petition", petition_id=petition_id)


def unsubscribe_url(event: PetitionEvent, recipient: Recipient, now: datetime) -> str | None:
    if recipient.category is None:
        return None
    following = recipient.audience is Audience.FOLLOWER
    token = make_token(
        recipient.user.id,
        recipient.category,
        now=now,
        petition_id=event.petition_id if following else None,
    )
    return external_url("auth.unsubscribe", token=token)


def _refusal(petition_id: int) -> tuple[str, str]:
    """The reason (in words) and comment of the refusal, from its audit entry."""
    entries = db.session.scalars(
        sa.select(AuditEntry)
        .where(
            AuditEntry.action == "petition.status_changed",
            AuditEntry.object_type == "petition",
            AuditEntry.object_id == str(petition_id),
        )
        .order_by(AuditEntry.seq.desc())
    ).all()
    for entry in entries:
        details = entry.details or {}
        if details.get("to") == "refused":
            code = details.get("reason_code") or details.get("reason") or ""
            return refusal_reason_label(code), details.get("comment") or ""
    return "", ""


def _step_deadline(event: PetitionEvent) -> datetime | None:
    for step in petition_calendar(event.petition):
        if step.key == event.detail and step.deadline is not None:
            return step.deadline
    return None


def _facts(event: PetitionEvent) -> dict:
    """What the template of ``event.kind`` shows besides the petition."""
    kind, petition = EventKind(event.kind), event.petition
    if kind is K.REFUSED:
        reason, comment = _refusal(petition.id)
        return {"reason": reason, "comment": comment}
    if kind is K.DEADLINE_EXTENDED:
        pause_id = event.detail.partition(":")[2]
        extension = db.session.scalar(
            sa.select(DeadlineExtension).where(
                DeadlineExtension.petition_id == petition.id,
                DeadlineExtension.pause_id == (int(pause_id) if pause_id.isdigit() else -1),
            )
        )
        return {"extension": extension}
    if kind is K.CERTIFIED:
        return {
            "certification": confirmed_certification(petition.id),
            "final": final_certification(petition),
            "status_label": petition_status_label(petition.status),
            "consequence": certified_consequence(petition.status),
        }
    if kind in (K.VOTE_SCHEDULED, K.VOTE_RESULT):
        vote = db.session.scalar(sa.select(RecallVote).where(RecallVote.petition_id == petition.id))
        return {"vote": vote, "status_label": petition_status_label(petition.status)}
    if kind is K.SIGNATURE_INVALIDATED:
        signature = db.session.get(Signature, event.signature_id) if event.signature_id else None
        reason = review_reason_label(signature.invalid_reason) if signature else ""
        return {"signature": signature, "reason": reason}
    if kind is K.OBJECTION_DECIDED:
        objection_id = event.detail.partition(":")[2]
        found = db.session.get(Objection, int(objection_id)) if objection_id.isdigit() else None
        return {
            "objection": found,
            "signature": found.signature if found else None,
            "upheld": found is not None and found.status is ObjectionStatus.UPHELD,
        }
    if kind is K.REPLY_PUBLISHED:
        version = event.detail.partition(":")[2]
        reply = db.session.scalar(
            sa.select(DeputyReply).where(
                DeputyReply.petition_id == petition.id,
                DeputyReply.version == (int(version) if version.isdigit() else -1),
            )
        )
        return {"reply": reply}
    if kind in (K.TASK_DUE_SOON, K.TASK_OVERDUE):
        return {"step": calendar_step_label(event.detail), "deadline": _step_deadline(event)}
    return {}


def _facts_in(language: str, event: PetitionEvent, cache: dict | None) -> dict:
    """``_facts(event)`` under the current locale (its labels are translated), per language."""
    if cache is None:
        return _facts(event)
    if language not in cache:
        cache[language] = _facts(event)
    return cache[language]


def render_notice(
    event: PetitionEvent, recipient: Recipient, now: datetime, facts: dict | None = None
) -> Notice:
    """The message for ``recipient``, rendered under their language.

    ``facts``: a dict the caller keeps for one event, so that the event's facts (the vote, the
    certification, the calendar...) are looked up once per language, not once per recipient.
    """
    petition = event.petition
    zone = petition_rules(petition).zone
    language = recipient.user.language or "en"
    with force_locale(language):

        def when(value: datetime | None) -> str:
            return shown_moment(value, zone)

        def day(value: date | None) -> str:
            return shown_date(value)

        unsubscribe = unsubscribe_url(event, recipient, now)
        kind = EventKind(event.kind)
        body = render_template(
            f"email/notices/{kind.value}.txt",
            event=event,
            petition=petition,
            deputy_name=petition.deputy.full_name,
            audience=recipient.audience.value,
            link=_link(event, recipient),
            unsubscribe_url=unsubscribe,
            when=when,
            day=day,
            **_facts_in(language, event, facts),
        )
        subject = _subject(kind, recipient.audience, petition.id, event.detail)
    return Notice(recipient.user.email, subject, body, language, unsubscribe)
