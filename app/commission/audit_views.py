"""Commission pages: the audit log, with the hash chain verified on every visit.

Officers and admins alike see the whole log: the chain can only be checked whole, and entries
hold no readable personal data (``audit.record`` takes masked IINs only).
"""

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional

from app.commission.access import staff_required
from app.commission.blueprint import bp
from app.services.accounts import officers
from app.services.audit import chain as audit
from app.services.audit.queries import filter_choices, log_page

PER_PAGE = 50

#: What each audited action means, for people; the code stays in the log and in the exports.
ACTION_LABELS = {
    "account.created": _l("Account created"),
    "account.email_confirmed": _l("Email address confirmed"),
    "account.mail_preferences": _l("Mail preferences changed"),
    "account.password_reset": _l("Password reset"),
    "body.rule_set_changed": _l("Body's rule set changed"),
    "certification.confirmed": _l("Result confirmed"),
    "certification.proposed": _l("Result proposed"),
    "certification.rejected": _l("Proposed result rejected"),
    "demo.seeded": _l("Demo data loaded"),
    "deputy.recalled": _l("Deputy recalled"),
    "mail.unsubscribed": _l("Unsubscribed from optional mail"),
    "officer.assigned": _l("Officer assigned"),
    "officer.unassigned": _l("Officer assignment removed"),
    "pause.ended": _l("Pause of signing ended"),
    "pause.started": _l("Signing paused"),
    "paper.batch_registered": _l("Paper sheet batch registered"),
    "paper.sheet_accepted": _l("Paper sheet accepted"),
    "paper.sheet_keyed": _l("Paper sheet keyed"),
    "paper.sheet_resolved": _l("Paper sheet differences resolved"),
    "petition.created": _l("Petition created"),
    "petition.deadline_extended": _l("Collection deadline extended after a pause"),
    "petition.exported": _l("Official record downloaded"),
    "petition.invitation_renewed": _l("Initiative group invitation renewed"),
    "petition.member_joined": _l("Initiative group member joined"),
    "petition.statement_changed": _l("Statement changed"),
    "petition.status_changed": _l("Petition status changed"),
    "reply.published": _l("Deputy's reply published"),
    "register.imported": _l("Voter register imported"),
    "sampling.drawn": _l("Sample drawn"),
    "sampling.seed_published": _l("Sampling seed published"),
    "sampling.verdict": _l("Sample verdict recorded"),
    "signature.reviewed": _l("Signature reviewed"),
    "signatures.bulk_reviewed": _l("Signatures reviewed in bulk"),
    "signatures.rechecked": _l("Signatures re-checked against a new register"),
    "user.created": _l("User created"),
    "vote.recorded": _l("Recall vote result recorded"),
    "vote.scheduled": _l("Recall vote scheduled"),
    "voter.verification_conflict": _l("Voter verification conflict"),
    "voter.verification_failed": _l("Voter verification failed"),
    "voter.verified": _l("Voter verified"),
}

OBJECT_LABELS = {
    "dataset": _l("Data set"),
    "body": _l("Body"),
    "officer_assignment": _l("Officer assignment"),
    "paper_sheet": _l("Paper sheet"),
    "pause": _l("Pause of signing"),
    "petition": _l("Petition"),
    "register_snapshot": _l("Register snapshot"),
    "signature": _l("Signature"),
    "user": _l("User"),
}


def action_label(code: str) -> str:
    """The action in words; an action without a label shows its code."""
    return str(ACTION_LABELS.get(code, code))


def object_label(code: str) -> str:
    return str(OBJECT_LABELS.get(code, code))


class AuditFilterForm(FlaskForm):
    """Filters of the audit log; a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    action = SelectField(_l("Action"), validate_choice=False)
    object_type = SelectField(_l("Object type"), validate_choice=False)
    object_id = StringField(_l("Object number"), validators=[Optional(), Length(max=64)])
    submit = SubmitField(_l("Show"))

    def set_choices(self, actions: list[str], object_types: list[str]) -> None:
        self.action.choices = [("", _l("All actions"))] + [(a, action_label(a)) for a in actions]
        self.object_type.choices = [("", _l("All objects"))] + [
            (t, object_label(t)) for t in object_types
        ]


@bp.get("/audit")
@staff_required
def audit_log():
    form = AuditFilterForm(request.args)
    form.set_choices(*filter_choices())
    object_id = (form.object_id.data or "").strip() if form.validate() else ""
    filters = {
        "action": form.action.data or None,
        "object_type": form.object_type.data or None,
        "object_id": object_id or None,
    }
    # Officers see the entries of their own assignments' petitions; the chain is checked whole.
    page = log_page(
        **filters,
        within=officers.petition_ids(current_user),
        page=request.args.get("page", 1, type=int),
        per_page=PER_PAGE,
    )
    return render_template(
        "commission/audit.html",
        form=form,
        report=audit.verify_chain(),
        page=page,
        filters={key: value for key, value in filters.items() if value},
        action_label=action_label,
        object_label=object_label,
    )
