"""Signing with eGov Mobile: a page with a QR code of the link a mobile signing app opens to
fetch the data to sign and post the CMS back (the JSON API in ``app.api.eds_routes``)."""

from datetime import UTC, datetime

import segno
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from markupsafe import Markup

from app.models import Role
from app.public.blueprint import bp
from app.public.forms import EdsMobileForm
from app.routing import external_url
from app.services.signing import eds_challenges
from app.services.signing.eds_refusals import EdsRefused


def qr_svg(link: str) -> Markup:
    """The link as an inline SVG QR code (segno, error correction M, no script, no style)."""
    code = segno.make(link, error="m", micro=False)
    return Markup(code.svg_inline(scale=5, dark="#111", light="#fff", omitsize=False))


@bp.post("/petitions/<id:petition_id>/eds/mobile")
def eds_mobile_start(petition_id: int):
    if not EdsMobileForm().validate_on_submit():
        return redirect(url_for("public.petition", petition_id=petition_id))
    citizen = current_user.is_authenticated and current_user.role is Role.CITIZEN
    try:
        found = eds_challenges.issue_challenge(
            petition_id, user_id=current_user.id if citizen else None, now=datetime.now(UTC)
        )
    except EdsRefused as refused:
        flash(refused.message, "error")
        return redirect(url_for("public.petition", petition_id=petition_id))
    return redirect(url_for("public.eds_mobile", petition_id=petition_id, token=found.token))


@bp.get("/petitions/<id:petition_id>/eds/mobile/<token>")
def eds_mobile(petition_id: int, token: str):
    found = eds_challenges.challenge_state(token, datetime.now(UTC))
    if found is None or found.petition_id != petition_id:
        abort(404)
    link = external_url("api.eds_challenge_state", token=token)
    return render_template(
        "public/eds_mobile.html",
        challenge=found,
        link=link,
        qr=qr_svg(link) if found.state == "open" else None,
        petition_id=petition_id,
    )
