"""Admin page: pause signing site-wide or on one petition, and end a pause.

Admins only. Each action is one call to ``app.services.pauses.commands``, which audits it.
"""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.commission.access import admin_required
from app.commission.blueprint import bp
from app.commission.pause_forms import SITE, EndPauseForm, StartPauseForm
from app.services.pauses import commands as pauses
from app.services.pauses import queries as pause_queries
from app.views import refusals_flashed


def _start_form(now: datetime) -> StartPauseForm:
    form = StartPauseForm()
    form.scope.choices = [SelectChoice(SITE, _("The whole site"))] + [
        SelectChoice(
            f"petition-{petition.id}",
            _(
                "Petition № %(id)s: %(name)s",
                id=petition.id,
                name=petition.deputy.full_name,
            ),
        )
        for petition in pause_queries.collecting_petitions(now)
    ]
    return form


def _page(form: StartPauseForm, status: int = 200):
    return render_template(
        "commission/admin/pauses.html",
        pauses=pause_queries.fetch_pauses(),
        extensions=pause_queries.fetch_extensions(),
        start_form=form,
        end_form=EndPauseForm(),
    ), status


@bp.get("/admin/pauses")
@admin_required
def admin_pauses():
    return _page(_start_form(datetime.now(UTC)))


@bp.post("/admin/pauses")
@admin_required
def admin_start_pause():
    now = datetime.now(UTC)
    form = _start_form(now)
    if not form.validate_on_submit():
        return _page(form, 400)
    with refusals_flashed(pauses.PauseError):
        pauses.start_pause(
            current_user.id, form.reason.data, petition_id=form.petition_id(), now=now
        )
        flash(_("Signing is paused. The reason is shown on the public log."), "success")
    return redirect(url_for("commission.admin_pauses"))


@bp.post("/admin/pauses/<id:pause_id>/end")
@admin_required
def admin_end_pause(pause_id: int):
    if EndPauseForm().validate_on_submit():
        with refusals_flashed(pauses.PauseError):
            result = pauses.end_pause(pause_id, current_user.id, now=datetime.now(UTC))
            flash(
                _(
                    "Pause ended. Deadlines extended: %(extended)s. Not extended (their rules "
                    "keep the deadline): %(kept)s.",
                    extended=", ".join(f"№ {e.petition_id}" for e in result.extended) or "—",
                    kept=", ".join(f"№ {p.id}" for p in result.not_extended) or "—",
                ),
                "success",
            )
    return redirect(url_for("commission.admin_pauses"))
