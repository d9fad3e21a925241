"""Voter verification: a citizen binds the account to their row on the voter register."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app import limits
from app.citizen.blueprint import bp
from app.citizen.forms import VoterVerificationForm
from app.models import Role
from app.permissions import role_required
from app.services.signing import queries as sign_state
from app.services.signing import verification


@bp.route("/account/voter", methods=["GET", "POST"])
@role_required(Role.CITIZEN)
def verify():
    form = VoterVerificationForm()
    if form.validate_on_submit():
        result = verification.verify_voter(
            current_user.id,
            form.iin.data,
            form.last_name.data,
            form.birth_date.data,
            now=datetime.now(UTC),
        )
        if not result.verified:
            limits.count_failure()
        flash(result.message, "info" if result.verified else "error")
        return redirect(url_for("citizen.verify"))
    if current_user.is_verified_voter:
        page = sign_state.voter_page(current_user, datetime.now(UTC))
        return render_template(
            "citizen/voter.html",
            place=page.place,
            memberships=page.memberships,
            statuses=page.statuses,
        )
    form.iin.data = ""  # the IIN is never sent back, not even with a mistake to correct
    notice = verification.lock_notice(current_user, datetime.now(UTC))
    return render_template("citizen/verify.html", form=form, lock_notice=notice)
