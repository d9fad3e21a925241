"""Commission pages: sampling verification (publish a seed, draw, record verdicts)."""

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.commission.access import petition_scope_required
from app.commission.blueprint import bp
from app.commission.sampling_forms import (
    SIGNATURE_LABELS,
    VERDICT_LABELS,
    DrawForm,
    PublishSeedForm,
    VerdictForm,
)
from app.services.law import get_rule_set
from app.services.petitions import commands as petitions
from app.services.petitions.queries import get_petition
from app.services.petitions.status import shown_status
from app.services.sampling import commands as sampling
from app.services.sampling import queries as sampling_results


def form_problem(form) -> str:
    """The form's errors as one message: each field's label and what is wrong with it."""
    return " ".join(
        f"{form[name].label.text}: {' '.join(errors)}" for name, errors in form.errors.items()
    ) or _("The form could not be read; try again.")


def _back(petition_id: int):
    return redirect(url_for("commission.sampling", petition_id=petition_id))


@bp.get("/petitions/<id:petition_id>/sampling", endpoint="sampling")
@petition_scope_required
def sampling_page(petition_id: int):
    petition = get_petition(petition_id)
    rule_set = get_rule_set(petition.rule_set_code)
    rules = sampling.sampling_rules(petition)
    return render_template(
        "commission/sampling.html",
        petition=petition,
        shown_status=shown_status(petition, datetime.now(UTC)),
        rule_set=rule_set,
        rules=rules,
        state=sampling_results.sampling_state(petition) if rules else None,
        seed_form=PublishSeedForm(),
        draw_form=DrawForm(),
        verdict_form=VerdictForm(),
        verdict_labels=VERDICT_LABELS,
        signature_labels=SIGNATURE_LABELS,
    )


@bp.post("/petitions/<id:petition_id>/sampling/seed")
@petition_scope_required
def sampling_seed(petition_id: int):
    if PublishSeedForm().validate_on_submit():
        try:
            sampling.publish_seed(petition_id, current_user.id, now=datetime.now(UTC))
            flash(_("The seed is published; draw the sample in a later step."), "success")
        except petitions.PetitionError as error:
            flash(str(error), "error")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/sampling/draw")
@petition_scope_required
def sampling_draw(petition_id: int):
    if DrawForm().validate_on_submit():
        try:
            found = sampling.draw(petition_id, current_user.id, now=datetime.now(UTC))
            flash(_("%(count)d signatures drawn.", count=found.sample_size), "success")
        except petitions.PetitionError as error:
            flash(str(error), "error")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/sampling/items/<id:item_id>")
@petition_scope_required
def sampling_verdict(petition_id: int, item_id: int):
    form = VerdictForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
        return _back(petition_id)
    try:
        sampling.record_verdict(
            petition_id,
            item_id,
            current_user.id,
            verdict=form.verdict.data,
            reason=form.reason.data or None,
            now=datetime.now(UTC),
        )
        flash(_("Verdict recorded."), "success")
    except sampling.UnknownItem:
        abort(404)
    except petitions.PetitionError as error:
        flash(str(error), "error")
    return redirect(url_for("commission.sampling", petition_id=petition_id, _anchor="sample"))
