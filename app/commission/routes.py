"""Election-commission pages: the petitions in the officer's scope, the registration queue,
and the registration decision."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.commission.access import petition_scope_required, staff_required
from app.commission.blueprint import bp
from app.commission.forms import RefuseForm, RegisterForm
from app.commission.history import history_rows
from app.labels import refusal_reason_label
from app.services.directory import queries as directory
from app.services.petitions.commands import PetitionError
from app.services.registration import commands as registration
from app.services.registration import queries as registration_queue
from app.services.registration.queries import QueueFilter
from app.views import confirmation, is_confirmed, refusals_flashed


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
        snapshot=directory.get_active_snapshot(),
    )


@bp.get("/petitions/<id:petition_id>")
@petition_scope_required
def petition(petition_id: int):
    page = registration_queue.petition_page(petition_id, datetime.now(UTC))
    return render_template(
        "commission/petition.html",
        petition=page.petition,
        shown_status=page.shown_status,
        rule_set=page.rule_set,
        calendar=page.calendar,
        deadline=page.deadline,
        history=history_rows(page.history),
        counts=page.counts,
        register_form=RegisterForm(),
        refuse_form=RefuseForm(),
    )


def _to_petition(petition_id: int):
    return redirect(url_for("commission.petition", petition_id=petition_id))


@bp.post("/petitions/<id:petition_id>/register")
@petition_scope_required
def register(petition_id: int):
    if RegisterForm().validate_on_submit():
        if not is_confirmed():
            return confirmation(
                title=_("Register petition № %(id)s?", id=petition_id),
                message=_(
                    "Signature collection opens at once and the initiators are told; "
                    "the registration cannot be taken back."
                ),
                button=_("Register the petition"),
                cancel=url_for("commission.petition", petition_id=petition_id),
            )
        with refusals_flashed(PetitionError):
            registration.register_petition(petition_id, current_user.id, now=datetime.now(UTC))
            flash(_("The petition is registered: signature collection is open."), "success")
    return _to_petition(petition_id)


@bp.post("/petitions/<id:petition_id>/refuse")
@petition_scope_required
def refuse(petition_id: int):
    form = RefuseForm()
    if not form.validate_on_submit():
        flash(
            _("Choose a reason from the list (the comment may be up to 2,000 characters)."), "error"
        )
        return _to_petition(petition_id)
    if not is_confirmed():
        return _confirm_refusal(petition_id, form)
    with refusals_flashed(PetitionError):
        registration.refuse_petition(
            petition_id,
            current_user.id,
            reason=form.reason.data,
            comment=form.comment.data or "",
            now=datetime.now(UTC),
        )
        flash(_("Registration refused; the initiators are told why."), "success")
    return _to_petition(petition_id)


def _confirm_refusal(petition_id: int, form: RefuseForm):
    return confirmation(
        title=_("Refuse registration of petition № %(id)s?", id=petition_id),
        message=_(
            "Reason: %(reason)s. Refusing ends the petition and the initiators are told why; "
            "it cannot be taken back.",
            reason=refusal_reason_label(form.reason.data),
        ),
        button=_("Refuse registration"),
        cancel=url_for("commission.petition", petition_id=petition_id),
        fields=[("reason", form.reason.data), ("comment", form.comment.data or "")],
        danger=True,
    )
