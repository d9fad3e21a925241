"""The initiative group objects to the invalidation of its petition's signatures."""

from datetime import UTC, datetime

from flask import flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.citizen.blueprint import bp
from app.citizen.forms import InitiatorObjectionForm
from app.models import Role
from app.permissions import role_required
from app.services.objections import commands as objections
from app.services.objections.queries import initiator_objections
from app.views import form_problem, refusals_flashed


@bp.get("/petitions/<id:petition_id>/objections")
@role_required(Role.CITIZEN)
def objections_page(petition_id: int):
    page = initiator_objections(petition_id, current_user.id, now=datetime.now(UTC))
    html = render_template("citizen/objections.html", page=page, form=InitiatorObjectionForm())
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"  # the group's own view of its signatures
    return response


@bp.post("/petitions/<id:petition_id>/objections/<id:signature_id>")
@role_required(Role.CITIZEN)
def object_to_invalidation(petition_id: int, signature_id: int):
    form = InitiatorObjectionForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
    else:
        with refusals_flashed(objections.ObjectionError, aborts={objections.NotAnInitiator: 403}):
            objections.object_as_initiator(
                petition_id,
                signature_id,
                current_user.id,
                form.statement.data,
                now=datetime.now(UTC),
            )
            flash(
                _("The objection is sent; the election commission decides and gives its reason."),
                "success",
            )
    return redirect(url_for("citizen.objections_page", petition_id=petition_id))
