"""Objections to invalidations of a petition's signatures, and the officer's decision; after
certification, the second officer's confirmation or rejection of a proposed uphold."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.commission.access import petition_scope_required
from app.commission.blueprint import bp
from app.commission.objection_forms import (
    ConfirmUpholdForm,
    ObjectionDecisionForm,
    RejectUpholdForm,
)
from app.services.objections import commands as objections
from app.services.objections import reversal
from app.services.objections.queries import officer_objections
from app.views import form_problem, refusals_flashed


@bp.get("/petitions/<id:petition_id>/objections")
@petition_scope_required
def objections_page(petition_id: int):
    return render_template(
        "commission/objections.html",
        page=officer_objections(petition_id, now=datetime.now(UTC)),
        form=ObjectionDecisionForm(),
        confirm_form=ConfirmUpholdForm(),
        reject_form=RejectUpholdForm(),
    )


@bp.post("/petitions/<id:petition_id>/objections/<id:objection_id>")
@petition_scope_required
def decide_objection(petition_id: int, objection_id: int):
    form = ObjectionDecisionForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
    else:
        with refusals_flashed(objections.ObjectionError):
            objection = objections.decide_objection(
                objection_id,
                current_user.id,
                uphold=bool(form.uphold.data),
                reason=form.reason.data,
                now=datetime.now(UTC),
            )
            if objection.is_proposed:
                flash(_("Uphold proposed; a second officer must confirm it."), "success")
            else:
                flash(_("Decision recorded; the signer is told."), "success")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/objections/<id:objection_id>/confirm")
@petition_scope_required
def confirm_uphold(petition_id: int, objection_id: int):
    form = ConfirmUpholdForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
    else:
        with refusals_flashed(objections.ObjectionError):
            reversal.confirm_uphold(objection_id, current_user.id, now=datetime.now(UTC))
            flash(_("Uphold confirmed; the certified result is corrected."), "success")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/objections/<id:objection_id>/reject")
@petition_scope_required
def reject_uphold(petition_id: int, objection_id: int):
    form = RejectUpholdForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
    else:
        with refusals_flashed(objections.ObjectionError):
            reversal.reject_uphold(
                objection_id, current_user.id, reason=form.reason.data, now=datetime.now(UTC)
            )
            flash(_("Proposal rejected; the objection is open again."), "success")
    return _back(petition_id)


def _back(petition_id: int):
    return redirect(url_for("commission.objections_page", petition_id=petition_id))
