"""Election-commission pages: the petitions in the officer's scope, the registration queue,
and the registration decision."""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.commission.access import petition_scope_required, staff_required
from app.commission.audit_views import action_label
from app.commission.blueprint import bp
from app.commission.certification_forms import RESULT_LABELS
from app.commission.forms import RefuseForm, RegisterForm
from app.database import db
from app.labels import REVIEW_REASON, petition_status_label
from app.models import User
from app.rules.lifecycle import PetitionStatus
from app.services.audit.queries import petition_history
from app.services.law import get_rule_set
from app.services.petitions import commands as petitions
from app.services.petitions import counts
from app.services.petitions.calendar import petition_calendar
from app.services.petitions.queries import get_petition
from app.services.petitions.status import shown_status
from app.services.registration import commands as registration
from app.services.registration import queries as registration_queue
from app.services.registration.commands import REFUSAL_REASONS
from app.services.registration.queries import QueueFilter


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    what: str
    who: str
    note: str


def _reason_words(reason: str) -> str:
    """A reason recorded as a code, in words; free text as written."""
    for labels in (REVIEW_REASON, REFUSAL_REASONS, RESULT_LABELS):
        for code, label in labels.items():
            if reason == str(getattr(code, "value", code)):
                return str(label)
    return reason


def history_rows(entries) -> list[HistoryRow]:
    """The petition's audit entries in words: action, officer's name, reason."""
    names: dict[int, str] = {}
    rows = []
    for entry in entries:
        if entry.actor_id is not None and entry.actor_id not in names:
            user = db.session.get(User, entry.actor_id)
            names[entry.actor_id] = user.display_name if user else entry.actor_label
        if entry.actor_id is not None:
            who = names[entry.actor_id]
        elif entry.actor_label == "cli":
            who = _("the system")
        else:
            who = entry.actor_label
        to = entry.details.get("to") if isinstance(entry.details, dict) else None
        to_status = to if isinstance(to, str) else (to or {}).get("status")
        if entry.action == "petition.status_changed" and to_status:
            what = petition_status_label(PetitionStatus(to_status))
        else:
            what = action_label(entry.action)
        reason = entry.details.get("reason") if isinstance(entry.details, dict) else None
        rows.append(HistoryRow(entry.at, what, who, _reason_words(reason) if reason else ""))
    return rows


@bp.get("/petitions")
@staff_required
def petition_list():
    rows = registration_queue.open_petitions_in_scope(current_user, now=datetime.now(UTC))
    return render_template("commission/petition_list.html", rows=rows)


@bp.get("/queue")
@staff_required
def queue():
    try:
        show = QueueFilter(request.args.get("show", QueueFilter.ALL))
    except ValueError:
        show = QueueFilter.ALL
    return render_template(
        "commission/queue.html",
        queue=registration_queue.fetch_queue(current_user, now=datetime.now(UTC), show=show),
        show=show,
        filters=QueueFilter,
    )


@bp.get("/petitions/<id:petition_id>")
@petition_scope_required
def petition(petition_id: int):
    petition = get_petition(petition_id)
    calendar = petition_calendar(petition)
    now = datetime.now(UTC)
    return render_template(
        "commission/petition.html",
        petition=petition,
        shown_status=shown_status(petition, now),
        rule_set=get_rule_set(petition.rule_set_code),
        calendar=calendar,
        deadline=registration_queue.current_deadline(petition, calendar, now),
        history=history_rows(petition_history(petition.id)),
        counts=counts.exact_counts(petition.id),
        register_form=RegisterForm(),
        refuse_form=RefuseForm(),
    )


@bp.post("/petitions/<id:petition_id>/register")
@petition_scope_required
def register(petition_id: int):
    if RegisterForm().validate_on_submit():
        try:
            registration.register_petition(petition_id, current_user.id, now=datetime.now(UTC))
            flash(_("The petition is registered: signature collection is open."), "success")
        except petitions.PetitionError as error:
            flash(str(error), "error")
    return redirect(url_for("commission.petition", petition_id=petition_id))


@bp.post("/petitions/<id:petition_id>/refuse")
@petition_scope_required
def refuse(petition_id: int):
    form = RefuseForm()
    if not form.validate_on_submit():
        flash(
            _("Choose a reason from the list (the comment may be up to 2,000 characters)."), "error"
        )
    else:
        try:
            registration.refuse_petition(
                petition_id,
                current_user.id,
                reason=form.reason.data,
                comment=form.comment.data or "",
                now=datetime.now(UTC),
            )
            flash(_("Registration refused; the initiators are told why."), "success")
        except petitions.PetitionError as error:
            flash(str(error), "error")
    return redirect(url_for("commission.petition", petition_id=petition_id))
