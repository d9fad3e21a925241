"""Use cases of the review queue: officers decide on signatures one by one or over a filter.

A signature that failed an automatic check waits (pending) for an officer, who marks it valid or
invalid with a reason code (``ReviewReason``) and a comment. Decisions over a whole filter are
in ``app.services.review.bulk``.
"""

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from app.database import get_locked, transaction
from app.extensions import db
from app.models import Petition, PollingStation, Signature, SignatureStatus, User, Voter
from app.models.signature import Channel
from app.rules.checks import ReviewReason
from app.rules.log_leaves import LogEvent
from app.services.accounts.officers import staff_in_scope
from app.services.audit import chain as audit
from app.services.events import EventKind, record_event
from app.services.law import petition_rules
from app.services.transparency.record import log_signature
from app.services.voters import stations_of

PAGE_SIZE = 50


class ReviewError(Exception):
    """A decision the rules refuse; the message is translated for the officer."""


class SignatureNotFound(LookupError):
    """No such signature on this petition."""


@dataclass(frozen=True)
class ReviewFilter:
    """Which signatures an officer looks at: pending ones unless ``everything``."""

    check: int | None = None
    station_id: int | None = None
    signed_from: date | None = None
    signed_to: date | None = None
    everything: bool = False

    def describe(self) -> dict:
        """A JSON-ready form for the audit log."""
        return {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in asdict(self).items()
        }


@dataclass(frozen=True)
class Decision:
    valid: bool
    reason: str | None = None
    comment: str = ""

    @property
    def status(self) -> SignatureStatus:
        return SignatureStatus.VALID if self.valid else SignatureStatus.INVALID


@dataclass(frozen=True)
class ReviewRow:
    signature: Signature
    voter: Voter | None
    station: PollingStation | None


@dataclass(frozen=True)
class ReviewPage:
    rows: list[ReviewRow]
    total: int
    page: int
    pages: int


def _where(petition: Petition, flt: ReviewFilter) -> list[sa.ColumnElement[bool]]:
    conditions = [Signature.petition_id == petition.id]
    if not flt.everything:
        conditions.append(Signature.status == SignatureStatus.PENDING)
    if flt.check:
        conditions.append(Signature.failed_checks.op("&")(int(flt.check)) != 0)
    if flt.station_id is not None:
        conditions.append(
            Signature.voter_id.in_(
                sa.select(Voter.id).where(Voter.polling_station_id == flt.station_id)
            )
        )
    zone = petition_rules(petition).zone
    if flt.signed_from is not None:
        start = datetime.combine(flt.signed_from, time(0), tzinfo=zone).astimezone(UTC)
        conditions.append(Signature.signed_at >= start)
    if flt.signed_to is not None:
        day_after = flt.signed_to + timedelta(days=1)
        end = datetime.combine(day_after, time(0), tzinfo=zone).astimezone(UTC)
        conditions.append(Signature.signed_at < end)
    return conditions


def _petition(petition_id: int) -> Petition:
    petition = db.session.get(Petition, petition_id)
    if petition is None:
        raise SignatureNotFound(petition_id)
    return petition


def review_page(petition_id: int, flt: ReviewFilter, page: int = 1) -> ReviewPage:
    """One page of the signatures ``flt`` selects, in signing order."""
    petition = _petition(petition_id)
    conditions = _where(petition, flt)
    total = db.session.scalar(sa.select(sa.func.count(Signature.id)).where(*conditions)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = db.session.execute(
        sa.select(Signature, Voter, PollingStation)
        .outerjoin(Voter, Voter.id == Signature.voter_id)
        .outerjoin(PollingStation, PollingStation.id == Voter.polling_station_id)
        .where(*conditions)
        .order_by(Signature.signed_at, Signature.id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return ReviewPage([ReviewRow(*row) for row in rows], total, page, pages)


def station_choices(petition_id: int) -> list[tuple[int, str]]:
    """The polling stations of the petition's constituency, by number."""
    petition = _petition(petition_id)
    rows = db.session.execute(stations_of(petition.constituency_id)).all()
    return [(row[0], row[1]) for row in rows]


def _check_decision(decision: Decision) -> None:
    if decision.valid:
        return
    if decision.reason not in {reason.value for reason in ReviewReason}:
        raise ReviewError(_("Give the reason why the signature is invalid."))


def _reviewable(petition_id: int) -> Petition:
    petition = get_locked(Petition, petition_id)
    if petition is None:
        raise SignatureNotFound(petition_id)
    if not petition.is_reviewable:
        raise ReviewError(_("Signatures can be reviewed only during collection and verification."))
    return petition


def _officer(officer_id: int, petition_id: int) -> User:
    officer = staff_in_scope(officer_id, petition_id)
    if officer is None:
        raise ReviewError(_("This petition is outside your assignments."))
    return officer


def _state(signature: Signature) -> dict:
    return {
        "status": signature.status.value,
        "invalid_reason": signature.invalid_reason,
        "failed_checks": signature.failed_checks,
        "reviewed_by_id": signature.reviewed_by_id,
    }


def _record_invalidated(petition_id: int, signature_id: int, now: datetime) -> None:
    """The online signer hears why their signature was found invalid (notifications)."""
    record_event(
        petition_id,
        EventKind.SIGNATURE_INVALIDATED,
        now=now,
        detail=f"signature:{signature_id}",
        signature_id=signature_id,
    )


def decision_event(decision: Decision) -> LogEvent:
    return LogEvent.VALIDATED if decision.valid else LogEvent.INVALIDATED


def decide(
    petition_id: int, signature_id: int, officer_id: int, decision: Decision, *, now: datetime
) -> Signature:
    """Mark one signature of the petition valid or invalid (invalid needs a reason code)."""
    _check_decision(decision)
    with transaction():
        _reviewable(petition_id)
        officer = _officer(officer_id, petition_id)
        signature = db.session.scalar(
            sa.select(Signature)
            .where(Signature.id == signature_id, Signature.petition_id == petition_id)
            .with_for_update()
        )
        if signature is None:
            raise SignatureNotFound(signature_id)
        if signature.status is SignatureStatus.WITHDRAWN:
            raise ReviewError(_("The signer withdrew this signature; it cannot be reviewed."))
        if signature.is_duplicate and decision.valid:
            raise ReviewError(_("A second signature of the same person cannot be valid."))
        before = _state(signature)
        signature.status = decision.status
        signature.invalid_reason = None if decision.valid else decision.reason
        signature.review_comment = decision.comment.strip() or None
        signature.reviewed_by_id, signature.reviewed_at = officer_id, now
        if not decision.valid and signature.channel is Channel.ONLINE and signature.user_id:
            _record_invalidated(petition_id, signature.id, now)
        log_signature(signature, decision_event(decision), at=now)
        audit.record(
            "signature.reviewed",
            "signature",
            signature.id,
            actor=officer,
            details={
                "petition_id": petition_id,
                "before": before,
                "after": _state(signature),
                "reason": decision.reason,
                "comment": signature.review_comment,
            },
        )
    return signature
