"""Admin pages: officer accounts, their assignments to bodies and regions, deputy accounts, the
bodies' rule sets.

Admins only. Each action is one service call that audits before, after and reason.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.commission.access import admin_required
from app.commission.admin_forms import (
    AssignForm,
    DeputyAccountForm,
    OfficerForm,
    RuleSetForm,
    UnassignForm,
)
from app.commission.blueprint import bp
from app.i18n import law_text, localized
from app.services.accounts import deputies as deputy_accounts
from app.services.accounts import officers
from app.services.law import rule_sets
from app.views import refusals_flashed


def _assign_form() -> AssignForm:
    form = AssignForm()
    form.officer.choices = [
        SelectChoice(row.officer.id, f"{row.officer.display_name} <{row.officer.email}>")
        for row in officers.list_officers()
    ]
    form.target.choices = [
        SelectChoice(f"body-{body.id}", _("Body: %(name)s", name=localized(body)))
        for body in officers.list_bodies()
    ] + [
        SelectChoice(f"region-{region.id}", _("Region: %(name)s", name=localized(region)))
        for region in officers.list_regions()
    ]
    return form


def _rule_set_form() -> RuleSetForm:
    form = RuleSetForm()
    form.body.choices = [
        SelectChoice(body.id, f"{localized(body)} ({body.rule_set_code})")
        for body in officers.list_bodies()
    ]
    form.rule_set.choices = [
        SelectChoice(code, f"{code}: {law_text(rule_set.title)}")
        for code, rule_set in rule_sets().items()
    ]
    return form


def _officers_page(assign_form: AssignForm, status: int = 200):
    return render_template(
        "commission/admin/officers.html",
        rows=officers.list_officers(),
        assign_form=assign_form,
        unassign_form=UnassignForm(),
    ), status


@bp.get("/admin/officers")
@admin_required
def admin_officers():
    return _officers_page(_assign_form())


@bp.route("/admin/officers/new", methods=["GET", "POST"])
@admin_required
def admin_new_officer():
    form = OfficerForm()
    if form.validate_on_submit():
        with refusals_flashed(officers.OfficerError):
            officer = officers.create_officer(
                email=form.email.data,
                display_name=form.display_name.data,
                password=form.password.data,
                actor=current_user,
            )
            flash(_("Officer account %(email)s created.", email=officer.email), "success")
            return redirect(url_for("commission.admin_officers"))
    return render_template("commission/admin/officer_new.html", form=form)


@bp.post("/admin/assignments")
@admin_required
def admin_assign():
    form = _assign_form()
    if not form.validate_on_submit():
        return _officers_page(form, 400)
    body_id, region_id = form.target_ids()
    with refusals_flashed(officers.OfficerError):
        officers.assign(
            form.officer.data,
            body_id=body_id,
            region_id=region_id,
            actor=current_user,
            reason=form.reason.data or "",
        )
        flash(_("Assignment added."), "success")
    return redirect(url_for("commission.admin_officers"))


@bp.post("/admin/assignments/<id:assignment_id>/remove")
@admin_required
def admin_unassign(assignment_id: int):
    if UnassignForm().validate_on_submit():
        with refusals_flashed(officers.OfficerError):
            officers.unassign(assignment_id, actor=current_user)
            flash(_("Assignment removed."), "success")
    return redirect(url_for("commission.admin_officers"))


@bp.route("/admin/bodies", methods=["GET", "POST"])
@admin_required
def admin_bodies():
    form = _rule_set_form()
    if form.validate_on_submit():
        with refusals_flashed(officers.OfficerError):
            officers.change_rule_set(
                form.body.data, form.rule_set.data, actor=current_user, reason=form.reason.data
            )
            flash(_("Rule set changed; petitions started from now on follow it."), "success")
            return redirect(url_for("commission.admin_bodies"))
    return render_template(
        "commission/admin/bodies.html",
        bodies=officers.list_bodies(),
        form=form,
        rule_set_titles={code: law_text(rule_set.title) for code, rule_set in rule_sets().items()},
    )


def _deputy_account_form() -> DeputyAccountForm:
    form = DeputyAccountForm()
    form.deputy.choices = [
        SelectChoice(
            deputy.id,
            _(
                "%(name)s, %(constituency)s (%(body)s)",
                name=deputy.full_name,
                constituency=localized(deputy.constituency),
                body=localized(deputy.constituency.body),
            ),
        )
        for deputy in deputy_accounts.deputies_without_account()
    ]
    return form


@bp.route("/admin/deputies", methods=["GET", "POST"])
@admin_required
def admin_deputies():
    """Deputy accounts: the existing ones, and a form linking a new account to a deputy."""
    form = _deputy_account_form()
    if form.validate_on_submit():
        with refusals_flashed(officers.OfficerError):
            account = deputy_accounts.create_deputy_account(
                deputy_id=form.deputy.data,
                email=form.email.data,
                display_name=form.display_name.data or "",
                password=form.password.data,
                actor=current_user,
            )
            flash(_("Deputy account %(email)s created.", email=account.email), "success")
            return redirect(url_for("commission.admin_deputies"))
    return render_template(
        "commission/admin/deputies.html", accounts=deputy_accounts.deputy_accounts(), form=form
    )
