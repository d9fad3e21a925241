"""Commission pages: sampling verification (publish a seed, draw, record verdicts)."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.commission.access import petition_scope_required
from app.commission.blueprint import bp
from app.commission.sampling_forms import DrawForm, PublishSeedForm, VerdictForm
from app.services.petitions.commands import PetitionError
from app.services.sampling import commands as sampling
from app.services.sampling import queries as sampling_queries
from app.views import form_problem, refusals_flashed


def _back(petition_id: int, anchor: str | None = None):
    return redirect(url_for("commission.sampling", petition_id=petition_id, _anchor=anchor))


@bp.get("/petitions/<id:petition_id>/sampling", endpoint="sampling")
@petition_scope_required
def sampling_page(petition_id: int):
    page = sampling_queries.sampling_page(petition_id, datetime.now(UTC))
    return render_template(
        "commission/sampling.html",
        petition=page.petition,
        shown_status=page.shown_status,
        rule_set=page.rule_set,
        rules=page.rules,
        state=page.state,
        seed_form=PublishSeedForm(),
        draw_form=DrawForm(),
        verdict_form=VerdictForm(),
    )


@bp.post("/petitions/<id:petition_id>/sampling/seed")
@petition_scope_required
def sampling_seed(petition_id: int):
    if PublishSeedForm().validate_on_submit():
        with refusals_flashed(PetitionError):
            sampling.publish_seed(petition_id, current_user.id, now=datetime.now(UTC))
            flash(_("The seed is published; draw the sample in a later step."), "success")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/sampling/draw")
@petition_scope_required
def sampling_draw(petition_id: int):
    if DrawForm().validate_on_submit():
        with refusals_flashed(PetitionError):
            found = sampling.draw(petition_id, current_user.id, now=datetime.now(UTC))
            flash(_("%(count)d signatures drawn.", count=found.sample_size), "success")
    return _back(petition_id)


@bp.post("/petitions/<id:petition_id>/sampling/items/<id:item_id>")
@petition_scope_required
def sampling_verdict(petition_id: int, item_id: int):
    form = VerdictForm()
    if not form.validate_on_submit():
        flash(form_problem(form), "error")
        return _back(petition_id)
    with refusals_flashed(PetitionError, aborts={sampling.UnknownItem: 404}):
        sampling.record_verdict(
            petition_id,
            item_id,
            current_user.id,
            verdict=form.verdict.data,
            reason=form.reason.data or None,
            now=datetime.now(UTC),
        )
        flash(_("Verdict recorded."), "success")
    return _back(petition_id, anchor="sample")
