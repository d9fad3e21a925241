"""Publishing official values without a code change: one administrator proposes a new version of
a rule set (changed values, each with its citation, in force from a date); another confirms or
rejects it, as two officers certify a result. Each step is one transaction and one audit entry.

The proposal is validated by building the new version (``app.rules.amend``): a value the schema
refuses, a "confirmed" value without its law and article, or a date after the rule set ended is
refused with the reason, and nothing is stored.
"""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.database import transaction
from app.extensions import db
from app.models import ProposalStatus, Role, RuleSetVersion, User
from app.rules.amend import AmendmentError, amended, change_from
from app.services.audit import chain as audit
from app.services.law import UnknownRuleSet, forget_versions, get_rule_set
from app.services.rule_versions.queries import next_version


class RuleVersionError(Exception):
    """The proposal or decision is refused; the message says why, for people."""


def propose_version(
    code: str,
    changes: list[dict],
    *,
    valid_from: date,
    admin_id: int,
    comment: str,
    now: datetime,
) -> RuleSetVersion:
    """Propose version N+1 of ``code``: the newest version with ``changes``, from ``valid_from``.

    Each change is ``{"name", "value", "confirmed", "law", "article", "url"}``, its value
    written as in a rule-set file (``"12%"``, ``{ unit = "calendar_days", days = 45 }``).
    """
    stored = [_stored(change) for change in changes]
    try:
        with transaction():
            admin = _admin(admin_id)
            try:
                base = get_rule_set(code)
            except UnknownRuleSet:
                raise RuleVersionError(_("There is no rule set %(code)s.", code=code)) from None
            if valid_from < now.astimezone(base.zone).date():
                raise RuleVersionError(_("A new version cannot take effect in the past."))
            version = next_version(code, base.version)
            try:
                parsed = [change_from(change) for change in stored]
                amended(base, version=version, valid_from=valid_from, changes=parsed)
            except (AmendmentError, ValueError) as error:
                raise RuleVersionError(
                    _("The values do not make a valid rule set: %(problem)s", problem=error)
                ) from None
            row = RuleSetVersion(
                rule_set_code=code,
                version=version,
                base_version=base.version,
                valid_from=valid_from,
                changes=stored,
                status=ProposalStatus.PROPOSED,
                comment=comment.strip(),
                proposed_by_id=admin.id,
                proposed_at=now,
            )
            db.session.add(row)
            db.session.flush()
            _audit("rule_version.proposed", row, admin, now, before=None)
    except IntegrityError:
        raise RuleVersionError(
            _("Another version of this rule set was proposed at the same moment; try again.")
        ) from None
    return row


def confirm_version(row_id: int, admin_id: int, *, now: datetime) -> RuleSetVersion:
    """A second administrator confirms: petitions opening from its first day follow it."""
    return _decide(row_id, admin_id, ProposalStatus.CONFIRMED, now=now, reason="")


def reject_version(row_id: int, admin_id: int, *, now: datetime, reason: str) -> RuleSetVersion:
    """A second administrator rejects the proposal, with a reason."""
    if not reason.strip():
        raise RuleVersionError(_("Give the reason for rejecting."))
    return _decide(row_id, admin_id, ProposalStatus.REJECTED, now=now, reason=reason.strip())


def _decide(row_id, admin_id, status, *, now, reason) -> RuleSetVersion:
    with transaction():
        admin = _admin(admin_id)
        row = db.session.get(RuleSetVersion, row_id, with_for_update=True)
        if row is None or not row.is_open:
            raise RuleVersionError(_("This proposal is no longer open."))
        if not row.can_confirm(admin.id):
            raise RuleVersionError(
                _("Another administrator must confirm or reject what you proposed.")
            )
        if status is ProposalStatus.CONFIRMED and row.valid_from < now.date():
            raise RuleVersionError(_("Its first day has passed; propose the values again."))
        before = {"status": str(row.status)}
        row.status, row.decided_by_id, row.decided_at = status, admin.id, now
        action = (
            "rule_version.confirmed"
            if status is ProposalStatus.CONFIRMED
            else ("rule_version.rejected")
        )
        _audit(action, row, admin, now, before=before, reason=reason)
    forget_versions()
    return row


def _admin(admin_id: int) -> User:
    admin = db.session.get(User, admin_id)
    if admin is None or admin.role is not Role.ADMIN:
        raise RuleVersionError(_("Only an administrator may do this."))
    return admin


def _stored(change: dict) -> dict:
    return {
        "name": str(change.get("name") or "").strip(),
        "value": str(change.get("value") or "").strip(),
        "confirmed": bool(change.get("confirmed")),
        "law": str(change.get("law") or "").strip(),
        "article": str(change.get("article") or "").strip(),
        "url": str(change.get("url") or "").strip() or None,
    }


def _audit(action, row, admin, now, *, before, reason="") -> None:
    audit.record(
        action,
        "rule_set_version",
        row.id,
        actor=admin,
        at=now,
        details={
            "before": before,
            "after": {
                "rule_set": row.rule_set_code,
                "version": row.version,
                "valid_from": row.valid_from.isoformat(),
                "status": str(row.status),
                "changes": row.changes,
            },
            "reason": reason or row.comment,
        },
    )
