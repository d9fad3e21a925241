"""Objecting to the invalidation of a signature, by its receipt code (signed in or not)."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.public.blueprint import bp
from app.public.forms import ObjectionForm
from app.services.objections import commands as objections
from app.views import refusals_flashed


@bp.route("/objection", methods=["GET", "POST"])
def objection():
    form = ObjectionForm()
    if form.validate_on_submit():
        user_id = current_user.id if current_user.is_authenticated else None
        with refusals_flashed(objections.ObjectionError):
            objections.object_by_receipt(
                form.receipt_code.data,
                form.statement.data,
                user_id=user_id,
                now=datetime.now(UTC),
            )
            flash(
                _("Your objection is sent; the election commission decides and tells you why."),
                "success",
            )
            return redirect(url_for("public.objection"))
    return render_template("public/objection.html", form=form)
