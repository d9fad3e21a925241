"""Admin pages for official values: propose a new version of a body's rule set with changed
values and their citations; another administrator confirms or rejects it."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.commission.access import admin_required
from app.commission.admin_forms import RuleVersionDecisionForm, RuleVersionForm
from app.commission.blueprint import bp
from app.public.rule_display import label
from app.rules.amend import PARAMETERS
from app.services.law import rule_sets
from app.services.rule_versions import commands as rule_versions
from app.services.rule_versions.queries import proposals
from app.views import form_problem, refusals_flashed


def _form() -> RuleVersionForm:
    form = RuleVersionForm()
    form.rule_set.choices = [
        SelectChoice(code, f"{code}: {rule_set.title}") for code, rule_set in rule_sets().items()
    ]
    form.parameter.choices = [SelectChoice(name, label(name)) for name in PARAMETERS]
    return form


@bp.route("/admin/rule-versions", methods=["GET", "POST"])
@admin_required
def admin_rule_versions():
    form = _form()
    if form.validate_on_submit():
        with refusals_flashed(rule_versions.RuleVersionError):
            row = rule_versions.propose_version(
                form.rule_set.data,
                [form.change()],
                valid_from=form.valid_from.data,
                admin_id=current_user.id,
                comment=form.comment.data,
                now=datetime.now(UTC),
            )
            flash(
                _(
                    "Version %(version)d proposed; another administrator must confirm it.",
                    version=row.version,
                ),
                "success",
            )
            return redirect(url_for("commission.admin_rule_versions"))
    elif form.is_submitted():
        flash(form_problem(form), "error")
    return render_template(
        "commission/admin/rule_versions.html",
        form=form,
        rows=proposals(),
        decision=RuleVersionDecisionForm(),
    )


@bp.post("/admin/rule-versions/<id:row_id>/decide")
@admin_required
def admin_decide_rule_version(row_id: int):
    form = RuleVersionDecisionForm()
    if form.validate_on_submit():
        now = datetime.now(UTC)
        with refusals_flashed(rule_versions.RuleVersionError):
            if form.confirm.data:
                rule_versions.confirm_version(row_id, current_user.id, now=now)
                flash(_("The new version is confirmed."), "success")
            else:
                reason = form.reason.data or ""
                rule_versions.reject_version(row_id, current_user.id, now=now, reason=reason)
                flash(_("The proposal is rejected."), "success")
    return redirect(url_for("commission.admin_rule_versions"))
