"""Objections to invalidations of a petition's signatures, and the officer's decision."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.commission.access import petition_scope_required
from app.commission.blueprint import bp
from app.commission.objection_forms import ObjectionDecisionForm
from app.services.objections import commands as objections
from app.services.objections.queries import objections_of
from app.views import form_problem, refusals_flashed


@bp.get("/petitions/<id:petition_id>/objections")
@petition_scope_required
def objections_page(petition_id: int):
    return render_template(
        "commission/objections.html",
        petition_id=petition_id,
        rows=objections_of(petition_id),
        form=ObjectionDecisionForm(),
    )


@bp.post("/petitions/<id:petition_id>/objections/<id:objection_id>")
@petition_scope_required
def decide_objection(petition_id: int, objection_id: int):
    form = ObjectionDecisionForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
    else:
        with refusals_flashed(objections.ObjectionError):
            objections.decide_objection(
                objection_id,
                current_user.id,
                uphold=bool(form.uphold.data),
                reason=form.reason.data,
                now=datetime.now(UTC),
            )
            flash(_("Decision recorded; the signer is told."), "success")
    return redirect(url_for("commission.objections_page", petition_id=petition_id))
