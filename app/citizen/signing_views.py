"""Signing a petition, its receipt, and "My signatures" with withdrawal."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.citizen.blueprint import bp
from app.citizen.flashes import flash_refusal
from app.citizen.forms import FollowForm, SignForm
from app.models import Role
from app.permissions import role_required
from app.services.notifications import preferences
from app.services.signing import commands as signing
from app.services.signing import queries as sign_state
from app.services.transparency.queries import log_receipt
from app.views import confirmation, is_confirmed, refusals_flashed


@bp.route("/petitions/<id:petition_id>/sign", methods=["GET", "POST"])
@role_required(Role.CITIZEN)
def sign(petition_id: int):
    """POST signs; GET (e.g. back from signing in) leads to the petition page and its form."""
    petition_page = url_for("public.petition", petition_id=petition_id)
    form = SignForm()
    if not form.validate_on_submit():
        for error in form.confirm.errors:
            flash(error, "error")
        return redirect(petition_page)
    try:
        signature = signing.sign_petition(
            petition_id, current_user.id, now=datetime.now(UTC), follow=form.follow.data
        )
    except signing.AlreadySigned as already:
        code = already.signature.receipt_code
        flash(
            _("You have already signed this petition. Your receipt code is %(code)s.", code=code),
            "info",
        )
    except signing.SigningRefused as refused:
        flash_refusal(refused.message, voter=refused.voter, deputy=refused.deputy)
        return redirect(petition_page)
    else:
        code = signature.receipt_code
        flash(
            _("Thank you: your signature is recorded. Your receipt code is %(code)s.", code=code),
            "info",
        )
    return redirect(url_for("citizen.receipt", petition_id=petition_id))


@bp.get("/petitions/<id:petition_id>/receipt")
@role_required(Role.CITIZEN)
def receipt(petition_id: int):
    signature = sign_state.user_signature(petition_id, current_user)
    if signature is None:
        flash(_("You have not signed this petition."), "error")
        return redirect(url_for("public.petition", petition_id=petition_id))
    return render_template(
        "citizen/receipt.html",
        signature=signature,
        following=preferences.is_following(petition_id, current_user.id),
        log=log_receipt(signature.id),
    )


@bp.post("/petitions/<id:petition_id>/follow")
@role_required(Role.CITIZEN)
def follow(petition_id: int):
    """Start (``follow`` ticked) or stop following a petition the user signed."""
    form = FollowForm()
    if not form.validate_on_submit():
        return redirect(url_for("citizen.receipt", petition_id=petition_id))
    wanted = bool(form.follow.data)
    with refusals_flashed(preferences.PreferenceError):
        preferences.set_following(petition_id, current_user.id, wanted, now=datetime.now(UTC))
        if wanted:
            flash(_("We will send you updates about this petition."), "info")
        else:
            flash(_("You no longer follow this petition."), "info")
        return redirect(url_for("citizen.receipt", petition_id=petition_id))
    return redirect(url_for("public.petition", petition_id=petition_id))


@bp.get("/account/signatures")
@role_required(Role.CITIZEN)
def signatures():
    rows = sign_state.my_signatures(current_user.id, datetime.now(UTC))
    return render_template("citizen/signatures.html", rows=rows)


@bp.post("/account/signatures/<id:signature_id>/withdraw")
@role_required(Role.CITIZEN)
def withdraw_signature(signature_id: int):
    """The first POST asks to confirm (a withdrawn signature no longer counts); the second acts."""
    if not is_confirmed():
        return confirmation(
            title=_("Withdraw your signature?"),
            message=_(
                "Your signature will no longer count toward the petition. You can sign again "
                "while collection is open."
            ),
            button=_("Withdraw my signature"),
            cancel=url_for("citizen.signatures"),
            danger=True,
        )
    with refusals_flashed(signing.SigningRefused):
        signing.withdraw_signature(signature_id, current_user.id, now=datetime.now(UTC))
        flash(_("Your signature is withdrawn: it no longer counts."), "info")
    return redirect(url_for("citizen.signatures"))
