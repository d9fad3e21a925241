"""Voter verification: a citizen binds the account to their row on the voter register, on its
own page or together with a signature on the petition's page (``verify_and_sign``).

After a refusal the form comes back with the surname and date of birth as typed and the problem
at its field; the IIN is never sent back, not even with a mistake to correct.
"""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.citizen.blueprint import bp
from app.citizen.flashes import flash_refusal
from app.citizen.forms import VerifyAndSignForm, VoterVerificationForm
from app.models import Role
from app.permissions import role_required
from app.routing import safe_next
from app.services.petitions import queries as petition_queries
from app.services.signing import commands as signing
from app.services.signing import queries as sign_state
from app.services.signing import verification
from app.services.signing.one_step import verify_and_sign as verify_then_sign

#: Which field a refusal is about; the others (no match, locked, ...) are about the whole form.
_FIELD_OF = {
    verification.Outcome.INVALID_IIN: "iin",
    verification.Outcome.BAD_BIRTH_DATE: "birth_date",
}


def refusal_shown(form, result: verification.VerificationResult) -> None:
    """Put the refusal at its field, or above the form (``form.form_errors``)."""
    name = _FIELD_OF.get(result.outcome)
    (form[name].errors if name else form.form_errors).append(result.message)


def _form_page(template: str, form, **context):
    form.iin.data = ""
    notice = verification.lock_notice(current_user, datetime.now(UTC))
    return render_template(template, form=form, lock_notice=notice, **context)


@bp.route("/account/voter", methods=["GET", "POST"])
@role_required(Role.CITIZEN)
def verify():
    form = VoterVerificationForm()
    next_url = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        result = verification.verify_voter(
            current_user.id,
            form.iin.data,
            form.last_name.data,
            form.birth_date.data,
            now=datetime.now(UTC),
        )
        if result.verified:
            flash(result.message, "info")
            return redirect(next_url or url_for("citizen.verify"))
        refusal_shown(form, result)
    elif current_user.is_verified_voter:
        page = sign_state.voter_page(current_user, datetime.now(UTC))
        return render_template(
            "citizen/voter.html",
            place=page.place,
            memberships=page.memberships,
            statuses=page.statuses,
        )
    return _form_page("citizen/verify.html", form, action=url_for("citizen.verify", next=next_url))


@bp.route("/petitions/<id:petition_id>/verify-and-sign", methods=["GET", "POST"])
@role_required(Role.CITIZEN)
def verify_and_sign(petition_id: int):
    """One page for both steps; the petition page's sign box posts here too."""
    petition = petition_queries.get_public_petition(petition_id)
    form = VerifyAndSignForm()
    if current_user.is_verified_voter and request.method == "GET":
        return redirect(url_for("public.petition", petition_id=petition_id))
    if form.validate_on_submit():
        try:
            done = verify_then_sign(
                petition_id,
                current_user.id,
                iin=form.iin.data,
                last_name=form.last_name.data,
                birth_date_text=form.birth_date.data,
                now=datetime.now(UTC),
                follow=form.follow.data,
            )
        except signing.SigningRefused as refused:
            flash_refusal(refused.message, voter=refused.voter, deputy=refused.deputy)
            return redirect(url_for("public.petition", petition_id=petition_id))
        if done.signature is not None:
            flash(_signed_message(done), "info")
            return redirect(url_for("citizen.receipt", petition_id=petition_id))
        refusal_shown(form, done.verification)
    return _form_page("citizen/verify_and_sign.html", form, petition=petition)


def _signed_message(done) -> str:
    code = done.signature.receipt_code
    if done.already:
        return _("You have already signed this petition. Your receipt code is %(code)s.", code=code)
    return _(
        "You are verified as a voter and your signature is recorded. Receipt code: %(code)s.",
        code=code,
    )
