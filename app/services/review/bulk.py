"""Bulk decisions of the review queue: one decision over every signature of a filter.

The officer first sees how many signatures would change (``preview_bulk``); the confirmation
(``decide_bulk``) is refused if that number moved in between (someone else decided meanwhile).
"""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from app.database import transaction
from app.extensions import db
from app.models import Petition, Signature, SignatureStatus
from app.models.signature import Channel
from app.services.audit import chain as audit
from app.services.review.commands import (
    Decision,
    ReviewError,
    ReviewFilter,
    _check_decision,
    _officer,
    _petition,
    _record_invalidated,
    _reviewable,
    _where,
    decision_event,
)
from app.services.transparency.record import log_signatures, signature_event


def _bulk_where(petition: Petition, flt: ReviewFilter, decision: Decision) -> list:
    """The signatures of ``flt`` that the decision would change."""
    conditions = _where(petition, flt)
    conditions.append(Signature.status != SignatureStatus.WITHDRAWN)
    if decision.valid:
        conditions.append(Signature.duplicate_of_id.is_(None))
    reason = None if decision.valid else decision.reason
    conditions.append(
        sa.or_(
            Signature.status != decision.status,
            Signature.invalid_reason.is_distinct_from(reason),
        )
    )
    return conditions


def preview_bulk(petition_id: int, flt: ReviewFilter, decision: Decision) -> int:
    """How many signatures a bulk decision over ``flt`` would change; changes nothing."""
    _check_decision(decision)
    petition = _petition(petition_id)
    if not petition.is_reviewable:
        raise ReviewError(_("Signatures can be reviewed only during collection and verification."))
    conditions = _bulk_where(petition, flt, decision)
    return db.session.scalar(sa.select(sa.func.count(Signature.id)).where(*conditions)) or 0


def decide_bulk(
    petition_id: int,
    flt: ReviewFilter,
    officer_id: int,
    decision: Decision,
    *,
    expected: int,
    now: datetime,
) -> int:
    """Apply ``decision`` to the signatures of ``flt``, if they are still the ``expected``
    number the preview showed; one audit entry lists them. Returns how many changed."""
    _check_decision(decision)
    with transaction():
        petition = _reviewable(petition_id)
        officer = _officer(officer_id, petition_id)
        conditions = _bulk_where(petition, flt, decision)
        rows = db.session.execute(
            sa.select(Signature.id, Signature.status, Signature.channel, Signature.user_id)
            .where(*conditions)
            .with_for_update()
        ).all()
        if len(rows) != expected:
            raise ReviewError(
                _(
                    "The number of signatures changed since the preview (%(then)s, now "
                    "%(now)s); nothing was changed. Check the preview again.",
                    then=expected,
                    now=len(rows),
                )
            )
        if not rows:
            return 0
        ids = sorted(row[0] for row in rows)
        before: dict[str, int] = {}
        for row in rows:
            before[row[1].value] = before.get(row[1].value, 0) + 1
        db.session.execute(
            sa.update(Signature)
            .where(*conditions)
            .values(
                status=decision.status,
                invalid_reason=None if decision.valid else decision.reason,
                review_comment=decision.comment.strip() or None,
                reviewed_by_id=officer_id,
                reviewed_at=now,
            ),
            execution_options={"synchronize_session": False},
        )
        db.session.expire_all()
        if not decision.valid:
            for row in rows:
                if row[2] is Channel.ONLINE and row[3] is not None:
                    _record_invalidated(petition_id, row[0], now)
        log_signatures(
            signature_event(
                decision_event(decision),
                petition_id=petition_id,
                signature_id=signature_id,
                status=decision.status,
                at=now,
                reason=decision.reason,
            )
            for signature_id in ids
        )
        audit.record(
            "signatures.bulk_reviewed",
            "petition",
            petition_id,
            actor=officer,
            details={
                "count": len(ids),
                "filter": flt.describe(),
                "before": {"statuses": before},
                "after": {
                    "status": decision.status.value,
                    "invalid_reason": None if decision.valid else decision.reason,
                },
                "reason": decision.reason,
                "comment": decision.comment.strip() or None,
                "signature_ids": ids,
            },
        )
    return len(ids)
